"""Sweep throughput: points per second for a 2x2 game over a 100x100 grid,
serially and on local processes, against the bare cost of building and solving
the same games in a plain loop.

Run: ``python benchmarks/bench_sweep.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import stratgame as sg
from stratgame.analysis import sweep


def symmetric_2x2(T, S):
    """R = 3, P = 1: the (T, S) plane of symmetric 2x2 games."""
    return sg.NormalFormGame.from_bimatrix([[3.0, S], [T, 1.0]], [[3.0, T], [S, 1.0]])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 30x30 grid")
    args = parser.parse_args()
    n = 30 if args.quick else 100
    grid = {"T": list(np.linspace(0, 6, n)), "S": list(np.linspace(-2, 4, n))}
    points = n * n

    start = time.perf_counter()
    for T in grid["T"]:
        for S in grid["S"]:
            sg.games.classification.classify_game(symmetric_2x2(T, S))
            sg.solve(symmetric_2x2(T, S), method="pure")
    bare = time.perf_counter() - start

    import pandas  # noqa: F401 - its one-time import is not a per-point cost

    timings = {}
    for backend in ("serial", "processes"):
        start = time.perf_counter()
        rows = sweep(symmetric_2x2, grid, solve="pure", backend=backend, progress=False)
        timings[backend] = time.perf_counter() - start
        assert rows["point"].nunique() == points and rows["error"].isna().all()

    print(f"{n}x{n} grid, {points} points, {os.cpu_count()} cores")
    print("| run | seconds | points/s | vs bare loop |")
    print("|---|---|---|---|")
    print(
        f"| bare loop (build+classify+solve) | {bare:.2f} | {points / bare:.0f} | 1.00 |"
    )
    for backend, seconds in timings.items():
        print(
            f"| sweep, {backend} | {seconds:.2f} | {points / seconds:.0f} | "
            f"{seconds / bare:.2f} |"
        )
    print(
        f"processes speed-up over serial: {timings['serial'] / timings['processes']:.2f}x"
    )


if __name__ == "__main__":
    main()
