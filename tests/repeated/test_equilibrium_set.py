"""The subgame-perfect equilibrium payoff set (APS, outer approximation)."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.repeated import (
    RepeatedGame,
    equilibrium_payoffs,
    feasible_set,
    individually_rational_set,
)

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
PENNIES = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
# Abreu & Sannikov (2014, Section 6) use a game of this shape; QuantEcon's docs
# too: a prisoner's dilemma with payoffs (9, 9), (1, 10), (10, 1), (3, 3).
AS_PD = sg.NormalFormGame.from_bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])


def test_patient_players_sustain_cooperation():
    result = RepeatedGame(PD, 0.9).equilibrium_payoffs(directions=64)
    assert result.converged
    assert result.contains([3, 3]) and result.contains([1, 1])
    # folk theorem: close to the individually rational set at high delta
    rational = individually_rational_set(PD)
    for v in rational.vertices:
        assert result.contains(v, tol=1e-6)
    for v in result.vertices:
        assert feasible_set(PD).contains(v, tol=1e-7)
        assert np.all(v >= 1 - 1e-7)


def test_impatient_players_only_repeat_the_stage_equilibrium():
    result = equilibrium_payoffs(PD, 0.2)
    np.testing.assert_allclose(result.vertices, [[1, 1]], atol=1e-6)
    assert not result.contains([3, 3])


def test_no_pure_equilibrium_means_an_empty_set():
    result = equilibrium_payoffs(PENNIES, 0.9, directions=16)
    assert result.is_empty and not result.contains([0, 0])


def test_the_set_grows_with_patience():
    low = equilibrium_payoffs(AS_PD, 0.3)
    high = equilibrium_payoffs(AS_PD, 0.9)
    for v in low.vertices:
        assert high.contains(v, tol=1e-7)


def test_bad_input():
    three = sg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        equilibrium_payoffs(three, 0.5)
    with pytest.raises(ValueError, match="discount"):
        equilibrium_payoffs(PD, 1.0)
    with pytest.raises(ValueError, match="directions"):
        equilibrium_payoffs(PD, 0.5, directions=2)
    with pytest.raises(ValueError, match="infinite horizon"):
        RepeatedGame(PD, 0.5, horizon=3).equilibrium_payoffs()


@pytest.mark.parametrize("delta", [0.3, 0.9])
def test_patient_enough_players_reach_the_folk_theorem_region(delta):
    # Mutual defection is a stage equilibrium at the minmax point (3, 3), and
    # already at these discount factors the whole individually rational
    # polygon (3, 3), (9.75, 3), (9, 9), (3, 9.75) is an equilibrium payoff
    # set (the same polygon QuantEcon's Abreu-Sannikov solver returns, see
    # test_agrees_with_quantecon).
    ours = equilibrium_payoffs(AS_PD, delta)
    rational = individually_rational_set(AS_PD)
    assert len(ours.vertices) == len(rational.vertices) == 4
    for v in rational.vertices:
        assert np.abs(ours.vertices - v).max(axis=1).min() < 1e-6


# QuantEcon compiles its solver with numba on first use (about 30 s here).
@pytest.mark.slow
@pytest.mark.parametrize(("game", "delta"), [(AS_PD, 0.9), (PD, 0.3), (PD, 0.6)])
def test_agrees_with_quantecon(game, delta):
    gt = pytest.importorskip("quantecon.game_theory")
    qe_game = gt.NormalFormGame(np.stack(game.float_payoff_arrays, axis=-1))
    hull = gt.RepeatedGame(qe_game, delta).equilibrium_payoffs(options={"tol": 1e-12})
    theirs = hull.points[hull.vertices]
    ours = equilibrium_payoffs(game, delta)
    # ours is an outer approximation: it contains theirs ...
    for v in theirs:
        assert ours.contains(v, tol=1e-7)
    # ... and, with the feasible set's edge normals among the directions,
    # no vertex of ours lies outside theirs
    inside = ours.vertices @ hull.equations[:, :2].T + hull.equations[:, 2]
    assert inside.max() < 1e-6
