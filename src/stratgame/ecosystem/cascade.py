"""Linear-threshold adoption cascades (Granovetter 1978; Watts 2002).

Every node has a threshold. In synchronous rounds, a node that has not yet
adopted adopts once the weight of its adopted in-neighbours reaches its
threshold: a fraction of its weighted in-degree (``absolute=False``) or a
number of neighbours (``absolute=True``). Adoption is never undone, so the
process stops at a fixed point after at most ``n`` rounds.

The engine touches only the out-neighbours of the nodes that adopted in the
previous round, so a whole cascade costs about one pass over the edges rather
than one sparse mat-vec per round.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice, check_integer, check_rng, renamed_keywords
from .network import InvalidNetworkError, Network, as_network, node_values

__all__ = [
    "CascadeResult",
    "cascade_size",
    "choose_seeds",
    "granovetter",
    "threshold_cascade",
]

#: Relative slack when comparing adopted weight with a threshold, so that
#: e.g. 3 adopted of 10 neighbours meets a threshold of 0.3 despite rounding.
_SLACK = 1e-9

SEED_METHODS = ("degree", "greedy", "random")


@dataclass(frozen=True, eq=False)
class CascadeResult:
    """The outcome of a threshold cascade.

    Attributes
    ----------
    adopted : numpy.ndarray
        Boolean, one entry per node: adopted at the fixed point.
    adoption_round : numpy.ndarray
        The round in which each node adopted: 0 for seeds, -1 for never.
    curve : numpy.ndarray
        Cumulative number of adopters after rounds ``0, 1, ..., rounds``.
    rounds : int
        Rounds in which somebody adopted (the fixed point is reached after
        them).
    nodes : tuple or range
        Node labels, in the order of the arrays.
    """

    adopted: np.ndarray
    adoption_round: np.ndarray
    curve: np.ndarray
    rounds: int
    nodes: tuple | range

    @property
    def n_adopted(self) -> int:
        """The number of adopters at the fixed point."""
        return int(self.curve[-1])

    @property
    def fraction(self) -> float:
        """The share of all nodes that adopted."""
        return self.n_adopted / max(len(self.adopted), 1)

    @property
    def adopted_nodes(self) -> frozenset:
        """The labels of the adopters."""
        return frozenset(self.nodes[i] for i in np.flatnonzero(self.adopted))

    @property
    def seeds(self) -> frozenset:
        """The labels of the nodes adopting in round 0."""
        return frozenset(
            self.nodes[i] for i in np.flatnonzero(self.adoption_round == 0)
        )

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "n_nodes": len(self.adopted),
            "n_adopted": self.n_adopted,
            "rounds": self.rounds,
            "curve": self.curve.tolist(),
        }

    def __repr__(self) -> str:
        return (
            f"CascadeResult(n_adopted={self.n_adopted} of {len(self.adopted)} "
            f"({self.fraction:.1%}), rounds={self.rounds})"
        )

    def _repr_html_(self) -> str:
        return (
            "<table><tr><th>adopters</th><th>share</th><th>rounds</th></tr>"
            f"<tr><td>{self.n_adopted} of {len(self.adopted)}</td>"
            f"<td>{self.fraction:.1%}</td><td>{self.rounds}</td></tr></table>"
            f"<p>{html.escape('curve: ' + str(self.curve.tolist()[:20]))}</p>"
        )


def _requirements(network: Network, thresholds, absolute: bool, owner: str):
    """The in-weight each node needs to adopt (inf: never adopts)."""
    theta = node_values(network, thresholds, "thresholds", owner)
    if absolute:
        need = theta.copy()
    else:
        degree = network.in_degree()
        need = theta * degree
        need[(degree == 0) & (theta > 0)] = np.inf
    need[need > 0] *= 1 - _SLACK
    return need


class _Engine:
    """Synchronous threshold rounds with direction-optimizing updates.

    Each round needs, for the nodes that have not adopted, the weight of
    their adopted in-neighbours. Following the direction-optimizing BFS of
    Beamer, Asanović and Patterson (2012), a round either *pushes* the new
    adopters' weight along their out-edges, or *pulls* it along the in-edges
    of the nodes still out, whichever touches fewer edges. Over a whole
    cascade the pushes touch every edge about once, where a mat-vec per
    round would touch every edge every round.
    """

    def __init__(self, network: Network, need: np.ndarray):
        self.need = need
        self.n = network.n_nodes
        self.inward = network.matrix
        self.outward = network.out_adjacency()
        self.unweighted = network.is_unweighted
        self.received = np.zeros(self.n)

    def _crossed(self, touched, adopted):
        """Nodes out so far whose received weight now meets their need,
        checked among ``touched`` or, when that is long, over all nodes."""
        if touched.size > self.n // 8:
            return ~adopted & (self.received >= self.need)
        touched = touched[~adopted[touched]]
        fresh = np.zeros(self.n, dtype=bool)
        fresh[touched[self.received[touched] >= self.need[touched]]] = True
        return fresh

    def _push(self, frontier, adopted):
        edges = self.outward[frontier]
        weights = None if self.unweighted else edges.data
        if edges.nnz > self.n // 8:
            self.received += np.bincount(
                edges.indices, weights=weights, minlength=self.n
            )
        else:
            np.add.at(self.received, edges.indices, 1.0 if weights is None else weights)
        return self._crossed(edges.indices, adopted)

    def _pull(self, adopted):
        rows = np.flatnonzero(~adopted)
        edges = self.inward[rows]
        hits = adopted[edges.indices]
        if self.unweighted:
            running = np.zeros(hits.size + 1, dtype=np.int64)
            np.cumsum(hits, out=running[1:])
        else:
            running = np.zeros(hits.size + 1)
            np.cumsum(np.where(hits, edges.data, 0.0), out=running[1:])
        sums = running[edges.indptr[1:]] - running[edges.indptr[:-1]]
        self.received[rows] = sums
        fresh = np.zeros(self.n, dtype=bool)
        fresh[rows[sums >= self.need[rows]]] = True
        return fresh

    def step(self, frontier, adopted, first: bool):
        """The nodes adopting this round, as a boolean mask."""
        out_ptr = self.outward.indptr
        push_cost = int((out_ptr[frontier + 1] - out_ptr[frontier]).sum())
        if first:
            # Round 1 also admits the nodes that need nothing.
            return self._push(frontier, adopted) | ((self.need <= 0) & ~adopted)
        in_ptr = self.inward.indptr
        pull_cost = int(in_ptr[-1]) - int(
            (in_ptr[1:][adopted] - in_ptr[:-1][adopted]).sum()
        )
        if push_cost <= pull_cost:
            return self._push(frontier, adopted)
        return self._pull(adopted)


def _run(network: Network, need: np.ndarray, seeds: np.ndarray, max_iter: int):
    """The synchronous rounds; returns (adoption_round, curve)."""
    engine = _Engine(network, need)
    adoption_round = np.full(network.n_nodes, -1, dtype=np.int64)
    adoption_round[seeds] = 0
    adopted = adoption_round == 0
    frontier = np.flatnonzero(adopted)
    curve = [frontier.size]
    for round_ in range(1, max_iter + 1):
        new = np.flatnonzero(engine.step(frontier, adopted, round_ == 1))
        if new.size == 0:
            break
        adopted[new] = True
        adoption_round[new] = round_
        curve.append(curve[-1] + new.size)
        frontier = new
    return adoption_round, np.asarray(curve, dtype=np.int64)


def _spread(network, need, seeds, max_iter) -> int:
    return int(_run(network, need, seeds, max_iter)[1][-1])


def cascade_size(network: Network, thresholds, seed_index) -> int:
    """The final number of adopters of a fractional-threshold cascade from
    the seeds at the given row indices (for engines that search over
    thresholds; no label lookups).

    Examples
    --------
    >>> import networkx as nx
    >>> from stratgame.ecosystem import as_network
    >>> ring = as_network(nx.cycle_graph(10))
    >>> cascade_size(ring, 0.5, [0]), cascade_size(ring, 0.6, [0])
    (10, 1)
    """
    need = _requirements(network, thresholds, False, "cascade_size")
    return _spread(network, need, np.asarray(seed_index), network.n_nodes)


def _top_degree(network: Network, k: int) -> np.ndarray:
    """The ``k`` nodes of largest weighted out-degree, ties to the lower index."""
    degree = network.out_degree()
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    if k >= degree.size:
        return np.argsort(-degree, kind="stable")
    kth = np.partition(degree, degree.size - k)[degree.size - k]
    contenders = np.flatnonzero(degree >= kth)
    order = np.argsort(-degree[contenders], kind="stable")
    return contenders[order[:k]]


def _greedy(network: Network, need, k: int, max_iter: int) -> np.ndarray:
    chosen: list[int] = []
    for _ in range(k):
        best, best_spread = -1, -1
        for v in range(network.n_nodes):
            if v in chosen:
                continue
            spread = _spread(network, need, np.array([*chosen, v]), max_iter)
            if spread > best_spread:
                best, best_spread = v, spread
        chosen.append(best)
    return np.array(chosen, dtype=np.int64)


def _seed_indices(network, need, method, k, max_iter, rng, owner):
    check_choice(method, "seeds", owner, SEED_METHODS)
    k = check_integer(k, "n_seeds", owner, low=0, high=network.n_nodes)
    if method == "random":
        return check_rng(rng).choice(network.n_nodes, size=k, replace=False)
    if method == "degree":
        return _top_degree(network, k)
    return _greedy(network, need, k, max_iter)


def choose_seeds(
    graph,
    n_seeds: int,
    method: str = "degree",
    *,
    thresholds=None,
    absolute: bool = False,
    rng=None,
) -> list:
    """Pick ``n_seeds`` initial adopters.

    Parameters
    ----------
    graph : networkx graph, sparse matrix or Network
    n_seeds : int
    method : {"degree", "random", "greedy"}
        ``"degree"``: the nodes of largest weighted out-degree (ties to the
        earlier node). ``"random"``: uniformly at random without replacement.
        ``"greedy"``: greedy influence maximization (Kempe, Kleinberg and
        Tardos 2003): add, one at a time, the node whose addition makes the
        cascade under ``thresholds`` largest. It runs ``n_seeds * n`` full
        cascades, so keep it to graphs of a few thousand nodes; with fixed
        thresholds the spread need not be submodular, so the ``1 - 1/e``
        guarantee of Kempe et al. (random thresholds) does not apply.
    thresholds : float, sequence or dict, optional
        Needed by ``"greedy"`` only.
    absolute : bool
        Whether ``thresholds`` count neighbours rather than fractions.
    rng : None, int or numpy.random.Generator
        Used by ``"random"``.

    Returns
    -------
    list
        Node labels.

    Examples
    --------
    A triangle beside a path of five, everyone needing half of their
    neighbours: the best-connected pair sits in the triangle and reaches 3,
    greedy takes one node of each part and reaches all 8.

    >>> import networkx as nx
    >>> g = nx.disjoint_union(nx.complete_graph(3), nx.path_graph(5))
    >>> choose_seeds(g, 2)
    [0, 1]
    >>> choose_seeds(g, 2, "greedy", thresholds=0.5)
    [3, 0]
    >>> threshold_cascade(g, 0.5, seeds=[3, 0]).n_adopted
    8
    """
    network = as_network(graph)
    owner = "choose_seeds"
    if method == "greedy" and thresholds is None:
        raise InvalidNetworkError(
            "greedy seed selection needs the thresholds of the cascade it "
            "maximizes; pass thresholds=..."
        )
    need = (
        None
        if thresholds is None
        else _requirements(network, thresholds, absolute, owner)
    )
    index = _seed_indices(network, need, method, n_seeds, network.n_nodes, rng, owner)
    return [network.nodes[i] for i in index]


@renamed_keywords(max_rounds="max_iter")
def threshold_cascade(
    graph,
    thresholds,
    seeds=None,
    *,
    n_seeds: int | None = None,
    absolute: bool = False,
    max_iter: int | None = None,
    rng=None,
) -> CascadeResult:
    """Run a linear-threshold cascade to its fixed point.

    The model of Granovetter (1978) on a network (Watts 2002): node ``i``
    adopts in round ``r`` when the weight of its in-neighbours that had
    adopted by round ``r - 1`` is at least ``thresholds[i] * in_degree[i]``
    (or ``thresholds[i]`` when ``absolute``). Nodes with threshold 0 adopt in
    round 1 by themselves; with fractional thresholds a node without
    in-neighbours and a positive threshold never adopts. Adoption is
    irreversible and all nodes update at once.

    Parameters
    ----------
    graph : networkx graph, sparse matrix or Network
        Converted by :func:`as_network`; node ``i`` listens to its
        in-neighbours (both ends of an undirected edge listen to each other).
    thresholds : float, sequence or dict
        One threshold for all nodes, one per node in node order, or a dict by
        node label.
    seeds : sequence of node labels or {"degree", "random", "greedy"}, optional
        The round-0 adopters, or a rule choosing ``n_seeds`` of them (see
        :func:`choose_seeds`; ``"greedy"`` is for small graphs only).
    n_seeds : int, optional
        How many seeds a rule chooses.
    absolute : bool
        Thresholds count (weighted) neighbours instead of fractions.
    max_iter : int, optional
        Stop after this many rounds; default: run to the fixed point.
    rng : None, int or numpy.random.Generator
        For ``seeds="random"``.

    Returns
    -------
    CascadeResult

    Raises
    ------
    InvalidNetworkError
        When a seed is not a node, or thresholds do not fit the nodes.

    Examples
    --------
    A ring where every node needs half of its two neighbours: one seed
    converts everybody, one step further out each round.

    >>> import networkx as nx
    >>> res = threshold_cascade(nx.cycle_graph(10), 0.5, seeds=[0])
    >>> res.n_adopted, res.rounds, res.curve.tolist()
    (10, 5, [1, 3, 5, 7, 9, 10])
    """
    owner = "threshold_cascade"
    network = as_network(graph)
    need = _requirements(network, thresholds, absolute, owner)
    limit = network.n_nodes if max_iter is None else max_iter
    limit = check_integer(limit, "max_iter", owner, low=0)
    if isinstance(seeds, str):
        if n_seeds is None:
            raise InvalidNetworkError(
                f"seeds={seeds!r} chooses seeds by a rule; say how many with "
                "n_seeds=..."
            )
        index = _seed_indices(network, need, seeds, n_seeds, limit, rng, owner)
    elif n_seeds is not None:
        raise InvalidNetworkError(
            "n_seeds goes with a seed rule (seeds='degree', 'random' or 'greedy'); "
            f"got explicit seeds {seeds!r} and n_seeds={n_seeds!r}."
        )
    elif seeds is None:
        index = np.zeros(0, dtype=np.int64)
    else:
        index = network.index_of(
            seeds if isinstance(seeds, np.ndarray) else list(seeds)
        )
    adoption_round, curve = _run(network, need, np.asarray(index), limit)
    return CascadeResult(
        adopted=adoption_round >= 0,
        adoption_round=adoption_round,
        curve=curve,
        rounds=curve.size - 1,
        nodes=network.nodes,
    )


def granovetter(thresholds, *, fractional: bool = False) -> CascadeResult:
    """Granovetter's (1978) all-to-all threshold model of collective action.

    Person ``i`` joins once the number of people who have already joined is
    at least ``thresholds[i]`` (a share of the whole group when
    ``fractional``). Everybody watches everybody, so only the sorted
    thresholds matter: after round ``r`` the number joined is
    ``#{i : thresholds[i] <= joined after round r - 1}``.

    Parameters
    ----------
    thresholds : sequence of float
    fractional : bool
        Thresholds are shares of the group size in ``[0, 1]``.

    Returns
    -------
    CascadeResult
        Nodes are ``0..n-1`` in the order of ``thresholds``.

    Examples
    --------
    Granovetter's riot: thresholds 0, 1, ..., 99 draw in all hundred people;
    raise the threshold-1 person to 2 and only the instigator acts.

    >>> granovetter(range(100)).n_adopted
    100
    >>> granovetter([0, 2, *range(2, 100)]).n_adopted
    1
    """
    theta = np.asarray(list(thresholds), dtype=float)
    if theta.ndim != 1 or not np.all(np.isfinite(theta)):
        raise InvalidNetworkError(
            "granovetter needs a one-dimensional sequence of finite thresholds; "
            f"got {thresholds!r}."
        )
    n = theta.size
    if fractional:
        theta = theta * n * (1 - _SLACK)
    ordered = np.sort(theta)
    curve = [0]
    while True:
        joined = int(np.searchsorted(ordered, curve[-1], side="right"))
        if joined == curve[-1]:
            break
        curve.append(joined)
    # Person i joins the round after the count first reaches its threshold.
    adoption_round = np.searchsorted(curve, theta, side="left") + 1
    adoption_round[theta > curve[-1]] = -1
    return CascadeResult(
        adopted=adoption_round >= 0,
        adoption_round=adoption_round,
        curve=np.asarray(curve, dtype=np.int64),
        rounds=len(curve) - 1,
        nodes=range(n),
    )
