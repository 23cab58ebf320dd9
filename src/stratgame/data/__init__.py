"""Small games shipped with stratgame, as Gambit ``.nfg`` files, so that
examples and the ``stratgame`` command work without any other file.

- ``safety_race``: two labs, safe or race: a prisoner's dilemma (one
  equilibrium);
- ``standards``: two labs choose an API standard: two pure equilibria and a
  mixed one;
- ``audit``: a regulator audits a lab: no pure equilibrium, one mixed;
- ``export_controls``: the US and China, 2x3 and degenerate: two segments of
  equilibria;
- ``three_labs``: three labs, open or closed weights: a three-player
  coordination game.

The games were written for stratgame (they are not copies of Gambit's
corpus); each file's comment says what it shows.

Examples
--------
>>> import stratgame as sg
>>> g = sg.read_nfg(sg.data.path("safety_race"))
>>> g.players, g.actions[0]
(('Lab A', 'Lab B'), ('safe', 'race'))
>>> "export_controls" in sg.data.names()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["names", "path"]


def names() -> list[str]:
    """The names of the shipped games, sorted.

    Examples
    --------
    >>> names()
    ['audit', 'export_controls', 'safety_race', 'standards', 'three_labs']
    """
    folder = files(__name__)
    return sorted(
        entry.name.removesuffix(".nfg")
        for entry in folder.iterdir()
        if entry.name.endswith(".nfg")
    )


def path(name: str) -> Path:
    """The path of the shipped game ``name`` (with or without ``.nfg``).

    Raises
    ------
    KeyError
        For a name that is not shipped; the message lists the names.

    Examples
    --------
    >>> path("audit").name
    'audit.nfg'
    """
    stem = str(name).removesuffix(".nfg")
    if stem not in names():
        raise KeyError(
            f"no game {name!r} is shipped with stratgame; the games are "
            f"{', '.join(names())}"
        )
    return Path(str(files(__name__) / f"{stem}.nfg"))
