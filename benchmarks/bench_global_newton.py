"""Global Newton and polymatrix equilibria against their peers, in one run.

- ``method="global_newton"`` against pygambit's ``gnm_solve`` on random 3-
  and 4-player games (standard normal payoffs): one ray each, *the same
  ray* (the random perturbation vector drawn for stratgame, each player's
  block of unit length, is passed to Gambit), so both trace the same number
  of paths. Per game class: median thread CPU time per ray and its ratio
  ``gnm / stratgame`` (above 1: stratgame is faster), equilibria found per
  ray (certified: regret at most 1e-6 of each player's range), rays that
  found none, and for stratgame rays that did not reach their end (with
  ``details["rays"][k]["reason"]``). The two rays need not cross the same
  equilibria (Gambit rescales payoffs its own way, and stops at
  ``end_lambda = -10`` where stratgame follows the ray to its end).
- ``method="polymatrix"`` (Lemke on Howson's LCP) against QuantEcon's
  ``polym_lcp_solver`` on random polymatrix games of many players.

pygambit runs in a subprocess (``$GAMBIT_PYTHON``, default
``/tmp/gambitenv/bin/python``) with a timeout; its time is measured inside
that process around the solver call, with ``time.thread_time`` as
stratgame's. Run: ``python benchmarks/bench_global_newton.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time

import numpy as np
from bench_n_player import gambit_python, regret

import stratgame as sg
from stratgame.solvers.global_newton import _System, global_newton, random_ray
from stratgame.solvers.polymatrix import polymatrix_lemke

GNM_WORKER = r"""
import json, sys, time
import numpy as np
import pygambit as gbt
job = json.loads(sys.stdin.read())
arrays = [np.array(a, dtype=float) for a in job["payoffs"]]
game = gbt.Game.from_arrays(*arrays)
ray = game.mixed_strategy_profile()
values = iter(job["ray"])
for player in game.players:
    for strategy in player.strategies:
        ray[strategy] = next(values)
start = time.thread_time()
result = gbt.nash.gnm_solve(ray)
elapsed = time.thread_time() - start
out = [[[float(eq[s]) for s in p.strategies] for p in game.players]
       for eq in result.equilibria]
print(json.dumps({"time": elapsed, "equilibria": out}))
"""


def run_gnm(python, payoffs, ray, timeout):
    """Gambit's gnm along ``ray``: (seconds, equilibria), or the reason it
    gave none (``"timeout"``, ``"error"``)."""
    job = json.dumps({"payoffs": [p.tolist() for p in payoffs], "ray": ray.tolist()})
    try:
        done = subprocess.run(
            [python, "-c", GNM_WORKER],
            input=job,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    if done.returncode:
        return "error"
    out = json.loads(done.stdout)
    return out["time"], [[np.array(s) for s in eq] for eq in out["equilibria"]]


def first_ray(game, seed) -> np.ndarray:
    """The perturbation ``global_newton(game, n_starts=1, rng=seed)``
    follows."""
    return random_ray(_System(game), np.random.default_rng(seed))


def bench_gnm(args, python):
    print(
        "| game | solver | median time per ray (s) | ratio gnm / stratgame | "
        "equilibria per ray | rays with none | rays not finished |"
    )
    print("|---|---|---|---|---|---|---|")
    rng = np.random.default_rng(7)
    for text in args.shapes.split(","):
        shape = tuple(int(x) for x in text.split("x"))
        rows = {
            name: {"times": [], "found": [], "none": 0, "unfinished": 0, "reasons": []}
            for name in ("stratgame", "gnm")
        }
        for k in range(args.games):
            payoffs = rng.standard_normal((len(shape), *shape))
            game = sg.NormalFormGame(list(payoffs))
            start = time.thread_time()
            result = global_newton(game, n_starts=1, rng=k)
            elapsed = time.thread_time() - start
            row = rows["stratgame"]
            row["times"].append(elapsed)
            row["found"].append(len(result.equilibria))
            row["none"] += not result.equilibria
            (ray,) = result.details["rays"]
            if not ray["finished"]:
                row["unfinished"] += 1
                row["reasons"].append(ray["reason"])
            if python is None:
                continue
            row = rows["gnm"]
            got = run_gnm(python, payoffs, first_ray(game, k), args.timeout)
            if isinstance(got, str):  # a timeout counts as its limit
                row["times"].append(args.timeout if got == "timeout" else np.nan)
                row["unfinished"] += 1
                row["reasons"].append(got)
                continue
            elapsed, theirs = got
            good = [p for p in theirs if regret(game, p) <= 1e-6]
            row["times"].append(elapsed)
            row["found"].append(len(good))
            row["none"] += not good
        base = statistics.median(rows["stratgame"]["times"])
        for name, row in rows.items():
            if not row["times"]:
                continue
            median = float(np.nanmedian(row["times"]))
            found = statistics.mean(row["found"]) if row["found"] else 0.0
            reasons = (
                f" ({', '.join(sorted(set(row['reasons'])))})" if row["reasons"] else ""
            )
            print(
                f"| {text} | {name} | {median:.4f} | {median / base:.2f} | "
                f"{found:.1f} | {row['none']}/{args.games} | "
                f"{row['unfinished']}/{args.games}{reasons} |"
            )


def bench_polymatrix(args):
    try:
        from quantecon.game_theory import PolymatrixGame as QEGame
        from quantecon.game_theory import polym_lcp_solver
    except ImportError:
        print("\nQuantEcon not installed: polymatrix comparison skipped")
        return
    print("\n| players x actions | solver | median time (s) | ratio | certified |")
    print("|---|---|---|---|---|")
    rng = np.random.default_rng(3)
    for n, m in [(3, 3), (6, 4), (10, 5), (20, 5)]:
        ours, theirs, ok = [], [], {"stratgame": 0, "quantecon": 0}
        for _ in range(args.games):
            mats = {
                (i, j): rng.standard_normal((m, m))
                for i in range(n)
                for j in range(n)
                if i != j
            }
            game = sg.PolymatrixGame(mats)
            start = time.perf_counter()
            result = polymatrix_lemke(game)
            ours.append(time.perf_counter() - start)
            ok["stratgame"] += bool(result.equilibria) and game.is_nash(
                result.equilibria[0].strategies, tol=1e-6
            )
            qe = QEGame(mats)
            start = time.perf_counter()
            profile = polym_lcp_solver(qe)
            theirs.append(time.perf_counter() - start)
            ok["quantecon"] += game.is_nash(list(profile), tol=1e-6)
        base = statistics.median(ours)
        for name, times in (("stratgame", ours), ("quantecon", theirs)):
            median = statistics.median(times)
            print(
                f"| {n} x {m} | {name} | {median:.4f} | {median / base:.2f} | "
                f"{ok[name]}/{args.games} |"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10, help="games per class")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--shapes", default="3x3x3,4x4x4,5x5x5,6x6x6,2x2x2x2")
    parser.add_argument("--quick", action="store_true", help="3 small games a class")
    args = parser.parse_args()
    if args.quick:
        args.games, args.shapes = 3, "3x3x3,4x4x4,2x2x2x2"
    python = gambit_python()
    if python is None:
        print("pygambit not found; set GAMBIT_PYTHON to a Python that has it")
    # warm up the compiled kernels (loaded from numba's cache or compiled)
    global_newton(sg.NormalFormGame(list(np.ones((3, 2, 2, 2)))), rng=0)
    print(f"{args.games} random games per class, one ray each\n")
    bench_gnm(args, python)
    bench_polymatrix(args)


if __name__ == "__main__":
    main()
