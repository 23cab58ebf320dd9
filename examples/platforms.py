"""Platforms: premium against low-cost with network effects (Android against
iPhone), Katz-Shapiro compatibility, a two-sided platform that pays one side,
and competing two-sided platforms. Run with ``python examples/platforms.py``.
Illustrative numbers, not data."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import (
    CompetingPlatforms,
    NetworkEffectsCournot,
    PremiumVsLowCost,
    TwoSidedPlatform,
)


def premium_vs_low_cost(out: Path) -> None:
    base = PremiumVsLowCost(q_high=1.0, q_low=0.4, cost_high=0.2)
    print("Premium (quality 1, cost 0.2) against low cost (quality 0.4, cost 0):")
    print(f"{'network effect':>14} {'prices':>15} {'shares':>15} {'unserved':>9}")
    effects = (0.0, 0.05, 0.1, 0.15, 0.2)
    for v in effects:
        cf = base.replace(network_effect=v).closed_form()
        prices = "/".join(f"{p:.3f}" for p in cf["prices"])
        shares = "/".join(f"{s:.3f}" for s in cf["shares"])
        print(f"{v:14.2f} {prices:>15} {shares:>15} {cf['unserved']:9.3f}")
    print(
        f"The low-cost platform draws level at network effect "
        f"{base.share_parity_network_effect():.3f} and leads beyond it."
    )
    if can_draw():
        import matplotlib.pyplot as plt

        shares = [
            base.replace(network_effect=v).closed_form()["shares"] for v in effects
        ]
        _, ax = plt.subplots(figsize=(6, 4))
        for k, name in enumerate(("premium", "low cost")):
            ax.plot(effects, [s[k] for s in shares], marker="o", label=name)
        ax.set_xlabel("network effect")
        ax.set_ylabel("market share")
        ax.set_title("Premium against low cost")
        ax.legend()
        save(ax, out, "platform_shares.png")
    model = base.replace(network_effect=0.15)
    eq = sg.solve(model.game(), n_starts=1, rng=0).equilibria[0]
    print(
        "Solver's prices given fulfilled expectations: "
        + ", ".join(f"{a:.4f}" for a in eq.actions)
        + " (closed form "
        + ", ".join(f"{p:.4f}" for p in model.closed_form()["prices"])
        + ")."
    )


def compatibility() -> None:
    print("\nKatz-Shapiro: three firms, network benefit 0.6 per unit of network")
    for compatible in (False, True):
        cf = NetworkEffectsCournot(A=10, n_firms=3, v=0.6, compatible=compatible)
        cf = cf.closed_form()
        label = "compatible" if compatible else "incompatible"
        print(
            f"  {label:>12}: output {cf['total_output']:.2f}, profit per firm "
            f"{cf['profit']:.2f}, consumer surplus {cf['consumer_surplus']:.2f}"
        )


def two_sided() -> None:
    print("\nA two-sided platform (Rochet-Tirole), sellers value it more:")
    for allow in (True, False):
        cf = TwoSidedPlatform(a_buyers=1, a_sellers=4, allow_subsidies=allow)
        cf = cf.closed_form()
        print(
            f"  subsidies {'allowed' if allow else 'ruled out'}: buyers pay "
            f"{cf['prices'][0]:.3f}, sellers {cf['prices'][1]:.3f}, profit "
            f"{cf['profit']:.3f}"
        )
    model = CompetingPlatforms(t=(1.0, 1.0), alpha=(0.2, 1.5))
    cf = model.closed_form()
    print(
        "Two competing platforms (Armstrong): group 1 pays "
        f"{cf['prices'][0]:.2f}, group 2 pays {cf['prices'][1]:.2f}; "
        f"each platform earns {cf['profit']:.2f}."
    )
    print(
        "The side that the other side values most is courted with low or "
        "negative prices."
    )


if __name__ == "__main__":
    premium_vs_low_cost(out_dir(__doc__))
    compatibility()
    two_sided()
