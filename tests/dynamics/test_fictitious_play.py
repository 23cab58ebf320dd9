"""Fictitious play and stochastic fictitious play."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.dynamics import (
    fictitious_play,
    logit_dynamics,
    stochastic_fictitious_play,
)
from stratgame.dynamics.fictitious_play import _play_general, _play_two_players


def test_zero_sum_beliefs_converge_to_the_equilibrium(matching_pennies):
    # Robinson (1951): in two-player zero-sum games the empirical frequencies
    # of fictitious play converge to the equilibrium set.
    regrets = [fictitious_play(matching_pennies, t).regret for t in (200, 2000, 20000)]
    assert regrets[0] > regrets[1] > regrets[2]
    assert regrets[2] < 0.01


def test_rock_paper_scissors_converges(rock_paper_scissors):
    result = fictitious_play(
        rock_paper_scissors(), 20000, initial=([1, 0, 0], [0, 1, 0])
    )
    assert all(np.allclose(s, 1 / 3, atol=0.02) for s in result.strategies)


def test_shapley_game_cycles_forever(shapley_game):
    # Shapley (1964): fictitious play in this game never converges; the
    # beliefs keep cycling ever more slowly and stay far from the equilibrium.
    result = fictitious_play(shapley_game, 20000, initial=([1, 0, 0], [0, 1, 0]))
    late = result.history[0][len(result.checkpoints) // 2 :]
    assert result.regret > 0.1
    assert np.ptp(late, axis=0).max() > 0.2


def test_prisoners_dilemma_plays_defection_from_the_start(prisoners_dilemma):
    result = fictitious_play(prisoners_dilemma, 50)
    assert np.all(result.actions == 1)
    # beliefs count the uniform prior as one observation
    assert np.allclose(result.strategies[0], [0.5 / 51, 50.5 / 51])


def test_general_path_matches_the_two_player_fast_path():
    rng = np.random.default_rng(1)
    game = sg.NormalFormGame.from_bimatrix(rng.random((4, 5)), rng.random((4, 5)))
    beliefs = [rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(5))]

    def choose(values, total, _player, _t):
        return int(np.argmax(values))

    for gain in (None, 0.05):
        fast = _play_two_players(game, beliefs, 500, 2.0, gain, choose)
        general = _play_general(game, beliefs, 500, 2.0, gain, choose)
        assert np.array_equal(fast, general)


def test_three_player_coordination_settles_on_an_equilibrium():
    # Identical-interest game: everyone gets 1 when all match, so fictitious
    # play converges (Monderer & Shapley 1996).
    payoffs = np.zeros((2, 2, 2, 3))
    payoffs[0, 0, 0] = 2
    payoffs[1, 1, 1] = 1
    game = sg.NormalFormGame(payoffs)
    result = fictitious_play(game, 300, initial=([0.4, 0.6], [0.4, 0.6], [0.6, 0.4]))
    assert result.regret < 0.02
    assert np.all(result.actions[-10:] == result.actions[-1])


def test_history_and_constant_gain_follow_the_played_actions(shapley_game):
    gain = 0.1
    result = fictitious_play(shapley_game, 200, gain=gain, n_points=200)
    belief = np.full(3, 1 / 3)
    for t, action in enumerate(result.actions[:, 0]):
        belief = (1 - gain) * belief
        belief[action] += gain
        assert np.allclose(result.history[0][t], belief)
    assert np.array_equal(result.checkpoints, np.arange(1, 201))


def test_random_tie_breaking_is_reproducible():
    game = sg.NormalFormGame.from_bimatrix(np.ones((3, 3)), np.ones((3, 3)))
    first = fictitious_play(game, 50, tie_breaking="random", rng=4)
    again = fictitious_play(game, 50, tie_breaking="random", rng=4)
    smallest = fictitious_play(game, 50)
    assert np.array_equal(first.actions, again.actions)
    assert len(np.unique(first.actions)) > 1
    assert np.all(smallest.actions == 0)


def test_stochastic_fictitious_play_approaches_the_logit_equilibrium():
    # Stochastic fictitious play tracks the logit dynamics, whose rest point
    # in a 2x2 zero-sum game is the unique logit QRE (Fudenberg & Kreps 1993;
    # Hofbauer & Sandholm 2002).
    A = np.array([[2.0, -1.0], [-1.0, 1.0]])
    game = sg.NormalFormGame.from_bimatrix(A)
    qre = logit_dynamics(game, t_max=100, intensity=2).final
    result = stochastic_fictitious_play(game, 20000, intensity=2, rng=3)
    for mine, target in zip(result.strategies, qre, strict=True):
        assert np.allclose(mine, target, atol=0.03)


def test_stochastic_fictitious_play_is_reproducible(chicken):
    one = stochastic_fictitious_play(chicken, 300, rng=np.random.default_rng(9))
    two = stochastic_fictitious_play(chicken, 300, rng=9)
    assert np.array_equal(one.actions, two.actions)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"max_iter": 0}, "max_iter"),
        ({"gain": 1.5}, "gain"),
        ({"initial_weight": 0}, "initial_weight"),
        ({"tie_breaking": "largest"}, "tie_breaking"),
        ({"initial": ([1, 0], [0.5, 0.6])}, "probability"),
    ],
)
def test_bad_parameters_are_explained(matching_pennies, options, match):
    with pytest.raises(ValueError, match=match):
        fictitious_play(matching_pennies, **{"max_iter": 10, **options})
