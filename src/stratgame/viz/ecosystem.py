"""Figures of ecosystems: adoption curves of cascades, Bass diffusion,
network coordination, platform competition and urns; snapshots of small
networks coloured by who adopted what (networkx drawing)."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_rng
from ..ecosystem import bass_adoption
from ..exceptions import InvalidParameterError
from ._axes import matplotlib_module, new_axes

__all__ = ["adoption_curve_plot", "network_snapshot_plot"]

#: Colour of nodes that have not adopted.
NOT_ADOPTED = "#bdbdbd"

_LAYOUTS = ("spring", "circular", "kamada_kawai", "shell", "spectral")


def _curves(result, owner: str):
    """``(x, shares, names, x_label)`` of an ecosystem result: one column of
    ``shares`` per plotted curve."""
    if hasattr(result, "curve") and hasattr(result, "adopted"):  # CascadeResult
        size = max(len(result.adopted), 1)
        shares = np.asarray(result.curve, dtype=float)[:, None] / size
        return np.arange(len(shares)), shares, ["adopted"], "round"
    if hasattr(result, "adoption_time"):  # BassSimulation
        return (
            np.asarray(result.times),
            np.asarray(result.adopted, dtype=float)[:, None],
            ["adopted"],
            "time",
        )
    if hasattr(result, "history") and hasattr(result, "technologies"):
        history = np.asarray(result.history, dtype=float)  # CoordinationResult
        return np.arange(len(history)), history, list(result.technologies), "round"
    if hasattr(result, "platforms") and hasattr(result, "shares"):
        shares = np.asarray(result.shares, dtype=float)  # ShareTrajectory
        return np.arange(len(shares)), shares, list(result.platforms), "period"
    if hasattr(result, "shares") and hasattr(result, "final"):  # UrnPaths
        shares = np.asarray(result.shares, dtype=float)
        names = [f"run {k + 1}" for k in range(shares.shape[1])]
        return np.arange(len(shares)), shares, names, "draw"
    raise InvalidParameterError(
        f"{owner} draws results of stratgame.ecosystem (CascadeResult, "
        "BassSimulation, CoordinationResult, ShareTrajectory, UrnPaths); got "
        f"{type(result).__name__}."
    )


def adoption_curve_plot(results, labels=None, *, bass=None, ax=None):
    """Adoption over time: the share of nodes (or of the market) that adopted.

    Parameters
    ----------
    results : result or sequence of results
        Any of :class:`~stratgame.ecosystem.CascadeResult` (cumulative share
        of adopters after each round), :class:`~stratgame.ecosystem.BassSimulation`
        (share against time), :class:`~stratgame.ecosystem.CoordinationResult`
        (one curve per technology),
        :class:`~stratgame.ecosystem.ShareTrajectory` (one per platform) or
        :class:`~stratgame.ecosystem.UrnPaths` (one per run).
    labels : sequence of str, optional
        A name for each result, prefixed to its curves' labels.
    bass : (p, q), optional
        Also draw the closed-form Bass curve ``F(t)`` with these innovation
        and imitation coefficients (Bass 1969, eq. 9), dashed, over the time
        span of the plot.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per curve, in the order of ``results``; the Bass curve last.

    Examples
    --------
    >>> import networkx as nx
    >>> from stratgame.ecosystem import threshold_cascade
    >>> ring = threshold_cascade(nx.cycle_graph(10), 0.5, seeds=[0])
    >>> ax = adoption_curve_plot(ring, ["ring"])
    >>> ax.lines[0].get_label(), ax.lines[0].get_ydata().tolist()
    ('ring', [0.1, 0.3, 0.5, 0.7, 0.9, 1.0])
    """
    owner = "adoption_curve_plot"
    single = not isinstance(results, list | tuple)
    results = [results] if single else list(results)
    if labels is not None and len(labels) != len(results):
        raise InvalidParameterError(
            f"{owner}: labels must name each of the {len(results)} results; got "
            f"{len(labels)} labels."
        )
    drawn = [_curves(result, owner) for result in results]
    _, ax = new_axes(ax, figsize=(6, 4))
    colour = 0
    x_labels = set()
    for k, (x, shares, names, x_label) in enumerate(drawn):
        x_labels.add(x_label)
        prefix = None if labels is None else str(labels[k])
        for j, name in enumerate(names):
            if prefix is None:
                label = name
            elif len(names) == 1:
                label = prefix
            else:
                label = f"{prefix}: {name}"
            ax.plot(x, shares[:, j], color=f"C{colour % 10}", label=label)
            colour += 1
    if bass is not None:
        try:
            p, q = (float(v) for v in bass)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                f"{owner}: bass must be a pair (p, q) of Bass coefficients; got "
                f"{bass!r}."
            ) from None
        end = max(float(x[-1]) for x, *_ in drawn)
        t = np.linspace(0.0, end, 200)
        ax.plot(
            t,
            bass_adoption(t, p, q),
            color="black",
            linestyle="--",
            label=f"Bass closed form (p={p:g}, q={q:g})",
        )
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel(" / ".join(sorted(x_labels)))
    ax.set_ylabel("share adopted")
    ax.legend(fontsize="small")
    return ax


def _positions(graph, layout, rng, owner: str) -> dict:
    import networkx as nx

    if isinstance(layout, dict):
        missing = [v for v in graph.nodes if v not in layout]
        if missing:
            raise InvalidParameterError(
                f"{owner}: the layout dict has no position for nodes {missing[:5]}."
            )
        return layout
    if layout not in _LAYOUTS:
        raise InvalidParameterError(
            f"{owner}: layout must be one of {_LAYOUTS} or a dict of positions; "
            f"got {layout!r}."
        )
    if layout == "spring":
        seed = int(check_rng(rng).integers(2**31 - 1))
        return nx.spring_layout(graph, seed=seed)
    return getattr(nx, f"{layout}_layout")(graph)


def _node_values(graph, state, owner: str):
    """``(values by node in graph order, nodes, kind)``: kind is "cascade",
    "technology" or "value"."""
    nodes = list(graph.nodes)
    if hasattr(state, "adoption_round"):
        values, order, kind = np.asarray(state.adoption_round), state.nodes, "cascade"
    elif hasattr(state, "states") and hasattr(state, "technologies"):
        values, order, kind = np.asarray(state.states), state.nodes, "technology"
    elif isinstance(state, dict):
        missing = [v for v in nodes if v not in state]
        if missing:
            raise InvalidParameterError(
                f"{owner}: the state dict has no value for nodes {missing[:5]}."
            )
        values, order, kind = np.array([state[v] for v in nodes]), nodes, "value"
    else:
        values, order, kind = np.asarray(state), nodes, "value"
    if len(values) != len(nodes) or set(order) != set(nodes):
        raise InvalidParameterError(
            f"{owner}: the state must give one value for each of the graph's "
            f"{len(nodes)} nodes; got {len(values)} values."
        )
    if list(order) != nodes:
        index = {v: i for i, v in enumerate(order)}
        values = values[[index[v] for v in nodes]]
    return values, nodes, kind


def network_snapshot_plot(
    graph,
    state=None,
    *,
    layout="spring",
    rng=0,
    max_nodes: int = 2000,
    node_size: float = 60,
    ax=None,
):
    """A small network, its nodes coloured by an ecosystem outcome.

    Parameters
    ----------
    graph : networkx graph
        The network to draw (at most ``max_nodes`` nodes: drawing is for small
        graphs; the engines themselves run on millions of nodes).
    state : CascadeResult, CoordinationResult, dict or array_like, optional
        A :class:`~stratgame.ecosystem.CascadeResult` colours adopters by the
        round they adopted (non-adopters grey, seeds outlined in black); a
        :class:`~stratgame.ecosystem.CoordinationResult` colours nodes by
        their final technology; numbers (one per node in graph order, or a
        dict by node) are mapped through a colour scale. None draws plain
        nodes.
    layout : {"spring", "circular", "kamada_kawai", "shell", "spectral"} or dict
        A networkx layout, or positions by node.
    rng : None, int or numpy.random.Generator
        Seeds the spring layout (default 0: the same picture every time).
    max_nodes : int
    node_size : float
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The node collection comes first in ``ax.collections``.

    Examples
    --------
    >>> import networkx as nx
    >>> from stratgame.ecosystem import threshold_cascade
    >>> line = nx.path_graph(5)
    >>> result = threshold_cascade(line, 0.5, seeds=[0])
    >>> ax = network_snapshot_plot(line, result, layout="circular")
    >>> len(ax.collections[0].get_offsets())
    5
    >>> sorted(t.get_text() for t in ax.get_legend().get_texts())
    ['adopted', 'not adopted', 'seed']
    """
    import networkx as nx

    owner = "network_snapshot_plot"
    if not hasattr(graph, "is_directed") or not hasattr(graph, "nodes"):
        raise InvalidParameterError(
            f"{owner} draws a networkx graph; got {type(graph).__name__}."
        )
    if (
        not isinstance(max_nodes, numbers.Integral)
        or graph.number_of_nodes() > max_nodes
    ):
        raise InvalidParameterError(
            f"{owner} draws graphs of at most max_nodes={max_nodes!r} nodes; this "
            f"one has {graph.number_of_nodes()}. Draw a subgraph, e.g. "
            "graph.subgraph(nodes), or raise max_nodes."
        )
    positions = _positions(graph, layout, rng, owner)
    _, ax = new_axes(ax, figsize=(5.5, 5))
    style = {"ax": ax, "pos": positions, "node_size": node_size}
    Line2D = matplotlib_module("matplotlib.lines").Line2D

    handles = []
    if state is None:
        nodes = nx.draw_networkx_nodes(graph, node_color="C0", **style)
    else:
        values, order, kind = _node_values(graph, state, owner)
        if kind == "cascade":
            rounds = max(int(values.max()), 1)
            mpl = matplotlib_module("matplotlib")

            cmap = mpl.colormaps["viridis"]
            colours = [
                cmap(r / rounds) if r >= 0 else NOT_ADOPTED for r in values.tolist()
            ]
            edges = ["black" if r == 0 else "none" for r in values.tolist()]
            nodes = nx.draw_networkx_nodes(
                graph,
                nodelist=order,
                node_color=colours,
                edgecolors=edges,
                linewidths=1.5,
                **style,
            )
            mappable = mpl.cm.ScalarMappable(
                norm=mpl.colors.Normalize(0, rounds), cmap=cmap
            )
            ax.figure.colorbar(mappable, ax=ax, label="adoption round", shrink=0.7)
            handles = [
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="none",
                    color=cmap(0.0),
                    markeredgecolor="black",
                    label="seed",
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="none",
                    color=cmap(1.0),
                    label="adopted",
                ),
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="none",
                    color=NOT_ADOPTED,
                    label="not adopted",
                ),
            ]
        elif kind == "technology":
            colours = [f"C{int(t) % 10}" for t in values]
            nodes = nx.draw_networkx_nodes(
                graph, nodelist=order, node_color=colours, **style
            )
            handles = [
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="none",
                    color=f"C{k % 10}",
                    label=str(name),
                )
                for k, name in enumerate(state.technologies)
            ]
        else:
            nodes = nx.draw_networkx_nodes(
                graph,
                nodelist=order,
                node_color=values.astype(float),
                cmap="viridis",
                **style,
            )
            ax.figure.colorbar(nodes, ax=ax, shrink=0.7)
    nx.draw_networkx_edges(graph, positions, ax=ax, alpha=0.35, width=0.8)
    nodes.set_zorder(2)
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=len(handles),
            fontsize="small",
            frameon=False,
        )
    ax.set_axis_off()
    return ax
