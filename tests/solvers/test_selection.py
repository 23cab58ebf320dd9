"""Selecting among equilibria."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.solvers.results import EquilibriumResult, make_equilibrium
from stratgame.solvers.selection import SelectionNotApplicableError, select

# The stag hunt of Harsanyi and Selten (1988, Section 3.9 style payoffs):
# (stag, stag) pays 4 each, (hare, hare) 3 each.
STAG_HUNT = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
# Battle of the sexes: two pure equilibria and a mixed one.
BATTLE = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
BATTLE_NASH = [
    ((1, 0), (1, 0)),
    ((0, 1), (0, 1)),
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3))),
]


def result_of(game, profiles) -> EquilibriumResult:
    equilibria = tuple(make_equilibrium(game, p, exact=True) for p in profiles)
    assert all(eq.regret == 0 for eq in equilibria)
    return EquilibriumResult(
        equilibria=equilibria, method="test", complete=True, game=game
    )


def profiles(result):
    return [tuple(int(np.argmax(s)) for s in eq.strategies) for eq in result]


def test_stag_hunt_payoff_and_risk_dominance_disagree():
    res = sg.solve(STAG_HUNT, method="pure")
    assert profiles(res.select("payoff_dominance")) == [(0, 0)]
    risk = res.select("risk_dominance")
    assert profiles(risk) == [(1, 1)]
    # Nash products of deviation losses: (4-3)(4-3) = 1 and (3-0)(3-0) = 9.
    assert sorted(risk.details["scores"]) == [1.0, 9.0]
    assert risk.details["criterion"] == "risk_dominance"
    assert not risk.complete


def test_welfare_pareto_and_entropy_in_battle_of_the_sexes():
    res = result_of(BATTLE, BATTLE_NASH)
    welfare = res.select("welfare")
    assert welfare.details["selected"] == [0, 1]
    assert welfare.details["scores"] == pytest.approx([3, 3, 4 / 3])
    # The mixed equilibrium (2/3, 2/3) is Pareto-dominated by both pure ones.
    assert res.select("pareto").details["selected"] == [0, 1]
    entropy = res.select("max_entropy")
    assert entropy.details["selected"] == [2]
    h = -(2 / 3 * np.log(2 / 3) + 1 / 3 * np.log(1 / 3))
    assert entropy.details["scores"][2] == pytest.approx(2 * h)


def test_payoff_dominance_does_not_apply_when_no_equilibrium_is_best_for_all():
    res = result_of(BATTLE, BATTLE_NASH)
    with pytest.raises(SelectionNotApplicableError, match="payoff dominant") as info:
        res.select("payoff_dominance")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, sg.StratgameError)


def test_risk_dominance_ties_keep_both_equilibria():
    # Pure coordination with equal stakes: neither equilibrium risk-dominates.
    g = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    chosen = sg.solve(g, method="pure").select("risk_dominance")
    assert profiles(chosen) == [(0, 0), (1, 1)]


def test_risk_dominance_matches_the_harsanyi_selten_formula():
    # For the 2x2 coordination game with equilibria (0, 0) and (1, 1),
    # (0, 0) risk-dominates iff (a00 - a10)(b00 - b01) > (a11 - a01)(b11 - b10).
    rng = np.random.default_rng(1)
    checked = 0
    while checked < 20:
        a, b = rng.integers(-5, 6, size=(2, 2, 2))
        g = sg.NormalFormGame.from_bimatrix(a, b)
        first = (a[0, 0] - a[1, 0]) * (b[0, 0] - b[0, 1])
        second = (a[1, 1] - a[0, 1]) * (b[1, 1] - b[1, 0])
        if min(a[0, 0] - a[1, 0], b[0, 0] - b[0, 1]) <= 0:
            continue
        if min(a[1, 1] - a[0, 1], b[1, 1] - b[1, 0]) <= 0 or first == second:
            continue
        chosen = profiles(sg.solve(g, method="pure").select("risk_dominance"))
        assert chosen == [(0, 0) if first > second else (1, 1)]
        checked += 1


def test_risk_dominance_needs_a_two_by_two_game_with_two_strict_equilibria():
    prisoners = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(SelectionNotApplicableError, match="1 strict"):
        sg.solve(prisoners, method="pure").select("risk_dominance")
    g = sg.NormalFormGame.from_bimatrix(np.eye(3), np.eye(3))
    with pytest.raises(SelectionNotApplicableError, match=r"shape \(3, 3\)"):
        sg.solve(g, method="pure").select("risk_dominance")


def test_risk_dominant_equilibrium_must_have_been_found():
    only_stag = result_of(STAG_HUNT, [((1, 0), (1, 0))])
    with pytest.raises(SelectionNotApplicableError, match="not among"):
        only_stag.select("risk_dominance")


def test_pareto_keeps_every_undominated_equilibrium_of_a_three_player_game():
    rng = np.random.default_rng(3)
    g = sg.NormalFormGame([rng.integers(0, 4, size=(2, 2, 2)) for _ in range(3)])
    res = sg.solve(g, method="pure")
    if len(res) == 0:
        pytest.skip("this draw has no pure equilibrium")
    kept = res.select("pareto").details["selected"]
    payoffs = np.array([eq.payoffs for eq in res])
    for k in range(len(res)):
        dominated = any(
            np.all(payoffs[j] >= payoffs[k]) and np.any(payoffs[j] > payoffs[k])
            for j in range(len(res))
        )
        assert (k in kept) == (not dominated)


def test_select_function_and_method_agree():
    res = result_of(BATTLE, BATTLE_NASH)
    assert select(res, "welfare").details == res.select("welfare").details


def test_bad_requests_are_refused():
    res = result_of(BATTLE, BATTLE_NASH)
    with pytest.raises(ValueError, match="'criterion'"):
        res.select("fairness")
    with pytest.raises(ValueError, match="'tol'"):
        res.select("welfare", tol=-1)
    empty = EquilibriumResult(equilibria=(), method="test", complete=True, game=BATTLE)
    with pytest.raises(SelectionNotApplicableError, match="no equilibria"):
        empty.select("welfare")
    with pytest.raises(TypeError):
        select([1, 2], "welfare")
