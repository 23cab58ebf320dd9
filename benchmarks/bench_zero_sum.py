"""Benchmark: zero-sum games by linear programming and by the first-order method.

Part 1 (issue 4): ``sg.solve(g, method="zero_sum")`` against two direct
``scipy.optimize.linprog(method="highs")`` formulations of the row player's
maximin LP, measured in the same run on random n x n games with payoffs
uniform on [0, 1):

* "textbook": payoffs shifted positive, ``min 1.u`` s.t. ``B^T u >= 1``;
* "free value": ``max v`` s.t. ``A^T x >= v``, ``sum(x) = 1``.

stratgame's time includes building the result (strategies from the primal
and dual solutions, payoffs and regret from the game); the peers only solve.
Runs alternate between the three; all must agree on the value.

Part 2: on a large game, ``method="zero_sum_approx"`` (restarted PDHG) to a
duality gap of 1e-4 (relative to the payoff range) against the exact LP.

Run: ``python benchmarks/bench_zero_sum.py [--sizes 200 1000] [--large 2000]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import interleaved
from scipy.optimize import linprog

import stratgame as sg


def textbook_lp(matrix) -> float:
    shift = 1.0 - matrix.min()
    rows, cols = matrix.shape
    solution = linprog(
        np.ones(rows),
        A_ub=-(matrix + shift).T,
        b_ub=-np.ones(cols),
        bounds=(0, None),
        method="highs",
    )
    return 1.0 / solution.fun - shift


def free_value_lp(matrix) -> float:
    rows, cols = matrix.shape
    objective = np.zeros(rows + 1)
    objective[-1] = -1.0
    a_ub = np.hstack([-matrix.T, np.ones((cols, 1))])
    a_eq = np.ones((1, rows + 1))
    a_eq[0, -1] = 0.0
    solution = linprog(
        objective,
        A_ub=a_ub,
        b_ub=np.zeros(cols),
        A_eq=a_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * rows + [(None, None)],
        method="highs",
    )
    return -solution.fun


def stratgame_lp(game) -> float:
    return sg.solve(game, method="zero_sum").details["value"]


def exact_lp(n: int, repeats: int, seed: int) -> None:
    matrix = np.random.default_rng(seed).random((n, n))
    game = sg.NormalFormGame.from_bimatrix(matrix)
    medians, values = interleaved(
        [
            ("stratgame", stratgame_lp, game),
            ("textbook", textbook_lp, matrix),
            ("free value", free_value_lp, matrix),
        ],
        repeats,
    )
    ours, value = medians["stratgame"], values["stratgame"]
    print(f"n = {n}: median of {repeats} interleaved runs")
    print(f"  stratgame zero_sum      {ours * 1e3:10.1f} ms   value {value:.10f}")
    for name in ("textbook", "free value"):
        assert abs(values[name] - value) < 1e-7, (name, values[name], value)
        print(
            f"  linprog {name:<15s} {medians[name] * 1e3:10.1f} ms   "
            f"stratgame / peer = {ours / medians[name]:.2f}"
        )


def first_order(n: int, gap: float, seed: int) -> None:
    matrix = np.random.default_rng(seed).random((n, n))
    game = sg.NormalFormGame.from_bimatrix(matrix)
    start = time.perf_counter()
    approx = sg.solve(game, method="zero_sum_approx", gap=gap, rng=seed)
    approx_time = time.perf_counter() - start
    start = time.perf_counter()
    exact = sg.solve(game, method="zero_sum")
    exact_time = time.perf_counter() - start
    low, high = approx.details["value_bounds"]
    print(f"n = {n}: one run each")
    print(
        f"  zero_sum_approx (gap {gap:g})  {approx_time:8.2f} s   "
        f"{approx.details['iterations']} iterations, "
        f"{approx.details['restarts']} restarts, relative gap "
        f"{approx.details['relative_gap']:.2e}, converged={approx.converged}"
    )
    print(f"  zero_sum (exact LP)           {exact_time:8.2f} s")
    value = exact.details["value"]
    print(
        f"  exact value {value:.8f} in [{low:.8f}, {high:.8f}]: "
        f"{low - 1e-9 <= value <= high + 1e-9}; exact / approx time = "
        f"{exact_time / approx_time:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000])
    parser.add_argument("--repeats", type=int, nargs="*", default=[7, 3])
    parser.add_argument("--large", type=int, default=2000, help="0 to skip")
    parser.add_argument("--gap", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    repeats = args.repeats + [args.repeats[-1]] * len(args.sizes)
    for n, count in zip(args.sizes, repeats, strict=False):
        exact_lp(n, count, args.seed)
    if args.large:
        first_order(args.large, args.gap, args.seed)


if __name__ == "__main__":
    main()
