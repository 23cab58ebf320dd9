"""Running a per-point function over many points: serially, on local
processes, or on a Dask cluster. Results come back as ``{point: rows}``."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from .._optional import optional, require
from .._validation import check_choice

__all__ = ["BACKENDS", "run_points"]

BACKENDS = ("serial", "processes", "dask")

_WORKER_TASK = None


def _init_worker(task) -> None:
    global _WORKER_TASK
    _WORKER_TASK = task


def _run_chunk_in_worker(chunk):
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


def _run_on_processes(task, items, chunk_size, workers, finish):
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(task,),
    ) as pool:
        pending = {
            pool.submit(_run_chunk_in_worker, c) for c in _chunks(items, chunk_size)
        }
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    finish(future.result())
        except BaseException:
            for future in pending:
                future.cancel()
            raise


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
