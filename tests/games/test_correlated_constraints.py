"""The incentive constraints of correlated equilibrium, shared by the solver
and the learning dynamics."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.correlated_constraints import (
    incentive_gains,
    incentive_matrix,
    max_incentive_gain,
)


@pytest.mark.parametrize("coarse", [False, True])
def test_matrix_rows_are_the_gains(coarse):
    rng = np.random.default_rng(3)
    g = sg.NormalFormGame([rng.integers(-5, 6, (2, 3, 2)) for _ in range(3)])
    p = rng.random(g.shape)
    p /= p.sum()
    gains = np.concatenate([x.ravel() for x in incentive_gains(g, p, coarse)])
    if not coarse:  # the matrix has no rows for a == b
        sizes = g.shape
        diagonal = np.concatenate([np.eye(n, dtype=bool).ravel() for n in sizes])
        gains = gains[~diagonal]
    np.testing.assert_allclose(incentive_matrix(g, coarse) @ p.ravel(), gains)
    assert max_incentive_gain(g, p, coarse) == pytest.approx(max(0, gains.max()))


def test_distribution_of_the_wrong_shape_is_refused():
    g = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(sg.InvalidGameError, match="game's shape"):
        incentive_gains(g, [0.5, 0.5])
