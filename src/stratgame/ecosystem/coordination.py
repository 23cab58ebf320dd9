"""Network coordination games: competing technologies on a graph.

Every node uses one of ``k`` technologies and plays a coordination game with
each in-neighbour (Morris 2000; Kandori, Mailath and Rob 1993; Young 1993;
Blume 1993). With payoff matrix ``M`` (``M[a, b]``: what a node using ``a``
gets per unit of edge weight from a neighbour using ``b``), node ``i``'s
utility for technology ``a`` is

``U_i(a) = sum_j w_ij M[a, s_j] / d_i + intrinsic[i, a] - c [a != s_i]``

where ``d_i`` is ``i``'s weighted in-degree (``normalize=True``, Morris's
convention of neighbour *shares*; ``normalize=False`` sums instead),
``intrinsic`` holds stand-alone values (quality minus price) and ``c`` is a
switching cost paid to leave the current technology.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from .._validation import (
    check_choice,
    check_integer,
    check_real,
    check_rng,
    renamed_keywords,
)
from .cascade import cascade_size
from .network import InvalidNetworkError, Network, as_network

__all__ = [
    "CoordinationResult",
    "adoption_threshold",
    "contagion_threshold",
    "coordination_dynamics",
]

RULES = ("best_response", "logit", "mistakes")


@dataclass(frozen=True, eq=False)
class CoordinationResult:
    """The path of a network coordination dynamic.

    Attributes
    ----------
    states : numpy.ndarray
        The technology index of every node at the end.
    history : numpy.ndarray
        Shape ``(rounds + 1, k)``: the share of nodes on each technology
        before the first round and after each round.
    rounds : int
        Rounds played.
    converged : bool
        True when at the end no node can gain by switching: the final
        profile is a pure Nash equilibrium of the network game.
    technologies : tuple of str
        Technology labels.
    nodes : tuple or range
        Node labels, in the order of ``states``.
    """

    states: np.ndarray
    history: np.ndarray
    rounds: int
    converged: bool
    technologies: tuple
    nodes: tuple | range

    @property
    def shares(self) -> np.ndarray:
        """The final share of each technology."""
        return self.history[-1]

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "technologies": list(self.technologies),
            "shares": self.shares.tolist(),
            "rounds": self.rounds,
            "converged": self.converged,
        }

    def __repr__(self) -> str:
        shares = ", ".join(
            f"{t}: {s:.3f}" for t, s in zip(self.technologies, self.shares, strict=True)
        )
        return (
            f"CoordinationResult(shares={{{shares}}}, rounds={self.rounds}, "
            f"converged={self.converged})"
        )

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{html.escape(str(t))}</td><td>{s:.3f}</td></tr>"
            for t, s in zip(self.technologies, self.shares, strict=True)
        )
        return (
            f"<table><tr><th>technology</th><th>share</th></tr>{cells}</table>"
            f"<p>rounds={self.rounds}, converged={self.converged}</p>"
        )


def _payoff_matrix(payoffs, owner: str) -> np.ndarray:
    matrix = np.asarray(payoffs, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 2:
        raise InvalidNetworkError(
            f"the payoffs of {owner} must be a square k x k matrix with k >= 2 "
            f"(row: own technology, column: neighbour's); got shape {matrix.shape}."
        )
    if not np.all(np.isfinite(matrix)):
        raise InvalidNetworkError(f"the payoffs of {owner} must be finite.")
    return matrix


def adoption_threshold(payoffs) -> float:
    """The share of neighbours on technology 0 at which technology 0 becomes a
    best response in a 2 x 2 coordination game (Morris 2000, section 2).

    For ``M = [[a, c], [d, b]]`` with ``a > d`` and ``b > c`` this is
    ``q = (b - c) / ((a - d) + (b - c))``; technology 0 is risk dominant
    (Harsanyi and Selten 1988) exactly when ``q < 1/2``.

    Examples
    --------
    >>> adoption_threshold([[3, 0], [0, 2]])
    0.4
    """
    matrix = _payoff_matrix(payoffs, "adoption_threshold")
    if matrix.shape != (2, 2):
        raise InvalidNetworkError(
            f"adoption_threshold needs a 2 x 2 matrix; got shape {matrix.shape}."
        )
    gain_0 = matrix[0, 0] - matrix[1, 0]
    gain_1 = matrix[1, 1] - matrix[0, 1]
    if gain_0 <= 0 or gain_1 <= 0:
        raise InvalidNetworkError(
            "adoption_threshold needs a coordination game: each technology must be "
            f"the best reply to itself; got {matrix.tolist()}."
        )
    return float(gain_1 / (gain_0 + gain_1))


def _initial_states(network: Network, initial, k: int, owner: str) -> np.ndarray:
    message = (
        f"the initial states of {owner} must be a technology index, one per node "
        f"({network.n_nodes}) or a dict of indices by node; got {initial!r}."
    )
    if isinstance(initial, dict):
        values = np.asarray(list(initial.values()))
        if values.size and values.dtype.kind not in "iu":
            raise InvalidNetworkError(message)
        states = np.zeros(network.n_nodes, dtype=np.int64)
        states[network.index_of(list(initial))] = values
    else:
        states = np.asarray(initial)
        if states.ndim == 0:
            states = np.full(network.n_nodes, states)
        if states.shape != (network.n_nodes,) or states.dtype.kind not in "iu":
            raise InvalidNetworkError(message)
        states = states.astype(np.int64)
    if states.size and (states.min() < 0 or states.max() >= k):
        raise InvalidNetworkError(
            f"technology indices in {owner} must lie in 0..{k - 1}; got "
            f"{int(states.min())}..{int(states.max())}."
        )
    return states


def _intrinsic(network: Network, intrinsic, k: int, owner: str) -> np.ndarray:
    if intrinsic is None:
        return np.zeros((1, k))
    values = np.asarray(intrinsic, dtype=float)
    if values.shape == (k,):
        values = values[None, :]
    if values.shape not in ((1, k), (network.n_nodes, k)) or not np.all(
        np.isfinite(values)
    ):
        raise InvalidNetworkError(
            f"intrinsic values in {owner} must be finite with shape ({k},) or "
            f"({network.n_nodes}, {k}); got shape {values.shape}."
        )
    return values


class _Utilities:
    """Utility of every technology for every node, given the current states."""

    def __init__(self, network, matrix, intrinsic, cost, normalize):
        self.adjacency = network.matrix
        self.matrix = matrix
        self.intrinsic = intrinsic
        self.cost = cost
        degree = network.in_degree()
        self.scale = np.where(degree > 0, 1 / np.where(degree > 0, degree, 1), 0.0)
        self.normalize = normalize
        self.k = matrix.shape[0]

    def __call__(self, states):
        onehot = np.zeros((states.size, self.k))
        onehot[np.arange(states.size), states] = 1.0
        counts = self.adjacency @ onehot
        if self.normalize:
            counts *= self.scale[:, None]
        utility = counts @ self.matrix.T + self.intrinsic
        if self.cost:
            utility -= self.cost
            utility[np.arange(states.size), states] += self.cost
        return utility


def _best_responses(utility, states):
    """Argmax per row, keeping the current technology when it ties the best."""
    best = utility.argmax(axis=1)
    current = utility[np.arange(states.size), states]
    top = utility[np.arange(states.size), best]
    keep = current >= top - 1e-12 * np.maximum(1.0, np.abs(top))
    return np.where(keep, states, best), keep


@renamed_keywords(beta="intensity", rounds="max_iter")
def coordination_dynamics(
    graph,
    payoffs,
    initial,
    *,
    rule: str = "best_response",
    intensity: float = 1.0,
    epsilon: float = 0.0,
    switching_cost: float = 0.0,
    intrinsic=None,
    normalize: bool = True,
    revision_rate: float = 1.0,
    max_iter: int = 100,
    technologies=None,
    rng=None,
) -> CoordinationResult:
    """Simulate technology choice on a network coordination game.

    In every round each node independently gets a revision opportunity with
    probability ``revision_rate`` (1: all nodes at once) and chooses by
    ``rule``:

    * ``"best_response"``: a utility-maximizing technology, keeping the
      current one on ties (Morris 2000). The run stops early once nobody
      can gain by switching.
    * ``"logit"``: technology ``a`` with probability proportional to
      ``exp(intensity * U(a))`` (Blume 1993); as ``intensity`` grows the long run
      concentrates on the risk-dominant convention (Young 1998).
    * ``"mistakes"``: a best response with probability ``1 - epsilon``,
      otherwise a uniformly random technology (Kandori, Mailath and Rob
      1993; Young 1993).

    Parameters
    ----------
    graph : networkx graph, sparse matrix or Network
    payoffs : array_like, shape (k, k)
        ``payoffs[a, b]``: per-neighbour payoff of using ``a`` against ``b``.
    initial : int, sequence of int or dict
        Starting technology: one for all, one per node, or a dict by node
        label (nodes not listed start on technology 0).
    rule : {"best_response", "logit", "mistakes"}
    intensity : float
        Logit precision (``rule="logit"``).
    epsilon : float
        Mistake probability (``rule="mistakes"``).
    switching_cost : float
        Subtracted from every technology other than the node's current one.
    intrinsic : array_like, shape (k,) or (n, k), optional
        Stand-alone value of each technology (for everyone, or per node).
    normalize : bool
        Weigh neighbours by their share of the node's in-degree.
    revision_rate : float
        Probability that a node revises in a round, in (0, 1].
    max_iter : int
        Maximum number of rounds.
    technologies : sequence of str, optional
        Labels, default ``"T0", "T1", ...``.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    CoordinationResult

    Examples
    --------
    Morris's ring: a technology needing 40% of neighbours spreads from two
    adjacent users to the whole ring.

    >>> import networkx as nx
    >>> res = coordination_dynamics(nx.cycle_graph(20), [[3, 0], [0, 2]],
    ...                             {0: 0, 1: 0} | {i: 1 for i in range(2, 20)})
    >>> res.shares.tolist(), res.converged
    ([1.0, 0.0], True)
    """
    owner = "coordination_dynamics"
    network = as_network(graph)
    matrix = _payoff_matrix(payoffs, owner)
    k = matrix.shape[0]
    check_choice(rule, "rule", owner, RULES)
    intensity = check_real(intensity, "intensity", owner, low=0)
    epsilon = check_real(epsilon, "epsilon", owner, low=0, high=1)
    cost = check_real(switching_cost, "switching_cost", owner, low=0)
    rate = check_real(
        revision_rate, "revision_rate", owner, low=0, low_open=True, high=1
    )
    max_iter = check_integer(max_iter, "max_iter", owner, low=0)
    labels = (
        tuple(f"T{a}" for a in range(k))
        if technologies is None
        else tuple(technologies)
    )
    if len(labels) != k:
        raise InvalidNetworkError(
            f"{owner} got {len(labels)} technology labels for a {k} x {k} game."
        )
    gen = check_rng(rng)
    states = _initial_states(network, initial, k, owner)
    utilities = _Utilities(
        network, matrix, _intrinsic(network, intrinsic, k, owner), cost, normalize
    )
    n = network.n_nodes
    history = [np.bincount(states, minlength=k) / max(n, 1)]
    played = 0
    for _ in range(max_iter):
        utility = utilities(states)
        best, content = _best_responses(utility, states)
        if rule == "best_response" and content.all():
            break
        if rule == "logit":
            z = intensity * (utility - utility.max(axis=1, keepdims=True))
            prob = np.exp(z)
            prob /= prob.sum(axis=1, keepdims=True)
            draw = gen.random(n)[:, None]
            choice = (prob.cumsum(axis=1) < draw).sum(axis=1)
            choice = np.minimum(choice, k - 1)
        elif rule == "mistakes":
            choice = np.where(gen.random(n) < epsilon, gen.integers(k, size=n), best)
        else:
            choice = best
        revise = gen.random(n) < rate if rate < 1 else np.ones(n, dtype=bool)
        states = np.where(revise, choice, states)
        history.append(np.bincount(states, minlength=k) / max(n, 1))
        played += 1
    _, content = _best_responses(utilities(states), states)
    return CoordinationResult(
        states=states,
        history=np.array(history),
        rounds=played,
        converged=bool(content.all()),
        technologies=labels,
        nodes=network.nodes,
    )


def _ball(network: Network, centre: int, radius: int) -> np.ndarray:
    """The nodes within ``radius`` steps of ``centre`` along out-edges."""
    out = network.out_adjacency()
    inside = np.zeros(network.n_nodes, dtype=bool)
    inside[centre] = True
    frontier = np.array([centre])
    for _ in range(radius):
        reached = out[frontier].indices
        reached = reached[~inside[reached]]
        if reached.size == 0:
            break
        frontier = np.unique(reached)
        inside[frontier] = True
    return np.flatnonzero(inside)


def _critical_levels(network: Network) -> np.ndarray:
    """Every share ``j / d`` a node of an unweighted network can observe."""
    degrees = np.unique(network.in_degree().astype(np.int64))
    levels = [np.arange(1, d + 1) / d for d in degrees if d > 0]
    return np.unique(np.concatenate(levels)) if levels else np.zeros(0)


def contagion_threshold(
    graph,
    *,
    radius: int = 1,
    coverage: float = 1.0,
    n_trials: int | None = 200,
    rng=None,
) -> float:
    """Estimate Morris's (2000) contagion threshold of a network by simulation.

    The contagion threshold is the largest ``q`` such that a technology which
    a node adopts once a share ``q`` of its neighbours use it spreads from a
    small group to everyone. Morris shows that the irreversible
    (threshold-cascade) version of best-response dynamics has the same
    threshold, so each trial runs a threshold cascade from a seed ball
    (a node and everyone within ``radius`` steps) and finds the largest
    ``q`` reaching ``coverage`` of the nodes: exactly, over the shares
    ``j / d`` the nodes can observe, for unweighted graphs; by bisection to
    ``1e-9`` for weighted ones. The estimate is the best over the trials.
    Seed balls holding more than half of the nodes are skipped: the notion
    concerns spreading from a *small* group (Morris's finite group in an
    infinite network), so on dense graphs use ``radius=0``.

    Parameters
    ----------
    graph : networkx graph, sparse matrix or Network
    radius : int
        Radius of the seed balls.
    coverage : float
        Share of nodes that must adopt, in (0, 1].
    n_trials : int or None
        Seed balls tried, around distinct random centres; None tries every
        node.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    float
        0.0 when no tried seed ball reaches ``coverage`` at any positive
        ``q``.

    Examples
    --------
    On a ring the threshold is 1/2 (Morris 2000, section 3).

    >>> import networkx as nx
    >>> contagion_threshold(nx.cycle_graph(30))
    0.5
    """
    owner = "contagion_threshold"
    network = as_network(graph)
    radius = check_integer(radius, "radius", owner, low=0)
    coverage = check_real(coverage, "coverage", owner, low=0, low_open=True, high=1)
    n = network.n_nodes
    if n == 0:
        raise InvalidNetworkError(f"{owner} needs a network with at least one node.")
    if n_trials is not None:
        n_trials = check_integer(n_trials, "n_trials", owner, low=1)
    if n_trials is None or n_trials >= n:
        centres = np.arange(n)
    else:
        centres = check_rng(rng).choice(n, size=n_trials, replace=False)
    target = int(np.ceil(coverage * n - 1e-9))
    levels = _critical_levels(network) if network.is_unweighted else None
    best = 0.0
    for centre in centres:
        seeds = _ball(network, int(centre), radius)
        if 2 * seeds.size > n:
            continue

        def spreads(q, seeds=seeds):
            return cascade_size(network, q, seeds) >= target

        if levels is not None:
            candidates = levels[levels > best]
            low, high = 0, candidates.size  # spreads at candidates[:low]
            while low < high:
                mid = (low + high) // 2
                if spreads(candidates[mid]):
                    low = mid + 1
                else:
                    high = mid
            if low:
                best = float(candidates[low - 1])
        elif spreads(max(best, 1e-12)):
            low, high = max(best, 1e-12), 1.0  # spreads at low
            if spreads(high):
                low = high
            while high - low > 1e-9:
                mid = (low + high) / 2
                low, high = (mid, high) if spreads(mid) else (low, mid)
            best = low
    return best
