"""The AI development race of Han et al. (JAIR 2020): how the kind of game
changes with the risk of disaster. Run with ``python examples/dsair.py``.
Parameters are the paper's illustrative ones, not data."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import DSAIR


def main(out: Path = Path("out")) -> None:
    race = DSAIR(b=4, c=1, s=Fraction(3, 2), B=10_000, W=100)
    limits = {k: float(v) for k, v in race.thresholds().items()}
    print(
        f"Safety becomes socially optimal above a disaster risk of "
        f"{limits['social_optimum']:.3f}, the best reply to a safe rival above "
        f"{limits['safe_best_reply']:.3f} and risk-dominant above "
        f"{limits['risk_dominance']:.3f}."
    )
    for tenth in range(0, 11, 2):
        current = race.replace(p_risk=Fraction(tenth, 10))
        equilibria = sg.solve(current.game(), method="pure").equilibria
        outcomes = [
            "/".join(current.game().actions[0][int(s[0])] for s in eq.support)
            for eq in equilibria
        ]
        note = (
            "  <- regulation wanted" if current.closed_form()["regulation_zone"] else ""
        )
        print(
            f"risk {tenth / 10:.1f}: {current.classify():18s} pure equilibria "
            f"{outcomes}{note}"
        )
    print(
        "In the zone where regulation is wanted the race is a prisoner's dilemma "
        f"below a risk of {limits['safe_best_reply']:.3f} and a stag hunt above "
        "it: there mutual safety is an equilibrium, but the risk-dominant one is "
        "unsafe."
    )
    fermi = race.replace(p_risk=Fraction(1, 2)).fixation_analysis(100, 0.01)
    print(
        f"In a population of 100 developers (Fermi process, beta = 0.01) at "
        f"risk 0.5, developers are safe {fermi['safe_share']:.2g} of the time."
    )
    if can_draw():
        from stratgame import viz
        from stratgame.analysis import track

        stag_hunt = race.replace(p_risk=Fraction(4, 5)).game()
        save(viz.payoff_heatmap(stag_hunt), out, "dsair_risk_0.8.png")
        risks = [Fraction(k, 20) for k in range(21)]
        paths = track(
            lambda p_risk: race.replace(p_risk=p_risk).game(),
            "p_risk",
            risks,
            solve="pure",
        )
        ax = viz.equilibrium_path_plot(paths)
        ax.set_xlabel("risk of disaster p_risk")
        ax.set_title("Pure equilibria of the race as the risk grows")
        save(ax, out, "dsair_equilibria.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
