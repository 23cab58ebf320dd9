"""Game representations: normal-form games, their payoffs, best responses,
regret, Nash verification and dominance."""

from .continuous import ContinuousGame
from .normal_form import NormalFormGame
from .sequential import (
    Chance,
    ContinuousDecision,
    Decision,
    SequentialGame,
    SimultaneousMove,
    Terminal,
)

__all__ = [
    "Chance",
    "ContinuousDecision",
    "ContinuousGame",
    "Decision",
    "NormalFormGame",
    "SequentialGame",
    "SimultaneousMove",
    "Terminal",
]
