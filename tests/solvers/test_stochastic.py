"""Stationary equilibria of stochastic games: Shapley iteration, the Markov
logit homotopy and pure enumeration, each checked against independent
computations (static solvers, linear programs, published values, and a
one-shot deviation check written here from scratch)."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import (
    InvalidGameError,
    InvalidParameterError,
    ResourceLimitError,
    SolverError,
)
from stratgame.games import random_stochastic_game
from stratgame.solvers import _markov_logit
from stratgame.solvers.stochastic import (
    StochasticEquilibrium,
    certify,
    solve_homotopy,
    solve_pure_stationary,
    solve_shapley,
    solve_stochastic,
)


# ------------------------------------------------------- independent checks
def independent_gains(game, strategies) -> np.ndarray:
    """One-shot deviation gains computed with plain loops over profiles:
    values from the linear system of the induced chain, then every pure
    deviation in every state (not using StochasticGame's own maths)."""
    S, N = game.n_states, game.n_players
    r = np.zeros((S, N))
    P = np.zeros((S, S))
    for s in range(S):
        u = np.asarray(game.payoffs[s], dtype=float)
        T = np.asarray(game.transitions[s], dtype=float)
        for profile in itertools.product(*(range(n) for n in game.n_actions[s])):
            weight = np.prod([strategies[s][i][a] for i, a in enumerate(profile)])
            r[s] += weight * u[(slice(None), *profile)]
            P[s] += weight * T[profile]
    gains = np.zeros((S, N))
    for i in range(N):
        delta = float(game.discounts[i])
        V = np.linalg.solve(np.eye(S) - delta * P, r[:, i])
        for s in range(S):
            u = np.asarray(game.payoffs[s], dtype=float)
            T = np.asarray(game.transitions[s], dtype=float)
            best = -np.inf
            for a in range(game.n_actions[s][i]):
                value = 0.0
                others = [range(n) for j, n in enumerate(game.n_actions[s]) if j != i]
                for rest in itertools.product(*others):
                    profile = list(rest)
                    profile.insert(i, a)
                    weight = np.prod(
                        [strategies[s][j][profile[j]] for j in range(N) if j != i]
                    )
                    profile = tuple(profile)
                    value += weight * (u[(i, *profile)] + delta * T[profile] @ V)
                best = max(best, value)
            gains[s, i] = best - V[s]
    return gains


def assert_certified(game, equilibrium, tol=1e-9):
    assert isinstance(equilibrium, StochasticEquilibrium)
    gains = independent_gains(game, equilibrium.strategies)
    ranges = np.array(game.payoff_ranges)
    assert (gains <= tol * np.where(ranges > 0, ranges, 1) + 1e-12).all()
    for per_state in equilibrium.strategies:
        for s in per_state:
            assert s.min() >= 0 and abs(s.sum() - 1) < 1e-12
    np.testing.assert_allclose(
        equilibrium.values, game.values(equilibrium.strategies), atol=1e-9
    )


def big_match(discount):
    """The Big Match (Blackwell & Ferguson 1968, Ann. Math. Statist. 39):
    in ``play`` the row player either quits (T), fixing the current payoff
    forever, or continues (B); the column player guesses."""
    return sg.StochasticGame(
        payoffs=[
            [[[1, 0], [0, 1]], [[-1, 0], [0, -1]]],
            [[[1]], [[-1]]],
            [[[0]], [[0]]],
        ],
        transitions=[
            [[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [1, 0, 0]]],
            [[[0, 1, 0]]],
            [[[0, 0, 1]]],
        ],
        discount=discount,
        states=("play", "won", "lost"),
    )


# ------------------------------------------------------------- Shapley
@pytest.mark.parametrize("discount", [0.5, 0.9, 0.99])
def test_big_match_published_value(discount):
    # The discounted Big Match has value 1/2 per period for every discount
    # factor, 1 / (2 (1 - discount)) as a discounted sum, and the row
    # player's optimal stationary strategy quits with probability
    # (1 - discount) / (2 - discount) (Blackwell & Ferguson 1968).
    g = big_match(discount)
    res = solve_shapley(g)
    eq = res.equilibria[0]
    assert res.method == "shapley" and not res.complete
    np.testing.assert_allclose(eq.values[0, 0], 0.5 / (1 - discount), rtol=1e-9)
    np.testing.assert_allclose(
        eq.strategies[0][0][0], (1 - discount) / (2 - discount), rtol=1e-7
    )
    assert_certified(g, eq)


def single_controller_value(game) -> np.ndarray:
    """The value of a zero-sum game whose transitions depend on the row
    player's action only, as one linear program (Parthasarathy & Raghavan
    1981, JOTA 33; Filar & Vrieze 1997, Ch. 3): minimize sum_s v_s
    over v and the column player's y, subject to
    v_s >= sum_b r_s(a, b) y_sb + discount sum_t p(t | s, a) v_t."""
    from scipy.optimize import linprog

    S = game.n_states
    delta = float(game.discounts[0])
    sizes = [n[1] for n in game.n_actions]
    offsets = np.concatenate([[S], S + np.cumsum(sizes)])
    n_vars = int(offsets[-1])
    A_ub, b_ub, A_eq, b_eq = [], [], [], []
    for s in range(S):
        u = np.asarray(game.payoffs[s][0], dtype=float)
        T = np.asarray(game.transitions[s], dtype=float)
        for a in range(game.n_actions[s][0]):
            row = np.zeros(n_vars)
            row[offsets[s] : offsets[s + 1]] = u[a]
            row[:S] += delta * T[a, 0]
            row[s] -= 1.0
            A_ub.append(row)
            b_ub.append(0.0)
        row = np.zeros(n_vars)
        row[offsets[s] : offsets[s + 1]] = 1.0
        A_eq.append(row)
        b_eq.append(1.0)
    bounds = [(None, None)] * S + [(0, None)] * (n_vars - S)
    c = np.zeros(n_vars)
    c[:S] = 1.0
    sol = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds)
    assert sol.status == 0
    return sol.x[:S]


@pytest.mark.parametrize("seed", range(4))
def test_zero_sum_values_agree_with_an_independent_lp(seed):
    rng = np.random.default_rng(seed)
    S, n = 5, 3
    payoffs, transitions = [], []
    for _ in range(S):
        A = rng.normal(size=(n, n))
        payoffs.append(np.stack([A, -A]))
        row_only = rng.dirichlet(np.ones(S), size=n)  # the row player controls
        transitions.append(np.repeat(row_only[:, None, :], n, axis=1))
    g = sg.StochasticGame(payoffs, transitions, 0.8)
    eq = solve_shapley(g).equilibria[0]
    np.testing.assert_allclose(eq.values[:, 0], single_controller_value(g), atol=1e-8)
    assert_certified(g, eq)


def test_zero_sum_states_solve_their_shapley_matrix_games():
    # Shapley's fixed point, checked state by state with the static LP solver.
    g = random_stochastic_game(6, 2, 3, discount=0.9, rng=5, zero_sum=True)
    eq = solve_shapley(g).equilibria[0]
    v = eq.values[:, 0]
    for s in range(g.n_states):
        A = g.payoffs[s][0] + 0.9 * g.transitions[s] @ v
        static = sg.solve(sg.NormalFormGame.from_bimatrix(A), method="zero_sum")
        assert static.details["value"] == pytest.approx(v[s], abs=1e-9)
    assert_certified(g, eq)


def test_one_state_zero_sum_matches_the_static_value():
    A = [[3, -1, 0], [-2, 1, 2]]
    static = sg.solve(sg.NormalFormGame.from_bimatrix(A), method="zero_sum")
    g = sg.StochasticGame.from_normal_form(sg.NormalFormGame.from_bimatrix(A), 0.75)
    eq = solve_stochastic(g).equilibria[0]
    assert eq.values[0, 0] == pytest.approx(static.details["value"] / 0.25)


def test_large_sparse_zero_sum_game():
    g = random_stochastic_game(
        200, 2, 3, discount=0.95, rng=2, zero_sum=True, n_successors=4
    )
    res = solve_shapley(g)
    assert res.equilibria[0].relative_regret <= 1e-9
    assert res.details["iterations"] < 30


def test_shapley_refuses_general_sum_games():
    g = random_stochastic_game(2, 2, 2, rng=0)
    with pytest.raises(InvalidGameError, match="two-player zero-sum"):
        solve_shapley(g)


# ------------------------------------------------------------ homotopy
@pytest.mark.parametrize("seed", range(3))
def test_one_state_homotopy_follows_the_static_logit_branch(seed):
    rng = np.random.default_rng(seed)
    nf = sg.NormalFormGame([rng.random((3, 3)) for _ in range(2)])
    g = sg.StochasticGame.from_normal_form(nf, 0.9)
    eq = solve_homotopy(g).equilibria[0]
    static = sg.solve(nf, method="logit").equilibria[0]
    for mine, theirs in zip(eq.strategies[0], static.strategies, strict=True):
        np.testing.assert_allclose(mine, theirs, atol=1e-8)
    # ... and is one of the game's equilibria found by enumeration.
    extreme = sg.solve(nf, method="enumerate").equilibria
    assert any(
        all(
            np.allclose(a, b, atol=1e-8)
            for a, b in zip(eq.strategies[0], e.strategies, strict=True)
        )
        for e in extreme
    )
    np.testing.assert_allclose(eq.values[0], static.payoffs / 0.1, rtol=1e-8)


@pytest.mark.parametrize(
    ("shape", "seed"), [((4, 2, 3), 0), ((3, 3, 2), 1), ((6, 2, 2), 2)]
)
def test_homotopy_equilibria_are_certified(shape, seed):
    g = random_stochastic_game(*shape, discount=0.9, rng=seed)
    res = solve_homotopy(g)
    eq = res.equilibria[0]
    assert res.method == "homotopy" and res.converged
    assert eq.relative_regret <= 1e-9
    assert_certified(g, eq)


def test_homotopy_with_different_action_counts_and_discounts():
    g = sg.StochasticGame(
        payoffs=[
            [[[3, 0, 1], [5, 1, 0]], [[3, 5, 2], [0, 1, 4]]],
            [[[2]], [[1]]],
            [[[1, 4]], [[2, 0]]],
        ],
        transitions=[
            [
                [[0.5, 0.5, 0], [0, 1, 0], [0, 0, 1]],
                [[0.2, 0.3, 0.5], [1, 0, 0], [0.6, 0.4, 0]],
            ],
            [[[0.3, 0.3, 0.4]]],
            [[[0.5, 0, 0.5], [0.1, 0.8, 0.1]]],
        ],
        discount=[0.9, 0.6],
    )
    eq = solve_stochastic(g).equilibria[0]
    assert_certified(g, eq)


def test_structured_jacobian_matches_finite_differences():
    g = random_stochastic_game(3, 3, 2, discount=[0.9, 0.8, 0.7], rng=3)
    system = _markov_logit.MarkovLogitSystem(g)
    rng = np.random.default_rng(0)
    y = system.start_point()
    y[:-1] += 0.3 * rng.standard_normal(system.size)
    y[-1] = 2.5
    _, jacobian = system.evaluate(y)
    numeric = np.empty((system.size, system.size + 1))
    for k in range(system.size + 1):
        e = np.zeros(system.size + 1)
        e[k] = 1e-6
        numeric[:, k] = (
            system.evaluate(y + e, False) - system.evaluate(y - e, False)
        ) / 2e-6
    np.testing.assert_allclose(system.dense(jacobian), numeric, atol=1e-7)
    border, rhs = rng.standard_normal((2, system.size + 1))
    z = system.factor(jacobian, border).solve(rhs)
    np.testing.assert_allclose(
        np.vstack([system.dense(jacobian), border]) @ z, rhs, atol=1e-10
    )


# ---------------------------------------------------------------- pure
def brute_force_pure(game, tol=1e-9):
    found = []
    per_state = [
        list(itertools.product(*(range(n) for n in shape))) for shape in game.n_actions
    ]
    for profile in itertools.product(*per_state):
        strategies = [
            [np.eye(n)[a] for n, a in zip(game.n_actions[s], p, strict=True)]
            for s, p in enumerate(profile)
        ]
        gains = independent_gains(game, strategies)
        if (gains <= tol * np.array(game.payoff_ranges)).all():
            found.append(profile)
    return sorted(found)


def pure_profiles(result):
    return sorted(
        tuple(tuple(int(np.argmax(x)) for x in per) for per in eq.strategies)
        for eq in result.equilibria
    )


@pytest.mark.parametrize(
    ("shape", "seed"), [((3, 2, 2), 0), ((2, 3, 2), 1), ((2, 2, 3), 2)]
)
def test_pure_enumeration_is_complete(shape, seed):
    g = random_stochastic_game(*shape, discount=0.8, rng=seed)
    res = solve_pure_stationary(g)
    assert res.complete and res.method == "pure"
    assert pure_profiles(res) == brute_force_pure(g)
    for eq in res.equilibria:
        assert eq.is_pure
        assert_certified(g, eq)


def test_one_state_pure_equilibria_agree_with_the_static_solver():
    nf = sg.NormalFormGame.from_bimatrix(
        [[2, 0, 1], [0, 1, 1], [1, 1, 1]], [[2, 0, 1], [0, 1, 0], [1, 1, 1]]
    )
    g = sg.StochasticGame.from_normal_form(nf, 0.5)
    mine = sorted(
        tuple(int(np.argmax(x)) for x in eq.strategies[0])
        for eq in solve_pure_stationary(g)
    )
    static = sorted(
        tuple(int(s[0]) for s in eq.support)
        for eq in sg.solve(nf, method="pure").equilibria
    )
    assert mine == static


def test_pure_budget():
    g = random_stochastic_game(12, 2, 3, rng=0)
    with pytest.raises(ResourceLimitError, match="max_profiles=1000"):
        solve_pure_stationary(g, max_profiles=1000)


# ----------------------------------------------------- interface and errors
def test_dispatch_and_errors():
    zero_sum = big_match(0.9)
    general = random_stochastic_game(2, 2, 2, rng=1)
    assert solve_stochastic(zero_sum).method == "shapley"
    assert solve_stochastic(general).method == "homotopy"
    assert solve_stochastic(general, method="pure").method == "pure"
    with pytest.raises(InvalidParameterError, match="'homotopy', 'pure', 'shapley'"):
        solve_stochastic(general, method="nope")
    with pytest.raises(InvalidGameError, match=r"StochasticGame\.from_normal_form"):
        solve_stochastic(sg.NormalFormGame.from_bimatrix([[1]]))
    with pytest.raises(SolverError, match="max_iter=3"):
        solve_homotopy(random_stochastic_game(4, 2, 3, rng=0), max_iter=3)
    with pytest.raises(SolverError, match="max_iter=1"):
        solve_shapley(random_stochastic_game(5, 2, 3, rng=0, zero_sum=True), max_iter=1)


def test_homotopy_former_budget_name_still_works_with_a_warning():
    game = random_stochastic_game(4, 2, 3, rng=0)
    with pytest.warns(DeprecationWarning, match="max_iter"):
        with pytest.raises(SolverError, match="max_iter=3"):
            solve_homotopy(game, max_steps=3)


def test_certify_and_the_result_interface():
    pd = sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("US", "China"),
        actions=(("keep", "cut"), ("keep", "cut")),
    )
    g = sg.StochasticGame.from_normal_form(pd, 0.9)
    with pytest.raises(
        SolverError, match=r"player 'US' gains 0\.4 of its payoff range"
    ):
        certify(g, [("keep", "keep")])
    eq = certify(g, [("cut", "cut")])
    assert eq.regret == 0 and eq.is_pure
    assert repr(eq) == (
        "StochasticEquilibrium(payoffs={'US': 10, 'China': 10}, regret=0, "
        "strategies={'s1': {'US': 'cut', 'China': 'cut'}})"
    )
    data = json.loads(json.dumps(eq.to_dict()))
    assert data["by_state"]["s1"]["US"] == {"strategy": {"cut": 1}, "value": 10.0}
    assert "<table>" in eq._repr_html_()
    res = solve_stochastic(big_match(0.5))
    assert "1 equilibrium" in repr(res)
    json.dumps(res.to_dict())
    eq = res.equilibria[0]
    np.testing.assert_allclose(eq.transition_matrix().sum(axis=1), 1)
    # The row player quits with probability 1/3 per period: 3 periods on average.
    np.testing.assert_allclose(eq.hitting_times(["won", "lost"])[0], 3.0)
    assert eq.stationary_distribution()[0] == 0
    assert eq.simulate(10, rng=0).n_periods == 10


# ---------------------------------------------------------- hypothesis
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_states=st.integers(1, 3),
    n_players=st.integers(2, 3),
    discount=st.floats(0.0, 0.95),
)
def test_random_small_games(seed, n_states, n_players, discount):
    g = random_stochastic_game(n_states, n_players, 2, discount=discount, rng=seed)
    pure = solve_pure_stationary(g)
    assert pure_profiles(pure) == brute_force_pure(g)
    eq = solve_homotopy(g).equilibria[0]
    assert_certified(g, eq)
    if n_players == 2:
        z = random_stochastic_game(
            n_states, 2, 3, discount=discount, rng=seed, zero_sum=True
        )
        zeq = solve_shapley(z).equilibria[0]
        assert_certified(z, zeq)


def test_a_jacobian_with_non_finite_entries_is_never_factored():
    # This adoption race drove the homotopy's polish into SuperLU with NaN
    # entries, which crashed the process (segmentation fault).
    from stratgame.models import DynamicAdoptionRace

    game = DynamicAdoptionRace(
        quality=(1.0625, 1.0), switching_cost=0.0, network_effect=0.0
    ).game()
    result = sg.solve(game)
    assert result.method == "homotopy"
    assert result.equilibria[0].regret <= 1e-9 * max(game.payoff_ranges)


def test_a_stalled_branch_still_returns_a_certified_equilibrium_marked_off_branch():
    # Stopped at lam = 20, the branch is not yet close to its limit; the
    # equilibrium polished from its last points is certified all the same,
    # and says it was not shown to be the homotopy's selection.
    game = random_stochastic_game(3, 3, 2, discount=0.9, rng=1)
    stalled = solve_homotopy(game, max_lam=20)
    assert stalled.details["branch_limit"] is False
    assert stalled.equilibria[0].relative_regret <= 1e-9
    traced = solve_homotopy(game)
    assert traced.details["branch_limit"] is True
    assert traced.equilibria[0].relative_regret <= 1e-9
