"""Commoditize the complement: when does opening its model pay an owner of
chips and a model? The opener's own profit is computed from the Cournot
complements pricing that follows, against a frontier lab holding the model
layer.

Run with ``python examples/layer_ownership.py``. Parameters are
illustrative (demand intercept 10, zero costs, one other monopolized
layer, a release cost of 2), not estimates.
"""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import LayerOwnership


def opens_in_equilibrium(model: LayerOwnership) -> bool:
    game = model.game()
    (eq,) = sg.solve(game, method="pure").equilibria
    assert eq.regret <= 1e-9  # certified
    return game.actions[0][int(eq.support[0][0])] == "open"


def main(out: Path = Path("out")) -> None:
    base = LayerOwnership()
    print(
        "A platform sells chips and has a model worse by d than a frontier lab's;"
        "\nopening its model caps the lab's markup at d and moves that margin "
        "into chip sales.\n"
    )
    print(f"{'quality gap d':>13} {'gain from opening':>18} {'equilibrium':>12}")
    gaps = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
    for d in gaps:
        model = base.replace(quality_gap=d)
        gain = model.closed_form()["opening_gain"]
        choice = "open" if opens_in_equilibrium(model) else "closed"
        print(f"{d:13.1f} {gain:18.3f} {choice:>12}")
    d_star = base.closed_form()["quality_gap_threshold"]
    print(
        f"\nThe claim 'commoditize the complement' holds for an owner of chips "
        f"and a model whose model is\nwithin {d_star:.3f} of the frontier "
        f"(release cost {base.release_cost:g}): its chip profit rises by more "
        "than opening costs."
    )
    for g in (0.5, 1.0):
        threshold = base.replace(demand_expansion=g).closed_form()[
            "quality_gap_threshold"
        ]
        print(
            f"  with an ecosystem gain g = {g:g} the threshold rises to {threshold:.3f}"
        )
    lab = base.replace(owns_chips=False)
    print(
        f"It fails for a pure model lab (gain {lab.closed_form()['opening_gain']:g}: "
        "no complement to sell) and for a platform\nwhose open model is too weak "
        "to discipline the frontier price (gap above the threshold)."
    )
    if can_draw():
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(6, 4))
        gains = [
            base.replace(quality_gap=d).closed_form()["opening_gain"] for d in gaps
        ]
        ax.plot(gaps, gains, marker="o", label="chip owner's gain from opening")
        ax.axhline(0, color="grey", linewidth=1)
        ax.axvline(d_star, color="grey", linestyle=":", label="threshold")
        ax.set_xlabel("quality gap d to the frontier")
        ax.set_ylabel("gain from opening")
        ax.set_title("Commoditize the complement: when opening pays")
        ax.legend()
        save(ax, out, "layer_ownership_gain.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
