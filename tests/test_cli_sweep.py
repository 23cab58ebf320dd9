"""The `stratgame models` and `stratgame sweep` commands."""

import json
import os

import numpy as np
import pandas as pd
import pytest

import stratgame as sg
from stratgame.cli import main
from stratgame.models import MODELS


def test_models_lists_every_model_with_parameters_and_a_description(capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.split("(")[0] in MODELS for line in out) == len(MODELS)
    k = out.index("prisoners_dilemma(T=5, R=3, P=1, S=0)")
    assert out[k + 1].startswith("    The prisoner's dilemma: temptation T >")
    assert "dsair(b=4, c=1, s=3/2, p_risk=1/2, B=10000, W=100)" in out
    assert max(map(len, out)) <= 79


def test_models_explains_one_model(capsys):
    assert main(["models", "openness_game"]) == 0
    out = capsys.readouterr().out
    assert "Two labs choose open or closed weights." in out
    assert (
        "  licensing = (6, 2)  (pair of float)\n      L_i >= 0: licensing (API)" in out
    )
    assert "erosion = 1/2  (float)\n      e in [0, 1]: the share" in out
    assert "--grid 'licensing[0]=lo:hi:n'" in out
    # Each entry of a numpydoc line naming several parameters gets its text.
    assert main(["models", "adoption_race"]) == 0
    out = capsys.readouterr().out
    assert out.count("Bass coefficients of each lab's diffusion") == 2


def test_unknown_models_get_a_suggestion(capsys):
    assert main(["models", "opennes_game"]) == 2
    assert "did you mean 'openness_game'?" in capsys.readouterr().err


def test_sweep_one_component_of_a_pair(tmp_path, capsys):
    from stratgame.models import OpennessGame

    out = tmp_path / "rows.csv"
    argv = ["sweep", "openness_game", "--grid", "licensing[0]=1:8:3"]
    argv += ["--fixed", "licensing[1]=5", "--method", "pure", "--out", str(out)]
    assert main([*argv, "--backend", "serial"]) == 0
    rows = pd.read_csv(out)
    assert list(rows.drop_duplicates("point")["licensing[0]"]) == [1.0, 4.5, 8.0]
    for point, first in enumerate([1.0, 4.5, 8.0]):
        game = OpennessGame(licensing=(first, 5)).game()
        found = rows.loc[rows["point"] == point, "strategies"]
        assert len(found) == len(sg.solve(game, method="pure").equilibria)
        for text in found:
            assert game.is_nash(tuple(np.array(s) for s in json.loads(text)))


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ("licensing=1:8:3", "'licensing' of 'openness_game' is a sequence"),
        ("licensing[2]=1:8:3", "'licensing' has 2 components (it is [6, 2]); k must"),
        ("market[0]=1:8:3", "'market' is not a sequence"),
        ("licensing[-1]=1:8:3", "name[k] for component k (a whole number from 0)"),
        ("share[0]=1:8:3", "has no parameter 'share'"),
    ],
)
def test_bad_components_are_refused_before_the_sweep(no_sweep, capsys, grid, message):
    assert main(["sweep", "openness_game", "--grid", grid]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stratgame: error:") and message in err
    assert err.count("\n") == 1


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
    # sweep records the error, goes on, and exits 1 after the summary.
    code = main(
        ["sweep", "prisoners_dilemma", "--grid", "T=2,5", "--backend", "serial"]
    )
    assert code == 1
    captured = capsys.readouterr()
    out = captured.out
    assert "2 points, 2 rows, 1 failed" in out and "first failure, point 0" in out
    assert captured.err == (
        "stratgame: error: 1 of 2 points failed (write the rows with --out to see "
        "every error); pass --allow-failures to exit 0 all the same\n"
    )


def test_failures_name_the_file_holding_the_errors(tmp_path, capsys):
    out = tmp_path / "rows.csv"
    argv = ["sweep", "prisoners_dilemma", "--grid", "T=2,5", "--backend", "serial"]
    assert main([*argv, "--fixed", "R=abc", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (
        f"2 of 2 points failed (their errors are in the 'error' column of {out})" in err
    )
    assert pd.read_csv(out)["error"].notna().all()


def test_allow_failures_exits_zero(capsys):
    argv = ["sweep", "prisoners_dilemma", "--grid", "T=2,5", "--backend", "serial"]
    assert main([*argv, "--allow-failures"]) == 0
    captured = capsys.readouterr()
    assert "1 failed" in captured.out and captured.err == ""


@pytest.fixture
def no_sweep(monkeypatch):
    """Fail the test if the sweep itself runs: checks must come first."""
    import stratgame.analysis

    def refuse(*args, **kwargs):
        raise AssertionError("the sweep ran before the command line was checked")

    monkeypatch.setattr(stratgame.analysis, "sweep", refuse)


def _sweep_argv(*extra):
    argv = ["sweep", "prisoners_dilemma", "--grid", "T=4,5", "--backend", "serial"]
    return [*argv, *extra]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--resume"], "--resume needs --checkpoint PATH"),
        (["--out", "no/such/folder/rows.csv"], "does not exist; create it first"),
        (["--out", "rows.xlsx"], "--out must end in .parquet, .csv or .jsonl"),
    ],
)
def test_sweep_options_are_checked_before_the_sweep(
    no_sweep, tmp_path, monkeypatch, capsys, extra, message
):
    monkeypatch.chdir(tmp_path)
    assert main(_sweep_argv(*extra)) == 2
    err = capsys.readouterr().err
    assert err.startswith("stratgame: error:") and message in err
    assert err.count("\n") == 1


def test_existing_out_needs_force(tmp_path, capsys, monkeypatch):
    out = tmp_path / "rows.csv"
    out.write_text("precious\n")
    import stratgame.analysis

    real = stratgame.analysis.sweep
    monkeypatch.setattr(
        stratgame.analysis, "sweep", lambda *a, **k: pytest.fail("sweep ran")
    )
    assert main(_sweep_argv("--out", str(out))) == 2
    assert "the file exists; pass --force" in capsys.readouterr().err
    assert out.read_text() == "precious\n"
    monkeypatch.setattr(stratgame.analysis, "sweep", real)
    assert main(_sweep_argv("--out", str(out), "--force")) == 0
    assert list(pd.read_csv(out)["T"]) == [4, 5]


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ("T=0:1:100000000", "the count n must be from 1 to 1000000"),
        ("T=0:1:0", "the count n must be from 1 to"),
        ("T=nan:1:3", "lo and hi must be finite"),
        ("T=0:inf:3", "lo and hi must be finite"),
        ("T=1:2:3:4", "expected lo:hi:n"),
        ("T=1:2:x", "expected lo:hi:n"),
        ("T=,", "expected values a,b,c or lo:hi:n"),
    ],
)
def test_bad_grids_are_refused(no_sweep, capsys, grid, message):
    assert main(["sweep", "prisoners_dilemma", "--grid", grid]) == 2
    assert message in capsys.readouterr().err


def test_grid_product_is_bounded(no_sweep, capsys):
    argv = ["sweep", "prisoners_dilemma", "--grid", "T=4:5:1000", "--grid"]
    assert main([*argv, "R=1:2:1001"]) == 2
    assert "the grid has 1001000 points (1000 x 1001)" in capsys.readouterr().err


def test_extreme_grid_ends_give_finite_points():
    from stratgame.cli._sweep import _grid_values

    assert _grid_values("T", "1e308:-1e308:3") == [1e308, 0.0, -1e308]
    values = _grid_values("T", "0:1:5")
    assert values == [0.0, 0.25, 0.5, 0.75, 1.0]


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


def test_checkpoints_on_the_command_line(tmp_path, capsys):
    from stratgame.analysis._checkpoint import Checkpoint

    path = tmp_path / "sweep.jsonl"
    argv = [*_sweep_argv("--checkpoint", str(path)), "--method", "pure"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main(argv) == 2
    assert "the file exists; pass --resume to continue" in capsys.readouterr().err
    assert main([*argv, "--resume"]) == 0
    assert capsys.readouterr().out == first
    # Another sweep holding the checkpoint: refused in one line, status 2.
    held = Checkpoint(tmp_path / "held.jsonl", "f", 2, entropy=1, resume=False)
    try:
        argv = _sweep_argv("--checkpoint", str(tmp_path / "held.jsonl"), "--resume")
        assert main(argv) == 2
    finally:
        held.close()
    err = capsys.readouterr().err
    assert "held.jsonl is in use by another sweep (process" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "extra",
    [["--fixed", "T=6"], ["--grid", "T=6,7"]],
)
def test_a_parameter_given_twice_is_refused(no_sweep, capsys, extra):
    assert main(_sweep_argv(*extra)) == 2
    assert "'T' is given twice" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_an_out_file_that_cannot_be_created_is_refused_first(no_sweep, capsys):
    assert main(_sweep_argv("--out", "/proc/rows.csv")) == 2
    assert "--out /proc/rows.csv: cannot write the file" in capsys.readouterr().err


def test_parameter_sections_are_read_to_their_end():
    from stratgame.cli._models import _docstring_parts

    def model(a=1, b=2, c=3):
        """A model.

        Parameters
        ----------
        a, b : int
            The ``a`` and :math:`b`
            of it.
        c
            Last.
        """

    summary, entries = _docstring_parts(model)
    assert summary == "A model."
    assert entries == {
        "a": ("int", "The a and b of it."),
        "b": ("int", "The a and b of it."),
        "c": ("", "Last."),
    }
