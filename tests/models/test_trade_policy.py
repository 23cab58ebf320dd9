"""Brander & Spencer (1985): the optimal export subsidy (a - 2c_h + c_f)/4
moves the home firm to its Stackelberg output; export controls as rival cost
raising; backward induction reproduces both."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import StrategicTradePolicy


@pytest.mark.parametrize(
    "params",
    [
        dict(a=10, b=1, cost_home=2, cost_foreign=2),
        dict(a=12, b=0.5, cost_home=1, cost_foreign=3),
    ],
)
def test_optimal_subsidy_by_backward_induction(params):
    policy = StrategicTradePolicy(**params)
    closed = policy.closed_form()
    a, ch, cf = params["a"], params["cost_home"], params["cost_foreign"]
    assert closed["policy"] == pytest.approx((a - 2 * ch + cf) / 4)
    leader = policy.stackelberg_closed_form()
    assert closed["home_output"] == pytest.approx(leader["leader_output"])
    assert closed["home_welfare"] == pytest.approx(leader["leader_profit"])
    assert closed["home_welfare"] > closed["free_trade_welfare"]
    spe = sg.solve(policy.game(), n_grid=11).equilibria[0]
    subsidy, (x_home, x_foreign) = spe.path
    assert subsidy == pytest.approx(closed["policy"], rel=1e-3)
    assert x_home == pytest.approx(closed["home_output"], rel=1e-3)
    assert x_foreign == pytest.approx(closed["foreign_output"], rel=1e-3)
    assert spe.payoffs[0] == pytest.approx(closed["home_welfare"], rel=1e-6)


def test_subsidy_that_drives_the_rival_out():
    # A = a - 2 c_h + c_f = 14 exceeds 4 m, m = a - 2 c_f + c_h = 2: the
    # interior formula A/4 = 3.5 would give the rival a negative output. Home
    # welfare (A - s)(A + 2 s)/(9 b) rises up to s = m, where the rival exits;
    # beyond it the home firm overproduces as a monopolist. So s* = m,
    # x_h = (a - c_f)/b = 6 (price c_f) and W = (c_f - c_h)(a - c_f)/b = 24.
    policy = StrategicTradePolicy(a=10, b=1, cost_home=0, cost_foreign=4)
    closed = policy.closed_form()
    assert closed["policy"] == pytest.approx(2.0)
    assert closed["home_output"] == pytest.approx(6.0)
    assert closed["foreign_output"] == pytest.approx(0.0)
    assert closed["price"] == pytest.approx(4.0)
    assert closed["home_welfare"] == pytest.approx(24.0)
    spe = sg.solve(policy.game(), n_grid=11).equilibria[0]
    subsidy, (x_home, x_foreign) = spe.path
    assert subsidy == pytest.approx(2.0, rel=1e-3)
    assert x_home == pytest.approx(6.0, rel=1e-3)
    assert x_foreign == pytest.approx(0.0, abs=1e-3)
    assert spe.payoffs[0] == pytest.approx(24.0, rel=1e-6)
    # the Stackelberg leader picks the same limit quantity
    leader = policy.stackelberg_closed_form()
    assert leader["leader_output"] == pytest.approx(6.0)
    assert leader["follower_output"] == 0.0
    assert leader["leader_profit"] == pytest.approx(24.0)
    spe = sg.solve(policy.stackelberg_game(), n_grid=41).equilibria[0]
    np.testing.assert_allclose(spe.path, [6.0, 0.0], atol=1e-3)


def test_export_controls_closed_form_and_numerics():
    policy = StrategicTradePolicy(instrument="export_control", control_cost=1.0)
    closed = policy.closed_form()
    A = 10 - 2 * 2 + 2
    assert closed["policy"] == pytest.approx(2 * A / (9 - 2))
    spe = sg.solve(policy.game(), n_grid=11).equilibria[0]
    assert spe.path[0] == pytest.approx(closed["policy"], rel=1e-3)
    assert spe.payoffs[0] == pytest.approx(closed["home_welfare"], rel=1e-6)
    assert not closed["rival_exits"]


@pytest.mark.parametrize("control_cost", [0.05, 0.2])
def test_cheap_export_controls_drive_the_rival_out(control_cost):
    policy = StrategicTradePolicy(
        instrument="export_control", control_cost=control_cost
    )
    closed = policy.closed_form()
    # exclusion level (a - 2 c_f + c_h) / 2, where the rival's output is 0
    assert closed["rival_exits"] and closed["foreign_output"] == pytest.approx(0)
    assert closed["policy"] == pytest.approx((10 - 4 + 2) / 2)
    # home is then the monopolist: output (a - c_h) / (2 b)
    assert closed["home_output"] == pytest.approx((10 - 2) / 2)
    # and the backward-induction solution agrees on the welfare
    spe = sg.solve(policy.game(), n_grid=11).equilibria[0]
    assert spe.payoffs[0] == pytest.approx(closed["home_welfare"], rel=1e-3)


def test_stackelberg_leadership():
    policy = StrategicTradePolicy(a=12, b=0.5, cost_home=1, cost_foreign=3)
    closed = policy.stackelberg_closed_form()
    spe = sg.solve(policy.stackelberg_game(), n_grid=25).equilibria[0]
    np.testing.assert_allclose(
        spe.path, [closed["leader_output"], closed["follower_output"]], rtol=1e-3
    )


def test_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="both firms active"):
        StrategicTradePolicy(a=10, cost_home=1, cost_foreign=6)
    with pytest.raises(InvalidParameterError, match="instrument"):
        StrategicTradePolicy(instrument="tariff")
    with pytest.raises(InvalidParameterError, match="'policy' parameter"):
        StrategicTradePolicy().cournot_outputs("big")
