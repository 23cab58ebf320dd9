"""Vectorized sweeps: the builder gets each parameter as a 1-D array over a
chunk of grid points and returns payoffs ``(K, n_players, *actions)``; the
chunk is solved by :func:`stratgame.solvers.solve_batch`, and the rows are
those a plain sweep gives point by point.

A chunk's answer is a :class:`Block` of columns (numpy arrays, cheap to send
back from worker processes); the table is built once, column by column, by
:func:`columns_frame`. A chunk whose builder or solver raises is evaluated
again point by point, so that errors are reported per point as in a plain
sweep.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import numbers
from collections.abc import Mapping, Sequence

import numpy as np

from ..games import NormalFormGame
from ..games.classification import classify_game
from ..solvers import solve_batch
from ..solvers.batch import batch_method
from ._evaluate import PointTask, as_game
from ._grid import jsonable

__all__ = [
    "Block",
    "VectorizedTask",
    "block_rows",
    "columns_frame",
    "grid_columns",
    "merge",
    "mergeable",
    "row_values",
    "vectorized_payoffs",
]

#: Payoff differences below this fraction of the largest payoff range make a
#: game's classification be computed on its own (tolerances may matter there).
_NEAR = 1e-9


def vectorized_payoffs(builder):
    """The vectorized ``payoffs(**arrays)`` of a model class or registered
    model function that defines one (marked ``vectorized``), else None."""
    payoffs = getattr(builder, "payoffs", None)
    if callable(payoffs) and getattr(payoffs, "vectorized", False):
        return payoffs
    return None


def _objects(values) -> np.ndarray:
    """A 1-D object array holding ``values`` (lists stay list elements)."""
    values = list(values)
    return np.fromiter(values, dtype=object, count=len(values))


def grid_columns(grid):
    """The grid as columns, without a dict per point: the parameter names
    and, per name, ``(axis, codes)``: its distinct original values (an object
    array) and the code of each point's value, in the point order of
    :func:`~stratgame.analysis._grid.expand_grid`; None for a list of points
    whose parameter names differ."""
    if isinstance(grid, Mapping):
        names = list(grid)
        axes = [_objects(grid[name]) for name in names]
        total = int(np.prod([len(axis) for axis in axes]))
        columns, stride = {}, total
        for name, axis in zip(names, axes, strict=True):
            stride //= len(axis)
            columns[name] = axis, (np.arange(total) // stride) % len(axis)
        return names, columns
    if isinstance(grid, Sequence) and grid and isinstance(grid[0], Mapping):
        names = list(grid[0])
        if any(list(point) != names for point in grid):
            return None
        codes = np.arange(len(grid))
        return names, {n: (_objects(p[n] for p in grid), codes) for n in names}
    return None


def row_values(axis: np.ndarray) -> np.ndarray:
    """Parameter values as the rows' column holds them: the JSON-safe values
    a plain sweep puts there, in an array pandas reads as it reads those."""
    values = [jsonable(v) for v in axis.tolist()]
    numbers = all(type(v) in (float, int) for v in values)
    if values and (numbers or all(type(v) is bool for v in values)):
        return np.asarray(values)
    return _objects(values)


class Block:
    """The answer for one chunk of points: columns (``rows`` None), or, when
    the vectorized path failed there, the plain rows of each point."""

    __slots__ = (
        "classification",
        "method",
        "n_equilibria",
        "payoffs",
        "players",
        "points",
        "regret",
        "rows",
        "sizes",
        "strategies",
    )

    def __init__(self, points, **fields):
        self.points = points
        for name in self.__slots__:
            if name != "points":
                setattr(self, name, fields.get(name))


def _pattern_codes(U: np.ndarray):
    """Per game, a code of the ordinal pattern of each player's payoffs (the
    sign of every difference between two of that player's payoffs), and
    which games have near-ties (classified one by one)."""
    K, N = U.shape[:2]
    flat = U.reshape(K, N, -1).astype(np.float64)
    low, high = flat[:, :, 0].copy(), flat[:, :, 0].copy()
    for column in range(1, flat.shape[2]):  # elementwise: short axes are slow
        np.minimum(low, flat[:, :, column], out=low)
        np.maximum(high, flat[:, :, column], out=high)
    scale = (high - low).max(axis=1)
    near = np.zeros(K, dtype=bool)
    signs = []
    for a, b in zip(*np.triu_indices(flat.shape[2], k=1), strict=True):
        gap = flat[:, :, a] - flat[:, :, b]
        near |= ((gap != 0) & (np.abs(gap) <= _NEAR * scale[:, None])).any(axis=1)
        signs.append((gap > 0).astype(np.int64) - (gap < 0) + 1)
    signs = np.concatenate(signs, axis=1)  # 0, 1, 2: below, tied, above
    if signs.shape[1] > 39:  # 3**39 < 2**63: beyond, the signs themselves
        return signs, near
    code = np.zeros(K, dtype=np.int64)
    for column in signs.T:
        code *= 3
        code += column
    return code, near


def _classes(U: np.ndarray) -> np.ndarray:
    """:func:`classify_game` of every game. When every player has at most two
    actions, the class depends only on each player's ordering of its own
    payoffs (dominance by a mixed strategy is then dominance by the other
    action, and the tolerances are below :data:`_NEAR`), so each ordinal
    pattern is classified once; otherwise each game is."""
    K = len(U)
    if max(U.shape[2:]) > 2:
        return _objects(classify_game(NormalFormGame(list(u))) for u in U)
    codes, near = _pattern_codes(U)
    _, first, inverse = np.unique(
        codes,
        axis=0 if codes.ndim > 1 else None,
        return_index=True,
        return_inverse=True,
    )
    labels = _objects(classify_game(NormalFormGame(list(U[k]))) for k in first)
    out = labels[inverse.reshape(K)]
    for k in np.flatnonzero(near):
        out[k] = classify_game(NormalFormGame(list(U[k])))
    return out


class VectorizedTask:
    """Evaluates a chunk of points at once (see :func:`stratgame.sweep` with
    ``vectorized=True``): ``task(number, chunk)``, with ``chunk["points"]``
    the point indices and ``chunk["values"]`` each parameter's values (object
    arrays), returns a :class:`Block`.

    Parameters
    ----------
    payoffs : callable
        ``payoffs(**arrays)``: payoffs ``(K, n_players, *actions)``.
    solve : str
        A method name for :func:`stratgame.solve_batch`.
    builder : callable, optional
        The builder of one point (a model class): it labels the players, and
        evaluates each point of a chunk that failed, as a plain sweep does.
        Without it, such points are evaluated one by one through ``payoffs``.
    entropy : int
        The sweep's seed entropy, for points evaluated by ``builder``.
    """

    def __init__(self, payoffs, solve, builder=None, entropy: int = 0):
        if not isinstance(solve, str):
            raise TypeError(
                "sweep(vectorized=True) needs solve to be a method name such as "
                f"'enumerate' or 'pure'; got {solve!r}."
            )
        self.payoffs = payoffs
        self.solve = solve
        self.builder = builder
        self.entropy = entropy

    def __call__(self, number: int, chunk) -> Block:
        points, values = chunk["points"], chunk["values"]
        try:
            return self._solved(points, values)
        except Exception:  # evaluate each point on its own, as a plain sweep
            return Block(points, rows=self._one_by_one(points, values))

    def _solved(self, points, values) -> Block:
        arrays = {name: np.asarray(column.tolist()) for name, column in values.items()}
        U = np.asarray(self.payoffs(**arrays))
        if U.ndim < 3 or U.shape[0] != len(points) or U.shape[1] != U.ndim - 2:
            raise ValueError(
                "a vectorized builder must return payoffs of shape "
                f"(K, n_players, *actions) with K = {len(points)} points; got "
                f"shape {U.shape}."
            )
        if self.builder is not None:
            if any(_mixed(column) for column in values.values()):
                raise ValueError("ints and floats in one column: exact at some points")
            first = as_game(self.builder(**{n: v[0] for n, v in values.items()}))
            if not np.array_equal(U[0], np.stack(first.float_payoff_arrays)):
                raise ValueError("the vectorized payoffs are not the game's")
        else:
            first = NormalFormGame(list(U[0]))
        if batch_method(self.solve, U.shape[2:]) == "auto":  # picked per game
            raise ValueError(f"method 'auto' is not one method for {U.shape[2:]}")
        result = solve_batch(U, method=self.solve)
        return Block(
            points,
            n_equilibria=result.n_equilibria,
            strategies=np.hstack(result.strategies),
            sizes=U.shape[2:],
            payoffs=result.payoffs,
            regret=result.regret,
            classification=_classes(U),
            method=result.method,
            players=tuple(first.players),
        )

    def _one_by_one(self, points, values) -> dict:
        out = {}
        if self.builder is not None:
            task = PointTask(self.builder, self.solve, self.entropy)
        for k, index in enumerate(points.tolist()):
            params = {name: column[k] for name, column in values.items()}
            if self.builder is not None:
                out[index] = task(index, params)
                continue
            one = {name: column[k : k + 1] for name, column in values.items()}
            try:
                block = self._solved(points[k : k + 1], one)
                block.points = np.zeros(1, dtype=np.intp)  # the rows of one point
                rows = block_rows(block, {n: row_values(v) for n, v in one.items()})
                out[index] = [{**row, "point": index} for row in rows[0]]
            except Exception as error:
                out[index] = [
                    {
                        "point": index,
                        **jsonable(params),
                        "equilibrium": None,
                        "error": f"{type(error).__name__}: {error}",
                    }
                ]
        return out


def _mixed(column: np.ndarray) -> bool:
    """Whether a column mixes exact numbers (ints, Fractions) with floats: a
    model builds exact games at some of its points and float games at
    others, which its float payoffs cannot tell apart."""
    kinds = {type(v) for v in column.tolist()}
    exact = any(issubclass(k, numbers.Rational) and k is not bool for k in kinds)
    return exact and any(
        issubclass(k, numbers.Real) and not issubclass(k, numbers.Rational)
        for k in kinds
    )


def merge(blocks: list[Block]) -> Block:
    """One columnar block of several (same method, players and shape)."""
    if len(blocks) == 1:
        return blocks[0]
    first = blocks[0]
    fields = {
        name: np.concatenate([getattr(b, name) for b in blocks])
        for name in (
            "n_equilibria",
            "strategies",
            "payoffs",
            "regret",
            "classification",
        )
    }
    points = np.concatenate([b.points for b in blocks])
    return Block(
        points,
        **fields,
        sizes=first.sizes,
        method=first.method,
        players=first.players,
    )


def mergeable(blocks: list[Block]) -> bool:
    """Whether the blocks are columnar, of one method, players and shape."""
    kinds = {(b.method, b.players, tuple(b.sizes)) for b in blocks if b.rows is None}
    return all(b.rows is None for b in blocks) and len(kinds) <= 1


def _columns(block: Block, values: dict) -> dict:
    """A columnar block's rows as arrays, in a plain sweep's column order:
    one row per equilibrium, or one without the equilibrium columns (missing
    values) for a point without any. ``values``: each parameter's row values
    at every point of the sweep."""
    counts = block.n_equilibria
    n_rows = np.maximum(counts, 1)
    owner = np.repeat(np.arange(len(counts)), n_rows)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(n_rows) - n_rows, n_rows)
    has = counts[owner] > 0
    flat = ((np.cumsum(counts) - counts)[owner] + rank)[has]  # row -> equilibrium
    points = block.points[owner]
    columns = {"point": points}
    for name, column in values.items():
        columns[name] = column[points]
    columns["classification"] = block.classification[owner]
    columns["method"] = np.full(len(owner), block.method, dtype=object)
    columns["error"] = np.full(len(owner), None, dtype=object)
    if not has.any():
        columns["equilibrium"] = np.full(len(owner), None, dtype=object)
        return columns
    columns["equilibrium"] = rank if has.all() else np.where(has, rank, np.nan)
    strategies = block.strategies[flat]
    sizes = list(block.sizes)
    if len(set(sizes)) == 1:
        nested = strategies.reshape(len(flat), len(sizes), sizes[0]).tolist()
    else:
        ends = np.cumsum([0, *sizes])
        parts = [strategies[:, a:b].tolist() for a, b in itertools.pairwise(ends)]
        nested = [list(p) for p in zip(*parts, strict=True)]
    columns["strategies"] = _where(has, _objects(nested), np.nan)
    columns["payoffs"] = _where(has, _objects(block.payoffs[flat].tolist()), np.nan)
    columns["regret"] = _where(has, block.regret[flat], np.nan)
    for i, label in enumerate(block.players):
        columns[f"payoff_{label}"] = _where(has, block.payoffs[flat, i], np.nan)
    return columns


def _where(has: np.ndarray, values: np.ndarray, missing) -> np.ndarray:
    """``values`` at the rows where ``has``, ``missing`` elsewhere."""
    if has.all():
        return values
    out = np.full(len(has), missing, dtype=values.dtype)
    out[has] = values
    return out


@contextlib.contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while millions of lists of floats
    (which hold no cycles) are made: its passes would take most of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def columns_frame(block: Block, values: dict, extra_columns):
    """The table of a sweep whose every point is in the columnar ``block``:
    what a table read from one dict per row gives (same columns, order,
    dtypes and missing values), ``extra_columns`` added empty when absent."""
    import pandas as pd

    with _collector_paused():
        table = pd.DataFrame(_columns(block, values))
    for column in extra_columns:
        if column not in table.columns:
            table[column] = None
    return table


def block_rows(block: Block, values: dict) -> dict:
    """A block's plain rows, ``{point: [row dict, ...]}``, as a plain sweep
    gives them (for checkpoints, and to join rows computed point by point)."""
    if block.rows is not None:
        return block.rows
    columns = _columns(block, values)
    lists = {key: column.tolist() for key, column in columns.items()}
    base = ["point", *values]
    common = ["classification", "method", "error", "equilibrium"]
    rest = [key for key in lists if key not in base and key not in common]
    out: dict = {}
    for r, point in enumerate(lists["point"]):
        row = {key: lists[key][r] for key in base + common}
        if row["equilibrium"] is not None and row["equilibrium"] == row["equilibrium"]:
            row["equilibrium"] = int(row["equilibrium"])
            row.update((key, lists[key][r]) for key in rest)
        else:
            row["equilibrium"] = None
        out.setdefault(point, []).append(row)
    return out
