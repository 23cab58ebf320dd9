r"""Strategic trade policy: Brander & Spencer, "Export subsidies and
international market share rivalry", *Journal of International Economics* 18
(1985) 83-100, with rival-cost raising (export controls) and Stackelberg
leadership.

A home and a foreign firm sell only in a third market with inverse demand
:math:`P = a - b(x_h + x_f)` and constant unit costs :math:`c_h, c_f`. First
the home government sets its policy, then the firms compete in quantities
(Cournot). Home welfare is the home firm's profit net of policy costs
(consumers are abroad).

*Export subsidy* :math:`\sigma` per unit: the Cournot outputs are
:math:`x_h = (A + 2\sigma)/(3b)`, :math:`x_f = (a - 2c_f + c_h - \sigma)/(3b)`
with :math:`A = a - 2c_h + c_f`, and home welfare
:math:`(P - c_h) x_h` is maximized at

.. math::

    \sigma^* = \frac{A}{4}, \qquad
    x_h^* = \frac{A}{2b}, \qquad W^* = \frac{A^2}{8b},

which moves the home firm to its Stackelberg-leader output (Brander &
Spencer 1985, Prop. 1; the symmetric case gives :math:`(a - c)/4`).
Free trade gives :math:`W = A^2/(9b)`. The formula needs the rival to
survive the subsidy, :math:`A/4 < m` with :math:`m = a - 2c_f + c_h`.
Otherwise (derived here) welfare :math:`(A - \sigma)(A + 2\sigma)/(9b)`
still rises up to :math:`\sigma = m`, where the rival's output reaches 0,
and beyond it the home firm is a monopolist producing
:math:`(a - c_h + \sigma)/(2b)`, above the monopoly output, so welfare falls:
the optimum is the limit subsidy :math:`\sigma^* = m`, with
:math:`x_h^* = (a - c_f)/b` (price :math:`c_f`) and
:math:`W^* = (c_f - c_h)(a - c_f)/b`.

*Export controls* raise the rival's unit cost by :math:`\tau` at a policy
cost :math:`\kappa\tau^2/2` (enforcement, lost sales of inputs). Home welfare
:math:`(A + \tau)^2/(9b) - \kappa\tau^2/2` is maximized at
:math:`\tau^* = 2A/(9b\kappa - 2)` when :math:`9b\kappa > 2` and the rival
still produces (derived here from the Cournot outputs). The rival exits at
:math:`\bar\tau = m/2`; beyond it home is a monopolist and welfare only falls
with the policy cost, so the optimum over :math:`[0, \bar\tau]` is the best
of :math:`\tau^*` (when interior and :math:`9b\kappa > 2`), 0 and the
*exclusion* policy :math:`\bar\tau`, which drives the rival out
(``rival_exits`` in the closed form).

*Stackelberg leadership* (the home firm commits first):
:math:`x_h = A/(2b)`, :math:`x_f = (a + 2c_h - 3c_f)/(4b)`; when that
follower output would be negative (the same condition :math:`A/4 \ge m`)
the leader instead produces the limit quantity :math:`(a - c_f)/b` that
just keeps the follower out -- the subsidy optimum again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._validation import check_choice, check_real
from ..exceptions import InvalidParameterError
from ..games import ContinuousDecision, SequentialGame, SimultaneousMove, Terminal
from ._base import Model, register_model

__all__ = ["StrategicTradePolicy"]

_PLAYERS = ("home government", "home firm", "foreign firm")


@register_model("strategic_trade_policy")
@dataclass(frozen=True)
class StrategicTradePolicy(Model):
    """Export subsidies or export controls before Cournot competition.

    Parameters
    ----------
    a : float
        Demand intercept, ``a > 0``.
    b : float
        Demand slope, ``b > 0``.
    cost_home, cost_foreign : float
        Unit costs in ``[0, a)``; both firms must produce under free trade
        (``a - 2 c_h + c_f > 0`` and ``a - 2 c_f + c_h > 0``).
    instrument : str
        ``"subsidy"`` (Brander-Spencer) or ``"export_control"``.
    control_cost : float
        ``kappa > 0``, the cost ``kappa tau^2 / 2`` of raising the rival's
        cost by ``tau`` (export controls only).

    Examples
    --------
    >>> policy = StrategicTradePolicy(a=10, b=1, cost_home=2, cost_foreign=2)
    >>> policy.closed_form()["policy"]
    2.0
    >>> policy.closed_form()["home_output"] == policy.stackelberg_closed_form()[
    ...     "leader_output"]
    True
    """

    a: float = 10.0
    b: float = 1.0
    cost_home: float = 2.0
    cost_foreign: float = 2.0
    instrument: str = "subsidy"
    control_cost: float = 1.0

    source = "Brander & Spencer (1985), J. Int. Econ. 18"

    def validate(self) -> None:
        self._check_real("a", low=0, low_open=True)
        self._check_real("b", low=0, low_open=True)
        self._check_real("cost_home", low=0, high=self.a, high_open=True)
        self._check_real("cost_foreign", low=0, high=self.a, high_open=True)
        check_choice(
            self.instrument,
            "instrument",
            "StrategicTradePolicy",
            ["subsidy", "export_control"],
        )
        self._check_real("control_cost", low=0, low_open=True)
        if self._advantage() <= 0 or self._rival_margin() <= 0:
            raise InvalidParameterError(
                "StrategicTradePolicy needs both firms active under free trade: "
                "a - 2 cost_home + cost_foreign > 0 and a - 2 cost_foreign + "
                f"cost_home > 0; got a={self.a!r}, cost_home={self.cost_home!r}, "
                f"cost_foreign={self.cost_foreign!r}."
            )

    def _advantage(self) -> float:
        return float(self.a - 2 * self.cost_home + self.cost_foreign)

    def _rival_margin(self) -> float:
        return float(self.a - 2 * self.cost_foreign + self.cost_home)

    def policy_bounds(self) -> tuple[float, float]:
        """The government's policy range: subsidies in ``[0, (a - c_h)/2]``;
        cost increases in ``[0, (a - 2 c_f + c_h)/2]`` (beyond it the rival
        exits)."""
        if self.instrument == "subsidy":
            return 0.0, float(self.a - self.cost_home) / 2
        return 0.0, self._rival_margin() / 2

    def _market(self, policy: float):
        """Per-unit costs of the two firms and the policy cost under ``policy``."""
        if self.instrument == "subsidy":
            return self.cost_home - policy, self.cost_foreign
        return self.cost_home, self.cost_foreign + policy

    def _outcome(self, policy: float, x_home: float, x_foreign: float) -> Terminal:
        price = self.a - self.b * (x_home + x_foreign)
        unit_home, unit_foreign = self._market(policy)
        profit_home = (price - unit_home) * x_home
        profit_foreign = (price - unit_foreign) * x_foreign
        if self.instrument == "subsidy":
            welfare = profit_home - policy * x_home
        else:
            welfare = profit_home - self.control_cost * policy**2 / 2
        return Terminal((welfare, profit_home, profit_foreign))

    def game(self) -> SequentialGame:
        """Two stages: the government picks its policy, then the firms pick
        quantities in ``[0, a/b]`` simultaneously."""
        q_max = float(self.a) / self.b

        def cournot(policy: float) -> SimultaneousMove:
            return SimultaneousMove(
                players=(1, 2),
                bounds=((0.0, q_max), (0.0, q_max)),
                child=lambda x: self._outcome(policy, x[0], x[1]),
            )

        return SequentialGame(
            ContinuousDecision(0, self.policy_bounds(), cournot),
            players=_PLAYERS,
            title=f"Strategic trade policy ({self.instrument})",
        )

    def stackelberg_game(self) -> SequentialGame:
        """Free trade with the home firm choosing its quantity first."""
        q_max = float(self.a) / self.b

        def follower(x_home: float) -> ContinuousDecision:
            return ContinuousDecision(
                1, (0.0, q_max), lambda x_f: self._free_trade(x_home, x_f)
            )

        return SequentialGame(
            ContinuousDecision(0, (0.0, q_max), follower),
            players=("home firm", "foreign firm"),
            title="Stackelberg duopoly",
        )

    def _free_trade(self, x_home: float, x_foreign: float) -> Terminal:
        price = self.a - self.b * (x_home + x_foreign)
        return Terminal(
            ((price - self.cost_home) * x_home, (price - self.cost_foreign) * x_foreign)
        )

    def cournot_outputs(self, policy: float = 0.0) -> tuple[float, float]:
        """The Cournot outputs after ``policy`` (both firms active)."""
        check_real(policy, "policy", "StrategicTradePolicy.cournot_outputs", low=0)
        unit_home, unit_foreign = self._market(policy)
        return (
            float(self.a - 2 * unit_home + unit_foreign) / (3 * self.b),
            float(self.a - 2 * unit_foreign + unit_home) / (3 * self.b),
        )

    def closed_form(self) -> dict:
        """Optimal policy, outputs, price and home welfare, and the free-trade
        benchmark (see the module docstring for the formulas).

        ``rival_exits`` is True when the optimal policy drives the foreign
        firm out (its output 0): the limit subsidy, or export controls at
        the exclusion level ``(a - 2 c_f + c_h) / 2``.

        Examples
        --------
        A large cost advantage: the optimal subsidy is the limit subsidy
        ``a - 2 c_f + c_h`` that just drives the rival out.

        >>> cf = StrategicTradePolicy(a=10, cost_home=0, cost_foreign=4).closed_form()
        >>> cf["policy"], cf["home_output"], cf["foreign_output"], cf["home_welfare"]
        (2.0, 6.0, 0.0, 24.0)

        Cheap export controls drive the rival out:

        >>> cf = StrategicTradePolicy(instrument="export_control",
        ...                           control_cost=0.2).closed_form()
        >>> cf["policy"], cf["foreign_output"], cf["rival_exits"]
        (4.0, 0.0, True)
        """
        A, b = self._advantage(), float(self.b)
        if self.instrument == "subsidy":
            # interior optimum A/4 unless it would drive the rival out
            policy = min(A / 4, self._rival_margin())
        else:
            exclusion = self.policy_bounds()[1]
            candidates = [0.0, exclusion]
            denominator = 9 * b * self.control_cost - 2
            if denominator > 0 and 2 * A / denominator < exclusion:
                candidates.append(2 * A / denominator)
            policy = max(
                candidates,
                key=lambda t: self._outcome(t, *self.cournot_outputs(t)).payoffs[0],
            )
        x_home, x_foreign = self.cournot_outputs(policy)
        free_home, free_foreign = self.cournot_outputs(0.0)
        welfare = self._outcome(policy, x_home, x_foreign).payoffs[0]
        return {
            "policy": policy,
            "home_output": x_home,
            "foreign_output": x_foreign,
            "price": float(self.a) - b * (x_home + x_foreign),
            "home_welfare": welfare,
            "free_trade_home_output": free_home,
            "free_trade_foreign_output": free_foreign,
            "free_trade_welfare": A**2 / (9 * b),
            "rival_exits": bool(x_foreign <= 1e-12),
        }

    def stackelberg_closed_form(self) -> dict:
        """Leader and follower outputs and profits under free trade."""
        A, b = self._advantage(), float(self.b)
        limit = float(self.a - self.cost_foreign) / b  # keeps the follower out
        leader = min(A / (2 * b), limit)
        follower = max(
            float(self.a + 2 * self.cost_home - 3 * self.cost_foreign) / (4 * b), 0.0
        )
        profits = self._free_trade(leader, follower).payoffs
        return {
            "leader_output": leader,
            "follower_output": follower,
            "leader_profit": profits[0],
            "follower_profit": profits[1],
        }
