"""Getting a matplotlib Axes without touching global state more than needed."""

from __future__ import annotations

from .._optional import require

__all__ = ["matplotlib_module", "new_axes", "readable", "save_figure"]


def matplotlib_module(name: str = "matplotlib"):
    """Import a matplotlib module, or say that ``stratgame.viz`` needs the
    ``viz`` extra (a :class:`~stratgame.exceptions.MissingDependencyError`)."""
    return require(name, "stratgame.viz (figures)")


# Checked when stratgame.viz is first imported, so that a missing matplotlib
# is reported before any figure's data is computed.
matplotlib_module()


def readable(name: str) -> str:
    """A parameter's name as an axis label: words, not an identifier. A name
    with a one-letter part (``p_risk``, ``c_1``) is taken for a symbol with
    a subscript and kept.

    Examples
    --------
    >>> readable("us_licensing"), readable("p_risk"), readable("T")
    ('us licensing', 'p_risk', 'T')
    """
    name = str(name)
    parts = name.split("_")
    if len(parts) > 1 and all(len(part) > 1 for part in parts):
        return " ".join(parts)
    return name


def new_axes(ax=None, figsize=(5, 4)):
    """Return ``(figure, ax)``: the given Axes and its figure, or a new pair.

    matplotlib is imported here, never at ``import stratgame``; new figures
    come from pyplot so that notebooks display them, and the caller decides
    whether to show or save them (no function here calls ``plt.show()``).
    """
    if ax is not None:
        return ax.figure, ax
    plt = matplotlib_module("matplotlib.pyplot")

    figure, ax = plt.subplots(figsize=figsize)
    return figure, ax


def save_figure(ax, path, dpi: int = 120):
    """Save the figure of ``ax`` (an Axes or a Figure) to ``path`` and close
    it, so that scripts drawing many figures do not keep them all open.

    Returns the path.
    """
    plt = matplotlib_module("matplotlib.pyplot")

    figure = getattr(ax, "figure", ax)
    figure.tight_layout()
    figure.savefig(path, dpi=dpi, bbox_inches="tight")  # legends outside too
    plt.close(figure)
    return path
