"""Compiled kernels of the multilinear homotopy of
:mod:`stratgame.solvers.enumeration_n`: evaluation of a multihomogeneous
multilinear system and its linear-product start system, and a
predictor-corrector path tracker.

The loops are written for numba (compiled and cached on disk when numba is
installed) and run as plain Python otherwise, which is correct but slow. The
module is imported only when an N-player game is solved.

A *system* has unknowns ``z``: ``N`` blocks (one per player), block ``j``
holding the ``sizes[j]`` homogeneous coordinates of player ``j``'s mixed
strategy on its support, at ``offs[j]`` in ``z``. Equation ``e`` is the full
contraction ``sum_m T[e, m] prod_j z[offs[j] + idx[m, j]]`` of a coefficient
tensor (multilinear: degree one in every block), followed by one affine
*patch* equation ``c_j . z_j = 1`` per block. The start system replaces
equation ``e`` by ``prod_{j in B(e)} L[e, block j] . z_j`` (a product of
random linear forms, one per block the equation truly depends on), whose roots
are known (the linear-product start system of Verschelde and Cools 1993 for
multihomogeneous systems; McKelvey and McLennan 1997 count them for games).
The homotopy ``H = (1 - t) gamma g + t f`` with a random complex ``gamma`` is
followed from ``t = 0`` to ``t = 1`` by a fourth-order Runge-Kutta predictor
and a Newton corrector with adaptive steps (Sommese and Wampler 2005,
"The Numerical Solution of Systems of Polynomials", chapters 2 and 8).
"""

from __future__ import annotations

import numpy as np

try:  # compiled when numba is installed (an optional dependency)
    import numba

    _jit = numba.njit(cache=True, nogil=True)
except ImportError:  # pragma: no cover - exercised without numba only

    def _jit(function):
        return function


__all__ = ["FAILED", "NEAR", "REACHED", "newton_end", "track"]

REACHED, FAILED, NEAR = 0, 1, 2


@_jit
def _solve(A, b):
    """Solve ``A x = b`` in place by Gaussian elimination with partial
    pivoting; returns ``(x, ok)``; ``A`` and ``b`` are overwritten."""
    n = A.shape[0]
    for k in range(n):
        piv = k
        best = abs(A[k, k])
        for i in range(k + 1, n):
            if abs(A[i, k]) > best:
                best = abs(A[i, k])
                piv = i
        if best == 0.0:
            return b, False
        if piv != k:
            for j in range(n):
                tmp = A[k, j]
                A[k, j] = A[piv, j]
                A[piv, j] = tmp
            tmp = b[k]
            b[k] = b[piv]
            b[piv] = tmp
        inv = 1.0 / A[k, k]
        for i in range(k + 1, n):
            factor = A[i, k] * inv
            if factor != 0:
                for j in range(k + 1, n):
                    A[i, j] -= factor * A[k, j]
                b[i] -= factor * b[k]
    for k in range(n - 1, -1, -1):
        s = b[k]
        for j in range(k + 1, n):
            s -= A[k, j] * b[j]
        b[k] = s / A[k, k]
    return b, True


@_jit
def _target(T, idx, offs, z, f, J):
    """The multilinear equations ``f`` and their Jacobian ``J`` (rows of
    the equations only) at ``z``."""
    E, M = T.shape
    N = offs.shape[0]
    f[:] = 0
    J[:, :] = 0
    v = np.empty(N, dtype=np.complex128)
    prefix = np.empty(N + 1, dtype=np.complex128)
    suffix = np.empty(N + 1, dtype=np.complex128)
    for m in range(M):
        for j in range(N):
            v[j] = z[offs[j] + idx[m, j]]
        prefix[0] = 1.0
        for j in range(N):
            prefix[j + 1] = prefix[j] * v[j]
        suffix[N] = 1.0
        for j in range(N - 1, -1, -1):
            suffix[j] = suffix[j + 1] * v[j]
        for e in range(E):
            coef = T[e, m]
            if coef == 0:
                continue
            f[e] += coef * prefix[N]
            for j in range(N):
                J[e, offs[j] + idx[m, j]] += coef * prefix[j] * suffix[j + 1]


@_jit
def _start(L, B, offs, sizes, z, g, J):
    """The linear-product start system ``g`` and its Jacobian at ``z``."""
    E = L.shape[0]
    N = offs.shape[0]
    lam = np.empty(N, dtype=np.complex128)
    J[:, :] = 0
    for e in range(E):
        prod = 1.0 + 0.0j
        for j in range(N):
            if B[e, j]:
                s = 0.0j
                for a in range(sizes[j]):
                    s += L[e, offs[j] + a] * z[offs[j] + a]
                lam[j] = s
                prod *= s
        g[e] = prod
        for j in range(N):
            if B[e, j]:
                others = 1.0 + 0.0j
                for k in range(N):
                    if k != j and B[e, k]:
                        others *= lam[k]
                for a in range(sizes[j]):
                    J[e, offs[j] + a] = L[e, offs[j] + a] * others


@_jit
def _homotopy(T, idx, L, B, offs, sizes, c, gamma, z, t, H, Ht, Hz, work):
    """``H(z, t)``, ``dH/dt`` and ``dH/dz`` (patch rows last)."""
    E = T.shape[0]
    N = offs.shape[0]
    n = z.shape[0]
    f = work[0, :E]
    g = work[1, :E]
    Jf = np.empty((E, n), dtype=np.complex128)
    Jg = np.empty((E, n), dtype=np.complex128)
    _target(T, idx, offs, z, f, Jf)
    _start(L, B, offs, sizes, z, g, Jg)
    s = 1.0 - t
    for e in range(E):
        H[e] = s * gamma * g[e] + t * f[e]
        Ht[e] = f[e] - gamma * g[e]
        for k in range(n):
            Hz[e, k] = s * gamma * Jg[e, k] + t * Jf[e, k]
    for j in range(N):
        r = E + j
        acc = -1.0 + 0.0j
        for k in range(n):
            Hz[r, k] = 0.0
        for a in range(sizes[j]):
            acc += c[offs[j] + a] * z[offs[j] + a]
            Hz[r, offs[j] + a] = c[offs[j] + a]
        H[r] = acc
        Ht[r] = 0.0


@_jit
def _norm(x):
    s = 0.0
    for k in range(x.shape[0]):
        s += x[k].real ** 2 + x[k].imag ** 2
    return np.sqrt(s)


@_jit
def _tangent(T, idx, L, B, offs, sizes, c, gamma, z, t, H, Ht, Hz, work):
    _homotopy(T, idx, L, B, offs, sizes, c, gamma, z, t, H, Ht, Hz, work)
    rhs = -Ht.copy()
    return _solve(Hz.copy(), rhs)


@_jit
def track(T, idx, L, B, offs, sizes, c, gamma, z0, params):
    """Follow every path ``p`` from ``z0[p]`` at ``t = 0`` to ``t = 1``.

    ``T`` is ``(P, E, M)``, ``L`` ``(P, E, n)``, ``c`` ``(P, n)``, ``gamma``
    ``(P,)``, ``z0`` ``(P, n)``; ``B`` ``(E, N)`` and ``idx``, ``offs``,
    ``sizes`` are shared. ``params``: initial step, smallest step, largest
    step, Newton tolerance (relative), largest first correction (relative),
    step budget. Returns the endpoints, the ``t`` reached and a status per
    path: :data:`REACHED`, :data:`FAILED`, or :data:`NEAR` when the steps
    collapsed just before ``t = 1`` (a singular endpoint).
    """
    P = z0.shape[0]
    n = z0.shape[1]
    h0, hmin, hmax, ntol, first_tol, max_steps = (
        params[0],
        params[1],
        params[2],
        params[3],
        params[4],
        int(params[5]),
    )
    out = np.empty_like(z0)
    t_out = np.zeros(P)
    status = np.zeros(P, dtype=np.int64)
    H = np.empty(n, dtype=np.complex128)
    Ht = np.empty(n, dtype=np.complex128)
    Hz = np.empty((n, n), dtype=np.complex128)
    work = np.empty((2, n), dtype=np.complex128)
    for p in range(P):
        Tp = T[p]
        Lp = L[p]
        cp = c[p]
        gp = gamma[p]
        z = z0[p].copy()
        t = 0.0
        h = h0
        streak = 0
        steps = 0
        state = REACHED
        while t < 1.0:
            steps += 1
            if steps > max_steps:
                state = FAILED
                break
            if h > 1.0 - t:
                h = 1.0 - t
            k1, ok1 = _tangent(
                Tp, idx, Lp, B, offs, sizes, cp, gp, z, t, H, Ht, Hz, work
            )
            k2, ok2 = _tangent(
                Tp,
                idx,
                Lp,
                B,
                offs,
                sizes,
                cp,
                gp,
                z + 0.5 * h * k1,
                t + 0.5 * h,
                H,
                Ht,
                Hz,
                work,
            )
            k3, ok3 = _tangent(
                Tp,
                idx,
                Lp,
                B,
                offs,
                sizes,
                cp,
                gp,
                z + 0.5 * h * k2,
                t + 0.5 * h,
                H,
                Ht,
                Hz,
                work,
            )
            k4, ok4 = _tangent(
                Tp, idx, Lp, B, offs, sizes, cp, gp, z + h * k3, t + h, H, Ht, Hz, work
            )
            accepted = ok1 and ok2 and ok3 and ok4
            w = z
            t1 = t + h
            if accepted:
                w = z + (h / 6.0) * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
                scale = 1.0 + _norm(w)
                accepted = False
                previous = np.inf
                for it in range(4):
                    _homotopy(
                        Tp, idx, Lp, B, offs, sizes, cp, gp, w, t1, H, Ht, Hz, work
                    )
                    delta, ok = _solve(Hz.copy(), -H.copy())
                    if not ok:
                        break
                    size = _norm(delta)
                    if it == 0 and size > first_tol * scale:
                        break
                    if it > 0 and size > 0.5 * previous:
                        # no longer contracting: at the rounding floor of an
                        # ill-conditioned point when the corrections are tiny
                        accepted = previous <= 1e-8 * scale
                        break
                    w = w + delta
                    previous = size
                    if size <= ntol * scale:
                        accepted = True
                        break
            if accepted:
                z = w
                t = t1
                streak += 1
                if streak >= 3:
                    h = min(2.0 * h, hmax)
                    streak = 0
            else:
                streak = 0
                h *= 0.5
                if h < hmin:
                    state = FAILED
                    break
                if t > 0.99 and h < 1e-7 * (1.0 - t) + 1e-9:
                    # steps collapse just before t = 1: a singular endpoint,
                    # left to the caller's Gauss-Newton refinement at t = 1
                    state = NEAR
                    break
        out[p] = z
        t_out[p] = t
        status[p] = state
    return out, t_out, status


@_jit
def newton_end(T, idx, offs, sizes, c, z0, iterations):
    """Newton's method on the target system (``t = 1``) from each ``z0[p]``.

    Returns the refined points, the residual norms and the Jacobians (patch
    rows included) at the refined points.
    """
    P = z0.shape[0]
    n = z0.shape[1]
    E = T.shape[1]
    N = offs.shape[0]
    out = z0.copy()
    residual = np.zeros(P)
    jac = np.empty((P, n, n), dtype=np.complex128)
    f = np.empty(E, dtype=np.complex128)
    F = np.empty(n, dtype=np.complex128)
    Jf = np.empty((E, n), dtype=np.complex128)
    for p in range(P):
        z = z0[p].copy()
        for it in range(iterations + 1):
            _target(T[p], idx, offs, z, f, Jf)
            for e in range(E):
                F[e] = f[e]
                for k in range(n):
                    jac[p, e, k] = Jf[e, k]
            for j in range(N):
                r = E + j
                acc = -1.0 + 0.0j
                for k in range(n):
                    jac[p, r, k] = 0.0
                for a in range(sizes[j]):
                    acc += c[p, offs[j] + a] * z[offs[j] + a]
                    jac[p, r, offs[j] + a] = c[p, offs[j] + a]
                F[r] = acc
            residual[p] = _norm(F)
            if it == iterations:
                break
            delta, ok = _solve(jac[p].copy(), -F.copy())
            if not ok:
                break
            z = z + delta
        out[p] = z
    return out, residual, jac
