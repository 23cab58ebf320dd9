"""Racing to the precipice (Armstrong, Bostrom & Shulman 2016): solve the
no-information race numerically and compare with the closed form.
Run with ``python examples/safety_race.py``."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import SafetyRace


def main(out: Path = Path("out")) -> None:
    for n_teams, enmity in [(2, 0.5), (2, 0.9), (3, 0.9)]:
        race = SafetyRace(n_teams=n_teams, mu=0.5, enmity=enmity)
        eq = sg.solve(race.game(), n_starts=1).equilibria[0]
        closed = race.closed_form()
        print(
            f"{n_teams} teams, enmity {enmity}: each team chooses safety "
            f"{eq.actions[0]:.4f} (closed form {closed['safety']:.4f}); "
            f"the risk of disaster is {1 - eq.actions[0]:.1%} "
            f"(certified: no deviation gains more than {eq.regret:.1e})."
        )
    print("More teams and more enmity mean less safety.")
    if can_draw():
        import matplotlib.pyplot as plt

        enmities = [k / 10 for k in range(11)]
        _, ax = plt.subplots(figsize=(6, 4))
        for n_teams in (2, 3, 5):
            safety = [
                SafetyRace(n_teams=n_teams, mu=0.5, enmity=e).closed_form()["safety"]
                for e in enmities
            ]
            ax.plot(enmities, safety, marker="o", label=f"{n_teams} teams")
        ax.set_xlabel("enmity between teams")
        ax.set_ylabel("safety chosen in equilibrium")
        ax.set_title("Racing to the precipice (Armstrong et al. 2016)")
        ax.legend()
        save(ax, out, "safety_race.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
