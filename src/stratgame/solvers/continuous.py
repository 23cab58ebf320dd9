"""Pure Nash equilibria of continuous games by damped best-response iteration,
each candidate verified by a deviation search.

From each starting profile, players in turn move part of the way towards a
numerical best response (Gauss-Seidel updates with damping; the damping is
halved whenever a step fails to shrink). A fixed point of the best-response
map is a pure Nash equilibrium; every candidate is then certified by
:meth:`~stratgame.games.ContinuousGame.regret` -- a fine grid scan of each
player's action set plus local optimization -- and kept only when no
deviation gains more than ``tol`` relative to the payoffs. The method is the
classic best-reply dynamic (Fudenberg & Tirole 1991, *Game Theory*, sec. 1.2.5)
made robust by damping and several starts; it finds equilibria that attract
the dynamic and lists no equilibrium it could not verify, so results are
never marked complete.
"""

from __future__ import annotations

import html
import inspect
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_integer, check_real, check_rng
from ..exceptions import InvalidGameError, InvalidParameterError
from ..games import ContinuousGame
from .results import EquilibriumResult

__all__ = [
    "ContinuousEquilibrium",
    "best_response_iteration",
    "iterate_best_responses",
    "solve_continuous",
    "verify_actions",
]


def _format_action(action) -> str:
    if np.ndim(action) == 0:
        return f"{float(action):.6g}"
    return "[" + ", ".join(f"{float(x):.6g}" for x in action) + "]"


@dataclass(frozen=True, eq=False)
class ContinuousEquilibrium:
    """A pure equilibrium of a continuous game with its certificate.

    Attributes
    ----------
    actions : tuple
        Each player's action: a float (interval) or a 1-D array (box).
    payoffs : numpy.ndarray
        Each player's payoff at ``actions``.
    regret : float
        The largest deviation gain the verification found (grid scan plus
        local optimization of every player's action set).
    iterations : int
        Best-response rounds used from the start that led here.
    """

    actions: tuple
    payoffs: np.ndarray
    regret: float
    iterations: int = 0
    details: dict = field(default_factory=dict, repr=False)

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """The actions as 1-D arrays (one per player)."""
        return tuple(
            np.atleast_1d(np.asarray(a, dtype=np.float64)) for a in self.actions
        )

    @property
    def is_pure(self) -> bool:
        """Always True: continuous-game equilibria here are pure profiles."""
        return True

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "actions": [
                float(a) if np.ndim(a) == 0 else np.asarray(a).tolist()
                for a in self.actions
            ],
            "payoffs": [float(p) for p in self.payoffs],
            "regret": float(self.regret),
            "iterations": int(self.iterations),
        }

    def __repr__(self) -> str:
        actions = ", ".join(_format_action(a) for a in self.actions)
        payoffs = ", ".join(f"{float(p):.6g}" for p in self.payoffs)
        return (
            f"ContinuousEquilibrium(actions=({actions}), payoffs=[{payoffs}], "
            f"regret={self.regret:.3g})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(_format_action(a))}</td>"
            f"<td>{float(p):.6g}</td></tr>"
            for i, (a, p) in enumerate(zip(self.actions, self.payoffs, strict=True))
        )
        return (
            "<table><tr><th>player</th><th>action</th><th>payoff</th></tr>"
            f"{rows}</table><p>regret {self.regret:.3g}</p>"
        )


def check_continuous_game(game, owner: str) -> ContinuousGame:
    """Return ``game`` if it is a ContinuousGame, else raise InvalidGameError."""
    if not isinstance(game, ContinuousGame):
        raise InvalidGameError(
            f"{owner} needs a ContinuousGame; got {type(game).__name__}."
        )
    return game


def keyword_options(function) -> list[str]:
    """The keyword-only parameters of ``function``: the options a solver takes."""
    return [
        name
        for name, p in inspect.signature(function).parameters.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]


def reject_unknown_options(options: dict, known, owner: str) -> None:
    """Raise InvalidParameterError naming any key of ``options`` not in
    ``known``."""
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InvalidParameterError(
            f"{owner} got unknown options {unknown!r}; the options are "
            f"{', '.join(map(repr, known))}."
        )


def _distance(game, x: tuple, y: tuple) -> float:
    """Largest coordinate difference relative to the action-set widths."""
    return max(
        float(np.max(np.abs(np.atleast_1d(a) - np.atleast_1d(b)) / game.widths(i)))
        for i, (a, b) in enumerate(zip(x, y, strict=True))
    )


def _step(current, target, damping: float):
    moved = np.atleast_1d(current) + damping * (
        np.atleast_1d(target) - np.atleast_1d(current)
    )
    return float(moved[0]) if np.ndim(current) == 0 else moved


def iterate_best_responses(
    game,
    start,
    *,
    damping: float = 1.0,
    max_iter: int = 200,
    xtol: float = 1e-7,
    n_grid: int = 33,
    symmetric: bool = False,
) -> tuple[tuple, int, bool]:
    """Run damped best-response iteration from ``start``.

    Parameters
    ----------
    game : ContinuousGame
    start : sequence
        The starting action profile.
    damping : float
        The fraction of the way each player moves to its best response; halved
        whenever the largest step does not shrink by 10%.
    max_iter : int
        Rounds at most (a round updates every player once).
    xtol : float
        Stop when every best response is within ``xtol`` (relative to the
        width of the action set) of the current action.
    n_grid : int
        Grid points of each best-response search.
    symmetric : bool
        Iterate on one common action played by everyone (a symmetric game's
        symmetric equilibria): player 0's best response to everyone playing
        ``x`` becomes everyone's next ``x``.

    Returns
    -------
    (actions, iterations, converged)

    Raises
    ------
    InvalidGameError
        When ``game`` is not a ContinuousGame, or ``symmetric=True`` for a game
        not declared symmetric.
    InvalidParameterError
        For parameters outside their ranges.

    Examples
    --------
    >>> from stratgame.games import ContinuousGame
    >>> g = ContinuousGame([lambda q: (9 - q[0] - q[1]) * q[0],
    ...                     lambda q: (9 - q[0] - q[1]) * q[1]],
    ...                    [(0, 9), (0, 9)])
    >>> actions, rounds, ok = iterate_best_responses(g, (0, 0))
    >>> [round(a, 6) for a in actions], ok
    ([3.0, 3.0], True)
    """
    owner = "iterate_best_responses"
    check_continuous_game(game, owner)
    check_real(damping, "damping", owner, low=0, high=1, low_open=True)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    xtol = check_real(xtol, "xtol", owner, low=0)
    check_integer(n_grid, "n_grid", owner, low=3)
    if symmetric and not game.symmetric:
        raise InvalidGameError(
            "symmetric=True needs a game declared symmetric "
            "(ContinuousGame(..., symmetric=True))."
        )
    x = game.as_actions(start)
    if symmetric:
        x = tuple(x[0] for _ in range(game.n_players))
    previous = np.inf
    for iteration in range(1, max_iter + 1):
        largest = 0.0
        movers = [0] if symmetric else range(game.n_players)
        for i in movers:
            target, _ = game.best_response(i, x, n_grid=n_grid, n_refine=1)
            gap = float(
                np.max(
                    np.abs(np.atleast_1d(target) - np.atleast_1d(x[i])) / game.widths(i)
                )
            )
            largest = max(largest, gap)
            new = _step(x[i], target, damping)
            if symmetric:
                x = tuple(new for _ in range(game.n_players))
            else:
                x = (*x[:i], new, *x[i + 1 :])
        if largest <= xtol:
            return x, iteration, True
        if largest > 0.9 * previous:
            damping = max(damping / 2, 1e-3)
        previous = largest
    return x, max_iter, False


def verify_actions(game, actions, n_grid: int = 401) -> tuple[np.ndarray, float]:
    """Payoffs at ``actions`` and the largest deviation gain found by
    :meth:`~stratgame.games.ContinuousGame.regret`.

    Examples
    --------
    >>> from stratgame.games import ContinuousGame
    >>> g = ContinuousGame([lambda q: (9 - q[0] - q[1]) * q[0],
    ...                     lambda q: (9 - q[0] - q[1]) * q[1]], [(0, 9), (0, 9)])
    >>> payoffs, regret = verify_actions(g, (3, 3))
    >>> payoffs.tolist(), regret < 1e-9
    ([9.0, 9.0], True)
    >>> round(verify_actions(g, (1, 1))[1], 6)  # best reply 4 pays 16, not 7
    9.0
    """
    payoffs = game.payoffs(actions)
    return payoffs, float(game.regret(actions, n_grid=n_grid).max())


def _starts(game, starts, n_starts: int, rng) -> list[tuple]:
    points = [game.as_actions(s) for s in starts] if starts is not None else []
    if not points:
        points.append(game.center())
    while len(points) < n_starts:
        points.append(
            game.as_actions([rng.uniform(box[:, 0], box[:, 1]) for box in game.bounds])
        )
    return points


def best_response_iteration(
    game,
    *,
    starts=None,
    n_starts: int = 3,
    symmetric: bool | None = None,
    damping: float = 1.0,
    max_iter: int = 200,
    xtol: float = 1e-7,
    n_grid: int = 33,
    verify_grid: int = 401,
    tol: float = 1e-7,
    rng=None,
) -> EquilibriumResult:
    """Pure Nash equilibria of a :class:`~stratgame.games.ContinuousGame` by
    damped best-response iteration from several starts, each verified.

    Parameters
    ----------
    game : ContinuousGame
    starts : sequence of profiles, optional
        Starting profiles; default the center of the action sets.
    n_starts : int
        Total starts: those given (or the center) plus random profiles drawn
        with ``rng``.
    symmetric : bool, optional
        Look only for symmetric equilibria by iterating on one common action.
        Default: ``game.symmetric``.
    damping, max_iter, xtol, n_grid
        See :func:`iterate_best_responses`.
    verify_grid : int
        Grid points per player for the deviation search of each candidate.
    tol : float
        A candidate is kept when its largest deviation gain is at most
        ``tol * max(1, max_i |u_i|)``.
    rng : None, int or numpy.random.Generator
        For the random starts.

    Returns
    -------
    EquilibriumResult
        ``method="best_response_iteration"``, ``complete=False``; equilibria
        are :class:`ContinuousEquilibrium` (with ``.actions``), distinct up to
        ``1e-6`` of the action-set widths. ``converged`` is False when no start
        converged. ``details`` records starts, rounds and rejected candidates.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.games import ContinuousGame
    >>> g = ContinuousGame([lambda q: (9 - q[0] - q[1]) * q[0],
    ...                     lambda q: (9 - q[0] - q[1]) * q[1]],
    ...                    [(0, 9), (0, 9)], symmetric=True)
    >>> eq = sg.solve(g, rng=0).equilibria[0]
    >>> [round(a, 6) for a in eq.actions], eq.regret < 1e-9
    ([3.0, 3.0], True)
    """
    owner = "best_response_iteration"
    check_continuous_game(game, owner)
    n_starts = check_integer(n_starts, "n_starts", owner, low=1)
    check_integer(verify_grid, "verify_grid", owner, low=3)
    tol = check_real(tol, "tol", owner, low=0)
    rng = check_rng(rng)
    if symmetric is None:
        symmetric = game.symmetric
    found: list = []
    runs = []
    for start in _starts(game, starts, n_starts, rng):
        x, rounds, converged = iterate_best_responses(
            game,
            start,
            damping=damping,
            max_iter=max_iter,
            xtol=xtol,
            n_grid=n_grid,
            symmetric=symmetric,
        )
        payoffs, regret = verify_actions(game, x, n_grid=verify_grid)
        scale = max(1.0, float(np.abs(payoffs).max()))
        accepted = regret <= tol * scale
        runs.append(
            {
                "rounds": rounds,
                "converged": converged,
                "regret": regret,
                "accepted": accepted,
            }
        )
        if accepted and all(_distance(game, x, eq.actions) > 1e-6 for eq in found):
            found.append(ContinuousEquilibrium(x, payoffs, regret, rounds))
    return EquilibriumResult(
        equilibria=tuple(found),
        method="best_response_iteration",
        complete=False,
        game=game,
        converged=any(r["converged"] for r in runs),
        details={"runs": runs, "symmetric": symmetric},
    )


def solve_continuous(game, method: str = "auto", **options) -> EquilibriumResult:
    """``solve()`` for continuous games: ``"auto"`` and
    ``"best_response_iteration"`` run :func:`best_response_iteration`.

    Examples
    --------
    >>> from stratgame.games import ContinuousGame
    >>> g = ContinuousGame([lambda q: (9 - q[0] - q[1]) * q[0],
    ...                     lambda q: (9 - q[0] - q[1]) * q[1]], [(0, 9), (0, 9)])
    >>> solve_continuous(g, n_starts=1).method
    'best_response_iteration'
    >>> solve_continuous(g, starting_points=[(0, 0)])
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidParameterError: solve got unknown options ['starting_points']; the options are 'starts', ...
    """
    check_choice(method, "method", "solve", ["auto", "best_response_iteration"])
    reject_unknown_options(options, keyword_options(best_response_iteration), "solve")
    return best_response_iteration(game, **options)
