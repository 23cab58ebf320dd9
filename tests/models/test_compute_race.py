"""ComputeRace: Tullock contest closed forms (Tullock 1980; Nti 1999 for two
asymmetric players with exponent gamma <= 1; Stein 2002 for n players)."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError, InvalidProfileError
from stratgame.models import ComputeRace

TWO_PLAYER = [
    dict(prize=100, compute_price=(1, 2), quality=(1, 1)),
    dict(prize=50, compute_price=(1, 1), quality=(2, 1)),
    dict(prize=80, compute_price=(1, 3), quality=(1.5, 1), decisiveness=0.6),
]


@pytest.mark.parametrize("params", TWO_PLAYER)
def test_two_player_closed_form_and_numerics(params):
    race = ComputeRace(**params)
    closed = race.closed_form()
    c = race.unit_costs
    if race.decisiveness == 1:
        # K_i = V c_j / (c_i + c_j)^2
        V = race.prize
        np.testing.assert_allclose(
            closed["capital"], [V * c[1] / c.sum() ** 2, V * c[0] / c.sum() ** 2]
        )
    eq = sg.solve(race.game(), rng=0, n_starts=1).equilibria[0]
    np.testing.assert_allclose(eq.actions, closed["compute"], rtol=1e-5)
    np.testing.assert_allclose(eq.payoffs, closed["payoffs"], rtol=1e-6)
    np.testing.assert_allclose(race.shares(eq.actions), closed["share"], rtol=1e-5)
    # Nti (1999): equal spending in equilibrium
    assert closed["spending"][0] == pytest.approx(closed["spending"][1])


def test_n_players_stein_active_set():
    # c = (1, 1.2, 3): the third is priced out (3 >= (1 + 1.2 + 3) / 2).
    race = ComputeRace(prize=50, compute_price=(1, 1.2, 3), quality=(1, 1, 1))
    closed = race.closed_form()
    assert closed["capital"][2] == 0
    total = 50 * 1 / 2.2  # X = V (m - 1) / sum of active costs
    np.testing.assert_allclose(
        closed["capital"][:2], [total * (1 - c * total / 50) for c in (1, 1.2)]
    )
    eq = sg.solve(race.game(), rng=0, n_starts=1).equilibria[0]
    np.testing.assert_allclose(eq.actions, closed["compute"], atol=1e-5)


def test_n_players_all_active():
    # c = (1, 1.2, 1.5): all three active (1.5 < 3.7 / 2); X = 2 V / 3.7 and
    # K_i = X (1 - c_i X / V) (Stein 2002). Checked against the first-order
    # conditions V (X - K_i) / X^2 = c_i, then by the numerical solver.
    race = ComputeRace(prize=60, compute_price=(1, 1.2, 1.5), quality=(1, 1, 1))
    capital = race.closed_form()["capital"]
    total = capital.sum()
    assert total == pytest.approx(2 * 60 / 3.7)
    np.testing.assert_allclose(60 * (total - capital) / total**2, [1, 1.2, 1.5])
    eq = sg.solve(race.game(), rng=0, n_starts=1).equilibria[0]
    np.testing.assert_allclose(eq.actions, capital, rtol=1e-5)
    assert eq.regret <= 1e-9


def test_export_controls_and_the_quality_answer():
    base = ComputeRace(prize=100, compute_price=(1, 1), quality=(1, 1))
    controlled = base.with_export_controls(3.0)
    # win probability of the controller: c_2 / (c_1 + c_2) = 3/4
    assert controlled.closed_form()["share"][0] == pytest.approx(0.75)
    assert controlled.closed_form()["payoffs"][1] < base.closed_form()["payoffs"][1]
    answered = controlled.quality_offset(3.0)
    np.testing.assert_allclose(answered.closed_form()["share"], [0.5, 0.5])
    np.testing.assert_allclose(
        answered.closed_form()["payoffs"], base.closed_form()["payoffs"]
    )


def test_market_shares_dissipate_less():
    race = ComputeRace(prize=100, compute_price=(1, 1), quality=(1, 1))
    shared = race.with_market_shares(0.5)
    # symmetric: total spending gamma V (n - 1) / n
    assert shared.closed_form()["dissipation"] == pytest.approx(0.25)
    assert race.closed_form()["dissipation"] == pytest.approx(0.5)


def test_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="compute_price"):
        ComputeRace(compute_price=(1,), quality=(1,))
    with pytest.raises(InvalidParameterError, match="one compute price and one"):
        ComputeRace(compute_price=(1, 1, 1))
    with pytest.raises(InvalidParameterError, match="decisiveness"):
        ComputeRace(decisiveness=2)
    with pytest.raises(InvalidParameterError, match="player labels"):
        ComputeRace(players="US")
    with pytest.raises(InvalidParameterError, match="factor"):
        ComputeRace().with_export_controls(0.5)
    with pytest.raises(InvalidParameterError, match=r"'target' .* \[-2, 1\]"):
        ComputeRace().with_export_controls(2.0, target=2)
    with pytest.raises(InvalidParameterError, match="'target' parameter"):
        ComputeRace().quality_offset(2.0, target="China")
    assert ComputeRace().with_export_controls(2.0, target=0).compute_price == (
        2.0,
        1.0,
    )
    with pytest.raises(InvalidProfileError, match="one finite compute level"):
        ComputeRace().shares([1.0, 2.0, 3.0])
    with pytest.raises(InvalidProfileError, match="non-negative"):
        ComputeRace().utilities([-1.0, 2.0])
