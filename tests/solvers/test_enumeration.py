"""Complete enumeration of the extreme equilibria of two-player games:
the Gambit corpus, games with known answers, properties over game classes,
and cross-checks against nashpy, pygambit and Lemke-Howson."""

from __future__ import annotations

import sys
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from gambit_corpus import corpus_reference
from stratgame.exceptions import (
    InvalidGameError,
    InvalidParameterError,
    ResourceLimitError,
)
from stratgame.solvers import METHODS
from stratgame.solvers.enumeration import _solve_partners, enumerate_equilibria

REFERENCE = corpus_reference()
TWO_PLAYER = sorted(
    name for name, entry in REFERENCE.items() if entry.get("extreme") is not None
)
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# ----------------------------------------------------------------- helpers
def exact_set(result):
    return {tuple(tuple(s) for s in eq.exact) for eq in result.equilibria}


def float_rows(result):
    rows = [np.concatenate(eq.strategies) for eq in result.equilibria]
    return np.array(rows).reshape(len(rows), -1)


def same_float_sets(a, b, atol=1e-9) -> bool:
    """Equal as sets up to ``atol`` (each point near one of the others)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) != len(b):
        return False
    if not len(a):
        return True
    gaps = np.abs(a[:, None, :] - b[None, :, :]).max(axis=-1)
    return bool((gaps.min(axis=1) <= atol).all() and (gaps.min(axis=0) <= atol).all())


def as_rows(exact_profiles):
    return [
        np.array([float(Fraction(p)) for s in eq for p in s]) for eq in exact_profiles
    ]


def reference_set(name):
    """Gambit's extreme equilibria (its list can repeat one) as a set."""
    return {
        tuple(tuple(Fraction(p) for p in s) for s in eq)
        for eq in REFERENCE[name]["extreme"]
    }


def bimatrix(data):
    A, B = data
    return sg.NormalFormGame.from_bimatrix(A, B)


# -------------------------------------------------------------- the corpus
@pytest.mark.parametrize("name", TWO_PLAYER)
def test_corpus_exact_equals_gambit_enummixed(gambit_corpus, name):
    game = sg.read_nfg(gambit_corpus / name)
    result = sg.solve(game, method="enumerate", exact=True)
    assert exact_set(result) == reference_set(name)
    assert len(result.equilibria) == len(reference_set(name))
    assert result.complete and result.method == "enumerate"
    assert all(eq.regret == 0 for eq in result.equilibria)


@pytest.mark.parametrize("name", TWO_PLAYER)
def test_corpus_float_equals_gambit_enummixed(gambit_corpus, name):
    game = sg.read_nfg(gambit_corpus / name)
    want = as_rows(reference_set(name))
    result = sg.solve(game, method="enumerate")
    assert same_float_sets(float_rows(result), want)
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_corpus_holds_von_stengels_75_equilibria(gambit_corpus):
    name = "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg"
    result = sg.solve(sg.read_nfg(gambit_corpus / name), method="enumerate", exact=True)
    assert len(result.equilibria) == 75
    # all isolated: the game is nondegenerate (von Stengel 1999)
    assert len(result.components) == 75


# ------------------------------------------------------- known games
def test_matching_pennies_has_the_unique_uniform_equilibrium():
    game = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    result = enumerate_equilibria(game, exact=True)
    assert exact_set(result) == {((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)}


def test_rock_paper_scissors_has_the_unique_uniform_equilibrium():
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    result = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(rps))
    assert same_float_sets(float_rows(result), [np.full(6, 1 / 3)])


def test_shapleys_game_has_one_equilibrium():
    # Shapley (1964): the unique equilibrium is uniform; fictitious play cycles.
    A = [[0, 1, 2], [2, 0, 1], [1, 2, 0]]
    B = [[0, 2, 1], [1, 0, 2], [2, 1, 0]]
    result = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(A, B), exact=True)
    assert exact_set(result) == {((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)}


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7])
def test_identity_coordination_game_has_one_equilibrium_per_support(n):
    # In the n x n coordination game with payoff 1 on the diagonal, every
    # nonempty support S gives the equilibrium uniform on S: 2^n - 1 in all.
    game = sg.NormalFormGame.from_bimatrix(np.eye(n, dtype=int), np.eye(n, dtype=int))
    result = enumerate_equilibria(game, exact=True)
    assert len(result.equilibria) == 2**n - 1
    for eq in result.equilibria:
        x, y = eq.exact
        assert x == y
        support = [p for p in x if p != 0]
        assert all(p == Fraction(1, len(support)) for p in support)
    floats = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(np.eye(n), np.eye(n)))
    assert same_float_sets(float_rows(floats), as_rows(exact_set(result)))


def test_all_zero_game_has_four_extreme_equilibria_in_one_component():
    game = sg.NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    result = enumerate_equilibria(game, exact=True)
    assert len(result.equilibria) == 4
    assert result.components == ((0, 1, 2, 3),)
    assert result.details["cliques"] == [((0, 1), (0, 1))]


def test_prisoners_dilemma_has_only_mutual_defection():
    game = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    result = sg.solve(game, method="enumerate", exact=True)
    assert exact_set(result) == {((0, 1), (0, 1))}


def test_one_row_games_list_the_best_columns():
    game = sg.NormalFormGame.from_bimatrix([[1, 5, 2, 0]], [[3, 7, 7, 1]])
    result = enumerate_equilibria(game, exact=True)
    assert exact_set(result) == {((1,), (0, 1, 0, 0)), ((1,), (0, 0, 1, 0))}
    assert result.components == ((0, 1),)


def test_exact_mode_takes_float_payoffs_bit_for_bit():
    game = sg.NormalFormGame.from_bimatrix(
        [[0.1, 0.0], [0.0, 0.2]], [[0.2, 0], [0, 0.1]]
    )
    result = enumerate_equilibria(game, exact=True)
    mixed = next(eq for eq in result.equilibria if not eq.is_pure)
    # the row player mixes to make the column player indifferent: p*0.2 = (1-p)*0.1
    b1, b2 = Fraction(0.2), Fraction(0.1)
    assert mixed.exact[0] == (b2 / (b1 + b2), b1 / (b1 + b2))


# ---------------------------------------------------------------- errors
def test_three_player_games_go_to_n_player_enumeration():
    game = sg.NormalFormGame([np.zeros((2, 2, 2))] * 3)  # all indifferent
    result = sg.solve(game, method="enumerate")
    assert result.details["kind"] == "isolated"
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)
    with pytest.raises(InvalidGameError, match="two-player"):
        enumerate_equilibria(game)  # the vertex enumeration itself


@pytest.mark.parametrize("tol", [-1e-9, 0.5, float("nan"), "small"])
def test_bad_tolerances_are_refused(tol):
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError, match="'tol'"):
        enumerate_equilibria(game, tol=tol)


def test_exact_must_be_a_bool():
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError, match="exact must be True or False"):
        enumerate_equilibria(game, exact="yes")


# ------------------------------------------------------- ties and near-ties
def test_nearly_degenerate_games_are_decided_exactly():
    for eps, arithmetic in ((1e-6, "float"), (1e-12, "exact")):
        # a payoff gap of eps of the range: below 1e-9 float is not trusted
        A = [[1, 0.2], [1 - eps, 0.7]]
        game = sg.NormalFormGame.from_bimatrix(A, [[1, 0], [0, 1]])
        result = enumerate_equilibria(game)
        assert result.details["arithmetic"] == arithmetic
        exact = enumerate_equilibria(game, exact=True)
        assert same_float_sets(float_rows(result), as_rows(exact_set(exact)))


def test_exact_ties_in_floats_give_the_exact_answer():
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [1, 0]], [[1, 0], [1, 0]])
    result = enumerate_equilibria(game)
    assert len(result.equilibria) == 2
    assert result.details["arithmetic"] == "exact"


def test_generic_float_games_are_certified_in_floating_point():
    rng = np.random.default_rng(4)
    game = sg.NormalFormGame.from_bimatrix(rng.random((6, 7)), rng.random((6, 7)))
    result = enumerate_equilibria(game)
    assert result.details["arithmetic"] == "float"
    assert len(result.equilibria) % 2 == 1
    exact = enumerate_equilibria(game, exact=True)
    assert same_float_sets(float_rows(result), as_rows(exact_set(exact)))


# the reproducers of issue 14, each with its exact answer
ISSUE_CASES = {
    "mixed magnitudes": (
        [[0, 2000000, 1], [1000001, 1000001, 1], [1000000, 2000001, 0]],
        [[0, 2, 1], [1, 0, 2], [1, 1, 1]],
    ),
    "mixed magnitudes, smallest": (
        [[0, 1001, 2000], [2, 1000, 2000], [1, 1000, 2000]],
        [[2, 1, 2], [0, 1, 1], [2, 1, 2]],
    ),
    "near tie": ([[1, 1, 2], [0, 1, 0]], [[1, 2, 1], [1.00000000001, 1, 1]]),
    "tiny scale": (np.eye(2) * 1e-310, np.eye(2) * 1e-310),
    "huge scale": (np.eye(2) * 1e308, np.eye(2) * 1e308),
    "huge both signs": (
        [[1.7e308, -1.7e308], [-1.7e308, 1.7e308]],
        [[1.0, 0.0], [0.0, 1.0]],
    ),
}


@pytest.mark.parametrize("name", sorted(ISSUE_CASES))
def test_the_reported_false_equilibria_are_gone(name):
    A, B = ISSUE_CASES[name]
    game = sg.NormalFormGame.from_bimatrix(np.array(A), np.array(B))
    exact = enumerate_equilibria(game, exact=True)
    floats = enumerate_equilibria(game)
    assert floats.complete and len(floats.equilibria) >= 1
    assert all(game.is_nash(eq.strategies) for eq in floats.equilibria)
    assert same_float_sets(float_rows(floats), as_rows(exact_set(exact)))


def test_the_mixed_magnitude_game_has_six_extreme_equilibria():
    A, B = ISSUE_CASES["mixed magnitudes"]
    result = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(A, B), exact=True)
    assert len(result.equilibria) == 6  # Gambit's enummixed (rational) agrees


# ------------------------------------------------------------ memory budget
def test_a_game_beyond_the_memory_budget_raises_a_clear_error():
    rng = np.random.default_rng(0)
    game = sg.NormalFormGame.from_bimatrix(rng.random((9, 9)), rng.random((9, 9)))
    with pytest.raises(ResourceLimitError, match="lemke_howson") as info:
        enumerate_equilibria(game, max_memory=20_000)
    assert isinstance(info.value, MemoryError)
    assert "MiB" in str(info.value)


def test_exact_enumeration_respects_the_budget_too():
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 2, (6, 9)), rng.integers(0, 2, (6, 9))
    with pytest.raises(ResourceLimitError):
        enumerate_equilibria(
            sg.NormalFormGame.from_bimatrix(A, B), exact=True, max_memory=20_000
        )


@pytest.mark.parametrize("value", [0, -5, "lots", float("nan")])
def test_bad_memory_budgets_are_refused(value):
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError, match="max_memory"):
        enumerate_equilibria(game, max_memory=value)


def test_auto_falls_back_to_one_equilibrium_when_enumeration_is_too_large(
    monkeypatch,
):
    solve_module = sys.modules["stratgame.solvers.solve"]
    monkeypatch.setattr(solve_module, "AUTO_ENUMERATE_MAX_MEMORY", 20_000)
    rng = np.random.default_rng(0)
    game = sg.NormalFormGame.from_bimatrix(rng.random((9, 9)), rng.random((9, 9)))
    result = sg.solve(game)
    assert result.method == "lemke_howson" and not result.complete
    assert "needs more than" in result.details["auto"]
    assert game.is_nash(result.equilibria[0].strategies)


# ------------------------------------------------------------ game classes
def matrices(elements, max_side=5, min_side=1):
    shapes = st.tuples(st.integers(min_side, max_side), st.integers(min_side, max_side))
    return shapes.flatmap(
        lambda shape: st.tuples(
            st.lists(
                st.lists(elements, min_size=shape[1], max_size=shape[1]),
                min_size=shape[0],
                max_size=shape[0],
            ),
            st.lists(
                st.lists(elements, min_size=shape[1], max_size=shape[1]),
                min_size=shape[0],
                max_size=shape[0],
            ),
        )
    )


small_ints = matrices(st.integers(0, 2))
uniform_floats = matrices(st.floats(0, 1, allow_nan=False, allow_subnormal=False))
zero_sum = st.lists(
    st.lists(st.integers(-3, 3), min_size=3, max_size=3), min_size=2, max_size=4
).map(lambda A: (A, [[-a for a in row] for row in A]))
coordination = matrices(st.integers(0, 3), max_side=4).map(lambda d: (d[0], d[0]))
one_row = matrices(st.integers(0, 3), max_side=6).map(lambda d: (d[0][:1], d[1][:1]))


@st.composite
def duplicated_strategies(draw):
    A, B = draw(matrices(st.integers(0, 4), max_side=4))
    row = draw(st.integers(0, len(A) - 1))
    return [*A, A[row]], [*B, B[row]]


GAME_CLASSES = {
    "small_ints": small_ints,
    "zero_sum": zero_sum,
    "coordination": coordination,
    "duplicated": duplicated_strategies(),
    "one_row": one_row,
}


@pytest.mark.parametrize("kind", sorted(GAME_CLASSES))
def test_exact_and_float_enumerations_agree_and_are_equilibria(kind):
    @FAST
    @given(GAME_CLASSES[kind])
    def check(data):
        game = bimatrix(data)
        exact = enumerate_equilibria(game, exact=True)
        for eq in exact.equilibria:
            assert eq.regret == 0
            assert game.is_nash(eq.exact, tol=0)
        floats = enumerate_equilibria(game)
        assert same_float_sets(float_rows(floats), as_rows(exact_set(exact)))
        pure = {
            tuple(tuple(s) for s in eq.exact)
            for eq in sg.solve(game, method="pure").equilibria
        }
        assert pure <= exact_set(exact)  # pure equilibria are extreme

    check()


# hypothesis draws nearly tied payoffs on purpose; the warning is right there
@pytest.mark.filterwarnings("ignore::stratgame.exceptions.DegenerateGameWarning")
@FAST
@given(uniform_floats)
def test_uniform_float_games_give_equilibria_with_an_odd_count(data):
    game = bimatrix(data)
    result = enumerate_equilibria(game)
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)
    assert all(eq.regret <= 1e-9 * game.payoff_scale for eq in result.equilibria)
    if not game.is_degenerate():
        # nondegenerate games have an odd number of equilibria (Lemke &
        # Howson 1964; von Stengel 2007, Corollary 3.7), all isolated
        assert len(result.equilibria) % 2 == 1
        assert len(result.components) == len(result.equilibria)


@FAST
@given(small_ints, st.data())
def test_positive_affine_payoff_changes_keep_the_equilibria(data, draws):
    game = bimatrix(data)
    a = draws.draw(st.fractions(Fraction(1, 7), 9))
    b = draws.draw(st.fractions(-5, 5))
    c = draws.draw(st.fractions(Fraction(1, 7), 9))
    d = draws.draw(st.fractions(-5, 5))
    A, B = (np.array(u, dtype=object) for u in game.payoff_arrays)
    moved = sg.NormalFormGame.from_bimatrix(A * a + b, B * c + d)
    assert exact_set(enumerate_equilibria(moved, exact=True)) == exact_set(
        enumerate_equilibria(game, exact=True)
    )


@FAST
@given(small_ints, st.randoms(use_true_random=False))
def test_permuting_actions_permutes_the_equilibria(data, random):
    game = bimatrix(data)
    m, n = game.shape
    rows, cols = list(range(m)), list(range(n))
    random.shuffle(rows)
    random.shuffle(cols)
    A, B = game.payoff_arrays
    moved = sg.NormalFormGame.from_bimatrix(A[rows][:, cols], B[rows][:, cols])
    expected = {
        (tuple(x[r] for r in rows), tuple(y[c] for c in cols))
        for x, y in exact_set(enumerate_equilibria(game, exact=True))
    }
    assert exact_set(enumerate_equilibria(moved, exact=True)) == expected


@FAST
@given(small_ints, st.data())
def test_mixtures_within_a_maximal_nash_subset_are_equilibria(data, draws):
    game = bimatrix(data)
    result = enumerate_equilibria(game, exact=True)
    x_of, y_of = {}, {}
    for eq, (x_id, y_id) in zip(
        result.equilibria, result.details["vertex_ids"], strict=True
    ):
        x_of[x_id], y_of[y_id] = eq.exact[0], eq.exact[1]
        assert any(x_id in xs and y_id in ys for xs, ys in result.details["cliques"])
    for xs, ys in result.details["cliques"]:
        wx = draws.draw(st.lists(st.integers(1, 5), min_size=len(xs), max_size=len(xs)))
        wy = draws.draw(st.lists(st.integers(1, 5), min_size=len(ys), max_size=len(ys)))
        x = sum(
            (np.array(x_of[i], dtype=object) * Fraction(w, sum(wx)))
            for i, w in zip(xs, wx, strict=True)
        )
        y = sum(
            (np.array(y_of[j], dtype=object) * Fraction(w, sum(wy)))
            for j, w in zip(ys, wy, strict=True)
        )
        assert game.is_nash((x, y), tol=0)
    covered = sorted(k for component in result.components for k in component)
    assert covered == list(range(len(result.equilibria)))


def test_degenerate_game_components_and_cliques():
    # Battle of the sexes with the second row duplicated: the row player is
    # indifferent between rows 1 and 2, so the pure equilibrium (row 1,
    # column 1) and the mixed one each become a segment of equilibria; the
    # pure (row 0, column 0) stays isolated. Three components, five extreme
    # equilibria.
    A = [[3, 0], [0, 2], [0, 2]]
    B = [[2, 0], [0, 3], [0, 3]]
    result = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(A, B), exact=True)
    F = Fraction
    segments = [
        {((0, 1, 0), (0, 1)), ((0, 0, 1), (0, 1))},
        {
            ((F(3, 5), F(2, 5), 0), (F(2, 5), F(3, 5))),
            ((F(3, 5), 0, F(2, 5)), (F(2, 5), F(3, 5))),
        },
    ]
    assert exact_set(result) == {((1, 0, 0), (1, 0)), *segments[0], *segments[1]}
    found = [
        {tuple(tuple(s) for s in result.equilibria[k].exact) for k in component}
        for component in result.components
    ]
    assert sorted(map(len, found)) == [1, 2, 2]
    assert segments[0] in found and segments[1] in found
    assert len(result.details["cliques"]) == 3


# ---------------------------------------------------------- cross-checks
@settings(max_examples=12, deadline=None)
@given(matrices(st.integers(-20, 20), max_side=4, min_side=2))
def test_agrees_with_nashpy_vertex_enumeration_on_nondegenerate_games(data):
    nashpy = pytest.importorskip("nashpy")
    game = bimatrix(data)
    if game.is_degenerate():
        return
    A, B = game.float_payoff_arrays
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = [np.concatenate(eq) for eq in nashpy.Game(A, B).vertex_enumeration()]
    assert same_float_sets(float_rows(enumerate_equilibria(game)), theirs, atol=1e-7)


def test_agrees_with_pygambit_enummixed():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(5)
    for shape in [(3, 3), (4, 4), (3, 5)]:
        A, B = rng.integers(0, 3, shape), rng.integers(0, 3, shape)
        game = sg.NormalFormGame.from_bimatrix(A, B)
        solved = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=True)
        theirs = {
            tuple(
                tuple(Fraction(str(eq[s])) for s in player.strategies)
                for player in solved.game.players
            )
            for eq in solved.equilibria
        }
        assert exact_set(enumerate_equilibria(game, exact=True)) == theirs


@pytest.mark.skipif("lemke_howson" not in METHODS, reason="no Lemke-Howson")
@FAST
@given(matrices(st.integers(0, 3), max_side=4))
def test_every_lemke_howson_answer_is_in_the_enumeration(data):
    game = bimatrix(data)
    everything = exact_set(enumerate_equilibria(game, exact=True))
    found = sg.solve(game, method="lemke_howson", exact=True, all_labels=True)
    for eq in found.equilibria:
        assert tuple(tuple(s) for s in eq.exact) in everything


# ------------------------------------------------------------ engines
def random_rows(rng, n_vert, k, size):
    mask = np.zeros((n_vert, k), dtype=bool)
    for row in mask:
        row[rng.choice(k, size, replace=False)] = True
    return mask


def test_compiled_float_search_matches_the_numpy_search():
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import float_vertices, positive_float
    from stratgame.solvers import _vertex_numba

    rng = np.random.default_rng(11)
    C = positive_float(rng.random((7, 6)))
    ours = float_vertices(C, engine=_vertex_numba)
    numpy = float_vertices(C)
    key = lambda found: sorted(map(tuple, found[1].tolist()))  # noqa: E731
    assert key(ours) == key(numpy) and len(ours[0]) > 10


def test_float_searches_stop_at_a_degenerate_polytope():
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import Doubtful, float_vertices, positive_float
    from stratgame.solvers import _vertex_numba

    rng = np.random.default_rng(11)
    C = positive_float(rng.integers(0, 3, (6, 6)).astype(float))
    for engine in (None, _vertex_numba):
        with pytest.raises(Doubtful):
            float_vertices(C, engine=engine)


def test_compiled_exact_search_matches_python_integers():
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import exact_vertices, positive_integer
    from stratgame.solvers import _vertex_numba

    rng = np.random.default_rng(11)
    for C in (rng.integers(0, 3, (6, 7)), rng.integers(0, 1000, (5, 5))):
        C = positive_integer(C.astype(object))
        compiled = exact_vertices(C, engine=_vertex_numba)
        python = exact_vertices(C)

        def points(found):
            numerators, dets, tight = found
            return {
                (tuple(Fraction(int(p), int(d)) for p in row), tuple(t))
                for row, d, t in zip(numerators, dets, tight.tolist(), strict=True)
            }

        assert points(compiled) == points(python)


def test_compiled_exact_search_hands_over_when_int64_overflows():
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import exact_vertices
    from stratgame.solvers import _vertex_numba

    rng = np.random.default_rng(5)
    C = (rng.integers(1, 2**30, (6, 6))).tolist()  # minors outgrow 2**31
    numerators, dets, tight = exact_vertices(C, engine=_vertex_numba)
    assert dets.dtype == object  # finished on Python integers
    assert numerators.dtype == object and len(tight) > 6


def test_the_compiled_search_resumes_where_it_stopped():
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import positive_float
    from stratgame.solvers import _vertex_numba as kernels

    C = positive_float(np.random.default_rng(2).random((6, 6)))
    whole, status = kernels.advance(
        kernels.start(C, False), 6, False, 1e-9, 10**9, 10**9
    )
    assert status == kernels.DONE
    state, steps = kernels.start(C, False), 0
    while True:
        state, status = kernels.advance(state, 6, False, 1e-9, 1, 10**9)
        steps += 1
        if status != kernels.RUNNING:
            break
    assert status == kernels.DONE and steps > 10
    assert state[7] == whole[7]
    np.testing.assert_array_equal(state[1][: state[7]], whole[1][: whole[7]])


def test_compiled_partners_match_the_numpy_partners():
    pytest.importorskip("numba")
    from stratgame.solvers._vertex_numba import compiled_partners

    rng = np.random.default_rng(11)
    U = rng.random((6, 7))
    own = np.vstack([random_rows(rng, 40, 6, s) for s in (1, 2, 3)])
    best = np.vstack([random_rows(rng, 40, 7, s) for s in (1, 2, 3)])
    compiled = compiled_partners(U, own, best, 1e-9)
    vectorized = _solve_partners(U, own, best, 1e-9)
    np.testing.assert_array_equal(compiled[1], vectorized[1])
    assert set(compiled[1].tolist()) >= {0, 1}
    np.testing.assert_allclose(compiled[0], vectorized[0], atol=1e-12)


def test_larger_games_use_the_same_answers_on_either_engine():
    # 7 x 7 games run the compiled engine when numba is installed; their
    # equilibria must be those of exact enumeration.
    rng = np.random.default_rng(3)
    A, B = rng.integers(0, 50, (7, 7)), rng.integers(0, 50, (7, 7))
    game = sg.NormalFormGame.from_bimatrix(A, B)
    exact = exact_set(enumerate_equilibria(game, exact=True))
    floats = sg.NormalFormGame.from_bimatrix(A / 7.0, B / 3.0)
    assert same_float_sets(float_rows(enumerate_equilibria(floats)), as_rows(exact))


def test_games_with_more_than_64_actions_in_all():
    # 65 labels: the bases and label sets no longer fit one machine word
    rng = np.random.default_rng(1)
    A, B = rng.integers(0, 100, (2, 63)), rng.integers(0, 100, (2, 63))
    exact = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(A, B), exact=True)
    floats = enumerate_equilibria(sg.NormalFormGame.from_bimatrix(A / 1.0, B / 1.0))
    assert len(exact.equilibria) >= 1
    assert same_float_sets(float_rows(floats), as_rows(exact_set(exact)))


def test_small_games_do_not_load_numba_in_a_fresh_process():
    # loading numba costs about a second; a 3x3 game takes a millisecond
    import subprocess

    code = (
        "import sys, stratgame as sg\n"
        "g = sg.NormalFormGame.from_bimatrix([[3, 0, 1], [5, 1, 2], [0, 2, 4]],"
        " [[3, 5, 1], [0, 1, 2], [2, 0, 1]])\n"
        "assert sg.solve(g).equilibria\n"
        "print('numba' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_fused_kernel_of_small_games_matches_the_general_float_path():
    pytest.importorskip("numba")
    from stratgame.solvers import _vertex_numba as kernels
    from stratgame.solvers import enumeration

    rng = np.random.default_rng(0)
    decided = 0
    for trial in range(120):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        if trial % 3 == 0:  # ties: both paths must hand over to exact arithmetic
            A, B = rng.integers(0, 3, (m, n)) * 1.0, rng.integers(0, 3, (m, n)) * 1.0
        else:
            A, B = rng.random((m, n)), rng.random((m, n)) * 10 ** (trial % 5)
        game = sg.NormalFormGame.from_bimatrix(A, B)
        status, xs, ys, *_ = kernels.float_enumerate(A, B, enumeration.DOUBT)
        fused = (xs, ys) if status == kernels.DONE else None
        general = enumeration._float_search(game, kernels, 1 << 30)
        assert (fused is None) == (general is None)
        if fused is not None:
            decided += 1
            assert same_float_sets(np.hstack(fused), np.hstack(general[:2]), 1e-12)
    assert decided > 50


def _same_results(one, other) -> bool:
    """The same equilibria in the same order (strategies bit for bit when
    exact arithmetic decided, payoffs and regrets up to rounding) and the
    same components, cliques and vertex ids."""
    if len(one.equilibria) != len(other.equilibria):
        return False
    bits = one.details["arithmetic"] == "exact"
    for a, b in zip(one.equilibria, other.equilibria, strict=True):
        for s, t in zip(a.strategies, b.strategies, strict=True):
            if not (np.array_equal(s, t) if bits else np.allclose(s, t, 0, 1e-12)):
                return False
        if not np.allclose(a.payoffs, b.payoffs, rtol=0, atol=1e-12):
            return False
        if abs(a.regret - b.regret) > 1e-12:
            return False
    return one.components == other.components and one.details == other.details


def test_the_fused_kernels_answer_as_the_general_paths(monkeypatch):
    # Small games run in one compiled call, float or exact; larger ones
    # through the general paths. Both must give the same result, degenerate
    # games (exact arithmetic: strategies bit for bit) included.
    pytest.importorskip("numba")
    from stratgame.solvers import _vertex_numba as kernels
    from stratgame.solvers import enumeration

    monkeypatch.setattr(enumeration, "_engine", lambda game: kernels)
    rng = np.random.default_rng(4)
    arithmetic = set()
    for trial in range(80):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        if trial % 2:  # ties: integers, as floats (scaled in the kernel) or not,
            # and binary fractions and decimals (scaled in Python)
            scale = (1.0, 1, 0.25, 0.1)[trial // 2 % 4]
            A, B = (
                rng.integers(0, 3, (m, n)) * scale,
                rng.integers(0, 3, (m, n)) * scale,
            )
        else:
            A, B = rng.random((m, n)), rng.random((m, n)) * 10.0 ** (trial % 7 - 3)
        game = sg.NormalFormGame.from_bimatrix(A, B)
        fused = enumerate_equilibria(game)
        monkeypatch.setattr(enumeration, "FUSED_MAX_ACTIONS", 0)
        general = enumerate_equilibria(game)
        monkeypatch.undo()
        monkeypatch.setattr(enumeration, "_engine", lambda game: kernels)
        arithmetic.add(fused.details["arithmetic"])
        assert fused.details["arithmetic"] == general.details["arithmetic"]
        assert _same_results(fused, general), (A, B)
        assert all(game.is_nash(eq.strategies) for eq in fused.equilibria)
    assert arithmetic == {"float", "exact"}


def test_the_fused_exact_kernel_hands_over_when_int64_overflows():
    pytest.importorskip("numba")
    from stratgame.solvers import _vertex_numba as kernels

    rng = np.random.default_rng(5)
    A, B = rng.integers(1, 2**30, (5, 5)), rng.integers(1, 2**30, (5, 5))
    status, *_ = kernels.exact_enumerate(A * 1.0, B * 1.0, (2.0**30, 2.0**30), A, B)
    assert status == kernels.OVERFLOW  # minors outgrow int64's safe range
    game = sg.NormalFormGame.from_bimatrix(A, B)
    floats = enumerate_equilibria(game)
    exact = enumerate_equilibria(game, exact=True)
    assert same_float_sets(float_rows(floats), as_rows(exact_set(exact)))


def test_small_games_use_the_kernels_once_numba_runs_elsewhere():
    # another library (QuantEcon, say) has started numba's compiler: the
    # kernels then load from the disk cache in a fraction of that cost
    pytest.importorskip("numba")
    import subprocess

    code = (
        "import sys, numba, stratgame as sg\n"
        "numba.njit(lambda x: x + 1)(1)\n"
        "g = sg.NormalFormGame.from_bimatrix([[3, 0, 1], [5, 1, 2], [0, 2, 4]],"
        " [[3, 5, 1], [0, 1, 2], [2, 0, 1]])\n"
        "assert sg.solve(g, method='enumerate').equilibria\n"
        "print('stratgame.solvers._vertex_numba' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"


def test_the_search_grows_its_arrays_and_keeps_its_order():
    # the search stops to grow its arrays and starts again where it was:
    # the bases come in the same breadth-first order as in one go, and a
    # budget too small for the frontier stops it
    pytest.importorskip("numba")
    from stratgame.games.degeneracy import _float_bases, positive_float
    from stratgame.solvers import _vertex_numba as kernels

    C = positive_float(np.random.default_rng(8).random((8, 8)))
    state, status = kernels.advance(
        kernels.start(C, False), 8, False, 1e-9, 10**9, 10**9
    )
    assert status == kernels.DONE and state[7] > 128  # grew arrays and table
    bases = np.sort(state[1][: state[7]], axis=1)
    assert len(np.unique(bases, axis=0)) == state[7]  # each basis once
    numpy_bases, _ = _float_bases(C, 1e-9, 1 << 30)
    assert sorted(map(tuple, bases.tolist())) == sorted(
        map(tuple, np.sort(numpy_bases, axis=1).tolist())
    )
    _, status = kernels.advance(kernels.start(C, False), 8, False, 1e-9, 10**9, 10**5)
    assert status == kernels.OVER_BUDGET


def _profiles(result):
    return sorted(
        tuple(
            np.round(np.concatenate([np.asarray(s, float) for s in eq.strategies]), 9)
        )
        for eq in result.equilibria
    )


def test_partners_floats_leave_undecided_are_decided_exactly(monkeypatch):
    """A vertex whose partner the float test cannot decide (an ill-conditioned
    indifference system: common from 15 actions up) is decided alone in exact
    arithmetic; the game stays on the float path and the answer equals exact
    enumeration's."""
    from stratgame.solvers import enumeration

    monkeypatch.setattr(enumeration, "_engine", lambda game: None)
    original = enumeration._solve_partners

    def undecided(U, own, best, delta):
        partners, status = original(U, own, best, delta)
        return np.zeros_like(partners), np.full_like(status, 2)

    monkeypatch.setattr(enumeration, "_solve_partners", undecided)
    rng = np.random.default_rng(4)
    for _ in range(8):
        g = sg.NormalFormGame.from_bimatrix(rng.random((5, 7)), rng.random((5, 7)))
        got = enumeration.enumerate_equilibria(g)
        assert got.details["arithmetic"] == "float" and got.complete
        assert _profiles(got) == _profiles(
            enumeration.enumerate_equilibria(g, exact=True)
        )
    # beyond the limit the whole game goes to exact arithmetic
    monkeypatch.setattr(enumeration, "EXACT_PARTNERS_MAX", 0)
    assert enumeration.enumerate_equilibria(g).details["arithmetic"] == "exact"
