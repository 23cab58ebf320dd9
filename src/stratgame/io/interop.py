"""Conversion to and from the games of other libraries: nashpy and pygambit.

nashpy (a runtime dependency) and pygambit (optional) are imported inside
the functions, so ``import stratgame`` stays light.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np

from .._optional import require
from ..exceptions import InvalidGameError
from ..games import NormalFormGame

__all__ = ["from_nashpy", "from_pygambit", "to_nashpy", "to_pygambit"]


def _two_players(game, what: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"{what} needs a NormalFormGame; got {type(game).__name__}."
        )
    if game.n_players != 2:
        raise InvalidGameError(
            f"{what} handles two-player games (nashpy games are bimatrix "
            f"games); got {game.n_players} players."
        )


def to_nashpy(game):
    """The two-player ``game`` as a :class:`nashpy.Game`.

    Integer and float payoffs are passed as they are; Fractions become floats
    (nashpy's solvers work in floating point).

    Raises
    ------
    InvalidGameError
        If ``game`` is not a two-player NormalFormGame.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> nashpy_game = to_nashpy(g)
    >>> [list(map(int, eq)) for eq in next(nashpy_game.support_enumeration())]
    [[0, 1], [0, 1]]
    """
    import nashpy

    _two_players(game, "to_nashpy")
    A, B = (
        a if a.dtype != object else a.astype(np.float64) for a in game.payoff_arrays
    )
    return nashpy.Game(np.array(A), np.array(B))


def from_nashpy(game, **labels) -> NormalFormGame:
    """A :class:`~stratgame.NormalFormGame` from a :class:`nashpy.Game`.

    Parameters
    ----------
    game : nashpy.Game
    **labels
        ``players``, ``actions`` and ``title``, as for NormalFormGame.

    Raises
    ------
    InvalidGameError
        If ``game`` has no ``payoff_matrices`` (it is not a nashpy game).

    Examples
    --------
    >>> import nashpy
    >>> g = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
    >>> g.is_zero_sum(), g.shape
    (True, (2, 2))
    """
    try:
        A, B = game.payoff_matrices
    except (AttributeError, TypeError, ValueError):
        raise InvalidGameError(
            "from_nashpy needs a nashpy.Game (with payoff_matrices (A, B)); "
            f"got {type(game).__name__}."
        ) from None
    return NormalFormGame.from_bimatrix(np.asarray(A), np.asarray(B), **labels)


def _gambit_number(value):
    """A payoff in a form pygambit stores exactly: ints and Fractions as they
    are, floats as the Decimal of their shortest repr."""
    if isinstance(value, Fraction):
        return value if value.denominator != 1 else int(value.numerator)
    if isinstance(value, int | np.integer):
        return int(value)
    return Decimal(repr(float(value)))


def to_pygambit(game):
    """``game`` (any number of players) as a strategic-form
    :class:`pygambit.Game`, with its title, player and action labels.

    Exact payoffs stay exact (pygambit stores rationals); a float is passed
    as the decimal of its shortest repr, which pygambit keeps exactly.

    Raises
    ------
    MissingDependencyError
        An ``ImportError`` when pygambit is not installed
        (``pip install 'stratgame[gambit]'``).
    InvalidGameError
        If ``game`` is not a NormalFormGame.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> gbt_game = to_pygambit(g)  # doctest: +SKIP
    """
    pygambit = require("pygambit", "to_pygambit()")
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"to_pygambit needs a NormalFormGame; got {type(game).__name__}."
        )
    arrays = [
        np.vectorize(_gambit_number, otypes=[object])(a) for a in game.payoff_arrays
    ]
    out = pygambit.Game.from_arrays(*arrays, title=game.title)
    for player, name, actions in zip(
        out.players, game.players, game.actions, strict=True
    ):
        player.label = name
        for strategy, action in zip(player.strategies, actions, strict=True):
            strategy.label = action
    return out


def _exact_payoff(value):
    if isinstance(value, Fraction | int):
        return value
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(str(value))


def from_pygambit(game) -> NormalFormGame:
    """A :class:`~stratgame.NormalFormGame` from a strategic-form
    :class:`pygambit.Game`, payoffs kept exact, labels kept.

    Raises
    ------
    MissingDependencyError
        An ``ImportError`` when pygambit is not installed
        (``pip install 'stratgame[gambit]'``).
    InvalidGameError
        If ``game`` is not a pygambit game.

    Examples
    --------
    >>> import pygambit  # doctest: +SKIP
    >>> g = from_pygambit(pygambit.Game.from_arrays([[1, 0], [0, 1]],
    ...                                             [[1, 0], [0, 1]]))  # doctest: +SKIP
    """
    pygambit = require("pygambit", "from_pygambit()")
    if not isinstance(game, pygambit.Game):
        raise InvalidGameError(
            f"from_pygambit needs a pygambit.Game; got {type(game).__name__}."
        )
    players = list(game.players)
    shape = tuple(len(p.strategies) for p in players)
    arrays = [np.empty(shape, dtype=object) for _ in players]
    for index in np.ndindex(*shape):
        profile = game[list(index)]
        for i, player in enumerate(players):
            arrays[i][index] = _exact_payoff(profile[player])
    return NormalFormGame(
        arrays,
        players=[p.label or f"P{i + 1}" for i, p in enumerate(players)],
        actions=[
            [s.label or f"a{k + 1}" for k, s in enumerate(p.strategies)]
            for p in players
        ],
        title=game.title,
    )
