"""All extreme Nash equilibria of a two-player game, degenerate games included.

The extreme equilibria of a bimatrix game are the completely labelled vertex
pairs ``(x, y) != (0, 0)`` of its two best-response polytopes, normalized to
probabilities (Mangasarian 1964; von Stengel 2007, Section 3.5, "vertex
enumeration"; Avis, Rosenberg, Savani & von Stengel 2010).

**Floating point, only when it can certify itself.** Only the polytope of the
player with fewer actions is enumerated, as in lrsNash (Avis et al. 2010,
Section 6), and each vertex determines its partner by the indifference
equations on the two supports, one small linear system per vertex, solved
for all vertices at once. The float answer is accepted only when

- every basic variable of every visited basis is at least
  :data:`~stratgame.games.degeneracy.DOUBT` above zero (the polytope is simple
  and no ratio test was a near tie),
- every partner system is clearly regular and every weight and payoff gap of
  its solution clearly away from zero (the other player's payoffs have no
  ties either),
- the Shapley indices of the equilibria found sum to 1 (Shapley 1974), and
- every equilibrium's regret is at most ``tol`` times each player's own
  payoff range.

**Otherwise exact arithmetic decides.** Degenerate games, ties among float
payoffs, near-ties and payoffs of mixed magnitudes are solved exactly, the
float payoffs taken bit for bit: both polytopes are enumerated with integer
pivoting (compiled in ``int64`` while the entries fit, else on Python
integers) and matched by their label sets: a vertex with as many labels as
dimensions can only pair with the vertex carrying exactly the complementary
labels (sorting and binary search), one with surplus labels is tested against
all vertices of the other polytope with packed bit masks. Ties are never
decided by a tolerance, so the float and exact answers are the same set.

Every search holds at most ``max_memory`` bytes and raises
:class:`~stratgame.exceptions.ResourceLimitError` beyond it; compiled
searches run in chunks, so Ctrl-C stops them. The list is complete for
degenerate games, the same set as Gambit's ``enummixed``. Equilibria of
degenerate games form convex sets: their maximal convex subsets (bipartite
cliques of interchangeable extreme equilibria) and connected components are
reported too, see :mod:`stratgame.solvers.components`.
"""

from __future__ import annotations

import functools
import math
import sys
import time
from fractions import Fraction
from importlib.util import find_spec

import numpy as np

from .._resources import memory_budget
from .._validation import check_real
from ..exceptions import InvalidGameError, InvalidParameterError
from ..games.degeneracy import (
    DOUBT,
    Doubtful,
    exact_vertices,
    float_vertices,
    positive_float,
    positive_integer,
    too_large,
)
from ..games.exact_linalg import solve_exact
from .certify import bimatrix_values, relative_regrets
from .components import bipartite_cliques, connected_components
from .results import Equilibrium, EquilibriumResult, make_equilibrium

__all__ = ["enumerate_equilibria"]

_CHUNK = 1 << 22  # bytes of one block of the degenerate-vertex comparisons
_INT64_LIMIT = 1 << 31  # integer pivoting starts in int64 below this


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


def _exact_strategies(numerators, exact: bool):
    """Vertices given by integer numerators (one common denominator per
    vertex), divided by their sums: exact Fractions, or the correctly
    rounded floats of those Fractions."""
    if not exact:
        out = np.empty(numerators.shape)
        for r, point in enumerate(numerators.tolist()):
            total = sum(point)
            out[r] = [p / total for p in point]  # int / int: correctly rounded
        return out
    out = np.empty(numerators.shape, dtype=object)
    for r, point in enumerate(numerators.tolist()):
        total = sum(point)
        out[r] = [Fraction(p, total) for p in point]
    return out


def _exact_polytope(game, player, engine, max_bytes):
    """The nonzero vertices of a best-response polytope in exact arithmetic,
    as integer numerators and full label rows."""
    constraints = game.payoff_arrays[1 - player]
    constraints = constraints.T if player == 0 else constraints
    numerators, _, tight = exact_vertices(
        positive_integer(constraints), engine=engine, max_bytes=max_bytes
    )
    d = numerators.shape[1]
    labels = tight if player == 0 else np.hstack([tight[:, d:], tight[:, :d]])
    keep = ~tight[:, :d].all(axis=1)
    return numerators[keep], labels[keep]


def _exact_search(game, engine, max_bytes, exact: bool):
    """Both polytopes in exact arithmetic, then complete label matching.

    Returns the strategy pairs (object arrays of Fractions when ``exact``,
    else their floats) and the label rows of their vertices."""
    m, n = game.shape
    points_x, labels_x = _exact_polytope(game, 0, engine, max_bytes)
    points_y, labels_y = _exact_polytope(game, 1, engine, max_bytes)
    ix, iy = _complementary_pairs(labels_x, labels_y, m, n)
    xs = _exact_strategies(points_x[ix], exact)
    ys = _exact_strategies(points_y[iy], exact)
    return xs, ys, labels_x[ix], labels_y[iy]


def _solve_partners(U, own, best, delta):
    """For each vertex of the smaller polytope, its unique candidate partner
    strategy, from the indifference equations on the supports, and whether
    float arithmetic can decide that it is an equilibrium partner.

    ``U`` is the partner's payoff matrix indexed ``[own action, partner
    action]``; ``own[v]`` marks the support of vertex ``v`` (where the partner
    must be indifferent, at the best payoff), ``best[v]`` the partner actions
    that are best responses to ``v`` (the partner's possible support). Solves
    ``U[S, J] w_J = value``, ``sum(w_J) = 1`` for each ``v`` (payoffs scaled
    to ``[0, 1]``).

    Returns the partner strategies ``(V, k)`` and a status per vertex: 1 an
    equilibrium partner, 0 not one, 2 undecided in floating point (supports
    of different sizes, a system within ``delta`` of singular, a weight or a
    payoff gap within ``delta`` of zero: only exact arithmetic can decide).
    """
    n_vert, k = best.shape
    low = U.min()
    span = max(float(U.max() - low), 1e-300)
    partners = np.zeros((n_vert, k))
    status = np.full(n_vert, 2, dtype=np.int64)
    sizes = own.sum(axis=1)
    square = sizes == best.sum(axis=1)
    for s in np.unique(sizes[square]):
        rows = np.flatnonzero(square & (sizes == s))
        S = np.argsort(~own[rows], axis=1, kind="stable")[:, :s]
        J = np.argsort(~best[rows], axis=1, kind="stable")[:, :s]
        system = np.zeros((len(rows), s + 1, s + 1))
        system[:, :s, :s] = (U[S[:, :, None], J[:, None, :]] - low) / span
        system[:, :s, s] = -1.0
        system[:, s, :s] = 1.0
        bound = np.prod(np.linalg.norm(system, axis=2), axis=1)
        regular = np.abs(np.linalg.det(system)) > delta * bound
        rows, S, J = rows[regular], S[regular], J[regular]
        if not len(rows):
            continue
        rhs = np.zeros((len(rows), s + 1, 1))
        rhs[:, s] = 1.0
        solution = np.linalg.solve(system[regular], rhs)[..., 0]
        weights, value = solution[:, :s], solution[:, s]
        full = np.zeros((len(rows), k))
        np.put_along_axis(full, J, weights, axis=1)
        gains = (full @ U.T - low) / span - value[:, None]
        gains = np.where(own[rows], -1.0, gains)  # the support is indifferent
        unsure_weight = (np.abs(weights) < delta).any(axis=1)
        negative = (weights < 0).any(axis=1)
        unsure_gain = (np.abs(gains) < delta).any(axis=1)
        gaining = (gains > 0).any(axis=1)
        verdict = np.where(negative, 0, np.where(unsure_gain, 2, 1 - gaining))
        verdict = np.where(unsure_weight, 2, verdict)
        status[rows] = verdict
        good = verdict == 1
        partners[rows[good]] = full[good]
    return partners, status


@functools.cache
def _numba_installed() -> bool:
    return find_spec("numba") is not None


#: Games with at most this many actions in all may run without the compiled
#: kernels: numpy solves them in about a millisecond, while loading numba
#: costs about a second in a fresh process.
SMALL_GAME_ACTIONS = 12
#: Seconds of numpy enumeration after which the compiled kernels are loaded
#: anyway (about what loading them costs: a sweep of many small games pays
#: at most twice the best possible time, ski-rental style).
_NUMPY_BUDGET_SECONDS = 1.0
#: Games with at most this many actions in all run the whole float path, and
#: the whole exact path while the integers fit ``int64``, in one compiled call
#: each (too short to need Ctrl-C between chunks).
FUSED_MAX_ACTIONS = 24
_numpy_seconds = [0.0]
#: A module numba imports when its compiler first runs (the costly part of
#: loading it): present, someone else has paid for it.
_NUMBA_STARTED = "numba.np.arraymath"


def _engine(game):
    """The compiled kernels (:mod:`._vertex_numba`) when numba is installed
    and worth loading, else None (numpy and Python integers).

    Loading numba costs about a second in a fresh process, so small games
    (at most :data:`SMALL_GAME_ACTIONS` actions in all) run in numpy until
    the kernels are loaded already, numba's compiler has been started by
    other code (QuantEcon, for one: the kernels then load from the disk
    cache in about a tenth of a second), or numpy has spent about as long
    as loading them would take; larger games load them at once."""
    if not _numba_installed():
        return None
    loaded = sys.modules.get(f"{__package__}._vertex_numba")
    if loaded is not None:
        return loaded
    if (
        sum(game.shape) <= SMALL_GAME_ACTIONS
        and _numpy_seconds[0] < _NUMPY_BUDGET_SECONDS
        and _NUMBA_STARTED not in sys.modules
    ):
        return None
    from . import _vertex_numba

    return _vertex_numba


def _index_sum(A, B, xs, ys, delta):
    """The sum of the Shapley indices of the equilibria ``(xs, ys)`` of a
    nondegenerate game with positive payoffs, or None when a determinant is
    within ``delta`` of zero (relative to Hadamard's bound). The index of an
    equilibrium with supports ``I, J`` (``|I| = |J| = k``) is
    ``(-1)^(k+1) sign det(A_IJ) det(B_IJ)``, and the indices of all
    equilibria sum to 1 (Shapley 1974; von Stengel 2002, Section 4)."""
    sizes = (xs > 0).sum(axis=1)
    if (sizes != (ys > 0).sum(axis=1)).any():
        return None
    total = 0
    for s in np.unique(sizes):
        group = np.flatnonzero(sizes == s)
        rows = np.argsort(xs[group] <= 0, axis=1, kind="stable")[:, :s]
        cols = np.argsort(ys[group] <= 0, axis=1, kind="stable")[:, :s]
        signs = np.full(len(group), (-1) ** (s + 1))
        for M in (
            A[rows[:, :, None], cols[:, None, :]],
            B[rows[:, :, None], cols[:, None, :]],
        ):
            det = np.linalg.det(M)
            bound = np.prod(np.linalg.norm(M, axis=2), axis=1)
            if (np.abs(det) <= delta * bound).any():
                return None
            signs *= np.where(det > 0, 1, -1)
        total += int(signs.sum())
    return total


#: Vertices whose partner floating point leaves undecided (an ill-conditioned
#: indifference system, a weight or a gap near zero) are decided one by one in
#: exact arithmetic, up to this many; beyond, the whole game goes exact.
EXACT_PARTNERS_MAX = 1000


def _exact_partner(U, own, best) -> tuple[int, np.ndarray | None]:
    """:func:`_solve_partners` for one vertex in exact arithmetic: ``U`` the
    payoffs as Fractions, ``own`` the vertex's support, ``best`` the partner
    actions that are best responses to it. Returns ``(1, partner)`` for an
    equilibrium partner, ``(0, None)`` for none, ``(2, None)`` when the game
    is degenerate at this vertex (supports of different sizes, a singular
    system, a zero weight or a tie outside the support)."""
    S, J = np.flatnonzero(own), np.flatnonzero(best)
    if len(S) != len(J):
        return 2, None
    s = len(S)
    matrix = [[*(U[i, j] for j in J), -1] for i in S] + [[1] * s + [0]]
    solution = solve_exact(matrix, [0] * s + [1])
    if solution is None:
        return 2, None
    weights, value = solution[:s], solution[s]
    if any(w == 0 for w in weights):
        return 2, None
    if any(w < 0 for w in weights):
        return 0, None
    outside = np.flatnonzero(~own)
    gains = [
        sum(U[i, j] * w for j, w in zip(J, weights, strict=True)) - value
        for i in outside
    ]
    if any(g == 0 for g in gains):
        return 2, None
    if any(g > 0 for g in gains):
        return 0, None
    partner = np.zeros(len(best))
    partner[J] = [float(w) for w in weights]
    return 1, partner


def _float_search(game, engine, max_bytes):
    """The equilibria by floating point, when it can certify them: the
    vertices of the smaller player's polytope, each partner from its
    indifference equations (as in lrsNash, Avis et al. 2010, Section 6).

    Returns the strategy pairs and the label rows of their vertices, or None
    when some decision is within :data:`DOUBT` of a tie (a degenerate or
    nearly degenerate game), or the Shapley indices of what was found do not
    sum to 1: then only exact arithmetic can answer."""
    m, n = game.shape
    A, B = game.float_payoff_arrays
    own_player = 0 if m <= n else 1
    own_slice, other_slice = (
        (slice(0, m), slice(m, m + n))
        if own_player == 0
        else (slice(m, m + n), slice(0, m))
    )
    U = A if own_player == 0 else B.T
    positive = positive_float(A), positive_float(B)
    constraints = positive[1].T if own_player == 0 else positive[0]
    try:
        points, tight = float_vertices(
            constraints, delta=DOUBT, engine=engine, max_bytes=max_bytes
        )
    except Doubtful:
        return None
    d = points.shape[1]
    labels = tight if own_player == 0 else np.hstack([tight[:, d:], tight[:, :d]])
    keep = ~labels[:, own_slice].all(axis=1)
    points, labels = points[keep], labels[keep]
    support = ~labels[:, own_slice]
    if engine is None:
        partners, status = _solve_partners(U, support, labels[:, other_slice], DOUBT)
    else:
        partners, status = engine.compiled_partners(
            U, support, labels[:, other_slice], DOUBT
        )
    undecided = np.flatnonzero(status == 2)
    if len(undecided) > EXACT_PARTNERS_MAX:
        return None
    if len(undecided):
        exact_U = game.exact_payoff_arrays[0 if own_player == 0 else 1]
        exact_U = exact_U if own_player == 0 else exact_U.T
        for v in undecided:
            verdict, weights = _exact_partner(
                exact_U, support[v], labels[v, other_slice]
            )
            if verdict == 2:  # degenerate after all: exact enumeration decides
                return None
            status[v] = verdict
            if verdict == 1:
                partners[v] = weights
    ok = status == 1
    own_found = np.where(support[ok], points[ok], 0.0)
    own_found /= own_found.sum(axis=1, keepdims=True)
    partner_found = partners[ok]
    own_labels = labels[ok]
    partner_labels = np.zeros((int(ok.sum()), m + n), dtype=bool)
    partner_labels[:, other_slice] = partner_found == 0
    partner_labels[:, own_slice] = support[ok]
    if own_player == 1:
        own_found, partner_found = partner_found, own_found
        own_labels, partner_labels = partner_labels, own_labels
    index_sum = _index_sum if engine is None else engine.index_sum
    if index_sum(*positive, own_found, partner_found, DOUBT) != 1:
        return None
    return own_found, partner_found, own_labels, partner_labels


def _fused_float(game, engine, tol, max_bytes):
    """The float path of a small game in one compiled call
    (:func:`._vertex_numba.float_enumerate`: search, partners, index sum,
    payoffs and regrets, canonical order): ``(xs, ys, payoffs, worst)``, or
    None when exact arithmetic must decide (a doubt, or a regret above
    ``tol`` of a player's payoff range)."""
    A, B = game.float_payoff_arrays
    ranges = game.payoff_ranges
    status, xs, ys, payoffs, worst, relative = engine.float_enumerate(
        A, B, DOUBT, max_bytes, ranges
    )
    if status == engine.OVER_BUDGET:
        raise too_large(
            "Enumerating the vertices of this best-response polytope",
            "more bases than fit",
            max_bytes,
        )
    if status != engine.DONE:
        return None
    largest = relative.max()  # NaN or inf when a value overflowed
    if not (math.isfinite(largest) and math.isfinite(max(ranges))):
        largest = relative_regrets(game, xs, ys).max()
    return (xs, ys, payoffs, worst) if largest <= tol else None


def _isolated(game, xs, ys, payoffs, worst) -> EquilibriumResult:
    """The result for a nondegenerate game: each equilibrium isolated, its
    own component and maximal Nash subset, each strategy in one of them."""
    count = len(xs)
    equilibria = tuple(
        Equilibrium(strategies=(x, y), payoffs=p, regret=r)
        for x, y, p, r in zip(xs, ys, payoffs, worst.tolist(), strict=True)
    )
    if not equilibria:  # every game has an equilibrium: this is a bug
        raise AssertionError(
            f"enumeration found no equilibrium of a {game.shape} game (float "
            "arithmetic); please report it with the payoffs."
        )
    return EquilibriumResult(
        equilibria=equilibria,
        method="enumerate",
        complete=True,
        game=game,
        components=tuple((i,) for i in range(count)),
        details={
            "cliques": [((i,), (i,)) for i in range(count)],
            "vertex_ids": [(i, i) for i in range(count)],
            "arithmetic": "float",
        },
    )


def _order(xs, ys):
    """A canonical order: by player 1's strategy, then player 2's, descending."""
    keys = np.hstack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
    return np.lexsort(-keys.T[::-1]) if len(keys) else np.zeros(0, dtype=np.intp)


def _vertex_ids(indices):
    """Dense ids ``0, 1, ...`` in order of first appearance."""
    ids: dict = {}
    return [ids.setdefault(k, len(ids)) for k in indices.tolist()]


def enumerate_equilibria(
    game, *, exact: bool = False, tol: float = 1e-9, max_memory=None
):
    """Every extreme Nash equilibrium of a two-player game.

    Vertex enumeration of the best-response polytopes with complete label
    matching (von Stengel 2007, Section 3.5; Avis et al. 2010, lrsNash); see
    the module description. The result is complete for degenerate games too,
    the same set as Gambit's ``enummixed``: when equilibria form convex sets,
    their extreme points are listed, and ``components`` groups them.

    Floating point is used only where it can certify its answer: every basic
    value of the smaller player's polytope, every weight and every payoff
    gap of the partner equations must be clearly away from zero, and the
    Shapley indices of the equilibria found must sum to 1. Otherwise (ties,
    degenerate and nearly degenerate games) the game is solved in exact
    arithmetic, its float payoffs taken bit for bit, and the answer is the
    exact one, rounded to floats. ``details["arithmetic"]`` says which ran.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool
        Enumerate in exact rational arithmetic (integer pivoting, compiled in
        ``int64`` while the numbers fit, else on Python ints): each
        equilibrium carries exact Fractions in ``eq.exact`` with an exact
        regret (zero). Float payoffs are taken exactly, bit for bit.
    tol : float
        The certificate a float answer must meet: every player's regret at
        most ``tol`` times that player's own payoff range. A float answer
        that misses it is recomputed exactly. Ties are never decided by
        ``tol``.
    max_memory : int, optional
        Bytes the enumeration may hold (default: a quarter of the memory
        available). A game that needs more raises
        :class:`~stratgame.exceptions.ResourceLimitError` (a ``MemoryError``)
        that suggests the alternatives, without taking the memory first.

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
          its two strategies (equal ids, equal strategies);
        - ``"arithmetic"``: ``"float"`` or ``"exact"``, the arithmetic that
          decided the answer.

    Raises
    ------
    InvalidGameError
        When the game does not have two players.
    ResourceLimitError
        When the enumeration would need more than ``max_memory``.

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
    component. Exact arithmetic decided it:

    >>> g = sg.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[0, 1], [0, 1]])
    >>> res = sg.solve(g, method="enumerate")
    >>> len(res.equilibria), res.components, res.details["cliques"]
    (2, ((0, 1),), [((0, 1), (0,))])
    >>> res.details["arithmetic"]
    'exact'
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
    if not (type(tol) is float and 0.0 <= tol <= 1e-2):  # else: nothing to check
        tol = check_real(tol, "tol", "enumerate_equilibria", low=0, high=1e-2)
    max_bytes = memory_budget(max_memory, "enumerate_equilibria")
    engine = _engine(game)
    if not exact and engine is not None and sum(game.shape) <= FUSED_MAX_ACTIONS:
        found = _fused_float(game, engine, tol, max_bytes)
        if found is not None:
            return _isolated(game, *found)
        return _exact_result(game, engine, max_bytes, False)
    started = time.perf_counter()
    found = None if exact else _float_search(game, engine, max_bytes)
    if found is not None:
        xs, ys = found[:2]
        payoffs, regrets = bimatrix_values(*game.float_payoff_arrays, xs, ys)
        if relative_regrets(game, xs, ys, regrets).max() > tol:
            found = None
    if found is None:
        result = _exact_result(game, engine, max_bytes, exact)
    else:
        order = _order(xs, ys)
        worst = regrets.max(axis=1)
        result = _isolated(game, xs[order], ys[order], payoffs[order], worst[order])
    if engine is None:
        _numpy_seconds[0] += time.perf_counter() - started
    return result


def _fused_exact(game, engine, max_bytes):
    """The exact answer of a small game in one compiled call
    (:func:`._vertex_numba.exact_enumerate`): ``(xs, ys, x_ids, y_ids,
    payoffs, worst)``, or None when the integers outgrow ``int64`` (Python
    integers must take over)."""
    A, B = game.float_payoff_arrays
    status = engine.NOT_INTEGRAL
    if not game.is_exact:  # integral float payoffs are scaled in the kernel
        status, *found = engine.exact_enumerate(
            A, B, game.payoff_ranges, max_bytes=max_bytes
        )
    if status == engine.NOT_INTEGRAL:
        int_a, int_b = (positive_integer(U) for U in game.payoff_arrays)
        if max(map(max, int_a)) >= _INT64_LIMIT or max(map(max, int_b)) >= _INT64_LIMIT:
            return None
        status, *found = engine.exact_enumerate(
            A, B, game.payoff_ranges, int_a, int_b, max_bytes
        )
    if status == engine.OVER_BUDGET:
        raise too_large(
            "Enumerating the vertices of this best-response polytope exactly",
            "more bases than fit",
            max_bytes,
        )
    return found if status == engine.DONE else None


def _exact_result(game, engine, max_bytes, exact: bool) -> EquilibriumResult:
    """The result decided in exact arithmetic, with Fractions in ``eq.exact``
    when ``exact``, else rounded to floats: in one compiled call for small
    games, else by :func:`_exact_search`."""
    found = None
    if not exact and engine is not None and sum(game.shape) <= FUSED_MAX_ACTIONS:
        found = _fused_exact(game, engine, max_bytes)
    if found is not None:
        xs, ys, ix, iy, payoffs, worst = found
        equilibria = [
            Equilibrium(strategies=(x, y), payoffs=p, regret=r)
            for x, y, p, r in zip(xs, ys, payoffs, worst.tolist(), strict=True)
        ]
        ix, iy = ix.tolist(), iy.tolist()
    else:
        xs, ys, labels_x, labels_y = _exact_search(game, engine, max_bytes, exact)
        order = _order(xs, ys)
        xs, ys = xs[order], ys[order]
        ix = _vertex_ids(_keys(np.packbits(labels_x[order], axis=1)))
        iy = _vertex_ids(_keys(np.packbits(labels_y[order], axis=1)))
        if exact:
            equilibria = [
                make_equilibrium(game, (x, y), exact=True)
                for x, y in zip(xs, ys, strict=True)
            ]
        else:  # the exact answer, rounded to floats
            payoffs, regrets = bimatrix_values(*game.float_payoff_arrays, xs, ys)
            worst = regrets.max(axis=1).tolist()
            equilibria = [
                Equilibrium(strategies=(x, y), payoffs=p, regret=r)
                for x, y, p, r in zip(xs, ys, payoffs, worst, strict=True)
            ]
    if not equilibria:  # every game has an equilibrium: this is a bug
        raise AssertionError(
            f"enumeration found no equilibrium of a {game.shape} game (exact "
            "arithmetic); please report it with the payoffs."
        )
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
            "arithmetic": "exact",
        },
    )


def enumerate_any(
    game, *, exact: bool = False, tol: float = 1e-9, max_memory=None, rng=None
):
    """``method="enumerate"`` for any number of players: every extreme
    equilibrium of a two-player game (:func:`enumerate_equilibria`, which
    ``max_memory`` bounds), every isolated equilibrium and every continuum of
    an N-player game
    (:func:`~stratgame.solvers.enumeration_n.enumerate_equilibria_n`, whose
    start systems ``rng`` seeds). ``details["kind"]`` says which:
    ``"extreme"`` or ``"isolated"``.

    Examples
    --------
    >>> import numpy as np
    >>> import stratgame as sg
    >>> u = np.zeros((2, 2, 2))
    >>> for a in np.ndindex(2, 2, 2):
    ...     u[a] = (a[0] == a[1]) + (a[1] == a[2])
    >>> res = sg.solve(sg.NormalFormGame([u, u, u]), method="enumerate")
    >>> res.details["kind"], len(res.equilibria) >= 2
    ('isolated', True)
    """
    if game.n_players == 2:
        if rng is not None:
            raise InvalidParameterError(
                "rng seeds the start systems of N-player enumeration; two-player "
                "enumeration is deterministic and takes no rng."
            )
        result = enumerate_equilibria(game, exact=exact, tol=tol, max_memory=max_memory)
        result.details["kind"] = "extreme"
        return result
    if max_memory is not None:
        raise InvalidParameterError(
            "max_memory bounds two-player enumeration; N-player enumeration "
            f"({game.n_players} players here) takes no max_memory."
        )
    from .enumeration_n import enumerate_equilibria_n

    return enumerate_equilibria_n(game, exact=exact, tol=tol, rng=rng)
