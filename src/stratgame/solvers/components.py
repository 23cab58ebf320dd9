"""Maximal Nash subsets and components of the equilibria of a bimatrix game.

In a two-player game, call two extreme equilibria ``(x, y)`` and ``(x', y')``
*interchangeable* when ``(x, y')`` and ``(x', y)`` are extreme equilibria too.
Draw the bipartite graph whose nodes are the distinct strategies ``x`` of
player 1 and ``y`` of player 2 occurring in extreme equilibria, with an edge
for each extreme equilibrium. A *maximal bipartite clique* ``(X, Y)`` of that
graph (every ``x`` in ``X`` joined to every ``y`` in ``Y``, and no node can be
added) gives a *maximal Nash subset*: every profile of
``conv(X) x conv(Y)`` is a Nash equilibrium, and these sets are the maximal
convex sets of equilibria (Avis, Rosenberg, Savani & von Stengel 2010,
"Enumeration of Nash equilibria for two-player games", Economic Theory 42,
Sections 2 and 5; Millham 1974; Winkels 1979).

Maximal Nash subsets can overlap; the *components* (connected sets of
equilibria) are the unions of maximal Nash subsets that share a vertex, the
connected components of the graph. In a nondegenerate game every equilibrium
is its own maximal Nash subset and component.

The cliques are enumerated here as the closed pairs ``X = N(Y)``, ``Y = N(X)``
of the graph's neighbourhood (Galois) connection: every such ``Y`` is an
intersection of neighbourhoods ``N(x)``, so starting from single
neighbourhoods and intersecting with one more at a time reaches them all
(the closure-system enumeration of formal concept analysis, Ganter & Wille
1999, Section 2.1). Avis et al. use a Bron-Kerbosch style search instead; both
list the same cliques.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

from ..exceptions import InvalidParameterError

__all__ = ["bipartite_cliques", "connected_components"]


def _check_edges(edges) -> list[tuple[int, int]]:
    out = []
    for edge in edges:
        if type(edge) is tuple and len(edge) == 2:  # the usual case, checked fast
            x, y = edge
            if type(x) is int and type(y) is int and x >= 0 and y >= 0:
                out.append(edge)
                continue
        if (
            not isinstance(edge, Sequence)
            or len(edge) != 2
            or not all(
                isinstance(v, numbers.Integral) and not isinstance(v, bool) and v >= 0
                for v in edge
            )
        ):
            raise InvalidParameterError(
                f"edges must be pairs (x_id, y_id) of nonnegative ints; got {edge!r}."
            )
        out.append((int(edge[0]), int(edge[1])))
    return out


def _ids(bits: int) -> tuple[int, ...]:
    out, k = [], 0
    while bits:
        if bits & 1:
            out.append(k)
        bits >>= 1
        k += 1
    return tuple(out)


def bipartite_cliques(edges) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every maximal bipartite clique of the graph with the given edges.

    Parameters
    ----------
    edges : sequence of (int, int)
        ``(x_id, y_id)`` pairs: here, the extreme equilibria of a game, each
        named by the ids of its two strategies.

    Returns
    -------
    list of (tuple of int, tuple of int)
        Each clique as ``(x_ids, y_ids)``, both sorted and nonempty; the list
        is sorted.

    Examples
    --------
    A game where player 1's strategies 0 and 1 both pair with player 2's
    strategies 0 and 1, and strategy 1 also pairs with strategy 2:

    >>> bipartite_cliques([(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)])
    [((0, 1), (0, 1)), ((1,), (0, 1, 2))]
    """
    edges = _check_edges(edges)
    x_neighbours: dict[int, int] = {}
    for x, y in edges:
        x_neighbours[x] = x_neighbours.get(x, 0) | 1 << y

    def closure(ys: int) -> tuple[int, int]:
        xs = 0
        for x, nbrs in x_neighbours.items():
            if ys & nbrs == ys:
                xs |= 1 << x
        return xs, ys

    found = {closure(nbrs) for nbrs in x_neighbours.values()}
    frontier = list(found)
    while frontier:
        next_frontier = []
        for xs, ys in frontier:
            for x, nbrs in x_neighbours.items():
                if xs >> x & 1 or not ys & nbrs:
                    continue
                clique = closure(ys & nbrs)
                if clique not in found:
                    found.add(clique)
                    next_frontier.append(clique)
        frontier = next_frontier
    return sorted((_ids(xs), _ids(ys)) for xs, ys in found)


def connected_components(edges) -> tuple[tuple[int, ...], ...]:
    """The connected components of a bipartite graph, as sets of edges.

    Parameters
    ----------
    edges : sequence of (int, int)
        ``(x_id, y_id)`` pairs.

    Returns
    -------
    tuple of tuple of int
        Each component as the sorted indices of its edges in ``edges``;
        components ordered by their first edge.

    Examples
    --------
    >>> connected_components([(0, 0), (1, 1), (0, 2), (2, 1)])
    ((0, 2), (1, 3))
    """
    edges = _check_edges(edges)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    for x, y in edges:
        parent[find(("x", x))] = find(("y", y))
    groups: dict[tuple[str, int], list[int]] = {}
    for k, (x, _) in enumerate(edges):
        groups.setdefault(find(("x", x)), []).append(k)
    return tuple(sorted((tuple(g) for g in groups.values()), key=lambda g: g[0]))
