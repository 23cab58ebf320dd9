"""All pure-strategy Nash equilibria of an N-player game, vectorized.

A profile is an equilibrium when every player's payoff there is the maximum of
its payoff array along its own axis; one ``max`` per player and a logical AND
over players find them all at once.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .results import Equilibrium, EquilibriumResult

__all__ = ["pure_equilibria", "pure_nash_mask"]


def _axis_max(u: np.ndarray, axis: int) -> np.ndarray:
    """``u.max(axis=axis, keepdims=True)``, as one elementwise ``maximum`` per
    action: numpy's reduction over a short inner axis is many times slower
    than these contiguous passes."""
    if u.dtype == object:
        return u.max(axis=axis, keepdims=True)
    index = [slice(None)] * u.ndim
    index[axis] = slice(0, 1)
    best = u[tuple(index)].copy()
    for k in range(1, u.shape[axis]):
        index[axis] = slice(k, k + 1)
        np.maximum(best, u[tuple(index)], out=best)
    return best


def _mask_and_bests(game, tol: float):
    atol = 0 if game.is_exact else tol * game.payoff_scale
    mask = None
    bests = []
    for i, u in enumerate(game.payoff_arrays):
        best = _axis_max(u, i)
        bests.append(best)
        ok = np.asarray(u >= best - atol if atol else u >= best, dtype=bool)
        if mask is None:
            mask = ok
        else:
            mask &= ok
    return mask, bests


def pure_nash_mask(game, tol: float = 1e-12) -> np.ndarray:
    """A boolean array of shape ``game.shape``: True at pure Nash equilibria.

    For exact games the comparison is exact; for float games a payoff within
    ``tol * game.payoff_scale`` of the best counts as a best response.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_nash_mask(g)
    array([[ True, False],
           [False,  True]])
    """
    return _mask_and_bests(game, tol)[0]


def pure_equilibria(game, tol: float = 1e-12) -> EquilibriumResult:
    """Every pure-strategy Nash equilibrium of ``game``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float
        For float games, payoffs within ``tol * game.payoff_scale`` of a
        player's best count as best responses. Exact games compare exactly.

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
    mask, bests = _mask_and_bests(game, tol)
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
        exact = None
        if game.is_exact:
            exact = tuple(
                tuple(Fraction(int(k == a)) for k in range(n))
                for n, a in zip(game.shape, index, strict=True)
            )
        equilibria.append(
            Equilibrium(
                strategies=strategies,
                payoffs=np.array([float(p) for p in payoffs]),
                regret=max(float(regret), 0.0),
                exact=exact,
            )
        )
    return EquilibriumResult(
        equilibria=tuple(equilibria), method="pure", complete=True, game=game
    )
