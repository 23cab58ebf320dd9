"""All extreme Nash equilibria of a two-player game, degenerate games included.

The extreme equilibria of a bimatrix game are the completely labelled vertex
pairs ``(x, y) != (0, 0)`` of its two best-response polytopes, normalized to
probabilities (Mangasarian 1964; von Stengel 2007, Section 3.5, "vertex
enumeration"; Avis, Rosenberg, Savani & von Stengel 2010). The vertices of a
polytope, with *all* their labels, come from
:func:`stratgame.games.degeneracy.best_response_vertices`.

In floating point, only the polytope of the player with fewer actions is
enumerated, as in lrsNash (Avis et al. 2010, Section 6): a vertex with exactly
as many labels as dimensions determines its partner by the indifference
equations on the two supports, one small linear system per vertex, solved
for all vertices at once. Vertices with surplus labels (degenerate ones) and
singular systems are matched instead against every vertex of the other
polytope, which is then enumerated too. With numba installed the basis search
and the linear systems run compiled (:mod:`._vertex_numba`).

In exact arithmetic both polytopes are enumerated with integer pivoting and
matched by their label sets: a vertex with as many labels as dimensions can
only pair with the vertex carrying exactly the complementary labels (sorting
and binary search), one with surplus labels is tested against all vertices of
the other polytope with packed bit masks.

Either way the list is complete for degenerate games, the same set as
Gambit's ``enummixed``. Equilibria of degenerate games form convex sets: their
maximal convex subsets (bipartite cliques of interchangeable extreme
equilibria) and connected components are reported too, see
:mod:`stratgame.solvers.components`.
"""

from __future__ import annotations

import functools
import sys
import warnings
from fractions import Fraction
from importlib.util import find_spec

import numpy as np

from .._validation import check_real
from ..exceptions import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
)
from ..games.degeneracy import best_response_vertices
from .components import bipartite_cliques, connected_components
from .results import Equilibrium, EquilibriumResult, make_equilibrium

__all__ = ["enumerate_equilibria"]

_CHUNK = 1 << 22  # bytes of one block of the degenerate-vertex comparisons


def _keys(packed: np.ndarray) -> np.ndarray:
    """One sortable key (raw bytes) per row of packed label bits."""
    packed = np.ascontiguousarray(packed)
    return packed.view(np.dtype((np.void, packed.shape[1]))).ravel()


def _covering(px, py, full):
    """Index pairs ``(a, b)`` with ``px[a] | py[b] == full`` (packed bytes)."""
    if not len(px) or not len(py):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    step = max(1, _CHUNK // max(1, py.size))
    found_a, found_b = [], []
    for start in range(0, len(px), step):
        block = px[start : start + step, None, :] | py[None, :, :]
        a, b = np.nonzero((block == full).all(axis=-1))
        found_a.append(a + start)
        found_b.append(b)
    return np.concatenate(found_a), np.concatenate(found_b)


def _complementary_pairs(labels_x, labels_y, m, n):
    """All ``(i, j)`` with ``labels_x[i] | labels_y[j]`` every label."""
    px = np.packbits(labels_x, axis=1)
    py = np.packbits(labels_y, axis=1)
    full = np.packbits(np.ones((1, m + n), dtype=bool), axis=1)[0]
    plain_x = np.flatnonzero(labels_x.sum(axis=1) == m)
    plain_y = np.flatnonzero(labels_y.sum(axis=1) == n)
    surplus_x = np.flatnonzero(labels_x.sum(axis=1) > m)
    surplus_y = np.flatnonzero(labels_y.sum(axis=1) > n)
    # plain x, plain y: the labels of y are exactly the complement of x's.
    wanted = _keys(np.packbits(~labels_x[plain_x], axis=1))
    have = _keys(py[plain_y])
    order = np.argsort(have)
    where = np.searchsorted(have[order], wanted)
    where = np.minimum(where, max(len(order) - 1, 0))
    hit = (
        have[order][where] == wanted
        if len(order)
        else np.zeros(len(wanted), dtype=bool)
    )
    pairs_x = [plain_x[hit]]
    pairs_y = [plain_y[order[where[hit]]]] if len(order) else [plain_y[:0]]
    # surplus x against every y; plain x against surplus y.
    a, b = _covering(px[surplus_x], py, full)
    pairs_x.append(surplus_x[a])
    pairs_y.append(b)
    a, b = _covering(px[plain_x], py[surplus_y], full)
    pairs_x.append(plain_x[a])
    pairs_y.append(surplus_y[b])
    return np.concatenate(pairs_x), np.concatenate(pairs_y)


def _normalized(points, labels, exact):
    """Vertices divided by their sums; coordinates labelled zero set to 0."""
    if exact:
        out = np.empty(points.shape, dtype=object)
        for r, point in enumerate(points):
            total = sum(point, Fraction(0))
            out[r] = [p / total for p in point]
        return out
    out = np.where(labels, 0.0, points)
    return out / out.sum(axis=1, keepdims=True)


def _exact_search(game):
    """Both polytopes in exact arithmetic, then complete label matching.

    Returns the strategy pairs (object arrays of Fractions) and the label rows
    of their vertices."""
    m, n = game.shape
    points_x, labels_x = best_response_vertices(game, 0, exact=True)
    points_y, labels_y = best_response_vertices(game, 1, exact=True)
    keep_x = ~labels_x[:, :m].all(axis=1)
    keep_y = ~labels_y[:, m:].all(axis=1)
    points_x, labels_x = points_x[keep_x], labels_x[keep_x]
    points_y, labels_y = points_y[keep_y], labels_y[keep_y]
    ix, iy = _complementary_pairs(labels_x, labels_y, m, n)
    xs = _normalized(points_x, labels_x[:, :m], True)[ix]
    ys = _normalized(points_y, labels_y[:, m:], True)[iy]
    return xs, ys, labels_x[ix], labels_y[iy]


def _solve_partners(U, own, best, tol):
    """For vertices with as many labels as dimensions, the unique candidate
    partner strategy, from the indifference equations on the supports.

    ``U`` is the partner's payoff matrix indexed ``[own action, partner
    action]``; ``own[v]`` marks the support of vertex ``v`` (where the partner
    must be indifferent, at the best payoff), ``best[v]`` the partner actions
    that are best responses to ``v`` (the partner's possible support), with
    ``own[v].sum() == best[v].sum()``. Solves ``U[S, J] w_J = value``,
    ``sum(w_J) = 1`` for each ``v``.

    Returns the partner strategies ``(V, k)``, a mask of those that are
    equilibrium partners, and a mask of the systems too close to singular to
    decide (left to the full label matching).
    """
    n_vert, k = best.shape
    span = max(float(np.ptp(U)), np.finfo(float).tiny)
    partners = np.zeros((n_vert, k))
    ok = np.zeros(n_vert, dtype=bool)
    hard = np.zeros(n_vert, dtype=bool)
    sizes = own.sum(axis=1)
    for s in np.unique(sizes):
        rows = np.flatnonzero(sizes == s)
        S = np.argsort(~own[rows], axis=1, kind="stable")[:, :s]
        J = np.argsort(~best[rows], axis=1, kind="stable")[:, :s]
        system = np.zeros((len(rows), s + 1, s + 1))
        system[:, :s, :s] = (U[S[:, :, None], J[:, None, :]] - U.min()) / span
        system[:, :s, s] = -1.0
        system[:, s, :s] = 1.0
        bound = np.prod(np.linalg.norm(system, axis=2), axis=1)
        singular = np.abs(np.linalg.det(system)) <= 1e-3 * tol * bound
        hard[rows[singular]] = True
        rows, S, J = rows[~singular], S[~singular], J[~singular]
        if not len(rows):
            continue
        rhs = np.zeros((len(rows), s + 1, 1))
        rhs[:, s] = 1.0
        solution = np.linalg.solve(system[~singular], rhs)[..., 0]
        weights = np.where(solution[:, :s] > tol, solution[:, :s], 0.0)
        total = weights.sum(axis=1)
        full = np.zeros((len(rows), k))
        np.put_along_axis(full, J, weights, axis=1)
        full /= np.where(total > 0, total, 1.0)[:, None]
        values = (full @ U.T - U.min()) / span
        gain = values.max(axis=1) - solution[:, s]
        good = (solution[:, :s].min(axis=1) >= -tol) & (total > 0) & (gain <= tol)
        ok[rows[good]] = True
        partners[rows[good]] = full[good]
    return partners, ok, hard


@functools.cache
def _numba_installed() -> bool:
    return find_spec("numba") is not None


def _engine(game):
    """The basis search and partner solve: numba-compiled when numba is
    installed (the first use in a process costs importing numba and loading
    the compiled code, then each game is much faster), else numpy (``None``
    selects the numpy search). Bases are int64 bit masks: at most 62 actions
    in all."""
    if sum(game.shape) > 62 or not _numba_installed():
        return None, _solve_partners
    from ._vertex_numba import compiled_partners, compiled_search

    return compiled_search, compiled_partners


def _float_search(game, tol):
    """The vertices of the smaller player's polytope; each partner from its
    indifference equations (as in lrsNash, Avis et al. 2010, Section 6), and
    the other polytope enumerated only for vertices with surplus labels or
    singular equations.

    Returns the strategy pairs and the label rows of their vertices."""
    m, n = game.shape
    A, B = game.float_payoff_arrays
    own_player = 0 if m <= n else 1
    own_slice, other_slice = (
        (slice(0, m), slice(m, m + n))
        if own_player == 0
        else (slice(m, m + n), slice(0, m))
    )
    U = A if own_player == 0 else B.T
    search, solve_partners = _engine(game)
    points, labels = best_response_vertices(game, own_player, tol=tol, search=search)
    keep = ~labels[:, own_slice].all(axis=1)
    points, labels = points[keep], labels[keep]
    own_strategies = _normalized(points, labels[:, own_slice], False)
    plain = np.flatnonzero(labels.sum(axis=1) == U.shape[0])
    partners, ok, hard = solve_partners(
        U, ~labels[plain, own_slice], labels[plain, other_slice], tol
    )
    found_own = [own_strategies[plain[ok]]]
    found_partner = [partners[ok]]
    partner_labels = np.zeros((int(ok.sum()), m + n), dtype=bool)
    partner_labels[:, other_slice] = partners[ok] <= tol
    values = partners[ok] @ U.T
    span = max(float(np.ptp(U)), np.finfo(float).tiny)
    partner_labels[:, own_slice] = (
        values >= values.max(axis=1, keepdims=True) - tol * span
    )
    found_own_labels = [labels[plain[ok]]]
    found_partner_labels = [partner_labels]
    rest = np.union1d(np.flatnonzero(labels.sum(axis=1) > U.shape[0]), plain[hard])
    if len(rest):
        other_points, other_labels = best_response_vertices(
            game, 1 - own_player, tol=tol, search=search
        )
        keep = ~other_labels[:, other_slice].all(axis=1)
        other_points, other_labels = other_points[keep], other_labels[keep]
        a, b = _covering(
            np.packbits(labels[rest], axis=1),
            np.packbits(other_labels, axis=1),
            np.packbits(np.ones((1, m + n), dtype=bool), axis=1)[0],
        )
        found_own.append(own_strategies[rest[a]])
        found_partner.append(
            _normalized(other_points, other_labels[:, other_slice], False)[b]
        )
        found_own_labels.append(labels[rest[a]])
        found_partner_labels.append(other_labels[b])
    own_found = np.concatenate(found_own)
    partner_found = np.concatenate(found_partner)
    own_labels = np.concatenate(found_own_labels)
    partner_labels = np.concatenate(found_partner_labels)
    if own_player == 0:
        return own_found, partner_found, own_labels, partner_labels
    return partner_found, own_found, partner_labels, own_labels


def _float_equilibria(game, xs, ys, tol):
    """Equilibria with payoffs and regrets computed from the game, all at once.

    Warns when some equilibrium has a payoff gap or probability just above the
    tie tolerance, where the answer depends on ``tol``."""
    A, B = game.float_payoff_arrays
    row_values = ys @ A.T
    col_values = xs @ B
    u1 = (xs * row_values).sum(axis=1)
    u2 = (ys * col_values).sum(axis=1)
    row_best = row_values.max(axis=1, initial=-np.inf)
    col_best = col_values.max(axis=1, initial=-np.inf)
    regret = np.maximum(row_best - u1, col_best - u2)
    near = [
        ((xs > tol) & (xs <= 1e3 * tol)).any(),
        ((ys > tol) & (ys <= 1e3 * tol)).any(),
    ]
    for values, best, span in (
        (row_values, row_best, np.ptp(A)),
        (col_values, col_best, np.ptp(B)),
    ):
        if span > 0:
            gaps = (best[:, None] - values) / span
            near.append(((gaps > tol) & (gaps <= 1e3 * tol)).any())
    if any(near):
        warnings.warn(
            "the game is nearly degenerate: a payoff difference or probability at "
            f"an equilibrium lies between tol={tol:g} and {1e3 * tol:g} (relative "
            "to the payoff range), so which ties count, and so the set of extreme "
            "equilibria, depends on tol. Pass exact=True to decide ties exactly.",
            DegenerateGameWarning,
            stacklevel=_caller_level(),
        )
    return [
        Equilibrium(
            strategies=(x, y),
            payoffs=np.array([p1, p2]),
            regret=max(float(r), 0.0),
        )
        for x, y, p1, p2, r in zip(xs, ys, u1, u2, regret, strict=True)
    ]


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside stratgame, so a warning
    points at the user's call whichever way it came (solve() or directly)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith(
        "stratgame."
    ):
        frame, level = frame.f_back, level + 1
    return level


def _order(xs, ys):
    """A canonical order: by player 1's strategy, then player 2's, descending."""
    keys = np.hstack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
    return np.lexsort(-keys.T[::-1]) if len(keys) else np.zeros(0, dtype=np.intp)


def _vertex_ids(indices):
    """Dense ids ``0, 1, ...`` in order of first appearance."""
    ids: dict = {}
    return [ids.setdefault(k, len(ids)) for k in indices.tolist()]


def enumerate_equilibria(game, *, exact: bool = False, tol: float = 1e-9):
    """Every extreme Nash equilibrium of a two-player game.

    Vertex enumeration of the best-response polytopes with complete label
    matching (von Stengel 2007, Section 3.5; Avis et al. 2010, lrsNash); see
    the module description. The result is complete for degenerate games too,
    the same set as Gambit's ``enummixed``: when equilibria form convex sets,
    their extreme points are listed, and ``components`` groups them.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool
        Enumerate in exact rational arithmetic (integer pivoting on Python
        ints): every tie and tight constraint is decided exactly, and each
        equilibrium carries exact Fractions in ``eq.exact`` with an exact
        regret (zero). Float payoffs are taken exactly, bit for bit. This is
        the way to certify the answer; it is slower than floating point.
    tol : float
        Floating point only: payoff differences and probabilities up to
        ``tol`` times the payoff range count as ties (zero). A
        :class:`~stratgame.exceptions.DegenerateGameWarning` is issued when some
        equilibrium has a gap just above ``tol`` (below ``1000 * tol``), where
        the answer depends on ``tol``.

    Returns
    -------
    EquilibriumResult
        ``method="enumerate"``, ``complete=True``. ``components``: the
        connected sets of equilibria, as tuples of indices into
        ``equilibria``. ``details``:

        - ``"cliques"``: the maximal Nash subsets (maximal convex sets of
          equilibria), each a pair ``(x_ids, y_ids)``: every combination of
          a player-1 vertex in ``x_ids`` and a player-2 vertex in ``y_ids`` is
          an extreme equilibrium, and so is every mixture of them;
        - ``"vertex_ids"``: for each equilibrium, the ids ``(x_id, y_id)`` of
          its two strategies (equal ids, equal strategies).

    Raises
    ------
    InvalidGameError
        When the game does not have two players.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed:

    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> res = sg.solve(g, method="enumerate", exact=True)
    >>> [[[str(p) for p in s] for s in eq.exact] for eq in res.equilibria]
    [[['1', '0'], ['1', '0']], [['3/5', '2/5'], ['2/5', '3/5']], [['0', '1'], ['0', '1']]]

    A degenerate game: the row player is indifferent, so every mixture is an
    equilibrium against the second column; the two extreme equilibria form one
    component.

    >>> g = sg.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[0, 1], [0, 1]])
    >>> res = sg.solve(g, method="enumerate")
    >>> len(res.equilibria), res.components, res.details["cliques"]
    (2, ((0, 1),), [((0, 1), (0,))])
    """
    if game.n_players != 2:
        raise InvalidGameError(
            "method 'enumerate' finds the equilibria of two-player games; this "
            f"game has {game.n_players} players (shape {game.shape}). For N "
            "players use method 'pure' (all pure equilibria) or 'logit' (one "
            "equilibrium by tracing the logit QRE)."
        )
    if not isinstance(exact, bool | np.bool_):
        raise InvalidParameterError(f"exact must be True or False; got {exact!r}.")
    tol = check_real(tol, "tol", "enumerate_equilibria", low=0, high=1e-2)
    if exact:
        xs, ys, labels_x, labels_y = _exact_search(game)
    else:
        xs, ys, labels_x, labels_y = _float_search(game, tol)
    order = _order(xs, ys)
    xs, ys = xs[order], ys[order]
    ix = _vertex_ids(_keys(np.packbits(labels_x[order], axis=1)))
    iy = _vertex_ids(_keys(np.packbits(labels_y[order], axis=1)))
    if exact:
        equilibria = [
            make_equilibrium(game, (x, y), exact=True)
            for x, y in zip(xs, ys, strict=True)
        ]
    else:
        equilibria = _float_equilibria(game, xs, ys, tol)
    edges = list(zip(ix, iy, strict=True))
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=True,
        game=game,
        components=connected_components(edges),
        details={
            "cliques": bipartite_cliques(edges),
            "vertex_ids": edges,
        },
    )
