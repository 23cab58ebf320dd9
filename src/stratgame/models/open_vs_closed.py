r"""Open against closed models: a premium closed lab facing a free open model,
and the two-lab choice between open and closed weights.

**OpenVsClosed.** Vertical differentiation (Mussa & Rosen 1978, "Monopoly and
product quality", *JET* 18; Shaked & Sutton 1982, "Relaxing price competition
through product differentiation", *RES* 49). A market of :math:`M` users with
taste for quality :math:`\theta` uniform on :math:`[0, \bar\theta]` chooses
between a closed model of quality :math:`q_c` at price :math:`p` and a free
open model of quality :math:`q_o \le q_c`. User :math:`\theta` pays for the
closed model when :math:`\theta q_c - p \ge \theta q_o`, i.e. when
:math:`\theta \ge p / \Delta` with the quality lead :math:`\Delta = q_c - q_o`;
everyone else uses the open model, so the market is covered. With a cost
:math:`c < \bar\theta \Delta` of serving one user, the closed lab maximizes
:math:`M (p - c)(1 - p / (\bar\theta \Delta))` (the quality leader's best
response to a rival priced at zero in the duopoly of Tirole 1988, *The
Theory of Industrial Organization*, sec. 7.5.1), so

.. math::

    p^* = \frac{\bar\theta \Delta + c}{2}, \qquad
    s^* = \frac{\bar\theta \Delta - c}{2 \bar\theta \Delta}, \qquad
    \pi^* = M \frac{(\bar\theta \Delta - c)^2}{4 \bar\theta \Delta} .

Price and profit grow with the lead; without an open model
(:math:`q_o = 0`) the lab would charge :math:`(\bar\theta q_c + c)/2`.

*The innovation window* (derived here). When open quality rises at
:math:`g` per unit time, the lead is :math:`\Delta(t) = \Delta_0 - g t` and the
closed lab sells until :math:`\bar\theta \Delta(t) = c`, a window of length
:math:`T = (\Delta_0 - c/\bar\theta) / g`. Integrating :math:`\pi^*(\Delta(t))`
over it, with :math:`u_0 = c / \bar\theta`,

.. math::

    \Pi = \frac{M}{4 \bar\theta g}\left[\frac{\bar\theta^2 (\Delta_0^2 -
    u_0^2)}{2} - 2 \bar\theta c (\Delta_0 - u_0) + c^2 \ln\frac{\Delta_0}{u_0}
    \right], \qquad \Pi = \frac{M \bar\theta \Delta_0^2}{8 g} \text{ when } c = 0.

**OpennessGame.** Two labs choose open or closed weights (a model built here
from the ingredients of the open-source literature: Lerner & Tirole 2002,
"Some simple economics of open source", *J. Ind. Econ.* 50, for community
and talent benefits; the closed-lab price erosion above for licensing). With
:math:`w_k = 1 + b\,[k \text{ open}]`, lab :math:`i`'s payoff against lab
:math:`j` is

.. math::

    u_i = M \frac{w_i}{w_i + w_j}
        + L_i [i \text{ closed}] (1 - e\,[j \text{ open}])
        + C [i \text{ open}] + S [j \text{ open}] :

adoption shares that open weights speed up (:math:`b`), licensing revenue
that closed weights keep but a free open rival erodes (:math:`e`), talent and
community contributions (:math:`C`), and spillovers from the rival's open
weights (:math:`S`). The gain from opening is
:math:`G^0_i = g_a + C - L_i` against a closed rival and
:math:`G^1_i = g_a + C - (1 - e) L_i` against an open one, with the same
adoption gain :math:`g_a = M b / (2 (2 + b))` in both cases. Hence opening
is strictly dominant for lab :math:`i` when :math:`L_i < g_a + C`, closing is
strictly dominant when :math:`(1 - e) L_i > g_a + C`, and in between each lab
wants to match its rival: a coordination game. Spillovers leave incentives
unchanged but decide whether the dominant outcome is Pareto-dominated
(a prisoner's dilemma).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .._validation import check_real
from ..exceptions import InvalidParameterError
from ..games import ContinuousGame, NormalFormGame
from ._base import (
    Model,
    payoff_parameters,
    register_model,
    stack_bimatrices,
    vectorized,
)

__all__ = ["OpenVsClosed", "OpennessGame"]

_CHOICES = ("open", "closed")


@register_model("open_vs_closed")
@dataclass(frozen=True)
class OpenVsClosed(Model):
    """A closed premium lab pricing against a free open model.

    Parameters
    ----------
    q_closed : float
        Quality of the closed model, ``> 0``.
    q_open : float
        Quality of the free open model, in ``[0, q_closed]``.
    catch_up_rate : float, optional
        Quality the open model gains per unit time (``> 0``); None for no
        catch-up (an endless window).
    cost : float
        Cost of serving one closed-model user, ``>= 0``.
    taste_max : float
        Users' taste for quality is uniform on ``[0, taste_max]``.
    market_size : float
        Number of users ``M > 0``.

    Examples
    --------
    >>> model = OpenVsClosed(q_closed=1.0, q_open=0.6, catch_up_rate=0.1)
    >>> cf = model.closed_form()
    >>> round(cf["price"], 4), round(cf["share"], 4), round(cf["profit"], 4)
    (0.2, 0.5, 0.1)
    >>> round(cf["window"], 4), round(cf["window_profit"], 4)
    (4.0, 0.2)
    """

    q_closed: float = 1.0
    q_open: float = 0.6
    catch_up_rate: float | None = None
    cost: float = 0.0
    taste_max: float = 1.0
    market_size: float = 1.0

    source = "Mussa & Rosen (1978); Shaked & Sutton (1982); Tirole (1988) 7.5.1"

    def validate(self) -> None:
        self._check_real("q_closed", low=0, low_open=True)
        self._check_real("q_open", low=0, high=self.q_closed)
        if self.catch_up_rate is not None:
            self._check_real("catch_up_rate", low=0, low_open=True)
        self._check_real("cost", low=0)
        self._check_real("taste_max", low=0, low_open=True)
        self._check_real("market_size", low=0, low_open=True)

    @property
    def lead(self) -> float:
        """The quality lead ``q_closed - q_open``."""
        return float(self.q_closed) - float(self.q_open)

    def demand(self, price: float) -> float:
        """Closed-model users at ``price``: those with taste at least
        ``price / lead`` (everyone else uses the free open model)."""
        top = float(self.taste_max)
        if self.lead <= 0:
            return 0.0 if price > 0 else float(self.market_size)
        cutoff = min(max(float(price) / self.lead, 0.0), top)
        return float(self.market_size) * (top - cutoff) / top

    def profit(self, price: float) -> float:
        """The closed lab's profit ``(price - cost) * demand(price)``."""
        return (float(price) - float(self.cost)) * self.demand(price)

    def game(self) -> ContinuousGame:
        """The closed lab alone choosing its price in ``[0, taste_max * q_closed]``
        (a one-player continuous game; the open model is free)."""
        high = float(self.taste_max) * float(self.q_closed)
        return ContinuousGame(
            [lambda prices: self.profit(prices[0])],
            bounds=[(0.0, high)],
            players=("closed lab",),
            title="Closed lab against a free open model",
        )

    def at_time(self, t: float) -> OpenVsClosed:
        """A copy at time ``t >= 0``: open quality ``q_open + catch_up_rate t``,
        capped at ``q_closed`` (unchanged without catch-up)."""
        check_real(t, "t", "OpenVsClosed.at_time", low=0)
        if self.catch_up_rate is None:
            return self
        q_open = min(float(self.q_open) + float(self.catch_up_rate) * t, self.q_closed)
        return self.replace(q_open=q_open)

    def closed_form(self) -> dict:
        """Price, share, profit and consumer surplus at the optimum, the price
        without an open model, and the innovation window and its profit
        (``inf`` without catch-up). See the module docstring for the formulas.

        When the lead cannot cover the serving cost (``taste_max * lead <=
        cost``) the closed lab sells nothing: price ``cost``, share 0.
        """
        top, c, M = float(self.taste_max), float(self.cost), float(self.market_size)
        lead = self.lead
        span = top * lead
        if span > c:
            price = (span + c) / 2
            share = (span - c) / (2 * span)
            profit = M * (span - c) ** 2 / (4 * span)
        else:
            price, share, profit = c, 0.0, 0.0
        cutoff = top * (1 - share)
        closed_surplus = float(self.q_closed) * (top**2 - cutoff**2) / 2 - price * (
            top - cutoff
        )
        open_surplus = float(self.q_open) * cutoff**2 / 2
        return {
            "lead": lead,
            "price": price,
            "share": share,
            "profit": profit,
            "consumer_surplus": M * (closed_surplus + open_surplus) / top,
            "price_without_open": (top * float(self.q_closed) + c) / 2,
            "window": self._window(),
            "window_profit": self._window_profit(),
        }

    def _window(self) -> float:
        if self.catch_up_rate is None:
            return math.inf
        floor = float(self.cost) / float(self.taste_max)
        return max(self.lead - floor, 0.0) / float(self.catch_up_rate)

    def _window_profit(self) -> float:
        if self.catch_up_rate is None:
            return math.inf
        top, c, g = float(self.taste_max), float(self.cost), float(self.catch_up_rate)
        lead, floor = self.lead, c / top
        if lead <= floor:
            return 0.0
        scale = float(self.market_size) / (4 * top * g)
        if c == 0:
            return scale * top**2 * lead**2 / 2
        return scale * (
            top**2 * (lead**2 - floor**2) / 2
            - 2 * top * c * (lead - floor)
            + c**2 * math.log(lead / floor)
        )


def _exact_or_float(values):
    if all(isinstance(v, numbers.Rational) for v in values):
        return tuple(Fraction(v) for v in values)
    return tuple(float(v) for v in values)


@register_model("openness_game")
@dataclass(frozen=True)
class OpennessGame(Model):
    """Two labs choose open or closed weights.

    Parameters
    ----------
    market : float
        ``M >= 0``: the value of all users, split in proportion to adoption
        weights.
    adoption_boost : float
        ``b >= 0``: open weights multiply a lab's adoption weight by ``1 + b``
        (free downloads, fine-tuning, local deployment).
    licensing : pair of float
        ``L_i >= 0``: licensing (API) revenue each lab keeps with closed
        weights when its rival is closed too.
    erosion : float
        ``e`` in ``[0, 1]``: the share of a closed lab's licensing revenue lost
        when the rival's open weights are a free substitute.
    community : float
        ``C``: talent and community contributions a lab gains by opening.
    spillover : float
        ``S``: what a lab gains from its rival's open weights (research it
        builds on), whatever it does itself.
    players : pair of str
        Labels, by default a US lab and a Chinese lab.

    Ints and Fractions give an exact game. The defaults are illustrative.

    Examples
    --------
    >>> import stratgame as sg
    >>> game = OpennessGame(licensing=(6, 2)).game()
    >>> [eq.support for eq in sg.solve(game, method="pure").equilibria]
    [(array([1]), array([0]))]
    >>> OpennessGame(licensing=(4, 4)).classify()
    'coordination'
    """

    market: float = 10
    adoption_boost: float = 1
    licensing: tuple = (6, 2)
    erosion: float = Fraction(1, 2)
    community: float = 1
    spillover: float = 1
    players: tuple = ("US lab", "China lab")

    source = "built here; Lerner & Tirole (2002) for open-source incentives"

    def validate(self) -> None:
        self._check_real("market", low=0)
        self._check_real("adoption_boost", low=0)
        if np.ndim(self.licensing) != 1 or len(self.licensing) != 2:
            raise InvalidParameterError(
                "The 'licensing' parameter of OpennessGame must be a pair of "
                f"non-negative numbers, one per lab. Got {self.licensing!r} instead."
            )
        for k, value in enumerate(self.licensing):
            check_real(value, f"licensing[{k}]", "OpennessGame", low=0)
        self._check_real("erosion", low=0, high=1)
        self._check_real("community")
        self._check_real("spillover")
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                "The 'players' parameter of OpennessGame must be two distinct "
                f"labels. Got {self.players!r} instead."
            )

    def _numbers(self):
        return _exact_or_float(
            (
                self.market,
                self.adoption_boost,
                *self.licensing,
                self.erosion,
                self.community,
                self.spillover,
            )
        )

    def payoff(self, lab: int, opens: bool, rival_opens: bool):
        """Lab ``lab``'s payoff when it opens or not and its rival does or not."""
        M, b, L0, L1, e, C, S = self._numbers()
        licensing = (L0, L1)[lab]
        own = 1 + b if opens else 1
        rival = 1 + b if rival_opens else 1
        value = M * own / (own + rival) + (S if rival_opens else 0)
        if opens:
            return value + C
        return value + (licensing * (1 - e) if rival_opens else licensing)

    @classmethod
    @vectorized
    def payoffs(cls, **arrays) -> np.ndarray:
        """The games of many parameter points at once: each numeric parameter
        a 1-D array over the points (``licensing`` an array ``(K, 2)``) or
        one value, the defaults filling the rest; payoffs ``(K, 2, 2, 2)`` in
        floats, equal to ``game()``'s at each point.

        Raises
        ------
        InvalidParameterError
            For ``players``, a parameter out of its range at some point, or
            when every parameter is exact (``game()`` is exact then).

        Examples
        --------
        >>> import numpy as np
        >>> U = OpennessGame.payoffs(erosion=np.array([0.0, 0.5, 1.0]))
        >>> U.shape, bool((U[2] == OpennessGame(erosion=1.0).game().payoff_arrays).all())
        ((3, 2, 2, 2), True)
        """
        p = payoff_parameters(
            cls,
            arrays,
            {
                "market": {"low": 0},
                "adoption_boost": {"low": 0},
                "licensing": {"low": 0},
                "erosion": {"low": 0, "high": 1},
                "community": {},
                "spillover": {},
            },
            shapes={"licensing": (2,)},
        )
        M, b, e = p["market"], p["adoption_boost"], p["erosion"]
        C, S, licensing = p["community"], p["spillover"], p["licensing"]

        def payoff(lab, opens, rival_opens):  # as payoff(), over arrays
            own = 1 + b if opens else 1
            rival = 1 + b if rival_opens else 1
            value = M * own / (own + rival) + (S if rival_opens else 0)
            if opens:
                return value + C
            L = licensing[:, lab]
            return value + (L * (1 - e) if rival_opens else L)

        flags = (True, False)
        A = [[payoff(0, x, y) for y in flags] for x in flags]
        B = [[payoff(1, y, x) for y in flags] for x in flags]
        return stack_bimatrices(A, B)

    def game(self) -> NormalFormGame:
        """The 2x2 game; actions ``("open", "closed")`` for both labs."""
        flags = (True, False)
        A = [[self.payoff(0, a, b) for b in flags] for a in flags]
        B = [[self.payoff(1, b, a) for b in flags] for a in flags]
        dtype = object if isinstance(A[0][0], Fraction) else float
        return NormalFormGame.from_bimatrix(
            np.array(A, dtype=dtype),
            np.array(B, dtype=dtype),
            players=tuple(self.players),
            actions=(_CHOICES, _CHOICES),
            title="Open or closed weights",
        )

    def classify(self) -> str:
        """The kind of game, from each lab's gains from opening:

        - ``"prisoner's dilemma"``: both labs have a strictly dominant choice
          and both prefer another outcome to the one it leads to;
        - ``"dominant strategies"``: both have one and the outcome is not
          Pareto-dominated;
        - ``"coordination"``: neither has one (each matches its rival);
        - ``"one-sided dominance"``: one lab has a dominant choice and the
          other follows its best reply to it (iterated dominance); with
          ``", Pareto-dominated"`` appended when both prefer another outcome;
        - ``"degenerate"``: a lab is indifferent against some rival choice.

        Unlike the general :func:`~stratgame.games.classification.classify_game`,
        a game is called a prisoner's dilemma only when *both* sides have a
        dominant strategy.

        Examples
        --------
        >>> OpennessGame(licensing=(2.5, 4)).classify()
        'one-sided dominance, Pareto-dominated'
        >>> OpennessGame(licensing=(8, 8), erosion=0, community=0,
        ...              spillover=10).classify()
        "prisoner's dilemma"
        """
        cf = self.closed_form()
        gains = (*cf["gain_vs_closed"], *cf["gain_vs_open"])
        if any(g == 0 for g in gains):
            return "degenerate"
        dominant = [
            o or c
            for o, c in zip(cf["open_dominant"], cf["closed_dominant"], strict=True)
        ]
        if not any(dominant):
            return "coordination"
        game = self.game()
        (profile,) = cf["pure_equilibria"]
        index = tuple(_CHOICES.index(a) for a in profile)
        here = [game.payoff_arrays[i][index] for i in (0, 1)]
        dominated = any(
            all(game.payoff_arrays[i][other] > here[i] for i in (0, 1))
            for other in np.ndindex(2, 2)
        )
        if all(dominant):
            return "prisoner's dilemma" if dominated else "dominant strategies"
        return "one-sided dominance" + (", Pareto-dominated" if dominated else "")

    def closed_form(self) -> dict:
        """The gains from opening and the thresholds on licensing revenue.

        Returns
        -------
        dict
            ``adoption_gain`` ``g_a = M b / (2 (2 + b))``; per lab (tuples)
            ``gain_vs_closed`` ``G^0_i``, ``gain_vs_open`` ``G^1_i``,
            ``open_dominant`` (``G^0_i > 0``), ``closed_dominant``
            (``G^1_i < 0``), ``open_below`` (licensing below which opening is
            dominant, ``g_a + C``) and ``closed_above`` (licensing above which
            closing is dominant, ``(g_a + C) / (1 - e)``; for ``e = 1``,
            ``-inf`` or ``inf`` by the sign of ``g_a + C``); and ``pure_equilibria``, the profiles (as action
            labels) in which each lab's choice is a best response by the sign
            of its gain.
        """
        M, b, L0, L1, e, C, _ = self._numbers()
        adoption = M * b / (2 * (2 + b))
        vs_closed = tuple(adoption + C - L for L in (L0, L1))
        vs_open = tuple(adoption + C - (1 - e) * L for L in (L0, L1))
        if e != 1:
            closed_above = (adoption + C) / (1 - e)
        else:  # licensing is lost anyway against an open rival
            closed_above = -math.inf if adoption + C < 0 else math.inf

        def best(lab: int, rival_opens: bool) -> set:
            gain = (vs_open if rival_opens else vs_closed)[lab]
            return {True} if gain > 0 else {False} if gain < 0 else {True, False}

        equilibria = [
            (_CHOICES[0 if a else 1], _CHOICES[0 if b_ else 1])
            for a in (True, False)
            for b_ in (True, False)
            if a in best(0, b_) and b_ in best(1, a)
        ]
        return {
            "adoption_gain": adoption,
            "gain_vs_closed": vs_closed,
            "gain_vs_open": vs_open,
            "open_dominant": tuple(g > 0 for g in vs_closed),
            "closed_dominant": tuple(g < 0 for g in vs_open),
            "open_below": adoption + C,
            "closed_above": closed_above,
            "pure_equilibria": equilibria,
        }
