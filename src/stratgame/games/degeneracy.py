"""Best-response polytopes of two-player games, their vertices and labels, and
degeneracy.

For a bimatrix game ``(A, B)`` with positive payoffs, the best-response
polytopes are (von Stengel 2007, Section 3.2; Avis et al. 2010)

    P = {x in R^m : x >= 0, B^T x <= 1},    Q = {y in R^n : A y <= 1, y >= 0}.

A point of either polytope has *labels*: label ``i < m`` when row ``i`` is
unplayed (``x_i = 0``) or a best response (``(A y)_i = 1``), label ``m + j``
when column ``j`` is a best response (``(B^T x)_j = 1``) or unplayed
(``y_j = 0``). Nash equilibria are the completely labelled pairs ``(x, y)``
other than ``(0, 0)``, normalized to probabilities.

A game is *degenerate* when some mixed strategy with support of size ``k`` has
more than ``k`` pure best responses (von Stengel 2007, Definition 3.2), that
is, when a point of ``P`` has more than ``m`` labels or a point of ``Q`` more
than ``n``. Such a point lies on a face whose vertices share its labels, so it
suffices to look at the vertices.

The vertices are found by a breadth-first search over the feasible bases
(Dantzig, Orden & Wolfe 1955; von Stengel 2007, Section 3.7). In floating
point (a level-synchronous search in numpy, or compiled kernels) the search
is trusted only on a polytope it certifies simple: every basic value must
stay at least :data:`DOUBT` above zero; otherwise it raises
:class:`Doubtful` and the caller decides exactly. In exact arithmetic the
search uses the lexicographic minimum-ratio test (the perturbed polytope is
simple, each vertex has one basis and ``d`` neighbours, and its vertex graph
is connected; every vertex of the original, possibly degenerate, polytope is
the image of at least one perturbed vertex, and its *full* set of tight
constraints is read off) with integer pivoting, each pivot dividing exactly
by the previous pivot element (Edmonds 1967; as in Avis's lrs), so ties and
tight constraints are decided exactly.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction

import numpy as np

from .._resources import memory_budget
from .._validation import check_real
from ..exceptions import InvalidGameError, InvalidParameterError, ResourceLimitError
from .scaling import positive_float, positive_integer

__all__ = ["best_response_vertices", "is_degenerate"]

_PIVOT_EPS = 1e-11
#: Float searches stop (and exact arithmetic decides) when a basic value of
#: the scaled polytope falls below this.
DOUBT = 1e-9
#: Pivots per call of a compiled search (Ctrl-C is honoured between calls).
_CHUNK_PIVOTS = 20_000
#: Integer pivoting runs compiled in int64 while entries stay below this.
_INT64_ENTRY_LIMIT = 1 << 31
#: Rough bytes a Python exact search holds per queued tableau entry and per
#: recorded basis.
_PY_ENTRY_BYTES = 40
_PY_BASIS_BYTES = 200


# ------------------------------------------------------------ float search
class Doubtful(Exception):
    """A float search met a basic value within ``delta`` of zero: a tie, a
    degenerate vertex or rounding that matters; only exact arithmetic can
    decide it."""


class _Overflow(Exception):
    """An ``int64`` integer-pivoting search outgrew its range."""


def _pack_bits(flags: np.ndarray) -> np.ndarray:
    """Pack a boolean matrix ``(N, L)`` into ``(N, ceil(L / 64))`` uint64 words."""
    n_rows, length = flags.shape
    n_words = max(1, -(-length // 64))
    padded = np.zeros((n_rows, 64 * n_words), dtype=bool)
    padded[:, :length] = flags
    packed = np.packbits(padded, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False)


def _as_keys(words: np.ndarray) -> np.ndarray:
    """One sortable key per row of packed words (uint64, or bytes when wider)."""
    if words.shape[1] == 1:
        return words[:, 0]
    words = np.ascontiguousarray(words)
    return words.view(np.dtype((np.void, 8 * words.shape[1]))).ravel()


def _flip_bits(words, leave, enter):
    """Basis words with variable ``leave`` removed and ``enter`` added."""
    out = words.copy()
    rows = np.arange(len(out))
    one = np.uint64(1)
    out[rows, leave // 64] ^= one << (leave % 64).astype(np.uint64)
    out[rows, enter // 64] ^= one << (enter % 64).astype(np.uint64)
    return out


def too_large(what: str, needed: str, max_bytes: int) -> ResourceLimitError:
    """The error for a computation past its memory budget: what needed more,
    the budget, and the methods that need less (``needed`` and
    ``max_bytes`` kept as attributes)."""
    error = ResourceLimitError(
        f"{what} needs more than the memory budget of {max_bytes / 2**20:.0f} MiB "
        f"({needed}). Pass a larger max_memory=, or use method='lemke_howson' "
        "(one equilibrium) or method='support_enumeration' with max_support= "
        "(equilibria with small supports)."
    )
    error.needed, error.max_bytes = needed, max_bytes
    return error


def _float_bases(C, delta, max_bytes):
    """Every basis of ``{z >= 0 : C z <= 1}``, by a level-synchronous
    breadth-first search in numpy with the plain minimum-ratio test: the
    basic variables ``(V, k)`` and their values ``(V, k)``. Raises
    :class:`Doubtful` when a basic value falls below ``delta`` (the polytope
    is then not certified simple)."""
    k, d = C.shape
    n_vars = d + k
    tableau = np.hstack([C, np.eye(k), np.ones((k, 1))])[None]
    basic = np.arange(d, n_vars)[None]
    nonbasic = np.arange(d)[None]
    start = np.zeros((1, n_vars), dtype=bool)
    start[0, d:] = True
    words = _pack_bits(start)
    seen = _as_keys(words)
    found, found_values = [basic], [tableau[:, :, -1]]
    n_found = 1
    while True:
        n_front = len(tableau)
        columns = tableau[np.arange(n_front)[:, None], :, nonbasic]
        positive = columns > _PIVOT_EPS
        ratios = np.where(
            positive,
            tableau[:, None, :, -1] / np.where(positive, columns, 1.0),
            np.inf,
        )
        rows = ratios.argmin(axis=-1)
        if not positive.any(axis=-1).all():
            raise Doubtful
        f_idx, e_idx = np.nonzero(np.ones(rows.shape, dtype=bool))
        r_idx = rows[f_idx, e_idx]
        leave = basic[f_idx, r_idx]
        enter = nonbasic[f_idx, e_idx]
        cand_words = _flip_bits(words[f_idx], leave, enter)
        cand_keys = _as_keys(cand_words)
        unique_keys, first = np.unique(cand_keys, return_index=True)
        where = np.minimum(np.searchsorted(seen, unique_keys), len(seen) - 1)
        first = first[seen[where] != unique_keys]
        if not len(first):
            break
        n_found += len(first)
        held = n_found * (16 * k + 16) + len(first) * (3 * 8 * k * (n_vars + 1))
        if held > max_bytes:
            raise too_large(
                "Enumerating the vertices of this best-response polytope",
                f"more than {n_found} bases",
                max_bytes,
            )
        f_idx, e_idx, r_idx = f_idx[first], e_idx[first], r_idx[first]
        sel = np.arange(len(first))
        old = tableau[f_idx]
        col = columns[f_idx, e_idx]
        pivot_row = old[sel, r_idx] / col[sel, r_idx][:, None]
        tableau = old - col[:, :, None] * pivot_row[:, None, :]
        tableau[sel, r_idx] = pivot_row
        if (tableau[:, :, -1] < delta).any():
            raise Doubtful
        basic = basic[f_idx].copy()
        basic[sel, r_idx] = enter[first]
        nonbasic = nonbasic[f_idx].copy()
        nonbasic[sel, e_idx] = leave[first]
        words = cand_words[first]
        seen = np.sort(np.concatenate([seen, _as_keys(words)]))
        found.append(basic)
        found_values.append(tableau[:, :, -1])
    return np.concatenate(found), np.concatenate(found_values)


def _reraise_interrupt(error: SystemError):
    """Ctrl-C during a compiled call reaches Python as a chain of
    ``SystemError`` around the ``KeyboardInterrupt``: raise that instead."""
    cause = error
    while cause is not None:
        if isinstance(cause, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        cause = cause.__cause__ or cause.__context__
    raise error


def _compiled_bases(engine, C, integer, delta, max_bytes):
    """Every basis found by the compiled search of ``engine`` (the module
    :mod:`stratgame.solvers._vertex_numba`), run in chunks so Ctrl-C stops it
    between them: basic variables, their values and (integer) determinants."""
    d = C.shape[1]
    state = engine.start(C, integer)
    while True:
        try:
            state, status = engine.advance(
                state, d, integer, delta, _CHUNK_PIVOTS, max_bytes
            )
        except SystemError as error:
            _reraise_interrupt(error)
        if status == engine.DONE:
            n_found = state[7]
            return state[1][:n_found], state[2][:n_found], state[3][:n_found]
        if status == engine.DOUBTFUL:
            raise Doubtful
        if status == engine.OVERFLOW:
            raise _Overflow
        if status == engine.OVER_BUDGET:
            raise too_large(
                "Enumerating the vertices of this best-response polytope",
                f"more than {state[7]} bases",
                max_bytes,
            )


def float_vertices(C, *, delta=DOUBT, engine=None, max_bytes=1 << 30):
    """The vertices ``(V, d)`` of ``{z >= 0 : C z <= 1}`` and their tight
    constraints ``(V, d + k)`` (column ``i < d`` for ``z_i = 0``, column
    ``d + j`` for ``(C z)_j = 1``), for a simple polytope certified by the
    float search; raises :class:`Doubtful` otherwise.

    ``C`` must be positive with entries between 1/2 and 2 (so that ``delta``
    means the same in every game). Each vertex has exactly one basis, and its
    tight constraints are its nonbasic variables.
    """
    k, d = C.shape
    if engine is None:
        basic, values = _float_bases(C, delta, max_bytes)
    else:
        basic, values, _ = _compiled_bases(engine, C, False, delta, max_bytes)
    n_found = len(basic)
    solution = np.zeros((n_found, d + k))
    solution[np.arange(n_found)[:, None], basic] = values
    tight = np.ones((n_found, d + k), dtype=bool)
    tight[np.arange(n_found)[:, None], basic] = False
    return solution[:, :d], tight


# ------------------------------------------------------------ exact search
def _lex_smaller(row_a, row_b, entering, key_columns) -> bool:
    """True when row ``a``'s ratio key ``row[c] / row[entering]`` (over
    ``key_columns``) is lexicographically below row ``b``'s. Both pivot
    entries are positive, so cross-multiplying keeps the order."""
    pa, pb = row_a[entering], row_b[entering]
    for c in key_columns:
        left, right = row_a[c] * pb, row_b[c] * pa
        if left != right:
            return left < right
    return False


def _exact_leaving_row(tableau, entering, key_columns):
    best = None
    for r, row in enumerate(tableau):
        if row[entering] > 0 and (
            best is None or _lex_smaller(row, tableau[best], entering, key_columns)
        ):
            best = r
    return best


def _integer_pivot(tableau, det, row, entering):
    """Pivot on ``tableau[row][entering]`` keeping integers: every division by
    the previous pivot ``det`` is exact. Returns the tableau and new ``det``."""
    pivot_row = tableau[row]
    p = pivot_row[entering]
    new = []
    for r, current in enumerate(tableau):
        if r == row:
            new.append(pivot_row)
            continue
        factor = current[entering]
        new.append(
            [
                (value * p - factor * other) // det
                for value, other in zip(current, pivot_row, strict=True)
            ]
        )
    return new, p


def _python_exact_vertices(C, max_bytes):
    """The search of :func:`exact_vertices` on Python integers."""
    k, d = len(C), len(C[0])
    n_vars = d + k
    tableau = [list(C[r]) + [int(r == j) for j in range(k)] + [1] for r in range(k)]
    key_columns = (n_vars, *range(d, n_vars))
    basis = tuple(range(d, n_vars))
    mask = sum(1 << v for v in basis)
    seen = {mask}
    queue = deque([(tableau, 1, basis, mask)])
    vertices = {}
    all_vars = (1 << n_vars) - 1
    per_tableau = _PY_ENTRY_BYTES * k * (n_vars + 1)
    while queue:
        if len(seen) % 256 == 0:
            held = len(queue) * per_tableau + len(seen) * _PY_BASIS_BYTES
            if held + len(vertices) * _PY_ENTRY_BYTES * d > max_bytes:
                raise too_large(
                    "Enumerating the vertices of this best-response polytope exactly",
                    f"more than {len(seen)} bases",
                    max_bytes,
                )
        tableau, det, basis, mask = queue.popleft()
        values = [row[-1] for row in tableau]
        tight = all_vars ^ mask
        for v, value in zip(basis, values, strict=True):
            if value == 0:
                tight |= 1 << v
        if tight not in vertices:
            point = [0] * d
            for v, value in zip(basis, values, strict=True):
                if v < d:
                    point[v] = value
            vertices[tight] = (point, det)
        for entering in range(n_vars):
            if mask >> entering & 1:
                continue
            row = _exact_leaving_row(tableau, entering, key_columns)
            if row is None:
                continue
            new_mask = mask ^ (1 << basis[row]) ^ (1 << entering)
            if new_mask in seen:
                continue
            seen.add(new_mask)
            new_tableau, new_det = _integer_pivot(tableau, det, row, entering)
            new_basis = (*basis[:row], entering, *basis[row + 1 :])
            queue.append((new_tableau, new_det, new_basis, new_mask))
    masks = list(vertices)
    tight = np.array(
        [[bool(m >> v & 1) for v in range(n_vars)] for m in masks], dtype=bool
    ).reshape(len(masks), n_vars)
    numerators = np.empty((len(masks), d), dtype=object)
    for r, m in enumerate(masks):
        numerators[r] = vertices[m][0]
    dets = np.array([vertices[m][1] for m in masks], dtype=object)
    return numerators, dets, tight


def _compiled_exact_vertices(engine, C, max_bytes):
    """The search of :func:`exact_vertices` compiled in ``int64``; raises
    :class:`_Overflow` when an entry outgrows it."""
    k, d = C.shape
    basic, values, dets = _compiled_bases(engine, C, True, 0.0, max_bytes)
    n_found = len(basic)
    rows = np.arange(n_found)[:, None]
    tight = np.ones((n_found, d + k), dtype=bool)
    tight[rows, basic] = values == 0
    _, first = np.unique(_as_keys(_pack_bits(tight)), return_index=True)
    first.sort()
    numerators = np.zeros((len(first), d), dtype=np.int64)
    is_point = basic[first] < d
    numerators[np.nonzero(is_point)[0], basic[first][is_point]] = values[first][
        is_point
    ]
    return numerators, dets[first], tight[first]


def exact_vertices(C, *, engine=None, max_bytes=1 << 30):
    """The vertices of ``{z >= 0 : C z <= 1}`` for a positive integer matrix
    ``C`` (list of lists), in exact arithmetic: integer numerators ``(V, d)``
    and denominators ``(V,)`` of the points (int64, or Python ints in object
    arrays), and their tight constraints ``(V, d + k)``, numbered as in
    :func:`float_vertices`. A degenerate vertex has several bases; each
    vertex is listed once, with all its tight constraints.

    With a compiled ``engine`` the search runs in ``int64`` while the entries
    allow it, else on Python integers.
    """
    if engine is not None and max(map(max, C)) < _INT64_ENTRY_LIMIT:
        try:
            return _compiled_exact_vertices(
                engine, np.array(C, dtype=np.int64), max_bytes
            )
        except _Overflow:
            pass
    return _python_exact_vertices(C, max_bytes)


# ------------------------------------------------------------ game interface
def _check_bimatrix(game, what: str):
    if game.n_players != 2:
        raise InvalidGameError(
            f"{what} is defined for two-player games; this game has "
            f"{game.n_players} players (shape {game.shape})."
        )


def best_response_vertices(
    game,
    player: int,
    *,
    exact: bool = False,
    tol: float = DOUBT,
    engine=None,
    max_memory=None,
):
    """The vertices of a player's best-response polytope, with their labels.

    For ``player=0`` this is ``P = {x >= 0 : B^T x <= 1}`` (vertices are
    scaled mixed strategies of the row player); for ``player=1`` it is
    ``Q = {y >= 0 : A y <= 1}``. The payoffs are first mapped by a positive
    affine transformation (which changes no best response) so that the
    polytope is bounded; divide a nonzero vertex by its sum for the mixed
    strategy.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with payoff matrices ``A`` and ``B``.
    player : {0, 1}
    exact : bool
        Return exact Fractions. Otherwise floats, but the labels are exact
        either way: the float search is used only when it certifies the
        polytope simple (see ``tol``); otherwise the vertices are found in
        exact arithmetic (payoffs taken exactly, floats bit for bit).
    tol : float
        Float only: the float search is trusted when every basic variable of
        every basis stays at least ``tol`` above zero (the payoffs scaled
        into ``[1/2, 2)``); a smaller value is a tie, a degenerate vertex or
        rounding that matters, and exact arithmetic decides.
    engine : module, optional
        Compiled kernels (:mod:`stratgame.solvers._vertex_numba`); None
        searches with numpy and Python integers.
    max_memory : int, optional
        Bytes the search may hold; the default is a quarter of the available
        memory. :class:`~stratgame.exceptions.ResourceLimitError` when more
        would be needed.

    Returns
    -------
    points : numpy.ndarray
        ``(V, n_player)``: every distinct vertex, the origin included; float64,
        or objects (Fractions) when ``exact``.
    labels : numpy.ndarray
        ``(V, m + n)`` booleans in the numbering above: labels ``0 .. m-1`` for
        the rows, ``m .. m+n-1`` for the columns.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> points, labels = best_response_vertices(g, 0, exact=True)
    >>> len(points), labels.sum(axis=1).tolist()
    (4, [2, 2, 2, 2])
    """
    _check_bimatrix(game, "best_response_vertices")
    if player not in (0, 1):
        raise InvalidParameterError(
            f"player must be 0 or 1 in a two-player game; got {player!r}."
        )
    tol = check_real(tol, "tol", "best_response_vertices", low=0, high=1e-2)
    max_bytes = memory_budget(max_memory, "best_response_vertices")
    n = game.shape[1]
    points = tight = None
    if not exact:
        constraints = game.float_payoff_arrays[1 - player]
        constraints = constraints.T if player == 0 else constraints
        try:
            points, tight = float_vertices(
                positive_float(constraints),
                delta=tol,
                engine=engine,
                max_bytes=max_bytes,
            )
        except Doubtful:
            pass
    if tight is None:
        constraints = game.exact_payoff_arrays[1 - player]
        constraints = constraints.T if player == 0 else constraints
        numerators, dets, tight = exact_vertices(
            positive_integer(constraints), engine=engine, max_bytes=max_bytes
        )
        points = np.empty(numerators.shape, dtype=object)
        for r, (point, det) in enumerate(zip(numerators, dets, strict=True)):
            points[r] = [Fraction(int(p), int(det)) for p in point]
        if not exact:
            points = points.astype(np.float64)
    if player == 1:
        tight = np.hstack([tight[:, n:], tight[:, :n]])
    return points, tight


def is_degenerate(game, tol: float = 1e-9) -> bool:
    """True when a two-player game is degenerate.

    A bimatrix game is nondegenerate when no mixed strategy with support of
    size ``k`` has more than ``k`` pure best responses (von Stengel 2007,
    Definition 3.2). Degenerate games may have infinite sets of equilibria
    and an even number of extreme ones; Lemke-Howson needs a tie-breaking
    rule on them.

    The test first looks for a pure strategy with two pure best responses,
    then for a vertex of a best-response polytope with more labels than
    dimensions. Deciding degeneracy is NP-complete in general (a polytope
    version: Fukuda, Liebling & Margot 1997), and the vertex search takes time
    proportional to the number of vertices, which grows exponentially with the
    game's size.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float
        For float games: payoff differences up to ``tol`` times the payoff
        range count as ties. Exact games (ints, Fractions) are decided exactly.

    Raises
    ------
    InvalidGameError
        When the game does not have two players.
    InvalidParameterError
        When ``tol`` is not a number in ``[0, 0.01]``.

    Examples
    --------
    >>> import stratgame as sg
    >>> sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]).is_degenerate()
    False
    >>> sg.NormalFormGame.from_bimatrix([[1, 1], [0, 2]], [[1, 1], [2, 0]]).is_degenerate()
    True
    """
    _check_bimatrix(game, "is_degenerate")
    tol = check_real(tol, "tol", "is_degenerate", low=0, high=1e-2)
    exact = game.is_exact
    for player, u in enumerate(game.payoff_arrays):
        best = u.max(axis=player, keepdims=True)
        if exact:
            ties = (u == best).sum(axis=player)
        else:
            span = max(float(np.ptp(u)), np.finfo(float).tiny)
            ties = (u >= best - tol * span).sum(axis=player)
        if (ties > 1).any():
            return True
    for player in (0, 1):
        constraints = game.payoff_arrays[1 - player]
        constraints = constraints.T if player == 0 else constraints
        if exact:
            *_, tight = exact_vertices(positive_integer(constraints))
            if (tight.sum(axis=1) > constraints.shape[1]).any():
                return True
            continue
        try:
            float_vertices(positive_float(constraints), delta=tol)
        except Doubtful:  # a vertex of P or Q within tol of degenerate
            return True
    return False
