"""Polymatrix games: each player's payoff is the sum of its payoffs in
bimatrix games against its neighbours on a graph of players (Janovskaya
1968; Howson 1972, "Equilibria of polymatrix games", Management Science 18).

The natural form for many nations or labs each facing the others
bilaterally: a game of ``N`` players with ``n`` actions each needs only the
``N (N - 1)`` matrices of its edges, not the ``n ** N`` profiles of its
normal form.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property

import numpy as np

from ..exceptions import InvalidGameError, InvalidProfileError
from .normal_form import NormalFormGame, _labels, _payoff_array

__all__ = ["PolymatrixGame"]

_PROBABILITY_TOL = 1e-8


class PolymatrixGame:
    """A game whose payoffs are sums of pairwise bimatrix games.

    Player ``i``'s payoff at a profile ``(a_1, ..., a_N)`` is
    ``sum_j A[i, j][a_i, a_j]`` over the players ``j`` it meets (the pairs
    given); under mixed strategies, ``sum_j x_i @ A[i, j] @ x_j``.

    Parameters
    ----------
    payoffs : mapping
        ``{(i, j): A}``: player ``i``'s payoff matrix against player ``j``
        (``n_i x n_j``), for each ordered pair that interacts; a pair left
        out contributes nothing (an edge may be one-sided). Entries may be
        ints, floats or Fractions (exact games stay exact).
    players : sequence of str, optional
        Player labels (default ``"P1", ...``); their number is the number
        of players, else it is one more than the largest index used.
    actions : sequence of sequences of str, optional
        Action labels per player; needed (or ``n_actions``) for a player
        that meets no one.
    n_actions : sequence of int, optional
        The number of actions of each player, when not given by labels.

    Raises
    ------
    InvalidGameError
        For a pair that is not two distinct players, matrices whose shapes
        disagree, non-finite payoffs, or labels of the wrong number.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.PolymatrixGame(
    ...     {(0, 1): [[3, 0], [5, 1]], (1, 0): [[3, 0], [5, 1]],
    ...      (1, 2): [[1, 0], [0, 1]], (2, 1): [[1, 0], [0, 1]]},
    ...     players=("US", "China", "EU"))
    >>> g
    PolymatrixGame(players=('US', 'China', 'EU'), shape=(2, 2, 2), edges=2)
    >>> [float(v) for v in g.expected_payoffs(([0, 1], [0, 1], [0, 1]))]
    [1.0, 2.0, 1.0]
    >>> g.to_normal_form().shape
    (2, 2, 2)
    """

    def __init__(self, payoffs, players=None, actions=None, n_actions=None):
        if not isinstance(payoffs, Mapping):
            raise InvalidGameError(
                "payoffs must be a mapping {(i, j): matrix} of player i's payoffs "
                f"against player j; got {type(payoffs).__name__}."
            )
        matrices = {}
        for key, matrix in payoffs.items():
            if (
                not isinstance(key, tuple)
                or len(key) != 2
                or not all(
                    isinstance(k, numbers.Integral) and not isinstance(k, bool)
                    for k in key
                )
                or key[0] == key[1]
                or min(key) < 0
            ):
                raise InvalidGameError(
                    "each key of payoffs must be a pair (i, j) of two distinct "
                    f"player indices >= 0; got {key!r}."
                )
            i, j = int(key[0]), int(key[1])
            array = _payoff_array(matrix, i)
            if array.ndim != 2 or 0 in array.shape:
                raise InvalidGameError(
                    f"the payoff matrix of player {i} against player {j} must be "
                    f"a nonempty 2-D array; got shape {array.shape}."
                )
            matrices[i, j] = array
        if players is not None:
            n = len(players)
        elif actions is not None:
            n = len(actions)
        elif n_actions is not None:
            n = len(n_actions)
        else:
            n = 1 + max((max(k) for k in matrices), default=-1)
        if n < 1:
            raise InvalidGameError("a polymatrix game needs at least one player.")
        shape: list[int | None] = [None] * n
        if n_actions is not None:
            if len(n_actions) != n:
                raise InvalidGameError(
                    f"n_actions must give one count per player ({n}); got "
                    f"{list(n_actions)!r}."
                )
            shape = [int(k) for k in n_actions]
        if actions is not None and len(actions) == n:
            for i, labels in enumerate(actions):
                if not isinstance(labels, str) and shape[i] is None:
                    shape[i] = len(labels)
        for (i, j), array in sorted(matrices.items()):
            if max(i, j) >= n:
                raise InvalidGameError(
                    f"payoffs name player {max(i, j)}, but the game has {n} "
                    f"players (0 to {n - 1})."
                )
            for player, size in ((i, array.shape[0]), (j, array.shape[1])):
                if shape[player] is None:
                    shape[player] = size
                elif shape[player] != size:
                    raise InvalidGameError(
                        f"player {player} has {shape[player]} actions, but the "
                        f"matrix of pair ({i}, {j}) has shape {array.shape}."
                    )
        missing = [i for i, k in enumerate(shape) if k is None]
        if missing:
            raise InvalidGameError(
                f"player {missing[0]} meets no one, so its number of actions is "
                "unknown; give actions= or n_actions=."
            )
        if any(k < 1 for k in shape):
            raise InvalidGameError("every player needs at least one action.")
        kinds = {a.dtype.kind for a in matrices.values()}
        for key, array in matrices.items():
            if "f" in kinds:
                array = array.astype(np.float64)
            elif kinds != {"i"} and array.dtype.kind == "i":
                array = np.vectorize(Fraction, otypes=[object])(array)
            array.flags.writeable = False
            matrices[key] = array
        self._matrices = dict(sorted(matrices.items()))
        self._exact = "f" not in kinds
        self._shape = tuple(int(k) for k in shape)
        self._players = _labels(players, n, lambda k: f"P{k + 1}", "players")
        if actions is None:
            actions = [None] * n
        elif isinstance(actions, str) or len(actions) != n:
            raise InvalidGameError(
                f"actions must hold one sequence of labels per player ({n}); "
                f"got {actions!r}."
            )
        self._actions = tuple(
            _labels(acts, k, lambda m: f"a{m + 1}", f"actions of player {p!r}")
            for acts, k, p in zip(actions, self._shape, self._players, strict=True)
        )

    @classmethod
    def from_normal_form(cls, game: NormalFormGame, tol: float = 1e-9):
        """The polymatrix form of a normal-form game whose payoffs are sums
        of pairwise terms (every two-player game is one).

        Raises
        ------
        InvalidGameError
            When some player's payoffs are not such a sum (within ``tol``
            times the player's payoff range).

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> PolymatrixGame.from_normal_form(g).payoff_matrix(0, 1).tolist()
        [[1.0, -1.0], [-1.0, 1.0]]
        """
        n, shape = game.n_players, game.shape
        matrices = {}
        for i, U in enumerate(game.float_payoff_arrays):
            others = [j for j in range(n) if j != i]
            if not others:
                break
            # With every other player at its first action as the base:
            # A_ij[a_i, a_j] = u_i(a_i, a_j, base) - u_i(a_i, base), the
            # base payoff carried by the first neighbour.
            base_index = [0] * n
            base_index[i] = slice(None)
            base = U[tuple(base_index)]
            rebuilt = np.zeros(shape)
            for j in others:
                index = [0] * n
                index[i], index[j] = slice(None), slice(None)
                term = U[tuple(index)]
                term = (term if i < j else term.T) - base[:, None]
                if j == others[0]:
                    term = term + base[:, None]
                matrices[i, j] = term
                keep = [1] * n
                keep[i], keep[j] = shape[i], shape[j]
                rebuilt = rebuilt + (term if i < j else term.T).reshape(keep)
            span = float(U.max() - U.min()) or 1.0
            residual = float(np.abs(rebuilt - U).max())
            if residual > tol * span:
                raise InvalidGameError(
                    f"player {i}'s payoffs are not a sum of pairwise terms "
                    f"(residual {residual:.3g}); not a polymatrix game."
                )
        return cls(
            matrices, players=game.players, actions=game.actions, n_actions=shape
        )

    # ------------------------------------------------------------ structure
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._shape)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return self._shape

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels, one tuple per player."""
        return self._actions

    @property
    def edges(self) -> tuple[tuple[int, int], ...]:
        """The ordered pairs ``(i, j)`` with a payoff matrix."""
        return tuple(self._matrices)

    @property
    def is_exact(self) -> bool:
        """True when every matrix holds ints or Fractions."""
        return self._exact

    def payoff_matrix(self, i: int, j: int) -> np.ndarray:
        """Player ``i``'s payoffs against player ``j`` (zeros when they do
        not meet)."""
        if (i, j) in self._matrices:
            return self._matrices[i, j]
        return np.zeros((self._shape[i], self._shape[j]), dtype=np.int64)

    def neighbors(self, i: int) -> tuple[int, ...]:
        """The players whose actions affect player ``i``'s payoff."""
        return tuple(j for (k, j) in self._matrices if k == i)

    @cached_property
    def payoff_ranges(self) -> tuple[float, ...]:
        """Each player's payoff range in the normal form, ``max u_i - min
        u_i`` over all profiles (computed from the matrices)."""
        out = []
        for i in range(self.n_players):
            high = np.zeros(self._shape[i])
            low = np.zeros(self._shape[i])
            for j in self.neighbors(i):
                A = np.asarray(self._matrices[i, j], dtype=np.float64)
                high = high + A.max(axis=1)
                low = low + A.min(axis=1)
            out.append(float(high.max() - low.min()))
        return tuple(out)

    @cached_property
    def payoff_scale(self) -> float:
        """The largest payoff range of any player."""
        return max(self.payoff_ranges)

    def to_normal_form(self) -> NormalFormGame:
        """The same game in normal form (``prod(shape)`` profiles: only for
        small games).

        Examples
        --------
        >>> g = PolymatrixGame({(0, 1): [[1, 0], [0, 1]]}, n_actions=(2, 2))
        >>> g.to_normal_form().payoff_arrays[1].tolist()
        [[0, 0], [0, 0]]
        """
        n, shape = self.n_players, self._shape
        arrays = []
        for i in range(n):
            dtype = object if self._exact and self._has_fractions() else None
            total = np.zeros(shape, dtype=dtype or self._dtype())
            if dtype is object:
                total = np.full(shape, Fraction(0), dtype=object)
            for j in self.neighbors(i):
                keep = [1] * n
                keep[i], keep[j] = shape[i], shape[j]
                A = self._matrices[i, j]
                total = total + (A if i < j else A.T).reshape(keep)
            arrays.append(total)
        return NormalFormGame(arrays, players=self._players, actions=self._actions)

    def _has_fractions(self) -> bool:
        return any(a.dtype == object for a in self._matrices.values())

    def _dtype(self):
        return np.int64 if self._exact else np.float64

    @cached_property
    def float_payoff_arrays(self) -> tuple[np.ndarray, ...]:
        """The normal form's payoff arrays as floats (dense: small games)."""
        return self.to_normal_form().float_payoff_arrays

    # ------------------------------------------------------------ profiles
    def _action_index(self, player: int, action) -> int:
        if isinstance(action, str):
            if action in self._actions[player]:
                return self._actions[player].index(action)
            raise InvalidProfileError(
                f"player {self._players[player]!r} has no action {action!r}; the "
                f"actions are {self._actions[player]!r}."
            )
        if isinstance(action, numbers.Integral) and not isinstance(action, bool):
            if 0 <= action < self._shape[player]:
                return int(action)
        raise InvalidProfileError(
            f"player {self._players[player]!r} has actions 0...{self._shape[player] - 1}"
            f"; got {action!r}."
        )

    def as_profile(self, profile) -> tuple[np.ndarray, ...]:
        """Check a strategy profile: one probability vector, action index or
        action label per player; exact entries give Fraction arrays."""
        if isinstance(profile, str) or not hasattr(profile, "__len__"):
            raise InvalidProfileError(
                f"a profile must be a sequence of {self.n_players} strategies; got "
                f"{profile!r}."
            )
        if len(profile) != self.n_players:
            raise InvalidProfileError(
                f"a profile must have one strategy per player ({self.n_players}); "
                f"got {len(profile)}."
            )
        out = []
        for i, s in enumerate(profile):
            n = self._shape[i]
            if isinstance(s, str | numbers.Integral) and not isinstance(s, bool):
                vec = np.full(n, Fraction(0), dtype=object)
                vec[self._action_index(i, s)] = Fraction(1)
                out.append(vec)
                continue
            arr = np.asarray(s)
            if arr.ndim != 1 or arr.shape[0] != n:
                raise InvalidProfileError(
                    f"player {self._players[i]!r} has {n} actions, so a mixed "
                    f"strategy is a vector of length {n}; got shape {arr.shape}."
                )
            if arr.dtype.kind in "iu" or (
                arr.dtype.kind == "O"
                and all(isinstance(v, numbers.Rational) for v in arr)
            ):
                arr = np.array([Fraction(v) for v in arr], dtype=object)
                ok = all(v >= 0 for v in arr) and sum(arr) == 1
            else:
                arr = arr.astype(np.float64)
                ok = (
                    bool(np.all(np.isfinite(arr)))
                    and arr.min() >= -_PROBABILITY_TOL
                    and abs(arr.sum() - 1.0) <= _PROBABILITY_TOL
                )
            if not ok:
                raise InvalidProfileError(
                    f"player {self._players[i]!r}'s strategy must be a probability "
                    f"vector (entries >= 0 summing to 1); got {list(arr)!r}."
                )
            out.append(arr)
        return tuple(out)

    def _cast(self, strategies, exact: bool):
        exact = exact or (self._exact and all(s.dtype == object for s in strategies))
        if exact:
            return tuple(
                np.array([Fraction(p) for p in s], dtype=object) for s in strategies
            ), True
        return tuple(np.asarray(s, dtype=np.float64) for s in strategies), False

    def _matrix(self, i, j, exact: bool):
        A = self._matrices[i, j]
        if exact:
            return (
                A if A.dtype == object else np.vectorize(Fraction, otypes=[object])(A)
            )
        return np.asarray(A, dtype=np.float64)

    def _values(self, strategies, i: int, exact: bool) -> np.ndarray:
        if exact:
            total = np.full(self._shape[i], Fraction(0), dtype=object)
        else:
            total = np.zeros(self._shape[i])
        for j in self.neighbors(i):
            total = total + self._matrix(i, j, exact).dot(strategies[j])
        return total

    def action_values(self, profile, player: int) -> np.ndarray:
        """Player ``player``'s payoff from each of its actions against the
        others' strategies in ``profile``."""
        strategies, exact = self._cast(self.as_profile(profile), False)
        return self._values(strategies, player, exact)

    def expected_payoffs(self, profile, *, exact: bool = False) -> np.ndarray:
        """Each player's expected payoff under ``profile``."""
        strategies, exact = self._cast(self.as_profile(profile), exact)
        return np.array(
            [
                self._values(strategies, i, exact).dot(strategies[i])
                for i in range(self.n_players)
            ]
        )

    def regret(
        self, profile, *, relative: bool = False, exact: bool = False
    ) -> np.ndarray:
        """Each player's largest gain from a unilateral deviation; divided by
        the player's payoff range when ``relative`` (as
        :meth:`NormalFormGame.regret`).

        Examples
        --------
        >>> g = PolymatrixGame({(0, 1): [[1, -1], [-1, 1]],
        ...                     (1, 0): [[-1, 1], [1, -1]]})
        >>> g.regret(([0.5, 0.5], [0.5, 0.5])).tolist()
        [0.0, 0.0]
        """
        strategies, exact = self._cast(self.as_profile(profile), exact)
        out = []
        for i in range(self.n_players):
            values = self._values(strategies, i, exact)
            gain = max(values) - values.dot(strategies[i])
            gain = max(gain, 0 * gain)
            if relative:
                span = self.payoff_ranges[i]
                gain = float(gain) / span if span > 0 else 0.0
            out.append(gain)
        return np.array(out, dtype=object if exact and not relative else None)

    def is_nash(self, profile, tol: float = 1e-9) -> bool:
        """True when no player gains more than ``tol`` times its own payoff
        range by deviating."""
        return bool(max(self.regret(profile, relative=True)) <= tol)

    # ------------------------------------------------------------- display
    def __repr__(self) -> str:
        return (
            f"PolymatrixGame(players={self._players!r}, shape={self._shape!r}, "
            f"edges={len({frozenset(k) for k in self._matrices})})"
        )

    def __eq__(self, other) -> bool:
        if not isinstance(other, PolymatrixGame):
            return NotImplemented
        return (
            self._shape == other._shape
            and self._players == other._players
            and self._actions == other._actions
            and self._matrices.keys() == other._matrices.keys()
            and all(
                np.array_equal(a, other._matrices[k]) for k, a in self._matrices.items()
            )
        )

    __hash__ = None
