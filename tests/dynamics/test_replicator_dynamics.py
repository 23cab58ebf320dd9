"""Replicator dynamics: continuous, with mutation, and discrete time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

import stratgame as sg
from stratgame.dynamics import discrete_replicator, replicator


def test_rock_paper_scissors_uniform_state_is_at_rest(rock_paper_scissors):
    path = replicator(rock_paper_scissors(), [1 / 3, 1 / 3, 1 / 3], t_max=20)
    assert np.allclose(path.states[0], 1 / 3, atol=1e-9)
    assert path.regret < 1e-9


def test_rock_paper_scissors_orbits_are_closed(rock_paper_scissors):
    # In zero-sum RPS the product x1 x2 x3 is a constant of motion, so
    # interior orbits are closed curves around the uniform state (Hofbauer &
    # Sigmund 1998, section 7.7): neutrally stable, neither attracting nor
    # repelling.
    x0 = [0.6, 0.3, 0.1]
    path = replicator(rock_paper_scissors(), x0, t_max=50, n_points=500)
    product = path.states[0].prod(axis=1)
    assert np.allclose(product, np.prod(x0), rtol=1e-5)
    distance = np.abs(path.states[0] - 1 / 3).max(axis=1)
    assert distance.min() > 0.05  # never reaches the centre
    assert distance[-100:].max() > 0.2  # nor spirals in


def test_good_rock_paper_scissors_spirals_in(rock_paper_scissors):
    # Win 2 > loss 1: the uniform state is an ESS, hence globally stable in
    # the interior (Zeeman 1980).
    path = replicator(rock_paper_scissors(win=2, loss=1), [0.6, 0.3, 0.1], t_max=60)
    assert np.allclose(path.final[0], 1 / 3, atol=1e-4)
    assert path.regret < 1e-3


@pytest.mark.parametrize(("value", "cost"), [(2, 4), (1, 3), (3, 4)])
@pytest.mark.parametrize("hawks", [0.05, 0.5, 0.95])
def test_hawk_dove_goes_to_the_mixed_ess(hawk_dove, value, cost, hawks):
    path = replicator(hawk_dove(value, cost), [hawks, 1 - hawks], t_max=80)
    assert path.final[0][0] == pytest.approx(value / cost, abs=1e-6)
    assert path.regret < 1e-6


def test_prisoners_dilemma_goes_to_defection(prisoners_dilemma):
    path = replicator(prisoners_dilemma, [0.99, 0.01], t_max=40)
    assert path.final[0][1] > 1 - 1e-6
    assert path.populations == "single"
    # cooperation falls monotonically: defection is strictly dominant
    assert np.all(np.diff(path.states[0][:, 0]) <= 1e-12)


@pytest.mark.parametrize("stag", [0.5, 0.7, 0.74, 0.76, 0.8, 0.95])
def test_stag_hunt_basins_meet_at_three_quarters(stag_hunt, stag):
    path = replicator(stag_hunt, [stag, 1 - stag], t_max=60)
    expected = [1.0, 0.0] if stag > 0.75 else [0.0, 1.0]
    assert np.allclose(path.final[0], expected, atol=1e-6)


def test_stag_hunt_two_populations_use_both_basins(stag_hunt):
    path = replicator(
        stag_hunt, ([0.9, 0.1], [0.85, 0.15]), t_max=60, populations="per_player"
    )
    assert path.populations == "per_player"
    assert len(path.final) == 2
    assert all(np.allclose(s, [1, 0], atol=1e-6) for s in path.final)


def test_matching_pennies_two_populations_conserve_the_entropy_function(
    matching_pennies,
):
    # Bimatrix zero-sum game with interior equilibrium (1/2, 1/2): the sum of
    # x*.log x + y*.log y is constant along solutions (Hofbauer & Sigmund
    # 1998, section 10.5), so orbits cycle.
    path = replicator(matching_pennies, ([0.8, 0.2], [0.4, 0.6]), t_max=30)
    x, y = path.states
    h = 0.5 * np.log(x).sum(axis=1) + 0.5 * np.log(y).sum(axis=1)
    assert np.allclose(h, h[0], atol=1e-6)
    assert path.regret > 0.1


def test_three_player_volunteers_dilemma_reaches_the_symmetric_equilibrium(
    volunteers_dilemma,
):
    game = volunteers_dilemma(benefit=2.0, cost=1.0)
    assert game.is_symmetric()
    path = replicator(game, [0.9, 0.1], t_max=60)
    abstain = np.sqrt(1.0 / 2.0)
    assert path.final[0][1] == pytest.approx(abstain, abs=1e-6)
    assert path.regret < 1e-6


def test_three_populations_rest_at_an_equilibrium(volunteers_dilemma):
    game = volunteers_dilemma()
    abstain = np.sqrt(0.5)
    start = [[1 - abstain, abstain]] * 3
    path = replicator(game, start, t_max=5, populations="per_player")
    assert len(path.final) == 3
    assert all(np.allclose(s, start[0], atol=1e-7) for s in path.final)


def test_agrees_with_nashpy_including_mutation(rock_paper_scissors):
    nashpy = pytest.importorskip("nashpy")
    A = np.array([[3, 1, 4], [1, 5, 9], [2, 6, 5]], dtype=float)
    Q = np.array([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.0, 0.2, 0.8]])
    times = np.linspace(0, 10, 1000)
    x0 = np.array([0.5, 0.3, 0.2])
    theirs = nashpy.Game(A).replicator_dynamics(y0=x0, timepoints=times)
    ours = replicator(sg.NormalFormGame.from_bimatrix(A, A.T), x0, t_max=10)
    assert np.allclose(ours.states[0], theirs, atol=1e-6)
    theirs = nashpy.Game(A).replicator_dynamics(
        y0=x0, timepoints=times, mutation_matrix=Q
    )
    ours = replicator(sg.NormalFormGame.from_bimatrix(A, A.T), x0, 10, mutation=Q)
    assert ours.method == "replicator-mutator"
    assert np.allclose(ours.states[0], theirs, atol=1e-6)


def test_agrees_with_nashpy_asymmetric():
    nashpy = pytest.importorskip("nashpy")
    A = np.array([[3, 0, 2], [1, 2, 0]], dtype=float)
    B = np.array([[1, 3, 0], [2, 0, 3]], dtype=float)
    x0, y0 = np.array([0.3, 0.7]), np.array([0.2, 0.5, 0.3])
    xs, ys = nashpy.Game(A, B).asymmetric_replicator_dynamics(x0=x0, y0=y0)
    path = replicator(sg.NormalFormGame.from_bimatrix(A, B), (x0, y0))
    assert np.allclose(path.states[0], xs, atol=1e-6)
    assert np.allclose(path.states[1], ys, atol=1e-6)


def test_uniform_mutation_makes_rock_paper_scissors_converge(rock_paper_scissors):
    path = replicator(
        rock_paper_scissors(), [0.7, 0.2, 0.1], t_max=200, mutation=0.05, background=1
    )
    assert np.allclose(path.final[0], 1 / 3, atol=1e-4)


def test_mutation_needs_nonnegative_fitness(rock_paper_scissors):
    with pytest.raises(ValueError, match="background=1"):
        replicator(rock_paper_scissors(), mutation=0.01)


def test_mutation_matrix_must_be_stochastic(prisoners_dilemma):
    with pytest.raises(ValueError, match="row-stochastic"):
        replicator(prisoners_dilemma, mutation=[[0.5, 0.6], [0, 1]])
    with pytest.raises(ValueError, match="shape"):
        replicator(prisoners_dilemma, mutation=np.eye(3))


def test_one_mutation_matrix_per_population():
    game = sg.NormalFormGame.from_bimatrix(
        [[2, 0, 1], [0, 1, 1]], [[1, 0, 2], [0, 2, 1]]
    )
    start = ([0.5, 0.5], [0.6, 0.3, 0.1])
    path = replicator(game, start, t_max=5, mutation=[0.1, np.full((3, 3), 1 / 3)])
    # The second population's offspring are uniform whatever their parents:
    # dy/dt = phi (1/3 - y) with phi = y.F, so y(t) - 1/3 stays parallel to
    # y(0) - 1/3 and shrinks monotonically.
    offset = path.states[1] - 1 / 3
    factor = offset[:, 0] / offset[0, 0]
    np.testing.assert_allclose(offset, factor[:, None] * offset[0], atol=1e-7)
    assert np.all(np.diff(factor) < 0) and factor[-1] < 0.05


@pytest.mark.parametrize("method", ["RK45", "DOP853", "Radau", "BDF"])
def test_solve_ivp_methods_agree_with_lsoda(hawk_dove, method):
    game = hawk_dove()
    reference = replicator(game, [0.2, 0.8], t_max=10, n_points=50)
    other = replicator(game, [0.2, 0.8], t_max=10, n_points=50, method=method)
    assert np.allclose(other.states[0], reference.states[0], atol=1e-5)
    assert other.details["ode_method"] == method


def test_forcing_a_single_population_needs_symmetry(matching_pennies):
    with pytest.raises(sg.InvalidGameError, match="not symmetric"):
        replicator(matching_pennies, populations="single")


@settings(max_examples=12, deadline=None)
@given(
    value=st.floats(0.5, 5),
    extra=st.floats(0.2, 5),
    start=st.floats(0.02, 0.98),
)
def test_discrete_replicator_finds_hawk_dove_ess(value, extra, start):
    cost = value + extra
    game = sg.NormalFormGame.from_bimatrix(
        [[(value - cost) / 2, value], [0, value / 2]],
        [[(value - cost) / 2, 0], [value, value / 2]],
    )
    path = discrete_replicator(game, [start, 1 - start], t_max=3000, background=cost)
    assert path.final[0][0] == pytest.approx(value / cost, abs=1e-4)


def test_discrete_replicator_prisoners_dilemma(prisoners_dilemma):
    path = discrete_replicator(prisoners_dilemma, [0.99, 0.01], t_max=300)
    assert path.final[0][1] > 1 - 1e-9
    assert path.times[-1] == 300


def test_discrete_replicator_needs_a_background_for_negative_payoffs(hawk_dove):
    with pytest.raises(ValueError, match="background"):
        discrete_replicator(hawk_dove())


def test_discrete_replicator_with_mutation_keeps_a_mutant_share(prisoners_dilemma):
    path = discrete_replicator(prisoners_dilemma, [0.5, 0.5], t_max=500, mutation=0.01)
    assert path.method == "discrete replicator-mutator"
    # the fixed point of x' = (x F_C (1 - u) + (1 - x) F_D u) / (x . F),
    # solved here from the map's definition
    A, u = np.array([[3.0, 0.0], [5.0, 1.0]]), 0.01

    def excess(x):
        weighted = np.array([x, 1 - x]) * (A @ [x, 1 - x])
        return (weighted[0] * (1 - u) + weighted[1] * u) / weighted.sum() - x

    fixed = brentq(excess, 1e-9, 0.5)
    assert 0.01 < fixed < 0.011
    assert path.final[0][0] == pytest.approx(fixed, abs=1e-10)
