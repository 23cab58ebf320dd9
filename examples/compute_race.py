"""The compute race and export controls: a Tullock contest in compute times
model quality. Run with ``python examples/compute_race.py``. Illustrative
numbers, not data."""

from __future__ import annotations

from _output import out_dir

import stratgame as sg
from stratgame.models import ComputeRace


def describe(label: str, race: ComputeRace) -> None:
    eq = sg.solve(race.game(), n_starts=1).equilibria[0]
    shares = race.shares(eq.actions)
    print(
        f"{label}: compute bought {eq.actions[0]:.2f} vs {eq.actions[1]:.2f}; "
        f"the US wins with probability {shares[0]:.2f} "
        f"(closed form {race.closed_form()['share'][0]:.2f}); payoffs "
        f"{eq.payoffs[0]:.2f} and {eq.payoffs[1]:.2f}."
    )


def main() -> None:
    race = ComputeRace(prize=100, compute_price=(1.0, 1.0), quality=(1.0, 1.0))
    describe("No controls", race)
    controlled = race.with_export_controls(2.0)
    describe("China's compute twice as dear", controlled)
    describe("China's models twice as efficient", controlled.quality_offset(2.0))
    describe("Market shares (gamma = 0.5)", controlled.with_market_shares(0.5))


if __name__ == "__main__":
    out_dir(__doc__)  # the examples' --out option; this one draws no figure
    main()
