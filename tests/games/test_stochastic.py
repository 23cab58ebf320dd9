"""StochasticGame: construction, validation, values and one-shot deviation
gains, and the Markov chain a stationary profile induces."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import (
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from stratgame.games import random_stochastic_game
from stratgame.games._markov import hitting_times, stationary_vector

PD = sg.NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("US", "China"),
    actions=(("keep", "cut"), ("keep", "cut")),
)


def lead_game(**kwargs):
    """Two states; in ``lead`` lab A is ahead. Different action counts per
    state: in ``behind`` lab B has a third action."""
    payoffs = [
        [[[3, 2], [4, 3]], [[1, 2], [1, 3]]],
        [[[1, 1, 0], [2, 2, 1]], [[3, 2, 5], [3, 4, 4]]],
    ]
    transitions = [
        [[[0.9, 0.1], [1.0, 0.0]], [[0.5, 0.5], [0.8, 0.2]]],
        [[[0.5, 0.5], [0.8, 0.2], [0, 1]], [[0.1, 0.9], [0.3, 0.7], [0.2, 0.8]]],
    ]
    return sg.StochasticGame(payoffs, transitions, 0.9, **kwargs)


def test_attributes_and_default_labels():
    g = lead_game()
    assert g.n_states == 2 and g.n_players == 2
    assert g.states == ("s1", "s2")
    assert g.players == ("P1", "P2")
    assert g.n_actions == ((2, 2), (2, 3))
    assert g.actions[1] == (("a1", "a2"), ("a1", "a2", "a3"))
    assert g.discount == 0.9
    np.testing.assert_array_equal(g.discounts, [0.9, 0.9])
    np.testing.assert_array_equal(g.initial, [1.0, 0.0])
    assert g.payoffs[1].shape == (2, 2, 3)
    assert g.transitions[1].shape == (2, 3, 2)
    assert not g.payoffs[0].flags.writeable
    assert g.payoff_ranges == (4.0, 4.0)
    assert "StochasticGame(players=('P1', 'P2')" in repr(g)


def test_labels_per_state_and_per_player():
    g = lead_game(
        players=("A", "B"),
        actions=[
            (("invest", "coast"), ("invest", "coast")),
            (("invest", "coast"), ("invest", "coast", "poach")),
        ],
        states=("lead", "behind"),
        initial="behind",
    )
    assert g.actions[1][1] == ("invest", "coast", "poach")
    np.testing.assert_array_equal(g.initial, [0.0, 1.0])
    assert g.state_game("behind").actions == g.actions[1]
    shared = sg.StochasticGame.from_normal_form(PD, 0.5)
    assert shared.actions == ((("keep", "cut"), ("keep", "cut")),)


def test_exact_inputs_are_kept():
    g = sg.StochasticGame(
        [[[[Fraction(1, 3), 0], [1, 2]], [[0, 1], [2, Fraction(5, 2)]]]],
        [[[[1], [1]], [[1], [1]]]],
        Fraction(1, 2),
    )
    assert g.is_exact
    assert g.payoffs[0].dtype == object and g.payoffs[0][0, 0, 0] == Fraction(1, 3)
    assert g.transitions[0].dtype == object
    assert g.discount == Fraction(1, 2)
    assert not lead_game().is_exact


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"transitions": [[[[0.9, 0.0]]], [[[0.5, 0.5]]]]},
            "from state 's1' at profile ('a1', 'a1') must be >= 0 and sum to 1",
        ),
        (
            {"transitions": [[[[1.2, -0.2]]], [[[0.5, 0.5]]]]},
            "from state 's1' at profile ('a1', 'a1')",
        ),
        (
            {"transitions": [[[[0.5, 0.5, 0.0]]], [[[0.5, 0.5]]]]},
            "transitions of state 's1' must have shape (1, 1, 2)",
        ),
        ({"transitions": [[[[1.0, 0.0]]]]}, "one array per state (2); got 1"),
        ({"discount": 1.0}, "'discount' parameter of StochasticGame"),
        ({"discount": [0.9, 0.8, 0.7]}, "one number or one per player (2)"),
        ({"discount": [0.9, -0.1]}, "'discount[1]' parameter"),
        ({"payoffs": [[[[1.0]], [[np.nan]]], [[[0]], [[0]]]]}, "state 's1'"),
        ({"payoffs": [[[[1]], [[1]]], [[1], [1]]]}, "state 's2' must have shape"),
        ({"payoffs": [[[[1]], [[1]]], [[[[1]]], [[[1]]], [[[1]]]]]}, "state 's2'"),
        ({"payoffs": []}, "at least one state"),
        ({"states": ("x", "x")}, "the label 'x' twice"),
        ({"states": ("x",)}, "2 labels, one per state"),
        ({"initial": [0.5, 0.6]}, "'initial' parameter"),
        ({"initial": "nowhere"}, "no state 'nowhere'"),
        ({"actions": [("u",), ("v",), ("w",)]}, "one sequence of labels per player"),
    ],
)
def test_invalid_games_name_what_is_wrong(kwargs, message):
    data = {
        "payoffs": [[[[1]], [[2]]], [[[0]], [[0]]]],
        "transitions": [[[[0.5, 0.5]]], [[[0.5, 0.5]]]],
        "discount": 0.9,
    }
    data.update(kwargs)
    with pytest.raises((InvalidGameError, InvalidParameterError)) as info:
        sg.StochasticGame(**data)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_exact_rows_must_sum_to_exactly_one():
    with pytest.raises(InvalidGameError, match="sum 2/3"):
        sg.StochasticGame([[[1]]], [[[Fraction(2, 3)]]], 0.5)


def test_values_by_hand():
    g = lead_game()
    profile = [("a2", "a2"), ("a2", "a2")]
    r = np.array([[3.0, 3.0], [2.0, 4.0]])
    P = np.array([[0.8, 0.2], [0.3, 0.7]])
    expected = np.linalg.solve(np.eye(2) - 0.9 * P, r)
    np.testing.assert_allclose(g.values(profile), expected)
    np.testing.assert_allclose(g.transition_matrix(profile), P)


def test_per_player_discounts():
    g = sg.StochasticGame.from_normal_form(PD, 0.5)
    h = sg.StochasticGame(
        [np.stack(PD.payoff_arrays)], [np.ones((2, 2, 1))], [0.5, 0.75]
    )
    np.testing.assert_allclose(g.values([(1, 1)]), [[2.0, 2.0]])
    np.testing.assert_allclose(h.values([(1, 1)]), [[2.0, 4.0]])
    assert not h.is_zero_sum()


def test_one_state_game_equilibria_are_stage_nash():
    g = sg.StochasticGame.from_normal_form(PD, 0.9)
    assert g.is_markov_perfect([("cut", "cut")])
    assert not g.is_markov_perfect([("keep", "keep")])
    gains = g.regret([("keep", "keep")])
    np.testing.assert_allclose(gains, [[2.0, 2.0]])  # one period's gain
    np.testing.assert_allclose(
        g.regret([("keep", "keep")], relative=True), [[0.4, 0.4]]
    )
    q = g.action_values([("cut", "cut")])
    np.testing.assert_allclose(q[0][0], [0 + 0.9 * 10, 1 + 0.9 * 10])


def test_from_repeated():
    from stratgame.repeated import RepeatedGame

    g = sg.StochasticGame.from_repeated(RepeatedGame(PD, 0.75))
    assert g.discount == 0.75 and g.n_states == 1
    np.testing.assert_allclose(g.values([("cut", "cut")]), [[4.0, 4.0]])
    with pytest.raises(InvalidGameError, match="horizon 5"):
        sg.StochasticGame.from_repeated(RepeatedGame(PD, 0.75, horizon=5))
    with pytest.raises(InvalidGameError, match="needs a RepeatedGame"):
        sg.StochasticGame.from_repeated(PD)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ([("keep", "cut")], "one entry per state (2)"),
        ([("keep",), ("keep", "keep")], "state 's1' needs one strategy per player"),
        (
            [("keep", "nope"), ("a1", "a1")],
            "player 'P2' in state 's1' has no action 'nope'",
        ),
        ([(0, 5), (0, 0)], "has actions 0...1; got action index 5"),
        ([([0.5, 0.6], 0), (0, 0)], "probability vector"),
        ([([1.0], 0), (0, 0)], "vector of length 2"),
    ],
)
def test_invalid_profiles(profile, message):
    g = lead_game(actions=[(("keep", "cut"), ("keep", "cut")), None])
    with pytest.raises(InvalidProfileError) as info:
        g.values(profile)
    assert message in str(info.value)


def test_stationary_distribution_and_hitting_times():
    g = sg.StochasticGame(
        [[[[1]], [[0]]], [[[0]], [[1]]], [[[5]], [[5]]]],
        [[[[0.5, 0.25, 0.25]]], [[[0.0, 1.0, 0.0]]], [[[0.0, 0.0, 1.0]]]],
        0.9,
        states=("race", "A wins", "B wins"),
    )
    profile = [(0, 0)] * 3
    # Two closed classes: the long-run distribution depends on the start.
    np.testing.assert_allclose(g.stationary_distribution(profile), [0, 0.5, 0.5])
    np.testing.assert_allclose(
        g.stationary_distribution(profile, initial="A wins"), [0, 1, 0]
    )
    np.testing.assert_allclose(
        g.hitting_times(profile, ["A wins", "B wins"]), [2.0, 0.0, 0.0]
    )
    np.testing.assert_allclose(g.hitting_times(profile, "A wins"), [np.inf, 0, np.inf])


def test_simulation_is_reproducible_and_matches_the_chain():
    g = lead_game()
    profile = [([0.5, 0.5], [0.25, 0.75]), ([1, 0], [0.2, 0.3, 0.5])]
    first = g.simulate(profile, 4000, rng=7)
    again = g.simulate(profile, 4000, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(first.states, again.states)
    np.testing.assert_array_equal(first.actions, again.actions)
    pi = g.stationary_distribution(profile)
    visits = np.bincount(first.states, minlength=2) / len(first.states)
    np.testing.assert_allclose(visits, pi, atol=0.03)
    assert first.n_periods == 4000 and first.payoffs.shape == (4000, 2)
    assert sum(first.visits().values()) == 4001
    json.dumps(first.to_dict())
    assert "SamplePath(n_periods=4000" in repr(first)
    short = g.simulate(profile, 3, initial="s2", rng=1)
    assert short.states[0] == 1
    weights = 0.9 ** np.arange(3)
    np.testing.assert_allclose(short.discounted_payoffs(), weights @ short.payoffs)


def test_markov_helpers():
    P = np.array([[0.9, 0.1, 0.0], [0.0, 0.5, 0.5], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(hitting_times(P, np.array([0, 0, 1], bool)), [12, 2, 0])
    with pytest.raises(InvalidParameterError, match=r"not unique \(try this\)"):
        stationary_vector(np.eye(2), hint="try this")


def test_random_stochastic_game():
    g = random_stochastic_game(5, 3, 2, discount=0.8, rng=3)
    h = random_stochastic_game(5, 3, 2, discount=0.8, rng=3)
    assert all(np.array_equal(a, b) for a, b in zip(g.payoffs, h.payoffs, strict=True))
    z = random_stochastic_game(6, 2, 3, rng=1, zero_sum=True, n_successors=2)
    assert z.is_zero_sum()
    assert all(((t > 0).sum(axis=-1) <= 2).all() for t in z.transitions)
    with pytest.raises(InvalidParameterError, match="two players"):
        random_stochastic_game(2, 3, 2, zero_sum=True)
