"""The flagship demo: two nations, their AI labs, open against closed models,
export controls and the adoption race.

Run with ``make demo``, ``stratgame demo [--out DIR]`` or
``python examples/ai_race_demo.py``.
It prints the story as tables in plain words and, when matplotlib is
installed, saves figures to ``./out/``. Every number comes from a model of
:mod:`stratgame.models` with illustrative parameters: the models are real
(closed forms from the literature, checked by the solvers), the numbers are
not estimates from data.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import numpy as np

import stratgame as sg
from stratgame.models import (
    AdoptionRace,
    Complements,
    ComputeRace,
    OpennessGame,
    OpenVsClosed,
    PremiumVsLowCost,
)

__all__ = ["main"]

US, CHINA = "US lab", "China lab"
#: Set by the test suite to shrink the work (a coarser regime map).
QUICK = os.environ.get("STRATGAME_QUICK") == "1"


def section(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")


def table(headers, rows) -> None:
    """Print rows under headers, each column as wide as its widest cell."""
    cells = [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(row[k]) for row in cells) for k in range(len(headers))]
    for k, row in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths))


def labels(game, equilibrium) -> str:
    """An equilibrium in words: each player's action, or its mix."""
    parts = []
    for player, actions, s in zip(
        game.players, game.actions, equilibrium.strategies, strict=True
    ):
        if np.isclose(s.max(), 1):
            parts.append(f"{player} {actions[int(s.argmax())]}")
        else:
            mix = ", ".join(f"{a} {p:.0%}" for a, p in zip(actions, s, strict=True))
            parts.append(f"{player} mixes ({mix})")
    return "; ".join(parts)


# ----------------------------------------------------------------- 1. lead
def quality_lead() -> None:
    section("1. The two labs: a closed frontier model and a free open one")
    print(
        f"The {US} sells a closed model of quality 1.0; the {CHINA} gives away\n"
        "open weights of quality 0.6. Users differ in how much they value\n"
        "quality (uniformly); each picks the better deal."
    )
    rows = []
    for rate in (0.05, 0.1, 0.2):
        cf = OpenVsClosed(q_closed=1.0, q_open=0.6, catch_up_rate=rate).closed_form()
        rows.append(
            [
                f"{rate:.2f}",
                f"{cf['price']:.2f}",
                f"{cf['share']:.0%}",
                f"{cf['profit']:.3f}",
                f"{cf['window']:.1f}",
                f"{cf['window_profit']:.3f}",
            ]
        )
    table(
        [
            "open catch-up/yr",
            "price",
            "closed share",
            "profit/yr now",
            "window (yrs)",
            "profit in window",
        ],
        rows,
    )
    model = OpenVsClosed(q_closed=1.0, q_open=0.6)
    eq = sg.solve(model.game()).equilibria[0]
    cf = model.closed_form()
    print(
        "In words: the free open model caps the closed price at half the quality\n"
        f"lead: {cf['price']:.2f}, against {cf['price_without_open']:.2f} with no "
        f"open rival (the solver finds {eq.actions[0]:.4f}).\nThe lead earns money "
        "only while it lasts: doubling the open side's catch-up\nspeed halves both "
        "the window and everything earned in it."
    )


# ------------------------------------------------------------- 2. openness
def open_or_closed():
    section("2. Open or closed weights?")
    model = OpennessGame()
    game = model.game()
    cf = model.closed_form()
    print(
        "Opening speeds adoption and brings community contributions; closing\n"
        "keeps licensing revenue, which a free open rival erodes by half.\n"
        f"Licensing at stake: {US} {model.licensing[0]}, {CHINA} "
        f"{model.licensing[1]}.\n"
    )
    print(game)
    result = sg.solve(game, method="enumerate")
    for eq in result.equilibria:
        print(f"Equilibrium: {labels(game, eq)}; payoffs {eq.payoffs.round(2)}")
    print(
        f"Class: {model.classify()}. Opening is dominant for a lab whose licensing "
        f"is below {float(cf['open_below']):.2f};\nclosing is dominant above "
        f"{float(cf['closed_above']):.2f}; in between each lab does what the "
        "other does."
    )
    rows = []
    for us, china in ((6, 2), (4, 2), (4, 4), (2.5, 4), (8, 8), (1, 1)):
        variant = model.replace(licensing=(us, china))
        outcome = " or ".join(
            "/".join(p) for p in variant.closed_form()["pure_equilibria"]
        )
        rows.append([us, china, variant.classify(), outcome])
    print("\nWhat changes it (licensing revenue at stake for each lab):")
    table([f"{US} licensing", f"{CHINA} licensing", "game", "pure play"], rows)
    print(
        "In words: opening can be dominant for both labs, or a coordination game.\n"
        "A lab with little licensing to lose opens whatever the other does. When\n"
        "both have a middling amount at stake, open ecosystems and closed ones are\n"
        "both self-enforcing: which one a field lands in is history, not merit.\n"
        "And a lab for which opening is dominant can drag a lab without a\n"
        "dominant choice into open/open, an outcome both like less than\n"
        "closed/closed (one-sided dominance, not a prisoner's dilemma: that\n"
        "needs a dominant choice on both sides)."
    )
    return model


# ------------------------------------------------------- 3. export controls
def export_controls() -> None:
    section("3. Export controls in the compute race")
    race = ComputeRace(prize=100, compute_price=(1.0, 1.0), quality=(1.0, 0.8))
    print(
        "Each side buys compute for a prize of 100 (a Tullock contest in\n"
        "compute times model efficiency; the China lab's models are 0.8 as\n"
        "efficient per chip)."
    )
    scenarios = [
        ("no controls", race),
        ("chips 2x dearer for China", race.with_export_controls(2.0)),
        (
            "... and models 2x more efficient",
            race.with_export_controls(2.0).quality_offset(2.0),
        ),
    ]
    rows = []
    for label, variant in scenarios:
        eq = sg.solve(variant.game(), n_starts=1, rng=0).equilibria[0]
        share = variant.shares(eq.actions)
        rows.append(
            [
                label,
                f"{eq.actions[0]:.1f} / {eq.actions[1]:.1f}",
                f"{share[0]:.0%}",
                f"{eq.payoffs[0]:.1f} / {eq.payoffs[1]:.1f}",
                f"{eq.regret:.1e}",
            ]
        )
    table(["scenario", "compute US / CN", "US share", "payoffs", "regret"], rows)
    print(
        "In words: controls raise the US share, but only the ratio of compute\n"
        "price to model efficiency matters, so a rival that doubles its\n"
        "efficiency undoes a doubling of its chip price exactly."
    )


# ------------------------------------------------------------ 4. platforms
def platforms() -> None:
    section("4. Platforms and the stack")
    base = PremiumVsLowCost(q_high=1.0, q_low=0.4, cost_high=0.2)
    rows = []
    for v in (0.0, 0.05, 0.1, 0.15):
        cf = base.replace(network_effect=v).closed_form()
        rows.append(
            [
                f"{v:.2f}",
                f"{cf['prices'][0]:.3f} / {cf['prices'][1]:.3f}",
                f"{cf['shares'][0]:.0%} / {cf['shares'][1]:.0%}",
                f"{cf['unserved']:.0%}",
                cf["share_leader"],
            ]
        )
    print(
        "A premium platform (quality 1, unit cost 0.2) against a low-cost one\n"
        "(quality 0.4, no cost), as iPhone against Android:"
    )
    table(["network effect", "prices", "shares", "unserved", "share leader"], rows)
    print(
        "In words: the premium platform keeps the higher price and margin, and\n"
        "without network effects it also has more users. The low-cost platform\n"
        "overtakes it not because network effects reward the larger base but\n"
        "because its marginal users value quality less, so the same network\n"
        f"benefit moves {base.q_high / base.q_low:.1f}x as many of them, while "
        "the premium platform's unit\ncost keeps its price up; beyond a network "
        f"effect of {base.share_parity_network_effect():.3f} the low-cost platform "
        "has\nmore users."
    )
    stack = Complements(n_layers=4, a=20, costs=(2, 1, 1, 0))
    opened = stack.commoditize("model")
    before, after = stack.closed_form(), opened.closed_form()
    table(
        ["AI stack", "total price", "chip maker profit", "consumer surplus"],
        [
            [
                label,
                f"{float(cf['total_price']):.2f}",
                f"{float(cf['monopolist_profit']):.2f}",
                f"{float(cf['consumer_surplus']):.2f}",
            ]
            for label, cf in (
                ("4 monopoly layers", before),
                ("open-weight models", after),
            )
        ],
    )
    print(
        "In words: chips, cloud, models and apps are complements; each\n"
        "monopolist's markup cuts the others' sales. Open weights price the\n"
        "model layer at cost, and the chip maker's profit rises by "
        f"{float(after['monopolist_profit'] / before['monopolist_profit'] - 1):.0%}"
        ":\ncommoditize your complement."
    )


# ---------------------------------------------------------- 5. adoption race
def adoption_race() -> AdoptionRace:
    section("5. The adoption race (a scenario)")
    race = AdoptionRace(players=(US, CHINA))
    print(
        f"Value is compute x quality x the share of users reached (Bass\n"
        f"diffusion). The {US}'s closed model is better (1.0 vs 0.6); the\n"
        f"{CHINA}'s open weights spread twice as fast."
    )
    controlled = race.with_export_controls(2.0)
    rows = []
    for horizon in (3, 5, 10, 15, 25):
        free = race.replace(horizon=horizon).closed_form()
        curbed = controlled.replace(horizon=horizon).closed_form()
        rows.append(
            [
                horizon,
                f"{free['reach'][0]:.2f} / {free['reach'][1]:.2f}",
                f"{free['share'][0]:.0%}",
                free["winner"],
                f"{curbed['share'][0]:.0%}",
                curbed["winner"],
            ]
        )
    table(
        [
            "horizon (yrs)",
            "reach US / CN",
            "US share",
            "winner",
            "US share, 2x controls",
            "winner",
        ],
        rows,
    )
    cross = race.crossover_horizon()
    needed = race.closed_form()["export_control_to_win"]
    print(
        f"In words: in a short race the faster-spreading open model wins; the\n"
        f"better closed model takes over only if the race lasts beyond "
        f"{cross:.1f} years.\nOver {race.horizon:g} years the US lab needs export "
        f"controls that make the rival's\ncompute {needed:.2f}x dearer."
    )
    return race


# -------------------------------------------------------------- 6. summary
def summary(race: AdoptionRace) -> None:
    section("What it adds up to")
    cross = race.crossover_horizon()
    needed = race.closed_form()["export_control_to_win"]
    print(
        "- Against a free open model the closed price is set by the quality lead\n"
        "  (half of it here), and only until open models catch up.\n"
        "- Whether labs open their weights turns on the licensing at stake: opening\n"
        "  can be dominant, a coordination game, or one lab's dominant choice.\n"
        "- Export controls shift the compute race, unless better models answer them.\n"
        "- Open weights commoditize the model layer, which pays the chip makers.\n"
        f"- Diffusion wins races shorter than {cross:.0f} years and quality longer "
        f"ones;\n  over {race.horizon:g} years the closed lab needs controls of "
        f"{needed:.1f}x to win."
    )


# -------------------------------------------------------------- 7. figures
def save_figures(out_dir: Path, openness: OpennessGame, race: AdoptionRace) -> None:
    section("Figures")
    missing = [m for m in ("matplotlib", "pandas") if find_spec(m) is None]
    if missing:
        print(
            f"Skipped ({', '.join(missing)} not installed): install matplotlib and "
            "pandas to save the figures, e.g. pip install 'stratgame[viz,analysis]'."
        )
        return
    from stratgame.analysis import regime_map
    from stratgame.viz import (
        best_response_plot,
        payoff_heatmap,
        regime_map_plot,
        save_figure,
    )
    from stratgame.viz._axes import new_axes

    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []

    def save(ax, name: str) -> None:
        saved.append(save_figure(ax, out_dir / name))

    save(payoff_heatmap(openness.game()), "openness_payoffs.png")
    middle = openness.replace(licensing=(4, 4))
    save(best_response_plot(middle.game()), "openness_coordination.png")

    def builder(us_licensing, china_licensing):
        return openness.replace(licensing=(us_licensing, china_licensing)).game()

    # steps of 0.32 (0.8 when quick) miss the ties at licensing 8/3 and 16/3
    grid = list(np.linspace(0, 8, 11 if QUICK else 26))
    regimes = regime_map(
        builder,
        ("us_licensing", grid),
        ("china_licensing", grid),
        solve="pure",
        backend="serial",
        progress=False,
    )
    ax = regime_map_plot(regimes)
    ax.set_title("Open or closed: the game by licensing at stake")
    save(ax, "openness_regimes.png")

    horizons = np.geomspace(1, 60, 80)
    _, ax = new_axes(figsize=(6, 4))
    for factor, style in ((1.0, "-"), (2.0, "--")):
        variant = race.with_export_controls(factor)
        shares = [
            variant.replace(horizon=float(h)).closed_form()["share"][0]
            for h in horizons
        ]
        label = "no controls" if factor == 1 else f"compute {factor:g}x dearer"
        ax.plot(horizons, shares, style, label=label)
    ax.axhline(0.5, color="grey", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("length of the race (years)")
    ax.set_ylabel(f"{race.players[0]}'s equilibrium share")
    ax.set_title("The adoption race")
    ax.legend()
    save(ax, "adoption_race.png")
    for path in saved:
        print(f"saved {path}")


def main(out_dir="out") -> None:
    """Tell the story and save the figures to ``out_dir``."""
    print(
        "Two nations, two AI labs: a closed frontier lab in the US and an\n"
        "open-weights lab in China. Illustrative numbers; real models."
    )
    quality_lead()
    openness = open_or_closed()
    export_controls()
    platforms()
    race = adoption_race()
    summary(race)
    save_figures(Path(out_dir), openness, race)
