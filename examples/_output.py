"""The examples' command line: ``--out DIR``, the directory where each
example saves the figures it draws (default ``./out/``).

Figures need matplotlib (``pip install 'stratgame[viz]'``); without it an
example says so, draws nothing and still prints its conclusions.
"""

from __future__ import annotations

import argparse
from importlib.util import find_spec
from pathlib import Path

__all__ = ["can_draw", "out_dir", "save"]


def out_dir(doc: str | None) -> Path:
    """The ``--out`` directory given on the command line."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help="where to save the figures (default: ./out/)",
    )
    return parser.parse_args().out


def can_draw() -> bool:
    """Whether matplotlib is installed; says so when it is not."""
    if find_spec("matplotlib") is None:
        print("No figures: matplotlib is not installed (pip install 'stratgame[viz]').")
        return False
    return True


def save(ax, out: Path, name: str) -> None:
    """Save the figure of ``ax`` as ``out/name`` and say where it went."""
    from stratgame.viz import save_figure

    out.mkdir(parents=True, exist_ok=True)
    print(f"saved {save_figure(ax, out / name)}")
