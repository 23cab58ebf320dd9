"""Benchmark: one equilibrium by Lemke–Howson, stratgame against QuantEcon
(numba), Gambit (pygambit ``lcp_solve``) and nashpy, measured in one run.

Games: random n x n games with payoffs uniform on [0, 1) (``random_game``,
``np.random.default_rng``; the same games for every library), and the
Savani–von Stengel hard games, whose Lemke–Howson paths are exponentially
long. stratgame runs twice: through ``sg.solve(game, method="lemke_howson")``
(dispatch and the central certificate included) and as the bare
``lemke_howson`` function. Each solve runs in a forked child process so that
a peer that runs past ``--timeout`` seconds can be stopped; the time is
measured inside the child, after warm-up (JIT code, QuantEcon's and
stratgame's own when numba is installed, is compiled in the parent before
forking), as the median of up to 50 repeats while they take under 0.5 s.
The libraries take turns game by game, so changes in machine load hit all of
them. Every answer is verified: its regret, computed by stratgame from the
game, must be at most 1e-9 of the payoff range (and for the hard games,
which have a unique equilibrium, it must be that one).

Usage::

    python benchmarks/bench_lemke_howson.py            # n = 25..400, d = 8..16
    python benchmarks/bench_lemke_howson.py --quick    # a smaller run
    python benchmarks/bench_lemke_howson.py --loaded   # the same, loaded
    python benchmarks/bench_lemke_howson.py --long     # issue 19's long paths

``--loaded`` keeps one extra process spinning for the whole run (on a 2-core
machine, the other core is busy), as on the processes backend of a sweep;
compare its ratios with a quiet run's. ``--long`` solves the uniform random
200 x 200 games of ``np.random.default_rng(11)`` after one 4 x 4 draw, whose
label-0 paths run from 243 to 502,045 pivots. Of the three 400 x 400 games,
the third (``random_game(400, rng=400002)``) has a label-0 path longer than
the default ``max_iter`` of 10^6 pivots (stratgame and QuantEcon alike):
no equilibrium, reported as such.

Prints Markdown tables: median times over the games of each size, and the
median over those games of each game's ratio stratgame / peer (below 1:
stratgame is faster); then the first solve in a fresh process
(``bench_startup.py``; ``--no-startup`` skips it).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import statistics
import time
import warnings

import numpy as np

import stratgame as sg
from stratgame.games.generators import random_game, savani_von_stengel

__all__ = ["main"]

#: A solve is repeated (same game, same child) up to this many times while the
#: repeats take less than the budget in seconds; its median time is reported.
_REPEATS = 50
_REPEAT_BUDGET = 0.5
#: nashpy's Lemke-Howson is run only up to this size (it is slow beyond, and
#: cycles on some 25 x 25 games), with its own timeout in seconds.
_NASHPY_MAX = 25
_NASHPY_TIMEOUT = 5.0
#: The bare ``lemke_howson`` function is timed up to this size (beyond, the
#: pivots dwarf the overhead of ``solve`` that it leaves out).
_FUNCTION_MAX = 100
#: Games from this size on are few (their paths run to 10^5 pivots).
_LARGE = 400
_LARGE_GAMES = 3


def _stratgame(game, exact=False):
    eq = sg.solve(game, method="lemke_howson", exact=exact).equilibria
    return eq[0].strategies if eq else None


def _stratgame_exact(game):
    return _stratgame(game, exact=True)


#: The name of the bare function's column.
_FUNCTION = "stratgame lemke_howson()"


def _stratgame_function(game):
    from stratgame.solvers.lemke_howson import lemke_howson

    eq = lemke_howson(game).equilibria
    return eq[0].strategies if eq else None


def _quantecon(game):
    from quantecon import game_theory as gt

    A, B = game.float_payoff_arrays
    qe_game = gt.NormalFormGame((gt.Player(np.array(A)), gt.Player(np.array(B.T))))
    x, y = gt.lemke_howson(qe_game, init_pivot=0)
    return x, y


def _gambit(game):
    import pygambit

    gbt_game = sg.io.to_pygambit(game)
    rational = game.is_exact
    result = pygambit.nash.lcp_solve(gbt_game, rational=rational, stop_after=1)
    if not result.equilibria:
        return None
    profile = result.equilibria[0]
    return tuple(
        np.array([float(profile[s]) for s in player.strategies])
        for player in gbt_game.players
    )


def _nashpy(game):
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nashpy.Game(*game.float_payoff_arrays).lemke_howson(0)


def _child(connection, solver, game, clock):
    """Solve ``game``, repeated while cheap; send (median seconds, answer,
    error)."""
    times = []
    try:
        while len(times) < _REPEATS and sum(times) < _REPEAT_BUDGET:
            start = clock()
            answer = solver(game)
            times.append(clock() - start)
        connection.send((statistics.median(times), answer, None))
    except Exception as error:  # report, do not hide, a peer's failure
        connection.send((sum(times), None, repr(error)))


def _timed(solver, game, timeout, clock):
    """(seconds or None on timeout, answer, error) from a forked child."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, solver, game, clock))
    process.start()
    if parent.poll(timeout):
        seconds, answer, error = parent.recv()
    else:
        seconds, answer, error = None, None, "timeout"
    process.kill()
    process.join()
    return seconds, answer, error


def _verified(game, answer, unique=None) -> bool:
    if answer is None:
        return False
    try:
        profile = game.as_profile([np.asarray(s, dtype=float) for s in answer])
    except sg.InvalidProfileError:
        return False
    if not game.is_nash(profile, tol=1e-9):
        return False
    if unique is not None:
        return all(
            np.allclose(s, t, atol=1e-6) for s, t in zip(profile, unique, strict=True)
        )
    return True


def _burn(stop):  # pragma: no cover - a load generator
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x = (x * 1103515245 + 12345) & 0xFFFFFFFF


def _start_load():
    """One process spinning until the returned event is set."""
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    process = context.Process(target=_burn, args=(stop,), daemon=True)
    process.start()
    return stop, process


def _long_path_games(count):
    """Issue 19's games: uniform [0, 1) 200 x 200 bimatrices from
    ``default_rng(11)`` after one 4 x 4 bimatrix draw."""
    rng = np.random.default_rng(11)
    rng.random((4, 4))
    rng.random((4, 4))
    games = []
    for _ in range(count):
        A, B = rng.random((200, 200)), rng.random((200, 200))
        games.append(sg.NormalFormGame.from_bimatrix(A, B))
    return games


def _available(name):
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def _warm_up(solvers):
    """Compile JIT code (QuantEcon's numba, and stratgame's when numba is
    installed) before any child is forked, so no timing includes it."""
    game = random_game(100, rng=0)
    for solve in solvers.values():
        solve(game)


def _limit(name, timeout):
    """The seconds a solve of ``name`` may take."""
    return min(timeout, _NASHPY_TIMEOUT) if name == "nashpy" else timeout


def _measure(games, solvers, timeout, clock, unique=None):
    """Per solver: list of seconds (``inf``: timed out; None: failed or
    wrong), the count of verified answers and notes on failures. The solvers
    take turns game by game."""
    out = {name: ([], 0, set()) for name in solvers}
    for game in games:
        for name, solve in solvers.items():
            times, good, notes = out[name]
            seconds, answer, error = _timed(solve, game, _limit(name, timeout), clock)
            ok = error is None and _verified(game, answer, unique)
            times.append(seconds if ok else math.inf if error == "timeout" else None)
            if error:
                notes.add(error.split("(")[0])
            elif not ok:
                notes.add("no equilibrium" if answer is None else "wrong answer")
            out[name] = (times, good + ok, notes)
    return out


def _median(times):
    """Median seconds, a failed or timed-out solve counting as slower than
    any; None when the median itself is such a solve."""
    ordered = sorted(times, key=lambda t: math.inf if t is None else t)
    middle = ordered[(len(ordered) - 1) // 2 : len(ordered) // 2 + 1]
    if not middle or any(t is None or math.isinf(t) for t in middle):
        return None
    return sum(middle) / len(middle)


def _cell(times, timeout, notes=()):
    if "not run" in notes:
        return "not run"
    median = _median(times)
    done = sum(t is not None and math.isfinite(t) for t in times)
    if median is None:
        slow = f">{timeout:g} s" if math.inf in times else "failed"
        return f"{slow} ({done}/{len(times)} ok)"
    mark = "" if done == len(times) else f" ({done}/{len(times)} ok)"
    if median < 1e-3:
        return f"{median * 1e6:.0f} µs{mark}"
    return f"{median * 1e3:.1f} ms{mark}"


def _ratio(ours, peer, limits):
    """The median over games of ours / peer. A solve that timed out counts as
    its time limit (``limits``: ours, the peer's), so a ratio it enters is a
    bound, marked ``<=`` or ``>=`` when the median is one; games where
    either failed otherwise, or both timed out, are left out."""
    ratios = []
    for a, b in zip(ours, peer, strict=True):
        if a is None or b is None or (math.isinf(a) and math.isinf(b)):
            continue
        mark = "<=" if math.isinf(b) else ">=" if math.isinf(a) else ""
        ratios.append((min(a, limits[0]) / min(b, limits[1]), mark))
    if not ratios:
        return "-"
    ratios.sort()
    middle = ratios[(len(ratios) - 1) // 2 : len(ratios) // 2 + 1]
    marks = {mark for _, mark in middle} - {""}
    value = sum(r for r, _ in middle) / len(middle)
    shown = f"{value:.2f}" if value >= 0.1 else f"{value:.1e}"
    return f"{marks.pop() if len(marks) == 1 else ''}{shown}"


def _table(title, rows, names, timeout):
    """Times of every contestant, ratios of the first (``names[0]``) to each
    peer, and of the bare function to QuantEcon when both ran."""
    print(f"\n### {title}\n")
    ours = names[0]
    peers = [name for name in names[1:] if not name.startswith("stratgame")]
    extra = [
        (name, "QuantEcon")
        for name in names[1:]
        if name.startswith("stratgame") and "QuantEcon" in names
    ]
    head = ["size"] + [name for name in names]
    head += [f"{ours} / {peer}" for peer in peers]
    head += [f"{a} / {b}" for a, b in extra]
    head.append("verified")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for size, result in rows:
        cells = [str(size)]
        cells += [
            _cell(result[name][0], _limit(name, timeout), result[name][2])
            for name in names
        ]
        for a, b in [(ours, peer) for peer in peers] + extra:
            skipped = "not run" in result[b][2]
            cells.append(
                "-"
                if skipped or "not run" in result[a][2]
                else _ratio(
                    result[a][0],
                    result[b][0],
                    (_limit(a, timeout), _limit(b, timeout)),
                )
            )
        checks = ", ".join(
            f"{name} {result[name][1]}/{len(result[name][0])}"
            + (f" ({'; '.join(sorted(result[name][2]))})" if result[name][2] else "")
            for name in names
            if "not run" not in result[name][2]
        )
        cells.append(checks)
        print("| " + " | ".join(cells) + " |")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run")
    parser.add_argument("--games", type=int, default=None, help="games per size")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per solve")
    parser.add_argument("--sizes", type=int, nargs="*", help="random game sizes n")
    parser.add_argument(
        "--dims", type=int, nargs="*", help="hard game dimensions d (even)"
    )
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="wall time, or the child's CPU time (fairer on a busy machine)",
    )
    parser.add_argument(
        "--loaded", action="store_true", help="run with one process spinning"
    )
    parser.add_argument(
        "--no-startup",
        action="store_true",
        help="skip the first-solve latency in fresh processes",
    )
    parser.add_argument(
        "--long",
        action="store_true",
        help="only issue 19's long-path 200 x 200 games (each game its own row)",
    )
    args = parser.parse_args(argv)
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    sizes = args.sizes or ([25, 100, 200] if args.quick else [25, 50, 100, 200, 400])
    dims = (
        args.dims
        if args.dims is not None
        else ([8, 12] if args.quick else [8, 10, 12, 14, 16])
    )
    count = args.games or (3 if args.quick else 5)

    solvers = {"stratgame": _stratgame, _FUNCTION: _stratgame_function}
    if _available("quantecon"):
        solvers["QuantEcon"] = _quantecon
    if _available("pygambit"):
        solvers["Gambit"] = _gambit
    _warm_up(solvers)
    names = list(solvers)
    load = _start_load() if args.loaded else None
    try:
        _report(args, solvers, names, sizes, dims, count, clock)
        if not args.no_startup and not args.long:
            from bench_startup import first_solve_rows, print_table

            runs = 3 if args.quick else 5
            print_table(first_solve_rows(runs), runs)
    finally:
        if load is not None:
            load[0].set()
            load[1].join()


def _report(args, solvers, names, sizes, dims, count, clock):
    peers = [name for name in names if not name.startswith("stratgame")]
    print(
        f"Lemke-Howson, initial label 0; {'LOADED (one process spinning); ' if args.loaded else ''}"
        f"{args.clock} clock; "
        f"median of {count} games per size ({min(count, _LARGE_GAMES)} from "
        f"{_LARGE} x {_LARGE} on); "
        f"timeout {args.timeout:g} s per solve; peers: {', '.join(peers) or 'none'}"
    )

    if args.long:
        rows = []
        for k, game in enumerate(_long_path_games(args.games or 4)):
            rows.append(
                (f"200x200 #{k}", _measure([game], solvers, args.timeout, clock))
            )
        _table("Issue 19's long paths (200 x 200)", rows, names, args.timeout)
        return
    row_names = names + (["nashpy"] if _available("nashpy") else [])
    rows = []
    for n in sizes:
        size_count = min(count, _LARGE_GAMES) if n >= _LARGE else count
        games = [random_game(n, rng=1000 * n + k) for k in range(size_count)]
        active = dict(solvers)
        skipped = set()
        if n > _FUNCTION_MAX:
            skipped.add(_FUNCTION)
        if "nashpy" in row_names and n <= _NASHPY_MAX:
            active["nashpy"] = _nashpy
        elif "nashpy" in row_names:
            skipped.add("nashpy")
        for name in skipped:
            active.pop(name, None)
        result = _measure(games, active, args.timeout, clock)
        for name in skipped:
            result[name] = ([None] * size_count, 0, {"not run"})
        rows.append((f"{n}x{n}", result))
    if rows:
        _table("Random games, payoffs uniform on [0, 1)", rows, row_names, args.timeout)

    hard_solvers = {"stratgame": _stratgame, "stratgame exact": _stratgame_exact}
    hard_solvers.update({k: v for k, v in solvers.items() if k not in hard_solvers})
    rows = []
    for d in dims:
        game = savani_von_stengel(d)
        unique = sg.solve(game, method="lemke_howson", exact=True).equilibria[0]
        result = _measure([game], hard_solvers, args.timeout, clock, unique.strategies)
        rows.append((f"d={d}", result))
    if rows:
        _table(
            "Savani-von Stengel hard games (unique equilibrium; answers must match it)",
            rows,
            list(hard_solvers),
            args.timeout,
        )


if __name__ == "__main__":
    main()
