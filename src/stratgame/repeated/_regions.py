"""Where in (0, 1) a family of continuous functions of δ is all <= 0.

The conditions of subgame perfection and of Nash equilibrium are finitely many
gains, each a rational function of the discount factor δ (values solve
``(I - δP) V = (1 - δ) r``). Their zeros are located by sign changes on a grid
refined near 0 and 1 and polished with Brent's method (Brent 1973); local
maxima that come close to zero between grid points are maximized to catch
tangential crossings. The set is then read off by testing one point of each
piece between consecutive zeros, and the zeros themselves (isolated points
where the profile is an equilibrium only at one δ).
"""

from __future__ import annotations

import numpy as np

__all__ = ["discount_grid", "feasible_region"]


def discount_grid(points: int = 400) -> np.ndarray:
    """A grid of (0, 1), uniform with extra points near both ends."""
    uniform = np.linspace(0.0, 1.0, points + 1)[1:-1]
    ends = 10.0 ** -np.arange(3, 8, 0.5)
    return np.unique(np.concatenate([uniform, ends, 1.0 - ends]))


def _roots_of_column(gains, j, grid, values, tol):
    """Zeros of column ``j`` of ``gains`` found between grid points."""
    from scipy.optimize import brentq, minimize_scalar

    column = values[:, j]
    out = []

    def f(x, shift=0.0):
        return gains(x)[j] - shift

    positive = column > tol
    if np.abs(column).max() <= tol:
        return out
    for k in np.flatnonzero(positive[:-1] != positive[1:]):
        # the gains are rational, hence analytic: a value within tol of zero
        # next to a positive one is the zero itself, unless a strict sign
        # change nearby brackets it
        lo = max(k - 1, 0)
        hi = min(k + 2, len(grid) - 1)
        for m in range(lo, hi):
            if column[m] * column[m + 1] < 0:
                out.append(brentq(f, grid[m], grid[m + 1], xtol=1e-15))
                break
        else:
            near = k if abs(column[k]) <= tol else k + 1
            out.append(float(grid[near]))
    # tangential crossings: a local maximum just below the threshold
    for k in range(1, len(grid) - 1):
        if positive[k] or not (column[k] > column[k - 1] and column[k] > column[k + 1]):
            continue
        if column[k] < -max(1e3 * tol, 1e-6 * np.abs(column).max()):
            continue
        best = minimize_scalar(
            lambda x: -f(x),
            bounds=(grid[k - 1], grid[k + 1]),
            method="bounded",
            options={"xatol": 1e-13},
        )
        if -best.fun > tol:
            out.append(brentq(f, grid[k - 1], best.x, args=(tol / 2,), xtol=1e-15))
            out.append(brentq(f, best.x, grid[k + 1], args=(tol / 2,), xtol=1e-15))
        elif -best.fun > -tol:
            out.append(float(best.x))
    return out


def feasible_region(gains, holds, tol: float, grid=None):
    """The closed set of δ in (0, 1) where every gain is <= 0.

    Parameters
    ----------
    gains : callable
        ``gains(δ) -> 1-D array``: the family of gain functions.
    holds : callable
        ``holds(δ) -> bool``: the equilibrium test itself at one δ (used to
        classify each piece).
    tol : float
        Gains up to ``tol`` count as zero.
    grid : array_like, optional
        Where the gains are sampled first (default :func:`discount_grid`).

    Returns
    -------
    list of (float, float)
        Disjoint closed intervals, increasing; 0 and 1 stand for open ends.
    """
    grid = discount_grid() if grid is None else np.asarray(grid, dtype=np.float64)
    values = np.array([gains(x) for x in grid])
    roots = []
    for j in range(values.shape[1]):
        roots.extend(_roots_of_column(gains, j, grid, values, tol))
    cuts = []
    for x in sorted(roots):
        if 0.0 < x < 1.0 and (not cuts or x - cuts[-1] > 1e-12):
            cuts.append(float(x))
    bounds = [0.0, *cuts, 1.0]
    pieces = []  # (low, high) of pieces where the test holds
    for k in range(len(bounds) - 1):
        low, high = bounds[k], bounds[k + 1]
        if k > 0 and holds(low):
            pieces.append((low, low))
        if holds(0.5 * (low + high)):
            pieces.append((low, high))
    merged: list[tuple[float, float]] = []
    for low, high in pieces:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged
