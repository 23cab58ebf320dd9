"""Compiled kernel of :mod:`stratgame.solvers.simplicial`: one run of the
variable dimension simplicial algorithm on one grid.

The loops are written for numba (compiled and cached on disk when numba is
installed) and run as plain Python otherwise, which is correct but slow. The
module is imported only when the method runs.

Coordinates are global: player ``j``'s action ``h`` is coordinate
``offsets[j] + h`` of a profile ``y`` of length ``M``. The move of coordinate
``g`` is ``q(g) = e(g) - e(prev[g])``, ``prev[g]`` the player's previous
action (cyclically). For a set ``T`` of coordinates that leaves out at least
one action of every player, the region ``A(T)`` is the cone
``v + sum_{g in T} lam_g q(g)``, ``lam >= 0``; its simplices on the grid of
size ``d`` are ``y^1 = v + d sum_g a_g q(g)`` (``a`` integers, at least 0) and
``y^{i+1} = y^i + d q(pi_i)`` for a permutation ``pi`` of ``T`` (Freudenthal's
triangulation in the coordinates ``lam``). A point's label is its most
negative coordinate when it lies outside the product of simplices, else the
coordinate ``(j, h)`` with the largest gain ``u_j(h, y_-j) - u_j(y)``.
"""

from __future__ import annotations

import numpy as np

try:  # compiled when numba is installed (an optional dependency)
    import numba

    _jit = numba.njit(cache=True, nogil=True)
except ImportError:  # pragma: no cover - exercised without numba only

    def _jit(function):
        return function


__all__ = ["COMPLETE", "LOST", "STEPS", "derivatives", "gains", "regret", "run"]

#: A completely labelled simplex was reached; the pivot budget ran out; the
#: path came back to its start (which exact arithmetic rules out).
COMPLETE, STEPS, LOST = 0, 1, 2


@_jit
def _values(U, actions, offsets, y, out):
    """``out[offsets[j] + h]``: player ``j``'s payoff from action ``h``
    against the others' strategies in ``y`` (prefix and suffix products of
    the others' probabilities, one pass over the pure profiles)."""
    n = offsets.shape[0] - 1
    out[:] = 0.0
    prefix = np.empty(n + 1)
    suffix = np.empty(n + 1)
    for p in range(actions.shape[0]):
        prefix[0] = 1.0
        for k in range(n):
            prefix[k + 1] = prefix[k] * y[offsets[k] + actions[p, k]]
        suffix[n] = 1.0
        for k in range(n - 1, -1, -1):
            suffix[k] = suffix[k + 1] * y[offsets[k] + actions[p, k]]
        for j in range(n):
            out[offsets[j] + actions[p, j]] += U[j, p] * prefix[j] * suffix[j + 1]


@_jit
def _label(U, actions, offsets, y, values):
    """The label of ``y`` and its largest regret (``-1.0`` outside the
    product of simplices)."""
    label, lowest = -1, 0.0
    for g in range(y.shape[0]):
        if y[g] < lowest:
            label, lowest = g, y[g]
    if label >= 0:
        return label, -1.0
    _values(U, actions, offsets, y, values)
    best = -np.inf
    for j in range(offsets.shape[0] - 1):
        mean = 0.0
        for g in range(offsets[j], offsets[j + 1]):
            mean += y[g] * values[g]
        for g in range(offsets[j], offsets[j + 1]):
            if values[g] - mean > best:
                best = values[g] - mean
                label = g
    return label, max(best, 0.0)


@_jit
def gains(U, actions, offsets, y):
    """Each coordinate's gain ``u_j(h, y_-j) - u_j(y)``."""
    values = np.empty(y.shape[0])
    _values(U, actions, offsets, y, values)
    for j in range(offsets.shape[0] - 1):
        mean = 0.0
        for g in range(offsets[j], offsets[j + 1]):
            mean += y[g] * values[g]
        for g in range(offsets[j], offsets[j + 1]):
            values[g] -= mean
    return values


@_jit
def regret(U, actions, offsets, y):
    """The largest regret of the profile ``y`` (in the payoffs ``U``)."""
    values = np.empty(y.shape[0])
    _values(U, actions, offsets, y, values)
    worst = 0.0
    for j in range(offsets.shape[0] - 1):
        mean, top = 0.0, -np.inf
        for g in range(offsets[j], offsets[j + 1]):
            mean += y[g] * values[g]
            top = max(top, values[g])
        worst = max(worst, top - mean)
    return worst


@_jit
def derivatives(U, actions, offsets, y):
    """Each coordinate's value (``values[offsets[i] + h]``: player ``i``'s
    payoff from action ``h`` against ``y``) and its derivatives
    ``D[offsets[i] + h, offsets[k] + l]`` in player ``k``'s probabilities
    (zero for ``k = i``)."""
    n = offsets.shape[0] - 1
    m = y.shape[0]
    values = np.zeros(m)
    D = np.zeros((m, m))
    for p in range(actions.shape[0]):
        for i in range(n):
            row = offsets[i] + actions[p, i]
            for k in range(n):
                if k == i:
                    continue
                w = U[i, p]
                for j in range(n):
                    if j != i and j != k:
                        w *= y[offsets[j] + actions[p, j]]
                col = offsets[k] + actions[p, k]
                D[row, col] += w
                if k == (1 if i == 0 else 0):
                    values[row] += w * y[col]
    return values, D


@_jit
def _vertex(v, d, a, pi, i, prev, c, y):
    """Vertex ``i`` (0-based) of the simplex ``(a, pi)``, into ``y``."""
    c[:] = 0
    for g in range(a.shape[0]):
        if a[g] != 0:
            c[g] += a[g]
            c[prev[g]] -= a[g]
    for m in range(i):
        c[pi[m]] += 1
        c[prev[pi[m]]] -= 1
    for g in range(y.shape[0]):
        y[g] = v[g] + d * c[g]


@_jit
def run(U, actions, offsets, owner, prev, v, d, max_steps):
    """Follow the path of the variable dimension algorithm from ``v`` on the
    grid of size ``d`` until a simplex carries every label of one player.

    Returns
    -------
    best : ndarray
        The vertex inside the product of simplices with the smallest regret
        met on the way.
    end : ndarray
        The vertex of the last simplex inside the product of simplices with
        the smallest regret (``v`` when the path did not complete).
    steps : int
        Pivots made.
    status : int
        :data:`COMPLETE`, :data:`STEPS` or :data:`LOST`.
    """
    m = v.shape[0]
    in_t = np.zeros(m, dtype=np.bool_)
    count = np.zeros(offsets.shape[0] - 1, dtype=np.int64)
    a = np.zeros(m, dtype=np.int64)
    pi = np.zeros(m, dtype=np.int64)
    labels = np.zeros(m + 1, dtype=np.int64)
    c = np.zeros(m, dtype=np.int64)
    y = v.copy()
    values = np.empty(m)
    best_y = v.copy()
    label, regret = _label(U, actions, offsets, y, values)
    best = regret if regret >= 0.0 else np.inf
    labels[0] = label
    t, pos, steps = 0, 0, 0
    while True:
        # The simplex (a, pi) in A(T) has vertices 0..t; vertex `pos` is new
        # and carries `label`; the others carry every label of T once.
        remove = -1
        if not in_t[label]:
            j = owner[label]
            if count[j] == offsets[j + 1] - offsets[j] - 1:
                end, lowest = v.copy(), np.inf
                for r in range(t + 1):
                    _vertex(v, d, a, pi, r, prev, c, y)
                    label, regret = _label(U, actions, offsets, y, values)
                    if 0.0 <= regret < lowest:
                        lowest = regret
                        end[:] = y
                return best_y, end, steps, COMPLETE
            in_t[label] = True  # up: into A(T + label)
            count[j] += 1
            pi[t] = label
            t += 1
            pos = t
        else:
            for r in range(t + 1):
                if r != pos and labels[r] == label:
                    remove = r
                    break
        while remove >= 0:  # replace vertex `remove`
            if remove == 0:
                k = pi[0]
                a[k] += 1
                for r in range(t - 1):
                    pi[r] = pi[r + 1]
                    labels[r] = labels[r + 1]
                labels[t - 1] = labels[t]
                pi[t - 1] = k
                pos, remove = t, -1
            elif remove == t:
                k = pi[t - 1]
                if a[k] > 0:
                    a[k] -= 1
                    for r in range(t - 1, 0, -1):
                        pi[r] = pi[r - 1]
                    for r in range(t, 0, -1):
                        labels[r] = labels[r - 1]
                    pi[0] = k
                    pos, remove = 0, -1
                else:  # the facet lies in A(T - k): down
                    in_t[k] = False
                    count[owner[k]] -= 1
                    t -= 1
                    if t == 0:
                        return best_y, v.copy(), steps, LOST
                    for r in range(t + 1):
                        if labels[r] == k:
                            remove = r
                            break
            else:
                swap = pi[remove - 1]
                pi[remove - 1] = pi[remove]
                pi[remove] = swap
                pos, remove = remove, -1
        steps += 1
        if steps > max_steps:
            return best_y, v.copy(), steps, STEPS
        _vertex(v, d, a, pi, pos, prev, c, y)
        label, regret = _label(U, actions, offsets, y, values)
        labels[pos] = label
        if 0.0 <= regret < best:
            best = regret
            best_y[:] = y
