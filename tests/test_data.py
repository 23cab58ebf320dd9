"""The games shipped in stratgame.data: readable, exact round trips, and
what each one's comment says it shows."""

from __future__ import annotations

import pytest

import stratgame as sg
from stratgame.cli import main
from stratgame.io import parse_nfg, write_nfg


@pytest.mark.parametrize("name", sg.data.names())
def test_each_shipped_game_reads_and_round_trips(name):
    parsed = parse_nfg(sg.data.path(name))
    assert parsed.comment, f"{name}.nfg should say what it shows"
    game = parsed.game
    assert game.is_exact and game.title
    assert sg.read_nfg(write_nfg(game)) == game


def test_the_games_show_what_they_say():
    race = sg.read_nfg(sg.data.path("safety_race"))
    (eq,) = sg.solve(race, method="pure").equilibria
    assert [race.actions[i][s[0]] for i, s in enumerate(eq.support)] == ["race"] * 2
    audit = sg.read_nfg(sg.data.path("audit.nfg"))
    assert sg.solve(audit, method="pure").equilibria == ()
    degenerate = sg.read_nfg(sg.data.path("export_controls"))
    assert degenerate.is_degenerate()
    with pytest.warns(sg.DegenerateGameWarning):
        sg.solve(degenerate, method="support_enumeration")
    labs = sg.read_nfg(sg.data.path("three_labs"))
    assert labs.n_players == 3 and len(sg.solve(labs, method="pure").equilibria) == 2


def test_unknown_name_lists_the_games():
    with pytest.raises(KeyError, match="the games are audit, export_controls"):
        sg.data.path("deg2")


def test_the_command_line_solves_a_shipped_game_by_name(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["solve", "standards", "--method", "enumerate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Choosing a standard\n")
    assert "3 extreme equilibria, complete" in out
