"""Parameter grids: expanding them into points, and making values JSON-safe."""

from __future__ import annotations

import hashlib
import itertools
import json
import numbers
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

__all__ = ["expand_grid", "fingerprint", "jsonable"]


def jsonable(value):
    """Convert numpy scalars/arrays, Fractions and tuples to plain JSON values."""
    if type(value) in (float, int, str, bool) or value is None:
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiub":
            return value.tolist()
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def expand_grid(grid) -> list[dict]:
    """The list of parameter points of a grid.

    Parameters
    ----------
    grid : dict of sequences, or sequence of dicts
        A dict ``{name: values}`` gives the Cartesian product of the value
        lists (the last name varies fastest); a list of dicts is taken as the
        points themselves.

    Examples
    --------
    >>> expand_grid({"a": [1, 2], "b": [0.5]})
    [{'a': 1, 'b': 0.5}, {'a': 2, 'b': 0.5}]
    """
    if isinstance(grid, Mapping):
        names = list(grid)
        values = []
        for name in names:
            options = grid[name]
            if isinstance(options, str) or not isinstance(
                options, Sequence | np.ndarray
            ):
                raise ValueError(
                    f"grid[{name!r}] must be a list of values; got {options!r}."
                )
            if len(options) == 0:
                raise ValueError(f"grid[{name!r}] is empty; give at least one value.")
            values.append(list(options))
        return [
            dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)
        ]
    if isinstance(grid, Sequence) and not isinstance(grid, str):
        points = []
        for k, point in enumerate(grid):
            if not isinstance(point, Mapping):
                raise ValueError(
                    f"a grid given as a list must hold dicts of parameters; item {k} "
                    f"is {point!r}."
                )
            points.append(dict(point))
        if not points:
            raise ValueError("the grid has no points.")
        return points
    raise ValueError(
        "grid must be a dict of value lists or a list of parameter dicts; got "
        f"{type(grid).__name__}."
    )


def fingerprint(points: list[dict], how: dict | None = None) -> str:
    """A short hash of the points and of how they are computed (``how``: the
    builder's and solver's names and options), stored in checkpoints so that
    a sweep only resumes the sweep it started as."""
    data = jsonable(points) if how is None else [jsonable(points), jsonable(how)]
    text = json.dumps(data, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
