"""Parameter sweeps: build a game at every point of a grid, solve it, and
collect one tidy row per point and equilibrium."""

from __future__ import annotations

import secrets

from .._optional import require
from .._validation import check_rng
from ._checkpoint import Checkpoint
from ._evaluate import PointTask
from ._execution import run_points
from ._grid import expand_grid, fingerprint

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
    vectorized: bool = False,
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
        varies fastest); a list gives the points themselves.
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
    vectorized : bool
        Call the builder once per chunk of points, with each parameter as a
        1-D array over the chunk; it must return payoffs of shape
        ``(K, n_players, *actions)``. The chunk is solved by
        :func:`stratgame.solve_batch` (``solve`` must be a method name) and
        gives the same rows as the plain sweep. Backends split chunks, not
        points (default chunk: 20000 points).

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
    points = expand_grid(grid)
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
    todo = [(k, p) for k, p in enumerate(points) if k not in done]
    if vectorized:
        from ._vectorized import VectorizedTask

        task = VectorizedTask(builder, solve)
        if chunk_size is None:
            chunk_size = 20_000
    else:
        task = PointTask(builder, solve, entropy)
    try:
        results = run_points(
            task,
            todo,
            backend=backend,
            n_workers=n_workers,
            client=client,
            chunk_size=chunk_size,
            on_batch=record.write if record is not None else None,
            progress=progress,
        )
    finally:
        if record is not None:
            record.close()
    return rows_frame({**done, **results})
