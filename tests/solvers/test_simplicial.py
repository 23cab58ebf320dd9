"""Simplicial subdivision (van der Laan-Talman-van der Heyden, restarted on a
halving grid): certified equilibria on random 3- and 4-player games and on
the Gambit corpus's N-player games, agreement with complete enumeration,
degenerate and pure cases, options."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from gambit_corpus import CORPUS, corpus_reference
from solvers.n_player_checks import distance, independent_regret
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.games.generators import random_game
from stratgame.solvers.enumeration_n import enumerate_equilibria_n
from stratgame.solvers.simplicial import _Grid, _profile, _regret, simplicial

REFERENCE = corpus_reference()
N_PLAYER = sorted(name for name, entry in REFERENCE.items() if len(entry["shape"]) > 2)


@pytest.mark.parametrize(
    "shape", [(2, 2, 2), (3, 3, 2), (3, 3, 3), (2, 2, 2, 2), (3, 2, 2, 2)]
)
def test_random_games_certified_and_among_all_equilibria(shape):
    for seed in range(3):
        game = random_game(shape, rng=seed)
        result = sg.solve(game, method="simplicial", rng=seed)
        assert result.method == "simplicial" and not result.complete
        assert result.converged and len(result.equilibria) >= 1
        every = enumerate_equilibria_n(game, rng=0).equilibria
        for eq in result.equilibria:
            assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
            assert min(distance(eq.strategies, e.strategies) for e in every) < 1e-6


@pytest.mark.parametrize("shape", [(5, 5, 5), (4, 4, 4, 3), (3, 3, 3, 3, 2)])
def test_games_beyond_enumeration_are_certified(shape):
    game = random_game(shape, rng=1)
    result = simplicial(game, n_starts=2, rng=0)
    assert result.converged and result.equilibria
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


@pytest.mark.parametrize("name", N_PLAYER)
def test_corpus_games(gambit_corpus, name):
    game = sg.read_nfg((CORPUS / name).read_text())
    result = sg.solve(game, method="simplicial", rng=0)
    assert result.converged and result.equilibria, name
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 2, 2, 2), (4, 3, 2), (5, 5)])
def test_one_path_ends_at_a_simplex_of_regret_of_the_order_of_the_grid(shape):
    # The algorithm alone (no refinement, rounding or Newton): on a grid of
    # size d every regret at the last simplex is at most M d (M the
    # number of actions; payoffs on [0, 1], probabilities moved by d at most).
    rng = np.random.default_rng(1)
    for seed in range(3):
        grid = _Grid(random_game(shape, rng=seed))
        for d in (1e-2, 1e-3):
            v = np.concatenate([rng.dirichlet(np.ones(n)) for n in shape])
            _, end, _, complete = grid.run(v, d, 10**7)
            assert complete
            assert end.min() >= 0 and np.allclose(
                np.add.reduceat(end, grid.offsets[:-1]), 1
            )
            assert _regret(grid, _profile(grid, end)) <= len(v) * d


@pytest.mark.parametrize("seed", range(4))
def test_two_player_equilibria_are_among_the_enumerated_ones(seed):
    rng = np.random.default_rng(seed)
    game = sg.NormalFormGame.from_bimatrix(rng.random((4, 5)), rng.random((4, 5)))
    every = sg.solve(game, method="enumerate").equilibria
    result = sg.solve(game, method="simplicial", n_starts=5, rng=seed)
    assert result.equilibria
    for eq in result.equilibria:
        assert min(distance(eq.strategies, e.strategies) for e in every) < 1e-6


def test_several_starts_find_several_equilibria():
    game = next(
        g
        for g in (random_game((2, 2, 2, 2), rng=seed) for seed in range(20))
        if len(enumerate_equilibria_n(g, rng=0).equilibria) >= 3
    )
    one = simplicial(game, n_starts=1, rng=0)
    many = simplicial(game, n_starts=12, rng=0)
    assert len(one.equilibria) == 1
    assert len(many.equilibria) >= 2
    for a, b in zip(many.equilibria, many.equilibria[1:], strict=False):
        assert distance(a.strategies, b.strategies) > 1e-6  # deduplicated


def test_dominant_strategies_give_the_pure_equilibrium_exactly():
    # A three-player prisoner's dilemma: defecting (action 1) is dominant.
    u = np.zeros((2, 2, 2, 3))
    for profile in np.ndindex(2, 2, 2):
        cooperators = profile.count(0)
        for i in range(3):
            u[(*profile, i)] = 2 * cooperators - 3 * (profile[i] == 0)
    game = sg.NormalFormGame(u)
    result = sg.solve(game, method="simplicial", rng=3)
    (eq,) = result.equilibria
    assert [s.tolist() for s in eq.strategies] == [[0.0, 1.0]] * 3
    assert eq.regret == 0


def test_degenerate_coordination_game():
    # Every player gets 1 when all match: a continuum of equilibria.
    u = np.zeros((2, 2, 2))
    u[0, 0, 0] = u[1, 1, 1] = 1
    game = sg.NormalFormGame([u, u, u])
    result = sg.solve(game, method="simplicial", n_starts=6, rng=0)
    assert result.converged and result.equilibria
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_degenerate_two_player_game_with_ties():
    rng = np.random.default_rng(7)
    game = sg.NormalFormGame.from_bimatrix(
        rng.integers(0, 2, (3, 3)), rng.integers(0, 2, (3, 3))
    )
    result = sg.solve(game, method="simplicial", n_starts=5, rng=0)
    assert result.converged and result.equilibria
    assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_constant_game_returns_its_starting_profiles():
    game = sg.NormalFormGame([np.ones((2, 3, 2))] * 3)
    result = simplicial(game, n_starts=2, rng=0)
    assert len(result.equilibria) == 2
    assert [s["pivots"] for s in result.details["starts"]] == [0, 0]


def test_players_with_a_single_action():
    game = random_game((3, 1, 3), rng=5)
    result = sg.solve(game, method="simplicial", rng=0)
    assert result.converged and result.equilibria
    for eq in result.equilibria:
        assert eq.strategies[1].tolist() == [1.0]
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


def test_a_positive_rescaling_of_payoffs_changes_nothing():
    game = random_game((3, 3, 2), rng=8)
    scaled = sg.NormalFormGame(
        [u * 2.0**k for u, k in zip(game.payoff_arrays, (20, -7, 3), strict=True)]
    )
    a = simplicial(game, rng=4)
    b = simplicial(scaled, rng=4)
    assert len(a.equilibria) == len(b.equilibria)
    for x, y in zip(a.equilibria, b.equilibria, strict=True):
        assert distance(x.strategies, y.strategies) == 0


def test_pivot_budget_reached_is_reported_not_certified():
    game = random_game((4, 4, 4), rng=1)
    result = simplicial(game, n_starts=2, rng=0, max_iter=5)
    assert not result.converged
    assert result.details["uncertified"] + len(result.equilibria) == 2
    assert all(s["pivots"] <= 6 for s in result.details["starts"])
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


def test_looser_tol_stops_on_a_coarser_grid():
    game = random_game((3, 3, 3), rng=2)
    loose = simplicial(game, n_starts=1, rng=1, tol=1e-3)
    tight = simplicial(game, n_starts=1, rng=1)
    assert loose.details["starts"][0]["regret"] <= 1e-3
    assert tight.details["starts"][0]["regret"] <= 1e-9
    assert loose.details["starts"][0]["pivots"] <= tight.details["starts"][0]["pivots"]


def test_same_rng_same_result_and_options_checked():
    game = random_game((3, 2, 2), rng=4)
    a = simplicial(game, rng=9)
    b = simplicial(game, rng=9)
    assert [e.strategies[0].tolist() for e in a] == [
        e.strategies[0].tolist() for e in b
    ]
    with pytest.raises(InvalidParameterError, match="n_starts"):
        simplicial(game, n_starts=0)
    with pytest.raises(InvalidParameterError, match="max_iter"):
        simplicial(game, max_iter=0)
    with pytest.raises(InvalidParameterError, match="tol"):
        simplicial(game, tol=-1.0)
    with pytest.raises(TypeError, match="rng"):
        simplicial(game, rng="seed")
    with pytest.raises(TypeError, match="unknown option"):
        sg.solve(game, method="simplicial", starts=2)


def test_games_it_does_not_solve_are_refused():
    one_player = sg.NormalFormGame([np.array([1.0, 2.0])])
    with pytest.raises(InvalidGameError, match="simplicial"):
        sg.solve(one_player, method="simplicial")
    with pytest.raises(InvalidGameError, match="two or more players"):
        simplicial(one_player)
    assert "simplicial" in sg.solvers.available(random_game((2, 2, 2), rng=0))
    spec = sg.solvers.SOLVERS["simplicial"]
    assert (spec.finds, spec.complete) == ("one", "never")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    shape=st.lists(st.integers(1, 3), min_size=3, max_size=3),
    seed=st.integers(0, 10_000),
)
def test_hypothesis_every_returned_profile_is_an_equilibrium(shape, seed):
    game = random_game(tuple(shape), rng=seed)
    result = sg.solve(game, method="simplicial", n_starts=2, rng=seed)
    assert result.converged and result.equilibria
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
