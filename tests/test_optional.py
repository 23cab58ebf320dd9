"""Optional dependencies: a missing one is reported before any work, with the
extra that installs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import stratgame as sg
from stratgame._optional import install_hint, optional, require
from stratgame.cli import main
from stratgame.exceptions import MissingDependencyError, StratgameError


def test_require_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(MissingDependencyError) as caught:
        require("pandas", "sweep()")
    error = caught.value
    assert isinstance(error, ImportError) and isinstance(error, StratgameError)
    assert str(error) == (
        "sweep() needs pandas, which is not installed: "
        "pip install 'stratgame[analysis]'"
    )
    assert error.name == "pandas"


@pytest.mark.parametrize(
    ("module", "extra"),
    [
        ("pandas", "analysis"),
        ("pyarrow", "analysis"),
        ("tqdm.auto", "analysis"),
        ("matplotlib.pyplot", "viz"),
        ("distributed", "dask"),
        ("pygambit", "gambit"),
        ("axelrod", "peers"),
    ],
)
def test_every_optional_module_has_an_extra(module, extra):
    assert install_hint(module) == f"pip install 'stratgame[{extra}]'"


def test_extras_in_the_hints_exist_in_pyproject():
    tomllib = pytest.importorskip("tomllib")
    from pathlib import Path

    from stratgame._optional import EXTRAS

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]
    for package, extra in EXTRAS.values():
        assert extra in declared, f"extra {extra!r} is not in pyproject.toml"
        names = [spec.split(">")[0].split("[")[0] for spec in declared[extra]]
        assert package.split("[")[0] in names, (package, extra, declared[extra])


def test_optional_returns_none_when_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    assert optional("tqdm.auto") is None


def test_sweep_checks_pandas_before_building_any_game(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    built = []

    def builder(T):
        built.append(T)
        return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]])

    with pytest.raises(MissingDependencyError, match=r"stratgame\[analysis\]"):
        sg.sweep(builder, {"T": [1, 2, 3]}, solve="pure", backend="serial")
    assert built == []


def test_cli_sweep_without_pandas_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pandas", None)
    code = main(
        ["sweep", "prisoners_dilemma", "--grid", "T=4,5", "--backend", "serial"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "pip install 'stratgame[analysis]'" in err


def test_dask_backend_without_distributed(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    built = []

    def builder(T):
        built.append(T)
        return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]])

    with pytest.raises(MissingDependencyError, match=r"stratgame\[dask\]"):
        sg.sweep(builder, {"T": [1, 2]}, solve="pure", backend="dask")
    assert built == []


def test_to_pygambit_without_pygambit(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygambit", None)
    g = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(MissingDependencyError, match=r"stratgame\[gambit\]"):
        sg.io.to_pygambit(g)


def test_viz_without_matplotlib_fails_on_import():
    # A fresh interpreter, so that no matplotlib module is already loaded.
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import stratgame as sg\n"
        "try:\n"
        "    sg.viz\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, error)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("MissingDependencyError stratgame.viz (figures) needs")
    assert "pip install 'stratgame[viz]'" in out
