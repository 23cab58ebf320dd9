"""Minmax values, the feasible payoff set and its individually rational part.

The folk theorem (Fudenberg & Maskin 1986; Mailath & Samuelson 2006,
Section 3.3) says that, for patient enough players, every feasible payoff
vector that gives each player strictly more than its minmax value is an
equilibrium payoff of the repeated game. This module computes that region.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice

__all__ = [
    "MinmaxValues",
    "PayoffRegion",
    "feasible_set",
    "individually_rational_set",
    "minmax",
]


@dataclass(frozen=True, eq=False)
class MinmaxValues:
    """Each player's minmax values.

    Attributes
    ----------
    pure : numpy.ndarray
        ``min over the others' pure profiles of max over own actions``.
    mixed : numpy.ndarray
        The same with the others mixing (for three or more players they may
        correlate, see :func:`minmax`).
    pure_punishments : tuple of tuple of int
        For each player, the others' pure profile (in player order) that holds
        it to ``pure``.
    mixed_punishments : tuple of numpy.ndarray
        For each player, the distribution over the others' joint profiles
        (shape: the others' action counts) that holds it to ``mixed``; for two
        players, the other's mixed strategy.
    correlated : bool
        True when the mixed punishments were allowed to correlate (three or
        more players).
    """

    pure: np.ndarray
    mixed: np.ndarray
    pure_punishments: tuple[tuple[int, ...], ...]
    mixed_punishments: tuple[np.ndarray, ...]
    correlated: bool


def minmax(stage_game) -> MinmaxValues:
    """Pure and mixed minmax values of every player of a stage game.

    The mixed value of player ``i`` solves the linear program
    ``min v`` subject to ``Σ_{a_-i} x(a_-i) u_i(a_i, a_-i) <= v`` for every
    own action ``a_i``, ``x`` a distribution over the others' profiles
    (von Neumann's minimax theorem; Mailath & Samuelson 2006, Section 2.7).
    With two players ``x`` is the other player's mixed strategy. With three or
    more the program lets the punishers correlate, which gives the
    correlated minmax, a lower bound of the minmax with independent mixing
    (whose computation is not a linear program).

    Examples
    --------
    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> m = minmax(pennies)
    >>> m.pure, m.mixed
    (array([1., 1.]), array([0., 0.]))
    >>> m.mixed_punishments[0]
    array([0.5, 0.5])
    """
    from scipy.optimize import linprog

    n = stage_game.n_players
    pure, mixed, pure_punish, mixed_punish = [], [], [], []
    for i in range(n):
        u = np.moveaxis(stage_game.float_payoff_arrays[i], i, 0)
        others_shape = u.shape[1:]
        table = u.reshape(u.shape[0], -1)  # own action x others' profiles
        best = table.max(axis=0)
        k = int(np.argmin(best))
        pure.append(best[k])
        pure_punish.append(tuple(int(x) for x in np.unravel_index(k, others_shape)))
        m = table.shape[1]
        cost = np.zeros(m + 1)
        cost[-1] = 1.0
        A_ub = np.hstack([table, -np.ones((table.shape[0], 1))])
        A_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
        result = linprog(
            cost,
            A_ub=A_ub,
            b_ub=np.zeros(table.shape[0]),
            A_eq=A_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * m + [(None, None)],
            method="highs",
        )
        x = np.clip(result.x[:m], 0, None)
        x /= x.sum()
        mixed.append(float((table @ x).max()))
        mixed_punish.append(x.reshape(others_shape))
    return MinmaxValues(
        np.array(pure, dtype=np.float64),
        np.array(mixed),
        tuple(pure_punish),
        tuple(mixed_punish),
        n > 2,
    )


@dataclass(frozen=True, eq=False)
class PayoffRegion:
    """A convex polytope of payoff vectors.

    Attributes
    ----------
    vertices : numpy.ndarray
        ``(k, N)`` extreme points; for two players in counterclockwise order.
        Empty ``(0, N)`` for an empty region.
    """

    vertices: np.ndarray

    @property
    def is_empty(self) -> bool:
        """True when the region has no point."""
        return len(self.vertices) == 0

    def contains(self, point, tol: float = 1e-9) -> bool:
        """True when ``point`` lies in the region, up to ``tol`` times the
        region's extent in each coordinate.

        Examples
        --------
        >>> import stratgame as sg
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> region = individually_rational_set(pd)
        >>> region.contains([2, 2]), region.contains([0.5, 3])
        (True, False)
        """
        from scipy.optimize import linprog

        if self.is_empty:
            return False
        point = np.asarray(point, dtype=np.float64)
        V = self.vertices
        k, n = V.shape
        scale = max(float(np.ptp(V, axis=0).max()), 1.0)
        # min t  s.t. |V^T lam - point| <= t, lam in the simplex
        cost = np.zeros(k + 1)
        cost[-1] = 1.0
        A_ub = np.vstack(
            [
                np.hstack([V.T, -np.ones((n, 1))]),
                np.hstack([-V.T, -np.ones((n, 1))]),
            ]
        )
        b_ub = np.concatenate([point, -point])
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        result = linprog(
            cost,
            A_ub=A_ub,
            b_ub=b_ub,
            A_eq=A_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * (k + 1),
            method="highs",
        )
        return bool(result.fun <= tol * scale)


def _payoff_points(stage_game) -> np.ndarray:
    arrays = stage_game.float_payoff_arrays
    return np.stack([a.ravel() for a in arrays], axis=1)


def _affine_frame(points: np.ndarray, tol: float):
    """Origin and orthonormal basis (rows) of the affine hull of ``points``."""
    origin = points.mean(axis=0)
    centered = points - origin
    _, sing, vt = np.linalg.svd(centered, full_matrices=False)
    scale = max(float(np.abs(centered).max()), 1.0)
    rank = int(np.sum(sing > tol * scale * max(len(points), 1)))
    return origin, vt[:rank]


def _hull_halfspaces(coords: np.ndarray):
    """``A x <= b`` describing the convex hull of ``coords`` (full-dimensional
    in its own space)."""
    dim = coords.shape[1]
    if dim == 1:
        x = coords[:, 0]
        return np.array([[1.0], [-1.0]]), np.array([x.max(), -x.min()])
    from scipy.spatial import ConvexHull

    hull = ConvexHull(coords)
    return hull.equations[:, :-1], -hull.equations[:, -1]


def _vertices(A: np.ndarray, b: np.ndarray, tol: float) -> np.ndarray:
    """Vertices of the bounded polytope ``A x <= b`` by checking every choice
    of ``dim`` active constraints (fine for the few facets of payoff sets)."""
    m, dim = A.shape
    found = []
    for rows in itertools.combinations(range(m), dim):
        M = A[list(rows)]
        if abs(np.linalg.det(M)) < 1e-12:
            continue
        x = np.linalg.solve(M, b[list(rows)])
        if np.all(A @ x <= b + tol):
            found.append(x)
    if not found:
        return np.empty((0, dim))
    found = np.array(found)
    keep = []
    for x in found:
        if not any(np.abs(x - y).max() <= 10 * tol for y in keep):
            keep.append(x)
    return np.array(keep)


def _ordered(vertices: np.ndarray) -> np.ndarray:
    """Two-dimensional vertices in counterclockwise order."""
    if vertices.shape[1] != 2 or len(vertices) < 3:
        return vertices
    center = vertices.mean(axis=0)
    angle = np.arctan2(vertices[:, 1] - center[1], vertices[:, 0] - center[0])
    return vertices[np.argsort(angle)]


def _region(points: np.ndarray, lower=None, tol: float = 1e-9) -> PayoffRegion:
    n = points.shape[1]
    scale = max(float(np.ptp(points, axis=0).max()), 1.0)
    origin, basis = _affine_frame(points, 1e-12)
    if basis.shape[0] == 0:
        inside = lower is None or np.all(origin >= lower - tol * scale)
        return PayoffRegion(origin[None, :] if inside else np.empty((0, n)))
    coords = (points - origin) @ basis.T
    A, b = _hull_halfspaces(coords)
    if lower is not None:
        # w = origin + basis^T x >= lower  <=>  -basis^T x <= origin - lower
        A = np.vstack([A, -basis.T])
        b = np.concatenate([b, origin - lower])
    x = _vertices(A, b, tol * scale)
    vertices = origin + x @ basis
    # vertices that are stage payoff vectors are reported exactly
    for k, v in enumerate(vertices):
        distance = np.abs(points - v).max(axis=1)
        nearest = int(np.argmin(distance))
        if distance[nearest] <= 1e-9 * scale:
            vertices[k] = points[nearest]
    return PayoffRegion(_ordered(vertices))


def feasible_set(stage_game) -> PayoffRegion:
    """The feasible payoff set: the convex hull of the stage payoff vectors
    (reachable with public randomization, or as long-run averages).

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> feasible_set(pd).vertices
    array([[1., 1.],
           [5., 0.],
           [3., 3.],
           [0., 5.]])
    """
    return _region(_payoff_points(stage_game))


def individually_rational_set(stage_game, kind: str = "mixed") -> PayoffRegion:
    """The feasible payoffs that give every player at least its minmax value
    (``kind="mixed"`` or ``"pure"``): the region of the folk theorem.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> individually_rational_set(pd).vertices.round(6)
    array([[1.      , 1.      ],
           [4.333333, 1.      ],
           [3.      , 3.      ],
           [1.      , 4.333333]])
    """
    kind = check_choice(kind, "kind", "individually_rational_set", ("mixed", "pure"))
    values = minmax(stage_game)
    lower = values.mixed if kind == "mixed" else values.pure
    return _region(_payoff_points(stage_game), lower)
