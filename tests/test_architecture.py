"""The layering of DESIGN.md: imports point down the list of layers only, and
heavy or optional libraries stay where DESIGN.md puts them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "stratgame"

# Lower number = lower layer. A module may import its own layer and lower ones.
LAYERS = {
    "exceptions": 0,
    "_validation": 0,
    "_resources": 0,
    "_version": 0,
    "_optional": 0,
    "_display": 0,
    "data": 0,
    "games": 1,
    "io": 2,
    "solvers": 3,
    "dynamics": 4,
    "repeated": 5,
    "ecosystem": 6,
    "models": 7,
    "analysis": 8,
    "viz": 9,
    "cli": 10,
    "demo": 10,
}

# Third-party libraries and the layers allowed to import them.
RESTRICTED = {
    "networkx": {"ecosystem", "viz"},
    "cvxpy": {"solvers", "io"},
    "nashpy": {"solvers", "io"},
    "matplotlib": {"viz"},
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",) or parts == ("__main__",):
            continue  # the package facade re-exports every layer
        yield path, parts


def imported_names(path: Path, parts: tuple[str, ...]):
    """Absolute dotted names imported by a module (relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ["stratgame", *parts[:-1]]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
                if node.module is None:
                    for alias in node.names:
                        yield f"{name}.{alias.name}", node.lineno
                    continue
            else:
                name = node.module
            yield name, node.lineno


def layer_of(dotted: str):
    parts = dotted.split(".")
    if parts[0] != "stratgame" or len(parts) < 2:
        return None
    return parts[1]


MODULES = list(modules())


@pytest.mark.parametrize(("path", "parts"), MODULES, ids=[str(p[1]) for p in MODULES])
def test_imports_point_down(path, parts):
    own = parts[0]
    assert own in LAYERS, f"{path} is in no layer of DESIGN.md; add it to LAYERS"
    wrong = []
    for name, line in imported_names(path, parts):
        target = layer_of(name)
        if target is not None and target in LAYERS and LAYERS[target] > LAYERS[own]:
            wrong.append(f"line {line}: {own} imports {name} (a higher layer)")
        library = name.split(".")[0]
        if library in RESTRICTED and own not in RESTRICTED[library]:
            wrong.append(f"line {line}: {own} imports {library}")
    assert not wrong, "\n".join(wrong)


def test_import_stratgame_is_light():
    heavy = ["cvxpy", "networkx", "matplotlib", "pandas", "dask", "nashpy", "numba"]
    code = (
        "import sys, stratgame\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "", f"import stratgame imported {out.stdout.strip()}"
