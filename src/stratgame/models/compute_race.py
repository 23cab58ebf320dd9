r"""The compute race: a Tullock contest in "intelligent capital".

Player :math:`i` buys compute :math:`x_i` at price :math:`r_i` per unit; its
model quality (algorithmic efficiency) :math:`q_i` turns compute into
effective capital :math:`K_i = q_i x_i`. The prize :math:`V` (a market, a
strategic lead) goes to player :math:`i` with probability -- or, read as
market shares, in the share -- :math:`K_i^\gamma / \sum_j K_j^\gamma`
(Tullock 1980, "Efficient rent seeking"), so

.. math::

    u_i(x) = V \frac{(q_i x_i)^\gamma}{\sum_j (q_j x_j)^\gamma} - r_i x_i .

Effective capital costs :math:`\hat c_i = r_i / q_i` per unit. With
:math:`\gamma = 1` the winner-take-all lottery and proportional market shares
give the same expected payoffs; :math:`\gamma < 1` makes shares respond less
than proportionally to capital (a more shared prize), and
:meth:`ComputeRace.with_market_shares` sets it.

Closed forms (in effective capital; compute is :math:`x_i = K_i / q_i`):

- two players, :math:`\gamma \le 1` (Nti 1999, "Rent-seeking with asymmetric
  valuations", *Public Choice* 98): spending is equal,
  :math:`\hat c_i K_i = \gamma V \hat c_1^\gamma \hat c_2^\gamma /
  (\hat c_1^\gamma + \hat c_2^\gamma)^2`, and the share of :math:`i` is
  :math:`\hat c_j^\gamma / (\hat c_1^\gamma + \hat c_2^\gamma)`; for
  :math:`\gamma = 1`, :math:`K_i = V \hat c_j / (\hat c_i + \hat c_j)^2`;
- :math:`n` players, :math:`\gamma = 1` (Stein 2002, "Asymmetric
  rent-seeking with more than two contestants", *Public Choice* 113): the
  active players are the cheapest :math:`m` with
  :math:`\hat c_m < \sum_{k \le m} \hat c_k / (m - 1)`; total capital is
  :math:`X = V (m - 1) / \sum_{k \le m} \hat c_k` and
  :math:`K_i = X (1 - \hat c_i X / V)`.

Export controls multiply the rival's compute price by a factor; since only
:math:`r_i / q_i` matters, a quality (efficiency) gain by the same factor
undoes them exactly -- the rival's answer through better models.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError, InvalidProfileError
from ..games import ContinuousGame
from ._base import Model, register_model

__all__ = ["ComputeRace"]


def _positive_tuple(values, name: str) -> tuple[float, ...]:
    if np.ndim(values) != 1 or len(values) < 2:
        raise InvalidParameterError(
            f"The {name!r} parameter of ComputeRace must hold one positive number "
            f"per player (at least 2). Got {values!r} instead."
        )
    for k, v in enumerate(values):
        check_real(v, f"{name}[{k}]", "ComputeRace", low=0, low_open=True)
    return tuple(float(v) for v in values)


@register_model("compute_race")
@dataclass(frozen=True)
class ComputeRace(Model):
    """A Tullock contest in compute times model quality.

    Parameters
    ----------
    prize : float
        The prize ``V > 0``.
    compute_price : sequence of float
        Each player's price ``r_i > 0`` per unit of compute.
    quality : sequence of float
        Each player's model quality ``q_i > 0`` (effective capital per unit
        of compute).
    decisiveness : float
        Tullock's exponent ``gamma`` in ``(0, 1]``; 1 is the lottery (or
        proportional market shares).
    players : sequence of str, optional
        Labels; default ``("US", "China")`` for two players, else
        ``("P1", "P2", ...)``.

    Examples
    --------
    >>> race = ComputeRace(prize=100, compute_price=(1, 2), quality=(1, 1))
    >>> cf = race.closed_form()
    >>> cf["capital"].round(4), cf["share"].round(4)
    (array([22.2222, 11.1111]), array([0.6667, 0.3333]))
    >>> controlled = race.with_export_controls(2.0)
    >>> float(controlled.closed_form()["share"][0].round(4))
    0.8
    >>> bool(np.allclose(controlled.quality_offset(2.0).closed_form()["share"],
    ...                  cf["share"]))
    True
    """

    prize: float = 100.0
    compute_price: tuple = (1.0, 1.0)
    quality: tuple = (1.0, 1.0)
    decisiveness: float = 1.0
    players: tuple | None = None

    source = "Tullock (1980); Nti (1999); Stein (2002)"

    def validate(self) -> None:
        self._check_real("prize", low=0, low_open=True)
        prices = _positive_tuple(self.compute_price, "compute_price")
        qualities = _positive_tuple(self.quality, "quality")
        if len(prices) != len(qualities):
            raise InvalidParameterError(
                "ComputeRace needs one compute price and one quality per player; "
                f"got {len(prices)} prices and {len(qualities)} qualities."
            )
        self._check_real("decisiveness", low=0, high=1, low_open=True)
        if self.players is not None and (
            isinstance(self.players, str) or len(self.players) != len(prices)
        ):
            raise InvalidParameterError(
                f"ComputeRace needs {len(prices)} player labels; got {self.players!r}."
            )

    @property
    def labels(self) -> tuple[str, ...]:
        """The player labels."""
        if self.players is not None:
            return tuple(self.players)
        if self.n_players == 2:
            return ("US", "China")
        return tuple(f"P{k + 1}" for k in range(self.n_players))

    @property
    def n_players(self) -> int:
        """Number of contestants."""
        return len(self.compute_price)

    @property
    def unit_costs(self) -> np.ndarray:
        """Cost of one unit of effective capital, ``r_i / q_i``."""
        return np.array(self.compute_price, float) / np.array(self.quality, float)

    def _compute(self, compute, owner: str) -> np.ndarray:
        try:
            x = np.asarray(compute, dtype=np.float64)
        except (TypeError, ValueError):
            x = None
        if x is None or x.shape != (self.n_players,) or not np.all(np.isfinite(x)):
            raise InvalidProfileError(
                f"{owner} needs one finite compute level per player "
                f"({self.n_players}); got {compute!r}."
            )
        if np.any(x < 0):
            raise InvalidProfileError(
                f"{owner}: compute levels must be non-negative; got {x.tolist()!r}."
            )
        return x

    def shares(self, compute) -> np.ndarray:
        """Win probabilities (market shares) at compute levels ``compute``;
        equal shares when nobody buys compute."""
        compute = self._compute(compute, "ComputeRace.shares")
        capital = compute * np.array(self.quality, float)
        weights = capital**self.decisiveness
        total = weights.sum()
        if total <= 0:
            return np.full(self.n_players, 1.0 / self.n_players)
        return weights / total

    def utilities(self, compute) -> np.ndarray:
        """Expected payoffs ``V * share_i - r_i * x_i``."""
        compute = self._compute(compute, "ComputeRace.utilities")
        return (
            self.prize * self.shares(compute)
            - np.array(self.compute_price, float) * compute
        )

    def game(self) -> ContinuousGame:
        """The contest as a continuous game; player ``i`` buys compute in
        ``[0, V / r_i]`` (spending more than the prize is dominated)."""
        return ContinuousGame(
            lambda x: self.utilities(x),
            bounds=[(0.0, self.prize / r) for r in self.compute_price],
            players=self.labels,
            symmetric=len(set(self.compute_price)) == 1 and len(set(self.quality)) == 1,
            title="Compute race (Tullock contest)",
        )

    def with_export_controls(self, factor: float, target: int = -1) -> ComputeRace:
        """A copy in which export controls multiply player ``target``'s compute
        price by ``factor >= 1`` (default: the last player)."""
        owner = "ComputeRace.with_export_controls"
        check_real(factor, "factor", owner, low=1)
        target = self._target(target, owner)
        prices = list(self.compute_price)
        prices[target] = prices[target] * factor
        return self.replace(compute_price=tuple(prices))

    def quality_offset(self, factor: float, target: int = -1) -> ComputeRace:
        """A copy in which player ``target`` answers with models ``factor``
        times more compute-efficient (its quality multiplied by ``factor``)."""
        owner = "ComputeRace.quality_offset"
        check_real(factor, "factor", owner, low=0, low_open=True)
        target = self._target(target, owner)
        qualities = list(self.quality)
        qualities[target] = qualities[target] * factor
        return self.replace(quality=tuple(qualities))

    def _target(self, target, owner: str) -> int:
        """A player index, negative ones counting from the end."""
        n = self.n_players
        return check_integer(target, "target", owner, low=-n, high=n - 1) % n

    def with_market_shares(self, decisiveness: float) -> ComputeRace:
        """A copy where the prize is split in shares ``K_i^gamma / sum K^gamma``
        with ``gamma = decisiveness`` in ``(0, 1]``."""
        return self.replace(decisiveness=decisiveness)

    def closed_form(self) -> dict:
        """Equilibrium effective capital, compute, shares, spending and
        payoffs (two players with any ``gamma <= 1``; any number of players
        with ``gamma = 1``).

        Raises
        ------
        NotImplementedError
            For more than two players with ``gamma < 1`` and unequal costs.
        """
        c = self.unit_costs
        V, g = float(self.prize), float(self.decisiveness)
        if self.n_players == 2:
            cg = c**g
            spending = np.full(2, g * V * cg[0] * cg[1] / (cg[0] + cg[1]) ** 2)
            capital = spending / c
            share = cg[::-1] / cg.sum()
        elif g == 1.0:
            capital = self._stein_capital(c, V)
            share = capital / capital.sum()
            spending = c * capital
        elif np.all(c == c[0]):
            n = self.n_players
            capital = np.full(n, g * V * (n - 1) / (n * n * c[0]))
            share = np.full(n, 1.0 / n)
            spending = c * capital
        else:
            raise NotImplementedError(
                "closed forms cover two players, or gamma = 1, or equal costs; "
                f"got {self.n_players} players with gamma = {g}."
            )
        compute = capital / np.array(self.quality, float)
        return {
            "capital": capital,
            "compute": compute,
            "share": share,
            "spending": spending,
            "payoffs": V * share - spending,
            "dissipation": float(spending.sum() / V),
        }

    @staticmethod
    def _stein_capital(c: np.ndarray, V: float) -> np.ndarray:
        order = np.argsort(c)
        m = 2
        while m < len(c) and c[order[m]] < c[order[: m + 1]].sum() / m:
            m += 1
        active = order[:m]
        total = V * (m - 1) / c[active].sum()
        capital = np.zeros(len(c))
        capital[active] = total * (1 - c[active] * total / V)
        return capital
