"""Repeated games: strategy automata, exact discounted payoffs, subgame
perfection, critical discount factors, minmax and folk-theorem regions,
equilibrium payoff sets, matches, tournaments and the Moran process.

Examples
--------
>>> import stratgame as sg
>>> from stratgame.repeated import RepeatedGame, grim_trigger
>>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> RepeatedGame(pd, 0.9).discount_range((grim_trigger(),) * 2).critical_exact
Fraction(1, 2)
"""

from .automaton import Automaton, InvalidAutomatonError
from .closed_forms import (
    grim_trigger_threshold,
    prisoners_dilemma_payoffs,
    tit_for_tat_nash_threshold,
    tit_for_tat_spe_discount,
)
from .equilibrium_set import EquilibriumPayoffSet, equilibrium_payoffs
from .game import RepeatedGame
from .moran import (
    MoranResult,
    NegativeFitnessError,
    fixation_probability,
    moran_process,
)
from .payoff_sets import (
    MinmaxValues,
    PayoffRegion,
    feasible_set,
    individually_rational_set,
    minmax,
)
from .play import MatchResult, TournamentResult, match, tournament
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
    "EquilibriumPayoffSet",
    "InvalidAutomatonError",
    "MatchResult",
    "MinmaxValues",
    "MoranResult",
    "NegativeFitnessError",
    "PayoffRegion",
    "RepeatedGame",
    "TournamentResult",
    "alternator",
    "always_cooperate",
    "always_defect",
    "equilibrium_payoffs",
    "feasible_set",
    "fixation_probability",
    "generous_tit_for_tat",
    "grim_trigger",
    "grim_trigger_profile",
    "grim_trigger_threshold",
    "individually_rational_set",
    "match",
    "minmax",
    "moran_process",
    "prisoners_dilemma_payoffs",
    "random_strategy",
    "suspicious_tit_for_tat",
    "tit_for_tat",
    "tit_for_tat_nash_threshold",
    "tit_for_tat_spe_discount",
    "tit_for_two_tats",
    "tournament",
    "win_stay_lose_shift",
]
