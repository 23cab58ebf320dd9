r"""Cournot complements: independent monopolists along an AI stack, and what
commoditizing one layer does.

A product needs one unit from every layer of a stack (chips, cloud, model,
application). Demand is linear, :math:`Q = a - P`, in the total price
:math:`P = \sum_k p_k`; layer :math:`k` costs :math:`c_k` per unit. A layer
is either held by an independent monopolist, which sets :math:`p_k` to
maximize :math:`(p_k - c_k) Q`, or competitive (open, commoditized), priced
at cost. Each monopolist's first-order condition :math:`Q = p_k - c_k` makes
every markup equal to output, so with :math:`m` monopolists and
:math:`C = \sum_k c_k` (Cournot 1838, *Researches*, ch. IX; Economides &
Salop 1992, "Competition and integration among complements, and network
market structure", *J. Ind. Econ.* 40(1))

.. math::

    Q = \frac{a - C}{m + 1}, \qquad P = \frac{m a + C}{m + 1}, \qquad
    \pi_k = Q^2, \qquad CS = \frac{Q^2}{2} .

The total price rises with every extra chokepoint (:math:`m`), above the
integrated monopoly price :math:`(a + C)/2` as soon as :math:`m \ge 2`: each
monopolist ignores that its markup lowers the others' sales (the tragedy of
the anticommons). Commoditizing one layer (:math:`m \to m - 1`) therefore
raises both the remaining monopolists' profit, from
:math:`((a - C)/(m + 1))^2` to :math:`((a - C)/m)^2`, and consumer surplus
-- "commoditize your complement" (Shapiro & Varian 1999, *Information
Rules*, ch. 9).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import ContinuousGame
from ._base import Model, register_model

__all__ = ["Complements"]

_AI_STACK = ("chips", "cloud", "model", "app")


@register_model("complements")
@dataclass(frozen=True)
class Complements(Model):
    """Independent monopolists over complementary layers of a stack.

    Parameters
    ----------
    n_layers : int
        Number of layers, ``>= 1``.
    a : float
        Demand intercept (the highest willingness to pay), above the total
        cost.
    costs : float or sequence of float
        Unit cost of each layer (one number for all), ``>= 0``.
    competitive : tuple of int
        Layers priced at cost (open or commoditized); the others are held by
        monopolists.
    layers : tuple of str, optional
        Layer names; default ``("chips", "cloud", "model", "app")`` for four
        layers, else ``("layer 1", ...)``.

    Ints and Fractions give exact closed forms.

    Examples
    --------
    >>> stack = Complements(n_layers=4, a=10, costs=0)
    >>> cf = stack.closed_form()
    >>> cf["output"], cf["total_price"], cf["monopolist_profit"]
    (Fraction(2, 1), Fraction(8, 1), Fraction(4, 1))
    >>> open_model = stack.commoditize("model").closed_form()
    >>> open_model["monopolist_profit"], open_model["consumer_surplus"]
    (Fraction(25, 4), Fraction(25, 8))
    """

    n_layers: int = 4
    a: float = 10
    costs: float | tuple = 0
    competitive: tuple = ()
    layers: tuple | None = None

    source = "Cournot (1838); Economides & Salop (1992)"

    def validate(self) -> None:
        check_integer(self.n_layers, "n_layers", "Complements", low=1)
        costs = self.unit_costs
        for k, c in enumerate(costs):
            check_real(c, f"costs[{k}]", "Complements", low=0)
        self._check_real("a", low=sum(costs), low_open=True)
        for k in self.competitive:
            check_integer(k, "competitive layer", "Complements", low=0)
            if k >= self.n_layers:
                raise InvalidParameterError(
                    f"The 'competitive' parameter of Complements must hold layer "
                    f"indices below {self.n_layers}. Got {self.competitive!r} instead."
                )
        if len(set(self.competitive)) != len(self.competitive):
            raise InvalidParameterError(
                "The 'competitive' parameter of Complements must not repeat a "
                f"layer. Got {self.competitive!r} instead."
            )
        if self.layers is not None and (
            len(self.layers) != self.n_layers or len(set(self.layers)) != self.n_layers
        ):
            raise InvalidParameterError(
                f"The 'layers' parameter of Complements must hold {self.n_layers} "
                f"distinct names. Got {self.layers!r} instead."
            )

    @property
    def unit_costs(self) -> tuple:
        """One cost per layer (Fractions when every input is exact)."""
        if isinstance(self.costs, numbers.Real):
            costs = (self.costs,) * int(self.n_layers)
        elif np.ndim(self.costs) == 1 and len(self.costs) == self.n_layers:
            costs = tuple(self.costs)
        else:
            raise InvalidParameterError(
                f"The 'costs' parameter of Complements must be one number or "
                f"{self.n_layers} numbers (one per layer). Got {self.costs!r} instead."
            )
        if all(isinstance(c, numbers.Rational) for c in (*costs, self.a)):
            return tuple(Fraction(c) for c in costs)
        return costs

    @property
    def layer_names(self) -> tuple[str, ...]:
        """The names of the layers."""
        if self.layers is not None:
            return tuple(self.layers)
        if self.n_layers == len(_AI_STACK):
            return _AI_STACK
        return tuple(f"layer {k + 1}" for k in range(self.n_layers))

    @property
    def monopolists(self) -> tuple[int, ...]:
        """Indices of the layers held by monopolists."""
        return tuple(k for k in range(self.n_layers) if k not in self.competitive)

    def _index(self, layer) -> int:
        if isinstance(layer, str):
            if layer not in self.layer_names:
                raise InvalidParameterError(
                    f"Complements has no layer {layer!r}; its layers are "
                    f"{self.layer_names!r}."
                )
            return self.layer_names.index(layer)
        return check_integer(
            layer, "layer", "Complements", low=0, high=self.n_layers - 1
        )

    def commoditize(self, layer) -> Complements:
        """A copy in which ``layer`` (index or name) is priced at cost."""
        k = self._index(layer)
        if k in self.competitive:
            return self
        return self.replace(competitive=(*self.competitive, k))

    def add_chokepoint(self, cost: float = 0, name: str | None = None) -> Complements:
        """A copy with one more monopolized layer of unit cost ``cost``."""
        name = f"layer {self.n_layers + 1}" if name is None else name
        return self.replace(
            n_layers=self.n_layers + 1,
            costs=(*self.unit_costs, cost),
            layers=(*self.layer_names, name),
        )

    def profits(self, prices) -> np.ndarray:
        """Each monopolist's profit ``(p_k - c_k) max(a - P, 0)`` when the
        monopolists charge ``prices`` (in the order of :attr:`monopolists`)
        and competitive layers charge their cost."""
        costs = np.array([float(c) for c in self.unit_costs])
        held = list(self.monopolists)
        prices = np.asarray(prices, float)
        total = prices.sum() + np.delete(costs, held).sum()
        return (prices - costs[held]) * max(float(self.a) - total, 0.0)

    def game(self) -> ContinuousGame:
        """The monopolists choosing prices in ``[c_k, a]`` at once."""
        held = self.monopolists
        if not held:
            raise InvalidParameterError(
                "Complements has no monopolist left to choose a price: every "
                "layer is competitive."
            )
        costs = [float(c) for c in self.unit_costs]
        bounds = [(costs[k], float(self.a)) for k in held]
        return ContinuousGame(
            lambda prices: self.profits(prices),
            bounds=bounds,
            players=tuple(self.layer_names[k] for k in held),
            symmetric=len({costs[k] for k in held}) == 1,
            title="Cournot complements",
        )

    def closed_form(self) -> dict:
        """Output, prices, profits and consumer surplus, with the integrated
        monopoly as benchmark (see the module docstring).

        Returns
        -------
        dict
            ``output`` ``Q``, ``total_price`` ``P``, ``prices`` (a tuple by
            layer), ``monopolist_profit`` ``Q^2``, ``industry_profit``,
            ``consumer_surplus`` ``Q^2 / 2``, ``total_surplus`` and the
            integrated monopoly's ``integrated_output``, ``integrated_price``
            and ``integrated_profit``.
        """
        costs = self.unit_costs
        total_cost = sum(costs)
        m = len(self.monopolists)
        output = (self.a - total_cost) / (m + 1)
        prices = tuple(
            c + output if k in self.monopolists else c for k, c in enumerate(costs)
        )
        integrated = (self.a - total_cost) / 2
        return {
            "output": output,
            "total_price": total_cost + m * output,
            "prices": prices,
            "monopolist_profit": output**2 if m else 0 * output,
            "industry_profit": m * output**2,
            "consumer_surplus": output**2 / 2,
            "total_surplus": m * output**2 + output**2 / 2,
            "integrated_output": integrated,
            "integrated_price": total_cost + integrated,
            "integrated_profit": integrated**2,
        }
