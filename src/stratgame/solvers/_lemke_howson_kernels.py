"""Lemke–Howson's float path as plain loops, compiled by numba (cached on
disk) when it is installed, else run as plain Python (slow; tests only).

One call of :func:`solve_path` does a whole run: the tableaux built from the
payoffs, the path (lexicographic minimum-ratio test, von Stengel 2007,
"Equilibrium computation for two-player games in strategic and extensive
form", section "Degenerate games"; compact-tableau pivots; periodic
refactorization from the payoffs; a cycle check on the visited bases), the
equilibrium read off the tableaux and its certificate (one matrix-vector
product per player). Everything runs on one thread, with no allocation per
pivot: on a busy machine (parallel sweeps, other processes) a threaded BLAS
or LAPACK call waits on its helper threads and costs a hundred times more
than the arithmetic. This module is imported only when a game is large
enough to use it.
"""

from __future__ import annotations

import math

import numpy as np

try:
    import numba
except ImportError:  # pragma: no cover - numba is optional
    numba = None

__all__ = ["COMPILED", "path_kernel", "solve_path"]

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
def unit_scale(U):
    """``(exponent, low, spread)`` of ``games.scaling.unit_interval``: ``U``
    maps onto ``[0, 1]`` as ``(ldexp(u, -exponent) - low) / spread``. One
    pass: scaling by a power of two keeps the order, so the smallest and
    largest scaled payoffs are the scaled smallest and largest."""
    low, high = np.inf, -np.inf
    for value in U.flat:
        low = min(low, value)
        high = max(high, value)
    top = max(abs(low), abs(high))
    exponent = math.frexp(top)[1] if top > 0 else 0
    low = math.ldexp(low, -exponent)
    return float(exponent), low, math.ldexp(high, -exponent) - low


@_jit
def unit_entry(value, scale):
    """One payoff mapped onto ``[0, 1]`` by ``scale`` (see
    :func:`unit_scale`): bit for bit ``games.scaling.unit_interval``'s."""
    exponent, low, spread = scale[0], scale[1], scale[2]
    if spread > 0:
        return (math.ldexp(value, -int(exponent)) - low) / spread
    return 0.0


@_jit
def _scaled_into(U, scale, out):
    """``out[j, i] = 1 + unit_entry(U[i, j], scale)``, with one multiplication
    by the power of two where that power is a normal float (then the product
    is ``ldexp``'s correctly rounded value)."""
    exponent, low, spread = int(scale[0]), scale[1], scale[2]
    if spread <= 0:
        out[:, :] = 1.0
        return
    if -1022 <= -exponent <= 1023:
        factor = math.ldexp(1.0, -exponent)
        for i in range(U.shape[0]):
            for j in range(U.shape[1]):
                out[j, i] = 1.0 + (U[i, j] * factor - low) / spread
    else:  # pragma: no cover - payoffs near the ends of the float range
        for i in range(U.shape[0]):
            for j in range(U.shape[1]):
                out[j, i] = 1.0 + unit_entry(U[i, j], scale)


@_jit
def initial_tableaux(A, B):
    """The two compact tableaux at the artificial equilibrium, Fortran-ordered
    (column-major pivots): P's ``[B'^T | 1]`` (``n x (m + 1)``) and Q's
    ``[A' | 1]`` (``m x (n + 1)``), payoffs mapped onto ``[1, 2]``; and the
    scales of ``B`` and ``A`` (rows of a ``2 x 3`` array, see
    :func:`unit_scale`)."""
    m, n = A.shape
    scales = np.empty((2, 3))
    scales[0] = unit_scale(B)
    scales[1] = unit_scale(A)
    tab_p = np.empty((m + 1, n)).T
    tab_q = np.empty((n + 1, m)).T
    _scaled_into(B, scales[0], tab_p)
    _scaled_into(A.T, scales[1], tab_q)
    tab_p[:, m] = 1.0
    tab_q[:, n] = 1.0
    return tab_p, tab_q, scales


@_jit
def constraint_entry(U, scale, k, m, i, lab):
    """Entry ``(i, lab)`` of tableau ``k``'s constraint matrix, one column per
    label: ``[B'^T | I]`` for P (``k = 0``, ``U = B``), ``[I | A']`` for Q
    (``k = 1``, ``U = A``), recomputed from the payoffs."""
    if k == 0:
        if lab < m:
            return 1.0 + unit_entry(U[lab, i], scale)
        return 1.0 if lab - m == i else 0.0
    if lab < m:
        return 1.0 if lab == i else 0.0
    return 1.0 + unit_entry(U[i, lab - m], scale)


@_jit
def slack_row(k, m, lab):
    """The constraint row of ``lab``'s unit column in tableau ``k``, or -1
    when ``lab`` is a payoff column there."""
    if k == 0:
        return lab - m if lab >= m else -1
    return lab if lab < m else -1


@_jit
def refactor_in_place(tab, basis, place, U, scale, k, m):
    """Recompute compact tableau ``k`` from the payoffs ``U`` for the current
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
    size = 0
    for r in range(height):
        u = slack_row(k, m, basis[r])
        if u < 0:
            dense[size] = r
            size += 1
        else:
            covered[u] = True
    free = np.empty(size, np.int64)  # constraint rows without a basic slack
    f = 0
    for i in range(height):
        if not covered[i]:
            free[f] = i
            f += 1
    block = np.empty((size, size))
    rhs = np.empty((size, width))
    for a in range(size):
        for b in range(size):
            block[a, b] = constraint_entry(U, scale, k, m, free[a], basis[dense[b]])
        for c in range(width - 1):
            rhs[a, c] = constraint_entry(U, scale, k, m, free[a], columns[c])
        rhs[a, width - 1] = 1.0
    # Gaussian elimination with partial pivoting on [block | rhs]
    for p in range(size):
        best, arg = abs(block[p, p]), p
        for a in range(p + 1, size):
            if abs(block[a, p]) > best:
                best, arg = abs(block[a, p]), a
        if arg != p:
            for b in range(size):
                block[p, b], block[arg, b] = block[arg, b], block[p, b]
            for c in range(width):
                rhs[p, c], rhs[arg, c] = rhs[arg, c], rhs[p, c]
        for a in range(p + 1, size):
            factor = block[a, p] / block[p, p]
            if factor != 0.0:
                for b in range(p + 1, size):
                    block[a, b] -= factor * block[p, b]
                for c in range(width):
                    rhs[a, c] -= factor * rhs[p, c]
    for p in range(size - 1, -1, -1):
        for a in range(p + 1, size):
            factor = block[p, a]
            if factor != 0.0:
                for c in range(width):
                    rhs[p, c] -= factor * rhs[a, c]
        for c in range(width):
            rhs[p, c] /= block[p, p]
    for b in range(size):
        for c in range(width):
            tab[dense[b], c] = rhs[b, c]
    row = np.empty(width)
    for r in range(height):
        u = slack_row(k, m, basis[r])
        if u < 0:
            continue
        for c in range(width - 1):
            row[c] = constraint_entry(U, scale, k, m, u, columns[c])
        row[width - 1] = 1.0
        for b in range(size):
            factor = constraint_entry(U, scale, k, m, u, basis[dense[b]])
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
    payoffs,
    scales,
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
    nonbasic, else ``-(row + 1)``) describe tableau ``k``; ``payoffs[k]`` is
    the payoff matrix it was built from (``B`` for P, ``A`` for Q) and
    ``scales[k]`` that matrix's map onto ``[0, 1]``. Tableaux, bases and
    ``where`` are updated in place. Returns ``(status, pivots)``; status 0:
    the path ended, 1: ``max_iter`` pivots done, 2: a cycle, 3: an unbounded
    edge.

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
                    tableaux[k], bases[k], where[k], payoffs[k], scales[k], k, m
                )
        entering = leaving
        which = 1 - which
    return 1, max_iter


@_jit
def solve_path(A, B, label, max_iter, refactor_every, keys, tols):
    """One whole float run of Lemke–Howson from ``label`` on ``(A, B)``:
    tableaux, path (:func:`path_kernel`), equilibrium and certificate.

    Returns ``(status, pivots, x, y, values, regrets)``: status as
    :func:`path_kernel`'s; when the path ended (status 0), ``x`` and ``y``
    are the normalized strategies, ``values`` each player's expected payoff
    and ``regrets`` each player's largest gain from a pure deviation
    (``A y`` and ``x^T B``: one matrix-vector product per player); else
    these arrays are empty.
    """
    m, n = A.shape
    tab_p, tab_q, scales = initial_tableaux(A, B)
    bases = (np.arange(m, m + n), np.arange(m))
    where = (np.empty(m + n, np.int64), np.empty(m + n, np.int64))
    for i in range(m):  # x_i is nonbasic in P's tableau, r_i basic in Q's
        where[0][i] = i
        where[1][i] = -(i + 1)
    for j in range(n):
        where[0][m + j] = -(j + 1)
        where[1][m + j] = j
    status, pivots = path_kernel(
        (tab_p, tab_q),
        bases,
        where,
        (B, A),
        scales,
        0 if label < m else 1,
        label,
        label,
        max_iter,
        refactor_every,
        keys,
        tols,
    )
    x = np.zeros(m if status == 0 else 0)
    y = np.zeros(n if status == 0 else 0)
    values = np.zeros(2)
    regrets = np.zeros(2)
    if status != 0:
        return status, pivots, x, y, values, regrets
    for r in range(n):
        if bases[0][r] < m:
            x[bases[0][r]] = max(tab_p[r, m], 0.0)
    for r in range(m):
        if bases[1][r] >= m:
            y[bases[1][r] - m] = max(tab_q[r, n], 0.0)
    x /= x.sum()
    y /= y.sum()
    best = np.full(2, -np.inf)
    for i in range(m):
        value = 0.0
        for j in range(n):
            value += A[i, j] * y[j]
        values[0] += x[i] * value
        best[0] = max(best[0], value)
    column_values = np.zeros(n)  # x^T B, row by row (B is C-ordered)
    for i in range(m):
        for j in range(n):
            column_values[j] += x[i] * B[i, j]
    for j in range(n):
        values[1] += y[j] * column_values[j]
        best[1] = max(best[1], column_values[j])
    for k in range(2):
        regrets[k] = max(best[k] - values[k], 0.0)
    return status, pivots, x, y, values, regrets
