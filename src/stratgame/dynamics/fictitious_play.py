"""Fictitious play and stochastic fictitious play.

In fictitious play (Brown 1951; Robinson 1951) every player best-responds to
the empirical frequencies of the others' past actions. Stochastic fictitious
play (Fudenberg & Kreps 1993; Fudenberg & Levine 1998, ch. 4) replaces the
best response with a logit choice, so play is random and the beliefs follow a
smooth stochastic approximation of the logit dynamics.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_choice,
    check_integer,
    check_real,
    check_rng,
    renamed_keywords,
)
from ._learning import checkpoint_rounds
from ._populations import action_values, check_game
from .results import LearningResult

__all__ = ["fictitious_play", "stochastic_fictitious_play"]


def _initial_beliefs(game, initial) -> list[np.ndarray]:
    if initial is None:
        return [np.full(n, 1.0 / n) for n in game.shape]
    return [np.asarray(s, dtype=np.float64) for s in game.as_profile(initial)]


def _belief_history(actions, n, checkpoints, prior, weight, gain):
    """Beliefs about one player after each checkpoint round.

    Decreasing gain: ``(weight * prior + counts) / (weight + rounds)``.
    Constant gain ``g``: ``b <- (1 - g) b + g e_a`` after every round.
    """
    rounds = len(actions)
    segment = np.searchsorted(checkpoints, np.arange(1, rounds + 1))
    keep = segment < len(checkpoints)
    if gain is None:
        weights = np.ones(rounds)
    else:  # discount each round to its checkpoint
        ends = checkpoints[np.minimum(segment, len(checkpoints) - 1)]
        weights = gain * (1.0 - gain) ** (ends - 1 - np.arange(rounds))
    added = np.bincount(
        segment[keep] * n + actions[keep],
        weights=weights[keep],
        minlength=len(checkpoints) * n,
    ).reshape(len(checkpoints), n)
    if gain is None:
        counts = np.cumsum(added, axis=0)
        return (weight * prior + counts) / (weight + checkpoints[:, None])
    out = np.empty((len(checkpoints), n))
    belief, last = prior, 0
    for k, c in enumerate(checkpoints):
        belief = (1.0 - gain) ** (c - last) * belief + added[k]
        out[k], last = belief, c
    return out


def _play_two_players(game, beliefs, rounds, weight, gain, choose):
    """The fast path for two players: running payoff vectors updated by one
    row or column per round, no matrix products in the loop."""
    A, B = game.float_payoff_arrays
    columns_of_A = np.ascontiguousarray(A.T)
    rows_of_B = np.ascontiguousarray(B)
    scale = weight if gain is None else 1.0
    values0 = A.dot(beliefs[1]) * scale
    values1 = B.T.dot(beliefs[0]) * scale
    played0, played1 = [], []
    keep = 1.0 if gain is None else 1.0 - gain
    step = 1.0 if gain is None else gain
    for t in range(rounds):
        total = weight + t if gain is None else 1.0
        a0 = choose(values0, total, 0, t)
        a1 = choose(values1, total, 1, t)
        played0.append(a0)
        played1.append(a1)
        if gain is None:
            values0 += columns_of_A[a1]
            values1 += rows_of_B[a0]
        else:
            values0 = keep * values0 + step * columns_of_A[a1]
            values1 = keep * values1 + step * rows_of_B[a0]
    return np.array([played0, played1], dtype=np.int64).T


def _play_general(game, beliefs, rounds, weight, gain, choose):
    """Any number of players: payoff vectors recomputed from beliefs."""
    payoffs = game.float_payoff_arrays
    beliefs = [b.copy() for b in beliefs]
    actions = np.empty((rounds, game.n_players), dtype=np.int64)
    for t in range(rounds):
        for i in range(game.n_players):
            actions[t, i] = choose(action_values(payoffs[i], beliefs, i), 1.0, i, t)
        step = 1.0 / (weight + t + 1) if gain is None else gain
        for i, b in enumerate(beliefs):
            b *= 1.0 - step
            b[actions[t, i]] += step
    return actions


def _run(
    game, initial, max_iter, initial_weight, gain, choose, n_points, method, owner
):
    beliefs = _initial_beliefs(game, initial)
    play = _play_two_players if game.n_players == 2 else _play_general
    actions = play(game, beliefs, max_iter, initial_weight, gain, choose)
    checkpoints = checkpoint_rounds(max_iter, n_points, owner)
    history = tuple(
        _belief_history(actions[:, i], n, checkpoints, beliefs[i], initial_weight, gain)
        for i, n in enumerate(game.shape)
    )
    strategies = tuple(h[-1] for h in history)
    return LearningResult(
        method=method,
        iterations=max_iter,
        strategies=strategies,
        regret=float(max(game.regret(strategies))),
        checkpoints=checkpoints,
        history=history,
        actions=actions,
        details={"initial_weight": initial_weight, "gain": gain},
    )


def _check_common(game, max_iter, initial_weight, gain, owner):
    check_game(game, owner)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    initial_weight = float(
        check_real(initial_weight, "initial_weight", owner, low=0, low_open=True)
    )
    if gain is not None:
        gain = float(check_real(gain, "gain", owner, low=0, high=1, low_open=True))
    return max_iter, initial_weight, gain


@renamed_keywords(iterations="max_iter", x0="initial", record="n_points")
def fictitious_play(
    game,
    max_iter: int = 1000,
    *,
    initial=None,
    initial_weight: float = 1.0,
    gain: float | None = None,
    tie_breaking: str = "smallest",
    tol: float = 1e-9,
    n_points: int = 1000,
    rng=None,
) -> LearningResult:
    """Fictitious play: each round, every player best-responds to its beliefs,
    the empirical frequencies of the others' past actions (Brown 1951).

    Beliefs start at ``initial`` counted as ``initial_weight`` observations; after
    ``t`` rounds the belief about player ``j`` is
    ``(initial_weight * initial_j + counts_j) / (initial_weight + t)``. With a
    constant ``gain`` the beliefs are exponentially weighted instead,
    ``b <- (1 - gain) b + gain e_a``. All players move simultaneously. Where
    play converges, the beliefs converge to a Nash equilibrium; they do in
    two-player zero-sum games (Robinson 1951), 2×n games (Berger 2005) and
    potential games (Monderer & Shapley 1996), not in general (Shapley 1964).

    Parameters
    ----------
    game : NormalFormGame
    max_iter : int
        Rounds to play.
    initial : profile, optional
        Initial beliefs, one strategy per player (default: uniform).
    initial_weight : float
        How many observations the initial beliefs count as (default 1, the
        convention of QuantEcon's ``FictitiousPlay``).
    gain : float in (0, 1], optional
        Constant step size; None (default) gives the classic averaging.
    tie_breaking : {"smallest", "random"}
        Among best responses within ``tol * game.payoff_scale``, take the
        smallest index or a uniformly random one (drawn with ``rng``).
    tol : float
        Relative tolerance for ties.
    n_points : int
        Number of checkpoints stored in ``history``.
    rng : None, int or numpy.random.Generator
        Used only for random tie-breaking.

    Returns
    -------
    LearningResult
        ``strategies`` are the final beliefs (empirical frequencies including
        the initial beliefs); ``actions`` the actions played.

    Examples
    --------
    Matching pennies: the empirical frequencies approach (1/2, 1/2).

    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> result = fictitious_play(pennies, 5000)
    >>> [s.round(2) for s in result.strategies], result.regret < 0.02
    ([array([0.5, 0.5]), array([0.5, 0.5])], True)
    """
    owner = "fictitious_play"
    max_iter, initial_weight, gain = _check_common(
        game, max_iter, initial_weight, gain, owner
    )
    check_choice(tie_breaking, "tie_breaking", owner, ("smallest", "random"))
    tol = float(check_real(tol, "tol", owner, low=0))
    atol = tol * game.payoff_scale
    generator = check_rng(rng)

    if tie_breaking == "smallest":

        def choose(values, total, _player, _t):
            top = values[values.argmax()]
            return (values >= top - atol * total).argmax()

    else:

        def choose(values, total, _player, _t):
            ties = np.flatnonzero(values >= values.max() - atol * total)
            return int(ties[0] if len(ties) == 1 else generator.choice(ties))

    return _run(
        game,
        initial,
        max_iter,
        initial_weight,
        gain,
        choose,
        n_points,
        "fictitious play",
        owner,
    )


@renamed_keywords(
    iterations="max_iter",
    x0="initial",
    record="n_points",
    temperature=("intensity", lambda t: 1 / t, "1 / temperature"),
)
def stochastic_fictitious_play(
    game,
    max_iter: int = 1000,
    *,
    intensity: float = 10.0,
    initial=None,
    initial_weight: float = 1.0,
    gain: float | None = None,
    n_points: int = 1000,
    rng=None,
) -> LearningResult:
    """Stochastic fictitious play with logit choice (Fudenberg & Kreps 1993;
    Fudenberg & Levine 1998, *The Theory of Learning in Games*, ch. 4).

    Each round every player draws an action with probabilities
    ``∝ exp(intensity * v_k)``, where ``v`` are its expected payoffs
    against its beliefs (formed as in :func:`fictitious_play`). The beliefs
    track the logit dynamics, so in games where those converge (zero-sum,
    potential, 2×2 games; Hofbauer & Sandholm 2002) they converge almost
    surely to a logit quantal response equilibrium.

    Parameters
    ----------
    game : NormalFormGame
    max_iter : int
        Rounds to play.
    intensity : float
        Logit choice intensity ``> 0``, per payoff unit (the inverse of the
        noise level, or temperature).
    initial, initial_weight, gain, n_points
        As for :func:`fictitious_play`.
    rng : None, int or numpy.random.Generator
        Source of the random choices.

    Returns
    -------
    LearningResult

    Examples
    --------
    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> result = stochastic_fictitious_play(pennies, 4000, intensity=2, rng=2)
    >>> [s.round(1) for s in result.strategies]
    [array([0.5, 0.5]), array([0.5, 0.5])]
    """
    owner = "stochastic_fictitious_play"
    max_iter, initial_weight, gain = _check_common(
        game, max_iter, initial_weight, gain, owner
    )
    intensity = float(check_real(intensity, "intensity", owner, low=0, low_open=True))
    uniforms = check_rng(rng).random((max_iter, game.n_players))

    def choose(values, total, player, t):
        scaled = intensity * values / total
        weights = np.exp(scaled - scaled.max()).cumsum()
        pick = np.searchsorted(weights, uniforms[t, player] * weights[-1], "right")
        return int(min(pick, len(weights) - 1))

    return _run(
        game,
        initial,
        max_iter,
        initial_weight,
        gain,
        choose,
        n_points,
        "stochastic fictitious play",
        owner,
    )
