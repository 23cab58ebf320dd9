"""Vectorized sweeps: the builder gets each parameter as a 1-D array over a
chunk of grid points and returns payoffs ``(K, n_players, *actions)``; the
chunk is solved by :func:`stratgame.solvers.solve_batch`, and the rows are
those a plain sweep gives point by point."""

from __future__ import annotations

import numpy as np

from ..games import NormalFormGame
from ..games.classification import classify_game
from ..solvers import solve as solve_game
from ..solvers import solve_batch
from ._evaluate import _rows
from ._grid import jsonable

__all__ = ["VectorizedTask"]

#: Payoff differences below this fraction of a player's range make a game's
#: classification be computed on its own (tolerances may matter there).
_NEAR = 1e-9


def _pattern_keys(U: np.ndarray):
    """Per game, the ordinal pattern of each player's payoffs (ranks with
    ties): :func:`classify_game` compares a player's payoffs only with that
    player's other payoffs, so games with one pattern share a class. Also
    which games have near-ties (classified one by one)."""
    K, N = U.shape[:2]
    flat = U.reshape(K, N, -1).astype(np.float64)
    order = np.argsort(flat, axis=2, kind="stable")
    ranks = np.empty_like(order)
    sorted_values = np.take_along_axis(flat, order, axis=2)
    gaps = np.diff(sorted_values, axis=2)
    new = np.concatenate([np.ones((K, N, 1), bool), gaps > 0], axis=2)
    dense = np.cumsum(new, axis=2) - 1
    np.put_along_axis(ranks, order, dense, axis=2)
    span = flat.max(axis=2) - flat.min(axis=2)
    near = ((gaps > 0) & (gaps <= _NEAR * span[:, :, None])).any(axis=(1, 2))
    return ranks.reshape(K, -1), near


class VectorizedTask:
    """Evaluates a chunk of points at once (see :func:`stratgame.sweep` with
    ``vectorized=True``); calling it on one point evaluates a chunk of one."""

    def __init__(self, builder, solve):
        if not isinstance(solve, str):
            raise TypeError(
                "sweep(vectorized=True) needs solve to be a method name such as "
                f"'enumerate' or 'pure'; got {solve!r}."
            )
        self.builder = builder
        self.solve = solve

    def __call__(self, index, params):
        return self.run_chunk([(index, params)])[index]

    def run_chunk(self, chunk) -> dict:
        names = list(chunk[0][1])
        arrays = {
            name: np.asarray([params[name] for _, params in chunk]) for name in names
        }
        U = np.asarray(self.builder(**arrays))
        if U.ndim < 3 or U.shape[0] != len(chunk):
            raise ValueError(
                "a vectorized builder must return payoffs of shape "
                f"(K, n_players, *actions) with K = {len(chunk)} points; got "
                f"shape {U.shape}."
            )
        method = self.solve
        first = NormalFormGame(list(U[0]))
        if method == "auto":
            method = solve_game(first).method
        result = solve_batch(U, method=method)
        players = first.players
        keys, near = _pattern_keys(U)
        classes = {}
        out = {}
        for k, (index, params) in enumerate(chunk):
            base = {"point": index, **jsonable(params)}
            if near[k]:
                game = NormalFormGame(list(U[k]))
                classification = classify_game(game)
            else:
                key = keys[k].tobytes()
                classification = classes.get(key)
                if classification is None:
                    classification = classify_game(NormalFormGame(list(U[k])))
                    classes[key] = classification
            lo, hi = result.offsets[k], result.offsets[k + 1]
            equilibria = [
                _Flat(
                    tuple(s[e] for s in result.strategies),
                    result.payoffs[e],
                    float(result.regret[e]),
                )
                for e in range(lo, hi)
            ]
            out[index] = _rows(
                base, _Players(players), equilibria, classification, method
            )
        return out


class _Flat:
    __slots__ = ("payoffs", "regret", "strategies")

    def __init__(self, strategies, payoffs, regret):
        self.strategies = strategies
        self.payoffs = payoffs
        self.regret = regret


class _Players:
    __slots__ = ("players",)

    def __init__(self, players):
        self.players = players
