"""Interop with nashpy and pygambit: round trips and cross-checked answers."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.generators import random_game
from stratgame.io.interop import from_nashpy, from_pygambit, to_nashpy, to_pygambit

nashpy = pytest.importorskip("nashpy")


def _in(profile, equilibria, atol=1e-9):
    return any(
        all(
            np.allclose(s, t, atol=atol)
            for s, t in zip(profile, eq.strategies, strict=True)
        )
        for eq in equilibria
    )


def test_nashpy_round_trip_keeps_payoffs():
    for game in (
        random_game((3, 4), rng=0),
        random_game((2, 5), rng=1, integers=(-3, 3)),
    ):
        theirs = to_nashpy(game)
        assert isinstance(theirs, nashpy.Game)
        back = from_nashpy(theirs)
        assert back == game
        assert back.payoff_arrays[0].dtype == game.payoff_arrays[0].dtype


def test_nashpy_zero_sum_and_labels():
    back = from_nashpy(
        nashpy.Game(np.array([[1, -1], [-1, 1]])),
        players=("US", "China"),
        actions=(("open", "closed"), ("open", "closed")),
    )
    assert back.is_zero_sum()
    assert back.players == ("US", "China")


def test_fractions_go_to_nashpy_as_floats():
    F = Fraction
    game = sg.NormalFormGame.from_bimatrix([[F(1, 3), 0], [0, F(2, 3)]])
    A, B = to_nashpy(game).payoff_matrices
    assert A.dtype == np.float64
    np.testing.assert_allclose(A, [[1 / 3, 0], [0, 2 / 3]])
    np.testing.assert_allclose(B, -A)


def test_nashpy_answers_are_our_equilibria():
    for seed in range(3):
        game = random_game((4, 4), rng=seed)
        theirs = to_nashpy(game)
        ours = sg.solve(game, method="enumerate").equilibria
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            profiles = [theirs.lemke_howson(initial_dropped_label=k) for k in range(8)]
            profiles += list(theirs.vertex_enumeration())
        for x, y in profiles:
            assert game.is_nash((x, y))
            assert _in((x, y), ours)


def test_wrong_inputs_rejected():
    with pytest.raises(sg.InvalidGameError, match=r"nashpy\.Game"):
        from_nashpy([[1, 2], [3, 4]])
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        to_nashpy(random_game((2, 2, 2), rng=0))
    with pytest.raises(sg.InvalidGameError, match="NormalFormGame"):
        to_nashpy([[1, 2], [3, 4]])


# -------------------------------------------------------------------- pygambit


def test_pygambit_round_trip_keeps_exact_payoffs_and_labels():
    pytest.importorskip("pygambit")
    F = Fraction
    game = sg.NormalFormGame(
        [
            np.array([[F(1, 3), 2], [0, F(-7, 2)]], dtype=object),
            np.array([[1, F(5, 9)], [3, 0]], dtype=object),
        ],
        players=("US", "China"),
        actions=(("restrict", "allow"), ("open", "closed")),
        title="export controls",
    )
    back = from_pygambit(to_pygambit(game))
    assert back == game
    assert back.title == "export controls"
    assert back.payoff_arrays[0][0, 0] == F(1, 3)


def test_pygambit_three_players_and_floats():
    pytest.importorskip("pygambit")
    game = random_game((2, 3, 2), rng=5, integers=(0, 9))
    assert from_pygambit(to_pygambit(game)) == game
    floats = sg.NormalFormGame.from_bimatrix([[0.1, 0.25], [1.5, -2.0]])
    back = from_pygambit(to_pygambit(floats))
    np.testing.assert_array_equal(
        back.float_payoff_arrays[0], [[0.1, 0.25], [1.5, -2.0]]
    )


def test_pygambit_answers_are_our_equilibria(gambit_corpus):
    pygambit = pytest.importorskip("pygambit")
    game = sg.read_nfg(gambit_corpus / "contrib/games/todd1.nfg")
    ours = sg.solve(game, method="enumerate", exact=True).equilibria
    exact = {tuple(tuple(s) for s in eq.exact) for eq in ours}
    theirs = to_pygambit(game)
    for solver in (pygambit.nash.enummixed_solve, pygambit.nash.lcp_solve):
        for profile in solver(theirs, rational=True).equilibria:
            strategies = tuple(
                tuple(Fraction(profile[s]) for s in player.strategies)
                for player in theirs.players
            )
            assert strategies in exact
    assert len(pygambit.nash.enummixed_solve(theirs, rational=True).equilibria) == len(
        exact
    )


def test_from_pygambit_rejects_other_objects():
    pytest.importorskip("pygambit")
    with pytest.raises(sg.InvalidGameError, match=r"pygambit\.Game"):
        from_pygambit(random_game(2, rng=0))
