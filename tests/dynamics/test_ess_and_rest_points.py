"""Evolutionarily stable strategies and replicator rest points."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.dynamics import (
    is_ess,
    replicator,
    replicator_jacobian,
    replicator_rest_points,
)


@settings(max_examples=30, deadline=None)
@given(value=st.floats(0.1, 10), extra=st.floats(0.1, 10))
def test_hawk_dove_mixed_ess_at_value_over_cost(hawk_dove, value, extra):
    cost = value + extra
    game = hawk_dove(value, cost)
    share = value / cost
    assert is_ess(game, [share, 1 - share])
    assert not is_ess(game, "a1")  # pure hawk
    assert not is_ess(game, 1)  # pure dove
    assert not is_ess(game, [min(share + 0.05, 1), max(1 - share - 0.05, 0)])


def test_hawk_dove_with_value_above_cost_has_pure_hawk_ess(hawk_dove):
    assert is_ess(hawk_dove(4, 2), 0)
    assert not is_ess(hawk_dove(4, 2), [0.5, 0.5])


def test_prisoners_dilemma_defection_is_ess(prisoners_dilemma):
    assert is_ess(prisoners_dilemma, 1)
    assert not is_ess(prisoners_dilemma, 0)


@pytest.mark.parametrize(
    ("win", "loss", "expected"),
    [(1, 1, False), (2, 1, True), (1, 2, False)],
)
def test_rock_paper_scissors_uniform_is_ess_only_when_wins_outweigh_losses(
    rock_paper_scissors, win, loss, expected
):
    # Zeeman (1980); Hofbauer & Sigmund (1998), section 7.7: with win = loss
    # the uniform state is only neutrally stable.
    assert is_ess(rock_paper_scissors(win, loss), [1 / 3] * 3) is expected


def test_pure_mutants_alone_do_not_decide(make_symmetric):
    # e0 ties with e1 and e2 against itself and beats each of them as a pure
    # mutant (a_01 > a_11, a_02 > a_22), but the half-half mixture of e1 and
    # e2 invades: q.Aq = 5 > p.Aq = 1 while q.Ap = p.Ap.
    A = np.array([[0, 1, 1], [0, 0, 10], [0, 10, 0]])
    game = make_symmetric(A)
    p, q = np.array([1.0, 0, 0]), np.array([0, 0.5, 0.5])
    assert q @ A @ p == p @ A @ p and q @ A @ q > p @ A @ q
    assert not is_ess(game, 0)
    # with a weak pairing of e1 and e2 the mixture no longer invades
    assert is_ess(make_symmetric([[0, 1, 1], [0, 0, 1], [0, 1, 0]]), 0)


def test_mixed_ess_with_an_alternative_best_reply_outside_its_support(
    make_symmetric,
):
    # p = (1/2, 1/2, 0) is hawk-dove's ESS; the third strategy earns the same
    # against p (a best reply outside the support), so stability hinges on
    # the copositivity part of the test.
    invading = make_symmetric([[-1, 2, 0], [0, 1, 0], [0.5, 0.5, 2]])
    resisted = make_symmetric([[-1, 2, 2], [0, 1, 2], [0.5, 0.5, 0]])
    p = np.array([0.5, 0.5, 0])
    for game in (invading, resisted):
        A = game.float_payoff_arrays[0]
        assert np.allclose(A @ p, 0.5)  # the third strategy ties against p
    # against itself the third earns 2 > p.A e3 = 0 in the first game
    assert not is_ess(invading, p)
    assert is_ess(resisted, p)
    A = resisted.float_payoff_arrays[0]
    assert _is_locally_superior(A, p, np.random.default_rng(0))


def _is_locally_superior(A, p, rng, trials=400, eps=1e-3):
    for _ in range(trials):
        q = p + eps * (rng.dirichlet(np.ones(len(p))) - p)
        if not p @ A @ q > q @ A @ q:
            return False
    return True


def test_every_ess_found_among_rest_points_is_locally_superior(make_symmetric):
    # An ESS beats every nearby mutant (Hofbauer, Schuster & Sigmund 1979)
    # and is an asymptotically stable rest point of the replicator dynamics
    # (Taylor & Jonker 1978).
    found = mixed = 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        A = rng.integers(-3, 4, size=(3, 3)).astype(float)
        game = make_symmetric(A)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sg.DegenerateGameWarning)
            points = replicator_rest_points(game)
        for point in points:
            p = point.state[0]
            if is_ess(game, p):
                assert point.regret < 1e-9
                assert _is_locally_superior(A, p, rng)
                assert point.stability in ("stable", "non-hyperbolic")
                found += 1
                mixed += len(point.support[0]) > 1
    # the random games do exercise the test, mixed ESSs included
    assert found >= 15 and mixed >= 5


def test_is_ess_needs_a_symmetric_two_player_game(matching_pennies):
    with pytest.raises(sg.InvalidGameError, match="symmetric two-player"):
        is_ess(matching_pennies, [0.5, 0.5])


def test_rock_paper_scissors_rest_points(rock_paper_scissors):
    # Vertices are saddles (eigenvalues +1, -1); the uniform state is a centre
    # with eigenvalues ±i/sqrt(3) (Hofbauer & Sigmund 1998, section 7.7).
    points = replicator_rest_points(rock_paper_scissors())
    assert len(points) == 4
    vertices, centre = points[:3], points[3]
    for vertex in vertices:
        assert vertex.stability == "unstable"
        assert np.allclose(np.sort(vertex.eigenvalues.real), [-1, 1])
    assert np.allclose(centre.state[0], 1 / 3)
    assert centre.stability == "non-hyperbolic"
    assert np.allclose(
        np.sort(centre.eigenvalues.imag), [-1 / np.sqrt(3), 1 / np.sqrt(3)]
    )
    assert np.allclose(centre.eigenvalues.real, 0, atol=1e-12)


def test_stag_hunt_rest_points_and_basins(stag_hunt):
    points = replicator_rest_points(stag_hunt)
    states = [p.state[0].round(12).tolist() for p in points]
    assert states == [[1, 0], [0, 1], [0.75, 0.25]]
    assert [p.stability for p in points] == ["stable", "stable", "unstable"]
    # the unstable interior rest point separates the basins
    for start, end in [(0.76, [1, 0]), (0.74, [0, 1])]:
        path = replicator(stag_hunt, [start, 1 - start], t_max=80)
        assert np.allclose(path.final[0], end, atol=1e-6)


def test_hawk_dove_interior_rest_point_is_stable(hawk_dove):
    points = replicator_rest_points(hawk_dove(2, 4))
    interior = [p for p in points if len(p.support[0]) == 2]
    assert len(interior) == 1
    assert interior[0].stability == "stable"
    # d/dx of x(1-x)(1 - 2x) at 1/2 (payoff difference f_H - f_D = 1 - 2x)
    assert interior[0].eigenvalues[0].real == pytest.approx(-0.5)


def test_two_population_rest_points_of_matching_pennies(matching_pennies):
    points = replicator_rest_points(matching_pennies)
    assert len(points) == 5
    interior = points[-1]
    assert [s.tolist() for s in interior.state] == [[0.5, 0.5], [0.5, 0.5]]
    assert interior.stability == "non-hyperbolic"
    assert np.allclose(np.sort(interior.eigenvalues.imag), [-1, 1])
    assert all(p.stability == "unstable" for p in points[:4])


def test_stable_rest_points_are_nash_equilibria_on_random_bimatrix_games():
    # The folk theorem of evolutionary game theory (Hofbauer & Sigmund 2003):
    # an asymptotically stable rest point is a Nash equilibrium; and every
    # rest point found is at rest.
    rng = np.random.default_rng(7)
    for _ in range(20):
        game = sg.NormalFormGame.from_bimatrix(rng.random((3, 2)), rng.random((3, 2)))
        for point in replicator_rest_points(game):
            path = replicator(game, point.state, t_max=1, n_points=2)
            for final, state in zip(path.final, point.state, strict=True):
                assert np.allclose(final, state, atol=1e-7)
            if point.stability == "stable":
                assert point.regret < 1e-9


@pytest.mark.parametrize("populations", ["single", "per_player"])
def test_jacobian_matches_finite_differences(populations):
    rng = np.random.default_rng(3)
    game = sg.NormalFormGame.from_bimatrix(
        *(lambda A: (A, A.T))(rng.normal(size=(3, 3)))
    )
    if populations == "single":
        x = rng.dirichlet(np.ones(3))
        state, parts = x, [x]
    else:
        parts = [rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(3))]
        state = parts
    J = replicator_jacobian(game, state, populations=populations)

    def field(y):
        from stratgame.dynamics._populations import PopulationModel
        from stratgame.dynamics.replicator import _replicator_field

        model = PopulationModel(game, populations)
        return _replicator_field(model, None, 0.0)(y)

    from stratgame.dynamics.stability import _tangent_basis

    V = np.zeros((3 * len(parts), 2 * len(parts)))
    for k in range(len(parts)):
        V[3 * k : 3 * k + 3, 2 * k : 2 * k + 2] = _tangent_basis(3)
    y = np.concatenate(parts)
    h = 1e-6
    numeric = np.column_stack(
        [V.T @ (field(y + h * v) - field(y - h * v)) / (2 * h) for v in V.T]
    )
    assert np.allclose(J, numeric, atol=1e-7)


def test_degenerate_games_warn_about_continua(make_symmetric):
    with pytest.warns(sg.DegenerateGameWarning, match="not isolated"):
        points = replicator_rest_points(make_symmetric([[1, 1], [1, 1]]))
    assert len(points) == 2  # the vertices are still isolated


def test_rest_points_need_two_players(volunteers_dilemma):
    with pytest.raises(sg.InvalidGameError, match="two-player"):
        replicator_rest_points(volunteers_dilemma())
