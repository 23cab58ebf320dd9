"""Minmax values, feasible and individually rational payoff sets."""

import itertools

import numpy as np
import pytest

import stratgame as sg
from stratgame.repeated import feasible_set, individually_rational_set, minmax

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
RPS = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])


def test_prisoners_dilemma_minmax_is_mutual_defection():
    values = minmax(PD)
    np.testing.assert_allclose(values.pure, [1, 1])
    np.testing.assert_allclose(values.mixed, [1, 1])
    assert values.pure_punishments == ((1,), (1,))
    np.testing.assert_allclose(values.mixed_punishments[0], [0, 1], atol=1e-9)
    assert not values.correlated


def test_zero_sum_mixed_minmax_is_the_value():
    # von Neumann: in a zero-sum game the mixed minmax is the game's value.
    values = minmax(RPS)
    np.testing.assert_allclose(values.mixed, [0, 0], atol=1e-9)
    np.testing.assert_allclose(values.pure, [1, 1])
    np.testing.assert_allclose(values.mixed_punishments[1], [1 / 3] * 3, atol=1e-9)
    A = np.array([[4, -2], [-1, 3]])  # value 1, row mixes (2/5, 3/5)
    values = minmax(sg.NormalFormGame.from_bimatrix(A))
    assert values.mixed[0] == pytest.approx(1.0)
    assert values.mixed[1] == pytest.approx(-1.0)


def test_mixed_minmax_holds_the_player_down():
    rng = np.random.default_rng(0)
    for _ in range(5):
        game = sg.NormalFormGame([rng.integers(-5, 6, (3, 4)) for _ in range(2)])
        values = minmax(game)
        assert np.all(values.mixed <= values.pure + 1e-12)
        for i in range(2):
            punisher = values.mixed_punishments[i]
            profile = [None, None]
            profile[1 - i] = punisher
            best = max(
                game.expected_payoffs(
                    [
                        np.eye(game.shape[0])[a] if i == 0 else punisher,
                        np.eye(game.shape[1])[a] if i == 1 else punisher,
                    ]
                )[i]
                for a in range(game.shape[i])
            )
            assert best == pytest.approx(values.mixed[i])


def test_three_players_minmax_with_correlated_punishers():
    # Player 0 wins 1 unless the others match its action; correlated
    # punishers can match exactly, independent ones only by chance.
    u0 = np.zeros((2, 2, 2))
    for a in itertools.product((0, 1), repeat=3):
        u0[a] = 0.0 if a[1] == a[2] == a[0] else 1.0
    game = sg.NormalFormGame([u0, np.zeros((2, 2, 2)), np.zeros((2, 2, 2))])
    values = minmax(game)
    assert values.correlated
    assert values.pure[0] == 1.0
    # correlated: (0, 0) and (1, 1) with probability 1/2 each leaves 1/2
    assert values.mixed[0] == pytest.approx(0.5)
    np.testing.assert_allclose(
        values.mixed_punishments[0], [[0.5, 0], [0, 0.5]], atol=1e-9
    )


def test_feasible_and_individually_rational_sets_of_the_prisoners_dilemma():
    feasible = feasible_set(PD)
    assert sorted(map(tuple, feasible.vertices.tolist())) == [
        (0, 5),
        (1, 1),
        (3, 3),
        (5, 0),
    ]
    rational = individually_rational_set(PD)
    expected = {(1, 1), (13 / 3, 1), (3, 3), (1, 13 / 3)}
    got = {tuple(np.round(v, 9)) for v in rational.vertices}
    assert got == {tuple(np.round(v, 9)) for v in expected}
    assert rational.contains([3, 3]) and rational.contains([2, 1.5])
    assert not rational.contains([0.5, 3]) and not rational.contains([3.5, 3.5])
    # counterclockwise: the shoelace area is positive (area 4 + 2/3 ... )
    x, y = rational.vertices.T
    area = 0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1))
    assert area > 0


def test_zero_sum_individually_rational_set_is_the_value_point():
    rational = individually_rational_set(RPS)
    np.testing.assert_allclose(rational.vertices, [[0, 0]], atol=1e-7)
    assert individually_rational_set(RPS, kind="pure").is_empty


def test_three_player_feasible_set():
    rng = np.random.default_rng(3)
    game = sg.NormalFormGame([rng.integers(0, 10, (2, 2, 2)) for _ in range(3)])
    points = np.stack([a.ravel() for a in game.float_payoff_arrays], axis=1)
    region = feasible_set(game)
    for p in points:
        assert region.contains(p)
    assert region.contains(points.mean(axis=0))
    assert not region.contains(points.max(axis=0) + 1)
    rational = individually_rational_set(game)
    lower = minmax(game).mixed
    assert np.all(rational.vertices >= lower - 1e-9)
    for v in rational.vertices:
        assert region.contains(v, tol=1e-7)


def test_bad_kind():
    with pytest.raises(ValueError, match="'kind'"):
        individually_rational_set(PD, kind="correlated")
