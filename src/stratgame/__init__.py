"""stratgame: the strategic games of technology competition.

Build games from named actors and parameters, find and certify their
equilibria, and study how play evolves.

Examples
--------
>>> import stratgame as sg
>>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> sg.solve(g, method="pure").equilibria[0].payoffs
array([1., 1.])
"""

from . import exceptions
from ._version import __version__
from .exceptions import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidProfileError,
    NfgParseError,
    StratgameError,
)
from .games import NormalFormGame
from .solvers import Equilibrium, EquilibriumResult, solve

__all__ = [
    "DegenerateGameWarning",
    "Equilibrium",
    "EquilibriumResult",
    "InvalidGameError",
    "InvalidProfileError",
    "NfgParseError",
    "NormalFormGame",
    "StratgameError",
    "__version__",
    "exceptions",
    "solve",
]
