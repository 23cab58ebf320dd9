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
import os
import sys
from pathlib import Path

from .. import data as _shipped
from .._version import __version__
from ..exceptions import StratgameError
from ..io import game_from_json, read_nfg
from ..solvers import solve
from ._common import _add_method_argument, _CommandError, _PartialFailure
from ._models import _model_text, _models_text
from ._sweep import MAX_GRID_POINTS, _add_sweep_parser, _sweep
from ._table import _json_text, _table

__all__ = ["MAX_GRID_POINTS", "main"]

_USAGE_ERROR = 2
_FAILED = 1
_INTERRUPTED = 130


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
            from ..demo import main as demo

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
