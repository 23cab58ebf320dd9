"""Export-control cooperation between two nations as a repeated game.

Two nations each decide, year after year, whether to keep their export
controls on advanced chips (cooperate) or quietly let sales through
(undercut). Undercutting while the other holds firm earns the most (5);
both holding firm is good for both (3); both undercutting erodes the
controls (1); holding firm alone is worst (0): a prisoner's dilemma.

Run ``python examples/repeated_games.py``; with matplotlib installed it saves
a picture of the payoff sets to ``./out/`` (``--out DIR`` to choose).
"""

from __future__ import annotations

from pathlib import Path

from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame.repeated import (
    RepeatedGame,
    always_defect,
    equilibrium_payoffs,
    fixation_probability,
    generous_tit_for_tat,
    grim_trigger,
    individually_rational_set,
    minmax,
    tit_for_tat,
    tit_for_two_tats,
    tournament,
    win_stay_lose_shift,
)


def export_control_game() -> sg.NormalFormGame:
    actions = ("hold controls", "undercut")
    return sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("Nation A", "Nation B"),
        actions=(actions, actions),
        title="export controls",
    )


def per_player(game, values) -> str:
    """ "US 2.1, China 2.1": one rounded number per named player."""
    return ", ".join(
        f"{player} {value:.3g}"
        for player, value in zip(game.players, values, strict=True)
    )


def points(vertices) -> str:
    """ "(1, 1), (4.33, 1)": payoff pairs, rounded for reading."""
    return ", ".join(
        "(" + ", ".join(f"{v:.3g}" for v in vertex) + ")" for vertex in vertices
    )


def main(out: Path = Path("out")) -> None:
    game = export_control_game()
    print(game)
    print()

    patient = RepeatedGame(game, 0.9)
    grim = (grim_trigger(), grim_trigger())
    spe = patient.discount_range(grim)
    print("Grim trigger: hold controls until the other undercuts once, then")
    print("undercut forever. It is a subgame-perfect equilibrium when the")
    print(f"nations weigh next year at least delta* = {spe.critical_exact}")
    print(f"  (formula {spe.closed_form} = {spe.closed_form_value}).")

    tft = (tit_for_tat(), tit_for_tat())
    nash = patient.discount_range(tft, "nash")
    print(
        "Tit-for-tat against tit-for-tat is a Nash equilibrium from delta =",
        f"{nash.critical_exact}, but is it subgame perfect at 0.9?",
        bool(patient.is_subgame_perfect(tft)),
    )
    deviation = patient.is_subgame_perfect(tft).deviations[0]
    print(
        f"  no: after both undercut, {game.players[deviation.player]} gains "
        f"{deviation.gain:.3f} by holding controls once to restart cooperation."
    )
    print()

    noisy = patient.critical_discount(grim, noise=0.05)
    print("If each decision is mis-implemented 5% of the time (a shipment slips")
    print(f"through), grim trigger needs delta >= {noisy:.4f}. At 0.9 it yields")
    grim_noisy = patient.discounted_payoffs(grim, noise=0.05)
    print(f"only {per_player(game, grim_noisy)} a year;")
    pavlov = (win_stay_lose_shift(), win_stay_lose_shift())
    pavlov_noisy = patient.discounted_payoffs(pavlov, 0.05)
    print(f"win-stay lose-shift recovers {per_player(game, pavlov_noisy)}.")
    print()

    values = minmax(game)
    region = individually_rational_set(game)
    print(
        "Each nation can always secure its minmax value "
        f"({per_player(game, values.mixed)});"
    )
    print(f"the folk-theorem region has the corners {points(region.vertices)}.")
    for delta in (0.2, 0.6):
        eq = equilibrium_payoffs(game, delta)
        print(f"Equilibrium payoffs at delta = {delta}: {points(eq.vertices)}")
    print()

    strategies = [
        tit_for_tat(),
        grim_trigger(),
        win_stay_lose_shift(),
        tit_for_two_tats(),
        generous_tit_for_tat(1 / 3),
        always_defect(),
    ]
    result = tournament(
        game, strategies, turns=200, repetitions=20, noise=0.05, rng=2024
    )
    print("A noisy round-robin tournament (200 rounds, 5% noise):")
    print(result)
    print()

    M = RepeatedGame(game, 0.95).payoff_matrix([tit_for_tat(), always_defect()])
    rho = fixation_probability(M, 20, intensity=0.1)
    print("In a population of 20 nations that always undercut, one tit-for-tat")
    print(f"nation takes over with probability {rho:.4f} (neutral drift: 0.05).")

    if can_draw():
        from stratgame import viz

        ax = viz.payoff_region_plot(game, [0.3, 0.9])
        ax.set_title("Export controls repeated: what equilibria can give")
        save(ax, out, "repeated_payoff_regions.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
