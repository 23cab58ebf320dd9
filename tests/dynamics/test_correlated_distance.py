"""Distance and regret of joint distributions with respect to correlated
equilibrium."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.dynamics import (
    coarse_correlated_regret,
    correlated_distance,
    correlated_regret,
)


def test_aumanns_chicken_equilibrium(chicken):
    # Aumann (1974): 1/3 on each profile but (dare, dare) is correlated.
    z = [[0, 1 / 3], [1 / 3, 1 / 3]]
    assert correlated_regret(chicken, z) == pytest.approx(0, abs=1e-12)
    assert correlated_distance(chicken, z) == pytest.approx(0, abs=1e-9)
    assert coarse_correlated_regret(chicken, z) == pytest.approx(0, abs=1e-12)


def test_prisoners_dilemma_distance_is_the_mass_off_mutual_defection(
    prisoners_dilemma,
):
    # Defection strictly dominates, so the only correlated equilibrium is
    # (defect, defect) and the total-variation distance is 1 - z(D, D).
    rng = np.random.default_rng(0)
    for _ in range(5):
        z = rng.dirichlet(np.ones(4)).reshape(2, 2)
        assert correlated_distance(prisoners_dilemma, z) == pytest.approx(
            1 - z[1, 1], abs=1e-8
        )


def test_products_of_nash_equilibria_are_correlated_equilibria(matching_pennies):
    z = np.outer([0.5, 0.5], [0.5, 0.5])
    assert correlated_distance(matching_pennies, z) == pytest.approx(0, abs=1e-9)
    assert correlated_regret(matching_pennies, z) == pytest.approx(0, abs=1e-12)


def test_regret_and_distance_vanish_together():
    rng = np.random.default_rng(1)
    game = sg.NormalFormGame.from_bimatrix(rng.random((3, 3)), rng.random((3, 3)))
    for _ in range(10):
        z = rng.dirichlet(np.ones(9) * 0.3).reshape(3, 3)
        distance = correlated_distance(game, z)
        regret = correlated_regret(game, z)
        assert (distance > 1e-7) == (regret > 1e-9)


def test_distance_agrees_with_a_cvxpy_formulation():
    cp = pytest.importorskip("cvxpy")
    rng = np.random.default_rng(2)
    shape = (2, 3, 2)
    game = sg.NormalFormGame([rng.normal(size=shape) for _ in shape])
    z = rng.dirichlet(np.ones(12)).reshape(shape)
    p = cp.Variable(12, nonneg=True)
    constraints = [cp.sum(p) == 1]
    index = np.arange(12).reshape(shape)
    for i, u in enumerate(game.float_payoff_arrays):
        moved_u = np.moveaxis(u, i, 0).reshape(shape[i], -1)
        moved_index = np.moveaxis(index, i, 0).reshape(shape[i], -1)
        for j in range(shape[i]):
            for k in range(shape[i]):
                if j != k:
                    gain = moved_u[k] - moved_u[j]
                    constraints.append(gain @ p[moved_index[j]] <= 0)
    problem = cp.Problem(cp.Minimize(0.5 * cp.norm1(p - z.ravel())), constraints)
    problem.solve()
    assert correlated_distance(game, z) == pytest.approx(problem.value, abs=1e-6)


def test_coarse_regret_is_bounded_by_the_correlated_regret(rock_paper_scissors):
    # Committing to k gains sum_j gains[j, k] <= (n - 1) max_{j != k}
    # gains[j, k]: every correlated equilibrium is coarse correlated.
    game = rock_paper_scissors(win=2, loss=1)
    rng = np.random.default_rng(3)
    for _ in range(10):
        z = rng.dirichlet(np.ones(9)).reshape(3, 3)
        coarse = coarse_correlated_regret(game, z)
        assert coarse <= 2 * correlated_regret(game, z) + 1e-12


def test_joint_shape_and_sum_are_checked(chicken):
    with pytest.raises(sg.InvalidProfileError, match="shape"):
        correlated_regret(chicken, np.ones(4) / 4)
    with pytest.raises(sg.InvalidProfileError, match="sum to 1"):
        correlated_distance(chicken, np.ones((2, 2)))
