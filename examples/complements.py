"""Commoditize your complement: independent monopolists along the AI stack
(chips, cloud, model, app) price like Cournot complements; opening one layer
helps everyone else. Run with ``python examples/complements.py``.
Illustrative numbers, not data."""

from __future__ import annotations

import stratgame as sg
from stratgame.models import Complements


def show(label: str, stack: Complements) -> None:
    cf = stack.closed_form()
    print(
        f"{label:<28} price {float(cf['total_price']):6.2f}  output "
        f"{float(cf['output']):5.2f}  profit per monopolist "
        f"{float(cf['monopolist_profit']):6.2f}  consumer surplus "
        f"{float(cf['consumer_surplus']):6.2f}"
    )


def main() -> None:
    stack = Complements(n_layers=4, a=20, costs=(2, 1, 1, 0))
    show("four monopolists", stack)
    show("open-weight model layer", stack.commoditize("model"))
    show("open model and cloud", stack.commoditize("model").commoditize("cloud"))
    cf = stack.closed_form()
    print(
        f"One integrated firm would charge {float(cf['integrated_price']):.2f}: "
        "separate chokepoints stack their markups."
    )
    eq = sg.solve(stack.game(), n_starts=1, rng=0).equilibria[0]
    print(
        "Solver's prices: "
        + ", ".join(f"{a:.3f}" for a in eq.actions)
        + " (closed form "
        + ", ".join(f"{float(p):.3f}" for p in cf["prices"])
        + ")."
    )
    longer = stack
    for name in ("energy", "data"):
        longer = longer.add_chokepoint(cost=0, name=name)
        show(f"with {name} as a chokepoint", longer)
    print(
        "Every added chokepoint raises the total price and lowers output; "
        "every opened layer does the reverse."
    )


if __name__ == "__main__":
    main()
