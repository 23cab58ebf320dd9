"""Benchmark: start-up cost, the first solve in a fresh Python process.

Each run starts a new interpreter that imports the library, builds a small
game and solves it once, timing the import and the first solve separately
and noting which heavy modules (numba, scipy, networkx, cvxpy, numpy.ma) the
import and the solve loaded. stratgame solves a 3 x 3 game with the default
method, a 10 x 10 game by Lemke-Howson (numpy pivots) and a 25 x 25 game by
Lemke-Howson (large enough to run compiled code, so it loads numba and its
cached kernels).
QuantEcon (Lemke-Howson) and, on the small game, nashpy (support
enumeration), where installed, solve the same games in their own fresh
processes. Medians over ``--runs`` processes.

The processes read bytecode from a private cache written by one untimed
process first, as an installed package's would be; ``--source`` times them
with ``PYTHONDONTWRITEBYTECODE`` set, as in a checkout where none was ever
written: stratgame's modules, those imported by the solve too, are then
compiled from source in every process.

Usage::

    python benchmarks/bench_startup.py            # 5 fresh processes per row
    python benchmarks/bench_startup.py --runs 9
    python benchmarks/bench_startup.py --source   # no bytecode
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

__all__ = ["first_solve_rows", "main", "print_table"]

#: Modules whose loading dominates start-up when it happens.
_HEAVY = ("numba", "scipy", "networkx", "cvxpy", "numpy.ma")

_PROLOGUE = """
import json, sys, time
import numpy as np
rng = np.random.default_rng(0)
A, B = rng.random(({n}, {n})), rng.random(({n}, {n}))
heavy = {heavy!r}
before = {{m for m in heavy if m in sys.modules}}
start = time.perf_counter()
"""

_EPILOGUE = """
done = time.perf_counter()
print(json.dumps({
    "import": imported - start,
    "solve": done - imported,
    "at_import": sorted(m for m in heavy if m in loaded_by_import and m not in before),
    "by_solve": sorted(m for m in heavy if m in sys.modules and m not in loaded_by_import),
}))
"""

#: The code of each contestant: import (ending with ``imported``), then one
#: solve of the game ``(A, B)``.
_CASES = {
    "stratgame": """
import stratgame as sg
imported = time.perf_counter()
loaded_by_import = set(sys.modules)
game = sg.NormalFormGame.from_bimatrix(A, B)
result = sg.solve(game{options})
assert result.equilibria
""",
    "QuantEcon": """
from quantecon import game_theory as gt
imported = time.perf_counter()
loaded_by_import = set(sys.modules)
game = gt.NormalFormGame((gt.Player(A), gt.Player(B.T.copy())))
gt.lemke_howson(game, init_pivot=0)
""",
    "nashpy": """
import nashpy
imported = time.perf_counter()
loaded_by_import = set(sys.modules)
next(iter(nashpy.Game(A, B).support_enumeration()))
""",
}

#: (row title, game size, stratgame's solve options, peers that take part:
#: nashpy's first support-enumeration equilibrium on the small game only).
_ROWS = (
    ("3x3, default method", 3, "", ("QuantEcon", "nashpy")),
    ("10x10, Lemke-Howson", 10, ', method="lemke_howson"', ("QuantEcon",)),
    ("25x25, Lemke-Howson", 25, ', method="lemke_howson"', ("QuantEcon",)),
)
#: Seconds a fresh process may take.
_TIMEOUT = 120


def _available(name) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def _fresh(name: str, n: int, options: str, environment: dict) -> dict:
    """Time one contestant in a new interpreter."""
    code = (
        _PROLOGUE.format(n=n, heavy=_HEAVY)
        + _CASES[name].format(n=n, options=options)
        + _EPILOGUE
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=_TIMEOUT,
        env=environment,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_solve_rows(runs: int = 5, source: bool = False):
    """``(title, contestant, median import s, median first-solve s,
    modules loaded at import, modules loaded by the solve)`` per row and
    contestant, each from ``runs`` fresh processes (with bytecode cached
    by a first, untimed one, unless ``source``)."""
    with tempfile.TemporaryDirectory() as cache:
        environment = dict(os.environ)
        if source:
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
            environment["PYTHONPYCACHEPREFIX"] = cache
        return _rows(runs, source, environment)


def _rows(runs, source, environment):
    installed = {
        name
        for name, module in (("QuantEcon", "quantecon"), ("nashpy", "nashpy"))
        if _available(module)
    }
    rows = []
    for title, n, options, peers in _ROWS:
        for name in ["stratgame", *(p for p in peers if p in installed)]:
            if not source:
                _fresh(name, n, options, environment)  # writes the bytecode
            samples = [_fresh(name, n, options, environment) for _ in range(runs)]
            rows.append(
                (
                    title,
                    name,
                    statistics.median(s["import"] for s in samples),
                    statistics.median(s["solve"] for s in samples),
                    samples[-1]["at_import"],
                    samples[-1]["by_solve"],
                )
            )
    return rows


def print_table(rows, runs: int, source: bool = False) -> None:
    """The rows of :func:`first_solve_rows` as a Markdown table."""
    code = "from source, no bytecode" if source else "bytecode cached"
    print(
        f"\n### First solve in a fresh process (median of {runs} processes; {code})\n"
    )
    print(
        "| game | library | import | first solve | heavy modules at import | loaded by the solve |"
    )
    print("|---|---|---|---|---|---|")
    for title, name, imported, solved, at_import, by_solve in rows:
        print(
            f"| {title} | {name} | {imported * 1e3:.0f} ms | {solved * 1e3:.0f} ms "
            f"| {', '.join(at_import) or '-'} | {', '.join(by_solve) or '-'} |"
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per row")
    parser.add_argument(
        "--source", action="store_true", help="no bytecode: compile every module"
    )
    args = parser.parse_args(argv)
    print_table(first_solve_rows(args.runs, args.source), args.runs, args.source)


if __name__ == "__main__":
    main()
