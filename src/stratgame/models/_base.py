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
from typing import ClassVar

from .._validation import check_real
from ..exceptions import InvalidParameterError

__all__ = ["MODELS", "Model", "model_parameters", "register_model"]

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
