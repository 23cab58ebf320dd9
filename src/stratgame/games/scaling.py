"""Positive affine rescalings of payoffs (they change no best response and
no equilibrium), one home for each: onto ``[0, 1]``, into ``[1/2, 2)`` by
powers of two, and onto small positive integers."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

__all__ = ["positive_float", "positive_integer", "unit_interval"]


def unit_interval(X: np.ndarray) -> np.ndarray:
    """``X`` mapped affinely onto ``[0, 1]`` (zeros when ``X`` is constant),
    without overflow near the ends of the float range.

    Examples
    --------
    >>> unit_interval(np.array([[2.0, 4.0], [3.0, 2.0]])).tolist()
    [[0.0, 1.0], [0.5, 0.0]]
    >>> unit_interval(np.array([1.7e308, -1.7e308])).tolist()
    [1.0, 0.0]
    """
    X = np.asarray(X, dtype=np.float64)
    top = float(np.abs(X).max()) if X.size else 0.0
    if top > 0:
        X = np.ldexp(X, -int(np.frexp(top)[1]))
    low, spread = X.min(), X.max() - X.min()
    return (X - low) / spread if spread > 0 else np.zeros_like(X)


def positive_float(X: np.ndarray) -> np.ndarray:
    """``X`` (float) mapped by a positive affine map into ``[1/2, 2)`` (all
    ones when ``X`` is constant): best responses stay the same and the
    polytope is bounded. Every scale is a power of two, applied before any
    subtraction, so payoffs near the ends of the float range neither
    overflow nor lose their subnormal bits.

    Examples
    --------
    >>> positive_float(np.array([[0.0, 1e308], [-1e308, 0.0]])).round(3).tolist()
    [[0.834, 1.113], [0.556, 0.834]]
    """
    X = np.asarray(X, dtype=np.float64)
    top = float(np.abs(X).max())
    if top > 0:
        X = np.ldexp(X, -int(np.frexp(top)[1]))
    low, span = X.min(), np.ptp(X)
    if span == 0:
        return np.ones_like(X)
    exponent = -int(np.frexp(span)[1])
    return np.ldexp(X - low, exponent) + np.ldexp(span, exponent)


def positive_integer(X: np.ndarray) -> list[list[int]]:
    """``X`` (ints, Fractions, or floats taken at their exact binary value)
    mapped by a positive affine map onto the smallest integers it can:
    shifted to minimum 0, divided by the greatest common divisor of the
    entries (rationals allowed), plus 1.

    Examples
    --------
    >>> positive_integer(np.array([[0.5, 1e6 + 0.5], [2e6 + 0.5, 0.5]]))
    [[1, 2], [3, 1]]
    >>> from fractions import Fraction
    >>> positive_integer(np.array([[Fraction(1, 3), 1], [0, 2]], dtype=object))
    [[2, 4], [1, 7]]
    """
    X = np.asarray(X)
    if X.dtype.kind in "iuf" and X.size:
        small = float(np.abs(X).max()) < 2.0**52
        if small and (X.dtype.kind != "f" or (X == np.round(X)).all()):
            integers = (X - X.min()).astype(np.int64)  # exact: integral, small
            divisor = int(np.gcd.reduce(integers, axis=None)) or 1
            return (integers // divisor + 1).tolist()
    low = min(Fraction(v) for v in X.flat)
    shifted = [[Fraction(v) - low for v in row] for row in X]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    integers = [[int(v * scale) for v in row] for row in shifted]
    divisor = math.gcd(*(v for row in integers for v in row)) or 1
    return [[v // divisor + 1 for v in row] for row in integers]
