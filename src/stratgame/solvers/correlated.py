"""Correlated and coarse correlated equilibria of games with any number of
players, by linear (and, for maximum entropy, exponential-cone) programming.

A correlated equilibrium (Aumann 1974) is a distribution ``p`` over action
profiles such that no player gains by deviating from a recommended action:
for every player ``i`` and actions ``a != b``,
``sum_{a_-i} p(a, a_-i) [u_i(b, a_-i) - u_i(a, a_-i)] <= 0``. A coarse
correlated equilibrium (Hannan 1957; Moulin and Vial 1978) only asks that no
player gains by ignoring the recommendation altogether:
``sum_a p(a) [u_i(b, a_-i) - u_i(a)] <= 0`` for every ``b``.
Both sets are polytopes, so linear objectives are linear programs, solved by
HiGHS; the maximum-entropy one is solved with cvxpy's exponential cone.
"""

from __future__ import annotations

import html
import numbers
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._display import by_player, label, names, number
from .._validation import check_choice, check_integer
from ..exceptions import InvalidGameError, InvalidParameterError, SolverError
from ..games import NormalFormGame
from ..games.correlated_constraints import (
    incentive_gains,
    incentive_matrix,
    max_incentive_gain,
)

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium", "incentive_gains"]

_NAMED_OBJECTIVES = ("welfare", "fair", "entropy")


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium: a distribution over action profiles.

    Attributes
    ----------
    distribution : numpy.ndarray
        Probabilities of the action profiles, of shape ``game.shape``.
    payoffs : numpy.ndarray
        Each player's expected payoff under the distribution.
    max_violation : float
        The largest gain any player gets from disobeying a recommendation
        (from deviating unconditionally, for a coarse equilibrium), computed
        from the game; zero up to solver accuracy.
    objective : str, int or tuple of float
        The objective that was optimized.
    coarse : bool
        True for a coarse correlated equilibrium.
    status : str
        The solver's report, ``"optimal"`` when it succeeded.
    game : NormalFormGame
        The game.
    """

    distribution: np.ndarray
    payoffs: np.ndarray
    max_violation: float
    objective: Any
    coarse: bool
    status: str
    game: Any = field(repr=False, default=None)

    @property
    def regret(self) -> float:
        """The certificate, as for every equilibrium type: the largest gain a
        player gets by deviating from a recommendation (``max_violation``)."""
        return self.max_violation

    @property
    def strategies(self) -> tuple[np.ndarray, ...]:
        """Each player's marginal distribution over its actions (the joint
        distribution is :attr:`distribution`)."""
        return self.marginals

    @property
    def marginals(self) -> tuple[np.ndarray, ...]:
        """Each player's marginal distribution over its own actions."""
        d = self.distribution
        return tuple(
            d.sum(axis=tuple(j for j in range(d.ndim) if j != i)) for i in range(d.ndim)
        )

    def support(self, tol: float = 1e-9) -> list[tuple[int, ...]]:
        """The action profiles played with probability above ``tol``."""
        return [tuple(int(a) for a in k) for k in np.argwhere(self.distribution > tol)]

    def _profile_labels(self, profile) -> tuple[str, ...]:
        actions = names(self.game, self.distribution.shape)[1]
        return tuple(actions[i][a] for i, a in enumerate(profile))

    def to_dict(self) -> dict:
        """A JSON-ready dict; with the game's labels, also ``"players"`` and
        ``"profiles"``: the action labels and probability of every profile
        played."""
        objective = self.objective
        if isinstance(objective, tuple):
            objective = [float(w) for w in objective]
        out = {
            "distribution": self.distribution.tolist(),
            "payoffs": [float(p) for p in self.payoffs],
            "max_violation": float(self.max_violation),
            "objective": objective,
            "coarse": self.coarse,
            "status": self.status,
        }
        if self.game is not None:
            out["players"] = list(names(self.game, self.distribution.shape)[0])
            out["profiles"] = [
                {
                    "actions": list(self._profile_labels(profile)),
                    "probability": float(self.distribution[profile]),
                }
                for profile in self.support()
            ]
        return out

    def __repr__(self) -> str:
        kind = "CoarseCorrelatedEquilibrium" if self.coarse else "CorrelatedEquilibrium"
        support = self.support()
        entries = ", ".join(
            f"{self._profile_labels(profile)}: {number(self.distribution[profile])}"
            for profile in support[:12]
        )
        more = ", ..." if len(support) > 12 else ""
        players = names(self.game, self.distribution.shape)[0]
        return (
            f"{kind}(objective={self.objective!r}, "
            f"payoffs={by_player(players, self.payoffs)}, "
            f"max_violation={number(self.max_violation, 3)}, "
            f"distribution={{{entries}{more}}}, status={self.status!r})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr><td>"
            + html.escape(", ".join(map(label, self._profile_labels(profile))))
            + f"</td><td>{number(self.distribution[profile])}</td></tr>"
            for profile in self.support()[:50]
        )
        players = names(self.game, self.distribution.shape)[0]
        payoffs = ", ".join(
            f"{label(player)} {number(p)}"
            for player, p in zip(players, self.payoffs, strict=True)
        )
        kind = "coarse correlated" if self.coarse else "correlated"
        return (
            f"<p>{kind} equilibrium, objective "
            f"<code>{html.escape(repr(self.objective))}</code>, payoffs "
            f"{html.escape(payoffs)}, max violation "
            f"{number(self.max_violation, 3)}</p>"
            "<table><tr><th>profile</th><th>probability</th></tr>"
            f"{rows}</table>"
        )


def _objective_vector(game, objective):
    """A weight per player for linear objectives, or the name of the
    nonlinear one."""
    n_players = game.n_players
    if isinstance(objective, str):
        check_choice(
            objective, "objective", "correlated_equilibrium", _NAMED_OBJECTIVES
        )
        if objective == "welfare":
            return np.ones(n_players)
        return objective
    if isinstance(objective, numbers.Integral) and not isinstance(objective, bool):
        player = check_integer(
            objective, "objective", "correlated_equilibrium", low=0, high=n_players - 1
        )
        weights = np.zeros(n_players)
        weights[player] = 1.0
        return weights
    try:
        weights = np.asarray(objective, dtype=np.float64)
    except (TypeError, ValueError):
        weights = None
    if (
        weights is None
        or weights.shape != (n_players,)
        or not np.all(np.isfinite(weights))
    ):
        raise InvalidParameterError(
            "The 'objective' parameter of correlated_equilibrium must be "
            "'welfare', 'fair', 'entropy', a player index in "
            f"[0, {n_players - 1}] or a vector of {n_players} finite weights. "
            f"Got {objective!r} instead."
        )
    return weights


def correlated_equilibrium(
    game, objective="welfare", coarse: bool = False, *, solver: str | None = None
) -> CorrelatedEquilibrium:
    """The correlated (or coarse correlated) equilibrium that is best for an
    objective.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : str, int or array_like
        ``"welfare"`` maximizes the sum of the expected payoffs; ``"fair"``
        maximizes the smallest player's expected payoff; ``"entropy"``
        maximizes the entropy of the distribution (the least committal
        equilibrium; Ortiz, Schapire and Sheikh 2007); a player index
        maximizes that player's expected payoff; a vector of one weight per
        player maximizes the weighted sum of expected payoffs.
    coarse : bool
        Find a coarse correlated equilibrium (no gain from ignoring the
        recommendation altogether) instead.
    solver : str, optional
        By default linear objectives are solved by HiGHS through
        :func:`scipy.optimize.linprog` and ``"entropy"`` by cvxpy with an
        exponential-cone solver (Clarabel, ECOS or SCS, whichever is
        installed). Naming a cvxpy solver (e.g. ``"CLARABEL"``, ``"SCS"``)
        solves any objective with cvxpy and that solver.

    Returns
    -------
    CorrelatedEquilibrium
        The distribution (shape ``game.shape``), expected payoffs and the
        largest incentive violation, computed from the game.

    Raises
    ------
    InvalidGameError
        If ``game`` is not a NormalFormGame.
    InvalidParameterError
        (a ValueError) for an unknown objective or a ``coarse`` that is not a
        bool.

    Examples
    --------
    Chicken: the welfare-maximizing correlated equilibrium gives each player
    5.25, more than any Nash equilibrium (Aumann 1974).

    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> ce = sg.correlated_equilibrium(g, objective="welfare")
    >>> ce.payoffs
    array([5.25, 5.25])
    >>> ce.distribution
    array([[0.5 , 0.25],
           [0.25, 0.  ]])
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"correlated_equilibrium needs a NormalFormGame; got {type(game).__name__}."
        )
    if not isinstance(coarse, bool | np.bool_):
        raise InvalidParameterError(
            "The 'coarse' parameter of correlated_equilibrium must be True or "
            f"False. Got {coarse!r} instead."
        )
    target = _objective_vector(game, objective)
    constraints = incentive_matrix(game, bool(coarse))
    if solver is None and not isinstance(target, str):
        p, status = _solve_linear(game, constraints, target)
    elif solver is None and target == "fair":
        p, status = _solve_fair(game, constraints)
    else:
        p, status = _solve_cvxpy(game, constraints, target, solver)
    p = np.clip(p, 0.0, None)
    p = (p / p.sum()).reshape(game.shape)
    payoffs = np.array([float(np.vdot(u, p)) for u in game.float_payoff_arrays])
    if isinstance(objective, np.ndarray | list):
        objective = tuple(float(w) for w in objective)
    return CorrelatedEquilibrium(
        distribution=p,
        payoffs=payoffs,
        max_violation=max_incentive_gain(game, p, bool(coarse)),
        objective=objective,
        coarse=bool(coarse),
        status=status,
        game=game,
    )


def _welfare_vector(game, weights) -> np.ndarray:
    total = np.zeros(int(np.prod(game.shape)))
    for w, u in zip(weights, game.float_payoff_arrays, strict=True):
        if w:
            total += w * u.ravel()
    return total


def _solve_linear(game, constraints, weights):
    from scipy.optimize import linprog

    size = constraints.shape[1]
    result = linprog(
        -_welfare_vector(game, weights),
        A_ub=constraints,
        b_ub=np.zeros(constraints.shape[0]),
        A_eq=np.ones((1, size)),
        b_eq=[1.0],
        bounds=(0.0, None),
        method="highs",
    )
    return _linprog_solution(result, size)


def _solve_fair(game, constraints):
    """Maximize t subject to t <= u_i . p for every player (variables p, t)."""
    from scipy import sparse
    from scipy.optimize import linprog

    size = constraints.shape[1]
    n_players = game.n_players
    payoff_rows = np.vstack([-u.ravel() for u in game.float_payoff_arrays])
    a_ub = sparse.vstack(
        [
            sparse.hstack([constraints, sparse.csr_matrix((constraints.shape[0], 1))]),
            sparse.csr_matrix(np.hstack([payoff_rows, np.ones((n_players, 1))])),
        ],
        format="csr",
    )
    objective = np.zeros(size + 1)
    objective[-1] = -1.0
    equality = np.ones((1, size + 1))
    equality[0, -1] = 0.0
    result = linprog(
        objective,
        A_ub=a_ub,
        b_ub=np.zeros(a_ub.shape[0]),
        A_eq=equality,
        b_eq=[1.0],
        bounds=[(0.0, None)] * size + [(None, None)],
        method="highs",
    )
    return _linprog_solution(result, size)


def _linprog_solution(result, size: int):
    if result.status != 0:
        raise SolverError(
            f"HiGHS did not solve the correlated-equilibrium LP: {result.message}"
        )
    return result.x[:size], "optimal"


def _exp_cone_solver(cp) -> str:
    installed = cp.installed_solvers()
    for name in ("CLARABEL", "ECOS", "SCS"):
        if name in installed:
            return name
    raise SolverError(
        "the 'entropy' objective needs a cvxpy solver for the exponential cone "
        f"(CLARABEL, ECOS or SCS); the installed solvers are {installed}."
    )


def _solve_cvxpy(game, constraints, target, solver):
    import cvxpy as cp

    size = constraints.shape[1]
    p = cp.Variable(size, nonneg=True)
    rules = [constraints @ p <= 0, cp.sum(p) == 1]
    if isinstance(target, str) and target == "entropy":
        goal = cp.Maximize(cp.sum(cp.entr(p)))
        solver = solver or _exp_cone_solver(cp)
    elif isinstance(target, str):  # "fair"
        smallest = cp.Variable()
        rules += [smallest <= u.ravel() @ p for u in game.float_payoff_arrays]
        goal = cp.Maximize(smallest)
    else:
        goal = cp.Maximize(_welfare_vector(game, target) @ p)
    problem = cp.Problem(goal, rules)
    problem.solve(solver=solver)
    if problem.status not in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE) or p.value is None:
        raise SolverError(
            f"cvxpy ({solver}) did not solve the correlated-equilibrium problem: "
            f"status {problem.status!r}."
        )
    status = "optimal" if problem.status == cp.OPTIMAL else problem.status
    return np.asarray(p.value, dtype=np.float64), status
