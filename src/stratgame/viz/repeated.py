"""Figures of repeated games: the feasible payoff set, its individually
rational part (the folk-theorem region) and the subgame-perfect equilibrium
payoff sets at given discount factors, all from :mod:`stratgame.repeated`."""

from __future__ import annotations

import numbers

import numpy as np

from ..exceptions import InvalidGameError, InvalidParameterError
from ..repeated import (
    equilibrium_payoffs,
    feasible_set,
    individually_rational_set,
    minmax,
)
from ._axes import matplotlib_module, new_axes

__all__ = ["payoff_region_plot"]


def _draw_region(ax, vertices: np.ndarray, label: str, **style):
    """A polygon, segment or point, whichever the vertices make."""
    Polygon = matplotlib_module("matplotlib.patches").Polygon

    if len(vertices) >= 3:
        return ax.add_patch(Polygon(vertices, closed=True, label=label, **style))
    if len(vertices) >= 1:
        colour = style.get("edgecolor", style.get("facecolor"))
        (line,) = ax.plot(
            vertices[:, 0],
            vertices[:, 1],
            marker="s",
            color=colour,
            linewidth=3,
            label=label,
        )
        return line
    return None


def _discounts(discount) -> list[float]:
    values = (
        []
        if discount is None
        else [discount]
        if isinstance(discount, numbers.Real)
        else list(discount)
    )
    for value in values:
        if not isinstance(value, numbers.Real) or not 0 < float(value) < 1:
            raise InvalidParameterError(
                "payoff_region_plot: every discount factor must be a number in "
                f"(0, 1); got {value!r}."
            )
    return [float(v) for v in values]


def payoff_region_plot(
    stage_game, discount=None, *, kind: str = "mixed", directions: int = 64, ax=None
):
    """The payoff sets of a two-player repeated game in the payoff plane.

    Draws, from the outside in: the feasible set (the convex hull of the
    stage payoffs), its individually rational part above the minmax values
    (the region of the folk theorem: Fudenberg & Maskin 1986), and, for each
    discount factor given, the outer approximation of the subgame-perfect
    equilibrium payoffs with public randomization (Abreu, Pearce & Stacchetti
    1990; Judd, Yeltekin & Conklin 2003). Stage payoffs are dots labelled by
    their action profiles; dashed lines mark the minmax values.

    Parameters
    ----------
    stage_game : NormalFormGame
        A two-player stage game.
    discount : float or sequence of float, optional
        Discount factors in (0, 1) whose equilibrium payoff sets to draw.
    kind : {"mixed", "pure"}
        Minmax values against mixed or pure punishments.
    directions : int
        Supporting directions of the equilibrium-set polygons (see
        :func:`~stratgame.repeated.equilibrium_payoffs`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Patches labelled ``"feasible"``, ``"individually rational"`` and
        ``"equilibrium payoffs, δ = ..."`` (a line instead of a patch where a
        set is a segment or a point).

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      actions=(("C", "D"),) * 2)
    >>> ax = payoff_region_plot(pd, [0.3, 0.9], directions=32)
    >>> [p.get_label() for p in ax.patches]
    ['feasible', 'individually rational', 'equilibrium payoffs, δ = 0.3', 'equilibrium payoffs, δ = 0.9']
    >>> sorted(ax.patches[2].get_xy()[:-1].round(6).tolist())
    [[1.0, 1.0], [1.0, 4.0], [4.0, 1.0]]
    """
    owner = "payoff_region_plot"
    if stage_game.n_players != 2:
        raise InvalidGameError(
            f"{owner} draws two-player games; this one has {stage_game.n_players}."
        )
    discounts = _discounts(discount)
    rational = individually_rational_set(stage_game, kind=kind)  # checks kind
    values = minmax(stage_game)
    lower = values.mixed if kind == "mixed" else values.pure
    _, ax = new_axes(ax, figsize=(5.5, 5))
    _draw_region(
        ax,
        feasible_set(stage_game).vertices,
        "feasible",
        facecolor="#dddddd",
        edgecolor="grey",
    )
    _draw_region(
        ax,
        rational.vertices,
        "individually rational",
        facecolor="#9ecae1",
        edgecolor="#3182bd",
    )
    for k, delta in enumerate(discounts):
        region = equilibrium_payoffs(stage_game, delta, directions=directions)
        _draw_region(
            ax,
            region.vertices,
            f"equilibrium payoffs, δ = {delta:g}",
            facecolor="none",
            edgecolor=f"C{(k + 1) % 10}",
            linewidth=2,
            hatch="//" if k == 0 else None,
        )
    u, v = (a.ravel() for a in stage_game.float_payoff_arrays)
    profiles = [
        f"({stage_game.actions[0][r]}, {stage_game.actions[1][c]})"
        for r in range(stage_game.shape[0])
        for c in range(stage_game.shape[1])
    ]
    labels: dict[tuple[float, float], list[str]] = {}
    for point, name in zip(zip(u, v, strict=True), profiles, strict=True):
        labels.setdefault(point, []).append(name)
    ax.plot(u, v, "o", color="black", markersize=5, label="stage payoffs", zorder=3)
    for (x, y), names in labels.items():
        ax.annotate(
            " ".join(names),
            (x, y),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize="small",
        )
    ax.axvline(lower[0], color="grey", linestyle="--", linewidth=1)
    ax.axhline(lower[1], color="grey", linestyle="--", linewidth=1)
    span = max(float(np.ptp(u)), float(np.ptp(v)), 1e-12)
    ax.set_xlim(u.min() - 0.1 * span, u.max() + 0.15 * span)
    ax.set_ylim(v.min() - 0.1 * span, v.max() + 0.15 * span)
    ax.set_xlabel(f"{stage_game.players[0]}'s average payoff")
    ax.set_ylabel(f"{stage_game.players[1]}'s average payoff")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    if stage_game.title:
        ax.set_title(stage_game.title)
    return ax
