r"""A dynamic compute race: intelligent capital that accumulates, depreciates
and leaks, as a stochastic game.

**Anchor.** Step-by-step innovation (Aghion, Harris, Howitt & Vickers 2001,
"Competition, imitation and growth with step-by-step innovation", *Review
of Economic Studies* 68: 467-492): two firms on a quality ladder, flow
profits that depend only on the technology gap, R&D effort with a convex
cost, and imitation that lets the laggard catch up. Markov-perfect
industry dynamics on a finite grid follow Ericson & Pakes (1995), "Markov
perfect industry dynamics", *Review of Economic Studies* 62: 53-82
(stochastic investment outcomes, depreciation, a finite state space).

**States.** Each side's *intelligent capital stock* -- compute times model
quality -- sits on a log grid: level :math:`k_i` is worth
:math:`K_i = (1 + g)^{k_i}` units of effective compute (``step`` :math:`g`:
one level multiplies compute x quality by :math:`1 + g`). Payoffs depend on
the stocks only through their ratio :math:`(1 + g)^{k_1 - k_2}`, so the
payoff-relevant state (Maskin & Tirole 2001) is the gap
:math:`d = k_1 - k_2 \in \{-m, \dots, m\}` (``max_gap`` :math:`m`, AHHV's
largest sustainable lead): :math:`2m + 1` states.

**Actions and costs.** Each period each side chooses an effort
:math:`x \in` ``efforts`` -- the probability that its investment advances
its stock one level -- at cost :math:`c_i x^2` per period (AHHV's quadratic
R&D cost). ``export_control`` :math:`\tau \ge 0` multiplies the controlled
side's cost of compute: :math:`c_i = c (1 + \tau)` for that side. A side
that is behind pays :math:`(1 - h) c_i x^2`: with the leader's weights or
methods available (spillover :math:`h`), a given chance of catching up needs
a fraction :math:`1 - h` of the compute (fine-tuning and distilling instead of
training from scratch).

**Flow payoffs.** The prize :math:`V` per period (a market, a strategic
rent) is split by a Tullock share with decisiveness :math:`\gamma` (the
winner-take-more exponent):

.. math::

    u_i(k, x) = V \frac{K_i^\gamma}{K_1^\gamma + K_2^\gamma} - c_i x_i^2
              = \frac{V}{1 + (1 + g)^{-\gamma (k_i - k_j)}} - c_i x_i^2 ,

a function of the gap :math:`d = k_i - k_j` only, as in AHHV.

**Transitions.** Independently for each side, in one period:

- its own investment advances it one level with probability :math:`x_i`;
- a side that is strictly behind also catches up one level by imitation
  with probability :math:`h` = ``spillover`` (open weights, papers, staff
  moving, distillation through an API: AHHV's imitation rate);
- its stock depreciates one level with probability :math:`\delta`
  (hardware ages, models are superseded).

A side advances if its investment or its imitation succeeds; the gap moves
by side 1's net move minus side 2's, kept in :math:`[-m, m]`. Players discount
by :math:`\beta` per period.

**What the equilibrium derives.** Nothing about leads is assumed: the
Markov-perfect equilibrium fixes who invests where, and the induced Markov
chain says how long a lead lasts.
:meth:`DynamicComputeRace.lead_statistics` returns the long-run
distribution over states and the expected length of a lead spell (from the
states where leads begin, weighted by the long-run flow into them, to the
first period the leader is no longer ahead). Neck-and-neck, leader and
laggard efforts (AHHV's :math:`n_0`, :math:`n_1`, :math:`n_{-1}`) are
reported by :meth:`DynamicComputeRace.effort_by_gap`, which shows escape-competition
(neck-and-neck firms invest to get ahead) where it occurs.

**Closed forms used in the tests.** With :math:`\beta = 0` (myopic players)
or :math:`\gamma = 0` (no prize for being ahead) nobody invests. Without
investment and with :math:`m = 1`, a lead survives a period when the gap
does not shrink, with probability
:math:`\sigma = (1 - \delta)(1 - h) + (1 - \delta) h \delta + \delta^2 (1 - h)`,
so it lasts :math:`1 / (1 - \sigma)` periods on average (geometric).

Because imitation is free, the laggard's own effort is a substitute for
it; the cost saving above keeps the laggard's trade-off between efforts
independent of :math:`h` for given continuation values, so that what
:math:`h` changes in equilibrium is the value of catching up. Without that
saving, free-riding by the laggard can make leads last *longer* as
spillovers rise (an effect the example shows by setting
``catch_up_discount=False``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import StochasticGame
from ._base import Model, register_model

__all__ = ["DynamicComputeRace"]


@register_model("dynamic_compute_race")
@dataclass(frozen=True)
class DynamicComputeRace(Model):
    """Two sides accumulate intelligent capital (compute x quality) on a
    log grid; the lead is an outcome of their investment, depreciation and
    spillovers (a stochastic game over the gap).

    Parameters
    ----------
    max_gap : int
        ``m >= 1``: the largest lead in levels (``2 m + 1`` states).
    prize : float
        ``V > 0``: the prize per period, in money per period (e.g. $bn/yr).
    decisiveness : float
        ``gamma >= 0``: the winner-take-more exponent of the share.
    step : float
        ``g > 0``: one level multiplies compute x quality by ``1 + g``.
    efforts : sequence of float
        The effort levels each side may choose: probabilities in ``[0, 1]``
        that investment advances the stock one level this period, increasing,
        the first 0 (``"hold"``).
    investment_cost : float
        ``c > 0``: effort ``x`` costs ``c x**2`` per period (money per
        period).
    depreciation : float
        ``delta`` in ``[0, 1)``: per-period probability that a stock loses a
        level.
    spillover : float
        ``h`` in ``[0, 1]``: per-period probability that a side behind
        catches up one level by imitation (open weights, leakage).
    export_control : float
        ``tau >= 0``: the controlled side's cost of compute is multiplied by
        ``1 + tau``.
    controlled : int
        Index of the controlled side (0 or 1).
    discount : float
        ``beta`` in ``[0, 1)``, per period.
    catch_up_discount : bool
        True: a side behind pays ``(1 - h)`` of the effort cost (spillovers
        save compute); False: imitation only.
    players : pair of str

    The defaults are illustrative (a prize of 1 per period, doubling
    steps), not estimates.

    Examples
    --------
    >>> from stratgame.solvers.stochastic import solve_stochastic
    >>> race = DynamicComputeRace()
    >>> game = race.game()
    >>> game.states
    ('China +3', 'China +2', 'China +1', 'level', 'US +1', 'US +2', 'US +3')
    >>> eq = solve_stochastic(game).equilibria[0]
    >>> bool(eq.relative_regret <= 1e-8)
    True
    >>> stats = race.lead_statistics(eq)
    >>> bool(stats["expected_lead_duration"] > 1)
    True
    >>> faster = race.replace(spillover=0.5)
    >>> eq2 = solve_stochastic(faster.game()).equilibria[0]
    >>> bool(faster.lead_statistics(eq2)["expected_lead_duration"]
    ...      < stats["expected_lead_duration"])
    True
    """

    max_gap: int = 3
    prize: float = 1.0
    decisiveness: float = 1.0
    step: float = 1.0
    efforts: tuple = (0.0, 0.3, 0.6)
    investment_cost: float = 1.0
    depreciation: float = 0.1
    spillover: float = 0.1
    export_control: float = 0.0
    controlled: int = 1
    discount: float = 0.9
    catch_up_discount: bool = True
    players: tuple = ("US", "China")

    source = (
        "Aghion, Harris, Howitt & Vickers (2001); Ericson & Pakes (1995); "
        "Tullock (1980)"
    )

    def validate(self) -> None:
        owner = "DynamicComputeRace"
        check_integer(self.max_gap, "max_gap", owner, low=1)
        self._check_real("prize", low=0, low_open=True)
        self._check_real("decisiveness", low=0)
        self._check_real("step", low=0, low_open=True)
        efforts = self.efforts
        if isinstance(efforts, str) or np.ndim(efforts) != 1 or len(efforts) < 2:
            raise InvalidParameterError(
                f"The 'efforts' parameter of {owner} must be a sequence of at "
                f"least two probabilities. Got {efforts!r} instead."
            )
        for k, x in enumerate(efforts):
            check_real(x, f"efforts[{k}]", owner, low=0, high=1)
        if float(efforts[0]) != 0 or np.any(np.diff(np.asarray(efforts, float)) <= 0):
            raise InvalidParameterError(
                f"The 'efforts' parameter of {owner} must start at 0 (hold) and "
                f"increase. Got {efforts!r} instead."
            )
        self._check_real("investment_cost", low=0, low_open=True)
        self._check_real("depreciation", low=0, high=1, high_open=True)
        self._check_real("spillover", low=0, high=1)
        self._check_real("export_control", low=0)
        check_integer(self.controlled, "controlled", owner, low=0, high=1)
        self._check_real("discount", low=0, high=1, high_open=True)
        if not isinstance(self.catch_up_discount, bool):
            raise InvalidParameterError(
                f"The 'catch_up_discount' parameter of {owner} must be True or "
                f"False. Got {self.catch_up_discount!r} instead."
            )
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                f"The 'players' parameter of {owner} must be two distinct labels. "
                f"Got {self.players!r} instead."
            )

    # ------------------------------------------------------------ pieces
    @property
    def gaps(self) -> np.ndarray:
        """The states: side 1's lead ``k_1 - k_2`` in levels, from ``-m`` to
        ``m``."""
        m = self.max_gap
        return np.arange(-m, m + 1)

    def state_labels(self) -> tuple[str, ...]:
        """Labels of the states: ``"level"``, ``"US +2"``, ``"China +1"``..."""
        return tuple(
            "level"
            if d == 0
            else f"{self.players[0] if d > 0 else self.players[1]} +{abs(d)}"
            for d in self.gaps
        )

    def action_labels(self) -> tuple[str, ...]:
        """``"hold"`` for effort 0, then ``"invest x"`` for each effort."""
        return ("hold", *(f"invest {float(x):g}" for x in self.efforts[1:]))

    def costs(self) -> np.ndarray:
        """Each side's cost coefficient ``c_i`` (export controls included)."""
        c = np.full(2, float(self.investment_cost))
        c[self.controlled] *= 1 + float(self.export_control)
        return c

    def share(self, gap) -> np.ndarray:
        """The prize share of a side ``gap`` levels ahead (negative: behind):
        ``1 / (1 + (1 + g)**(-gamma gap))``."""
        gap = np.asarray(gap, float)
        return 1 / (1 + (1 + float(self.step)) ** (-float(self.decisiveness) * gap))

    def advance_probabilities(self, efforts, gap: int) -> np.ndarray:
        """``P[u_1, u_2]``: the probability that side 1 advances ``u_1`` and
        side 2 ``u_2`` levels (0 or 1) this period, before depreciation, at
        ``efforts = (x_1, x_2)`` when side 1 leads by ``gap`` levels.

        A side advances when its own investment succeeds (probability
        ``x_i``) or, if it is strictly behind, when it imitates the leader's
        frontier (probability ``h``, independently): ``1 - (1 - x_i)(1 - h)``.
        """
        h = float(self.spillover)
        p = [
            1 - (1 - float(x)) * (1 - (h if behind else 0.0))
            for x, behind in zip(efforts, (gap < 0, gap > 0), strict=True)
        ]
        return np.outer([1 - p[0], p[0]], [1 - p[1], p[1]])

    # -------------------------------------------------------------- game
    def game(self) -> StochasticGame:
        """The stochastic game: states are the gaps ``-m..m``; both sides
        choose an effort in every state."""
        m, efforts = self.max_gap, [float(x) for x in self.efforts]
        n_efforts, n_states = len(efforts), 2 * m + 1
        costs = self.costs()
        delta = float(self.depreciation)
        lose = np.array([1 - delta, delta])  # depreciate 0 or 1 level
        payoffs, transitions = [], []
        for d in self.gaps:
            shares = self.share(np.array([d, -d]))
            stage = np.empty((2, n_efforts, n_efforts))
            step = np.zeros((n_efforts, n_efforts, n_states))
            for a, b in itertools.product(range(n_efforts), repeat=2):
                x = (efforts[a], efforts[b])
                behind = np.array([d < 0, d > 0]) & self.catch_up_discount
                scale = np.where(behind, 1 - float(self.spillover), 1.0)
                stage[:, a, b] = float(self.prize) * shares - costs * scale * np.square(
                    x
                )
                advance = self.advance_probabilities(x, int(d))
                for u1, u2, d1, d2 in itertools.product((0, 1), repeat=4):
                    target = min(max(d + (u1 - d1) - (u2 - d2), -m), m)
                    step[a, b, target + m] += advance[u1, u2] * lose[d1] * lose[d2]
            payoffs.append(stage)
            transitions.append(step)
        actions = self.action_labels()
        return StochasticGame(
            payoffs,
            transitions,
            float(self.discount),
            players=tuple(self.players),
            actions=(actions, actions),
            states=self.state_labels(),
            initial=m,
        )

    # ------------------------------------------------------ what it implies
    def _strategies(self, equilibrium):
        return getattr(equilibrium, "strategies", equilibrium)

    def lead_statistics(self, equilibrium, game: StochasticGame | None = None) -> dict:
        """How long leads last under an equilibrium (or any stationary
        profile).

        Parameters
        ----------
        equilibrium : StochasticEquilibrium or stationary profile
        game : StochasticGame, optional
            The game of this model (built if omitted).

        Returns
        -------
        dict
            ``stationary``: the long-run distribution over the states;
            ``expected_lead_duration``: the mean length of a lead spell in
            the long run -- the expected number of periods until a side that
            has just moved ahead is no longer ahead, averaged over the states
            where leads begin by the long-run flow into them (leads begin
            one level ahead unless both stocks move at once); when no lead
            ever begins in the long run, the average over the one-step-lead
            states; ``lead_duration_by_state``: that hitting time from each
            one-step-lead state (by label);
            ``leader_probability``: the long-run probability that each side
            is strictly ahead; ``expected_gap``: the long-run mean of
            ``k_1 - k_2``.
        """
        game = self.game() if game is None else game
        strategies = self._strategies(equilibrium)
        stationary = game.stationary_distribution(strategies)
        P = game.transition_matrix(strategies)
        gaps = self.gaps
        by_state, spells, entry_flows = {}, [], []
        for sign in (1, -1):
            ahead = sign * gaps > 0
            times = game.hitting_times(strategies, ~ahead)
            for s in np.flatnonzero(sign * gaps == 1):
                by_state[game.states[s]] = float(times[s])
            # long-run flow into lead spells: from a state not ahead to one ahead
            flow = (stationary[~ahead] @ P[np.ix_(~ahead, ahead)]).ravel()
            spells.append(flow @ times[ahead])
            entry_flows.append(flow.sum())
        total_flow = float(sum(entry_flows))
        if total_flow > 1e-12:
            expected = float(sum(spells) / total_flow)
        else:  # no lead ever begins in the long run: average the one-step leads
            expected = float(np.mean(list(by_state.values())))
        return {
            "stationary": stationary,
            "expected_lead_duration": expected,
            "lead_duration_by_state": by_state,
            "leader_probability": np.array(
                [stationary[gaps > 0].sum(), stationary[gaps < 0].sum()]
            ),
            "expected_gap": float(stationary @ gaps),
        }

    def effort_by_gap(self, equilibrium) -> dict:
        """Mean effort of a side by its gap, over states with that gap
        weighted equally: ``{"neck_and_neck": ..., "leader": ...,
        "laggard": ...}`` for one-level gaps (AHHV's ``n_0, n_1, n_{-1}``),
        each an array with one entry per side."""
        strategies = self._strategies(equilibrium)
        efforts = np.asarray(self.efforts, float)
        out = {}
        for name, gap in (("neck_and_neck", 0), ("leader", 1), ("laggard", -1)):
            per_side = []
            for side in (0, 1):
                s = int(np.flatnonzero(self.gaps == (gap if side == 0 else -gap))[0])
                per_side.append(float(efforts @ np.asarray(strategies[s][side], float)))
            out[name] = np.array(per_side)
        return out

    def closed_form(self) -> dict:
        """Closed-form anchors: the share of a one-level leader, and how long
        a lead lasts without investment when ``max_gap = 1``,
        ``1 / (1 - sigma)`` with ``sigma`` the survival probability of the
        module docstring."""
        delta, h = float(self.depreciation), float(self.spillover)
        survive = (1 - delta) * (1 - h) + (1 - delta) * h * delta + delta**2 * (1 - h)
        exit_probability = 1 - survive
        return {
            "one_step_share": float(self.share(1)),
            "lead_duration_without_investment": (
                1 / exit_probability if exit_probability > 0 else float("inf")
            ),
        }
