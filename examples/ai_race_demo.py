"""The flagship demo: two nations, export controls and open models.

Run with ``make demo`` or ``python examples/ai_race_demo.py``. The payoffs are
illustrative numbers chosen to tell a story, not estimates from data.
"""

from __future__ import annotations

import stratgame as sg


def export_control_game() -> sg.NormalFormGame:
    """The US restricts or allows GPU exports; China answers with open or
    closed models. Ordinal payoffs (4 best): restricting pays against a closed
    rival, but an open-model answer wins adoption anyway and the US then only
    loses chip sales.
    """
    return sg.NormalFormGame.from_bimatrix(
        [[1, 4], [2, 3]],  # US: rows restrict, allow; columns open, closed
        [[2, 0], [3, 2]],  # China
        players=("US", "China"),
        actions=(("restrict", "allow"), ("open", "closed")),
        title="Export controls vs open models (illustrative)",
    )


def safety_race() -> sg.NormalFormGame:
    """Two labs choose to invest in safety or to race. Racing alone wins the
    market, but both racing risks a disaster: a prisoner's dilemma with
    (T, R, P, S) = (5, 3, 1, 0)."""
    return sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("Lab A", "Lab B"),
        actions=(("safe", "race"), ("safe", "race")),
        title="AI safety race (illustrative)",
    )


def describe(game: sg.NormalFormGame) -> None:
    print(f"\n== {game.title} ==")
    print(game)
    result = sg.solve(game, method="pure")
    for eq in result.equilibria:
        chosen = [game.actions[i][int(s[0])] for i, s in enumerate(eq.support)]
        names = ", ".join(
            f"{p} plays {a}" for p, a in zip(game.players, chosen, strict=True)
        )
        payoffs = ", ".join(f"{p:g}" for p in eq.payoffs)
        print(f"Pure equilibrium: {names}; payoffs ({payoffs}); regret {eq.regret:g}")
    for i, player in enumerate(game.players):
        dominated = game.dominated_actions(i)
        if dominated:
            labels = [game.actions[i][a] for a in dominated]
            print(f"{player}: {', '.join(labels)} is strictly dominated.")
    reduced, _kept = game.iterated_elimination()
    if reduced.shape == (1,) * game.n_players:
        print("Iterated elimination of dominated actions solves the game.")


def main() -> None:
    export = export_control_game()
    describe(export)
    print(
        "In words: open models are China's best answer whatever the US does, and "
        "against open models restricting exports only costs the US chip sales. "
        "Export controls pay only against a rival who stays closed."
    )
    race = safety_race()
    describe(race)
    print(
        "In words: each lab races whatever the other does, so both end up with "
        "the risky outcome (1, 1) although mutual safety (3, 3) is better for "
        "both: the race is a prisoner's dilemma."
    )


if __name__ == "__main__":
    main()
