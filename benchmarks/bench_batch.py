"""Batched solving and vectorized sweeps: ``sg.solve_batch`` against one
``sg.solve`` per game (2x2, 3x3, 4x4 random games, the same equilibria
checked), and a vectorized regime map of a 2x2 model (DSAIR, 1000 x 1000 =
10^6 points) against the plain sweep's points per second.

Times are CPU seconds of this thread (``time.thread_time``), best of a few
runs, so that other processes on the machine weigh less; the sweep's wall
time is printed too, with the machine's load average.

Run: ``python benchmarks/bench_batch.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import numpy as np

import stratgame as sg
from stratgame.analysis import regime_map
from stratgame.models import DSAIR


def cpu(function, repeat: int = 1):
    """Best thread CPU seconds of ``repeat`` calls, and the last value."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.thread_time()
        value = function()
        best = min(best, time.thread_time() - start)
    return best, value


def solve_each(U):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [sg.solve(sg.NormalFormGame(list(u)), method="enumerate") for u in U]


def same_equilibria(batch, results) -> bool:
    """Every game's equilibria from the batch are solve's, in solve's order."""
    for k, result in enumerate(results):
        mine = batch.equilibria(k)
        if len(mine) != len(result.equilibria):
            return False
        for eq, strategies in zip(result.equilibria, mine, strict=True):
            for s, t in zip(eq.strategies, strategies, strict=True):
                if not np.allclose(s, t, atol=1e-10):
                    return False
    return True


def steady_state() -> None:
    """A long loop of solves loads the compiled kernels after about a second
    of numpy enumeration (``stratgame.solvers.enumeration._engine``): load
    them first, so that the loop is timed in its steady state."""
    try:
        import stratgame.solvers._vertex_numba  # noqa: F401
    except ImportError:  # numba not installed: numpy throughout
        pass


def batch_rows(quick: bool):
    steady_state()
    rng = np.random.default_rng(19)
    looped = 200 if quick else 1000
    batched = 20_000 if quick else 200_000
    print("## solve_batch against one solve per game (method='enumerate')\n")
    print(
        "| shape | games in batch | batch us/game | solve us/game | speed-up | "
        "vectorized | same equilibria |"
    )
    print("|---|---|---|---|---|---|---|")
    for n in (2, 3, 4):
        U = rng.random((batched, 2, n, n))
        sg.solve_batch(U[:100])  # first-call costs out of the timing
        solve_each(U[:20])
        batch_seconds, batch = cpu(lambda U=U: sg.solve_batch(U), 3)
        loop_seconds, results = cpu(lambda U=U: solve_each(U[:looped]))
        agree = same_equilibria(batch, results)
        per_batch = 1e6 * batch_seconds / batched
        per_solve = 1e6 * loop_seconds / looped
        print(
            f"| {n}x{n} | {batched} | {per_batch:.2f} | {per_solve:.0f} | "
            f"{per_solve / per_batch:.0f}x | {batch.vectorized.mean():.3f} | "
            f"{'yes' if agree else 'NO'} |"
        )
        assert agree, f"solve_batch and solve disagree on {n}x{n} games"


def sweep_rows(quick: bool):
    import pandas as pd

    n = 300 if quick else 1000
    plain_n = 20 if quick else 40
    x = ("p_risk", list(np.linspace(0, 1, n)))
    y = ("c", list(np.linspace(0, 40, n)))
    fixed = {"b": 4.0}

    # the same table, vectorized or not, on a small grid
    small_x, small_y = ("p_risk", x[1][:: n // 25]), ("c", y[1][:: n // 25])
    fast = regime_map(DSAIR, small_x, small_y, fixed=fixed, solve="enumerate")
    plain = regime_map(
        DSAIR, small_x, small_y, fixed=fixed, solve="enumerate", vectorized=False
    )
    pd.testing.assert_frame_equal(fast.rows, plain.rows)

    plain_x, plain_y = ("p_risk", x[1][:plain_n]), ("c", y[1][:plain_n])
    plain_seconds, _ = cpu(
        lambda: regime_map(
            DSAIR, plain_x, plain_y, fixed=fixed, solve="enumerate", vectorized=False
        )
    )
    load = os.getloadavg()[0]
    start = time.perf_counter()
    seconds, m = cpu(lambda: regime_map(DSAIR, x, y, fixed=fixed, solve="enumerate"))
    wall = time.perf_counter() - start
    points = n * n
    start = time.perf_counter()
    processes = regime_map(
        DSAIR, x, y, fixed=fixed, solve="enumerate", backend="processes", n_workers=2
    )
    processes_wall = time.perf_counter() - start
    assert (processes.labels == m.labels).all()
    plain_rate = plain_n * plain_n / plain_seconds
    print(f"\n## Vectorized regime map of DSAIR, {n} x {n} = {points} points\n")
    print(f"load average {load:.1f} on {os.cpu_count()} cores; rows: {len(m.rows)}")
    print("| run | points | CPU s | wall s | points/s (CPU) | vs plain sweep |")
    print("|---|---|---|---|---|---|")
    print(
        f"| plain sweep, serial | {plain_n * plain_n} | {plain_seconds:.2f} | - | "
        f"{plain_rate:.0f} | 1 |"
    )
    print(
        f"| vectorized, serial | {points} | {seconds:.2f} | {wall:.2f} | "
        f"{points / seconds:.0f} | {points / seconds / plain_rate:.0f}x |"
    )
    print(f"| vectorized, 2 processes | {points} | - | {processes_wall:.2f} | - | - |")
    print("\nregimes:", ", ".join(f"{r}" for r in m.regimes()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller batches, a 300 x 300 map"
    )
    args = parser.parse_args()
    batch_rows(args.quick)
    sweep_rows(args.quick)


if __name__ == "__main__":
    main()
