"""A compute lead that decays unless it is turned into adoption -- a scenario
built from verified pieces (Bass diffusion, Tullock shares), with
illustrative numbers. Run with ``python examples/compute_lead.py``."""

from __future__ import annotations

from _output import out_dir

import stratgame as sg
from stratgame.models import ComputeLeadScenario


def main() -> None:
    scenario = ComputeLeadScenario(initial_lead=3.0)
    eq = sg.solve(scenario.game(), n_starts=1).equilibria[0]
    push, catch_up = eq.actions
    leader, follower = scenario.markets(push, catch_up)
    static = scenario.closed_form()["leader_market_without_catch_up"]
    print(
        f"The leader pushes adoption by {push:.3f} (innovation rate "
        f"{scenario.innovation} -> {scenario.innovation + push:.3f}); the "
        f"follower catches up at rate {catch_up:.3f} per year."
    )
    print(
        f"By year {scenario.horizon:g} the leader has locked in {leader:.1f} of "
        f"the market and the follower {follower:.1f}; had the lead never "
        f"decayed and no push been made, the leader would hold {static:.1f}."
    )


if __name__ == "__main__":
    out_dir(__doc__)  # the examples' --out option; this one draws no figure
    main()
