"""Exact payoffs of automaton profiles: closed forms, series, simulation."""

import itertools
import math
from collections import defaultdict
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.repeated import (
    Automaton,
    RepeatedGame,
    alternator,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    match,
    random_strategy,
    tit_for_tat,
    tournament,
    win_stay_lose_shift,
)
from stratgame.repeated.play import _simulate


def prisoners_dilemma(T, R, P, S):
    return sg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])


PD = prisoners_dilemma(5, 3, 1, 0)
T, R, P, S = 5, 3, 1, 0


def test_tit_for_tat_scores_600_over_200_turns():
    totals = RepeatedGame(PD, 1, horizon=200, normalized=False).discounted_payoffs(
        (tit_for_tat(), tit_for_tat())
    )
    assert totals.tolist() == [600, 600]
    assert match(PD, (tit_for_tat(), tit_for_tat()), 200).totals.tolist() == [600, 600]


@pytest.mark.parametrize("delta", [0.3, 0.75, 0.95])
def test_closed_forms(delta):
    rg = RepeatedGame(PD, delta)
    d = delta
    expected = {
        (tit_for_tat(), always_defect()): ((1 - d) * S + d * P, (1 - d) * T + d * P),
        (always_cooperate(), always_defect()): (S, T),
        (alternator(), always_cooperate()): (
            (R + d * T) / (1 + d),
            (R + d * S) / (1 + d),
        ),
        (tit_for_tat(), alternator()): (
            (1 - d) * R + d * (S + d * T) / (1 + d),
            (1 - d) * R + d * (T + d * S) / (1 + d),
        ),
        # grim: R, S, then T, P, T, P, ... against the alternation C, D, C, D
        (grim_trigger(), alternator()): (
            (1 - d) * (R + d * S) + d**2 * (T + d * P) / (1 + d),
            (1 - d) * (R + d * T) + d**2 * (S + d * P) / (1 + d),
        ),
    }
    for profile, values in expected.items():
        got = rg.discounted_payoffs(profile)
        np.testing.assert_allclose(got, values, rtol=1e-12)


def test_plain_sum_and_finite_horizon_normalization():
    profile = (tit_for_tat(), alternator())
    normalized = RepeatedGame(PD, 0.8).discounted_payoffs(profile)
    plain = RepeatedGame(PD, 0.8, normalized=False).discounted_payoffs(profile)
    np.testing.assert_allclose(plain * 0.2, normalized)
    short = RepeatedGame(PD, 0.8, horizon=7, normalized=False).discounted_payoffs(
        profile
    )
    history = match(PD, profile, 7).payoffs
    np.testing.assert_allclose(short, (0.8 ** np.arange(7)) @ history)
    average = RepeatedGame(PD, 0.8, horizon=7).discounted_payoffs(profile)
    np.testing.assert_allclose(average * (1 - 0.8**7) / 0.2, short)


def test_exact_payoffs_with_noise_match_floats():
    rg = RepeatedGame(PD, Fraction(9, 10))
    profile = (win_stay_lose_shift(), generous_tit_for_tat(Fraction(1, 3)))
    exact = rg.discounted_payoffs(profile, Fraction(1, 20), exact=True)
    assert all(isinstance(x, Fraction) for x in exact)
    floats = RepeatedGame(PD, 0.9).discounted_payoffs(profile, 0.05)
    np.testing.assert_allclose(exact.astype(float), floats, rtol=1e-12)


def test_exact_needs_exact_inputs():
    with pytest.raises(ValueError, match="exact discount"):
        RepeatedGame(PD, 0.9).discounted_payoffs((tit_for_tat(),) * 2, exact=True)
    float_pd = sg.NormalFormGame.from_bimatrix([[3.5, 0], [5, 1]], [[3.5, 5], [0, 1]])
    with pytest.raises(sg.InvalidGameError, match="exact payoffs"):
        RepeatedGame(float_pd, Fraction(1, 2)).discounted_payoffs(
            (tit_for_tat(),) * 2, exact=True
        )


@pytest.mark.parametrize("discount", [0, 1, 1.5, -0.1, math.nan, "0.9", True])
def test_discount_outside_the_unit_interval(discount):
    with pytest.raises(ValueError, match=r"'discount' parameter of RepeatedGame"):
        RepeatedGame(PD, discount)


def test_other_bad_parameters():
    with pytest.raises(ValueError, match="horizon"):
        RepeatedGame(PD, 0.9, horizon=0)
    with pytest.raises(ValueError, match="discount"):
        RepeatedGame(PD, 1.2, horizon=10)
    with pytest.raises(ValueError, match="noise"):
        RepeatedGame(PD, 0.9).discounted_payoffs((tit_for_tat(),) * 2, noise=-0.1)
    with pytest.raises(sg.InvalidGameError, match="NormalFormGame"):
        RepeatedGame([[1, 2], [3, 4]], 0.9)


def test_long_run_average_of_noisy_tit_for_tat_is_the_mean_payoff():
    # With any noise, tit-for-tat against itself visits the four outcomes
    # equally often in the long run (Molander 1985).
    average = RepeatedGame(PD, 0.9).average_payoffs((tit_for_tat(),) * 2, noise=0.1)
    np.testing.assert_allclose(average, [(T + R + P + S) / 4] * 2)


def test_long_run_average_is_the_limit_of_discounted_payoffs():
    profiles = [
        (win_stay_lose_shift(), win_stay_lose_shift()),
        (grim_trigger(), generous_tit_for_tat(0.3)),
        (alternator(), tit_for_tat()),
    ]
    for profile in profiles:
        for noise in (0.0, 0.05):
            average = RepeatedGame(PD, 0.5).average_payoffs(profile, noise)
            patient = RepeatedGame(PD, 1 - 1e-7).discounted_payoffs(profile, noise)
            np.testing.assert_allclose(average, patient, atol=1e-5)


def test_noisy_exact_payoffs_agree_with_simulation():
    delta, noise, copies, turns = 0.9, 0.05, 4000, 220
    profile = (generous_tit_for_tat(0.3), win_stay_lose_shift())
    exact = RepeatedGame(PD, delta).discounted_payoffs(profile, noise)
    _, payoffs = _simulate(PD, profile, turns, copies, noise, np.random.default_rng(7))
    samples = (1 - delta) * np.einsum("t,ctn->cn", delta ** np.arange(turns), payoffs)
    error = np.abs(samples.mean(axis=0) - exact)
    standard_error = samples.std(axis=0) / np.sqrt(copies)
    assert np.all(error < 4 * standard_error + delta**turns * T)


def test_noisy_finite_horizon_totals_agree_with_a_tournament():
    profile = [tit_for_tat(), random_strategy(0.4)]
    result = tournament(
        PD, profile, turns=50, repetitions=3000, noise=0.1, rng=3, self_play=False
    )
    exact = RepeatedGame(PD, 1, horizon=50).discounted_payoffs(profile, 0.1)
    per_turn = result.scores[:, 0]
    assert abs(per_turn.mean() - exact[0]) < 4 * per_turn.std() / np.sqrt(3000)


def _public_goods(n=3, r=1.8):
    """Each contributes 1 (action 0) or not; the pot times r is shared."""
    payoffs = []
    for i in range(n):
        u = np.zeros((2,) * n)
        for a in itertools.product((0, 1), repeat=n):
            pot = r * sum(1 for x in a if x == 0)
            u[a] = pot / n - (1 if a[i] == 0 else 0)
        payoffs.append(u)
    return sg.NormalFormGame(payoffs)


def test_three_player_grim_trigger_payoffs():
    game = _public_goods()
    profile = (grim_trigger(3),) * 3
    rg = RepeatedGame(game, 0.9)
    np.testing.assert_allclose(rg.discounted_payoffs(profile), [0.8] * 3)
    noisy = rg.discounted_payoffs(profile, 0.02)
    copies, turns = 3000, 200
    _, payoffs = _simulate(game, profile, turns, copies, 0.02, np.random.default_rng(1))
    samples = 0.1 * np.einsum("t,ctn->cn", 0.9 ** np.arange(turns), payoffs)
    error = np.abs(samples.mean(axis=0) - noisy)
    assert np.all(error < 4 * samples.std(axis=0) / np.sqrt(copies) + 1e-8)


def _series(game, automata, delta, noise, turns):
    """Discounted value by pushing the distribution of joint states forward,
    written independently of the library's Markov chain."""
    n = game.n_players
    dist = {tuple(m.initial for m in automata): 1.0}
    total = np.zeros(n)
    for t in range(turns):
        new = defaultdict(float)
        for w, p in dist.items():
            probs = []
            for i, m in enumerate(automata):
                q = m.policy[w[i]]
                k = len(q)
                probs.append(
                    q * (1 - noise) + (1 - q) * noise / (k - 1) if k > 1 else q
                )
            for a in itertools.product(*(range(k) for k in game.shape)):
                pa = p * np.prod([probs[i][a[i]] for i in range(n)])
                if pa == 0:
                    continue
                total += pa * delta**t * game[a]
                nxt = tuple(
                    m.next_state(w[i], a[i], tuple(a[j] for j in range(n) if j != i))
                    for i, m in enumerate(automata)
                )
                new[nxt] += pa
        dist = new
    return (1 - delta) * total


@st.composite
def automata(draw):
    n_states = draw(st.integers(1, 3))
    actions = []
    for _ in range(n_states):
        if draw(st.booleans()):
            actions.append(draw(st.integers(0, 1)))
        else:
            p = draw(st.floats(0, 1))
            actions.append([p, 1 - p])
    table = draw(
        st.lists(
            st.integers(0, n_states - 1), min_size=4 * n_states, max_size=4 * n_states
        )
    )
    return Automaton(actions, np.array(table).reshape(n_states, 2, 2))


@settings(max_examples=20, deadline=None)
@given(
    a=automata(),
    b=automata(),
    payoffs=st.lists(st.integers(-5, 5), min_size=8, max_size=8),
    noise=st.sampled_from([0.0, 0.1]),
)
def test_exact_payoffs_equal_the_discounted_series(a, b, payoffs, noise):
    game = sg.NormalFormGame(np.array(payoffs).reshape(2, 2, 2))
    delta = 0.6
    exact = RepeatedGame(game, delta).discounted_payoffs((a, b), noise)
    np.testing.assert_allclose(
        exact, _series(game, (a, b), delta, noise, 70), atol=1e-12
    )
