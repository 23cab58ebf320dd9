"""Nash equilibria of N-player games by the global Newton method of Govindan
and Wilson.

Govindan and Wilson's structure theorem (Kohlberg and Mertens 1986, Theorem
1; Govindan and Wilson 2003, "A global Newton method to compute Nash
equilibria", Journal of Economic Theory 110, 65-86) makes the graph of the
equilibrium correspondence over games perturbed by a bonus ``b`` for each
pure strategy homeomorphic to the space of perturbations. With ``V(sigma)``
each player's payoff from each of its actions against the others' mixed
strategies and ``r`` the Euclidean retraction of ``R^M`` onto the product of
simplices (``M`` the total number of actions), ``sigma = r(z)`` is an
equilibrium of the game with bonus ``b`` exactly when
``F(z) = z - r(z) - V(r(z)) = b``. Along a ray ``b = lam * g`` the solutions
``(z, lam)`` of ``F(z) = lam * g`` form a piecewise smooth curve: for large
``lam`` the unique equilibrium is the pure profile ``argmax g``, for very
negative ``lam`` it is ``argmin g``, and every crossing of ``lam = 0`` is an
equilibrium of the game itself; generically there are an odd number of them
(Govindan and Wilson 2003, Section 3). The curve is followed here by a
predictor-corrector method (Allgower and Georg 1990, "Numerical
Continuation Methods", Chapter 2) whose direction is fixed by the sign of the
determinant of the Jacobian bordered by the tangent, so that it passes the
kinks where a support changes without turning back (Allgower and Georg,
Section 2.1 and Chapter 14). That sign is the same all along the curve, so a
step whose end reverses it (a jump onto another branch of the region's
curve) or bends back out through the face just crossed is shortened rather
than followed; the pieces where every player is pure are straight and are
crossed in one step. The map, its Jacobian and the steps are compiled
(:mod:`._global_newton_kernels`).

Gambit's ``gnm`` (the ``gtracer`` code of Blum, Shelton and Koller 2006, "A
continuation method for Nash equilibria in structured games", JAIR 25)
implements the same method; this module is an independent implementation.
Every crossing is located on the curve (regula falsi on the step length),
refined by Newton's method on ``F(z) = 0`` and on the indifference
conditions of its support, and kept only when its regret, relative to each
player's own payoff range, is at most ``tol``. Several random rays
(``n_starts``) find several equilibria; the list is never claimed complete.
Each ray either reaches its end or says why it stopped (``details``).
"""

from __future__ import annotations

import itertools

import numpy as np

from .._validation import check_integer, check_real, check_rng
from ..exceptions import InvalidGameError
from ..games.scaling import unit_interval
from .results import EquilibriumResult, keep_distinct, make_equilibrium

__all__ = ["global_newton"]

#: Residual (in payoffs scaled to [0, 1] per player) at which the corrector
#: has converged.
_CORRECTOR_TOL = 1e-10
#: The longest predictor step (in ``(z, lam)``, payoffs scaled to [0, 1]).
_MAX_STEP = 1.0
#: |lam| at or below this counts as zero: a degenerate game's path may run
#: along lam = 0 (a continuum of equilibria); that is one crossing.
_ZERO_LAM = 1e-10


def project_to_simplices(z: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The Euclidean projection of each player's block of ``z`` onto its
    probability simplex (the retraction ``r`` of Govindan and Wilson; the
    sorting algorithm of Held, Wolfe and Crowder 1974).

    Examples
    --------
    >>> project_to_simplices(np.array([2.0, 0.5, 0.3, 0.3]), np.array([0, 2, 4]))
    array([1. , 0. , 0.5, 0.5])
    """
    out = np.empty_like(z)
    for a, b in itertools.pairwise(offsets):
        block = z[a:b]
        ordered = np.sort(block)[::-1]
        partial = np.cumsum(ordered) - 1.0
        ks = np.arange(1, b - a + 1)
        k = ks[ordered - partial / ks > 0][-1]
        out[a:b] = np.maximum(block - partial[k - 1] / k, 0.0)
    return out


def _kernels():
    from . import _global_newton_kernels

    return _global_newton_kernels


class _System:
    """The map ``F(z) = z - r(z) - V(r(z))`` of a game whose payoffs are
    scaled to ``[0, 1]`` for each player, on one region of ``z``: where the
    supports of ``r(z)`` are ``mask``, ``r`` is the affine map
    ``sigma_ij = z_ij - v_i`` (``v_i`` making player ``i``'s probabilities sum
    to one) on the support and 0 off it, and ``F`` is a polynomial. The
    arithmetic is in :mod:`._global_newton_kernels`."""

    def __init__(self, game):
        self.kernels = _kernels()
        self.n_players = game.n_players
        self.shape = game.shape
        self.payoffs = np.ascontiguousarray(
            [unit_interval(u).reshape(-1) for u in game.float_payoff_arrays],
            dtype=float,
        )
        self.idx = np.ascontiguousarray(
            np.indices(self.shape).reshape(self.n_players, -1).T, dtype=np.int64
        )
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(np.int64)
        self.size = int(self.offsets[-1])
        self.owner = np.repeat(np.arange(self.n_players), self.shape).astype(np.int64)
        self.game_args = (self.owner, self.offsets, self.payoffs, self.idx)

    def split(self, vector) -> list[np.ndarray]:
        return [vector[a:b] for a, b in itertools.pairwise(self.offsets)]

    def values(self, sigma: np.ndarray):
        """Each action's value against ``sigma`` (one vector) and the
        matrix ``DV`` of their derivatives."""
        return self.kernels.values(self.payoffs, self.idx, self.offsets, sigma)

    def slack(self, z: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The region's inequalities, nonnegative inside it: ``sigma_ij`` on
        the support, ``v_i - z_ij`` off it."""
        return self.kernels.slack(z, mask, self.owner, self.n_players)

    def evaluate(self, z: np.ndarray, mask: np.ndarray):
        """``F(z)`` on the region ``mask``, its Jacobian, and ``sigma``."""
        return self.kernels.evaluate(z, mask, *self.game_args)


def _tangent(J: np.ndarray) -> np.ndarray:
    """A unit vector spanning the null space of the ``M x (M+1)`` matrix
    ``J`` (the last right singular vector)."""
    return np.linalg.svd(J)[2][-1]


def _det_sign(J: np.ndarray, t: np.ndarray) -> float:
    return float(np.sign(np.linalg.det(np.vstack([J, t]))))


def random_ray(system: _System, rng) -> np.ndarray:
    """A random perturbation ray: standard normal, each player's block
    scaled to unit length (a guard against near-ties in ``argmax g``)."""
    g = rng.standard_normal(system.size)
    for block in system.split(g):
        block /= np.linalg.norm(block)
    return g


class _Path:
    """The curve ``F(z) = lam * g`` from ``lam = +inf`` to ``lam = -inf``,
    followed region by region: within a region ``F`` is smooth and the
    predictor-corrector steps are Newton's method on its polynomial
    formula; a step that leaves the region is shortened (by the secant
    method) until it ends on the region's boundary, where the support
    changes and the tangent of the next region is taken. ``reason`` says
    how the trace ended."""

    def __init__(self, system: _System, g: np.ndarray, max_iter: int):
        self.system, self.g, self.max_iter = system, g, max_iter
        self.steps = 0
        self.crossings: list[tuple[np.ndarray, np.ndarray]] = []
        self.finished = False
        self.reason = "max_iter"
        self.mask = None
        self.entered = None  # the face crossed at the last support change

    def jacobian(self, u):
        """``[dF/dz, -g]`` at ``u = (z, lam)`` on the current region."""
        _, J, _ = self.system.evaluate(u[:-1], self.mask)
        return np.hstack([J, -self.g[:, None]])

    def start(self):
        """A point on the first (straight) piece of the path, where each
        player plays its ``argmax g`` action."""
        system, g = self.system, self.g
        best = [int(np.argmax(block)) for block in system.split(g)]
        pure = np.concatenate(
            [np.eye(n)[a] for n, a in zip(system.shape, best, strict=True)]
        )
        value = system.values(pure)[0]
        kink = -np.inf
        for i, (v, gi) in enumerate(
            zip(system.split(value), system.split(g), strict=True)
        ):
            a = best[i]
            for j in range(len(v)):
                if j != a:  # the pure region ends at 1 + dv + lam dg = 1
                    kink = max(kink, (v[j] - v[a]) / (gi[a] - gi[j]))
        lam = max(kink, 0.0) + 1.0
        z = pure + value + lam * g
        self.end_pure = (
            np.concatenate(
                [
                    np.eye(n)[int(np.argmin(b))]
                    for n, b in zip(system.shape, system.split(g), strict=True)
                ]
            )
            > 0
        )
        self.mask = pure > 0
        # Beyond these the perturbed game has a dominant profile, so the
        # path is on its first or last straight piece.
        low = [np.partition(b, 1)[1] - b.min() for b in system.split(g) if len(b) > 1]
        high = [
            b.max() - np.partition(b, -2)[-2] for b in system.split(g) if len(b) > 1
        ]
        self.lam_end = -(1.0 / min(low) if low else 0.0) - 1.0
        self.lam_top = max(lam, 1.0 / min(high) if high else 0.0) + 1.0
        return np.append(z, lam)

    def _step(self, u, t, h):
        """One predictor-corrector step of length ``h``: the point and the
        corrector's iterations, or ``(None, iterations)``."""
        w, iterations, ok = self.system.kernels.step(
            u, t, h, self.g, self.mask, *self.system.game_args, _CORRECTOR_TOL
        )
        return (w if ok else None), iterations

    def _straight(self, u, t, h, h_max):
        """The step length from ``u``: where every player is pure the path
        is a straight line (``F`` is affine there), followed to just past
        the region's end in one step (a near-tie in ``g`` puts the first
        kink at a large ``lam``); elsewhere at most ``h_max``."""
        if self.mask.sum() > self.system.n_players:
            return min(h, h_max)
        here = self.system.slack(u[:-1], self.mask)
        rate = self.system.slack(u[:-1] + t[:-1], self.mask) - here
        falling = rate < 0
        if not falling.any():
            return h
        return max(h, 1.001 * float((here[falling] / -rate[falling]).min()))

    def _to_boundary(self, u, t, h, w):
        """Shorten the step from ``u`` (inside the region) whose end ``w``
        is outside until it ends on the boundary (see the kernel): the
        boundary point and the index of the inequality that is tight
        there, or ``(None, None)``."""
        entered = -1 if self.entered is None else int(self.entered)
        p, q, ok = self.system.kernels.to_boundary(
            u,
            t,
            h,
            w,
            entered,
            self.g,
            self.mask,
            *self.system.game_args,
            _CORRECTOR_TOL,
        )
        return (p, int(q)) if ok else (None, None)

    def _smooth_tangent(self, w, t, sign):
        """The tangent at ``w`` continuing ``t`` with orientation ``sign``
        (the bordered system; the singular-value decomposition when ``t`` is
        nearly normal to the curve)."""
        system = self.system
        t_new, got = system.kernels.tangent(w, t, self.g, self.mask, *system.game_args)
        if got == 0.0:
            J = self.jacobian(w)
            t_new = _tangent(J)
            got = _det_sign(J, t_new)
        return t_new if got == sign else -t_new

    def _oriented_tangent(self, u, t, mask):
        """The tangent at ``u`` of the curve of region ``mask`` and the sign
        of its bordered determinant (``t . tangent > 0``)."""
        system = self.system
        t_new, sign = system.kernels.tangent(u, t, self.g, mask, *system.game_args)
        if sign == 0.0:
            _, J, _ = system.evaluate(u[:-1], mask)
            J = np.hstack([J, -self.g[:, None]])
            t_new = _tangent(J)
            sign = _det_sign(J, t_new)
        return t_new, sign

    def _turn(self, u, t, tight, sign):
        """Into the next region at a support change, where the inequality
        ``tight`` (and possibly others: a corner, in degenerate games) is
        tight: the region is the current one with some tight inequalities
        flipped, ``tight`` first, whose tangent oriented by ``sign`` enters
        it (the flipped inequalities grow along it, the other tight ones do
        not fall). Sets the region; returns the tangent and its sign. When
        no region qualifies (the orientation is lost), ``tight`` is flipped
        and the tangent oriented so that it grows."""
        system, old = self.system, self.mask
        here = system.slack(u[:-1], old)
        corner = [tight] + [
            int(k) for k in np.flatnonzero(np.abs(here) <= 1e-9) if k != tight
        ]
        if len(corner) > 4:
            corner = corner[:1]
        subsets = [
            (tight, *rest)
            for size in range(len(corner))
            for rest in itertools.combinations(corner[1:], size)
        ] + [
            rest
            for size in range(1, len(corner))
            for rest in itertools.combinations(corner[1:], size)
        ]
        for flipped in subsets:
            mask = old.copy()
            mask[list(flipped)] = ~mask[list(flipped)]
            if not all(block.any() for block in system.split(mask)):
                continue
            t_new, got = self._oriented_tangent(u, t, mask)
            if got != sign:
                t_new = -t_new
            rate = (
                system.slack(u[:-1] + t_new[:-1], mask) - system.slack(u[:-1], mask)
            )[corner]
            grows = np.isin(corner, flipped)
            if (rate[grows] > 0).all() and (rate[~grows] >= -1e-12).all():
                self.mask = mask
                return t_new, sign
        self.mask = old.copy()
        self.mask[tight] = not self.mask[tight]
        t_new, got = self._oriented_tangent(u, t, self.mask)
        probe = system.slack(u[:-1] + t_new[:-1], self.mask)
        if probe[tight] < system.slack(u[:-1], self.mask)[tight]:
            t_new, got = -t_new, -got
        return t_new, got

    def trace(self):
        u = self.start()
        t = -np.append(self.g, 1.0)
        t /= np.linalg.norm(t)
        sign = _det_sign(self.jacobian(u), t)
        h = h_max = _MAX_STEP
        # At each support change: (event, state to resume from). An event
        # seen twice means a step jumped onto a closed loop of the solution
        # set; the path is resumed before it with shorter steps.
        checkpoints: list = []
        side = 1.0  # the sign of lam, ignoring |lam| <= _ZERO_LAM
        on_zero = 0  # consecutive steps with lam = 0: along a continuum
        while self.steps < self.max_iter:
            self.steps += 1
            h = self._straight(u, t, h, h_max)
            w, iterations = self._step(u, t, h)
            tight = None
            # outside the region: beyond a face by more than rounding (a
            # degenerate path may run along a face)
            if w is not None and self.system.slack(w[:-1], self.mask).min() < -1e-12 * (
                1.0 + np.abs(u).max()
            ):
                w, tight = self._to_boundary(u, t, h, w)
            if w is not None:
                # The tangent at the end, oriented as the path: a sharp bend
                # (or a reversal, the step having jumped onto another branch
                # of the region's curve) asks for a shorter step.
                t_new = self._smooth_tangent(w, t, sign)
                if t_new @ t < 0.98 and h > 1e-9:
                    w = None
            point = None  # where lam changes sign, if it does in this step
            if (
                w is not None
                and side != 0
                and abs(w[-1]) > _ZERO_LAM
                and np.sign(w[-1]) != side
            ):
                point = self._crossing(u, t, w) if abs(u[-1]) > _ZERO_LAM else u[:-1]
                if h > 1e-9 and self.system.slack(point, self.mask).min() < -1e-9:
                    w = None  # the step skipped an excursion out of the region
            if w is None:
                h *= 0.5
                if h < 1e-12:
                    self.reason = "step size underflow"
                    return
                continue
            if tight is not None:
                event = (tight, round(float(w[-1]), 7), self.mask.tobytes())
                seen = [k for k, (e, _) in enumerate(checkpoints) if e == event]
                if seen:
                    k = max(seen[0] - 1, 0)
                    _, (u, t, self.mask, sign, n_crossings, side) = checkpoints[k]
                    del checkpoints[k:]
                    del self.crossings[n_crossings:]
                    self.entered = None
                    h_max = h = h_max / 8.0
                    if h_max < 1e-8:
                        self.reason = "closed loop"
                        return
                    continue
                checkpoints.append(
                    (event, (u, t, self.mask.copy(), sign, len(self.crossings), side))
                )
            if abs(w[-1]) > _ZERO_LAM and np.sign(w[-1]) != side:
                if point is not None:  # lam changed sign (along lam = 0: once)
                    self.crossings.append((point, self.mask.copy()))
                side = np.sign(w[-1])
            on_zero = on_zero + 1 if abs(w[-1]) <= _ZERO_LAM else 0
            if on_zero > 200:
                self.reason = "continuum"
                return  # along a continuum of equilibria: stop this ray
            u = w
            if tight is not None:
                t, sign = self._turn(u, t, tight, sign)
                self.entered = tight
            else:
                self.entered = None
                t = t_new
                if iterations <= 2:
                    h = min(2.0 * h, h_max)
            if u[-1] < self.lam_end or (
                u[-1] < 0 and t[-1] < 0 and (self.mask == self.end_pure).all()
            ):
                self.finished = True
                self.reason = "finished"
                return
            if u[-1] > self.lam_top or not np.all(np.isfinite(u)):
                self.reason = "turned back"
                return

    def _crossing(self, u, t, w):
        """The point of the curve between ``u`` and ``w`` (on this region's
        piece, ``lam`` of opposite signs) where ``lam = 0``: Illinois regula
        falsi on the step length, each trial corrected onto the curve; the
        linear interpolation of ``u`` and ``w`` when a trial step fails."""
        lo, f_lo = 0.0, u[-1]
        hi, f_hi = float((w - u) @ t), w[-1]
        side = 0
        for _ in range(40):
            weight_lo = 0.5 if side == -1 else 1.0
            weight_hi = 0.5 if side == 1 else 1.0
            length = lo + weight_lo * f_lo * (hi - lo) / (
                weight_lo * f_lo - weight_hi * f_hi
            )
            p, _ = self._step(u, t, length)
            if p is None:
                break
            if abs(p[-1]) <= 1e-14 or hi - lo <= 1e-15 * (1.0 + abs(hi)):
                return p[:-1]
            if np.sign(p[-1]) == np.sign(f_lo):
                lo, f_lo = length, p[-1]
                side = 1 if side >= 0 else 0
            else:
                hi, f_hi = length, p[-1]
                side = -1 if side <= 0 else 0
        fraction = u[-1] / (u[-1] - w[-1])
        return (1 - fraction) * u[:-1] + fraction * w[:-1]


def _zero(system: _System, z: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Newton's method on ``F(z) = 0`` (the region's formula) from a point
    interpolated on the path; the profile ``sigma``."""
    best, best_norm = z, np.inf
    for _ in range(30):
        F, J, _ = system.evaluate(z, mask)
        norm = np.abs(F).max()
        if norm < best_norm:
            best, best_norm = z, norm
        if norm < 1e-14:
            break
        z = z - np.linalg.lstsq(J, F, rcond=None)[0]
    return system.evaluate(best, mask)[2]


def _polish(system: _System, strategies) -> list[np.ndarray] | None:
    """Newton's method on the indifference conditions of the support of
    ``strategies``: equal values on each player's support, probabilities
    summing to one. None when it fails or leaves the simplex."""
    sigma = np.concatenate(strategies)
    keep = np.flatnonzero(sigma > 0)
    owner = system.owner[keep]
    # each player's first support action, and the others of its support
    leads = np.r_[True, owner[1:] != owner[:-1]]
    rows, base = keep[~leads], keep[leads][owner[~leads]]
    sums = (owner[:, None] == np.arange(system.n_players)).T.astype(float)
    for _ in range(20):
        value, DV = system.values(sigma)
        residual = np.concatenate([value[rows] - value[base], sums @ sigma[keep] - 1])
        if np.abs(residual).max() < 1e-15:
            break
        jacobian = np.vstack([DV[np.ix_(rows, keep)] - DV[np.ix_(base, keep)], sums])
        delta = np.linalg.lstsq(jacobian, -residual, rcond=None)[0]
        sigma[keep] += delta
        if not np.all(np.isfinite(sigma)):
            return None
        if np.abs(delta).max() < 1e-15:
            break
    if sigma.min() < -1e-12:
        return None
    return [
        np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in system.split(sigma)
    ]


def _regret(system: _System, strategies) -> float:
    """The largest deviation gain of a player, in payoffs scaled to
    ``[0, 1]`` (the regret relative to each player's payoff range)."""
    sigma = np.concatenate(strategies)
    value = system.values(sigma)[0]
    return max(
        float(v.max() - s @ v)
        for v, s in zip(system.split(value), strategies, strict=True)
    )


def _candidate(system, z, tol):
    """The certified equilibrium at a crossing ``z``, or None."""
    z, mask = z
    sigma = _zero(system, z, mask)
    if sigma.min() < -1e-9:
        sigma = project_to_simplices(z, system.offsets)
    sigma = np.clip(sigma, 0.0, None)
    strategies = [s / s.sum() for s in system.split(sigma)]
    options = [strategies]
    polished = _polish(system, strategies)
    if polished is not None:
        options.insert(0, polished)
    scored = [(_regret(system, s), k, s) for k, s in enumerate(options)]
    regret, _, best = min(scored, key=lambda item: item[:2])
    return (best, regret) if regret <= tol else None


def global_newton(
    game,
    *,
    n_starts: int = 3,
    rng=None,
    tol: float = 1e-9,
    max_iter: int = 10_000,
) -> EquilibriumResult:
    """Nash equilibria of a normal-form game with any number of players by
    the global Newton method (Govindan and Wilson 2003).

    From each of ``n_starts`` random perturbation rays ``g`` the method
    follows the equilibria of the games with bonus ``lam * g`` from
    ``lam = +inf`` (a pure profile) to ``lam = -inf``; every crossing of
    ``lam = 0`` is an equilibrium of the game (generically an odd number of
    them per ray). See the module docstring for the method and its sources
    (Gambit's ``gnm`` is another implementation).

    Parameters
    ----------
    game : NormalFormGame
    n_starts : int
        Random rays to follow; more rays find more equilibria.
    rng : None, int or numpy.random.Generator
        Draws the rays.
    tol : float
        Each equilibrium's regret, relative to each player's own payoff
        range, is at most ``tol``; crossings that do not refine below it are
        dropped (counted in ``details["uncertified"]``).
    max_iter : int
        Most predictor-corrector steps per ray; a ray that needs more leaves
        ``converged=False``.

    Returns
    -------
    EquilibriumResult
        ``method="global_newton"``, ``complete=False`` (a sample of the
        equilibria). ``details["rays"]``: per ray its predictor-corrector
        ``steps``, its ``crossings`` of ``lam = 0``, whether it
        ``finished`` and the ``reason`` it stopped: ``"finished"``,
        ``"max_iter"``, ``"step size underflow"`` (no step short enough
        was accepted: a singular point), ``"closed loop"`` (the same
        support change kept recurring), ``"continuum"`` (the path ran
        along ``lam = 0``: a continuum of equilibria) or ``"turned back"``;
        ``details["uncertified"]``: crossings dropped for their regret. On
        generic games every ray reaches its end; on degenerate ones (ties
        in the payoffs) a path can meet several support changes at once (a
        corner: the next region is the one whose tangent keeps the path's
        orientation) or run along a continuum of equilibria, and some rays
        stop early (saying why; the equilibria they crossed are still
        certified).

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.games.generators import random_game
    >>> g = random_game((3, 3, 3), rng=1)
    >>> result = sg.solve(g, method="global_newton", rng=0)
    >>> result.method, result.complete, len(result.equilibria) >= 1
    ('global_newton', False, True)
    >>> all(g.is_nash(eq.strategies) for eq in result.equilibria)
    True
    """
    owner = "global_newton"
    if getattr(game, "n_players", 0) < 2 or not hasattr(game, "float_payoff_arrays"):
        raise InvalidGameError(
            "global_newton needs a NormalFormGame of two or more players; got "
            f"{type(game).__name__}."
        )
    n_starts = check_integer(n_starts, "n_starts", owner, low=1)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    tol = check_real(tol, "tol", owner, low=0.0)
    rng = check_rng(rng)
    system = _System(game)
    found: list[tuple[list[np.ndarray], float]] = []
    rays, uncertified, converged = [], 0, True
    for _ in range(n_starts):
        path = _Path(system, random_ray(system, rng), max_iter)
        path.trace()
        converged &= path.finished
        rays.append(
            {
                "steps": path.steps,
                "crossings": len(path.crossings),
                "finished": path.finished,
                "reason": path.reason,
            }
        )
        for z in path.crossings:
            got = _candidate(system, z, tol)
            if got is None:
                uncertified += 1
                continue
            strategies, regret = got
            keep_distinct(found, strategies, regret)
    return EquilibriumResult(
        equilibria=tuple(make_equilibrium(game, s) for s, _ in found),
        method="global_newton",
        complete=False,
        game=game,
        converged=converged,
        details={"rays": rays, "uncertified": uncertified},
    )
