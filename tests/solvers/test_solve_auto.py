"""solve(method="auto") picks a method suited to the game and says which."""

import math

import numpy as np

import stratgame as sg
from stratgame.solvers.solve import (
    AUTO_ENUMERATE_MAX_ACTIONS,
    AUTO_ENUMERATE_MAX_PROFILES,
)


def random_bimatrix(m, n, seed=0, zero_sum=False):
    rng = np.random.default_rng(seed)
    a = rng.random((m, n))
    return sg.NormalFormGame.from_bimatrix(a, None if zero_sum else rng.random((m, n)))


def test_small_two_player_games_are_enumerated_completely():
    g = random_bimatrix(4, 5)
    res = sg.solve(g)
    assert res.method == "enumerate" and res.complete
    assert len(res) % 2 == 1  # a nondegenerate game has an odd number
    assert all(g.is_nash(eq.strategies) for eq in res)


def test_large_zero_sum_games_use_the_lp():
    n = max(AUTO_ENUMERATE_MAX_ACTIONS, math.isqrt(AUTO_ENUMERATE_MAX_PROFILES)) + 1
    g = random_bimatrix(n, n, zero_sum=True)
    res = sg.solve(g)
    assert res.method == "zero_sum"
    (eq,) = res.equilibria
    assert g.is_nash(eq.strategies)


def test_large_general_games_use_lemke_howson():
    g = random_bimatrix(30, 30, seed=1)
    res = sg.solve(g)
    assert res.method == "lemke_howson"
    assert len(res) == 1 and g.is_nash(res[0].strategies)


def test_n_player_games_with_pure_equilibria_list_them():
    # Three players who each want to match player 1: two pure equilibria.
    u = np.zeros((2, 2, 2))
    for a in np.ndindex(2, 2, 2):
        u[a] = (a[0] == a[1]) + (a[0] == a[2])
    g = sg.NormalFormGame([u, u, u])
    res = sg.solve(g)  # small: every isolated equilibrium, not only the pure
    assert res.method == "enumerate" and res.complete
    assert res.details["kind"] == "isolated"
    pure = [eq for eq in res if eq.is_pure]
    assert len(pure) == 2 and all(g.is_nash(eq.strategies) for eq in res)


def test_larger_n_player_games_list_their_pure_equilibria():
    u = np.zeros((3, 3, 2, 2))
    for a in np.ndindex(3, 3, 2, 2):
        u[a] = (a[0] == a[1]) + (a[2] == a[3])
    g = sg.NormalFormGame([u, u, u, u])
    res = sg.solve(g)
    assert res.method == "pure" and len(res) > 0


def test_n_player_games_without_pure_equilibria_trace_the_logit_branch():
    # Three-player matching pennies (Jordan 1993): player 1 wants to match 2,
    # 2 to match 3, and 3 to mismatch 1; the unique equilibrium is uniform.
    u1, u2, u3 = np.zeros((3, 2, 2, 2))
    for a in np.ndindex(2, 2, 2):
        u1[a] = 1 if a[0] == a[1] else -1
        u2[a] = 1 if a[1] == a[2] else -1
        u3[a] = 1 if a[2] != a[0] else -1
    g = sg.NormalFormGame([u1, u2, u3])
    res = sg.solve(g, method="logit")
    assert res.method.startswith("logit")
    (eq,) = res.equilibria
    np.testing.assert_allclose(np.concatenate(eq.strategies), 0.5, atol=1e-6)


def test_mid_size_n_player_games_without_pure_equilibria_use_global_newton():
    # Four-player generalized matching pennies on 3 actions: 81 profiles, no
    # pure equilibrium (each player wants to match, the last to mismatch).
    shape = (3, 3, 3, 3)
    arrays = []
    for i in range(4):
        u = np.zeros(shape)
        for a in np.ndindex(*shape):
            target = a[(i + 1) % 4]
            u[a] = (a[i] == target) if i < 3 else (a[i] != target)
        arrays.append(u)
    g = sg.NormalFormGame(arrays)
    assert not sg.solve(g, method="pure").equilibria
    res = sg.solve(g)
    assert res.method == "global_newton" and res.equilibria
    assert all(g.is_nash(eq.strategies) for eq in res)
