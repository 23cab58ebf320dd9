"""Parameter sweeps: build a game at every point of a grid, solve it, and
collect one tidy row per point and equilibrium."""

from __future__ import annotations

import secrets

import numpy as np

from .._optional import require
from .._validation import check_rng
from ._checkpoint import Checkpoint
from ._evaluate import PointTask
from ._execution import run_points
from ._grid import expand_grid, fingerprint, jsonable, with_components
from ._vectorized import (
    Block,
    VectorizedTask,
    block_rows,
    columns_frame,
    grid_columns,
    merge,
    mergeable,
    row_values,
    vectorized_payoffs,
)

__all__ = ["sweep"]


def _qualified_name(function) -> str:
    """``module.qualname`` of a callable (its repr for other objects)."""
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", None)
    if module is None or name is None:
        return repr(function) if not isinstance(function, str) else function
    return f"{module}.{name}"


def _how(builder, solve) -> dict:
    """What a checkpoint must match besides the grid: the builder and the
    solver (a method name, or a callable's name and, for a partial, its
    arguments)."""
    how = {"builder": _qualified_name(builder)}
    arguments = getattr(solve, "args", None), getattr(solve, "keywords", None)
    if hasattr(solve, "func"):  # functools.partial
        how["solve"] = _qualified_name(solve.func)
        how["solve_options"] = {"args": arguments[0], "keywords": arguments[1]}
    else:
        how["solve"] = _qualified_name(solve)
    return how


def _entropy(rng) -> int:
    if rng is None:
        return secrets.randbits(64)
    return int(check_rng(rng).integers(2**63))


_COLUMNS = (
    "equilibrium",
    "strategies",
    "payoffs",
    "regret",
    "classification",
    "method",
    "error",
)


def rows_frame(results: dict):
    """A pandas DataFrame of the rows of every point, in point order."""
    pd = require("pandas", "sweep()")

    rows = [row for point in sorted(results) for row in results[point]]
    frame = pd.DataFrame(rows)
    for column in _COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    return frame


def sweep(
    builder,
    grid,
    solve="auto",
    backend: str = "processes",
    checkpoint=None,
    resume: bool = False,
    progress: bool = True,
    rng=None,
    n_workers: int | None = None,
    client=None,
    chunk_size: int | None = None,
    vectorized: bool | None = None,
):
    """Solve the game built at every point of a parameter grid.

    Parameters
    ----------
    builder : callable
        ``builder(**params)`` returns a game, or a model with a ``.game()``
        method. If it accepts an ``rng`` argument it gets a generator of its
        own for the point.
    grid : dict of lists, or list of dicts
        A dict gives the Cartesian product of its value lists (the last name
        varies fastest); a list gives the points themselves. A name
        ``"p[k]"`` varies component ``k`` of a sequence parameter ``p`` (e.g.
        ``"licensing[0]"``), the others keeping their default.
    solve : str or callable
        A method name for :func:`stratgame.solve` (default ``"auto"``), or
        ``solve(game)`` returning an :class:`~stratgame.EquilibriumResult` or a
        list of equilibria (given ``rng=`` too if it accepts it).
    backend : {"processes", "serial", "dask"}
        Local processes (default), the calling process, or a dask.distributed
        cluster (``client``: a ``Client`` or a scheduler address; a local
        cluster is started when it is None).
    checkpoint : str or Path, optional
        A JSONL file to which finished points are written durably in batches.
    resume : bool
        Continue the sweep recorded in ``checkpoint``, computing only the
        points it lacks.
    progress : bool
        Show a progress bar (tqdm) when stderr is a terminal.
    rng : None, int or numpy.random.Generator
        Seeds each point's generator; the same seed gives the same rows on
        every backend, interrupted or not.
    n_workers, chunk_size : int, optional
        Processes to use, and points per task.
    vectorized : bool, optional
        Call the builder once per chunk of points, with each parameter as a
        1-D array over the chunk; it must return payoffs of shape
        ``(K, n_players, *actions)``. The chunk is solved by
        :func:`stratgame.solve_batch` (``solve`` must be a method name) and
        gives the same rows as the plain sweep. Backends split chunks, not
        points (default chunk: 20000 points). A model whose ``payoffs``
        method is vectorized (``DSAIR.payoffs``, ``prisoners_dilemma.payoffs``,
        ...) is called that way; its chunks that fail (invalid parameters)
        are evaluated point by point. The default (None) is vectorized for
        such models when ``solve`` is a method name, plain otherwise.

    Returns
    -------
    pandas.DataFrame
        One row per point and equilibrium: ``point``, the parameters,
        ``equilibrium`` (its index, or missing when there is none),
        ``strategies``, ``payoffs``, ``payoff_<player>``, ``regret``,
        ``classification``, ``method`` and ``error`` (the message when the
        point failed; the sweep goes on).

    Examples
    --------
    >>> import stratgame as sg
    >>> def dilemma(T):
    ...     return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])
    >>> rows = sweep(dilemma, {"T": [2, 5]}, solve="pure", backend="serial")
    >>> rows[["T", "classification"]].values.tolist()
    [[2, 'coordination'], [2, 'coordination'], [5, "prisoner's dilemma"]]
    """
    require("pandas", "sweep()")  # before any point is computed
    if backend == "dask":
        require("distributed", "sweep(backend='dask')")
    columns = _vectorized_columns(builder, grid, solve, vectorized)
    points = None
    if columns is None or checkpoint is not None:
        points = expand_grid(grid)
    if columns is None:
        build = with_components(builder, points)  # refuses bad names up front
    entropy = _entropy(rng)
    record = None
    if checkpoint is not None:
        record = Checkpoint(
            checkpoint,
            fingerprint(points, _how(builder, solve)),
            len(points),
            entropy,
            resume,
        )
        entropy = record.entropy
    elif resume:
        raise ValueError(
            "resume=True needs the checkpoint path of the sweep to resume."
        )
    done = dict(record.done) if record is not None else {}
    options = {
        "backend": backend,
        "n_workers": n_workers,
        "client": client,
        "progress": progress,
    }
    try:
        if columns is not None:
            task = VectorizedTask(
                vectorized_payoffs(builder) or builder,
                solve,
                builder if vectorized_payoffs(builder) else None,
                entropy,
            )
            return _vectorized_sweep(
                task, columns, done, record, chunk_size or 20_000, options
            )
        todo = [(k, p) for k, p in enumerate(points) if k not in done]
        results = run_points(
            PointTask(build, solve, entropy),
            todo,
            chunk_size=chunk_size,
            on_batch=record.write if record is not None else None,
            **options,
        )
    finally:
        if record is not None:
            record.close()
    return rows_frame({**done, **results})


def _vectorized_columns(builder, grid, solve, vectorized):
    """The grid's columns (see :func:`grid_columns`) when the sweep runs
    vectorized: when asked to, or by default for a model with vectorized
    payoffs, a method name and a grid without components (``p[k]``); else
    None."""
    if vectorized is False:
        return None
    columns = grid_columns(grid)
    if vectorized is None:
        if (
            vectorized_payoffs(builder) is None
            or not isinstance(solve, str)
            or columns is None
            or any("[" in name for name in columns[0])
        ):
            return None
    elif columns is None or not columns[0]:
        raise ValueError(
            "sweep(vectorized=True) needs a dict grid, or a list of points "
            "that all have the same parameter names in the same order."
        )
    return columns


def _vectorized_sweep(task, columns, done, record, chunk_size, options):
    """``sweep(vectorized=True)``: chunks of points are the items of
    :func:`run_points` (so backends split chunks, not points), each answered
    by a columnar :class:`Block`; the table is built once from all blocks."""
    names, columns = columns
    n_points = len(columns[names[0]][1])
    todo = np.ones(n_points, dtype=bool)
    todo[list(done)] = False
    todo = np.flatnonzero(todo)
    values = {name: row_values(axis)[codes] for name, (axis, codes) in columns.items()}
    chunks = [todo[k : k + chunk_size] for k in range(0, len(todo), chunk_size)]

    def params(points) -> dict:
        return {name: axis[codes[points]] for name, (axis, codes) in columns.items()}

    def answered(number, answer) -> Block:
        if isinstance(answer, Block):
            return answer
        # rows of a chunk whose worker died (see run_points): its error, per point
        error = {"equilibrium": None, "error": answer[0]["error"]}
        rows = {}
        for point in chunks[number].tolist():
            base = {n: jsonable(v[0]) for n, v in params([point]).items()}
            rows[point] = [{"point": point, **base, **error}]
        return Block(chunks[number], rows=rows)

    def write(batch) -> None:
        for number, answer in batch.items():
            record.write(block_rows(answered(number, answer), values))

    results = run_points(
        task,
        [(k, {"points": c, "values": params(c)}) for k, c in enumerate(chunks)],
        chunk_size=1,
        on_batch=write if record is not None else None,
        **options,
    )
    blocks = [answered(number, results[number]) for number in sorted(results)]
    if not done and blocks and mergeable(blocks):
        return columns_frame(merge(blocks), values, _COLUMNS)
    rows = dict(done)
    for block in blocks:
        rows.update(block_rows(block, values))
    return rows_frame(rows)
