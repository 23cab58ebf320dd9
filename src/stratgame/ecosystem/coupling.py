"""Coupling adoption outcomes to games.

Ecosystem runs produce shares and installed bases; the model layer needs
payoff numbers. These helpers make that step explicit: the value of a
network of a given size, profits from shares, the one-link coordination game
behind a network game, and a normal-form game whose payoffs come from running
an adoption model at every strategy profile.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_choice, check_real
from ..games import NormalFormGame
from .network import EcosystemError

__all__ = [
    "AdoptionPayoffs",
    "adoption_game",
    "edge_game",
    "installed_base_payoffs",
    "network_value",
]

LAWS = ("linear", "metcalfe", "odlyzko")


def network_value(installed_base, strength: float = 1.0, law: str = "linear"):
    """The value a network of a given size gives: ``strength * f(base)``.

    ``law="linear"``: ``f(n) = n`` (the network-effect term of Katz and
    Shapiro 1985); ``"metcalfe"``: ``n^2`` (Metcalfe's law); ``"odlyzko"``:
    ``n log n`` (Briscoe, Odlyzko and Tilly 2006), 0 for ``n <= 1``.

    Examples
    --------
    >>> network_value([1, 10], 2.0, "metcalfe").tolist()
    [2.0, 200.0]
    """
    check_choice(law, "law", "network_value", LAWS)
    strength = check_real(strength, "strength", "network_value")
    base = np.asarray(installed_base, dtype=float)
    if np.any(base < 0) or not np.all(np.isfinite(base)):
        raise EcosystemError(
            f"installed bases must be finite and non-negative; got {installed_base!r}."
        )
    if law == "linear":
        value = base
    elif law == "metcalfe":
        value = base**2
    else:
        value = np.where(base > 1, base * np.log(np.maximum(base, 1)), 0.0)
    return strength * value


@dataclass(frozen=True, eq=False)
class AdoptionPayoffs:
    """Per-platform numbers derived from shares.

    Attributes
    ----------
    shares : numpy.ndarray
    installed_base : numpy.ndarray
        ``shares * market_size``.
    user_value : numpy.ndarray
        What a user gets: stand-alone value plus network value.
    profit : numpy.ndarray
        ``margin * installed_base - fixed_cost``.
    """

    shares: np.ndarray
    installed_base: np.ndarray
    user_value: np.ndarray
    profit: np.ndarray

    def __repr__(self) -> str:
        return (
            f"AdoptionPayoffs(shares={self.shares.round(4).tolist()}, "
            f"profit={self.profit.round(4).tolist()})"
        )


def installed_base_payoffs(
    shares,
    *,
    market_size: float = 1.0,
    margin=1.0,
    fixed_cost=0.0,
    stand_alone=0.0,
    network_effect: float = 0.0,
    law: str = "linear",
) -> AdoptionPayoffs:
    """Turn adoption shares into profits and user values.

    Parameters
    ----------
    shares : sequence of float
        Each platform's share of the market (need not sum to 1: non-adopters
        are allowed).
    market_size : float
        Number of potential users.
    margin, fixed_cost, stand_alone : float or sequence of float
        Per-user margin, fixed cost and stand-alone user value, per platform.
    network_effect : float
        Strength of :func:`network_value` on the installed base.
    law : {"linear", "metcalfe", "odlyzko"}

    Examples
    --------
    >>> pay = installed_base_payoffs([0.7, 0.3], market_size=100, margin=[2, 3],
    ...                              fixed_cost=50)
    >>> pay.profit.tolist()
    [90.0, 40.0]
    """
    s = _per_platform(shares, None, "shares")
    if np.any(s < 0) or s.sum() > 1 + 1e-9:
        raise EcosystemError(
            f"shares must be non-negative and sum to at most 1; got {shares!r}."
        )
    size = check_real(market_size, "market_size", "installed_base_payoffs", low=0)
    base = s * size
    margin = _per_platform(margin, s.size, "margin")
    fixed = _per_platform(fixed_cost, s.size, "fixed_cost")
    alone = _per_platform(stand_alone, s.size, "stand_alone")
    return AdoptionPayoffs(
        shares=s,
        installed_base=base,
        user_value=alone + network_value(base, network_effect, law),
        profit=margin * base - fixed,
    )


def _per_platform(values, k, name: str) -> np.ndarray:
    """A finite float vector: ``values`` as given (``k`` None), or a number
    or ``k`` numbers broadcast to ``k`` platforms."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        arr = np.array([np.nan])
    if k is not None and arr.ndim == 0:
        arr = np.full(k, float(arr))
    if arr.ndim != 1 or (k is not None and arr.size != k):
        wanted = "one number per platform" if k is None else f"a number or {k} numbers"
        raise EcosystemError(
            f"installed_base_payoffs needs {name} as {wanted}; got {values!r}."
        )
    if not np.all(np.isfinite(arr)):
        raise EcosystemError(
            f"installed_base_payoffs needs finite {name}; got {values!r}."
        )
    return arr


def edge_game(payoffs, technologies=None) -> NormalFormGame:
    """The two-player game played across one link of a network coordination
    game: both choose a technology; the row player gets ``payoffs[a, b]``
    and the column player ``payoffs[b, a]``.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = edge_game([[3, 0], [0, 2]], ("A", "B"))
    >>> len(sg.solve(g, method="pure").equilibria)
    2
    """
    matrix = np.asarray(payoffs)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise EcosystemError(
            f"edge_game needs a square k x k payoff matrix; got shape {matrix.shape}."
        )
    labels = None if technologies is None else tuple(technologies)
    actions = None if labels is None else (labels, labels)
    return NormalFormGame.from_bimatrix(matrix, matrix.T, actions=actions)


def adoption_game(actions, outcome, payoff=None, players=None) -> NormalFormGame:
    """A normal-form game whose payoffs come from an adoption model.

    For every strategy profile, ``outcome(profile)`` runs the ecosystem model
    (a :class:`~stratgame.ecosystem.PlatformMarket`, a Bass fit, a cascade)
    and returns one number per player, typically a share; ``payoff(profile,
    outcome)`` turns it into payoffs (default: the outcome itself).

    Parameters
    ----------
    actions : sequence of sequences
        Each player's actions (labels, or any values ``outcome`` accepts).
    outcome : callable
        ``outcome(profile) -> sequence of float``, ``profile`` a tuple with
        one action per player.
    payoff : callable, optional
        ``payoff(profile, outcome) -> sequence of float``.
    players : sequence of str, optional

    Examples
    --------
    Two platforms choose a price; users split by logit on quality minus price
    with network effects, and profit is price times long-run share.

    >>> from stratgame.ecosystem import PlatformMarket
    >>> prices = (0.5, 1.0)
    >>> def shares(profile):
    ...     m = PlatformMarket([1.0, 1.0], price=list(profile), network_effect=0.5)
    ...     return m.simulate([0.5, 0.5], 200).final
    >>> g = adoption_game([prices, prices], shares,
    ...                   payoff=lambda prof, s: [p * x for p, x in zip(prof, s)])
    >>> g.shape
    (2, 2)
    """
    action_lists = [tuple(a) for a in actions]
    if len(action_lists) < 1 or any(len(a) == 0 for a in action_lists):
        raise EcosystemError("adoption_game needs at least one action per player.")
    n = len(action_lists)
    shape = tuple(len(a) for a in action_lists)
    arrays = [np.empty(shape) for _ in range(n)]
    for index in itertools.product(*(range(k) for k in shape)):
        profile = tuple(action_lists[i][j] for i, j in enumerate(index))
        result = np.asarray(outcome(profile), dtype=float)
        if payoff is not None:
            result = np.asarray(payoff(profile, result), dtype=float)
        if result.shape != (n,):
            raise EcosystemError(
                f"adoption_game needs one payoff per player ({n}) at every profile; "
                f"got shape {result.shape} at {profile!r}."
            )
        for i in range(n):
            arrays[i][index] = result[i]
    labels = tuple(tuple(str(a) for a in acts) for acts in action_lists)
    return NormalFormGame(arrays, players=players, actions=labels)
