"""Result types of the repeated-game checks: profitable deviations and the
discount factors at which a profile is an equilibrium."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Deviation", "DeviationCheck", "DiscountRange"]


@dataclass(frozen=True)
class Deviation:
    """A profitable deviation found by an equilibrium check.

    Attributes
    ----------
    player : int
        The deviating player.
    state : tuple of int
        The joint automaton state (one automaton state per player) where the
        deviation starts.
    action : int
        The deviating action: for a one-shot deviation the action played
        once; for a Nash check the first action of the best reply.
    gain : float
        The deviation's gain in the repeated game's payoff units.
    period : int or None
        The period, for a finite horizon; None for the infinite horizon.
    """

    player: int
    state: tuple[int, ...]
    action: int
    gain: float
    period: int | None = None


@dataclass(frozen=True)
class DeviationCheck:
    """The outcome of :meth:`RepeatedGame.is_subgame_perfect` or
    :meth:`RepeatedGame.is_nash`; true in a boolean context exactly when no
    profitable deviation was found.

    Attributes
    ----------
    holds : bool
        True when the profile passes the check.
    deviations : tuple of Deviation
        Every profitable deviation found, largest gain first.
    states_checked : int
        How many joint states (times periods, for a finite horizon) were
        checked.
    """

    holds: bool
    deviations: tuple[Deviation, ...]
    states_checked: int

    def __bool__(self) -> bool:
        return self.holds


@dataclass(frozen=True)
class DiscountRange:
    """The discount factors in (0, 1) at which a profile is an equilibrium.

    Attributes
    ----------
    kind : str
        ``"subgame_perfect"`` or ``"nash"``.
    intervals : tuple of (float, float)
        Disjoint closed intervals ``[low, high]``, increasing; a bound of 0 or
        1 stands for the open end of (0, 1). A single point is ``(x, x)``.
    exact_bounds : tuple of (Fraction or None, Fraction or None)
        The bounds as exact Fractions where they were verified exactly (exact
        stage game), else None.
    closed_form : str or None
        The published formula of the critical discount factor when the game
        and profile are a recognized textbook case.
    closed_form_value : float or None
        That formula's value.
    """

    kind: str
    intervals: tuple[tuple[float, float], ...]
    exact_bounds: tuple[tuple[Fraction | None, Fraction | None], ...] = ()
    closed_form: str | None = None
    closed_form_value: float | None = None

    @property
    def critical(self) -> float | None:
        """The smallest discount factor in the range (0.0 when the range
        reaches down to 0), or None when the range is empty."""
        return self.intervals[0][0] if self.intervals else None

    @property
    def critical_exact(self) -> Fraction | None:
        """:attr:`critical` as an exact Fraction, when it was verified."""
        if not self.intervals or not self.exact_bounds:
            return None
        return self.exact_bounds[0][0]

    def __contains__(self, discount) -> bool:
        return any(low <= discount <= high for low, high in self.intervals)

    def __bool__(self) -> bool:
        return bool(self.intervals)
