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

The vertices are found by a breadth-first search over the feasible bases of
the lexicographically perturbed polytope (Dantzig, Orden & Wolfe 1955; von
Stengel 2007, Section 3.7). The perturbed polytope is simple: each vertex has
one basis and ``d`` neighbours, each reached by one pivot with the
lexicographic minimum-ratio test, and its vertex graph is connected. Every
vertex of the original (possibly degenerate) polytope is the image of at least
one perturbed vertex; its *full* set of tight constraints is then read off, so
degenerate vertices come out with all their labels.

In floating point the search is level-synchronous: the whole frontier is
pivoted at once with numpy. In exact arithmetic it uses integer pivoting on
Python integers, each pivot dividing exactly by the previous pivot element
(Edmonds 1967; as in Avis's lrs), so ties and tight constraints are decided
exactly.
"""

from __future__ import annotations

import math
from collections import deque
from fractions import Fraction

import numpy as np

from .._validation import check_real
from ..exceptions import InvalidGameError, InvalidParameterError

__all__ = ["best_response_vertices", "is_degenerate"]

_PIVOT_EPS = 1e-11


# ------------------------------------------------------------ float search
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


def _leaving_rows(tableaux, columns, first_slack, tol):
    """The lexicographic minimum-ratio test for every frontier tableau and
    entering column at once.

    ``tableaux`` is ``(F, k, n_vars + 1)``, its last column the right-hand side
    and its slack columns ``first_slack ...`` the basis inverse; ``columns`` is
    ``(F, d, k)``, entering column ``e`` of tableau ``f``. Returns ``(F, d)``
    row indices, -1 where no row blocks (impossible in a bounded polytope; kept
    for numerical safety).
    """
    positive = columns > _PIVOT_EPS
    safe = np.where(positive, columns, 1.0)
    ratios = np.where(positive, tableaux[:, None, :, -1] / safe, np.inf)
    best = ratios.min(axis=-1, keepdims=True)
    tied = positive & (ratios <= best + tol * np.maximum(1.0, np.abs(best)))
    ambiguous = tied.sum(axis=-1) > 1
    if ambiguous.any():
        f_idx, e_idx = np.nonzero(ambiguous)
        sub_tied = tied[f_idx, e_idx]
        sub_col = safe[f_idx, e_idx]
        for slack in range(first_slack, tableaux.shape[2] - 1):
            keys = np.where(sub_tied, tableaux[f_idx, :, slack] / sub_col, np.inf)
            low = keys.min(axis=-1, keepdims=True)
            sub_tied &= keys <= low + tol * np.maximum(1.0, np.abs(low))
            if not (sub_tied.sum(axis=-1) > 1).any():
                break
        tied[f_idx, e_idx] = sub_tied
    rows = tied.argmax(axis=-1)
    rows[~tied.any(axis=-1)] = -1
    return rows


def _float_bases(C, tol):
    """Every lexicographically feasible basis of ``{z >= 0 : C z <= 1}``:
    the basic variables ``(V, k)`` and their values ``(V, k)``."""
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
    while True:
        n_front = len(tableau)
        columns = tableau[np.arange(n_front)[:, None], :, nonbasic]
        rows = _leaving_rows(tableau, columns, d, tol)
        f_idx, e_idx = np.nonzero(rows >= 0)
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
        f_idx, e_idx, r_idx = f_idx[first], e_idx[first], r_idx[first]
        sel = np.arange(len(first))
        old = tableau[f_idx]
        col = columns[f_idx, e_idx]
        pivot_row = old[sel, r_idx] / col[sel, r_idx][:, None]
        tableau = old - col[:, :, None] * pivot_row[:, None, :]
        tableau[sel, r_idx] = pivot_row
        basic = basic[f_idx].copy()
        basic[sel, r_idx] = enter[first]
        nonbasic = nonbasic[f_idx].copy()
        nonbasic[sel, e_idx] = leave[first]
        words = cand_words[first]
        seen = np.sort(np.concatenate([seen, _as_keys(words)]))
        found.append(basic)
        found_values.append(tableau[:, :, -1])
    return np.concatenate(found), np.concatenate(found_values)


def _float_vertices(C, tol, search):
    """Distinct vertices ``(V, d)`` of ``{z >= 0 : C z <= 1}`` and their tight
    constraints ``(V, d + k)``: column ``i < d`` for ``z_i = 0``, column
    ``d + j`` for ``(C z)_j = 1``."""
    k, d = C.shape
    basic, values = search(C, tol)
    solution = np.zeros((len(basic), d + k))
    solution[np.arange(len(basic))[:, None], basic] = values
    points = np.maximum(solution[:, :d], 0.0)
    tight = np.hstack([points <= tol, 1.0 - points @ C.T <= tol])
    _, first = np.unique(_as_keys(_pack_bits(tight)), return_index=True)
    first.sort()
    return points[first], tight[first]


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


def _exact_vertices(C):
    """Like :func:`_float_vertices` for a positive integer matrix (list of
    lists), in exact arithmetic; points are tuples of Fractions."""
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
    while queue:
        tableau, det, basis, mask = queue.popleft()
        values = [row[-1] for row in tableau]
        tight = all_vars ^ mask
        for v, value in zip(basis, values, strict=True):
            if value == 0:
                tight |= 1 << v
        if tight not in vertices:
            point = [Fraction(0)] * d
            for v, value in zip(basis, values, strict=True):
                if v < d:
                    point[v] = Fraction(value, det)
            vertices[tight] = tuple(point)
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
    )
    return [vertices[m] for m in masks], tight


# ------------------------------------------------------------ game interface
def _check_bimatrix(game, what: str):
    if game.n_players != 2:
        raise InvalidGameError(
            f"{what} is defined for two-player games; this game has "
            f"{game.n_players} players (shape {game.shape})."
        )


def _positive_float(X: np.ndarray) -> np.ndarray:
    """``X`` mapped by a positive affine map into ``[0.5, 2)`` (all ones when
    ``X`` is constant): best responses stay the same and the polytope is
    bounded. The scale is a power of two, so integer payoffs stay exact."""
    low, span = X.min(), np.ptp(X)
    if span == 0:
        return np.ones_like(X)
    scale = 2.0 ** -np.frexp(span)[1]
    return (X - low + span) * scale


def _positive_integer(X: np.ndarray) -> list[list[int]]:
    """``X`` (exact) shifted to have minimum 1, then scaled to integers."""
    low = min(X.flat)
    shifted = [[Fraction(v - low + 1) for v in row] for row in X]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * scale) for v in row] for row in shifted]


def best_response_vertices(
    game, player: int, *, exact: bool = False, tol: float = 1e-9, search=None
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
        Search and decide labels in exact rational arithmetic (the payoffs
        taken exactly, floats bit for bit). Otherwise float64 with ``tol``.
    tol : float
        Float only: a coordinate or slack within ``tol`` of zero counts as a
        tight constraint, ratios within ``tol`` as ties; payoffs are scaled to
        a range between 1/2 and 1 first, so ``tol`` is relative to the
        payoff range.
    search : callable, optional
        Float only: a replacement for the built-in numpy search over the
        bases, called as ``search(C, tol)`` for the polytope
        ``{z >= 0 : C z <= 1}`` and returning the basic variables ``(V, k)``
        and their values ``(V, k)`` of every lexicographically feasible basis
        (the solvers pass a compiled one).

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
    n = game.shape[1]
    arrays = game.exact_payoff_arrays if exact else game.float_payoff_arrays
    constraints = arrays[1].T if player == 0 else arrays[0]
    if exact:
        found, tight = _exact_vertices(_positive_integer(constraints))
        points = np.empty((len(found), constraints.shape[1]), dtype=object)
        for r, point in enumerate(found):
            points[r] = point
    else:
        points, tight = _float_vertices(
            _positive_float(constraints), tol, search or _float_bases
        )
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
        _, labels = best_response_vertices(game, player, exact=exact, tol=tol)
        if (labels.sum(axis=1) > game.shape[player]).any():
            return True
    return False
