"""Figures of stochastic (Markov) games under a stationary equilibrium: the
state-transition matrix it induces as a heat map, each player's value in
every state, and simulated paths of the state over time.

Everything drawn is computed by :class:`~stratgame.StochasticGame`
(:meth:`~stratgame.StochasticGame.transition_matrix`,
:meth:`~stratgame.StochasticGame.values`,
:meth:`~stratgame.StochasticGame.simulate`); the figures only label it with
the game's players and states.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_integer, check_rng
from ..exceptions import InvalidGameError
from ..games import StochasticGame
from ._axes import new_axes

__all__ = ["sample_paths", "transition_heatmap", "value_functions"]

#: Largest number of states whose heat-map cells are annotated with numbers.
_ANNOTATE_UP_TO = 12


def _check_game(game, owner: str) -> None:
    if not isinstance(game, StochasticGame):
        raise InvalidGameError(
            f"{owner} draws a StochasticGame; got {type(game).__name__}."
        )


def _profile(equilibrium):
    """The stationary profile of an equilibrium (anything with
    ``strategies``), or the profile itself."""
    return getattr(equilibrium, "strategies", equilibrium)


def transition_heatmap(game, equilibrium, *, annotate=None, ax=None):
    """The Markov chain over states that a stationary profile induces, as a
    heat map: row ``s``, column ``t`` is the probability of moving from
    state ``s`` to state ``t`` in one period.

    Parameters
    ----------
    game : StochasticGame
    equilibrium : StochasticEquilibrium or sequence
        An equilibrium (its ``strategies`` are used) or a stationary profile
        as :meth:`StochasticGame.as_profile` accepts it.
    annotate : bool, optional
        Write each probability in its cell; by default when the game has at
        most 12 states.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One image holding the ``(n_states, n_states)`` matrix, colours on
        [0, 1], the current state on the vertical axis and the next state on
        the horizontal one, both labelled with the game's states.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a StochasticGame.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.StochasticGame([[[1]], [[0]]], [[[0.9, 0.1]], [[0.5, 0.5]]], 0.9,
    ...                       states=("lead", "behind"))
    >>> ax = transition_heatmap(g, sg.solve(g).equilibria[0])
    >>> ax.images[0].get_array().tolist()
    [[0.9, 0.1], [0.5, 0.5]]
    >>> [t.get_text() for t in ax.texts]
    ['0.9', '0.1', '0.5', '0.5']
    >>> ax.get_ylabel(), [t.get_text() for t in ax.get_xticklabels()]
    ('current state', ['lead', 'behind'])
    """
    _check_game(game, "transition_heatmap")
    P = game.transition_matrix(_profile(equilibrium))
    n = game.n_states
    side = min(3.5 + 0.35 * n, 10)
    _, ax = new_axes(ax, figsize=(side + 1, side))
    image = ax.imshow(P, cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    ax.figure.colorbar(image, ax=ax, label="transition probability")
    if annotate is None:
        annotate = n <= _ANNOTATE_UP_TO
    if annotate:
        for (r, c), p in np.ndenumerate(P):
            ax.text(
                c,
                r,
                f"{p:.2g}",
                ha="center",
                va="center",
                fontsize="small",
                color="white" if p > 0.5 else "black",
            )
    ax.set_xticks(range(n), game.states, rotation=90 if n > 6 else 0)
    ax.set_yticks(range(n), game.states)
    ax.set_xlabel("next state")
    ax.set_ylabel("current state")
    ax.set_title("State transitions under the equilibrium")
    return ax


def value_functions(game, equilibrium, *, ax=None):
    """Each player's value (expected discounted payoff) in every state under
    a stationary profile: one line per player over the states.

    Parameters
    ----------
    game : StochasticGame
    equilibrium : StochasticEquilibrium or sequence
        An equilibrium (its ``values`` are drawn) or a stationary profile
        (its values are computed with :meth:`StochasticGame.values`).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per player, labelled with the player's name, whose point
        ``s`` is ``values[s, i]``; the horizontal axis is labelled with the
        game's states.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a StochasticGame.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.StochasticGame([[[1]], [[0]]], [[[0.9, 0.1]], [[0.5, 0.5]]], 0.5,
    ...                       players=("lab",), states=("lead", "behind"))
    >>> ax = value_functions(g, [(0,), (0,)])
    >>> [(line.get_label(), line.get_ydata().round(3).tolist()) for line in ax.lines]
    [('lab', [1.875, 0.625])]
    >>> ax.get_ylabel()
    'value (expected discounted payoff)'
    """
    _check_game(game, "value_functions")
    values = getattr(equilibrium, "values", None)
    if values is None or callable(values):
        values = game.values(_profile(equilibrium))
    values = np.asarray(values, dtype=np.float64)
    n = game.n_states
    _, ax = new_axes(ax, figsize=(min(4.5 + 0.3 * n, 12), 4))
    positions = np.arange(n)
    markers = "osD^v<>ph*"
    for i, player in enumerate(game.players):
        ax.plot(
            positions,
            values[:, i],
            marker=markers[i % len(markers)],
            label=player,
        )
    ax.set_xticks(positions, game.states, rotation=90 if n > 8 else 0)
    ax.set_xlabel("state")
    ax.set_ylabel("value (expected discounted payoff)")
    ax.set_title("Value functions")
    ax.legend(loc="best", fontsize="small")
    return ax


def sample_paths(
    game, equilibrium, n_paths=5, horizon=50, rng=None, *, initial=None, ax=None
):
    """Simulated paths of the state over time under a stationary profile.

    Each path is drawn by :meth:`StochasticGame.simulate` from one random
    generator, so a seed gives the same figure every time.

    Parameters
    ----------
    game : StochasticGame
    equilibrium : StochasticEquilibrium or sequence
        An equilibrium (its ``strategies`` are used) or a stationary profile.
    n_paths : int
        Number of paths.
    horizon : int
        Periods simulated per path (each path has ``horizon + 1`` states,
        the start included).
    rng : None, int or numpy.random.Generator
        Source of randomness.
    initial : int, str or array_like, optional
        The starting state (or a distribution to draw it from); default the
        game's :attr:`~StochasticGame.initial`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One step line per path (labelled ``"path 1"``, ...) whose y-data are
        the state indices visited in periods ``0, ..., horizon``; the
        vertical axis is labelled with the game's states.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a StochasticGame.
    InvalidParameterError
        If ``n_paths`` is not a positive integer or ``horizon`` is negative.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.StochasticGame([[[1]], [[0]]], [[[0.9, 0.1]], [[0.5, 0.5]]], 0.9,
    ...                       states=("lead", "behind"))
    >>> ax = sample_paths(g, sg.solve(g).equilibria[0], n_paths=3, horizon=20, rng=0)
    >>> len(ax.lines), len(ax.lines[0].get_ydata())
    (3, 21)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['lead', 'behind']
    """
    owner = "sample_paths"
    _check_game(game, owner)
    n_paths = check_integer(n_paths, "n_paths", owner, low=1)
    horizon = check_integer(horizon, "horizon", owner, low=0)
    generator = check_rng(rng)
    profile = game.as_profile(_profile(equilibrium))
    n = game.n_states
    _, ax = new_axes(ax, figsize=(7, min(2.5 + 0.3 * n, 10)))
    periods = np.arange(horizon + 1)
    for k in range(n_paths):
        path = game.simulate(profile, horizon, initial=initial, rng=generator)
        ax.plot(
            periods,
            path.states,
            drawstyle="steps-post",
            alpha=max(0.25, 1.0 / np.sqrt(n_paths)),
            linewidth=1.5,
            label=f"path {k + 1}",
        )
    ax.set_yticks(range(n), game.states)
    ax.set_ylim(-0.5, n - 0.5)
    ax.set_xlim(0, max(horizon, 1))
    ax.set_xlabel("period")
    ax.set_ylabel("state")
    ax.set_title(
        f"{n_paths} sample path{'s' if n_paths != 1 else ''} over {horizon} periods"
    )
    if n_paths <= 10:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return ax
