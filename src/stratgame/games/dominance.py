"""Dominated actions and their iterated elimination.

An action ``a`` of player ``i`` is *strictly dominated* by a (pure or mixed)
strategy ``sigma`` when ``sigma`` earns strictly more than ``a`` against every
profile of the others; *weakly dominated* when it earns at least as much
everywhere and strictly more somewhere. Dominance by mixed strategies is
decided by a linear program (e.g. Myerson 1991, Section 3.1; Fudenberg &
Tirole 1991, Section 2.1).
"""

from __future__ import annotations

import numpy as np

__all__ = ["dominated_actions", "iterated_elimination"]

_LP_TOL = 1e-9


def _rows(game, player: int) -> np.ndarray:
    """Player ``player``'s payoffs as a matrix: one row per own action, one
    column per profile of the others."""
    u = np.moveaxis(game.payoff_arrays[player], player, 0)
    return u.reshape(u.shape[0], -1)


def _pure_dominated(rows: np.ndarray, strict: bool, atol: float) -> list[int]:
    out = []
    for a in range(rows.shape[0]):
        for b in range(rows.shape[0]):
            if a == b:
                continue
            diff = rows[b] - rows[a]
            if strict:
                dominated = all(d > atol for d in diff)
            else:
                dominated = all(d >= -atol for d in diff) and any(
                    d > atol for d in diff
                )
            if dominated:
                out.append(a)
                break
    return out


def _mixed_dominated(rows: np.ndarray, a: int, strict: bool, scale: float) -> bool:
    """Is row ``a`` dominated by a mixture of the other rows? One LP.

    Strict: maximize eps s.t. sum_b s_b u_b(c) >= u_a(c) + eps for all c.
    Weak: maximize sum_c (sum_b s_b u_b(c) - u_a(c)) s.t. every term >= 0.
    """
    from scipy.optimize import linprog

    others = np.delete(rows, a, axis=0).astype(np.float64)
    target = rows[a].astype(np.float64)
    k, n_cols = others.shape
    if k == 0:
        return False
    tol = _LP_TOL * max(scale, 1.0)
    if strict:
        # variables: s (k), eps; minimize -eps
        c = np.zeros(k + 1)
        c[-1] = -1.0
        a_ub = np.hstack([-others.T, np.ones((n_cols, 1))])
        b_ub = -target
        a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, 2 * max(scale, 1.0))]
        res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds)
        return bool(res.status == 0 and -res.fun > tol)
    c = -others.sum(axis=1)
    res = linprog(
        c,
        A_ub=-others.T,
        b_ub=-target + tol,
        A_eq=np.ones((1, k)),
        b_eq=[1.0],
        bounds=[(0, None)] * k,
    )
    return bool(res.status == 0 and -res.fun - target.sum() > tol * n_cols)


def dominated_actions(
    game, player: int, strict: bool = True, mixed: bool = False
) -> list[int]:
    """The actions of ``player`` that another strategy dominates.

    Parameters
    ----------
    game : NormalFormGame
    player : int
    strict : bool
        Strict dominance (``True``) or weak dominance (``False``).
    mixed : bool
        Also look for domination by mixed strategies (one LP per action,
        solved with HiGHS in floating point, tolerance ``1e-9 * payoff_scale``).
        Pure dominance is checked exactly for exact games.

    Returns
    -------
    list of int
        Indices of dominated actions, ascending.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]],
    ...                                     [[0, 0], [0, 0], [0, 0]])
    >>> dominated_actions(g, 0)
    []
    >>> dominated_actions(g, 0, mixed=True)   # 1/2 top + 1/2 middle beats bottom
    [2]
    """
    rows = _rows(game, player)
    atol = 0 if game.is_exact else 1e-12 * game.payoff_scale
    found = set(_pure_dominated(rows, strict, atol))
    if mixed and rows.shape[0] > 2:
        for a in range(rows.shape[0]):
            if a not in found and _mixed_dominated(rows, a, strict, game.payoff_scale):
                found.add(a)
    return sorted(found)


def _subgame(game, kept: list[list[int]]):
    index = np.ix_(*kept)
    return type(game)(
        [u[index] for u in game.payoff_arrays],
        players=game.players,
        actions=[[game.actions[i][a] for a in keep] for i, keep in enumerate(kept)],
        title=game.title,
    )


def iterated_elimination(game, strict: bool = True, mixed: bool = True):
    """Remove dominated actions round after round until none is left.

    In each round every player's dominated actions (against what is left of
    the others) are removed together; one action per player always remains.
    For strict dominance the result does not depend on the order of removal;
    for weak dominance it can, and this simultaneous order is the one used.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool
        Strict (default) or weak dominance.
    mixed : bool
        Allow domination by mixed strategies (default True).

    Returns
    -------
    reduced : NormalFormGame
        The game restricted to the surviving actions, with their labels.
    kept : tuple of tuple of int
        For each player, the indices (in ``game``) of the surviving actions.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> reduced, kept = iterated_elimination(pd)
    >>> kept
    ((1,), (1,))
    """
    kept = [list(range(n)) for n in game.shape]
    current = game
    while True:
        removed = False
        drop = [
            dominated_actions(current, i, strict, mixed) for i in range(game.n_players)
        ]
        for i, d in enumerate(drop):
            if d and len(d) < len(kept[i]):
                kept[i] = [a for k, a in enumerate(kept[i]) if k not in d]
                removed = True
        if not removed:
            break
        current = _subgame(game, kept)
    return current, tuple(tuple(k) for k in kept)
