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

__all__ = [
    "PointTask",
    "accepts_rng",
    "as_game",
    "call_with_rng",
    "point_rng",
    "solve_built",
]


def point_rng(entropy: int, index: int) -> np.random.Generator:
    """The generator of point ``index``: a function of the sweep's entropy and
    the index only, so every backend and every resumed run agrees."""
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(index,)))


def accepts_rng(function) -> bool:
    """Does ``function`` take an ``rng`` keyword argument?"""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return "rng" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def call_with_rng(function, rng, *args, pass_rng: bool | None = None, **kwargs):
    """Call ``function``, passing ``rng=`` only if it accepts it (``pass_rng``:
    the answer of :func:`accepts_rng` when the caller already knows it)."""
    if accepts_rng(function) if pass_rng is None else pass_rng:
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


def solve_built(game, solve, rng, pass_rng: bool | None = None):
    """Solve with a method name or a callable; return (equilibria, method)."""
    if callable(solve):
        result = call_with_rng(solve, rng, game, pass_rng=pass_rng)
    else:
        result = solve_game(game, method=solve)
    equilibria = getattr(result, "equilibria", result)
    method = getattr(result, "method", getattr(solve, "__name__", str(solve)))
    return list(equilibria), method


class PointTask:
    """Evaluates one point: build, solve, and describe as table rows.

    Whether the builder and the solver take ``rng`` is looked up once; a
    point's generator is made only when one of them does.
    """

    def __init__(self, builder, solve, entropy: int):
        self.builder = builder
        self.solve = solve
        self.entropy = entropy
        self.builder_rng = accepts_rng(builder)
        self.solve_rng = callable(solve) and accepts_rng(solve)

    def __call__(self, index: int, params: dict) -> list[dict]:
        base = {"point": index, **jsonable(params)}
        rng = None
        if self.builder_rng or self.solve_rng:
            rng = point_rng(self.entropy, index)
        try:
            game = as_game(
                call_with_rng(self.builder, rng, pass_rng=self.builder_rng, **params)
            )
            equilibria, method = solve_built(game, self.solve, rng, self.solve_rng)
            classification = (
                classify_game(game) if isinstance(game, NormalFormGame) else None
            )
        except Exception as error:
            return [
                {
                    **base,
                    "equilibrium": None,
                    "error": f"{type(error).__name__}: {error}",
                }
            ]
        return _rows(base, game, equilibria, classification, method)


def _rows(base, game, equilibria, classification, method) -> list[dict]:
    players = getattr(game, "players", None)
    common = {
        **base,
        "classification": classification,
        "method": method,
        "error": None,
    }
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
