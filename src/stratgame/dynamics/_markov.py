"""Stationary distributions of finite Markov chains."""

from __future__ import annotations

import numpy as np

from ..exceptions import InvalidParameterError

__all__ = ["stationary_vector"]


def stationary_vector(transition: np.ndarray) -> np.ndarray:
    """The stationary distribution of an irreducible row-stochastic matrix.

    Uses the Grassmann–Taksar–Heyman state reduction (Grassmann, Taksar &
    Heyman 1985, *Operations Research* 33: 1107–1116), which subtracts
    nothing and so stays accurate when transition probabilities span many
    orders of magnitude (rare mutations, strong selection). The diagonal is
    never used. Cost ``O(m^3 / 3)`` for ``m`` states.

    Raises
    ------
    InvalidParameterError
        If the chain is reducible (a state cannot reach the lower-numbered
        ones), so that no unique stationary distribution exists.

    Examples
    --------
    >>> stationary_vector(np.array([[0.5, 0.5], [0.25, 0.75]]))
    array([0.33333333, 0.66666667])
    """
    P = np.array(transition, dtype=np.float64)
    m = P.shape[0]
    for k in range(m - 1, 0, -1):
        leaving = P[k, :k].sum()
        if leaving <= 0:
            raise InvalidParameterError(
                "the Markov chain is reducible: state "
                f"{k} never moves to states 0..{k - 1} once the higher states are "
                "eliminated, so its stationary distribution is not unique (for a "
                "population process: lower the intensity or raise the mutation "
                "rate)."
            )
        P[:k, k] /= leaving
        P[:k, :k] += np.outer(P[:k, k], P[k, :k])
    pi = np.zeros(m)
    pi[0] = 1.0
    for k in range(1, m):
        pi[k] = pi[:k].dot(P[:k, k])
    return pi / pi.sum()
