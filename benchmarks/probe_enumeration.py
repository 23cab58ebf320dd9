"""Probe complete enumeration the way a sceptical user would (issue 14).

Draws games from the adversarial families of ``tests/solvers/game_families.py``
(mixed payoff magnitudes, shifted degenerate games, few distinct floats,
near-ties, extreme scales, small integer games) and from larger ones (10x12
with three float values, near-tie 10x11, 20x20 uniform random, 6x64 and 12x33
with 0/1 payoffs), and runs every solve in its own child process under an
address-space limit (``RLIMIT_AS``, default 4 GB) and a timeout (default
2 minutes):

- ``exact``: ``sg.solve(g, method="enumerate", exact=True)``, the reference;
- ``numba`` / ``numpy``: ``sg.solve(g, method="enumerate")`` with each engine
  (the numpy one by making ``enumeration._numba_installed()`` answer False);
- ``auto``: ``sg.solve(g)`` (larger families only, or ``--auto``): only
  checked for non-equilibria, and against the reference when it says
  ``complete``;
- ``gambit``: pygambit's ``enummixed_solve(rational=True)`` when pygambit is
  importable here or through ``--gambit-python PYTHON`` (a separate
  interpreter, games exchanged as JSON; pygambit is not a dependency).

It reports per family and solver: equilibria that are not equilibria (a
player's regret above 1e-9 of its *own* payoff range), missed / extra /
duplicate equilibria against exact arithmetic and against Gambit,
``complete=True`` with no equilibrium, out-of-memory, timeouts, clear
``StratgameError``s, other exceptions and crashes, the slowest run and the
largest peak RSS. ``--json PATH`` writes every failing case.

Examples
--------
    .venv/bin/python benchmarks/probe_enumeration.py --games 20 --large 1
    .venv/bin/python benchmarks/probe_enumeration.py --gambit-python \\
        /tmp/gambitenv/bin/python --families near_ties,shifted --games 50
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from fractions import Fraction
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import stratgame as sg  # noqa: E402
from solvers import game_families as gf  # noqa: E402
from stratgame.exceptions import StratgameError  # noqa: E402
from stratgame.solvers import enumeration  # noqa: E402

MAX_ROWS = 200_000  # equilibria sent back from a child (the count is exact)

GAMBIT_CODE = r"""
import json, sys
import pygambit as gbt
task = json.load(sys.stdin)
A, B = task["A"], task["B"]
g = gbt.Game.new_table([len(A), len(A[0])])
p1, p2 = list(g.players)
for i, row in enumerate(A):
    for j, _ in enumerate(row):
        g[i, j][p1] = A[i][j]
        g[i, j][p2] = B[i][j]
res = gbt.nash.enummixed_solve(g, rational=True)
json.dump([[str(eq[s]) for pl in g.players for s in pl.strategies]
           for eq in res.equilibria], sys.stdout)
"""


# --------------------------------------------------------------- children
def _limit(memory_bytes):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def _solve(task, A, B):
    """Runs inside the child: one solve, as a JSON-able dict."""
    game = sg.NormalFormGame.from_bimatrix(np.asarray(A), np.asarray(B))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if task == "exact":
            res = sg.solve(game, method="enumerate", exact=True)
        elif task == "numba":
            res = sg.solve(game, method="enumerate")
        elif task == "numpy":
            with mock.patch.object(enumeration, "_numba_installed", lambda: False):
                res = sg.solve(game, method="enumerate")
        elif task == "auto":
            res = sg.solve(game)
        else:
            raise ValueError(task)
    eqs = res.equilibria
    out = {
        "status": "ok",
        "method": res.method,
        "complete": bool(res.complete),
        "count": len(eqs),
        "rows": [np.concatenate(eq.strategies).tolist() for eq in eqs[:MAX_ROWS]],
        "reported_regret": max((float(eq.regret) for eq in eqs), default=0.0),
    }
    if task == "exact":
        out["exact"] = [[str(p) for s in eq.exact for p in s] for eq in eqs]
    return out


def run_child(task, A, B, memory_bytes, timeout):
    """Fork a child for one solve under the limits; returns its dict with
    ``seconds`` and ``peak_mb``, or a status oom / timeout / crash."""
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        status = 0
        try:
            _limit(memory_bytes)()
            try:
                out = _solve(task, A, B)
            except MemoryError:
                out = {"status": "oom"}
            except StratgameError as exc:
                out = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
            except Exception as exc:
                out = {"status": "exception", "error": f"{type(exc).__name__}: {exc}"}
            with open(path, "w") as fh:
                json.dump(out, fh)
        except BaseException:
            status = 3
        finally:
            os._exit(status)
    deadline = start + timeout
    while True:
        done, code, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, code, usage = os.wait4(pid, 0)
            os.unlink(path)
            return {"status": "timeout", "seconds": timeout}
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    try:
        with open(path) as fh:
            out = json.load(fh)
    except (OSError, ValueError):
        out = {"status": "crash", "error": f"wait status {code}"}
        if os.WIFSIGNALED(code):
            out["error"] = f"killed by signal {os.WTERMSIG(code)}"
        elif os.WEXITSTATUS(code) == 3:
            out = {"status": "oom", "error": "failed while writing its answer"}
    finally:
        if os.path.exists(path):
            os.unlink(path)
    out["seconds"] = seconds
    out["peak_mb"] = usage.ru_maxrss / 1024
    return out


def run_gambit(python, A, B, memory_bytes, timeout):
    task = {
        "A": [[str(Fraction(v)) for v in row] for row in np.asarray(A).tolist()],
        "B": [[str(Fraction(v)) for v in row] for row in np.asarray(B).tolist()],
    }
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [python, "-c", GAMBIT_CODE],
            input=json.dumps(task),
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit(memory_bytes),
        )
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": timeout}
    seconds = time.perf_counter() - start
    if proc.returncode:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        status = (
            "oom" if "MemoryError" in tail[0] or "bad_alloc" in tail[0] else "error"
        )
        return {"status": status, "error": tail[0], "seconds": seconds}
    exact = json.loads(proc.stdout)
    return {"status": "ok", "exact": exact, "count": len(exact), "seconds": seconds}


def gambit_python(option):
    if option:
        return option
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return None
    return sys.executable


# -------------------------------------------------------------- judgement
COUNTS = (
    "non_equilibria",
    "missed",
    "extra",
    "duplicates",
    "complete_without_equilibria",
    "missed_vs_gambit",
    "extra_vs_gambit",
)
STATUSES = ("oom", "timeout", "error", "exception", "crash")


def float_rows(exact_strings):
    return np.array([[float(Fraction(p)) for p in row] for row in exact_strings])


def judge(A, B, answer, reference, gambit, check_sets=True):
    """Counts for one answer (a dict from run_child) of one game."""
    rows = np.asarray(answer["rows"], dtype=float)
    m, n = np.asarray(A).shape
    rows = rows.reshape(len(rows), m + n)
    counts = {}
    ref = float_rows(reference["exact"]) if reference else np.zeros((0, m + n))
    verdict = gf.compare(A, B, rows, ref, complete=answer["complete"])
    counts["non_equilibria"] = verdict["non_equilibria"] + verdict["not_probability"]
    counts["complete_without_equilibria"] = verdict["complete_without_equilibria"]
    examples = verdict["examples"]
    if reference and check_sets:
        extra_rows = answer["count"] - len(rows)  # beyond MAX_ROWS
        counts["missed"] = verdict["missed"]
        counts["extra"] = verdict["extra"] + extra_rows
        counts["duplicates"] = verdict["duplicates"]
    if gambit and check_sets:
        unique = sorted({tuple(row) for row in gambit["exact"]})  # it can repeat one
        g_rows = float_rows(unique).reshape(-1, m + n)
        vs = gf.compare(A, B, rows, g_rows, complete=answer["complete"])
        counts["missed_vs_gambit"] = vs["missed"]
        counts["extra_vs_gambit"] = vs["extra"] + answer["count"] - len(rows)
    return counts, examples


def exact_vs_gambit(reference, gambit):
    """Number of equilibria in one exact set and not the other."""
    mine = {tuple(Fraction(p) for p in row) for row in reference["exact"]}
    theirs = {tuple(Fraction(p) for p in row) for row in gambit["exact"]}
    return len(mine ^ theirs)


# ------------------------------------------------------------------ main
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=20, help="per small family")
    parser.add_argument("--large", type=int, default=1, help="per larger family")
    parser.add_argument("--max-actions", type=int, default=6)
    parser.add_argument("--families", default=None, help="comma-separated names")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds")
    parser.add_argument("--memory-gb", type=float, default=4.0)
    parser.add_argument("--engines", default="numba,numpy")
    parser.add_argument("--auto", action="store_true", help="also sg.solve(g)")
    parser.add_argument("--gambit-python", default=None)
    parser.add_argument("--json", default=None, help="write failing cases here")
    args = parser.parse_args(argv)

    memory = int(args.memory_gb * 2**30)
    gambit_exe = gambit_python(args.gambit_python)
    engines = [e for e in args.engines.split(",") if e]
    families = list(gf.FAMILIES) + list(gf.LARGE)
    if args.families:
        families = [f for f in args.families.split(",") if f]
        unknown = set(families) - set(gf.FAMILIES) - set(gf.LARGE)
        if unknown:
            parser.error(
                f"unknown families {sorted(unknown)}; choose from {sorted(gf.FAMILIES) + sorted(gf.LARGE)}"
            )
    # compile the numba kernels once, before forking
    sg.solve(sg.NormalFormGame.from_bimatrix(np.eye(3), np.eye(3)), method="enumerate")
    print(
        f"stratgame {sg.__version__} from {Path(sg.__file__).parent}; "
        f"limit {args.memory_gb:g} GB, {args.timeout:g} s; gambit: "
        f"{gambit_exe or 'not available'}",
        flush=True,
    )

    rng = np.random.default_rng(args.seed)
    table, failures = [], []
    for family in families:
        large = family in gf.LARGE
        count = args.large if large else args.games
        tasks = list(engines) + (["auto"] if large or args.auto else [])
        stats = {
            task: {"games": 0, "failing_games": 0, "max_s": 0.0, "peak_mb": 0.0}
            | dict.fromkeys(COUNTS + STATUSES, 0)
            for task in ["exact", "gambit", *tasks]
        }
        stats["exact"]["vs_gambit"] = 0
        for index in range(count):
            if large:
                A, B = gf.draw_large(family, rng)
            else:
                A, B = gf.draw(family, rng, max_actions=args.max_actions)
            case = {"family": family, "A": A.tolist(), "B": B.tolist()}
            answers = {"exact": run_child("exact", A, B, memory, args.timeout)}
            if gambit_exe and (not large or np.asarray(A).size <= 400):
                answers["gambit"] = run_gambit(gambit_exe, A, B, memory, args.timeout)
            for task in tasks:
                answers[task] = run_child(task, A, B, memory, args.timeout)
            reference = answers["exact"] if answers["exact"]["status"] == "ok" else None
            gambit = answers.get("gambit")
            gambit = gambit if gambit and gambit["status"] == "ok" else None
            if reference and gambit and exact_vs_gambit(reference, gambit):
                stats["exact"]["vs_gambit"] += 1
                case["exact_vs_gambit"] = {
                    "exact": reference["exact"],
                    "gambit": gambit["exact"],
                }
            for task, answer in answers.items():
                row = stats[task]
                row["games"] += 1
                row["max_s"] = max(row["max_s"], answer.get("seconds", 0.0))
                row["peak_mb"] = max(row["peak_mb"], answer.get("peak_mb", 0.0))
                bad = {}
                if answer["status"] != "ok":
                    row[answer["status"]] += 1
                    bad = {answer["status"]: answer.get("error", "")}
                elif task not in ("exact", "gambit"):
                    sets = task != "auto" or (
                        answer["method"] == "enumerate" and answer["complete"]
                    )
                    counts, examples = judge(A, B, answer, reference, gambit, sets)
                    for key, value in counts.items():
                        row[key] += value
                    bad = {k: v for k, v in counts.items() if v}
                    if bad:
                        bad["examples"] = examples
                        bad["found"] = answer["count"]
                        bad["reference"] = reference["count"] if reference else None
                if bad:
                    row["failing_games"] += 1
                    case[task] = bad
            if len(case) > 3:
                failures.append(case)
            print(
                f"  {family} #{index}: {np.asarray(A).shape} "
                + " ".join(
                    f"{t}={'FAIL' if t in case else a['status']}"
                    for t, a in answers.items()
                ),
                flush=True,
            )
        for task, row in stats.items():
            if row["games"]:
                table.append({"family": family, "solver": task} | row)
        print_table([r for r in table if r["family"] == family])

    print("\nSUMMARY")
    print_table(table)
    smallest = {}
    for case in failures:
        size = np.asarray(case["A"]).size
        best = smallest.get(case["family"])
        if best is None or size < np.asarray(best["A"]).size:
            smallest[case["family"]] = case
    print("\nsmallest failing game per family:")
    for family, case in smallest.items():
        solvers = [t for t in case if t not in ("family", "A", "B")]
        print(f"  {family} ({', '.join(solvers)}): A={case['A']}, B={case['B']}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"table": table, "failures": failures}, indent=1)
        )
        print(f"\nfailing cases written to {args.json}")


def print_table(rows):
    columns = [
        ("family", "family", 17),
        ("solver", "solver", 6),
        ("games", "games", 5),
        ("failing_games", "fail", 4),
        ("non_equilibria", "non-eq", 6),
        ("missed", "miss", 4),
        ("extra", "extra", 6),
        ("duplicates", "dup", 4),
        ("complete_without_equilibria", "c&0", 3),
        ("missed_vs_gambit", "missG", 5),
        ("extra_vs_gambit", "extrG", 6),
        ("oom", "oom", 3),
        ("timeout", "tout", 4),
        ("error", "err", 3),
        ("exception", "exc", 3),
        ("crash", "crash", 5),
        ("max_s", "max_s", 6),
        ("peak_mb", "MB", 6),
    ]
    print(" ".join(f"{title:>{width}}" for _, title, width in columns))
    for row in rows:
        cells = []
        for key, _, width in columns:
            value = row.get(key, "")
            if key == "solver" and row["solver"] == "exact" and row.get("vs_gambit"):
                value = f"exact(≠G{row['vs_gambit']})"
            if isinstance(value, float):
                value = f"{value:.1f}"
            cells.append(f"{value!s:>{width}}")
        print(" ".join(cells))


if __name__ == "__main__":
    main()
