"""Integration of the continuous-time dynamics with scipy's ODE solvers."""

from __future__ import annotations

import warnings

import numpy as np

from .._validation import check_choice, check_integer, check_real
from ..exceptions import StratgameWarning

__all__ = ["ODE_METHODS", "integrate"]

#: ``"LSODA"`` runs ODEPACK's LSODA through :func:`scipy.integrate.odeint`
#: (whole integration in compiled code), falling back on ``solve_ivp``'s LSODA
#: if odeint gives up; the others run through :func:`scipy.integrate.solve_ivp`.
ODE_METHODS = ("LSODA", "RK45", "RK23", "DOP853", "Radau", "BDF")


def integrate(
    vector_field,
    y0: np.ndarray,
    t_max,
    n_points,
    method: str,
    rtol: float,
    atol: float,
    owner: str,
):
    """Integrate ``dy/dt = vector_field(y, t)`` from ``y0`` over ``[0, t_max]``
    (the field ignores ``t``; odeint calls it directly).

    Returns
    -------
    times : numpy.ndarray
        ``n_points`` equally spaced times.
    states : numpy.ndarray
        Shape ``(n_points, len(y0))``.
    details : dict
        The method, the number of field evaluations and the solver's message.
        A solver that fails issues a :class:`StratgameWarning` and returns the
        states it reached.
    """
    t_max = float(check_real(t_max, "t_max", owner, low=0, low_open=True))
    n_points = check_integer(n_points, "n_points", owner, low=2)
    check_choice(method, "method", owner, ODE_METHODS)
    rtol = float(check_real(rtol, "rtol", owner, low=0, low_open=True))
    atol = float(check_real(atol, "atol", owner, low=0, low_open=True))
    times = np.linspace(0.0, t_max, n_points)
    if method == "LSODA":
        from scipy.integrate import odeint

        states, info = odeint(
            vector_field,
            y0,
            times,
            rtol=rtol,
            atol=atol,
            full_output=True,
            mxstep=20_000,
        )
        message = str(info["message"])
        success = message == "Integration successful."
        evaluations = int(info["nfe"][-1])
    if method != "LSODA" or not success:
        # odeint's output after a failure is unusable; solve_ivp stops cleanly
        # and has no step limit per output interval.
        from scipy.integrate import solve_ivp

        solution = solve_ivp(
            lambda t, y: vector_field(y, t),
            (0.0, t_max),
            y0,
            method=method,
            t_eval=times,
            rtol=rtol,
            atol=atol,
        )
        message = str(solution.message)
        success = bool(solution.success)
        evaluations = int(solution.nfev)
        states = solution.y.T
        times = solution.t
    if not success:
        warnings.warn(
            f"{owner}: the ODE solver {method} stopped early ({message}); the "
            "trajectory ends where it stopped.",
            StratgameWarning,
            stacklevel=3,
        )
    details = {
        "ode_method": method,
        "evaluations": evaluations,
        "success": success,
        "message": message,
    }
    return times, states, details
