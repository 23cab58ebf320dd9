"""Optional dependencies: one place that imports them and, when one is
missing, says which extra installs it.

Every lazy import of an optional package (pandas, pyarrow, tqdm, matplotlib,
dask, pygambit) goes through :func:`require` or :func:`optional`, and the
features that need one call :func:`require` *before* they start any work, so
that a missing package costs nothing but a one-line message.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .exceptions import MissingDependencyError

__all__ = ["EXTRAS", "install_hint", "optional", "require"]

#: The distribution and the stratgame extra that provide each optional module.
EXTRAS = {
    "pandas": ("pandas", "analysis"),
    "pyarrow": ("pyarrow", "analysis"),
    "tqdm": ("tqdm", "analysis"),
    "matplotlib": ("matplotlib", "viz"),
    "dask": ("dask", "dask"),
    "distributed": ("dask[distributed]", "dask"),
    "pygambit": ("pygambit", "gambit"),
    "axelrod": ("axelrod", "peers"),
    "quantecon": ("quantecon", "peers"),
    "mpmath": ("mpmath", "exact"),
}


def install_hint(module: str) -> str:
    """The pip command that installs what ``module`` needs.

    Examples
    --------
    >>> install_hint("matplotlib.pyplot")
    "pip install 'stratgame[viz]'"
    """
    root = module.partition(".")[0]
    if root not in EXTRAS:
        return f"pip install {root}"
    return f"pip install 'stratgame[{EXTRAS[root][1]}]'"


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` (e.g. ``"matplotlib.pyplot"``), or raise a
    :class:`~stratgame.exceptions.MissingDependencyError` naming the feature
    that needs it and the extra that installs it.

    Parameters
    ----------
    module : str
        The dotted module name.
    feature : str
        What needs it, in words (``"sweep()"``, ``"stratgame.viz"``).

    Returns
    -------
    module

    Raises
    ------
    MissingDependencyError
        An ``ImportError`` (and a ``StratgameError``) when the module cannot be
        imported.

    Examples
    --------
    >>> require("math", "arithmetic").sqrt(4.0)
    2.0
    >>> require("no_such_module_xyz", "a test")
    Traceback (most recent call last):
    ...
    stratgame.exceptions.MissingDependencyError: a test needs no_such_module_xyz, which is not installed: pip install no_such_module_xyz
    """
    try:
        return import_module(module)
    except ImportError as error:
        root = module.partition(".")[0]
        package = EXTRAS.get(root, (root, None))[0]
        missing = getattr(error, "name", None)
        if missing is not None and missing.partition(".")[0] == root:
            reason = "which is not installed"
        else:  # installed, but it (or one of its own dependencies) is broken
            reason = f"which failed to import ({error})"
        raise MissingDependencyError(
            f"{feature} needs {package}, {reason}: {install_hint(module)}",
            name=module,
        ) from error


def optional(module: str) -> ModuleType | None:
    """Import ``module`` if it is installed, else return None (for packages
    that only add a convenience, such as tqdm's progress bars).

    Examples
    --------
    >>> optional("no_such_module_xyz") is None
    True
    >>> optional("math").pi > 3
    True
    """
    try:
        return import_module(module)
    except ImportError:
        return None
