"""All extreme Nash equilibria of a two-player game, degenerate games included.

The extreme equilibria of a bimatrix game are the completely labelled vertex
pairs ``(x, y) != (0, 0)`` of its two best-response polytopes, normalized to
probabilities (Mangasarian 1964; von Stengel 2007, Section 3.5, "vertex
enumeration"; Avis, Rosenberg, Savani & von Stengel 2010). The vertices of
each polytope, with *all* their labels, come from
:func:`stratgame.games.degeneracy.best_response_vertices`; pairs whose label
sets cover all ``m + n`` labels are then matched:

* a vertex with exactly as many labels as dimensions (always, in a
  nondegenerate game) can only pair with the vertex carrying exactly the
  complementary labels, found by sorting and binary search;
* a vertex with surplus labels (a degenerate vertex) is tested against every
  vertex of the other polytope with packed bit masks.

This lists the same set as Gambit's ``enummixed`` and is complete for
degenerate games, where equilibria form convex sets: their maximal convex
subsets (bipartite cliques of interchangeable extreme equilibria, Avis et al.
2010) and connected components are reported too, see
:mod:`stratgame.solvers.components`.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np

from .._validation import check_real
from ..exceptions import DegenerateGameWarning, InvalidGameError
from ..games.degeneracy import best_response_vertices
from .components import bipartite_cliques, connected_components
from .results import Equilibrium, EquilibriumResult, make_equilibrium

__all__ = ["enumerate_equilibria"]

_CHUNK = 1 << 22  # bytes of one block of the degenerate-vertex comparisons


def _keys(packed: np.ndarray) -> np.ndarray:
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


def _float_equilibria(game, xs, ys):
    """Equilibria with payoffs and regrets computed from the game, all at once."""
    A, B = game.float_payoff_arrays
    row_values = ys @ A.T
    col_values = xs @ B
    u1 = (xs * row_values).sum(axis=1)
    u2 = (ys * col_values).sum(axis=1)
    regret = np.maximum(row_values.max(axis=1) - u1, col_values.max(axis=1) - u2)
    return [
        Equilibrium(
            strategies=(x, y),
            payoffs=np.array([p1, p2]),
            regret=max(float(r), 0.0),
        )
        for x, y, p1, p2, r in zip(xs, ys, u1, u2, regret, strict=True)
    ]


def _warn_near_ties(game, xs, ys, tol):
    """Warn when some equilibrium has a payoff gap or probability just above
    the tie tolerance: then the answer depends on ``tol``."""
    A, B = game.float_payoff_arrays
    gaps = []
    for values, own, span in ((ys @ A.T, xs, np.ptp(A)), (xs @ B, ys, np.ptp(B))):
        if span > 0:
            gaps.append((values.max(axis=1, keepdims=True) - values) / span)
        gaps.append(own)
    near = [((g > tol) & (g <= 1e3 * tol)).any() for g in gaps]
    if any(near):
        warnings.warn(
            "the game is nearly degenerate: a payoff difference or probability at "
            f"an equilibrium lies between tol={tol:g} and {1e3 * tol:g} (relative "
            "to the payoff range), so which ties count, and so the set of extreme "
            "equilibria, depends on tol. Pass exact=True to decide ties exactly.",
            DegenerateGameWarning,
            stacklevel=3,
        )


def _order(xs, ys):
    """A canonical order: by player 1's strategy, then player 2's, descending."""
    keys = np.hstack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
    return np.lexsort(-keys.T[::-1]) if len(keys) else np.zeros(0, dtype=np.intp)


def _vertex_ids(indices):
    """Dense ids ``0, 1, ...`` in order of first appearance."""
    ids: dict[int, int] = {}
    return [ids.setdefault(int(k), len(ids)) for k in indices]


def enumerate_equilibria(game, *, exact: bool = False, tol: float = 1e-9):
    """Every extreme Nash equilibrium of a two-player game.

    Vertex enumeration of the two best-response polytopes with complete
    label matching (von Stengel 2007, Section 3.5; Avis et al. 2010). The
    result is complete for degenerate games too, the same set as Gambit's
    ``enummixed``: when equilibria form convex sets, their extreme points are
    listed, and ``components`` groups them.

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
        - ``"vertex_ids"``: for each equilibrium, its ``(x_id, y_id)``;
        - ``"degenerate"``: whether the game is degenerate;
        - ``"n_vertices"``: the vertex counts of the two polytopes.

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
        raise ValueError(f"exact must be True or False; got {exact!r}.")
    tol = check_real(tol, "tol", "enumerate_equilibria", low=0, high=1e-2)
    m, n = game.shape
    points_x, labels_x = best_response_vertices(game, 0, exact=exact, tol=tol)
    points_y, labels_y = best_response_vertices(game, 1, exact=exact, tol=tol)
    degenerate = bool(
        (labels_x.sum(axis=1) > m).any() or (labels_y.sum(axis=1) > n).any()
    )
    keep_x = ~labels_x[:, :m].all(axis=1)
    keep_y = ~labels_y[:, m:].all(axis=1)
    points_x, labels_x = points_x[keep_x], labels_x[keep_x]
    points_y, labels_y = points_y[keep_y], labels_y[keep_y]
    ix, iy = _complementary_pairs(labels_x, labels_y, m, n)
    xs = _normalized(points_x, labels_x[:, :m], exact)[ix]
    ys = _normalized(points_y, labels_y[:, m:], exact)[iy]
    order = _order(xs, ys)
    xs, ys, ix, iy = xs[order], ys[order], ix[order], iy[order]
    if exact:
        equilibria = [
            make_equilibrium(game, (x, y), exact=True)
            for x, y in zip(xs, ys, strict=True)
        ]
    else:
        equilibria = _float_equilibria(game, xs, ys)
        if len(xs):
            _warn_near_ties(game, xs, ys, tol)
    edges = list(zip(_vertex_ids(ix), _vertex_ids(iy), strict=True))
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=True,
        game=game,
        components=connected_components(edges),
        details={
            "cliques": bipartite_cliques(edges),
            "vertex_ids": edges,
            "degenerate": degenerate,
            "n_vertices": (int(keep_x.size), int(keep_y.size)),
        },
    )
