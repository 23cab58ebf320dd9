"""Running a per-point function over many points: serially, on local
processes, or on a Dask cluster. Results come back as ``{point: rows}``.

On local processes a sweep survives its workers: when one dies (a segfault in
native code, the out-of-memory killer, ``os._exit``) the pool is restarted,
the points that were in flight are run again one at a time in a worker of
their own, so that only the point that kills it is recorded as failed (with
the reason: ``"worker process died: ..."``), and the sweep goes on. Workers
end with the process that started them, even when it is killed.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .._optional import optional, require
from .._validation import check_choice
from ..exceptions import StratgameError
from ._grid import jsonable

__all__ = ["BACKENDS", "WorkerError", "run_points"]

BACKENDS = ("serial", "processes", "dask")

_WORKER_TASK = None
_WORKER_STARTED = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_LINUX = sys.platform.startswith("linux")


class WorkerError(StratgameError, RuntimeError):
    """The worker processes of a sweep died before they could run any point."""


def _die_with_parent(parent: int) -> None:
    """End this worker process when ``parent`` ends, however it ends.

    On Linux the kernel sends SIGKILL when the parent dies
    (``prctl(PR_SET_PDEATHSIG)``, see prctl(2)); elsewhere a daemon thread
    checks twice a second whether the worker has been handed to another
    parent.
    """
    if _LINUX:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # it died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(task, parent: int, started) -> None:
    global _WORKER_TASK, _WORKER_STARTED
    _die_with_parent(parent)
    _WORKER_TASK = task
    _WORKER_STARTED = started


def _run_chunk_in_worker(number: int, chunk):
    _WORKER_STARTED[number] = 1  # shared memory: seen by the parent if we die
    return _run_chunk(_WORKER_TASK, chunk)


def _run_chunk(task, chunk):
    run_chunk = getattr(task, "run_chunk", None)
    if run_chunk is not None:  # a vectorized task: the whole chunk at once
        return run_chunk(list(chunk))
    return {index: task(index, params) for index, params in chunk}


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _progress_bar(total: int, enabled: bool):
    """A tqdm bar when asked for, tqdm is installed and stderr is a terminal."""
    if enabled and sys.stderr.isatty():
        tqdm = optional("tqdm.auto")
        if tqdm is None:
            return None
        return tqdm.tqdm(total=total, unit="pt", leave=False)
    return None


def run_points(
    task,
    items,
    *,
    backend: str = "processes",
    n_workers: int | None = None,
    client=None,
    chunk_size: int | None = None,
    on_batch=None,
    progress: bool = True,
) -> dict:
    """Evaluate ``task(index, params)`` for every ``(index, params)`` in items.

    ``on_batch(results)`` is called with each finished chunk (for checkpoints).
    With ``backend="processes"`` the task reaches the workers by fork where the
    platform has it (so lambdas and closures work); elsewhere it must pickle.
    A point whose worker process dies gets one row with the point's
    parameters and ``error`` saying how the worker died.

    Examples
    --------
    >>> def square(index, params):
    ...     return [{"point": index, "value": params["x"] ** 2}]
    >>> items = list(enumerate([{"x": 2}, {"x": 3}]))
    >>> rows = run_points(square, items, backend="processes", n_workers=2, progress=False)
    >>> dict(sorted(rows.items()))  # keyed by point, in the order they finished
    {0: [{'point': 0, 'value': 4}], 1: [{'point': 1, 'value': 9}]}
    """
    check_choice(backend, "backend", "sweep", BACKENDS)
    if backend == "dask":
        require("distributed", "backend='dask'")
    results: dict = {}
    if not items:
        return results
    workers = n_workers or os.cpu_count() or 1
    if chunk_size is None:
        chunk_size = max(1, min(256, len(items) // (8 * workers)))
    bar = _progress_bar(len(items), progress)

    def finish(batch):
        results.update(batch)
        if on_batch is not None:
            on_batch(batch)
        if bar is not None:
            bar.update(len(batch))

    try:
        if backend == "serial":
            for chunk in _chunks(items, chunk_size):
                finish(_run_chunk(task, chunk))
        elif backend == "processes":
            _run_on_processes(task, items, chunk_size, workers, finish)
        else:
            _run_on_dask(task, items, chunk_size, client, finish)
    finally:
        if bar is not None:
            bar.close()
    return results


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _run_on_processes(task, items, chunk_size, workers, finish):
    """Run the chunks on a pool; after a worker dies, run the chunks that were
    in flight point by point (:func:`_run_alone`) and the rest on a new pool."""
    context = _context()
    chunks = list(_chunks(items, chunk_size))
    started = context.RawArray("b", len(chunks))
    todo = list(range(len(chunks)))
    while todo:
        todo, in_flight = _run_pool(task, chunks, todo, started, workers, finish)
        _run_alone(task, [item for k in in_flight for item in chunks[k]], finish)


def _run_pool(task, chunks, todo, started, workers, finish):
    """Run chunks ``todo`` until done or a worker dies; return the chunks not
    yet started and those in flight when it died."""
    with ProcessPoolExecutor(
        max_workers=min(workers, len(todo)),
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(task, os.getpid(), started),
    ) as pool:
        futures = {pool.submit(_run_chunk_in_worker, k, chunks[k]): k for k in todo}
        pending, broken = set(futures), None
        try:
            while pending and broken is None:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    error = _broken(future)
                    if error is None:
                        finish(future.result())
                    else:
                        broken = error
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        if broken is None:
            return [], []
        wait(pending)  # a broken pool settles every future at once
        for future in pending:
            if not _broken(future):
                finish(future.result())
    unfinished = [futures[f] for f in futures if _broken(f)]
    in_flight = [k for k in unfinished if started[k]]
    if not in_flight:
        raise WorkerError(
            "the sweep's worker processes died before running any point "
            f"({broken}); try backend='serial' to see why."
        ) from broken
    return [k for k in unfinished if not started[k]], in_flight


def _broken(future) -> BrokenProcessPool | None:
    error = future.exception()
    return error if isinstance(error, BrokenProcessPool) else None


def _solo_worker(task, connection, parent: int) -> None:
    """Run the points sent one at a time, answering each with its rows (or
    the exception it raised)."""
    _die_with_parent(parent)
    connection.send(None)  # ready: a death from now on is a point's doing
    while (item := connection.recv()) is not None:
        try:
            answer = (True, _run_chunk(task, [item]))
        except Exception as error:
            answer = (False, error)
        connection.send(answer)


def _run_alone(task, items, finish) -> None:
    """Run ``items`` one at a time in a worker process of their own, starting
    a new worker each time one dies and recording its point as failed."""
    context = _context()
    remaining = list(items)
    while remaining:
        ours, theirs = context.Pipe()
        worker = context.Process(
            target=_solo_worker, args=(task, theirs, os.getpid()), daemon=True
        )
        worker.start()
        theirs.close()
        try:
            _ready(ours, worker)
            while remaining:
                ours.send(remaining[0])
                succeeded, answer = ours.recv()
                if not succeeded:
                    raise answer
                finish(answer)
                remaining.pop(0)
            ours.send(None)
        except EOFError:  # the worker died computing remaining[0]
            worker.join()
            index, params = remaining.pop(0)
            finish({index: [_failed_row(index, params, worker.exitcode)]})
        except BrokenPipeError:  # it died between points: start another
            pass
        finally:
            if worker.is_alive():
                worker.terminate()
            worker.join()
            ours.close()


def _ready(connection, worker) -> None:
    try:
        connection.recv()
    except EOFError:
        worker.join()
        raise WorkerError(
            "a worker process of the sweep died as it started (exit code "
            f"{worker.exitcode}); try backend='serial' to see why."
        ) from None


def _failed_row(index, params, exitcode: int) -> dict:
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"killed by {name}"
        if name == "SIGKILL":
            how += " (the out-of-memory killer, or another process)"
    else:
        how = f"exited with status {exitcode}"
    return {
        "point": index,
        **jsonable(params),
        "equilibrium": None,
        "error": f"worker process died: {how} while computing this point",
    }


def _run_on_dask(task, items, chunk_size, client, finish):
    distributed = require("distributed", "backend='dask'")
    Client, as_completed = distributed.Client, distributed.as_completed
    own = None
    if client is None or isinstance(client, str):
        own = client = Client(client) if isinstance(client, str) else Client()
    try:
        futures = [
            client.submit(_run_chunk, task, chunk, pure=False)
            for chunk in _chunks(items, chunk_size)
        ]
        for future in as_completed(futures):
            finish(future.result())
    finally:
        if own is not None:
            own.close()
