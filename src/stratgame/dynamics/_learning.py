"""Pieces shared by the learning rules: starting actions, checkpoints, the
history of empirical frequencies and the joint distribution of play."""

from __future__ import annotations

import numpy as np

from .._validation import check_integer
from ..exceptions import InvalidProfileError
from .correlated import correlated_distance, correlated_regret

__all__ = [
    "checkpoint_rounds",
    "count_history",
    "initial_actions",
    "joint_distribution",
    "joint_summary",
]


def initial_actions(game, initial, rng, owner: str) -> np.ndarray:
    """First-round actions: drawn uniformly with ``rng`` when ``initial`` is
    None, else one action (index or label) per player."""
    if initial is None:
        return np.array([rng.integers(n) for n in game.shape])
    profile = game.as_profile(initial)
    out = []
    for player, vector in enumerate(profile):
        vector = np.asarray(vector, dtype=np.float64)
        if vector.max() != 1:
            raise InvalidProfileError(
                f"{owner}: initial actions must be pure (an index or a label); got "
                f"{initial[player]!r} for player {game.players[player]!r}."
            )
        out.append(int(np.argmax(vector)))
    return np.array(out)


def checkpoint_rounds(max_iter: int, n_points, owner: str) -> np.ndarray:
    """At most ``n_points`` round counts in ``1..max_iter``, evenly spread and
    always including the last."""
    n_points = check_integer(n_points, "n_points", owner, low=1)
    points = np.linspace(1, max_iter, min(n_points, max_iter))
    return np.unique(np.round(points).astype(np.int64))


def count_history(actions: np.ndarray, n: int, checkpoints: np.ndarray) -> np.ndarray:
    """How often each of ``n`` actions was played in the first ``c`` rounds,
    for every checkpoint ``c`` (shape ``(len(checkpoints), n)``)."""
    segment = np.searchsorted(checkpoints, np.arange(1, len(actions) + 1))
    keep = segment < len(checkpoints)
    counts = np.bincount(
        segment[keep] * n + actions[keep], minlength=len(checkpoints) * n
    ).reshape(len(checkpoints), n)
    return np.cumsum(counts, axis=0)


def joint_distribution(actions: np.ndarray, shape) -> np.ndarray:
    """The empirical distribution of the action profiles played (rows of
    ``actions``)."""
    flat = np.ravel_multi_index(tuple(actions.T), shape)
    counts = np.bincount(flat, minlength=int(np.prod(shape)))
    return (counts / len(actions)).reshape(shape)


def joint_summary(game, actions: np.ndarray, distance: bool) -> dict:
    """The joint distribution of play, its correlated regret and (when
    ``distance``) its distance from the correlated equilibria."""
    joint = joint_distribution(actions, game.shape)
    return {
        "joint": joint,
        "correlated_regret": correlated_regret(game, joint),
        "correlated_distance": correlated_distance(game, joint) if distance else None,
    }
