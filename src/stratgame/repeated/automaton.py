"""Strategies of a repeated game as finite automata.

An automaton (Mailath & Samuelson 2006, *Repeated Games and Reputations*,
Section 2.3) has a finite set of states, an initial state, an output function
giving the action (pure or mixed) it plays in each state, and a transition
function giving the next state from the current state and the action profile
just realized. Here the profile is seen from the automaton's own point of
view: its own action first, then the other players' actions in increasing
player order. The same automaton can so be used by any player of a game
whose action counts fit.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from ..exceptions import InvalidProfileError, StratgameError

__all__ = ["Automaton", "InvalidAutomatonError"]

_PROBABILITY_TOL = 1e-9


class InvalidAutomatonError(StratgameError, ValueError):
    """An automaton was built from inconsistent data (missing or out-of-range
    transitions, bad action probabilities, a bad initial state)."""


def _state_policy(action, n_actions: int, state: int) -> np.ndarray:
    """One state's action as an object array of exact probabilities."""
    if isinstance(action, numbers.Integral) and not isinstance(action, bool):
        if not 0 <= action < n_actions:
            raise InvalidAutomatonError(
                f"state {state} plays action {action}, but the automaton has "
                f"actions 0...{n_actions - 1}."
            )
        out = np.full(n_actions, Fraction(0), dtype=object)
        out[int(action)] = Fraction(1)
        return out
    arr = np.asarray(action, dtype=object)
    if arr.ndim != 1 or arr.shape[0] != n_actions:
        raise InvalidAutomatonError(
            f"state {state}'s action must be an action index or a probability "
            f"vector of length {n_actions}; got {action!r}."
        )
    try:
        probs = np.array([Fraction(p) for p in arr], dtype=object)
    except (TypeError, ValueError):
        raise InvalidAutomatonError(
            f"state {state}'s mixed action must hold real probabilities; got "
            f"{action!r}."
        ) from None
    total = sum(probs)
    if any(p < 0 for p in probs) or abs(total - 1) > _PROBABILITY_TOL:
        raise InvalidAutomatonError(
            f"state {state}'s mixed action must be a probability vector (entries "
            f">= 0 summing to 1); got {[float(p) for p in probs]!r}."
        )
    return probs


def _table_from_mapping(mapping, shape: tuple[int, ...]) -> np.ndarray:
    table = np.full(shape, -1, dtype=np.int64)
    for key, target in mapping.items():
        index = key if isinstance(key, tuple) else (key,)
        if len(index) != len(shape) or any(
            not isinstance(k, numbers.Integral) or not 0 <= k < n
            for k, n in zip(index, shape, strict=False)
        ):
            raise InvalidAutomatonError(
                f"transition key {key!r} must be a tuple (state, action, ...) of "
                f"{len(shape)} indices within {shape}."
            )
        table[tuple(int(k) for k in index)] = _state_index(target, shape[0], key)
    return table


def _state_index(target, n_states: int, where) -> int:
    if (
        isinstance(target, numbers.Integral)
        and not isinstance(target, bool)
        and 0 <= target < n_states
    ):
        return int(target)
    raise InvalidAutomatonError(
        f"the transition at {where!r} leads to {target!r}, but the states are "
        f"0...{n_states - 1}."
    )


class Automaton:
    """A finite-automaton strategy for a repeated game.

    Parameters
    ----------
    actions : sequence
        One entry per state: the action index played there, or a probability
        vector over the automaton's actions (a mixed action). All vectors must
        have the same length, the automaton's number of actions.
    transitions : array_like of int, or mapping
        The next state after each realized action profile. As an array its
        shape is ``(n_states, n_own, n_other_1, ..., n_other_K)``: the state,
        the automaton's own realized action, then the other players' realized
        actions in increasing player order. As a mapping, keys are tuples
        ``(state, own, other_1, ...)`` and every combination must be present.
        With ``own_action=False`` the own-action axis is left out (the
        automaton reacts to the others only).
    initial : int, default 0
        The initial state.
    own_action : bool, default True
        Whether ``transitions`` has the own-action axis.
    name : str, optional
        A label used in tournaments and reprs.
    n_actions : int, optional
        The number of own actions, needed only when every state plays a pure
        action and the count cannot be read from ``transitions``
        (``own_action=False``). Default: the number of actions of the others'
        first axis, i.e. a symmetric game.

    Raises
    ------
    InvalidAutomatonError
        When a transition is missing or leads outside the states, a state's
        action is not a valid action or probability vector, or the initial
        state does not exist.

    Examples
    --------
    Tit-for-tat in a two-action game (action 0 = cooperate): copy the other
    player's last action.

    >>> tft = Automaton([0, 1], [[0, 1], [0, 1]], own_action=False,
    ...                 name="tit for tat")
    >>> tft
    Automaton('tit for tat', n_states=2, n_actions=2, n_players=2, pure)
    >>> tft.next_state(0, own=0, others=(1,))
    1
    """

    def __init__(
        self,
        actions,
        transitions,
        initial: int = 0,
        *,
        own_action: bool = True,
        name: str = "",
        n_actions: int | None = None,
    ):
        if isinstance(actions, str) or not isinstance(actions, Sequence | np.ndarray):
            raise InvalidAutomatonError(
                f"actions must hold one action per state; got {actions!r}."
            )
        n_states = len(actions)
        if n_states == 0:
            raise InvalidAutomatonError("an automaton needs at least one state.")
        if isinstance(transitions, Mapping):
            shape = self._mapping_shape(actions, transitions, own_action, n_actions)
            table = _table_from_mapping(transitions, (n_states, *shape))
        else:
            table = self._array_table(transitions, n_states)
        if not own_action:
            own = self._own_count(actions, table.shape[1:], n_actions)
            table = np.broadcast_to(
                table[:, None, ...], (table.shape[0], own, *table.shape[1:])
            ).copy()
        missing = np.argwhere(table < 0)
        if missing.size:
            first = tuple(int(k) for k in missing[0])
            raise InvalidAutomatonError(
                f"the automaton has {len(missing)} missing transition(s); e.g. none "
                f"is given for (state, own action, others' actions) = {first}."
            )
        if table.max() >= n_states:
            bad = tuple(int(k) for k in np.argwhere(table >= n_states)[0])
            raise InvalidAutomatonError(
                f"the transition at {bad} leads to state {int(table[bad])}, but the "
                f"states are 0...{n_states - 1}."
            )
        n_own = table.shape[1]
        policy = np.array(
            [_state_policy(a, n_own, k) for k, a in enumerate(actions)], dtype=object
        )
        self._exact_policy = policy
        self._policy = policy.astype(np.float64)
        self._policy.flags.writeable = False
        self._is_pure = bool(np.all((self._policy == 0) | (self._policy == 1)))
        self._transitions = table
        self._transitions.flags.writeable = False
        self._initial = _state_index(initial, n_states, "initial")
        self.name = str(name)

    @staticmethod
    def _own_count(actions, others_shape, n_actions) -> int:
        for a in actions:
            if not isinstance(a, numbers.Integral):
                return len(a)
        if n_actions is not None:
            return int(n_actions)
        if not others_shape:
            raise InvalidAutomatonError("a one-player automaton needs own_action=True.")
        return int(others_shape[0])

    @classmethod
    def _mapping_shape(cls, actions, mapping, own_action, n_actions):
        keys = list(mapping)
        if not keys:
            raise InvalidAutomatonError("transitions must not be empty.")
        width = len(keys[0]) if isinstance(keys[0], tuple) else 1
        if any((len(k) if isinstance(k, tuple) else 1) != width for k in keys):
            raise InvalidAutomatonError(
                "every transition key must have the same length (state, actions...)."
            )
        sizes = [1 + max(int(k[axis]) for k in keys) for axis in range(1, width)]
        if own_action and sizes:
            mixed = [a for a in actions if not isinstance(a, numbers.Integral)]
            if mixed:
                sizes[0] = max(sizes[0], len(mixed[0]))
            elif n_actions is not None:
                sizes[0] = max(sizes[0], int(n_actions))
        return tuple(sizes)

    @staticmethod
    def _array_table(transitions, n_states: int) -> np.ndarray:
        try:
            raw = np.array(transitions, dtype=object)
        except ValueError:
            raise InvalidAutomatonError(
                "transitions must form a rectangular array of state indices "
                "(state, own action, others' actions); rows of different lengths "
                "mean missing transitions."
            ) from None
        if any(isinstance(v, list | tuple | np.ndarray) for v in raw.flat):
            raise InvalidAutomatonError(
                "transitions must form a rectangular array of state indices "
                "(state, own action, others' actions); rows of different lengths "
                "mean missing transitions."
            )
        if raw.ndim < 2 or raw.shape[0] != n_states:
            raise InvalidAutomatonError(
                f"transitions must have one entry per state ({n_states}) on its "
                f"first axis and at least one action axis; got shape {raw.shape}."
            )
        table = np.full(raw.shape, -1, dtype=np.int64)
        for index, value in np.ndenumerate(raw):
            if value is None:
                continue
            table[index] = _state_index(value, n_states, index)
        return table

    # ------------------------------------------------------------ properties
    @property
    def n_states(self) -> int:
        """Number of states."""
        return self._transitions.shape[0]

    @property
    def n_actions(self) -> int:
        """Number of the automaton's own actions."""
        return self._transitions.shape[1]

    @property
    def others_shape(self) -> tuple[int, ...]:
        """Numbers of actions of the other players, in player order."""
        return tuple(self._transitions.shape[2:])

    @property
    def n_players(self) -> int:
        """Number of players of the games the automaton is written for."""
        return self._transitions.ndim - 1

    @property
    def initial(self) -> int:
        """The initial state."""
        return self._initial

    @property
    def policy(self) -> np.ndarray:
        """Action probabilities, shape ``(n_states, n_actions)``, float64."""
        return self._policy

    @property
    def exact_policy(self) -> np.ndarray:
        """Action probabilities as an object array of Fractions."""
        return self._exact_policy

    @property
    def transitions(self) -> np.ndarray:
        """Next-state table, shape ``(n_states, n_own, *others_shape)``."""
        return self._transitions

    @property
    def is_pure(self) -> bool:
        """True when every state plays one action with probability one."""
        return self._is_pure

    def next_state(self, state: int, own: int, others: Sequence[int]) -> int:
        """The state after the automaton played ``own`` and the others ``others``."""
        return int(self._transitions[(state, own, *others)])

    def equivalent(self, other: Automaton) -> bool:
        """True when both automata play the same (mixed) action after every
        history, i.e. they are the same strategy.

        Checked on the pairs of states reachable together from the initial
        states (Hopcroft & Ullman 1979, equivalence of finite automata).

        Examples
        --------
        >>> a = Automaton([0, 1], [[0, 1], [0, 1]], own_action=False)
        >>> b = Automaton([0, 1, 1], [[0, 1], [0, 2], [0, 2]], own_action=False)
        >>> a.equivalent(b)
        True
        """
        if (self.n_actions, self.others_shape) != (other.n_actions, other.others_shape):
            return False
        start = (self._initial, other._initial)
        seen = {start}
        stack = [start]
        while stack:
            p, q = stack.pop()
            if any(
                x != y
                for x, y in zip(
                    self._exact_policy[p], other._exact_policy[q], strict=True
                )
            ):
                return False
            for nxt in zip(
                self._transitions[p].ravel(), other._transitions[q].ravel(), strict=True
            ):
                pair = (int(nxt[0]), int(nxt[1]))
                if pair not in seen:
                    seen.add(pair)
                    stack.append(pair)
        return True

    def check_fits(self, shape: Sequence[int], player: int) -> None:
        """Check that the automaton can be used by ``player`` in a game whose
        action counts are ``shape``.

        Raises
        ------
        InvalidProfileError
            When the number of players or of actions does not match.
        """
        expected_others = tuple(n for j, n in enumerate(shape) if j != player)
        if len(shape) != self.n_players or (
            self.n_actions != shape[player] or self.others_shape != expected_others
        ):
            raise InvalidProfileError(
                f"strategy {self.label!r} for player {player} is written for action "
                f"counts own={self.n_actions}, others={self.others_shape}, but the "
                f"stage game has own={shape[player]}, others={expected_others} "
                f"(shape {tuple(shape)})."
            )

    @property
    def label(self) -> str:
        """The name, or a description when the automaton has none."""
        return self.name or f"automaton with {self.n_states} states"

    def __repr__(self) -> str:
        kind = "pure" if self.is_pure else "mixed"
        return (
            f"Automaton({self.label!r}, n_states={self.n_states}, "
            f"n_actions={self.n_actions}, n_players={self.n_players}, {kind})"
        )
