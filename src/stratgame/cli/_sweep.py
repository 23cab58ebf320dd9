"""``stratgame sweep``: a model solved over a grid of parameters given on the
command line, every option checked before the sweep runs."""

from __future__ import annotations

import math
from pathlib import Path

from .._display import plural
from .._optional import require
from ..analysis._execution import BACKENDS
from ..analysis._grid import with_components
from ._common import _add_method_argument, _CommandError, _PartialFailure
from ._models import _is_number, _unknown_model

__all__ = ["MAX_GRID_POINTS", "_add_sweep_parser", "_grid_values", "_sweep"]

#: Most points a ``--grid`` of the command line may make (all axes together).
MAX_GRID_POINTS = 1_000_000
_OUT_SUFFIXES = (".parquet", ".csv", ".jsonl")


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
    from ..analysis import sweep
    from ..models import MODELS, model_parameters

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
    from ..analysis import expand_grid

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
