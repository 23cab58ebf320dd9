"""Getting a matplotlib Axes without touching global state more than needed."""

from __future__ import annotations

__all__ = ["new_axes", "save_figure"]


def new_axes(ax=None, figsize=(5, 4)):
    """Return ``(figure, ax)``: the given Axes and its figure, or a new pair.

    matplotlib is imported here, never at ``import stratgame``; new figures
    come from pyplot so that notebooks display them, and the caller decides
    whether to show or save them (no function here calls ``plt.show()``).
    """
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=figsize)
    return figure, ax


def save_figure(ax, path, dpi: int = 120):
    """Save the figure of ``ax`` (an Axes or a Figure) to ``path`` and close
    it, so that scripts drawing many figures do not keep them all open.

    Returns the path.
    """
    import matplotlib.pyplot as plt

    figure = getattr(ax, "figure", ax)
    figure.tight_layout()
    figure.savefig(path, dpi=dpi)
    plt.close(figure)
    return path
