"""Conversion of graphs to the in-adjacency convention."""

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from stratgame.ecosystem import EcosystemError, InvalidNetworkError, as_network
from stratgame.exceptions import StratgameError


def test_directed_edge_makes_head_listen_to_tail():
    net = as_network(nx.DiGraph([("a", "b")]))
    i, j = net.index_of(["b", "a"])
    assert net.matrix[i, j] == 1.0
    assert net.matrix[j, i] == 0.0
    assert net.directed
    assert net.in_degree().tolist() == [0.0, 1.0]
    assert net.out_degree().tolist() == [1.0, 0.0]


def test_weights_are_kept_and_undirected_is_symmetric():
    g = nx.Graph()
    g.add_edge(0, 1, weight=2.5)
    g.add_edge(1, 2)
    net = as_network(g)
    dense = net.matrix.toarray()
    assert np.array_equal(dense, dense.T)
    assert dense[0, 1] == 2.5 and dense[1, 2] == 1.0
    assert net.n_edges == 2
    assert not net.is_unweighted
    assert as_network(g, weight=None).is_unweighted


def test_matrix_input_is_in_adjacency_and_range_labelled():
    matrix = sp.csr_array(np.array([[0, 1.0], [0, 0]]))
    net = as_network(matrix)
    assert net.directed
    assert list(net.nodes) == [0, 1]
    assert net.in_degree().tolist() == [1.0, 0.0]
    assert as_network(net) is net


def test_to_networkx_round_trip_keeps_edges_and_weights():
    g = nx.DiGraph()
    g.add_weighted_edges_from([("x", "y", 2.0), ("y", "z", 1.0), ("z", "x", 3.0)])
    back = as_network(g).to_networkx()
    assert back.is_directed()
    assert {(u, v, d["weight"]) for u, v, d in back.edges(data=True)} == {
        ("x", "y", 2.0),
        ("y", "z", 1.0),
        ("z", "x", 3.0),
    }


@pytest.mark.parametrize(
    "bad",
    [
        nx.MultiGraph([(0, 1), (0, 1)]),
        np.zeros((2, 3)),
        np.array([[0, -1.0], [-1.0, 0]]),
        np.array([[0, np.nan], [np.nan, 0]]),
        np.array([["a", "b"], ["c", "d"]]),
        "not a graph",
    ],
)
def test_bad_graphs_raise_a_stratgame_value_error(bad):
    with pytest.raises(InvalidNetworkError) as info:
        as_network(bad)
    assert isinstance(info.value, StratgameError)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, EcosystemError)


def test_unknown_nodes_are_reported():
    net = as_network(nx.path_graph(["a", "b"]))
    with pytest.raises(InvalidNetworkError, match="'c' is not a node"):
        net.index_of(["c"])
    ranged = as_network(np.eye(3))
    with pytest.raises(InvalidNetworkError, match=r"integers 0\.\.2"):
        ranged.index_of([5])
