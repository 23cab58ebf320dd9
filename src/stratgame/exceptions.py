"""Errors and warnings raised by stratgame.

Every error subclasses both :class:`StratgameError` and the matching built-in
exception, so ``except ValueError`` keeps working for callers who do not know
stratgame's classes.
"""

from __future__ import annotations

__all__ = [
    "ConvergenceError",
    "DegenerateGameWarning",
    "InvalidGameError",
    "InvalidParameterError",
    "InvalidProfileError",
    "MissingDependencyError",
    "NfgParseError",
    "ResourceLimitError",
    "SolverError",
    "StratgameError",
    "StratgameWarning",
    "UncertifiedEquilibriumWarning",
]


class StratgameError(Exception):
    """Base class of all errors raised by stratgame."""


class InvalidGameError(StratgameError, ValueError):
    """A game was built from inconsistent or invalid data."""


class InvalidParameterError(StratgameError, ValueError):
    """A parameter is outside its allowed range or of the wrong kind."""


class InvalidProfileError(StratgameError, ValueError):
    """A strategy profile does not fit the game (shape, or not probabilities)."""


class NfgParseError(StratgameError, ValueError):
    """A Gambit ``.nfg`` text could not be parsed.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    line : int or None
        The 1-based line of the text where the problem was found.
    """

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.reason = message
        where = f"line {line}: " if line is not None else ""
        super().__init__(f"{where}{message}")


class StratgameWarning(UserWarning):
    """Base class of all warnings issued by stratgame."""


class DegenerateGameWarning(StratgameWarning):
    """A solver met a degenerate game where that changes what it returns."""


class MissingDependencyError(StratgameError, ImportError):
    """An optional package that a feature needs is not installed.

    The message names the package, the feature and the extra that installs
    it, e.g. ``pip install 'stratgame[analysis]'``.
    """


class ResourceLimitError(StratgameError, MemoryError):
    """A computation would need more memory than its budget allows.

    Raised before the memory is taken (or as soon as the budget is passed),
    with what was needed, the budget, and a method that needs less.
    """


class SolverError(StratgameError, RuntimeError):
    """A solver could not produce a certified answer: its iteration budget
    ran out, a path could not be continued, or the answer it reached failed
    its certificate. The message says which, how far it got, and what to
    try instead."""


class ConvergenceError(SolverError):
    """An iterative solver stopped before reaching its tolerance.

    Attributes
    ----------
    result : object or None
        What the solver had when it stopped (uncertified), when it has
        something to show.
    """

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result


class UncertifiedEquilibriumWarning(StratgameWarning):
    """A solver proposed a profile whose regret is above the tolerance; it
    was dropped and the result marked incomplete."""
