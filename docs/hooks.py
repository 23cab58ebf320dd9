"""mkdocs hook: draw the pictures of ``figures.md`` while the site builds.

The page's ``pycon`` code blocks run in order in one namespace (the same code
the test suite runs as a doctest); after each block, every image the page
shows before the next block, ``![...](figures/NAME.png)``, is the figure of
the Axes ``ax`` that the block drew. The PNGs are added to the site as
generated files, so the pictures always show what the current code draws
and nothing generated is kept in the repository.
"""

from __future__ import annotations

import doctest
import io
import re
from pathlib import Path

from mkdocs.structure.files import File

__all__ = ["draw_figures", "on_files"]

PAGE = "figures.md"
_CODE_BLOCK = re.compile(r"```pycon\n(.*?)```", re.DOTALL)
_IMAGE = re.compile(r"\]\((figures/[\w-]+\.png)\)")


def draw_figures(markdown: str) -> dict[str, bytes]:
    """Run the page's code and return ``{image path: PNG bytes}``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    parser = doctest.DocTestParser()
    namespace: dict = {}
    pictures = {}
    blocks = list(_CODE_BLOCK.finditer(markdown))
    for k, block in enumerate(blocks):
        for example in parser.get_examples(block.group(1)):
            exec(compile(example.source, PAGE, "exec"), namespace)
        following = blocks[k + 1].start() if k + 1 < len(blocks) else len(markdown)
        for name in _IMAGE.findall(markdown[block.end() : following]):
            buffer = io.BytesIO()
            namespace["ax"].figure.savefig(
                buffer, format="png", dpi=90, bbox_inches="tight"
            )
            pictures[name] = buffer.getvalue()
        plt.close("all")
    return pictures


def on_files(files, config):
    """Add the drawn figures to the site's files (an mkdocs event)."""
    page = Path(config["docs_dir"]) / PAGE
    for name, png in draw_figures(page.read_text(encoding="utf-8")).items():
        files.append(File.generated(config, name, content=png))
    return files
