"""Classic two-player games of the textbooks, as NormalFormGame builders.

Given integer or Fraction parameters the games are exact. Sources: Osborne
(2004), *An Introduction to Game Theory* (prisoner's dilemma, stag hunt,
hawk-dove, battle of the sexes, matching pennies, coordination);
Maynard Smith & Price (1973) (hawk-dove); Shapley (1964), "Some topics in
two-person games" (the Shapley game).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import NormalFormGame
from ._base import (
    payoff_parameters,
    register_model,
    require_all,
    stack_bimatrices,
    vectorized,
)

__all__ = [
    "battle_of_the_sexes",
    "chicken",
    "coordination",
    "hawk_dove",
    "matching_pennies",
    "prisoners_dilemma",
    "rock_paper_scissors",
    "shapley_game",
    "stag_hunt",
]

_PLAYERS = ("Row", "Column")


def _half(value):
    return Fraction(value, 2) if isinstance(value, int) else value / 2


@register_model("prisoners_dilemma")
def prisoners_dilemma(T=5, R=3, P=1, S=0) -> NormalFormGame:
    """The prisoner's dilemma: temptation ``T`` > reward ``R`` > punishment
    ``P`` > sucker's payoff ``S``; defection is strictly dominant.

    Raises
    ------
    InvalidParameterError
        Unless ``T > R > P > S``.

    Examples
    --------
    >>> g = prisoners_dilemma()
    >>> g.is_nash(("defect", "defect"))
    True
    """
    for name, value in (("T", T), ("R", R), ("P", P), ("S", S)):
        check_real(value, name, "prisoners_dilemma")
    if not T > R > P > S:
        raise InvalidParameterError(
            "prisoners_dilemma needs T > R > P > S; got "
            f"T={T!r}, R={R!r}, P={P!r}, S={S!r}."
        )
    return NormalFormGame.from_bimatrix(
        [[R, S], [T, P]],
        [[R, T], [S, P]],
        players=_PLAYERS,
        actions=(("cooperate", "defect"), ("cooperate", "defect")),
        title="Prisoner's dilemma",
    )


@register_model("stag_hunt")
def stag_hunt(stag=4, hare=3, alone=0) -> NormalFormGame:
    """The stag hunt: hunting stag together pays ``stag``; hare pays ``hare``
    whatever the other does; a lone stag hunter gets ``alone``.

    Two pure equilibria (stag, stag) and (hare, hare), and a mixed one where
    each hunts stag with probability ``(hare - alone) / (stag - alone)``.

    Raises
    ------
    InvalidParameterError
        Unless ``stag > hare > alone``.

    Examples
    --------
    >>> g = stag_hunt()
    >>> g.is_nash(("stag", "stag")), g.is_nash(("hare", "hare"))
    (True, True)
    """
    for name, value in (("stag", stag), ("hare", hare), ("alone", alone)):
        check_real(value, name, "stag_hunt")
    if not stag > hare > alone:
        raise InvalidParameterError(
            f"stag_hunt needs stag > hare > alone; got stag={stag!r}, "
            f"hare={hare!r}, alone={alone!r}."
        )
    return NormalFormGame.from_bimatrix(
        [[stag, alone], [hare, hare]],
        [[stag, hare], [alone, hare]],
        players=_PLAYERS,
        actions=(("stag", "hare"), ("stag", "hare")),
        title="Stag hunt",
    )


@register_model("hawk_dove")
def hawk_dove(V=2, C=4) -> NormalFormGame:
    """Hawk-dove (Maynard Smith & Price 1973): a resource worth ``V``; two
    hawks fight and each gets ``(V - C) / 2``; a hawk takes all from a dove;
    two doves share.

    For ``C > V`` the game is a chicken game: the mixed equilibrium plays
    hawk with probability ``V / C`` (the evolutionarily stable strategy).

    Raises
    ------
    InvalidParameterError
        Unless ``V > 0`` and ``C > 0``.

    Examples
    --------
    >>> g = hawk_dove(V=2, C=4)
    >>> g.is_nash(([0.5, 0.5], [0.5, 0.5]))
    True
    """
    check_real(V, "V", "hawk_dove", low=0, low_open=True)
    check_real(C, "C", "hawk_dove", low=0, low_open=True)
    fight = _half(V - C)
    share = _half(V)
    return NormalFormGame.from_bimatrix(
        [[fight, V], [0, share]],
        [[fight, 0], [V, share]],
        players=_PLAYERS,
        actions=(("hawk", "dove"), ("hawk", "dove")),
        title="Hawk-dove",
    )


@register_model("chicken")
def chicken(win=1, lose=-1, crash=-10) -> NormalFormGame:
    """Chicken: swerving together pays 0; the one who goes straight while the
    other swerves gets ``win`` and the swerver ``lose``; both straight crash.

    Raises
    ------
    InvalidParameterError
        Unless ``win > 0 > lose > crash``.

    Examples
    --------
    >>> g = chicken()
    >>> g.is_nash(("straight", "swerve")), g.is_nash(("straight", "straight"))
    (True, False)
    """
    for name, value in (("win", win), ("lose", lose), ("crash", crash)):
        check_real(value, name, "chicken")
    if not win > 0 > lose > crash:
        raise InvalidParameterError(
            f"chicken needs win > 0 > lose > crash; got win={win!r}, "
            f"lose={lose!r}, crash={crash!r}."
        )
    return NormalFormGame.from_bimatrix(
        [[0, lose], [win, crash]],
        [[0, win], [lose, crash]],
        players=_PLAYERS,
        actions=(("swerve", "straight"), ("swerve", "straight")),
        title="Chicken",
    )


@register_model("battle_of_the_sexes")
def battle_of_the_sexes(high=2, low=1) -> NormalFormGame:
    """Battle of the sexes: both prefer meeting to not (0), but the row player
    prefers ``"opera"`` (``high`` vs ``low``), the column player ``"football"``.

    The mixed equilibrium: row plays opera with probability
    ``high / (high + low)``, column with probability ``low / (high + low)``.

    Raises
    ------
    InvalidParameterError
        Unless ``high > low > 0``.

    Examples
    --------
    >>> g = battle_of_the_sexes()
    >>> g.is_nash(([2/3, 1/3], [1/3, 2/3]))
    True
    """
    check_real(high, "high", "battle_of_the_sexes", low=0, low_open=True)
    check_real(low, "low", "battle_of_the_sexes", low=0, low_open=True)
    if not high > low:
        raise InvalidParameterError(
            f"battle_of_the_sexes needs high > low > 0; got high={high!r}, low={low!r}."
        )
    return NormalFormGame.from_bimatrix(
        [[high, 0], [0, low]],
        [[low, 0], [0, high]],
        players=_PLAYERS,
        actions=(("opera", "football"), ("opera", "football")),
        title="Battle of the sexes",
    )


@register_model("matching_pennies")
def matching_pennies(stake=1) -> NormalFormGame:
    """Matching pennies: the row player wins ``stake`` when the coins match,
    the column player when they differ. Zero-sum; the unique equilibrium is
    both mixing 50:50.

    Examples
    --------
    >>> matching_pennies().is_nash(([0.5, 0.5], [0.5, 0.5]))
    True
    """
    check_real(stake, "stake", "matching_pennies", low=0, low_open=True)
    return NormalFormGame.from_bimatrix(
        [[stake, -stake], [-stake, stake]],
        players=_PLAYERS,
        actions=(("heads", "tails"), ("heads", "tails")),
        title="Matching pennies",
    )


@register_model("coordination")
def coordination(k=2, values=None) -> NormalFormGame:
    """A pure coordination game with ``k`` actions: both get ``values[a]``
    when both choose ``a`` and 0 otherwise (``values`` default all 1).

    Every matched pair is a pure equilibrium, and every non-empty common
    support mixed in proportion to ``1 / values[a]`` is an equilibrium.

    Raises
    ------
    InvalidParameterError
        Unless ``k >= 2`` and ``values`` holds ``k`` positive numbers.

    Examples
    --------
    >>> g = coordination(3)
    >>> g.is_nash((1, 1)), g.is_nash((0, 1))
    (True, False)
    """
    k = check_integer(k, "k", "coordination", low=2)
    values = [1] * k if values is None else list(values)
    if len(values) != k:
        raise InvalidParameterError(
            f"coordination needs k={k} values, one per action; got {len(values)}."
        )
    for a, v in enumerate(values):
        check_real(v, f"values[{a}]", "coordination", low=0, low_open=True)
    matrix = np.zeros((k, k), dtype=object)
    for a, v in enumerate(values):
        matrix[a, a] = v
    labels = tuple(f"c{a + 1}" for a in range(k))
    return NormalFormGame.from_bimatrix(
        matrix,
        matrix.copy(),
        players=_PLAYERS,
        actions=(labels, labels),
        title=f"Coordination ({k} actions)",
    )


@register_model("rock_paper_scissors")
def rock_paper_scissors(win=1, lose=-1, tie=0) -> NormalFormGame:
    """Rock-paper-scissors: rock beats scissors beats paper beats rock.

    With ``win + lose = 0`` (default) it is zero-sum; the unique equilibrium
    is uniform mixing whenever ``win > tie > lose``.

    Raises
    ------
    InvalidParameterError
        Unless ``win > tie > lose``.

    Examples
    --------
    >>> rock_paper_scissors().is_nash(([1/3] * 3, [1/3] * 3))
    True
    """
    for name, value in (("win", win), ("lose", lose), ("tie", tie)):
        check_real(value, name, "rock_paper_scissors")
    if not win > tie > lose:
        raise InvalidParameterError(
            f"rock_paper_scissors needs win > tie > lose; got win={win!r}, "
            f"tie={tie!r}, lose={lose!r}."
        )
    A = [[tie, lose, win], [win, tie, lose], [lose, win, tie]]
    B = [list(col) for col in zip(*A, strict=True)]
    labels = ("rock", "paper", "scissors")
    return NormalFormGame.from_bimatrix(
        A, B, players=_PLAYERS, actions=(labels, labels), title="Rock-paper-scissors"
    )


@register_model("shapley_game")
def shapley_game() -> NormalFormGame:
    """Shapley's (1964) 3x3 game, on which fictitious play cycles forever.

    Row payoffs ``[[0, 1, 0], [0, 0, 1], [1, 0, 0]]``, column payoffs
    ``[[0, 0, 1], [1, 0, 0], [0, 1, 0]]``; no pure equilibrium, and the
    unique equilibrium is both players mixing uniformly.

    Examples
    --------
    >>> shapley_game().is_nash(([1/3] * 3, [1/3] * 3))
    True
    """
    A = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    B = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    labels = ("a1", "a2", "a3")
    return NormalFormGame.from_bimatrix(
        A, B, players=_PLAYERS, actions=(labels, labels), title="Shapley game"
    )


# Vectorized payoffs (see :func:`~stratgame.models._base.vectorized`): the
# same formulas over arrays of parameters, for sweeps of many points.


def _payoffs_of(model):
    """Attach ``function`` to ``model`` as its vectorized ``payoffs``."""

    def attach(function):
        model.payoffs = vectorized(function)
        return function

    return attach


@_payoffs_of(prisoners_dilemma)
def _prisoners_dilemma_payoffs(**arrays) -> np.ndarray:
    """``prisoners_dilemma.payoffs(T=..., R=..., P=..., S=...)``: payoffs
    ``(K, 2, 2, 2)`` over arrays of parameters (floats).

    Examples
    --------
    >>> import numpy as np
    >>> U = prisoners_dilemma.payoffs(T=np.array([5.0, 7.0]))
    >>> U.shape, U[1, 0].tolist()
    ((2, 2, 2, 2), [[3.0, 0.0], [7.0, 1.0]])
    """
    p = payoff_parameters(prisoners_dilemma, arrays, ("T", "R", "P", "S"))
    T, R, P, S = p["T"], p["R"], p["P"], p["S"]
    require_all((T > R) & (R > P) & (P > S), "prisoners_dilemma needs T > R > P > S", p)
    return stack_bimatrices([[R, S], [T, P]], [[R, T], [S, P]])


@_payoffs_of(stag_hunt)
def _stag_hunt_payoffs(**arrays) -> np.ndarray:
    """``stag_hunt.payoffs(stag=..., hare=..., alone=...)`` over arrays."""
    p = payoff_parameters(stag_hunt, arrays, ("stag", "hare", "alone"))
    stag, hare, alone = p["stag"], p["hare"], p["alone"]
    require_all(
        (stag > hare) & (hare > alone), "stag_hunt needs stag > hare > alone", p
    )
    return stack_bimatrices(
        [[stag, alone], [hare, hare]], [[stag, hare], [alone, hare]]
    )


@_payoffs_of(hawk_dove)
def _hawk_dove_payoffs(**arrays) -> np.ndarray:
    """``hawk_dove.payoffs(V=..., C=...)`` over arrays."""
    positive = {"low": 0, "low_open": True}
    p = payoff_parameters(hawk_dove, arrays, {"V": positive, "C": positive})
    V = p["V"]
    fight, share = (V - p["C"]) / 2, V / 2
    return stack_bimatrices([[fight, V], [0, share]], [[fight, 0], [V, share]])


@_payoffs_of(chicken)
def _chicken_payoffs(**arrays) -> np.ndarray:
    """``chicken.payoffs(win=..., lose=..., crash=...)`` over arrays."""
    p = payoff_parameters(chicken, arrays, ("win", "lose", "crash"))
    win, lose, crash = p["win"], p["lose"], p["crash"]
    require_all(
        (win > 0) & (0 > lose) & (lose > crash),
        "chicken needs win > 0 > lose > crash",
        p,
    )
    return stack_bimatrices([[0, lose], [win, crash]], [[0, win], [lose, crash]])


@_payoffs_of(battle_of_the_sexes)
def _battle_of_the_sexes_payoffs(**arrays) -> np.ndarray:
    """``battle_of_the_sexes.payoffs(high=..., low=...)`` over arrays."""
    positive = {"low": 0, "low_open": True}
    p = payoff_parameters(
        battle_of_the_sexes, arrays, {"high": positive, "low": positive}
    )
    high, low = p["high"], p["low"]
    require_all(high > low, "battle_of_the_sexes needs high > low > 0", p)
    return stack_bimatrices([[high, 0], [0, low]], [[low, 0], [0, high]])


@_payoffs_of(matching_pennies)
def _matching_pennies_payoffs(**arrays) -> np.ndarray:
    """``matching_pennies.payoffs(stake=...)`` over arrays."""
    p = payoff_parameters(
        matching_pennies, arrays, {"stake": {"low": 0, "low_open": True}}
    )
    s = p["stake"]
    return stack_bimatrices([[s, -s], [-s, s]], [[-s, s], [s, -s]])


@_payoffs_of(rock_paper_scissors)
def _rock_paper_scissors_payoffs(**arrays) -> np.ndarray:
    """``rock_paper_scissors.payoffs(win=..., lose=..., tie=...)`` over arrays:
    ``(K, 2, 3, 3)``."""
    p = payoff_parameters(rock_paper_scissors, arrays, ("win", "lose", "tie"))
    win, lose, tie = p["win"], p["lose"], p["tie"]
    require_all(
        (win > tie) & (tie > lose), "rock_paper_scissors needs win > tie > lose", p
    )
    A = [[tie, lose, win], [win, tie, lose], [lose, win, tie]]
    return stack_bimatrices(A, [list(col) for col in zip(*A, strict=True)])
