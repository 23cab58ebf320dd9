"""DynamicAdoptionRace: an adoption race in one shared market (stochastic
Bass diffusion with logit choice, network effects and switching costs) as a
stochastic game. Equilibria are certified by their one-shot deviation
gains; the diffusion is checked against the stochastic Bass fill time, the
long run against the product form of the switching birth-death chain, and
the claim "adoption speed beats model size" is checked as an outcome that
responds to the incumbent's quality and to lock-in."""

from __future__ import annotations

import numpy as np
import pytest

from stratgame.exceptions import InvalidParameterError
from stratgame.models import MODELS, DynamicAdoptionRace
from stratgame.solvers.stochastic import solve_stochastic


def _solve(model):
    game = model.game()
    eq = solve_stochastic(game).equilibria[0]
    assert eq.relative_regret <= 1e-8  # the certificate
    return game, eq


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"switching_cost": 0.0, "network_effect": 0.0},
        {"switching_cost": 2.0},
        {"network_effect": 2.0},
        {"switching_cost": 1.0, "network_effect": 1.0},
    ],
)
def test_equilibria_are_certified_markov_perfect(params):
    model = DynamicAdoptionRace(**params)
    game, eq = _solve(model)
    assert game.is_markov_perfect(eq.strategies, tol=1e-8)


def test_events_follow_bass_logit_and_switching():
    model = DynamicAdoptionRace(market_units=4)
    prices, base = (1.0, 0.0), (1, 2)
    events = model.event_probabilities(prices, base)
    u = model.utilities(prices, base)
    mu = model.taste_dispersion
    choice = np.exp(u / mu) / (1 + np.exp(u / mu).sum())
    s = np.array(base) / 4
    spread = np.array([1.0, model.open_word_of_mouth])  # lab 2 is open
    bass = (1 - s.sum()) * (model.innovation + model.imitation * spread * s)
    np.testing.assert_allclose(events["recruit"], bass * choice)
    k = model.switching_cost
    to_2 = 1 / (1 + np.exp((u[0] - u[1] + k) / mu))
    assert events["switch"][0] == pytest.approx(model.churn * s[0] * to_2)
    game = model.game()
    for step in game.transitions:
        np.testing.assert_allclose(step.sum(axis=-1), 1.0)
        assert step.min() >= 0


def test_fill_time_is_the_stochastic_bass_birth_process():
    # equal qualities, no network effect: the choice does not move with the
    # base and the total adoption is Niu's birth process
    model = DynamicAdoptionRace(
        quality=(1.0, 1.0),
        serving_cost=(0.2, 0.2),
        network_effect=0.0,
        initial_base=(0, 0),
    )
    game = model.game()
    both_open = [("open", "open")] * game.n_states
    full = [n1 + n2 == model.market_units for n1, n2 in model.bases]
    times = game.hitting_times(both_open, np.array(full))
    expected = model.closed_form()["fill_time_both_open"]
    assert times[game.states.index("0:0")] == pytest.approx(expected)


@pytest.mark.parametrize("params", [{}, {"switching_cost": 2.0, "churn": 0.3}])
def test_long_run_is_the_product_form_of_the_switching_chain(params):
    model = DynamicAdoptionRace(**params)
    game, eq = _solve(model)
    stationary = model.market_statistics(eq, game)["stationary"]
    N = model.market_units
    full = [model.bases.index((n1, N - n1)) for n1 in range(N + 1)]
    np.testing.assert_allclose(
        stationary[full], model.full_market_distribution(eq), atol=1e-10
    )
    assert stationary[full].sum() == pytest.approx(1.0)


def test_without_churn_the_full_market_is_locked_in():
    model = DynamicAdoptionRace(churn=0.0)
    _, eq = _solve(model)
    P = eq.transition_matrix()
    N = model.market_units
    for n1 in range(N + 1):
        s = model.bases.index((n1, N - n1))
        assert P[s, s] == pytest.approx(1.0)
    with pytest.raises(InvalidParameterError, match="churn"):
        model.full_market_distribution(eq)


def test_myopic_labs_charge_the_top_price_to_their_users():
    model = DynamicAdoptionRace(discount=0.0)
    _, eq = _solve(model)
    for s, (n1, n2) in enumerate(model.bases):
        for i, n in enumerate((n1, n2)):
            if n > 0:  # the stage profit (p - c) s is largest at p = 1
                assert eq.strategies[s][i][-1] == pytest.approx(1.0)


def test_identical_labs_share_the_market_equally():
    model = DynamicAdoptionRace(
        quality=(1.0, 1.0), serving_cost=(0.2, 0.2), initial_base=(0, 0)
    )
    game, eq = _solve(model)
    stats = model.market_statistics(eq, game)
    a, b = stats["share_at_horizon"]
    assert a == pytest.approx(b, abs=1e-8)
    np.testing.assert_allclose(stats["long_run_share"], 0.5, atol=1e-8)


def _race_margin(model):
    game, eq = _solve(model)
    share = model.market_statistics(eq, game)["share_at_horizon"]
    return share[1] - share[0]


def test_the_entrant_wins_a_free_race_against_a_slightly_better_model_only():
    free = DynamicAdoptionRace(switching_cost=0.0, network_effect=0.0)
    margins = [_race_margin(free.replace(quality=(q, 1.0))) for q in (1.0, 1.05, 1.2)]
    assert margins[0] > 0 and margins[1] > 0  # speed beats a 5% better model
    assert margins[2] < 0  # not a 20% better one
    assert np.all(np.diff(margins) < 0)


def test_lock_in_turns_the_head_start_into_a_lead():
    free = DynamicAdoptionRace(
        quality=(1.0, 1.0), switching_cost=0.0, network_effect=0.0
    )
    locked = free.replace(switching_cost=1.0, network_effect=1.0)
    assert _race_margin(free) > 0
    assert _race_margin(locked) < 0


def test_parameters_are_validated_and_registered():
    assert MODELS["dynamic_adoption_race"] is DynamicAdoptionRace
    with pytest.raises(InvalidParameterError, match="prices"):
        DynamicAdoptionRace(prices=(1.0, 0.5))
    with pytest.raises(InvalidParameterError, match="open_word_of_mouth"):
        DynamicAdoptionRace(innovation=0.5, imitation=0.4)
    with pytest.raises(InvalidParameterError, match="initial_base"):
        DynamicAdoptionRace(market_units=2, initial_base=(2, 1))
    with pytest.raises(InvalidParameterError, match="quality"):
        DynamicAdoptionRace(quality=(1.0,))
    with pytest.raises(InvalidParameterError, match="switching_cost"):
        DynamicAdoptionRace(switching_cost=-1)
