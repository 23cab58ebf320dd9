"""Networks as sparse matrices: the one conversion every ecosystem engine uses.

A :class:`Network` holds the *in-adjacency* matrix of a graph in CSR form:
row ``i`` lists the nodes node ``i`` listens to. Entry ``A[i, j]`` is the
weight of the edge ``j -> i``, so node ``i`` adopts, switches or imitates
based on the states of its in-neighbours, weighted by ``A[i, j]``. An
undirected graph gives a symmetric matrix. A networkx graph is converted
once; the engines then run on numpy and scipy.sparse alone.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..exceptions import StratgameError

__all__ = [
    "EcosystemError",
    "InvalidNetworkError",
    "Network",
    "as_network",
    "node_values",
]


class EcosystemError(StratgameError, ValueError):
    """Input that an ecosystem model cannot use (shapes, ranges, missing data)."""


class InvalidNetworkError(EcosystemError):
    """A graph, node set or per-node parameter does not fit the network."""


@dataclass(frozen=True, eq=False)
class Network:
    """A graph as a CSR in-adjacency matrix with node labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_array
        ``matrix[i, j]`` is the weight of the edge ``j -> i`` (node ``i``
        listens to node ``j``); float64, no explicit zeros.
    nodes : tuple or range
        The node labels, in the order of the matrix rows (``range(n)`` when
        the network came from a matrix or a stratgame generator).
    directed : bool
        Whether the source graph was directed.

    Examples
    --------
    >>> import networkx as nx
    >>> net = as_network(nx.path_graph(3))
    >>> net.n_nodes, net.n_edges, net.in_degree().tolist()
    (3, 2, [1.0, 2.0, 1.0])
    """

    matrix: sp.csr_array
    nodes: tuple | range
    directed: bool = False

    @property
    def n_nodes(self) -> int:
        """The number of nodes."""
        return self.matrix.shape[0]

    @property
    def n_edges(self) -> int:
        """The number of edges (an undirected edge counts once)."""
        stored = self.matrix.nnz
        if self.directed:
            return stored
        loops = int(np.count_nonzero(self.matrix.diagonal()))
        return (stored - loops) // 2 + loops

    def _cached(self, key, compute):
        value = self.__dict__.get(key)
        if value is None:
            value = compute()
            object.__setattr__(self, key, value)
        return value

    @property
    def is_unweighted(self) -> bool:
        """True when every edge has weight 1."""
        return self._cached(
            "_unweighted", lambda: bool(np.all(self.matrix.data == 1.0))
        )

    def in_degree(self) -> np.ndarray:
        """The weighted in-degree of every node (row sums; a fresh copy)."""

        def compute():
            if self.is_unweighted:
                return np.diff(self.matrix.indptr).astype(np.float64)
            return np.asarray(self.matrix.sum(axis=1)).ravel()

        return self._cached("_in_degree", compute).copy()

    def out_degree(self) -> np.ndarray:
        """The weighted out-degree of every node (column sums; a fresh copy)."""
        if not self.directed:
            return self.in_degree()
        return self._cached(
            "_out_degree", lambda: np.asarray(self.matrix.sum(axis=0)).ravel()
        ).copy()

    def out_adjacency(self) -> sp.csr_array:
        """The transpose in CSR form: row ``j`` lists the nodes that listen to
        ``j``, the nodes a change at ``j`` reaches."""
        if not self.directed:
            return self.matrix
        return self._cached("_out_adjacency", lambda: sp.csr_array(self.matrix.T))

    def index_of(self, nodes) -> np.ndarray:
        """The row indices of the given node labels.

        Raises
        ------
        InvalidNetworkError
            When a label is not a node of the network.
        """
        if isinstance(self.nodes, range) and self.nodes.start == 0:
            return self._range_index(nodes)
        lookup = self._lookup()
        out = np.empty(len(nodes), dtype=np.int64)
        for k, node in enumerate(nodes):
            try:
                out[k] = lookup[node]
            except (KeyError, TypeError):
                raise InvalidNetworkError(
                    f"{node!r} is not a node of this network of {self.n_nodes} "
                    "nodes; pass node labels as they appear in the graph."
                ) from None
        return out

    def _range_index(self, nodes) -> np.ndarray:
        index = np.asarray(nodes)
        if index.size == 0:
            return np.zeros(0, dtype=np.int64)
        if index.ndim != 1 or index.dtype.kind not in "iu":
            raise InvalidNetworkError(
                f"the nodes of this network are the integers 0..{self.n_nodes - 1}; "
                f"got {nodes!r}."
            )
        bad = (index < 0) | (index >= self.n_nodes)
        if bad.any():
            raise InvalidNetworkError(
                f"{index[bad][0]!r} is not a node of this network; its nodes are "
                f"the integers 0..{self.n_nodes - 1}."
            )
        return index.astype(np.int64)

    def _lookup(self) -> dict:
        return self._cached(
            "_lookup_table", lambda: {node: i for i, node in enumerate(self.nodes)}
        )

    def to_networkx(self):
        """The network as a networkx ``Graph`` or ``DiGraph`` (weights kept).

        Examples
        --------
        >>> import networkx as nx
        >>> as_network(nx.cycle_graph(4)).to_networkx().number_of_edges()
        4
        """
        import networkx as nx

        coo = self.matrix.tocoo()
        graph = nx.DiGraph() if self.directed else nx.Graph()
        graph.add_nodes_from(self.nodes)
        labels = self.nodes
        graph.add_weighted_edges_from(
            (labels[j], labels[i], float(w))
            for i, j, w in zip(coo.row, coo.col, coo.data, strict=True)
            if self.directed or i >= j
        )
        return graph

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return f"Network({kind}, n_nodes={self.n_nodes}, n_edges={self.n_edges})"


def _from_matrix(matrix, directed) -> Network:
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise InvalidNetworkError(
            f"an adjacency matrix must be square; got shape {matrix.shape}."
        )
    if matrix.dtype.kind not in "biuf":
        raise InvalidNetworkError(
            f"an adjacency matrix must hold real edge weights; got dtype {matrix.dtype}."
        )
    csr = sp.csr_array(matrix, dtype=np.float64)
    csr.eliminate_zeros()
    if csr.nnz and not np.all(np.isfinite(csr.data)):
        raise InvalidNetworkError("edge weights must be finite; found nan or inf.")
    if csr.nnz and csr.data.min() < 0:
        raise InvalidNetworkError(
            f"edge weights must be non-negative; found {csr.data.min()!r}."
        )
    if directed is None:
        directed = (csr != csr.T).nnz > 0
    return Network(csr, range(csr.shape[0]), bool(directed))


def as_network(graph, weight: str | None = "weight", directed=None) -> Network:
    """Convert a graph once into a :class:`Network` (CSR in-adjacency).

    Parameters
    ----------
    graph : networkx.Graph, networkx.DiGraph, scipy sparse matrix, ndarray or Network
        A networkx graph (nodes keep their labels; an edge ``u -> v`` makes
        ``v`` listen to ``u``), a square matrix already in in-adjacency form
        (``M[i, j]`` = weight of ``j -> i``; labels ``0..n-1``), or a
        :class:`Network`, returned unchanged.
    weight : str or None
        The edge attribute holding weights; missing attributes count 1.
        ``None`` ignores weights.
    directed : bool, optional
        For matrices only: whether to treat the matrix as directed. By default
        a matrix is directed exactly when it is not symmetric.

    Returns
    -------
    Network

    Raises
    ------
    InvalidNetworkError
        For a non-square matrix, a multigraph, or negative or non-finite
        weights.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph([("chips", "cloud"), ("cloud", "model")])
    >>> net = as_network(g)
    >>> net.nodes, net.matrix.toarray().tolist()
    (('chips', 'cloud', 'model'), [[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    """
    if isinstance(graph, Network):
        return graph
    if sp.issparse(graph) or isinstance(graph, np.ndarray):
        return _from_matrix(graph, directed)
    if not hasattr(graph, "is_directed") or not hasattr(graph, "adj"):
        raise InvalidNetworkError(
            "graph must be a networkx graph, a square scipy.sparse matrix, a numpy "
            f"array or a Network; got {type(graph).__name__}."
        )
    import networkx as nx

    if graph.is_multigraph():
        raise InvalidNetworkError(
            "multigraphs are not supported; collapse parallel edges first, e.g. "
            "nx.Graph(G) or a weighted graph summing their weights."
        )
    nodes = tuple(graph.nodes)
    out_adj = nx.to_scipy_sparse_array(
        graph, nodelist=nodes, weight=weight, dtype=np.float64, format="csr"
    )
    network = _from_matrix(out_adj.T, graph.is_directed())
    return Network(network.matrix, nodes, graph.is_directed())


def _floats(values, name: str, owner: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InvalidNetworkError(
            f"the {name!r} of {owner} must be real numbers; got {values!r}."
        ) from None


def node_values(network: Network, values, name: str, owner: str) -> np.ndarray:
    """One float per node from a scalar, a sequence in node order, or a dict
    keyed by node label (used for thresholds, qualities and similar).

    Raises
    ------
    InvalidNetworkError
        For a value that is not a finite number, a sequence of the wrong
        length, or a dict missing a node.

    Examples
    --------
    >>> import networkx as nx
    >>> net = as_network(nx.path_graph(["a", "b"]))
    >>> node_values(net, {"a": 1, "b": 0.5}, "thresholds", "example").tolist()
    [1.0, 0.5]
    """
    n = network.n_nodes
    if isinstance(values, numbers.Real) and not isinstance(values, bool):
        out = np.full(n, float(values))
    elif isinstance(values, dict):
        missing = [node for node in network.nodes if node not in values]
        if missing:
            raise InvalidNetworkError(
                f"the {name!r} of {owner} must give a value for every node; "
                f"{len(missing)} are missing, e.g. {missing[0]!r}."
            )
        out = _floats([values[node] for node in network.nodes], name, owner)
    else:
        out = _floats(values, name, owner)
        if out.shape != (n,):
            raise InvalidNetworkError(
                f"the {name!r} of {owner} must be a number or hold one value per "
                f"node ({n}); got shape {out.shape}."
            )
    if not np.all(np.isfinite(out)):
        raise InvalidNetworkError(
            f"the {name!r} of {owner} must be finite; found nan or inf."
        )
    return out
