"""How far a joint distribution of play is from correlated equilibrium.

A distribution ``z`` over action profiles is a correlated equilibrium
(Aumann 1974) when no player gains by replacing a recommended action ``j``
with another ``k``: ``sum_{a_-i} z(j, a_-i) (u_i(k, a_-i) - u_i(j, a_-i)) <= 0``
for every player ``i`` and pair ``j != k``. The empirical joint distribution
of regret matching approaches this set (Hart & Mas-Colell 2000). The constraints
themselves are :mod:`stratgame.games.correlated_constraints`.
"""

from __future__ import annotations

import numpy as np

from ..exceptions import InvalidProfileError
from ..games.correlated_constraints import incentive_matrix, max_incentive_gain
from ._populations import check_game

__all__ = [
    "coarse_correlated_regret",
    "correlated_distance",
    "correlated_regret",
]


def _check_joint(game, joint, owner: str) -> np.ndarray:
    check_game(game, owner)
    z = np.asarray(joint, dtype=np.float64)
    if z.shape != game.shape:
        raise InvalidProfileError(
            f"{owner}: a joint distribution over the game's action profiles has "
            f"shape {game.shape}; got shape {z.shape}."
        )
    if not np.all(np.isfinite(z)) or z.min() < -1e-12 or abs(z.sum() - 1) > 1e-8:
        raise InvalidProfileError(
            f"{owner}: the joint distribution must be nonnegative and sum to 1; "
            f"got smallest entry {z.min():g} and sum {z.sum():g}."
        )
    return z


def correlated_regret(game, joint) -> float:
    """The largest gain any player gets, against the joint distribution
    ``joint``, by switching from one recommended action to another.

    Zero (up to round-off) exactly when ``joint`` is a correlated
    equilibrium; Hart & Mas-Colell (2000) show regret matching drives it to
    zero.

    Examples
    --------
    >>> import stratgame as sg
    >>> chicken = sg.NormalFormGame.from_bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> correlated_regret(chicken, [[0, 1/3], [1/3, 1/3]])  # Aumann's equilibrium
    0.0
    >>> correlated_regret(chicken, [[0, 0], [0, 1]])  # both "swerve"
    1.0
    """
    z = _check_joint(game, joint, "correlated_regret")
    return max_incentive_gain(game, z)


def coarse_correlated_regret(game, joint) -> float:
    """The largest gain any player gets by committing, before seeing a
    recommendation, to one fixed action instead of following ``joint``.

    Zero exactly at a coarse correlated equilibrium (Hannan consistency:
    no-external-regret learners such as hedge drive it to zero).

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> coarse_correlated_regret(pd, [[1, 0], [0, 0]])
    2.0
    """
    z = _check_joint(game, joint, "coarse_correlated_regret")
    return max_incentive_gain(game, z, coarse=True)


def correlated_distance(game, joint) -> float:
    """Total-variation distance from ``joint`` to the set of correlated
    equilibria: ``min_p (1/2) sum_a |p(a) - z(a)|`` over correlated equilibria
    ``p``, solved as a linear program (scipy's HiGHS).

    Examples
    --------
    In the prisoner's dilemma the only correlated equilibrium is mutual
    defection, so the distance is the probability of anything else.

    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> round(correlated_distance(pd, [[0.25, 0.25], [0.25, 0.25]]), 9)
    0.75
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix, eye, hstack, vstack

    z = _check_joint(game, joint, "correlated_distance").ravel()
    m = z.size
    incentive = incentive_matrix(game)
    n_rows = incentive.shape[0]
    if n_rows == 0:  # every player has one action: every distribution is a CE
        return 0.0
    identity = eye(m, format="csr")
    # variables: p (m), s (m) with |p - z| <= s
    upper = vstack(
        [
            hstack([identity, -identity]),
            hstack([-identity, -identity]),
            hstack([incentive, coo_matrix((n_rows, m))]),
        ]
    ).tocsr()
    bound = np.concatenate([z, -z, np.zeros(n_rows)])
    total = np.concatenate([np.ones(m), np.zeros(m)])[None, :]
    cost = np.concatenate([np.zeros(m), np.full(m, 0.5)])
    solution = linprog(
        cost,
        A_ub=upper,
        b_ub=bound,
        A_eq=total,
        b_eq=[1.0],
        bounds=(0, None),
        method="highs",
    )
    if not solution.success:  # the CE set is never empty; this is numerical
        raise ArithmeticError(
            f"correlated_distance: the linear program failed ({solution.message})."
        )
    return float(max(solution.fun, 0.0))
