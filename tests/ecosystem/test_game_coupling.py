"""Coupling adoption outcomes to games."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.ecosystem import (
    EcosystemError,
    PlatformMarket,
    adoption_game,
    adoption_threshold,
    edge_game,
    installed_base_payoffs,
    network_value,
)


def test_network_value_laws():
    base = np.array([0.0, 1.0, 10.0])
    assert network_value(base, 2.0).tolist() == [0.0, 2.0, 20.0]
    assert network_value(base, 1.0, "metcalfe").tolist() == [0.0, 1.0, 100.0]
    assert network_value(base, 1.0, "odlyzko") == pytest.approx(
        [0.0, 0.0, 10 * np.log(10)]
    )
    with pytest.raises(ValueError, match="'law' parameter"):
        network_value(base, 1.0, "reed")
    with pytest.raises(EcosystemError, match="non-negative"):
        network_value([-1.0])


def test_installed_base_payoffs():
    pay = installed_base_payoffs(
        [0.6, 0.3],
        market_size=1000,
        margin=[2.0, 5.0],
        fixed_cost=[100, 0],
        stand_alone=[1.0, 1.5],
        network_effect=0.001,
    )
    assert pay.installed_base.tolist() == [600.0, 300.0]
    assert pay.profit.tolist() == [1100.0, 1500.0]
    assert pay.user_value == pytest.approx([1.6, 1.8])
    assert "profit" in repr(pay)
    with pytest.raises(EcosystemError, match="sum to at most 1"):
        installed_base_payoffs([0.8, 0.4])
    with pytest.raises(EcosystemError, match="margin as a number or 2 numbers"):
        installed_base_payoffs([0.6, 0.3], margin=[1.0, 2.0, 3.0])
    with pytest.raises(EcosystemError, match="finite fixed_cost"):
        installed_base_payoffs([0.6, 0.3], fixed_cost=[np.nan, 0.0])


def test_edge_game_equilibria_and_risk_dominance():
    payoffs = [[3, 0], [0, 2]]
    g = edge_game(payoffs, ("A", "B"))
    assert g.actions == (("A", "B"), ("A", "B"))
    assert g.is_symmetric()
    pure = sg.solve(g, method="pure").equilibria
    assert len(pure) == 2
    q = adoption_threshold(payoffs)
    assert g.is_nash(([q, 1 - q], [q, 1 - q]))
    with pytest.raises(EcosystemError, match="square"):
        edge_game([[1, 2, 3]])


def test_adoption_game_payoffs_come_from_the_model():
    prices = (0.5, 1.0)

    def shares(profile):
        market = PlatformMarket([1.0, 1.0], price=list(profile), network_effect=0.5)
        return market.simulate([0.5, 0.5], 300).final

    def profit(profile, s):
        return [p * x for p, x in zip(profile, s, strict=True)]

    g = adoption_game([prices, prices], shares, profit, players=("lab", "rival"))
    assert g.players == ("lab", "rival")
    for i, a in enumerate(prices):
        for j, b in enumerate(prices):
            expected = profit((a, b), shares((a, b)))
            assert g.payoff_arrays[0][i, j] == pytest.approx(expected[0])
            assert g.payoff_arrays[1][i, j] == pytest.approx(expected[1])
    # Every pure equilibrium found is certified by the game itself.
    for eq in sg.solve(g, method="pure").equilibria:
        assert g.is_nash(eq.strategies)


def test_adoption_game_checks_outcomes():
    with pytest.raises(EcosystemError, match="one payoff per player"):
        adoption_game([(0, 1), (0, 1)], lambda profile: [1.0])
    with pytest.raises(EcosystemError, match="at least one action"):
        adoption_game([(), (0,)], lambda profile: [0.0, 0.0])
