"""Repeated games: stratgame against the Axelrod library (matches and a
round-robin tournament) and QuantEcon (the set of subgame-perfect equilibrium
payoffs, Abreu-Sannikov).

Run: ``python benchmarks/bench_repeated.py [--quick]``. Prints a Markdown table
of median times and ratios, measured in this run, and checks that the results
agree (identical match histories; QuantEcon's polygon inside ours and ours
inside QuantEcon's). Peers that are not installed are skipped. Library import
and just-in-time compilation are excluded from the timings (one warm-up call).
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import median_time

import stratgame as sg
from stratgame.repeated import (
    RepeatedGame,
    alternator,
    always_cooperate,
    always_defect,
    equilibrium_payoffs,
    grim_trigger,
    match,
    suspicious_tit_for_tat,
    tit_for_tat,
    tit_for_two_tats,
    tournament,
    win_stay_lose_shift,
)

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
AS_PD = sg.NormalFormGame.from_bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])
OURS = [
    always_cooperate,
    always_defect,
    tit_for_tat,
    grim_trigger,
    win_stay_lose_shift,
    tit_for_two_tats,
    suspicious_tit_for_tat,
    alternator,
]
AXELROD_NAMES = [
    "Cooperator",
    "Defector",
    "TitForTat",
    "Grudger",
    "WinStayLoseShift",
    "TitFor2Tats",
    "SuspiciousTitForTat",
    "Alternator",
]


def warm_median_time(function, repeat: int) -> float:
    function()  # warm-up (JIT compilation, caches)
    return median_time(function, repeat)


def row(task, ours, peer_name, peer):
    ratio = f"{peer / ours:.2f}x" if peer is not None else "-"
    if peer is not None:
        peer_text = f"{peer * 1e3:.2f}"
    else:
        peer_text = "-" if peer_name == "-" else "not installed"
    print(f"| {task} | {ours * 1e3:.2f} | {peer_name} | {peer_text} | {ratio} |")


def bench_matches(axl, turns, repeat):
    def ours():
        for a in OURS:
            for b in OURS:
                match(PD, (a(), b()), turns)

    t_ours = warm_median_time(ours, repeat)
    t_peer = None
    if axl is not None:
        code = {axl.Action.C: 0, axl.Action.D: 1}
        for a, name_a in zip(OURS, AXELROD_NAMES, strict=True):
            for b, name_b in zip(OURS, AXELROD_NAMES, strict=True):
                theirs = axl.Match(
                    (getattr(axl, name_a)(), getattr(axl, name_b)()), turns=turns
                ).play()
                mine = match(PD, (a(), b()), turns).actions.tolist()
                assert mine == [[code[x], code[y]] for x, y in theirs], (name_a, name_b)

        def peer():
            for name_a in AXELROD_NAMES:
                for name_b in AXELROD_NAMES:
                    axl.Match(
                        (getattr(axl, name_a)(), getattr(axl, name_b)()), turns=turns
                    ).play()

        t_peer = warm_median_time(peer, repeat)
    row(f"64 matches x {turns} turns", t_ours, "axelrod", t_peer)


def bench_tournament(axl, turns, repetitions, repeat):
    def ours():
        tournament(
            PD,
            [f() for f in OURS],
            turns=turns,
            repetitions=repetitions,
            noise=0.05,
            rng=1,
        )

    t_ours = warm_median_time(ours, repeat)
    t_peer = None
    if axl is not None:

        def peer():
            players = [getattr(axl, name)() for name in AXELROD_NAMES]
            axl.Tournament(
                players, turns=turns, repetitions=repetitions, noise=0.05, seed=1
            ).play(progress_bar=False, processes=1)

        t_peer = warm_median_time(peer, repeat)
    row(
        f"tournament, 8 strategies, {turns} turns x {repetitions} reps, noise",
        t_ours,
        "axelrod",
        t_peer,
    )


def bench_exact_payoffs(repeat):
    rg = RepeatedGame(PD, 0.95)

    def ours():
        for a in OURS:
            for b in OURS:
                rg.discounted_payoffs((a(), b()), noise=0.05)

    row("64 exact noisy discounted payoffs", warm_median_time(ours, repeat), "-", None)


def bench_equilibrium_set(gt, game, name, delta, repeat):
    t_ours = warm_median_time(lambda: equilibrium_payoffs(game, delta), repeat)
    t_peer = None
    if gt is not None:
        qe_game = gt.NormalFormGame(np.stack(game.float_payoff_arrays, axis=-1))
        rg = gt.RepeatedGame(qe_game, delta)
        hull = rg.equilibrium_payoffs(options={"tol": 1e-9})
        ours = equilibrium_payoffs(game, delta)
        for v in hull.points[hull.vertices]:
            assert ours.contains(v, tol=1e-7)
        outside = ours.vertices @ hull.equations[:, :2].T + hull.equations[:, 2]
        assert outside.max() < 1e-6
        t_peer = warm_median_time(
            lambda: rg.equilibrium_payoffs(options={"tol": 1e-9}), repeat
        )
    row(f"SPE payoff set, {name}, delta={delta}", t_ours, "quantecon", t_peer)


def main(quick: bool) -> None:
    repeat = 3 if quick else 7
    try:
        import axelrod as axl
    except ImportError:
        axl = None
    try:
        import quantecon.game_theory as gt
    except ImportError:
        gt = None
    print("| task | stratgame (ms) | peer | peer (ms) | peer / stratgame |")
    print("|---|---|---|---|---|")
    bench_matches(axl, 200, repeat)
    # the Axelrod library's tournament takes minutes: one timed run after warm-up
    bench_tournament(axl, 100 if quick else 200, 2 if quick else 5, 1)
    bench_exact_payoffs(repeat)
    for game, name in ((PD, "PD (3,0,5,1)"), (AS_PD, "Abreu-Sannikov PD")):
        for delta in (0.6, 0.9):
            bench_equilibrium_set(gt, game, name, delta, repeat)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    main(parser.parse_args().quick)
