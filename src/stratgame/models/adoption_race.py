r"""The adoption race: a closed lab with the better model against an open lab
whose model spreads faster.

**A scenario built from verified pieces, not a published model.** It joins
Bass (1969) diffusion (:func:`stratgame.ecosystem.bass.bass_adoption`) and the
Tullock contest of :class:`~stratgame.models.ComputeRace` (closed forms of
Nti 1999 and Stein 2002).

Lab :math:`k` buys compute :math:`x_k` at price :math:`r_k`; its model has
quality :math:`q_k` and reaches users by Bass diffusion with innovation
:math:`p_k` and imitation :math:`\beta_k` (open weights spread faster: larger
:math:`p_k, \beta_k`). What counts is capital *in use*: compute times quality
times the average share of users reached over the horizon :math:`T`,

.. math::

    V_k = q_k x_k R_k, \qquad
    R_k = \frac{1}{T}\int_0^T F_k(t)\,dt
        = 1 - \frac{1}{\beta_k T}
          \ln\frac{p_k + \beta_k}{p_k + \beta_k e^{-(p_k + \beta_k) T}}

(the Bass curve integrated here; :math:`R_k = 1 - (1 - e^{-p_k T})/(p_k T)`
when :math:`\beta_k = 0`). The prize :math:`W` (a market, a strategic lead)
goes to lab :math:`k` in the Tullock proportion
:math:`V_k^\gamma / \sum_j V_j^\gamma`, so the game is a compute race with
effective quality :math:`q_k R_k`, and the lab with the larger
:math:`q_k R_k / r_k` wins the larger share.

As :math:`T \to 0`, :math:`R_k \approx p_k T / 2` and diffusion decides; as
:math:`T \to \infty`, :math:`R_k \to 1` and quality per compute price decides:
a closed lab with better models but slower diffusion loses a short race and
wins a long one. Export controls multiply the open lab's compute price; the
closed lab wins once they exceed
:math:`(q_o R_o / r_o) / (q_c R_c / r_c)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import ContinuousGame
from ._base import Model, register_model
from .compute_race import ComputeRace

__all__ = ["AdoptionRace", "bass_mean_adoption"]


def bass_mean_adoption(horizon: float, p: float, q: float) -> float:
    """The average Bass adoption share over ``[0, horizon]``,
    ``(1/T) int_0^T F(t) dt`` (closed form in the module docstring).

    Examples
    --------
    >>> round(bass_mean_adoption(10.0, 0.03, 0.38), 4)
    0.362
    """
    T = check_real(horizon, "horizon", "bass_mean_adoption", low=0, low_open=True)
    p = check_real(p, "p", "bass_mean_adoption", low=0, low_open=True)
    q = check_real(q, "q", "bass_mean_adoption", low=0)
    T, p, q = float(T), float(p), float(q)
    if q == 0:
        return 1 - (-math.expm1(-p * T)) / (p * T)
    ratio = q / p
    unreached = (math.log1p(ratio) - math.log1p(ratio * math.exp(-(p + q) * T))) / q
    return 1 - unreached / T


@register_model("adoption_race")
@dataclass(frozen=True)
class AdoptionRace(Model):
    """A Tullock contest in compute times quality times Bass reach.

    Parameters
    ----------
    quality : pair of float
        Model quality of the closed and the open lab, ``> 0``.
    innovation, imitation : pair of float
        Bass coefficients of each lab's diffusion (innovation ``> 0``,
        imitation ``>= 0``).
    horizon : float
        ``T > 0``, the length of the race.
    compute_price : pair of float
        Price of compute for each lab, ``> 0``.
    prize : float
        ``W > 0``.
    decisiveness : float
        Tullock's exponent in ``(0, 1]``.
    players : pair of str

    The defaults are illustrative, not estimates: the closed lab's model is
    two thirds better, the open one diffuses twice as fast (both Bass
    coefficients doubled); time is in years.

    Examples
    --------
    >>> race = AdoptionRace()
    >>> race.closed_form()["winner"], race.replace(horizon=30).closed_form()["winner"]
    ('open lab', 'closed lab')
    >>> round(race.crossover_horizon(), 2)
    12.76
    """

    quality: tuple = (1.0, 0.6)
    innovation: tuple = (0.02, 0.04)
    imitation: tuple = (0.4, 0.8)
    horizon: float = 5.0
    compute_price: tuple = (1.0, 1.0)
    prize: float = 100.0
    decisiveness: float = 1.0
    players: tuple = ("closed lab", "open lab")

    source = "scenario: Bass (1969) diffusion + Tullock (1980) contest"

    def validate(self) -> None:
        for name, low_open in (
            ("quality", True),
            ("innovation", True),
            ("imitation", False),
            ("compute_price", True),
        ):
            value = getattr(self, name)
            if np.ndim(value) != 1 or len(value) != 2:
                raise InvalidParameterError(
                    f"The {name!r} parameter of AdoptionRace must be a pair of "
                    f"numbers (closed lab, open lab). Got {value!r} instead."
                )
            for k, v in enumerate(value):
                check_real(v, f"{name}[{k}]", "AdoptionRace", low=0, low_open=low_open)
        self._check_real("horizon", low=0, low_open=True)
        self._check_real("prize", low=0, low_open=True)
        self._check_real("decisiveness", low=0, high=1, low_open=True)
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                "The 'players' parameter of AdoptionRace must be two distinct "
                f"labels. Got {self.players!r} instead."
            )

    def reach(self) -> np.ndarray:
        """Each lab's average Bass adoption share over the horizon, ``R_k``."""
        return np.array(
            [
                bass_mean_adoption(self.horizon, p, q)
                for p, q in zip(self.innovation, self.imitation, strict=True)
            ]
        )

    def contest(self) -> ComputeRace:
        """The equivalent compute race, with effective quality ``q_k R_k``."""
        effective = np.array(self.quality, float) * self.reach()
        return ComputeRace(
            prize=self.prize,
            compute_price=tuple(float(r) for r in self.compute_price),
            quality=tuple(float(q) for q in effective),
            decisiveness=self.decisiveness,
            players=tuple(self.players),
        )

    def game(self) -> ContinuousGame:
        """Each lab buys compute in ``[0, W / r_k]``; payoffs are the prize
        share of capital in use minus compute spending."""
        contest = self.contest()
        return ContinuousGame(
            lambda compute: contest.utilities(compute),
            bounds=[(0.0, self.prize / r) for r in self.compute_price],
            players=tuple(self.players),
            title="Adoption race (scenario)",
        )

    def with_export_controls(self, factor: float, target: int = -1) -> AdoptionRace:
        """A copy in which export controls multiply lab ``target``'s compute
        price by ``factor >= 1`` (default: the open lab)."""
        check_real(factor, "factor", "AdoptionRace.with_export_controls", low=1)
        target = check_integer(
            target, "target", "AdoptionRace.with_export_controls", low=-2, high=1
        )
        prices = list(self.compute_price)
        prices[target] = prices[target] * factor
        return self.replace(compute_price=tuple(prices))

    def _advantage(self) -> float:
        """``log`` of the closed lab's ``q R / r`` over the open lab's."""
        strength = np.array(self.quality, float) * self.reach()
        strength /= np.array(self.compute_price, float)
        return float(np.log(strength[0] / strength[1]))

    def crossover_horizon(self, max_horizon: float = 200.0) -> float | None:
        """The first horizon at which the leader of the race changes, or None
        if it does not change on ``(0, max_horizon]``.

        Scans 200 log-spaced horizons from ``1e-3`` and refines the first
        sign change of ``log(q_c R_c r_o / (q_o R_o r_c))`` by Brent's method.
        """
        from scipy.optimize import brentq

        check_real(
            max_horizon, "max_horizon", "AdoptionRace.crossover_horizon", low=1e-3
        )

        def advantage(T: float) -> float:
            return self.replace(horizon=float(T))._advantage()

        grid = np.geomspace(1e-3, max_horizon, 200)
        values = [advantage(T) for T in grid]
        for k in range(len(grid) - 1):
            if values[k] == 0:
                return float(grid[k])
            if values[k] * values[k + 1] < 0:
                return float(brentq(advantage, grid[k], grid[k + 1], xtol=1e-12))
        return None

    def closed_form(self) -> dict:
        """Reach, effective quality, the contest's equilibrium and the winner.

        Returns
        -------
        dict
            ``reach`` ``R_k``, ``effective_quality`` ``q_k R_k``; from the
            contest (:meth:`ComputeRace.closed_form`) ``compute``, ``share``,
            ``payoffs`` and ``capital`` (in use); ``winner``, the label of the
            lab with the larger share (None on a tie); and
            ``export_control_to_win``, the factor on the open lab's compute
            price above which the closed lab wins (at most 1: it already
            does).
        """
        reach = self.reach()
        contest = self.contest().closed_form()
        share = contest["share"]
        winner = None
        if not np.isclose(share[0], share[1], rtol=1e-12, atol=0):
            winner = self.players[int(share[1] > share[0])]
        return {
            "reach": reach,
            "effective_quality": np.array(self.quality, float) * reach,
            "compute": contest["compute"],
            "capital": contest["capital"],
            "share": share,
            "payoffs": contest["payoffs"],
            "winner": winner,
            "export_control_to_win": math.exp(-self._advantage()),
        }
