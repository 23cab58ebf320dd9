"""The normal-form (strategic-form) game for any number of players.

A :class:`NormalFormGame` holds one payoff array per player, indexed by the
action profile ``[a_1, ..., a_N]``, together with player and action labels.
Games given in exact numbers (ints, :class:`fractions.Fraction`,
:class:`decimal.Decimal`) stay exact: payoffs, expected payoffs and regrets
are then computed in rational arithmetic.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

import numpy as np

from .._display import exact_array
from ..exceptions import InvalidGameError, InvalidParameterError, InvalidProfileError

__all__ = ["MAX_PLAYERS", "NormalFormGame"]

#: Most players a normal-form game may have: numpy's ``einsum`` takes at most
#: 32 operands, and two actions each would already make 2**32 profiles.
MAX_PLAYERS = 32
_PROBABILITY_TOL = 1e-8
_FLOAT_MAX = Fraction(np.finfo(np.float64).max)


def _to_exact(value):
    """Return ``value`` as an int or Fraction, or None if it is not exact."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    return None


def _check_float_range(value, index, player: int) -> None:
    """Refuse an exact payoff beyond the float range: every solver reports
    payoffs and regrets as floats, and most compute in them."""
    if abs(value) <= _FLOAT_MAX:
        return
    value = Fraction(value)
    log = math.log10(abs(value.numerator)) - math.log10(value.denominator)
    size = f"{'-' if value < 0 else ''}{10 ** (log % 1):.2g}e+{math.floor(log)}"
    raise InvalidGameError(
        f"payoffs must lie within the float range (magnitude at most "
        f"{float(_FLOAT_MAX):.3g}); entry {tuple(int(k) for k in index)} of player "
        f"{player}'s array is about {size}. "
        "Divide that player's payoffs by a common positive factor first: it "
        "leaves every equilibrium unchanged."
    )


def _as_array(data, what: str) -> np.ndarray:
    try:
        return np.asarray(data)
    except (ValueError, TypeError) as error:  # ragged, or deeper than numpy allows
        raise InvalidGameError(
            f"{what} must form a rectangular array of numbers; numpy could not "
            f"read it ({error})"
        ) from None


def _payoff_array(data, player: int) -> np.ndarray:
    """Convert one player's payoffs to int64, float64 or an object array of exact
    numbers, checking that every entry is a finite real number."""
    arr = _as_array(data, f"player {player}'s payoffs")
    if arr.dtype.kind in "iub":
        if arr.dtype.kind == "u" and arr.size and arr.max() > np.iinfo(np.int64).max:
            return np.vectorize(Fraction, otypes=[object])(arr)
        return arr.astype(np.int64)
    if arr.dtype.kind == "f":
        arr = arr.astype(np.float64)
        bad = np.argwhere(~np.isfinite(arr))
        if bad.size:
            entry = tuple(int(k) for k in bad[0])
            raise InvalidGameError(
                f"payoffs must be finite; entry {entry} of player {player}'s "
                f"array is {arr[entry]!r}."
            )
        return arr
    if arr.dtype.kind == "O":
        out = np.empty(arr.shape, dtype=object)
        exact = True
        for index, value in np.ndenumerate(arr):
            converted = _to_exact(value)
            if converted is None:
                exact = False
                if isinstance(value, numbers.Real) and not isinstance(value, Decimal):
                    converted = float(value)
                    if math.isfinite(converted):
                        out[index] = converted
                        continue
                raise InvalidGameError(
                    "payoffs must be finite real numbers; entry "
                    f"{tuple(int(k) for k in index)} of player {player}'s array "
                    f"is {value!r}."
                )
            _check_float_range(converted, index, player)
            out[index] = converted
        if not exact:
            return out.astype(np.float64)
        if all(isinstance(v, int) for v in out.flat):
            try:
                return out.astype(np.int64)
            except OverflowError:
                pass
        return np.vectorize(Fraction, otypes=[object])(out) if out.size else out
    raise InvalidGameError(
        f"payoffs must be real numbers; player {player}'s array has dtype "
        f"{arr.dtype} (e.g. {arr.flat[0]!r})."
    )


def _unify(arrays: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    """Give all payoff arrays one representation: float64 if any is float,
    otherwise int64 if all are int64, otherwise Fractions."""
    kinds = {a.dtype.kind for a in arrays}
    if "f" in kinds:
        out = [a.astype(np.float64) for a in arrays]
    elif kinds == {"i"}:
        out = arrays
    else:
        out = [
            a if a.dtype.kind == "O" else np.vectorize(Fraction, otypes=[object])(a)
            for a in arrays
        ]
    for a in out:
        a.flags.writeable = False
    return tuple(out)


def _labels(given, count: int, default, what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default(k) for k in range(count))
    if isinstance(given, str) or not isinstance(given, Sequence):
        raise InvalidGameError(
            f"{what} must be a sequence of {count} labels; got {given!r}."
        )
    labels = tuple(str(label) for label in given)
    if len(labels) != count:
        raise InvalidGameError(
            f"{what} must have {count} labels, one per "
            f"{'player' if what == 'players' else 'action'}; got {len(labels)}: "
            f"{labels!r}."
        )
    seen = set()
    for label in labels:
        if label in seen:
            raise InvalidGameError(f"{what} has the label {label!r} twice.")
        seen.add(label)
    return labels


def _fraction_text(value) -> str | int | float:
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else int(value.numerator)
    if isinstance(value, numbers.Integral):
        return int(value)
    return float(value)


def _cell_text(value) -> str:
    """A payoff as shown in the game's tables: exact values in full (unless
    too long to read), floats to 12 significant digits
    (``0.6000000000000001`` reads ``0.6``)."""
    if isinstance(value, Fraction):
        text = str(value)
        return text if len(text) <= 24 else format(float(value), ".12g")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return format(float(value), ".12g")


class NormalFormGame:
    """A finite game in normal (strategic) form with any number of players.

    Parameters
    ----------
    payoffs : list of array_like, or array_like
        Either a list of N arrays, player ``i``'s payoffs indexed
        ``[a_1, ..., a_N]``, or one array of shape ``(n_1, ..., n_N, N)``
        whose last axis runs over the players. Entries may be ints, floats,
        :class:`~fractions.Fraction` or :class:`~decimal.Decimal`; a game given
        in exact numbers stays exact.
    players : sequence of str, optional
        Player labels, default ``("P1", "P2", ...)``.
    actions : sequence of sequences of str, optional
        Action labels per player, default ``("a1", "a2", ...)``.
    title : str, optional
        A title, kept when the game is written to a file.

    Raises
    ------
    InvalidGameError
        When shapes disagree, an action set is empty, a payoff is not a finite
        real number (or, when exact, lies beyond the float range), there are
        more than :data:`MAX_PLAYERS` players, or labels are duplicated or
        wrongly counted.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("US", "China"),
    ...     actions=(("cooperate", "defect"), ("cooperate", "defect")))
    >>> g
    NormalFormGame(players=('US', 'China'), shape=(2, 2), exact=True)
    >>> g.expected_payoffs(([0.5, 0.5], [1, 0]))
    array([4. , 1.5])
    >>> g.is_nash(("defect", "defect"))
    True
    """

    def __init__(self, payoffs, players=None, actions=None, title: str = ""):
        arrays = self._split_payoffs(payoffs)
        n_players = len(arrays)
        if n_players > MAX_PLAYERS:
            raise InvalidGameError(
                f"a NormalFormGame has at most {MAX_PLAYERS} players (numpy's "
                f"limit of 32 einsum operands); got {n_players}. For many players "
                "who interact in pairs, use sg.PolymatrixGame."
            )
        shape = arrays[0].shape
        if len(shape) != n_players:
            raise InvalidGameError(
                f"payoffs for {n_players} players need {n_players} axes (one per "
                f"player); player 0's array has shape {shape}."
            )
        for i, arr in enumerate(arrays):
            if arr.shape != shape:
                raise InvalidGameError(
                    f"every player's payoff array must have the same shape; player "
                    f"0's has shape {shape} but player {i}'s has shape {arr.shape}."
                )
        for i, n in enumerate(shape):
            if n == 0:
                raise InvalidGameError(
                    f"every player needs at least one action; player {i} has none "
                    f"(payoff shape {shape})."
                )
        self._payoffs = _unify(arrays)
        self._shape = tuple(int(n) for n in shape)
        self._players = _labels(players, n_players, lambda k: f"P{k + 1}", "players")
        if actions is None:
            actions = [None] * n_players
        elif isinstance(actions, str) or len(actions) != n_players:
            raise InvalidGameError(
                f"actions must hold one sequence of labels per player ({n_players}); "
                f"got {actions!r}."
            )
        self._actions = tuple(
            _labels(
                acts,
                n,
                lambda k: f"a{k + 1}",
                f"actions of player {self._players[i]!r}",
            )
            for i, (acts, n) in enumerate(zip(actions, self._shape, strict=True))
        )
        self.title = str(title)

    @staticmethod
    def _split_payoffs(payoffs) -> list[np.ndarray]:
        if isinstance(payoffs, list | tuple):
            if len(payoffs) == 0:
                raise InvalidGameError("payoffs must hold at least one player's array.")
            return [_payoff_array(p, i) for i, p in enumerate(payoffs)]
        arr = _as_array(payoffs, "payoffs")
        if arr.ndim < 2 or arr.shape[-1] != arr.ndim - 1:
            raise InvalidGameError(
                "a single payoff array must have shape (n_1, ..., n_N, N), its last "
                f"axis running over the N players; got shape {arr.shape}. To give "
                "one array per player, pass a list of arrays."
            )
        return [_payoff_array(arr[..., i], i) for i in range(arr.shape[-1])]

    @classmethod
    def from_bimatrix(cls, A, B=None, **labels) -> NormalFormGame:
        """Build a two-player game from the row player's matrix ``A`` and the
        column player's matrix ``B``; with ``B`` omitted the game is zero-sum
        (``B = -A``).

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> g.is_zero_sum()
        True
        """
        A = _payoff_array(A, 0)
        if A.ndim != 2:
            raise InvalidGameError(f"A must be a matrix; got shape {A.shape}.")
        B = -A if B is None else _payoff_array(B, 1)
        return cls([A, B], **labels)

    # ------------------------------------------------------------------ shape
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
    def payoff_arrays(self) -> tuple[np.ndarray, ...]:
        """Read-only payoff arrays, one per player, indexed by action profile.

        Their dtype is float64, int64, or object (Fractions) for exact games.
        """
        return self._payoffs

    @property
    def is_exact(self) -> bool:
        """True when the payoffs are ints or Fractions (exact arithmetic)."""
        return self._payoffs[0].dtype != np.float64

    @cached_property
    def float_payoff_arrays(self) -> tuple[np.ndarray, ...]:
        """The payoff arrays as float64."""
        out = tuple(np.asarray(a, dtype=np.float64) for a in self._payoffs)
        for a in out:
            a.flags.writeable = False
        return out

    @cached_property
    def exact_payoff_arrays(self) -> tuple[np.ndarray, ...]:
        """The payoff arrays as object arrays of Fractions (floats converted
        exactly, bit for bit)."""
        out = tuple(
            np.vectorize(Fraction, otypes=[object])(a) if a.size else a.astype(object)
            for a in self._payoffs
        )
        for a in out:
            a.flags.writeable = False
        return out

    @cached_property
    def payoff_scale(self) -> float:
        """The largest payoff range of any player, ``max_i (max u_i - min u_i)``.

        Tolerances of :meth:`is_nash` and the solvers are relative to it.
        """
        return float(max(self.payoff_ranges))

    @cached_property
    def _scaled_payoffs(self) -> tuple[tuple[np.ndarray, float], ...]:
        """Per player: the float payoffs times a power of two that brings the
        largest magnitude into ``[1/2, 1)`` (exact, no overflow), and the
        power's exponent."""
        out = []
        for a in self.float_payoff_arrays:
            top = float(np.abs(a).max()) if a.size else 0.0
            exponent = int(np.frexp(top)[1]) if top > 0 else 0
            out.append((np.ldexp(a, -exponent), exponent))
        return tuple(out)

    @cached_property
    def best_payoffs(self) -> tuple[np.ndarray, ...]:
        """Each player's best payoff against every profile of the others:
        ``u_i.max(axis=i, keepdims=True)`` (computed once; the game is
        immutable). Pure equilibria and their certificates read it.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.best_payoffs[0].tolist()
        [[5, 1]]
        """
        from .pure_best_responses import axis_max

        return tuple(axis_max(u, i) for i, u in enumerate(self._payoffs))

    @cached_property
    def payoff_ranges(self) -> tuple[float, ...]:
        """Each player's payoff range ``max u_i - min u_i``: per-player
        tolerances (:meth:`is_nash`, the solvers' certificates) are relative
        to it. Computed exactly for exact games; ``inf`` when a float range
        exceeds the float range.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[0, 2e6], [1e6, 0]], [[0, 1], [2, 0]])
        >>> g.payoff_ranges
        (2000000.0, 2.0)
        """
        if self.is_exact:
            spans = (a.max() - a.min() for a in self._payoffs)
            return tuple(float(d) if d <= _FLOAT_MAX else np.inf for d in spans)
        # A float difference overflows to inf (as documented) and is exact
        # when it is subnormal, so no scaling is needed.
        with np.errstate(over="ignore"):
            return tuple(
                float(a.max()) - float(a.min()) if a.size else 0.0
                for a in self.float_payoff_arrays
            )

    def __getitem__(self, profile) -> np.ndarray:
        """The payoff vector at a pure action profile, e.g. ``g[0, 1]``."""
        if not isinstance(profile, tuple):
            profile = (profile,)
        index = tuple(self._action_index(i, a) for i, a in enumerate(profile))
        if len(index) != self.n_players:
            raise InvalidProfileError(
                f"a pure profile names one action for each of the {self.n_players} "
                f"players; got {profile!r}."
            )
        return np.array([a[index] for a in self._payoffs])

    # --------------------------------------------------------------- profiles
    def _action_index(self, player: int, action) -> int:
        if isinstance(action, str):
            try:
                return self._actions[player].index(action)
            except ValueError:
                raise InvalidProfileError(
                    f"player {self._players[player]!r} has no action {action!r}; "
                    f"the actions are {self._actions[player]!r}."
                ) from None
        if isinstance(action, numbers.Integral) and not isinstance(action, bool):
            if 0 <= action < self._shape[player]:
                return int(action)
            raise InvalidProfileError(
                f"player {self._players[player]!r} has actions 0..."
                f"{self._shape[player] - 1}; got action index {action}."
            )
        raise InvalidProfileError(
            f"a pure action is an index or a label; got {action!r} for player "
            f"{self._players[player]!r}."
        )

    def as_profile(self, profile) -> tuple[np.ndarray, ...]:
        """Check a strategy profile and return it as one 1-D array per player.

        Each player's entry may be a probability vector, an action index or an
        action label. Vectors of ints and Fractions (and pure actions) give
        object arrays of Fractions, so exact games are evaluated exactly.

        Raises
        ------
        InvalidProfileError
            If the profile has the wrong number of strategies, a vector has the
            wrong length, or it is not a probability vector (entries >= 0,
            summing to 1 within 1e-8).
        """
        if isinstance(profile, np.ndarray) and profile.ndim == 1 and self.n_players:
            profile = list(profile)
        if isinstance(profile, str) or not isinstance(profile, Sequence):
            raise InvalidProfileError(
                f"a profile must be a sequence of {self.n_players} strategies, one per "
                f"player; got {profile!r}."
            )
        if len(profile) != self.n_players:
            raise InvalidProfileError(
                f"a profile must have one strategy per player ({self.n_players}); "
                f"got {len(profile)}."
            )
        return tuple(self._strategy(i, s) for i, s in enumerate(profile))

    def _strategy(self, player: int, strategy) -> np.ndarray:
        n = self._shape[player]
        if isinstance(strategy, str | numbers.Integral) and not isinstance(
            strategy, bool
        ):
            out = np.full(n, Fraction(0), dtype=object)
            out[self._action_index(player, strategy)] = Fraction(1)
            return out
        arr = np.asarray(strategy)
        if arr.ndim == 0:
            self._action_index(player, strategy)  # raises: not an index or label
        if arr.ndim != 1 or arr.shape[0] != n:
            raise InvalidProfileError(
                f"player {self._players[player]!r} has {n} actions, so a mixed "
                f"strategy is a vector of length {n}; got shape {arr.shape}."
            )
        exact = arr.dtype.kind in "iu" or (
            arr.dtype.kind == "O" and all(_to_exact(v) is not None for v in arr)
        )
        if exact:
            arr = np.array([Fraction(_to_exact(v)) for v in arr], dtype=object)
            ok = all(v >= 0 for v in arr) and sum(arr) == 1
        else:
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise InvalidProfileError(
                    f"player {self._players[player]!r}'s strategy must hold "
                    f"probabilities; got {strategy!r}."
                ) from None
            ok = (
                bool(np.all(np.isfinite(arr)))
                and arr.min() >= -_PROBABILITY_TOL
                and abs(arr.sum() - 1.0) <= _PROBABILITY_TOL
            )
        if not ok:
            raise InvalidProfileError(
                f"player {self._players[player]!r}'s strategy must be a probability "
                "vector (entries >= 0 summing to 1, within 1e-8); got "
                f"{list(arr)!r}."
            )
        return arr

    def _payoffs_for(self, strategies) -> tuple[np.ndarray, ...]:
        if all(s.dtype == object for s in strategies):  # exact profile
            return self._payoffs if self.is_exact else self.exact_payoff_arrays
        return self.float_payoff_arrays

    def _cast(self, strategies, exact: bool = False):
        """The profile as floats, or as Fractions when the game and the
        profile are exact, or when ``exact`` (float payoffs then taken bit
        for bit)."""
        if exact:
            return tuple(
                np.array([Fraction(p) for p in s], dtype=object) for s in strategies
            )
        if self.is_exact and all(s.dtype == object for s in strategies):
            return strategies
        return tuple(np.asarray(s, dtype=np.float64) for s in strategies)

    def action_values(self, profile, player: int) -> np.ndarray:
        """Player ``player``'s payoff from each of its pure actions when the
        others play as in ``profile``.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 2]], [[2, 0], [0, 1]])
        >>> g.action_values(([1, 0], [0.5, 0.5]), 0)
        array([0.5, 1. ])
        """
        strategies = self._cast(self.as_profile(profile))
        return exact_array(self._action_values(strategies, player))

    def _action_values(self, strategies, player: int) -> np.ndarray:
        arr = self._payoffs_for(strategies)[player]
        for j in reversed(range(self.n_players)):
            if j != player:
                arr = np.tensordot(arr, strategies[j], axes=([j], [0]))
        return arr

    def expected_payoffs(self, profile, *, exact: bool = False) -> np.ndarray:
        """Each player's expected payoff under ``profile`` (independent mixing).

        Exact (Fractions) when the game and the profile are exact, or when
        ``exact`` (float payoffs and probabilities then taken bit for bit).
        """
        strategies = self._cast(self.as_profile(profile), exact)
        return exact_array(
            [
                np.dot(self._action_values(strategies, i), strategies[i])
                for i in range(self.n_players)
            ]
        )

    def regret(
        self, profile, *, relative: bool = False, exact: bool = False
    ) -> np.ndarray:
        """Each player's largest gain from deviating to a pure action.

        A profile is a Nash equilibrium exactly when every regret is zero.

        Parameters
        ----------
        profile : sequence
            One probability vector (or pure action) per player.
        relative : bool
            Divide each player's gain by that player's own payoff range
            (:attr:`payoff_ranges`; a player whose payoffs are all equal has
            regret 0), so players measured in different units compare.
        exact : bool
            Compute in exact rational arithmetic whatever the payoffs are
            (float payoffs and probabilities taken bit for bit): the exact
            regret, zero exactly at an exact equilibrium.

        Returns
        -------
        numpy.ndarray
            One regret per player: floats, or, when the game and the profile
            are exact (or ``exact``), ints and Fractions in an
            :class:`~stratgame._display.ExactArray`, which prints them as
            numbers (``[2 2/3]``).

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.regret((0, 0))  # exact game, pure profile: exact values
        ExactArray([2, 2])
        >>> g.regret((0, 0), relative=True).tolist()
        [0.4, 0.4]
        >>> h = NormalFormGame.from_bimatrix([[0.1, 0.0], [0.0, 0.2]])
        >>> h.regret(([2/3, 1/3], [2/3, 1/3]), exact=True)[0] > 0
        True
        """
        strategies = self._cast(self.as_profile(profile), exact)
        exact = strategies[0].dtype == object
        out = []
        for i in range(self.n_players):
            if relative and not exact:  # on scaled payoffs: no overflow
                scaled = self._scaled_payoffs[i][0]
                span = float(scaled.max() - scaled.min())
                values = scaled
                for j in reversed(range(self.n_players)):
                    if j != i:
                        values = np.tensordot(values, strategies[j], axes=([j], [0]))
                gain = max(values) - np.dot(values, strategies[i])
                out.append(max(float(gain), 0.0) / span if span > 0 else 0.0)
                continue
            values = self._action_values(strategies, i)
            gain = max(values) - np.dot(values, strategies[i])
            gain = max(gain, 0 * gain)
            if relative:
                span = self._payoffs[i].max() - self._payoffs[i].min()
                gain = float(gain / span) if span > 0 else 0.0
            out.append(gain)
        return exact_array(out)

    def best_responses(self, profile, player: int, tol: float = 1e-12) -> np.ndarray:
        """The indices of ``player``'s pure best responses to ``profile``.

        Every action whose payoff is within ``tol * payoff_scale`` of the best
        is returned (exactly the maximizers for an exact game and profile).
        """
        strategies = self._cast(self.as_profile(profile))
        values = self._action_values(strategies, player)
        best = max(values)
        if values.dtype == object:
            return np.flatnonzero([v == best for v in values])
        return np.flatnonzero(values >= best - tol * self.payoff_scale)

    def is_nash(self, profile, tol: float = 1e-9, *, scale: str = "player") -> bool:
        """True when no player can gain more than ``tol`` times that player's
        own payoff range by deviating.

        The tolerance is relative to each player's own range
        (:attr:`payoff_ranges`), so rescaling one player's payoffs does not
        change the answer, and in a game that mixes units (one player's
        payoffs in millions, the other's in ones) the small player is held
        to its own scale. ``scale="game"`` keeps the former rule: ``tol`` times :attr:`payoff_scale`, the largest range of
        any player, for every player. With an exact game and exact profile,
        ``tol=0`` checks exactly.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> g.is_nash(([0.5, 0.5], [0.5, 0.5]))
        True
        >>> g.is_nash((0, 0))
        False

        Units matter per player: the column player gains its whole range here,
        which is tiny next to the row player's.

        >>> g = NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1], [1, 0]])
        >>> g.is_nash((0, 0)), g.is_nash((0, 0), tol=1e-5, scale="game")
        (False, True)
        """
        if scale not in ("player", "game"):
            raise InvalidParameterError(
                f"scale must be 'player' or 'game'; got {scale!r}."
            )
        if scale == "game":
            return bool(max(self.regret(profile)) <= tol * self.payoff_scale)
        return bool(max(self.regret(profile, relative=True)) <= tol)

    # ---------------------------------------------------------------- classes
    @cached_property
    def _sum_of_payoffs(self) -> np.ndarray:
        """The players' payoffs added up, once per game (the solvers ask
        whether a game is constant-sum on every call)."""
        arrays = self._payoffs
        if arrays[0].dtype == np.int64 and max(
            int(np.abs(a).max()) for a in arrays
        ) > 2**62 // len(arrays):  # the sum could wrap around in int64
            arrays = [a.astype(object) for a in arrays]
        return sum(arrays[1:], arrays[0])

    @cached_property
    def _scaled_sum(self) -> tuple[np.ndarray, float]:
        """The sum of float payoffs and ``max(payoff_scale, 1)``, both divided
        by one power of two so that neither overflows."""
        exponent = int(np.frexp(max(float(np.abs(u).max()) for u in self._payoffs))[1])
        scaled = [np.ldexp(u, -exponent) for u in self._payoffs]
        bound = max(
            max(float(np.ptp(u)) for u in scaled), float(np.ldexp(1.0, -exponent))
        )
        return sum(scaled[1:], scaled[0]), bound

    def is_constant_sum(self, tol: float = 1e-12) -> bool:
        """True when the players' payoffs add up to the same number everywhere."""
        if self.is_exact:
            total = self._sum_of_payoffs
            first = total.flat[0]
            return all(v == first for v in total.flat)
        total, bound = self._scaled_sum
        return bool(np.ptp(total) <= tol * bound)

    def is_zero_sum(self, tol: float = 1e-12) -> bool:
        """True when the players' payoffs add up to zero everywhere."""
        if self.is_exact:
            return all(v == 0 for v in self._sum_of_payoffs.flat)
        total, bound = self._scaled_sum
        return bool(np.abs(total).max() <= tol * bound)

    def is_symmetric(self, tol: float = 1e-12) -> bool:
        """True when relabelling the players permutes their payoffs accordingly:
        ``u_{pi(i)}(a permuted by pi) = u_i(a)`` for every permutation ``pi``.

        Checked on the adjacent transpositions, which generate all permutations.

        Examples
        --------
        >>> NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]).is_symmetric()
        True
        """
        if len(set(self._shape)) > 1:
            return False
        atol = tol * max(self.payoff_scale, 1.0)
        u = self._payoffs
        for k in range(self.n_players - 1):
            swap = list(range(self.n_players))
            swap[k], swap[k + 1] = k + 1, k
            for i in range(self.n_players):
                moved = np.swapaxes(u[i], k, k + 1)
                other = u[swap[i]]
                if moved.dtype == np.float64:
                    if not np.allclose(moved, other, rtol=0, atol=atol):
                        return False
                elif not np.array_equal(moved, other):
                    return False
        return True

    def is_degenerate(self, tol: float = 1e-9) -> bool:
        """True when a two-player game is degenerate: some mixed strategy with
        support of size k has more than k pure best responses.

        See :func:`stratgame.games.degeneracy.is_degenerate`.
        """
        from .degeneracy import is_degenerate

        return is_degenerate(self, tol=tol)

    def dominated_actions(self, player: int, strict: bool = True, mixed: bool = False):
        """Indices of ``player``'s actions dominated by another (pure or mixed)
        strategy. See :func:`stratgame.games.dominance.dominated_actions`."""
        from .dominance import dominated_actions

        return dominated_actions(self, player, strict=strict, mixed=mixed)

    def iterated_elimination(self, strict: bool = True, mixed: bool = True):
        """Iterated elimination of dominated actions.

        See :func:`stratgame.games.dominance.iterated_elimination`.
        """
        from .dominance import iterated_elimination

        return iterated_elimination(self, strict=strict, mixed=mixed)

    # ----------------------------------------------------------- conversions
    def to_dict(self) -> dict:
        """A JSON-ready dict; Fractions become strings such as ``"3/4"``.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
        >>> NormalFormGame.from_dict(g.to_dict()) == g
        True
        """
        return {
            "title": self.title,
            "players": list(self._players),
            "actions": [list(a) for a in self._actions],
            "payoffs": [
                np.vectorize(_fraction_text, otypes=[object])(a).tolist()
                for a in self._payoffs
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> NormalFormGame:
        """Rebuild a game from :meth:`to_dict` output."""
        try:
            payoffs = data["payoffs"]
        except (KeyError, TypeError):
            raise InvalidGameError(
                "a game dict needs a 'payoffs' entry (a list of one nested list "
                "per player)."
            ) from None

        def parse(value):
            if isinstance(value, list):
                return [parse(v) for v in value]
            if isinstance(value, str):
                try:
                    return Fraction(value)
                except ValueError:
                    raise InvalidGameError(
                        f"payoff {value!r} in a game dict is not a number."
                    ) from None
            return value

        arrays = [np.array(parse(p), dtype=object) for p in payoffs]
        return cls(
            arrays,
            players=data.get("players"),
            actions=data.get("actions"),
            title=data.get("title", ""),
        )

    def __eq__(self, other) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._players == other._players
            and self._actions == other._actions
            and self._shape == other._shape
            and all(
                np.array_equal(a, b)
                for a, b in zip(self._payoffs, other._payoffs, strict=True)
            )
        )

    __hash__ = None

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return (
            f"NormalFormGame({title}players={self._players!r}, shape={self._shape}, "
            f"exact={self.is_exact})"
        )

    def __str__(self) -> str:
        head = repr(self)
        if self.n_players != 2 or max(self._shape) > 12:
            return head
        cells = [
            [
                ", ".join(_cell_text(u[r, c]) for u in self._payoffs)
                for c in range(self._shape[1])
            ]
            for r in range(self._shape[0])
        ]
        width = max(
            [len(x) for row in cells for x in row] + [len(a) for a in self._actions[1]]
        )
        left = max(len(a) for a in self._actions[0])
        lines = [
            head,
            " " * left + " | " + " | ".join(a.rjust(width) for a in self._actions[1]),
        ]
        for label, row in zip(self._actions[0], cells, strict=True):
            lines.append(
                label.rjust(left) + " | " + " | ".join(x.rjust(width) for x in row)
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        caption = esc(self.title or f"{self.n_players}-player game")
        if self.n_players == 1:
            rows = "".join(
                f"<tr><th>{esc(a)}</th><td>{_cell_text(self._payoffs[0][k])}</td></tr>"
                for k, a in enumerate(self._actions[0])
            )
            return f"<table><caption>{caption}</caption>{rows}</table>"
        slices = list(np.ndindex(*self._shape[2:]))[:16]
        tables = []
        for rest in slices:
            sub = ", ".join(
                f"{esc(self._players[2 + k])}={esc(self._actions[2 + k][a])}"
                for k, a in enumerate(rest)
            )
            head = "".join(f"<th>{esc(a)}</th>" for a in self._actions[1])
            body = "".join(
                f"<tr><th>{esc(a0)}</th>"
                + "".join(
                    "<td>"
                    + ", ".join(_cell_text(u[(r, c, *rest)]) for u in self._payoffs)
                    + "</td>"
                    for c in range(self._shape[1])
                )
                + "</tr>"
                for r, a0 in enumerate(self._actions[0])
            )
            label = f"{caption} ({sub})" if sub else caption
            tables.append(
                f"<table><caption>{label}</caption><tr><th>{esc(self._players[0])} \\ "
                f"{esc(self._players[1])}</th>{head}</tr>{body}</table>"
            )
        return "".join(tables)
