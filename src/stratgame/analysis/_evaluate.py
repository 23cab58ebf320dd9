"""Evaluating one parameter point: build, solve, describe as table rows.

Errors at a point become a row with an ``error`` message, so that one bad
point never stops a sweep.
"""

from __future__ import annotations

import inspect

import numpy as np

from ..games import NormalFormGame
from ..games.classification import classify_game
from ..solvers import solve as solve_game
from ._grid import jsonable

__all__ = ["as_game", "call_with_rng", "evaluate_point", "point_rng", "solve_built"]


def point_rng(entropy: int, index: int) -> np.random.Generator:
    """The generator of point ``index``: a function of the sweep's entropy and
    the index only, so every backend and every resumed run agrees."""
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(index,)))


def call_with_rng(function, rng, *args, **kwargs):
    """Call ``function``, passing ``rng=`` only if it accepts it."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        parameters = {}
    if "rng" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    ):
        kwargs["rng"] = rng
    return function(*args, **kwargs)


def as_game(built):
    """A builder may return a game or a model with a ``.game()`` method."""
    if isinstance(built, NormalFormGame):
        return built
    game = getattr(built, "game", None)
    if callable(game):
        return game()
    return built


def solve_built(game, solve, rng):
    """Solve with a method name or a callable; return (equilibria, method)."""
    if callable(solve):
        result = call_with_rng(solve, rng, game)
    else:
        result = solve_game(game, method=solve)
    equilibria = getattr(result, "equilibria", result)
    method = getattr(result, "method", getattr(solve, "__name__", str(solve)))
    return list(equilibria), method


def evaluate_point(
    builder, solve, index: int, params: dict, entropy: int
) -> list[dict]:
    """The table rows of one point: one per equilibrium (one with empty
    equilibrium columns when there is none, or with ``error`` set on failure)."""
    base = {"point": index, **jsonable(params)}
    rng = point_rng(entropy, index)
    try:
        game = as_game(call_with_rng(builder, rng, **params))
        equilibria, method = solve_built(game, solve, rng)
        classification = (
            classify_game(game) if isinstance(game, NormalFormGame) else None
        )
    except Exception as error:
        return [
            {**base, "equilibrium": None, "error": f"{type(error).__name__}: {error}"}
        ]
    players = getattr(game, "players", None)
    common = {**base, "classification": classification, "method": method, "error": None}
    if not equilibria:
        return [{**common, "equilibrium": None}]
    rows = []
    for k, eq in enumerate(equilibria):
        row = {
            **common,
            "equilibrium": k,
            "strategies": jsonable(getattr(eq, "strategies", None)),
            "payoffs": jsonable(getattr(eq, "payoffs", None)),
            "regret": jsonable(getattr(eq, "regret", None)),
        }
        if players is not None and row["payoffs"] is not None:
            for label, value in zip(players, row["payoffs"], strict=False):
                row[f"payoff_{label}"] = value
        rows.append(row)
    return rows
