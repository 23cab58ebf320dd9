"""A griffe extension for the documentation site: the Sphinx markup inside
stratgame's numpydoc docstrings, rewritten as the Markdown that mkdocstrings
renders.

- ``:math:`x``` becomes ``\\(x\\)`` and a ``.. math::`` block becomes
  ``\\[ ... \\]`` (typeset by MathJax through pymdownx.arithmatex);
- cross-reference roles (``:class:`~stratgame.games.NormalFormGame```,
  ``:func:`solve```, ...) become inline code of the name, its last component
  when the target starts with ``~`` as in Sphinx.

The docstrings themselves are left as they are in the source: this only
changes what the site shows.
"""

from __future__ import annotations

import re

import griffe

__all__ = ["SphinxMarkupToMarkdown", "to_markdown"]

_MATH_ROLE = re.compile(r":math:`([^`]+)`")
_XREF_ROLE = re.compile(
    r":(?:py:)?(?:class|func|meth|attr|mod|data|obj|exc):`(~?)([^`]+)`"
)


def _xref(match: re.Match) -> str:
    target = match.group(2).strip()
    if match.group(1):
        target = target.split(".")[-1]
    return f"`{target}`"


def _math_blocks(text: str) -> str:
    """``.. math::`` and its indented body -> a ``\\[ ... \\]`` display."""
    lines = text.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        stripped = line.lstrip()
        if not stripped.startswith(".. math::"):
            out.append(line)
            k += 1
            continue
        indent = line[: len(line) - len(stripped)]
        body = [stripped[len(".. math::") :].strip()]
        k += 1
        while k < len(lines) and (
            not lines[k].strip() or len(lines[k]) - len(lines[k].lstrip()) > len(indent)
        ):
            body.append(lines[k].strip())
            k += 1
        equation = "\n".join(indent + b for b in body if b)
        out += [f"{indent}\\[", equation, f"{indent}\\]", ""]
    return "\n".join(out)


def to_markdown(text: str) -> str:
    """The docstring ``text`` with Sphinx math and roles made Markdown.

    Examples
    --------
    >>> to_markdown("A :class:`~stratgame.games.NormalFormGame` with :math:`n` players.")
    'A `NormalFormGame` with \\\\(n\\\\) players.'
    """
    text = _math_blocks(text)
    text = _MATH_ROLE.sub(lambda m: f"\\({m.group(1)}\\)", text)
    return _XREF_ROLE.sub(_xref, text)


class SphinxMarkupToMarkdown(griffe.Extension):
    """Rewrite every docstring once the object tree is loaded."""

    def on_object(self, *, obj, **kwargs) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
