"""Stationary distributions of finite Markov chains."""

from __future__ import annotations

import numpy as np

from ..exceptions import InvalidParameterError

__all__ = ["stationary_vector"]


def _closed_classes(P: np.ndarray) -> list[np.ndarray]:
    """The closed communicating classes of a chain: strongly connected sets
    of states that no transition leaves."""
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


def stationary_vector(transition: np.ndarray) -> np.ndarray:
    """The unique stationary distribution of a row-stochastic matrix.

    Uses the Grassmann–Taksar–Heyman state reduction (Grassmann, Taksar &
    Heyman 1985, *Operations Research* 33: 1107–1116), which subtracts
    nothing and so stays accurate when transition probabilities span many
    orders of magnitude (rare mutations, strong selection). The diagonal is
    never used. Cost ``O(m^3 / 3)`` for ``m`` states.

    A reducible chain with a single closed class (for instance when strong
    selection makes one fixation probability underflow to zero) has a unique
    stationary distribution too: it lives on that class.

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
    closed = _closed_classes(P)
    if len(closed) != 1:
        raise InvalidParameterError(
            f"the Markov chain has {len(closed)} closed classes of states, so its "
            "stationary distribution is not unique (for a population process: "
            "lower the intensity or raise the mutation rate)."
        )
    states = closed[0]
    pi = np.zeros(P.shape[0])
    pi[states] = _gth(P[np.ix_(states, states)])
    return pi
