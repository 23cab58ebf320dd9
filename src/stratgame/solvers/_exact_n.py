"""Exact forms of the equilibria of N-player games found in floating point
by :mod:`stratgame.solvers.enumeration_n`: rational equilibria as Fractions,
irrational ones (roots of polynomials of degree two or more) refined to many
digits and enclosed in a certified box.

On its support an equilibrium solves a square polynomial system: each
player indifferent among its support actions, its probabilities summing to
one. A rational root is recognized by rounding to small denominators and
checking the rounded profile in exact arithmetic (its regret is exactly 0).
Otherwise Newton's method in ``mpmath`` refines the root to ``digits``
digits, and the Krawczyk operator (Krawczyk 1969, "Newton-Algorithmen zur
Bestimmung von Nullstellen mit Fehlerschranken", Computing 4; Moore 1977,
"A test for existence of solutions to nonlinear systems", SIAM J. Numer.
Anal. 14), evaluated in ``mpmath``'s outward-rounded interval arithmetic,
proves that a small box around it holds exactly one root of the system and
shrinks the box. Over that box every support probability is positive and
every action outside a support strictly worse when ``certified`` is True, so
the box holds exactly one Nash equilibrium of the game.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

from .._optional import require

__all__ = ["rational", "refine"]

#: Denominator bounds tried when rounding a float equilibrium.
FLOAT_BOUNDS = (10**2, 10**4, 10**6, 10**8)
#: ... and a high-precision one.
DIGIT_BOUNDS = (10**12, 10**20)


def rational(game, strategies, bounds=FLOAT_BOUNDS):
    """The equilibrium as exact Fractions when a small-denominator rounding
    of ``strategies`` (floats, or decimal strings) is an exact equilibrium,
    else None.

    Examples
    --------
    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> rational(pennies, [np.array([0.5000000001, 0.4999999999])] * 2)
    [(Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))]
    """
    for bound in bounds:
        profile = []
        for s in strategies:
            q = [
                (
                    Fraction(p) if isinstance(p, str) else Fraction(float(p))
                ).limit_denominator(bound)
                for p in s
            ]
            total = sum(q)
            if total == 0:
                break
            profile.append(tuple(p / total for p in q))
        else:
            try:
                regret = game.regret(
                    [np.array(p, dtype=object) for p in profile], exact=True
                )
            except ValueError:
                continue
            if all(r == 0 for r in regret):
                return profile
    return None


class _SupportSystem:
    """The indifference conditions of one support profile, in any ``mpmath``
    context (``mp`` for points, ``iv`` for intervals)."""

    def __init__(self, game, support):
        self.support = support
        self.payoffs = game.exact_payoff_arrays
        self.sizes = [len(s) for s in support]
        self.offs = [sum(self.sizes[:j]) for j in range(len(support))]
        self.n = sum(self.sizes)

    def value(self, ctx, x, i, action):
        """Player ``i``'s payoff from ``action`` against the others'
        probabilities ``x`` on their supports, and its gradient."""
        support, offs = self.support, self.offs
        N = len(support)
        value, grad = ctx.mpf(0), [ctx.mpf(0)] * self.n
        ranges = [range(k) if j != i else (0,) for j, k in enumerate(self.sizes)]
        for prof in itertools.product(*ranges):
            cell = tuple(support[j][prof[j]] if j != i else action for j in range(N))
            u = self.payoffs[i][cell]
            if u == 0:
                continue
            u = ctx.mpf(u.numerator) / u.denominator
            factors = [x[offs[j] + prof[j]] if j != i else 1 for j in range(N)]
            product = u
            for f in factors:
                product = product * f
            value += product
            for j in range(N):
                if j != i:
                    rest = u
                    for k in range(N):
                        if k not in (i, j):
                            rest = rest * factors[k]
                    grad[offs[j] + prof[j]] += rest
        return value, grad

    def equations(self, ctx, x):
        """``F(x)`` (indifference, then each player's probabilities summing to
        one) and its Jacobian, as lists."""
        F, J = [], []
        for i, s in enumerate(self.support):
            first, g0 = self.value(ctx, x, i, s[0])
            for a in s[1:]:
                value, grad = self.value(ctx, x, i, a)
                F.append(value - first)
                J.append([g - h for g, h in zip(grad, g0, strict=True)])
        for o, k in zip(self.offs, self.sizes, strict=True):
            total = ctx.mpf(0)
            for v in x[o : o + k]:
                total += v
            F.append(total - 1)
            J.append([ctx.mpf(int(o <= c < o + k)) for c in range(self.n)])
        return F, J

    def outside_gaps(self, ctx, x, game_shape):
        """``u_i(b) - u_i(first support action)`` for every action ``b``
        outside player ``i``'s support."""
        gaps = []
        for i, s in enumerate(self.support):
            first, _ = self.value(ctx, x, i, s[0])
            for b in range(game_shape[i]):
                if b not in s:
                    gaps.append(self.value(ctx, x, i, b)[0] - first)
        return gaps


def _krawczyk(iv, system, mid, Y, X):
    """The Krawczyk operator ``K(X) = m - Y F(m) + (I - Y J(X)) (X - m)``;
    every root of the system in ``X`` lies in ``K(X)``, and ``K(X)`` inside
    the interior of ``X`` proves that ``X`` holds exactly one root."""
    n = system.n
    point = [iv.mpf(v) for v in mid]
    F, _ = system.equations(iv, point)
    _, JX = system.equations(iv, X)
    Yi = [[iv.mpf(Y[r, c]) for c in range(n)] for r in range(n)]
    out = []
    for r in range(n):
        s = point[r]
        for c in range(n):
            s -= Yi[r][c] * F[c]
        for k in range(n):
            coefficient = iv.mpf(int(r == k))
            for c in range(n):
                coefficient -= Yi[r][c] * JX[c][k]
            s += coefficient * (X[k] - point[k])
        out.append(s)
    return out


def _ends(interval):
    """An interval's end points as exact Fractions."""
    out = []
    for end in interval._mpi_:
        sign, man, exp, _ = end
        value = Fraction(man) * Fraction(2) ** exp
        out.append(-value if sign else value)
    return tuple(out)


def refine(game, strategies, digits=50):
    """A float equilibrium refined by Newton's method to ``digits`` digits
    and enclosed by the Krawczyk operator.

    Returns a dict: ``"strategies"`` (decimal strings, ``digits``
    significant digits, zeros off the supports), ``"error_estimate"`` (the
    last Newton correction), ``"enclosure"`` (per player, per action, exact
    Fraction bounds ``(low, high)`` proven to enclose the support system's
    unique root in the box; None when the proof failed, e.g. a singular
    system), ``"error_bound"`` (a float no smaller than the largest distance
    between ``"strategies"`` and the root; None without an enclosure) and
    ``"certified"`` (the box holds exactly one Nash equilibrium: every
    support probability positive and every other action strictly worse over
    the whole box).

    Examples
    --------
    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> out = refine(pennies, [np.array([0.51, 0.49])] * 2)
    >>> out["strategies"][0][0][:12], out["certified"]
    ('0.5', True)
    >>> low, high = out["enclosure"][0][0]
    >>> low <= Fraction(1, 2) <= high and high - low < Fraction(1, 10**50)
    True
    """
    mpmath = require("mpmath", "exact=True for games of three or more players")
    mp, iv = mpmath.mp, mpmath.iv
    support = [tuple(int(a) for a in np.flatnonzero(s > 0)) for s in strategies]
    system = _SupportSystem(game, support)
    saved = iv.prec
    with mp.workdps(digits + 15):
        x = [
            mp.mpf(float(s[a]))
            for s, sup in zip(strategies, support, strict=True)
            for a in sup
        ]
        correction = mp.mpf(1)
        for _ in range(30):
            F, J = system.equations(mp, x)
            try:
                step = mp.lu_solve(mp.matrix(J), -mp.matrix(F))
            except ZeroDivisionError:  # a singular system: no refinement
                break
            x = [xi + si for xi, si in zip(x, step, strict=True)]
            correction = mp.norm(step)
            if correction < mp.mpf(10) ** (-digits - 10):
                break
        out = {
            "strategies": _decimals(mp, game.shape, support, x, digits),
            "error_estimate": float(correction),
            "enclosure": None,
            "error_bound": None,
            "certified": False,
        }
        try:
            iv.prec = mp.prec
            box = _enclose(mp, iv, system, x, digits)
            if box is not None:
                out.update(_report(mp, iv, game, system, box, out["strategies"]))
        finally:
            iv.prec = saved
    return out


def _decimals(mp, shape, support, x, digits):
    out, k = [], 0
    for m, sup in zip(shape, support, strict=True):
        full = ["0"] * m
        for a in sup:
            full[a] = mp.nstr(x[k], digits)
            k += 1
        out.append(full)
    return out


def _lo(mp, interval):
    return mp.mpf(interval._mpi_[0])


def _hi(mp, interval):
    return mp.mpf(interval._mpi_[1])


def _enclose(mp, iv, system, x, digits):
    """A box around ``x`` proven by the Krawczyk test to hold exactly one
    root, shrunk by iterating the operator (about the midpoint of the
    current box, as the mean value form needs); None when the test fails."""
    _, J = system.equations(mp, x)
    try:
        Y = mp.inverse(mp.matrix(J))
    except ZeroDivisionError:
        return None
    for exponent in (digits // 2, 10):
        radius = mp.mpf(10) ** (-exponent)
        X = [iv.mpf([v - radius, v + radius]) for v in x]
        K = _krawczyk(iv, system, x, Y, X)
        if all(
            _lo(mp, X[k]) < _lo(mp, K[k]) and _hi(mp, K[k]) < _hi(mp, X[k])
            for k in range(system.n)
        ):
            break
    else:
        return None

    def width(box):
        return max(_hi(mp, b) - _lo(mp, b) for b in box)

    for _ in range(4):  # K(X) holds the root: iterate while it shrinks
        X = K
        mid = [(_lo(mp, b) + _hi(mp, b)) / 2 for b in X]
        if not all(_lo(mp, b) <= m <= _hi(mp, b) for b, m in zip(X, mid, strict=True)):
            break
        K = _krawczyk(iv, system, mid, Y, X)
        K = [
            iv.mpf([max(_lo(mp, k), _lo(mp, y)), min(_hi(mp, k), _hi(mp, y))])
            for k, y in zip(K, X, strict=True)
        ]
        if width(K) >= 0.5 * width(X):
            break
    return K


def _report(mp, iv, game, system, box, decimals):
    """The enclosure as Fractions, its error bound and its certificate."""
    enclosure, worst, k = [], Fraction(0), 0
    for i, sup in enumerate(system.support):
        full = [(Fraction(0), Fraction(0))] * game.shape[i]
        for a in sup:
            low, high = _ends(box[k])
            full[a] = (low, high)
            centre = Fraction(decimals[i][a])
            worst = max(worst, centre - low, high - centre)
            k += 1
        enclosure.append(tuple(full))
    gaps = system.outside_gaps(iv, box, game.shape)
    certified = all(_lo(mp, b) > 0 for b in box) and all(_hi(mp, g) < 0 for g in gaps)
    return {
        "enclosure": tuple(enclosure),
        "error_bound": math.nextafter(float(worst), math.inf),
        "certified": bool(certified),
    }
