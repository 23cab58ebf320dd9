"""Logit (smoothed best-response) dynamics.

The logit dynamics ``dx/dt = L(x) - x`` replace the best response with the
logit choice ``L_k(x) ∝ exp(intensity * f_k(x))`` (Fudenberg & Levine 1998,
*The Theory of Learning in Games*, ch. 4; Hofbauer & Sandholm 2002); their
rest points are the logit quantal response equilibria (McKelvey & Palfrey
1995).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_real, renamed_keywords
from ._ode import integrate
from ._populations import PopulationModel
from .results import Trajectory

__all__ = ["logit_dynamics"]


@renamed_keywords(
    x0="initial", temperature=("intensity", lambda t: 1 / t, "1 / temperature")
)
def logit_dynamics(
    game,
    initial=None,
    t_max=10.0,
    *,
    intensity: float = 10.0,
    n_points: int = 1000,
    populations: str = "auto",
    method: str = "LSODA",
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> Trajectory:
    """Logit (smoothed best-response) dynamics ``dx/dt = L(x) - x``.

    ``L_k(x) = exp(intensity f_k(x)) / sum_j exp(intensity f_j(x))``
    (Fudenberg & Levine 1998, ch. 4; Hofbauer & Sandholm 2002). Rest points
    are logit quantal response equilibria (McKelvey & Palfrey 1995); as the
    intensity grows they approach Nash equilibria and the dynamics approach
    the best-response dynamics.

    Parameters
    ----------
    game : NormalFormGame
    initial : strategy or profile, optional
        Initial state (default: the barycentre).
    t_max : float
        Integrate over ``[0, t_max]``.
    intensity : float
        Choice intensity ``> 0``, per payoff unit (the inverse of the noise
        level, or temperature).
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
    ...                       intensity=2)
    >>> [s.round(4) for s in path.final]
    [array([0.5, 0.5]), array([0.5, 0.5])]
    """
    owner = "logit_dynamics"
    model = PopulationModel(game, populations, owner)
    y0 = model.initial_state(initial)
    intensity = float(check_real(intensity, "intensity", owner, low=0, low_open=True))
    slices = model.slices
    fitness = model.fitness

    def field(y, _t=None):
        scaled = intensity * fitness(y)
        choice = np.empty_like(y)
        for s in slices:
            weights = np.exp(scaled[s] - scaled[s].max())
            choice[s] = weights / weights.sum()
        return choice - y

    times, states, details = integrate(
        field, y0, t_max, n_points, method, rtol, atol, owner
    )
    details["intensity"] = intensity
    return model.trajectory(times, states, "logit", details)
