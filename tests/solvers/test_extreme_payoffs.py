"""Payoffs at and beyond the ends of the float range: a game whose payoffs
cannot be floats is refused when it is built, naming the entry; a game within
the range, even one whose payoff ranges overflow, gets from every registered
method either certified equilibria or a clear error (never an
``OverflowError`` from deep inside)."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidGameError, StratgameError
from stratgame.solvers import SOLVERS

BIG = 10**400


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (BIG, "1e+400"),
        (Fraction(BIG, 3), "3.3e+399"),
        (Decimal("-1e400"), "-1e+400"),
        (2 * 10**308, "2e+308"),
    ],
    ids=["int", "fraction", "decimal", "just-beyond"],
)
def test_payoffs_beyond_the_float_range_are_refused_naming_the_entry(value, shown):
    with pytest.raises(
        InvalidGameError, match=rf"entry \(1, 0\).*about {re.escape(shown)}\."
    ):
        sg.NormalFormGame.from_bimatrix([[0, 1], [value, 1]], [[1, 0], [0, 1]])


def test_the_largest_float_is_still_a_payoff():
    top = int(np.finfo(np.float64).max)
    g = sg.NormalFormGame.from_bimatrix([[top, 0], [0, 1]], [[1, 0], [0, 1]])
    assert g.is_exact and g.payoff_ranges[0] == float(top)


# Entries within the float range whose differences are not: a range of 2e308.
EXACT_EDGE = sg.NormalFormGame.from_bimatrix(
    [[10**308, -(10**308)], [0, 1]], [[1, 0], [-(10**308), 1]]
)
FLOAT_EDGE = sg.NormalFormGame.from_bimatrix(
    [[1e308, -1.7e308], [0.0, 1.0]], [[1.0, 0.0], [-1e308, 1.0]]
)
THREE_EDGE = sg.NormalFormGame(
    [[[[10**308, 0], [0, -(10**308)]], [[0, 1], [1, 0]]]] * 3
)


@pytest.mark.parametrize(
    "game", [EXACT_EDGE, FLOAT_EDGE, THREE_EDGE], ids=["exact", "float", "three"]
)
@pytest.mark.parametrize("method", sorted(SOLVERS))
def test_every_method_certifies_or_refuses_clearly(game, method):
    if method not in sg.solvers.available(game):
        with pytest.raises(InvalidGameError, match="does not apply"):
            sg.solve(game, method=method)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = sg.solve(game, method=method)
        except (StratgameError, ValueError) as error:
            assert not isinstance(error, OverflowError)
            assert "array must not contain" not in str(error)
            return
    for eq in result.equilibria:
        assert max(game.regret(eq.strategies, relative=True)) <= 1e-6


def test_exact_ranges_beyond_the_float_range_read_inf():
    assert EXACT_EDGE.payoff_ranges == (np.inf, 1e308)
    assert sg.solve(EXACT_EDGE, method="enumerate", exact=True).complete
