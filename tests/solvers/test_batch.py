"""solve_batch: the same equilibria as one solve per game, degenerate games
included, for the vectorized methods and the loop."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import stratgame as sg
from stratgame.solvers import solve_batch


def _same_as_solve(U, method):
    res = sg.solve_batch(U, method=method)
    assert res.n_equilibria.shape == (len(U),)
    for k in range(len(U)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            one = sg.solve(sg.NormalFormGame(list(U[k])), method=method)
        assert res.n_equilibria[k] == len(one.equilibria)
        mine = res.equilibria(k)
        for eq, strategies in zip(one.equilibria, mine, strict=True):
            for s, t in zip(eq.strategies, strategies, strict=True):
                np.testing.assert_allclose(s, t, atol=1e-12)
        lo, hi = res.offsets[k], res.offsets[k + 1]
        for e, eq in zip(range(lo, hi), one.equilibria, strict=True):
            np.testing.assert_allclose(res.payoffs[e], eq.payoffs, atol=1e-12)
            assert abs(res.regret[e] - eq.regret) <= 1e-12
    return res


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 12), st.just(2), st.just(2), st.just(2)),
        elements=st.integers(0, 2),
    ),
    st.sampled_from(["pure", "enumerate"]),
)
def test_2x2_integer_batches_match_solve_game_by_game(U, method):
    _same_as_solve(U, method)


@settings(max_examples=20, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 5), st.just(2), st.just(3), st.just(3)),
        elements=st.integers(0, 2),
    ),
    st.sampled_from(["pure", "enumerate"]),
)
def test_3x3_integer_batches_match_solve_game_by_game(U, method):
    _same_as_solve(U, method)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 4), (4, 3), (4, 4), (2, 2, 2)])
def test_float_batches_match_solve(shape):
    rng = np.random.default_rng(3)
    U = rng.random((40, len(shape), *shape))
    # a few degenerate games in the batch: exact ties
    U[:5, 0, 0] = U[:5, 0, 1]
    methods = ["pure"] if len(shape) > 2 else ["pure", "enumerate"]
    for method in methods:
        res = _same_as_solve(U, method)
        # random float games are nondegenerate: all vectorized but the tied ones
        assert res.vectorized[5:].all()


def test_vectorized_enumeration_finds_every_extreme_equilibrium():
    """A 3x3 coordination game has 7 equilibria (every nonempty common
    support); a perturbed copy stays nondegenerate, so it is vectorized."""
    A = np.diag([3.0, 2.0, 1.0]) + 1e-3 * np.arange(9).reshape(3, 3) ** 0.5
    U = np.stack([np.stack([A, A.T])] * 2)
    res = _same_as_solve(U, "enumerate")
    assert res.vectorized.all() and res.n_equilibria.tolist() == [7, 7]
    game = sg.NormalFormGame(list(U[0]))
    for strategies in res.equilibria(0):
        assert game.is_nash(strategies)


def test_near_degenerate_games_are_left_to_solve():
    """A tie within the doubt margin (1e-9 of the payoff range): the batch
    does not decide it in floating point; solve does, in exact arithmetic."""
    rng = np.random.default_rng(8)
    U = rng.random((6, 2, 3, 3))
    U[0, 1, 0, 1] = U[0, 1, 0, 0] = U[0, 1, 0].max() + 0.5  # exact tie, row 0 of B
    top = U[1, 0, :, 2].max() + 0.1  # column 2 of A: a near-tie at its top
    U[1, 0, 1, 2], U[1, 0, 2, 2] = top, top + 1e-13
    res = _same_as_solve(U, "enumerate")
    assert res.vectorized.tolist() == [False, False, True, True, True, True]


def test_results_on_demand_are_solves_results():
    U = np.array([[[[2, 0], [0, 1]], [[1, 0], [0, 2]]]] * 3)
    res = solve_batch(U, method="enumerate")
    assert res.n_equilibria.tolist() == [3, 3, 3]
    assert res[0].method == "enumerate" and res[0].complete
    assert len(res[-1].equilibria) == 3
    with pytest.raises(IndexError):
        res.result(3)


def test_a_list_of_games_and_other_methods_loop():
    games = [sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])] * 2
    res = sg.solve_batch(games, method="lemke_howson")
    assert res.n_equilibria.tolist() == [1, 1]
    np.testing.assert_allclose(res.strategies[0], [[0.5, 0.5]] * 2)
    assert not res.vectorized.any()


def test_bad_payoffs_are_refused():
    with pytest.raises(sg.InvalidGameError, match="shape"):
        sg.solve_batch(np.zeros((3, 2, 2)))
    with pytest.raises(sg.InvalidGameError, match="finite"):
        sg.solve_batch(np.full((1, 2, 2, 2), np.nan))


def test_auto_is_enumeration_where_solve_enumerates():
    rng = np.random.default_rng(4)
    U = rng.random((6, 2, 3, 3))
    res = solve_batch(U, method="auto")
    assert res.method == "enumerate" and res.vectorized.all()
    for k in range(len(U)):
        one = sg.solve(sg.NormalFormGame(list(U[k])))
        assert one.method == "enumerate"
        assert res.n_equilibria[k] == len(one.equilibria)
    three = solve_batch(rng.random((2, 3, 2, 2, 2)), method="auto")
    assert three.method == "auto" and not three.vectorized.any()
    assert three[0].method == sg.solve(three.game(0)).method


def test_equilibria_ordered_by_rounding_are_left_to_solve():
    """Two equilibria of this game share x[0] = 18/41 and x[1] = 0, so their
    order rests on how x[0] was rounded in each: the batch leaves the game to
    solve, whose order is then the answer."""
    U = np.array(
        [
            [[[15, 6, 25, 8], [29, 13, 17, 16], [23, 23, 18, 10], [20, 4, 23, 18]]],
            [[[0, 29, 6, 22], [26, 21, 12, 24], [14, 4, 22, 5], [14, 4, 22, 27]]],
        ]
    ).reshape(1, 2, 4, 4)
    res = _same_as_solve(U, "enumerate")
    assert res.n_equilibria.tolist() == [5] and not res.vectorized[0]
