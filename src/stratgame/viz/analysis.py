"""Figures of analyses: regime maps and equilibrium paths."""

from __future__ import annotations

import numpy as np

from ._axes import matplotlib_module, new_axes, readable

__all__ = ["equilibrium_path_plot", "regime_map_plot"]


def regime_map_plot(regime_map, ax=None):
    """Colour a :class:`~stratgame.analysis.RegimeMap` by regime.

    Returns
    -------
    matplotlib.axes.Axes
        One colour per regime, with a legend naming them; the axes are
        labelled with the parameters' names in words (``us_licensing`` reads
        "us licensing"; set your own with ``ax.set_xlabel``).

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.analysis import regime_map
    >>> def game(T, S):
    ...     return sg.NormalFormGame.from_bimatrix([[3, S], [T, 1]], [[3, T], [S, 1]])
    >>> m = regime_map(game, ("T", [2, 5]), ("S", [0, 2]), solve="pure")
    >>> ax = regime_map_plot(m)
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())[:2]
    ['anti-coordination', 'coordination']
    >>> ax.get_xlabel()
    'T'
    """
    ListedColormap = matplotlib_module("matplotlib.colors").ListedColormap
    Patch = matplotlib_module("matplotlib.patches").Patch

    _, ax = new_axes(ax, figsize=(6, 4.5))
    regimes = regime_map.regimes()
    codes = np.vectorize(regimes.index)(regime_map.labels)
    colours = [f"C{k}" for k in range(len(regimes))]
    x, y = regime_map.x.astype(float), regime_map.y.astype(float)

    def edges(v):
        if len(v) == 1:
            return np.array([v[0] - 0.5, v[0] + 0.5])
        middle = (v[:-1] + v[1:]) / 2
        return np.concatenate(
            [[2 * v[0] - middle[0]], middle, [2 * v[-1] - middle[-1]]]
        )

    ax.pcolormesh(
        edges(x),
        edges(y),
        codes,
        cmap=ListedColormap(colours),
        vmin=-0.5,
        vmax=len(regimes) - 0.5,
    )
    ax.legend(
        handles=[
            Patch(color=c, label=r) for c, r in zip(colours, regimes, strict=True)
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize="small",
    )
    ax.set_xlabel(readable(regime_map.x_name))
    ax.set_ylabel(readable(regime_map.y_name))
    return ax


def _branch_label(branch, actions) -> str:
    """A branch by the pure profile it starts at ("safe, race"), or its
    number when it starts mixed or the game has no labels."""
    first = branch.strategies[0]
    played = [[k for k, p in enumerate(s) if p > 1e-9] for s in first]
    if actions is not None and all(len(k) == 1 for k in played):
        return ", ".join(actions[i][k[0]] for i, k in enumerate(played))
    return f"equilibrium {branch.id + 1}"


def equilibrium_path_plot(tracking, player: int = 0, action: int = 0, ax=None):
    """Plot each tracked equilibrium branch: the probability that ``player``
    plays ``action`` along the parameter, with births and deaths marked.

    Parameters
    ----------
    tracking : stratgame.analysis.Tracking

    Returns
    -------
    matplotlib.axes.Axes
        One line per branch.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.analysis import track
    >>> def stag(h):
    ...     return sg.NormalFormGame.from_bimatrix([[4, 0], [h, h]], [[4, h], [0, h]])
    >>> ax = equilibrium_path_plot(track(stag, "h", [1, 2, 3, 5], solve="pure"))
    >>> [line.get_label() for line in ax.lines if line.get_marker() == "o"]
    ['a1, a1', 'a2, a2']
    >>> ax.get_ylabel()
    'P(P1 plays a1)'
    """
    _, ax = new_axes(ax)
    players, actions = tracking.players, tracking.actions
    for branch in tracking.branches:
        values = [float(v) for v in branch.values]
        probability = [s[player][action] for s in branch.strategies]
        ax.plot(values, probability, marker="o", label=_branch_label(branch, actions))
    for event in tracking.events:
        if event["kind"] in ("birth", "death"):
            ax.axvline(float(event["value"]), color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel(readable(tracking.param))
    if players is not None and actions is not None:
        ax.set_ylabel(f"P({players[player]} plays {actions[player][action]})")
    else:
        ax.set_ylabel(f"P(player {player + 1} plays action {action + 1})")
    ax.set_ylim(-0.05, 1.05)
    ax.legend(fontsize="small")
    return ax
