"""The probability simplex: Euclidean projection onto it."""

from __future__ import annotations

import numpy as np

__all__ = ["project_to_simplex"]


def project_to_simplex(vector: np.ndarray) -> np.ndarray:
    """The Euclidean projection of ``vector`` onto the probability simplex.

    Sort-based, O(n log n) (Held, Wolfe and Crowder 1974; Duchi et al. 2008,
    "Efficient projections onto the l1-ball", Figure 1).

    Examples
    --------
    >>> project_to_simplex(np.array([0.5, 2.0, -1.0]))
    array([0., 1., 0.])
    >>> project_to_simplex(np.array([0.4, 0.4, 0.1]))
    array([0.4333..., 0.4333..., 0.1333...])
    """
    descending = np.sort(vector)[::-1]
    excess = np.cumsum(descending) - 1.0
    counts = np.arange(1, vector.size + 1)
    last = np.flatnonzero(descending - excess / counts > 0)[-1]
    threshold = excess[last] / (last + 1)
    return np.maximum(vector - threshold, 0.0)
