"""The central certificate's regrets: one profile by matrix-vector products
agrees with the batched computation, overflow included."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.generators import random_game
from stratgame.solvers.certify import bimatrix_values, relative_regrets


def _profiles(game, count, rng):
    m, n = game.shape
    xs = rng.dirichlet(np.ones(m), size=count)
    ys = rng.dirichlet(np.ones(n), size=count)
    xs[0] = np.eye(m)[0]  # a pure strategy among the mixed ones
    return xs, ys


@pytest.mark.parametrize("shape", [(2, 2), (5, 3), (25, 25)])
def test_one_profile_matches_the_batched_regrets(shape):
    rng = np.random.default_rng(1)
    game = random_game(shape, rng=2)
    xs, ys = _profiles(game, 4, rng)
    batched = relative_regrets(game, xs, ys)
    ranges = np.array(game.payoff_ranges)
    regrets = bimatrix_values(*game.float_payoff_arrays, xs, ys)[1]
    np.testing.assert_allclose(batched, regrets / ranges, rtol=1e-12)
    for e in range(len(xs)):
        one = relative_regrets(game, xs[e : e + 1], ys[e : e + 1])
        assert one.shape == (1, 2)
        np.testing.assert_allclose(one, batched[e : e + 1], rtol=1e-12, atol=1e-15)


def test_one_profile_of_a_constant_player_has_no_regret():
    game = sg.NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 2.0]], np.ones((2, 2)))
    one = relative_regrets(game, np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]]))
    assert one.tolist() == [[1.0, 0.0]]


@pytest.mark.parametrize("exponent", [1024, 1025])
def test_one_profile_near_the_float_limit_is_judged_on_scaled_payoffs(exponent):
    # payoffs near 1.8e308: their ranges (exponent 1025) or products overflow
    rng = np.random.default_rng(3)
    A, B = rng.random((4, 3)) - 0.5, rng.random((4, 3)) - 0.5
    huge = sg.NormalFormGame.from_bimatrix(np.ldexp(A, exponent), np.ldexp(B, exponent))
    plain = sg.NormalFormGame.from_bimatrix(A, B)
    xs, ys = _profiles(plain, 3, rng)
    for e in range(len(xs)):
        one = relative_regrets(huge, xs[e : e + 1], ys[e : e + 1])
        assert np.isfinite(one).all()
        np.testing.assert_allclose(
            one, relative_regrets(plain, xs[e : e + 1], ys[e : e + 1]), atol=1e-12
        )
