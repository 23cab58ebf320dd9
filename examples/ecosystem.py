"""Ecosystems: is the AI race won by adoption speed, do ecosystems lock in,
and where are the chokepoints of the AI stack?

Run: ``python examples/ecosystem.py`` (about ten seconds). Every number
printed is computed here by stratgame.ecosystem; the sentences around them
say what the numbers mean. The parameters are stylized, not estimates of any
real market.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _output import can_draw, out_dir, save

from stratgame.ecosystem import (
    AIStack,
    ArthurModel,
    PlatformMarket,
    barabasi_albert_network,
    bass_adoption,
    bass_time_to,
    contagion_threshold,
    threshold_cascade,
    urn_share_distribution,
    watts_strogatz,
)


def heading(text: str) -> None:
    print(f"\n{text}\n{'-' * len(text)}")


def adoption_speed_versus_quality() -> None:
    heading("1. Adoption speed versus quality")
    p = 0.03
    q_fast, q_slow = 0.6, 0.3  # word of mouth: open weights, cheap API, ...
    t_fast, t_slow = bass_time_to(0.5, p, q_fast), bass_time_to(0.5, p, q_slow)
    print(
        f"Bass diffusion with innovation p = {p}: the fast-spreading lab "
        f"(imitation q = {q_fast}) reaches half its market after {t_fast:.1f} "
        f"periods, the slow one (q = {q_slow}) after {t_slow:.1f}."
    )
    horizon = 4.0
    fast, slow = bass_adoption(horizon, p, q_fast), bass_adoption(horizon, p, q_slow)
    seed = float(fast / (fast + slow))
    print(
        f"When the market starts to consolidate at t = {horizon:.0f}, the fast "
        f"lab holds {seed:.0%} of the users committed so far."
    )
    print("\nHow much worse can the fast lab's model be and still win the market?")
    print(f"{'network effect':>16s} {'tolerable quality deficit':>28s}")
    for strength in (0.5, 1.0, 2.0, 3.0, 4.0):
        market = PlatformMarket([1.0, 1.0], network_effect=strength, intensity=2.0)
        gap = round(market.tipping_quality_gap(seed), 3) + 0.0  # no "-0.000"
        print(f"{strength:>16.1f} {gap:>28.3f}")
    print(
        "With weak network effects (intensity * strength below 2 there is a single "
        "equilibrium) the head start buys almost nothing: quality decides. "
        "Once network effects are strong, the market tips to whoever is ahead, "
        "and the early lead is worth a real quality deficit: here speed, not "
        "model quality, wins."
    )


def lock_in() -> None:
    heading("2. Lock-in under increasing returns")
    model = ArthurModel(a_r=1.0, b_r=0.7, a_s=0.8, b_s=1.0, r=0.05, s=0.05, p_r=0.45)
    upper, lower = model.barriers()
    print(
        "Arthur (1989): two kinds of adopters, each with a favourite technology; "
        "every adoption makes a technology more valuable to the next adopter."
    )
    print(
        f"Technology A locks in once it leads by {upper} adopters, B once it "
        f"leads by {lower}. A is favoured by only 45% of arrivals, yet it "
        f"takes the whole market with probability "
        f"{model.lock_in_probability():.2f}; lock-in comes after "
        f"{model.expected_lock_in_time():.0f} adoptions on average."
    )
    k, prob = urn_share_distribution((1, 1), 1000, alpha=2.0)
    share = (1 + k) / 1002
    monopoly = prob[(share > 0.9) | (share < 0.1)].sum()
    k, prob = urn_share_distribution((1, 1), 1000, alpha=1.0)
    share = (1 + k) / 1002
    classic = prob[(share > 0.9) | (share < 0.1)].sum()
    print(
        f"In an urn with increasing returns (adoption probability x^2 / (x^2 + "
        f"(1 - x)^2)), one technology ends above 90% of the market with "
        f"probability {monopoly:.2f} after 1000 adoptions; with proportional "
        f"returns (Pólya's urn) only {classic:.2f}. Which one wins is decided by "
        "the first few, random, adoptions: ecosystems lock in."
    )


def cascades() -> None:
    heading("3. Seeding a network: hubs versus random early adopters")
    net = barabasi_albert_network(20_000, 3, rng=1)
    k = net.n_nodes // 100
    for theta in (0.2, 0.3, 0.4):
        hubs = threshold_cascade(net, theta, seeds="degree", n_seeds=k)
        random = threshold_cascade(net, theta, seeds="random", n_seeds=k, rng=2)
        print(
            f"threshold {theta:.1f}: 1% hub seeds reach {hubs.fraction:6.1%} in "
            f"{hubs.rounds:2d} rounds; 1% random seeds reach {random.fraction:6.1%}"
        )
    print(
        "On a scale-free network of developers, winning the hubs (large "
        "platforms, popular tools) decides whether adoption cascades."
    )
    ring = contagion_threshold(watts_strogatz(400, 4, 0.0, rng=0), n_trials=20, rng=0)
    small_world = contagion_threshold(
        watts_strogatz(400, 4, 0.2, rng=0), n_trials=20, rng=0
    )
    print(
        f"Contagion threshold (Morris 2000): {ring:.2f} on a regular lattice, "
        f"{small_world:.2f} once 20% of links are rewired. A technology spreads "
        "from a small group only if users need less than that share of their "
        "contacts on board."
    )


def chokepoints() -> None:
    heading("4. Chokepoints in an AI stack")
    layers = {
        "foundries": ["foundry_main", "foundry_alt"],
        "chips": ["gpu_vendor", "asic_vendor", "domestic_chip"],
        "cloud": ["cloud_a", "cloud_b", "cloud_c", "regional_cloud"],
        "models": ["frontier_lab_1", "frontier_lab_2", "open_model", "regional_lab"],
        "apps": ["assistant", "coding_tool", "search", "enterprise_suite"],
    }
    supplies = [
        ("foundry_main", "gpu_vendor"),
        ("foundry_main", "asic_vendor"),
        ("foundry_alt", "domestic_chip"),
        ("gpu_vendor", "cloud_a"),
        ("gpu_vendor", "cloud_b"),
        ("gpu_vendor", "cloud_c"),
        ("asic_vendor", "cloud_b"),
        ("domestic_chip", "regional_cloud"),
        ("cloud_a", "frontier_lab_1"),
        ("cloud_b", "frontier_lab_2"),
        ("cloud_c", "open_model"),
        ("cloud_b", "open_model"),
        ("regional_cloud", "regional_lab"),
        ("frontier_lab_1", "assistant"),
        ("frontier_lab_2", "coding_tool"),
        ("open_model", "coding_tool"),
        ("frontier_lab_1", "search"),
        ("open_model", "enterprise_suite"),
        ("regional_lab", "enterprise_suite"),
    ]
    stack = AIStack(layers, supplies)
    print(stack)
    print("Single points of failure (firm: firms cut off if it disappears):")
    for firm, lost in stack.chokepoints()[:5]:
        print(f"  {firm:16s} {lost}")
    impact = stack.impact(removed=["foundry_main"])
    print(
        f"Losing the main foundry leaves {impact.final_layer_share:.0%} of the "
        f"applications supplied."
    )
    cut = stack.minimum_firm_cut()
    print(f"The fewest firms whose loss cuts every application: {sorted(cut)}.")
    links = stack.minimum_link_cut(["assistant", "search"])
    print(
        "Export controls: the fewest supply links to cut to deny the assistant "
        f"and search products: {sorted(links)}."
    )
    control = stack.impact(cut=links)
    print(f"Firms cut off by those controls: {sorted(control.lost)}.")
    print(
        "One foundry and one GPU vendor sit under most of the stack: the "
        "'no single chokepoint' goal fails at the bottom layers, and a second "
        "source there (the alternative foundry path) is what keeps part of "
        "the application layer alive."
    )


def main(out: Path = Path("out")) -> None:
    np.set_printoptions(precision=3)
    adoption_speed_versus_quality()
    lock_in()
    cascades()
    chokepoints()
    if can_draw():
        import matplotlib.pyplot as plt

        times = np.linspace(0, 12, 200)
        _, ax = plt.subplots(figsize=(6, 4))
        for q, who in ((0.6, "fast-spreading lab"), (0.3, "slow-spreading lab")):
            ax.plot(times, bass_adoption(times, 0.03, q), label=f"{who} (q = {q})")
        ax.set_xlabel("periods")
        ax.set_ylabel("share of its market adopted")
        ax.set_title("Bass diffusion: adoption speed")
        ax.legend()
        save(ax, out, "ecosystem_adoption.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
