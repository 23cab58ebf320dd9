"""A compiled search over the lexicographically feasible bases of
``{z >= 0 : C z <= 1}``, used when numba is installed.

The same search as :func:`stratgame.games.degeneracy.best_response_vertices`
does in numpy (breadth-first over the bases of the lexicographically
perturbed polytope; Dantzig, Orden & Wolfe 1955; von Stengel 2007, Section
3.7), written as plain loops and compiled by numba, so no per-level array
overhead remains: one pivot costs ``k * (d + k + 1)`` multiply-adds. This
module imports numba, so it is itself imported only when needed; compiled
functions are cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["compiled_search"]

_PIVOT_EPS = 1e-11


@numba.njit(cache=True)
def _leaving_row(T, entering, first_slack, tol, candidates, ratios):
    """The lexicographic minimum-ratio row for column ``entering``, or -1."""
    k, width = T.shape
    rhs = width - 1
    best = np.inf
    count = 0
    for i in range(k):
        if T[i, entering] > _PIVOT_EPS:
            ratio = T[i, rhs] / T[i, entering]
            candidates[count] = i
            ratios[count] = ratio
            count += 1
            best = min(best, ratio)
    if count == 0:
        return -1
    limit = best + tol * max(1.0, abs(best))
    kept = 0
    for c in range(count):
        if ratios[c] <= limit:
            candidates[kept] = candidates[c]
            kept += 1
    count = kept
    column = first_slack
    while count > 1 and column < rhs:
        best = np.inf
        for c in range(count):
            i = candidates[c]
            ratios[c] = T[i, column] / T[i, entering]
            best = min(best, ratios[c])
        limit = best + tol * max(1.0, abs(best))
        kept = 0
        for c in range(count):
            if ratios[c] <= limit:
                candidates[kept] = candidates[c]
                kept += 1
        count = kept
        column += 1
    return candidates[0]


@numba.njit(cache=True)
def _slot(table, key):
    """The slot of ``key`` in an open-addressing hash table of int64 keys
    (-1 marks a free slot): where it is, or the free slot where it goes.
    The splitmix64 finalizer spreads the bits of basis masks."""
    h = np.uint64(key)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    size_mask = np.uint64(len(table) - 1)
    i = h & size_mask
    while table[i] != -1 and table[i] != key:
        i = (i + np.uint64(1)) & size_mask
    return i


@numba.njit(cache=True)
def _grow_table(table):
    bigger = np.full(2 * len(table), -1, dtype=np.int64)
    for key in table:
        if key != -1:
            bigger[_slot(bigger, key)] = key
    return bigger


@numba.njit(cache=True)
def _search(C, tol):
    """Breadth-first search over the lexicographically feasible bases.

    Returns the basic variables ``(V, k)`` and their values ``(V, k)``."""
    k, d = C.shape
    n_vars = d + k
    width = n_vars + 1
    capacity = 256
    tableaux = np.empty((capacity, k, width))
    bases = np.empty((capacity, k), dtype=np.int64)
    masks = np.empty(capacity, dtype=np.int64)
    tableaux[0] = 0.0
    tableaux[0, :, :d] = C
    for r in range(k):
        tableaux[0, r, d + r] = 1.0
        tableaux[0, r, n_vars] = 1.0
        bases[0, r] = d + r
    masks[0] = ((1 << n_vars) - 1) ^ ((1 << d) - 1)
    table = np.full(1024, -1, dtype=np.int64)
    table[_slot(table, masks[0])] = masks[0]
    candidates = np.empty(k, dtype=np.int64)
    ratios = np.empty(k)
    head, tail = 0, 1
    while head < tail:
        mask = masks[head]
        for entering in range(n_vars):
            if (mask >> entering) & 1:
                continue
            row = _leaving_row(tableaux[head], entering, d, tol, candidates, ratios)
            if row < 0:
                continue
            new_mask = mask ^ (1 << bases[head, row]) ^ (1 << entering)
            slot = _slot(table, new_mask)
            if table[slot] == new_mask:
                continue
            table[slot] = new_mask
            if 2 * tail >= len(table):
                table = _grow_table(table)
            if tail == capacity:
                capacity *= 2
                grown = np.empty((capacity, k, width))
                grown[:tail] = tableaux[:tail]
                tableaux = grown
                grown_bases = np.empty((capacity, k), dtype=np.int64)
                grown_bases[:tail] = bases[:tail]
                bases = grown_bases
                grown_masks = np.empty(capacity, dtype=np.int64)
                grown_masks[:tail] = masks[:tail]
                masks = grown_masks
            old = tableaux[head]
            new = tableaux[tail]
            pivot = old[row, entering]
            for j in range(width):
                new[row, j] = old[row, j] / pivot
            for i in range(k):
                if i == row:
                    continue
                factor = old[i, entering]
                for j in range(width):
                    new[i, j] = old[i, j] - factor * new[row, j]
            bases[tail] = bases[head]
            bases[tail, row] = entering
            masks[tail] = new_mask
            tail += 1
        head += 1
    return bases[:tail].copy(), tableaux[:tail, :, n_vars].copy()


def compiled_search(C, tol):
    """The compiled search: ``(C, tol) -> (basic variables, their values)``
    for ``{z >= 0 : C z <= 1}`` with ``d + k <= 62`` variables.

    Examples
    --------
    >>> import numpy as np
    >>> basic, values = compiled_search(np.array([[1.0, 2.0], [2.0, 1.0]]), 1e-9)
    >>> len(basic)  # the vertices of a quadrilateral
    4
    """
    return _search(np.ascontiguousarray(C, dtype=np.float64), float(tol))


@numba.njit(cache=True)
def _partners(U, own, best, tol):
    """Loop version of :func:`stratgame.solvers.enumeration._solve_partners`:
    the same equations, the same singularity test, the same checks."""
    n_vert = own.shape[0]
    n_own, k = U.shape
    low = U.min()
    span = max(U.max() - low, 1e-300)
    partners = np.zeros((n_vert, k))
    ok = np.zeros(n_vert, dtype=np.bool_)
    hard = np.zeros(n_vert, dtype=np.bool_)
    S = np.empty(n_own, dtype=np.int64)
    J = np.empty(k, dtype=np.int64)
    M = np.empty((k + 1, k + 2))
    solution = np.empty(k + 1)
    for v in range(n_vert):
        s = 0
        for i in range(n_own):
            if own[v, i]:
                S[s] = i
                s += 1
        t = 0
        for j in range(k):
            if best[v, j]:
                J[t] = j
                t += 1
        size = s + 1
        for a in range(s):
            for b in range(s):
                M[a, b] = (U[S[a], J[b]] - low) / span
            M[a, s] = -1.0
            M[a, s + 1] = 0.0
        for b in range(s):
            M[s, b] = 1.0
        M[s, s] = 0.0
        M[s, s + 1] = 1.0
        bound = 1.0
        for a in range(size):
            norm = 0.0
            for b in range(size):
                norm += M[a, b] * M[a, b]
            bound *= np.sqrt(norm)
        det = 1.0
        for col in range(size):
            pivot_row = col
            for a in range(col + 1, size):
                if abs(M[a, col]) > abs(M[pivot_row, col]):
                    pivot_row = a
            if pivot_row != col:
                for b in range(size + 1):
                    M[col, b], M[pivot_row, b] = M[pivot_row, b], M[col, b]
            det *= M[col, col]
            if M[col, col] == 0.0:
                break
            for a in range(col + 1, size):
                factor = M[a, col] / M[col, col]
                for b in range(col, size + 1):
                    M[a, b] -= factor * M[col, b]
        if abs(det) <= 1e-3 * tol * bound:
            hard[v] = True
            continue
        for a in range(size - 1, -1, -1):
            total = M[a, size]
            for b in range(a + 1, size):
                total -= M[a, b] * solution[b]
            solution[a] = total / M[a, a]
        feasible = True
        weight_sum = 0.0
        for b in range(s):
            if solution[b] < -tol:
                feasible = False
            if solution[b] > tol:
                weight_sum += solution[b]
        if not feasible or weight_sum <= 0.0:
            continue
        gain = -np.inf
        for i in range(n_own):
            value = 0.0
            for b in range(s):
                if solution[b] > tol:
                    value += (U[i, J[b]] - low) / span * solution[b]
            gain = max(gain, value / weight_sum - solution[s])
        if gain <= tol:
            ok[v] = True
            for b in range(s):
                if solution[b] > tol:
                    partners[v, J[b]] = solution[b] / weight_sum
    return partners, ok, hard


def compiled_partners(U, own, best, tol):
    """The compiled partner solve: the contract of
    :func:`stratgame.solvers.enumeration._solve_partners`."""
    return _partners(
        np.ascontiguousarray(U, dtype=np.float64),
        np.ascontiguousarray(own, dtype=np.bool_),
        np.ascontiguousarray(best, dtype=np.bool_),
        float(tol),
    )
