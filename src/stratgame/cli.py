"""The ``stratgame`` command: solve games stored in Gambit ``.nfg`` or JSON
files, list the models, and sweep a model's parameters.

Usage::

    stratgame solve GAME.nfg [--method METHOD] [--json]
    stratgame models [MODEL]
    stratgame demo [--out DIR]
    stratgame sweep MODEL --grid p=lo:hi:n [--grid q=a,b,c] [--out rows.parquet]
    stratgame --help
    stratgame --version

``GAME`` is a Gambit ``.nfg`` file, a JSON file written by
:func:`stratgame.io.game_to_json` (name ending in ``.json``), ``-`` for
standard input, or the name of a game shipped with stratgame
(:mod:`stratgame.data`, e.g. ``stratgame solve export_controls``). The
equilibria are printed as a table with the player and action labels, or as
JSON with ``--json``. ``models`` lists the models with a line of description
and their parameters; ``models MODEL`` explains one model's parameters. In a
sweep, ``--grid 'licensing[0]=1:8:3'`` varies one component of a pair
parameter, the other keeping its default (or its ``--fixed`` value).

Exit status: 0 on success; 2 for bad input (a bad command line, a missing or
malformed file, an option out of range, a missing optional package), with one
line ``stratgame: error: ...`` on standard error and no traceback; 1 when a
sweep had points that failed (unless ``--allow-failures``) or on an
unexpected internal error (set ``STRATGAME_DEBUG=1`` for its traceback); 130
when interrupted.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import math
import numbers
import os
import re
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

from . import data as _shipped
from ._display import label as _label
from ._display import number as _number
from ._display import plural
from ._optional import require
from ._version import __version__
from .analysis._execution import BACKENDS
from .analysis._grid import with_components
from .exceptions import StratgameError
from .io import game_from_json, read_nfg
from .solvers import METHODS, solve

__all__ = ["main"]

_USAGE_ERROR = 2
_FAILED = 1
_INTERRUPTED = 130
#: Most points a ``--grid`` of the command line may make (all axes together).
MAX_GRID_POINTS = 1_000_000
_OUT_SUFFIXES = (".parquet", ".csv", ".jsonl")


class _CommandError(Exception):
    """A bad command line, file or option: reported in one line, status 2."""


class _PartialFailure(Exception):
    """The command ran, but some of its work failed: status 1, after the
    output has been printed."""

    def __init__(self, message: str, text: str):
        super().__init__(message)
        self.text = text


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise _CommandError(message)


def _argument_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="stratgame",
        description="Solve strategic games stored in Gambit .nfg or JSON files.",
    )
    parser.add_argument(
        "--version", action="version", version=f"stratgame {__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    solve_command = commands.add_parser(
        "solve",
        help="print the equilibria of a game",
        description="Find the equilibria of a game and print them with the "
        "player and action labels.",
    )
    solve_command.add_argument(
        "game",
        metavar="GAME",
        help="a Gambit .nfg file, a .json game file, - for standard input, or "
        "the name of a game shipped with stratgame ("
        + ", ".join(_shipped.names())
        + ")",
    )
    _add_method_argument(solve_command)
    solve_command.add_argument(
        "--json",
        action="store_true",
        help="print the result as JSON instead of a table",
    )
    models_command = commands.add_parser(
        "models",
        help="list the models and their parameters",
        description="List every registered model with a line of description and "
        "its parameters and defaults; with MODEL, explain that model's parameters.",
    )
    models_command.add_argument(
        "model", metavar="MODEL", nargs="?", help="a model to explain in full"
    )
    _add_sweep_parser(commands)
    demo_command = commands.add_parser(
        "demo",
        help="tell the flagship story: export controls, open models, adoption",
        description="Run the flagship demo and save its figures.",
    )
    demo_command.add_argument(
        "--out", default="out", metavar="DIR", help="folder for figures (default: out)"
    )
    return parser


def _add_method_argument(command) -> None:
    command.add_argument(
        "--method",
        default="auto",
        choices=["auto", *sorted(METHODS)],
        help="the solver (default: auto, which picks one suited to the game)",
    )


def _add_sweep_parser(commands) -> None:
    sweep_command = commands.add_parser(
        "sweep",
        help="solve a model over a grid of parameters",
        description="Build MODEL at every point of a parameter grid, solve it, "
        "and write one row per point and equilibrium.",
    )
    sweep_command.add_argument("model", metavar="MODEL", help="a name from `models`")
    sweep_command.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=SPEC",
        help="values of a parameter: lo:hi:n (n evenly spaced values) or a,b,c; "
        "NAME[k] for component k of a pair; repeat for a product grid (at most "
        f"{MAX_GRID_POINTS} points in all)",
    )
    sweep_command.add_argument(
        "--fixed",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="hold a parameter at a value",
    )
    _add_method_argument(sweep_command)
    sweep_command.add_argument(
        "--backend",
        default="processes",
        choices=BACKENDS,
        help="where points are solved: processes (default: every core), serial "
        "(this process) or dask (a local Dask cluster)",
    )
    sweep_command.add_argument(
        "--checkpoint", metavar="PATH", help="JSONL file of finished points"
    )
    sweep_command.add_argument(
        "--resume", action="store_true", help="continue the sweep in --checkpoint"
    )
    sweep_command.add_argument(
        "--out",
        metavar="PATH",
        help="write the rows to .parquet, .csv or .jsonl (default: a summary only)",
    )
    sweep_command.add_argument(
        "--force", action="store_true", help="overwrite an existing --out file"
    )
    sweep_command.add_argument(
        "--allow-failures",
        action="store_true",
        help="exit 0 even when some points failed (their errors are in the "
        "'error' column)",
    )


def main(argv=None) -> int:
    """Run the ``stratgame`` command with ``argv`` (default: ``sys.argv[1:]``)
    and return its exit status.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "pd.nfg").write_text(
    ...     'NFG 1 R "PD" { "Row" "Column" } { { "C" "D" } { "C" "D" } } '
    ...     '3 3 5 0 0 5 1 1')
    >>> main(["solve", str(folder / "pd.nfg"), "--method", "pure"])
    PD
    2 players (2x2), method 'pure': 1 pure equilibrium, complete
    <BLANKLINE>
    eq  player  strategy  payoff  regret
    1   Row     D         1       0
        Column  D         1
    0
    """
    status = 0
    try:
        args = _argument_parser().parse_args(argv)
        if args.command == "demo":
            from .demo import main as demo

            demo(args.out)
            return 0
        if args.command == "models":
            text = _models_text() if args.model is None else _model_text(args.model)
        elif args.command == "sweep":
            text = _sweep(args)
        else:
            game = _load_game(args.game)
            result = solve(game, method=args.method)
            text = _json_text(game, result) if args.json else _table(game, result)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except KeyboardInterrupt:
        print("stratgame: interrupted", file=sys.stderr)
        return _INTERRUPTED
    except _PartialFailure as failure:
        text, status = failure.text, _FAILED
        _report(str(failure))
    except (
        _CommandError,
        StratgameError,
        ValueError,
        OSError,
        ArithmeticError,
        RecursionError,
        MemoryError,
    ) as error:
        _report(_one_line(error))
        return _USAGE_ERROR
    except Exception as error:  # a bug: one line, unless debugging
        if os.environ.get("STRATGAME_DEBUG"):
            raise
        _report(
            f"unexpected {_one_line(error)} (set STRATGAME_DEBUG=1 for the "
            "traceback, and please report it)"
        )
        return _FAILED
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `stratgame solve big.nfg | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split())
    if isinstance(error, _CommandError | StratgameError):
        return message or type(error).__name__
    if isinstance(error, MemoryError):
        return "out of memory" + (f" ({message})" if message else "")
    # Built-in errors are named, so that "[Errno 2] ..." or "division by zero"
    # says what kind of problem it is.
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _report(message: str) -> None:
    print(f"stratgame: error: {message}", file=sys.stderr)


def _plain(text: str) -> str:
    """Docstring text for a terminal: one line, without reST markup."""
    text = re.sub(r":\w+:`~?([^`]*)`", r"\1", " ".join(text.split()))
    return re.sub(r"``?([^`]*)``?", r"\1", text)


def _docstring_parts(model) -> tuple[str, dict[str, tuple[str, str]]]:
    """A model's summary (its docstring's first paragraph) and the entries
    of its numpydoc Parameters section, ``{name: (type, meaning)}``."""
    doc = inspect.getdoc(model) or ""
    summary = _plain(doc.split("\n\n", 1)[0])
    lines = doc.splitlines()
    entries: dict[str, tuple[str, str]] = {}
    for start in range(len(lines) - 1):
        if lines[start].strip() == "Parameters" and lines[start + 1].startswith("--"):
            break
    else:
        return summary, entries
    names, kind, meaning = [], "", []
    body = lines[start + 2 :]
    for k, line in enumerate([*body, "end"]):  # "end": stores the last entry
        if not line or line.startswith(" "):
            meaning.append(line)
            continue
        for name in names:
            entries[name] = (kind, _plain("\n".join(meaning)))
        entry = re.fullmatch(r"(\w+(?:, \w+)*)(?: : (.*))?", line)
        section = k + 1 < len(body) and body[k + 1].startswith("--")
        if entry is None or section or k >= len(body):
            break  # a paragraph, the next section or the end
        names, kind, meaning = entry[1].split(", "), entry[2] or "", []
    return summary, entries


def _wrapped(text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        text,
        width=79,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )


def _shown(value) -> str:
    return str(value) if isinstance(value, Fraction) else repr(value)


def _signature_lines(name: str, parameters: dict) -> list[str]:
    """``name(a=1, b=2, ...)`` on lines of at most 79 characters, broken
    between parameters only."""
    items = [f"{k}={_shown(v)}" for k, v in parameters.items()]
    lines, line = [], f"{name}("
    for k, item in enumerate(items):
        item += ")" if k == len(items) - 1 else ","
        if len(line) + len(item) + 1 > 79 and not line.endswith("("):
            lines.append(line)
            line = " " * (len(name) + 1) + item
        else:
            line += ("" if line.endswith("(") else " ") + item
    return [*lines, line + ("" if items else ")")]


def _models_text() -> str:
    from .models import MODELS, model_parameters

    lines = []
    for name in sorted(MODELS):
        lines += _signature_lines(name, model_parameters(name))
        lines += _wrapped(_docstring_parts(MODELS[name])[0], 4)
    lines += ["", "`stratgame models MODEL` explains a model's parameters."]
    return "\n".join(lines)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _model_text(name: str) -> str:
    from .models import MODELS, model_parameters

    model = MODELS.get(name)
    if model is None:
        raise _CommandError(_unknown_model(name, MODELS))
    summary, entries = _docstring_parts(model)
    lines = [name, *_wrapped(summary, 4)]
    source = getattr(model, "source", "")
    if source:
        lines += _wrapped(f"source: {_plain(source)}", 4)
    parameters = model_parameters(name)
    lines += ["", "parameters (default):" if parameters else "no parameters"]
    for parameter, default in parameters.items():
        kind, meaning = entries.get(parameter, ("", ""))
        kind = f"  ({kind})" if kind else ""
        lines += [f"  {parameter} = {_shown(default)}{kind}", *_wrapped(meaning, 6)]
    scalar = [p for p, v in parameters.items() if _is_number(v)]
    pairs = [
        p
        for p, v in parameters.items()
        if isinstance(v, tuple) and v and all(map(_is_number, v))
    ]
    lines.append("")
    if scalar:
        lines.append(f"sweep: stratgame sweep {name} --grid {scalar[0]}=lo:hi:n")
    if pairs:
        lines += _wrapped(
            f"one component: --grid '{pairs[0]}[0]=lo:hi:n' (the other "
            "components keep their default)",
            0,
        )
    return "\n".join(lines).rstrip()


def _unknown_model(name: str, models) -> str:
    close = difflib.get_close_matches(name, list(models), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown model {name!r}{hint} (`stratgame models` lists them)"


def _number_or_text(text: str):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _assignment(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name or not value:
        raise _CommandError(f"{option} expects NAME=VALUE; got {text!r}")
    return name.strip(), value.strip()


def _grid_values(name: str, spec: str) -> list:
    """``lo:hi:n`` gives n evenly spaced values; ``a,b,c`` the listed values.

    ``lo`` and ``hi`` must be finite numbers and ``n`` a count from 1 to
    :data:`MAX_GRID_POINTS`; the values are computed without overflow (and so
    never NaN) even for ``lo`` and ``hi`` near the largest floats.
    """
    if ":" in spec:
        parts = spec.split(":")
        try:
            if len(parts) != 3 or len(parts[2]) > 12:
                raise ValueError
            lo, hi, count = float(parts[0]), float(parts[1]), int(parts[2])
        except ValueError:
            raise _CommandError(
                f"--grid {name}={spec}: expected lo:hi:n with numbers lo, hi and a "
                "count n >= 1"
            ) from None
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise _CommandError(
                f"--grid {name}={spec}: lo and hi must be finite numbers; got "
                f"{lo} and {hi}"
            )
        if not 1 <= count <= MAX_GRID_POINTS:
            raise _CommandError(
                f"--grid {name}={spec}: the count n must be from 1 to "
                f"{MAX_GRID_POINTS}; got {count}"
            )
        if count == 1:
            return [lo]
        # lo * (1 - t) + hi * t stays finite where hi - lo would overflow.
        return [
            lo
            if k == 0
            else hi
            if k == count - 1
            else lo * (1 - k / (count - 1)) + hi * (k / (count - 1))
            for k in range(count)
        ]
    values = [_number_or_text(v.strip()) for v in spec.split(",") if v.strip()]
    if not values:
        raise _CommandError(f"--grid {name}={spec}: expected values a,b,c or lo:hi:n")
    return values


def _sweep(args) -> str:
    from .analysis import sweep
    from .models import MODELS, model_parameters

    if args.model not in MODELS:
        raise _CommandError(_unknown_model(args.model, MODELS))
    known = model_parameters(args.model)
    grid, fixed = {}, {}
    for option, texts in (("--grid", args.grid), ("--fixed", args.fixed)):
        for text in texts:
            name, spec = _assignment(text, option)
            if name in grid or name in fixed:
                raise _CommandError(
                    f"{option} {text}: {name!r} is given twice; give each "
                    "parameter once, with --grid or --fixed"
                )
            if option == "--grid":
                grid[name] = _grid_values(name, spec)
            else:
                fixed[name] = _number_or_text(spec)
    for name in [*grid, *fixed]:
        _check_parameter(args.model, known, name, grid.get(name, [fixed.get(name)]))
    if not grid:
        raise _CommandError("give at least one --grid NAME=SPEC")
    size = math.prod(len(values) for values in grid.values())
    if size > MAX_GRID_POINTS:
        sizes = " x ".join(str(len(v)) for v in grid.values())
        raise _CommandError(
            f"the grid has {size} points ({sizes}); at most {MAX_GRID_POINTS} "
            "are allowed"
        )
    if args.resume and not args.checkpoint:
        raise _CommandError(
            "--resume needs --checkpoint PATH, the file of the sweep to continue"
        )
    if args.checkpoint and not args.resume:
        path = Path(args.checkpoint)
        if path.is_file() and path.stat().st_size > 0:
            raise _CommandError(
                f"--checkpoint {args.checkpoint}: the file exists; pass --resume to "
                "continue that sweep, or remove the file to start afresh"
            )
    out = _checked_out(args.out, args.force) if args.out else None
    require("pandas", "stratgame sweep")
    model = MODELS[args.model]
    points = [{**fixed, **point} for point in _expand(grid)]
    with_components(model, points)  # 'pair[k]' names checked before the sweep
    rows = sweep(
        model,
        points,
        solve=args.method,
        backend=args.backend,
        checkpoint=args.checkpoint,
        resume=args.resume,
    )
    if out is not None:
        _write_rows(rows, out)
    n_points = rows["point"].nunique()
    failed = rows.loc[rows["error"].notna(), "point"].nunique()
    lines = [f"{args.model}: {n_points} points, {len(rows)} rows, {failed} failed"]
    if failed:
        first = rows.loc[rows["error"].notna()].iloc[0]
        lines.append(f"  first failure, point {first['point']}: {first['error']}")
    counts = rows.drop_duplicates("point")["classification"].value_counts()
    lines += [f"  {label}: {plural(count, 'point')}" for label, count in counts.items()]
    if out is not None:
        lines.append(f"rows written to {out}")
    text = "\n".join(lines)
    if failed and not args.allow_failures:
        where = (
            f"their errors are in the 'error' column of {out}"
            if out is not None
            else "write the rows with --out to see every error"
        )
        raise _PartialFailure(
            f"{failed} of {plural(n_points, 'point')} failed ({where}); pass "
            "--allow-failures to exit 0 all the same",
            text,
        )
    return text


def _check_parameter(model: str, known: dict, name: str, values: list) -> None:
    """``name`` (or, for ``name[k]``, ``name``) is a parameter of the model,
    and a parameter whose default is a sequence gets sequences."""
    whole = name.partition("[")[0]
    if whole not in known:
        raise _CommandError(
            f"model {model!r} has no parameter {whole!r}; its parameters are "
            f"{', '.join(known)}"
        )
    default = known[whole]
    if whole == name and isinstance(default, tuple) and len(default) > 1:
        if not any(isinstance(v, tuple) for v in values):
            spec = "lo:hi:n" if all(map(_is_number, default)) else "a,b"
            raise _CommandError(
                f"{name!r} of {model!r} is a sequence (default {default!r}); "
                f"sweep or fix one component, e.g. --grid '{name}[0]={spec}' "
                f"for component 0 (from 0 to {len(default) - 1})"
            )


def _checked_out(name: str, force: bool) -> Path:
    """The ``--out`` path, checked before the sweep runs: a known suffix, an
    existing folder, no existing file unless ``--force``, and pyarrow for
    Parquet."""
    path = Path(name)
    if path.suffix.lower() not in _OUT_SUFFIXES:
        raise _CommandError(
            f"--out must end in .parquet, .csv or .jsonl; got {path.name!r}"
        )
    folder = path.parent
    if not folder.is_dir():
        raise _CommandError(
            f"--out {name}: the folder {str(folder)!r} does not exist; create it first"
        )
    if path.is_dir():
        raise _CommandError(f"--out {name}: is a directory; give a file name")
    if path.exists() and not force:
        raise _CommandError(
            f"--out {name}: the file exists; pass --force to overwrite it"
        )
    existed = path.exists()
    try:  # can the file be written? (without changing an existing one)
        path.open("ab").close()
    except OSError as error:
        raise _CommandError(
            f"--out {name}: cannot write the file ({error.strerror or error})"
        ) from None
    if not existed:
        path.unlink()
    if path.suffix.lower() == ".parquet":
        require("pyarrow", "--out with a .parquet file")
    return path


def _expand(grid: dict) -> list[dict]:
    from .analysis import expand_grid

    return expand_grid(grid)


def _write_rows(rows, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        rows.to_parquet(path)
    elif suffix == ".csv":
        rows.to_csv(path, index=False)
    elif suffix == ".jsonl":
        rows.to_json(path, orient="records", lines=True)
    else:
        raise _CommandError(
            f"--out must end in .parquet, .csv or .jsonl; got {path.name!r}"
        )


def _load_game(name: str):
    if name == "-":
        data = sys.stdin.buffer.read()
        if data.lstrip().startswith(b"{"):
            return game_from_json(data)
        return _read_nfg(data, "standard input")
    path = Path(name)
    if not path.exists() and name.removesuffix(".nfg") in _shipped.names():
        path = _shipped.path(name)  # a game shipped with stratgame
    if not path.is_file():
        what = "a directory" if path.is_dir() else "no such file"
        raise _CommandError(
            f"{name}: {what}; GAME must be a .nfg or .json file, or the name of "
            f"a game shipped with stratgame ({', '.join(_shipped.names())})"
        )
    if path.suffix.lower() == ".json":
        try:
            return game_from_json(path)
        except StratgameError as error:
            raise _CommandError(f"{name}: {error}") from None
    return _read_nfg(path, name)


def _read_nfg(source, name: str):
    try:
        return read_nfg(source)
    except StratgameError as error:
        raise _CommandError(f"{name}: {error}") from None


# --------------------------------------------------------------- output
def _exact_profile(game, equilibrium):
    if equilibrium.exact is None or not game.is_exact:
        return None
    return [list(s) for s in equilibrium.exact]


def _strategy_text(actions, probabilities, support) -> str:
    """The played actions (the support), with their probabilities if mixed."""
    if len(support) == 1:
        return _label(actions[support[0]])
    return ", ".join(
        f"{_label(actions[k])} {_number(probabilities[k])}" for k in support
    )


def _kind_word(result) -> str:
    """What the count counts, so that "4 pure equilibria, complete" is never
    read as all of them: ``"pure "``, ``"extreme "``, ``"isolated "`` or
    nothing (one equilibrium, or a sample)."""
    from .solvers.registry import SOLVERS

    kind = result.details.get("kind")
    if kind is None and result.method in SOLVERS:
        kind = SOLVERS[result.method].finds
    return f"{kind} " if kind in ("pure", "extreme", "isolated") else ""


def _table(game, result) -> str:
    count = len(result.equilibria)
    lines = [_label(game.title)] if game.title else []
    status = ", complete" if result.complete else ""
    status += "" if result.converged else ", not converged"
    lines.append(
        f"{game.n_players} player{'s' if game.n_players != 1 else ''} "
        f"({'x'.join(map(str, game.shape))}), method {result.method!r}: "
        f"{count} {_kind_word(result)}{'equilibrium' if count == 1 else 'equilibria'}"
        f"{status}"
    )
    if "auto" in result.details:  # why auto did not enumerate completely
        lines.append(f"note: {result.details['auto']}")
    if not count:
        return "\n".join(lines)
    rows = [("eq", "player", "strategy", "payoff", "regret")]
    for number, equilibrium in enumerate(result.equilibria, start=1):
        exact = _exact_profile(game, equilibrium)
        if exact is None:
            strategies = equilibrium.strategies
            payoffs = [float(p) for p in equilibrium.payoffs]
            regret = _number(equilibrium.regret, 3)
        else:
            strategies = exact
            payoffs = list(game.expected_payoffs(exact))
            regret = _number(max(game.regret(exact)))
        for i, player in enumerate(game.players):
            rows.append(
                (
                    str(number) if i == 0 else "",
                    _label(player),
                    _strategy_text(
                        game.actions[i], strategies[i], equilibrium.support[i]
                    ),
                    _number(payoffs[i]),
                    regret if i == 0 else "",
                )
            )
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines.append("")
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def _json_text(game, result) -> str:
    data = {
        "title": game.title,
        "players": list(game.players),
        "actions": [list(a) for a in game.actions],
        **result.to_dict(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


if __name__ == "__main__":  # python -m stratgame.cli
    sys.exit(main())
