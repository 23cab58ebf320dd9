"""The compute-lead scenario: its closed-form anchors (Bass 1969 adoption,
Tullock shares) and a verified equilibrium."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad, solve_ivp

import stratgame as sg
from stratgame.exceptions import InvalidParameterError, InvalidProfileError
from stratgame.models import ComputeLeadScenario

P, Q, M = 0.03, 0.38, 100.0  # the scenario's default Bass coefficients and market


def bass_ode(p, q, horizon):
    """F(t) from integrating Bass's (1969) equation dF/dt = (p + q F)(1 - F),
    F(0) = 0, numerically: an anchor independent of the closed form."""
    return solve_ivp(
        lambda t, F: (p + q * F) * (1 - F),
        (0.0, horizon),
        [0.0],
        rtol=1e-12,
        atol=1e-14,
        dense_output=True,
    ).sol


@pytest.mark.parametrize("lead,horizon", [(3.0, 10.0), (1.5, 25.0)])
def test_anchors(lead, horizon):
    scenario = ComputeLeadScenario(initial_lead=lead, horizon=horizon)
    closed = scenario.closed_form()
    adopted = M * float(bass_ode(P, Q, horizon)(horizon)[0])
    assert closed["adoption_by_horizon"] == pytest.approx(adopted, rel=1e-9)
    assert closed["static_share"] == pytest.approx(lead / (1 + lead))
    # the quadrature of the model agrees with the closed form without catch-up
    leader, follower = scenario.markets(0.0, 0.0)
    assert leader == pytest.approx(closed["leader_market_without_catch_up"])
    assert leader == pytest.approx(adopted * lead / (1 + lead), rel=1e-9)
    assert leader + follower == pytest.approx(adopted, rel=1e-10)
    # with catch-up the two sides still split the whole Bass market, and the
    # leader's part is the integral of its share times the adoption rate
    F = bass_ode(P, Q, horizon)

    def leader_rate(t, delta=0.7):
        ell = 1 + (lead - 1) * math.exp(-delta * t)
        f = (P + Q * F(t)[0]) * (1 - F(t)[0])
        return M * ell / (1 + ell) * f

    with_catch_up = scenario.markets(0.0, 0.7)
    assert sum(with_catch_up) == pytest.approx(adopted, rel=1e-9)
    expected, _ = quad(leader_rate, 0.0, horizon, epsabs=1e-12, epsrel=1e-12)
    assert with_catch_up[0] == pytest.approx(expected, rel=1e-8)
    assert with_catch_up[0] < leader


def test_peak_time_is_where_the_adoption_rate_peaks():
    # Bass (1969): the rate f = (p + q F)(1 - F) peaks at ln(q/p) / (p + q).
    closed = ComputeLeadScenario().closed_form()
    F = bass_ode(P, Q, 20.0)
    t = np.linspace(0.0, 20.0, 20_001)
    rate = (P + Q * F(t)[0]) * (1 - F(t)[0])
    assert closed["peak_time"] == pytest.approx(t[np.argmax(rate)], abs=2e-3)
    # innovation-led adoption is fastest at launch
    assert (
        ComputeLeadScenario(innovation=0.5, imitation=0.2).closed_form()["peak_time"]
        == 0.0
    )


def test_equilibrium_is_verified_and_interior():
    scenario = ComputeLeadScenario()
    game = scenario.game()
    eq = sg.solve(game, n_starts=1, verify_grid=201).equilibria[0]
    assert game.is_nash(eq.actions, n_grid=201)
    push, catch_up = eq.actions
    assert 0 < push < scenario.max_push and 0 < catch_up < scenario.max_catch_up
    # interior: each player's first-order condition holds (central differences)
    h = 1e-5
    d_leader = (
        scenario.utilities((push + h, catch_up))[0]
        - scenario.utilities((push - h, catch_up))[0]
    ) / (2 * h)
    d_follower = (
        scenario.utilities((push, catch_up + h))[1]
        - scenario.utilities((push, catch_up - h))[1]
    ) / (2 * h)
    assert abs(d_leader) < 1e-4 and abs(d_follower) < 1e-4
    # a costlier push means a smaller push
    dearer = scenario.replace(push_cost=400.0)
    eq2 = sg.solve(dearer.game(), n_starts=1, verify_grid=201).equilibria[0]
    assert eq2.actions[0] < push


def test_bad_input():
    with pytest.raises(InvalidParameterError, match="'initial_lead' parameter"):
        ComputeLeadScenario(initial_lead=0.5)
    with pytest.raises(InvalidParameterError, match="has no parameters"):
        ComputeLeadScenario().replace(lead=2.0)
    scenario = ComputeLeadScenario()
    with pytest.raises(InvalidProfileError, match="two actions"):
        scenario.utilities((0.1, 0.2, 0.3))
    with pytest.raises(InvalidParameterError, match="'catch_up' parameter"):
        scenario.utilities((0.1, -0.2))
    with pytest.raises(InvalidParameterError, match="'push' parameter"):
        scenario.markets(-1.0, 0.0)
