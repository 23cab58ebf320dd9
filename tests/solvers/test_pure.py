"""Pure equilibria and the solve() entry point."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.games.pure_best_responses import pure_nash_mask


def brute_force(game):
    """Reference: check every profile and every unilateral deviation."""
    found = set()
    for profile in np.ndindex(*game.shape):
        if max(game.regret(profile)) == 0:
            found.add(profile)
    return found


def test_coordination_game_has_two():
    g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = sg.solve(g, method="pure")
    assert res.complete and res.method == "pure"
    assert {tuple(int(s[0]) for s in eq.support) for eq in res} == {(0, 0), (1, 1)}
    for eq in res:
        assert g.is_nash(eq.strategies) and eq.regret == 0
        assert eq.exact is not None and sum(eq.exact[0]) == 1


def test_matching_pennies_has_none():
    g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    assert len(sg.solve(g, method="pure")) == 0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=4).flatmap(
        lambda shape: st.tuples(st.just(tuple(shape)), st.integers(0, 2**32 - 1))
    )
)
def test_matches_brute_force_on_games_with_ties(case):
    shape, seed = case
    rng = np.random.default_rng(seed)
    g = sg.NormalFormGame([rng.integers(0, 3, shape) for _ in shape])
    found = {tuple(int(s[0]) for s in eq.support) for eq in sg.solve(g, method="pure")}
    assert found == brute_force(g)


def test_float_ties_within_tolerance_count():
    a = np.array([[0.1 + 0.2, 0.0], [0.3, 0.0]])
    g = sg.NormalFormGame.from_bimatrix(a, np.ones((2, 2)))
    assert pure_nash_mask(g)[:, 0].all()


def test_fraction_game_solved_exactly():
    third = Fraction(1, 3)
    g = sg.NormalFormGame.from_bimatrix([[third, 0], [0, 2 * third]], [[1, 0], [0, 1]])
    res = sg.solve(g, method="pure")
    assert len(res) == 2
    assert [list(eq.payoffs) for eq in res] == [[1 / 3, 1.0], [2 / 3, 1.0]]


def test_regret_is_a_real_certificate_for_float_games():
    rng = np.random.default_rng(3)
    g = sg.NormalFormGame([rng.random((4, 4, 4)) for _ in range(3)])
    for eq in sg.solve(g, method="pure"):
        assert eq.regret == pytest.approx(max(g.regret(eq.strategies)), abs=1e-15)


def test_unknown_method_lists_choices():
    g = sg.NormalFormGame.from_bimatrix([[1]])
    with pytest.raises(ValueError, match=r"unknown solver method 'nope'.*'pure'"):
        sg.solve(g, method="nope")


def test_solve_rejects_non_games():
    with pytest.raises(ValueError, match="NormalFormGame"):
        sg.solve([[1, 2], [3, 4]])


def test_result_round_trips_to_dict():
    g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    data = sg.solve(g, method="pure").to_dict()
    assert data["complete"] and data["equilibria"][0]["strategies"] == [
        [0.0, 1.0],
        [0.0, 1.0],
    ]
    assert data["equilibria"][0]["exact"] == [["0", "1"], ["0", "1"]]


def test_a_payoff_range_beyond_the_float_range_does_not_make_every_action_a_best_reply():
    # Player 1's range overflows (1.7e308 - -1.7e308 = inf): a tolerance of
    # tol * inf would accept (a2, a1), where player 1 loses 3.4e308.
    A = np.array([[1.7e308, -1.7e308], [-1.7e308, 1.6e308]])
    B = np.array([[1.0, 0.0], [2.0, 0.0]])
    g = sg.NormalFormGame.from_bimatrix(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing dropped by the certificate
        res = sg.solve(g, method="pure")
    assert res.complete
    assert [tuple(int(s.argmax()) for s in eq.strategies) for eq in res.equilibria] == [
        (0, 0)
    ]
