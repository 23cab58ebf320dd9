"""Commoditize your complement: independent monopolists along the AI stack
(chips, cloud, model, app) price like Cournot complements; opening one layer
helps everyone else. Run with ``python examples/complements.py``.
Illustrative numbers, not data."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import Complements


def show(label: str, stack: Complements) -> float:
    cf = stack.closed_form()
    print(
        f"{label:<28} price {float(cf['total_price']):6.2f}  output "
        f"{float(cf['output']):5.2f}  profit per monopolist "
        f"{float(cf['monopolist_profit']):6.2f}  consumer surplus "
        f"{float(cf['consumer_surplus']):6.2f}"
    )
    return float(cf["total_price"])


def main(out: Path = Path("out")) -> None:
    stack = Complements(n_layers=4, a=20, costs=(2, 1, 1, 0))
    prices = {
        "four monopolists": show("four monopolists", stack),
        "open model": show("open-weight model layer", stack.commoditize("model")),
        "open model\nand cloud": show(
            "open model and cloud", stack.commoditize("model").commoditize("cloud")
        ),
    }
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
        prices[f"+ {name}"] = show(f"with {name} as a chokepoint", longer)
    print(
        "Every added chokepoint raises the total price and lowers output; "
        "every opened layer does the reverse."
    )
    if can_draw():
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4))
        ax.bar(list(prices), list(prices.values()), color="C0")
        ax.set_ylabel("total price of the stack")
        ax.set_title("Complements: chokepoints stack their markups")
        save(ax, out, "complements_prices.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
