"""AI-stack dependency graphs: layers, chokepoints and export controls.

An :class:`AIStack` is a directed graph of firms in ordered layers (e.g.
chips -> cloud -> models -> applications); an edge ``u -> v`` means ``u``
supplies ``v``. A firm is *supplied* when it sits in the first layer, or
when, for every layer it buys from, at least one of its suppliers in that
layer is supplied (``requires="each_layer"``: an application needs a model
*and* a cloud) -- or at least one supplier at all (``requires="any"``). The
supplied set is the least fixed point of that rule, so cycles are allowed.

Chokepoints are measured three ways: by removal (which firms lose supply
when one firm disappears), by structure (articulation points, betweenness
centrality; Freeman 1977) and by cuts (the fewest firms or supply links
meeting every supply path to a target, by max-flow / min-cut, Ford and
Fulkerson 1956).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from .network import EcosystemError

__all__ = ["AIStack", "StackImpact"]

REQUIREMENTS = ("any", "each_layer")


@dataclass(frozen=True)
class StackImpact:
    """What a shock to the stack does downstream.

    Attributes
    ----------
    removed : frozenset
        Firms taken out.
    cut : frozenset
        Supply links ``(supplier, customer)`` cut.
    lost : frozenset
        Firms supplied before the shock and not after (the removed excluded).
    supplied : frozenset
        Firms still supplied after the shock.
    final_layer_share : float
        Share of the last layer's firms still supplied.
    """

    removed: frozenset
    cut: frozenset
    lost: frozenset
    supplied: frozenset
    final_layer_share: float

    def __repr__(self) -> str:
        return (
            f"StackImpact(removed={sorted(map(str, self.removed))}, "
            f"cut={len(self.cut)} links, lost={sorted(map(str, self.lost))}, "
            f"final_layer_share={self.final_layer_share:.2f})"
        )

    def _repr_html_(self) -> str:
        lost = html.escape(", ".join(sorted(map(str, self.lost))) or "none")
        return (
            f"<p>lost: {lost}; final layer still supplied: "
            f"{self.final_layer_share:.0%}</p>"
        )


class AIStack:
    """A layered supply graph of an AI technology stack.

    Parameters
    ----------
    layers : sequence of (str, sequence of firm) pairs, or dict
        The layers from upstream to downstream and their firms.
    supplies : iterable of (supplier, customer)
        Supply links.
    requires : {"each_layer", "any"}
        What a firm needs to be supplied (see the module docstring).

    Raises
    ------
    EcosystemError
        For a firm in two layers, a link naming an unknown firm, or a link
        running upstream into the first layer.

    Examples
    --------
    >>> stack = AIStack(
    ...     {"chips": ["fab"], "cloud": ["c1", "c2"], "apps": ["app"]},
    ...     [("fab", "c1"), ("fab", "c2"), ("c1", "app"), ("c2", "app")],
    ... )
    >>> stack.chokepoints()
    [('fab', 3)]
    >>> stack.impact(removed=["c1"]).final_layer_share
    1.0
    """

    def __init__(self, layers, supplies: Iterable, requires: str = "each_layer"):
        import networkx as nx

        if requires not in REQUIREMENTS:
            raise EcosystemError(
                f"requires must be one of {REQUIREMENTS}; got {requires!r}."
            )
        pairs = list(layers.items()) if isinstance(layers, dict) else list(layers)
        if len(pairs) < 2:
            raise EcosystemError(
                f"an AIStack needs at least two layers; got {len(pairs)}."
            )
        self.layer_names = tuple(str(name) for name, _ in pairs)
        self.requires = requires
        graph = nx.DiGraph()
        for depth, (name, firms) in enumerate(pairs):
            for firm in firms:
                if firm in graph:
                    raise EcosystemError(
                        f"firm {firm!r} is listed in two layers "
                        f"({graph.nodes[firm]['layer']!r} and {name!r})."
                    )
                graph.add_node(firm, layer=str(name), depth=depth)
        for link in supplies:
            try:
                supplier, customer = link
            except (TypeError, ValueError):
                raise EcosystemError(
                    f"supply links are (supplier, customer) pairs; got {link!r}."
                ) from None
            for firm in (supplier, customer):
                if firm not in graph:
                    raise EcosystemError(
                        f"supply link {link!r} names {firm!r}, which is in no layer."
                    )
            if graph.nodes[customer]["depth"] == 0:
                raise EcosystemError(
                    f"supply link {link!r} feeds the first layer; its firms are "
                    "the sources of the stack and need no supplier."
                )
            graph.add_edge(supplier, customer)
        self.graph = graph

    # -- supply ----------------------------------------------------------

    def firms(self, layer: str) -> list:
        """The firms of a layer, in the order given."""
        if layer not in self.layer_names:
            raise EcosystemError(
                f"unknown layer {layer!r}; the layers are {self.layer_names}."
            )
        return [f for f, d in self.graph.nodes(data=True) if d["layer"] == layer]

    def supplied(self, removed=(), cut=()) -> frozenset:
        """The firms supplied after removing firms and cutting supply links.

        Examples
        --------
        >>> stack = AIStack([("chips", ["fab"]), ("apps", ["app"])],
        ...                 [("fab", "app")])
        >>> sorted(stack.supplied(cut=[("fab", "app")]))
        ['fab']
        """
        removed = self._known(removed)
        cut = frozenset(tuple(link) for link in cut)
        graph = self.graph
        depth = {f: d["depth"] for f, d in graph.nodes(data=True)}
        supplied = {f for f in graph if depth[f] == 0 and f not in removed}
        changed = True
        while changed:
            changed = False
            for firm in graph:
                if firm in supplied or firm in removed or depth[firm] == 0:
                    continue
                live = [s for s in graph.predecessors(firm) if (s, firm) not in cut]
                needed = {graph.nodes[s]["layer"] for s in graph.predecessors(firm)}
                have = {graph.nodes[s]["layer"] for s in live if s in supplied}
                ok = bool(have) if self.requires == "any" else needed <= have
                if ok and needed:
                    supplied.add(firm)
                    changed = True
        return frozenset(supplied)

    def _known(self, firms) -> frozenset:
        firms = frozenset(firms)
        unknown = [f for f in firms if f not in self.graph]
        if unknown:
            raise EcosystemError(f"{unknown[0]!r} is not a firm of this stack.")
        return firms

    def impact(self, removed=(), cut=()) -> StackImpact:
        """What removing firms and cutting links (export controls) does."""
        return self._impact(removed, cut, self.supplied())

    def _impact(self, removed, cut, before: frozenset) -> StackImpact:
        after = self.supplied(removed, cut)
        removed = self._known(removed)
        last = self.firms(self.layer_names[-1])
        share = sum(f in after for f in last) / len(last) if last else 0.0
        return StackImpact(
            removed=removed,
            cut=frozenset(tuple(link) for link in cut),
            lost=frozenset(before - after - removed),
            supplied=after,
            final_layer_share=share,
        )

    # -- chokepoints -----------------------------------------------------

    def chokepoints(self) -> list[tuple]:
        """Single points of failure: firms whose removal leaves some other
        firm unsupplied, with how many, largest first (ties in layer
        order).
        """
        out = []
        before = self.supplied()
        for firm in self.graph:
            lost = len(self._impact([firm], (), before).lost)
            if lost:
                out.append((firm, lost))
        order = {f: i for i, f in enumerate(self.graph)}
        return sorted(out, key=lambda item: (-item[1], order[item[0]]))

    def articulation_points(self) -> list:
        """Firms whose removal disconnects the stack viewed as an undirected
        graph (a structural, direction-blind measure).

        Examples
        --------
        >>> AIStack({"chips": ["gpu"], "cloud": ["c"], "apps": ["a", "b"]},
        ...         [("gpu", "c"), ("c", "a"), ("c", "b")]).articulation_points()
        ['c']
        """
        import networkx as nx

        return sorted(
            nx.articulation_points(self.graph.to_undirected()),
            key=list(self.graph).index,
        )

    def betweenness(self) -> dict:
        """Betweenness centrality along supply paths (Freeman 1977):
        the share of shortest supplier-to-customer paths through each firm.

        Examples
        --------
        >>> stack = AIStack({"chips": ["gpu"], "cloud": ["c"], "apps": ["a"]},
        ...                 [("gpu", "c"), ("c", "a")])
        >>> stack.betweenness()["c"]
        0.5
        """
        import networkx as nx

        return nx.betweenness_centrality(self.graph)

    def _flow_graph(self, targets, cut_firms: bool):
        """Node-split flow network: unit capacity on firms (``cut_firms``) or
        on links; edges without a capacity attribute are unbounded."""
        import networkx as nx

        flow = nx.DiGraph()
        source, sink = ("__source__",), ("__sink__",)
        for firm, data in self.graph.nodes(data=True):
            if cut_firms and firm not in targets:
                flow.add_edge((firm, "in"), (firm, "out"), capacity=1)
            else:
                flow.add_edge((firm, "in"), (firm, "out"))
            if data["depth"] == 0:
                flow.add_edge(source, (firm, "in"))
        for u, v in self.graph.edges:
            if cut_firms:
                flow.add_edge((u, "out"), (v, "in"))
            else:
                flow.add_edge((u, "out"), (v, "in"), capacity=1)
        for t in targets:
            flow.add_edge((t, "out"), sink)
        return flow, source, sink

    def _targets(self, targets):
        if targets is None:
            targets = self.firms(self.layer_names[-1])
        targets = self._known(targets)
        first = [t for t in targets if self.graph.nodes[t]["depth"] == 0]
        if first:
            raise EcosystemError(
                f"{first[0]!r} is in the first layer; it has no supply to cut."
            )
        return targets

    def minimum_firm_cut(self, targets=None) -> frozenset:
        """The fewest firms (other than the targets) meeting every supply
        path from the first layer to ``targets`` (default: the last layer);
        removing them leaves every target unsupplied.

        Computed as a minimum cut with unit capacity per firm (Ford and
        Fulkerson 1956). With ``requires="each_layer"`` it is a sufficient
        set; a smaller one may exist by cutting a single required layer.

        Examples
        --------
        >>> stack = AIStack(
        ...     {"chips": ["gpu1", "gpu2"], "cloud": ["c1"], "apps": ["a1", "a2"]},
        ...     [("gpu1", "c1"), ("gpu2", "c1"), ("c1", "a1"), ("c1", "a2")])
        >>> sorted(stack.minimum_firm_cut())
        ['c1']
        """
        import networkx as nx

        targets = self._targets(targets)
        flow, source, sink = self._flow_graph(targets, cut_firms=True)
        _, (reach, _) = nx.minimum_cut(flow, source, sink)
        return frozenset(
            firm
            for firm in self.graph
            if (firm, "in") in reach and (firm, "out") not in reach
        )

    def minimum_link_cut(self, targets=None) -> frozenset:
        """The fewest supply links whose cutting (e.g. by export controls)
        meets every supply path from the first layer to ``targets``.

        Examples
        --------
        >>> stack = AIStack(
        ...     {"chips": ["gpu"], "cloud": ["c1", "c2"], "apps": ["app"]},
        ...     [("gpu", "c1"), ("gpu", "c2"), ("c1", "app"), ("c2", "app")])
        >>> len(stack.minimum_link_cut())
        2
        """
        import networkx as nx

        targets = self._targets(targets)
        flow, source, sink = self._flow_graph(targets, cut_firms=False)
        _, (reach, _) = nx.minimum_cut(flow, source, sink)
        return frozenset(
            (u, v)
            for u, v in self.graph.edges
            if (u, "out") in reach and (v, "in") not in reach
        )

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{name}: {len(self.firms(name))}" for name in self.layer_names
        )
        return f"AIStack({sizes}; {self.graph.number_of_edges()} supply links)"
