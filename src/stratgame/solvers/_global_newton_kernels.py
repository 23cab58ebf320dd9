"""Compiled kernels of :mod:`stratgame.solvers.global_newton`: the map
``F(z) = z - r(z) - V(r(z))`` of Govindan and Wilson on one region of ``z``
with its Jacobian, and the predictor-corrector step along ``F(z) = lam g``.

The loops are written for numba (compiled and cached on disk when numba is
installed) and run as plain Python otherwise, which is correct but slow. The
module is imported only when ``method="global_newton"`` runs.

A game is given by ``payoffs`` (``N x P``: each player's payoffs, scaled to
``[0, 1]``, over the ``P`` pure profiles), ``idx`` (``P x N``: the actions of
each profile), ``offsets`` (``N + 1``: where each player's actions start in
the ``M`` coordinates) and ``owner`` (``M``: the player of each coordinate).
A *region* is a boolean ``mask`` over the ``M`` coordinates: the supports of
``sigma = r(z)``, where ``sigma_ij = z_ij - v_i`` on the support (``v_i``
making the probabilities sum to one) and 0 off it.
"""

from __future__ import annotations

import numpy as np

try:  # compiled when numba is installed (an optional dependency)
    import numba

    _jit = numba.njit(cache=True, nogil=True)
except ImportError:  # pragma: no cover - exercised without numba only

    def _jit(function):
        return function


__all__ = ["evaluate", "slack", "step", "tangent", "to_boundary", "values"]


@_jit
def _lu_solve(A, b):
    """Solve ``A x = b`` by Gaussian elimination with partial pivoting (``A``
    and ``b`` are overwritten); returns ``(x, ok, sign of det A)``."""
    n = A.shape[0]
    sign = 1.0
    for k in range(n):
        piv = k
        best = abs(A[k, k])
        for i in range(k + 1, n):
            if abs(A[i, k]) > best:
                best = abs(A[i, k])
                piv = i
        if best == 0.0:
            return b, False, 0.0
        if piv != k:
            sign = -sign
            for j in range(n):
                tmp = A[k, j]
                A[k, j] = A[piv, j]
                A[piv, j] = tmp
            tmp = b[k]
            b[k] = b[piv]
            b[piv] = tmp
        if A[k, k] < 0:
            sign = -sign
        inv = 1.0 / A[k, k]
        for i in range(k + 1, n):
            factor = A[i, k] * inv
            if factor != 0.0:
                for j in range(k + 1, n):
                    A[i, j] -= factor * A[k, j]
                b[i] -= factor * b[k]
    for k in range(n - 1, -1, -1):
        s = b[k]
        for j in range(k + 1, n):
            s -= A[k, j] * b[j]
        b[k] = s / A[k, k]
    return b, True, sign


@_jit
def values(payoffs, idx, offsets, sigma):
    """Each action's value ``V`` against the others' strategies ``sigma``
    and the matrix ``DV`` of ``d V_ia / d sigma_kb`` (zero for ``k = i``)."""
    P, N = idx.shape
    M = sigma.shape[0]
    V = np.zeros(M)
    DV = np.zeros((M, M))
    at = np.empty(N, dtype=np.int64)
    for m in range(P):
        for j in range(N):
            at[j] = offsets[j] + idx[m, j]
        for i in range(N):
            u = payoffs[i, m]
            if u == 0.0:
                continue
            row = at[i]
            w = u
            for j in range(N):
                if j != i:
                    w *= sigma[at[j]]
            V[row] += w
            for k in range(N):
                if k == i:
                    continue
                p = u
                for j in range(N):
                    if j != i and j != k:
                        p *= sigma[at[j]]
                DV[row, at[k]] += p
    return V, DV


@_jit
def _levels(z, mask, owner, n_players):
    """``v_i`` of each player and its support size."""
    sums = np.zeros(n_players)
    counts = np.zeros(n_players)
    for r in range(z.shape[0]):
        if mask[r]:
            sums[owner[r]] += z[r]
            counts[owner[r]] += 1.0
    return (sums - 1.0) / counts, counts


@_jit
def slack(z, mask, owner, n_players):
    """The region's inequalities, nonnegative inside it: ``sigma_ij`` on the
    support, ``v_i - z_ij`` off it."""
    v, _ = _levels(z, mask, owner, n_players)
    out = np.empty(z.shape[0])
    for r in range(z.shape[0]):
        level = v[owner[r]]
        out[r] = z[r] - level if mask[r] else level - z[r]
    return out


@_jit
def evaluate(z, mask, owner, offsets, payoffs, idx):
    """``F(z)`` on the region ``mask``, its Jacobian ``J = I - P - DV P``
    (``P`` the derivative of the retraction there), and ``sigma``."""
    N = offsets.shape[0] - 1
    M = z.shape[0]
    v, counts = _levels(z, mask, owner, N)
    sigma = np.zeros(M)
    for r in range(M):
        if mask[r]:
            sigma[r] = z[r] - v[owner[r]]
    V, DV = values(payoffs, idx, offsets, sigma)
    F = z - sigma - V
    J = np.zeros((M, M))
    for r in range(M):
        for k in range(N):
            s = 0.0
            for c in range(offsets[k], offsets[k + 1]):
                if mask[c]:
                    s += DV[r, c]
            s /= counts[k]
            for c in range(offsets[k], offsets[k + 1]):
                if mask[c]:
                    J[r, c] = s - DV[r, c]
        i = owner[r]
        if mask[r]:
            for c in range(offsets[i], offsets[i + 1]):
                if mask[c]:
                    J[r, c] += 1.0 / counts[i]
        else:
            J[r, r] += 1.0
    return F, J, sigma


@_jit
def _bordered(J, g, t):
    """The ``(M+1) x (M+1)`` matrix ``[[J, -g], [t]]``."""
    M = J.shape[0]
    A = np.empty((M + 1, M + 1))
    A[:M, :M] = J
    A[:M, M] = -g
    A[M, :] = t
    return A


@_jit
def _correct(u, t, g, mask, owner, offsets, payoffs, idx, tol):
    """Newton's method on ``F(z) - lam g = 0`` (this region's formula) in
    the hyperplane through ``u`` orthogonal to ``t``: the point, the
    iterations and whether it converged."""
    M = u.shape[0] - 1
    previous = np.inf
    for iteration in range(7):
        F, J, _ = evaluate(u[:M], mask, owner, offsets, payoffs, idx)
        H = F - u[M] * g
        norm = np.abs(H).max()
        if norm <= tol * (1.0 + abs(u[M])):
            return u, iteration, True
        if not np.isfinite(norm) or (norm > 0.5 * previous and iteration > 1):
            return u, iteration, False
        previous = norm
        rhs = np.zeros(M + 1)
        rhs[:M] = -H
        delta, ok, _ = _lu_solve(_bordered(J, g, t), rhs)
        if not ok:
            return u, iteration, False
        u = u + delta
    return u, 7, False


@_jit
def step(u, t, h, g, mask, owner, offsets, payoffs, idx, tol):
    """One predictor-corrector step of length ``h`` from ``u`` along ``t``:
    the point, the corrector's iterations and whether the step is accepted
    (the corrector converged within ``0.05 h`` of the prediction)."""
    predicted = u + h * t
    w, iterations, ok = _correct(
        predicted, t, g, mask, owner, offsets, payoffs, idx, tol
    )
    if ok and np.abs(w - predicted).max() > 0.05 * h + 1e-12:
        ok = False
    return w, iterations, ok


@_jit
def tangent(u, t_prev, g, mask, owner, offsets, payoffs, idx):
    """The unit tangent at ``u`` of this region's curve with
    ``t_prev . t > 0``, from the bordered system ``[[J, -g], [t_prev]] x =
    e_last`` (Allgower and Georg 1990, Section 2.1), and the sign of the
    bordered determinant (the orientation: ``det [[J, -g], [x]]`` has the
    sign of ``det [[J, -g], [t_prev]]``); sign 0 when that matrix is
    singular."""
    M = u.shape[0] - 1
    _, J, _ = evaluate(u[:M], mask, owner, offsets, payoffs, idx)
    rhs = np.zeros(M + 1)
    rhs[M] = 1.0
    x, ok, sign = _lu_solve(_bordered(J, g, t_prev), rhs)
    if not ok or not np.all(np.isfinite(x)):
        return t_prev, 0.0
    return x / np.linalg.norm(x), sign


@_jit
def to_boundary(u, t, h, w, entered, g, mask, owner, offsets, payoffs, idx, tol):
    """Shorten the step of length ``h`` from ``u`` (inside the region) whose
    end ``w`` is outside until it ends on the region's boundary: Illinois
    regula falsi on the step length (each trial a predictor-corrector step).
    Returns the boundary point, the index of the inequality tight there and
    whether it succeeded. It fails when the end leaves through the face
    ``entered`` that ``u`` has just crossed (the curve bends back out of the
    region: regula falsi would stop at ``u`` and turn the path around; a
    shorter step is needed) or when a trial step fails."""
    n_players = offsets.shape[0] - 1
    M = u.shape[0] - 1
    s_lo = slack(u[:M], mask, owner, n_players)
    s_hi = slack(w[:M], mask, owner, n_players)
    eps = 1e-12 * (1.0 + np.abs(u).max())
    if entered >= 0 and s_hi[entered] < -eps:
        return w, -1, False
    lo, hi = 0.0, h
    side = 0
    for _ in range(60):
        # Illinois: halve the weight of an end point kept twice.
        weight_lo = 0.5 if side == -1 else 1.0
        weight_hi = 0.5 if side == 1 else 1.0
        fraction = np.inf
        for r in range(M):
            if s_hi[r] < -eps:
                denominator = weight_lo * s_lo[r] - weight_hi * s_hi[r]
                if not denominator > 0:  # ``u`` itself is (just) outside
                    return w, -1, False
                fraction = min(fraction, weight_lo * s_lo[r] / denominator)
        length = lo + fraction * (hi - lo)
        length = min(max(length, lo + 1e-9 * (hi - lo)), hi - 1e-9 * (hi - lo))
        p, _, ok = step(u, t, length, g, mask, owner, offsets, payoffs, idx, tol)
        if not ok:
            return w, -1, False
        s_p = slack(p[:M], mask, owner, n_players)
        q = int(np.argmin(s_p))
        if abs(s_p[q]) <= eps:
            return p, q, True
        if s_p[q] > 0:
            lo, s_lo = length, s_p
            side = 1 if side >= 0 else 0
        else:
            hi, s_hi = length, s_p
            side = -1 if side <= 0 else 0
        if hi - lo <= 1e-15 * h:
            return w, -1, False
    return w, -1, False
