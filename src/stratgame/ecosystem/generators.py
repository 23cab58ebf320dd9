"""Network generators: the usual families through networkx, and a fast
vectorized Barabási–Albert generator for graphs of millions of nodes.

The networkx wrappers only add stratgame's ``rng`` convention and parameter
checks. :func:`barabasi_albert_network` returns a :class:`Network` (CSR)
directly, without building a networkx graph.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .._validation import check_integer, check_real, check_rng
from .network import InvalidNetworkError, Network

__all__ = [
    "barabasi_albert",
    "barabasi_albert_network",
    "erdos_renyi",
    "lattice",
    "regional_blocks",
    "watts_strogatz",
]


def _seed(rng) -> int:
    """An int seed for networkx drawn from stratgame's ``rng`` argument."""
    return int(check_rng(rng).integers(2**63 - 1))


def erdos_renyi(n: int, p: float, *, directed: bool = False, rng=None):
    """Erdős–Rényi graph G(n, p): each possible edge present with probability p.

    Examples
    --------
    >>> erdos_renyi(50, 0.1, rng=1).number_of_nodes()
    50
    """
    import networkx as nx

    n = check_integer(n, "n", "erdos_renyi", low=0)
    p = check_real(p, "p", "erdos_renyi", low=0, high=1)
    return nx.fast_gnp_random_graph(n, p, seed=_seed(rng), directed=directed)


def barabasi_albert(n: int, m: int, *, rng=None):
    """Barabási–Albert preferential-attachment graph through networkx.

    For large ``n`` prefer :func:`barabasi_albert_network`, which draws the
    same random graph model about a hundred times faster.

    Examples
    --------
    >>> barabasi_albert(100, 2, rng=1).number_of_edges()
    196
    """
    import networkx as nx

    m = check_integer(m, "m", "barabasi_albert", low=1)
    n = check_integer(n, "n", "barabasi_albert", low=m + 1)
    return nx.barabasi_albert_graph(n, m, seed=_seed(rng))


def watts_strogatz(n: int, k: int, p: float, *, rng=None):
    """Watts–Strogatz small world: a ring where each node links to its ``k``
    nearest neighbours, each edge rewired with probability ``p``; kept
    connected (networkx's ``connected_watts_strogatz_graph``).

    Examples
    --------
    >>> watts_strogatz(30, 4, 0.1, rng=2).number_of_edges()
    60
    """
    import networkx as nx

    n = check_integer(n, "n", "watts_strogatz", low=3)
    k = check_integer(k, "k", "watts_strogatz", low=2, high=n - 1)
    if k % 2:
        raise InvalidNetworkError(
            f"watts_strogatz links each node to k/2 neighbours on each side, so k "
            f"must be even; got k={k} (networkx would silently use k={k - 1})."
        )
    p = check_real(p, "p", "watts_strogatz", low=0, high=1)
    return nx.connected_watts_strogatz_graph(n, k, p, seed=_seed(rng))


def lattice(*dims: int, periodic: bool = False):
    """A grid graph with the given side lengths (a ring for one periodic side).

    Examples
    --------
    >>> lattice(10, periodic=True).number_of_edges()
    10
    >>> lattice(3, 4).number_of_nodes()
    12
    """
    import networkx as nx

    if not dims:
        raise InvalidNetworkError("lattice needs at least one side length.")
    sides = [check_integer(d, "dims", "lattice", low=1) for d in dims]
    if len(sides) == 1 and periodic:
        return nx.cycle_graph(sides[0])
    return nx.grid_graph(dim=sides[::-1], periodic=periodic)


def regional_blocks(sizes, p_within: float, p_between: float, *, rng=None):
    """A stochastic block model for regions: dense links inside a region,
    sparse links across (Holland, Laskey and Leinhardt 1983).

    Each node carries a ``"region"`` attribute (the block index).

    Examples
    --------
    >>> g = regional_blocks([20, 30], 0.3, 0.01, rng=0)
    >>> g.number_of_nodes(), g.nodes[25]["region"]
    (50, 1)
    """
    import networkx as nx

    if isinstance(sizes, str) or not isinstance(sizes, Sequence | np.ndarray):
        raise InvalidNetworkError(
            f"regional_blocks needs a sequence of region sizes; got {sizes!r}."
        )
    sizes = [check_integer(s, "sizes", "regional_blocks", low=1) for s in sizes]
    p_in = check_real(p_within, "p_within", "regional_blocks", low=0, high=1)
    p_out = check_real(p_between, "p_between", "regional_blocks", low=0, high=1)
    k = len(sizes)
    probs = [[p_in if a == b else p_out for b in range(k)] for a in range(k)]
    graph = nx.stochastic_block_model(sizes, probs, seed=_seed(rng))
    for _, data in graph.nodes(data=True):
        data["region"] = data.pop("block")
    return graph


def _new_node_of_edge(edge: np.ndarray, m: int) -> np.ndarray:
    """The node at the even endpoint of each edge: the star's leaf ``e + 1``
    for the first ``m`` edges, then the node that brought the edge."""
    return np.where(edge < m, edge + 1, m + 1 + (edge - m) // m)


def _resolve_targets(draw: np.ndarray, m: int) -> np.ndarray:
    """The target node of every edge, given each target slot's drawn position
    in the endpoint list.

    Position ``2e`` holds edge ``e``'s new node, known at once; position
    ``2e + 1`` holds edge ``e``'s own target, which is followed by pointer
    doubling, each pass only over the slots still unresolved.
    """
    n_edges = draw.size
    value = np.zeros(n_edges, dtype=draw.dtype)
    parent = np.full(n_edges, -1, dtype=draw.dtype)
    tail = draw[m:]
    odd = (tail & 1).astype(bool)
    value[m:][~odd] = _new_node_of_edge(tail[~odd] >> 1, m)
    parent[m:][odd] = tail[odd] >> 1  # star targets (edge < m) hold node 0
    active = np.flatnonzero(parent >= 0)
    is_star = parent[active] < m
    value[active[is_star]] = 0
    parent[active[is_star]] = -1
    active = active[~is_star]
    while active.size:
        up = parent[active]
        up_parent = parent[up]
        done = up_parent < 0
        finished = active[done]
        value[finished] = value[up[done]]
        parent[active[~done]] = up_parent[~done]
        parent[finished] = -1
        active = active[~done]
    return value


def _redraw_duplicates(targets, draw, m, bound, rng, streams) -> bool:
    """One pass of the rejection step over the nodes that need it, in arrival
    order; returns whether any slot's draw changed.

    A node's ``m`` targets must be distinct. Slot ``s`` uses the first draw of
    its own stream whose target differs from the targets of the node's earlier
    slots, exactly as sequential rejection sampling would. Targets are found
    by following the current draws, so redraws earlier in the pass are seen.
    """
    grouped = np.sort(targets[m:].reshape(-1, m), axis=1)
    has_dup = np.flatnonzero((grouped[:, 1:] == grouped[:, :-1]).any(axis=1))
    touched = {int(row) + 1 for row in has_dup}
    touched.update(slot // m for slot in streams)

    def target_at(position: int) -> int:
        while position & 1 and (position >> 1) >= m:
            position = int(draw[position >> 1])
        if position & 1:
            return 0  # a star edge's centre
        return int(_new_node_of_edge(np.int64(position >> 1), m))

    changed = False
    for group in sorted(touched):
        chosen: list[int] = []
        for slot in range(group * m, group * m + m):
            stream = streams.setdefault(slot, [int(draw[slot])])
            k = 0
            while True:
                if k == len(stream):
                    stream.append(int(rng.integers(bound[slot])))
                target = target_at(stream[k])
                if target not in chosen:
                    break
                k += 1
            chosen.append(target)
            if draw[slot] != stream[k]:
                draw[slot] = stream[k]
                changed = True
    return changed


def barabasi_albert_network(n: int, m: int, *, rng=None) -> Network:
    """A Barabási–Albert graph drawn by a vectorized preferential-attachment
    process, returned as an undirected :class:`Network`.

    The process is networkx's ``barabasi_albert_graph`` (Barabási and Albert
    1999): start from a star on ``m + 1`` nodes; each new node links to ``m``
    distinct earlier nodes, chosen with probability proportional to degree by
    drawing from the list of all edge endpoints and rejecting repeats. The
    list trick is vectorized as in Batagelj and Brandes (2005, "Efficient
    generation of large random networks"): every target slot draws a uniform
    position in the endpoint list as it stood when its node arrived; a
    position holding another target slot is resolved by pointer doubling.
    Repeated targets of one node are then redrawn from each slot's own stream
    of draws until a fixed point, which gives exactly the law of the
    sequential rejection sampler. The graph has ``m * (n - m)`` edges, no
    loops and no parallel edges; its degree distribution has the power-law
    tail ``P(k) ~ k^-3``.

    Parameters
    ----------
    n : int
        Number of nodes, at least ``m + 1``.
    m : int
        Edges each new node brings, at least 1.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    Network

    Examples
    --------
    >>> net = barabasi_albert_network(1000, 3, rng=0)
    >>> net.n_nodes, net.n_edges
    (1000, 2991)
    """
    m = check_integer(m, "m", "barabasi_albert_network", low=1)
    n = check_integer(n, "n", "barabasi_albert_network", low=m + 1)
    gen = check_rng(rng)
    n_edges = m * (n - m)
    dtype = np.int32 if 2 * n_edges < 2**31 else np.int64
    edge = np.arange(n_edges, dtype=dtype)
    sources = _new_node_of_edge(edge, m)
    # The slot of edge e >= m draws from the 2 m (t - m) endpoint positions
    # that existed when its node t arrived.
    bound = np.zeros(n_edges, dtype=dtype)
    bound[m:] = 2 * m * (sources[m:] - m)
    draw = np.zeros(n_edges, dtype=dtype)
    draw[m:] = gen.integers(bound[m:], dtype=dtype)
    streams: dict[int, list[int]] = {}
    while True:
        targets = _resolve_targets(draw, m)
        if not _redraw_duplicates(targets, draw, m, bound, gen, streams):
            break
    rows = np.concatenate([sources, targets])
    cols = np.concatenate([targets, sources])
    data = np.ones(rows.size, dtype=np.float64)
    matrix = sp.csr_array((data, (rows, cols)), shape=(n, n))
    return Network(matrix, range(n), directed=False)
