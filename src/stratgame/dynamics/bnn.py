"""Brown–von Neumann–Nash dynamics.

Each strategy gains in proportion to its *excess payoff* over the population
average, ``dx_k/dt = e_k(x) - x_k sum_j e_j(x)`` with
``e_k = max(f_k(x) - x . f(x), 0)`` (Brown & von Neumann 1950; Nash 1951;
Hofbauer 2000). Unlike the replicator dynamics, unused strategies can enter,
and the rest points are exactly the Nash equilibria.
"""

from __future__ import annotations

import numpy as np

from .._validation import renamed_keywords
from ._ode import integrate
from ._populations import PopulationModel
from .results import Trajectory

__all__ = ["bnn_dynamics"]


@renamed_keywords(x0="initial")
def bnn_dynamics(
    game,
    initial=None,
    t_max=10.0,
    *,
    n_points: int = 1000,
    populations: str = "auto",
    method: str = "LSODA",
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> Trajectory:
    """Brown–von Neumann–Nash dynamics.

    ``dx_k/dt = e_k - x_k sum_j e_j`` with excess payoffs
    ``e_k = [f_k(x) - x . f(x)]_+`` in every population (Brown & von Neumann
    1950, "Solutions of games by differential equations"; Hofbauer 2000,
    "From Nash and Brown to Maynard Smith"). A state is a rest point exactly
    when it is a Nash equilibrium; in symmetric zero-sum games every solution
    converges to the equilibrium set (Brown & von Neumann 1950).

    Parameters
    ----------
    game : NormalFormGame
    initial : strategy or profile, optional
        Initial state (default: the barycentre).
    t_max : float
        Integrate over ``[0, t_max]``.
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
    Rock–paper–scissors where a win pays 2 and a loss costs 1: play converges
    to the uniform equilibrium.

    >>> import stratgame as sg
    >>> A = [[0, -1, 2], [2, 0, -1], [-1, 2, 0]]
    >>> rps = sg.NormalFormGame.from_bimatrix(A, list(zip(*A)))
    >>> path = bnn_dynamics(rps, [0.6, 0.3, 0.1], t_max=40)
    >>> path.final[0].round(4), path.regret < 1e-5
    (array([0.3333, 0.3333, 0.3333]), True)
    """
    owner = "bnn_dynamics"
    model = PopulationModel(game, populations, owner)
    y0 = model.initial_state(initial)
    fitness = model.fitness
    starts = np.array([s.start for s in model.slices])
    sizes = np.array(model.sizes)

    def field(y, _t=None):
        f = fitness(y)
        mean = np.repeat(np.add.reduceat(y * f, starts), sizes)
        excess = np.maximum(f - mean, 0.0)
        return excess - y * np.repeat(np.add.reduceat(excess, starts), sizes)

    times, states, details = integrate(
        field, y0, t_max, n_points, method, rtol, atol, owner
    )
    return model.trajectory(times, states, "Brown-von Neumann-Nash", details)
