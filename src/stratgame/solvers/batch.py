"""Many games of one shape solved at once: :func:`solve_batch`.

Pure equilibria of any number of players are found for the whole batch with
one maximum per player along its own axis (as in
:mod:`stratgame.games.pure_best_responses`, with the same tolerance).
Complete enumeration of two-player games with at most
:data:`~stratgame.solvers._batch_support.MAX_ACTIONS` actions in all (2 x 2
up to 4 x 4) is vectorized support enumeration over the batch
(:mod:`stratgame.solvers._batch_support`) for the games where floating point
decides every tie clearly. Degenerate or doubtful games, other shapes and
other methods are solved one by one with :func:`stratgame.solve`, so every
game gets the answer ``solve`` gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..exceptions import InvalidGameError
from ..games import NormalFormGame
from ._batch_support import MAX_ACTIONS, enumerate_small

__all__ = ["BatchResult", "batch_method", "solve_batch"]

#: The pure-equilibrium tolerance of ``solve(method="pure")``.
_PURE_TOL = 1e-12


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Equilibria of a batch of games of one shape.

    Attributes
    ----------
    method : str
        The method used for every game.
    n_equilibria : numpy.ndarray
        Number of equilibria of each game, shape ``(K,)``.
    offsets : numpy.ndarray
        Equilibria of game ``k`` are rows ``offsets[k]:offsets[k + 1]`` of
        the flat arrays below, shape ``(K + 1,)``.
    strategies : tuple of numpy.ndarray
        Per player, the strategies of all equilibria, ``(E, n_i)``.
    payoffs : numpy.ndarray
        Expected payoffs, ``(E, n_players)``.
    regret : numpy.ndarray
        Largest deviation gain of each equilibrium, ``(E,)``.
    vectorized : numpy.ndarray
        Which games were solved by the vectorized code (the others by
        :func:`stratgame.solve`), ``(K,)``.

    Examples
    --------
    >>> import numpy as np, stratgame as sg
    >>> U = np.array([[[[2, 0], [0, 1]], [[1, 0], [0, 2]]],     # battle of the sexes
    ...               [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]])    # prisoner's dilemma
    >>> res = sg.solve_batch(U, method="enumerate")
    >>> res.n_equilibria
    array([3, 1])
    >>> res[1].equilibria[0].strategies
    (array([0., 1.]), array([0., 1.]))
    """

    method: str
    n_equilibria: np.ndarray
    offsets: np.ndarray
    strategies: tuple
    payoffs: np.ndarray
    regret: np.ndarray
    vectorized: np.ndarray
    _source: object = field(repr=False)
    _options: dict = field(repr=False, default_factory=dict)
    _cache: dict = field(repr=False, default_factory=dict)

    def __len__(self) -> int:
        return len(self.n_equilibria)

    def game(self, k: int) -> NormalFormGame:
        """The ``k``-th game of the batch."""
        source = self._source
        if isinstance(source, np.ndarray):
            return NormalFormGame(list(source[k]))
        return source[k]

    def equilibria(self, k: int) -> list[tuple[np.ndarray, ...]]:
        """The strategies of each equilibrium of game ``k`` (cheap: no
        :class:`~stratgame.EquilibriumResult` is built)."""
        lo, hi = self.offsets[k], self.offsets[k + 1]
        return [tuple(s[e] for s in self.strategies) for e in range(lo, hi)]

    def result(self, k: int):
        """Game ``k``'s :class:`~stratgame.EquilibriumResult`, exactly what
        ``sg.solve(game, method=...)`` returns (computed on demand, then
        kept)."""
        k = int(k)
        if not -len(self) <= k < len(self):
            raise IndexError(f"game index {k} out of range for {len(self)} games")
        k %= len(self)
        if k not in self._cache:
            from .solve import solve

            self._cache[k] = solve(self.game(k), method=self.method, **self._options)
        return self._cache[k]

    __getitem__ = result


def _as_array(payoffs):
    """``(K, n_players, *actions)`` array, or None for a list of games."""
    if (
        isinstance(payoffs, list | tuple)
        and payoffs
        and all(isinstance(g, NormalFormGame) for g in payoffs)
    ):
        return None
    U = np.asarray(payoffs)
    if U.dtype == object or U.ndim < 3 or U.shape[1] != U.ndim - 2:
        raise InvalidGameError(
            "solve_batch needs payoffs of shape (K, n_players, *actions) "
            f"(one payoff array per player and game) or a list of games; got an "
            f"array of shape {U.shape} and dtype {U.dtype}."
        )
    if U.dtype.kind in "iub":
        return U.astype(np.int64)
    U = U.astype(np.float64)
    if not np.isfinite(U).all():
        raise InvalidGameError("payoffs must be finite; the batch has nan or inf.")
    return U


def _ranges(U):
    """Each game's and player's payoff range, ``(K, n_players)``."""
    flat = U.reshape(U.shape[0], U.shape[1], -1)
    return flat.max(axis=2) - flat.min(axis=2)


def _pure(U, exact):
    """Pure equilibria of every game: ``(game index, profile)`` arrays,
    payoffs and regret, in ``np.argwhere`` order per game."""
    K, N = U.shape[:2]
    ranges = _ranges(U).astype(np.float64)
    mask = np.ones((K, *U.shape[2:]), dtype=bool)
    gains = np.zeros((K, *U.shape[2:]))
    for i in range(N):
        u = U[:, i]
        best = u.max(axis=1 + i, keepdims=True)
        if exact:
            mask &= u >= best
        else:
            atol = (_PURE_TOL * ranges[:, i]).reshape((K,) + (1,) * N)
            mask &= u >= best - atol
        gains = np.maximum(gains, (best - u).astype(np.float64))
    found = np.argwhere(mask)
    games = found[:, 0]
    index = (games, slice(None), *found[:, 1:].T)
    payoffs = U[index].astype(np.float64)
    regret = np.maximum(gains[tuple(found.T)], 0.0)
    counts = np.bincount(games, minlength=K)
    strategies = tuple(np.eye(n)[found[:, 1 + i]] for i, n in enumerate(U.shape[2:]))
    return counts, strategies, payoffs, regret


def batch_method(method: str, shape) -> str:
    """The method :func:`solve_batch` solves games of ``shape`` with:
    ``"auto"`` is ``"enumerate"`` for the two-player shapes that
    :func:`stratgame.solve` enumerates completely, and stays ``"auto"`` (a
    method picked per game) for the others.

    Examples
    --------
    >>> batch_method("auto", (3, 3)), batch_method("auto", (2, 2, 2, 2, 2, 2))
    ('enumerate', 'auto')
    """
    from .solve import AUTO_ENUMERATE_MAX_ACTIONS, AUTO_ENUMERATE_MAX_PROFILES

    if (
        method == "auto"
        and len(shape) == 2
        and min(shape) <= AUTO_ENUMERATE_MAX_ACTIONS
        and shape[0] * shape[1] <= AUTO_ENUMERATE_MAX_PROFILES
    ):
        return "enumerate"
    return method


def solve_batch(payoffs, method: str = "enumerate", **options) -> BatchResult:
    """Solve many games of one shape at once.

    Parameters
    ----------
    payoffs : array_like or list of NormalFormGame
        An array of shape ``(K, n_players, *actions)`` (``payoffs[k, i]`` is
        player ``i``'s payoff array in game ``k``; ints are exact, floats
        float), or a list of games.
    method : str
        ``"enumerate"`` (default) or ``"pure"`` are vectorized where they can
        be (``"auto"`` is ``"enumerate"`` for the two-player shapes that
        :func:`stratgame.solve` enumerates, else solved game by game): ``"pure"`` for any shape, ``"enumerate"`` for the nondegenerate
        games of two players with at most 8 actions in all (up to 4 x 4),
        by support enumeration. Any other method of :func:`stratgame.solve`, and the games the
        vectorized code leaves (degenerate ones, other shapes), are solved one
        by one with ``solve``.
    **options
        Passed to :func:`stratgame.solve` for the games solved one by one;
        with options the whole batch is solved that way.

    Returns
    -------
    BatchResult
        ``n_equilibria`` (one count per game), the equilibria as flat arrays,
        and ``result(k)`` / ``res[k]``: game ``k``'s
        :class:`~stratgame.EquilibriumResult`, identical to
        ``sg.solve(game, method=method)``.

    Raises
    ------
    InvalidGameError
        If ``payoffs`` is not a ``(K, n_players, *actions)`` array of finite
        numbers or a list of games.

    Notes
    -----
    Every equilibrium of the vectorized paths is certified as ``solve``
    certifies: its regret relative to each player's payoff range (see
    :func:`stratgame.solvers.certify.relative_regrets`); a profile that fails
    sends its game to ``solve``. Vectorized enumeration also checks that the
    Shapley indices of each game's equilibria sum to 1 (Shapley 1974), and
    leaves every game with a tie within ``1e-9`` of a payoff range (a
    degenerate or nearly degenerate game) to ``solve``, which decides it in
    exact arithmetic.

    Examples
    --------
    >>> import numpy as np, stratgame as sg
    >>> rng = np.random.default_rng(0)
    >>> U = rng.random((1000, 2, 2, 2))
    >>> res = sg.solve_batch(U, method="enumerate")
    >>> len(res), sorted(set(res.n_equilibria.tolist()))
    (1000, [1, 3])
    >>> k = int(np.argmax(res.n_equilibria))
    >>> len(res[k].equilibria) == int(res.n_equilibria[k])
    True
    """
    from .solve import solve

    U = _as_array(payoffs)
    source = U if U is not None else list(payoffs)
    K = len(source)
    exact = U is not None and U.dtype == np.int64
    shape = U.shape[2:] if U is not None else None
    n_counts = np.zeros(K, dtype=np.int64)
    done = np.zeros(K, dtype=bool)
    parts = []  # (games, strategies tuple, payoffs, regret)
    if shape is not None:
        method = batch_method(method, shape)
    if U is not None and not options and K:
        if method == "pure":
            counts, strategies, values, regret = _pure(U, exact)
            games = np.repeat(np.arange(K), counts)
            done[:] = True
            parts.append((games, strategies, values, regret))
        elif method == "enumerate" and len(shape) == 2 and sum(shape) <= MAX_ACTIONS:
            done, games, xs, ys, values, regret = enumerate_small(U)
            parts.append((games, (xs, ys), values, regret))
    for games, _, _, _ in parts:
        n_counts += np.bincount(games, minlength=K)
    # the rest, one by one
    cache = {}
    rest = np.flatnonzero(~done)
    if len(rest):
        extra_games, extra_s, extra_v, extra_r = [], [], [], []
        n_players = None
        for k in rest:
            game = NormalFormGame(list(U[k])) if U is not None else source[int(k)]
            res = solve(game, method=method, **options)
            cache[int(k)] = res
            n_counts[k] = len(res.equilibria)
            for eq in res.equilibria:
                n_players = len(eq.strategies)
                extra_games.append(k)
                extra_s.append(eq.strategies)
                extra_v.append(np.asarray(eq.payoffs, dtype=np.float64))
                extra_r.append(float(eq.regret))
        if extra_games:
            parts.append(
                (
                    np.asarray(extra_games),
                    tuple(np.array([s[i] for s in extra_s]) for i in range(n_players)),
                    np.array(extra_v),
                    np.array(extra_r),
                )
            )
    games, strategies, values, regret = _merge(parts, U, source)
    offsets = np.zeros(K + 1, dtype=np.int64)
    np.cumsum(n_counts, out=offsets[1:])
    return BatchResult(
        method=method,
        n_equilibria=n_counts,
        offsets=offsets,
        strategies=strategies,
        payoffs=values,
        regret=regret,
        vectorized=done,
        _source=source,
        _options=dict(options),
        _cache=cache,
    )


def _merge(parts, U, source):
    """Concatenate the parts and order the equilibria by game (stable)."""
    parts = [part for part in parts if len(part[0])]
    if not parts:
        if U is not None:
            shape = U.shape[2:]
        else:
            shape = source[0].shape if source else ()
        empty = tuple(np.zeros((0, n)) for n in shape)
        return np.zeros(0, np.int64), empty, np.zeros((0, len(shape))), np.zeros(0)
    games = np.concatenate([part[0] for part in parts])
    strategies = tuple(
        np.concatenate([part[1][i] for part in parts]) for i in range(len(parts[0][1]))
    )
    values = np.concatenate([part[2] for part in parts])
    regret = np.concatenate([part[3] for part in parts])
    order = np.argsort(games, kind="stable")
    return (
        games[order],
        tuple(s[order] for s in strategies),
        values[order],
        regret[order],
    )
