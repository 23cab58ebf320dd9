"""Every isolated Nash equilibrium of an N-player game by support enumeration,
with the equilibrium conditions on each support solved by polynomial homotopy
continuation.

For a support profile ``S = (S_1, ..., S_N)`` the unknowns are the players'
probabilities on their supports; player ``i`` must be indifferent among the
actions of ``S_i``, which gives ``|S_i| - 1`` equations *multilinear* in the
other players' probabilities (degree one in each other player's vector).
Written in the homogeneous coordinates of each player's strategy, with one
random affine patch per player, the system is multihomogeneous, and the
linear-product start system ``prod_{j != i} (l_j . x_j)`` has exactly as many
roots as the system's multihomogeneous Bezout number, which bounds the number
of its isolated roots (McKelvey and McLennan 1997, "The maximal number of
regular totally mixed Nash equilibria", JET 72; Verschelde and Cools 1993).
Following the roots of the start system to the game's system with the
"gamma trick" reaches every isolated root with probability one (Sommese and
Wampler 2005, Theorem 8.4.1); see :mod:`._homotopy_kernels` for the tracker.

Support profiles are pruned first by conditional dominance: an action that
some other action strictly beats against every profile of the others'
supports cannot be played (Porter, Nudelman and Shoham 2008, "Simple search
methods for finding a Nash equilibrium", GEB 63; Gambit's ``enumpoly`` does
the same). Each real root with nonnegative probabilities is refined by
Newton's method and kept only when its regret against the whole game (every
action outside the supports included), relative to each player's own payoff
range, is at most ``tol``; duplicates from nested supports are merged.

Degenerate games are handled as follows. On each support the indifference
equations of a player are reduced to a basis of their span, so a player who
is indifferent whatever the others do leaves a system with more unknowns than
equations; a singular endpoint of a path is tested for *local dimension*
(Gauss-Newton from a nearby point either returns to it, an isolated multiple
root, or stays away on the solution set, a continuum). A continuum of
dimension ``k`` is reported as a component: its equilibria where ``k``
inequality constraints are tight (a probability zero, or an action outside
the support paying as much; the endpoints of a segment of equilibria), and,
for a curve, points cut by hyperplanes through its interior, are listed as
its sample points.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .._optional import require
from .._validation import check_real, check_rng
from ..exceptions import InvalidGameError
from ..games.scaling import unit_interval
from . import _exact_n
from .results import EquilibriumResult, make_equilibrium

__all__ = ["enumerate_equilibria_n"]

#: Relative size below which a singular value counts as zero (rank of the
#: indifference equations of one player, on payoffs scaled to [0, 1]).
_RANK_TOL = 1e-10
#: An endpoint's Jacobian with smallest/largest singular value below this
#: is singular (a multiple root or a point of a continuum).
_SINGULAR = 1e-7
#: Probabilities with imaginary part (or negative part) below this are
#: taken as real (nonnegative) and refined by Newton's method.
_REAL_TOL = 1e-5
#: Equilibria closer than this in every probability are one.
_SAME_TOL = 1e-6
#: Tracker settings: first step, smallest step, largest step, Newton
#: tolerance, largest first Newton correction (both relative to |z|), steps.
_TRACK = np.array([0.02, 1e-13, 0.1, 1e-11, 1e-3, 20000.0])
#: The settings of a restart: shorter steps, stricter corrections.
_TRACK_CAREFUL = np.array([0.005, 1e-14, 0.02, 1e-12, 1e-4, 100000.0])
#: Tracking restarts (with fresh random start systems) of supports whose
#: paths failed, before the result is declared incomplete.
_RETRIES = 2
#: Most constraint choices tried per continuum when looking for its points.
_MAX_COMPONENT_SYSTEMS = 3000


def _kernels():
    from . import _homotopy_kernels

    return _homotopy_kernels


# ----------------------------------------------------------------- systems
@dataclass
class _System:
    """A square multilinear system on one support profile.

    ``rows``: one array per equation with ``N`` axes, axis ``j`` of length
    ``sizes[j]`` when the equation depends on player ``j``'s probabilities
    and 1 when it does not. ``mix``: an optional matrix applied to the
    equations after they are made homogeneous (random combinations).
    """

    sizes: tuple[int, ...]
    rows: list
    mix: np.ndarray | None = None
    tag: object = None
    check_rows: list | None = None  # the equations a root must satisfy

    @property
    def n(self) -> int:
        return sum(self.sizes)

    def key(self):
        mix = None if self.mix is None else self.mix.shape
        return self.sizes, tuple(r.shape for r in self.rows), mix

    def depends(self) -> np.ndarray:
        """``B[e, j]``: equation ``e`` depends on block ``j`` (size > 1)."""
        B = np.array(
            [[r.shape[j] > 1 for j in range(len(self.sizes))] for r in self.rows]
        )
        if self.mix is not None:
            B = np.array([np.any(B[np.abs(m) > 0], axis=0) for m in self.mix])
        return B.reshape(-1, len(self.sizes))


@lru_cache(maxsize=256)
def _layout(sizes):
    offs = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    idx = np.indices(sizes).reshape(len(sizes), -1).T.astype(np.int64)
    return offs, np.ascontiguousarray(idx)


def _homogenize(rows, sizes, c, mix=None) -> np.ndarray:
    """The coefficient tensors ``(E, M)`` of ``rows`` made homogeneous of
    degree one in every block with the patch vectors ``c`` (each equals 1 on
    its patch, so the system's roots on the patch do not change)."""
    offs, _ = _layout(sizes)
    out = []
    for r in rows:
        t = np.asarray(r, dtype=np.complex128)
        for j, nj in enumerate(sizes):
            if t.shape[j] == 1:
                shape = [1] * len(sizes)
                shape[j] = nj
                t = t * c[offs[j] : offs[j] + nj].reshape(shape)
        out.append(np.broadcast_to(t, sizes).reshape(-1))
    T = np.array(out, dtype=np.complex128).reshape(len(rows), int(np.prod(sizes)))
    if mix is not None:
        T = mix @ T
    return T


def _evaluate(T, z, sizes, c):
    """Values and Jacobian (patch rows ``c_j . z_j - 1`` last) at ``z``."""
    offs, idx = _layout(sizes)
    N = len(sizes)
    M = idx.shape[0]
    vals = z[offs[None, :] + idx]  # (M, N)
    prefix = np.ones((M, N + 1), dtype=vals.dtype)
    suffix = np.ones((M, N + 1), dtype=vals.dtype)
    for j in range(N):
        prefix[:, j + 1] = prefix[:, j] * vals[:, j]
        suffix[:, N - 1 - j] = suffix[:, N - j] * vals[:, N - 1 - j]
    D = np.zeros((M, len(z)), dtype=np.result_type(z, T))
    rows = np.arange(M)
    for j in range(N):
        D[rows, offs[j] + idx[:, j]] += prefix[:, j] * suffix[:, j + 1]
    F = T @ prefix[:, N]
    J = T @ D
    patch_F = np.empty(N, dtype=F.dtype)
    patch_J = np.zeros((N, len(z)), dtype=J.dtype)
    for j, (o, n) in enumerate(zip(offs, sizes, strict=True)):
        patch_F[j] = c[o : o + n] @ z[o : o + n] - 1
        patch_J[j, o : o + n] = c[o : o + n]
    return np.concatenate([F, patch_F]), np.vstack([J, patch_J])


def _gauss_newton(T, z, sizes, c, iterations=30, rcond=1e-10):
    """Gauss-Newton (least-norm steps) towards ``F(z) = 0``; returns the
    point and its residual norm."""
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            F, J = _evaluate(T, z, sizes, c)
            if not np.all(np.isfinite(J)):
                return z, np.inf
            step = np.linalg.lstsq(J, -F, rcond=rcond)[0]
            z = z + step
            if np.linalg.norm(step) <= 1e-15 * (1 + np.linalg.norm(z)):
                break
        F, _ = _evaluate(T, z, sizes, c)
        residual = float(np.linalg.norm(F))
    return z, residual if np.isfinite(residual) else np.inf


@lru_cache(maxsize=512)
def _assignments(B: tuple, demand: tuple) -> np.ndarray:
    """Every way to give each equation one block it depends on, block ``j``
    receiving exactly ``demand[j]`` equations: the roots of the
    linear-product start system, one per assignment."""
    E = len(B)
    out = []
    left = list(demand)
    chosen = [0] * E

    def search(e):
        if e == E:
            out.append(list(chosen))
            return
        remaining_rows = E - e
        if sum(left) != remaining_rows:
            return
        for j, dep in enumerate(B[e]):
            if dep and left[j] > 0:
                left[j] -= 1
                chosen[e] = j
                search(e + 1)
                left[j] += 1

    if sum(demand) == E:
        search(0)
    return np.array(out, dtype=np.int64).reshape(len(out), E)


def _track_group(systems: list[_System], rng, kernels, settings=_TRACK):
    """Track every path of a group of systems of one structure; returns per
    system ``(z, ok, singular, residual)`` at the endpoints (``z`` in the
    system's complex patch) and the patch vectors."""
    first = systems[0]
    sizes = first.sizes
    N = len(sizes)
    n = first.n
    offs, idx = _layout(sizes)
    B = first.depends()
    E = B.shape[0]
    demand = tuple(s - 1 for s in sizes)
    assign = _assignments(tuple(map(tuple, B.tolist())), demand)
    K = len(assign)
    S = len(systems)
    if K == 0:
        return [None] * S, None
    c = rng.standard_normal((S, n)) + 1j * rng.standard_normal((S, n))
    L = rng.standard_normal((S, E, n)) + 1j * rng.standard_normal((S, E, n))
    gamma = np.exp(2j * np.pi * rng.random(S))
    T = np.array(
        [_homogenize(s.rows, sizes, c[k], s.mix) for k, s in enumerate(systems)]
    )
    z0 = np.zeros((S, K, n), dtype=np.complex128)
    for j in range(N):
        o, nj = offs[j], sizes[j]
        rows = np.array([np.flatnonzero(a == j) for a in assign]).reshape(K, nj - 1)
        A = np.empty((S, K, nj, nj), dtype=np.complex128)
        A[:, :, : nj - 1, :] = L[:, rows, o : o + nj] if nj > 1 else 0
        A[:, :, nj - 1, :] = c[:, None, o : o + nj]
        rhs = np.zeros((S, K, nj, 1), dtype=np.complex128)
        rhs[:, :, nj - 1, 0] = 1.0
        z0[:, :, o : o + nj] = np.linalg.solve(A, rhs)[..., 0]
    rep = np.repeat(np.arange(S), K)
    z, t_end, status = kernels.track(
        np.ascontiguousarray(T[rep]),
        idx,
        np.ascontiguousarray(L[rep]),
        np.ascontiguousarray(B),
        offs,
        np.asarray(sizes, dtype=np.int64),
        np.ascontiguousarray(c[rep]),
        np.ascontiguousarray(gamma[rep]),
        np.ascontiguousarray(z0.reshape(S * K, n)),
        settings,
    )
    z, residual, jac = kernels.newton_end(
        np.ascontiguousarray(T[rep]),
        idx,
        offs,
        np.asarray(sizes, dtype=np.int64),
        np.ascontiguousarray(c[rep]),
        z,
        4,
    )
    sv = np.linalg.svd(jac, compute_uv=False)
    ratio = sv[:, -1] / np.maximum(sv[:, 0], 1e-300)
    scale = 1 + np.linalg.norm(z, axis=1)
    # A path that stalls just short of t = 1 is heading for a singular root.
    reached = (status != kernels.FAILED) | (t_end > 1 - 1e-3)
    regular = (ratio >= _SINGULAR) & (residual <= 1e-9 * scale)
    out = []
    for k in range(S):
        sl = slice(k * K, (k + 1) * K)
        out.append(
            {
                "z": z[sl],
                "reached": reached[sl],
                "regular": regular[sl],
                "c": c[k],
                "T": T[k],
            }
        )
    return out, K


def _solve_systems(systems: list[_System], rng, kernels, settings=_TRACK):
    """Track every system (grouped by structure); returns a list aligned
    with ``systems`` of endpoint records (None when the start system has no
    roots) and the number of paths."""
    groups: dict = {}
    for k, s in enumerate(systems):
        groups.setdefault(s.key(), []).append(k)
    out = [None] * len(systems)
    paths = 0
    for members in groups.values():
        records, K = _track_group([systems[k] for k in members], rng, kernels, settings)
        if K:
            paths += K * len(members)
        for k, rec in zip(members, records, strict=True):
            out[k] = rec
    return out, paths


# ------------------------------------------------------------ the game side
def _scaled_payoffs(game) -> list[np.ndarray]:
    """Each player's payoffs mapped affinely onto ``[0, 1]`` (equilibria do
    not change)."""
    return [unit_interval(u) for u in game.float_payoff_arrays]


def _player_rows(U, support, i):
    """Player ``i``'s indifference equations on ``support`` reduced to a
    basis of their span: ``(rows, rank)``."""
    sub = U[np.ix_(*support)]
    W = np.moveaxis(sub, i, 0)
    D = W[1:] - W[:1]
    if D.shape[0] == 0:
        return [], 0
    flat = D.reshape(D.shape[0], -1)
    sv = np.linalg.svd(flat, compute_uv=False)
    rank = int(np.sum(sv > _RANK_TOL * max(1.0, sv[0])))
    if rank < flat.shape[0]:
        _, s, vt = np.linalg.svd(flat)
        flat = s[:rank, None] * vt[:rank]
    rows = []
    for r in flat[:rank]:
        rows.append(np.expand_dims(r.reshape(D.shape[1:]), i))
    return rows, rank


def _conditionally_dominated(U, i, others, m_i):
    """Bitmask of player ``i``'s actions strictly beaten by another action
    against every profile of the others' supports ``others``."""
    index = list(others)
    index.insert(i, np.arange(m_i))
    sub = np.moveaxis(U[np.ix_(*index)], i, 0).reshape(m_i, -1)
    mask = 0
    for a in range(m_i):
        if np.any(np.all(sub > sub[a] + 1e-12, axis=1)):
            mask |= 1 << a
    return mask


def _profile(game, support, blocks):
    """Full mixed strategies from probabilities on a support profile."""
    out = []
    for n, s, p in zip(game.shape, support, blocks, strict=True):
        x = np.zeros(n)
        x[list(s)] = np.clip(np.real(p), 0.0, None)
        total = x.sum()
        out.append(x / total if total > 0 else x)
    return tuple(out)


def _split(z, sizes):
    out, o = [], 0
    for n in sizes:
        out.append(z[o : o + n])
        o += n
    return out


@dataclass
class _Found:
    strategies: tuple
    regret: float
    component: int | None = None
    sources: list = field(default_factory=list)


class _Collector:
    """Candidate equilibria, certified by regret and merged."""

    def __init__(self, game, tol):
        self.game = game
        self.tol = tol
        self.found: list[_Found] = []
        self.rejected = 0

    def is_equilibrium(self, strategies) -> bool:
        return bool(max(self.game.regret(strategies, relative=True)) <= self.tol)

    def offer(self, strategies, component=None) -> int | None:
        regret = float(max(self.game.regret(strategies, relative=True)))
        if not regret <= self.tol:
            self.rejected += 1
            return None
        flat = np.concatenate(strategies)
        for k, f in enumerate(self.found):
            if np.max(np.abs(np.concatenate(f.strategies) - flat)) <= _SAME_TOL:
                if regret < f.regret:
                    f.strategies, f.regret = strategies, regret
                if component is not None:
                    f.sources.append(component)
                return k
        self.found.append(
            _Found(strategies, regret, None, [] if component is None else [component])
        )
        return len(self.found) - 1


def _real_candidate(z, sizes, tol=_REAL_TOL):
    """The probability blocks of an endpoint when they are (nearly) real and
    nonnegative, else None."""
    blocks = []
    for x in _split(z, sizes):
        total = x.sum()
        if abs(total) <= 1e-12 * (1 + np.abs(x).max()):
            return None
        p = x / total
        if (
            not np.all(np.isfinite(p))
            or np.abs(p.imag).max() > tol
            or p.real.min() < -tol
        ):
            return None
        blocks.append(p.real)
    return blocks


def _polish(rows, sizes, blocks):
    """Real Newton refinement of probability blocks on the equations
    ``rows`` with the patch ``sum = 1``; returns the refined blocks and the
    residual."""
    ones = np.ones(sum(sizes))
    T = _homogenize(rows, sizes, ones).real
    z, residual = _gauss_newton(T, np.concatenate(blocks), sizes, ones, iterations=20)
    return _split(z, sizes), residual


def _is_continuum(T, z, sizes, c, rng) -> int:
    """Local dimension at a singular root ``z`` of the system ``T``: 0 for
    an isolated (multiple) root, else the dimension of the solution set
    through it (numerical corank of the Jacobian at a nearby generic
    point)."""
    z, residual = _gauss_newton(T, z, sizes, c, iterations=40)
    scale = 1 + np.linalg.norm(z)
    if residual > 1e-7 * scale:
        return 0
    _, s, vt = np.linalg.svd(_evaluate(T, z, sizes, c)[1])
    null = vt[s < 1e-4 * s[0]].conj()
    if not len(null):
        return 0
    direction = rng.standard_normal(len(null)) @ null
    direction /= np.linalg.norm(direction)
    eps = 1e-3 * scale
    moved, residual = _gauss_newton(T, z + eps * direction, sizes, c, iterations=60)
    if residual > 1e-9 * scale or np.linalg.norm(moved - z) < 0.2 * eps:
        return 0
    s = np.linalg.svd(_evaluate(T, moved, sizes, c)[1], compute_uv=False)
    return max(1, int(np.sum(s < 1e-7 * s[0])))


def _feasible_direction(U, game, support, rows, blocks) -> bool:
    """True when the equilibria on ``support`` continue from the point
    ``blocks`` along the solution set of ``rows``: some nonzero tangent
    direction keeps, to first order, every zero probability nonnegative and
    every action outside the supports that pays as much from paying more
    (a linear program over the tangent space)."""
    from scipy.optimize import linprog

    sizes = tuple(len(s) for s in support)
    ones = np.ones(sum(sizes))
    z = np.concatenate(blocks)
    _, J = _evaluate(_homogenize(rows, sizes, ones).real, z, sizes, ones)
    _, s, vt = np.linalg.svd(J)
    s = np.concatenate([s, np.zeros(len(z) - len(s))])
    basis = vt[s <= 1e-8 * max(s[0], 1.0)].T
    if not basis.shape[1]:
        return False
    active = [np.eye(len(z))[k] for k in range(len(z)) if z[k] <= 1e-9]
    _, payoff_rows, _ = _constraint_rows(U, game, support)
    for row in payoff_rows:
        T = _homogenize([row], sizes, ones).real
        F, Jr = _evaluate(T, z, sizes, ones)
        if F[0] >= -1e-9:  # u(b) - u(support) is 0: the inequality is tight
            active.append(-Jr[0])
    if not active:
        return True
    A = np.array(active) @ basis
    for k in range(basis.shape[1]):
        for sign in (1.0, -1.0):
            objective = np.zeros(basis.shape[1])
            objective[k] = -sign
            lp = linprog(
                objective,
                A_ub=-A,
                b_ub=np.zeros(len(A)),
                bounds=(-1, 1),
                method="highs",
            )
            if lp.status == 0 and -lp.fun > 1e-7:
                return True
    return False


def _constraint_rows(U, game, support):
    """Inequality constraints of an equilibrium on ``support`` as equations
    made tight: each probability zero, each action outside a support paying
    as much as the support's first action (``u(b) - u(a) = 0``); and real
    hyperplanes through the interior (a probability equal to 1/2 or 1/3)."""
    N = len(support)
    probabilities, rows = [], []
    for j, s in enumerate(support):
        if len(s) > 1:
            for a in range(len(s)):
                shape = [1] * N
                shape[j] = len(s)
                probabilities.append(np.eye(len(s))[a].reshape(shape))
    for i, s in enumerate(support):
        for b in range(game.shape[i]):
            if b in s:
                continue
            index = list(support)
            index[i] = [b, s[0]]
            sub = np.moveaxis(U[i][np.ix_(*index)], i, 0)
            rows.append(np.expand_dims(sub[0] - sub[1], i))
    slices = []
    for j, s in enumerate(support):
        if len(s) > 1:
            for value in (0.5, 1 / 3):
                shape = [1] * N
                shape[j] = len(s)
                r = -value * np.ones(len(s))
                r[0] += 1
                slices.append(r.reshape(shape))
    return probabilities, rows, slices


# ------------------------------------------------------------------ the solver
def enumerate_equilibria_n(
    game, *, exact: bool = False, tol: float = 1e-9, rng=None
) -> EquilibriumResult:
    """Every isolated Nash equilibrium of an N-player game, and every
    continuum of equilibria with sample points.

    Support enumeration with the indifference conditions on each support
    profile solved as a multilinear polynomial system by homotopy
    continuation (see the module docstring for the method and its sources).

    Parameters
    ----------
    game : NormalFormGame
        Two or more players (meant for three or more; two-player games have
        the exact vertex enumeration of ``method="enumerate"``).
    exact : bool
        Also recover each equilibrium exactly (needs ``mpmath``): rational
        equilibria as Fractions in ``Equilibrium.exact`` (checked by exact
        arithmetic, so their regret is exactly 0); irrational ones (roots of
        higher-degree polynomials) in ``details["high_precision"]``, keyed
        by equilibrium index: 50-digit decimal strings refined by Newton's
        method (``"strategies"``), a certified *interval enclosure*
        (``"enclosure"``: exact Fraction bounds per action, proven by the
        Krawczyk operator in interval arithmetic to hold the root of the
        support's equations; None when the proof fails, e.g. on a singular
        system), ``"error_bound"`` (a certified bound on the distance from
        the decimal strings to that root), ``"error_estimate"`` (the last
        Newton correction) and ``"certified"`` (the enclosure holds exactly
        one Nash equilibrium); see :mod:`._exact_n`.
    tol : float
        Largest accepted regret of an equilibrium, relative to each player's
        own payoff range (a number in ``(0, 0.01]``).
    rng : None, int or numpy.random.Generator
        Randomness of the start systems (the result does not depend on it
        except with probability zero).

    Returns
    -------
    EquilibriumResult
        ``method="enumerate"``. ``equilibria``: the isolated equilibria
        first, then sample points of each continuum. ``components``: index
        groups, one per isolated equilibrium and one per continuum.
        ``details``: ``"kind"`` (``"isolated"``), ``"isolated"`` (indices),
        ``"continua"`` (per continuum its dimension, support and indices),
        ``"supports"``, ``"pruned"``, ``"paths"``, ``"failed_paths"``,
        ``"unsampled_continua"`` (positive-dimensional solution sets of
        support systems where the sampling found no equilibrium) and
        ``"arithmetic"``. ``complete`` is True when every path of every
        support reached its end (so, with probability one, every isolated
        equilibrium is listed and every continuum found has points listed).

    Examples
    --------
    Three labs choosing open or closed weights (a coordination game shipped
    with stratgame): two pure equilibria and a symmetric mixed one whose
    probabilities are irrational (``4 - 2 sqrt(3)``):

    >>> import stratgame as sg
    >>> from stratgame.solvers.enumeration_n import enumerate_equilibria_n
    >>> g = sg.read_nfg(sg.data.path("three_labs"))
    >>> res = enumerate_equilibria_n(g, exact=True, rng=0)
    >>> len(res.equilibria), res.complete, res.details["kind"]
    (3, True, 'isolated')
    >>> [eq.exact is not None for eq in res.equilibria]
    [True, True, False]
    >>> hp = res.details["high_precision"][2]
    >>> hp["strategies"][0][0][:20], hp["certified"], hp["error_bound"] < 1e-49
    ('0.535898384862245412', True, True)
    >>> low, high = hp["enclosure"][0][0]  # exact bounds on 4 - 2 sqrt(3)
    >>> low <= high and (4 - low) ** 2 >= 12 >= (4 - high) ** 2
    True
    """
    check_real(tol, "tol", "enumerate_equilibria_n", low=0.0, high=0.01, low_open=True)
    if game.n_players < 2:
        raise InvalidGameError(
            f"enumerate_equilibria_n needs a game of two or more players; got {game.n_players}."
        )
    rng = check_rng(rng)
    if exact:  # irrational equilibria are refined in mpmath
        require("mpmath", "exact=True for games of three or more players")
    kernels = _kernels()
    U = _scaled_payoffs(game)
    N = game.n_players
    collector = _Collector(game, tol)
    supports_per_player = [
        [s for k in range(1, m + 1) for s in itertools.combinations(range(m), k)]
        for m in game.shape
    ]
    dominated_cache: dict = {}
    systems, continua_todo = [], []
    counted = pruned = 0
    for support in itertools.product(*supports_per_player):
        counted += 1
        skip = False
        for i in range(N):
            key = (i, support[:i] + support[i + 1 :])
            mask = dominated_cache.get(key)
            if mask is None:
                mask = _conditionally_dominated(U[i], i, key[1], game.shape[i])
                dominated_cache[key] = mask
            if any(mask >> a & 1 for a in support[i]):
                skip = True
                break
        if skip:
            pruned += 1
            continue
        sizes = tuple(len(s) for s in support)
        if all(n == 1 for n in sizes):
            collector.offer(_profile(game, support, [np.ones(1)] * N))
            continue
        rows, deficit = [], 0
        for i in range(N):
            r, rank = _player_rows(U[i], support, i)
            rows += r
            deficit += sizes[i] - 1 - rank
        if deficit:
            continua_todo.append((support, rows, deficit, None))
        else:
            systems.append(_System(sizes, rows, tag=support))

    failed_paths = 0
    total_paths = 0
    pending = systems
    for attempt in range(_RETRIES + 1):
        settings = _TRACK if attempt == 0 else _TRACK_CAREFUL
        records, paths = _solve_systems(pending, rng, kernels, settings)
        total_paths += paths
        retry = []
        for system, rec in zip(pending, records, strict=True):
            if rec is None:
                continue
            if not rec["reached"].all() and attempt < _RETRIES:
                retry.append(system)
                continue
            failed_paths += _harvest(game, system, rec, collector, continua_todo, rng)
        pending = retry
        if not pending:
            break

    continua = _continua(game, U, continua_todo, collector, rng, kernels)
    return _assemble(
        game,
        collector,
        continua,
        exact,
        {
            "supports": counted,
            "pruned": pruned,
            "paths": total_paths,
            "failed_paths": failed_paths,
        },
    )


def _endpoints(system, rec, rng, dimension_test=True):
    """Classify one support's path endpoints: yields ``("root", z)`` for a
    root (regular, or an isolated multiple root), ``("continuum", dim)`` for
    a point of a positive-dimensional solution set and ``("failed", None)``
    for a path that did not reach its end."""
    for z, reached, regular in zip(
        rec["z"], rec["reached"], rec["regular"], strict=True
    ):
        if not reached:
            yield "failed", None
            continue
        if regular:
            yield "root", z
            continue
        if not dimension_test and _real_candidate(z, system.sizes, 1e-2) is None:
            continue
        z, residual = _gauss_newton(rec["T"], z, system.sizes, rec["c"], iterations=40)
        if residual > 1e-7 * (1 + np.linalg.norm(z)):
            yield "failed", None
            continue
        dim = (
            _is_continuum(rec["T"], z, system.sizes, rec["c"], rng)
            if dimension_test
            else 0
        )
        yield ("continuum", dim) if dim else ("root", z)


def _harvest(game, system, rec, collector, continua_todo, rng) -> int:
    """Offer the real endpoints of one support's paths as equilibria, queue
    the continua met at singular endpoints; returns the failed paths."""
    support = system.tag
    sizes = system.sizes
    dimension = failed = 0
    for kind, value in _endpoints(system, rec, rng):
        if kind == "failed":
            failed += 1
        elif kind == "continuum":
            dimension = max(dimension, value)
        else:
            blocks = _real_candidate(value, sizes)
            if blocks is not None:
                blocks, _ = _polish(system.rows, sizes, blocks)
                collector.offer(_profile(game, support, blocks))
    if dimension:
        continua_todo.append((support, system.rows, dimension, "square"))
    return failed


def _continua(game, U, todo, collector, rng, kernels):
    """Points of each continuum: the solutions of its support's equations
    with ``k`` constraints made tight (and, for curves, cut by hyperplanes)."""
    out = []
    systems = []
    for support, rows, k, kind in todo:
        sizes = tuple(len(s) for s in support)
        probabilities, payoff_rows, slices = _constraint_rows(U, game, support)
        # An isolated equilibrium with exactly this support has k tight payoff
        # constraints; slices give interior points of a continuum; a zero
        # probability gives a point of a smaller support (found there), so it
        # is tried for curves only, for their end points.
        if k == 1:
            constraints = probabilities + payoff_rows + slices
        else:
            constraints = payoff_rows + slices[::2]
        choices = itertools.islice(
            itertools.combinations(range(len(constraints)), k), _MAX_COMPONENT_SYSTEMS
        )
        extra = [[constraints[c] for c in choice] for choice in choices]
        mix = None
        if kind == "square":
            E = len(rows)
            mix = np.zeros((E - k + k, E + k), dtype=np.complex128)
            mix[: E - k, :E] = rng.standard_normal(
                (E - k, E)
            ) + 1j * rng.standard_normal((E - k, E))
            mix[E - k :, E:] = np.eye(k)
        ident = len(out)
        out.append({"support": support, "dimension": k, "members": set(), "rows": rows})
        for added in extra:
            systems.append(
                _System(
                    sizes,
                    rows + added,
                    mix,
                    tag=(ident, support),
                    check_rows=rows + added,
                )
            )
    if not systems:
        return out
    records, _ = _solve_systems(systems, rng, kernels)
    seen: dict = {}
    for system, rec in zip(systems, records, strict=True):
        if rec is None:
            continue
        ident, support = system.tag
        for kind, z in _endpoints(system, rec, rng, dimension_test=False):
            if kind != "root":
                continue
            blocks = _real_candidate(z, system.sizes)
            if blocks is None:
                continue
            blocks, residual = _polish(system.check_rows, system.sizes, blocks)
            if residual > 1e-9:
                continue
            strategies = _profile(game, support, blocks)
            if not collector.is_equilibrium(strategies):
                continue
            key = (ident, tuple(np.round(np.concatenate(blocks), 7)))
            on_continuum = seen.get(key)
            if on_continuum is None and out[ident]["dimension"] > 1:
                # a point of a smaller support is that support's business
                if min(float(np.min(b)) for b in blocks) <= 1e-9:
                    on_continuum = False
            if on_continuum is None:
                on_continuum = _feasible_direction(
                    U, game, support, out[ident]["rows"], blocks
                )
                seen[key] = on_continuum
            k = collector.offer(strategies, component=ident if on_continuum else None)
            if k is not None and on_continuum:
                out[ident]["members"].add(k)
    return out


def _assemble(game, collector, continua, exact, details):
    """The result: isolated equilibria first, then each continuum's points."""
    found = collector.found
    # continua sharing a point are one continuum
    parent = list(range(len(continua)))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for f in found:
        for a, b in itertools.pairwise(f.sources):
            parent[root(a)] = root(b)
    groups: dict = {}
    for k, f in enumerate(found):
        if f.sources:
            groups.setdefault(root(f.sources[0]), []).append(k)
    isolated = [k for k, f in enumerate(found) if not f.sources]
    order = sorted(isolated, key=lambda k: _sort_key(found[k]))
    continua_out = []
    for r, members in groups.items():
        start = len(order)
        order += sorted(members, key=lambda k: _sort_key(found[k]))
        dims = [continua[c]["dimension"] for c in range(len(continua)) if root(c) == r]
        supports = [
            continua[c]["support"] for c in range(len(continua)) if root(c) == r
        ]
        continua_out.append(
            {
                "dimension": max(dims),
                "supports": supports,
                "equilibria": tuple(range(start, len(order))),
            }
        )
    equilibria, high_precision = [], {}
    for position, k in enumerate(order):
        strategies = found[k].strategies
        eq = None
        if exact:
            fractions = _exact_n.rational(game, strategies)
            if fractions is None:
                refined = _exact_n.refine(game, strategies)
                fractions = _exact_n.rational(
                    game, refined["strategies"], _exact_n.DIGIT_BOUNDS
                )
            if fractions is not None:
                eq = make_equilibrium(game, fractions, exact=True)
            else:
                high_precision[position] = refined
        if eq is None:
            eq = make_equilibrium(game, strategies)
        equilibria.append(eq)
    components = tuple((k,) for k in range(len(isolated))) + tuple(
        c["equilibria"] for c in continua_out
    )
    details = {
        "kind": "isolated",
        # solution sets of support systems of positive dimension in which no
        # equilibrium was found (most have no real point with nonnegative
        # probabilities meeting the inequalities)
        "unsampled_continua": sum(not c["members"] for c in continua),
        "isolated": tuple(range(len(isolated))),
        "continua": continua_out,
        **details,
        "arithmetic": "float homotopy" + (", exact rational recovery" if exact else ""),
    }
    if exact:
        details["high_precision"] = high_precision
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method="enumerate",
        complete=details["failed_paths"] == 0,
        game=game,
        components=components,
        details=details,
    )


def _sort_key(found):
    sizes = tuple(int(np.count_nonzero(s > 0)) for s in found.strategies)
    return sum(sizes), tuple(-np.concatenate(found.strategies))
