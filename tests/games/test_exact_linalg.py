"""The one exact linear solver: exact rationals for square, overdetermined
and multi-column systems; None when the solution is not unique."""

from fractions import Fraction

import numpy as np
import pytest

from stratgame.games.exact_linalg import solve_exact


@pytest.mark.parametrize("seed", range(5))
def test_solution_satisfies_the_system_exactly(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 7))
    A = [
        [Fraction(int(v), int(rng.integers(1, 9))) for v in row]
        for row in rng.integers(-9, 10, (n, n))
    ]
    b = [Fraction(int(v)) for v in rng.integers(-9, 10, n)]
    x = solve_exact(A, b)
    if np.linalg.matrix_rank(np.array(A, dtype=float)) < n:
        assert x is None
    else:
        assert [sum(a * v for a, v in zip(row, x, strict=True)) for row in A] == b


def test_several_right_hand_sides_give_the_inverse():
    A = [[2, 1, 0], [1, 3, 1], [0, 1, 4]]
    identity = [[int(i == j) for j in range(3)] for i in range(3)]
    X = solve_exact(A, identity)
    product = [
        [sum(A[i][k] * X[k][j] for k in range(3)) for j in range(3)] for i in range(3)
    ]
    assert product == identity


def test_overdetermined_systems_consistent_or_not():
    assert solve_exact([[1, 1], [1, -1], [2, 0]], [2, 0, 2]) == [1, 1]
    assert solve_exact([[1, 1], [1, -1], [2, 0]], [2, 0, 3]) is None
    assert solve_exact([[1, 1], [2, 2], [3, 3]], [1, 2, 3]) is None


def test_floats_are_taken_at_their_exact_value():
    assert solve_exact([[0.5]], [0.1]) == [Fraction(0.1) * 2]
