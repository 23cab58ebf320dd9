"""Compiled kernels of the vertex enumeration, used when numba is installed.

Two searches over the feasible bases of ``{z >= 0 : C z <= 1}`` and the
partner solve of :mod:`stratgame.solvers.enumeration`, written as plain loops
compiled by numba (cached on disk). This module imports numba, so it is itself
imported only when needed.

Both searches are breadth-first (Dantzig, Orden & Wolfe 1955; von Stengel
2007, Section 3.7) and *resumable*: :func:`advance` runs at most a given
number of pivots and returns, so the caller can check for Ctrl-C between
chunks, and the memory they hold is checked against a budget before anything
grows. Only the tableaux of the frontier are kept; every discovered basis is
recorded by its basic variables and their values.

- **Float search** (``float64`` tableau, plain minimum-ratio test). It is only
  trusted on a polytope it can certify as simple: every basic variable of
  every visited basis must stay at least ``delta`` above zero. A tie in the
  ratio test, a degenerate vertex or rounding large enough to matter all show
  up as a basic value near zero, and the search stops with status
  ``DOUBTFUL`` instead of guessing.
- **Exact search** (``int64`` tableau, integer pivoting in which each pivot
  divides exactly by the previous pivot element; Edmonds 1967, as in Avis's
  lrs; lexicographic minimum-ratio test by cross-multiplication). Every
  entry is a minor of the integer matrix, and the search stops with status
  ``OVERFLOW`` as soon as one reaches ``2**31`` (products then still fit in
  64 bits), so the caller can continue in Python integers.
"""

from __future__ import annotations

import math

import numba
import numpy as np

__all__ = ["DONE", "DOUBTFUL", "OVERFLOW", "OVER_BUDGET", "advance", "start"]

RUNNING, DONE, DOUBTFUL, OVER_BUDGET, OVERFLOW, NEED_ROOM, NOT_INTEGRAL = range(7)
BITS = 62  # variables per mask word: a word never has its sign bit set
_PIVOT_EPS = 1e-11
_INT_LIMIT = 1 << 31


@numba.njit(cache=True)
def _hash(words):
    """splitmix64's finalizer, folding in one word at a time (for one word,
    the hash :func:`_slot1` uses)."""
    h = np.uint64(0)
    for w in words:
        h ^= np.uint64(w)
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


@numba.njit(cache=True)
def _slot(table, masks, key):
    """Where ``key`` is in the open-addressing ``table`` (rows: an index into
    ``masks``, -1 when free, and the key's first word, compared first so a
    probe rarely reads ``masks``), or the free slot where it goes."""
    size_mask = np.uint64(table.shape[0] - 1)
    i = _hash(key) & size_mask
    while True:
        index = table[i, 0]
        if index == -1:
            return i
        if table[i, 1] == key[0]:
            same = True
            for w in range(1, len(key)):
                if masks[index, w] != key[w]:
                    same = False
                    break
            if same:
                return i
        i = (i + np.uint64(1)) & size_mask


@numba.njit(cache=True, inline="always")
def _slot1(table, key):
    """:func:`_slot` for one-word keys (splitmix64's finalizer as hash)."""
    h = np.uint64(key)
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    size_mask = np.uint64(table.shape[0] - 1)
    i = h & size_mask
    while table[i, 0] != -1 and table[i, 1] != key:
        i = (i + np.uint64(1)) & size_mask
    return i


@numba.njit(cache=True)
def _insert(table, slot, index, key):
    table[slot, 0] = index
    table[slot, 1] = key[0]


@numba.njit(cache=True)
def _rehash(table, masks, n_found):
    bigger = np.full((2 * table.shape[0], 2), -1, dtype=np.int64)
    for index in range(n_found):
        _insert(bigger, _slot(bigger, masks, masks[index]), index, masks[index])
    return bigger


@numba.njit(cache=True, inline="always")
def _float_leaving_row(Q, t, entering):
    """The first row of minimum ratio for column ``entering`` of tableau
    ``Q[t]``, or -1 (indexing ``Q`` directly: no views in the hot loop)."""
    k, width = Q.shape[1], Q.shape[2]
    best = np.inf
    row = -1
    for i in range(k):
        if Q[t, i, entering] > _PIVOT_EPS:
            ratio = Q[t, i, width - 1] / Q[t, i, entering]
            if ratio < best:
                best = ratio
                row = i
    return row


@numba.njit(cache=True, inline="always")
def _int_leaving_row(Q, t, entering, first_slack):
    """The lexicographic minimum-ratio row (keys: right-hand side, then the
    slack columns) for column ``entering`` of ``Q[t]``, by cross-multiplying."""
    k, width = Q.shape[1], Q.shape[2]
    row = -1
    for i in range(k):
        if Q[t, i, entering] <= 0:
            continue
        if row < 0:
            row = i
            continue
        pa, pb = Q[t, i, entering], Q[t, row, entering]
        c = width - 1
        while True:
            left, right = Q[t, i, c] * pb, Q[t, row, c] * pa
            if left != right:
                if left < right:
                    row = i
                break
            c = first_slack if c == width - 1 else c + 1
            if c == width - 1:
                break
    return row


@numba.njit(cache=True, inline="always")
def _float_pivot(Q, src, dst, row, entering, pivot_row):
    """Pivot ``Q[src]`` into ``Q[dst]`` in floating point (``pivot_row``: a
    scratch vector of the tableau's width)."""
    k, width = Q.shape[1], Q.shape[2]
    p = Q[src, row, entering]
    for j in range(width):
        pivot_row[j] = Q[src, row, j] / p
    for i in range(k):
        factor = Q[src, i, entering]
        if i == row:
            for j in range(width):
                Q[dst, i, j] = pivot_row[j]
        elif factor == 0.0:
            for j in range(width):
                Q[dst, i, j] = Q[src, i, j]
        else:
            for j in range(width):
                Q[dst, i, j] = Q[src, i, j] - factor * pivot_row[j]


@numba.njit(cache=True, inline="always")
def _pivot(Q, src, dst, row, entering, det, integer):
    """Pivot ``Q[src]`` into ``Q[dst]``; returns the new determinant
    (integer pivoting) and whether every entry stayed below ``2**31``."""
    k, width = Q.shape[1], Q.shape[2]
    p = Q[src, row, entering]
    if integer:
        ok = True
        for j in range(width):
            Q[dst, row, j] = Q[src, row, j]
        for i in range(k):
            if i == row:
                continue
            factor = Q[src, i, entering]
            for j in range(width):
                value = (Q[src, i, j] * p - factor * Q[src, row, j]) // det
                Q[dst, i, j] = value
                if value >= _INT_LIMIT or value <= -_INT_LIMIT:
                    ok = False
        return p, ok
    for j in range(width):
        Q[dst, row, j] = Q[src, row, j] / p
    for i in range(k):
        if i == row:
            continue
        factor = Q[src, i, entering]
        for j in range(width):
            Q[dst, i, j] = Q[src, i, j] - factor * Q[dst, row, j]
    return det, True


@numba.njit(cache=True)
def _bytes(masks, bases, values, dets, table, qtab, qdet):
    return (
        masks.nbytes
        + bases.nbytes
        + values.nbytes
        + dets.nbytes
        + table.nbytes
        + qtab.nbytes
        + qdet.nbytes
    )


@numba.njit(cache=True)
def _grow_found(masks, bases, values, dets):
    cap = 2 * len(masks)
    new_masks = np.empty((cap, masks.shape[1]), dtype=np.int64)
    new_masks[: len(masks)] = masks
    new_bases = np.empty((cap, bases.shape[1]), dtype=np.int64)
    new_bases[: len(bases)] = bases
    new_values = np.empty((cap, values.shape[1]), dtype=values.dtype)
    new_values[: len(values)] = values
    new_dets = np.empty(cap, dtype=np.int64)
    new_dets[: len(dets)] = dets
    return new_masks, new_bases, new_values, new_dets


@numba.njit(cache=True)
def _room(
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, max_bytes
):
    """Make room for one more basis and its tableau, within ``max_bytes``:
    the (possibly regrown) arrays, the new ``q_base``, and False when the
    budget does not allow it."""
    held = _bytes(masks, bases, values, dets, table, qtab, qdet)
    if n_found == len(masks):
        extra = masks.nbytes + bases.nbytes + values.nbytes + dets.nbytes
        if held + extra > max_bytes:
            return masks, bases, values, dets, qtab, qdet, q_base, False
        masks, bases, values, dets = _grow_found(masks, bases, values, dets)
        held += extra
    if n_found - q_base == len(qtab):
        # drop the tableaux already processed when they are at least half
        # (or past the budget), else grow
        done = head - q_base
        if 2 * done >= len(qtab) or held + qtab.nbytes + qdet.nbytes > max_bytes:
            if done == 0:
                return masks, bases, values, dets, qtab, qdet, q_base, False
            live = n_found - head
            qtab[:live] = qtab[head - q_base : n_found - q_base].copy()
            qdet[:live] = qdet[head - q_base : n_found - q_base].copy()
            q_base = head
        else:
            k, width = qtab.shape[1], qtab.shape[2]
            grown = np.empty((2 * len(qtab), k, width), dtype=qtab.dtype)
            grown[: len(qtab)] = qtab
            grown_det = np.empty(2 * len(qtab), dtype=np.int64)
            grown_det[: len(qtab)] = qdet
            qtab, qdet = grown, grown_det
    return masks, bases, values, dets, qtab, qdet, q_base, True


@numba.njit(cache=True)
def _explore(
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
    integer, delta, max_pivots,
):  # fmt: skip
    """The search loop over arrays that stay in place: it returns
    ``(n_found, head, status, pivots)`` with status ``NEED_ROOM`` before a
    new basis would not fit (the caller grows the arrays and calls again: the
    basis at ``head`` is explored again, its known neighbours skipped). No
    array changes identity inside the loop, so the compiled loop does no
    reference counting."""
    width = qtab.shape[2]
    k = qtab.shape[1]
    n_vars = width - 1
    n_words = masks.shape[1]
    key = np.empty(n_words, dtype=np.int64)
    basic = np.zeros(n_vars, dtype=np.bool_)
    pivot_row = np.empty(width)
    pivots = 0
    status = DONE
    while head < n_found and status == DONE:
        if pivots >= max_pivots:
            status = RUNNING
            break
        det = qdet[head - q_base]
        basic[:] = False
        for r in range(k):
            basic[bases[head, r]] = True
        for entering in range(n_vars):
            if basic[entering]:
                continue
            src = head - q_base
            if integer:
                row = _int_leaving_row(qtab, src, entering, d)
            else:
                row = _float_leaving_row(qtab, src, entering)
            if row < 0:
                if not integer:  # a bounded polytope: rounding went wrong
                    status = DOUBTFUL
                    break
                continue
            leaving = bases[head, row]
            if n_words == 1:  # one machine word: no key array in the hot loop
                key0 = masks[head, 0] ^ (1 << leaving) ^ (1 << entering)
                slot = _slot1(table, key0)
            else:
                for w in range(n_words):
                    key[w] = masks[head, w]
                key[leaving // BITS] ^= 1 << (leaving % BITS)
                key[entering // BITS] ^= 1 << (entering % BITS)
                slot = _slot(table, masks, key)
                key0 = key[0]
            if table[slot, 0] != -1:
                continue
            if (
                n_found == len(masks)
                or n_found - q_base == len(qtab)
                or 2 * (n_found + 1) >= len(table)
            ):
                status = NEED_ROOM
                break
            dst = n_found - q_base
            if integer:
                new_det, in_range = _pivot(qtab, src, dst, row, entering, det, True)
            else:
                _float_pivot(qtab, src, dst, row, entering, pivot_row)
                new_det, in_range = det, True
            pivots += 1
            if not in_range:
                status = OVERFLOW
                break
            if not integer:
                lowest = np.inf
                for i in range(k):
                    lowest = min(lowest, qtab[dst, i, width - 1])
                if lowest < delta:
                    status = DOUBTFUL
                    break
            qdet[dst] = new_det
            if n_words == 1:
                masks[n_found, 0] = key0
            else:
                masks[n_found] = key
            for i in range(k):
                bases[n_found, i] = bases[head, i]
                values[n_found, i] = qtab[dst, i, width - 1]
            bases[n_found, row] = entering
            dets[n_found] = new_det
            table[slot, 0] = n_found
            table[slot, 1] = key0
            n_found += 1
        if status == DONE:
            head += 1
    return n_found, head, status, pivots


@numba.njit(cache=True, inline="always")
def _advance_body(
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
    integer, delta, max_pivots, max_bytes,
):  # fmt: skip
    """At most ``max_pivots`` pivots of :func:`_explore`, growing the arrays
    (within ``max_bytes``) whenever it needs room."""
    left = max_pivots
    while True:
        n_found, head, status, pivots = _explore(
            masks, bases, values, dets, table, qtab, qdet, n_found, head,
            q_base, d, integer, delta, left,
        )  # fmt: skip
        left -= pivots
        if status != NEED_ROOM:
            break
        if 2 * (n_found + 1) >= len(table):
            held = _bytes(masks, bases, values, dets, table, qtab, qdet)
            if held + table.nbytes > max_bytes:
                status = OVER_BUDGET
                break
            table = _rehash(table, masks, n_found)
        if n_found == len(masks) or n_found - q_base == len(qtab):
            masks, bases, values, dets, qtab, qdet, q_base, ok = _room(
                masks, bases, values, dets, table, qtab, qdet,
                n_found, head, q_base, max_bytes,
            )  # fmt: skip
            if not ok:
                status = OVER_BUDGET
                break
    return (
        masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base,
        status,
    )  # fmt: skip


@numba.njit(cache=True)
def _advance_float(
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
    delta, max_pivots, max_bytes,
):  # fmt: skip
    """The float search (the integer branches compiled away)."""
    return _advance_body(
        masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
        False, delta, max_pivots, max_bytes,
    )  # fmt: skip


@numba.njit(cache=True)
def _advance_int(
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
    max_pivots, max_bytes,
):  # fmt: skip
    """The integer-pivoting search."""
    return _advance_body(
        masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base, d,
        True, 0.0, max_pivots, max_bytes,
    )  # fmt: skip


@numba.njit(cache=True)
def _initial(C):
    """The arrays of a search's first state: the origin, every slack basic
    (values and tableaux in ``C``'s dtype: float64, or int64 for integer
    pivoting)."""
    k, d = C.shape
    n_vars = d + k
    n_words = (n_vars + BITS - 1) // BITS
    cap = 16
    masks = np.zeros((cap, n_words), dtype=np.int64)
    for v in range(d, n_vars):
        masks[0, v // BITS] |= 1 << (v % BITS)
    bases = np.zeros((cap, k), dtype=np.int64)
    values = np.zeros((cap, k), dtype=C.dtype)
    qtab = np.zeros((cap, k, n_vars + 1), dtype=C.dtype)
    qtab[0, :, :d] = C
    for r in range(k):
        bases[0, r] = d + r
        values[0, r] = 1
        qtab[0, r, d + r] = 1
        qtab[0, r, n_vars] = 1
    dets = np.ones(cap, dtype=np.int64)
    qdet = np.ones(cap, dtype=np.int64)
    table = np.full((256, 2), -1, dtype=np.int64)
    _insert(table, _slot(table, masks, masks[0]), 0, masks[0])
    return masks, bases, values, dets, table, qtab, qdet


def start(C, integer):
    """The initial state of a search of ``{z >= 0 : C z <= 1}``: the origin,
    all slacks basic. ``C`` is ``(k, d)``, float64 or (integer) int64."""
    C = np.ascontiguousarray(C, dtype=np.int64 if integer else np.float64)
    return [*_initial(C), 1, 0, 0]


def advance(state, d, integer, delta, max_pivots, max_bytes):
    """Run at most ``max_pivots`` pivots of the search; returns the new state
    (as :func:`start` makes it) and the status: ``RUNNING``, ``DONE``,
    ``DOUBTFUL`` (float), ``OVERFLOW`` (integer) or ``OVER_BUDGET``.

    Examples
    --------
    >>> import numpy as np
    >>> state = start(np.array([[1.0, 2.0], [2.0, 1.0]]), False)
    >>> state, status = advance(state, 2, False, 1e-9, 10**6, 10**8)
    >>> status == DONE, state[7]  # the four vertices of a quadrilateral
    (True, 4)
    """
    masks, bases, values, dets, table, qtab, qdet, n_found, head, q_base = state
    arrays = (masks, bases, values, dets, table, qtab, qdet)
    if integer:
        out = _advance_int(
            *arrays, n_found, head, q_base, d, int(max_pivots), int(max_bytes)
        )
    else:
        out = _advance_float(
            *arrays, n_found, head, q_base, d, float(delta), int(max_pivots),
            int(max_bytes),
        )  # fmt: skip
    return list(out[:10]), out[10]


@numba.njit(cache=True)
def _eliminate(M, size, width):
    """Gaussian elimination with partial pivoting of the first ``size`` rows
    and columns of ``M`` (its first ``width`` columns carried along, e.g. a
    right-hand side), in place; returns the determinant (0.0 when a pivot
    vanishes)."""
    det = 1.0
    for col in range(size):
        pivot_row = col
        for a in range(col + 1, size):
            if abs(M[a, col]) > abs(M[pivot_row, col]):
                pivot_row = a
        if pivot_row != col:
            for b in range(width):
                M[col, b], M[pivot_row, b] = M[pivot_row, b], M[col, b]
            det = -det
        det *= M[col, col]
        if M[col, col] == 0.0:
            return 0.0
        for a in range(col + 1, size):
            factor = M[a, col] / M[col, col]
            for b in range(col, width):
                M[a, b] -= factor * M[col, b]
    return det


@numba.njit(cache=True)
def _partners(U, own, best, delta):
    """Loop version of :func:`stratgame.solvers.enumeration._solve_partners`:
    the same equations, the same doubt tests, the same status codes."""
    n_vert = own.shape[0]
    n_own, k = U.shape
    low = U.min()
    span = max(U.max() - low, 1e-300)
    partners = np.zeros((n_vert, k))
    status = np.zeros(n_vert, dtype=np.int64)
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
        if t != s:
            status[v] = 2
            continue
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
        det = _eliminate(M, size, size + 1)
        if abs(det) <= delta * bound:
            status[v] = 2
            continue
        for a in range(size - 1, -1, -1):
            total = M[a, size]
            for b in range(a + 1, size):
                total -= M[a, b] * solution[b]
            solution[a] = total / M[a, a]
        verdict = 1
        for b in range(s):
            if abs(solution[b]) < delta:
                verdict = 2
            elif solution[b] < 0 and verdict == 1:
                verdict = 0
        if verdict == 1:
            for i in range(n_own):
                if own[v, i]:
                    continue
                gain = -solution[s]
                for b in range(s):
                    gain += (U[i, J[b]] - low) / span * solution[b]
                if abs(gain) < delta:
                    verdict = 2
                    break
                if gain > 0:
                    verdict = 0
        status[v] = verdict
        if verdict == 1:
            for b in range(s):
                partners[v, J[b]] = solution[b]
    return partners, status


def compiled_partners(U, own, best, delta):
    """The compiled partner solve: the contract of
    :func:`stratgame.solvers.enumeration._solve_partners`."""
    return _partners(
        np.ascontiguousarray(U, dtype=np.float64),
        np.ascontiguousarray(own, dtype=np.bool_),
        np.ascontiguousarray(best, dtype=np.bool_),
        float(delta),
    )


@numba.njit(cache=True)
def _det_sign(M, delta):
    """Sign of ``det(M)`` by Gaussian elimination with partial pivoting, or 0
    when ``|det(M)|`` is within ``delta`` of Hadamard's bound."""
    size = M.shape[0]
    bound = 1.0
    for a in range(size):
        norm = 0.0
        for b in range(size):
            norm += M[a, b] * M[a, b]
        bound *= np.sqrt(norm)
    det = _eliminate(M, size, size)
    if abs(det) <= delta * bound:
        return 0
    return 1 if det > 0 else -1


@numba.njit(cache=True)
def _index_sum(A, B, xs, ys, delta):
    m, n = A.shape
    rows = np.empty(m, dtype=np.int64)
    cols = np.empty(n, dtype=np.int64)
    total = 0
    for e in range(xs.shape[0]):
        s = 0
        for i in range(m):
            if xs[e, i] > 0:
                rows[s] = i
                s += 1
        t = 0
        for j in range(n):
            if ys[e, j] > 0:
                cols[t] = j
                t += 1
        if s != t:
            return 0, False
        sign = 1 if s % 2 == 1 else -1
        for U in (A, B):
            M = np.empty((s, s))
            for a in range(s):
                for b in range(s):
                    M[a, b] = U[rows[a], cols[b]]
            factor = _det_sign(M, delta)
            if factor == 0:
                return 0, False
            sign *= factor
        total += sign
    return total, True


def index_sum(A, B, xs, ys, delta):
    """The compiled Shapley index sum: the contract of
    :func:`stratgame.solvers.enumeration._index_sum`."""
    total, ok = _index_sum(
        np.ascontiguousarray(A, dtype=np.float64),
        np.ascontiguousarray(B, dtype=np.float64),
        np.ascontiguousarray(xs, dtype=np.float64),
        np.ascontiguousarray(ys, dtype=np.float64),
        float(delta),
    )
    return int(total) if ok else None


@numba.njit(cache=True)
def _positive(X):
    """:func:`stratgame.games.scaling.positive_float` in a loop: ``X`` mapped
    by powers of two and a shift into ``[1/2, 2)`` (ones when constant)."""
    top = 0.0
    for v in X.flat:
        top = max(top, abs(v))
    out = np.ones(X.shape)
    if top == 0.0:
        return out
    exponent = math.frexp(top)[1]
    low, high = np.inf, -np.inf
    for v in X.flat:
        w = math.ldexp(v, -exponent)
        low, high = min(low, w), max(high, w)
    span = high - low
    if span == 0.0:
        return out
    shift = math.frexp(span)[1]
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            w = math.ldexp(X[i, j], -exponent)
            out[i, j] = math.ldexp(w - low, -shift) + math.ldexp(span, -shift)
    return out


@numba.njit(cache=True)
def _values(A, B, ranges, xs, ys):
    """For profiles ``(xs[e], ys[e])`` of the bimatrix game ``(A, B)``: the
    payoffs ``(E, 2)``, the largest regret of each profile (the loops of
    :func:`stratgame.solvers.certify.bimatrix_values`) and the largest regret
    relative to the player's payoff range (``ranges``; 0 for a constant
    player, as :func:`stratgame.solvers.certify.relative_regrets`)."""
    n_eq = xs.shape[0]
    m, n = A.shape
    payoffs = np.empty((n_eq, 2))
    worst = np.zeros(n_eq)
    relative = np.zeros(n_eq)
    row_values = np.empty(m)
    col_values = np.empty(n)
    for e in range(n_eq):
        for i in range(m):
            total = 0.0
            for j in range(n):
                total += A[i, j] * ys[e, j]
            row_values[i] = total
        for j in range(n):
            total = 0.0
            for i in range(m):
                total += xs[e, i] * B[i, j]
            col_values[j] = total
        for player, own, values in ((0, xs, row_values), (1, ys, col_values)):
            payoff = 0.0
            best = -np.inf
            for a in range(values.shape[0]):
                payoff += own[e, a] * values[a]
                best = max(best, values[a])
            payoffs[e, player] = payoff
            regret = max(best - payoff, 0.0)
            worst[e] = max(worst[e], regret)
            if ranges[player] > 0:
                relative[e] = max(relative[e], regret / ranges[player])
    return payoffs, worst, relative


@numba.njit(cache=True)
def _descending(xs, ys):
    """The order of the profiles by player 1's strategy, then player 2's,
    largest first (a stable insertion sort: there are few)."""
    n_eq, m = xs.shape
    n = ys.shape[1]
    order = np.arange(n_eq)
    for a in range(1, n_eq):
        e = order[a]
        b = a
        while b > 0:
            f = order[b - 1]
            before = False  # does profile e come before profile f?
            decided = False
            for i in range(m + n):
                u = xs[e, i] if i < m else ys[e, i - m]
                v = xs[f, i] if i < m else ys[f, i - m]
                if u != v:
                    before, decided = u > v, True
                    break
            if not decided or not before:
                break
            order[b] = f
            b -= 1
        order[b] = e
    return order


@numba.njit(cache=True)
def _float_enumerate(A, B, ranges, delta, max_bytes):
    """The whole certified float path of
    :func:`stratgame.solvers.enumeration._float_search` for one game, in one
    compiled call: the smaller player's polytope searched (stopping at the
    first basic value below ``delta``), each vertex's partner solved, the
    Shapley index sum checked, then each equilibrium's payoffs and regrets
    (:func:`_values`, ``ranges``: the players' payoff ranges), in the order of
    :func:`_descending`. Returns ``(status, xs, ys, payoffs, worst,
    relative)``: ``DONE`` with the equilibria, else ``DOUBTFUL`` or
    ``OVER_BUDGET`` (and no profiles)."""
    m, n = A.shape
    positive_a, positive_b = _positive(A), _positive(B)
    own_is_row = m <= n
    if own_is_row:
        C = positive_b.T.copy()
        U = A.copy()
    else:
        C = positive_a.copy()
        U = B.T.copy()
    k, d = C.shape
    no_xs, no_ys, no_values = np.zeros((0, m)), np.zeros((0, n)), np.zeros((0, 2))
    nothing = no_xs, no_ys, no_values, np.zeros(0), np.zeros(0)
    # the search, from the origin with every slack basic
    masks, bases, values, dets, table, qtab, qdet = _initial(C)
    state = _advance_float(
        masks, bases, values, dets, table, qtab, qdet,
        1, 0, 0, d, delta, 1 << 60, max_bytes,
    )  # fmt: skip
    bases, values, n_found, status = state[1], state[2], state[7], state[10]
    if status != DONE:
        return (status, *nothing)
    # each nonzero vertex: its support and its partner's possible support
    own = np.zeros((n_found, d), dtype=np.bool_)
    best = np.zeros((n_found, k), dtype=np.bool_)
    points = np.zeros((n_found, d))
    count = 0
    for b in range(n_found):
        basic_point = False
        for r in range(k):
            if bases[b, r] < d:
                basic_point = True
        if not basic_point:
            continue
        for j in range(k):
            best[count, j] = True
        for r in range(k):
            v = bases[b, r]
            if v < d:
                own[count, v] = True
                points[count, v] = values[b, r]
            else:
                best[count, v - d] = False
        count += 1
    partners, verdicts = _partners(U, own[:count], best[:count], delta)
    n_eq = 0
    for v in range(count):
        if verdicts[v] == 2:
            return (DOUBTFUL, *nothing)
        n_eq += verdicts[v] == 1
    own_found = np.zeros((n_eq, d))
    partner_found = np.zeros((n_eq, k))
    e = 0
    for v in range(count):
        if verdicts[v] != 1:
            continue
        total = 0.0
        for i in range(d):
            total += points[v, i]
        for i in range(d):
            own_found[e, i] = points[v, i] / total
        partner_found[e] = partners[v]
        e += 1
    if own_is_row:
        xs, ys = own_found, partner_found
    else:
        xs, ys = partner_found, own_found
    total, ok = _index_sum(positive_a, positive_b, xs, ys, delta)
    if not ok or total != 1:
        return (DOUBTFUL, *nothing)
    order = _descending(xs, ys)
    xs, ys = xs[order], ys[order]
    return (DONE, xs, ys, *_values(A, B, ranges, xs, ys))


def float_enumerate(A, B, delta, max_bytes=1 << 40, ranges=None):
    """The compiled float path for one small game: ``(status, xs, ys,
    payoffs, worst, relative)``, with the equilibria in canonical order when
    ``status == DONE`` (floating point certified them), else ``DOUBTFUL`` or
    ``OVER_BUDGET`` (see :func:`_float_enumerate`). ``ranges``: the players'
    payoff ranges (default: computed from ``A`` and ``B``).

    Examples
    --------
    >>> import numpy as np
    >>> A, B = np.array([[3.0, 0], [0, 2]]), np.array([[2.0, 0], [0, 3]])
    >>> status, xs, ys, payoffs, worst, relative = float_enumerate(A, B, 1e-9)
    >>> status == DONE, len(xs)  # battle of the sexes: two pure, one mixed
    (True, 3)
    >>> payoffs[1].tolist()  # the mixed one
    [1.2, 1.2]
    """
    A = np.ascontiguousarray(A, dtype=np.float64)
    B = np.ascontiguousarray(B, dtype=np.float64)
    if ranges is None:
        ranges = (np.ptp(A), np.ptp(B))
    return _float_enumerate(
        A, B, np.asarray(ranges, dtype=np.float64), float(delta), int(max_bytes)
    )


@numba.njit(cache=True)
def _exact_polytope(C, rotate, max_bytes):
    """The nonzero vertices of ``{z >= 0 : C z <= 1}`` (``C`` a positive
    int64 matrix, ``d + k <= BITS`` variables) by the integer-pivoting
    search: ``(status, numerators (V, d), label masks (V,))``, each vertex
    once with all its tight constraints as a bit mask (variable ``v`` tight:
    bit ``v``; ``rotate``: the ``d`` point variables go after the ``k``
    slacks, the numbering of the column player's labels)."""
    k, d = C.shape
    masks, bases, values, dets, table, qtab, qdet = _initial(C)
    state = _advance_int(
        masks, bases, values, dets, table, qtab, qdet,
        1, 0, 0, d, 1 << 60, max_bytes,
    )  # fmt: skip
    masks, bases, values, n_found, status = (
        state[0], state[1], state[2], state[7], state[10]
    )  # fmt: skip
    if status != DONE:
        return status, np.zeros((0, d), dtype=np.int64), np.zeros(0, dtype=np.int64)
    everything = (1 << (d + k)) - 1
    origin = ((1 << d) - 1) << k if rotate else (1 << d) - 1
    tight = np.empty(n_found, dtype=np.int64)
    for b in range(n_found):
        bits = everything ^ masks[b, 0]  # the nonbasic variables
        for r in range(k):
            if values[b, r] == 0:
                bits |= 1 << bases[b, r]
        if rotate:
            bits = (bits >> d) | ((bits & ((1 << d) - 1)) << k)
        tight[b] = bits
    order = np.argsort(tight, kind="mergesort")
    numerators = np.zeros((n_found, d), dtype=np.int64)
    labels = np.empty(n_found, dtype=np.int64)
    count = 0
    for a in range(n_found):
        b = order[a]
        if a > 0 and tight[b] == tight[order[a - 1]]:
            continue  # another basis of the same (degenerate) vertex
        if tight[b] & origin == origin:
            continue
        for r in range(k):
            if bases[b, r] < d:
                numerators[count, bases[b, r]] = values[b, r]
        labels[count] = tight[b]
        count += 1
    return DONE, numerators[:count], labels[:count]


@numba.njit(cache=True)
def _popcount(word):
    count = 0
    while word:
        word &= word - 1
        count += 1
    return count


@numba.njit(cache=True)
def _complementary(labels_x, labels_y, m, n):
    """Every pair ``(a, b)`` with ``labels_x[a] | labels_y[b]`` all ``m + n``
    labels: a vertex with exactly as many labels as dimensions pairs only
    with the vertex carrying exactly the other labels (binary search in the
    sorted masks), one with surplus labels is tested against every vertex."""
    full = (1 << (m + n)) - 1
    order = np.argsort(labels_y)
    sorted_y = labels_y[order]
    plain_y = np.zeros(len(labels_y), dtype=np.bool_)
    for b in range(len(labels_y)):
        plain_y[b] = _popcount(labels_y[b]) == n
    pairs_a, pairs_b = [], []
    for a in range(len(labels_x)):
        lx = labels_x[a]
        if _popcount(lx) == m:
            want = full ^ lx
            where = np.searchsorted(sorted_y, want)
            if where < len(sorted_y) and sorted_y[where] == want:
                pairs_a.append(a)
                pairs_b.append(order[where])
            for b in range(len(labels_y)):
                if not plain_y[b] and lx | labels_y[b] == full:
                    pairs_a.append(a)
                    pairs_b.append(b)
        else:
            for b in range(len(labels_y)):
                if lx | labels_y[b] == full:
                    pairs_a.append(a)
                    pairs_b.append(b)
    return np.array(pairs_a, dtype=np.int64), np.array(pairs_b, dtype=np.int64)


@numba.njit(cache=True)
def _first_seen_ids(keys):
    """Dense ids ``0, 1, ...`` of ``keys`` in order of first appearance."""
    ids = np.empty(len(keys), dtype=np.int64)
    seen = np.empty(len(keys), dtype=np.int64)
    n_seen = 0
    for e in range(len(keys)):
        ids[e] = -1
        for s in range(n_seen):
            if seen[s] == keys[e]:
                ids[e] = s
                break
        if ids[e] < 0:
            seen[n_seen] = keys[e]
            ids[e] = n_seen
            n_seen += 1
    return ids


@numba.njit(cache=True)
def _strategies(numerators):
    """Each row of integer numerators divided by its sum (the numbers are
    below ``2**53``, so each quotient is the correctly rounded float)."""
    out = np.empty(numerators.shape)
    for r in range(numerators.shape[0]):
        total = 0
        for i in range(numerators.shape[1]):
            total += numerators[r, i]
        for i in range(numerators.shape[1]):
            out[r, i] = numerators[r, i] / total
    return out


@numba.njit(cache=True)
def _integers(X):
    """The fast path of :func:`stratgame.games.scaling.positive_integer` in a
    loop: float ``X`` whose entries are integers of magnitude below
    ``2**52``, shifted to minimum 0, divided by the greatest common divisor,
    plus 1. Returns ``(ok, integers)``, not ok when an entry is not such an
    integer or a result reaches ``2**31``."""
    m, n = X.shape
    out = np.zeros((m, n), dtype=np.int64)
    low = np.inf
    for i in range(m):
        for j in range(n):
            v = X[i, j]
            if not abs(v) < 2.0**52 or math.floor(v) != v:
                return False, out
            low = min(low, v)
    divisor = 0
    for i in range(m):
        for j in range(n):
            out[i, j] = int(X[i, j] - low)  # exact: integers below 2**53
            a, b = divisor, out[i, j]
            while b:
                a, b = b, a % b
            divisor = a
    divisor = max(divisor, 1)
    for i in range(m):
        for j in range(n):
            out[i, j] = out[i, j] // divisor + 1
            if out[i, j] >= _INT_LIMIT:
                return False, out
    return True, out


@numba.njit(cache=True)
def _exact_enumerate(A, B, ranges, int_a, int_b, max_bytes):
    """The body of :func:`exact_enumerate`."""
    m, n = A.shape
    points_x, labels_x = np.zeros((0, m), dtype=np.int64), np.zeros(0, np.int64)
    points_y, labels_y = np.zeros((0, n), dtype=np.int64), np.zeros(0, np.int64)
    status = DONE
    if int_a.shape[0] == 0:  # scale the float payoffs here
        ok_a, int_a = _integers(A)
        ok_b, int_b = _integers(B)
        if not (ok_a and ok_b):
            status = NOT_INTEGRAL
    if status == DONE:
        status, points_x, labels_x = _exact_polytope(int_b.T.copy(), False, max_bytes)
    if status == DONE:
        status, points_y, labels_y = _exact_polytope(int_a, True, max_bytes)
    if status != DONE:
        points_x, labels_x = points_x[:0], labels_x[:0]
        points_y, labels_y = points_y[:0], labels_y[:0]
    ix, iy = _complementary(labels_x, labels_y, m, n)
    xs, ys = _strategies(points_x[ix]), _strategies(points_y[iy])
    order = _descending(xs, ys)
    xs, ys = xs[order], ys[order]
    x_ids = _first_seen_ids(labels_x[ix[order]])
    y_ids = _first_seen_ids(labels_y[iy[order]])
    payoffs, worst, _ = _values(A, B, ranges, xs, ys)
    return status, xs, ys, x_ids, y_ids, payoffs, worst


def exact_enumerate(A, B, ranges, int_a=None, int_b=None, max_bytes=1 << 40):
    """Every extreme equilibrium of a small bimatrix game ``(A, B)`` (float
    payoffs) in exact arithmetic, from the positive integer payoffs
    ``int_a``, ``int_b`` of the same game (entries below ``2**31``, ``m + n
    <= BITS``; by default scaled here from ``A`` and ``B`` when their entries
    are integers): both polytopes searched by integer pivoting, their
    vertices matched by complementary labels. Returns ``(status, xs, ys,
    x_ids, y_ids, payoffs, worst)``: the strategies rounded to floats in
    canonical order, the ids of their vertices (equal ids, equal
    strategies), each profile's payoffs (``ranges``: the players' payoff
    ranges) and largest regret; ``status`` is ``DONE``, ``NOT_INTEGRAL``
    (pass integers scaled in Python), ``OVERFLOW`` (an entry outgrew
    ``int64``: use Python integers) or ``OVER_BUDGET``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 1.0]])
    >>> B = np.array([[0.0, 1.0], [0.0, 1.0]])
    >>> status, xs, ys, x_ids, y_ids, payoffs, worst = exact_enumerate(A, B, (0, 1))
    >>> status == DONE, xs.tolist(), ys.tolist(), x_ids.tolist(), y_ids.tolist()
    (True, [[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]], [0, 1], [0, 0])
    """
    if int_a is None:
        int_a = int_b = np.zeros((0, 0), dtype=np.int64)
    return _exact_enumerate(
        np.ascontiguousarray(A, dtype=np.float64),
        np.ascontiguousarray(B, dtype=np.float64),
        np.asarray(ranges, dtype=np.float64),
        np.ascontiguousarray(int_a, dtype=np.int64),
        np.ascontiguousarray(int_b, dtype=np.int64),
        int(max_bytes),
    )
