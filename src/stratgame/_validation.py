"""Parameter checks shared by all of stratgame.

One mechanism gives every error the same shape: which parameter of what,
what was expected, and what came instead.
"""

from __future__ import annotations

import functools
import math
import numbers
import warnings

import numpy as np

from .exceptions import InvalidParameterError

__all__ = [
    "check_choice",
    "check_integer",
    "check_real",
    "check_rng",
    "renamed_keywords",
]


def check_rng(rng) -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` from None, an int or a Generator.

    Examples
    --------
    >>> bool(check_rng(3).integers(10) == check_rng(3).integers(10))
    True
    """
    if rng is None or isinstance(rng, numbers.Integral | np.random.SeedSequence):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.Generator):
        return rng
    raise TypeError(
        "rng must be None, an int seed or a numpy.random.Generator; "
        f"got {type(rng).__name__} instead."
    )


def _range_text(low, high, low_open, high_open) -> str:
    left = "(" if low_open else "["
    right = ")" if high_open else "]"
    lo = "-inf" if low is None else repr(low)
    hi = "inf" if high is None else repr(high)
    return f"{left}{lo}, {hi}{right}"


def check_real(
    value,
    name: str,
    owner: str,
    *,
    low=None,
    high=None,
    low_open: bool = False,
    high_open: bool = False,
):
    """Check that ``value`` is a finite real number in the given range.

    Returns the value unchanged (Fractions stay Fractions).

    Examples
    --------
    >>> check_real(0.9, "discount", "RepeatedGame", low=0, high=1,
    ...            low_open=True, high_open=True)
    0.9
    >>> check_real(1.5, "discount", "RepeatedGame", low=0, high=1,
    ...            low_open=True, high_open=True)
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: The 'discount' parameter of RepeatedGame must be a real number in the range (0, 1). Got 1.5 instead.
    """
    text = _range_text(low, high, low_open, high_open)
    message = (
        f"The {name!r} parameter of {owner} must be a real number in the range "
        f"{text}. Got {value!r} instead."
    )
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidParameterError(message)
    if isinstance(value, float | np.floating) and not math.isfinite(value):
        raise InvalidParameterError(message)
    if low is not None and (value < low or (low_open and value == low)):
        raise InvalidParameterError(message)
    if high is not None and (value > high or (high_open and value == high)):
        raise InvalidParameterError(message)
    return value


def check_integer(value, name: str, owner: str, *, low=None, high=None) -> int:
    """Check that ``value`` is an integer in ``[low, high]`` and return it as int.

    Examples
    --------
    >>> check_integer(3, "turns", "match", low=1)
    3
    """
    text = _range_text(low, high, False, False)
    message = (
        f"The {name!r} parameter of {owner} must be an integer in the range "
        f"{text}. Got {value!r} instead."
    )
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidParameterError(message)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidParameterError(message)
    return int(value)


def check_choice(value, name: str, owner: str, choices) -> str:
    """Check that ``value`` is one of ``choices``.

    Examples
    --------
    >>> check_choice("x", "method", "solve", ["pure", "enumerate"])
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: The 'method' parameter of solve must be one of 'enumerate', 'pure'. Got 'x' instead.
    """
    if value not in choices:
        listed = ", ".join(repr(c) for c in sorted(choices))
        raise InvalidParameterError(
            f"The {name!r} parameter of {owner} must be one of {listed}. "
            f"Got {value!r} instead."
        )
    return value


def renamed_keywords(**renames):
    """Keep old keyword names of a function working for one release.

    Each keyword maps an old name to the new one, or to ``(new, convert,
    formula)`` when the old parameter measured the same thing on another
    scale (a temperature for an intensity): ``convert`` turns the old value
    into the new one, and ``formula`` says how in the warning. Passing an old name emits a :class:`DeprecationWarning` naming
    the new one; passing both is a :class:`TypeError`.

    Examples
    --------
    >>> import warnings
    >>> @renamed_keywords(
    ...     iterations="max_iter",
    ...     temperature=("intensity", lambda t: 1 / t, "1 / temperature"),
    ... )
    ... def run(max_iter=10, intensity=1.0):
    ...     return max_iter, intensity
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     run(iterations=5, temperature=0.5)
    (5, 2.0)
    >>> for warning in caught:
    ...     print(warning.message)
    run: the 'iterations' parameter is deprecated; use 'max_iter' instead.
    run: the 'temperature' parameter is deprecated; use 'intensity' instead (intensity = 1 / temperature).
    """

    def decorate(function):
        owner = function.__qualname__.removesuffix(".__init__")

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            for old, target in renames.items():
                if old not in kwargs:
                    continue
                new, convert, formula = (
                    target if isinstance(target, tuple) else (target, None, "")
                )
                if new in kwargs:
                    raise TypeError(
                        f"{owner}: pass {new!r} only; {old!r} is its deprecated name."
                    )
                value = kwargs.pop(old)
                how = f" ({new} = {formula})" if formula else ""
                warnings.warn(
                    f"{owner}: the {old!r} parameter is deprecated; use {new!r} "
                    f"instead{how}.",
                    DeprecationWarning,
                    stacklevel=2,
                )
                kwargs[new] = convert(value) if convert else value
            return function(*args, **kwargs)

        return wrapper

    return decorate
