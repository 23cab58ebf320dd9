r"""Open weights as a choice for an owner of several layers: commoditize the
complement, with the opener's own motive computed.

**Setting.** The AI stack of :class:`~stratgame.models.Complements`: a
product needs one unit of every layer, demand is :math:`Q = A - P` in the
total price, layer costs sum to :math:`C`, and independent monopolists
price their layers (Cournot 1838; Economides & Salop 1992). Here layers
have *owners*: an owner of several monopolized layers sets their total
markup as one price-setter, so with :math:`n` price-setters every markup is
:math:`Q = (A - C)/(n + 1)` and every price-setter earns :math:`Q^2`.

**The owners.** The *platform* owns the chips layer (``owns_chips``) and
has a model of its own, :math:`d \ge 0` worse than the frontier model of an
independent *lab*, which holds the model layer; ``independent_layers``
other layers (cloud, applications) are held by independent monopolists.
Closed, the lab's model is unconstrained: :math:`n_c = [\text{chips}] + 1 +
m` price-setters and

.. math::

    Q_c = \frac{A - C}{n_c + 1}, \qquad \pi^{\text{platform}}_c = Q_c^2 .

**Opening.** Releasing the platform's model as open weights (priced at
cost) does two things: an open model enlarges demand by :math:`g`
(``demand_expansion``: fine-tunes, applications; :math:`A' = A + g`), and
users can now take the free model, so the lab's markup is capped at the
quality gap :math:`d` (limit pricing). Unconstrained, the lab would mark up
:math:`Q_u = (A' - C)/(n_c + 1)`; when :math:`d < Q_u` the cap binds and the
other :math:`n_c - 1` price-setters share :math:`A' - C - d`:

.. math::

    Q_o = \frac{A' - C - d}{n_c} \quad (d < Q_u), \qquad Q_o = Q_u
    \quad (d \ge Q_u) .

The platform's gain from opening is
:math:`G = [\text{chips}](Q_o^2 - Q_c^2) - F` (``release_cost`` :math:`F`:
the training cost not recouped, licensing forgone). It opens when
:math:`G > 0`: the cap moves the lab's markup into chip sales -- the
complement is commoditized. With the cap binding this holds exactly when

.. math::

    d < d^* = A' - C - n_c \sqrt{Q_c^2 + F} ,

so opening pays an owner of chips + model when its model is close enough to
the frontier (or the ecosystem gain :math:`g` is large), and never pays a
pure model lab (no complement to sell: :math:`G = -F`), nor a platform
whose open model is too weak to discipline the frontier
(:math:`d \ge Q_u`, :math:`g = 0`: :math:`G = -F`).

**The game.** The platform and the lab each choose ``closed`` or ``open``;
payoffs are the profits of the pricing equilibrium that follows (a
two-stage game reduced to its first stage). If the lab opens, the model
layer is priced at cost and the lab earns nothing. Consumer surplus is
:math:`Q^2/2` throughout.

Sources: Shapiro & Varian (1999), *Information Rules*, ch. 9 (commoditize
the complement); Economides & Katsamakas (2006), "Two-sided competition of
proprietary vs. open source technology platforms", *Management Science*
52: 1057-1071 (an open layer raises the value of the proprietary
complements its owner sells); Casadesus-Masanell & Ghemawat (2006),
"Dynamic mixed duopoly: a model motivated by Linux vs. Windows",
*Management Science* 52: 1072-1084 (a free rival caps the proprietary
price).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer
from ..exceptions import InvalidParameterError
from ..games import NormalFormGame
from ._base import Model, register_model

__all__ = ["LayerOwnership"]


@register_model("layer_ownership")
@dataclass(frozen=True)
class LayerOwnership(Model):
    """A platform owning chips and a model decides whether to open its model
    against a frontier lab holding the model layer (Cournot complements with
    owners).

    Parameters
    ----------
    a : float
        ``A``: demand intercept (highest willingness to pay, money per unit),
        above ``total_cost``.
    total_cost : float
        ``C >= 0``: the sum of the layers' unit costs (money per unit).
    independent_layers : int
        ``m >= 0``: other monopolized layers (cloud, applications).
    owns_chips : bool
        Whether the platform also owns the (monopolized) chips layer; False
        makes it a pure model lab.
    quality_gap : float
        ``d >= 0``: how much less the platform's model is worth to users
        than the lab's (money per unit).
    demand_expansion : float
        ``g >= 0``: the rise in the demand intercept when a model is open.
    release_cost : float
        ``F >= 0``: what opening costs the platform directly (money).
    players : pair of str

    The defaults are illustrative, not estimates.

    Examples
    --------
    >>> import stratgame as sg
    >>> model = LayerOwnership()
    >>> cf = model.closed_form()
    >>> round(cf["opening_gain"], 3), round(cf["quality_gap_threshold"], 3)
    (0.75, 1.383)
    >>> eq = sg.solve(model.game(), method="pure").equilibria
    >>> [model.game().actions[0][int(e.support[0][0])] for e in eq]
    ['open']
    """

    a: float = 10.0
    total_cost: float = 0.0
    independent_layers: int = 1
    owns_chips: bool = True
    quality_gap: float = 1.0
    demand_expansion: float = 0.0
    release_cost: float = 2.0
    players: tuple = ("platform", "lab")

    source = (
        "Cournot (1838); Economides & Salop (1992); Economides & Katsamakas "
        "(2006); Casadesus-Masanell & Ghemawat (2006); Shapiro & Varian (1999)"
    )

    def validate(self) -> None:
        owner = "LayerOwnership"
        self._check_real("total_cost", low=0)
        self._check_real("a", low=float(self.total_cost), low_open=True)
        check_integer(self.independent_layers, "independent_layers", owner, low=0)
        if not isinstance(self.owns_chips, bool):
            raise InvalidParameterError(
                f"The 'owns_chips' parameter of {owner} must be True or False. "
                f"Got {self.owns_chips!r} instead."
            )
        self._check_real("quality_gap", low=0)
        self._check_real("demand_expansion", low=0)
        self._check_real("release_cost", low=0)
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                f"The 'players' parameter of {owner} must be two distinct labels. "
                f"Got {self.players!r} instead."
            )

    @property
    def price_setters(self) -> int:
        """``n_c``: price-setters when both models are closed."""
        return int(self.owns_chips) + 1 + int(self.independent_layers)

    def outcome(self, platform_open: bool, lab_open: bool) -> dict:
        """Output ``Q``, the lab's markup and both owners' profits after the
        pricing stage, for the given openness choices."""
        A = float(self.a) + (
            float(self.demand_expansion) if platform_open or lab_open else 0.0
        )
        margin = A - float(self.total_cost)
        n = self.price_setters
        chips = bool(self.owns_chips)
        if lab_open:  # the model layer at cost: n - 1 price-setters
            Q = margin / n
            lab_markup = 0.0
        elif platform_open:
            Q = margin / (n + 1)
            d = float(self.quality_gap)
            if d < Q:  # the free model caps the lab's markup
                Q = (margin - d) / n
                lab_markup = d
            else:
                lab_markup = Q
        else:
            Q = margin / (n + 1)
            lab_markup = Q
        platform = (Q**2 if chips else 0.0) - float(self.release_cost) * platform_open
        return {
            "output": Q,
            "lab_markup": lab_markup,
            "profits": np.array([platform, lab_markup * Q]),
            "consumer_surplus": Q**2 / 2,
        }

    def game(self) -> NormalFormGame:
        """The platform and the lab choose ``closed`` or ``open``; payoffs
        are their profits in the pricing equilibrium that follows."""
        arrays = np.empty((2, 2, 2))
        for x in (0, 1):
            for y in (0, 1):
                arrays[:, x, y] = self.outcome(bool(x), bool(y))["profits"]
        return NormalFormGame(
            list(arrays),
            players=tuple(self.players),
            actions=(("closed", "open"), ("closed", "open")),
        )

    def closed_form(self) -> dict:
        """The platform's motive (module docstring).

        Returns
        -------
        dict
            ``closed_output`` ``Q_c``, ``open_output`` ``Q_o`` (the lab
            closed), ``opening_gain`` ``G``, ``opens`` (``G > 0``), and
            ``quality_gap_threshold`` ``d*``: opening pays for quality gaps
            below it (``inf`` when it pays at any gap, ``-inf`` at none).
        """
        closed = self.outcome(False, False)
        opened = self.outcome(True, False)
        gain = float(opened["profits"][0] - closed["profits"][0])
        n = self.price_setters
        F = float(self.release_cost)
        margin = float(self.a) + float(self.demand_expansion) - float(self.total_cost)
        if not self.owns_chips:
            threshold = float("-inf")
        elif (margin / (n + 1)) ** 2 > closed["output"] ** 2 + F:
            threshold = float("inf")  # the demand expansion alone pays
        else:
            threshold = margin - n * math.sqrt(closed["output"] ** 2 + F)
            if threshold < 0:
                threshold = float("-inf")
        return {
            "closed_output": closed["output"],
            "open_output": opened["output"],
            "opening_gain": gain,
            "opens": gain > 0,
            "quality_gap_threshold": threshold,
        }
