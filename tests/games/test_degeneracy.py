"""Degeneracy of two-player games and the vertices of best-response
polytopes, checked against the definition by linear programming."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import stratgame as sg
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.games.degeneracy import best_response_vertices, is_degenerate


def has_too_many_best_responses(U):
    """The definition (von Stengel 2007, Definition 3.2) for the mixed
    strategies ``x`` of the player whose actions are the rows of ``U``
    (``U[i, j]``: the opponent's payoff for column ``j``): is there ``x`` with
    support inside ``S`` and at least ``|S| + 1`` best responses? One
    feasibility LP per pair ``(S, J)``, ``|J| = |S| + 1``."""
    m, n = U.shape
    for size in range(1, m + 1):
        for S in combinations(range(m), size):
            for J in combinations(range(n), size + 1):
                # variables: x (m), v; x_i = 0 off S, sum x = 1,
                # (U^T x)_j = v on J, (U^T x)_j <= v elsewhere
                a_eq = [[*(1.0 if i in S else 0.0 for i in range(m)), 0.0]]
                b_eq = [1.0]
                a_ub, b_ub = [], []
                for j in range(n):
                    row = [*U[:, j], -1.0]
                    (a_eq if j in J else a_ub).append(row)
                    (b_eq if j in J else b_ub).append(0.0)
                bounds = [(0, None) if i in S else (0, 0) for i in range(m)]
                result = linprog(
                    np.zeros(m + 1),
                    A_ub=np.array(a_ub).reshape(-1, m + 1) if a_ub else None,
                    b_ub=b_ub or None,
                    A_eq=a_eq,
                    b_eq=b_eq,
                    bounds=[*bounds, (None, None)],
                    method="highs",
                )
                if result.status == 0:
                    return True
    return False


def by_definition(A, B):
    return has_too_many_best_responses(np.asarray(B, float)) or (
        has_too_many_best_responses(np.asarray(A, float).T)
    )


small_games = st.tuples(st.integers(1, 3), st.integers(1, 3)).flatmap(
    lambda shape: st.tuples(
        st.lists(
            st.lists(st.integers(0, 3), min_size=shape[1], max_size=shape[1]),
            min_size=shape[0],
            max_size=shape[0],
        ),
        st.lists(
            st.lists(st.integers(0, 3), min_size=shape[1], max_size=shape[1]),
            min_size=shape[0],
            max_size=shape[0],
        ),
    )
)


@settings(max_examples=40, deadline=None)
@given(small_games)
def test_is_degenerate_follows_the_definition(data):
    A, B = data
    exact = sg.NormalFormGame.from_bimatrix(A, B)
    floats = sg.NormalFormGame.from_bimatrix(np.array(A, float), np.array(B, float))
    expected = by_definition(A, B)
    assert exact.is_degenerate() == expected
    assert is_degenerate(floats) == expected


def test_a_mixed_strategy_with_three_best_responses_is_degenerate():
    # No pure strategy has two best responses, but x = (1/2, 1/2) makes all
    # three columns best responses: 3 > 2 = |support|.
    A = [[1, 0, 2], [0, 2, 1]]
    B = [[4, 0, 2], [0, 4, 2]]
    game = sg.NormalFormGame.from_bimatrix(A, B)
    assert game.is_degenerate()
    _points, labels = best_response_vertices(game, 0, exact=True)
    assert labels.sum(axis=1).max() == 3  # a vertex with 3 labels in the plane


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], False),  # prisoners' dilemma
        ([[3, 0], [0, 2]], [[2, 0], [0, 3]], False),  # battle of the sexes
        ([[0, 0], [0, 0]], [[0, 0], [0, 0]], True),
        ([[1, 1], [0, 2]], [[1, 1], [2, 0]], True),  # a pure tie
    ],
)
def test_known_games(A, B, expected):
    assert sg.NormalFormGame.from_bimatrix(A, B).is_degenerate() == expected


def test_random_float_games_are_nondegenerate():
    rng = np.random.default_rng(0)
    for _ in range(5):
        game = sg.NormalFormGame.from_bimatrix(rng.random((5, 4)), rng.random((5, 4)))
        assert not game.is_degenerate()


def test_float_ties_count_within_the_tolerance():
    game = sg.NormalFormGame.from_bimatrix(
        [[1.0, 0], [0, 1]], [[1.0, 1 - 1e-12], [0, 1]]
    )
    assert game.is_degenerate()
    assert not game.is_degenerate(tol=1e-14)


def test_vertices_of_the_best_response_polytope():
    # P for the battle of the sexes: the origin, two scaled pure strategies,
    # and x with both columns tight.
    game = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    points, labels = best_response_vertices(game, 0, exact=True)
    assert len(points) == 4
    assert (labels.sum(axis=1) == 2).all()  # nondegenerate: 2 labels each
    strategies = {
        tuple(p / sum(point) for p in point) for point in points if any(point)
    }
    from fractions import Fraction

    assert (Fraction(3, 5), Fraction(2, 5)) in strategies
    _floats, float_labels = best_response_vertices(game, 0)
    assert sorted(map(tuple, float_labels.tolist())) == sorted(
        map(tuple, labels.tolist())
    )


@pytest.mark.parametrize("player", [2, -1, "row"])
def test_players_must_be_zero_or_one(player):
    game = sg.NormalFormGame.from_bimatrix([[1]])
    with pytest.raises(InvalidParameterError, match="player must be 0 or 1"):
        best_response_vertices(game, player)


@pytest.mark.parametrize("tol", [-1.0, 0.5, float("inf")])
def test_tolerances_are_checked(tol):
    game = sg.NormalFormGame.from_bimatrix([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(InvalidParameterError, match="'tol'"):
        game.is_degenerate(tol=tol)
    with pytest.raises(InvalidParameterError, match="'tol'"):
        best_response_vertices(game, 0, tol=tol)


def test_degeneracy_needs_two_players():
    game = sg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(InvalidGameError, match="two-player"):
        game.is_degenerate()
