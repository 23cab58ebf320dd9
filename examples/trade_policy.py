"""Brander-Spencer strategic trade policy as a two-stage game solved by
backward induction. Run with ``python examples/trade_policy.py``."""

from __future__ import annotations

from _output import out_dir

import stratgame as sg
from stratgame.models import StrategicTradePolicy


def main() -> None:
    policy = StrategicTradePolicy(a=10, b=1, cost_home=2, cost_foreign=2)
    spe = sg.solve(policy.game(), n_grid=21).equilibria[0]
    subsidy, (x_home, x_foreign) = spe.path
    closed = policy.closed_form()
    print(
        f"The home government subsidizes exports by {subsidy:.3f} per unit "
        f"(Brander-Spencer: {closed['policy']:.3f}); the home firm then sells "
        f"{x_home:.3f} and the foreign firm {x_foreign:.3f}. Home welfare rises "
        f"from {closed['free_trade_welfare']:.3f} under free trade to "
        f"{spe.payoffs[0]:.3f}, the Stackelberg leader's profit."
    )
    controls = policy.replace(instrument="export_control", control_cost=1.0)
    spe = sg.solve(controls.game(), n_grid=21).equilibria[0]
    print(
        f"With export controls instead, the government raises the rival's "
        f"cost by {spe.path[0]:.3f} (closed form "
        f"{controls.closed_form()['policy']:.3f}); home welfare "
        f"{spe.payoffs[0]:.3f}."
    )


if __name__ == "__main__":
    out_dir(__doc__)  # the examples' --out option; this one draws no figure
    main()
