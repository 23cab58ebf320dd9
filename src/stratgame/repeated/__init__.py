"""Repeated games: strategy automata, exact discounted payoffs, subgame
perfection, critical discount factors, minmax and folk-theorem regions,
equilibrium payoff sets, matches, tournaments and the Moran process."""

from .automaton import Automaton, InvalidAutomatonError
from .game import RepeatedGame
from .results import Deviation, DeviationCheck, DiscountRange
from .strategies import (
    alternator,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    grim_trigger_profile,
    random_strategy,
    suspicious_tit_for_tat,
    tit_for_tat,
    tit_for_two_tats,
    win_stay_lose_shift,
)

__all__ = [
    "Automaton",
    "Deviation",
    "DeviationCheck",
    "DiscountRange",
    "InvalidAutomatonError",
    "RepeatedGame",
    "alternator",
    "always_cooperate",
    "always_defect",
    "generous_tit_for_tat",
    "grim_trigger",
    "grim_trigger_profile",
    "random_strategy",
    "suspicious_tit_for_tat",
    "tit_for_tat",
    "tit_for_two_tats",
    "win_stay_lose_shift",
]
