"""The `stratgame models` and `stratgame sweep` commands."""

import pandas as pd
import pytest

from stratgame.cli import main
from stratgame.models import MODELS


def test_models_lists_every_model_with_parameters(capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(MODELS)
    assert "prisoners_dilemma(T=5, R=3, P=1, S=0)" in out


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_sweep_writes_rows(tmp_path, capsys, suffix):
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"rows{suffix}"
    code = main(
        [
            "sweep",
            "prisoners_dilemma",
            "--grid",
            "T=4:6:3",
            "--fixed",
            "S=0",
            "--method",
            "pure",
            "--backend",
            "serial",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    summary = capsys.readouterr().out
    assert "3 points, 3 rows, 0 failed" in summary
    assert "prisoner's dilemma: 3 points" in summary
    read = {
        ".csv": pd.read_csv,
        ".jsonl": lambda p: pd.read_json(p, lines=True),
        ".parquet": pd.read_parquet,
    }[suffix]
    rows = read(out)
    assert list(rows["T"]) == [4.0, 5.0, 6.0]
    assert set(rows["classification"]) == {"prisoner's dilemma"}


def test_sweep_records_invalid_points(capsys):
    # T = 2 < R = 3 is not a prisoner's dilemma: the model refuses it, the
    # sweep records the error and goes on.
    code = main(
        ["sweep", "prisoners_dilemma", "--grid", "T=2,5", "--backend", "serial"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "2 points, 2 rows, 1 failed" in out and "first failure, point 0" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sweep", "nope", "--grid", "T=1,2"], "unknown model 'nope'"),
        (["sweep", "prisoners_dilemma", "--grid", "X=1,2"], "no parameter 'X'"),
        (["sweep", "prisoners_dilemma", "--grid", "T=1:2"], "expected lo:hi:n"),
        (["sweep", "prisoners_dilemma"], "at least one --grid"),
        (["sweep", "prisoners_dilemma", "--grid", "T"], "NAME=VALUE"),
        (
            ["sweep", "prisoners_dilemma", "--grid", "T=5,6", "--out", "x.xlsx"],
            ".parquet, .csv or .jsonl",
        ),
    ],
)
def test_sweep_errors_are_one_line(capsys, argv, message):
    assert main([*argv, "--backend", "serial"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stratgame: error:") and message in err
    assert err.count("\n") == 1
