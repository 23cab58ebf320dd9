"""All pure-strategy Nash equilibria of an N-player game, vectorized (see
:mod:`stratgame.games.pure_best_responses`)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..exceptions import InvalidParameterError
from ..games.pure_best_responses import best_payoffs_and_nash_mask
from .results import Equilibrium, EquilibriumResult

__all__ = ["pure_equilibria"]


def pure_equilibria(
    game, tol: float = 1e-12, *, exact: bool = False
) -> EquilibriumResult:
    """Every pure-strategy Nash equilibrium of ``game``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float
        For float games, payoffs within ``tol`` times a player's own payoff
        range of that player's best count as best responses (a number in
        ``[0, 0.01]``). Exact games compare exactly.
    exact : bool
        Compare exactly whatever the payoffs (float payoffs bit for bit, no
        tolerance) and give each equilibrium its exact strategies.

    Returns
    -------
    EquilibriumResult
        ``complete=True``; each equilibrium carries its payoffs and regret, and
        for exact games its strategies as Fractions.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> res = sg.solve(g, method="pure")
    >>> [eq.support for eq in res.equilibria]
    [(array([1]), array([1]))]
    """
    if not isinstance(exact, bool | np.bool_):
        raise InvalidParameterError(f"exact must be True or False; got {exact!r}.")
    mask, bests = best_payoffs_and_nash_mask(game, 0.0 if exact else tol)
    arrays = game.payoff_arrays
    equilibria = []
    for profile in np.argwhere(mask):
        index = tuple(int(a) for a in profile)
        payoffs = [u[index] for u in arrays]
        regret = max(
            best[(*index[:i], 0, *index[i + 1 :])] - payoffs[i]
            for i, best in enumerate(bests)
        )
        strategies = tuple(
            np.eye(n, dtype=np.float64)[a]
            for n, a in zip(game.shape, index, strict=True)
        )
        exact_strategies = None
        if game.is_exact or exact:
            exact_strategies = tuple(
                tuple(Fraction(int(k == a)) for k in range(n))
                for n, a in zip(game.shape, index, strict=True)
            )
        equilibria.append(
            Equilibrium(
                strategies=strategies,
                payoffs=np.array([float(p) for p in payoffs]),
                regret=max(float(regret), 0.0),
                exact=exact_strategies,
            )
        )
    return EquilibriumResult(
        equilibria=tuple(equilibria), method="pure", complete=True, game=game
    )


def pure_any(game, *, tol: float = 1e-12, exact: bool = False, max_profiles=None):
    """``method="pure"`` for normal-form and stochastic games: every pure
    Nash equilibrium (:func:`pure_equilibria`), or every pure stationary
    equilibrium of a stochastic game
    (:func:`~stratgame.solvers.stochastic.solve_pure_stationary`, which
    ``max_profiles`` bounds).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> len(pure_any(g).equilibria)
    2
    """
    if type(game).__name__ == "StochasticGame":
        if exact:
            raise InvalidParameterError(
                "exact=True is for normal-form games; stochastic games are "
                "solved in floating point, certified by one-shot deviations."
            )
        from .stochastic import solve_pure_stationary

        options = {} if max_profiles is None else {"max_profiles": max_profiles}
        return solve_pure_stationary(game, tol=max(tol, 1e-9), **options)
    if max_profiles is not None:
        raise InvalidParameterError(
            "max_profiles bounds the pure stationary strategies of a stochastic "
            "game; a normal-form game takes no max_profiles."
        )
    return pure_equilibria(game, tol, exact=exact)
