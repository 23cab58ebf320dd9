"""Classic games: build each, solve for pure equilibria, and check the known
mixed equilibria. Run with ``python examples/classic_games.py``."""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.models import (
    battle_of_the_sexes,
    chicken,
    hawk_dove,
    matching_pennies,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
    stag_hunt,
)


def main(out: Path = Path("out")) -> None:
    games = [
        prisoners_dilemma(),
        stag_hunt(),
        chicken(),
        battle_of_the_sexes(),
        matching_pennies(),
        rock_paper_scissors(),
        shapley_game(),
    ]
    for game in games:
        pure = sg.solve(game, method="pure").equilibria
        named = [
            " / ".join(game.actions[i][int(s[0])] for i, s in enumerate(eq.support))
            for eq in pure
        ]
        print(f"{game.title}: pure equilibria {named or 'none'}")
    V, C = 2, 6
    p = V / C
    print(
        f"Hawk-dove with V={V}, C={C}: playing hawk with probability V/C = "
        f"{p:.3f} is an equilibrium: "
        f"{hawk_dove(V, C).is_nash(([p, 1 - p], [p, 1 - p]))}"
    )
    if can_draw():
        from stratgame import viz

        save(viz.payoff_heatmap(prisoners_dilemma()), out, "prisoners_dilemma.png")
        save(viz.best_response_plot(hawk_dove(V, C)), out, "hawk_dove.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
