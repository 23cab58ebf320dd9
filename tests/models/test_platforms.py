"""Platform models against their closed forms.

- PremiumVsLowCost: the uncovered vertical duopoly of Choi & Shin (1992),
  J. Ind. Econ. 40 (p_h = 2 q_h D / (4 q_h - q_l), p_l = q_l D / (4 q_h - q_l)
  with D = q_h - q_l, zero costs), with costs and with Katz-Shapiro network
  effects under fulfilled expectations (derived in the module).
- NetworkEffectsCournot: Katz & Shapiro (1985), AER 75(3), section II:
  x = (A - c)/(n + 1 - v) incompatible, (A - c)/(n + 1 - n v) compatible.
- TwoSidedPlatform: Rochet & Tirole (2003), JEEA 1(4), the monopoly price
  structure p - c = p_B / eta_B = p_S / eta_S, with linear demands.
- CompetingPlatforms: Armstrong (2006), RAND J. Econ. 37(3), Prop. 2:
  p_1 = f_1 + t_1 - alpha_2, p_2 = f_2 + t_2 - alpha_1.
"""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import (
    CompetingPlatforms,
    NetworkEffectsCournot,
    PremiumVsLowCost,
    TwoSidedPlatform,
)


# ---------------------------------------------------------- PremiumVsLowCost
@pytest.mark.parametrize("qh, ql", [(1.0, 0.5), (2.0, 1.5), (3.0, 0.4)])
def test_choi_shin_without_costs_or_network_effects(qh, ql):
    cf = PremiumVsLowCost(q_high=qh, q_low=ql).closed_form()
    d, k = qh - ql, 4 * qh - ql
    np.testing.assert_allclose(cf["prices"], [2 * qh * d / k, ql * d / k])
    np.testing.assert_allclose(cf["shares"], [2 * qh / k, qh / k])
    assert cf["unserved"] == pytest.approx(d / k)  # = p_l / q_l
    np.testing.assert_allclose(
        cf["profits"], [4 * qh**2 * d / k**2, qh * ql * d / k**2]
    )


@pytest.mark.parametrize(
    "params",
    [
        dict(q_high=1.0, q_low=0.5),
        dict(q_high=1.0, q_low=0.4, cost_high=0.2, cost_low=0.05),
        dict(q_high=1.0, q_low=0.4, cost_high=0.2, network_effect=0.15),
        dict(q_high=2.0, q_low=1.2, cost_high=0.3, cost_low=0.1, network_effect=0.2),
    ],
)
def test_price_equilibrium_is_the_closed_form_and_fulfils_expectations(params):
    model = PremiumVsLowCost(**params)
    cf = model.closed_form()
    eq = sg.solve(model.game(), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions, cf["prices"], rtol=1e-6)
    np.testing.assert_allclose(eq.payoffs, cf["profits"], rtol=1e-6)
    # the shares users expected are the shares they then choose
    np.testing.assert_allclose(
        model.demand(cf["prices"], cf["shares"]), cf["shares"], atol=1e-12
    )
    unserved = 1 - cf["shares"].sum()
    assert cf["unserved"] == pytest.approx(unserved)


def test_first_order_conditions_with_costs():
    model = PremiumVsLowCost(q_high=1.0, q_low=0.6, cost_high=0.25, cost_low=0.05)
    cf = model.closed_form()
    qh, ql, ch, cl = 1.0, 0.6, 0.25, 0.05
    k = 4 * qh - ql
    # p_h = q_h (2D + 2c_h + c_l) / K; p_l = (q_l D + q_l c_h + 2 q_h c_l) / K
    np.testing.assert_allclose(
        cf["prices"],
        [
            qh * (2 * (qh - ql) + 2 * ch + cl) / k,
            (ql * (qh - ql) + ql * ch + 2 * qh * cl) / k,
        ],
    )


def test_network_effects_let_the_low_cost_platform_overtake_on_share():
    base = PremiumVsLowCost(q_high=1.0, q_low=0.4, cost_high=0.2)
    assert base.closed_form()["share_leader"] == "premium"
    parity = base.share_parity_network_effect()
    assert 0 < parity < 0.15
    tie = base.replace(network_effect=parity).closed_form()["shares"]
    assert tie[0] == pytest.approx(tie[1])
    strong = base.replace(network_effect=0.15).closed_form()
    assert strong["share_leader"] == "low cost"
    assert strong["expectations_stable"]
    assert strong["prices"][0] > strong["prices"][1]  # premium keeps its price
    # the network effect feeds shares: n = n0 + v G n
    g = base.feedback_matrix()
    n0 = base.closed_form()["shares"]
    np.testing.assert_allclose(strong["shares"], n0 + 0.15 * g @ strong["shares"])


@pytest.mark.parametrize("v", [0.05, 0.1, 0.2])
def test_without_costs_the_premium_platform_keeps_twice_the_share(v):
    cf = PremiumVsLowCost(q_high=1.0, q_low=0.5, network_effect=v).closed_form()
    assert cf["shares"][0] == pytest.approx(2 * cf["shares"][1])


def _is_fulfilled_price_equilibrium(model, cf, tol=1e-6):
    """Shares are what users expect, and no platform gains by another price
    (checked on a dense price grid against the exact demand)."""
    prices, shares = cf["prices"], cf["shares"]
    if not np.allclose(model.demand(prices, shares), shares, atol=1e-6):
        return False
    for k in (0, 1):
        grid = np.linspace(0, 3, 30001)
        rival = prices[1 - k]
        trial = [
            model.profits((p, rival) if k == 0 else (rival, p), shares)[k] for p in grid
        ]
        if max(trial) > model.profits(prices, shares)[k] + tol:
            return False
    return True


@pytest.mark.parametrize(
    "params, regime",
    [
        ({"cost_high": 0.2, "network_effect": 0.3}, "covered"),
        ({"cost_high": 0.2, "network_effect": 1.0}, "premium only"),
        ({"q_low": 0.5, "cost_high": 0.9}, "low cost only"),
    ],
)
def test_where_the_market_tips_the_boundary_equilibrium_is_returned(params, regime):
    model = PremiumVsLowCost(**params)
    cf = model.closed_form()
    assert cf["regime"] == regime and not cf["interior"]
    assert cf["tipped"] == (regime != "covered")
    assert _is_fulfilled_price_equilibrium(model, cf)


def test_monopoly_corner_matches_its_closed_form():
    # the low-cost platform alone: its price maximizes (p - c_l)(1 - p / q_l)
    model = PremiumVsLowCost(q_high=1.0, q_low=0.5, cost_high=0.9, cost_low=0.1)
    cf = model.closed_form()
    assert cf["prices"][1] == pytest.approx((0.5 + 0.1) / 2, abs=1e-6)
    assert cf["shares"][1] == pytest.approx(1 - 0.3 / 0.5, abs=1e-6)


def test_interior_formula_is_flagged_and_parameters_checked():
    cf = PremiumVsLowCost(cost_high=0.2, network_effect=0.1).closed_form()
    assert cf["interior"] and cf["regime"] == "interior" and not cf["tipped"]
    with pytest.raises(ValueError, match="q_high"):
        PremiumVsLowCost(q_high=0.3, q_low=0.4)


def test_demand_sorts_every_consumer():
    model = PremiumVsLowCost(q_high=1.0, q_low=0.5)
    # the low platform priced out: everyone with theta >= p_h / q_h buys high
    np.testing.assert_allclose(model.demand((0.3, 0.2)), [0.7, 0.0])
    # both free: all buy, the low-quality platform gets nobody at equal price
    np.testing.assert_allclose(model.demand((0.0, 0.0)), [1.0, 0.0])
    np.testing.assert_allclose(model.demand((0.4, 0.1)), [0.4, 0.4])


# ----------------------------------------------------- NetworkEffectsCournot
@pytest.mark.parametrize(
    "A, n, v, c", [(10, 2, 0.5, 0), (12, 3, 0.3, 2), (8, 1, 0.9, 1), (20, 5, 0.1, 4)]
)
def test_katz_shapiro_outputs(A, n, v, c):
    apart = NetworkEffectsCournot(A=A, n_firms=n, v=v, cost=c).closed_form()
    joint = NetworkEffectsCournot(A=A, n_firms=n, v=v, cost=c, compatible=True)
    joint = joint.closed_form()
    assert apart["output"] == pytest.approx((A - c) / (n + 1 - v))
    assert joint["output"] == pytest.approx((A - c) / (n + 1 - n * v))
    for cf in (apart, joint):
        assert cf["profit"] == pytest.approx((cf["price"] - c) * cf["output"])
        assert cf["consumer_surplus"] == pytest.approx(cf["total_output"] ** 2 / 2)
    if n > 1:  # compatibility raises output, profits and consumer surplus
        assert joint["output"] > apart["output"]
        assert joint["profit"] > apart["profit"]
        assert joint["consumer_surplus"] > apart["consumer_surplus"]
    else:
        assert joint["output"] == pytest.approx(apart["output"])


@pytest.mark.parametrize("compatible", [False, True])
def test_expectations_are_fulfilled_and_reached_by_adjustment(compatible):
    model = NetworkEffectsCournot(A=12, n_firms=3, v=0.6, cost=2, compatible=compatible)
    cf = model.closed_form()
    sizes = np.full(3, cf["network_size"])
    np.testing.assert_allclose(model.cournot_outputs(sizes), cf["output"])
    eq = sg.solve(model.game(), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions, cf["output"], rtol=1e-6)
    expected = np.zeros(3)  # start with pessimistic expectations
    for _ in range(200):
        expected = model.network_sizes(model.cournot_outputs(expected))
    np.testing.assert_allclose(expected, sizes, rtol=1e-9)


def test_cournot_with_unequal_expectations():
    model = NetworkEffectsCournot(A=10, n_firms=3, v=0.8, cost=1)
    expected = np.array([6.0, 1.0, 0.0])
    outputs = model.cournot_outputs(expected)
    eq = sg.solve(model.game(expected), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions, outputs, atol=1e-5)
    # interior first-order conditions: x_i = A - c + v y_i - z
    np.testing.assert_allclose(outputs, 9 + 0.8 * expected - outputs.sum())


def test_network_cournot_invalid_parameters():
    with pytest.raises(ValueError, match="'v'"):
        NetworkEffectsCournot(v=1.0)
    with pytest.raises(ValueError, match="n_firms"):
        NetworkEffectsCournot(n_firms=0)
    with pytest.raises(InvalidParameterError, match="compatible"):
        NetworkEffectsCournot(compatible="yes")


# --------------------------------------------------------- TwoSidedPlatform
@pytest.mark.parametrize(
    "params",
    [
        dict(a_buyers=1, a_sellers=4),
        dict(a_buyers=2, b_buyers=0.5, a_sellers=3, cost=1),
        dict(a_buyers=3, b_buyers=2, a_sellers=1, b_sellers=0.5, cost=0.5),
    ],
)
def test_rochet_tirole_price_structure(params):
    model = TwoSidedPlatform(**params)
    cf = model.closed_form()
    chokes = np.array(model.chokes)
    c = params.get("cost", 0)
    np.testing.assert_allclose(cf["prices"], chokes - (chokes.sum() - c) / 3)
    # Lerner / elasticity rule: p - c = p_k / eta_k, eta_k = b_k p_k / D_k
    slopes = (params.get("b_buyers", 1), params.get("b_sellers", 1))
    for k, p in enumerate(cf["prices"]):
        demand = (params["a_buyers"], params["a_sellers"])[k] - slopes[k] * p
        assert cf["total_price"] - c == pytest.approx(demand / slopes[k])
    eq = sg.solve(model.game(), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions[0], cf["prices"], atol=1e-5)
    assert eq.payoffs[0] == pytest.approx(cf["profit"], rel=1e-9)


def test_subsidized_and_free_sides():
    # A_S > 2 A_B + c: buyers are paid to join, or free if that is not allowed
    model = TwoSidedPlatform(a_buyers=1, a_sellers=4, cost=1)
    assert 4 > 2 * 1 + 1
    assert model.closed_form()["subsidized_side"] == "buyers"
    floor = model.replace(allow_subsidies=False)
    cf = floor.closed_form()
    assert cf["free_side"] == "buyers" and cf["subsidized_side"] is None
    np.testing.assert_allclose(cf["prices"], [0.0, (4 + 1) / 2])
    eq = sg.solve(floor.game(), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions[0], cf["prices"], atol=1e-6)
    assert cf["profit"] < model.closed_form()["profit"]
    balanced = TwoSidedPlatform(a_buyers=2, a_sellers=3, cost=1).closed_form()
    assert balanced["subsidized_side"] is None and balanced["free_side"] is None


def test_two_sided_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="choke"):
        TwoSidedPlatform(cost=5)
    with pytest.raises(ValueError, match="b_sellers"):
        TwoSidedPlatform(b_sellers=0)


# -------------------------------------------------------- CompetingPlatforms
@pytest.mark.parametrize(
    "params",
    [
        dict(t=(1.0, 2.0), alpha=(0.5, 1.2), f=(0.1, 0.3)),
        dict(t=(1.0, 1.5), alpha=(-0.3, 0.8), f=(0.2, 0.0)),
    ],
)
def test_armstrong_equilibrium(params):
    model = CompetingPlatforms(**params)
    cf = model.closed_form()
    (t1, t2), (a1, a2), (f1, f2) = params["t"], params["alpha"], params["f"]
    np.testing.assert_allclose(cf["prices"], [f1 + t1 - a2, f2 + t2 - a1])
    assert cf["profit"] == pytest.approx((t1 + t2 - a1 - a2) / 2)
    eq = sg.solve(model.game(), n_starts=1, rng=0).equilibria[0]
    for prices in eq.actions:
        np.testing.assert_allclose(prices, cf["prices"], atol=1e-4)
    np.testing.assert_allclose(eq.payoffs, cf["profit"], rtol=1e-4)
    assert model.game().regret((cf["prices"], cf["prices"])).max() < 1e-9


def test_subsidized_group_benefits_the_other_most():
    cf = CompetingPlatforms(t=(1, 1), alpha=(0.2, 1.5)).closed_form()
    assert cf["subsidized_group"] == 1  # alpha_2 > f_1 + t_1
    assert cf["prices"][0] < 0 < cf["prices"][1]


def test_shares_solve_the_hotelling_equations_or_tip():
    model = CompetingPlatforms(t=(1.0, 2.0), alpha=(0.5, 1.2))
    rng = np.random.default_rng(0)
    for _ in range(50):
        a, b = rng.uniform(-1, 2, 2), rng.uniform(-1, 2, 2)
        n = model.shares(a, b)
        raw = [
            0.5 + (0.5 * (2 * n[1] - 1) - (a[0] - b[0])) / 2,
            0.5 + (1.2 * (2 * n[0] - 1) - (a[1] - b[1])) / 4,
        ]
        np.testing.assert_allclose(n, np.clip(raw, 0, 1), atol=1e-12)
    np.testing.assert_allclose(model.shares((0, 0), (0, 0)), [0.5, 0.5])
    np.testing.assert_allclose(model.shares((-5, -5), (0, 0)), [1.0, 1.0])


def test_competing_platforms_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="4 t_1 t_2"):
        CompetingPlatforms(t=(1, 1), alpha=(1, 1.5))
    with pytest.raises(InvalidParameterError, match="'t'"):
        CompetingPlatforms(t=(1, 2, 3))
