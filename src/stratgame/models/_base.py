"""Shared conventions of the model layer: the :class:`Model` base for frozen
dataclasses of parameters, and the :data:`MODELS` registry.

A model is ``@register_model("name")`` on a ``@dataclass(frozen=True)``
subclass of :class:`Model` (or on a function returning a game). The dataclass
declares its parameters as fields with defaults, checks them in
:meth:`Model.validate` (called on construction) with the ``check_*`` helpers
of :mod:`stratgame._validation`, builds its game in :meth:`Model.game` and
returns its closed-form quantities in :meth:`Model.closed_form`.
"""

from __future__ import annotations

import dataclasses
import inspect
import numbers
from typing import ClassVar

import numpy as np

from .._validation import check_real
from ..exceptions import InvalidParameterError

__all__ = [
    "MODELS",
    "Model",
    "model_parameters",
    "payoff_parameters",
    "register_model",
    "require_all",
    "stack_bimatrices",
    "vectorized",
]

#: Every model by name: a :class:`Model` subclass or a function returning a
#: game. ``model_parameters(name)`` lists a model's parameters and defaults.
MODELS: dict[str, object] = {}


def register_model(name: str):
    """Class or function decorator adding a model to :data:`MODELS`.

    Raises
    ------
    InvalidParameterError
        If ``name`` is already registered to another object.

    Examples
    --------
    >>> from stratgame.models import MODELS, register_model
    >>> MODELS["prisoners_dilemma"].__name__
    'prisoners_dilemma'
    >>> register_model("prisoners_dilemma")(lambda: None)
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: a model named 'prisoners_dilemma' is already registered (...).
    """

    def decorate(obj):
        if MODELS.get(name, obj) is not obj:
            raise InvalidParameterError(
                f"a model named {name!r} is already registered ({MODELS[name]!r})."
            )
        MODELS[name] = obj
        return obj

    return decorate


def model_parameters(name_or_model) -> dict:
    """A model's parameters and their defaults, by registry name or object.

    Raises
    ------
    InvalidParameterError
        For a name that is not registered.

    Examples
    --------
    >>> from stratgame.models import model_parameters
    >>> model_parameters("prisoners_dilemma")
    {'T': 5, 'R': 3, 'P': 1, 'S': 0}
    """
    if isinstance(name_or_model, str):
        if name_or_model not in MODELS:
            raise InvalidParameterError(
                f"no model is registered as {name_or_model!r}; the models are "
                f"{', '.join(map(repr, sorted(MODELS)))}."
            )
        model = MODELS[name_or_model]
    else:
        model = name_or_model
    if dataclasses.is_dataclass(model):
        return {
            f.name: (f.default if f.default is not dataclasses.MISSING else None)
            for f in dataclasses.fields(model)
            if f.init
        }
    return {
        p.name: (None if p.default is inspect.Parameter.empty else p.default)
        for p in inspect.signature(model).parameters.values()
    }


class Model:
    """Base of the parameter dataclasses of the model layer.

    Subclasses are ``@dataclass(frozen=True)``; construction runs
    :meth:`validate`, so an instance always holds valid parameters.
    """

    #: Short citation of the model's source, shown by tools listing models.
    source: ClassVar[str] = ""

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check the parameters; raise :class:`InvalidParameterError` (a
        ``ValueError``) stating the allowed range."""

    def _check_real(self, name: str, **limits) -> None:
        check_real(getattr(self, name), name, type(self).__name__, **limits)

    def game(self):
        """The game these parameters define (labelled players and actions)."""
        raise NotImplementedError(f"{type(self).__name__} does not define game().")

    def closed_form(self) -> dict:
        """Published or derived closed-form quantities, by name."""
        raise NotImplementedError(
            f"{type(self).__name__} does not define closed_form()."
        )

    def replace(self, **changes):
        """A copy with some parameters changed (validated again).

        Raises
        ------
        InvalidParameterError
            For a name that is not a parameter of the model, or a new value
            outside its range.
        """
        names = [f.name for f in dataclasses.fields(self) if f.init]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise InvalidParameterError(
                f"{type(self).__name__} has no parameters {unknown!r}; its "
                f"parameters are {', '.join(map(repr, names))}."
            )
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """The parameters as a dict."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def vectorized(function):
    """Mark ``function`` as a model's vectorized ``payoffs(**arrays)``:
    parameters as 1-D arrays over ``K`` points in, payoffs of shape
    ``(K, n_players, *actions)`` out, equal to the payoffs of the game each
    point builds. :func:`stratgame.sweep` and :func:`stratgame.regime_map`
    call a model marked so once per chunk of points."""
    function.vectorized = True
    return function


def _exact(value) -> bool:
    """Whether a parameter value (or every entry of an array) is an int or a
    Fraction: from such values alone the models build exact games."""
    array = np.asarray(value)
    if array.dtype.kind in "iu":
        return True
    if array.dtype == object:
        return all(
            isinstance(v, numbers.Rational) and not isinstance(v, bool)
            for v in array.ravel().tolist()
        )
    return False


def payoff_parameters(model, arrays: dict, ranges: dict, shapes=None) -> dict:
    """The parameters of a vectorized ``payoffs`` call, checked, as float
    arrays over one set of ``K`` points (the defaults filling the others).

    Parameters
    ----------
    model : Model subclass or function
        The model whose parameters and defaults apply.
    arrays : dict
        The parameters given: 1-D arrays of one length ``K``, or scalars.
    ranges : dict or sequence of str
        The numeric parameters, each with the ``check_real`` limits every
        point must meet (``{"low": 0, "low_open": True}``), or just their
        names; the model's other parameters cannot be given.
    shapes : dict, optional
        The trailing shape of sequence parameters (``{"licensing": (2,)}``).

    Returns
    -------
    dict
        Every parameter in ``ranges`` as a float array ``(K, *shape)``.

    Raises
    ------
    InvalidParameterError
        For a parameter that is unknown or not numeric here, arrays of
        different lengths, a value out of range at some point, or when every
        value is exact (ints or Fractions): the model's ``game()`` is exact
        then, and these float payoffs would not be its payoffs.

    Examples
    --------
    >>> from stratgame.models import prisoners_dilemma
    >>> p = payoff_parameters(prisoners_dilemma, {"T": [5.0, 6.0]}, "TRPS")
    >>> p["T"].tolist(), p["S"].tolist()
    ([5.0, 6.0], [0.0, 0.0])
    """
    name = getattr(model, "__name__", type(model).__name__)
    if not isinstance(ranges, dict):
        ranges = {key: {} for key in ranges}
    shapes = shapes or {}
    defaults = model_parameters(model)
    unknown = sorted(set(arrays) - set(ranges))
    if unknown:
        raise InvalidParameterError(
            f"{name}.payoffs takes the numeric parameters "
            f"{', '.join(map(repr, ranges))}; got {unknown!r} (use {name} point "
            "by point for the others)."
        )
    values = {key: arrays.get(key, defaults[key]) for key in ranges}
    if all(_exact(value) for value in values.values()):
        raise InvalidParameterError(
            f"{name}.payoffs computes in floating point, but every parameter is "
            f"an int or a Fraction, from which {name} builds an exact game; "
            "give floats, or build the games one by one."
        )
    out = {}
    for key, value in values.items():
        array = np.asarray(value)
        if array.dtype.kind not in "iuf" and not (
            array.dtype == object and _exact(array)
        ):
            raise InvalidParameterError(
                f"{name}.payoffs: {key!r} must hold real numbers; got {value!r}."
            )
        array = array.astype(np.float64)
        trail = shapes.get(key, ())
        if array.ndim not in (len(trail), len(trail) + 1) or (
            trail and array.shape[-len(trail) :] != trail
        ):
            raise InvalidParameterError(
                f"{name}.payoffs: {key!r} must be one value{' of shape ' + str(trail) if trail else ''} "
                f"per point (an array over the points, or one for all); got shape "
                f"{array.shape}."
            )
        out[key] = array
    try:
        size = np.broadcast_shapes(
            *(a.shape[: a.ndim - len(shapes.get(k, ()))] for k, a in out.items()), (1,)
        )
    except ValueError:
        raise InvalidParameterError(
            f"{name}.payoffs: the parameter arrays must have one length (one "
            "value per point)."
        ) from None
    for key, array in out.items():
        out[key] = np.broadcast_to(array, size + shapes.get(key, ()))
        limits = ranges[key]
        require_all(
            _within(out[key], **limits),
            f"The {key!r} parameter of {name} must be a finite real number in the "
            f"range {_range(**limits)}",
            out,
        )
    return out


def _within(values, low=None, high=None, low_open=False, high_open=False):
    ok = np.isfinite(values)
    if low is not None:
        ok &= (values > low) if low_open else (values >= low)
    if high is not None:
        ok &= (values < high) if high_open else (values <= high)
    return ok.reshape(len(ok), -1).all(axis=1) if ok.ndim else ok


def _range(low=None, high=None, low_open=False, high_open=False) -> str:
    left = "(-inf" if low is None else ("(" if low_open else "[") + f"{low}"
    right = "inf)" if high is None else f"{high}" + (")" if high_open else "]")
    return f"{left}, {right}"


def require_all(ok, message: str, parameters: dict) -> None:
    """Raise :class:`InvalidParameterError` with ``message`` and the first
    point where ``ok`` fails, unless it holds at every point."""
    ok = np.asarray(ok)
    if ok.all():
        return
    first = int(np.flatnonzero(~ok.ravel())[0])
    values = {k: v[first].tolist() for k, v in parameters.items() if np.ndim(v)}
    raise InvalidParameterError(
        f"{message}; it fails at {int((~ok).sum())} of {ok.size} points, the first "
        f"({first}) with {values}."
    )


def stack_bimatrices(A, B) -> np.ndarray:
    """Payoffs ``(K, 2, m, n)`` from two matrices of entries, each an array
    over the ``K`` points or a number."""
    entries = [v for row in (*A, *B) for v in row]
    K = max((np.size(v) for v in entries if np.ndim(v)), default=1)
    out = np.empty((K, 2, len(A), len(A[0])))
    for player, matrix in enumerate((A, B)):
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                out[:, player, i, j] = value
    return out
