"""The compute-lead scenario: its closed-form anchors (Bass 1969 adoption,
Tullock shares) and a verified equilibrium."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.ecosystem.bass import bass_adoption
from stratgame.models import ComputeLeadScenario


@pytest.mark.parametrize("lead,horizon", [(3.0, 10.0), (1.5, 25.0)])
def test_anchors(lead, horizon):
    scenario = ComputeLeadScenario(initial_lead=lead, horizon=horizon)
    closed = scenario.closed_form()
    adopted = float(bass_adoption(horizon, 0.03, 0.38, 100.0))
    assert closed["adoption_by_horizon"] == pytest.approx(adopted)
    leader, follower = scenario.markets(0.0, 0.0)
    assert leader == pytest.approx(closed["leader_market_without_catch_up"])
    assert leader == pytest.approx(adopted * lead / (1 + lead))
    assert leader + follower == pytest.approx(adopted, rel=1e-10)
    # with catch-up the two sides still split the whole Bass market
    assert sum(scenario.markets(0.0, 0.7)) == pytest.approx(adopted, rel=1e-10)
    assert scenario.markets(0.0, 0.7)[0] < leader


def test_equilibrium_is_verified_and_interior():
    scenario = ComputeLeadScenario()
    eq = sg.solve(scenario.game(), n_starts=1, verify_grid=201).equilibria[0]
    game = scenario.game()
    assert game.is_nash(eq.actions, n_grid=201)
    push, catch_up = eq.actions
    assert 0 < push < scenario.max_push and 0 < catch_up < scenario.max_catch_up
    # a costlier push means a smaller push
    dearer = scenario.replace(push_cost=400.0)
    eq2 = sg.solve(dearer.game(), n_starts=1, verify_grid=201).equilibria[0]
    assert eq2.actions[0] < push
    np.testing.assert_allclose(eq.payoffs, scenario.utilities(eq.actions))
