"""Lemke–Howson's float path as plain loops, compiled by numba (cached on
disk) when it is installed, else run as plain Python (slow; tests only).

One call follows a whole path: lexicographic minimum-ratio test (von Stengel
2007, "Equilibrium computation for two-player games in strategic and
extensive form", section "Degenerate games"), compact-tableau pivots,
periodic refactorization from the payoffs, and a cycle check on the visited
bases. Everything runs on one thread, with no allocation per pivot: on a
busy machine (parallel sweeps, other processes) a threaded BLAS or LAPACK
call waits on its helper threads and costs a hundred times more than the
arithmetic. This module is imported only when a game is large enough to use
it.
"""

from __future__ import annotations

import numpy as np

try:
    import numba
except ImportError:  # pragma: no cover - numba is optional
    numba = None

__all__ = ["COMPILED", "path_kernel"]

#: Whether the kernels below are numba-compiled.
COMPILED = numba is not None


def _jit(function):
    return numba.njit(cache=True)(function) if COMPILED else function


@_jit
def ratio_tie_limit(best, tie_rel, tie_abs):
    """The largest ratio that ties with the minimum ratio ``best``: rounding
    noise is relative to the ratio itself, with a small absolute floor for
    ratios at zero (degenerate vertices)."""
    return best + tie_rel * abs(best) + tie_abs


@_jit
def lex_ratio_row(tab, c, place, slack_lo, slack_hi, rows, tols):
    """Row of the lexicographic minimum ratio test on column ``c`` of a float
    tableau (plain loops; see :meth:`_Tableaux.ratio_row`), or -1 when no
    entry of the column is positive."""
    pivot_tol, tie_rel, tie_abs = tols
    height, width = tab.shape
    rhs = width - 1
    best = np.inf
    for i in range(height):
        a = tab[i, c]
        if a > pivot_tol:
            ratio = tab[i, rhs] / a
            if ratio < best:
                best = ratio
    if best == np.inf:
        return -1
    limit = ratio_tie_limit(best, tie_rel, tie_abs)
    count = 0
    for i in range(height):
        a = tab[i, c]
        if a > pivot_tol and tab[i, rhs] / a <= limit:
            rows[count] = i
            count += 1
    slack = slack_lo
    while count > 1 and slack < slack_hi:
        key = place[slack]
        best = np.inf
        for t in range(count):
            i = rows[t]
            value = tab[i, key] if key >= 0 else (1.0 if i == -key - 1 else 0.0)
            ratio = value / tab[i, c]
            if ratio < best:
                best = ratio
        limit = ratio_tie_limit(best, tie_rel, tie_abs)
        kept = 0
        for t in range(count):
            i = rows[t]
            value = tab[i, key] if key >= 0 else (1.0 if i == -key - 1 else 0.0)
            if value / tab[i, c] <= limit:
                rows[kept] = i
                kept += 1
        count = kept
        slack += 1
    return rows[0]


@_jit
def pivot_in_place(tab, r, c, column, pivot_row):
    """Pivot the compact tableau on ``(r, c)``: the leaving variable's unit
    column takes column ``c``'s place; column-major loops over ``tab``."""
    height, width = tab.shape
    pivot_value = tab[r, c]
    for i in range(height):
        column[i] = tab[i, c]
        tab[i, c] = 0.0
    column[r] = 0.0
    tab[r, c] = 1.0
    for j in range(width):
        pivot_row[j] = tab[r, j] / pivot_value
    for j in range(width):
        factor = pivot_row[j]
        if factor != 0.0:
            for i in range(height):
                tab[i, j] -= column[i] * factor
        tab[r, j] = factor


@_jit
def refactor_in_place(tab, basis, place, full, unit_row):
    """Recompute a compact tableau from its constraint matrix for the current
    basis, ``T = B^{-1} [N | 1]``, in plain loops (single-threaded: a
    threaded LAPACK solve on a busy machine costs a hundred times more).

    The basis is mostly unit (slack) columns: with ``S`` the basic payoff
    columns and ``R`` the rows whose slack is nonbasic, only the ``k x k``
    block ``full[R, S]`` is factored (LU with partial pivoting); the rows of
    basic slacks follow by substitution.
    """
    height, width = tab.shape
    labels = place.shape[0]
    columns = np.empty(width - 1, np.int64)  # the nonbasic label of each column
    for lab in range(labels):
        if place[lab] >= 0:
            columns[place[lab]] = lab
    dense = np.empty(height, np.int64)  # rows of tab whose basic is a payoff
    covered = np.zeros(height, np.bool_)
    k = 0
    for r in range(height):
        u = unit_row[basis[r]]
        if u < 0:
            dense[k] = r
            k += 1
        else:
            covered[u] = True
    free = np.empty(k, np.int64)  # constraint rows without a basic slack
    f = 0
    for i in range(height):
        if not covered[i]:
            free[f] = i
            f += 1
    block = np.empty((k, k))
    rhs = np.empty((k, width))
    for a in range(k):
        for b in range(k):
            block[a, b] = full[free[a], basis[dense[b]]]
        for c in range(width - 1):
            rhs[a, c] = full[free[a], columns[c]]
        rhs[a, width - 1] = 1.0
    # Gaussian elimination with partial pivoting on [block | rhs]
    for p in range(k):
        best, arg = abs(block[p, p]), p
        for a in range(p + 1, k):
            if abs(block[a, p]) > best:
                best, arg = abs(block[a, p]), a
        if arg != p:
            for b in range(k):
                block[p, b], block[arg, b] = block[arg, b], block[p, b]
            for c in range(width):
                rhs[p, c], rhs[arg, c] = rhs[arg, c], rhs[p, c]
        for a in range(p + 1, k):
            factor = block[a, p] / block[p, p]
            if factor != 0.0:
                for b in range(p + 1, k):
                    block[a, b] -= factor * block[p, b]
                for c in range(width):
                    rhs[a, c] -= factor * rhs[p, c]
    for p in range(k - 1, -1, -1):
        for a in range(p + 1, k):
            factor = block[p, a]
            if factor != 0.0:
                for c in range(width):
                    rhs[p, c] -= factor * rhs[a, c]
        for c in range(width):
            rhs[p, c] /= block[p, p]
    for b in range(k):
        for c in range(width):
            tab[dense[b], c] = rhs[b, c]
    row = np.empty(width)
    for r in range(height):
        u = unit_row[basis[r]]
        if u < 0:
            continue
        for c in range(width - 1):
            row[c] = full[u, columns[c]]
        row[width - 1] = 1.0
        for b in range(k):
            factor = full[u, basis[dense[b]]]
            if factor != 0.0:
                for c in range(width):
                    row[c] -= factor * rhs[b, c]
        for c in range(width):
            tab[r, c] = row[c]


@_jit
def path_kernel(
    tableaux,
    bases,
    where,
    fulls,
    unit_rows,
    which,
    entering,
    label,
    max_iter,
    refactor_every,
    keys,
    tols,
):
    """The whole float path as plain loops, compiled by numba when it is
    installed: the same pivots, lexicographic rule and cycle check as
    ``lemke_howson._follow_path`` on ``_FloatTableaux``,
    and the refactorization every ``refactor_every`` pivots done in place.

    ``bases[k]`` (variable by row) and ``where[k]`` (a variable's column if
    nonbasic, else ``-(row + 1)``) describe tableau ``k``; ``fulls[k]`` is its
    constraint matrix (one column per label) and ``unit_rows[k][label]`` the
    row of a label's unit column (-1 for a payoff column). Tableaux, bases
    and ``where`` are updated in place. Returns ``(status, pivots)``; status
    0: the path ended, 1: ``max_iter`` pivots done, 2: a cycle, 3: an
    unbounded edge.

    The cycle check hashes the pair of bases (an XOR of random 64-bit keys of
    the basic variables, updated in O(1) per pivot) into an open-addressing
    table preallocated and doubled as needed: no allocation per pivot, a few
    nanoseconds against the pivot's ``O(mn)``.
    """
    m = tableaux[1].shape[0]
    size = where[0].shape[0]
    longest = max(tableaux[0].shape[0], tableaux[1].shape[0])
    rows = np.empty(longest, np.int64)
    column = np.empty(longest)
    pivot_row = np.empty(max(tableaux[0].shape[1], tableaux[1].shape[1]))
    table = np.zeros(1024, np.int64)
    mask = 1023
    stored = 0
    state = 0
    for step in range(1, max_iter + 1):
        tab = tableaux[which]
        basis = bases[which]
        place = where[which]
        c = place[entering]
        if which == 0:
            r = lex_ratio_row(tab, c, place, m, size, rows, tols)
        else:
            r = lex_ratio_row(tab, c, place, 0, m, rows, tols)
        if r < 0:
            return 3, step
        leaving = basis[r]
        pivot_in_place(tab, r, c, column, pivot_row)
        basis[r] = entering
        place[entering] = -(r + 1)
        place[leaving] = c
        if leaving == label:
            return 0, step
        state ^= keys[which, leaving] ^ keys[which, entering]
        if state == 0:
            return 2, step
        slot = state & mask
        while table[slot] != 0:
            if table[slot] == state:
                return 2, step
            slot = (slot + 1) & mask
        table[slot] = state
        stored += 1
        if 2 * stored > mask:
            old = table
            mask = 2 * mask + 1
            table = np.zeros(mask + 1, np.int64)
            for value in old:
                if value != 0:
                    slot = value & mask
                    while table[slot] != 0:
                        slot = (slot + 1) & mask
                    table[slot] = value
        if step % refactor_every == 0:
            for k in range(2):
                refactor_in_place(
                    tableaux[k], bases[k], where[k], fulls[k], unit_rows[k]
                )
        entering = leaving
        which = 1 - which
    return 1, max_iter
