"""Global Newton and polymatrix equilibria against their peers, in one run.

- ``method="global_newton"`` against pygambit's ``gnm_solve`` (one random
  ray each) and ``simpdiv_solve`` on random 3- and 4-player games: median
  time, ratio (above 1: stratgame is faster), equilibria found and
  certified (regret <= 1e-6 of each player's range).
- ``method="polymatrix"`` (Lemke on Howson's LCP) against QuantEcon's
  ``polym_lcp_solver`` on random polymatrix games of many players.

pygambit runs in a subprocess (``$GAMBIT_PYTHON``, default
``/tmp/gambitenv/bin/python``) with a timeout; times are measured inside it
around the solver call. Run: ``python benchmarks/bench_global_newton.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from bench_n_player import gambit_python, regret, run_gambit

import stratgame as sg
from stratgame.solvers.global_newton import global_newton
from stratgame.solvers.polymatrix import polymatrix_lemke


def bench_gnm(args, python):
    print("| game | solver | median time (s) | ratio | certified equilibria |")
    print("|---|---|---|---|---|")
    rng = np.random.default_rng(7)
    for text in args.shapes.split(","):
        shape = tuple(int(x) for x in text.split("x"))
        rows = {name: ([], 0) for name in ("stratgame", "gnm", "simpdiv")}
        for k in range(args.games):
            payoffs = rng.standard_normal((len(shape), *shape))
            game = sg.NormalFormGame(list(payoffs))
            start = time.perf_counter()
            result = global_newton(game, n_starts=1, rng=k)
            times, found = rows["stratgame"]
            times.append(time.perf_counter() - start)
            rows["stratgame"] = (times, found + len(result.equilibria))
            if python is None:
                continue
            for method in ("gnm", "simpdiv"):
                got = run_gambit(python, payoffs, method, args.timeout)
                times, found = rows[method]
                if got is None:
                    times.append(args.timeout)
                    continue
                elapsed, theirs = got
                times.append(elapsed)
                good = [p for p in theirs if regret(game, p) <= 1e-6]
                rows[method] = (times, found + len(good))
        base = statistics.median(rows["stratgame"][0])
        for name, (times, found) in rows.items():
            if times:
                median = statistics.median(times)
                print(
                    f"| {text} | {name} | {median:.4f} | {median / base:.2f} | {found} |"
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
    parser.add_argument("--games", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--shapes", default="3x3x3,4x4x4,2x2x2x2,3x3x3x3")
    args = parser.parse_args()
    python = gambit_python()
    if python is None:
        print("pygambit not found; set GAMBIT_PYTHON to a Python that has it")
    bench_gnm(args, python)
    bench_polymatrix(args)


if __name__ == "__main__":
    main()
