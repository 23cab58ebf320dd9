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

from importlib import import_module

from . import exceptions
from ._version import __version__
from .exceptions import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidProfileError,
    NfgParseError,
    StratgameError,
)
from .games import (
    ContinuousGame,
    NormalFormGame,
    PolymatrixGame,
    SequentialGame,
    StochasticGame,
)
from .io import read_nfg, write_nfg
from .solvers import (
    Equilibrium,
    EquilibriumResult,
    correlated_equilibrium,
    logit_qre,
    solve,
    solve_batch,
    stackelberg,
)

__all__ = [
    "Automaton",
    "ContinuousGame",
    "DegenerateGameWarning",
    "Equilibrium",
    "EquilibriumResult",
    "InvalidGameError",
    "InvalidProfileError",
    "NfgParseError",
    "NormalFormGame",
    "PolymatrixGame",
    "RepeatedGame",
    "SequentialGame",
    "StochasticGame",
    "StratgameError",
    "__version__",
    "analysis",
    "correlated_equilibrium",
    "data",
    "dynamics",
    "ecosystem",
    "exceptions",
    "logit_qre",
    "models",
    "read_nfg",
    "repeated",
    "solve",
    "solve_batch",
    "stackelberg",
    "sweep",
    "viz",
    "write_nfg",
]

# The higher layers are imported on first use (``sg.dynamics``, ``sg.models``,
# ...), so that ``import stratgame`` stays light.
_LAZY_SUBPACKAGES = {
    "analysis",
    "data",
    "dynamics",
    "ecosystem",
    "models",
    "repeated",
    "viz",
}
_LAZY_NAMES = {"RepeatedGame": "repeated", "Automaton": "repeated", "sweep": "analysis"}


def __getattr__(name: str):
    if name in _LAZY_SUBPACKAGES:
        return import_module(f".{name}", __name__)
    if name in _LAZY_NAMES:
        return getattr(import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'stratgame' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY_SUBPACKAGES, *_LAZY_NAMES])
