"""Best-response dynamics ``dx/dt = BR(x) - x`` (Gilboa & Matsui 1991;
Matsui 1992): per unit of time a share of each population switches to a
best response against the current state.

Between switches each population moves in a straight line toward a fixed
target, ``x(s) = b + (x - b) e^{-s}``. In two-player games payoffs are linear
in the state, so along such a segment every payoff difference is affine in
``e^{-s}`` and the next switching time has a closed form: the path is then
computed exactly, switch by switch. Where several best responses tie, the
target is the one the solution can actually follow (a Filippov solution):
an action that stays best when moved toward; or, on a switching surface the
flow slides along, the mixture that keeps the tied actions tied (at a mixed
equilibrium, the equilibrium itself, so the state rests there).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_real, renamed_keywords
from ._linear import face_solution
from ._populations import PopulationModel
from .results import Trajectory

__all__ = ["best_response_dynamics"]

_MAX_SWITCHES_PER_STEP = 20


def _best_set(values: np.ndarray, atol: float) -> np.ndarray:
    return np.flatnonzero(values >= values.max() - atol)


def _point(n: int, support, weights=None) -> np.ndarray:
    out = np.zeros(n)
    out[support] = 1.0 / len(support) if weights is None else weights
    return out


def _single_target(A, f, atol):
    """Target and active actions of one population playing against itself."""
    n = len(f)
    tied = _best_set(f, atol)
    if len(tied) == 1:
        return _point(n, tied), tied
    for b in tied:  # moving toward b keeps b best among the tied actions
        if A[b, b] >= A[tied, b].max() - atol:
            return _point(n, [b]), np.array([b])
    kind, weights = face_solution(A[np.ix_(tied, tied)], 0.0)
    return _point(n, tied, weights if kind == "unique" else None), tied


def _follow(values_against_target, tied, atol):
    """The tied actions that do best as the other population moves."""
    return tied[_best_set(values_against_target[tied], atol)]


def _pair_targets(A, B, f0, f1, atol):
    """Targets and active actions of two populations (row and column)."""
    n0, n1 = A.shape
    tied0, tied1 = _best_set(f0, atol), _best_set(f1, atol)
    if len(tied1) == 1:
        active0 = _follow(A[:, tied1[0]], tied0, atol)
        return _point(n0, active0), _point(n1, tied1), active0, tied1
    if len(tied0) == 1:
        active1 = _follow(B[tied0[0], :], tied1, atol)
        return _point(n0, tied0), _point(n1, active1), tied0, active1
    for b0 in tied0:
        for b1 in tied1:
            if (
                A[b0, b1] >= A[tied0, b1].max() - atol
                and B[b0, b1] >= B[b0, tied1].max() - atol
            ):
                return (
                    _point(n0, [b0]),
                    _point(n1, [b1]),
                    np.array([b0]),
                    np.array([b1]),
                )
    block = np.ix_(tied0, tied1)
    kind0, weights0 = face_solution(B[block].T, 0.0)
    kind1, weights1 = face_solution(A[block], 0.0)
    if kind0 != "unique" or kind1 != "unique":
        weights0 = weights1 = None
    return (
        _point(n0, tied0, weights0),
        _point(n1, tied1, weights1),
        tied0,
        tied1,
    )


def _exact_path(model: PopulationModel, y, grid, atol):
    """The path of a two-player game, switch by switch, sampled on ``grid``."""
    A = model.payoffs[0]
    B = None if model.single else model.game.float_payoff_arrays[1]
    fitness = model.fitness
    offsets = [s.start for s in model.slices]
    out = np.empty((len(grid), model.dimension))
    out[0] = y
    t, k, switches, fallback = 0.0, 1, 0, 0
    while k < len(grid):
        f = fitness(y)
        if model.single:
            target, active = _single_target(A, f, atol)
            actives = [active]
        else:
            n0 = model.sizes[0]
            t0, t1, a0, a1 = _pair_targets(A, B, f[:n0], f[n0:], atol)
            target = np.concatenate((t0, t1))
            actives = [a0, a1]
        # Actions tied at the start were ranked by how they evolve, so only
        # actions strictly behind can overtake during this segment.
        behind = np.ones(model.dimension, dtype=bool)
        reference = np.empty(model.dimension, dtype=np.int64)
        for s, start, active in zip(model.slices, offsets, actives, strict=True):
            behind[s] = f[s] < f[s].max() - atol
            reference[s] = start + active[0]
        f_target = fitness(target)
        alpha = f_target - f_target[reference]
        beta = (f - f[reference]) - alpha
        rising = behind & (beta < 0)
        crossings = alpha[rising] / -beta[rising]
        crossings = crossings[(crossings > 0) & (crossings < 1 - 1e-12)]
        z = crossings.max() if crossings.size else 0.0
        end = t - math.log(z) if z > 0 else math.inf
        switches += 1
        if switches > _MAX_SWITCHES_PER_STEP:  # switches pile up: one plain step
            end, fallback, z = grid[k], fallback + 1, math.exp(-(grid[k] - t))
        while k < len(grid) and grid[k] <= end:
            out[k] = target + (y - target) * math.exp(-(grid[k] - t))
            k, switches = k + 1, 0
        y = target + (y - target) * z
        t = end
    return out, fallback


def _fixed_steps(model: PopulationModel, y, grid, atol):
    """Exact exponential steps toward the best responses at the start of each
    step (games whose payoffs are not linear in the state)."""
    out = np.empty((len(grid), model.dimension))
    out[0] = y
    target = np.empty(model.dimension)
    for k in range(1, len(grid)):
        f = model.fitness(y)
        for s in model.slices:
            best = f[s] >= f[s].max() - atol
            target[s] = best / best.sum()
        y = target + (y - target) * math.exp(-(grid[k] - grid[k - 1]))
        out[k] = y
    return out


@renamed_keywords(x0="initial")
def best_response_dynamics(
    game,
    initial=None,
    t_max=10.0,
    *,
    step: float = 0.01,
    tol: float = 1e-9,
    populations: str = "auto",
) -> Trajectory:
    """Best-response dynamics ``dx/dt = BR(x) - x`` (Gilboa & Matsui 1991;
    Hofbauer 1995).

    Two-player games (one population or two) are solved exactly: between
    switches of best response the state moves straight toward its target,
    and each switching time is found in closed form. Ties are resolved as the
    differential inclusion allows — toward a tied action that stays best, or,
    on a switching surface, toward the mixture that keeps the tie (which
    makes mixed equilibria rest points). ``step`` sets the times at which
    the state is recorded; where switches come faster than 20 per step (they
    accumulate near some equilibria, as in matching pennies), the rest of
    that step is one exponential step toward the current target, and
    ``details["fallback_steps"]`` counts those. Games with more players use exact
    exponential steps of length ``step`` toward the current best responses
    (tied ones sharing equally), accurate to order ``step``.

    Parameters
    ----------
    game : NormalFormGame
    initial : strategy or profile, optional
        Initial state (default: the barycentre).
    t_max : float
        Length of time to follow.
    step : float
        Time between recorded states.
    tol : float
        Payoffs within ``tol * game.payoff_scale`` of the best count as tied.
    populations : {"auto", "single", "per_player"}

    Returns
    -------
    Trajectory
        States at times ``0, step, 2 step, ..., t_max``.

    Examples
    --------
    Stag hunt: from a state with enough stag hunters, everyone ends up hunting
    stag; hawk–dove comes to rest at its mixed equilibrium.

    >>> import stratgame as sg
    >>> stag_hunt = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]],
    ...                                             [[4, 3], [0, 3]])
    >>> best_response_dynamics(stag_hunt, [0.8, 0.2], t_max=20).final[0].round(6)
    array([1., 0.])
    >>> hawk_dove = sg.NormalFormGame.from_bimatrix([[-1, 2], [0, 1]],
    ...                                             [[-1, 0], [2, 1]])
    >>> best_response_dynamics(hawk_dove, [0.9, 0.1], t_max=20).final[0]
    array([0.5, 0.5])
    """
    owner = "best_response_dynamics"
    model = PopulationModel(game, populations, owner)
    y = model.initial_state(initial)
    t_max = float(check_real(t_max, "t_max", owner, low=0, low_open=True))
    step = float(check_real(step, "step", owner, low=0, low_open=True, high=t_max))
    tol = float(check_real(tol, "tol", owner, low=0))
    atol = tol * model.game.payoff_scale
    n_steps = math.ceil(t_max / step - 1e-9)
    grid = np.minimum(np.arange(n_steps + 1) * step, t_max)
    details = {"step": step, "tol": tol}
    if game.n_players == 2:
        states, fallback = _exact_path(model, y, grid, atol)
        details.update(integration="exact switching", fallback_steps=fallback)
    else:
        states = _fixed_steps(model, y, grid, atol)
        details["integration"] = "fixed exponential steps"
    return model.trajectory(grid, states, "best response", details)
