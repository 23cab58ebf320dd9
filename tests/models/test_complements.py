"""Complements: Cournot (1838, ch. IX) complements with linear demand
Q = a - P, as in Economides & Salop (1992), J. Ind. Econ. 40(1): with m
independent monopolists and total cost C, Q = (a - C)/(m + 1), every markup
equals Q, P = (m a + C)/(m + 1); the integrated monopoly charges (a + C)/2.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import Complements


@pytest.mark.parametrize(
    "n, a, costs",
    [(1, 10, 0), (2, 10, (1, 3)), (4, 12, (1, 1, 2, 0)), (3, Fraction(7, 2), 1)],
)
def test_cournot_complements_closed_form(n, a, costs):
    stack = Complements(n_layers=n, a=a, costs=costs)
    cf = stack.closed_form()
    C = sum(costs) if isinstance(costs, tuple) else n * costs
    assert cf["output"] == Fraction(a - C, n + 1)  # exact inputs, exact answers
    assert cf["total_price"] == Fraction(n * a + C, n + 1)
    assert cf["total_price"] == sum(cf["prices"])
    assert cf["monopolist_profit"] == cf["output"] ** 2
    assert cf["consumer_surplus"] == cf["output"] ** 2 / 2
    assert cf["integrated_price"] == Fraction(a + C, 2)
    if n == 1:
        assert cf["total_price"] == cf["integrated_price"]
    else:  # the anticommons: dearer than one integrated monopolist
        assert cf["total_price"] > cf["integrated_price"]
        assert cf["industry_profit"] < cf["integrated_profit"]


@pytest.mark.parametrize(
    "params",
    [
        dict(n_layers=2, a=10, costs=(1, 3)),
        dict(n_layers=3, a=9, costs=0),
        dict(n_layers=4, a=12, costs=(1, 1, 2, 0), competitive=(2,)),
    ],
)
def test_price_equilibrium_numerically(params):
    stack = Complements(**params)
    cf = stack.closed_form()
    eq = sg.solve(stack.game(), n_starts=1, rng=0).equilibria[0]
    expected = [float(cf["prices"][k]) for k in stack.monopolists]
    np.testing.assert_allclose(np.ravel(eq.actions), expected, rtol=1e-6)
    np.testing.assert_allclose(eq.payoffs, float(cf["monopolist_profit"]), rtol=1e-6)


def test_commoditize_your_complement():
    stack = Complements(n_layers=2, a=10, costs=(2, 2), layers=("chips", "model"))
    before = stack.closed_form()
    opened = stack.commoditize("model")
    after = opened.closed_form()
    assert opened.monopolists == (0,)
    assert after["prices"][1] == 2  # the open layer is priced at cost
    # remaining profit ((a - C)/m)^2 up from ((a - C)/(m + 1))^2: factor 9/4
    assert after["monopolist_profit"] / before["monopolist_profit"] == Fraction(9, 4)
    assert after["consumer_surplus"] > before["consumer_surplus"]
    assert after["total_price"] < before["total_price"]
    assert opened.commoditize(1) is opened
    everything = opened.commoditize("chips").closed_form()
    assert everything["total_price"] == 4 and everything["output"] == 6


def test_each_chokepoint_raises_the_total_price():
    stack = Complements(n_layers=1, a=10, costs=1)
    prices = [stack.closed_form()["total_price"]]
    for _ in range(4):
        stack = stack.add_chokepoint(cost=1)
        prices.append(stack.closed_form()["total_price"])
    assert all(b > a for a, b in pairwise(prices))
    assert stack.layer_names[-1] == "layer 5"


def test_invalid_stacks():
    with pytest.raises(InvalidParameterError, match="'a'"):
        Complements(n_layers=2, a=3, costs=2)
    with pytest.raises(InvalidParameterError, match="costs"):
        Complements(n_layers=3, costs=(1, 2))
    with pytest.raises(InvalidParameterError, match="competitive"):
        Complements(n_layers=2, competitive=(2,))
    with pytest.raises(InvalidParameterError, match="no layer"):
        Complements().commoditize("energy")
    with pytest.raises(InvalidParameterError, match="no monopolist"):
        Complements(n_layers=1, competitive=(0,)).game()
