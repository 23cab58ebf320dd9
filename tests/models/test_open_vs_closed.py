"""OpenVsClosed: a closed lab pricing against a free open model (vertical
differentiation, Mussa & Rosen 1978; Tirole 1988 sec. 7.5.1: the quality
leader's best response to a rival priced at zero is p = (theta_max * lead +
c) / 2), and the innovation window while open quality catches up.
OpennessGame: the 2x2 choice between open and closed weights, classified by
classify_game and checked against the gain thresholds derived in the module.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.games.classification import classify_game
from stratgame.models import OpennessGame, OpenVsClosed

POINTS = [
    dict(q_closed=1.0, q_open=0.6),
    dict(q_closed=2.0, q_open=0.5, cost=0.3, taste_max=1.5, market_size=10),
    dict(q_closed=1.0, q_open=0.0, cost=0.1),
]


@pytest.mark.parametrize("params", POINTS)
def test_price_share_profit_closed_form_and_numerics(params):
    model = OpenVsClosed(**params)
    cf = model.closed_form()
    top = params.get("taste_max", 1.0)
    c = params.get("cost", 0.0)
    M = params.get("market_size", 1.0)
    lead = params["q_closed"] - params["q_open"]
    # Mussa-Rosen monopoly against a free outside good of quality q_open
    assert cf["price"] == pytest.approx((top * lead + c) / 2)
    assert cf["share"] == pytest.approx((top * lead - c) / (2 * top * lead))
    assert cf["profit"] == pytest.approx(M * (top * lead - c) ** 2 / (4 * top * lead))
    assert cf["profit"] == pytest.approx(model.profit(cf["price"]))
    eq = sg.solve(model.game()).equilibria[0]
    assert eq.actions[0] == pytest.approx(cf["price"], rel=1e-6)
    assert eq.payoffs[0] == pytest.approx(cf["profit"], rel=1e-9)
    # no price on a fine grid does better
    grid = np.linspace(0, top * params["q_closed"], 20001)
    assert max(model.profit(p) for p in grid) <= cf["profit"] * (1 + 1e-12)


@pytest.mark.parametrize("params", POINTS)
def test_consumer_surplus_by_integration(params):
    model = OpenVsClosed(**params)
    cf = model.closed_form()
    top, M = params.get("taste_max", 1.0), params.get("market_size", 1.0)
    qc, qo, p = params["q_closed"], params["q_open"], cf["price"]

    def best_surplus(theta):
        return max(theta * qc - p, theta * qo)

    expected = M * quad(best_surplus, 0, top, points=[p / (qc - qo)])[0] / top
    assert cf["consumer_surplus"] == pytest.approx(expected, rel=1e-9)


def test_open_model_cuts_the_price_by_half_its_quality():
    closed_only = OpenVsClosed(q_closed=1.0, q_open=0.0)
    rival = OpenVsClosed(q_closed=1.0, q_open=0.4)
    assert rival.closed_form()["price_without_open"] == pytest.approx(
        closed_only.closed_form()["price"]
    )
    assert closed_only.closed_form()["price"] - rival.closed_form()["price"] == (
        pytest.approx(0.4 / 2)
    )


@pytest.mark.parametrize("cost", [0.0, 0.1])
def test_innovation_window_and_its_profit(cost):
    model = OpenVsClosed(q_closed=1.0, q_open=0.5, catch_up_rate=0.05, cost=cost)
    cf = model.closed_form()
    assert cf["window"] == pytest.approx((0.5 - cost) / 0.05)
    if cost == 0:
        # M theta_max lead^2 / (8 g)
        assert cf["window_profit"] == pytest.approx(0.25 / (8 * 0.05))
    flow = quad(
        lambda t: model.at_time(t).closed_form()["profit"], 0, cf["window"], limit=200
    )[0]
    assert cf["window_profit"] == pytest.approx(flow, rel=1e-9)
    assert model.at_time(cf["window"] * 0.99).closed_form()["share"] > 0
    assert model.at_time(cf["window"] * 1.01).closed_form()["share"] == 0


def test_no_catch_up_means_an_endless_window():
    cf = OpenVsClosed(q_closed=1.0, q_open=0.5).closed_form()
    assert math.isinf(cf["window"]) and math.isinf(cf["window_profit"])
    no_lead = OpenVsClosed(q_closed=1.0, q_open=1.0, cost=0.1).closed_form()
    assert no_lead["share"] == 0 and no_lead["profit"] == 0


def test_open_vs_closed_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="q_open"):
        OpenVsClosed(q_closed=1.0, q_open=1.5)
    with pytest.raises(ValueError, match="catch_up_rate"):
        OpenVsClosed(catch_up_rate=0)
    with pytest.raises(ValueError, match="taste_max"):
        OpenVsClosed(taste_max=-1)


# ------------------------------------------------------------ OpennessGame
def test_openness_payoffs_exact():
    game = OpennessGame(
        market=10, adoption_boost=1, licensing=(6, 2), erosion=Fraction(1, 2)
    ).game()
    assert game.is_exact
    A, B = game.payoff_arrays
    # (open, open): M/2 + C + S; (open, closed) for the row lab: M (1+b)/(2+b) + C
    assert A[0, 0] == 5 + 1 + 1
    assert A[0, 1] == Fraction(20, 3) + 1
    # (closed, open): M / (2 + b) + L (1 - e) + S; (closed, closed): M/2 + L
    assert A[1, 0] == Fraction(10, 3) + 3 + 1
    assert A[1, 1] == 5 + 6
    assert B[1, 0] == Fraction(20, 3) + 1 and B[1, 1] == 5 + 2


@settings(max_examples=60, deadline=None)
@given(
    market=st.integers(0, 20),
    boost=st.integers(0, 3),
    licensing=st.tuples(st.integers(0, 15), st.integers(0, 15)),
    erosion=st.fractions(0, 1, max_denominator=4),
    community=st.integers(-2, 4),
    spillover=st.integers(-2, 6),
)
def test_openness_thresholds_match_the_solver_and_classification(
    market, boost, licensing, erosion, community, spillover
):
    model = OpennessGame(market, boost, licensing, erosion, community, spillover)
    cf = model.closed_form()
    assume(all(g != 0 for g in (*cf["gain_vs_closed"], *cf["gain_vs_open"])))
    game = model.game()
    found = {
        tuple(game.actions[i][int(s[0])] for i, s in enumerate(eq.support))
        for eq in sg.solve(game, method="pure").equilibria
    }
    assert found == set(cf["pure_equilibria"])
    for lab, L in enumerate(licensing):
        assert cf["open_dominant"][lab] == (L < cf["open_below"])
        assert cf["closed_dominant"][lab] == (L > cf["closed_above"])
    regime = model.classify()
    dominant = [
        o or c for o, c in zip(cf["open_dominant"], cf["closed_dominant"], strict=True)
    ]
    if all(dominant):
        assert regime in ("dominant strategies", "prisoner's dilemma")
    elif any(dominant):
        assert regime.startswith("one-sided dominance")
        # the general classifier agrees that iterated dominance solves it
        assert classify_game(game) in ("dominance solvable", "prisoner's dilemma")
    else:
        assert regime == "coordination" == classify_game(game)
        assert set(cf["pure_equilibria"]) == {("open", "open"), ("closed", "closed")}


def test_coordination_mixed_equilibrium_formula():
    model = OpennessGame(licensing=(4, 5), erosion=Fraction(3, 4))
    cf = model.closed_form()
    assert model.classify() == "coordination"
    res = sg.solve(model.game(), method="enumerate")
    assert len(res.equilibria) == 3
    mixed = next(eq for eq in res.equilibria if not eq.is_pure)
    # lab i is indifferent when its rival opens with probability
    # -G0_i / (G1_i - G0_i)
    for lab in (0, 1):
        g0, g1 = cf["gain_vs_closed"][lab], cf["gain_vs_open"][lab]
        assert mixed.strategies[1 - lab][0] == pytest.approx(float(-g0 / (g1 - g0)))
    assert all(model.game().is_nash(eq.strategies) for eq in res.equilibria)


def test_spillovers_turn_closing_into_a_dilemma():
    base = OpennessGame(licensing=(8, 8), erosion=0, community=0, spillover=0)
    assert all(base.closed_form()["closed_dominant"])
    assert base.classify() == "dominant strategies"
    shared = base.replace(spillover=10)  # C + S > L: mutual opening is better
    assert all(shared.closed_form()["closed_dominant"])
    assert shared.classify() == "prisoner's dilemma"


def test_no_dilemma_without_a_dominant_strategy_on_both_sides():
    # the US lab opens whatever happens; the China lab only follows it, and
    # both would rather be closed: one-sided dominance, not a dilemma
    model = OpennessGame(licensing=(2.5, 4))
    cf = model.closed_form()
    assert cf["open_dominant"] == (True, False)
    assert cf["closed_dominant"] == (False, False)
    assert model.classify() == "one-sided dominance, Pareto-dominated"


def test_full_erosion_thresholds():
    losing = OpennessGame(market=0, licensing=(3, 0), erosion=1, community=-1)
    assert losing.closed_form()["closed_above"] == -math.inf
    assert losing.closed_form()["closed_dominant"] == (True, True)
    winning = OpennessGame(licensing=(30, 0), erosion=1)
    assert winning.closed_form()["closed_above"] == math.inf
    assert winning.closed_form()["pure_equilibria"] == [("open", "open")]


def test_openness_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="licensing"):
        OpennessGame(licensing=(1, 2, 3))
    with pytest.raises(ValueError, match="erosion"):
        OpennessGame(erosion=1.5)
    with pytest.raises(ValueError, match="players"):
        OpennessGame(players=("A", "A"))
