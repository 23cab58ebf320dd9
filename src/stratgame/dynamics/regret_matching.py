"""Regret matching (Hart & Mas-Colell 2000).

Each player keeps, for its last action ``j`` and every other action ``k``,
the average gain it would have had by playing ``k`` in every past round where
it played ``j``. It switches to ``k`` with probability proportional to the
positive part of that regret, and otherwise repeats ``j``. The empirical
joint distribution of play converges almost surely to the set of correlated
equilibria.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_integer, check_real, check_rng, renamed_keywords
from ..exceptions import InvalidParameterError
from ._learning import (
    checkpoint_rounds,
    count_history,
    initial_actions,
    joint_summary,
)
from ._populations import check_game
from .results import LearningResult

__all__ = ["regret_matching"]


def _inertia(game, inertia, owner) -> np.ndarray:
    """Hart & Mas-Colell's ``mu`` per player: large enough that switching
    probabilities never sum past one."""
    ranges = np.array([float(np.ptp(u)) for u in game.float_payoff_arrays])
    needed = (np.array(game.shape) - 1) * ranges
    if inertia is None:
        return np.where(needed > 0, 2.0 * needed, 1.0)
    value = float(check_real(inertia, "inertia", owner, low=0, low_open=True))
    if np.any(value <= needed):
        i = int(np.argmax(needed))
        raise InvalidParameterError(
            f"{owner}: inertia must exceed (n_i - 1) * (payoff range of player i) "
            f"for every player so that switching probabilities stay below one; "
            f"player {game.players[i]!r} needs more than {needed[i]:g}, got "
            f"{value:g}."
        )
    return np.full(game.n_players, value)


def _deviation_tables(game) -> list[np.ndarray]:
    """Player ``i``'s payoffs with its own action moved to the last axis, so
    that indexing by the others' actions gives the payoff of each of its
    actions."""
    return [np.moveaxis(u, i, -1) for i, u in enumerate(game.float_payoff_arrays)]


@renamed_keywords(iterations="max_iter", record="n_points")
def regret_matching(
    game,
    max_iter: int = 1000,
    *,
    initial=None,
    inertia: float | None = None,
    n_points: int = 1000,
    distance: bool = True,
    rng=None,
) -> LearningResult:
    """Regret matching, the adaptive procedure of Hart & Mas-Colell (2000,
    *Econometrica* 68: 1127–1150).

    In round ``t + 1`` a player who played ``j`` in round ``t`` switches to
    ``k != j`` with probability ``max(D_t(j, k), 0) / inertia``, where
    ``D_t(j, k) = (1/t) sum_{s <= t: a_s = j} [u(k, a_-s) - u(j, a_-s)]`` is its
    average regret for not having played ``k`` whenever it played ``j``;
    otherwise it plays ``j`` again. The empirical joint distribution of play
    converges almost surely to the set of correlated equilibria (their Main
    Theorem), at the rate ``O(1/sqrt(t))`` in correlated regret.

    Parameters
    ----------
    game : NormalFormGame
    max_iter : int
        Rounds to play.
    initial : sequence, optional
        First-round actions, one index or label per player (default: drawn
        uniformly with ``rng``).
    inertia : float, optional
        Hart & Mas-Colell's ``mu``; must exceed ``(n_i - 1)`` times each
        player's payoff range. Default: twice the largest such bound per
        player.
    n_points : int
        Number of checkpoints stored in ``history``.
    distance : bool
        Also compute the total-variation distance of the empirical joint
        distribution from the correlated equilibria (a linear program).
    rng : None, int or numpy.random.Generator
        Source of the random choices.

    Returns
    -------
    LearningResult
        ``joint`` is the empirical joint distribution of play,
        ``correlated_regret`` its largest conditional regret (the paper's
        ``max D_t(j, k)``) and ``correlated_distance`` its distance from the
        correlated-equilibrium set; ``strategies`` are the marginal empirical
        frequencies.

    Examples
    --------
    Chicken: play ends near the correlated equilibria.

    >>> import stratgame as sg
    >>> chicken = sg.NormalFormGame.from_bimatrix([[0, 7], [2, 6]],
    ...                                           [[0, 2], [7, 6]])
    >>> result = regret_matching(chicken, 5000, rng=0)
    >>> result.correlated_regret < 0.05, result.correlated_distance < 0.02
    (True, True)
    """
    owner = "regret_matching"
    check_game(game, owner)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    generator = check_rng(rng)
    mu = _inertia(game, inertia, owner)
    profile = list(initial_actions(game, initial, generator, owner))
    uniforms = generator.random((max_iter, game.n_players))
    regrets = [np.zeros((n, n)) for n in game.shape]
    actions = np.empty((max_iter, game.n_players), dtype=np.int64)
    tables = _deviation_tables(game)
    players = range(game.n_players)
    for t in range(max_iter):
        actions[t] = profile
        current = tuple(profile)
        for i in players:
            values = tables[i][current[:i] + current[i + 1 :]]
            j = current[i]
            D = regrets[i]
            D[j] += values - values[j]
            switch = np.maximum(D[j], 0.0) / (mu[i] * (t + 1))
            switch[j] = 0.0
            cumulative = switch.cumsum()
            pick = int(np.searchsorted(cumulative, uniforms[t, i], side="right"))
            profile[i] = pick if pick < len(cumulative) else j
    checkpoints = checkpoint_rounds(max_iter, n_points, owner)
    history = tuple(
        count_history(actions[:, i], n, checkpoints) / checkpoints[:, None]
        for i, n in enumerate(game.shape)
    )
    strategies = tuple(h[-1] for h in history)
    summary = joint_summary(game, actions, distance)
    return LearningResult(
        method="regret matching",
        iterations=max_iter,
        strategies=strategies,
        regret=float(max(game.regret(strategies))),
        checkpoints=checkpoints,
        history=history,
        actions=actions,
        details={
            "inertia": mu,
            "conditional_regrets": [D / max_iter for D in regrets],
        },
        **summary,
    )
