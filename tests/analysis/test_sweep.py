"""sweep(): rows, errors, backends, seeds and checkpoints."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

import stratgame as sg
from stratgame.analysis import CheckpointError, expand_grid, sweep


def dilemma(T, S=0):
    """A 2x2 symmetric game with R = 3, P = 1: a prisoner's dilemma when T > 3
    and S < 1 (Rapoport & Guyer 1966)."""
    return sg.NormalFormGame.from_bimatrix([[3, S], [T, 1]], [[3, T], [S, 1]])


def noisy(a, rng):
    """A random 3x3 game whose payoffs depend on the point's generator."""
    return sg.NormalFormGame.from_bimatrix(a * rng.random((3, 3)), rng.random((3, 3)))


def test_rows_per_point_and_equilibrium():
    rows = sweep(dilemma, {"T": [2, 5], "S": [0]}, solve="pure", backend="serial")
    assert list(rows["point"]) == [0, 0, 1]
    assert list(rows["classification"]) == [
        "coordination",
        "coordination",
        "prisoner's dilemma",
    ]
    pd_row = rows.iloc[2]
    assert pd_row["strategies"] == [[0.0, 1.0], [0.0, 1.0]]
    assert pd_row["payoff_P1"] == 1.0 and pd_row["regret"] == 0.0
    assert rows["error"].isna().all()


def test_point_without_equilibrium_keeps_a_row():
    rows = sweep(
        lambda: sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]),
        [{}],
        solve="pure",
        backend="serial",
    )
    assert len(rows) == 1 and pd.isna(rows.iloc[0]["equilibrium"])
    assert rows.iloc[0]["classification"] == "no pure equilibrium"


def test_errors_are_recorded_not_raised():
    def fragile(T):
        if T == 3:
            raise ArithmeticError("no game at T = 3")
        return dilemma(T)

    rows = sweep(fragile, {"T": [2, 3, 5]}, solve="pure", backend="serial")
    failed = rows[rows["error"].notna()]
    assert list(failed["T"]) == [3]
    assert "ArithmeticError: no game at T = 3" in failed.iloc[0]["error"]
    assert set(rows["T"]) == {2, 3, 5}


def test_callable_solver_and_models_with_game_method():
    class Model:
        def __init__(self, T):
            self.T = T

        def game(self):
            return dilemma(self.T)

    rows = sweep(
        Model,
        {"T": [5]},
        solve=lambda g: sg.solve(g, method="pure"),
        backend="serial",
    )
    assert rows.iloc[0]["classification"] == "prisoner's dilemma"


@pytest.mark.parametrize("backend", ["serial", "processes"])
def test_same_seed_same_rows_on_every_backend(backend):
    grid = {"a": [1.0, 2.0, 3.0, 4.0, 5.0]}
    reference = sweep(noisy, grid, solve="pure", backend="serial", rng=11)
    rows = sweep(
        noisy, grid, solve="pure", backend=backend, rng=11, n_workers=2, chunk_size=1
    )
    pd.testing.assert_frame_equal(rows, reference)
    other = sweep(noisy, grid, solve="pure", backend="serial", rng=12)
    assert not other["payoffs"].equals(reference["payoffs"])


def test_dask_backend_on_a_local_cluster():
    distributed = pytest.importorskip("distributed")
    grid = {"a": [1.0, 2.0, 3.0]}
    reference = sweep(noisy, grid, solve="pure", backend="serial", rng=5)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        rows = sweep(
            noisy,
            grid,
            solve="pure",
            backend="dask",
            client=client,
            rng=5,
            chunk_size=1,
        )
    pd.testing.assert_frame_equal(rows, reference)


def test_grid_errors():
    with pytest.raises(ValueError, match="empty"):
        expand_grid({"T": []})
    with pytest.raises(ValueError, match="list of values"):
        expand_grid({"T": 3})
    with pytest.raises(ValueError, match="dicts of parameters"):
        expand_grid([1, 2])
    with pytest.raises(ValueError, match="backend"):
        sweep(dilemma, {"T": [1]}, backend="cloud")


def test_checkpoint_refuses_overwrite_and_other_grids(tmp_path):
    path = tmp_path / "run.jsonl"
    sweep(dilemma, {"T": [2, 5]}, solve="pure", backend="serial", checkpoint=path)
    with pytest.raises(CheckpointError, match="resume=True"):
        sweep(dilemma, {"T": [2, 5]}, solve="pure", backend="serial", checkpoint=path)
    with pytest.raises(CheckpointError, match="different grid"):
        sweep(
            dilemma,
            {"T": [2, 6]},
            solve="pure",
            backend="serial",
            checkpoint=path,
            resume=True,
        )


def test_resume_after_a_killed_process_loses_and_repeats_nothing(tmp_path, monkeypatch):
    path = tmp_path / "sweep.jsonl"
    # The builder lives in a module of its own, so that the killed process
    # and the resuming one use the same builder (a checkpoint is only resumed
    # by the sweep that wrote it: same grid, builder and solver).
    (tmp_path / "killed_builders.py").write_text(
        textwrap.dedent(
            """
            import os
            import time
            import stratgame as sg

            computed = []

            def slow(T):
                computed.append(T)
                if os.environ.get("SLOW_BUILDER"):
                    time.sleep(0.01)
                return sg.NormalFormGame.from_bimatrix(
                    [[3, 0], [T, 1]], [[3, T], [0, 1]])
            """
        )
    )
    script = tmp_path / "run_sweep.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from stratgame.analysis import sweep
            from killed_builders import slow

            sweep(slow, {{"T": list(range(300))}}, solve="pure", backend="serial",
                  checkpoint={str(path)!r}, chunk_size=5, rng=1)
            """
        )
    )
    process = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "SLOW_BUILDER": "1", "PYTHONPATH": str(tmp_path)},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text().splitlines()) > 40:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    lines = path.read_text().splitlines()
    finished = {json.loads(line)["point"] for line in lines[1:] if line.endswith("}")}
    assert 0 < len(finished) < 300, "the sweep should have been killed halfway"

    monkeypatch.syspath_prepend(str(tmp_path))
    import killed_builders

    rows = sweep(
        killed_builders.slow,
        {"T": list(range(300))},
        solve="pure",
        backend="serial",
        checkpoint=path,
        resume=True,
        rng=1,
    )
    assert sorted(killed_builders.computed) == sorted(set(range(300)) - finished)
    full = sweep(dilemma, {"T": list(range(300))}, solve="pure", backend="serial")
    assert rows["point"].nunique() == 300
    pd.testing.assert_frame_equal(
        rows.reset_index(drop=True), full.reset_index(drop=True)
    )
    records = [json.loads(line) for line in path.read_text().splitlines()[1:]]
    assert sorted(r["point"] for r in records) == list(range(300))


def test_processes_backend_runs_closures():
    offset = 0.5
    rows = sweep(
        lambda T: dilemma(T + offset),
        {"T": list(np.linspace(1, 5, 9))},
        solve="pure",
        backend="processes",
        n_workers=2,
    )
    assert rows["point"].nunique() == 9 and rows["error"].isna().all()
