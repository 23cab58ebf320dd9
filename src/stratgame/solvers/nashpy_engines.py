"""nashpy's own algorithms as selectable methods, certified by stratgame.

``method="nashpy.support_enumeration"``, ``"nashpy.vertex_enumeration"`` and
``"nashpy.lemke_howson"`` run nashpy (Knight & Campbell 2018) on the game's
float payoffs, each player's mapped onto [0, 1] first (a positive affine
map, which keeps the equilibria and spares nashpy's linear programs and
convex hulls payoffs near 1e200 or 1e-200). Every profile it returns goes through the same certification
as stratgame's own methods (:func:`stratgame.solvers.certify.certify`), and
the results are never marked complete: nashpy compares floats exactly and
misses equilibria of ordinary games (its support enumeration found 9 of 23
on a 10 x 10 random game here), so use these methods to cross-check, and
``method="enumerate"`` for the complete list.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..exceptions import InvalidGameError, InvalidParameterError, SolverError
from ..games.scaling import unit_interval
from .results import EquilibriumResult, make_equilibrium

__all__ = [
    "nashpy_lemke_howson",
    "nashpy_support_enumeration",
    "nashpy_vertex_enumeration",
]


def _nashpy_game(game):
    if game.n_players != 2:
        raise InvalidGameError(
            f"nashpy solves two-player games; this game has {game.n_players}."
        )
    import nashpy

    A, B = game.float_payoff_arrays
    return nashpy.Game(unit_interval(A), unit_interval(B))


def _result(game, profiles, method: str) -> EquilibriumResult:
    equilibria = []
    for x, y in profiles:
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            continue
        if x.sum() <= 0 or y.sum() <= 0 or (x < -1e-9).any() or (y < -1e-9).any():
            continue
        x, y = np.clip(x, 0.0, None), np.clip(y, 0.0, None)
        equilibria.append(make_equilibrium(game, (x / x.sum(), y / y.sum())))
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method=method,
        complete=False,
        game=game,
    )


def _collect(run, method: str):
    """nashpy's profiles from ``run()``, with its warnings (degenerate games)
    silenced: stratgame's certification judges the answer. nashpy's own
    failures (scipy's convex hull or linear program giving up) become a
    :class:`SolverError` that names the method."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return list(run())
        except (ArithmeticError, LookupError, TypeError, ValueError, RuntimeError) as e:
            raise SolverError(
                f"nashpy's {method.removeprefix('nashpy.')} failed on this game "
                f"({type(e).__name__}: {e}); use method='enumerate' for "
                "stratgame's own certified enumeration."
            ) from e


def nashpy_support_enumeration(game) -> EquilibriumResult:
    """nashpy's support enumeration, certified (never marked complete).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> len(sg.solve(g, method="nashpy.support_enumeration").equilibria)
    3
    """
    nash = _nashpy_game(game)
    profiles = _collect(nash.support_enumeration, "nashpy.support_enumeration")
    return _result(game, profiles, "nashpy.support_enumeration")


def nashpy_vertex_enumeration(game) -> EquilibriumResult:
    """nashpy's vertex enumeration, certified (never marked complete).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> len(sg.solve(g, method="nashpy.vertex_enumeration").equilibria)
    3
    """
    nash = _nashpy_game(game)
    profiles = _collect(nash.vertex_enumeration, "nashpy.vertex_enumeration")
    return _result(game, profiles, "nashpy.vertex_enumeration")


def nashpy_lemke_howson(game, *, init_label: int = 0) -> EquilibriumResult:
    """nashpy's Lemke-Howson from one dropped label, certified.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> len(sg.solve(g, method="nashpy.lemke_howson").equilibria)
    1
    """
    m, n = game.shape
    if not isinstance(init_label, int | np.integer) or not 0 <= init_label < m + n:
        raise InvalidParameterError(
            f"init_label must be an integer label 0..{m + n - 1}; got {init_label!r}."
        )
    nash = _nashpy_game(game)
    profile = _collect(
        lambda: [nash.lemke_howson(int(init_label))], "nashpy.lemke_howson"
    )
    return _result(game, profile, "nashpy.lemke_howson")
