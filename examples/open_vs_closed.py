"""Open against closed models: what a quality lead is worth against a free
open model, how long it lasts, and when labs open their weights. Run with
``python examples/open_vs_closed.py``. Illustrative numbers, not data."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import OpennessGame, OpenVsClosed


def quality_lead() -> None:
    print("A closed lab against a free open model (users' taste uniform on [0, 1]):")
    print(f"{'open quality':>13} {'price':>7} {'share':>7} {'profit':>7}")
    for q_open in (0.0, 0.3, 0.6, 0.9):
        cf = OpenVsClosed(q_closed=1.0, q_open=q_open).closed_form()
        print(
            f"{q_open:13.1f} {cf['price']:7.3f} {cf['share']:7.3f} {cf['profit']:7.3f}"
        )
    model = OpenVsClosed(q_closed=1.0, q_open=0.6, cost=0.05)
    eq = sg.solve(model.game()).equilibria[0]
    print(
        f"With a serving cost of 0.05 the solver's price {eq.actions[0]:.4f} matches "
        f"the closed form {model.closed_form()['price']:.4f} (Mussa-Rosen)."
    )
    for rate in (0.05, 0.1, 0.2):
        cf = model.replace(catch_up_rate=rate).closed_form()
        print(
            f"Open models gaining {rate} quality a year: the window lasts "
            f"{cf['window']:.1f} years and earns {cf['window_profit']:.3f} in all."
        )


def openness(out: Path) -> None:
    model = OpennessGame()
    game = model.game()
    print(f"\n{game}")
    for eq in sg.solve(game, method="enumerate").equilibria:
        labels = [game.actions[i][int(s.argmax())] for i, s in enumerate(eq.strategies)]
        print(f"Equilibrium: {dict(zip(game.players, labels, strict=True))}")
    cf = model.closed_form()
    print(
        f"Opening is dominant for a lab whose licensing revenue is below "
        f"{float(cf['open_below']):.2f}; closing is dominant above "
        f"{float(cf['closed_above']):.2f}; in between the labs coordinate."
    )
    for licensing in ((1, 1), (4, 4), (8, 8), (8, 1)):
        variant = model.replace(licensing=licensing)
        outcomes = " or ".join(
            "/".join(p) for p in variant.closed_form()["pure_equilibria"]
        )
        print(f"  licensing {licensing}: {variant.classify()}; plays {outcomes}")
    print(
        "Licensing at stake decides: little of it makes opening dominant, a "
        "middling amount for both makes openness a coordination game."
    )
    if can_draw():
        from stratgame import viz

        save(viz.payoff_heatmap(game), out, "openness_payoffs.png")
        middle = model.replace(licensing=(4, 4)).game()
        save(viz.best_response_plot(middle), out, "openness_coordination.png")


if __name__ == "__main__":
    quality_lead()
    openness(out_dir(__doc__))
