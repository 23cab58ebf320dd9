"""Figures of evolutionary dynamics: the replicator field of a two-strategy
population on its phase line, of a three-strategy population on the simplex
and of two 2-strategy populations on the unit square, with rest points
classified by stability, and trajectories of any dynamic.

The replicator field is ``dx_k/dt = x_k (f_k(x) - x . f(x))`` (Taylor &
Jonker 1978; Hofbauer & Sigmund 1998, ch. 7); the rest points and their
stability come from :func:`stratgame.dynamics.replicator_rest_points`.
"""

from __future__ import annotations

import numpy as np

from ..dynamics import replicator_rest_points
from ..exceptions import InvalidGameError, InvalidParameterError
from ._axes import new_axes

__all__ = [
    "phase_line_plot",
    "phase_plane_plot",
    "simplex_plot",
    "trajectory_plot",
]

#: Corners of the equilateral triangle: strategy k sits at ``CORNERS[k]``.
CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])

#: How each stability class of a rest point is drawn.
_REST_STYLE = {
    "stable": {"markerfacecolor": "black", "label": "stable rest point"},
    "unstable": {"markerfacecolor": "white", "label": "unstable rest point"},
    "non-hyperbolic": {
        "markerfacecolor": "grey",
        "label": "non-hyperbolic rest point",
    },
}


def _check_population(game, n_strategies: int, owner: str) -> np.ndarray:
    """Player 0's payoff matrix of a symmetric two-player game with
    ``n_strategies`` actions (one population), or InvalidGameError."""
    if (
        game.n_players != 2
        or game.shape != (n_strategies, n_strategies)
        or not game.is_symmetric()
    ):
        raise InvalidGameError(
            f"{owner} draws one population of a symmetric two-player game with "
            f"{n_strategies} strategies; got a game of shape {game.shape} that is "
            f"{'' if game.is_symmetric() else 'not '}symmetric."
        )
    return game.float_payoff_arrays[0]


def _check_grid(grid, owner: str, low: int) -> int:
    if not isinstance(grid, int | np.integer) or grid < low:
        raise InvalidParameterError(
            f"{owner}: grid must be an integer >= {low} (grid points per side); "
            f"got {grid!r}."
        )
    return int(grid)


def _one_population_field(A: np.ndarray, states: np.ndarray) -> np.ndarray:
    """Replicator velocities at ``states`` (rows are mixed strategies)."""
    fitness = states @ A.T
    mean = np.sum(states * fitness, axis=1, keepdims=True)
    return states * (fitness - mean)


def _states_of(trajectory) -> tuple[np.ndarray, ...]:
    """The per-population state arrays of a Trajectory, or of one array."""
    if hasattr(trajectory, "states"):
        return tuple(np.asarray(s, dtype=float) for s in trajectory.states)
    return (np.asarray(trajectory, dtype=float),)


def _simplex_xy(states: np.ndarray) -> np.ndarray:
    """Barycentric coordinates (rows) to points of the triangle."""
    return states @ CORNERS


def _draw_flow(ax, xy: np.ndarray, velocity: np.ndarray, spacing: float):
    """Arrows of a common length along ``velocity``, coloured by speed."""
    speed = np.linalg.norm(velocity, axis=1)
    direction = np.divide(
        velocity,
        speed[:, None],
        out=np.zeros_like(velocity),
        where=speed[:, None] > 0,
    )
    return ax.quiver(
        xy[:, 0],
        xy[:, 1],
        direction[:, 0],
        direction[:, 1],
        speed,
        cmap="viridis",
        angles="xy",
        scale_units="xy",
        scale=1 / (0.7 * spacing),
        width=0.004,
        pivot="middle",
        zorder=1,
    )


def _draw_rest_points(ax, points, to_xy) -> None:
    """One marker set per stability class, drawn over everything else."""
    for stability, style in _REST_STYLE.items():
        chosen = [to_xy(p) for p in points if p.stability == stability]
        if chosen:
            xy = np.array(chosen)
            ax.plot(
                xy[:, 0],
                xy[:, 1],
                linestyle="none",
                marker="o",
                markersize=9,
                markeredgecolor="black",
                zorder=4,
                **style,
            )


def _draw_trajectories(ax, paths) -> None:
    for k, xy in enumerate(paths):
        ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=f"C{(k + 1) % 10}",
            linewidth=1.8,
            marker="o",
            markersize=4,
            markevery=[0],
            label=f"trajectory {k + 1}",
            zorder=3,
        )


def simplex_plot(
    game, trajectories=(), *, flow=True, rest_points=True, grid: int = 12, ax=None
):
    """The replicator dynamics of a three-strategy population on the simplex.

    Each corner of the triangle is a population playing one strategy; a point
    inside is a mix, at the weighted average of the corners. Arrows of equal
    length show the direction of the replicator field at grid points, their
    colour its speed; rest points are marked filled (asymptotically stable),
    open (unstable) or grey (non-hyperbolic, e.g. the centre of
    rock–paper–scissors).

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game with three strategies (one population).
    trajectories : sequence of Trajectory or array_like
        Paths to draw: :class:`~stratgame.dynamics.Trajectory` objects of one
        population (from :func:`~stratgame.dynamics.replicator`,
        :func:`~stratgame.dynamics.logit_dynamics`, ...) or arrays of shape
        ``(T, 3)``. Each starts at a dot.
    flow : bool
        Draw the replicator field at the interior points of a triangular grid
        with ``grid`` steps per side, ``(grid - 1)(grid - 2)/2`` arrows.
    rest_points : bool
        Mark the isolated rest points.
    grid : int
        Steps per side of the arrow grid (at least 3).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The triangle's outline is the first line; each corner is labelled
        with its strategy.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.dynamics import replicator
    >>> rps = sg.NormalFormGame.from_bimatrix(
    ...     [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
    ...     actions=(("rock", "paper", "scissors"),) * 2)
    >>> path = replicator(rps, [0.6, 0.2, 0.2], t_max=10, n_points=200)
    >>> ax = simplex_plot(rps, [path], grid=6)
    >>> [t.get_text() for t in ax.texts]
    ['rock', 'paper', 'scissors']
    >>> len(ax.collections[0].get_offsets())  # (6 - 1)(6 - 2)/2 arrows
    10
    """
    owner = "simplex_plot"
    A = _check_population(game, 3, owner)
    grid = _check_grid(grid, owner, 3)
    paths = []
    for trajectory in trajectories:
        states = _states_of(trajectory)
        if len(states) != 1 or states[0].ndim != 2 or states[0].shape[1] != 3:
            raise InvalidParameterError(
                f"{owner}: every trajectory must be one population with 3 "
                "strategies (a Trajectory with populations='single' or an array of "
                f"shape (T, 3)); got state arrays of shapes "
                f"{[s.shape for s in states]}."
            )
        paths.append(_simplex_xy(states[0]))
    _, ax = new_axes(ax, figsize=(5.5, 5))
    outline = np.vstack([CORNERS, CORNERS[:1]])
    ax.plot(outline[:, 0], outline[:, 1], color="black", linewidth=1.2)
    offsets = [(-0.03, -0.05), (0.03, -0.05), (0.0, 0.04)]
    for (x, y), (dx, dy), name, align in zip(
        CORNERS, offsets, game.actions[0], ("right", "left", "center"), strict=True
    ):
        ax.text(x + dx, y + dy, name, ha=align, va="center")
    if flow:
        steps = np.array(
            [(i, j, grid - i - j) for i in range(1, grid) for j in range(1, grid - i)],
            dtype=float,
        )
        states = steps / grid
        velocity = _one_population_field(A, states) @ CORNERS
        _draw_flow(ax, _simplex_xy(states), velocity, 1 / grid)
    _draw_trajectories(ax, paths)
    if rest_points:
        _draw_rest_points(
            ax, replicator_rest_points(game), lambda p: p.state[0] @ CORNERS
        )
    if paths or rest_points:
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    ax.set_aspect("equal")
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.12, np.sqrt(3) / 2 + 0.1)
    ax.set_axis_off()
    if game.title:
        ax.set_title(game.title)
    return ax


def phase_plane_plot(
    game, trajectories=(), *, flow=True, rest_points=True, grid: int = 11, ax=None
):
    """The replicator dynamics of a 2x2 game played by two populations, on
    the unit square.

    The horizontal axis is the share ``q`` of the column population playing
    its first action, the vertical axis the share ``p`` of the row
    population playing its first action (as in
    :func:`~stratgame.viz.best_response_plot`). The field is
    ``dp/dt = p (1 - p) ((A y)_1 - (A y)_2)`` and
    ``dq/dt = q (1 - q) ((B^T x)_1 - (B^T x)_2)`` (Taylor 1979).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game of shape (2, 2); symmetric or not, it is played by
        one population per player.
    trajectories : sequence of Trajectory or pair of array_like
        Trajectories with ``populations="per_player"``, or pairs of arrays of
        shape ``(T, 2)`` (row population, column population).
    flow : bool
        Draw arrows at the interior points of a ``grid`` x ``grid`` lattice.
    rest_points : bool
        Mark the isolated rest points of the two-population dynamics.
    grid : int
        Points per side of the arrow lattice (at least 2).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    Matching pennies: the populations circle the mixed equilibrium, a centre.

    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> ax = phase_plane_plot(pennies, grid=5)
    >>> [line.get_label() for line in ax.lines]
    ['unstable rest point', 'non-hyperbolic rest point']
    >>> ax.lines[1].get_xydata().tolist()
    [[0.5, 0.5]]
    """
    owner = "phase_plane_plot"
    if game.n_players != 2 or game.shape != (2, 2):
        raise InvalidGameError(f"{owner} draws 2x2 games; got shape {game.shape}.")
    grid = _check_grid(grid, owner, 2)
    paths = []
    for trajectory in trajectories:
        states = (
            _states_of(trajectory)
            if hasattr(trajectory, "states")
            else tuple(np.asarray(s, dtype=float) for s in trajectory)
        )
        if len(states) != 2 or any(s.ndim != 2 or s.shape[1] != 2 for s in states):
            raise InvalidParameterError(
                f"{owner}: every trajectory must have two populations of 2 "
                "strategies (populations='per_player'); got state arrays of shapes "
                f"{[s.shape for s in states]}."
            )
        paths.append(np.column_stack([states[1][:, 0], states[0][:, 0]]))
    A, B = game.float_payoff_arrays
    _, ax = new_axes(ax, figsize=(5, 5))
    if flow:
        ticks = (np.arange(grid) + 0.5) / grid
        q, p = (v.ravel() for v in np.meshgrid(ticks, ticks))
        rows = np.column_stack([p, 1 - p])
        columns = np.column_stack([q, 1 - q])
        row_gain = columns @ (A[0] - A[1])  # (A y)_1 - (A y)_2
        column_gain = rows @ (B[:, 0] - B[:, 1])  # (B^T x)_1 - (B^T x)_2
        velocity = np.column_stack([q * (1 - q) * column_gain, p * (1 - p) * row_gain])
        _draw_flow(ax, np.column_stack([q, p]), velocity, 1 / grid)
    _draw_trajectories(ax, paths)
    if rest_points:
        _draw_rest_points(
            ax,
            replicator_rest_points(game, populations="per_player"),
            lambda point: (point.state[1][0], point.state[0][0]),
        )
    if paths or rest_points:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel(f"share of {game.players[1]} playing {game.actions[1][0]}")
    ax.set_ylabel(f"share of {game.players[0]} playing {game.actions[0][0]}")
    if game.title:
        ax.set_title(game.title)
    return ax


def phase_line_plot(game, *, rest_points=True, points: int = 201, ax=None):
    """The replicator dynamics of a two-strategy population on its phase line.

    Plots the velocity ``dx/dt = x (1 - x) (f_1(x) - f_2(x))`` of the share
    ``x`` playing the first strategy: where the curve is above zero the share
    grows. Rest points are marked filled (stable) or open (unstable).

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game with two strategies.
    rest_points : bool
    points : int
        Points of the curve (at least 2).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The velocity curve is the first line.

    Examples
    --------
    Hawk–dove with V = 2, C = 4: hawks grow below a share of V/C = 1/2 and
    shrink above it.

    >>> import stratgame as sg
    >>> hawk_dove = sg.NormalFormGame.from_bimatrix([[-1, 2], [0, 1]],
    ...                                             [[-1, 0], [2, 1]])
    >>> ax = phase_line_plot(hawk_dove, points=5)
    >>> ax.lines[0].get_ydata().tolist()
    [0.0, 0.09375, 0.0, -0.09375, 0.0]
    >>> [(line.get_label(), line.get_xdata().round(6).tolist())
    ...  for line in ax.lines[2:]]
    [('stable rest point', [0.5]), ('unstable rest point', [1.0, 0.0])]
    """
    owner = "phase_line_plot"
    A = _check_population(game, 2, owner)
    if not isinstance(points, int | np.integer) or points < 2:
        raise InvalidParameterError(
            f"{owner}: points must be an integer >= 2; got {points!r}."
        )
    x = np.linspace(0.0, 1.0, int(points))
    velocity = _one_population_field(A, np.column_stack([x, 1 - x]))[:, 0]
    _, ax = new_axes(ax, figsize=(5.5, 3.5))
    ax.plot(x, velocity, color="tab:blue", linewidth=2, label="dx/dt")
    ax.axhline(0.0, color="grey", linewidth=0.8)
    if rest_points:
        _draw_rest_points(
            ax, replicator_rest_points(game), lambda p: (p.state[0][0], 0.0)
        )
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel(f"share playing {game.actions[0][0]}")
    ax.set_ylabel("dx/dt (replicator)")
    if game.title:
        ax.set_title(game.title)
    return ax


def trajectory_plot(result, actions=None, ax=None, *, players=None, log_time=None):
    """Strategy shares over time along a dynamic or a learning process.

    Parameters
    ----------
    result : Trajectory or LearningResult
        A :class:`~stratgame.dynamics.Trajectory` (shares against time) or a
        :class:`~stratgame.dynamics.LearningResult` (time-averaged strategies
        against rounds, at its checkpoints).
    actions : sequence of sequence of str, optional
        Labels of each population's strategies, e.g. ``game.actions``.
    ax : matplotlib Axes, optional
    players : sequence of str, optional
        Names of the populations, e.g. ``game.players`` (default
        "population 1", "population 2", ...).
    log_time : bool, optional
        A logarithmic time axis. By default on for learning processes, whose
        time averages move on ever longer scales (cycles of fictitious play
        in Shapley's game grow geometrically and show evenly spaced).

    Returns
    -------
    matplotlib.axes.Axes
        One line per strategy of every population: a colour per strategy,
        a line style per population (solid, dashed, dotted, ...).

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.dynamics import replicator
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      actions=(("C", "D"),) * 2)
    >>> ax = trajectory_plot(replicator(pd, [0.9, 0.1], t_max=20), pd.actions)
    >>> [line.get_label() for line in ax.lines]
    ['C', 'D']
    >>> round(float(ax.lines[1].get_ydata()[-1]), 3)
    1.0
    """
    owner = "trajectory_plot"
    if hasattr(result, "history") and hasattr(result, "checkpoints"):
        times, states = np.asarray(result.checkpoints), result.history
        xlabel, ylabel = "round", "time-averaged share"
        log_time = True if log_time is None else log_time
    elif hasattr(result, "times") and hasattr(result, "states"):
        times, states = np.asarray(result.times), result.states
        xlabel, ylabel = "time", "share"
    else:
        raise InvalidParameterError(
            f"{owner} draws a Trajectory or a LearningResult from "
            f"stratgame.dynamics; got {type(result).__name__}."
        )
    if actions is not None and len(actions) < len(states):
        raise InvalidParameterError(
            f"{owner}: actions must label each of the {len(states)} populations; "
            f"got labels for {len(actions)}."
        )
    if players is not None and len(players) < len(states):
        raise InvalidParameterError(
            f"{owner}: players must name each of the {len(states)} populations; "
            f"got {len(players)} names."
        )
    _, ax = new_axes(ax, figsize=(6, 3.8))
    styles = ("-", "--", ":", "-.")
    several = len(states) > 1
    for k, shares in enumerate(states):
        who = players[k] if players is not None else f"population {k + 1}"
        for j in range(shares.shape[1]):
            name = actions[k][j] if actions is not None else f"strategy {j + 1}"
            ax.plot(
                times,
                shares[:, j],
                color=f"C{j % 10}",
                linestyle=styles[k % len(styles)],
                linewidth=1.6 if k == 0 else 1.3,
                label=f"{who}: {name}" if several else str(name),
            )
    if log_time and times.size and times.max() > 0:
        ax.set_xscale("log")
        ax.set_xlim(max(float(times[times > 0].min()), 1e-12), float(times.max()))
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel(xlabel + (" (log scale)" if ax.get_xscale() == "log" else ""))
    ax.set_ylabel(ylabel)
    ax.legend(
        fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )
    return ax
