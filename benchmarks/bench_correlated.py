"""Benchmark: the welfare-maximizing correlated equilibrium of n x n games.

``sg.correlated_equilibrium(g, objective="welfare")`` against peers measured
in the same run on random games with payoffs uniform on [0, 1):

* "direct HiGHS": the incentive constraints assembled as a block-diagonal
  sparse matrix and passed to ``scipy.optimize.linprog(method="highs")``;
* "cvxpy default": the textbook cvxpy model (a matrix variable, one matrix
  inequality per player) solved by cvxpy's default solver.

Runs alternate between stratgame and the direct peer. stratgame's time
includes checking the answer against the game (the largest
incentive violation). All must agree on the welfare.

Run: ``python benchmarks/bench_correlated.py [--sizes 20 40] [--cvxpy-max 40]``
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import interleaved
from scipy import sparse
from scipy.optimize import linprog

import stratgame as sg


def direct_highs(payoffs) -> float:
    a, b = payoffs
    n, m = a.shape
    # Row player, recommended r, deviation s: sum_c p[r, c] (a[s, c] - a[r, c]).
    row_blocks = [np.delete(a, r, axis=0) - a[r] for r in range(n)]
    rows = sparse.block_diag(row_blocks, format="csr")  # columns r * m + c
    # Column player, recommended c, deviation d: sum_r p[r, c] (b[r, d] - b[r, c]).
    col_blocks = [np.delete(b.T, c, axis=0) - b.T[c] for c in range(m)]
    cols = sparse.block_diag(col_blocks, format="csr")  # columns c * n + r
    order = np.arange(n * m).reshape(m, n).T.ravel()  # (c, r) -> r * m + c
    cols = cols[:, np.argsort(order)]
    constraints = sparse.vstack([rows, cols], format="csr")
    solution = linprog(
        -(a + b).ravel(),
        A_ub=constraints,
        b_ub=np.zeros(constraints.shape[0]),
        A_eq=np.ones((1, n * m)),
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
    )
    return -solution.fun


def cvxpy_default(payoffs) -> float:
    import cvxpy as cp

    a, b = payoffs
    n, m = a.shape
    p = cp.Variable((n, m), nonneg=True)
    obey_row = cp.sum(cp.multiply(p, a), axis=1)
    obey_col = cp.sum(cp.multiply(p, b), axis=0)
    constraints = [
        cp.sum(p) == 1,
        p @ a.T <= cp.reshape(obey_row, (n, 1), order="C") @ np.ones((1, n)),
        p.T @ b <= cp.reshape(obey_col, (m, 1), order="C") @ np.ones((1, m)),
    ]
    problem = cp.Problem(cp.Maximize(cp.sum(cp.multiply(p, a + b))), constraints)
    return problem.solve()


def stratgame_ce(game) -> float:
    return float(sg.correlated_equilibrium(game, objective="welfare").payoffs.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20, 40])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--cvxpy-max", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    stratgame_ce(sg.NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)))  # warm up
    for n in args.sizes:
        rng = np.random.default_rng(args.seed)
        payoffs = (rng.random((n, n)), rng.random((n, n)))
        game = sg.NormalFormGame(list(payoffs))
        medians, values = interleaved(
            [
                ("stratgame", stratgame_ce, game),
                ("direct HiGHS", direct_highs, payoffs),
            ],
            args.repeats,
        )
        ours, welfare = medians["stratgame"], values["stratgame"]
        print(f"n = {n}: median of {args.repeats} interleaved runs")
        print(f"  stratgame       {ours * 1e3:10.1f} ms   welfare {welfare:.8f}")
        peers = [("direct HiGHS", medians["direct HiGHS"], values["direct HiGHS"])]
        if n <= args.cvxpy_max:
            seconds, value = interleaved([("cvxpy", cvxpy_default, payoffs)], 1)
            peers.append(("cvxpy default", seconds["cvxpy"], value["cvxpy"]))
        for name, seconds, value in peers:
            assert abs(value - welfare) < 1e-6, (name, value, welfare)
            print(
                f"  {name:<15s} {seconds * 1e3:10.1f} ms   "
                f"stratgame / peer = {ours / seconds:.2f}"
            )


if __name__ == "__main__":
    main()
