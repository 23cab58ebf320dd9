"""Game representations: normal-form, continuous, sequential and stochastic
games; their payoffs, best responses, regret, Nash verification and
dominance."""

from .continuous import ContinuousGame
from .normal_form import NormalFormGame
from .polymatrix import PolymatrixGame
from .sequential import (
    Chance,
    ContinuousDecision,
    Decision,
    SequentialGame,
    SimultaneousMove,
    Terminal,
)
from .stochastic import StochasticGame, random_stochastic_game

__all__ = [
    "Chance",
    "ContinuousDecision",
    "ContinuousGame",
    "Decision",
    "NormalFormGame",
    "PolymatrixGame",
    "SequentialGame",
    "SimultaneousMove",
    "StochasticGame",
    "Terminal",
    "random_stochastic_game",
]
