"""Figures of games: payoff tables as heat maps, and best-response
correspondences of 2x2 games."""

from __future__ import annotations

import numpy as np

from ..solvers import solve
from ._axes import matplotlib_module, new_axes

__all__ = ["best_response_plot", "payoff_heatmap"]


def _format(value) -> str:
    return f"{float(value):.3g}"


def payoff_heatmap(game, player: int | None = None, mark_equilibria=True, ax=None):
    """A two-player payoff table as a heat map, with pure equilibria boxed.

    Parameters
    ----------
    game : NormalFormGame
        Two players.
    player : int, optional
        Colour by this player's payoff; by default by the sum of payoffs.
    mark_equilibria : bool
        Draw a box around every pure Nash equilibrium.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Each cell is annotated with both payoffs; a legend below the table
        says what the boxes mark.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ax = payoff_heatmap(g)
    >>> [t.get_text() for t in ax.texts]
    ['3, 3', '0, 5', '5, 0', '1, 1']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['pure Nash equilibrium']
    """
    if game.n_players != 2:
        raise ValueError(
            f"payoff_heatmap draws two-player games; this one has {game.n_players}."
        )
    _, ax = new_axes(ax)
    a, b = game.float_payoff_arrays
    values = a + b if player is None else game.float_payoff_arrays[player]
    image = ax.imshow(values, cmap="viridis", aspect="auto")
    ax.figure.colorbar(
        image,
        ax=ax,
        label="sum of payoffs"
        if player is None
        else f"{game.players[player]}'s payoff",
    )
    middle = (values.max() + values.min()) / 2
    for (r, c), _ in np.ndenumerate(values):
        ax.text(
            c,
            r,
            f"{_format(a[r, c])}, {_format(b[r, c])}",
            ha="center",
            va="center",
            color="white" if values[r, c] < middle else "black",
        )
    if mark_equilibria:
        Rectangle = matplotlib_module("matplotlib.patches").Rectangle

        for k, eq in enumerate(solve(game, method="pure").equilibria):
            r, c = (int(s[0]) for s in eq.support)
            ax.add_patch(
                Rectangle(
                    (c - 0.5, r - 0.5),
                    1,
                    1,
                    fill=False,
                    edgecolor="red",
                    linewidth=3,
                    label="pure Nash equilibrium" if k == 0 else None,
                )
            )
        if ax.patches:
            ax.legend(
                loc="upper center",
                bbox_to_anchor=(0.5, -0.16),
                frameon=False,
                fontsize="small",
            )
    ax.set_xticks(range(game.shape[1]), game.actions[1])
    ax.set_yticks(range(game.shape[0]), game.actions[0])
    ax.set_xlabel(game.players[1])
    ax.set_ylabel(game.players[0])
    if game.title:
        ax.set_title(game.title)
    return ax


def _response(gain_first: float, gain_second: float, grid: np.ndarray) -> np.ndarray:
    """Probability of the first action in a best response, along ``grid``
    (the opponent's probability of its first action); 0.5 marks indifference."""
    difference = gain_first * grid + gain_second * (1 - grid)
    return np.where(difference > 0, 1.0, np.where(difference < 0, 0.0, 0.5))


def _correspondence(gain_first: float, gain_second: float):
    """The best-response correspondence of a 2x2 player as a polyline in
    (opponent's q, own p) coordinates, vertical at the indifference point."""
    if gain_first == gain_second == 0:
        return [0, 1, 1, 0, 0], [0, 0, 1, 1, 0]  # indifferent everywhere
    slope = gain_first - gain_second
    if slope == 0:
        p = 1.0 if gain_second > 0 else 0.0
        return [0, 1], [p, p]
    q_star = -gain_second / slope
    before, after = _response(gain_first, gain_second, np.array([0.0, 1.0]))
    if not 0 < q_star < 1:
        p = before if q_star >= 1 else after
        return [0, 1], [p, p]
    return [0, q_star, q_star, 1], [before, before, after, after]


def best_response_plot(game, mark_equilibria=True, ax=None):
    """Best-response correspondences of a 2x2 game in the unit square.

    The horizontal axis is the probability ``q`` that the column player
    chooses its first action, the vertical axis the probability ``p`` of the
    row player's first action. Equilibria are where the two correspondences
    meet.

    Returns
    -------
    matplotlib.axes.Axes
        Titled with the game's title; two lines (row and column player) and,
        with ``mark_equilibria``, one
        point per equilibrium found by ``solve(game, method="enumerate")``
        (or pure equilibria when enumeration is unavailable).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> ax = best_response_plot(g)
    >>> len(ax.lines), ax.get_title()
    (3, 'Best responses')
    """
    if game.shape != (2, 2):
        raise ValueError(f"best_response_plot draws 2x2 games; got shape {game.shape}.")
    _, ax = new_axes(ax, figsize=(4.5, 4.5))
    a, b = game.float_payoff_arrays
    row_q, row_p = _correspondence(a[0, 0] - a[1, 0], a[0, 1] - a[1, 1])
    col_p, col_q = _correspondence(b[0, 0] - b[0, 1], b[1, 0] - b[1, 1])
    ax.plot(row_q, row_p, color="tab:blue", linewidth=2.5, label=game.players[0])
    ax.plot(
        col_q,
        col_p,
        color="tab:orange",
        linewidth=2.5,
        linestyle="--",
        label=game.players[1],
    )
    if mark_equilibria:
        try:
            equilibria = solve(game, method="enumerate").equilibria
        except ValueError:
            equilibria = solve(game, method="pure").equilibria
        points = np.array(
            [[eq.strategies[1][0], eq.strategies[0][0]] for eq in equilibria]
        )
        if len(points):
            ax.plot(
                points[:, 0],
                points[:, 1],
                "o",
                color="red",
                markersize=9,
                label="equilibria",
                zorder=3,
            )
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(f"P({game.players[1]} plays {game.actions[1][0]})")
    ax.set_ylabel(f"P({game.players[0]} plays {game.actions[0][0]})")
    ax.set_title(f"Best responses: {game.title}" if game.title else "Best responses")
    ax.legend(loc="best", fontsize="small")
    return ax
