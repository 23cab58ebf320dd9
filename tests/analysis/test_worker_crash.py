"""A sweep on local processes survives workers that die, and its workers do
not outlive it."""

from __future__ import annotations

import ctypes
import faulthandler
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import stratgame as sg
from stratgame.analysis import sweep
from stratgame.analysis._execution import WorkerError, run_points

GRID = {"T": list(range(4, 14))}


def dilemma(T):
    return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])


def exits_at_7(T):
    if T == 7:
        os._exit(3)
    return dilemma(T)


def segfaults_at_7_and_11(T):
    if T in (7, 11):
        faulthandler.disable()  # no Python traceback dumped by the worker
        ctypes.string_at(0)  # reads address 0: SIGSEGV
    return dilemma(T)


def killed_at_9(T):
    if T == 9:  # as the out-of-memory killer does
        os.kill(os.getpid(), signal.SIGKILL)
    return dilemma(T)


@pytest.fixture(scope="module")
def reference():
    return sweep(dilemma, GRID, solve="pure", backend="serial")


def _failed(rows):
    return rows.loc[rows["error"].notna()]


@pytest.mark.parametrize("chunk_size", [1, 3])
def test_a_dying_worker_fails_its_point_only(reference, chunk_size):
    rows = sweep(exits_at_7, GRID, solve="pure", n_workers=2, chunk_size=chunk_size)
    failed = _failed(rows)
    assert list(failed["T"]) == [7]
    assert failed.iloc[0]["error"] == (
        "worker process died: exited with status 3 while computing this point"
    )
    kept = rows[rows["T"] != 7].reset_index(drop=True)
    expected = reference[reference["T"] != 7].reset_index(drop=True)
    assert kept["error"].isna().all()
    pd.testing.assert_frame_equal(
        kept.drop(columns="error"), expected.drop(columns="error"), check_dtype=False
    )


def test_segfaults_are_named_and_the_sweep_goes_on(reference, tmp_path):
    path = tmp_path / "sweep.jsonl"
    rows = sweep(
        segfaults_at_7_and_11,
        GRID,
        solve="pure",
        n_workers=2,
        chunk_size=2,
        checkpoint=path,
    )
    failed = _failed(rows)
    assert list(failed["T"]) == [7, 11]
    assert set(failed["error"]) == {
        "worker process died: killed by SIGSEGV while computing this point"
    }
    assert rows["point"].nunique() == len(GRID["T"])
    # The failures are recorded like any other point: resuming computes nothing.
    again = sweep(
        segfaults_at_7_and_11, GRID, solve="pure", checkpoint=path, resume=True
    )
    pd.testing.assert_frame_equal(again, rows)


class _ExitsWhenUnpickled:
    def __reduce__(self):
        return os._exit, (5,)


def test_a_killed_worker_is_named(reference):
    rows = sweep(killed_at_9, GRID, solve="pure", n_workers=2, chunk_size=4)
    failed = _failed(rows)
    assert list(failed["T"]) == [9]
    assert failed.iloc[0]["error"] == (
        "worker process died: killed by SIGKILL (the out-of-memory killer, or "
        "another process) while computing this point"
    )
    assert rows["point"].nunique() == len(GRID["T"])


def test_workers_dying_before_any_point_is_an_error():
    def never_called(index, params):
        raise AssertionError("no point should run")

    with pytest.raises(WorkerError, match="died before running any point"):
        run_points(
            never_called,
            [(0, {"x": _ExitsWhenUnpickled()})],
            backend="processes",
            n_workers=1,
            progress=False,
        )


WORKER_SCRIPT = """
import os, pathlib, sys, time
import stratgame as sg
from stratgame.analysis import sweep

folder = pathlib.Path(sys.argv[1])
if sys.argv[2] == "watcher":  # the portable way, as on macOS and Windows
    import stratgame.analysis._execution
    stratgame.analysis._execution._LINUX = False

def forever(T):
    (folder / f"worker-{os.getpid()}").touch()
    while True:
        time.sleep(1)

sweep(forever, {"T": [1, 2, 3, 4]}, solve="pure", n_workers=2, chunk_size=1)
"""


def _alive(pid: int) -> bool:
    """Running, as opposed to gone or a zombie nobody has reaped yet."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("how", "way"),
    [(signal.SIGKILL, "prctl"), (signal.SIGTERM, "prctl"), (signal.SIGKILL, "watcher")],
)
def test_workers_end_with_a_killed_parent(tmp_path, how, way):
    script = tmp_path / "sweep_forever.py"
    script.write_text(WORKER_SCRIPT)
    parent = subprocess.Popen([sys.executable, str(script), str(tmp_path), way])
    try:
        assert _wait_for(lambda: len(list(tmp_path.glob("worker-*"))) == 2)
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        assert all(_alive(pid) for pid in workers)
    finally:
        parent.send_signal(how)
        parent.wait()
    try:
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers)), (
            "pool workers outlived the sweep's process"
        )
    finally:
        for pid in filter(_alive, workers):
            os.kill(pid, signal.SIGKILL)
