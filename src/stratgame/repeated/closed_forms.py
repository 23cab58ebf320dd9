"""Published critical discount factors of classic profiles in the repeated
prisoner's dilemma.

The stage game is a symmetric 2x2 game with action 0 = cooperate and
action 1 = defect, payoffs ``R`` (both cooperate), ``S`` (cooperate against a
defection), ``T`` (defect against cooperation), ``P`` (both defect) and
``T > R > P > S``.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = [
    "grim_trigger_threshold",
    "prisoners_dilemma_payoffs",
    "recognize",
    "tit_for_tat_nash_threshold",
    "tit_for_tat_spe_discount",
]


def prisoners_dilemma_payoffs(stage_game):
    """``(T, R, P, S)`` when ``stage_game`` is a symmetric prisoner's dilemma
    with action 0 = cooperate, else None.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> prisoners_dilemma_payoffs(pd)
    (5, 3, 1, 0)
    """
    if stage_game.shape != (2, 2) or not stage_game.is_symmetric(tol=0):
        return None
    u = stage_game.payoff_arrays[0]
    R, S, T, P = u[0, 0], u[0, 1], u[1, 0], u[1, 1]
    if not T > R > P > S:
        return None
    return tuple(x if isinstance(x, Fraction) else x.item() for x in (T, R, P, S))


def grim_trigger_threshold(T, R, P, S):
    """Smallest δ at which grim trigger against grim trigger is a subgame-
    perfect (and a Nash) equilibrium: ``(T - R) / (T - P)``.

    Cooperating gives ``R``; the best deviation gives ``(1 - δ) T + δ P``
    (Friedman 1971; Mailath & Samuelson 2006, Section 2.4).

    Examples
    --------
    >>> grim_trigger_threshold(5, 3, 1, 0)
    Fraction(1, 2)
    """
    return _ratio(T - R, T - P)


def tit_for_tat_nash_threshold(T, R, P, S):
    """Smallest δ at which tit-for-tat against tit-for-tat is a Nash
    equilibrium: ``max((T - R) / (T - P), (T - R) / (R - S))``.

    The two best replies to tit-for-tat other than cooperation are always
    defecting and alternating defection with cooperation (Axelrod 1984,
    Proposition 2).

    Examples
    --------
    >>> tit_for_tat_nash_threshold(5, 3, 1, 0)
    Fraction(2, 3)
    """
    return max(_ratio(T - R, T - P), _ratio(T - R, R - S))


def tit_for_tat_spe_discount(T, R, P, S):
    """The only δ at which tit-for-tat against tit-for-tat is subgame perfect,
    or None when there is none.

    The one-shot deviation conditions at the four joint states require
    ``δ = (T - R) / (R - S)`` and ``δ = (P - S) / (T - P)`` at once, so the
    profile is subgame perfect only when the two coincide (Mailath &
    Samuelson 2006, Section 2.4, on tit-for-tat).

    Examples
    --------
    >>> tit_for_tat_spe_discount(4, 3, 1, 0)
    Fraction(1, 3)
    >>> tit_for_tat_spe_discount(5, 3, 1, 0) is None
    True
    """
    a, b = _ratio(T - R, R - S), _ratio(P - S, T - P)
    if a == b and 0 < a < 1:
        return a
    return None


def _ratio(num, den):
    if isinstance(num, int | Fraction) and isinstance(den, int | Fraction):
        return Fraction(num) / Fraction(den)
    return float(num) / float(den)


def recognize(stage_game, automata, kind: str):
    """``(formula, value)`` of the critical discount factor when ``automata``
    are both grim trigger or both tit-for-tat in a prisoner's dilemma, else
    ``(None, None)``. ``kind`` is ``"subgame_perfect"`` or ``"nash"``.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.repeated import grim_trigger
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> recognize(pd, (grim_trigger(), grim_trigger()), "nash")
    ('(T - R) / (T - P)', 0.5)
    """
    from .strategies import grim_trigger, tit_for_tat

    payoffs = prisoners_dilemma_payoffs(stage_game)
    if payoffs is None or len(automata) != 2:
        return None, None
    if all(m.equivalent(grim_trigger()) for m in automata):
        return "(T - R) / (T - P)", float(grim_trigger_threshold(*payoffs))
    if all(m.equivalent(tit_for_tat()) for m in automata):
        if kind == "nash":
            return (
                "max((T - R) / (T - P), (T - R) / (R - S))",
                float(tit_for_tat_nash_threshold(*payoffs)),
            )
        value = tit_for_tat_spe_discount(*payoffs)
        if value is None:
            return "never, unless (T - R) / (R - S) = (P - S) / (T - P)", None
        return "(T - R) / (R - S) = (P - S) / (T - P)", float(value)
    return None, None
