"""Stochastic (Markov) games: a normal-form game in every state, and play that
moves between states with probabilities set by the action profile.

A :class:`StochasticGame` (Shapley 1953, "Stochastic games", PNAS 39) holds,
for each state ``s``, the players' stage payoffs ``payoffs[s]`` of shape
``(n_players, *n_actions[s])`` and the transition probabilities
``transitions[s]`` of shape ``(*n_actions[s], n_states)``; every player
discounts future payoffs with its discount factor. A *stationary* (Markov)
strategy profile gives each player one mixed action per state; it induces a
Markov chain over the states, and each player's value ``V[s, i]`` is the
expected discounted sum of its payoffs from state ``s``::

    V[s, i] = E[ sum_t discount_i**t * u_i(s_t, a_t) | s_0 = s ]

A stationary profile is a Markov-perfect equilibrium exactly when no player
gains from a *one-shot deviation* in any state: playing another action now
and returning to the profile from the next period on (the one-shot deviation
principle; Filar & Vrieze 1997, *Competitive Markov Decision Processes*,
Springer; Fudenberg & Tirole 1991, *Game Theory*, Section 13.2).
:meth:`StochasticGame.regret` computes these gains from the game; it is the
certificate of every equilibrium the solvers of
:mod:`stratgame.solvers.stochastic` return.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from .._display import by_player, label
from .._validation import check_integer, check_real, check_rng
from ..exceptions import InvalidGameError, InvalidParameterError, InvalidProfileError
from . import _markov
from .normal_form import NormalFormGame, _labels, _payoff_array, _to_exact, _unify

__all__ = ["SamplePath", "StochasticGame", "random_stochastic_game"]

_PROBABILITY_TOL = 1e-9


@dataclass(frozen=True)
class _Group:
    """The states that share one action shape, stacked for vectorized maths.

    ``payoffs`` has shape ``(k, n_players, *shape)`` and ``transitions``
    ``(k, *shape, n_states)``, both float64; ``states`` are the indices of
    the ``k`` states.
    """

    shape: tuple[int, ...]
    states: np.ndarray
    payoffs: np.ndarray
    transitions: np.ndarray


def _state_labels(given, count: int) -> tuple[str, ...]:
    if given is not None and (
        isinstance(given, str) or not isinstance(given, Sequence) or len(given) != count
    ):
        raise InvalidGameError(
            f"states must be a sequence of {count} labels, one per state; got "
            f"{given!r}."
        )
    return _labels(given, count, lambda k: f"s{k + 1}", "states")


def _count_states(payoffs) -> int:
    if isinstance(payoffs, str | bytes) or not isinstance(
        payoffs, Sequence | np.ndarray
    ):
        raise InvalidGameError(
            "payoffs must be a sequence with one array per state, each of shape "
            f"(n_players, *n_actions); got {type(payoffs).__name__}."
        )
    if len(payoffs) == 0:
        raise InvalidGameError("a stochastic game needs at least one state.")
    return len(payoffs)


def _probability_array(data, state: str, shape) -> np.ndarray:
    """Transition probabilities as float64, or Fractions when every entry is
    exact (ints, Fractions, Decimals)."""
    arr = np.asarray(data)
    if arr.shape != shape:
        raise InvalidGameError(
            f"transitions of state {state!r} must have shape {shape}: one "
            f"probability over the {shape[-1]} states for each action profile; "
            f"got shape {arr.shape}."
        )
    if arr.dtype.kind in "iub":
        return np.vectorize(Fraction, otypes=[object])(arr) if arr.size else arr
    if arr.dtype.kind == "O":
        exact = [_to_exact(v) for v in arr.flat]
        if all(v is not None for v in exact):
            return np.array([Fraction(v) for v in exact], dtype=object).reshape(shape)
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidGameError(
                f"transitions of state {state!r} must be real numbers; got {data!r}."
            ) from None
    elif arr.dtype.kind != "f":
        raise InvalidGameError(
            f"transitions of state {state!r} must be real numbers; got dtype "
            f"{arr.dtype}."
        )
    return arr.astype(np.float64)


def _check_distribution(arr: np.ndarray, where: str) -> None:
    """Entries finite, >= 0 and summing to 1 (exactly for Fractions)."""
    if arr.dtype == object:
        ok = all(v >= 0 for v in arr) and sum(arr) == 1
        total = sum(arr)
    else:
        total = float(arr.sum())
        ok = (
            bool(np.all(np.isfinite(arr)))
            and arr.min() >= 0
            and abs(total - 1.0) <= _PROBABILITY_TOL
        )
    if not ok:
        shown = [str(v) if isinstance(v, Fraction) else float(v) for v in arr]
        raise InvalidGameError(
            f"transition probabilities {where} must be >= 0 and sum to 1; got "
            f"{shown} (sum {total})."
        )


def _is_exact_number(x) -> bool:
    return isinstance(x, numbers.Integral | Fraction | Decimal) and not isinstance(
        x, bool
    )


class StochasticGame:
    """A finite stochastic (Markov) game with discounting.

    Parameters
    ----------
    payoffs : sequence of array_like
        ``payoffs[s]`` has shape ``(n_players, *n_actions[s])``: each player's
        stage payoff in state ``s`` at every action profile. Action counts
        may differ between states. Ints, floats, Fractions and Decimals; exact
        numbers are kept exact.
    transitions : sequence of array_like
        ``transitions[s]`` has shape ``(*n_actions[s], n_states)``: the
        probability of each next state after each action profile in ``s``.
        Every row must be >= 0 and sum to 1 (exactly for exact numbers,
        within 1e-9 for floats).
    discount : float or sequence of float
        The discount factor in [0, 1), common to all players or one per
        player.
    players : sequence of str, optional
        Player labels, default ``("P1", "P2", ...)``.
    actions : sequence, optional
        Action labels: one sequence of labels per player, used in every
        state (the action counts must then agree across states), or one such
        per-player sequence for each state. Default ``("a1", "a2", ...)``.
    states : sequence of str, optional
        State labels, default ``("s1", "s2", ...)``.
    initial : int, str or array_like, default 0
        The state play starts in (index or label), or a probability vector
        over the states. An equilibrium's ``payoffs`` are its values from
        here.

    Attributes
    ----------
    payoffs : tuple of numpy.ndarray
        Read-only stage payoffs per state (int64, float64, or Fractions).
    transitions : tuple of numpy.ndarray
        Read-only transition probabilities per state (float64 or Fractions).
    discount : float, Fraction or tuple
        The discount factor(s) as given.
    n_states, n_players : int
    players, states : tuple of str
    actions : tuple of tuple of tuple of str
        ``actions[s][i]``: player ``i``'s action labels in state ``s``.
    n_actions : tuple of tuple of int
        ``n_actions[s][i]``: player ``i``'s number of actions in state ``s``.

    Raises
    ------
    InvalidGameError
        When shapes disagree, a payoff is not a finite real number, a
        transition row is not a probability vector (the error names the state
        and the action profile), or labels are duplicated or wrongly counted.
    InvalidParameterError
        When a discount factor is outside [0, 1).

    Examples
    --------
    A compute lead that two labs can keep or lose: in state ``lead`` lab A is
    ahead; investing raises the chance to be ahead next period.

    >>> import stratgame as sg
    >>> g = sg.StochasticGame(
    ...     payoffs=[
    ...         [[[3, 2], [4, 3]], [[1, 2], [1, 3]]],   # lead: A's, B's payoffs
    ...         [[[1, 1], [2, 2]], [[3, 2], [3, 4]]],   # behind
    ...     ],
    ...     transitions=[
    ...         [[[0.9, 0.1], [1.0, 0.0]], [[0.5, 0.5], [0.8, 0.2]]],
    ...         [[[0.5, 0.5], [0.8, 0.2]], [[0.1, 0.9], [0.3, 0.7]]],
    ...     ],
    ...     discount=0.9, players=("A", "B"),
    ...     actions=(("invest", "coast"), ("invest", "coast")),
    ...     states=("lead", "behind"))
    >>> g
    StochasticGame(players=('A', 'B'), states=('lead', 'behind'), n_actions=((2, 2), (2, 2)), discount=0.9)
    >>> g.values([("coast", "coast"), ("coast", "coast")]).round(3)
    array([[26.727, 33.273],
           [24.909, 35.091]])
    """

    def __init__(
        self,
        payoffs,
        transitions,
        discount,
        players=None,
        actions=None,
        states=None,
        *,
        initial=0,
    ):
        self._states = _state_labels(states, _count_states(payoffs))
        stage = self._stage_arrays(payoffs)
        n_states = len(stage)
        n_players = len(stage[0])
        self._n_actions = tuple(tuple(int(n) for n in p[0].shape) for p in stage)
        flat = _unify([arr for per_state in stage for arr in per_state])
        self._payoffs = tuple(
            _read_only(np.stack(flat[s * n_players : (s + 1) * n_players]))
            for s in range(n_states)
        )
        self._players = _labels(players, n_players, lambda k: f"P{k + 1}", "players")
        self._actions = self._action_labels(actions)
        self._transitions = self._transition_arrays(transitions)
        self._discount, self._discounts = self._discount_factors(discount)
        self._initial = self._initial_distribution(initial)

    # ------------------------------------------------------------ validation
    def _stage_arrays(self, payoffs) -> list[list[np.ndarray]]:
        out = []
        n_players = None
        for s, data in zip(self._states, payoffs, strict=True):
            try:
                arr = np.asarray(data)
            except ValueError:
                raise InvalidGameError(
                    f"payoffs of state {s!r} are ragged; each state needs one array "
                    "of shape (n_players, *n_actions)."
                ) from None
            if arr.ndim < 2 or arr.shape[0] != arr.ndim - 1:
                raise InvalidGameError(
                    f"payoffs of state {s!r} must have shape (n_players, n_1, ..., "
                    f"n_N), one axis per player after the player axis; got shape "
                    f"{arr.shape}."
                )
            if n_players is None:
                n_players = arr.shape[0]
            elif arr.shape[0] != n_players:
                raise InvalidGameError(
                    f"every state needs payoffs for the same {n_players} players; "
                    f"state {s!r} has {arr.shape[0]}."
                )
            if 0 in arr.shape:
                raise InvalidGameError(
                    f"every player needs at least one action in every state; state "
                    f"{s!r} has payoff shape {arr.shape}."
                )
            per_player = []
            for i in range(n_players):
                try:
                    per_player.append(_payoff_array(arr[i], i))
                except InvalidGameError as error:
                    raise InvalidGameError(f"state {s!r}: {error}") from None
            out.append(per_player)
        return out

    def _action_labels(self, actions) -> tuple:
        n_states, n_players = len(self._states), len(self._players)
        if actions is None:
            per_state = [None] * n_states
        elif isinstance(actions, str) or not isinstance(actions, Sequence):
            raise InvalidGameError(
                "actions must hold one sequence of labels per player (used in every "
                f"state) or one such per state; got {actions!r}."
            )
        elif len(actions) == n_players and all(
            isinstance(a, Sequence)
            and not isinstance(a, str)
            and all(isinstance(x, str) for x in a)
            for a in actions
        ):
            per_state = [actions] * n_states
        elif len(actions) == n_states:
            per_state = list(actions)
        else:
            raise InvalidGameError(
                f"actions must hold one sequence of labels per player ({n_players}) "
                f"or one per-player sequence per state ({n_states}); got "
                f"{actions!r}."
            )
        out = []
        for s, given in enumerate(per_state):
            if given is None:
                given = [None] * n_players
            elif isinstance(given, str) or len(given) != n_players:
                raise InvalidGameError(
                    f"actions of state {self._states[s]!r} must hold one sequence of "
                    f"labels per player ({n_players}); got {given!r}."
                )
            out.append(
                tuple(
                    _labels(
                        acts,
                        n,
                        lambda k: f"a{k + 1}",
                        f"actions of player {self._players[i]!r} in state "
                        f"{self._states[s]!r}",
                    )
                    for i, (acts, n) in enumerate(
                        zip(given, self._n_actions[s], strict=True)
                    )
                )
            )
        return tuple(out)

    def _transition_arrays(self, transitions) -> tuple[np.ndarray, ...]:
        n_states = len(self._states)
        if isinstance(transitions, str | bytes) or not isinstance(
            transitions, Sequence | np.ndarray
        ):
            raise InvalidGameError(
                "transitions must be a sequence with one array per state, each of "
                f"shape (*n_actions, n_states); got {type(transitions).__name__}."
            )
        if len(transitions) != n_states:
            raise InvalidGameError(
                f"transitions must hold one array per state ({n_states}); got "
                f"{len(transitions)}."
            )
        out = []
        for s, data in enumerate(transitions):
            name = self._states[s]
            shape = (*self._n_actions[s], n_states)
            try:
                arr = _probability_array(data, name, shape)
            except ValueError as error:
                if isinstance(error, InvalidGameError):
                    raise
                raise InvalidGameError(
                    f"transitions of state {name!r} are ragged; expected shape {shape}."
                ) from None
            if arr.dtype == object:
                suspects = list(np.ndindex(*self._n_actions[s]))
            else:
                rows = arr.reshape(-1, n_states)
                bad = (
                    ~np.isfinite(rows).all(axis=1)
                    | (rows.min(axis=1) < 0)
                    | (np.abs(rows.sum(axis=1) - 1.0) > _PROBABILITY_TOL)
                )
                suspects = [
                    np.unravel_index(k, self._n_actions[s]) for k in np.flatnonzero(bad)
                ]
            for profile in suspects:
                acts = tuple(self._actions[s][i][a] for i, a in enumerate(profile))
                _check_distribution(
                    arr[tuple(profile)], f"from state {name!r} at profile {acts!r}"
                )
            out.append(_read_only(arr))
        return tuple(out)

    def _discount_factors(self, discount):
        n_players = len(self._players)
        bounds = {"low": 0, "high": 1, "high_open": True}
        if isinstance(discount, Sequence | np.ndarray) and not isinstance(
            discount, str
        ):
            values = list(discount)
            if len(values) != n_players:
                raise InvalidParameterError(
                    "The 'discount' parameter of StochasticGame must be one number "
                    f"or one per player ({n_players}). Got {discount!r} instead."
                )
            kept = tuple(
                check_real(d, f"discount[{i}]", "StochasticGame", **bounds)
                for i, d in enumerate(values)
            )
            return kept, np.array([float(d) for d in kept])
        kept = check_real(discount, "discount", "StochasticGame", **bounds)
        return kept, np.full(n_players, float(kept))

    def _initial_distribution(self, initial) -> np.ndarray:
        n_states = len(self._states)
        if isinstance(initial, str | numbers.Integral) and not isinstance(
            initial, bool
        ):
            out = np.zeros(n_states)
            out[self._state_index(initial)] = 1.0
            return _read_only(out)
        arr = np.asarray(initial, dtype=np.float64)
        if (
            arr.shape != (n_states,)
            or not np.all(np.isfinite(arr))
            or arr.min() < 0
            or abs(arr.sum() - 1) > _PROBABILITY_TOL
        ):
            raise InvalidParameterError(
                "The 'initial' parameter of StochasticGame must be a state (index "
                f"or label) or a probability vector over the {n_states} states. Got "
                f"{initial!r} instead."
            )
        return _read_only(arr)

    def _state_index(self, state) -> int:
        if isinstance(state, str):
            try:
                return self._states.index(state)
            except ValueError:
                raise InvalidParameterError(
                    f"there is no state {state!r}; the states are {self._states!r}."
                ) from None
        if isinstance(state, numbers.Integral) and not isinstance(state, bool):
            if 0 <= state < len(self._states):
                return int(state)
            raise InvalidParameterError(
                f"the states are numbered 0...{len(self._states) - 1}; got state "
                f"{state}."
            )
        raise InvalidParameterError(f"a state is an index or a label; got {state!r}.")

    def state_mask(self, states) -> np.ndarray:
        """Boolean mask of a state or a collection of states (indices, labels,
        or a boolean mask).

        Examples
        --------
        >>> g = StochasticGame.from_normal_form(
        ...     NormalFormGame.from_bimatrix([[1, 0], [0, 1]]), 0.5)
        >>> g.state_mask("s1")
        array([ True])
        """
        mask = np.zeros(len(self._states), dtype=bool)
        if isinstance(states, str | numbers.Integral) and not isinstance(states, bool):
            mask[self._state_index(states)] = True
            return mask
        items = list(states)
        if items and all(isinstance(x, bool | np.bool_) for x in items):
            if len(items) != len(self._states):
                raise InvalidParameterError(
                    f"a mask of states needs {len(self._states)} entries; got "
                    f"{len(items)}."
                )
            return np.array(items, dtype=bool)
        for x in items:
            mask[self._state_index(x)] = True
        return mask

    # ------------------------------------------------------------ attributes
    @property
    def n_states(self) -> int:
        """Number of states."""
        return len(self._states)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def states(self) -> tuple[str, ...]:
        """State labels."""
        return self._states

    @property
    def actions(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Action labels: ``actions[s][i]`` for player ``i`` in state ``s``."""
        return self._actions

    @property
    def n_actions(self) -> tuple[tuple[int, ...], ...]:
        """``n_actions[s][i]``: player ``i``'s number of actions in state ``s``."""
        return self._n_actions

    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """Stage payoffs per state, each of shape ``(n_players, *n_actions[s])``."""
        return self._payoffs

    @property
    def transitions(self) -> tuple[np.ndarray, ...]:
        """Transition probabilities per state, each ``(*n_actions[s], n_states)``."""
        return self._transitions

    @property
    def discount(self):
        """The discount factor(s) as given: one number, or a tuple per player."""
        return self._discount

    @property
    def discounts(self) -> np.ndarray:
        """Each player's discount factor as a float array of shape (n_players,)."""
        return self._discounts

    @property
    def initial(self) -> np.ndarray:
        """The initial distribution over states."""
        return self._initial

    @property
    def is_exact(self) -> bool:
        """True when payoffs, transitions and discount factors are all exact
        (ints, Fractions)."""
        discounts = (
            self._discount if isinstance(self._discount, tuple) else (self._discount,)
        )
        return (
            self._payoffs[0].dtype != np.float64
            and all(t.dtype == object for t in self._transitions)
            and all(_is_exact_number(d) for d in discounts)
        )

    @cached_property
    def payoff_ranges(self) -> tuple[float, ...]:
        """Each player's range of stage payoffs over all states and profiles.

        Tolerances are relative to it: a one-shot deviation gain of at most
        ``tol * payoff_ranges[i]`` in every state bounds the gain of any
        deviation by ``tol`` times the range of discounted values,
        ``payoff_ranges[i] / (1 - discount_i)``.
        """
        out = []
        for i in range(self.n_players):
            high = max(p[i].max() for p in self._payoffs)
            low = min(p[i].min() for p in self._payoffs)
            out.append(float(high - low))
        return tuple(out)

    @cached_property
    def _groups(self) -> tuple[_Group, ...]:
        by_shape: dict[tuple[int, ...], list[int]] = {}
        for s, shape in enumerate(self._n_actions):
            by_shape.setdefault(shape, []).append(s)
        out = []
        for shape, members in by_shape.items():
            payoffs = np.stack(
                [np.asarray(self._payoffs[s], dtype=np.float64) for s in members]
            )
            transitions = np.stack(
                [np.asarray(self._transitions[s], dtype=np.float64) for s in members]
            )
            out.append(
                _Group(
                    shape,
                    _read_only(np.array(members)),
                    _read_only(payoffs),
                    _read_only(transitions),
                )
            )
        return tuple(out)

    def is_zero_sum(self, tol: float = 1e-12) -> bool:
        """True when the stage payoffs add up to zero in every state and
        profile (and, for two players, both discount alike).

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> StochasticGame.from_normal_form(g, 0.9).is_zero_sum()
        True
        """
        if np.ptp(self._discounts) > 0:
            return False
        scale = max(max(self.payoff_ranges), 1.0)
        for p in self._payoffs:
            total = p.sum(axis=0)
            if total.dtype == object:
                if any(v != 0 for v in total.flat):
                    return False
            elif np.abs(total).max() > tol * scale:
                return False
        return True

    def state_game(self, state) -> NormalFormGame:
        """The stage game of one state (index or label) as a
        :class:`NormalFormGame`, with the state's labels.

        Examples
        --------
        >>> g = StochasticGame.from_normal_form(
        ...     NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]), 0.9)
        >>> g.state_game("s1").shape
        (2, 2)
        """
        s = self._state_index(state)
        return NormalFormGame(
            list(self._payoffs[s]), players=self._players, actions=self._actions[s]
        )

    # ----------------------------------------------------------- conversions
    @classmethod
    def from_normal_form(
        cls, game: NormalFormGame, discount=0, *, state: str = "s1"
    ) -> StochasticGame:
        """A one-state stochastic game that repeats ``game`` forever.

        Its stationary equilibria are the Nash equilibria of ``game`` played
        in every period; values are the stage payoffs divided by
        ``1 - discount``. Payoffs keep their exact type.

        Examples
        --------
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g = StochasticGame.from_normal_form(pd, 0.5)
        >>> g.values([(1, 1)])
        array([[2., 2.]])
        """
        if not isinstance(game, NormalFormGame):
            raise InvalidGameError(
                f"from_normal_form needs a NormalFormGame; got {type(game).__name__}."
            )
        payoffs = np.empty((game.n_players, *game.shape), dtype=object)
        for i, arr in enumerate(game.payoff_arrays):
            payoffs[i] = arr
        if not game.is_exact:
            payoffs = payoffs.astype(np.float64)
        transitions = np.ones((*game.shape, 1), dtype=np.int64)
        return cls(
            [payoffs],
            [transitions],
            discount,
            players=game.players,
            actions=game.actions,
            states=(state,),
        )

    @classmethod
    def from_repeated(cls, game) -> StochasticGame:
        """The one-state stochastic game of a
        :class:`~stratgame.repeated.RepeatedGame`'s stage game and discount.

        Only an infinite horizon converts. The stochastic game's values are
        plain discounted sums; the repeated game's normalized payoffs are
        these times ``1 - discount``. Its stationary equilibria are the
        repetitions of stage-game Nash equilibria (the history-dependent
        equilibria of the repeated game are not stationary).

        Examples
        --------
        >>> from stratgame.repeated import RepeatedGame
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> StochasticGame.from_repeated(RepeatedGame(pd, 0.9)).n_states
        1
        """
        stage = getattr(game, "stage_game", None)
        if stage is None or not hasattr(game, "discount"):
            raise InvalidGameError(
                "from_repeated needs a RepeatedGame (with stage_game and discount); "
                f"got {type(game).__name__}."
            )
        if getattr(game, "horizon", None) is not None:
            raise InvalidGameError(
                "only an infinitely repeated game is a stochastic game; this one "
                f"has horizon {game.horizon}."
            )
        return cls.from_normal_form(stage, game.discount)

    def __repr__(self) -> str:
        states = repr(self._states) if self.n_states <= 6 else f"{self.n_states}"
        shapes = set(self._n_actions)
        n_actions = (
            repr(self._n_actions)
            if self.n_states <= 6
            else (repr(next(iter(shapes))) if len(shapes) == 1 else "varying")
        )
        return (
            f"StochasticGame(players={self._players!r}, states={states}, "
            f"n_actions={n_actions}, discount={self._discount!r})"
        )

    # --------------------------------------------------------------- profiles
    def as_profile(self, strategies) -> tuple[tuple[np.ndarray, ...], ...]:
        """Check a stationary strategy profile and return it as float arrays,
        ``out[s][i]`` for player ``i`` in state ``s``.

        Parameters
        ----------
        strategies : sequence
            One entry per state, each a sequence of one strategy per player:
            a probability vector, an action index or an action label.

        Raises
        ------
        InvalidProfileError
            When the profile does not fit the game; the message names the
            state and the player.

        Examples
        --------
        >>> g = StochasticGame.from_normal_form(
        ...     NormalFormGame.from_bimatrix([[1, 0], [0, 1]]), 0.5)
        >>> g.as_profile([("a2", [0.5, 0.5])])
        ((array([0., 1.]), array([0.5, 0.5])),)
        """
        if isinstance(strategies, str) or not isinstance(
            strategies, Sequence | np.ndarray
        ):
            raise InvalidProfileError(
                f"a stationary profile is a sequence of {self.n_states} entries, one "
                f"per state, each holding one strategy per player; got "
                f"{strategies!r}."
            )
        if len(strategies) != self.n_states:
            raise InvalidProfileError(
                f"a stationary profile needs one entry per state ({self.n_states}); "
                f"got {len(strategies)}."
            )
        out = []
        for s, per_state in enumerate(strategies):
            if (
                isinstance(per_state, str)
                or not isinstance(per_state, Sequence | np.ndarray)
                or len(per_state) != self.n_players
            ):
                raise InvalidProfileError(
                    f"state {self._states[s]!r} needs one strategy per player "
                    f"({self.n_players}); got {per_state!r}."
                )
            out.append(tuple(self._strategy(s, i, x) for i, x in enumerate(per_state)))
        return tuple(out)

    def _strategy(self, s: int, i: int, strategy) -> np.ndarray:
        n = self._n_actions[s][i]
        who = f"player {self._players[i]!r} in state {self._states[s]!r}"
        if isinstance(strategy, str):
            try:
                k = self._actions[s][i].index(strategy)
            except ValueError:
                raise InvalidProfileError(
                    f"{who} has no action {strategy!r}; the actions are "
                    f"{self._actions[s][i]!r}."
                ) from None
            return np.eye(n)[k]
        if isinstance(strategy, numbers.Integral) and not isinstance(strategy, bool):
            if not 0 <= strategy < n:
                raise InvalidProfileError(
                    f"{who} has actions 0...{n - 1}; got action index {strategy}."
                )
            return np.eye(n)[int(strategy)]
        try:
            arr = np.asarray(strategy, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidProfileError(
                f"{who} needs a probability vector, an action index or a label; got "
                f"{strategy!r}."
            ) from None
        if arr.shape != (n,):
            raise InvalidProfileError(
                f"{who} has {n} actions, so a mixed strategy is a vector of length "
                f"{n}; got shape {arr.shape}."
            )
        if (
            not np.all(np.isfinite(arr))
            or arr.min() < -1e-8
            or abs(arr.sum() - 1) > 1e-8
        ):
            raise InvalidProfileError(
                f"{who} needs a probability vector (entries >= 0 summing to 1, "
                f"within 1e-8); got {arr.tolist()!r}."
            )
        return arr

    def _grouped(self, profile) -> list[list[np.ndarray]]:
        """A checked profile as, per group, one ``(k, n_i)`` array per player."""
        return [
            [
                np.stack([profile[s][i] for s in group.states])
                for i in range(self.n_players)
            ]
            for group in self._groups
        ]

    # -------------------------------------------------------------- the maths
    def _induced(self, grouped) -> tuple[np.ndarray, np.ndarray]:
        """Expected stage payoffs ``(S, N)`` and transition matrix ``(S, S)``
        of a grouped stationary profile."""
        r = np.empty((self.n_states, self.n_players))
        P = np.empty((self.n_states, self.n_states))
        for group, sigma in zip(self._groups, grouped, strict=True):
            k = len(group.states)
            joint = joint_probabilities(sigma)
            r[group.states] = np.einsum(
                "knj,kj->kn", group.payoffs.reshape(k, self.n_players, -1), joint
            )
            P[group.states] = np.einsum(
                "kjt,kj->kt", group.transitions.reshape(k, joint.shape[1], -1), joint
            )
        return r, P

    def _values(self, r: np.ndarray, P: np.ndarray) -> np.ndarray:
        """Solve ``(I - discount_i P) V_i = r_i`` for every player."""
        n = self.n_states
        if np.ptp(self._discounts) == 0:
            return np.linalg.solve(np.eye(n) - self._discounts[0] * P, r)
        return np.stack(
            [
                np.linalg.solve(np.eye(n) - d * P, r[:, i])
                for i, d in enumerate(self._discounts)
            ],
            axis=1,
        )

    def _action_values(self, grouped, values: np.ndarray) -> list[list[np.ndarray]]:
        """Per group and player: ``(k, n_i)`` one-shot deviation values
        ``u_i(s, a_i, sigma_-i) + discount_i E[V_i(next state)]``."""
        out = []
        for group, sigma in zip(self._groups, grouped, strict=True):
            continuation = group.transitions @ values  # (k, *shape, N)
            per_player = []
            for i in range(self.n_players):
                total = group.payoffs[:, i] + self._discounts[i] * continuation[..., i]
                per_player.append(contract_others(total, sigma, i))
            out.append(per_player)
        return out

    def _regret_values(self, grouped):
        """Values ``(S, N)`` and one-shot deviation gains ``(S, N)``."""
        r, P = self._induced(grouped)
        values = self._values(r, P)
        gains = np.zeros((self.n_states, self.n_players))
        for group, q in zip(
            self._groups, self._action_values(grouped, values), strict=True
        ):
            for i, q_i in enumerate(q):
                gains[group.states, i] = q_i.max(axis=1) - values[group.states, i]
        return values, np.maximum(gains, 0.0)

    def values(self, strategies) -> np.ndarray:
        """Each player's expected discounted payoff from every state under a
        stationary profile: shape ``(n_states, n_players)``.

        Solves ``(I - discount_i P) V_i = r_i`` with ``P`` the induced
        transition matrix and ``r_i`` the expected stage payoffs.
        """
        profile = self.as_profile(strategies)
        return self._values(*self._induced(self._grouped(profile)))

    def action_values(
        self, strategies, values=None
    ) -> tuple[tuple[np.ndarray, ...], ...]:
        """``out[s][i][a]``: player ``i``'s value of playing ``a`` once in
        state ``s`` and following the profile afterwards (its stage payoff
        against the others' mixed actions plus the discounted value of the
        next state).

        Parameters
        ----------
        strategies : sequence
            A stationary profile (see :meth:`as_profile`).
        values : array_like, optional
            Continuation values ``(n_states, n_players)``; default the
            profile's own (:meth:`values`).

        Examples
        --------
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g = StochasticGame.from_normal_form(pd, 0.5)
        >>> g.action_values([(0, 0)])[0][0]
        array([6., 8.])
        """
        profile = self.as_profile(strategies)
        grouped = self._grouped(profile)
        if values is None:
            values = self._values(*self._induced(grouped))
        else:
            values = np.asarray(values, dtype=np.float64)
            if values.shape != (self.n_states, self.n_players):
                raise InvalidParameterError(
                    f"values must have shape ({self.n_states}, {self.n_players}); "
                    f"got {values.shape}."
                )
        out: list[Any] = [None] * self.n_states
        for group, q in zip(
            self._groups, self._action_values(grouped, values), strict=True
        ):
            for row, s in enumerate(group.states):
                out[s] = tuple(q_i[row] for q_i in q)
        return tuple(out)

    def regret(self, strategies, *, relative: bool = False) -> np.ndarray:
        """One-shot deviation gains: ``out[s, i]`` is the most player ``i``
        gains by playing another action once in state ``s`` and following
        the profile afterwards.

        A stationary profile is a Markov-perfect equilibrium exactly when
        every gain is zero (the one-shot deviation principle). A gain of at
        most ``eps`` everywhere bounds the gain of any deviation, however
        long, by ``eps / (1 - discount_i)``.

        Parameters
        ----------
        strategies : sequence
            A stationary profile (see :meth:`as_profile`).
        relative : bool
            Divide player ``i``'s gains by its stage payoff range
            (:attr:`payoff_ranges`; 0 when all its payoffs are equal).

        Examples
        --------
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g = StochasticGame.from_normal_form(pd, 0.5)
        >>> g.regret([(0, 0)])
        array([[2., 2.]])
        >>> g.regret([(1, 1)])
        array([[0., 0.]])
        """
        profile = self.as_profile(strategies)
        gains = self._regret_values(self._grouped(profile))[1]
        if relative:
            ranges = np.array(self.payoff_ranges)
            safe = np.where(ranges > 0, ranges, 1.0)
            gains = np.where(ranges > 0, gains / safe, 0.0)
        return gains

    def is_markov_perfect(self, strategies, tol: float = 1e-9) -> bool:
        """True when no player gains more than ``tol`` times its stage payoff
        range from a one-shot deviation in any state.

        Examples
        --------
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g = StochasticGame.from_normal_form(pd, 0.5)
        >>> g.is_markov_perfect([("a2", "a2")]), g.is_markov_perfect([(0, 0)])
        (True, False)
        """
        tol = check_real(tol, "tol", "is_markov_perfect", low=0)
        return bool(self.regret(strategies, relative=True).max() <= tol)

    # ---------------------------------------------------- the induced chain
    def transition_matrix(self, strategies) -> np.ndarray:
        """The ``(n_states, n_states)`` transition matrix of the Markov chain
        over states that a stationary profile induces.

        Examples
        --------
        >>> g = StochasticGame([[[1]], [[0]]], [[[0.5, 0.5]], [[0, 1]]], 0.9)
        >>> g.transition_matrix([(0,), (0,)])
        array([[0.5, 0.5],
               [0. , 1. ]])
        """
        profile = self.as_profile(strategies)
        return self._induced(self._grouped(profile))[1]

    def stationary_distribution(self, strategies, initial=None) -> np.ndarray:
        """The long-run distribution of the states under a stationary profile.

        When the induced chain has a single closed class this is its unique
        stationary distribution; otherwise the long-run average distribution
        from ``initial`` (default the game's :attr:`initial`), which weights
        each closed class by the chance of ending up there (Kemeny & Snell
        1960, *Finite Markov Chains*).

        Examples
        --------
        >>> g = StochasticGame([[[1]], [[0]]], [[[0.5, 0.5]], [[0.25, 0.75]]], 0.9)
        >>> g.stationary_distribution([(0,), (0,)])
        array([0.33333333, 0.66666667])
        """
        P = self.transition_matrix(strategies)
        start = (
            self._initial if initial is None else self._initial_distribution(initial)
        )
        return _markov.long_run_distribution(P, start)

    def hitting_times(self, strategies, target) -> np.ndarray:
        """Expected number of periods until play first reaches a state of
        ``target``, from every state (0 on the target, ``inf`` where it may
        never get there).

        Parameters
        ----------
        strategies : sequence
            A stationary profile.
        target : int, str, or collection of them, or boolean mask
            The target set of states.

        Examples
        --------
        How long a lead lasts: from ``lead``, the expected periods until
        ``behind``.

        >>> g = StochasticGame([[[1]], [[0]]], [[[0.9, 0.1]], [[0.5, 0.5]]], 0.9,
        ...                    states=("lead", "behind"))
        >>> g.hitting_times([(0,), (0,)], "behind")
        array([10.,  0.])
        """
        P = self.transition_matrix(strategies)
        return _markov.hitting_times(P, self.state_mask(target))

    def simulate(self, strategies, n_periods: int, *, initial=None, rng=None):
        """Simulate play of a stationary profile.

        Parameters
        ----------
        strategies : sequence
            A stationary profile.
        n_periods : int
            Number of periods played.
        initial : int, str or array_like, optional
            The starting state (or a distribution to draw it from); default
            the game's :attr:`initial`.
        rng : None, int or numpy.random.Generator
            Source of randomness.

        Returns
        -------
        SamplePath

        Examples
        --------
        >>> g = StochasticGame([[[1]], [[0]]], [[[0.9, 0.1]], [[0.5, 0.5]]], 0.9,
        ...                    states=("lead", "behind"))
        >>> path = g.simulate([(0,), (0,)], 5, rng=1)
        >>> path.states.tolist(), path.payoffs[:, 0].tolist()
        ([0, 0, 0, 0, 0, 0], [1.0, 1.0, 1.0, 1.0, 1.0])
        """
        profile = self.as_profile(strategies)
        n_periods = check_integer(n_periods, "n_periods", "simulate", low=0)
        rng = check_rng(rng)
        start = (
            self._initial if initial is None else self._initial_distribution(initial)
        )
        state = int(rng.choice(self.n_states, p=start))
        states = np.empty(n_periods + 1, dtype=np.int64)
        actions = np.empty((n_periods, self.n_players), dtype=np.int64)
        payoffs = np.empty((n_periods, self.n_players))
        cumulative = [[np.cumsum(x) for x in per_state] for per_state in profile]
        moves = [
            np.cumsum(np.asarray(t, dtype=np.float64), axis=-1)
            for t in self._transitions
        ]
        stage = [np.asarray(p, dtype=np.float64) for p in self._payoffs]
        draws = rng.random((n_periods, self.n_players + 1))
        states[0] = state
        for t in range(n_periods):
            profile_t = tuple(
                min(int(np.searchsorted(c, draws[t, i], side="right")), len(c) - 1)
                for i, c in enumerate(cumulative[state])
            )
            actions[t] = profile_t
            payoffs[t] = stage[state][(slice(None), *profile_t)]
            row = moves[state][profile_t]
            state = min(
                int(np.searchsorted(row, draws[t, -1], side="right")), self.n_states - 1
            )
            states[t + 1] = state
        return SamplePath(states=states, actions=actions, payoffs=payoffs, game=self)


def joint_probabilities(sigma: Sequence[np.ndarray]) -> np.ndarray:
    """``(k, prod n_i)``: the probability of every action profile in each of
    ``k`` states, from one ``(k, n_i)`` array per player (row-major order of
    the profiles)."""
    joint = sigma[0]
    for s in sigma[1:]:
        joint = (joint[:, :, None] * s[:, None, :]).reshape(joint.shape[0], -1)
    return joint


def contract_others(tensor: np.ndarray, sigma: Sequence[np.ndarray], player: int):
    """Contract ``tensor`` of shape ``(k, n_1, ..., n_N)`` with every player's
    ``(k, n_j)`` mixed actions except ``player``'s: shape ``(k, n_player)``."""
    out = tensor
    for j in reversed(range(len(sigma))):
        if j == player:
            continue
        shape = [sigma[j].shape[0]] + [1] * (out.ndim - 1)
        shape[j + 1] = sigma[j].shape[1]
        out = (out * sigma[j].reshape(shape)).sum(axis=j + 1)
    return out


def _read_only(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class SamplePath:
    """A simulated path of play in a stochastic game.

    Attributes
    ----------
    states : numpy.ndarray
        The ``n_periods + 1`` states visited (indices), the start first.
    actions : numpy.ndarray
        ``(n_periods, n_players)``: the action each player took.
    payoffs : numpy.ndarray
        ``(n_periods, n_players)``: the stage payoffs received.
    game : StochasticGame
    """

    states: np.ndarray
    actions: np.ndarray
    payoffs: np.ndarray
    game: Any = field(repr=False, default=None)

    @property
    def n_periods(self) -> int:
        """Number of periods played."""
        return len(self.actions)

    def visits(self) -> dict[str, int]:
        """How often each state was visited (the start included), by label."""
        counts = np.bincount(self.states, minlength=self.game.n_states)
        return {s: int(c) for s, c in zip(self.game.states, counts, strict=True)}

    def discounted_payoffs(self) -> np.ndarray:
        """Each player's discounted sum of the payoffs along the path."""
        weights = self.game.discounts[None, :] ** np.arange(self.n_periods)[:, None]
        return (weights * self.payoffs).sum(axis=0)

    def to_dict(self) -> dict:
        """A JSON-ready dict with states and actions by label."""
        g = self.game
        return {
            "states": [g.states[s] for s in self.states],
            "actions": [
                {
                    player: g.actions[s][i][a]
                    for i, (player, a) in enumerate(zip(g.players, row, strict=True))
                }
                for s, row in zip(self.states[:-1], self.actions, strict=True)
            ],
            "payoffs": self.payoffs.tolist(),
        }

    def __repr__(self) -> str:
        g = self.game
        mean = self.payoffs.mean(axis=0) if self.n_periods else np.zeros(g.n_players)
        return (
            f"SamplePath(n_periods={self.n_periods}, start={g.states[self.states[0]]!r}, "
            f"end={g.states[self.states[-1]]!r}, visits={self.visits()}, "
            f"mean_payoffs={by_player(g.players, mean)})"
        )

    def _repr_html_(self) -> str:
        g = self.game
        rows = "".join(
            f"<tr><td>{html.escape(label(s))}</td><td>{c}</td></tr>"
            for s, c in self.visits().items()
        )
        return (
            f"<p>{self.n_periods} periods from {html.escape(label(g.states[self.states[0]]))}"
            f"</p><table><tr><th>state</th><th>visits</th></tr>{rows}</table>"
        )


def random_stochastic_game(
    n_states: int,
    n_players: int = 2,
    n_actions: int = 2,
    discount=0.95,
    rng=None,
    *,
    zero_sum: bool = False,
    n_successors: int | None = None,
) -> StochasticGame:
    """A stochastic game with random payoffs and transitions.

    Stage payoffs are uniform on [0, 1); each transition row is uniform on
    the simplex (normalized exponentials), the random games of sgamesolver
    (Eibelshäuser & Poensgen, ``SGame.random_game``). With ``n_successors``
    each row puts its mass on that many states drawn at random (a sparse
    chain, as in large models).

    Parameters
    ----------
    n_states, n_players, n_actions : int
        Sizes (every player has ``n_actions`` actions in every state).
    discount : float or sequence of float
        Discount factor(s) in [0, 1).
    rng : None, int or numpy.random.Generator
    zero_sum : bool
        Two players only: the column player's payoffs are minus the row
        player's.
    n_successors : int, optional
        Number of possible next states of each action profile.

    Examples
    --------
    >>> g = random_stochastic_game(3, 2, 2, rng=0)
    >>> g.n_states, g.n_actions[0]
    (3, (2, 2))
    """
    owner = "random_stochastic_game"
    n_states = check_integer(n_states, "n_states", owner, low=1)
    n_players = check_integer(n_players, "n_players", owner, low=1)
    n_actions = check_integer(n_actions, "n_actions", owner, low=1)
    if zero_sum and n_players != 2:
        raise InvalidParameterError(
            f"zero_sum=True needs two players; got n_players={n_players}."
        )
    if n_successors is not None:
        n_successors = check_integer(
            n_successors, "n_successors", owner, low=1, high=n_states
        )
    rng = check_rng(rng)
    shape = (n_actions,) * n_players
    payoffs, transitions = [], []
    for _ in range(n_states):
        u = rng.random((n_players, *shape))
        if zero_sum:
            u[1] = -u[0]
        payoffs.append(u)
        phi = rng.exponential(size=(*shape, n_states))
        if n_successors is not None and n_successors < n_states:
            keep = np.argpartition(
                rng.random((*shape, n_states)), n_successors - 1, axis=-1
            )[..., :n_successors]
            mask = np.zeros(phi.shape, dtype=bool)
            np.put_along_axis(mask, keep, True, axis=-1)
            phi = np.where(mask, phi, 0.0)
        transitions.append(phi / phi.sum(axis=-1, keepdims=True))
    return StochasticGame(payoffs, transitions, discount)
