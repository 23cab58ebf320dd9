"""Regret matching (Hart & Mas-Colell 2000) and hedge."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.dynamics import (
    coarse_correlated_regret,
    correlated_regret,
    hedge,
    regret_matching,
)


def test_correlated_regret_shrinks_in_the_shapley_game(shapley_game):
    # Hart & Mas-Colell's Main Theorem: the empirical joint distribution
    # approaches the correlated equilibria, even where fictitious play cycles.
    short = regret_matching(shapley_game, 500, rng=1)
    long = regret_matching(shapley_game, 10000, rng=1)
    assert long.correlated_regret < short.correlated_regret / 2
    assert long.correlated_distance < short.correlated_distance / 2
    assert long.correlated_regret < 0.06


def test_correlated_regret_is_the_largest_conditional_regret(chicken):
    # max_{j,k} D_T(j, k) of the procedure equals the correlated regret of
    # the empirical joint distribution: the same sum regrouped.
    result = regret_matching(chicken, 3000, rng=5)
    largest = max(D.max() for D in result.details["conditional_regrets"])
    assert result.correlated_regret == pytest.approx(max(largest, 0), abs=1e-12)
    assert result.correlated_regret == pytest.approx(
        correlated_regret(chicken, result.joint), abs=1e-12
    )


def test_joint_distribution_matches_the_play(rock_paper_scissors):
    game = rock_paper_scissors()
    result = regret_matching(game, 2000, rng=2, initial=(0, 1))
    assert tuple(result.actions[0]) == (0, 1)
    assert result.joint.sum() == pytest.approx(1)
    assert np.allclose(result.joint.sum(axis=1), result.strategies[0])
    assert np.allclose(result.joint.sum(axis=0), result.strategies[1])
    counts = np.zeros((3, 3))
    for a, b in result.actions:
        counts[a, b] += 1
    assert np.allclose(result.joint, counts / 2000)


def test_regret_matching_is_reproducible_and_seeded(chicken):
    one = regret_matching(chicken, 500, rng=11, distance=False)
    two = regret_matching(chicken, 500, rng=np.random.default_rng(11), distance=False)
    other = regret_matching(chicken, 500, rng=12, distance=False)
    assert np.array_equal(one.actions, two.actions)
    assert not np.array_equal(one.actions, other.actions)
    assert one.correlated_distance is None


def test_regret_matching_three_players(volunteers_dilemma):
    result = regret_matching(volunteers_dilemma(), 4000, rng=1)
    assert result.joint.shape == (2, 2, 2)
    assert result.correlated_regret < 0.1


def test_inertia_must_keep_probabilities_below_one(chicken):
    with pytest.raises(ValueError, match="inertia must exceed"):
        regret_matching(chicken, 10, inertia=3)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("rounds", [50, 1000])
def test_hedge_external_regret_bound(seed, rounds):
    # Cesa-Bianchi & Lugosi (2006), Theorem 2.2: with eta = sqrt(8 ln n / T)
    # / range the regret after T rounds is at most range * sqrt(T ln n / 2),
    # for any payoff sequence, here one made by the other learners.
    rng = np.random.default_rng(seed)
    shape = (3, 4, 2)
    payoffs = [rng.normal(size=shape) for _ in shape]
    game = sg.NormalFormGame(payoffs)
    result = hedge(game, rounds)
    for i, regret in enumerate(result.details["external_regret"]):
        bound = np.ptp(payoffs[i]) * np.sqrt(np.log(shape[i]) / (2 * rounds))
        assert regret <= bound + 1e-12


def test_hedge_averages_solve_zero_sum_games():
    # Freund & Schapire (1999): in a zero-sum game the averaged strategies are
    # an equilibrium up to the sum of the players' average external regrets.
    A = np.array([[2.0, -1.0, 0.5], [-1.0, 1.0, 0.0]])
    game = sg.NormalFormGame.from_bimatrix(A)
    result = hedge(game, 3000)
    assert result.regret <= result.details["external_regret"].sum() + 1e-12
    assert result.regret < 0.05
    assert np.allclose(result.strategies[0], [0.4, 0.6], atol=0.03)


def test_sampled_hedge_approaches_coarse_correlated_equilibrium(chicken):
    result = hedge(chicken, 4000, sampled=True, rng=0)
    assert result.actions.shape == (4000, 2)
    assert result.details["coarse_correlated_regret"] == pytest.approx(
        coarse_correlated_regret(chicken, result.joint)
    )
    assert result.details["coarse_correlated_regret"] < 0.06
    again = hedge(chicken, 4000, sampled=True, rng=0)
    assert np.array_equal(result.actions, again.actions)


def test_hedge_learning_rate_is_checked(chicken):
    with pytest.raises(ValueError, match="learning_rate"):
        hedge(chicken, 10, learning_rate=-1)
