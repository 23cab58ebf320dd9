"""Parameter grids: expanding them into points, and making values JSON-safe."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import itertools
import json
import numbers
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from ..exceptions import InvalidParameterError

__all__ = ["expand_grid", "fingerprint", "jsonable", "with_components"]

#: A grid name sweeping one component of a sequence parameter: ``name[k]``.
_COMPONENT = re.compile(r"([A-Za-z_]\w*)\[(\d+)\]")


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


def _defaults(builder) -> dict:
    """The builder's parameters and their defaults (``inspect.Parameter.empty``
    for none); a dataclass's default factories are called."""
    try:
        parameters = inspect.signature(builder).parameters
    except (TypeError, ValueError):
        return {}
    defaults = {name: p.default for name, p in parameters.items()}
    if dataclasses.is_dataclass(builder):
        for field in dataclasses.fields(builder):
            if field.default_factory is not dataclasses.MISSING:
                defaults[field.name] = field.default_factory()
    return defaults


def _components(points: list[dict]) -> dict[str, tuple[str, int]]:
    """The grid names of the form ``name[k]``: ``{"name[k]": (name, k)}``."""
    components = {}
    for key in {key for point in points for key in point}:
        if "[" not in key:
            continue
        match = _COMPONENT.fullmatch(key)
        if match is None:
            raise InvalidParameterError(
                f"grid name {key!r}: expected a parameter name, or name[k] for "
                "component k (a whole number from 0) of a sequence parameter."
            )
        components[key] = (match[1], int(match[2]))
    return components


def _base(name: str, key: str, defaults: dict, points: list[dict]):
    """The value of sequence parameter ``name`` whose components the grid
    varies, checked to be a sequence: given with the points, or the default."""
    if name not in defaults:
        raise InvalidParameterError(
            f"grid name {key!r} sweeps a component of {name!r}, but the builder "
            f"has no parameter {name!r}; its parameters are "
            f"{', '.join(defaults) or 'unknown'}."
        )
    given = [point[name] for point in points if name in point]
    base = given[0] if given else defaults[name]
    if base is inspect.Parameter.empty:
        raise InvalidParameterError(
            f"grid name {key!r}: {name!r} has no default to take the other "
            f"components from; give {name!r} in the grid or as a fixed value."
        )
    if isinstance(base, str | bytes) or not isinstance(base, Sequence | np.ndarray):
        raise InvalidParameterError(
            f"grid name {key!r}: {name!r} is not a sequence (its value is "
            f"{base!r}), so it has no components; sweep {name!r} itself."
        )
    return base


def _rebuilt(base, values: list):
    """``values`` as a sequence of the kind of ``base``."""
    if isinstance(base, np.ndarray):
        return np.asarray(values)
    if hasattr(base, "_make"):  # a named tuple
        return base._make(values)
    return type(base)(values)


class ComponentBuilder:
    """A builder taking ``name[k]`` parameters: it puts each into component
    ``k`` of ``name`` (the point's own value of ``name``, or the default) and
    calls the wrapped builder. Picklable; its signature is the builder's."""

    def __init__(self, builder, components: dict, bases: dict):
        self.__wrapped__ = builder
        self.components = components
        self.bases = bases

    def __call__(self, **params):
        whole = {}
        for key, (name, k) in self.components.items():
            if key in params:
                if name not in whole:
                    whole[name] = list(params.get(name, self.bases[name]))
                whole[name][k] = params.pop(key)
        for name, values in whole.items():
            params[name] = _rebuilt(params.get(name, self.bases[name]), values)
        return self.__wrapped__(**params)


def with_components(builder, points: list[dict]):
    """The builder to call at the points of a grid: ``builder`` itself, or,
    when the grid names components of sequence parameters (``licensing[0]``),
    a :class:`ComponentBuilder` that puts them in place.

    Raises
    ------
    InvalidParameterError
        A ``ValueError``, before any point is computed, for a ``name[k]`` whose ``name`` is not
        a parameter of the builder, is not a sequence, or has no component
        ``k``.

    Examples
    --------
    >>> def pair(licensing=(6, 2), market=10):
    ...     return licensing, market
    >>> build = with_components(pair, [{"licensing[0]": 1}])
    >>> build(**{"licensing[0]": 1}), build(**{"licensing[0]": 3, "market": 5})
    (((1, 2), 10), ((3, 2), 5))
    >>> with_components(pair, [{"licensing[2]": 1}])
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: grid name 'licensing[2]': 'licensing' has 2 components (it is [6, 2]); k must be from 0 to 1.
    >>> with_components(pair, [{"market[0]": 1}])
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: grid name 'market[0]': 'market' is not a sequence (its value is 10), so it has no components; sweep 'market' itself.
    """
    components = _components(points)
    if not components:
        return builder
    defaults = _defaults(builder)
    bases = {}
    for key, (name, k) in sorted(components.items()):
        base = bases.setdefault(name, _base(name, key, defaults, points))
        if k >= len(base):
            raise InvalidParameterError(
                f"grid name {key!r}: {name!r} has {len(base)} components "
                f"(it is {jsonable(base)}); k must be from 0 to {len(base) - 1}."
            )
    return ComponentBuilder(builder, components, bases)
