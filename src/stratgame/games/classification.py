"""Naming the strategic structure of a game: prisoner's dilemma, coordination,
anti-coordination, dominance solvable, or no pure equilibrium.

The classes follow the usual textbook reading of 2x2 games (Rapoport & Guyer
1966; Robinson & Goforth 2005 give the full topology of 2x2 games); they are
computed from best responses and dominance, so they apply to larger games too
where the definitions make sense.
"""

from __future__ import annotations

import numpy as np

from .dominance import dominated_actions, iterated_elimination
from .pure_best_responses import pure_nash_mask

__all__ = ["REGIMES", "classify_game"]

#: The regime labels :func:`classify_game` returns, in a fixed order for plots.
REGIMES = (
    "prisoner's dilemma",
    "dominance solvable",
    "coordination",
    "anti-coordination",
    "no pure equilibrium",
    "other",
)


def _pure_profiles(game) -> list[tuple[int, ...]]:
    return [tuple(int(a) for a in p) for p in np.argwhere(pure_nash_mask(game))]


def _pareto_dominated(game, profile) -> bool:
    """Is there an outcome that every player strictly prefers to ``profile``?"""
    here = [u[profile] for u in game.payoff_arrays]
    better = np.ones(game.shape, dtype=bool)
    for u, value in zip(game.payoff_arrays, here, strict=True):
        better &= np.asarray(u > value, dtype=bool)
    return bool(better.any())


def classify_game(game) -> str:
    """The strategic class of a finite game, one of :data:`REGIMES`.

    - ``"prisoner's dilemma"``: every player has a strictly dominant action,
      and the profile they make is Pareto-dominated by some other outcome (a
      social dilemma).
    - ``"dominance solvable"``: iterated strict dominance leaves one profile,
      and that is not a prisoner's dilemma (some player needs the others'
      dominance to find its choice, or no outcome Pareto-dominates it).
    - ``"coordination"`` / ``"anti-coordination"``: a two-player game with
      several pure equilibria, all on the diagonal (players choose actions with
      the same index: stag hunt, battle of the sexes) or all off it (chicken,
      hawk-dove). This reads the action order, so it is meaningful when both
      players' actions correspond, as in symmetric games.
    - ``"no pure equilibrium"``: like matching pennies.
    - ``"other"``: anything else (e.g. a mix of diagonal and off-diagonal
      equilibria, or games with more players and several equilibria).

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> classify_game(pd)
    "prisoner's dilemma"
    >>> stag = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> classify_game(stag)
    'coordination'
    >>> classify_game(sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]))
    'no pure equilibrium'
    """
    _, kept = iterated_elimination(game, strict=True, mixed=True)
    if all(len(k) == 1 for k in kept):
        profile = tuple(k[0] for k in kept)
        dominant = all(
            len(dominated_actions(game, i, strict=True)) == n - 1
            for i, n in enumerate(game.shape)
        )
        if dominant and _pareto_dominated(game, profile):
            return "prisoner's dilemma"
        return "dominance solvable"
    equilibria = _pure_profiles(game)
    if not equilibria:
        return "no pure equilibrium"
    if game.n_players == 2 and len(equilibria) > 1:
        diagonal = [a == b for a, b in equilibria]
        if all(diagonal):
            return "coordination"
        if not any(diagonal):
            return "anti-coordination"
    return "other"
