r"""Export controls with several supplier nations, leakage and the
open-weight counter, as an N-player game.

**Players.** :math:`K \ge 2` supplier nations (chips, tools) each choose
``restrict`` or ``allow`` exports to a target nation; the target chooses
how to pursue efficiency: ``closed`` (a private gain :math:`e_c`) or
``open`` weights (a larger gain :math:`e_o \ge e_c` that a community helps
build -- Lerner & Tirole 2002 -- but that is non-excludable: the suppliers'
bloc adopts a fraction :math:`s` of it, ``spillover``). :math:`2^{K + 1}`
profiles.

**Leakage.** Supplier :math:`j` provides a share :math:`m_j` of the
target's compute (``market_share``, :math:`\sum_j m_j \le 1`; the rest is
domestic). When the coalition :math:`S` restricts, the blocked share is
:math:`R = \sum_{j \in S} m_j`, and part of it leaks back: a fraction
:math:`\kappa` (``cloud_access``) by renting compute abroad, and a
fraction :math:`\theta (1 - R)` (``third_country`` :math:`\theta`) of the
rest by re-export through the suppliers that still sell -- the more of the
market stays open, the easier transshipment:

.. math::

    \lambda(S) = 1 - (1 - \kappa)\,(1 - \theta (1 - R)), \qquad
    X(S) = 1 - R\,(1 - \lambda(S)) ,

the target's compute relative to no controls.

**The race.** Effective capital is compute times efficiency: the target's
:math:`K_T = X(S)(1 + e)`, with :math:`e = e_o` when open and :math:`e_c`
when closed; the bloc's :math:`K_B = B (1 + s e_o [\text{open}])`
(``bloc_capital`` :math:`B`). The prize :math:`V` (``prize``) is split in
the Tullock proportion :math:`K_T / (K_T + K_B)` (Tullock 1980, as in
:class:`~stratgame.models.ComputeRace`).

**Payoffs.** The target gets :math:`V K_T / (K_T + K_B)`. Supplier
:math:`j` values the bloc's share by its weight :math:`w_j`
(``security_weight``: the bloc's lead is a public good among the
suppliers); restricting costs it the export revenue :math:`r m_j`
(``export_revenue`` :math:`r` per unit share) and the target's retaliation
:math:`\rho` (``retaliation``); a supplier that allows gains the re-exported
sales, :math:`r m_j \theta R` (its share :math:`m_j / (1 - R)` of the
rerouted :math:`\theta R (1 - R)`):

.. math::

    u_j = w_j V \frac{K_B}{K_T + K_B}
          - [j \in S]\,(r m_j + \rho) + [j \notin S]\, r m_j \theta R .

**Closed forms.** The target's choice does not depend on :math:`S`: open
raises its share exactly when :math:`(1 + e_o) / (1 + s e_o) > 1 + e_c`.
The open-source counter *offsets* controls by coalition :math:`S` -- the
target's share under controls with open weights is at least its share
without controls and with closed efficiency -- exactly when

.. math::

    \frac{X(S)(1 + e_o)}{1 + s e_o} \ge 1 + e_c
    \iff s \le s^*(S) = \frac{X(S)(1 + e_o) - 1 - e_c}{(1 + e_c) e_o} ,

so the offset is not an identity (as it is when only :math:`r / q` matters,
:class:`~stratgame.models.ComputeRace`): it fails when the rival takes up
the open gains, and when controls leak little. Which coalitions of
restrictors are *stable* (d'Aspremont, Jacquemin, Gabszewicz & Weymark 1983,
"On the stability of collusive price leadership", *Can. J. Econ.* 16:
no member gains by leaving, no outsider by joining) is read from the
game's equilibria: a pure equilibrium's set of restrictors is a stable
coalition given the target's best reply (:meth:`ExportControlGame.coalition`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_real
from ..exceptions import InvalidParameterError
from ..games import NormalFormGame
from ._base import Model, register_model

__all__ = ["ExportControlGame"]


@register_model("export_control_game")
@dataclass(frozen=True)
class ExportControlGame(Model):
    """Supplier nations choose whether to restrict exports to a target that
    answers with closed or open-weight efficiency; controls leak through
    third countries and cloud access (an N-player game).

    Parameters
    ----------
    suppliers : tuple of str
        The supplier nations (at least 2).
    market_share : tuple of float
        ``m_j >= 0``: each supplier's share of the target's compute, summing
        to at most 1.
    security_weight : tuple of float
        ``w_j >= 0``: how much each supplier values the bloc's share of the
        prize (per unit of prize).
    prize : float
        ``V > 0``: the prize of the race (money, e.g. $bn).
    bloc_capital : float
        ``B > 0``: the bloc's effective capital relative to the target's
        uncontrolled compute.
    export_revenue : float
        ``r >= 0``: export revenue per unit share of the target's compute
        (money).
    retaliation : float
        ``rho >= 0``: the target's retaliation against each restrictor
        (money).
    cloud_access : float
        ``kappa`` in ``[0, 1]``: fraction of blocked compute rented abroad.
    third_country : float
        ``theta`` in ``[0, 1]``: fraction of blocked compute re-exported when
        the whole market stays open (scaled by the open share ``1 - R``).
    open_efficiency, closed_efficiency : float
        ``e_o >= e_c >= 0``: the target's efficiency gain with open or
        closed weights (effective capital per unit of compute, minus 1).
    spillover : float
        ``s`` in ``[0, 1]``: fraction of the open-weight gain the bloc adopts.
    target : str

    The defaults are illustrative, not estimates: three suppliers with
    half, a quarter and a fifth of the target's compute.

    Examples
    --------
    >>> import stratgame as sg
    >>> model = ExportControlGame()
    >>> game = model.game()
    >>> game.shape
    (2, 2, 2, 2)
    >>> result = sg.solve(game, method="pure")
    >>> sorted(model.coalition(eq) for eq in result.equilibria)
    [(), ('US', 'Netherlands', 'Japan')]
    >>> round(model.offset_threshold(("Netherlands",)), 3)
    0.334
    """

    suppliers: tuple = ("US", "Netherlands", "Japan")
    market_share: tuple = (0.5, 0.25, 0.2)
    security_weight: tuple = (1.0, 0.6, 0.6)
    prize: float = 10.0
    bloc_capital: float = 1.0
    export_revenue: float = 2.0
    retaliation: float = 0.2
    cloud_access: float = 0.2
    third_country: float = 0.3
    open_efficiency: float = 0.8
    closed_efficiency: float = 0.2
    spillover: float = 0.3
    target: str = "China"

    source = (
        "Tullock (1980); d'Aspremont, Jacquemin, Gabszewicz & Weymark (1983); "
        "Lerner & Tirole (2002)"
    )

    def validate(self) -> None:
        owner = "ExportControlGame"
        k = len(self.suppliers)
        if k < 2 or len(set(self.suppliers)) != k or self.target in self.suppliers:
            raise InvalidParameterError(
                f"The 'suppliers' parameter of {owner} must hold at least two "
                f"distinct names other than the target. Got {self.suppliers!r} "
                "instead."
            )
        for name in ("market_share", "security_weight"):
            value = getattr(self, name)
            if isinstance(value, str) or np.ndim(value) != 1 or len(value) != k:
                raise InvalidParameterError(
                    f"The {name!r} parameter of {owner} must hold one number per "
                    f"supplier ({k}). Got {value!r} instead."
                )
            for j, v in enumerate(value):
                check_real(v, f"{name}[{j}]", owner, low=0)
        if sum(float(m) for m in self.market_share) > 1 + 1e-12:
            raise InvalidParameterError(
                f"The 'market_share' parameter of {owner} must sum to at most 1. "
                f"Got {self.market_share!r} instead."
            )
        self._check_real("prize", low=0, low_open=True)
        self._check_real("bloc_capital", low=0, low_open=True)
        self._check_real("export_revenue", low=0)
        self._check_real("retaliation", low=0)
        self._check_real("cloud_access", low=0, high=1)
        self._check_real("third_country", low=0, high=1)
        self._check_real("closed_efficiency", low=0)
        self._check_real("open_efficiency", low=float(self.closed_efficiency))
        self._check_real("spillover", low=0, high=1)

    # ------------------------------------------------------------ pieces
    @property
    def players(self) -> tuple[str, ...]:
        """The suppliers, then the target."""
        return (*self.suppliers, self.target)

    def _members(self, coalition) -> np.ndarray:
        mask = np.zeros(len(self.suppliers), bool)
        for member in coalition:
            if member not in self.suppliers:
                raise InvalidParameterError(
                    f"{member!r} is not a supplier of ExportControlGame; the "
                    f"suppliers are {self.suppliers!r}."
                )
            mask[self.suppliers.index(member)] = True
        return mask

    def compute_access(self, coalition) -> float:
        """``X(S) = 1 - R (1 - lambda(S))``: the target's compute when the
        suppliers in ``coalition`` restrict, relative to no controls."""
        R = float(np.asarray(self.market_share, float)[self._members(coalition)].sum())
        leak = 1 - (1 - float(self.cloud_access)) * (
            1 - float(self.third_country) * (1 - R)
        )
        return 1 - R * (1 - leak)

    def target_share(self, coalition, open_weights: bool) -> float:
        """The target's share of the prize, ``K_T / (K_T + K_B)``."""
        e = float(self.open_efficiency if open_weights else self.closed_efficiency)
        target = self.compute_access(coalition) * (1 + e)
        bloc = float(self.bloc_capital) * (
            1 + float(self.spillover) * float(self.open_efficiency) * open_weights
        )
        return target / (target + bloc)

    def payoffs(self, coalition, open_weights: bool) -> np.ndarray:
        """Every player's payoff (suppliers, then the target)."""
        members = self._members(coalition)
        m = np.asarray(self.market_share, float)
        R = float(m[members].sum())
        share = self.target_share(coalition, open_weights)
        V, r = float(self.prize), float(self.export_revenue)
        suppliers = np.asarray(self.security_weight, float) * V * (1 - share)
        suppliers -= np.where(members, r * m + float(self.retaliation), 0.0)
        suppliers += np.where(members, 0.0, r * m * float(self.third_country) * R)
        return np.append(suppliers, V * share)

    # -------------------------------------------------------------- game
    def game(self) -> NormalFormGame:
        """The normal-form game: each supplier ``restrict``/``allow``, the
        target ``closed``/``open``."""
        k = len(self.suppliers)
        arrays = np.empty((k + 1, *([2] * (k + 1))))
        for profile in itertools.product((0, 1), repeat=k + 1):
            coalition = [self.suppliers[j] for j in range(k) if profile[j] == 0]
            arrays[(slice(None), *profile)] = self.payoffs(coalition, profile[k] == 1)
        return NormalFormGame(
            list(arrays),
            players=self.players,
            actions=(*[("restrict", "allow")] * k, ("closed", "open")),
        )

    # ------------------------------------------------------ what it implies
    def coalition(self, equilibrium) -> tuple[str, ...] | None:
        """The restrictors of a pure equilibrium (the suppliers playing
        ``restrict`` with probability 1), or None when some supplier mixes."""
        strategies = getattr(equilibrium, "strategies", equilibrium)
        members = []
        for name, sigma in zip(self.suppliers, strategies, strict=False):
            sigma = np.asarray(sigma, float)
            if np.isclose(sigma[0], 1.0):
                members.append(name)
            elif not np.isclose(sigma[1], 1.0):
                return None
        return tuple(members)

    def offset_threshold(self, coalition) -> float:
        """``s*(S)``: the largest spillover at which open weights under
        controls by ``coalition`` leave the target at least as well placed
        as closed efficiency without controls (negative: never)."""
        x = self.compute_access(coalition)
        e_o, e_c = float(self.open_efficiency), float(self.closed_efficiency)
        if e_o == 0:
            return float("inf") if x >= 1 + e_c else float("-inf")
        return (x * (1 + e_o) - 1 - e_c) / ((1 + e_c) * e_o)

    def closed_form(self) -> dict:
        """The target's dominant choice and, for every coalition, the compute
        access ``X(S)`` and the offset threshold ``s*(S)``.

        Returns
        -------
        dict
            ``target_opens``: True when ``(1 + e_o) / (1 + s e_o) > 1 +
            e_c``; ``compute_access`` and ``offset_threshold``: dicts by
            coalition (tuples of supplier names).
        """
        e_o, e_c, s = (
            float(self.open_efficiency),
            float(self.closed_efficiency),
            float(self.spillover),
        )
        coalitions = [
            tuple(c)
            for size in range(len(self.suppliers) + 1)
            for c in itertools.combinations(self.suppliers, size)
        ]
        return {
            "target_opens": bool((1 + e_o) / (1 + s * e_o) > 1 + e_c),
            "compute_access": {c: self.compute_access(c) for c in coalitions},
            "offset_threshold": {c: self.offset_threshold(c) for c in coalitions},
        }
