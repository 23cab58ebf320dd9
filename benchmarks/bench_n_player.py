"""N-player equilibria: stratgame's complete enumeration (support enumeration
with homotopy continuation) against pygambit's ``enumpoly_solve`` (all
equilibria), ``gnm_solve`` (global Newton) and ``simpdiv_solve`` (simplicial
subdivision, one equilibrium), measured in the same run.

Random games with standard normal payoffs (generic with probability one, so
by Wilson's oddness theorem every game has an odd number of equilibria; an
even count means equilibria were missed). For each game every solver's
equilibria are checked by regret and matched against stratgame's list.

pygambit runs in a subprocess, one per game and solver, with a timeout, so a
solver that hangs does not stop the run; it is imported from this Python when
available, else from ``$GAMBIT_PYTHON`` (default ``/tmp/gambitenv/bin/python``).
Times are measured inside each process around the solver call only.

Run: ``python benchmarks/bench_n_player.py [--games 10] [--timeout 20]``.
Prints a Markdown table per game class: median time, ratio to stratgame
(above 1: stratgame is faster), equilibria found, games with an even count,
and Gambit equilibria that stratgame's list lacks.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

import stratgame as sg
from stratgame.solvers.enumeration_n import enumerate_equilibria_n

WORKER = r"""
import json, sys, time
import numpy as np
import pygambit as gbt
job = json.loads(sys.stdin.read())
arrays = [np.array(a, dtype=float) for a in job["payoffs"]]
game = gbt.Game.from_arrays(*arrays)
method = job["method"]
start = time.perf_counter()
if method == "enumpoly":
    result = gbt.nash.enumpoly_solve(game, use_strategic=True)
elif method == "gnm":
    result = gbt.nash.gnm_solve(game)
else:
    result = gbt.nash.simpdiv_solve(game.mixed_strategy_profile(rational=True))
elapsed = time.perf_counter() - start
out = []
for eq in result.equilibria:
    out.append([[float(eq[s]) for s in p.strategies] for p in game.players])
print(json.dumps({"time": elapsed, "equilibria": out}))
"""

GAMBIT_METHODS = ("enumpoly", "gnm", "simpdiv")


def gambit_python() -> str | None:
    try:
        import pygambit  # noqa: F401

        return sys.executable
    except ImportError:
        path = os.environ.get("GAMBIT_PYTHON", "/tmp/gambitenv/bin/python")
        return path if os.path.exists(path) else None


def run_gambit(python, payoffs, method, timeout):
    job = json.dumps({"payoffs": [p.tolist() for p in payoffs], "method": method})
    try:
        done = subprocess.run(
            [python, "-c", WORKER],
            input=job,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        return None
    out = json.loads(done.stdout)
    return out["time"], [[np.array(s) for s in eq] for eq in out["equilibria"]]


def run_stratgame(payoffs, seed):
    game = sg.NormalFormGame(list(payoffs))
    start = time.perf_counter()
    result = enumerate_equilibria_n(game, rng=seed)
    elapsed = time.perf_counter() - start
    return elapsed, [eq.strategies for eq in result.equilibria], result.complete


def regret(game, profile) -> float:
    return float(max(game.regret(profile, relative=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10, help="games per class")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per call")
    parser.add_argument(
        "--shapes", default="2x2x2,3x3x2,3x3x3,2x2x2x2,4x4x3", help="game classes"
    )
    args = parser.parse_args()
    python = gambit_python()
    if python is None:
        print("pygambit not found; set GAMBIT_PYTHON to a Python that has it")
    rng = np.random.default_rng(2024)
    # warm up the compiled tracker (loaded from numba's cache or compiled)
    run_stratgame(rng.standard_normal((3, 2, 2, 2)), 0)
    print(f"{args.games} random games per class; timeout {args.timeout:g} s per call\n")
    print(
        "| game | solver | median time (s) | ratio to stratgame | equilibria "
        "(total) | even counts | timeouts | Gambit equilibria stratgame lacks |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for text in args.shapes.split(","):
        shape = tuple(int(x) for x in text.split("x"))
        rows = {
            name: {"times": [], "found": 0, "even": 0, "timeouts": 0, "missed": 0}
            for name in ("stratgame", *GAMBIT_METHODS)
        }
        for k in range(args.games):
            payoffs = rng.standard_normal((len(shape), *shape))
            game = sg.NormalFormGame(list(payoffs))
            elapsed, ours, complete = run_stratgame(payoffs, k)
            assert all(regret(game, p) <= 1e-9 for p in ours)
            row = rows["stratgame"]
            row["times"].append(elapsed)
            row["found"] += len(ours)
            row["even"] += len(ours) % 2 == 0 or not complete
            if python is None:
                continue
            for method in GAMBIT_METHODS:
                row = rows[method]
                got = run_gambit(python, payoffs, method, args.timeout)
                if got is None:
                    row["timeouts"] += 1
                    row["times"].append(args.timeout)
                    continue
                elapsed, theirs = got
                row["times"].append(elapsed)
                good = [p for p in theirs if regret(game, p) <= 1e-6]
                row["found"] += len(good)
                if method == "enumpoly":
                    row["even"] += len(good) % 2 == 0
                flat = [np.concatenate(p) for p in ours]
                for p in good:
                    q = np.concatenate(p)
                    if not flat or min(np.abs(q - f).max() for f in flat) > 1e-4:
                        row["missed"] += 1
        base = statistics.median(rows["stratgame"]["times"])
        for name, row in rows.items():
            if not row["times"]:
                continue
            median = statistics.median(row["times"])
            even = row["even"] if name in ("stratgame", "enumpoly") else "-"
            print(
                f"| {text} | {name} | {median:.4f} | {median / base:.2f} | "
                f"{row['found']} | {even} | {row['timeouts']} | {row['missed']} |"
            )


if __name__ == "__main__":
    main()
