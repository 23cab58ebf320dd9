"""nashpy's own algorithms as selectable methods, certified by stratgame.

``method="nashpy.support_enumeration"``, ``"nashpy.vertex_enumeration"`` and
``"nashpy.lemke_howson"`` run nashpy (Knight & Campbell 2018) on the game's
float payoffs. Every profile it returns goes through the same certification
as stratgame's own methods (:func:`stratgame.solvers.certify.certify`), and
the results are never marked complete: nashpy compares floats exactly and
misses equilibria of ordinary games (its support enumeration found 9 of 23
on a 10 x 10 random game here), so use these methods to cross-check, and
``method="enumerate"`` for the complete list.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..exceptions import InvalidGameError, InvalidParameterError
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
    return nashpy.Game(A, B)


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


def _collect(generator):
    """nashpy's profiles, with its warnings (degenerate games) silenced:
    stratgame's certification judges the answer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(generator)


def nashpy_support_enumeration(game) -> EquilibriumResult:
    """nashpy's support enumeration, certified (never marked complete).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> len(sg.solve(g, method="nashpy.support_enumeration").equilibria)
    3
    """
    profiles = _collect(_nashpy_game(game).support_enumeration())
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
    profiles = _collect(_nashpy_game(game).vertex_enumeration())
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
    profile = _collect([_nashpy_game(game).lemke_howson(int(init_label))])
    return _result(game, profile, "nashpy.lemke_howson")
