"""ContinuousGame and its solver: Cournot duopolies with textbook answers."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import (
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from stratgame.games import ContinuousGame
from stratgame.solvers.continuous import (
    best_response_iteration,
    iterate_best_responses,
)


def cournot(n: int, a: float = 10.0, costs=None, symmetric: bool = True):
    """Linear Cournot oligopoly: P = a - sum q, unit costs ``costs``.

    Equilibrium (e.g. Tirole 1988, The Theory of Industrial Organization,
    ch. 5): q_i = (a - (n + 1) c_i + sum_j c_j) / (n + 1).
    """
    costs = [1.0] * n if costs is None else costs

    def profit(i):
        return lambda q: (a - sum(q) - costs[i]) * q[i]

    game = ContinuousGame(
        [profit(i) for i in range(n)], [(0.0, a)] * n, symmetric=symmetric
    )
    exact = [(a - (n + 1) * c + sum(costs)) / (n + 1) for c in costs]
    return game, exact


@pytest.mark.parametrize("n", [2, 3])
def test_cournot_equilibrium_matches_closed_form(n):
    game, exact = cournot(n, costs=[1.0 + 0.5 * k for k in range(n)], symmetric=False)
    result = sg.solve(game, rng=1)
    assert result.method == "best_response_iteration"
    assert not result.complete
    assert len(result.equilibria) == 1
    eq = result.equilibria[0]
    np.testing.assert_allclose(eq.actions, exact, rtol=1e-6)
    assert eq.regret <= 1e-9
    assert game.is_nash(eq.actions)
    np.testing.assert_allclose(eq.payoffs, game.payoffs(eq.actions))


def test_symmetric_solve_iterates_on_common_action():
    game, exact = cournot(4)
    result = sg.solve(game, n_starts=1)
    assert result.details["symmetric"]
    eq = result.equilibria[0]
    np.testing.assert_allclose(eq.actions, exact, rtol=1e-6)
    assert game.is_nash(eq.actions)


def test_not_an_equilibrium_is_detected():
    game, _ = cournot(2)
    regret = game.regret((1.0, 1.0))
    # best reply to q=1 is 4 with profit 16, against 7 at q=1
    np.testing.assert_allclose(regret, [9.0, 9.0], rtol=1e-9)
    assert not game.is_nash((1.0, 1.0))


def test_several_equilibria_from_several_starts():
    # A coordination game on [0, 1]: matching the other's side pays; both
    # corners (0, 0) and (1, 1) are equilibria (the best reply jumps).
    def u(i):
        return lambda a: -((a[i] - round(a[1 - i])) ** 2)

    game = ContinuousGame([u(0), u(1)], [(0, 1), (0, 1)])
    result = sg.solve(game, starts=[(0.1, 0.2), (0.9, 0.8)], n_starts=2, rng=0)
    found = sorted(tuple(round(a, 6) for a in eq.actions) for eq in result)
    assert found == [(0.0, 0.0), (1.0, 1.0)]


def test_box_actions_best_response():
    # Player 0 picks a point of the unit square, closest to (0.3, 0.7).
    game = ContinuousGame(
        [lambda a: -np.sum((a[0] - np.array([0.3, 0.7])) ** 2), lambda a: -a[1]],
        [[(0, 1), (0, 1)], (0, 1)],
    )
    action, value = game.best_response(0, (np.array([0.9, 0.1]), 0.5))
    np.testing.assert_allclose(action, [0.3, 0.7], atol=1e-6)
    assert value == pytest.approx(0.0, abs=1e-10)
    eq = sg.solve(game, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions[0], [0.3, 0.7], atol=1e-6)
    assert eq.actions[1] == pytest.approx(0.0, abs=1e-9)


def test_discretize_gives_normal_form_with_grid_labels():
    game, _ = cournot(2, a=10.0)
    nf = game.discretize(11)  # grid step 1; the equilibrium 3 is on the grid
    assert nf.shape == (11, 11)
    assert nf.actions[0][3] == "3"
    np.testing.assert_allclose(nf[3, 3], game.payoffs((3.0, 3.0)))
    pure = sg.solve(nf, method="pure")
    found = [tuple(int(s[0]) for s in eq.support) for eq in pure.equilibria]
    assert (3, 3) in found  # the grid also has neighbours that are equilibria
    assert all(abs(i - 3) <= 1 and abs(j - 3) <= 1 for i, j in found)


def test_invalid_input_is_rejected():
    with pytest.raises(InvalidGameError, match="low < high"):
        ContinuousGame([lambda a: 0.0], [(1, 0)])
    with pytest.raises(InvalidGameError, match="one function per player"):
        ContinuousGame([lambda a: 0.0], [(0, 1), (0, 1)])
    with pytest.raises(InvalidGameError, match="same bounds"):
        ContinuousGame([lambda a: 0.0] * 2, [(0, 1), (0, 2)], symmetric=True)
    game, _ = cournot(2)
    with pytest.raises(InvalidProfileError, match="must lie in"):
        game.payoffs((11.0, 1.0))
    with pytest.raises(ValueError, match="method"):
        sg.solve(game, method="pure")


def test_bad_arguments_name_the_parameter():
    game, _ = cournot(2)
    with pytest.raises(InvalidParameterError, match="'player' parameter"):
        game.best_response(2, (1.0, 1.0))
    with pytest.raises(InvalidParameterError, match="'player' parameter"):
        game.payoff(-1, (1.0, 1.0))
    assert game.payoff("P2", (1.0, 2.0)) == pytest.approx((10 - 3 - 1) * 2)
    with pytest.raises(InvalidParameterError, match="'n_grid' parameter"):
        game.best_response(0, (1.0, 1.0), n_grid=2)
    with pytest.raises(InvalidParameterError, match="'n_refine' parameter"):
        game.regret((1.0, 1.0), n_refine=-1)
    with pytest.raises(InvalidParameterError, match="'n' parameter"):
        game.grid(2.5)
    with pytest.raises(InvalidParameterError, match="'tol' parameter"):
        game.is_nash((3.0, 3.0), tol=-1e-9)
    with pytest.raises(InvalidGameError, match="sequence of 2 labels"):
        ContinuousGame([lambda a: 0.0] * 2, [(0, 1)] * 2, players="AB")
    with pytest.raises(InvalidGameError, match="ContinuousGame"):
        best_response_iteration(sg.NormalFormGame.from_bimatrix([[1]], [[1]]))
    for option, value in [
        ("max_iter", 0),
        ("xtol", -1.0),
        ("verify_grid", 1),
        ("tol", float("nan")),
        ("damping", 0.0),
    ]:
        with pytest.raises(InvalidParameterError, match=f"'{option}' parameter"):
            sg.solve(game, **{option: value})
    with pytest.raises(TypeError, match="unknown option 'grid'"):
        sg.solve(game, grid=5)
    asymmetric, _ = cournot(2, symmetric=False)
    with pytest.raises(InvalidGameError, match="declared symmetric"):
        iterate_best_responses(asymmetric, (0.0, 0.0), symmetric=True)


def test_payoff_functions_must_return_finite_numbers():
    nan_game = ContinuousGame([lambda a: float("nan")], [(0, 1)])
    with pytest.raises(InvalidGameError, match="finite real number"):
        nan_game.payoffs((0.5,))
    text_game = ContinuousGame([lambda a: "high"], [(0, 1)])
    with pytest.raises(InvalidGameError, match="returned 'high'"):
        text_game.best_response(0, (0.5,))
    short = ContinuousGame(lambda a: [1.0], [(0, 1), (0, 1)])
    with pytest.raises(InvalidGameError, match="2 real numbers"):
        short.payoff(1, (0.5, 0.5))
    infinite = ContinuousGame(lambda a: [1.0, np.inf], [(0, 1), (0, 1)])
    with pytest.raises(InvalidGameError, match="finite"):
        infinite.payoffs((0.5, 0.5))
