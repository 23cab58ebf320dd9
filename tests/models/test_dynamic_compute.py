"""DynamicComputeRace: a step-by-step innovation race (Aghion, Harris, Howitt
& Vickers 2001) as a stochastic game. Equilibria are certified by their
one-shot deviation gains; lead statistics are checked against closed forms
(geometric lead durations without investment) and against the induced
Markov chain, and the claim "a lead is temporary" is checked as an outcome:
leads shorten as spillovers rise at the defaults."""

from __future__ import annotations

import numpy as np
import pytest

from stratgame.exceptions import InvalidParameterError
from stratgame.models import MODELS, DynamicComputeRace
from stratgame.solvers.stochastic import solve_stochastic


def _solve(model):
    game = model.game()
    eq = solve_stochastic(game).equilibria[0]
    assert eq.relative_regret <= 1e-8  # the certificate
    return game, eq


@pytest.mark.parametrize(
    "params",
    [{}, {"spillover": 0.4}, {"export_control": 1.0}, {"spillover": 0.0}],
)
def test_equilibria_are_certified_markov_perfect(params):
    model = DynamicComputeRace(**params)
    game, eq = _solve(model)
    assert game.is_markov_perfect(eq.strategies, tol=1e-8)


def test_transitions_follow_the_advance_and_depreciation_probabilities():
    model = DynamicComputeRace(max_gap=2, depreciation=0.2, spillover=0.3)
    P = model.advance_probabilities((0.5, 0.0), gap=-1)  # side 1 behind
    # side 1 advances by investment or imitation: 1 - 0.5 * 0.7
    assert P[1].sum() == pytest.approx(0.65)
    assert P[:, 1].sum() == pytest.approx(0.0)
    game = model.game()
    for s in range(game.n_states):
        np.testing.assert_allclose(game.transitions[s].sum(axis=-1), 1.0)


@pytest.mark.parametrize("params", [{"discount": 0.0}, {"decisiveness": 0.0}])
def test_nobody_invests_when_the_future_or_the_lead_is_worthless(params):
    model = DynamicComputeRace(**params)
    _, eq = _solve(model)
    for per_state in eq.strategies:
        for strategy in per_state:
            assert strategy[0] == pytest.approx(1.0)  # hold


@pytest.mark.parametrize("h, delta", [(0.0, 0.1), (0.2, 0.1), (0.5, 0.3)])
def test_lead_duration_without_investment_is_geometric(h, delta):
    # discount 0: nobody invests; max_gap 1: the closed form of the docstring
    model = DynamicComputeRace(max_gap=1, spillover=h, depreciation=delta, discount=0)
    game, eq = _solve(model)
    stats = model.lead_statistics(eq, game)
    expected = model.closed_form()["lead_duration_without_investment"]
    assert stats["expected_lead_duration"] == pytest.approx(expected)


def test_lead_statistics_agree_with_the_induced_chain():
    model = DynamicComputeRace()
    game, eq = _solve(model)
    stats = model.lead_statistics(eq, game)
    P = eq.transition_matrix()
    pi = stats["stationary"]
    np.testing.assert_allclose(pi @ P, pi, atol=1e-12)
    assert pi.sum() == pytest.approx(1.0)
    # the spell length lies between the shortest and longest one-step leads
    durations = list(stats["lead_duration_by_state"].values())
    hit = eq.hitting_times(np.asarray(model.gaps) <= 0)
    assert stats["lead_duration_by_state"]["US +1"] == pytest.approx(
        hit[list(game.states).index("US +1")]
    )
    assert min(durations) - 1e-9 <= stats["expected_lead_duration"]
    # symmetric sides: each leads equally often, the mean gap is 0
    a, b = stats["leader_probability"]
    assert a == pytest.approx(b, abs=1e-9)
    assert stats["expected_gap"] == pytest.approx(0.0, abs=1e-9)


def test_a_lead_lasts_less_long_as_spillover_rises_at_the_defaults():
    durations = []
    for h in np.linspace(0.0, 1.0, 11):
        model = DynamicComputeRace(spillover=float(h))
        game, eq = _solve(model)
        durations.append(model.lead_statistics(eq, game)["expected_lead_duration"])
    assert np.all(np.diff(durations) < 0)


def test_export_controls_shift_the_long_run_lead_to_the_controller():
    base = DynamicComputeRace()
    controlled = base.replace(export_control=1.0)
    stats = {}
    for name, model in (("base", base), ("controlled", controlled)):
        game, eq = _solve(model)
        stats[name] = model.lead_statistics(eq, game)
    us, china = stats["controlled"]["leader_probability"]
    assert us > china
    assert stats["controlled"]["expected_gap"] > stats["base"]["expected_gap"]


def test_effort_by_gap_reads_the_equilibrium():
    model = DynamicComputeRace()
    _, eq = _solve(model)
    efforts = model.effort_by_gap(eq)
    for name in ("neck_and_neck", "leader", "laggard"):
        assert efforts[name].shape == (2,)
        assert np.all((0 <= efforts[name]) & (efforts[name] <= max(model.efforts)))


def test_parameters_are_validated_and_registered():
    assert MODELS["dynamic_compute_race"] is DynamicComputeRace
    with pytest.raises(InvalidParameterError, match="efforts"):
        DynamicComputeRace(efforts=(0.2, 0.5))
    with pytest.raises(InvalidParameterError, match="spillover"):
        DynamicComputeRace(spillover=1.5)
    with pytest.raises(InvalidParameterError, match="max_gap"):
        DynamicComputeRace(max_gap=0)
    with pytest.raises(InvalidParameterError, match="catch_up_discount"):
        DynamicComputeRace(catch_up_discount="yes")
