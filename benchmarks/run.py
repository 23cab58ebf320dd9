"""Every benchmark in one run: stratgame against Gambit (pygambit), QuantEcon,
nashpy, Axelrod, networkx and bare scipy/HiGHS, wherever they apply.

The benchmark scripts beside this file each measure one part of stratgame
against its peers in the same run and check every answer they time. This
runner executes them all, one after the other, and collects what they
measured:

* scripts with a function API (``bench_pure.run``,
  ``bench_enumeration.run_case``, ``bench_dynamics.fictitious_play_case`` and
  ``replicator_cases``) are imported and called, and their rows go into one
  Markdown table of medians and ratios ``peer / stratgame`` (above 1:
  stratgame is faster), with whether the answers agreed;
* the other scripts run as subprocesses; their own Markdown output is
  included as it is, and its tables are parsed into the JSON.

A script that fails (a peer disagreeing trips an assertion) is reported as
failed and makes the runner exit with status 1. Scripts added later as
``bench_*.py`` are picked up and run as subprocesses (with ``--quick`` under
``--quick`` when they accept it).

Usage::

    python benchmarks/run.py --quick              # minutes: small sizes
    python benchmarks/run.py                      # the full run (an hour or so)
    python benchmarks/run.py --only pure dynamics # some suites only

Writes the report as Markdown and JSON: ``benchmarks/RESULTS.md`` and
``benchmarks/results.json`` for a full run, ``out/benchmarks-quick.md`` and
``.json`` for a quick one, or where ``--json`` and ``--markdown`` say.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import platform
import re
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: Libraries whose versions the report records.
LIBRARIES = (
    "stratgame",
    "numpy",
    "scipy",
    "networkx",
    "cvxpy",
    "highspy",
    "nashpy",
    "quantecon",
    "pygambit",
    "axelrod",
    "numba",
)


@dataclass
class Row:
    """One measured case: stratgame's median time against one peer's.

    ``agree`` says whether the peer's answer matched the reference (None:
    the peer did not run); ``verified`` whether stratgame's answer passed
    the script's check. A run with an unverified stratgame answer fails.
    """

    suite: str
    case: str
    stratgame_s: float
    peer: str
    peer_s: float | None
    agree: bool | None
    verified: bool = True
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """``peer / stratgame``: above 1, stratgame is faster."""
        if self.peer_s is None or not self.stratgame_s:
            return None
        return self.peer_s / self.stratgame_s

    @property
    def check_text(self) -> str:
        if not self.verified:
            return "**stratgame wrong**"
        return {True: "yes", False: "peer differs", None: "-"}[self.agree]

    def to_dict(self) -> dict:
        return {
            "suite": self.suite,
            "case": self.case,
            "stratgame_s": self.stratgame_s,
            "peer": self.peer,
            "peer_s": self.peer_s,
            "peer_over_stratgame": self.ratio,
            "peer_agrees": self.agree,
            "stratgame_verified": self.verified,
            "note": self.note,
        }


@dataclass
class SuiteResult:
    """What one benchmark script produced."""

    name: str
    script: str
    mode: str  # "function" or "subprocess"
    status: str = "ok"  # "ok", "failed" or "skipped: ..."
    seconds: float = 0.0
    rows: list[Row] = field(default_factory=list)
    output: str = ""
    tables: list[list[dict]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "script": self.script,
            "mode": self.mode,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "rows": [row.to_dict() for row in self.rows],
            "tables": self.tables,
            "output": self.output,
        }


# --------------------------------------------------------------- scripts
def load_script(path: Path):
    """Import a benchmark script as a module (its ``main`` is not run)."""
    spec = importlib.util.spec_from_file_location(f"_bench_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pure_rows(module, quick: bool) -> list[Row]:
    """Pure equilibria of N-player games (``bench_pure.run``): the sizes of
    its ``main``. The script asserts that every peer finds the same set."""
    if quick:
        shapes, repeat = [(4,) * 5, (5,) * 5], 5
    else:
        shapes, repeat = [(6,) * 6, (4,) * 8, (3,) * 10], 21
    rows = []
    for row in module.run(shapes, repeat):
        for peer in ("numpy floor", "QuantEcon", "Gambit"):
            rows.append(
                Row(
                    "pure equilibria, N players",
                    f"{row['game']}, {row['equilibria']} pure equilibria",
                    row["stratgame"],
                    peer,
                    row.get(peer),
                    True if peer in row else None,
                    note="" if peer in row else "not installed",
                )
            )
    return rows


def enumeration_rows(module, quick: bool) -> list[Row]:
    """All extreme equilibria of n x n games (``bench_enumeration.run_case``),
    the sizes of its ``main``; a peer's answers are checked against the
    exact enumeration (or Gambit's where exact is too slow)."""
    import numpy as np

    if quick:
        sizes = {"uniform": [4, 6, 8, 10], "degenerate": [4, 6, 8]}
        count, repeat = 3, 3
    else:
        sizes = {"uniform": list(range(4, 13)), "degenerate": [4, 5, 6, 7, 8, 9, 10]}
        count, repeat = 7, 5
    rng = np.random.default_rng(2024)
    limit = module.limits(quick)
    rows = []
    for kind, ns in sizes.items():
        for n in ns:
            case = module.run_case(kind, n, count, repeat, rng, limit)
            times = case["times"]
            ours_missed, ours_extra, _ = case["missing"]["stratgame"]
            for peer in module.PEERS:
                missed, extra, total = case["missing"][peer]
                note = ""
                if peer not in times:
                    note = "not run at this size or not installed"
                elif missed or extra:
                    note = f"missed {missed} of {total}, {extra} extra"
                rows.append(
                    Row(
                        "all extreme equilibria",
                        f"{kind} {n}x{n}, median {case['equilibria']:g} "
                        f"equilibria over {count} games",
                        times["stratgame"],
                        peer,
                        times.get(peer),
                        None if peer not in times else not (missed or extra),
                        verified=not (ours_missed or ours_extra),
                        note=note,
                    )
                )
    return rows


def dynamics_rows(module, quick: bool) -> list[Row]:
    """Fictitious play against QuantEcon and replicator dynamics against
    nashpy (``bench_dynamics``): the script compares the results."""
    repeats = 3 if quick else 7
    rows = []
    found, note = module.fictitious_play_case(repeats)
    cases = [found] if found else []
    more, more_note = module.replicator_cases(repeats)
    cases += more
    for name, ours_ms, peer_ms, agree in cases:
        case, _, peer = name.partition(" (")
        rows.append(
            Row(
                "dynamics",
                case,
                ours_ms / 1e3,
                peer.rstrip(")") or "peer",
                peer_ms / 1e3,
                bool(agree),
                verified=bool(agree),  # the two must give the same path
            )
        )
    for skipped in (note, more_note):
        if skipped:
            rows.append(Row("dynamics", "skipped", 0.0, skipped, None, None))
    return rows


@dataclass(frozen=True)
class Suite:
    """How to run one script: by a function adapter, or as a subprocess with
    one or more argument lists."""

    name: str
    script: str
    adapter: object = None  # (module, quick) -> list[Row]
    needs: tuple = ()  # functions the adapter calls
    quick_args: tuple = (("--quick",),)
    full_args: tuple = ((),)


SUITES = (
    Suite("pure", "bench_pure.py", pure_rows, ("run",)),
    Suite(
        "enumeration",
        "bench_enumeration.py",
        enumeration_rows,
        ("run_case", "limits", "PEERS"),
    ),
    Suite(
        "lemke_howson",
        "bench_lemke_howson.py",
        quick_args=(("--quick", "--games", "2", "--timeout", "10"),),
    ),
    Suite(
        "zero_sum",
        "bench_zero_sum.py",
        quick_args=(("--sizes", "100", "--repeats", "3", "--large", "0"),),
    ),
    Suite(
        "correlated",
        "bench_correlated.py",
        quick_args=(("--sizes", "10", "20", "--repeats", "3"),),
    ),
    Suite(
        "dynamics",
        "bench_dynamics.py",
        dynamics_rows,
        ("fictitious_play_case", "replicator_cases"),
        quick_args=(("--repeats", "3"),),
    ),
    Suite(
        "cascade",
        "bench_cascade.py",
        quick_args=(("--nodes", "10000", "--nx-nodes", "10000", "--repeats", "3"),),
        full_args=(
            ("--nodes", "10000", "--nx-nodes", "10000"),
            ("--nodes", "1000000", "--nx-nodes", "100000"),
        ),
    ),
    Suite("sweep", "bench_sweep.py"),
    Suite("batch", "bench_batch.py"),
    Suite("repeated", "bench_repeated.py"),
)


def discovered_suites() -> list[Suite]:
    """The known suites whose scripts exist, then any other ``bench_*.py``."""
    known = {suite.script for suite in SUITES}
    suites = [suite for suite in SUITES if (HERE / suite.script).is_file()]
    for path in sorted(HERE.glob("bench_*.py")):
        if path.name not in known:
            suites.append(Suite(path.stem.removeprefix("bench_"), path.name))
    return suites


# ----------------------------------------------------------- running
def markdown_tables(text: str) -> list[list[dict]]:
    """The Markdown tables in a script's output, as lists of row dicts."""
    tables, block = [], []
    for line in [*text.splitlines(), ""]:
        if line.strip().startswith("|"):
            block.append(line.strip())
            continue
        if len(block) >= 2:
            cells = [[c.strip() for c in r.strip("|").split("|")] for r in block]
            header, body = cells[0], [r for r in cells[1:] if not _is_rule(r)]
            tables.append([dict(zip(header, r, strict=False)) for r in body])
        block = []
    return tables


def _is_rule(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c)


def run_subprocess(suite: Suite, quick: bool, timeout: float) -> SuiteResult:
    path = HERE / suite.script
    result = SuiteResult(suite.name, suite.script, "subprocess")
    arg_sets = suite.quick_args if quick else suite.full_args
    if quick and suite not in SUITES and "--quick" not in path.read_text():
        result.status = "skipped: the script has no --quick option"
        return result
    outputs = []
    for args in arg_sets:
        command = [sys.executable, str(path), *args]
        shown = " ".join(["python", f"benchmarks/{suite.script}", *args])
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=ROOT,
                env=dict(os.environ, MPLBACKEND="Agg"),
            )
        except subprocess.TimeoutExpired as expired:
            result.status = "failed"
            partial = expired.stdout or ""
            if isinstance(partial, bytes):
                partial = partial.decode(errors="replace")
            outputs.append(f"$ {shown}\n{partial}\n(timed out after {timeout:g} s)")
            continue
        text = done.stdout
        if done.returncode != 0:
            result.status = "failed"
            text += f"\n(exit status {done.returncode})\n{done.stderr[-4000:]}"
        outputs.append(f"$ {shown}\n{text.rstrip()}")
    result.output = "\n\n".join(outputs)
    result.tables = markdown_tables(result.output)
    return result


def run_function(suite: Suite, module, quick: bool) -> SuiteResult:
    result = SuiteResult(suite.name, suite.script, "function")
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            result.rows = suite.adapter(module, quick)
    except Exception:
        result.status = "failed"
        result.output = captured.getvalue() + traceback.format_exc()
        return result
    result.output = captured.getvalue()
    if not all(row.verified for row in result.rows):
        result.status = "failed"
    return result


def run_suite(suite: Suite, quick: bool, timeout: float) -> SuiteResult:
    start = time.perf_counter()
    module = None
    if suite.adapter is not None:
        try:
            module = load_script(HERE / suite.script)
        except Exception:
            module = None  # the subprocess run shows the import error
    if module is not None and all(hasattr(module, name) for name in suite.needs):
        result = run_function(suite, module, quick)
    else:
        result = run_subprocess(suite, quick, timeout)
    result.seconds = time.perf_counter() - start
    return result


# ----------------------------------------------------------- reporting
def machine() -> dict:
    """The machine and library versions the run measured."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        memory = round(int(first.split()[1]) / 2**20, 1)
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
    }


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    return f"{value * 1e6:.1f} µs"


def summary_table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | case | stratgame | peer | peer time | peer / stratgame "
        "| answers checked |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for row in rows:
        if row.case == "skipped":
            continue
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
        note = f" ({row.note})" if row.note else ""
        lines.append(
            f"| {row.suite} | {row.case} | {_seconds(row.stratgame_s)} | "
            f"{row.peer}{note} | {_seconds(row.peer_s)} | {ratio} | "
            f"{row.check_text} |"
        )
    return "\n".join(lines)


def report(results: list[SuiteResult], info: dict, quick: bool) -> str:
    rows = [row for result in results for row in result.rows]
    libraries = ", ".join(
        f"{name} {version}" for name, version in info["libraries"].items() if version
    )
    parts = [
        f"# stratgame benchmarks ({'quick' if quick else 'full'} run)",
        "",
        f"Run {info['started']} on {info['cpu']}, {info['cores']} cores, "
        f"{info['memory_gib']} GiB, {info['os']}, Python {info['python']}.",
        f"Libraries: {libraries}.",
        "",
        "Medians measured in this run; ratios are peer time / stratgame time "
        "(above 1: stratgame is faster).",
        "",
        "| suite | how | status | seconds |",
        "|---|---|---|---:|",
    ]
    parts += [
        f"| {r.name} | {r.mode} | {r.status} | {r.seconds:.1f} |" for r in results
    ]
    if rows:
        parts += ["", "## Scripts with a function API", "", summary_table(rows)]
    for result in results:
        if result.mode == "subprocess" and result.output:
            parts += ["", f"## {result.script}", "", result.output.rstrip()]
        elif result.status == "failed":
            parts += [
                "",
                f"## {result.script} (failed)",
                "",
                "```",
                result.output,
                "```",
            ]
    return "\n".join(parts) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, minutes")
    parser.add_argument("--only", nargs="*", help="run only these suites")
    parser.add_argument("--json", type=Path, help="where to write the JSON")
    parser.add_argument("--markdown", type=Path, help="where to write the Markdown")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="seconds per script run as a subprocess (default 600 quick, 3600 full)",
    )
    args = parser.parse_args(argv)
    suites = discovered_suites()
    if args.only:
        unknown = set(args.only) - {s.name for s in suites}
        if unknown:
            parser.error(
                f"unknown suites {sorted(unknown)}; choose from "
                f"{[s.name for s in suites]}"
            )
        suites = [s for s in suites if s.name in args.only]
    timeout = args.timeout or (600.0 if args.quick else 3600.0)
    info = machine()
    info["started"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    results = []
    for suite in suites:
        print(f"running {suite.script} ...", file=sys.stderr, flush=True)
        result = run_suite(suite, args.quick, timeout)
        print(f"  {result.status} in {result.seconds:.1f} s", file=sys.stderr)
        results.append(result)
    text = report(results, info, args.quick)
    print(text)
    stem = ROOT / "out" / "benchmarks-quick" if args.quick else None
    json_path = args.json or (
        stem.with_suffix(".json") if stem else HERE / "results.json"
    )
    md_path = args.markdown or (
        stem.with_suffix(".md") if stem else HERE / "RESULTS.md"
    )
    for path in (json_path, md_path):
        path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps(
            {
                "quick": args.quick,
                "machine": info,
                "suites": [r.to_dict() for r in results],
            },
            indent=2,
        )
        + "\n"
    )
    md_path.write_text(text)
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    return 1 if any(r.status == "failed" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
