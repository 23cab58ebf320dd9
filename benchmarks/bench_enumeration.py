"""All extreme equilibria of bimatrix games: stratgame against QuantEcon's
``vertex_enumeration``, Gambit's ``enummixed`` (floats) and nashpy's
``vertex_enumeration``, measured in the same run.

Two classes of n x n games: payoffs uniform on [0, 1) (nondegenerate with
probability one) and payoffs in {0, 1, 2} (degenerate, with equilibrium
components). Every library's answer is compared with a reference, stratgame's
exact enumeration where it is affordable (the {0, 1, 2} class and small
uniform games) and Gambit's otherwise, and the table says when a library
misses equilibria.

Run: ``python benchmarks/bench_enumeration.py [--quick]``. Prints a Markdown
table of median times per game (``sg.solve(g, method="enumerate")``, its
certification included), each peer's time over stratgame's (above 1:
stratgame is faster), and stratgame's time over QuantEcon's, the median of
the per-game ratios (below 1: stratgame is faster). Each game's contestants
run in turn, round after round, and each keeps its best CPU time
(``time.thread_time``), so that load from other processes hits all alike.
Compiled code (numba in QuantEcon and stratgame) is warmed up before timing;
with QuantEcon imported, numba's compiler is running, and stratgame loads its
own compiled kernels from the first small game on.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np

import stratgame as sg
from stratgame.solvers.enumeration import enumerate_equilibria

PEERS = ("QuantEcon", "Gambit", "nashpy")


def stratgame_solver(A, B):
    game = sg.NormalFormGame.from_bimatrix(A, B)

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = sg.solve(game, method="enumerate")
        return [np.concatenate(eq.strategies) for eq in result.equilibria]

    return run


def exact_reference(A, B):
    game = sg.NormalFormGame.from_bimatrix(A, B)
    result = enumerate_equilibria(game, exact=True)
    return [np.concatenate(eq.strategies) for eq in result.equilibria]


def quantecon_solver(A, B):
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return None
    # QuantEcon's players hold their own payoffs indexed [own action, other].
    game = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
    return lambda: [np.concatenate(eq) for eq in gt.vertex_enumeration(game)]


def gambit_solver(A, B):
    try:
        import pygambit as gbt
    except ImportError:
        return None
    game = gbt.Game.from_arrays(A, B)

    def run():
        solved = gbt.nash.enummixed_solve(game, rational=False)
        return [
            np.array(
                [float(eq[s]) for player in game.players for s in player.strategies]
            )
            for eq in solved.equilibria
        ]

    return run


def nashpy_solver(A, B):
    try:
        import nashpy
    except ImportError:
        return None
    game = nashpy.Game(A, B)

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [np.concatenate(eq) for eq in game.vertex_enumeration()]

    return run


SOLVERS = {
    "stratgame": stratgame_solver,
    "QuantEcon": quantecon_solver,
    "Gambit": gambit_solver,
    "nashpy": nashpy_solver,
}


def distinct(profiles, atol=1e-6):
    """The profiles with near-duplicates removed."""
    out = []
    for p in profiles:
        if not any(np.abs(p - q).max() <= atol for q in out):
            out.append(p)
    return out


def found_of(reference, answer, atol=1e-6):
    """How many reference profiles the answer contains, and how many of the
    answer's distinct profiles are not in the reference."""
    answer = distinct(answer, atol)
    hits = sum(any(np.abs(r - a).max() <= atol for a in answer) for r in reference)
    extra = sum(not any(np.abs(r - a).max() <= atol for r in reference) for a in answer)
    return hits, extra


def games(kind: str, n: int, count: int, rng):
    for _ in range(count):
        if kind == "uniform":
            yield rng.random((n, n)), rng.random((n, n))
        else:
            yield (
                rng.integers(0, 3, (n, n)).astype(float),
                rng.integers(0, 3, (n, n)).astype(float),
            )


def limits(quick: bool):
    """Largest n each library is run at, per class (Gambit and nashpy grow
    fast: Gambit takes about a second at 10 x 10)."""
    if quick:
        return {"Gambit": 8, "nashpy": 6, "exact": 8}
    return {"Gambit": 10, "nashpy": 6, "exact": 8}


def best_times(solvers, repeat):
    """Each solver's best CPU time over ``repeat`` rounds, running them in
    turn within each round."""
    best = dict.fromkeys(solvers, np.inf)
    for _ in range(repeat):
        for name, solver in solvers.items():
            start = time.thread_time()
            solver()
            best[name] = min(best[name], time.thread_time() - start)
    return best


def run_case(kind, n, count, repeat, rng, limit):
    per_library = {name: [] for name in SOLVERS}
    versus_quantecon = []
    counts, missing = [], {name: [0, 0, 0] for name in SOLVERS}
    for A, B in games(kind, n, count, rng):
        answers, solvers = {}, {}
        for name, make in SOLVERS.items():
            if name in limit and n > limit[name]:
                continue
            solver = make(A, B)
            if solver is None:
                continue
            answers[name] = solver()  # also the warm-up of compiled code
            solvers[name] = solver
        rounds = max(repeat, int(repeat * 100 / n**2))  # more for quick games
        for name, seconds in best_times(solvers, rounds).items():
            per_library[name].append(seconds)
        if "QuantEcon" in solvers:
            versus_quantecon.append(
                per_library["stratgame"][-1] / per_library["QuantEcon"][-1]
            )
        use_exact = kind == "degenerate" or n <= limit["exact"]
        if use_exact:
            reference = exact_reference(A, B)
        else:
            reference = answers.get("Gambit", answers["stratgame"])
        counts.append(len(reference))
        for name, answer in answers.items():
            hits, extra = found_of(reference, answer)
            tally = missing[name]
            tally[0] += len(reference) - hits
            tally[1] += extra
            tally[2] += len(reference)
    return {
        "times": {k: statistics.median(v) for k, v in per_library.items() if v},
        "versus_quantecon": (
            statistics.median(versus_quantecon) if versus_quantecon else None
        ),
        "equilibria": statistics.median(counts),
        "missing": missing,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast, small run")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--load-kernels",
        action="store_true",
        help="load stratgame's compiled kernels before timing (releases that "
        "ran small games in numpy until numba was loaded need it)",
    )
    args = parser.parse_args(argv)
    if args.load_kernels:
        from stratgame.solvers import enumeration

        enumeration._engine(sg.NormalFormGame.from_bimatrix(np.eye(20), np.eye(20)))
    rng = np.random.default_rng(args.seed)
    if args.quick:
        sizes = {"uniform": [4, 6, 8, 10], "degenerate": [4, 6, 8]}
        count, repeat = 3, 3
    else:
        sizes = {
            "uniform": [4, 5, 6, 7, 8, 10, 12],
            "degenerate": [4, 5, 6, 7, 8, 10, 12],
        }
        count, repeat = 7, 5
    limit = limits(args.quick)
    print(
        f"Median CPU seconds per game ({count} games per row, best of at least "
        f"{repeat} interleaved runs each); in brackets the library's time over "
        "stratgame's (above 1: stratgame is faster); 'vs QE': the median of "
        "stratgame's time over QuantEcon's per game (below 1: stratgame is "
        "faster). 'eq': median number of extreme equilibria.\n"
    )
    header = ["class", "n", "eq", "stratgame", "vs QE", *PEERS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    notes = []
    for kind, ns in sizes.items():
        for n in ns:
            case = run_case(kind, n, count, repeat, rng, limit)
            times = case["times"]
            base = times["stratgame"]
            cells = [kind, str(n), f"{case['equilibria']:g}", f"{base:.2e}"]
            ratio = case["versus_quantecon"]
            cells.append("-" if ratio is None else f"{ratio:.2f}")
            for peer in PEERS:
                if peer in times:
                    cells.append(f"{times[peer]:.2e} ({times[peer] / base:.1f}x)")
                else:
                    cells.append("-")
            print("| " + " | ".join(cells) + " |", flush=True)
            for name, (missed, extra, total) in case["missing"].items():
                if missed or extra:
                    notes.append(
                        f"- {kind} n={n}: {name} missed {missed} of {total} extreme "
                        f"equilibria (over {count} games)"
                        + (f" and returned {extra} non-equilibria" if extra else "")
                    )
    print()
    if notes:
        print("Disagreements with the reference (exact enumeration, else Gambit):")
        print("\n".join(notes))
    else:
        print("Every library found every extreme equilibrium of every game.")


if __name__ == "__main__":
    main()
