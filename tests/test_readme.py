"""Every command of the README runs as written in a fresh clone: the quick
start's Python and the command-line examples (from a folder of their own)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from stratgame import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(), re.DOTALL)


def _commands() -> list[list[str]]:
    commands = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "stratgame":
                commands.append(words)
    return commands


def test_the_readme_has_commands():
    assert len(_commands()) >= 4
    assert len(_blocks("python")) >= 1


def test_quick_start_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (code,) = _blocks("python")
    exec(compile(code, str(README), "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "enumerate True" in out  # res.method, res.complete
    assert "((1,), (1,))" in out  # racing survives elimination
    assert "prisoner's dilemma" in out  # the sweep's classification


@pytest.mark.parametrize("argv", _commands(), ids=" ".join)
def test_command_line_examples_run(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # nothing but the package itself
    monkeypatch.setenv("STRATGAME_QUICK", "1")  # the demo at a small size
    status = cli.main(argv[1:])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert captured.err == ""
    assert captured.out.strip()
