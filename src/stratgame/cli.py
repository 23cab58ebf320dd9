"""The ``stratgame`` command: solve games stored in Gambit ``.nfg`` or JSON
files, list the models, and sweep a model's parameters.

Usage::

    stratgame solve GAME.nfg [--method METHOD] [--json]
    stratgame models
    stratgame demo [--out DIR]
    stratgame sweep MODEL --grid p=lo:hi:n [--grid q=a,b,c] [--out rows.parquet]
    stratgame --help
    stratgame --version

``GAME`` is a Gambit ``.nfg`` file, a JSON file written by
:func:`stratgame.io.game_to_json` (name ending in ``.json``), or ``-`` for
standard input. The equilibria are printed as a table with the player and
action labels, or as JSON with ``--json``. Errors print one line,
``stratgame: error: ...``, on standard error and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ._display import label as _label
from ._display import number as _number
from ._display import plural
from ._version import __version__
from .analysis._execution import BACKENDS
from .exceptions import StratgameError
from .io import game_from_json, read_nfg
from .solvers import METHODS, solve

__all__ = ["main"]

_USAGE_ERROR = 2


class _CommandError(Exception):
    """A bad command line, file or option: reported in one line, status 2."""


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
        help="a Gambit .nfg file, a .json game file, or - for standard input",
    )
    _add_method_argument(solve_command)
    solve_command.add_argument(
        "--json",
        action="store_true",
        help="print the result as JSON instead of a table",
    )
    commands.add_parser(
        "models",
        help="list the models and their parameters",
        description="List every registered model with its parameters and defaults.",
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
        "repeat for a product grid",
    )
    sweep_command.add_argument(
        "--fixed",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="hold a parameter at a value",
    )
    _add_method_argument(sweep_command)
    sweep_command.add_argument("--backend", default="processes", choices=BACKENDS)
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
    2 players (2x2), method 'pure': 1 equilibrium, complete
    <BLANKLINE>
    eq  player  strategy  payoff  regret
    1   Row     D         1       0
        Column  D         1
    0
    """
    try:
        args = _argument_parser().parse_args(argv)
        if args.command == "demo":
            from .demo import main as demo

            demo(args.out)
            return 0
        if args.command == "models":
            text = _models_text()
        elif args.command == "sweep":
            text = _sweep(args)
        else:
            game = _load_game(args.game)
            result = solve(game, method=args.method)
            text = _json_text(game, result) if args.json else _table(game, result)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except (_CommandError, StratgameError, ValueError, OSError) as error:
        message = " ".join(str(error).split()) or type(error).__name__
        print(f"stratgame: error: {message}", file=sys.stderr)
        return _USAGE_ERROR
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `stratgame solve big.nfg | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def _models_text() -> str:
    from .models import MODELS, model_parameters

    lines = []
    for name in sorted(MODELS):
        parameters = ", ".join(f"{k}={v!r}" for k, v in model_parameters(name).items())
        lines.append(f"{name}({parameters})")
    return "\n".join(lines)


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
    """``lo:hi:n`` gives n evenly spaced values; ``a,b,c`` the listed values."""
    if ":" in spec:
        parts = spec.split(":")
        try:
            lo, hi, count = float(parts[0]), float(parts[1]), int(parts[2])
            if len(parts) != 3 or count < 1:
                raise ValueError
        except (ValueError, IndexError):
            raise _CommandError(
                f"--grid {name}={spec}: expected lo:hi:n with numbers lo, hi and a "
                "count n >= 1"
            ) from None
        if count == 1:
            return [lo]
        return [lo + (hi - lo) * k / (count - 1) for k in range(count)]
    return [_number_or_text(v.strip()) for v in spec.split(",") if v.strip()]


def _sweep(args) -> str:
    from .analysis import sweep
    from .models import MODELS, model_parameters

    if args.model not in MODELS:
        raise _CommandError(
            f"unknown model {args.model!r}; `stratgame models` lists them"
        )
    known = model_parameters(args.model)
    grid = {}
    for text in args.grid:
        name, spec = _assignment(text, "--grid")
        grid[name] = _grid_values(name, spec)
    fixed = {
        name: _number_or_text(value)
        for name, value in (_assignment(t, "--fixed") for t in args.fixed)
    }
    for name in [*grid, *fixed]:
        if name not in known:
            raise _CommandError(
                f"model {args.model!r} has no parameter {name!r}; its parameters "
                f"are {', '.join(known)}"
            )
    if not grid:
        raise _CommandError("give at least one --grid NAME=SPEC")
    model = MODELS[args.model]
    points = [{**fixed, **point} for point in _expand(grid)]
    rows = sweep(
        model,
        points,
        solve=args.method,
        backend=args.backend,
        checkpoint=args.checkpoint,
        resume=args.resume,
    )
    if args.out:
        _write_rows(rows, Path(args.out))
    n_points = rows["point"].nunique()
    failed = rows.loc[rows["error"].notna(), "point"].nunique()
    lines = [f"{args.model}: {n_points} points, {len(rows)} rows, {failed} failed"]
    if failed:
        first = rows.loc[rows["error"].notna()].iloc[0]
        lines.append(f"  first failure, point {first['point']}: {first['error']}")
    counts = rows.drop_duplicates("point")["classification"].value_counts()
    lines += [f"  {label}: {count} points" for label, count in counts.items()]
    if args.out:
        lines.append(f"rows written to {args.out}")
    return "\n".join(lines)


def _expand(grid: dict) -> list[dict]:
    from .analysis import expand_grid

    return expand_grid(grid)


def _write_rows(rows, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            rows.to_parquet(path)
        except ImportError as error:
            raise _CommandError(f"writing Parquet needs pyarrow ({error})") from None
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
    if not path.is_file():
        what = "a directory" if path.is_dir() else "no such file"
        raise _CommandError(f"{name}: {what}; GAME must be a .nfg or .json file")
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


def _table(game, result) -> str:
    count = len(result.equilibria)
    lines = [_label(game.title)] if game.title else []
    status = ", complete" if result.complete else ""
    status += "" if result.converged else ", not converged"
    lines.append(
        f"{game.n_players} player{'s' if game.n_players != 1 else ''} "
        f"({'x'.join(map(str, game.shape))}), method {result.method!r}: "
        f"{plural(count, 'equilibrium', 'equilibria')}{status}"
    )
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
