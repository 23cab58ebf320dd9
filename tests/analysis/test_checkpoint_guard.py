"""A checkpoint is resumed only by the sweep that wrote it, and a damaged or
edited line is reported as a CheckpointError naming the line."""

from __future__ import annotations

import json

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
