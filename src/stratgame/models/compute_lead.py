r"""A compute lead that decays unless it is turned into adoption.

**A scenario built from verified pieces, not a published model.** It joins
two parts that are each checked against closed forms elsewhere: Bass (1969)
diffusion (:func:`stratgame.ecosystem.bass.bass_rate`) and the Tullock share
of :class:`~stratgame.models.ComputeRace`.

A leader starts with effective compute :math:`\ell_0 \ge 1` times the
follower's. The follower catches up at rate :math:`\delta`, so the ratio
decays to parity, :math:`\ell(t) = 1 + (\ell_0 - 1) e^{-\delta t}`. Customers
adopt an AI platform following Bass diffusion with innovation :math:`p + a`
and imitation :math:`q`; each adopter is locked in with the side that is
ahead when it adopts, in the Tullock (lottery) proportion
:math:`\sigma(t) = \ell(t) / (1 + \ell(t))`. The leader chooses how hard to
push adoption, :math:`a \in [0, a_{max}]` at cost :math:`k_a a^2/2`; the
follower chooses its catch-up rate :math:`\delta \in [0, \delta_{max}]` at
cost :math:`k_\delta \delta^2/2`. Over the horizon :math:`T`, with market
size :math:`M` and Bass adoption rate :math:`f`,

.. math::

    u_L = M \int_0^T \sigma(t) f(t)\,dt - \frac{k_a a^2}{2}, \qquad
    u_F = M \int_0^T (1 - \sigma(t)) f(t)\,dt - \frac{k_\delta \delta^2}{2}.

Checks with closed forms: without catch-up (:math:`\delta = 0`) the leader's
locked-in market is :math:`M \sigma_0 F(T)`; with any catch-up the two sides
together capture the Bass total :math:`M F(T)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._validation import check_real
from ..ecosystem.bass import bass_adoption, bass_rate
from ..exceptions import InvalidProfileError
from ..games import ContinuousGame
from ._base import Model, register_model

__all__ = ["ComputeLeadScenario"]


@lru_cache(maxsize=4)
def _nodes(order: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(order)


@register_model("compute_lead")
@dataclass(frozen=True)
class ComputeLeadScenario(Model):
    """Leader pushes adoption while its compute lead lasts; follower catches up.

    Parameters
    ----------
    initial_lead : float
        ``l0 >= 1``: the leader's effective compute relative to the follower's.
    innovation, imitation : float
        Bass coefficients ``p > 0`` and ``q >= 0`` before any push.
    horizon : float
        ``T > 0``.
    market_size : float
        ``M > 0``.
    push_cost, catch_up_cost : float
        ``k_a > 0`` and ``k_delta > 0``.
    max_push, max_catch_up : float
        Upper ends of the action intervals (positive).

    The defaults are illustrative numbers, not data.

    Examples
    --------
    >>> scenario = ComputeLeadScenario(initial_lead=3.0)
    >>> round(scenario.closed_form()["static_share"], 4)
    0.75
    >>> u = scenario.utilities((0.0, 0.0))
    >>> bool(np.isclose(u[0], scenario.closed_form()["leader_market_without_catch_up"]))
    True
    """

    initial_lead: float = 3.0
    innovation: float = 0.03
    imitation: float = 0.38
    horizon: float = 10.0
    market_size: float = 100.0
    push_cost: float = 200.0
    catch_up_cost: float = 50.0
    max_push: float = 0.5
    max_catch_up: float = 2.0

    source = "scenario: Bass (1969) diffusion + Tullock (1980) shares"

    def validate(self) -> None:
        self._check_real("initial_lead", low=1)
        self._check_real("innovation", low=0, low_open=True)
        self._check_real("imitation", low=0)
        for name in (
            "horizon",
            "market_size",
            "push_cost",
            "catch_up_cost",
            "max_push",
            "max_catch_up",
        ):
            self._check_real(name, low=0, low_open=True)

    def leader_share(self, t, catch_up: float) -> np.ndarray:
        """The leader's share of adopters at time ``t``, ``l(t) / (1 + l(t))``."""
        check_real(catch_up, "catch_up", "ComputeLeadScenario.leader_share", low=0)
        lead = 1 + (self.initial_lead - 1) * np.exp(-catch_up * np.asarray(t, float))
        return lead / (1 + lead)

    def markets(self, push: float, catch_up: float) -> tuple[float, float]:
        """Locked-in markets of leader and follower by the horizon (64-point
        Gauss-Legendre quadrature of the smooth integrand)."""
        check_real(push, "push", "ComputeLeadScenario.markets", low=0)
        nodes, weights = _nodes(64)
        t = 0.5 * self.horizon * (nodes + 1)
        rate = bass_rate(t, self.innovation + push, self.imitation, self.market_size)
        share = self.leader_share(t, catch_up)
        half = 0.5 * self.horizon
        leader = half * float(weights @ (share * rate))
        follower = half * float(weights @ ((1 - share) * rate))
        return leader, follower

    def utilities(self, actions) -> np.ndarray:
        """Payoffs of leader and follower at ``(push, catch_up)``."""
        if isinstance(actions, str) or np.shape(actions) != (2,):
            raise InvalidProfileError(
                "ComputeLeadScenario.utilities needs the two actions (push, "
                f"catch_up); got {actions!r}."
            )
        push, catch_up = (
            float(check_real(a, name, "ComputeLeadScenario.utilities", low=0))
            for a, name in zip(actions, ("push", "catch_up"), strict=True)
        )
        leader, follower = self.markets(push, catch_up)
        return np.array(
            [
                leader - self.push_cost * push**2 / 2,
                follower - self.catch_up_cost * catch_up**2 / 2,
            ]
        )

    def game(self) -> ContinuousGame:
        """Leader chooses its adoption push, follower its catch-up rate."""
        return ContinuousGame(
            lambda actions: self.utilities(actions),
            bounds=[(0.0, self.max_push), (0.0, self.max_catch_up)],
            players=("leader", "follower"),
            title="Compute lead vs adoption (scenario)",
        )

    def closed_form(self) -> dict:
        """Closed-form anchors of the scenario (no equilibrium formula):
        the static Tullock share ``l0 / (1 + l0)``; Bass adoption ``F(T)``
        and its peak time ``ln(q/p) / (p + q)`` without a push; the
        leader's market without catch-up, ``M l0/(1+l0) F(T)``."""
        p, q = self.innovation, self.imitation
        static = self.initial_lead / (1 + self.initial_lead)
        adopted = float(bass_adoption(self.horizon, p, q, self.market_size))
        return {
            "static_share": static,
            "adoption_by_horizon": adopted,
            "peak_time": float(np.log(q / p) / (p + q)) if q > p else 0.0,
            "leader_market_without_catch_up": static * adopted,
        }
