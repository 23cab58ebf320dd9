"""Simplicial subdivision against Gambit's ``simpdiv``, in one run.

``method="simplicial"`` (one random start, ``tol=1e-8``) against pygambit's
``simpdiv_solve`` (from the centroid, its default ``maxregret=1e-8`` of the
game's payoff range, grid halved each time like ours) on the same games:
random games with standard normal payoffs of 3, 4 and 5 players and a
two-player one, and the N-player games of the Gambit corpus when it is
beside the project. For each class: median time, ratio (above 1: stratgame is
faster), equilibria certified (regret at most 1e-6 of each player's own
payoff range) and timeouts.

pygambit runs in a subprocess (``$GAMBIT_PYTHON``, default
``/tmp/gambitenv/bin/python``) with a timeout; its time is measured inside
the subprocess around the solver call, ours around the call in this process
(after numba's kernel is loaded). Run:
``python benchmarks/bench_simplicial.py [--games 10] [--timeout 30] [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np
from bench_n_player import gambit_python, regret, run_gambit

import stratgame as sg
from stratgame.solvers.simplicial import simplicial

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gambit"


def random_classes(shapes, games):
    rng = np.random.default_rng(11)
    for text in shapes.split(","):
        shape = tuple(int(x) for x in text.split("x"))
        yield text, [rng.standard_normal((len(shape), *shape)) for _ in range(games)]


def corpus_class():
    reference = CORPUS / "REFERENCE.json"
    if not reference.is_file():
        return None
    import json

    names = sorted(
        name
        for name, entry in json.loads(reference.read_text()).items()
        if len(entry["shape"]) > 2
    )
    games = [sg.read_nfg((CORPUS / name).read_text()) for name in names]
    return "corpus N-player", [np.array(g.float_payoff_arrays) for g in games]


def measure(label, payoff_sets, python, timeout):
    rows = {
        name: {"times": [], "certified": 0, "timeouts": 0}
        for name in ("stratgame", "simpdiv")
    }
    for k, payoffs in enumerate(payoff_sets):
        game = sg.NormalFormGame(list(payoffs))
        start = time.perf_counter()
        result = simplicial(game, n_starts=1, rng=k, tol=1e-8)
        rows["stratgame"]["times"].append(time.perf_counter() - start)
        rows["stratgame"]["certified"] += sum(
            regret(game, eq.strategies) <= 1e-6 for eq in result.equilibria
        )
        if python is None:
            continue
        got = run_gambit(python, payoffs, "simpdiv", timeout)
        row = rows["simpdiv"]
        if got is None:
            row["times"].append(timeout)
            row["timeouts"] += 1
            continue
        elapsed, theirs = got
        row["times"].append(elapsed)
        row["certified"] += sum(regret(game, p) <= 1e-6 for p in theirs)
    base = statistics.median(rows["stratgame"]["times"])
    for name, row in rows.items():
        if row["times"]:
            median = statistics.median(row["times"])
            print(
                f"| {label} | {name} | {median:.4f} | {median / base:.1f} | "
                f"{row['certified']}/{len(payoff_sets)} | {row['timeouts']} |"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10, help="games per class")
    parser.add_argument("--timeout", type=float, default=30.0, help="s per call")
    parser.add_argument(
        "--shapes", default="3x3x3,4x4x4,5x5x5,2x2x2x2,3x3x3x3,2x2x2x2x2,6x6"
    )
    parser.add_argument(
        "--quick", action="store_true", help="3 games of the small classes"
    )
    args = parser.parse_args()
    if args.quick:
        args.games, args.shapes = 3, "3x3x3,2x2x2x2,4x4x4"
    python = gambit_python()
    if python is None:
        print("pygambit not found; set GAMBIT_PYTHON to a Python that has it")
    simplicial(sg.NormalFormGame([np.eye(2)] * 2), rng=0)  # load the kernel
    print(
        f"{args.games} games per random class; timeout {args.timeout:g} s; "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| games | solver | median time (s) | ratio | certified | timeouts |")
    print("|---|---|---|---|---|---|")
    classes = list(random_classes(args.shapes, args.games))
    corpus = corpus_class()
    if corpus is not None:
        classes.append(corpus)
    for label, payoff_sets in classes:
        measure(label, payoff_sets, python, args.timeout)


if __name__ == "__main__":
    main()
