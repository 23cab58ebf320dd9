"""Benchmark: stationary equilibria of stochastic games against sgamesolver.

Part 1 (issue 17): on sgamesolver's own random games
(``SGame.random_game(n_states, n_players, n_actions, delta=0.95, seed)``),
16 states x 3 players x 3 actions and 64 states x 2 players x 4 actions,
stratgame's logit homotopy (``solve_homotopy``) against sgamesolver's QRE and
log-tracing homotopies, measured in the same run on the same games. Every
answer's one-shot deviation gain is computed by sgamesolver's
``check_equilibrium`` (its own certificate); stratgame's answers are also
certified by stratgame (relative regret <= 1e-9). The ratios are
sgamesolver's time over stratgame's.

Part 2: a 1,000-state two-player zero-sum game (3 actions per player, each
profile leading to 5 random states, discount 0.95) solved by Shapley
iteration.

sgamesolver 1.0.2 does not import under numpy 2 (it uses ``np.NaN``); the
alias is restored here, in the benchmark only. Without sgamesolver, part 1
runs stratgame alone and says so.

Run: ``python benchmarks/bench_stochastic.py [--seeds 0 1] [--peers QRE LogTracing]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import stratgame as sg
from stratgame.games import random_stochastic_game
from stratgame.solvers.stochastic import solve_homotopy, solve_shapley


def load_sgamesolver():
    if not hasattr(np, "NaN"):
        np.NaN = np.nan  # noqa: NPY201 (sgamesolver 1.0.2 predates numpy 2)
    try:
        import sgamesolver
    except ImportError:
        return None
    return sgamesolver


def convert(sgame) -> sg.StochasticGame:
    """The same game as a StochasticGame (sgamesolver pads action axes)."""
    payoffs, transitions = [], []
    for s in range(sgame.num_states):
        keep = tuple(slice(0, n) for n in sgame.nums_actions[s])
        payoffs.append(sgame.u[(s, slice(None), *keep)])
        transitions.append(sgame.phi[(s, *keep)])
    return sg.StochasticGame(payoffs, transitions, list(sgame.delta))


def as_sgamesolver_profile(sgame, equilibrium) -> np.ndarray:
    sigma = np.zeros((sgame.num_states, sgame.num_players, sgame.num_actions_max))
    for s, per_state in enumerate(equilibrium.strategies):
        for i, x in enumerate(per_state):
            sigma[s, i, : len(x)] = x
    return sigma


def run_peer(sgamesolver, sgame, name: str):
    homotopy = getattr(sgamesolver.homotopy, name)(sgame)
    start = time.perf_counter()
    homotopy.solver_setup()
    homotopy.solver.verbose = 0
    homotopy.solve()
    elapsed = time.perf_counter() - start
    if homotopy.equilibrium is None:
        return elapsed, float("nan")
    gain = float(sgame.check_equilibrium(homotopy.equilibrium.strategies).max())
    return elapsed, gain


def part_one(seeds, peers) -> None:
    sgamesolver = load_sgamesolver()
    if sgamesolver is None:
        print(
            "sgamesolver is not installed (pip install sgamesolver; it builds "
            "with numpy and cython present): timing stratgame alone.\n"
        )
    header = f"{'game':>12} {'seed':>4} {'stratgame':>10} {'max gain':>9}"
    for name in peers if sgamesolver else []:
        header += f" {name:>11} {'max gain':>9} {'ratio':>7}"
    print(header)
    for shape in ((16, 3, 3), (64, 2, 4)):
        for seed in seeds:
            if sgamesolver is not None:
                sgame = sgamesolver.SGame.random_game(*shape, delta=0.95, seed=seed)
                game = convert(sgame)
            else:
                game = random_stochastic_game(*shape, discount=0.95, rng=seed)
            start = time.perf_counter()
            result = solve_homotopy(game)
            ours = time.perf_counter() - start
            equilibrium = result.equilibria[0]
            assert equilibrium.relative_regret <= 1e-9
            line = f"{'x'.join(map(str, shape)):>12} {seed:>4} {ours:>9.2f}s"
            if sgamesolver is None:
                print(line + f" {equilibrium.regret:>9.1e}", flush=True)
                continue
            gain = float(
                sgame.check_equilibrium(
                    as_sgamesolver_profile(sgame, equilibrium)
                ).max()
            )
            line += f" {gain:>9.1e}"
            for name in peers:
                theirs, their_gain = run_peer(sgamesolver, sgame, name)
                line += f" {theirs:>10.2f}s {their_gain:>9.1e} {theirs / ours:>6.1f}x"
            print(line, flush=True)


def part_two(n_states: int) -> None:
    game = random_stochastic_game(
        n_states, 2, 3, discount=0.95, rng=0, zero_sum=True, n_successors=5
    )
    solve_shapley(random_stochastic_game(3, 2, 2, rng=0, zero_sum=True))  # imports
    start = time.perf_counter()
    result = solve_shapley(game)
    elapsed = time.perf_counter() - start
    details = result.details
    print(
        f"\nShapley iteration, {n_states} states, 3x3 actions, discount 0.95: "
        f"{elapsed:.2f}s, {details['iterations']} operator applications "
        f"({details['newton_steps']} Newton steps kept), relative regret "
        f"{result.equilibria[0].relative_regret:.1e}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--peers", nargs="+", default=["QRE", "LogTracing"])
    parser.add_argument("--states", type=int, default=1000)
    args = parser.parse_args()
    part_one(args.seeds, args.peers)
    part_two(args.states)


if __name__ == "__main__":
    main()
