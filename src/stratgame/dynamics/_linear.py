"""Small linear systems shared by the rest-point and best-response code."""

from __future__ import annotations

import numpy as np

__all__ = ["face_solution"]


def face_solution(M: np.ndarray, tol: float):
    """Solve ``M w = v 1, sum(w) = 1`` for ``(w, v)``.

    Returns ``("unique", w)``, ``("none", None)`` or ``("continuum", None)``.
    """
    rows, cols = M.shape
    system = np.zeros((rows + 1, cols + 1))
    system[:rows, :cols] = M
    system[:rows, cols] = -1.0
    system[rows, :cols] = 1.0
    rhs = np.zeros(rows + 1)
    rhs[rows] = 1.0
    solution, *_ = np.linalg.lstsq(system, rhs, rcond=None)
    scale = max(1.0, float(np.abs(system).max()))
    if np.abs(system @ solution - rhs).max() > 1e-9 * scale:
        return "none", None
    if np.linalg.matrix_rank(system, tol=1e-10 * scale) < cols + 1:
        return "continuum", None
    w = solution[:cols]
    return ("unique", w) if np.all(w > tol) else ("none", None)
