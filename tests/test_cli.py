"""The stratgame command: tables, JSON, errors in one line with status 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import stratgame as sg
from stratgame import cli
from stratgame.io import game_to_json
from stratgame.solvers import METHODS, EquilibriumResult
from stratgame.solvers.results import make_equilibrium

# Battle of the Sexes (Nau et al. 2004, section 3): pure equilibria
# (Top, Left) paying (3, 2) and (Bottom, Right) paying (2, 3).
BATTLE = """NFG 1 R "Battle of the Sexes" { "Alice" "Bob" }
{ { "Top" "Bottom" }
{ "Left" "Right" }
}
""

3 2 0 0 0 0 2 3
"""


@pytest.fixture
def battle(tmp_path) -> Path:
    path = tmp_path / "battle.nfg"
    path.write_text(BATTLE)
    return path


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_solve_prints_a_table_with_labels(capsys, battle):
    status, out, err = run(capsys, "solve", str(battle), "--method", "pure")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Battle of the Sexes"
    assert lines[1] == "2 players (2x2), method 'pure': 2 pure equilibria, complete"
    assert lines[3].split() == ["eq", "player", "strategy", "payoff", "regret"]
    assert [line.split() for line in lines[4:]] == [
        ["1", "Alice", "Top", "3", "0"],
        ["Bob", "Left", "2"],
        ["2", "Alice", "Bottom", "2", "0"],
        ["Bob", "Right", "3"],
    ]


def test_auto_reports_the_method_it_chose(capsys, battle):
    status, out, _ = run(capsys, "solve", str(battle), "--json")
    data = json.loads(out)
    assert status == 0
    assert data["method"] in METHODS
    game = sg.read_nfg(battle)
    for eq in data["equilibria"]:
        assert game.is_nash(eq["strategies"], tol=1e-6)


def test_solve_json_has_labels_and_the_result(capsys, battle):
    status, out, _ = run(capsys, "solve", str(battle), "--json", "--method", "pure")
    assert status == 0
    data = json.loads(out)
    assert data["players"] == ["Alice", "Bob"]
    assert data["actions"] == [["Top", "Bottom"], ["Left", "Right"]]
    assert data["method"] == "pure" and data["complete"] is True
    assert [eq["exact"] for eq in data["equilibria"]] == [
        [["1", "0"], ["1", "0"]],
        [["0", "1"], ["0", "1"]],
    ]
    assert [eq["payoffs"] for eq in data["equilibria"]] == [[3.0, 2.0], [2.0, 3.0]]


def test_json_game_files_and_standard_input(capsys, battle, tmp_path, monkeypatch):
    game = sg.read_nfg(battle)
    json_path = tmp_path / "battle.json"
    game_to_json(game, json_path)
    expected = run(capsys, "solve", str(battle))[1]
    assert run(capsys, "solve", str(json_path))[1] == expected
    for data in (BATTLE.encode(), game_to_json(game).encode()):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert run(capsys, "solve", "-")[1] == expected


def test_mixed_equilibria_show_probabilities(capsys, battle, monkeypatch):
    # Stand in for a solver: the completely mixed equilibrium of the Battle of
    # the Sexes, Alice (3/5, 2/5), Bob (2/5, 3/5), paying 6/5 to each.
    game = sg.read_nfg(battle)
    mixed = make_equilibrium(
        game,
        [[Fraction(3, 5), Fraction(2, 5)], [Fraction(2, 5), Fraction(3, 5)]],
        exact=True,
    )
    floats = make_equilibrium(game, [[0.6, 0.4], [0.4, 0.6]])
    # Round-off below 1e-12 is not part of the support.
    noisy = make_equilibrium(game, [[1.0, 1e-17], [1e-17, 1.0]])

    def fake_solve(g, method):
        return EquilibriumResult((mixed, floats, noisy), method="fake", complete=False)

    monkeypatch.setattr(cli, "solve", fake_solve)
    status, out, _ = run(capsys, "solve", str(battle))
    assert status == 0
    assert "method 'fake': 3 equilibria\n" in out
    rows = [line.split("  ") for line in out.splitlines()[4:]]
    cells = [[c.strip() for c in row if c.strip()] for row in rows]
    # Rounding noise in the regret (if any) is shown as 0; the data keep it.
    assert 0 <= floats.regret < 1e-12 and noisy.regret == 2
    assert cells == [
        ["1", "Alice", "Top 3/5, Bottom 2/5", "6/5", "0"],
        ["Bob", "Left 2/5, Right 3/5", "6/5"],
        ["2", "Alice", "Top 0.6, Bottom 0.4", "1.2", "0"],
        ["Bob", "Left 0.4, Right 0.6", "1.2"],
        ["3", "Alice", "Top", "0", "2"],  # payoffs of 5e-17: noise too
        ["Bob", "Right", "0"],
    ]


def test_no_equilibria(capsys, tmp_path):
    # Matching pennies has no pure equilibrium.
    path = tmp_path / "pennies.nfg"
    path.write_text('NFG 1 R "" { "1" "2" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
    status, out, _ = run(capsys, "solve", str(path), "--method", "pure")
    assert status == 0
    assert out == "2 players (2x2), method 'pure': 0 pure equilibria, complete\n"


def test_method_choices_follow_the_registry():
    parser = cli._argument_parser()
    solve_parser = parser._subparsers._group_actions[0].choices["solve"]
    (method,) = [a for a in solve_parser._actions if a.dest == "method"]
    assert set(method.choices) == {"auto", *METHODS}


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["play"], "invalid choice: 'play'"),
        (["solve"], "the following arguments are required: GAME"),
        (["solve", "{game}", "--method", "magic"], "invalid choice: 'magic'"),
        (["solve", "{game}", "--tol", "1"], "unrecognized arguments: --tol 1"),
        (["solve", "missing.nfg"], "missing.nfg: no such file"),
        (["solve", "{folder}"], "a directory"),
        (["solve", "{bad}"], "bad.nfg: line 3: expected payoff 4 of 4"),
        (["solve", "{binary}"], "binary.nfg' is not a Gambit .nfg file"),
        (["solve", "{badjson}"], "bad.json: expected a game in JSON"),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, tmp_path, argv, fragment):
    files = {
        "game": tmp_path / "game.nfg",
        "bad": tmp_path / "bad.nfg",
        "binary": tmp_path / "binary.nfg",
        "badjson": tmp_path / "bad.json",
        "folder": tmp_path,
    }
    files["game"].write_text(BATTLE)
    files["bad"].write_text('NFG 1 R "" { "1" "2" }\n{ 2 1 }\n1 2 3 x\n')
    files["binary"].write_bytes(b"\x89PNG\x00\xff")
    files["badjson"].write_text('{"payoffs": [')
    argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in argv]
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("stratgame: error: ") and err.endswith("\n")
    assert err.count("\n") == 1, err
    assert fragment in err


def test_help_and_version(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out == f"stratgame {sg.__version__}\n"
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "solve" in out
    status, out, _ = run(capsys, "solve", "--help")
    assert status == 0 and "--method" in out and "--json" in out


def test_console_script(battle, tmp_path):
    script = Path(sys.executable).parent / "stratgame"
    if not script.exists():
        pytest.skip(f"the stratgame console script is not installed at {script}")
    done = subprocess.run(
        [str(script), "solve", str(battle), "--json", "--method", "pure"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["equilibria"]) == 2
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "" { "1" }\n{ 1 }\n')
    done = subprocess.run(
        [str(script), "solve", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"stratgame: error: {bad}: line 3: expected the payoffs: numbers (payoff "
        "form), or '{' opening the list of outcomes (outcome form); found the end "
        "of the text"
    ]


def test_exact_payoffs_in_the_table(capsys, tmp_path):
    path = tmp_path / "halves.nfg"
    path.write_text('NFG 1 R "" { "1" "2" } { 1 1 } 1/2 -1.25')
    status, out, _ = run(capsys, "solve", str(path), "--method", "pure")
    assert status == 0
    assert [line.split() for line in out.splitlines()[-2:]] == [
        ["1", "1", "1", "1/2", "0"],
        ["2", "1", "-5/4"],
    ]


@pytest.mark.parametrize("module", ["stratgame", "stratgame.cli"])
def test_python_dash_m(module, battle):
    done = subprocess.run(
        [sys.executable, "-m", module, "solve", str(battle), "--method", "pure"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 pure equilibria, complete" in done.stdout


@pytest.mark.parametrize(
    ("error", "status", "line"),
    [
        (OverflowError("int too large"), 2, "OverflowError: int too large"),
        (RecursionError("too deep"), 2, "RecursionError: too deep"),
        (MemoryError(), 2, "out of memory"),
        (
            TypeError("a bug"),
            1,
            "unexpected TypeError: a bug (set STRATGAME_DEBUG=1 for the traceback, "
            "and please report it)",
        ),
    ],
)
def test_no_traceback_for_any_error(capsys, battle, monkeypatch, error, status, line):
    def broken(game, method):
        raise error

    monkeypatch.setattr(cli, "solve", broken)
    monkeypatch.delenv("STRATGAME_DEBUG", raising=False)
    assert cli.main(["solve", str(battle)]) == status
    assert capsys.readouterr().err == f"stratgame: error: {line}\n"


def test_debug_shows_the_traceback(battle, monkeypatch):
    def broken(game, method):
        raise TypeError("a bug")

    monkeypatch.setattr(cli, "solve", broken)
    monkeypatch.setenv("STRATGAME_DEBUG", "1")
    with pytest.raises(TypeError, match="a bug"):
        cli.main(["solve", str(battle)])


def test_interrupt_exits_130(capsys, battle, monkeypatch):
    def interrupted(game, method):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "solve", interrupted)
    assert cli.main(["solve", str(battle)]) == 130
    assert capsys.readouterr().err == "stratgame: interrupted\n"


def test_sample_points_of_a_continuum_are_not_counted_as_isolated(capsys, tmp_path):
    # Player 3 indifferent between "1" and "2" whatever happens: with the
    # others on (Top, Left) every mix of player 3 is an equilibrium, a
    # continuum beside no isolated equilibrium.
    u = np.zeros((3, 2, 2, 2))
    u[0, 0, :, :], u[1, :, 0, :] = 1, 1
    game = sg.NormalFormGame(list(u), players=("A", "B", "C"))
    path = tmp_path / "continuum.nfg"
    sg.write_nfg(game, path)
    status, out, err = run(capsys, "solve", str(path), "--method", "enumerate")
    assert status == 0, err
    result = sg.solve(game, method="enumerate")
    continua = result.details["continua"]
    assert continua and len(result.details["isolated"]) == 0
    headline = out.splitlines()[0]
    assert "0 isolated equilibria and 1 continuum (sampled at equilibria" in headline
    assert f"{len(result.equilibria)} isolated" not in headline
