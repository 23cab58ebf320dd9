"""Best-response dynamics and their smoothed version, the logit dynamics.

In the best-response dynamics ``dx/dt = BR(x) - x`` (Gilboa & Matsui 1991;
Matsui 1992) a small share of each population switches, per unit of time, to
a best response against the current state. The logit dynamics
``dx/dt = L(x) - x`` replace ``BR`` with the logit choice ``L_k(x) ∝
exp(f_k(x) / temperature)`` (Fudenberg & Levine 1998, *The Theory of Learning
in Games*, ch. 4; Hofbauer & Sandholm 2002); their rest points are the logit
quantal response equilibria (McKelvey & Palfrey 1995).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_real
from ._ode import integrate
from ._populations import PopulationModel
from .results import Trajectory

__all__ = ["best_response_dynamics", "logit_dynamics"]


def best_response_dynamics(
    game,
    x0=None,
    t_max=10.0,
    *,
    step: float = 0.01,
    tol: float = 1e-9,
    populations: str = "auto",
) -> Trajectory:
    """Best-response dynamics ``dx/dt = BR(x) - x`` (Gilboa & Matsui 1991).

    While a population's best response ``b`` stays the same, its state moves
    in a straight line toward it, ``x(t + h) = b + (x(t) - b) e^{-h}``; the path
    is built from such exact steps of length ``step``, re-evaluating best
    responses after each. Tied best responses (within ``tol *
    game.payoff_scale``) share the move equally. Where the true solution slides
    along a switching surface (e.g. sits at a mixed equilibrium) the steps
    chatter around it at a distance of order ``step``.

    Parameters
    ----------
    game : NormalFormGame
    x0 : strategy or profile, optional
        Initial state (default: the barycentre).
    t_max : float
        Length of time to follow.
    step : float
        Time between best-response re-evaluations.
    tol : float
        Relative tolerance for ties between best responses.
    populations : {"auto", "single", "per_player"}

    Returns
    -------
    Trajectory
        One recorded state per step.

    Examples
    --------
    Stag hunt: from a state with enough stag hunters, everyone ends up hunting
    stag.

    >>> import stratgame as sg
    >>> stag_hunt = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]],
    ...                                             [[4, 3], [0, 3]])
    >>> path = best_response_dynamics(stag_hunt, [0.8, 0.2], t_max=20)
    >>> path.final[0].round(6)
    array([1., 0.])
    """
    owner = "best_response_dynamics"
    model = PopulationModel(game, populations, owner)
    y = model.initial_state(x0)
    t_max = float(check_real(t_max, "t_max", owner, low=0, low_open=True))
    step = float(check_real(step, "step", owner, low=0, low_open=True, high=t_max))
    tol = float(check_real(tol, "tol", owner, low=0))
    atol = tol * model.game.payoff_scale
    n_steps = int(np.ceil(t_max / step - 1e-9))
    decay = np.exp(-step)
    states = np.empty((n_steps + 1, model.dimension))
    states[0] = y
    target = np.empty(model.dimension)
    for t in range(1, n_steps + 1):
        f = model.fitness(y)
        for s in model.slices:
            best = f[s] >= f[s].max() - atol
            target[s] = best / best.sum()
        y = target + (y - target) * decay
        states[t] = y
    times = np.minimum(np.arange(n_steps + 1) * step, t_max)
    return model.trajectory(times, states, "best response", {"step": step, "tol": tol})


def logit_dynamics(
    game,
    x0=None,
    t_max=10.0,
    *,
    temperature: float = 0.1,
    n_points: int = 1000,
    populations: str = "auto",
    method: str = "LSODA",
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> Trajectory:
    """Logit (smoothed best-response) dynamics ``dx/dt = L(x) - x``.

    ``L_k(x) = exp(f_k(x)/temperature) / sum_j exp(f_j(x)/temperature)``
    (Fudenberg & Levine 1998, ch. 4; Hofbauer & Sandholm 2002). Rest points
    are logit quantal response equilibria (McKelvey & Palfrey 1995); as the
    temperature falls they approach Nash equilibria and the dynamics approach
    the best-response dynamics.

    Parameters
    ----------
    game : NormalFormGame
    x0 : strategy or profile, optional
        Initial state (default: the barycentre).
    t_max : float
        Integrate over ``[0, t_max]``.
    temperature : float
        Noise level ``> 0``, in payoff units.
    n_points : int
        Number of recorded times.
    populations : {"auto", "single", "per_player"}
    method, rtol, atol
        ODE solver and tolerances, as for :func:`replicator`.

    Returns
    -------
    Trajectory

    Examples
    --------
    Matching pennies: play spirals in to the uniform logit equilibrium.

    >>> import stratgame as sg
    >>> pennies = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> path = logit_dynamics(pennies, ([0.9, 0.1], [0.2, 0.8]), t_max=40,
    ...                       temperature=0.5)
    >>> [s.round(4) for s in path.final]
    [array([0.5, 0.5]), array([0.5, 0.5])]
    """
    owner = "logit_dynamics"
    model = PopulationModel(game, populations, owner)
    y0 = model.initial_state(x0)
    temperature = float(
        check_real(temperature, "temperature", owner, low=0, low_open=True)
    )
    slices = model.slices
    fitness = model.fitness

    def field(y):
        scaled = fitness(y) / temperature
        choice = np.empty_like(y)
        for s in slices:
            weights = np.exp(scaled[s] - scaled[s].max())
            choice[s] = weights / weights.sum()
        return choice - y

    times, states, details = integrate(
        field, y0, t_max, n_points, method, rtol, atol, owner
    )
    details["temperature"] = temperature
    return model.trajectory(times, states, "logit", details)
