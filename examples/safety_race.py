"""Racing to the precipice (Armstrong, Bostrom & Shulman 2016): solve the
no-information race numerically and compare with the closed form.
Run with ``python examples/safety_race.py``."""

from __future__ import annotations

import stratgame as sg
from stratgame.models import SafetyRace


def main() -> None:
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


if __name__ == "__main__":
    main()
