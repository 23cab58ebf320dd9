"""Finite Markov chains: stationary and long-run distributions, expected
hitting times and sample paths.

The one home of this mathematics: the finite-population processes of
:mod:`stratgame.dynamics` and the chains induced by stationary strategies of
a :class:`~stratgame.games.StochasticGame` both use it.
"""

from __future__ import annotations

import numpy as np

from ..exceptions import InvalidParameterError

__all__ = [
    "closed_classes",
    "hitting_times",
    "long_run_distribution",
    "sample_path",
    "stationary_vector",
]


def closed_classes(P: np.ndarray) -> list[np.ndarray]:
    """The closed communicating classes of a chain: strongly connected sets
    of states that no transition leaves.

    Examples
    --------
    >>> [c.tolist() for c in closed_classes(np.array([[0.5, 0.5, 0], [0, 1, 0], [0, 0, 1]]))]
    [[1], [2]]
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n_classes, labels = connected_components(
        csr_matrix(P > 0), directed=True, connection="strong"
    )
    leaves = np.zeros(n_classes, dtype=bool)
    rows, cols = np.nonzero(P > 0)
    leaves[labels[rows][labels[rows] != labels[cols]]] = True
    return [np.flatnonzero(labels == c) for c in range(n_classes) if not leaves[c]]


def _gth(P: np.ndarray) -> np.ndarray:
    """Grassmann–Taksar–Heyman state reduction for an irreducible chain."""
    m = P.shape[0]
    for k in range(m - 1, 0, -1):
        leaving = P[k, :k].sum()
        P[:k, k] /= leaving
        P[:k, :k] += np.outer(P[:k, k], P[k, :k])
    pi = np.zeros(m)
    pi[0] = 1.0
    for k in range(1, m):
        pi[k] = pi[:k].dot(P[:k, k])
    return pi / pi.sum()


def stationary_vector(transition: np.ndarray, *, hint: str = "") -> np.ndarray:
    """The unique stationary distribution of a row-stochastic matrix.

    Uses the Grassmann–Taksar–Heyman state reduction (Grassmann, Taksar &
    Heyman 1985, *Operations Research* 33: 1107–1116), which subtracts
    nothing and so stays accurate when transition probabilities span many
    orders of magnitude (rare mutations, strong selection). The diagonal is
    never used. Cost ``O(m^3 / 3)`` for ``m`` states.

    A reducible chain with a single closed class (for instance when strong
    selection makes one fixation probability underflow to zero) has a unique
    stationary distribution too: it lives on that class.

    Parameters
    ----------
    transition : numpy.ndarray
        Row-stochastic ``(m, m)`` matrix.
    hint : str
        What the caller can do when the distribution is not unique, added to
        the error message.

    Raises
    ------
    InvalidParameterError
        If the chain has several closed classes, so that no unique stationary
        distribution exists.

    Examples
    --------
    >>> stationary_vector(np.array([[0.5, 0.5], [0.25, 0.75]]))
    array([0.33333333, 0.66666667])
    >>> stationary_vector(np.array([[1.0, 0.0], [0.5, 0.5]]))
    array([1., 0.])
    """
    P = np.array(transition, dtype=np.float64)
    closed = closed_classes(P)
    if len(closed) != 1:
        advice = f" ({hint})" if hint else ""
        raise InvalidParameterError(
            f"the Markov chain has {len(closed)} closed classes of states, so its "
            f"stationary distribution is not unique{advice}."
        )
    states = closed[0]
    pi = np.zeros(P.shape[0])
    pi[states] = _gth(P[np.ix_(states, states)])
    return pi


def long_run_distribution(transition: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The long-run (Cesàro-average) distribution of the states from the
    initial distribution ``start``: each closed class's stationary
    distribution weighted by the probability of being absorbed in it
    (Kemeny & Snell 1960, *Finite Markov Chains*, Ch. III).

    Equals :func:`stationary_vector` when the chain has a single closed class.

    Examples
    --------
    >>> P = np.array([[0.5, 0.25, 0.25], [0, 1, 0], [0, 0, 1]])
    >>> long_run_distribution(P, np.array([1.0, 0, 0]))
    array([0. , 0.5, 0.5])
    """
    P = np.asarray(transition, dtype=np.float64)
    start = np.asarray(start, dtype=np.float64)
    closed = closed_classes(P)
    if len(closed) == 1:
        return stationary_vector(P)
    n = P.shape[0]
    recurrent = np.zeros(n, dtype=bool)
    for members in closed:
        recurrent[members] = True
    transient = np.flatnonzero(~recurrent)
    out = np.zeros(n)
    for members in closed:
        reach = np.zeros(n)
        reach[members] = 1.0
        if transient.size:
            Q = P[np.ix_(transient, transient)]
            into = P[np.ix_(transient, members)].sum(axis=1)
            reach[transient] = np.linalg.solve(np.eye(transient.size) - Q, into)
        out[members] = start.dot(reach) * _gth(P[np.ix_(members, members)].copy())
    return out


def hitting_times(transition: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Expected number of steps until the chain first enters the set
    ``target``, from every state (0 on the target; ``inf`` where the chain
    may never get there).

    Solves ``(I - Q) h = 1`` on the states that reach the target with
    probability one, ``Q`` the chain restricted to the states outside it
    (Kemeny & Snell 1960, Theorem 3.3.5).

    Parameters
    ----------
    transition : numpy.ndarray
        Row-stochastic ``(m, m)`` matrix.
    target : numpy.ndarray
        Boolean mask of the target states.

    Examples
    --------
    >>> P = np.array([[0.9, 0.1], [0.0, 1.0]])
    >>> hitting_times(P, np.array([False, True]))
    array([10.,  0.])
    >>> hitting_times(P, np.array([True, False]))
    array([ 0., inf])
    """
    P = np.asarray(transition, dtype=np.float64)
    target = np.asarray(target, dtype=bool)
    n = P.shape[0]
    reaches = _backward_closure(P > 0, target)
    # A state that can move, avoiding the target, to one that cannot reach
    # it misses the target with positive probability.
    avoiding = P > 0
    avoiding[target] = False
    escapes = _backward_closure(avoiding, ~reaches)
    out = np.zeros(n)
    out[escapes & ~target] = np.inf
    solve = np.flatnonzero(~escapes & ~target)
    if solve.size:
        Q = P[np.ix_(solve, solve)]
        out[solve] = np.linalg.solve(np.eye(solve.size) - Q, np.ones(solve.size))
    return out


def _backward_closure(adjacency: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """The states with a path to a seed along the edges of ``adjacency``."""
    from scipy.sparse import csr_matrix

    into = csr_matrix(adjacency.astype(np.float64))
    found = seeds.copy()
    frontier = seeds.copy()
    while frontier.any():
        frontier = (into @ frontier.astype(np.float64) > 0) & ~found
        found |= frontier
    return found


def sample_path(
    transition: np.ndarray, start: int, n_periods: int, rng: np.random.Generator
) -> np.ndarray:
    """A sample path of ``n_periods`` transitions from state ``start``: the
    ``n_periods + 1`` states visited.

    Examples
    --------
    >>> P = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> sample_path(P, 0, 4, np.random.default_rng(0))
    array([0, 1, 0, 1, 0])
    """
    P = np.asarray(transition, dtype=np.float64)
    cumulative = np.cumsum(P, axis=1)
    cumulative[:, -1] = np.inf
    draws = rng.random(n_periods)
    path = np.empty(n_periods + 1, dtype=np.int64)
    path[0] = start
    state = start
    for t in range(n_periods):
        state = int(np.searchsorted(cumulative[state], draws[t], side="right"))
        path[t + 1] = state
    return path
