"""A checkpoint is resumed only by the sweep that wrote it, and a damaged or
edited line is reported as a CheckpointError naming the line."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

import stratgame as sg
from stratgame.analysis import sweep
from stratgame.analysis._checkpoint import CheckpointError

GRID = {"T": [4, 5, 6]}


def dilemma(T):
    return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])


def stag(T):
    return sg.NormalFormGame.from_bimatrix([[T, 0], [3, 3]], [[T, 3], [0, 3]])


@pytest.fixture
def written(tmp_path):
    path = tmp_path / "sweep.jsonl"
    sweep(dilemma, GRID, solve="pure", backend="serial", checkpoint=path, rng=1)
    return path


def _resume(path, builder=dilemma, solve="pure"):
    return sweep(
        builder, GRID, solve=solve, backend="serial", checkpoint=path, resume=True
    )


def test_resuming_the_same_sweep_computes_nothing(written):
    computed = []

    def counting(T):
        computed.append(T)
        return dilemma(T)

    counting.__qualname__ = dilemma.__qualname__  # the same builder, by name
    rows = _resume(written, counting)
    assert computed == [] and rows["point"].nunique() == 3


@pytest.mark.parametrize(("builder", "solve"), [(stag, "pure"), (dilemma, "enumerate")])
def test_another_builder_or_solver_is_refused(written, builder, solve):
    with pytest.raises(CheckpointError, match="a different grid, builder or solver"):
        _resume(written, builder, solve)


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"point": 7, "rows": []}', "out of range"),
        ('{"point": -1, "rows": []}', "negative"),
        ('{"point": "1", "rows": []}', "a string"),
        ('{"point": 1}', "no rows"),
        ('{"point": 1, "rows": [1, 2]}', "rows that are not dicts"),
        ("[1, 2]", "not an object"),
    ],
)
def test_damaged_lines_name_the_line(written, line, why):
    lines = written.read_text().splitlines()
    lines.insert(2, line)
    written.write_text("\n".join(lines) + "\n")
    with pytest.raises(CheckpointError, match=r"line 3: expected a finished point"):
        _resume(written)


def test_a_file_that_is_not_a_checkpoint(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"stratgame_sweep": 1, "fingerprint": 3}) + "\n")
    with pytest.raises(CheckpointError, match="bad first line"):
        _resume(path)


def _edit_first_point(path, edit):
    lines = path.read_text().splitlines()
    lines[1] = edit(lines[1])
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "edit",
    [
        lambda line: line.replace('"T": 4', '"T": 40'),  # another parameter value
        lambda line: line.replace('"regret": 0.0', '"regret": NaN'),  # a NaN
        lambda line: line.replace('"pure"', '"enumerate"'),  # another method
    ],
)
def test_edited_rows_fail_their_checksum(written, edit):
    _edit_first_point(written, edit)
    with pytest.raises(CheckpointError, match="line 2: the rows of point 0 do not"):
        _resume(written)


def test_a_line_from_another_sweep_is_refused(written, tmp_path):
    other = tmp_path / "other.jsonl"
    sweep(stag, GRID, solve="pure", backend="serial", checkpoint=other, rng=1)
    _edit_first_point(written, lambda line: other.read_text().splitlines()[1])
    with pytest.raises(CheckpointError, match="line 2: the rows of point 0 do not"):
        _resume(written)


def test_a_checkpoint_of_the_older_format_is_refused(written):
    lines = written.read_text().splitlines()
    header = json.loads(lines[0])
    lines[0] = json.dumps({**header, "stratgame_sweep": 1})
    written.write_text("\n".join(lines) + "\n")
    with pytest.raises(CheckpointError, match="older stratgame"):
        _resume(written)


def test_the_lock_is_released_after_a_sweep_and_after_an_error(written):
    lock = written.with_name(written.name + ".lock")
    assert not lock.exists()
    with pytest.raises(CheckpointError):
        _resume(written, stag)  # refused after taking the lock
    assert not lock.exists()
    assert _resume(written)["point"].nunique() == 3


SWEEP_SCRIPT = """
import pathlib, sys, time
import stratgame as sg
from stratgame.analysis import sweep

folder = pathlib.Path(sys.argv[1])

def waiting(T):
    (folder / "started").touch()
    while T == 2 and not (folder / "go").exists():
        time.sleep(0.01)
    return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])

rows = sweep(waiting, {"T": list(range(6))}, solve="pure", backend="serial",
             checkpoint=folder / "sweep.jsonl", resume=True, chunk_size=1)
print(rows["point"].nunique())
"""


def test_a_second_process_is_refused_while_the_first_sweeps(tmp_path):
    """Two real processes given one checkpoint: the second is refused with a
    message naming the first, and the first loses no row."""
    script = tmp_path / "sweep_script.py"
    script.write_text(SWEEP_SCRIPT)
    command = [sys.executable, str(script), str(tmp_path)]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 600  # a loaded machine imports slowly
        while not (tmp_path / "started").exists() and time.monotonic() < deadline:
            assert first.poll() is None, "the first sweep ended early"
            time.sleep(0.01)
        assert (tmp_path / "started").exists(), "the first sweep never started"
        second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    finally:
        (tmp_path / "go").touch()
        out, _ = first.communicate(timeout=600)
    assert first.returncode == 0 and out.strip() == "6"
    assert second.returncode != 0
    assert (
        f"sweep.jsonl is in use by another sweep (process {first.pid})" in second.stderr
    )
    records = [json.loads(x) for x in (tmp_path / "sweep.jsonl").open()][1:]
    assert sorted(r["point"] for r in records) == list(range(6))
    assert not (tmp_path / "sweep.jsonl.lock").exists()


def test_a_directory_or_an_unwritable_place_is_refused(tmp_path):
    with pytest.raises(CheckpointError, match="is a directory; give a file name"):
        _resume(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(CheckpointError, match="cannot write checkpoint"):
        _resume(blocker / "sweep.jsonl")


def test_without_fcntl_the_lock_is_an_exclusively_created_file(tmp_path, monkeypatch):
    from stratgame.analysis import _checkpoint

    monkeypatch.setattr(_checkpoint, "fcntl", None)  # as on Windows
    path = tmp_path / "sweep.jsonl"
    first = _checkpoint.Checkpoint(path, "f", 2, entropy=1, resume=False)
    with pytest.raises(CheckpointError, match=r"in use by another sweep \(process"):
        _checkpoint.Checkpoint(path, "f", 2, entropy=1, resume=True)
    with pytest.raises(CheckpointError, match=r"running .* remove .*sweep.jsonl.lock"):
        _checkpoint.Checkpoint(path, "f", 2, entropy=1, resume=True)
    first.write({0: [{"point": 0}]})
    first.close()
    again = _checkpoint.Checkpoint(path, "f", 2, entropy=1, resume=True)
    assert again.done == {0: [{"point": 0}]}
    again.close()
    assert not path.with_name("sweep.jsonl.lock").exists()
