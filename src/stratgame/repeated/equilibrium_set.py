"""The set of subgame-perfect equilibrium payoffs of a two-player repeated
game with public randomization, as a polygon.

Abreu, Pearce & Stacchetti (1990) characterize the set as the largest fixed
point of the operator ``B`` that maps a set ``W`` of continuation payoffs to
the payoffs ``(1 - δ) u(a) + δ w`` with ``w`` in ``W`` and ``a`` an action
profile whose deviations are deterred by the worst continuation in ``W``.
Judd, Yeltekin & Conklin (2003) iterate ``B`` on polygons given by their
support levels in a fixed set of directions: each step is exact for the
polygon, so the iterates are outer approximations that shrink monotonically
to a set containing the true one. Pure action profiles are used, as in
Abreu & Sannikov (2014) and QuantEcon's ``RepeatedGame.equilibrium_payoffs``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidGameError

__all__ = ["EquilibriumPayoffSet", "equilibrium_payoffs"]


@dataclass(frozen=True, eq=False)
class EquilibriumPayoffSet:
    """An outer approximation of the equilibrium payoff set.

    Attributes
    ----------
    vertices : numpy.ndarray
        ``(k, 2)`` vertices in counterclockwise order from the lowest, then
        leftmost, one (normalized payoffs,
        comparable with stage payoffs); ``(0, 2)`` when no pure-strategy
        subgame-perfect equilibrium exists.
    directions : numpy.ndarray
        ``(D, 2)`` unit normals of the supporting lines.
    levels : numpy.ndarray
        ``(D,)`` support levels: the set lies in ``directions @ w <= levels``.
    iterations : int
        Iterations of the operator run.
    converged : bool
        False when ``max_iter`` stopped the iteration first.
    """

    vertices: np.ndarray
    directions: np.ndarray
    levels: np.ndarray
    iterations: int
    converged: bool

    @property
    def is_empty(self) -> bool:
        """True when the set is empty."""
        return len(self.vertices) == 0

    def contains(self, point, tol: float = 1e-9) -> bool:
        """True when ``point`` satisfies every supporting inequality up to
        ``tol`` times the set's extent."""
        if self.is_empty:
            return False
        scale = max(float(np.ptp(self.vertices, axis=0).max()), 1.0)
        return bool(
            np.all(
                self.directions @ np.asarray(point, float) <= self.levels + tol * scale
            )
        )


def _clip_lower(polygon: list, axis: int, bound: float) -> list:
    """The part of a convex polygon (list of (x, y)) where coordinate
    ``axis`` is at least ``bound`` (Sutherland & Hodgman 1974)."""
    out = []
    k = len(polygon)
    for j in range(k):
        p, q = polygon[j], polygon[(j + 1) % k]
        sp, sq = bound - p[axis], bound - q[axis]
        if sp <= 0:
            out.append(p)
        if (sp < 0 < sq) or (sq < 0 < sp):
            t = sp / (sp - sq)
            out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
    return out


def _polygon(directions: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Vertices of the polygon ``directions @ x <= levels`` when every line
    supports it: intersections of consecutive lines."""
    h1, h2 = directions, np.roll(directions, -1, axis=0)
    c1, c2 = levels, np.roll(levels, -1)
    det = h1[:, 0] * h2[:, 1] - h1[:, 1] * h2[:, 0]
    x = (c1 * h2[:, 1] - h1[:, 1] * c2) / det
    y = (h1[:, 0] * c2 - c1 * h2[:, 0]) / det
    return np.stack([x, y], axis=1)


def _distinct(vertices: np.ndarray, tol: float) -> np.ndarray:
    """Drop vertices equal (within ``tol``) to their predecessor, cyclically."""
    step = np.abs(vertices - np.roll(vertices, 1, axis=0)).max(axis=1)
    keep = step > tol
    if not keep.any():
        return vertices[:1]
    return vertices[keep]


def _directions(count: int, payoffs: np.ndarray) -> np.ndarray:
    """``count`` uniform unit normals plus the outward normals of the edges of
    the stage payoffs' convex hull, sorted by angle. The hull normals let the
    polygon follow the feasible set's edges exactly."""
    angles = list(2 * np.pi * np.arange(count) / count)
    points = np.unique(payoffs, axis=0)
    if len(points) >= 3 and np.linalg.matrix_rank(points[1:] - points[0]) == 2:
        from scipy.spatial import ConvexHull

        normals = ConvexHull(points).equations[:, :2]
        angles += list(np.mod(np.arctan2(normals[:, 1], normals[:, 0]), 2 * np.pi))
    angles = np.sort(np.array(angles))
    keep = np.concatenate([[True], np.diff(angles) > 1e-9])
    if angles[-1] - angles[0] > 2 * np.pi - 1e-9:
        keep[-1] = False
    angles = angles[keep]
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def equilibrium_payoffs(
    stage_game,
    discount,
    *,
    directions: int = 128,
    tol: float = 1e-9,
    max_iter: int = 10_000,
) -> EquilibriumPayoffSet:
    """Outer approximation of the pure-strategy subgame-perfect equilibrium
    payoffs with public randomization of a two-player repeated game.

    Judd, Yeltekin & Conklin (2003), outer approximation: start from the box
    of stage payoffs and apply the Abreu-Pearce-Stacchetti operator on
    polygons with ``directions`` fixed normals until the support levels move
    by less than ``tol`` times the payoff range. For each pure profile ``a``
    the continuation ``w`` must satisfy ``w_i >= min_{W} w_i + (1 - δ)/δ
    (max_{a_i'} u_i(a_i', a_-i) - u_i(a))``.

    Parameters
    ----------
    stage_game : NormalFormGame
        A two-player stage game.
    discount : float
        δ in (0, 1).
    directions : int, default 128
        Number of uniformly spread supporting directions (at least 4); the
        normals of the feasible set's edges are always added. More gives a
        tighter polygon where the set's edges are not parallel to those.
    tol : float, default 1e-9
        Convergence tolerance relative to the payoff range.
    max_iter : int, default 10000

    Returns
    -------
    EquilibriumPayoffSet

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> patient = equilibrium_payoffs(pd, 0.9, directions=32)
    >>> patient.contains([3, 3]), patient.contains([1, 1])
    (True, True)
    >>> equilibrium_payoffs(pd, 0.3, directions=32).vertices.round(6)
    array([[1., 1.],
           [4., 1.],
           [1., 4.]])
    >>> equilibrium_payoffs(pd, 0.2, directions=32).vertices.round(6)
    array([[1., 1.]])
    """
    if stage_game.n_players != 2:
        raise InvalidGameError(
            "equilibrium_payoffs needs a two-player stage game; got "
            f"{stage_game.n_players} players."
        )
    delta = float(
        check_real(
            discount,
            "discount",
            "equilibrium_payoffs",
            low=0,
            high=1,
            low_open=True,
            high_open=True,
        )
    )
    n_dir = check_integer(directions, "directions", "equilibrium_payoffs", low=4)
    max_iter = check_integer(max_iter, "max_iter", "equilibrium_payoffs", low=1)
    u1, u2 = stage_game.float_payoff_arrays
    payoffs = np.stack([u1.ravel(), u2.ravel()], axis=1)
    gains = np.stack(
        [
            (u1.max(axis=0)[None, :] - u1).ravel(),
            (u2.max(axis=1)[:, None] - u2).ravel(),
        ],
        axis=1,
    )
    H = _directions(n_dir, payoffs)
    box = np.array([[a, b] for a in (u1.min(), u1.max()) for b in (u2.min(), u2.max())])
    levels = (H @ box.T).max(axis=1)
    scale = max(float(np.ptp(payoffs, axis=0).max()), 1e-300)
    stage_part = (1 - delta) * payoffs @ H.T  # (profiles, D)
    converged = False
    iteration = 0
    empty = np.empty((0, 2))
    for iteration in range(1, max_iter + 1):
        polygon = _distinct(_polygon(H, levels), 1e-12 * scale)
        worst = polygon.min(axis=0)
        corners = [tuple(v) for v in polygon.tolist()]
        best = np.full(len(H), -np.inf)
        for k in range(len(payoffs)):
            bound = worst + (1 - delta) / delta * gains[k]
            piece = _clip_lower(corners, 0, bound[0])
            piece = _clip_lower(piece, 1, bound[1])
            if not piece:
                continue
            support = (np.array(piece) @ H.T).max(axis=0)
            best = np.maximum(best, stage_part[k] + delta * support)
        if not np.all(np.isfinite(best)):
            return EquilibriumPayoffSet(empty, H, best, iteration, True)
        change = np.abs(best - levels).max()
        levels = np.minimum(best, levels)
        if change <= tol * scale:
            converged = True
            break
    vertices = _distinct(_polygon(H, levels), 1e-9 * scale)
    # counterclockwise from the lowest (then leftmost) vertex
    first = np.lexsort((vertices[:, 0], np.round(vertices[:, 1], 9)))[0]
    vertices = np.roll(vertices, -first, axis=0)
    return EquilibriumPayoffSet(vertices, H, levels, iteration, converged)
