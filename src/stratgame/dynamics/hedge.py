"""Hedge (multiplicative weights) learning.

Each player weighs its actions by the exponential of their cumulative
payoffs, ``x_k ∝ exp(eta * G_k)`` (Littlestone & Warmuth 1994; Freund &
Schapire 1997). Its external regret grows only like ``sqrt(T log n)``, so in
two-player zero-sum games the time-averaged strategies converge to the
equilibria (Freund & Schapire 1999), and in any game the empirical joint
distribution approaches the coarse correlated equilibria.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_integer, check_real, check_rng, renamed_keywords
from ._learning import checkpoint_rounds, joint_summary
from ._populations import action_values, check_game
from .correlated import coarse_correlated_regret
from .results import LearningResult

__all__ = ["hedge"]


def _learning_rates(game, max_iter, learning_rate, owner) -> np.ndarray:
    if learning_rate is not None:
        rate = float(
            check_real(learning_rate, "learning_rate", owner, low=0, low_open=True)
        )
        return np.full(game.n_players, rate)
    ranges = np.array([float(np.ptp(u)) for u in game.float_payoff_arrays])
    sizes = np.array(game.shape, dtype=np.float64)
    tuned = np.sqrt(8.0 * np.log(np.maximum(sizes, 2)) / max_iter)
    return tuned / np.where(ranges > 0, ranges, 1.0)


def _softmax(scores: np.ndarray) -> np.ndarray:
    weights = np.exp(scores - scores.max())
    return weights / weights.sum()


@renamed_keywords(iterations="max_iter", record="n_points")
def hedge(
    game,
    max_iter: int = 1000,
    *,
    learning_rate: float | None = None,
    sampled: bool = False,
    n_points: int = 1000,
    rng=None,
) -> LearningResult:
    """Hedge / multiplicative weights: ``x_i ∝ exp(eta_i G_i)`` where ``G_i``
    sums player ``i``'s payoff vectors over past rounds.

    With ``sampled=False`` (default) every player observes the expected payoff
    of each of its actions against the others' current mixed strategies, and
    the process is deterministic. With ``sampled=True`` every player draws an
    action from its mixed strategy each round (using ``rng``) and observes the
    payoff each of its actions would have earned against the others' drawn
    actions; the empirical joint distribution is then recorded.

    The default learning rate ``eta_i = sqrt(8 ln n_i / T) / range_i`` is the
    one of Cesa-Bianchi & Lugosi (2006, *Prediction, Learning, and Games*,
    Theorem 2.2), which bounds each player's external regret after ``T``
    rounds by ``range_i * sqrt(T ln(n_i) / 2)`` for any sequence of payoffs.
    In two-player zero-sum games the averaged strategies therefore form an
    ``O(sqrt(log n / T))``-equilibrium (Freund & Schapire 1999).

    Parameters
    ----------
    game : NormalFormGame
    max_iter : int
        Rounds ``T``.
    learning_rate : float, optional
        One ``eta`` for every player instead of the tuned default.
    sampled : bool
        Draw actions and learn from realized play.
    n_points : int
        Number of checkpoints stored in ``history``.
    rng : None, int or numpy.random.Generator
        Source of the draws when ``sampled``.

    Returns
    -------
    LearningResult
        ``strategies`` are the time-averaged mixed strategies;
        ``details["external_regret"]`` each player's external regret
        (in payoff per round) and ``details["last_iterate"]`` the final mixed
        strategies. With ``sampled``, ``joint`` and ``correlated_regret`` come
        from the play, and ``details["coarse_correlated_regret"]`` too.

    Examples
    --------
    Rock–paper–scissors: the averages approach the uniform equilibrium.

    >>> import stratgame as sg
    >>> rps = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> result = hedge(rps, 4000)
    >>> result.regret < 0.05
    True
    """
    owner = "hedge"
    check_game(game, owner)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    rates = _learning_rates(game, max_iter, learning_rate, owner)
    generator = check_rng(rng)
    payoffs = game.float_payoff_arrays
    n_players = game.n_players
    players = range(n_players)
    # player i's payoffs with its own action last: indexing by the others'
    # actions gives its payoff vector against realized play
    tables = [np.moveaxis(u, i, -1) for i, u in enumerate(payoffs)]
    uniforms = generator.random((max_iter, n_players)) if sampled else None
    cumulative = [np.zeros(n) for n in game.shape]
    earned = np.zeros(n_players)
    checkpoints = checkpoint_rounds(max_iter, n_points, owner)
    history = [np.empty((len(checkpoints), n)) for n in game.shape]
    totals = [np.zeros(n) for n in game.shape]
    actions = np.empty((max_iter, n_players), dtype=np.int64) if sampled else None
    mixed = [_softmax(rates[i] * cumulative[i]) for i in players]
    next_checkpoint = 0
    for t in range(max_iter):
        if sampled:
            drawn = tuple(
                min(int(np.searchsorted(x.cumsum(), u, side="right")), len(x) - 1)
                for x, u in zip(mixed, uniforms[t], strict=True)
            )
            actions[t] = drawn
        for i in players:
            if sampled:
                values = tables[i][drawn[:i] + drawn[i + 1 :]]
            else:
                values = action_values(payoffs[i], mixed, i)
            earned[i] += values.dot(mixed[i])
            cumulative[i] += values
            totals[i] += mixed[i]
        if t + 1 == checkpoints[next_checkpoint]:
            for i in players:
                history[i][next_checkpoint] = totals[i] / (t + 1)
            next_checkpoint += 1
        mixed = [_softmax(rates[i] * cumulative[i]) for i in players]
    strategies = tuple(h[-1] for h in history)
    external = np.array([G.max() for G in cumulative]) - earned
    details = {
        "learning_rate": rates,
        "external_regret": external / max_iter,
        "last_iterate": tuple(mixed),
        "sampled": sampled,
    }
    summary = {}
    if sampled:
        summary = joint_summary(game, actions, distance=False)
        details["coarse_correlated_regret"] = coarse_correlated_regret(
            game, summary["joint"]
        )
    return LearningResult(
        method="hedge",
        iterations=max_iter,
        strategies=strategies,
        regret=float(max(game.regret(strategies))),
        checkpoints=checkpoints,
        history=tuple(history),
        actions=actions,
        details=details,
        **summary,
    )
