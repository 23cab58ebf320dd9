"""Pure best responses over whole payoff arrays: which action profiles are
pure Nash equilibria, vectorized over all profiles at once.

A profile is an equilibrium when every player's payoff there is the maximum of
its payoff array along its own axis; one maximum per player and a logical AND
over players find them all.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_real

__all__ = ["best_payoffs_and_nash_mask", "pure_nash_mask"]


def axis_max(u: np.ndarray, axis: int) -> np.ndarray:
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


def best_payoffs_and_nash_mask(game, tol: float = 1e-12):
    """The pure-equilibrium mask and, per player, its best payoff against each
    profile of the others (kept as an axis of length 1).

    See :func:`pure_nash_mask` for the tolerance.
    """
    tol = check_real(tol, "tol", "pure_equilibria", low=0, high=1e-2)
    mask = None
    bests = []
    for u, best in zip(game.payoff_arrays, game.best_payoffs, strict=True):
        bests.append(best)
        ok = np.asarray(_best_responses(u, best, 0 if game.is_exact else tol))
        if mask is None:
            mask = ok
        else:
            mask &= ok
    return mask, bests


def _best_responses(u, best, tol: float):
    """Where ``u`` is within ``tol`` times its range of ``best``: compared on
    halves when the range itself overflows (payoffs near +-1.8e308), so an
    infinite tolerance never makes every action a best response."""
    if not tol:
        return u >= best
    spread = float(np.max(u)) - float(np.min(u))
    if np.isfinite(spread):
        return u >= best - tol * spread
    half_spread = float(np.max(u)) / 2 - float(np.min(u)) / 2
    return u / 2 >= best / 2 - tol * half_spread


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
    return best_payoffs_and_nash_mask(game, tol)[0]
