"""Lemke's algorithm on Howson's LCP: equilibria of polymatrix games,
certified, and equilibria of their normal forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import InvalidGameError
from stratgame.solvers import available
from stratgame.solvers.polymatrix import howson_lcp, polymatrix_lemke


def random_polymatrix(rng, n, max_actions=4, integers=False, density=0.8):
    shape = tuple(int(k) for k in rng.integers(1, max_actions + 1, n))
    matrices = {}
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < density:
                size = (shape[i], shape[j])
                matrices[i, j] = (
                    rng.integers(-2, 3, size) if integers else rng.standard_normal(size)
                )
    return sg.PolymatrixGame(matrices, n_actions=shape)


@pytest.mark.parametrize("integers", [False, True])
def test_random_games_give_equilibria_of_the_normal_form(integers):
    rng = np.random.default_rng(5 + integers)
    for _ in range(40):
        g = random_polymatrix(rng, int(rng.integers(2, 6)), integers=integers)
        result = sg.solve(g, method="polymatrix")
        assert result.method == "polymatrix" and not result.complete
        assert result.converged and len(result.equilibria) == 1
        eq = result.equilibria[0]
        assert g.is_nash(eq.strategies)
        assert g.to_normal_form().is_nash(eq.strategies)


def test_many_players_beyond_the_normal_form():
    rng = np.random.default_rng(2)
    g = random_polymatrix(rng, 12, max_actions=5)
    result = polymatrix_lemke(g)
    assert result.converged and g.is_nash(result.equilibria[0].strategies)


def test_two_players_agree_with_enumeration():
    rng = np.random.default_rng(4)
    A, B = rng.standard_normal((4, 4)), rng.standard_normal((4, 4))
    g = sg.PolymatrixGame({(0, 1): A, (1, 0): B.T})
    (eq,) = sg.solve(g, method="polymatrix").equilibria
    every = sg.solve(sg.NormalFormGame.from_bimatrix(A, B), method="enumerate")
    flat = np.concatenate(eq.strategies)
    assert min(np.abs(np.concatenate(e.strategies) - flat).max() for e in every) < 1e-9


def test_matching_pennies_and_labels():
    g = sg.PolymatrixGame(
        {(0, 1): [[1, -1], [-1, 1]], (1, 0): [[-1, 1], [1, -1]]},
        players=("US", "China"),
    )
    result = sg.solve(g)
    assert result.method == "polymatrix"
    eq = result.equilibria[0]
    np.testing.assert_allclose(np.concatenate(eq.strategies), 0.5)
    assert "US" in repr(eq)


def test_registry_and_refusals():
    g = sg.PolymatrixGame({(0, 1): [[1, 0], [0, 1]]})
    assert available(g) == ["polymatrix"]
    with pytest.raises(InvalidGameError, match="polymatrix"):
        sg.solve(g, method="enumerate")
    with pytest.raises(InvalidGameError):
        sg.solve(sg.NormalFormGame.from_bimatrix([[1]]), method="polymatrix")


def test_lcp_shape_and_one_player():
    g = sg.PolymatrixGame({}, n_actions=(3,))
    assert polymatrix_lemke(g).equilibria[0].strategies[0].tolist() == [1, 0, 0]
    M, q = howson_lcp(sg.PolymatrixGame({(0, 1): [[1, 2, 3]]}, n_actions=(1, 3)))
    assert M.shape == (6, 6) and q.tolist() == [0, 0, 0, 0, -1, -1]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 5))
def test_hypothesis_certified(seed, n):
    rng = np.random.default_rng(seed)
    g = random_polymatrix(rng, n, integers=bool(seed % 2))
    result = polymatrix_lemke(g)
    assert result.converged
    assert g.is_nash(result.equilibria[0].strategies)
