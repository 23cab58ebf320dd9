"""Maximal bipartite cliques and connected components of the graph of extreme
equilibria, checked against brute force."""

from __future__ import annotations

from itertools import chain, combinations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratgame.exceptions import InvalidParameterError
from stratgame.solvers.components import bipartite_cliques, connected_components

edge_sets = st.sets(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=14).map(
    sorted
)


def subsets(items):
    items = sorted(items)
    return chain.from_iterable(combinations(items, r) for r in range(1, len(items) + 1))


def brute_force_cliques(edges):
    """Every pair of nonempty sets (X, Y) fully joined and maximal."""
    edge_set = set(edges)
    xs = {x for x, _ in edges}
    ys = {y for _, y in edges}
    complete = [
        (X, Y)
        for X in subsets(xs)
        for Y in subsets(ys)
        if all((x, y) in edge_set for x in X for y in Y)
    ]
    return sorted(
        (X, Y)
        for X, Y in complete
        if not any(
            set(X) <= set(X2) and set(Y) <= set(Y2) and (X, Y) != (X2, Y2)
            for X2, Y2 in complete
        )
    )


@settings(max_examples=60, deadline=None)
@given(edge_sets)
def test_cliques_are_the_maximal_complete_bipartite_subgraphs(edges):
    assert bipartite_cliques(edges) == brute_force_cliques(edges)


@settings(max_examples=60, deadline=None)
@given(edge_sets)
def test_components_are_the_connected_components(edges):
    graph = nx.Graph()
    graph.add_edges_from((("x", x), ("y", y)) for x, y in edges)
    expected = sorted(
        tuple(k for k, (x, _) in enumerate(edges) if ("x", x) in component)
        for component in nx.connected_components(graph)
    )
    assert sorted(connected_components(edges)) == expected
    # every edge in exactly one component; order by first edge
    found = connected_components(edges)
    assert sorted(k for c in found for k in c) == list(range(len(edges)))
    assert [c[0] for c in found] == sorted(c[0] for c in found)


def test_a_single_equilibrium_is_its_own_clique_and_component():
    assert bipartite_cliques([(0, 0)]) == [((0,), (0,))]
    assert connected_components([(0, 0)]) == ((0,),)
    assert bipartite_cliques([]) == [] and connected_components([]) == ()


def test_overlapping_cliques_share_one_component():
    # x0 with y0, y1; x1 with y1, y2: two maximal cliques sharing y1
    edges = [(0, 0), (0, 1), (1, 1), (1, 2)]
    assert bipartite_cliques(edges) == [
        ((0,), (0, 1)),
        ((0, 1), (1,)),
        ((1,), (1, 2)),
    ]
    assert connected_components(edges) == ((0, 1, 2, 3),)


@pytest.mark.parametrize("bad", [[(0,)], [(0, -1)], [("a", 0)], [(0, 1.5)], [5]])
def test_malformed_edges_are_refused(bad):
    with pytest.raises(InvalidParameterError, match="pairs"):
        bipartite_cliques(bad)
    with pytest.raises(InvalidParameterError, match="pairs"):
        connected_components(bad)
