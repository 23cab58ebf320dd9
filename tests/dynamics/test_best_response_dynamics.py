"""Best-response, logit and Brown–von Neumann–Nash dynamics."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.dynamics import best_response_dynamics, bnn_dynamics, logit_dynamics


@pytest.mark.parametrize("stag", [0.3, 0.7, 0.8, 0.95])
def test_best_response_stag_hunt_basins(stag_hunt, stag):
    path = best_response_dynamics(stag_hunt, [stag, 1 - stag], t_max=30)
    expected = [1.0, 0.0] if stag > 0.75 else [0.0, 1.0]
    assert np.allclose(path.final[0], expected, atol=1e-9)
    assert path.regret < 1e-8


def test_best_response_hawk_dove_rests_at_the_ess(hawk_dove):
    # The mixed ESS lies on the switching surface; the Filippov solution
    # slides into it and stays.
    path = best_response_dynamics(hawk_dove(2, 4), [0.9, 0.1], t_max=20)
    assert np.allclose(path.final[0], [0.5, 0.5], atol=1e-12)
    # before reaching it, the state moves straight toward dove: x(t) = 0.9e^-t
    early = path.times < np.log(0.9 / 0.5)
    assert np.allclose(path.states[0][early, 0], 0.9 * np.exp(-path.times[early]))


def test_best_response_value_decays_exponentially_in_zero_sum_rps(
    rock_paper_scissors,
):
    # In a symmetric zero-sum game the best-response payoff max_k (A x)_k
    # decays exactly like e^{-t} under the best-response dynamics (Harris
    # 1998; Hofbauer & Sorin 2006). Exact switching reproduces it.
    game = rock_paper_scissors()
    A = game.float_payoff_arrays[0]
    path = best_response_dynamics(game, [0.8, 0.15, 0.05], t_max=8)
    best = (path.states[0] @ A.T).max(axis=1)
    assert np.allclose(best, best[0] * np.exp(-path.times), rtol=1e-8)
    assert path.details["fallback_steps"] == 0


def test_best_response_matching_pennies_duality_gap_decays(matching_pennies):
    # Two populations of a zero-sum game: the duality gap
    # max_k (A y)_k - min_l (x A)_l decays like e^{-t} (Hofbauer & Sorin
    # 2006) while the switches accumulate; dense switching falls back to
    # plain steps, which costs accuracy of order step only there.
    A = matching_pennies.float_payoff_arrays[0]
    path = best_response_dynamics(matching_pennies, ([0.8, 0.2], [0.3, 0.7]), t_max=6)
    x, y = path.states
    gap = (y @ A.T).max(axis=1) - (x @ A).min(axis=1)
    exact = path.times < 2
    assert np.allclose(gap[exact], gap[0] * np.exp(-path.times[exact]), rtol=1e-8)
    assert gap[-1] < 0.02


def test_best_response_three_players_use_fixed_steps(volunteers_dilemma):
    step = 0.005
    path = best_response_dynamics(volunteers_dilemma(), [0.9, 0.1], t_max=20, step=step)
    assert path.details["integration"] == "fixed exponential steps"
    assert abs(path.final[0][1] - np.sqrt(0.5)) < 2 * step


def test_best_response_prisoners_dilemma(prisoners_dilemma):
    path = best_response_dynamics(prisoners_dilemma, [1.0, 0.0], t_max=20)
    assert path.final[0][1] > 1 - 1e-8
    assert path.times[-1] == pytest.approx(20)


def test_best_response_ties_follow_the_other_population():
    # Both of the row player's actions are always best, so any mixture is a
    # valid move; the column player moves to its dominant action.
    game = sg.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[0, 1], [0, 1]])
    path = best_response_dynamics(game, ([0.9, 0.1], [0.5, 0.5]), t_max=50)
    assert path.regret < 1e-9
    assert np.allclose(path.final[1], [0, 1], atol=1e-9)


def _logit_choice(values, intensity):
    w = np.exp(intensity * (values - values.max()))
    return w / w.sum()


@pytest.mark.parametrize("intensity", [5.0, 1.0, 1 / 3])
def test_logit_rest_point_is_a_logit_equilibrium(hawk_dove, intensity):
    game = hawk_dove(2, 4)
    path = logit_dynamics(game, [0.9, 0.1], t_max=60, intensity=intensity)
    x = path.final[0]
    values = game.float_payoff_arrays[0] @ x
    assert np.allclose(x, _logit_choice(values, intensity), atol=1e-7)


def test_logit_approaches_nash_as_intensity_grows(hawk_dove):
    game = hawk_dove(3, 4)
    gaps = [
        abs(logit_dynamics(game, t_max=80, intensity=lam).final[0][0] - 0.75)
        for lam in (1.0, 10.0, 100.0)
    ]
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 0.01


def test_logit_two_populations_is_a_quantal_response_equilibrium():
    A = np.array([[2.0, -1.0], [-1.0, 1.0]])
    game = sg.NormalFormGame.from_bimatrix(A)
    path = logit_dynamics(game, ([0.9, 0.1], [0.1, 0.9]), t_max=80, intensity=2)
    x, y = path.final
    assert np.allclose(x, _logit_choice(A @ y, 2), atol=1e-7)
    assert np.allclose(y, _logit_choice(-A.T @ x, 2), atol=1e-7)


def test_bnn_rest_points_are_exactly_nash_equilibria(rock_paper_scissors, hawk_dove):
    # Pure states are rest points of the replicator dynamics but not of BNN,
    # where unused better strategies enter (Hofbauer 2000).
    moved = bnn_dynamics(rock_paper_scissors(), [1.0, 0.0, 0.0], t_max=1)
    assert moved.final[0][1] > 0.1
    still = bnn_dynamics(hawk_dove(2, 4), [0.5, 0.5], t_max=10)
    assert np.allclose(still.states[0], 0.5, atol=1e-10)


def test_bnn_converges_in_good_rock_paper_scissors(rock_paper_scissors):
    path = bnn_dynamics(rock_paper_scissors(win=2, loss=1), [0.7, 0.2, 0.1], t_max=50)
    assert np.allclose(path.final[0], 1 / 3, atol=1e-5)


def test_bnn_regret_falls_in_zero_sum_rps(rock_paper_scissors):
    # Symmetric zero-sum: Brown & von Neumann (1950) proved convergence.
    path = bnn_dynamics(rock_paper_scissors(), [0.7, 0.2, 0.1], t_max=200, n_points=5)
    game = rock_paper_scissors()
    regrets = [max(game.regret([s, s])) for s in path.states[0]]
    assert regrets[-1] < regrets[1] < regrets[0]
    assert regrets[-1] < 0.02


def test_bnn_prisoners_dilemma_and_two_populations(prisoners_dilemma, stag_hunt):
    # Near a strict pure equilibrium excess payoffs vanish quadratically, so
    # BNN approaches it only like 1/t.
    path = bnn_dynamics(prisoners_dilemma, [0.9, 0.1], t_max=100, n_points=11)
    defect = path.states[0][:, 1]
    assert np.all(np.diff(defect) > 0)
    assert defect[-1] > 0.99
    path = bnn_dynamics(
        stag_hunt, ([0.9, 0.1], [0.9, 0.1]), t_max=100, populations="per_player"
    )
    assert all(s[0] > 0.98 for s in path.final)
