"""The zero-sum LP and the restarted first-order method."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import stratgame as sg
from gambit_corpus import corpus_reference
from stratgame.exceptions import UncertifiedEquilibriumWarning
from stratgame.games.generators import random_game
from stratgame.solvers.zero_sum import project_to_simplex, solve_zero_sum_approx


def _column_player_value(matrix) -> float:
    """The value from the column player's own LP, min_y max_i (A y)_i, an
    independent formulation (its dual is the row player's LP)."""
    from scipy.optimize import linprog

    matrix = np.asarray(matrix, dtype=float)
    rows, cols = matrix.shape
    objective = np.append(np.zeros(cols), 1.0)
    a_ub = np.hstack([matrix, -np.ones((rows, 1))])
    a_eq = np.append(np.ones(cols), 0.0)[None, :]
    solution = linprog(
        objective,
        A_ub=a_ub,
        b_ub=np.zeros(rows),
        A_eq=a_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * cols + [(None, None)],
        method="highs",
    )
    return float(solution.fun)


def test_rock_paper_scissors_is_uniform_with_value_zero():
    g = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    res = sg.solve(g, method="zero_sum")
    assert res.method == "zero_sum" and not res.complete
    eq = res.equilibria[0]
    np.testing.assert_allclose(eq.strategies[0], [1 / 3] * 3, atol=1e-9)
    np.testing.assert_allclose(eq.strategies[1], [1 / 3] * 3, atol=1e-9)
    assert res.details["value"] == pytest.approx(0.0, abs=1e-12)
    assert g.is_nash(eq.strategies)


@pytest.mark.parametrize(
    ("a", "b", "c", "d"), [(3, -1, -2, 1), (2, -3, -1, 4), (0, 5, 2, -1)]
)
def test_two_by_two_without_saddle_point_matches_closed_form(a, b, c, d):
    # For [[a, b], [c, d]] with no saddle point the row player plays the
    # first row with probability (d - c) / (a + d - b - c) and the value is
    # (ad - bc) / (a + d - b - c) (Owen 1995, "Game Theory", Section II.3).
    g = sg.NormalFormGame.from_bimatrix([[a, b], [c, d]])
    res = sg.solve(g, method="zero_sum")
    denominator = a + d - b - c
    assert res.details["value"] == pytest.approx((a * d - b * c) / denominator)
    p = (d - c) / denominator
    np.testing.assert_allclose(res.equilibria[0].strategies[0], [p, 1 - p])
    q = (d - b) / denominator
    np.testing.assert_allclose(res.equilibria[0].strategies[1], [q, 1 - q])


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.integers(-9, 9),
    )
)
def test_lp_gives_an_equilibrium_with_the_minimax_value(matrix):
    g = sg.NormalFormGame.from_bimatrix(matrix)
    res = sg.solve(g, method="zero_sum")
    eq = res.equilibria[0]
    assert g.is_nash(eq.strategies, tol=1e-8)
    assert eq.regret <= 1e-8 * max(g.payoff_scale, 1)
    value = res.details["value"]
    assert eq.payoffs[0] == pytest.approx(value, abs=1e-8)
    assert res.details["values"][1] == pytest.approx(-value, abs=1e-8)
    assert value == pytest.approx(_column_player_value(matrix), abs=1e-8)


def test_constant_sum_game_is_solved_by_shifting():
    rng = np.random.default_rng(4)
    matrix = rng.random((5, 7))
    zero_sum = sg.solve(sg.NormalFormGame.from_bimatrix(matrix), method="zero_sum")
    g = sg.NormalFormGame.from_bimatrix(matrix, 10.0 - matrix)
    constant = sg.solve(g, method="zero_sum")
    for s, t in zip(
        constant.equilibria[0].strategies,
        zero_sum.equilibria[0].strategies,
        strict=True,
    ):
        np.testing.assert_allclose(s, t, atol=1e-9)
    values = constant.details["values"]
    assert values[0] + values[1] == pytest.approx(10.0)
    assert g.is_nash(constant.equilibria[0].strategies)


def test_exact_constant_sum_game_from_the_corpus(gambit_corpus):
    reference = corpus_reference()
    for name in (
        "contrib/games/2x2const.nfg",
        "contrib/games/oneill.nfg",
        "contrib/games/mixdom.nfg",
        "contrib/games/e07.nfg",
    ):
        g = sg.read_nfg(gambit_corpus / name)
        res = sg.solve(g, method="zero_sum")
        exact = [[Fraction(p) for p in s] for s in reference[name]["extreme"][0]]
        value = g.expected_payoffs(exact)[0]
        assert res.details["value"] == pytest.approx(float(value), abs=1e-9)
        assert g.is_nash(res.equilibria[0].strategies)


def test_general_sum_game_is_refused_naming_the_methods_that_apply():
    g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(sg.InvalidGameError) as info:
        sg.solve(g, method="zero_sum")
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert "constant-sum" in message and "'logit'" in message
    assert "correlated_equilibrium" in message
    with pytest.raises(ValueError, match="constant-sum"):
        sg.solve(g, method="zero_sum_approx")


def test_three_player_game_is_refused():
    with pytest.raises(sg.InvalidGameError, match="3 players"):
        sg.solve(random_game((2, 2, 2), rng=0), method="zero_sum")


def test_unknown_lp_method_is_refused():
    g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    with pytest.raises(ValueError, match="lp_method"):
        sg.solve(g, method="zero_sum", lp_method="simplex")


@pytest.mark.parametrize("lp_method", ["highs-ds", "highs-ipm"])
def test_lp_algorithms_agree(lp_method):
    g = sg.NormalFormGame.from_bimatrix(np.random.default_rng(2).random((12, 9)))
    default = sg.solve(g, method="zero_sum").details["value"]
    other = sg.solve(g, method="zero_sum", lp_method=lp_method)
    assert other.details["value"] == pytest.approx(default, abs=1e-8)
    assert g.is_nash(other.equilibria[0].strategies, tol=1e-7)


def test_simplex_projection_matches_its_optimality_conditions():
    rng = np.random.default_rng(0)
    for _ in range(50):
        v = rng.normal(size=7) * 3
        p = project_to_simplex(v)
        assert p.min() >= 0 and p.sum() == pytest.approx(1.0)
        # KKT: v - p = theta on the support, and <= theta off it.
        theta = (v - p)[p > 0]
        assert np.ptp(theta) < 1e-12
        assert np.all((v - p)[p == 0] <= theta[0] + 1e-12)


@pytest.mark.parametrize("seed", [0, 1])
def test_first_order_method_reaches_the_requested_gap(seed):
    g = sg.NormalFormGame.from_bimatrix(np.random.default_rng(seed).random((80, 60)))
    exact = sg.solve(g, method="zero_sum").details["value"]
    res = sg.solve(g, method="zero_sum_approx", gap=1e-6, rng=seed)
    assert res.converged and res.method == "zero_sum_approx"
    details = res.details
    assert details["relative_gap"] <= 1e-6
    low, high = details["value_bounds"]
    assert low - 1e-12 <= exact <= high + 1e-12
    eq = res.equilibria[0]
    # In a zero-sum game the two regrets add up to the duality gap.
    assert sum(g.regret(eq.strategies)) == pytest.approx(details["gap"], abs=1e-12)
    assert g.is_nash(eq.strategies, tol=1e-6)


def test_first_order_method_reports_when_it_stops_early():
    g = sg.NormalFormGame.from_bimatrix(np.random.default_rng(3).random((40, 40)))
    res = solve_zero_sum_approx(g, gap=1e-12, max_iter=5, rng=0)
    assert not res.converged
    assert res.details["iterations"] == 5
    assert res.details["relative_gap"] > 1e-12
    assert res.equilibria[0].regret <= res.details["gap"] + 1e-12
    with pytest.warns(UncertifiedEquilibriumWarning):  # solve() certifies
        checked = sg.solve(g, method="zero_sum_approx", gap=1e-12, max_iter=5, rng=0)
    assert checked.equilibria == () and not checked.complete


def test_first_order_method_on_a_game_with_a_pure_saddle_point():
    g = sg.NormalFormGame.from_bimatrix([[4, 2, 3], [1, 0, 5]])
    res = sg.solve(g, method="zero_sum_approx", gap=1e-9, rng=0)
    assert res.converged
    assert res.details["value"] == pytest.approx(2.0, abs=1e-8)


@pytest.mark.parametrize(
    ("option", "value"),
    [("gap", 0), ("gap", -1e-3), ("max_iter", 0), ("restart_factor", 1.0)],
)
def test_first_order_method_checks_its_options(option, value):
    g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    with pytest.raises(ValueError, match=option):
        sg.solve(g, method="zero_sum_approx", **{option: value})


@settings(max_examples=40, deadline=None)
@given(
    arrays(
        np.int64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.integers(-5, 5),
    )
)
def test_exact_strategies_are_certified_exactly(matrix):
    g = sg.NormalFormGame.from_bimatrix(matrix)
    res = sg.solve(g, method="zero_sum", exact=True)
    eq = res.equilibria[0]
    assert eq.exact is not None
    assert all(isinstance(p, Fraction) for s in eq.exact for p in s)
    assert max(g.regret(eq.exact)) == 0
    assert res.details["value"] == pytest.approx(_column_player_value(matrix))


def test_exact_value_matches_the_corpus_exactly(gambit_corpus):
    reference = corpus_reference()
    name = "contrib/games/oneill.nfg"
    g = sg.read_nfg(gambit_corpus / name)
    eq = sg.solve(g, method="zero_sum", exact=True).equilibria[0]
    expected = [[Fraction(p) for p in s] for s in reference[name]["extreme"][0]]
    assert g.expected_payoffs(eq.exact)[0] == g.expected_payoffs(expected)[0]


def test_exact_takes_float_payoffs_bit_for_bit():
    g = sg.NormalFormGame.from_bimatrix([[0.5, -1.0], [-1.0, 1.0]])
    (eq,) = sg.solve(g, method="zero_sum", exact=True).equilibria
    assert eq.exact == (
        (Fraction(4, 7), Fraction(3, 7)),
        (Fraction(4, 7), Fraction(3, 7)),
    )
    assert eq.regret == 0
