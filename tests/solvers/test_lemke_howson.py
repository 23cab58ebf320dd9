"""Lemke–Howson: known games, degenerate games, hard games, early stops,
agreement with enumeration and nashpy, and property tests."""

from __future__ import annotations

import warnings
from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.games.generators import (
    morris_labels,
    random_game,
    savani_von_stengel,
    unit_vector_game,
)


def _exact(eq):
    return tuple(tuple(s) for s in eq.exact)


def _all_extreme(game, exact=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DegenerateGameWarning)
        return sg.solve(game, method="enumerate", exact=exact).equilibria


def _listed(eq, equilibria, atol=1e-9):
    return any(
        all(
            np.allclose(s, t, atol=atol)
            for s, t in zip(eq.strategies, other.strategies, strict=True)
        )
        for other in equilibria
    )


# ------------------------------------------------------------------ known games


def test_matching_pennies_gives_the_unique_mixed_equilibrium():
    game = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    for label in range(4):
        res = sg.solve(game, method="lemke_howson", init_label=label, exact=True)
        half = Fraction(1, 2)
        assert _exact(res.equilibria[0]) == ((half, half), (half, half))
        assert res.converged and res.method == "lemke_howson"
        assert not res.complete


def test_battle_of_the_sexes_labels_reach_both_pure_equilibria():
    game = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    found = {_exact(eq) for eq in res.equilibria}
    one, zero = Fraction(1), Fraction(0)
    # Paths from the artificial equilibrium (0, 0) reach only the two pure
    # equilibria; the mixed one is reached from them, not from (0, 0).
    assert found == {((one, zero), (one, zero)), ((zero, one), (zero, one))}


def test_shapley_game_has_uniform_equilibrium():
    # Shapley (1964): the 3x3 game where fictitious play cycles; its unique
    # equilibrium is uniform play.
    A = [[0, 1, 2], [2, 0, 1], [1, 2, 0]]
    B = [[0, 2, 1], [1, 0, 2], [2, 1, 0]]
    game = sg.NormalFormGame.from_bimatrix(A, B)
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    third = Fraction(1, 3)
    assert {_exact(eq) for eq in res.equilibria} == {((third,) * 3, (third,) * 3)}


def test_von_stengel_example_labels():
    # von Stengel (2007), the 3x2 example game of the Lemke-Howson section:
    # its equilibria are ((1,0,0),(1,0)), ((0,1/3,2/3),(1/3,2/3)) and
    # ((4/5,1/5,0),(2/3,1/3)).
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    game = sg.NormalFormGame.from_bimatrix(A, B)
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    F = Fraction
    pure = ((F(1), F(0), F(0)), (F(1), F(0)))
    mixed = ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
    assert [_exact(eq) for eq in res.equilibria] == [pure, mixed]
    assert res.details["labels"] == {0: 0, 1: 1, 2: 0, 3: 0, 4: 1}
    assert all(eq.regret == 0 for eq in res.equilibria)


def test_von_stengel_degenerate_example_does_not_cycle():
    # The degenerate variant of the example (B's first row (3, 3)): the pure
    # strategy row 0 has two best responses. Every label must end at an
    # equilibrium, exactly and in floats.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    game = sg.NormalFormGame.from_bimatrix(A, B)
    extreme = {_exact(eq) for eq in _all_extreme(game, exact=True)}
    for exact in (True, False):
        res = sg.solve(game, method="lemke_howson", all_labels=True, exact=exact)
        assert res.converged
        assert set(res.details["labels"]) == set(range(5))
        for eq in res.equilibria:
            assert game.is_nash(eq.strategies)
            if exact:
                assert _exact(eq) in extreme


def test_prisoners_dilemma_and_one_row_games():
    pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    eq = sg.solve(pd, method="lemke_howson").equilibria[0]
    np.testing.assert_allclose(eq.strategies[0], [0, 1])
    np.testing.assert_allclose(eq.strategies[1], [0, 1])
    row = sg.NormalFormGame.from_bimatrix([[1, 2, 3]], [[3, 1, 2]])
    res = sg.solve(row, method="lemke_howson", all_labels=True, exact=True)
    assert [_exact(eq) for eq in res.equilibria] == [
        ((Fraction(1),), (Fraction(1), Fraction(0), Fraction(0)))
    ]
    column = sg.NormalFormGame.from_bimatrix([[1], [4], [2]], [[0], [0], [0]])
    eq = sg.solve(column, method="lemke_howson").equilibria[0]
    np.testing.assert_allclose(eq.strategies[0], [0, 1, 0])


def test_fraction_payoffs_stay_exact():
    F = Fraction
    game = sg.NormalFormGame.from_bimatrix(
        [[F(1, 3), F(0)], [F(0), F(2, 7)]], [[F(2, 7), F(0)], [F(0), F(1, 3)]]
    )
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    for eq in res.equilibria:
        assert all(isinstance(p, Fraction) for s in eq.exact for p in s)
        assert eq.regret == 0


# ---------------------------------------------------------- hard and early stop


def _gale_path_length(labels, d, dropped):
    """Pivots of the Lemke path on the dual cyclic polytope with 2d facets,
    computed combinatorially: vertices are the Gale-even bit strings with d
    ones (Gale's evenness condition), independent of any payoff numbers."""
    n = 2 * d

    def even(ones):
        bits = [k in ones for k in range(n)]
        k = 0
        while k < n:
            if not bits[k]:
                k += 1
                continue
            end = k
            while end < n and bits[end]:
                end += 1
            if 0 < k and end < n and (end - k) % 2:
                return False
            k = end
        return True

    vertex = set(range(d))
    leave = next(p for p in vertex if labels[p] == dropped)
    steps = 0
    while True:
        rest = vertex - {leave}
        (enter,) = [q for q in range(n) if q not in vertex and even(rest | {q})]
        vertex = rest | {enter}
        steps += 1
        if labels[enter] == dropped:
            return steps
        leave = next(p for p in vertex if labels[p] == labels[enter] and p != enter)


@pytest.mark.parametrize("d", [4, 6, 8])
def test_savani_von_stengel_paths_match_the_polytope_combinatorics(d):
    # Each Lemke-Howson path of the imitation game alternates pivots in the
    # two polytopes, so it has twice as many pivots as the Lemke path of
    # Morris's labelled dual cyclic polytope (Savani & von Stengel 2016).
    game = savani_von_stengel(d)
    labels = morris_labels(d)
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    assert len(res.equilibria) == 1  # the game's unique equilibrium
    for k in range(d):
        expected = 2 * _gale_path_length(labels, d, k)
        assert res.details["pivots"][k] == expected
        assert res.details["pivots"][d + k] == expected


def test_savani_von_stengel_shortest_path_grows_exponentially():
    shortest = []
    for d in (4, 6, 8, 10):
        labels = morris_labels(d)
        shortest.append(min(_gale_path_length(labels, d, k) for k in range(d)))
    # Savani & von Stengel (2006): even the shortest path is exponential in d.
    ratios = [b / a for a, b in pairwise(shortest)]
    assert min(ratios) >= 1.4


def test_savani_von_stengel_exact_answer_is_the_unique_equilibrium():
    game = savani_von_stengel(6)
    (unique,) = _all_extreme(game, exact=True)
    for label in (0, 3, 7):
        res = sg.solve(game, method="lemke_howson", init_label=label, exact=True)
        assert _exact(res.equilibria[0]) == _exact(unique)


@pytest.mark.parametrize("d", [6, 8, 10, 12])
def test_float_paths_on_hard_games_never_return_a_non_equilibrium(d):
    game = savani_von_stengel(d)
    res = sg.solve(game, method="lemke_howson", all_labels=True)
    assert res.converged
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)
        assert eq.regret <= 1e-9 * game.payoff_scale


def test_max_iter_stops_early_and_returns_nothing_unfinished():
    game = savani_von_stengel(6)
    res = sg.solve(game, method="lemke_howson", max_iter=5)
    assert not res.converged
    assert res.equilibria == ()
    assert res.details["pivots"] == {0: 5}
    assert res.details["status"] == {0: "max_iter"}
    res = sg.solve(game, method="lemke_howson", all_labels=True, max_iter=20)
    assert not res.converged
    # labels with paths of 16 pivots finish; those of 32 do not
    assert set(res.details["labels"]) == {1, 2, 3, 4, 7, 8, 9, 10}
    assert all(game.is_nash(eq.strategies) for eq in res.equilibria)


# ----------------------------------------------------------- bad input


def test_bad_input_is_rejected_with_clear_errors():
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        sg.solve(random_game((2, 2, 2), rng=0), method="lemke_howson")
    with pytest.raises(ValueError, match="init_label"):
        sg.solve(game, method="lemke_howson", init_label=4)
    with pytest.raises(ValueError, match="max_iter"):
        sg.solve(game, method="lemke_howson", max_iter=0)
    with pytest.raises(ValueError, match="tol"):
        sg.solve(game, method="lemke_howson", tol=-1.0)


# ----------------------------------------------------- cross-checks and classes


def test_agrees_with_nashpy_on_every_label():
    nashpy = pytest.importorskip("nashpy")
    for seed in range(5):
        game = random_game((4, 5), rng=seed)
        theirs = nashpy.Game(*game.payoff_arrays)
        for label in range(9):
            x, y = theirs.lemke_howson(initial_dropped_label=label)
            eq = sg.solve(game, method="lemke_howson", init_label=label).equilibria[0]
            np.testing.assert_allclose(eq.strategies[0], x, atol=1e-9)
            np.testing.assert_allclose(eq.strategies[1], y, atol=1e-9)


def test_float_and_exact_paths_agree_on_random_games():
    for seed in range(5):
        game = random_game((6, 5), rng=seed)
        floats = sg.solve(game, method="lemke_howson", all_labels=True)
        exact = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
        assert floats.details["pivots"] == exact.details["pivots"]
        assert not floats.details["exact_fallback"]
        for a, b in zip(floats.equilibria, exact.equilibria, strict=True):
            for s, t in zip(a.strategies, b.strategies, strict=True):
                np.testing.assert_allclose(s, t, atol=1e-12)


def test_large_random_and_unit_vector_games():
    for game in (random_game(60, rng=3), unit_vector_game((50, 40), rng=4)):
        res = sg.solve(game, method="lemke_howson", init_label=7)
        assert res.converged
        assert game.is_nash(res.equilibria[0].strategies)


@st.composite
def games(draw):
    kind = draw(
        st.sampled_from(
            ["uniform", "ties", "zero_sum", "coordination", "duplicated", "one_row"]
        )
    )
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    if kind == "uniform":
        return random_game((m, n), rng=rng)
    if kind == "ties":
        return random_game((m, n), rng=rng, integers=(0, 2))
    if kind == "zero_sum":
        return sg.NormalFormGame.from_bimatrix(rng.integers(-3, 4, size=(m, n)))
    if kind == "coordination":
        A = rng.integers(0, 4, size=(m, m))
        return sg.NormalFormGame.from_bimatrix(A, A)
    if kind == "duplicated":
        A = rng.integers(0, 5, size=(m, n))
        B = rng.integers(0, 5, size=(m, n))
        return sg.NormalFormGame.from_bimatrix(
            np.vstack([A, A[:1]]), np.vstack([B, B[:1]])
        )
    return random_game((1, n), rng=rng, integers=(0, 3))


@settings(max_examples=40, deadline=None)
@given(games())
def test_every_answer_is_an_extreme_equilibrium(game):
    exact = game.is_exact
    res = sg.solve(game, method="lemke_howson", all_labels=True, exact=exact)
    assert res.converged
    extreme = _all_extreme(game, exact=exact)
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)
        if exact:
            assert eq.regret == 0
            assert _exact(eq) in {_exact(e) for e in extreme}
        else:
            assert _listed(eq, extreme)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1), scale=st.floats(0.1, 100), shift=st.floats(-50, 50)
)
def test_invariant_under_affine_payoff_changes_and_permutations(seed, scale, shift):
    rng = np.random.default_rng(seed)
    game = random_game((4, 3), rng=rng)
    A, B = game.payoff_arrays
    moved = sg.NormalFormGame.from_bimatrix(scale * A + shift, B / scale - shift)
    rows, cols = rng.permutation(4), rng.permutation(3)
    permuted = sg.NormalFormGame.from_bimatrix(
        A[np.ix_(rows, cols)], B[np.ix_(rows, cols)]
    )
    # the label of row i in the permuted game is where row i went
    where = np.concatenate([np.argsort(rows), 4 + np.argsort(cols)])
    for label in range(7):
        eq = sg.solve(game, method="lemke_howson", init_label=label).equilibria[0]
        same = sg.solve(moved, method="lemke_howson", init_label=label).equilibria[0]
        for s, t in zip(eq.strategies, same.strategies, strict=True):
            np.testing.assert_allclose(s, t, atol=1e-9)
        perm = sg.solve(
            permuted, method="lemke_howson", init_label=int(where[label])
        ).equilibria[0]
        np.testing.assert_allclose(
            perm.strategies[0], eq.strategies[0][rows], atol=1e-9
        )
        np.testing.assert_allclose(
            perm.strategies[1], eq.strategies[1][cols], atol=1e-9
        )


# ------------------------------------------------- compiled and numpy paths


def _numpy_and_kernel_paths(game, label):
    from stratgame.solvers import lemke_howson as lh

    A, B = game.float_payoff_arrays
    x, y, pivots, status = lh._follow_path(lh._FloatTableaux(A, B), label, 10_000)
    numpy_path = np.divide(x, sum(x)), np.divide(y, sum(y)), pivots, status
    # the kernel's plain-Python source: the same code numba compiles
    kernel_path = lh._follow_compiled(lh._plain_kernel(), A, B, label, 10_000)[:4]
    return numpy_path, kernel_path


@pytest.mark.parametrize("seed", range(4))
def test_kernel_source_follows_the_same_path_as_the_numpy_pivots(seed):
    # ties everywhere: the lexicographic rule decides most pivots
    game = random_game((5, 4), rng=seed, integers=(0, 2))
    for label in range(9):
        (x1, y1, p1, s1), (x2, y2, p2, s2) = _numpy_and_kernel_paths(game, label)
        assert (p1, s1) == (p2, s2)
        np.testing.assert_allclose(x1, x2, atol=1e-12)
        np.testing.assert_allclose(y1, y2, atol=1e-12)


def test_compiled_path_matches_numpy_path(monkeypatch):
    pytest.importorskip("numba")
    from stratgame.solvers import lemke_howson as lh

    game = random_game((110, 100), rng=11)
    compiled = sg.solve(game, method="lemke_howson", init_label=3)
    assert compiled.details["compiled"]
    monkeypatch.setattr(lh, "_kernel_for", lambda cells: None)
    plain = sg.solve(game, method="lemke_howson", init_label=3)
    assert not plain.details["compiled"]
    assert compiled.details["pivots"] == plain.details["pivots"]
    for s, t in zip(
        compiled.equilibria[0].strategies, plain.equilibria[0].strategies, strict=True
    ):
        np.testing.assert_allclose(s, t, atol=1e-12)
    assert game.is_nash(compiled.equilibria[0].strategies)


def test_spoiled_float_paths_are_redone_exactly_or_reported(monkeypatch):
    from stratgame.solvers import lemke_howson as lh

    # Sabotage the float ratio test (rows whose pivot entry is negative become
    # eligible): float paths then leave the true path and fail -- a cycle, or
    # an end off equilibrium -- as rounding could make them do.
    monkeypatch.setattr(lh, "_PIVOT_TOL", -1e9)
    game = random_game((6, 5), rng=5)
    truth = sg.solve(game, method="lemke_howson", all_labels=True, exact=True)
    res = sg.solve(game, method="lemke_howson", all_labels=True, max_iter=2000)
    statuses = set(res.details["status"].values())
    assert "exact_fallback" in statuses and res.details["exact_fallback"]
    assert res.converged
    assert res.details["labels"] == truth.details["labels"]
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)
    # where the game is too large to redo exactly, failures are reported
    monkeypatch.setattr(lh, "_EXACT_FALLBACK_CELLS", 0)
    res = sg.solve(game, method="lemke_howson", all_labels=True, max_iter=2000)
    failed = [
        k for k, v in res.details["status"].items() if v in ("cycle", "inaccurate")
    ]
    assert failed and not res.converged
    assert not set(failed) & set(res.details["labels"])
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)


def test_refactoring_the_tableaux_does_not_change_the_path(monkeypatch):
    from stratgame.solvers import lemke_howson as lh

    game = random_game((7, 6), rng=21, integers=(0, 3))
    before = [_numpy_and_kernel_paths(game, label) for label in range(13)]
    monkeypatch.setattr(lh, "_REFACTOR_EVERY", 3)
    after = [_numpy_and_kernel_paths(game, label) for label in range(13)]
    for old_pair, new_pair in zip(before, after, strict=True):
        for (x1, y1, p1, s1), (x2, y2, p2, s2) in zip(old_pair, new_pair, strict=True):
            assert (p1, s1) == (p2, s2) == (old_pair[0][2], "done")
            np.testing.assert_allclose(x1, x2, atol=1e-12)
            np.testing.assert_allclose(y1, y2, atol=1e-12)


# ------------------------------------------- ties, cycles, recovery, kernel


def test_a_near_tie_of_small_ratios_is_not_a_tie():
    # Ratios ~2.3e-4 that differ by 4e-10: a tolerance relative to
    # max(1, ratio) called this a tie and the lexicographic rule then picked
    # the larger ratio, which sent a 200 x 200 path into a false cycle.
    from stratgame.solvers import _lemke_howson_kernels as kernels
    from stratgame.solvers import lemke_howson as lh

    tab = np.asfortranarray(
        [[0.5, 1.0, 2.312e-4 * 0.5 + 4e-10 * 0.5], [0.5, 0.0, 2.312e-4 * 0.5]]
    )
    place = np.array([0, 1, -1, -2])  # labels 2, 3: the basic slacks
    rows = np.empty(2, np.int64)
    tols = (lh._PIVOT_TOL, lh._TIE_TOL, lh._TIE_ABS)
    row = getattr(kernels.lex_ratio_row, "py_func", kernels.lex_ratio_row)
    assert row(tab, 0, place, 2, 4, rows, tols) == 1
    numpy_rows = lh._FloatTableaux._smallest(tab[:, 0], tab[:, -1], None)
    assert list(numpy_rows) == [1]


def test_true_ties_still_go_to_the_lexicographic_rule():
    # a degenerate game: ties equal up to rounding keep the lexicographic
    # rule's choice, on both float paths, and agree with the exact path
    game = random_game((30, 30), rng=4, integers=(0, 2))
    exact = sg.solve(game, method="lemke_howson", init_label=0, exact=True)
    floats = sg.solve(game, method="lemke_howson", init_label=0)
    assert floats.details["status"] == {0: "done"}
    assert floats.details["pivots"] == exact.details["pivots"]
    np.testing.assert_allclose(
        floats.equilibria[0].strategies[0], exact.equilibria[0].strategies[0]
    )


def test_compiled_refactoring_keeps_the_path(monkeypatch):
    pytest.importorskip("numba")
    from stratgame.solvers import lemke_howson as lh

    game = random_game((40, 35), rng=8)
    before = sg.solve(game, method="lemke_howson", all_labels=True)
    assert before.details["compiled"]
    monkeypatch.setattr(lh, "_REFACTOR_EVERY", 2)
    after = sg.solve(game, method="lemke_howson", all_labels=True)
    assert after.details["pivots"] == before.details["pivots"]
    for s, t in zip(before.equilibria, after.equilibria, strict=True):
        np.testing.assert_allclose(s.strategies[0], t.strategies[0], atol=1e-12)


def test_compiled_float_failures_are_reported_never_returned(monkeypatch):
    pytest.importorskip("numba")
    from stratgame.solvers import lemke_howson as lh

    # the sabotaged ratio test of the test above, in the compiled kernel
    monkeypatch.setattr(lh, "_PIVOT_TOL", -1e9)
    monkeypatch.setattr(lh, "_EXACT_FALLBACK_CELLS", 0)
    game = random_game((25, 25), rng=5)
    res = sg.solve(game, method="lemke_howson", all_labels=True, max_iter=5000)
    assert res.details["compiled"]
    assert {"cycle", "inaccurate"} & set(res.details["status"].values())
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)


def test_a_failed_float_path_recovers_from_the_next_label(monkeypatch):
    from stratgame.solvers import lemke_howson as lh

    game = random_game((30, 30), rng=2)
    real_run = lh._run

    def failing(game, label, *args, **kwargs):
        if label == 0:
            return None, 17, "cycle"
        return real_run(game, label, *args, **kwargs)

    monkeypatch.setattr(lh, "_run", failing)
    res = sg.solve(game, method="lemke_howson", init_label=0)
    assert res.converged and res.details["recovered"] == {0: 1}
    assert res.details["status"] == {0: "cycle"}
    assert res.details["pivots"][0] > 17
    assert game.is_nash(res.equilibria[0].strategies)


# -------------------------------------------- the compiled run, end to end


def test_small_games_run_compiled_only_once_numba_is_ready(monkeypatch):
    pytest.importorskip("numba")
    from types import SimpleNamespace

    from stratgame.solvers import lemke_howson as lh

    monkeypatch.setattr(lh, "sys", SimpleNamespace(modules={}))
    assert lh._kernel_for(lh._COMPILED_FROM - 1) is None
    assert lh._kernel_for(lh._COMPILED_FROM) is lh._compiled_kernel() is not None
    # numba imported but idle: readying it would still cost a second
    monkeypatch.setattr(lh, "sys", SimpleNamespace(modules={"numba": None}))
    assert lh._kernel_for(4) is None
    monkeypatch.setattr(lh, "sys", SimpleNamespace(modules={lh._NUMBA_READY: None}))
    assert lh._kernel_for(4) is lh._compiled_kernel()


def test_small_degenerate_games_take_the_same_path_compiled(monkeypatch):
    pytest.importorskip("numba")
    from stratgame.solvers import lemke_howson as lh

    game = random_game((6, 5), rng=3, integers=(0, 2))  # ties everywhere
    compiled = sg.solve(game, method="lemke_howson", all_labels=True)
    assert compiled.details["compiled"]
    monkeypatch.setattr(lh, "_kernel_for", lambda cells: None)
    plain = sg.solve(game, method="lemke_howson", all_labels=True)
    assert compiled.details["pivots"] == plain.details["pivots"]
    assert compiled.details["labels"] == plain.details["labels"]
    for eq, other in zip(compiled.equilibria, plain.equilibria, strict=True):
        for s, t in zip(eq.strategies, other.strategies, strict=True):
            np.testing.assert_allclose(s, t, atol=1e-12)
        np.testing.assert_allclose(eq.payoffs, other.payoffs, atol=1e-12)
        assert eq.regret <= 1e-12 and game.is_nash(eq.strategies)


@pytest.mark.parametrize("scale", [1.0, 1e300, 1.5e308, 1e-310])
def test_kernel_tableaux_are_bit_for_bit_the_numpy_ones(scale):
    from stratgame.games.scaling import unit_interval
    from stratgame.solvers import _lemke_howson_kernels as kernels

    rng = np.random.default_rng(7)
    A = (rng.random((6, 4)) - 0.5) * scale
    B = rng.integers(-3, 4, size=(6, 4)) / 4 * scale
    tab_p, tab_q, _ = kernels.initial_tableaux(A, B)
    plain = kernels.initial_tableaux.py_func if kernels.COMPILED else None
    for tabs in [(tab_p, tab_q)] + ([plain(A, B)[:2]] if plain else []):
        np.testing.assert_array_equal(tabs[0][:, :-1], 1.0 + unit_interval(B).T)
        np.testing.assert_array_equal(tabs[1][:, :-1], 1.0 + unit_interval(A))
        assert (tabs[0][:, -1] == 1).all() and (tabs[1][:, -1] == 1).all()
        assert tabs[0].flags.f_contiguous and tabs[1].flags.f_contiguous


def test_huge_payoffs_are_certified_on_scaled_payoffs():
    # products of payoffs near the float limit overflow: the certificate is
    # then read off the payoffs mapped onto [0, 1]
    rng = np.random.default_rng(5)
    A, B = rng.random((25, 25)) - 0.5, rng.random((25, 25)) - 0.5
    game = sg.NormalFormGame.from_bimatrix(np.ldexp(A, 1025), np.ldexp(B, 1025))
    assert game.payoff_ranges == (np.inf, np.inf)
    res = sg.solve(game, method="lemke_howson")
    assert res.converged and res.equilibria
    assert game.is_nash(res.equilibria[0].strategies)
    # the same game scaled by a power of two: the same tableaux, the same path
    reference = sg.solve(sg.NormalFormGame.from_bimatrix(A, B), method="lemke_howson")
    assert res.details["pivots"] == reference.details["pivots"]
    for s, t in zip(
        res.equilibria[0].strategies, reference.equilibria[0].strategies, strict=True
    ):
        np.testing.assert_array_equal(s, t)
