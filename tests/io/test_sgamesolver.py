"""Interop with sgamesolver's SGame: round trips keep payoffs, transitions,
discount factors and labels, and sgamesolver's own certificate agrees with
stratgame's equilibria. Skipped where sgamesolver is not installed, except
the message that says how to get it."""

from __future__ import annotations

import sys
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidGameError, MissingDependencyError
from stratgame.games import random_stochastic_game
from stratgame.io import from_sgamesolver, to_sgamesolver


@pytest.fixture
def sgamesolver():
    return pytest.importorskip("sgamesolver")


def uneven_game():
    """Action counts that differ by state and by player, a discount factor
    per player, and labels everywhere."""
    rng = np.random.default_rng(3)
    shapes = [(2, 3), (1, 2), (3, 1)]
    payoffs, transitions = [], []
    for shape in shapes:
        payoffs.append(rng.normal(size=(2, *shape)))
        phi = rng.exponential(size=(*shape, 3))
        transitions.append(phi / phi.sum(axis=-1, keepdims=True))
    actions = [
        [("open", "closed"), ("cheap", "mid", "premium")],
        [("wait",), ("enter", "stay out")],
        [("ban", "tax", "allow"), ("comply",)],
    ]
    return sg.StochasticGame(
        payoffs,
        transitions,
        (0.9, 0.8),
        players=("US", "China"),
        actions=actions,
        states=("parity", "US ahead", "China ahead"),
    )


def assert_same_game(a, b):
    assert a.n_states == b.n_states and a.n_actions == b.n_actions
    for s in range(a.n_states):
        np.testing.assert_array_equal(
            np.asarray(a.payoffs[s], float), np.asarray(b.payoffs[s], float)
        )
        np.testing.assert_array_equal(
            np.asarray(a.transitions[s], float), np.asarray(b.transitions[s], float)
        )
    np.testing.assert_array_equal(a.discounts, b.discounts)
    assert (a.players, a.actions, a.states) == (b.players, b.actions, b.states)


def test_round_trip_keeps_uneven_actions_discounts_and_labels(sgamesolver):
    game = uneven_game()
    sgame = to_sgamesolver(game)
    assert isinstance(sgame, sgamesolver.SGame)
    back = from_sgamesolver(sgame)
    assert_same_game(back, game)
    assert back.discount == (0.9, 0.8)


def test_to_sgamesolver_fills_its_padded_arrays_and_labels(sgamesolver):
    game = uneven_game()
    sgame = to_sgamesolver(game)
    assert sgame.nums_actions.tolist() == [[2, 3], [1, 2], [3, 1]]
    assert sgame.u.shape == (3, 2, 3, 3) and sgame.phi.shape == (3, 3, 3, 3)
    for s, (n1, n2) in enumerate(game.n_actions):
        np.testing.assert_array_equal(sgame.u[s, :, :n1, :n2], game.payoffs[s])
        np.testing.assert_array_equal(sgame.phi[s, :n1, :n2], game.transitions[s])
        assert not sgame.u[s, :, n1:].any() and not sgame.u[s, :, :, n2:].any()
    assert sgame.delta.tolist() == [0.9, 0.8]
    assert sgame.state_labels == ["parity", "US ahead", "China ahead"]
    assert sgame.player_labels == ["US", "China"]
    assert sgame.action_labels[1] == [["wait"], ["enter", "stay out"]]


def test_sgamesolver_random_games_round_trip(sgamesolver):
    for shape, seed in (((4, 2, 3), 0), ((3, 3, 2), 1)):
        sgame = sgamesolver.SGame.random_game(*shape, delta=0.95, seed=seed)
        game = from_sgamesolver(sgame)
        assert (game.n_states, game.n_players) == shape[:2]
        assert game.discount == 0.95
        assert game.states[0] == sgame.state_labels[0]
        assert game.players == tuple(sgame.player_labels)
        again = to_sgamesolver(game)
        np.testing.assert_array_equal(again.u, sgame.u)
        np.testing.assert_array_equal(again.phi, sgame.phi)
        np.testing.assert_array_equal(again.delta, sgame.delta)


def test_sgamesolver_certifies_and_values_stratgame_s_equilibria(sgamesolver):
    game = random_stochastic_game(4, 2, 3, discount=0.9, rng=5)
    eq = sg.solve(game).equilibria[0]
    sgame = to_sgamesolver(game)
    profile = np.array(eq.strategies)  # (n_states, n_players, n_actions)
    assert float(sgame.check_equilibrium(profile).max()) < 1e-8
    np.testing.assert_allclose(sgame.get_values(profile), eq.values, atol=1e-9)


def test_exact_games_go_to_sgamesolver_as_floats(sgamesolver):
    F = Fraction
    game = sg.StochasticGame(
        [[[[1, F(1, 3)], [0, 2]], [[0, 1], [F(2, 3), 0]]]],
        [[[[1], [1]], [[1], [1]]]],
        F(1, 2),
    )
    sgame = to_sgamesolver(game)
    assert sgame.u.dtype == np.float64
    np.testing.assert_allclose(sgame.u[0, 0], [[1, 1 / 3], [0, 2]])
    back = from_sgamesolver(sgame)
    assert back.discount == 0.5 and back.payoffs[0].dtype == np.float64


def test_one_shot_games_become_one_state_games(sgamesolver):
    u = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    game = from_sgamesolver(sgamesolver.SGame.one_shot_game(u))
    assert game.n_states == 1 and game.discount == 0.0
    np.testing.assert_array_equal(game.transitions[0], np.ones((2, 2, 1)))
    eq = sg.solve(game, method="pure").equilibria
    assert [tuple(int(np.argmax(x)) for x in e.strategies[0]) for e in eq] == [(1, 1)]


def test_wrong_inputs_are_named(sgamesolver):
    with pytest.raises(InvalidGameError, match="needs a StochasticGame"):
        to_sgamesolver(sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]]))
    with pytest.raises(InvalidGameError, match=r"needs an sgamesolver\.SGame"):
        from_sgamesolver(object())


def test_the_numpy_2_alias_is_set_only_when_missing(sgamesolver, monkeypatch):
    monkeypatch.delattr(np, "NaN", raising=False)
    to_sgamesolver(uneven_game())
    assert np.isnan(np.NaN)  # noqa: NPY201
    marker = float("nan")
    monkeypatch.setattr(np, "NaN", marker, raising=False)
    to_sgamesolver(uneven_game())
    assert np.NaN is marker  # noqa: NPY201


@pytest.mark.parametrize(
    ("convert", "feature"),
    [
        (lambda: to_sgamesolver(uneven_game()), "to_sgamesolver()"),
        (lambda: from_sgamesolver(object()), "from_sgamesolver()"),
    ],
)
def test_missing_sgamesolver_says_how_to_install_it(monkeypatch, convert, feature):
    monkeypatch.setitem(sys.modules, "sgamesolver", None)  # import now fails
    with pytest.raises(MissingDependencyError) as caught:
        convert()
    error = caught.value
    assert isinstance(error, ImportError) and error.name == "sgamesolver"
    message = str(error)
    assert message.startswith(f"{feature} needs sgamesolver, which is not installed")
    assert "pip install --no-build-isolation sgamesolver" in message
    assert "no stratgame extra installs it" in message
