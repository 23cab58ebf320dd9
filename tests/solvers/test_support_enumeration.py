"""Support enumeration: the Gambit corpus, degenerate games, cross-checks with
enumeration and nashpy, and property tests."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from gambit_corpus import corpus_reference
from stratgame.games.generators import random_game


def _exact(eq):
    return tuple(tuple(s) for s in eq.exact)


def _quiet_solve(game, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DegenerateGameWarning)
        return sg.solve(game, **options)


def _same_sets(found, expected, atol=1e-9):
    """Every equilibrium of each list is within ``atol`` of one of the other."""

    def close(a, b):
        return all(
            np.allclose(s, t, atol=atol)
            for s, t in zip(a.strategies, b.strategies, strict=True)
        )

    return len(found) == len(expected) and all(
        any(close(a, b) for b in expected) for a in found
    )


def _two_player_corpus():
    return sorted(k for k, v in corpus_reference().items() if len(v["shape"]) == 2)


@pytest.mark.parametrize("name", _two_player_corpus())
def test_corpus_equilibria_are_reference_extreme_equilibria(gambit_corpus, name):
    reference = corpus_reference()[name]
    game = sg.read_nfg(gambit_corpus / name)
    expected = {
        tuple(tuple(Fraction(p) for p in s) for s in profile)
        for profile in reference["extreme"]
    }
    res = _quiet_solve(game, method="support_enumeration", exact=True)
    found = {_exact(eq) for eq in res.equilibria}
    assert found <= expected  # never an equilibrium Gambit does not list
    if res.complete:
        assert found == expected
    floats = _quiet_solve(game, method="support_enumeration")
    assert len(floats.equilibria) == len(found)
    for eq in floats.equilibria:
        assert any(
            all(
                np.allclose(s, np.array(t, dtype=float), atol=1e-9)
                for s, t in zip(eq.strategies, profile, strict=True)
            )
            for profile in expected
        )


def test_von_stengel_75_equilibria(gambit_corpus):
    # von Stengel (1999): a nondegenerate 6x6 game with 75 equilibria.
    name = "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg"
    game = sg.read_nfg(gambit_corpus / name)
    res = sg.solve(game, method="support_enumeration")
    assert len(res.equilibria) == 75
    assert res.complete
    assert all(game.is_nash(eq.strategies) for eq in res.equilibria)


def test_battle_of_the_sexes_exact():
    game = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = sg.solve(game, method="support_enumeration", exact=True)
    F = Fraction
    assert [_exact(eq) for eq in res.equilibria] == [
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    ]
    assert res.complete and res.method == "support_enumeration"


def test_degenerate_game_warns_and_is_not_complete():
    # Columns 1 and 2 give the column player the same payoffs, so against
    # x = (2/3, 1/3) or (0, 1) she has two best responses and any mix of them
    # works: the extreme equilibria ((2/3,1/3), (0,1/2,1/2)) and
    # ((0,1), (0,1/2,1/2)) solve no square system of equal-size supports.
    A = [[2, 1, 0], [0, 0, 1]]
    B = [[1, 0, 0], [0, 2, 2]]
    game = sg.NormalFormGame.from_bimatrix(A, B)
    with pytest.warns(sg.DegenerateGameWarning, match="method='enumerate'"):
        res = sg.solve(game, method="support_enumeration", exact=True)
    assert not res.complete
    assert res.details["degenerate"] is True
    F = Fraction
    assert {_exact(eq) for eq in res.equilibria} == {
        ((F(1), F(0)), (F(1), F(0), F(0))),
        ((F(0), F(1)), (F(0), F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(0), F(2, 3))),
    }
    extreme = {_exact(eq) for eq in _quiet_solve(game, method="enumerate", exact=True)}
    assert extreme - {_exact(eq) for eq in res.equilibria} == {
        ((F(2, 3), F(1, 3)), (F(0), F(1, 2), F(1, 2))),
        ((F(0), F(1)), (F(0), F(1, 2), F(1, 2))),
    }


def test_three_players_rejected():
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        sg.solve(random_game((2, 2, 2), rng=0), method="support_enumeration")
    with pytest.raises(ValueError, match="tol"):
        sg.solve(random_game(2, rng=0), method="support_enumeration", tol=-1)


def test_same_as_enumeration_and_odd_count_on_random_games():
    for seed, shape in enumerate([(3, 3), (4, 5), (6, 6), (7, 5)]):
        game = random_game(shape, rng=seed)
        res = sg.solve(game, method="support_enumeration")
        extreme = sg.solve(game, method="enumerate").equilibria
        assert res.complete
        assert _same_sets(res.equilibria, extreme)
        assert len(res.equilibria) % 2 == 1  # nondegenerate: an odd number


def test_nashpy_cross_checks():
    nashpy = pytest.importorskip("nashpy")
    for seed in range(3):
        game = random_game((4, 3), rng=100 + seed)
        theirs = nashpy.Game(*game.payoff_arrays)
        ours = sg.solve(game, method="support_enumeration").equilibria
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            vertices = list(theirs.vertex_enumeration())
            supports = list(theirs.support_enumeration())
        # nashpy's vertex enumeration is complete on nondegenerate games ...
        assert len(vertices) == len(ours)
        for x, y in vertices:
            assert any(
                np.allclose(x, eq.strategies[0], atol=1e-9)
                and np.allclose(y, eq.strategies[1], atol=1e-9)
                for eq in ours
            )
        # ... and its support enumeration finds no equilibrium we miss
        for x, _ in supports:
            assert any(np.allclose(x, eq.strategies[0], atol=1e-9) for eq in ours)


@st.composite
def games(draw):
    kind = draw(st.sampled_from(["uniform", "ties", "zero_sum", "coordination"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    if kind == "uniform":
        return random_game((m, n), rng=rng)
    if kind == "ties":
        return random_game((m, n), rng=rng, integers=(0, 2))
    if kind == "zero_sum":
        return sg.NormalFormGame.from_bimatrix(rng.integers(-3, 4, size=(m, n)))
    A = rng.integers(0, 4, size=(m, m))
    return sg.NormalFormGame.from_bimatrix(A, A)


@settings(max_examples=40, deadline=None)
@given(games())
def test_every_answer_is_an_extreme_equilibrium(game):
    res = _quiet_solve(game, method="support_enumeration", exact=game.is_exact)
    extreme = _quiet_solve(game, method="enumerate", exact=game.is_exact).equilibria
    for eq in res.equilibria:
        assert game.is_nash(eq.strategies)
        if game.is_exact:
            assert eq.regret == 0
    if res.complete:
        assert _same_sets(res.equilibria, extreme)


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(0.1, 100),
    shift=st.floats(-50, 50),
)
def test_invariant_under_affine_payoff_changes_and_permutations(seed, scale, shift):
    rng = np.random.default_rng(seed)
    game = random_game((4, 4), rng=rng)
    A, B = game.payoff_arrays
    found = sg.solve(game, method="support_enumeration").equilibria
    moved = sg.NormalFormGame.from_bimatrix(scale * A + shift, B * scale + shift)
    assert _same_sets(sg.solve(moved, method="support_enumeration").equilibria, found)
    rows, cols = rng.permutation(4), rng.permutation(4)
    permuted = sg.NormalFormGame.from_bimatrix(
        A[np.ix_(rows, cols)], B[np.ix_(rows, cols)]
    )
    unpermuted = [
        (eq.strategies[0][np.argsort(rows)], eq.strategies[1][np.argsort(cols)])
        for eq in sg.solve(permuted, method="support_enumeration").equilibria
    ]
    assert len(unpermuted) == len(found)
    for x, y in unpermuted:
        assert any(
            np.allclose(x, eq.strategies[0], atol=1e-9)
            and np.allclose(y, eq.strategies[1], atol=1e-9)
            for eq in found
        )


def test_same_set_as_gambit_enummixed():
    pygambit = pytest.importorskip("pygambit")
    for seed in range(3):
        game = random_game((5, 4), rng=200 + seed, integers=(0, 1000))
        ours = sg.solve(game, method="support_enumeration", exact=True)
        if not ours.complete:
            continue
        theirs = sg.io.to_pygambit(game)
        found = {
            tuple(
                tuple(Fraction(profile[s]) for s in player.strategies)
                for player in theirs.players
            )
            for profile in pygambit.nash.enummixed_solve(
                theirs, rational=True
            ).equilibria
        }
        assert {_exact(eq) for eq in ours.equilibria} == found


def test_exact_mode_keeps_only_exact_equilibria_of_float_games():
    # 1 + 1e-13 is a float: the exact game is not degenerate, and the float
    # support solution with regret 1e-13 is not an exact equilibrium.
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-13, 1]], [[1, 0], [0, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sg.DegenerateGameWarning)
        found = sg.solve(game, method="support_enumeration", exact=True)
    want = sg.solve(game, method="enumerate", exact=True)
    assert {eq.exact for eq in found.equilibria} == {eq.exact for eq in want.equilibria}
    assert all(eq.regret == 0 for eq in found.equilibria)


def test_max_support_lists_the_small_supports_of_a_large_game():
    rng = np.random.default_rng(0)
    game = sg.NormalFormGame.from_bimatrix(rng.random((30, 30)), rng.random((30, 30)))
    result = sg.solve(game, method="support_enumeration", max_support=2)
    assert not result.complete and result.equilibria
    for eq in result.equilibria:
        assert all(len(s) <= 2 for s in eq.support)
        assert game.is_nash(eq.strategies)
