"""The incentive constraints of (coarse) correlated equilibrium.

A distribution ``p`` over action profiles is a correlated equilibrium
(Aumann 1974) when no player ``i`` gains by replacing a recommended action
``a`` with another ``b``:
``sum_{a_-i} p(a, a_-i) [u_i(b, a_-i) - u_i(a, a_-i)] <= 0``; a coarse
correlated equilibrium (Hannan 1957; Moulin and Vial 1978) only asks that no
player gains by ignoring the recommendation altogether:
``sum_a p(a) [u_i(b, a_-i) - u_i(a)] <= 0`` for every ``b``.

The one home of these constraints: the correlated-equilibrium solver uses
them as linear-program rows, the learning dynamics to measure how far play
is from equilibrium.
"""

from __future__ import annotations

import numpy as np

from ..exceptions import InvalidGameError

__all__ = ["incentive_gains", "incentive_matrix", "max_incentive_gain"]


def _player_view(game, player: int):
    """Player ``player``'s payoffs and the flat profile indices, both with the
    player's own action first: arrays of shape ``(n_i, rest)``."""
    n = game.shape[player]
    payoffs = np.moveaxis(game.float_payoff_arrays[player], player, 0).reshape(n, -1)
    indices = np.moveaxis(
        np.arange(int(np.prod(game.shape))).reshape(game.shape), player, 0
    ).reshape(n, -1)
    return payoffs, indices


def _check_distribution(game, distribution) -> np.ndarray:
    p = np.asarray(distribution, dtype=np.float64)
    if p.shape != game.shape:
        raise InvalidGameError(
            f"a distribution over action profiles must have the game's shape "
            f"{game.shape}; got shape {p.shape}."
        )
    return p


def incentive_gains(game, distribution, coarse: bool = False) -> list[np.ndarray]:
    """Each player's expected gains from deviating under a distribution.

    For a correlated equilibrium, entry ``[a, b]`` of player ``i``'s matrix
    is ``sum_{a_-i} p(a, a_-i) [u_i(b, a_-i) - u_i(a, a_-i)]``, the gain from
    playing ``b`` whenever ``a`` is recommended; for a coarse one, entry
    ``[b]`` is ``sum_a p(a) [u_i(b, a_-i) - u_i(a)]``. The distribution is an
    equilibrium when no entry is positive.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array_like
        Probabilities of shape ``game.shape``.
    coarse : bool

    Returns
    -------
    list of numpy.ndarray
        One array per player.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> incentive_gains(g, [[1, 0], [0, 0]])[0]
    array([[0., 2.],
           [0., 0.]])
    """
    p = _check_distribution(game, distribution)
    out = []
    for i in range(game.n_players):
        payoffs, _ = _player_view(game, i)
        p_i = np.moveaxis(p, i, 0).reshape(payoffs.shape)
        # against[a, b] = sum_r p(a, r) u_i(b, r)
        against = p_i @ payoffs.T
        obeying = np.diag(against)
        if coarse:
            out.append(against.sum(axis=0) - obeying.sum())
        else:
            out.append(against - obeying[:, None])
    return out


def max_incentive_gain(game, distribution, coarse: bool = False) -> float:
    """The largest gain any player gets by disobeying (for ``coarse``:
    ignoring) a recommendation; zero exactly at an equilibrium.

    Examples
    --------
    >>> import stratgame as sg
    >>> chicken = sg.NormalFormGame.from_bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> max_incentive_gain(chicken, [[0, 1/3], [1/3, 1/3]])
    0.0
    >>> max_incentive_gain(chicken, [[0, 0], [0, 1]])
    1.0
    """
    gains = incentive_gains(game, distribution, coarse)
    return max(0.0, *(float(g.max()) for g in gains))


def incentive_matrix(game, coarse: bool = False):
    """The incentive constraints as a sparse matrix ``G``: a distribution
    ``p`` (flattened in C order) is a (coarse) correlated equilibrium when
    ``G @ p <= 0``.

    Rows come player by player: for a correlated equilibrium one row per
    pair ``(a, b)`` of distinct actions, ``a`` outer; for a coarse one, one
    row per action ``b``. Zero coefficients are not stored.

    Returns
    -------
    scipy.sparse.csr_matrix
        Of shape ``(n_constraints, prod(game.shape))``.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> incentive_matrix(pd).toarray()
    array([[ 2.,  1.,  0.,  0.],
           [ 0.,  0., -2., -1.],
           [ 2.,  0.,  1.,  0.],
           [ 0., -2.,  0., -1.]])
    """
    from scipy import sparse

    rows, cols, vals = [], [], []
    offset = 0
    for i in range(game.n_players):
        payoffs, indices = _player_view(game, i)
        n, rest = payoffs.shape
        if coarse:
            # Row b: sum over all (a, r) of p(a, r) (u(b, r) - u(a, r)).
            values = payoffs[:, None, :] - payoffs[None, :, :]  # [b, a, r]
            rows.append(np.repeat(offset + np.arange(n), n * rest))
            cols.append(np.tile(indices.ravel(), n))
            vals.append(values.ravel())
            offset += n
            continue
        # Row (a, b), b != a: sum over r of p(a, r) (u(b, r) - u(a, r)).
        recommended, deviation = np.nonzero(~np.eye(n, dtype=bool))
        values = payoffs[deviation] - payoffs[recommended]
        row_ids = offset + np.arange(recommended.size)
        rows.append(np.repeat(row_ids, rest))
        cols.append(indices[recommended].ravel())
        vals.append(values.ravel())
        offset += recommended.size
    rows, cols, vals = (np.concatenate(x) for x in (rows, cols, vals))
    keep = vals != 0
    size = int(np.prod(game.shape))
    return sparse.csr_matrix(
        (vals[keep], (rows[keep], cols[keep])), shape=(offset, size)
    )
