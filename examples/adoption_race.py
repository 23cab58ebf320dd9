"""The adoption race (a scenario): a closed lab with the better model against
an open lab whose model spreads faster; who wins as the race lengthens, and
how strong export controls must be. Run with
``python examples/adoption_race.py``. Illustrative numbers, not data."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import AdoptionRace


def main(out: Path = Path("out")) -> None:
    race = AdoptionRace()
    print(f"{'horizon':>8} {'reach':>13} {'shares':>13} {'winner':>11}")
    horizons = (2, 5, 10, 20, 40)
    for horizon in horizons:
        cf = race.replace(horizon=horizon).closed_form()
        reach = "/".join(f"{r:.2f}" for r in cf["reach"])
        shares = "/".join(f"{s:.2f}" for s in cf["share"])
        print(f"{horizon:8d} {reach:>13} {shares:>13} {cf['winner']:>11}")
    print(
        f"The lead changes hands at a horizon of {race.crossover_horizon():.1f} "
        "years: diffusion decides short races, quality long ones."
    )
    if can_draw():
        import matplotlib.pyplot as plt

        shares = [race.replace(horizon=h).closed_form()["share"] for h in horizons]
        _, ax = plt.subplots(figsize=(6, 4))
        for k, name in enumerate(race.game().players):
            ax.plot(horizons, [s[k] for s in shares], marker="o", label=name)
        ax.axvline(race.crossover_horizon(), color="grey", linestyle=":")
        ax.set_xlabel("horizon (years)")
        ax.set_ylabel("market share")
        ax.set_title("Adoption race: who leads by horizon")
        ax.legend()
        save(ax, out, "adoption_race_shares.png")
    eq = sg.solve(race.game(), n_starts=1, rng=0).equilibria[0]
    print(
        "Solver's compute purchases: "
        + ", ".join(f"{a:.2f}" for a in eq.actions)
        + " (closed form "
        + ", ".join(f"{x:.2f}" for x in race.closed_form()["compute"])
        + ")."
    )
    needed = race.closed_form()["export_control_to_win"]
    print(
        f"Over {race.horizon:g} years the closed lab wins only if export controls "
        f"make the open lab's compute {needed:.2f} times dearer."
    )


if __name__ == "__main__":
    main(out_dir(__doc__))
