"""Subgame-perfect equilibrium of a :class:`~stratgame.games.SequentialGame`
by backward induction.

Every subgame is solved before the move that leads to it (Kuhn 1953; Selten
1965; Osborne & Rubinstein 1994, *A Course in Game Theory*, Prop. 99.2): a
finite decision takes the move with the highest continuation value for its
player (ties go to the first move listed), a chance node averages, a
continuous decision maximizes its continuation value over the interval (a grid
scan refined by Brent's bounded method) and a simultaneous stage is solved as
a :class:`~stratgame.games.ContinuousGame` -- its payoffs being the
continuation values -- by best-response iteration
(:mod:`stratgame.solvers.continuous`).

Continuous choices are found without derivatives, so a continuous decision
above another numerical stage is accurate to about the square root of the
inner tolerance (around ``1e-4`` relative), its objective being flat at the
optimum.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_choice, check_integer
from ..exceptions import InvalidGameError
from ..games.continuous import ContinuousGame
from ..games.sequential import (
    Chance,
    ContinuousDecision,
    Decision,
    SequentialGame,
    Terminal,
)
from .continuous import (
    iterate_best_responses,
    keyword_options,
    reject_unknown_options,
    verify_actions,
)
from .results import EquilibriumResult

__all__ = ["SubgamePerfectEquilibrium", "backward_induction", "solve_sequential"]


@dataclass(frozen=True, eq=False)
class SubgamePerfectEquilibrium:
    """The subgame-perfect equilibrium that backward induction found.

    Attributes
    ----------
    plan : dict
        The move chosen at each decision node solved, keyed by the node's path
        (the tuple of moves from the root). For a finite tree this is a
        complete strategy profile; with continuous stages it holds the nodes
        on the equilibrium path (a continuum of off-path nodes is solved on
        demand and not stored).
    path : tuple
        The moves along the equilibrium path, up to the first chance move.
    payoffs : numpy.ndarray
        Expected payoffs of the root.
    regret : float
        The largest deviation gain found: simultaneous stages report the
        deviation search of their equilibria; decisions are maximized over
        all their moves (finite) or by grid plus local search (continuous).
    ties : bool
        True when some finite decision had several best moves (other
        subgame-perfect equilibria then exist).
    """

    plan: dict
    path: tuple
    payoffs: np.ndarray
    regret: float
    ties: bool = False
    details: dict = field(default_factory=dict, repr=False)
    movers: dict = field(default_factory=dict, repr=False)

    @property
    def strategies(self) -> tuple[dict, ...]:
        """Each player's part of the plan: a dict from the path of each node
        where that player moves to the move chosen there (at a simultaneous
        stage, that player's own action). For a finite tree this is the
        player's complete pure strategy.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.games import Decision, SequentialGame, Terminal
        >>> g = SequentialGame(Decision(0, {"out": Terminal((0, 2)),
        ...     "in": Decision(1, {"fight": Terminal((-1, -1)),
        ...                        "yield": Terminal((1, 1))})}), ("E", "I"))
        >>> sg.solve(g).equilibria[0].strategies
        ({(): 'in'}, {('in',): 'yield'})
        """
        n_players = len(self.payoffs)
        out: tuple[dict, ...] = tuple({} for _ in range(n_players))
        for path, move in self.plan.items():
            players = self.movers.get(path, ())
            if len(players) == 1:
                out[players[0]][path] = move
            else:
                for k, player in enumerate(players):
                    out[player][path] = move[k]
        return out

    def to_dict(self) -> dict:
        """A JSON-ready dict (paths joined with ``"/"``)."""

        def text(value):
            if isinstance(value, tuple):
                return [text(v) for v in value]
            return value if isinstance(value, str) else float(value)

        return {
            "plan": {"/".join(map(str, k)): text(v) for k, v in self.plan.items()},
            "path": text(self.path),
            "payoffs": [float(p) for p in self.payoffs],
            "regret": float(self.regret),
            "ties": self.ties,
        }

    def __repr__(self) -> str:
        payoffs = ", ".join(f"{float(p):.6g}" for p in self.payoffs)
        return (
            f"SubgamePerfectEquilibrium(path={self.path!r}, payoffs=[{payoffs}], "
            f"regret={self.regret:.3g})"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>"


class _Solver:
    def __init__(self, game, n_grid: int, stage_options: dict, verify_grid: int):
        self.game = game
        self.movers: dict = {}
        self.n_grid = n_grid
        self.stage_options = stage_options
        self.verify_grid = verify_grid
        self.regret = 0.0
        self.ties = False
        self.unconverged_stages = 0

    def value(self, node, path: tuple, plan: dict | None) -> np.ndarray:
        """Continuation payoffs of ``node``; records choices into ``plan``."""
        self.game.check_node(node, path)
        if isinstance(node, Terminal):
            return np.asarray(node.payoffs, dtype=np.float64).reshape(-1)
        if isinstance(node, Chance):
            return sum(
                float(node.probabilities[m]) * self.value(c, (*path, m), plan)
                for m, c in node.children.items()
            )
        if isinstance(node, Decision):
            return self._decision(node, path, plan)
        if isinstance(node, ContinuousDecision):
            return self._continuous(node, path, plan)
        return self._simultaneous(node, path, plan)

    def _decision(self, node, path, plan):
        player = self.game.player_index(node.player)
        values = {m: self.value(c, (*path, m), plan) for m, c in node.children.items()}
        scores = [v[player] for v in values.values()]
        best = max(scores)
        if sum(abs(s - best) <= 1e-12 * max(1.0, abs(best)) for s in scores) > 1:
            self.ties = True
        move = next(m for m, v in values.items() if v[player] == best)
        if plan is not None:
            plan[path] = move
            self.movers[path] = (player,)
        return values[move]

    def _continuous(self, node, path, plan):
        from scipy import optimize

        player = self.game.player_index(node.player)
        low, high = float(node.bounds[0]), float(node.bounds[1])

        def score(x: float) -> float:
            return float(self.value(node.child(x), (*path, x), None)[player])

        grid = np.linspace(low, high, self.n_grid)
        scores = np.array([score(x) for x in grid])
        k = int(scores.argmax())
        best_x, best_v = float(grid[k]), float(scores[k])
        res = optimize.minimize_scalar(
            lambda x: -score(x),
            bounds=(grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]),
            method="bounded",
            options={"xatol": 1e-9 * (high - low), "maxiter": 100},
        )
        if -res.fun > best_v:
            best_x = float(res.x)
        if plan is not None:
            plan[path] = best_x
            self.movers[path] = (player,)
        return self.value(node.child(best_x), (*path, best_x), plan)

    def _simultaneous(self, node, path, plan):
        movers = [self.game.player_index(p) for p in node.players]

        def stage_payoffs(actions):
            values = self.value(node.child(tuple(actions)), (*path, actions), None)
            return values[movers]

        stage = ContinuousGame(
            stage_payoffs,
            bounds=[tuple(b) for b in node.bounds],
            players=[self.game.players[i] for i in movers],
        )
        options = {"n_grid": 17, "max_iter": 200, "xtol": 1e-7}
        options.update(self.stage_options)
        actions, _, converged = iterate_best_responses(stage, stage.center(), **options)
        self.unconverged_stages += not converged
        if plan is not None:
            _, stage_regret = verify_actions(stage, actions, n_grid=self.verify_grid)
            self.regret = max(self.regret, stage_regret)
            plan[path] = tuple(float(a) for a in actions)
            self.movers[path] = tuple(movers)
        return self.value(node.child(tuple(actions)), (*path, tuple(actions)), plan)


def _equilibrium_path(game, plan: dict) -> tuple:
    node, path = game.root, ()
    while path in plan and not isinstance(node, Terminal | Chance):
        move = plan[path]
        path = (*path, move)
        node = node.children[move] if isinstance(node, Decision) else node.child(move)
    return path


def backward_induction(
    game, *, n_grid: int = 101, stage_options: dict | None = None
) -> EquilibriumResult:
    """The subgame-perfect equilibrium of a sequential game by backward
    induction.

    Parameters
    ----------
    game : SequentialGame
    n_grid : int
        Grid points scanned at each continuous decision before local
        refinement.
    stage_options : dict, optional
        Options of :func:`~stratgame.solvers.continuous.iterate_best_responses`
        for simultaneous stages, plus ``verify_grid`` (default 201) for the
        deviation search of the equilibrium-path stages.

    Returns
    -------
    EquilibriumResult
        One :class:`SubgamePerfectEquilibrium`; ``method="backward_induction"``.
        ``complete`` is True for a finite tree without ties, where the
        subgame-perfect equilibrium is unique. ``converged`` is False when the
        best-response iteration of some simultaneous stage (on or off the
        equilibrium path) stopped at ``max_iter`` without converging;
        ``details["unconverged_stages"]`` counts those stages.

    Raises
    ------
    InvalidGameError
        When ``game`` is not a SequentialGame, or a ``child`` function builds
        an invalid node.
    InvalidParameterError
        For ``n_grid < 3`` or unknown or out-of-range ``stage_options``.

    Examples
    --------
    A Stackelberg duopoly: demand ``P = 12 - q1 - q2``, no costs. The leader
    produces 6, the follower 3.

    >>> import stratgame as sg
    >>> from stratgame.games import SequentialGame, ContinuousDecision, Terminal
    >>> def follower(q1):
    ...     return ContinuousDecision(1, (0, 12), lambda q2: Terminal(
    ...         ((12 - q1 - q2) * q1, (12 - q1 - q2) * q2)))
    >>> g = SequentialGame(ContinuousDecision(0, (0, 12), follower), ("L", "F"))
    >>> spe = sg.solve(g, n_grid=25).equilibria[0]
    >>> [round(x, 5) for x in spe.path]
    [6.0, 3.0]
    """
    owner = "backward_induction"
    if not isinstance(game, SequentialGame):
        raise InvalidGameError(
            f"{owner} needs a SequentialGame; got {type(game).__name__}."
        )
    n_grid = check_integer(n_grid, "n_grid", owner, low=3)
    stage_options = dict(stage_options or {})
    verify_grid = stage_options.pop("verify_grid", 201)
    check_integer(verify_grid, "verify_grid", owner, low=3)
    stage_keys = [
        k for k in keyword_options(iterate_best_responses) if k != "symmetric"
    ]
    reject_unknown_options(
        stage_options, [*stage_keys, "verify_grid"], f"{owner} (stage_options)"
    )
    solver = _Solver(game, n_grid, stage_options, verify_grid)
    plan: dict = {}
    payoffs = solver.value(game.root, (), plan)
    equilibrium = SubgamePerfectEquilibrium(
        plan=plan,
        path=_equilibrium_path(game, plan),
        payoffs=np.asarray(payoffs, dtype=np.float64),
        regret=solver.regret,
        ties=solver.ties,
        movers=solver.movers,
    )
    return EquilibriumResult(
        equilibria=(equilibrium,),
        method="backward_induction",
        complete=game.is_finite and not solver.ties,
        game=game,
        converged=solver.unconverged_stages == 0,
        details={"unconverged_stages": solver.unconverged_stages},
    )


def solve_sequential(game, method: str = "auto", **options) -> EquilibriumResult:
    """``solve()`` for sequential games: ``"auto"`` and
    ``"backward_induction"`` run :func:`backward_induction`.

    Examples
    --------
    >>> from stratgame.games import Decision, SequentialGame, Terminal
    >>> g = SequentialGame(Decision(0, {"a": Terminal((1,)), "b": Terminal((2,))}),
    ...                    players=("x",))
    >>> solve_sequential(g).equilibria[0].path
    ('b',)
    """
    check_choice(method, "method", "solve", ["auto", "backward_induction"])
    reject_unknown_options(options, keyword_options(backward_induction), "solve")
    return backward_induction(game, **options)
