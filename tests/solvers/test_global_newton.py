"""Global Newton (Govindan-Wilson): certified equilibria on random 3- and
4-player games and on the Gambit corpus's N-player games, a subset of the
complete enumeration, several rays finding several equilibria."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from gambit_corpus import CORPUS, corpus_reference
from solvers.n_player_checks import distance, independent_regret
from stratgame.exceptions import InvalidParameterError
from stratgame.games.generators import random_game
from stratgame.solvers.enumeration_n import enumerate_equilibria_n
from stratgame.solvers.global_newton import (
    _System,
    global_newton,
    project_to_simplices,
)

REFERENCE = corpus_reference()
N_PLAYER = sorted(
    name
    for name, entry in REFERENCE.items()
    if len(entry["shape"]) > 2 and np.prod(entry["shape"]) <= 64
)


@pytest.mark.parametrize(
    "shape", [(2, 2, 2), (3, 3, 2), (3, 3, 3), (2, 2, 2, 2), (3, 2, 2, 2)]
)
def test_random_games_certified_and_among_all_equilibria(shape):
    for seed in range(3):
        game = random_game(shape, rng=seed)
        result = sg.solve(game, method="global_newton", rng=seed)
        assert result.method == "global_newton" and not result.complete
        assert result.converged and len(result.equilibria) >= 1
        every = enumerate_equilibria_n(game, rng=0).equilibria
        for eq in result.equilibria:
            assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
            assert min(distance(eq.strategies, e.strategies) for e in every) < 1e-6


def test_each_ray_crosses_an_odd_number_of_times():
    game = random_game((3, 3, 3), rng=11)
    result = global_newton(game, n_starts=4, rng=2)
    for ray in result.details["rays"]:
        assert ray["finished"] and ray["crossings"] % 2 == 1


@pytest.mark.parametrize(
    ("shape", "seed", "ray_seed", "ray"),
    [
        ((6, 6, 6), 11, 11, 0),
        ((6, 6, 6), 21, 21, 1),
        ((3, 3, 3, 3), 4, 4, 0),
        ((4, 4, 4, 3), 18, 18, 1),
        ((6, 6, 6), 100, 1100, 1),
    ],
)
def test_rays_that_used_to_stop_early_reach_their_end(shape, seed, ray_seed, ray):
    """Rays (the ``ray``-th drawn from ``rng=ray_seed``) that turned back (a
    step bending back out of the region it had just entered; a step jumping
    onto another branch), ran out of steps on their first straight piece
    (which began at lam = 4671) or crossed lam = 0 outside their region (a
    step skipping an excursion out of it: an uncertified crossing): each
    now reaches its end, crosses lam = 0 an odd number of times, and every
    crossing is a certified equilibrium."""
    payoffs = np.random.default_rng(seed).standard_normal((len(shape), *shape))
    game = sg.NormalFormGame(list(payoffs))
    rng = np.random.default_rng(ray_seed)
    for _ in range(ray):  # skip the rays drawn before
        rng.standard_normal(sum(shape))
    result = global_newton(game, n_starts=1, rng=rng)
    (trace,) = result.details["rays"]
    assert result.converged and result.details["uncertified"] == 0
    assert trace["reason"] == "finished" and trace["crossings"] % 2 == 1
    for eq in result.equilibria:
        assert independent_regret(payoffs, eq.strategies) <= 1e-9


def test_ray_through_a_corner_of_a_degenerate_game():
    """Payoffs in {-2, ..., 2} (ties): this ray meets several support
    changes at once and runs along faces of its regions, and used to turn
    back; the region whose tangent keeps the path's orientation is taken,
    points on a face within rounding count as inside, and the ray
    finishes."""
    payoffs = np.random.default_rng(0).integers(-2, 3, (3, 3, 3, 3))
    game = sg.NormalFormGame(list(payoffs))
    result = global_newton(game, n_starts=1, rng=0)
    (trace,) = result.details["rays"]
    assert trace["reason"] == "finished" and trace["crossings"] % 2 == 1
    assert result.equilibria
    for eq in result.equilibria:
        assert independent_regret(payoffs, eq.strategies) <= 1e-9


def test_ray_cut_short_says_why():
    game = random_game((3, 3, 3), rng=11)
    result = global_newton(game, n_starts=1, rng=2, max_iter=3)
    (ray,) = result.details["rays"]
    assert not result.converged and ray["reason"] == "max_iter"


@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 3, 2, 2)])
def test_compiled_jacobian_matches_finite_differences(shape):
    """The Jacobian of F(z) = z - r(z) - V(r(z)) on a region, against
    central differences of F inside that region (F is a polynomial
    there)."""
    system = _System(random_game(shape, rng=5))
    rng = np.random.default_rng(0)
    z = rng.standard_normal(system.size) * 0.3
    region = project_to_simplices(z, system.offsets) > 0
    assert (system.slack(z, region) > 1e-3).all()  # well inside its region
    _, J, sigma = system.evaluate(z, region)
    np.testing.assert_allclose(sigma, project_to_simplices(z, system.offsets))
    step = 1e-6
    numeric = np.empty_like(J)
    for k in range(system.size):
        e = np.zeros(system.size)
        e[k] = step
        numeric[:, k] = (
            system.evaluate(z + e, region)[0] - system.evaluate(z - e, region)[0]
        ) / (2 * step)
    np.testing.assert_allclose(J, numeric, atol=1e-8)


def test_more_rays_find_more_equilibria():
    game = next(
        g
        for g in (random_game((2, 2, 2, 2), rng=seed) for seed in range(20))
        if len(enumerate_equilibria_n(g, rng=0).equilibria) >= 3
    )
    one = global_newton(game, n_starts=1, rng=0)
    many = global_newton(game, n_starts=8, rng=0)
    assert len(many.equilibria) >= len(one.equilibria)
    assert len(many.equilibria) >= 2


def test_larger_game_beyond_enumeration():
    game = random_game((4, 4, 4, 3), rng=1)
    result = sg.solve(game, method="global_newton", n_starts=1, rng=0)
    assert result.equilibria
    for eq in result.equilibria:
        assert game.is_nash(eq.strategies)


def test_two_player_games_and_mixed_units():
    rng = np.random.default_rng(3)
    A, B = rng.random((4, 5)) * 1e6, rng.random((4, 5))
    game = sg.NormalFormGame.from_bimatrix(A, B)
    result = sg.solve(game, method="global_newton", rng=1)
    assert result.equilibria
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_degenerate_game_with_pure_equilibria():
    # Every player gets 1 when all match: a coordination game, degenerate.
    u = np.zeros((2, 2, 2))
    u[0, 0, 0] = u[1, 1, 1] = 1
    game = sg.NormalFormGame([u, u, u])
    result = sg.solve(game, method="global_newton", rng=0, n_starts=4)
    assert result.equilibria
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_same_rng_same_result_and_options_checked():
    game = random_game((3, 2, 2), rng=4)
    a = global_newton(game, rng=9)
    b = global_newton(game, rng=9)
    assert [e.strategies[0].tolist() for e in a] == [
        e.strategies[0].tolist() for e in b
    ]
    with pytest.raises(InvalidParameterError, match="n_starts"):
        global_newton(game, n_starts=0)
    with pytest.raises(TypeError, match="unknown option"):
        sg.solve(game, method="global_newton", starts=2)


def test_projection_onto_simplices():
    z = np.array([0.2, 0.2, 5.0, -1.0, 0.4, 0.4])
    p = project_to_simplices(z, np.array([0, 2, 4, 6]))
    np.testing.assert_allclose(p, [0.5, 0.5, 1.0, 0.0, 0.5, 0.5])


@pytest.mark.parametrize("name", N_PLAYER)
def test_corpus_games(gambit_corpus, name):
    game = sg.read_nfg((CORPUS / name).read_text())
    result = sg.solve(game, method="global_newton", rng=0)
    assert result.equilibria, name
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.lists(st.integers(1, 3), min_size=3, max_size=3),
    seed=st.integers(0, 10_000),
)
def test_hypothesis_every_returned_profile_is_an_equilibrium(shape, seed):
    game = random_game(tuple(shape), rng=seed)
    result = sg.solve(game, method="global_newton", n_starts=2, rng=seed)
    assert result.equilibria
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
