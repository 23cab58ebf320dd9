r"""Racing to the precipice: Armstrong, Bostrom & Shulman, "Racing to the
precipice: a model of artificial intelligence development", *AI & Society* 31
(2016) 201-206.

:math:`n` teams race to build AI. Team :math:`i` has capability
:math:`c_i \sim U[0, \mu]` (independent) and chooses a safety level
:math:`s_i \in [0, 1]`; its performance is :math:`c_i - s_i`, and the team
with the highest performance builds the AI first. With probability equal to
the winner's safety the AI is safe; otherwise a disaster gives everyone 0.
A safe win is worth 1 to the winner and :math:`1 - e` to every other team
(:math:`e \in [0, 1]` is the enmity). In the *no-information* case teams know
no capabilities, not even their own, so a team's expected utility is

.. math::

    U_i(s) = \sum_j P_j(s)\, s_j\, (1 - e\,[j \ne i]),
    \qquad P_j(s) = \Pr\big(c_j - s_j > \max_{k \ne j} (c_k - s_k)\big).

Derivation of the symmetric equilibrium (done here; the paper states the
results for this case): against rivals all at safety :math:`s`, a team
deviating to :math:`s + d` wins with probability :math:`P(d)`, where
:math:`P(0) = 1/n` and :math:`P'(0) = -1/\mu`; the first-order condition
:math:`P(0) + P'(0)(s - (1 - e)s) = 0` gives :math:`s = \mu / (n e)`. Hence

.. math::

    s^* = \min\left(1, \frac{\mu}{n e}\right),
    \qquad \text{disaster risk} = 1 - s^*,

so risk rises with the number of teams and with enmity and falls as
capability (rather than corner-cutting) decides the race. The numerical
solution of the continuous game checks this closed form.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidProfileError
from ..games import ContinuousGame
from ._base import Model, register_model

__all__ = ["SafetyRace", "win_probabilities"]


def win_probabilities(safety, mu: float) -> np.ndarray:
    """Each team's probability of finishing first, with capabilities i.i.d.
    uniform on ``[0, mu]`` and performance ``capability - safety``.

    ``P_i = (1/mu) * integral_0^mu prod_{j != i} F(x - s_i + s_j) dx`` with
    ``F`` the uniform CDF; the integrand is piecewise polynomial, so
    Gauss-Legendre quadrature between its breakpoints is exact. Two teams
    use the triangular law of ``c_1 - c_2`` directly.

    Raises
    ------
    InvalidParameterError
        For ``mu <= 0``.
    InvalidProfileError
        Unless ``safety`` holds one finite number per team.

    Examples
    --------
    >>> win_probabilities([0.5, 0.5, 0.5], mu=1.0).round(12)
    array([0.33333333, 0.33333333, 0.33333333])
    >>> float(win_probabilities([0.0, 0.5], mu=1.0)[0])  # 1 - (1 - 0.5)**2 / 2
    0.875
    """
    mu = float(check_real(mu, "mu", "win_probabilities", low=0, low_open=True))
    s = _safety_levels(safety, None, "win_probabilities")
    n = s.shape[0]
    if n == 2:
        first = _pairwise_win(float(s[0] - s[1]), mu)
        return np.array([first, 1.0 - first])
    nodes, weights = _gauss_legendre(n // 2 + 1)
    out = np.empty(n)
    for i in range(n):
        shifts = s[i] - s[np.arange(n) != i]  # the factors are F(x - shift_j)
        breaks = np.sort(
            np.clip(np.concatenate(([0.0, mu], shifts, shifts + mu)), 0.0, mu)
        )
        half = 0.5 * np.diff(breaks)
        x = half[:, None] * nodes[None, :] + (0.5 * (breaks[1:] + breaks[:-1]))[:, None]
        cdf = np.clip((x[..., None] - shifts) / mu, 0.0, 1.0).prod(axis=-1)
        out[i] = float(half @ (cdf @ weights)) / mu
    return out


def _safety_levels(safety, n_teams, owner: str) -> np.ndarray:
    """``safety`` as a float vector: one finite level per team (``n_teams`` of
    them when given, else at least one)."""
    try:
        s = np.asarray(safety, dtype=np.float64)
    except (TypeError, ValueError):
        s = None
    if (
        s is None
        or s.ndim != 1
        or s.size == 0
        or (n_teams is not None and s.size != n_teams)
        or not np.all(np.isfinite(s))
    ):
        teams = "one per team" if n_teams is None else f"one per team ({n_teams})"
        raise InvalidProfileError(
            f"{owner} needs finite safety levels, {teams}; got {safety!r}."
        )
    return s


def _pairwise_win(d: float, mu: float) -> float:
    """``Pr(c_1 - c_2 > d)`` for independent uniform ``c`` on ``[0, mu]``
    (the difference has a triangular density on ``[-mu, mu]``)."""
    if d >= mu:
        return 0.0
    if d <= -mu:
        return 1.0
    if d >= 0:
        return (mu - d) ** 2 / (2 * mu * mu)
    return 1.0 - (mu + d) ** 2 / (2 * mu * mu)


@lru_cache(maxsize=16)
def _gauss_legendre(order: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(order)


@register_model("safety_race")
@dataclass(frozen=True)
class SafetyRace(Model):
    """The no-information AI race of Armstrong, Bostrom & Shulman (2016).

    Parameters
    ----------
    n_teams : int
        Number of teams, ``n >= 2``.
    mu : float
        Capabilities are uniform on ``[0, mu]``, ``mu > 0``: how much
        capability (rather than skimping on safety) decides the race.
    enmity : float
        ``e`` in ``[0, 1]``: a rival's safe win is worth ``1 - e``.

    Examples
    --------
    >>> race = SafetyRace(n_teams=2, mu=0.5, enmity=0.5)
    >>> race.closed_form()["safety"], race.closed_form()["disaster_risk"]
    (0.5, 0.5)
    """

    n_teams: int = 2
    mu: float = 0.5
    enmity: float = 0.5

    source = "Armstrong, Bostrom & Shulman (2016), AI & Society 31"

    def validate(self) -> None:
        check_integer(self.n_teams, "n_teams", "SafetyRace", low=2)
        self._check_real("mu", low=0, low_open=True)
        self._check_real("enmity", low=0, high=1)

    def expected_utilities(self, safety) -> np.ndarray:
        """Every team's expected utility at the safety levels ``safety``
        (one per team, each in ``[0, 1]``)."""
        owner = "SafetyRace.expected_utilities"
        s = _safety_levels(safety, self.n_teams, owner)
        if np.any((s < 0) | (s > 1)):
            raise InvalidProfileError(
                f"{owner}: safety levels are probabilities in [0, 1]; got "
                f"{s.tolist()!r}."
            )
        safe_wins = win_probabilities(s, self.mu) * s
        return (1 - self.enmity) * safe_wins.sum() + self.enmity * safe_wins

    def game(self) -> ContinuousGame:
        """The symmetric continuous game: safety levels in ``[0, 1]``."""
        return ContinuousGame(
            lambda actions: self.expected_utilities(actions),
            bounds=[(0.0, 1.0)] * self.n_teams,
            players=tuple(f"team {k + 1}" for k in range(self.n_teams)),
            symmetric=True,
            title="Racing to the precipice (no information)",
        )

    def closed_form(self) -> dict:
        """The symmetric equilibrium: ``safety = min(1, mu / (n e))``,
        ``disaster_risk = 1 - safety``, and each team's expected utility
        ``safety * (1 - e (n - 1) / n)``."""
        n, e = self.n_teams, self.enmity
        safety = 1.0 if n * e <= self.mu else self.mu / (n * e)
        return {
            "safety": safety,
            "disaster_risk": 1.0 - safety,
            "utility": safety * (1 - e * (n - 1) / n),
        }
