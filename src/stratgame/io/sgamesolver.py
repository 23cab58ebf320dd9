"""Conversion to and from sgamesolver's stochastic games (``SGame``), so that
equilibria can be cross-checked with its homotopies (Eibelshäuser &
Poensgen, "Markov quantal response equilibrium and a homotopy method for
computing and selecting Markov perfect equilibria of dynamic stochastic
games", and its log-tracing procedure).

An ``SGame`` is built from, for each state ``s``, a payoff array of shape
``(n_players, *n_actions[s])`` and a transition array of shape
``(*n_actions[s], n_states)`` (the layout of
:class:`~stratgame.StochasticGame`), and the players' discount factors. It
stores them padded to the largest action count (``u[s, p, *A]``,
``phi[s, *A, s']``) with the true counts in ``nums_actions``; the
conversions here read and write only the true entries, and carry the
state, player and action labels across.

sgamesolver is optional and imported inside the functions. It has no wheel
on PyPI and its ``setup.py`` imports numpy, so it builds only without build
isolation (``pip install numpy cython`` first, then ``pip install
--no-build-isolation sgamesolver``).
"""

from __future__ import annotations

import numpy as np

from .._optional import require
from ..exceptions import InvalidGameError, MissingDependencyError
from ..games import StochasticGame

__all__ = ["from_sgamesolver", "to_sgamesolver"]

_BUILD = "pip install numpy cython && pip install --no-build-isolation sgamesolver"


def _import_sgamesolver(feature: str):
    """sgamesolver, importable under numpy 2."""
    if not hasattr(np, "NaN"):
        # sgamesolver 1.0.2 predates numpy 2 and still uses the removed alias
        # np.NaN (to pad strategy profiles, in its path tracking); restore it,
        # only when missing, so that its methods run.
        np.NaN = np.nan  # noqa: NPY201
    try:
        return require("sgamesolver", feature)
    except MissingDependencyError as error:
        raise MissingDependencyError(
            f"{error} (no stratgame extra installs it: it has no wheel and "
            f"builds only without build isolation, {_BUILD})",
            name=error.name,
        ) from error


def to_sgamesolver(game):
    """``game`` as a :class:`sgamesolver.SGame`, labels included.

    Payoffs, transition probabilities and discount factors become float64
    (sgamesolver computes in floating point; exact Fractions are rounded).
    The state, player and action labels become the ``SGame``'s
    ``state_labels``, ``player_labels`` and ``action_labels``.

    Parameters
    ----------
    game : StochasticGame

    Returns
    -------
    sgamesolver.SGame

    Raises
    ------
    MissingDependencyError
        An ``ImportError`` when sgamesolver is not installed; the message
        says how to build it.
    InvalidGameError
        If ``game`` is not a StochasticGame.

    Examples
    --------
    Cross-checking an equilibrium with sgamesolver's own certificate (its
    largest one-shot deviation gain):

    >>> import numpy as np
    >>> import stratgame as sg
    >>> g = sg.games.random_stochastic_game(3, 2, 2, discount=0.9, rng=0)
    >>> sgame = to_sgamesolver(g)  # doctest: +SKIP
    >>> sgame.num_states, sgame.state_labels, sgame.delta.tolist()  # doctest: +SKIP
    (3, ['s1', 's2', 's3'], [0.9, 0.9])
    >>> eq = sg.solve(g).equilibria[0]
    >>> profile = np.array(eq.strategies)  # (n_states, n_players, n_actions)
    >>> float(sgame.check_equilibrium(profile).max()) < 1e-9  # doctest: +SKIP
    True
    """
    if not isinstance(game, StochasticGame):
        raise InvalidGameError(
            f"to_sgamesolver needs a StochasticGame; got {type(game).__name__}."
        )
    sgamesolver = _import_sgamesolver("to_sgamesolver()")
    payoffs = [np.asarray(p, dtype=np.float64) for p in game.payoffs]
    transitions = [np.asarray(t, dtype=np.float64) for t in game.transitions]
    out = sgamesolver.SGame(payoffs, transitions, game.discounts.astype(np.float64))
    out.state_labels = list(game.states)
    out.player_labels = list(game.players)
    out.action_labels = [
        [list(labels) for labels in per_state] for per_state in game.actions
    ]
    return out


def _labels(given, count: int):
    """Labels as strings, or None (the defaults) when they do not fit."""
    try:
        labels = [str(x) for x in list(given)[:count]]
    except TypeError:
        return None
    return labels if len(labels) == count else None


def from_sgamesolver(sgame) -> StochasticGame:
    """A :class:`~stratgame.StochasticGame` from a :class:`sgamesolver.SGame`.

    Only the true entries of sgamesolver's padded arrays are read (action
    counts may differ between states and players). The discount factor is
    one number when all players share it, else one per player. Labels are
    taken from ``state_labels``, ``player_labels`` and ``action_labels``.

    Transition rows must sum to 1, as :class:`~stratgame.StochasticGame`
    requires. The one exception is a game in which every discount factor is
    0 (such as ``SGame.one_shot_game``, whose transitions are all zero):
    there the future does not count, and a zero row becomes staying in the
    current state.

    Parameters
    ----------
    sgame : sgamesolver.SGame

    Returns
    -------
    StochasticGame
        Float payoffs and transition probabilities.

    Raises
    ------
    MissingDependencyError
        An ``ImportError`` when sgamesolver is not installed; the message
        says how to build it.
    InvalidGameError
        If ``sgame`` is not an sgamesolver game, or a transition row is not
        a probability vector (the error names the state and the profile).

    Examples
    --------
    >>> import sgamesolver  # doctest: +SKIP
    >>> sgame = sgamesolver.SGame.random_game(4, 2, 3, delta=0.95, seed=0)  # doctest: +SKIP
    >>> g = from_sgamesolver(sgame)  # doctest: +SKIP
    >>> g.n_states, g.n_actions[0], g.discount, g.states[0]  # doctest: +SKIP
    (4, (3, 3), 0.95, 'state0')
    """
    _import_sgamesolver("from_sgamesolver()")
    needed = ("u", "phi", "delta", "nums_actions", "num_states", "num_players")
    if not all(hasattr(sgame, name) for name in needed):
        raise InvalidGameError(
            "from_sgamesolver needs an sgamesolver.SGame (with u, phi, delta and "
            f"nums_actions); got {type(sgame).__name__}."
        )
    n_states, n_players = int(sgame.num_states), int(sgame.num_players)
    delta = np.asarray(sgame.delta, dtype=np.float64).reshape(-1)
    if delta.size == 1:
        delta = np.full(n_players, delta[0])
    payoffs, transitions = [], []
    for s in range(n_states):
        counts = tuple(int(n) for n in sgame.nums_actions[s])
        keep = tuple(slice(0, n) for n in counts)
        payoffs.append(np.array(sgame.u[(s, slice(None), *keep)], dtype=np.float64))
        phi = np.array(sgame.phi[(s, *keep)], dtype=np.float64)
        if not delta.any():  # no future: a zero row means nothing; stay put
            empty = phi.sum(axis=-1) == 0
            phi[empty, s] = 1.0
        transitions.append(phi)
    discount = float(delta[0]) if np.all(delta == delta[0]) else tuple(delta.tolist())
    states = _labels(getattr(sgame, "state_labels", None), n_states)
    players = _labels(getattr(sgame, "player_labels", None), n_players)
    actions = None
    given = getattr(sgame, "action_labels", None)
    if given is not None:
        try:
            actions = [
                [
                    _labels(given[s][i], int(sgame.nums_actions[s][i]))
                    for i in range(n_players)
                ]
                for s in range(n_states)
            ]
        except (IndexError, TypeError):
            actions = None
        if actions is not None and any(
            labels is None for per_state in actions for labels in per_state
        ):
            actions = None
    return StochasticGame(
        payoffs,
        transitions,
        discount,
        players=players,
        actions=actions,
        states=states,
    )
