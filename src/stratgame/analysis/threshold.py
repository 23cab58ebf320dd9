"""Where does the strategic picture change along one parameter? Bisection."""

from __future__ import annotations

from dataclasses import dataclass

from .._validation import check_integer, check_real

__all__ = ["Threshold", "find_threshold"]


@dataclass(frozen=True)
class Threshold:
    """The parameter value where a predicate changes, bracketed to ``tol``.

    Attributes
    ----------
    value : float
        The midpoint of the final bracket.
    lo, hi : float
        The final bracket: the predicate is ``below`` at ``lo`` and ``above``
        at ``hi``.
    below, above : bool
        The predicate's values on either side.
    iterations : int
    """

    value: float
    lo: float
    hi: float
    below: bool
    above: bool
    iterations: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def find_threshold(
    builder,
    param: str,
    lo: float,
    hi: float,
    predicate,
    tol: float = 1e-8,
    fixed: dict | None = None,
    max_iter: int = 200,
) -> Threshold:
    """Bisect for the value of ``param`` in ``[lo, hi]`` where
    ``predicate(builder(param=value, **fixed))`` changes from one truth value
    to the other.

    The predicate must differ at ``lo`` and ``hi``; if it changes more than
    once in between, bisection finds one of the changes.

    Examples
    --------
    Grim trigger sustains cooperation in the prisoner's dilemma when
    delta >= (T - R) / (T - P) = 0.5 for (T, R, P) = (5, 3, 1):

    >>> def builder(delta):
    ...     return delta
    >>> t = find_threshold(builder, "delta", 0.0, 1.0,
    ...                    lambda d: 3 >= (1 - d) * 5 + d * 1, tol=1e-10)
    >>> round(t.value, 6)
    0.5
    """
    lo = float(check_real(lo, "lo", "find_threshold"))
    hi = float(check_real(hi, "hi", "find_threshold", low=lo, low_open=True))
    check_real(tol, "tol", "find_threshold", low=0, low_open=True)
    check_integer(max_iter, "max_iter", "find_threshold", low=1)
    fixed = dict(fixed or {})

    def holds(value: float) -> bool:
        return bool(predicate(builder(**{**fixed, param: value})))

    below, above = holds(lo), holds(hi)
    if below == above:
        raise ValueError(
            f"the predicate is {below} at both {param}={lo} and {param}={hi}; "
            "find_threshold needs a bracket where it changes."
        )
    iterations = 0
    while hi - lo > tol and iterations < max_iter:
        middle = 0.5 * (lo + hi)
        if holds(middle) == below:
            lo = middle
        else:
            hi = middle
        iterations += 1
    return Threshold(0.5 * (lo + hi), lo, hi, below, above, iterations)
