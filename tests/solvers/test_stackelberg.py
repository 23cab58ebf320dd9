"""Stackelberg commitment."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.generators import random_game

# Conitzer and Sandholm (2006), Figure 1 (also von Stengel and Zamir 2010):
# the row player's first action is dominant, so it gets 2 in the unique Nash
# equilibrium; committing to (2/3, 1/3) makes the follower indifferent and,
# with ties broken in the leader's favour, gives the leader 2/3*4 + 1/3*3.
COMMITMENT = sg.NormalFormGame.from_bimatrix([[2, 4], [1, 3]], [[1, 0], [0, 2]])


def nash_equilibria(game):
    """Every extreme equilibrium of a two-player game from the "enumerate"
    method; skips when that method is not available."""
    try:
        result = sg.solve(game, method="enumerate")
    except (ValueError, ImportError) as error:
        pytest.skip(f"method 'enumerate' is not available: {error}")
    return [eq.strategies for eq in result.equilibria]


def test_textbook_mixed_commitment():
    res = sg.stackelberg(COMMITMENT, leader=0)
    assert res.commitment == "mixed" and res.leader == 0 and res.follower == 1
    np.testing.assert_allclose(res.leader_strategy, [2 / 3, 1 / 3], atol=1e-9)
    assert res.follower_response == 1
    np.testing.assert_allclose(res.follower_strategy, [0, 1])
    np.testing.assert_allclose(res.payoffs, [11 / 3, 2 / 3], atol=1e-9)
    assert res.follower_regret <= 1e-9
    # The Nash equilibrium (first action, left) gives the leader only 2.
    assert COMMITMENT.is_nash((0, 0), tol=0)
    assert res.payoffs[0] > COMMITMENT[0, 0][0]


def test_textbook_pure_commitment():
    res = sg.stackelberg(COMMITMENT, commitment="pure")
    np.testing.assert_array_equal(res.leader_strategy, [0, 1])
    assert res.follower_response == 1
    np.testing.assert_array_equal(res.payoffs, [3, 2])


def test_follower_ties_are_broken_in_the_leaders_favour():
    # The follower is indifferent everywhere; the leader gets its best cell.
    g = sg.NormalFormGame.from_bimatrix([[1, 5], [3, 2]], [[0, 0], [0, 0]])
    for commitment in ("mixed", "pure"):
        res = sg.stackelberg(g, commitment=commitment)
        assert res.payoffs[0] == pytest.approx(5.0)
        assert (res.leader_strategy.argmax(), res.follower_response) == (0, 1)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("leader", [0, 1])
def test_leader_gets_at_least_its_payoff_in_every_nash_equilibrium(seed, leader):
    # von Stengel and Zamir (2010), Proposition 2.
    g = random_game((3, 4), rng=seed)
    res = sg.stackelberg(g, leader=leader)
    assert res.follower_regret <= 1e-7
    for strategies in nash_equilibria(g):
        assert res.payoffs[leader] >= g.expected_payoffs(strategies)[leader] - 1e-9
    pure = sg.stackelberg(g, leader=leader, commitment="pure")
    assert res.payoffs[leader] >= pure.payoffs[leader] - 1e-9


def test_commitment_is_worth_the_value_in_zero_sum_games():
    # By the minimax theorem, committing to a maximin strategy is optimal.
    matrix = np.random.default_rng(6).random((5, 4))
    g = sg.NormalFormGame.from_bimatrix(matrix)
    value = sg.solve(g, method="zero_sum").details["value"]
    assert sg.stackelberg(g, leader=0).payoffs[0] == pytest.approx(value, abs=1e-8)
    assert sg.stackelberg(g, leader=1).payoffs[0] == pytest.approx(value, abs=1e-8)


def test_second_player_as_leader_is_the_transposed_game():
    g = random_game((3, 5), rng=3)
    a, b = g.float_payoff_arrays
    swapped = sg.NormalFormGame([b.T, a.T])
    res = sg.stackelberg(g, leader=1)
    mirror = sg.stackelberg(swapped, leader=0)
    np.testing.assert_allclose(res.leader_strategy, mirror.leader_strategy, atol=1e-9)
    np.testing.assert_allclose(res.payoffs, mirror.payoffs[::-1], atol=1e-9)
    np.testing.assert_allclose(res.strategies[1], res.leader_strategy)  # player order


def test_pure_commitment_compares_exactly_in_exact_games():
    third = Fraction(1, 3)
    g = sg.NormalFormGame.from_bimatrix(
        [[1, 3], [Fraction(5, 2), 0]], [[2, 1], [third, third]]
    )
    res = sg.stackelberg(g, commitment="pure")
    # Row 0 draws the reply 0 (leader gets 1); after row 1 the follower is
    # exactly indifferent and breaks the tie to column 0 (leader gets 5/2).
    assert (res.leader_strategy.argmax(), res.follower_response) == (1, 0)
    assert res.payoffs[0] == 2.5 and res.follower_regret == 0


def test_result_is_frozen_and_serializable():
    res = sg.stackelberg(COMMITMENT)
    data = json.loads(json.dumps(res.to_dict()))
    assert data["follower_response"] == 1 and data["commitment"] == "mixed"
    players, actions = COMMITMENT.players, COMMITMENT.actions
    assert f"StackelbergResult(leader={players[0]!r}" in repr(res)
    assert f"follower_response={actions[1][1]!r}" in repr(res)
    assert "commitment" in res._repr_html_()
    with pytest.raises(AttributeError):
        res.leader = 1


def test_bad_inputs_are_refused():
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        sg.stackelberg(random_game((2, 2, 2), rng=0))
    with pytest.raises(ValueError, match="'leader'"):
        sg.stackelberg(COMMITMENT, leader=2)
    with pytest.raises(ValueError, match="'commitment'"):
        sg.stackelberg(COMMITMENT, commitment="binding")
    with pytest.raises(sg.InvalidGameError):
        sg.stackelberg([[1, 2], [3, 4]])
