"""Pure Nash equilibria of N-player games: stratgame against the plain numpy
floor, QuantEcon's ``pure_nash_brute`` and Gambit's ``enumpure``.

Run: ``python benchmarks/bench_pure.py [--quick]``. Prints a Markdown table of
median times and ratios, measured in this run, and checks that every library
finds the same equilibria.
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import median_time

import stratgame as sg


def numpy_floor(arrays):
    """The least work: one max per player along its axis, AND, argwhere."""
    mask = np.ones(arrays[0].shape, dtype=bool)
    for i, u in enumerate(arrays):
        mask &= u >= u.max(axis=i, keepdims=True)
    return np.argwhere(mask)


def quantecon_solver(arrays):
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return None
    n = len(arrays)
    # QuantEcon's Player i payoff array is indexed [a_i, a_{i+1}, ..., a_{i-1}].
    players = [
        gt.Player(np.moveaxis(u, list(range(n)), [(k - i) % n for k in range(n)]))
        for i, u in enumerate(arrays)
    ]
    game = gt.NormalFormGame(players)
    return lambda: gt.pure_nash_brute(game)


def gambit_solver(arrays):
    try:
        import pygambit as gbt
    except ImportError:
        return None
    game = gbt.Game.from_arrays(*arrays)
    return lambda: gbt.nash.enumpure_solve(game)


def run(shapes, repeat):
    rng = np.random.default_rng(2026)
    rows = []
    for shape in shapes:
        # Small integer payoffs make ties and several equilibria likely.
        arrays = [rng.integers(0, 100, shape).astype(np.float64) for _ in shape]
        game = sg.NormalFormGame(arrays)
        ours = sg.solve(game, method="pure")
        found = {tuple(int(s[0]) for s in eq.support) for eq in ours}
        assert found == {tuple(int(x) for x in p) for p in numpy_floor(arrays)}
        assert all(game.is_nash(eq.strategies) for eq in ours)
        row = {
            "game": "x".join(map(str, shape)),
            "equilibria": len(found),
            "stratgame": median_time(
                lambda game=game: sg.solve(game, method="pure"), repeat
            ),
            "numpy floor": median_time(lambda a=arrays: numpy_floor(a), repeat),
        }
        qe = quantecon_solver(arrays)
        if qe is not None:
            qe_found = {tuple(p) for p in qe()}
            assert qe_found == found, "QuantEcon disagrees"
            row["QuantEcon"] = median_time(qe, max(1, repeat // 5))
        gambit = gambit_solver(arrays)
        if gambit is not None:
            assert len(gambit().equilibria) == len(found), "Gambit disagrees"
            row["Gambit"] = median_time(gambit, max(1, repeat // 5))
        rows.append(row)
    return rows


def print_table(rows):
    peers = ["numpy floor", "QuantEcon", "Gambit"]
    print("| game | equilibria | stratgame | " + " | ".join(peers) + " |")
    print("|---|---|---|" + "---|" * len(peers))
    for row in rows:
        ours = row["stratgame"]
        cells = []
        for peer in peers:
            if peer in row:
                cells.append(
                    f"{row[peer] * 1e3:.2f} ms (ours/peer {ours / row[peer]:.2f})"
                )
            else:
                cells.append("not installed")
        print(
            f"| {row['game']} | {row['equilibria']} | {ours * 1e3:.2f} ms | "
            + " | ".join(cells)
            + " |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few runs")
    args = parser.parse_args()
    shapes = [(4,) * 5, (5,) * 5] if args.quick else [(6,) * 6, (4,) * 8, (3,) * 10]
    print_table(run(shapes, repeat=5 if args.quick else 21))


if __name__ == "__main__":
    main()
