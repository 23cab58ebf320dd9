r"""Platform competition: premium against low-cost platforms with network
effects, Cournot with network externalities, and two-sided pricing.

**PremiumVsLowCost** (Android against iPhone). Users with taste
:math:`\theta` uniform on :math:`[0, 1]` buy one unit from the premium
platform (quality :math:`q_h`, unit cost :math:`c_h`), the low-cost platform
(:math:`q_l < q_h`, :math:`c_l`) or nothing. Without network effects this is
the uncovered vertical duopoly of Choi & Shin (1992), "A comment on a model
of vertical product differentiation", *J. Ind. Econ.* 40 (see also Tirole
1988, sec. 7.5.1). Solving the two first-order conditions with costs
(derived here), with :math:`\Delta = q_h - q_l` and :math:`K = 4 q_h - q_l`,

.. math::

    p_h = \frac{q_h (2\Delta + 2c_h + c_l)}{K}, \qquad
    p_l = \frac{q_l \Delta + q_l c_h + 2 q_h c_l}{K},

with shares :math:`n_h = (p_h - c_h)/\Delta`,
:math:`n_l = (p_l - c_l) q_h / (\Delta q_l)`, unserved share
:math:`p_l / q_l`, profits :math:`\Delta n_h^2` and :math:`\Delta q_l n_l^2 /
q_h`; for zero costs, :math:`p_h = 2 q_h \Delta / K`,
:math:`p_l = q_l \Delta / K` and :math:`n_h = 2 n_l = 2 q_h / K`.

*Network effects* (after Katz & Shapiro 1985): a user of platform :math:`k`
also gets :math:`v n^e_k`, where :math:`n^e_k` is the platform's expected
share. Platforms set prices taking expectations as given, and expectations
are fulfilled. Given expectations the network benefit acts as a cost cut
:math:`v n^e_k`, so the shares are :math:`n = n^0 + v G n^e` with
:math:`n^0` the shares above and

.. math::

    G = \frac{1}{K \Delta}\begin{pmatrix} 2 q_h - q_l & -q_h \\
        -q_h & q_h (2 q_h - q_l) / q_l \end{pmatrix};

fulfilled expectations give :math:`n = (I - vG)^{-1} n^0` (derived here).
Each platform's network amplifies its own share, so a low-cost platform that
is close behind can overtake the premium one on share while the premium one
keeps the higher price; shares tie at
:math:`v^\dagger = K (n^0_h - n^0_l) / (2 q_h n^0_h / q_l - n^0_l)`.

**NetworkEffectsCournot**: Katz & Shapiro (1985), "Network externalities,
competition, and compatibility", *AER* 75(3), section II. Consumers' basic
willingness to pay :math:`r` has density 1 on :math:`(-\infty, A]`; a buyer
from firm :math:`i` gets :math:`r + v y^e_i - p_i`, where :math:`y^e_i` is
the expected network size: firm :math:`i`'s output if networks are
incompatible, total output if compatible. Then
:math:`p_i = A - z + v y^e_i`; firms choose quantities (Cournot) taking
expectations as given, and expectations are fulfilled. With linear network
benefits and unit cost :math:`c` the symmetric equilibrium outputs are

.. math::

    x = \frac{A - c}{n + 1 - v} \ \text{(incompatible)}, \qquad
    x = \frac{A - c}{n + 1 - n v} \ \text{(compatible)},

with profit :math:`x^2` per firm and consumer surplus :math:`z^2 / 2`:
compatibility raises output, profits and consumer surplus.

**TwoSidedPlatform**: Rochet & Tirole (2003), "Platform competition in
two-sided markets", *JEEA* 1(4), the monopoly platform: transactions
:math:`D_B(p_B) D_S(p_S)` at per-transaction prices :math:`p_B, p_S` and cost
:math:`c`, and price structure given by
:math:`p - c = p_B / \eta_B = p_S / \eta_S`. With linear demands
:math:`D_k = a_k - b_k p_k` (choke prices :math:`A_k = a_k / b_k`) this
gives (derived here) the margin :math:`m = (A_B + A_S - c)/3` and
:math:`p_k = A_k - m`, so the buyers' side is subsidized
(:math:`p_B < 0`) exactly when :math:`A_S > 2 A_B + c`; when prices cannot be
negative that side is free and the other pays :math:`(A_S + c)/2`.

**CompetingPlatforms**: Armstrong (2006), "Competition in two-sided
markets", *RAND J. Econ.* 37(3), section 4: two platforms at the ends of a
Hotelling line for each of two groups (transport costs :math:`t_1, t_2`),
single-homing, cross-group benefits :math:`\alpha_1, \alpha_2` per member of
the other group, and costs :math:`f_1, f_2` per member. The symmetric
equilibrium (Armstrong 2006, Prop. 2) has

.. math::

    p_1 = f_1 + t_1 - \alpha_2, \qquad p_2 = f_2 + t_2 - \alpha_1, \qquad
    \pi = \frac{t_1 + t_2 - \alpha_1 - \alpha_2}{2},

when :math:`4 t_1 t_2 > (\alpha_1 + \alpha_2)^2`: a group is charged less,
and subsidized when :math:`\alpha_j > f_i + t_i`, the more it benefits the
other group.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import ContinuousGame
from ._base import Model, register_model

__all__ = [
    "CompetingPlatforms",
    "NetworkEffectsCournot",
    "PremiumVsLowCost",
    "TwoSidedPlatform",
]


def _pair(model: Model, name: str, **limits) -> tuple[float, float]:
    value = getattr(model, name)
    owner = type(model).__name__
    if np.ndim(value) != 1 or len(value) != 2:
        raise InvalidParameterError(
            f"The {name!r} parameter of {owner} must be a pair of numbers, one per "
            f"group. Got {value!r} instead."
        )
    for k, v in enumerate(value):
        check_real(v, f"{name}[{k}]", owner, **limits)
    return float(value[0]), float(value[1])


@register_model("premium_vs_low_cost")
@dataclass(frozen=True)
class PremiumVsLowCost(Model):
    """A premium and a low-cost platform competing in prices, with network
    effects.

    Parameters
    ----------
    q_high, q_low : float
        Qualities, ``q_high > q_low > 0``.
    network_effect : float
        ``v >= 0``: what a user gains per unit of the platform's expected
        market share.
    cost_high, cost_low : float
        Unit costs, ``>= 0``.
    players : pair of str

    The defaults are illustrative: the premium platform has the better
    product and the higher cost.

    Examples
    --------
    >>> model = PremiumVsLowCost(q_high=1.0, q_low=0.5)
    >>> cf = model.closed_form()
    >>> [round(float(x), 4) for x in cf["prices"]], round(cf["unserved"], 4)
    ([0.2857, 0.0714], 0.1429)
    >>> m = PremiumVsLowCost(cost_high=0.2, network_effect=0.15)
    >>> bool(m.closed_form()["shares"][1] > m.closed_form()["shares"][0])
    True
    """

    q_high: float = 1.0
    q_low: float = 0.4
    network_effect: float = 0.0
    cost_high: float = 0.0
    cost_low: float = 0.0
    players: tuple = ("premium", "low cost")

    source = "Choi & Shin (1992); Katz & Shapiro (1985)"

    def validate(self) -> None:
        self._check_real("q_low", low=0, low_open=True)
        self._check_real("q_high", low=self.q_low, low_open=True)
        self._check_real("network_effect", low=0)
        self._check_real("cost_high", low=0)
        self._check_real("cost_low", low=0)
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                "The 'players' parameter of PremiumVsLowCost must be two distinct "
                f"labels. Got {self.players!r} instead."
            )

    def _constants(self):
        qh, ql = float(self.q_high), float(self.q_low)
        return qh, ql, qh - ql, 4 * qh - ql

    def demand(self, prices, expected_shares=(0.0, 0.0)) -> np.ndarray:
        """Market shares ``(n_high, n_low)`` at ``prices`` when users expect
        the shares ``expected_shares`` (consumers sorted by taste on
        ``[0, 1]``; exact for every price, covered market included)."""
        qh, ql, delta, _ = self._constants()
        v = float(self.network_effect)
        hedonic_h = float(prices[0]) - v * float(expected_shares[0])
        hedonic_l = float(prices[1]) - v * float(expected_shares[1])
        high_over_low = (hedonic_h - hedonic_l) / delta
        low_over_none = hedonic_l / ql
        if low_over_none < high_over_low:
            top = min(max(high_over_low, 0.0), 1.0)
            return np.array([1 - top, top - min(max(low_over_none, 0.0), 1.0)])
        return np.array([1 - min(max(hedonic_h / qh, 0.0), 1.0), 0.0])

    def profits(self, prices, expected_shares=(0.0, 0.0)) -> np.ndarray:
        """``(p_k - c_k) n_k`` for both platforms."""
        margins = np.asarray(prices, float) - [self.cost_high, self.cost_low]
        return margins * self.demand(prices, expected_shares)

    def game(self, expected_shares=None) -> ContinuousGame:
        """The price game given users' expectations; by default the
        fulfilled-expectations shares of :meth:`closed_form`, so that its
        equilibrium is the closed-form one. Prices lie in ``[0, q_k + v]``
        (above it nobody buys)."""
        if expected_shares is None:
            expected_shares = (
                self.closed_form()["shares"] if self.network_effect else np.zeros(2)
            )
        expected = tuple(float(s) for s in expected_shares)
        v = float(self.network_effect)
        return ContinuousGame(
            lambda prices: self.profits(prices, expected),
            bounds=[(0.0, float(self.q_high) + v), (0.0, float(self.q_low) + v)],
            players=tuple(self.players),
            title="Premium vs low-cost platform",
        )

    def _base_shares(self) -> np.ndarray:
        qh, ql, delta, K = self._constants()
        ch, cl = float(self.cost_high), float(self.cost_low)
        margin_h = (2 * qh * delta - (2 * qh - ql) * ch + qh * cl) / K
        margin_l = (ql * delta + ql * ch - (2 * qh - ql) * cl) / K
        return np.array([margin_h / delta, margin_l * qh / (delta * ql)])

    def feedback_matrix(self) -> np.ndarray:
        """``G``: how expected shares move shares, per unit of network effect."""
        qh, ql, delta, K = self._constants()
        return np.array([[2 * qh - ql, -qh], [-qh, qh * (2 * qh - ql) / ql]]) / (
            K * delta
        )

    def share_parity_network_effect(self) -> float | None:
        """The network effect ``v`` at which the two shares are equal by the
        interior formula (None when no positive one exists); it holds only
        where :meth:`closed_form` reports ``interior``."""
        qh, ql, _, K = self._constants()
        nh, nl = self._base_shares()
        denominator = 2 * qh * nh / ql - nl
        if denominator == 0:
            return None
        v = K * (nh - nl) / denominator
        return float(v) if v > 0 else None

    def closed_form(self) -> dict:
        """Prices, shares, unserved share, profits and the stability of
        expectations in the fulfilled-expectations equilibrium.

        Where the interior formula breaks down -- costs or network effects
        tip the market to one platform, or serve every user -- the
        equilibrium is computed instead (:meth:`boundary_equilibrium`) and
        flagged.

        Returns
        -------
        dict
            ``prices``, ``shares``, ``profits`` (arrays: premium, low cost),
            ``unserved``, ``share_leader`` (a player label),
            ``expectations_stable`` (the spectral radius of ``v G`` is below
            1, so adaptive expectations return to the equilibrium),
            ``regime`` (``"interior"``, ``"covered"``, ``"premium only"`` or
            ``"low cost only"``), ``interior`` (the formulas hold) and
            ``tipped`` (one platform has no users).

        Examples
        --------
        A strong network effect: the formulas would give shares summing to
        more than 1; the computed equilibrium serves everyone, and a very
        strong one tips the market to the premium platform.

        >>> cf = PremiumVsLowCost(cost_high=0.2, network_effect=0.4).closed_form()
        >>> cf["regime"], cf["interior"], round(cf["unserved"], 6)
        ('covered', False, 0.0)
        >>> PremiumVsLowCost(cost_high=0.2, network_effect=1.0).closed_form()["regime"]
        'premium only'
        """
        qh, ql, delta, _ = self._constants()
        v = float(self.network_effect)
        feedback = v * self.feedback_matrix()
        system = np.eye(2) - feedback
        shares = (
            np.linalg.solve(system, self._base_shares())
            if abs(np.linalg.det(system)) > 1e-12
            else np.full(2, np.nan)
        )
        stable = bool(np.max(np.abs(np.linalg.eigvals(feedback))) < 1)
        margins = np.array([delta * shares[0], delta * ql * shares[1] / qh])
        prices = margins + np.array([self.cost_high, self.cost_low], float)
        unserved = 1 - shares.sum()
        if not (np.all(shares > 0) and unserved >= 0):
            return {**self.boundary_equilibrium(), "expectations_stable": stable}
        return {
            "prices": prices,
            "shares": shares,
            "profits": margins * shares,
            "unserved": float(unserved),
            "share_leader": self.players[int(shares[1] > shares[0])],
            "expectations_stable": stable,
            "regime": "interior",
            "interior": True,
            "tipped": False,
        }

    def _profit_grid(self, k: int, own, rival: float, expected) -> np.ndarray:
        """Platform ``k``'s profit at each of its prices ``own`` (vectorized
        :meth:`demand`)."""
        qh, ql, delta, _ = self._constants()
        v = float(self.network_effect)
        own = np.asarray(own, float)
        ph, pl = (
            (own, np.full_like(own, rival))
            if k == 0
            else (
                np.full_like(own, rival),
                own,
            )
        )
        hedonic_h = ph - v * expected[0]
        hedonic_l = pl - v * expected[1]
        top_raw = (hedonic_h - hedonic_l) / delta
        bottom_raw = hedonic_l / ql
        split = bottom_raw < top_raw
        top = np.clip(top_raw, 0.0, 1.0)
        bottom = np.clip(bottom_raw, 0.0, 1.0)
        n_h = np.where(split, 1 - top, 1 - np.clip(hedonic_h / qh, 0.0, 1.0))
        n_l = np.where(split, top - bottom, 0.0)
        cost = (self.cost_high, self.cost_low)[k]
        return (own - cost) * (n_h if k == 0 else n_l)

    def _best_price(self, k: int, rival: float, expected) -> float:
        """Platform ``k``'s profit-maximizing price (grid, then refined),
        never below its unit cost: a platform that cannot sell at a margin
        prices at cost."""
        cost = float((self.cost_high, self.cost_low)[k])
        upper = (float(self.q_high), float(self.q_low))[k] + float(self.network_effect)
        grid = np.linspace(cost, max(upper, cost), 2001)
        for _ in range(3):  # zoom in twice around the best grid point
            values = self._profit_grid(k, grid, rival, expected)
            best = int(np.argmax(values))
            low = grid[max(best - 1, 0)]
            high = grid[min(best + 1, len(grid) - 1)]
            grid = np.linspace(low, high, 201)
        values = self._profit_grid(k, grid, rival, expected)
        return float(grid[int(np.argmax(values))])

    def boundary_equilibrium(self, max_iter: int = 2000, tol: float = 1e-9) -> dict:
        """The fulfilled-expectations equilibrium computed from the demand
        system itself, valid where the interior formulas are not.

        Expectations start from the shares without network effects; given
        expectations the platforms' prices are found by best-response
        iteration (each best response maximizes the exact piecewise-quadratic
        profit on a grid refined twice), and expectations move halfway to
        the resulting shares until they are fulfilled.

        Returns
        -------
        dict
            As :meth:`closed_form`, with ``interior`` False (``regime`` says
            which platform, if any, is left without users).

        Raises
        ------
        InvalidParameterError
            When expectations do not settle within ``max_iter`` rounds.

        Examples
        --------
        The premium platform's cost is too high for it to sell at all:

        >>> cf = PremiumVsLowCost(q_high=1.0, q_low=0.5, cost_high=0.9).closed_form()
        >>> cf["regime"], cf["shares"].round(3).tolist()
        ('low cost only', [0.0, 0.5])
        """
        expected = np.clip(self._base_shares(), 0.0, 1.0)
        prices = np.array([self.cost_high, self.cost_low], float) + 0.1
        settled = False
        for _ in range(max_iter):
            for _ in range(200):
                new = np.array(
                    [
                        self._best_price(0, prices[1], expected),
                        self._best_price(1, prices[0], expected),
                    ]
                )
                done = np.max(np.abs(new - prices)) < tol
                prices = new
                if done:
                    break
            shares = self.demand(prices, expected)
            if np.max(np.abs(shares - expected)) < 1e-7:
                settled = True
                break
            expected = 0.5 * expected + 0.5 * shares
        if not settled:
            raise InvalidParameterError(
                "PremiumVsLowCost: users' expectations do not settle at q_high="
                f"{self.q_high!r}, q_low={self.q_low!r}, network_effect="
                f"{self.network_effect!r} within {max_iter} rounds; the market "
                "has no stable fulfilled-expectations equilibrium there."
            )
        shares = np.where(shares < 1e-9, 0.0, shares)
        margins = prices - np.array([self.cost_high, self.cost_low], float)
        if shares[0] == 0:
            regime = "low cost only"
        elif shares[1] == 0:
            regime = "premium only"
        else:
            regime = "covered"
        return {
            "prices": prices,
            "shares": shares,
            "profits": margins * shares,
            "unserved": float(max(1 - shares.sum(), 0.0)),
            "share_leader": self.players[int(shares[1] > shares[0])],
            "regime": regime,
            "interior": False,
            "tipped": bool(np.any(shares == 0)),
        }


@register_model("network_effects_cournot")
@dataclass(frozen=True)
class NetworkEffectsCournot(Model):
    """Katz & Shapiro (1985): Cournot competition with network externalities
    and fulfilled expectations.

    Parameters
    ----------
    A : float
        The highest basic willingness to pay, ``A > cost``.
    n_firms : int
        Number of firms, ``>= 1``.
    v : float
        Network benefit per unit of network size, in ``[0, 1)``.
    cost : float
        Unit cost, ``>= 0``.
    compatible : bool
        True: one network of all firms' users; False: each firm's own.

    Examples
    --------
    >>> ks = NetworkEffectsCournot(A=10, n_firms=2, v=0.5)
    >>> ks.closed_form()["output"], ks.replace(compatible=True).closed_form()["output"]
    (4.0, 5.0)
    """

    A: float = 10.0
    n_firms: int = 2
    v: float = 0.5
    cost: float = 0.0
    compatible: bool = False

    source = "Katz & Shapiro (1985), AER 75(3)"

    def validate(self) -> None:
        check_integer(self.n_firms, "n_firms", "NetworkEffectsCournot", low=1)
        self._check_real("v", low=0, high=1, high_open=True)
        self._check_real("cost", low=0)
        self._check_real("A", low=self.cost, low_open=True)
        if not isinstance(self.compatible, bool):
            raise InvalidParameterError(
                "The 'compatible' parameter of NetworkEffectsCournot must be True "
                f"or False. Got {self.compatible!r} instead."
            )

    def network_sizes(self, outputs) -> np.ndarray:
        """Each firm's network: its own output, or total output if compatible."""
        outputs = np.asarray(outputs, float)
        if self.compatible:
            return np.full(self.n_firms, outputs.sum())
        return outputs

    def profits(self, outputs, expected_sizes) -> np.ndarray:
        """``x_i (A - z + v y^e_i - cost)`` for every firm."""
        outputs = np.asarray(outputs, float)
        prices = self.A - outputs.sum() + self.v * np.asarray(expected_sizes, float)
        return outputs * (prices - self.cost)

    def cournot_outputs(self, expected_sizes) -> np.ndarray:
        """The Cournot outputs when consumers expect the network sizes
        ``expected_sizes``: firms with intercepts ``a_i = A - cost + v y^e_i``
        above ``z = sum of active a / (m + 1)`` produce ``a_i - z``."""
        intercepts = self.A - self.cost + self.v * np.asarray(expected_sizes, float)
        order = np.argsort(-intercepts)
        active = 1
        while active < self.n_firms and intercepts[order[active]] > intercepts[
            order[: active + 1]
        ].sum() / (active + 2):
            active += 1
        total = intercepts[order[:active]].sum() / (active + 1)
        return np.maximum(intercepts - total, 0.0)

    def game(self, expected_sizes=None) -> ContinuousGame:
        """Quantity competition with consumers' expectations held fixed; by
        default at the fulfilled-expectations network sizes, so that the
        Cournot equilibrium reproduces them."""
        if expected_sizes is None:
            expected_sizes = np.full(self.n_firms, self.closed_form()["network_size"])
        expected = np.asarray(expected_sizes, float)
        high = float(self.A - self.cost + self.v * expected.max())
        return ContinuousGame(
            lambda outputs: self.profits(outputs, expected),
            bounds=[(0.0, high)] * self.n_firms,
            players=tuple(f"firm {k + 1}" for k in range(self.n_firms)),
            symmetric=bool(np.all(expected == expected[0])),
            title="Cournot with network effects"
            + (" (compatible)" if self.compatible else " (incompatible)"),
        )

    def closed_form(self) -> dict:
        """Output per firm, total output, price, profit per firm, network
        size, consumer and total surplus in the symmetric equilibrium."""
        n = self.n_firms
        slope = n * self.v if self.compatible else self.v
        output = float(self.A - self.cost) / (n + 1 - slope)
        total = n * output
        size = total if self.compatible else output
        price = float(self.A) - total + self.v * size
        return {
            "output": output,
            "total_output": total,
            "price": price,
            "profit": output**2,
            "network_size": size,
            "consumer_surplus": total**2 / 2,
            "total_surplus": total**2 / 2 + n * output**2,
        }


@register_model("two_sided_platform")
@dataclass(frozen=True)
class TwoSidedPlatform(Model):
    """A monopoly platform charging per transaction to buyers and sellers
    (Rochet & Tirole 2003) with linear demands ``D_k = a_k - b_k p_k``.

    Parameters
    ----------
    a_buyers, b_buyers, a_sellers, b_sellers : float
        Demand intercepts and slopes, all ``> 0``.
    cost : float
        The platform's cost per transaction, ``>= 0``, below the sum of the
        choke prices ``a_k / b_k``.
    allow_subsidies : bool
        Whether a side may be paid to take part (negative price).

    Examples
    --------
    >>> cf = TwoSidedPlatform(a_buyers=1, a_sellers=4).closed_form()
    >>> [round(float(p), 4) for p in cf["prices"]], cf["subsidized_side"]
    ([-0.6667, 2.3333], 'buyers')
    >>> TwoSidedPlatform(a_buyers=1, a_sellers=4,
    ...                  allow_subsidies=False).closed_form()["prices"]
    array([0., 2.])
    """

    a_buyers: float = 1.0
    b_buyers: float = 1.0
    a_sellers: float = 1.0
    b_sellers: float = 1.0
    cost: float = 0.0
    allow_subsidies: bool = True

    source = "Rochet & Tirole (2003), JEEA 1(4)"

    def validate(self) -> None:
        for name in ("a_buyers", "b_buyers", "a_sellers", "b_sellers"):
            self._check_real(name, low=0, low_open=True)
        self._check_real("cost", low=0)
        if not isinstance(self.allow_subsidies, bool):
            raise InvalidParameterError(
                "The 'allow_subsidies' parameter of TwoSidedPlatform must be True "
                f"or False. Got {self.allow_subsidies!r} instead."
            )
        if not sum(self.chokes) > self.cost:
            raise InvalidParameterError(
                "TwoSidedPlatform needs a cost per transaction below the sum of "
                f"the choke prices {sum(self.chokes)!r}; got cost={self.cost!r}."
            )

    @property
    def chokes(self) -> tuple[float, float]:
        """Choke prices ``a_k / b_k`` of buyers and sellers."""
        return (
            float(self.a_buyers) / float(self.b_buyers),
            float(self.a_sellers) / float(self.b_sellers),
        )

    def volume(self, prices) -> float:
        """Transactions ``D_B(p_B) D_S(p_S)`` (each demand at least 0)."""
        buyers = max(float(self.a_buyers) - float(self.b_buyers) * prices[0], 0.0)
        sellers = max(float(self.a_sellers) - float(self.b_sellers) * prices[1], 0.0)
        return buyers * sellers

    def profit(self, prices) -> float:
        """``(p_B + p_S - cost) D_B D_S``."""
        return (float(prices[0]) + float(prices[1]) - self.cost) * self.volume(prices)

    def game(self) -> ContinuousGame:
        """The platform alone choosing ``(p_B, p_S)`` in a box: each price up
        to its choke price, and down to ``-(A_B + A_S)/2`` with subsidies
        (0 without)."""
        chokes = self.chokes
        low = -sum(chokes) / 2 if self.allow_subsidies else 0.0
        return ContinuousGame(
            [lambda actions: self.profit(actions[0])],
            bounds=[[(low, chokes[0]), (low, chokes[1])]],
            players=("platform",),
            title="Two-sided monopoly platform",
        )

    def closed_form(self) -> dict:
        """Prices, total price, margin, volume, profit and which side (if
        any) is subsidized or free; see the module docstring."""
        A = np.array(self.chokes)
        c = float(self.cost)
        margin = (A.sum() - c) / 3
        prices = A - margin
        subsidized = [k for k in (0, 1) if prices[k] < 0]
        side = ("buyers", "sellers")
        if subsidized and not self.allow_subsidies:
            free = subsidized[0]
            prices[free] = 0.0
            prices[1 - free] = (A[1 - free] + c) / 2
            margin = prices.sum() - c
        volume = self.volume(prices)
        return {
            "prices": prices,
            "total_price": float(prices.sum()),
            "margin": float(margin),
            "volume": volume,
            "profit": float(margin * volume),
            "subsidized_side": side[subsidized[0]]
            if subsidized and self.allow_subsidies
            else None,
            "free_side": side[subsidized[0]]
            if subsidized and not self.allow_subsidies
            else None,
        }


def _clipped_shares(
    slopes: tuple[float, float], offsets: tuple[float, float]
) -> tuple[float, float]:
    """Solve ``x = clip(s0 y + o0)``, ``y = clip(s1 x + o1)`` on
    ``[-1/2, 1/2]`` (a contraction when ``|s0 s1| < 1``) by trying which of
    the two is clipped, and where."""
    (s0, s1), (o0, o1) = slopes, offsets
    for fix_x, fix_y in product((None, -0.5, 0.5), repeat=2):
        if fix_x is None and fix_y is None:
            x = (s0 * o1 + o0) / (1 - s0 * s1)
            y = s1 * x + o1
        elif fix_x is None:
            y = fix_y
            x = s0 * y + o0
        elif fix_y is None:
            x = fix_x
            y = s1 * x + o1
        else:
            x, y = fix_x, fix_y
        raw_x, raw_y = s0 * y + o0, s1 * x + o1

        def consistent(fixed, value, raw):
            if fixed is None:
                return -0.5 <= value <= 0.5
            return raw <= -0.5 if fixed < 0 else raw >= 0.5

        if consistent(fix_x, x, raw_x) and consistent(fix_y, y, raw_y):
            return x, y
    raise AssertionError("a contraction has a fixed point")  # pragma: no cover


@register_model("competing_platforms")
@dataclass(frozen=True)
class CompetingPlatforms(Model):
    """Two platforms, two groups of single-homing users on Hotelling lines,
    cross-group externalities (Armstrong 2006, section 4).

    Parameters
    ----------
    t : pair of float
        Transport (differentiation) costs ``t_1, t_2 > 0`` of the groups.
    alpha : pair of float
        ``alpha_i``: what a group-``i`` member gains per member of the other
        group on its platform.
    f : pair of float
        The platforms' cost per member of each group, ``>= 0``.

    Examples
    --------
    >>> cf = CompetingPlatforms(t=(1, 1), alpha=(0.5, 1.2)).closed_form()
    >>> cf["prices"].round(4).tolist(), round(cf["profit"], 4), cf["subsidized_group"]
    ([-0.2, 0.5], 0.15, 1)
    """

    t: tuple = (1.0, 1.0)
    alpha: tuple = (0.5, 0.5)
    f: tuple = (0.0, 0.0)

    source = "Armstrong (2006), RAND J. Econ. 37(3)"

    def validate(self) -> None:
        t = _pair(self, "t", low=0, low_open=True)
        alpha = _pair(self, "alpha")
        _pair(self, "f", low=0)
        if not 4 * t[0] * t[1] > (alpha[0] + alpha[1]) ** 2:
            raise InvalidParameterError(
                "CompetingPlatforms needs 4 t_1 t_2 > (alpha_1 + alpha_2)^2 for a "
                f"market-sharing equilibrium (Armstrong 2006); got t={self.t!r}, "
                f"alpha={self.alpha!r}."
            )

    def _floats(self, name: str) -> tuple[float, float]:
        first, second = getattr(self, name)
        return float(first), float(second)

    def shares(self, prices_a, prices_b) -> np.ndarray:
        """Platform A's shares of group 1 and group 2 when platform A charges
        ``prices_a`` and B charges ``prices_b``: the solution of
        ``n_i = 1/2 + (alpha_i (2 n_j - 1) - (p_i^A - p_i^B)) / (2 t_i)``
        with shares in ``[0, 1]`` (tipping included)."""
        (t1, t2), (a1, a2) = self._floats("t"), self._floats("alpha")
        d1 = float(prices_a[0]) - float(prices_b[0])
        d2 = float(prices_a[1]) - float(prices_b[1])
        x, y = _clipped_shares((a1 / t1, a2 / t2), (-d1 / (2 * t1), -d2 / (2 * t2)))
        return np.array([0.5 + x, 0.5 + y])

    def profits(self, actions) -> np.ndarray:
        """Both platforms' profits when A charges ``actions[0]`` and B
        ``actions[1]`` (each a pair of prices for groups 1 and 2)."""
        a, b = (np.asarray(p, float) for p in actions)
        f = np.array(self._floats("f"))
        share_a = self.shares(a, b)
        return np.array([(a - f) @ share_a, (b - f) @ (1 - share_a)])

    def game(self) -> ContinuousGame:
        """Each platform chooses its price for group ``i`` in
        ``[f_i - |alpha_1| - |alpha_2|, f_i + 2 t_i + |alpha_1| + |alpha_2|]``.

        Shares are interior only within ``t_i + |alpha_i|`` of the rival's
        price for group ``i``, so against any price ``f_i + t_i +- |alpha_j|``
        (the range of equilibrium prices) every deviation that can pay lies in
        the box.
        """
        t, alpha, f = self._floats("t"), self._floats("alpha"), self._floats("f")
        spread = abs(alpha[0]) + abs(alpha[1])
        box = [(f[k] - spread, f[k] + 2 * t[k] + spread) for k in (0, 1)]
        return ContinuousGame(
            lambda actions: self.profits(actions),
            bounds=[box, box],
            players=("platform A", "platform B"),
            symmetric=True,
            title="Competing two-sided platforms",
        )

    def closed_form(self) -> dict:
        """Armstrong's symmetric equilibrium: prices per group, profit per
        platform, and the group that is subsidized (negative price), if any."""
        (t1, t2), (a1, a2), (f1, f2) = (
            self._floats("t"),
            self._floats("alpha"),
            self._floats("f"),
        )
        prices = np.array([f1 + t1 - a2, f2 + t2 - a1])
        subsidized = [k + 1 for k in (0, 1) if prices[k] < 0]
        return {
            "prices": prices,
            "profit": (t1 + t2 - a1 - a2) / 2,
            "shares": np.array([0.5, 0.5]),
            "subsidized_group": subsidized[0] if subsidized else None,
        }
