"""Games with continuous action sets: each player picks a point of an interval
(or of a box) and payoff functions map the action profile to payoffs.

A :class:`ContinuousGame` evaluates payoffs, computes numerical best responses
(a grid scan followed by bounded local optimization), measures how much any
player could gain by deviating (:meth:`ContinuousGame.regret`), and
discretizes itself into a :class:`~stratgame.games.NormalFormGame` on a grid.
Equilibria are found by :func:`stratgame.solve`, which runs damped
best-response iteration (:mod:`stratgame.solvers.continuous`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from itertools import product

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidGameError, InvalidParameterError, InvalidProfileError
from .normal_form import NormalFormGame

__all__ = ["ContinuousGame"]


def _is_pair(value) -> bool:
    return (
        isinstance(value, Sequence | np.ndarray)
        and len(value) == 2
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value)
    )


def _player_box(spec, player: int) -> np.ndarray:
    """One player's bounds as an array of shape (d, 2)."""
    if _is_pair(spec):
        box = np.array([spec], dtype=np.float64)
    elif (
        isinstance(spec, Sequence | np.ndarray)
        and len(spec)
        and all(_is_pair(s) for s in spec)
    ):
        box = np.array(spec, dtype=np.float64)
    else:
        raise InvalidGameError(
            f"player {player}'s bounds must be a pair (low, high) or a sequence of "
            f"such pairs (a box); got {spec!r}."
        )
    if not np.all(np.isfinite(box)) or np.any(box[:, 0] >= box[:, 1]):
        raise InvalidGameError(
            f"player {player}'s bounds must be finite with low < high; got "
            f"{box.tolist()!r}."
        )
    return box


def _search_sizes(n_grid, n_refine, owner: str) -> tuple[int, int]:
    """Check the grid size (at least 3) and the number of local refinements."""
    n_grid = check_integer(n_grid, "n_grid", owner, low=3)
    return n_grid, check_integer(n_refine, "n_refine", owner, low=0)


def _label(point) -> str:
    if np.ndim(point) == 0:
        return f"{float(point):.10g}"
    return "(" + ", ".join(f"{float(x):.10g}" for x in point) + ")"


class ContinuousGame:
    """A game in which each player chooses a point of an interval or a box.

    Parameters
    ----------
    payoffs : callable or sequence of callables
        Either one function ``f(actions) -> sequence of N payoffs`` or one
        function per player, ``f_i(actions) -> float``. ``actions`` is a tuple
        with one entry per player: a float for a player with an interval, a
        1-D array for a player with a box.
    bounds : sequence
        One entry per player: a pair ``(low, high)`` (an interval) or a
        sequence of pairs (a box, one pair per dimension).
    players : sequence of str, optional
        Player labels, default ``("P1", "P2", ...)``.
    symmetric : bool
        Declares that the game is symmetric (every player has the same action
        set and relabelling players permutes payoffs accordingly). Solvers may
        then look for symmetric equilibria directly. The bounds are checked to
        be equal; the payoff symmetry is the caller's statement.
    title : str, optional

    Raises
    ------
    InvalidGameError
        For malformed bounds, a wrong number of payoff functions or labels, or
        unequal bounds in a game declared symmetric; later, when a payoff
        function returns anything but finite real numbers (one per player).

    Examples
    --------
    A Cournot duopoly with inverse demand ``P = 10 - q1 - q2`` and unit cost 1:

    >>> import stratgame as sg
    >>> from stratgame.games import ContinuousGame
    >>> def profit(i):
    ...     return lambda q: (10 - q[0] - q[1] - 1) * q[i]
    >>> g = ContinuousGame([profit(0), profit(1)], bounds=[(0, 10), (0, 10)],
    ...                    players=("A", "B"), symmetric=True)
    >>> g.payoffs((3, 3))
    array([9., 9.])
    >>> bool(g.is_nash((3, 3)))
    True
    >>> round(g.best_response(0, (0, 5))[0], 6)
    2.0
    """

    def __init__(
        self,
        payoffs,
        bounds,
        players=None,
        symmetric: bool = False,
        title: str = "",
    ):
        if isinstance(bounds, str) or not isinstance(bounds, Sequence | np.ndarray):
            raise InvalidGameError(
                f"bounds must hold one (low, high) pair or box per player; got "
                f"{bounds!r}."
            )
        if len(bounds) == 0:
            raise InvalidGameError("a game needs at least one player's bounds.")
        self._boxes = tuple(_player_box(b, i) for i, b in enumerate(bounds))
        n = len(self._boxes)
        if callable(payoffs):
            self._joint = payoffs
            self._each = None
        elif isinstance(payoffs, Sequence) and all(callable(f) for f in payoffs):
            if len(payoffs) != n:
                raise InvalidGameError(
                    f"payoffs must hold one function per player ({n}); got "
                    f"{len(payoffs)}."
                )
            self._joint = None
            self._each = tuple(payoffs)
        else:
            raise InvalidGameError(
                "payoffs must be a function returning all players' payoffs or a "
                f"sequence of one function per player; got {payoffs!r}."
            )
        if players is None:
            players = tuple(f"P{k + 1}" for k in range(n))
        if isinstance(players, str) or not isinstance(players, Sequence):
            raise InvalidGameError(
                f"players must be a sequence of {n} labels; got {players!r}."
            )
        players = tuple(str(p) for p in players)
        if len(players) != n or len(set(players)) != n:
            raise InvalidGameError(
                f"players must be {n} distinct labels, one per player; got {players!r}."
            )
        self._players = players
        self.symmetric = bool(symmetric)
        if self.symmetric and any(
            b.shape != self._boxes[0].shape or not np.array_equal(b, self._boxes[0])
            for b in self._boxes
        ):
            raise InvalidGameError(
                "a game declared symmetric needs the same bounds for every player; "
                f"got {[b.tolist() for b in self._boxes]!r}."
            )
        self.title = str(title)

    # ------------------------------------------------------------- structure
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._boxes)

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def dims(self) -> tuple[int, ...]:
        """Dimension of each player's action (1 for an interval)."""
        return tuple(b.shape[0] for b in self._boxes)

    @property
    def bounds(self) -> tuple[np.ndarray, ...]:
        """Each player's bounds as an array of shape ``(dim, 2)``."""
        return self._boxes

    def widths(self, player: int) -> np.ndarray:
        """The side lengths of ``player``'s action box."""
        box = self._boxes[player]
        return box[:, 1] - box[:, 0]

    def player_index(self, player, owner: str = "ContinuousGame") -> int:
        """The index of ``player``, given as an index or a label.

        Raises
        ------
        InvalidParameterError
            For anything else.
        """
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        if (
            isinstance(player, numbers.Integral)
            and not isinstance(player, bool)
            and 0 <= player < self.n_players
        ):
            return int(player)
        raise InvalidParameterError(
            f"The 'player' parameter of {owner} must be a player index "
            f"0..{self.n_players - 1} or one of the labels {self._players!r}. "
            f"Got {player!r} instead."
        )

    def center(self) -> tuple:
        """The profile at the center of every player's action set."""
        return self.as_actions([b.mean(axis=1) for b in self._boxes])

    # -------------------------------------------------------------- profiles
    def as_actions(self, actions) -> tuple:
        """Check an action profile and return it as a tuple: a float for each
        interval player, a 1-D float array for each box player.

        Raises
        ------
        InvalidProfileError
            For a wrong number of actions, wrong dimensions, non-finite values
            or actions outside the bounds (beyond a 1e-9 relative margin).
        """
        if isinstance(actions, str) or not isinstance(actions, Sequence | np.ndarray):
            raise InvalidProfileError(
                f"an action profile must hold one action per player "
                f"({self.n_players}); got {actions!r}."
            )
        if len(actions) != self.n_players:
            raise InvalidProfileError(
                f"an action profile must hold one action per player "
                f"({self.n_players}); got {len(actions)}."
            )
        out = []
        for i, (a, box) in enumerate(zip(actions, self._boxes, strict=True)):
            arr = np.atleast_1d(np.asarray(a, dtype=np.float64))
            if arr.ndim != 1 or arr.shape[0] != box.shape[0]:
                raise InvalidProfileError(
                    f"player {self._players[i]!r} chooses a point of dimension "
                    f"{box.shape[0]}; got {a!r}."
                )
            margin = 1e-9 * (box[:, 1] - box[:, 0])
            if not np.all(np.isfinite(arr)) or np.any(
                (arr < box[:, 0] - margin) | (arr > box[:, 1] + margin)
            ):
                raise InvalidProfileError(
                    f"player {self._players[i]!r}'s action must lie in "
                    f"{box.tolist()!r}; got {a!r}."
                )
            arr = np.clip(arr, box[:, 0], box[:, 1])
            out.append(float(arr[0]) if box.shape[0] == 1 else arr)
        return tuple(out)

    def _replace(self, actions: tuple, player: int, action) -> tuple:
        if self._boxes[player].shape[0] == 1:
            action = float(np.asarray(action).reshape(-1)[0])
        return (*actions[:player], action, *actions[player + 1 :])

    # --------------------------------------------------------------- payoffs
    def _joint_values(self, actions: tuple) -> np.ndarray:
        raw = self._joint(actions)
        try:
            values = np.asarray(raw, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            values = None
        if values is None or values.shape[0] != self.n_players:
            raise InvalidGameError(
                f"the payoff function must return {self.n_players} real numbers, "
                f"one per player; at {actions!r} it returned {raw!r}."
            )
        if not np.all(np.isfinite(values)):
            raise InvalidGameError(
                f"payoffs must be finite; at {actions!r} the payoff function "
                f"returned {values.tolist()!r}."
            )
        return values

    def _payoff(self, player: int, actions: tuple) -> float:
        if self._each is None:
            return float(self._joint_values(actions)[player])
        raw = self._each[player](actions)
        try:
            value = float(raw)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value):
            raise InvalidGameError(
                f"player {self._players[player]!r}'s payoff function must return a "
                f"finite real number; at {actions!r} it returned {raw!r}."
            )
        return value

    def payoff(self, player, actions) -> float:
        """``player``'s (index or label) payoff at the action profile
        ``actions``."""
        player = self.player_index(player, "ContinuousGame.payoff")
        return self._payoff(player, self.as_actions(actions))

    def payoffs(self, actions) -> np.ndarray:
        """Every player's payoff at the action profile ``actions``."""
        actions = self.as_actions(actions)
        if self._joint is not None:
            return self._joint_values(actions)
        return np.array([self._payoff(i, actions) for i in range(self.n_players)])

    # -------------------------------------------------------- best responses
    def best_response(
        self, player, actions, n_grid: int = 101, n_refine: int = 3
    ) -> tuple:
        """A numerical best response of ``player`` (index or label) to the
        others' actions.

        Scans ``n_grid`` points per dimension (at most about ``n_grid`` points
        in all for boxes) and refines the ``n_refine`` best grid points by
        bounded local optimization (Brent's method on an interval, L-BFGS-B on
        a box). The search is global on the grid and local between grid
        points, so a maximum narrower than the grid spacing can be missed.

        Returns
        -------
        (action, value)
            The best action found (float or array) and its payoff.
        """
        owner = "ContinuousGame.best_response"
        player = self.player_index(player, owner)
        n_grid, n_refine = _search_sizes(n_grid, n_refine, owner)
        actions = self.as_actions(actions)
        box = self._boxes[player]

        def value(point) -> float:
            return self._payoff(player, self._replace(actions, player, point))

        if box.shape[0] == 1:
            return self._best_on_interval(value, box[0], n_grid, n_refine)
        return self._best_on_box(value, box, actions[player], n_grid, n_refine)

    @staticmethod
    def _best_on_interval(value, interval, n_grid: int, n_refine: int) -> tuple:
        from scipy import optimize

        low, high = interval
        grid = np.linspace(low, high, n_grid)
        values = np.array([value(x) for x in grid])
        best_x, best_v = float(grid[values.argmax()]), float(values.max())
        xatol = 1e-11 * (high - low)
        for k in np.argsort(values)[::-1][:n_refine]:
            left, right = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
            res = optimize.minimize_scalar(
                lambda x: -value(x),
                bounds=(left, right),
                method="bounded",
                options={"xatol": xatol},
            )
            if -res.fun > best_v:
                best_x, best_v = float(res.x), float(-res.fun)
        return best_x, best_v

    @staticmethod
    def _best_on_box(value, box, current, n_grid: int, n_refine: int) -> tuple:
        from scipy import optimize

        d = box.shape[0]
        per_axis = max(2, round(n_grid ** (1.0 / d)))
        axes = [np.linspace(lo, hi, per_axis) for lo, hi in box]
        points = [np.array(p) for p in product(*axes)] + [np.asarray(current)]
        values = np.array([value(p) for p in points])
        order = np.argsort(values)[::-1]
        best_x, best_v = points[order[0]], float(values[order[0]])
        for k in order[:n_refine]:
            res = optimize.minimize(
                lambda x: -value(x),
                points[k],
                method="L-BFGS-B",
                bounds=[tuple(b) for b in box],
            )
            if -res.fun > best_v:
                best_x, best_v = np.clip(res.x, box[:, 0], box[:, 1]), float(-res.fun)
        return np.asarray(best_x, dtype=np.float64), best_v

    def regret(self, actions, n_grid: int = 1001, n_refine: int = 5) -> np.ndarray:
        """Each player's largest deviation gain found: a scan of ``n_grid``
        points of its own action set plus local optimization from the
        ``n_refine`` best of them, the others' actions held fixed.

        A numerical certificate: a true gain hidden between grid points and
        missed by the local searches is not found.

        Examples
        --------
        >>> from stratgame.games import ContinuousGame
        >>> g = ContinuousGame([lambda a: -(a[0] - a[1]) ** 2,
        ...                     lambda a: -(a[1] - 0.5) ** 2], [(0, 1), (0, 1)])
        >>> g.regret((0.2, 0.5)).round(6)
        array([0.09, 0.  ])
        """
        n_grid, n_refine = _search_sizes(n_grid, n_refine, "ContinuousGame.regret")
        actions = self.as_actions(actions)
        out = np.empty(self.n_players)
        for i in range(self.n_players):
            current = self._payoff(i, actions)
            _, best = self.best_response(i, actions, n_grid=n_grid, n_refine=n_refine)
            out[i] = max(best - current, 0.0)
        return out

    def is_nash(self, actions, tol: float = 1e-7, n_grid: int = 1001) -> bool:
        """True when no deviation found by :meth:`regret` gains more than
        ``tol * max(1, max_i |u_i|)`` (a tolerance relative to the payoffs)."""
        tol = check_real(tol, "tol", "ContinuousGame.is_nash", low=0)
        scale = max(1.0, float(np.abs(self.payoffs(actions)).max()))
        return bool(self.regret(actions, n_grid=n_grid).max() <= tol * scale)

    # ----------------------------------------------------------- conversion
    def grid(self, n: int) -> tuple[np.ndarray, ...]:
        """Each player's grid of ``n`` points per dimension: an array of shape
        ``(n,)`` for an interval, ``(n**d, d)`` for a box."""
        n = check_integer(n, "n", "ContinuousGame.grid", low=2)
        out = []
        for box in self._boxes:
            axes = [np.linspace(lo, hi, n) for lo, hi in box]
            if box.shape[0] == 1:
                out.append(axes[0])
            else:
                out.append(np.array(list(product(*axes))))
        return tuple(out)

    def discretize(self, n: int) -> NormalFormGame:
        """The normal-form game in which each player picks one of ``n`` evenly
        spaced points per dimension of its action set (the ends included).

        Action labels are the grid points; :meth:`grid` gives them as numbers.

        Examples
        --------
        >>> from stratgame.games import ContinuousGame
        >>> g = ContinuousGame([lambda q: (9 - q[0] - q[1]) * q[0],
        ...                     lambda q: (9 - q[0] - q[1]) * q[1]],
        ...                    [(0, 6), (0, 6)])
        >>> nf = g.discretize(7)
        >>> nf.shape, nf.actions[0][:3]
        ((7, 7), ('0', '1', '2'))
        >>> bool(nf.is_nash(("3", "3")))
        True
        """
        grids = self.grid(n)
        shape = tuple(len(g) for g in grids)
        arrays = [np.empty(shape) for _ in range(self.n_players)]
        for index in np.ndindex(*shape):
            actions = tuple(
                float(g[k]) if g.ndim == 1 else g[k]
                for g, k in zip(grids, index, strict=True)
            )
            values = self.payoffs(actions)
            for i in range(self.n_players):
                arrays[i][index] = values[i]
        labels = [tuple(_label(p) for p in g) for g in grids]
        return NormalFormGame(
            arrays, players=self._players, actions=labels, title=self.title
        )

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        bounds = ", ".join(
            str(b[0].tolist()) if b.shape[0] == 1 else f"box{b.tolist()}"
            for b in self._boxes
        )
        return (
            f"ContinuousGame({title}players={self._players!r}, bounds=[{bounds}]"
            f"{', symmetric' if self.symmetric else ''})"
        )
