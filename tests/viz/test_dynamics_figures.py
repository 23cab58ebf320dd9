"""Figures of dynamics draw the replicator field, rest points and paths that
stratgame.dynamics computes."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.dynamics import fictitious_play, replicator
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.viz import (
    phase_line_plot,
    phase_plane_plot,
    simplex_plot,
    trajectory_plot,
)

pytest.importorskip("matplotlib")

CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def rock_paper_scissors():
    return sg.NormalFormGame.from_bimatrix(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        actions=(("rock", "paper", "scissors"),) * 2,
    )


def coordination_3x3():
    """Pure coordination on three standards: every corner is stable."""
    A = np.diag([3.0, 2.0, 1.0])
    return sg.NormalFormGame.from_bimatrix(A, A.T)


def hawk_dove():
    """V = 2, C = 4 (Maynard Smith & Price 1973): ESS at V/C = 1/2 hawks."""
    return sg.NormalFormGame.from_bimatrix([[-1, 2], [0, 1]], [[-1, 0], [2, 1]])


def to_barycentric(xy):
    """Invert the triangle map: y fixes the third share, x the second."""
    third = xy[:, 1] / CORNERS[2, 1]
    second = xy[:, 0] - 0.5 * third
    return np.column_stack([1 - second - third, second, third])


def markers(ax, label):
    found = [line for line in ax.lines if line.get_label() == label]
    return (
        np.vstack([line.get_xydata() for line in found]) if found else np.empty((0, 2))
    )


def test_simplex_arrows_follow_the_replicator_trajectories():
    A = np.array([[1, 3, 0], [0, 1, 3], [2, 0, 1]])
    game = sg.NormalFormGame.from_bimatrix(A, A.T)
    grid = 7
    ax = simplex_plot(game, grid=grid, rest_points=False)
    quiver = ax.collections[0]
    offsets = quiver.get_offsets()
    assert len(offsets) == (grid - 1) * (grid - 2) // 2
    directions = np.column_stack([quiver.U, quiver.V])
    np.testing.assert_allclose(np.linalg.norm(directions, axis=1), 1.0)
    # Independent check: a short replicator run from each arrow's base moves
    # the state (mapped to the plane) in the arrow's direction.
    for base, arrow in zip(
        to_barycentric(np.asarray(offsets)), directions, strict=True
    ):
        path = replicator(game, base, t_max=1e-4, n_points=2)
        step = (path.states[0][-1] - base) @ CORNERS
        np.testing.assert_allclose(step / np.linalg.norm(step), arrow, atol=1e-3)


def test_simplex_rest_points_of_rock_paper_scissors():
    ax = simplex_plot(rock_paper_scissors(), grid=5)
    centre = markers(ax, "non-hyperbolic rest point")
    np.testing.assert_allclose(centre, [[0.5, np.sqrt(3) / 6]])
    # every corner is a saddle: invaded by the strategy that beats it
    np.testing.assert_allclose(
        sorted(map(tuple, markers(ax, "unstable rest point"))),
        sorted(map(tuple, CORNERS)),
        atol=1e-12,
    )
    assert markers(ax, "stable rest point").size == 0
    assert [t.get_text() for t in ax.texts] == ["rock", "paper", "scissors"]


def test_simplex_coordination_corners_are_stable():
    ax = simplex_plot(coordination_3x3(), flow=False)
    stable = markers(ax, "stable rest point")
    np.testing.assert_allclose(
        sorted(map(tuple, stable)), sorted(map(tuple, CORNERS)), atol=1e-12
    )
    # 3 edge points and the centre separate the basins: all unstable
    assert len(markers(ax, "unstable rest point")) == 4
    assert len(ax.collections) == 0  # flow=False draws no arrows


def test_simplex_trajectory_keeps_the_rps_constant_of_motion():
    # Zeeman (1980): in zero-sum rock-paper-scissors x1 x2 x3 is constant.
    game = rock_paper_scissors()
    start = np.array([0.6, 0.3, 0.1])
    path = replicator(game, start, t_max=15, n_points=300)
    ax = simplex_plot(game, [path, path.states[0][:50]], flow=False, rest_points=False)
    first, second = (line for line in ax.lines if line.get_label().startswith("traj"))
    shares = to_barycentric(first.get_xydata())
    np.testing.assert_allclose(shares[0], start, atol=1e-12)
    np.testing.assert_allclose(shares.prod(axis=1), start.prod(), rtol=1e-5)
    assert len(second.get_xdata()) == 50


def test_simplex_rejects_games_and_paths_that_do_not_fit():
    with pytest.raises(InvalidGameError, match="3 strategies"):
        simplex_plot(hawk_dove())
    asymmetric = sg.NormalFormGame.from_bimatrix(np.eye(3), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="not symmetric"):
        simplex_plot(asymmetric)
    with pytest.raises(InvalidParameterError, match=r"shape \(T, 3\)"):
        simplex_plot(rock_paper_scissors(), [np.ones((4, 2)) / 2])
    with pytest.raises(InvalidParameterError, match="grid"):
        simplex_plot(rock_paper_scissors(), grid=2)


def test_phase_line_of_hawk_dove():
    ax = phase_line_plot(hawk_dove(), points=101)
    x, v = ax.lines[0].get_xdata(), ax.lines[0].get_ydata()
    # dx/dt = x (1 - x) (f_H - f_D) = x (1 - x) (1 - 2x)
    np.testing.assert_allclose(v, x * (1 - x) * (1 - 2 * x), atol=1e-12)
    np.testing.assert_allclose(markers(ax, "stable rest point"), [[0.5, 0.0]])
    assert sorted(markers(ax, "unstable rest point")[:, 0]) == pytest.approx([0, 1])


def test_phase_line_of_stag_hunt_has_an_unstable_interior_point():
    stag = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    ax = phase_line_plot(stag)
    np.testing.assert_allclose(markers(ax, "unstable rest point"), [[0.75, 0.0]])
    assert sorted(markers(ax, "stable rest point")[:, 0]) == pytest.approx([0, 1])
    assert ax.get_xlabel() == "share playing a1"


def test_phase_plane_of_battle_of_the_sexes():
    game = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    start = ([0.7, 0.3], [0.2, 0.8])
    path = replicator(game, start, t_max=5, populations="per_player")
    ax = phase_plane_plot(game, [path], grid=6)
    # the saddle sits where each player is indifferent: q = 1/3, p = 2/3
    np.testing.assert_allclose(
        markers(ax, "unstable rest point")[-1], [1 / 3, 2 / 3], atol=1e-12
    )
    stable = sorted(map(tuple, markers(ax, "stable rest point")))
    np.testing.assert_allclose(stable, [(0, 0), (1, 1)], atol=1e-12)
    line = next(line for line in ax.lines if line.get_label() == "trajectory 1")
    assert tuple(line.get_xydata()[0]) == pytest.approx((0.2, 0.7))
    quiver = ax.collections[0]
    assert len(quiver.get_offsets()) == 36
    for (q, p), u, v in zip(quiver.get_offsets(), quiver.U, quiver.V, strict=True):
        short = replicator(
            game,
            ([p, 1 - p], [q, 1 - q]),
            t_max=1e-4,
            n_points=2,
            populations="per_player",
        )
        step = np.array([short.states[1][-1, 0] - q, short.states[0][-1, 0] - p])
        np.testing.assert_allclose(step / np.linalg.norm(step), [u, v], atol=1e-3)


def test_phase_plane_needs_two_by_two_and_two_populations():
    with pytest.raises(InvalidGameError, match="2x2"):
        phase_plane_plot(rock_paper_scissors())
    one_population = replicator(hawk_dove(), [0.3, 0.7], t_max=1)
    with pytest.raises(InvalidParameterError, match="two populations"):
        phase_plane_plot(hawk_dove(), [one_population])


def test_trajectory_plot_draws_every_share():
    game = rock_paper_scissors()
    path = replicator(game, [0.5, 0.3, 0.2], t_max=5, n_points=50)
    ax = trajectory_plot(path, game.actions)
    assert [line.get_label() for line in ax.lines] == ["rock", "paper", "scissors"]
    for j, line in enumerate(ax.lines):
        np.testing.assert_array_equal(line.get_xdata(), path.times)
        np.testing.assert_array_equal(line.get_ydata(), path.states[0][:, j])
    assert ax.get_xlabel() == "time"


def test_trajectory_plot_of_fictitious_play_uses_rounds():
    game = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    result = fictitious_play(game, 400, n_points=20)
    ax = trajectory_plot(result)
    assert len(ax.lines) == 4  # two strategies of two players
    assert ax.lines[2].get_linestyle() == "--"
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), result.checkpoints)
    # the time averages approach the mixed equilibrium (Robinson 1951)
    assert abs(ax.lines[0].get_ydata()[-1] - 0.5) < 0.05
    assert ax.get_xlabel() == "round (log scale)" and ax.get_xscale() == "log"
    assert ax.lines[0].get_label() == "population 1: strategy 1"
    with pytest.raises(InvalidParameterError, match="Trajectory"):
        trajectory_plot(game)


def test_trajectory_plot_names_populations_and_styles_them_apart():
    # Shapley's game from asymmetric beliefs: fictitious play cycles forever
    # (Shapley 1964), so the time averages keep swinging instead of lying flat
    shapley = sg.models.shapley_game()
    result = fictitious_play(shapley, 5000, initial=([1, 0, 0], [0, 1, 0]))
    ax = trajectory_plot(result, shapley.actions, players=shapley.players)
    labels = [line.get_label() for line in ax.lines]
    assert labels == [f"{p}: {a}" for p in shapley.players for a in ("a1", "a2", "a3")]
    assert {line.get_linestyle() for line in ax.lines[:3]} == {"-"}
    assert {line.get_linestyle() for line in ax.lines[3:]} == {"--"}
    late = ax.lines[0].get_ydata()[np.asarray(result.checkpoints) >= 500]
    assert late.max() - late.min() > 0.3  # still swinging after 500 rounds
    linear = trajectory_plot(result, log_time=False)
    assert linear.get_xscale() == "linear" and linear.get_xlabel() == "round"
    with pytest.raises(InvalidParameterError, match="players must name each"):
        trajectory_plot(result, players=["Row"])


def test_figures_save_headless(tmp_path):
    ax = simplex_plot(rock_paper_scissors(), grid=5)
    ax.figure.savefig(tmp_path / "simplex.png")
    assert (tmp_path / "simplex.png").stat().st_size > 1000
