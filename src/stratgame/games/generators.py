"""Generators of test and benchmark games: random games, unit-vector games and
the hard games on which the Lemke–Howson algorithm takes exponentially many
steps.

Every generator that draws random numbers takes an ``rng`` argument (None, an
int seed or a :class:`numpy.random.Generator`); none touches global state.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .._validation import check_integer, check_rng
from ..exceptions import InvalidGameError
from .exact_linalg import solve_exact
from .normal_form import NormalFormGame

__all__ = [
    "morris_labels",
    "random_game",
    "savani_von_stengel",
    "unit_vector_game",
]


def _check_shape(shape, owner: str) -> tuple[int, ...]:
    if isinstance(shape, int | np.integer):
        shape = (shape, shape)
    try:
        dims = tuple(shape)
    except TypeError:
        raise InvalidGameError(
            f"{owner} needs a shape: a tuple of action counts such as (3, 4); "
            f"got {shape!r}."
        ) from None
    if not dims:
        raise InvalidGameError(f"{owner} needs at least one player; got shape ().")
    return tuple(
        check_integer(n, f"shape[{i}]", owner, low=1) for i, n in enumerate(dims)
    )


def random_game(shape, rng=None, *, integers=None) -> NormalFormGame:
    """A game with independent random payoffs.

    Parameters
    ----------
    shape : int or tuple of int
        Number of actions of each player; an int ``n`` means an ``n x n``
        two-player game.
    rng : None, int or numpy.random.Generator
        Source of randomness.
    integers : tuple (low, high), optional
        Draw integer payoffs uniformly from ``low, ..., high`` (inclusive),
        which gives an exact game with many ties (often degenerate). By
        default payoffs are floats drawn uniformly from ``[0, 1)``, the
        benchmark class of the literature (nondegenerate with probability 1).

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> g = random_game((2, 3), rng=0)
    >>> g.shape, g.is_exact
    ((2, 3), False)
    >>> random_game(3, rng=1, integers=(0, 2)).payoff_arrays[0].dtype
    dtype('int64')
    """
    dims = _check_shape(shape, "random_game")
    generator = check_rng(rng)
    size = (*dims, len(dims))
    if integers is None:
        payoffs = generator.random(size)
    else:
        try:
            low, high = integers
        except (TypeError, ValueError):
            raise InvalidGameError(
                f"integers must be a pair (low, high) of ints; got {integers!r}."
            ) from None
        low = check_integer(low, "integers[0]", "random_game")
        high = check_integer(high, "integers[1]", "random_game", low=low)
        payoffs = generator.integers(low, high, size=size, endpoint=True)
    return NormalFormGame([payoffs[..., i] for i in range(len(dims))])


def unit_vector_game(shape, rng=None) -> NormalFormGame:
    """A random unit-vector game: each column of the row player's matrix is a
    unit vector (the row player gets 1 at one random row per column, else 0);
    the column player's payoffs are uniform on ``[0, 1)``.

    Unit-vector games are as hard as general bimatrix games for path-following
    methods (Savani and von Stengel 2016, "Unit vector games", Int. J. Economic
    Theory 12, 7-27); they are a standard benchmark class of the
    bimatrix-games generator suite.

    Parameters
    ----------
    shape : int or tuple of two ints
        ``(m, n)``: the row player's and the column player's number of actions.
    rng : None, int or numpy.random.Generator

    Examples
    --------
    >>> g = unit_vector_game((3, 4), rng=0)
    >>> g.payoff_arrays[0].sum(axis=0).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    dims = _check_shape(shape, "unit_vector_game")
    if len(dims) != 2:
        raise InvalidGameError(
            f"unit_vector_game makes two-player games; got shape {dims}."
        )
    m, n = dims
    generator = check_rng(rng)
    A = np.zeros((m, n))
    A[generator.integers(0, m, size=n), np.arange(n)] = 1.0
    B = generator.random((m, n))
    return NormalFormGame.from_bimatrix(A, B)


def morris_labels(d: int) -> tuple[int, ...]:
    """Morris's labelling of the ``2d`` facets of the dual cyclic polytope in
    dimension ``d`` (0-based labels ``0..d-1``, each used twice).

    The first ``d`` facets carry labels ``0, ..., d-1``; the last ``d`` carry
    ``d-1``, then the pairs ``(d-3, d-2), (d-5, d-4), ..., (1, 2)``, then
    ``0`` (Morris 1994, "Lemke paths on simple polytopes", Math. Oper. Res.
    19, 780-789; used by Savani and von Stengel 2006 and 2016). With it every
    Lemke path from the completely labelled vertex is exponentially long in
    ``d``.

    Examples
    --------
    >>> morris_labels(6)
    (0, 1, 2, 3, 4, 5, 5, 3, 4, 1, 2, 0)
    """
    d = check_integer(d, "d", "morris_labels", low=2)
    if d % 2:
        raise InvalidGameError(
            f"Morris's labelling needs an even dimension d; got d={d}."
        )
    second = [d - 1]
    for low in range(d - 3, 0, -2):
        second += [low, low + 1]
    second.append(0)
    return (*range(d), *second)


def savani_von_stengel(d: int) -> NormalFormGame:
    """A ``d x d`` game on which every Lemke–Howson path is exponentially long.

    The imitation-game form (Savani and von Stengel 2016, "Unit vector games",
    Int. J. Economic Theory 12, Sect. 5) of the hard games of Savani and von
    Stengel (2006, "Hard-to-solve bimatrix games", Econometrica 74, 397-429):
    the row player's payoff matrix is the identity, and the column player's
    best-response polytope is the dual cyclic polytope with ``2d`` facets in
    dimension ``d``, its facets labelled by :func:`morris_labels`. The game
    has a unique Nash equilibrium, and the Lemke–Howson path from every
    initial label takes a number of pivots exponential in ``d``.

    Construction: the moment-curve points ``mu(t) = (t, t^2, ..., t^d)`` at
    ``t = 1, ..., 2d``, centred at their mean, are the vertices of a cyclic
    polytope; its polar ``{z : <mu_k, z> <= 1}`` has the ``2d`` facets. The
    completely labelled vertex where the first ``d`` facets are tight is
    moved to the origin by an affine change of coordinates that turns those
    facets into ``x >= 0``; the other ``d`` facets become ``B^T x <= 1``,
    column ``j`` of ``B`` being the facet with label ``j``. Payoffs are exact
    Fractions; they grow like ``(2d)^d``, so floating-point solvers meet
    badly conditioned systems too.

    Parameters
    ----------
    d : int
        Even dimension, at least 2.

    Returns
    -------
    NormalFormGame
        Exact (Fraction payoffs), shape ``(d, d)``.

    Examples
    --------
    >>> g = savani_von_stengel(4)
    >>> g.shape, g.is_exact
    ((4, 4), True)
    >>> import stratgame as sg
    >>> eq = sg.solve(g, method="lemke_howson", exact=True).equilibria[0]
    >>> eq.regret
    0.0
    """
    labels = morris_labels(d)
    n_facets = 2 * d
    points = [[Fraction(t**p) for p in range(1, d + 1)] for t in range(1, n_facets + 1)]
    mean = [sum(col) / n_facets for col in zip(*points, strict=True)]
    normals = [[p - c for p, c in zip(pt, mean, strict=True)] for pt in points]
    # The tight facets 0..d-1 at the start vertex v: N0 v = 1.
    tight = normals[:d]
    vertex = solve_exact(tight, [Fraction(1)] * d)
    # z = v - N0^{-1} x turns facet k of the start vertex into x_k >= 0.
    # Column k of N0^{-1} solves N0 w = e_k.
    identity = [[int(r == k) for k in range(d)] for r in range(d)]
    inverse_columns = list(zip(*solve_exact(tight, identity), strict=True))
    B = [[Fraction(0)] * d for _ in range(d)]
    for facet in range(d, n_facets):
        normal = normals[facet]
        slack = 1 - sum(a * v for a, v in zip(normal, vertex, strict=True))
        if slack <= 0:  # pragma: no cover - guaranteed by Gale's evenness
            raise AssertionError("the start vertex must be simple")
        column = labels[facet]
        for k in range(d):
            coefficient = -sum(
                a * w for a, w in zip(normal, inverse_columns[k], strict=True)
            )
            B[k][column] = coefficient / slack
    A = [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]
    return NormalFormGame.from_bimatrix(
        np.array(A, dtype=object),
        np.array(B, dtype=object),
        title=f"Savani-von Stengel hard game, d={d}",
    )
