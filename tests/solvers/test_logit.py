"""Logit quantal response equilibria and the logit solution."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import stratgame as sg
from stratgame.exceptions import UncertifiedEquilibriumWarning
from stratgame.games.generators import random_game
from stratgame.solvers.logit import solve_logit

MATCHING_PENNIES = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])

# The n-player corpus games whose REFERENCE.json (Gambit's enumpoly) misses
# the equilibrium at the end of the logit branch, so only its regret can be
# checked: the five-player game's title announces five equilibria but four
# are listed, and for sec5 only the three pure ones are listed while the
# branch ends at a mixed one.
INCOMPLETE_REFERENCE = {
    "contrib/games/2x2x2x2x2.nfg",
    "catalog/journals/ijgt/nau2004/sec5.nfg",
}


def logit_response(game, strategies, lam):
    """Each player's logit response to the profile, written out directly."""
    out = []
    for i in range(game.n_players):
        values = np.asarray(game.action_values(strategies, i), dtype=float)
        weights = np.exp(lam * (values - values.max()))
        out.append(weights / weights.sum())
    return out


def reference_profiles(entry):
    found = []
    for key in ("pure", "equilibria", "extreme"):
        for profile in entry.get(key, []):
            found.append(
                [np.array([float(Fraction(str(p))) for p in s]) for s in profile]
            )
    return found


def distance(first, second) -> float:
    return max(float(np.abs(a - b).max()) for a, b in zip(first, second, strict=True))


def test_uniform_play_at_zero_precision():
    g = random_game((2, 3, 4), rng=0)
    qre = sg.logit_qre(g, 0.0)
    for s, n in zip(qre.strategies, g.shape, strict=True):
        np.testing.assert_allclose(s, np.full(n, 1 / n))
    assert qre.steps == 0


@pytest.mark.parametrize("lam", [0.5, 3.0, 20.0])
def test_qre_is_a_fixed_point_of_the_logit_response(lam):
    g = random_game((3, 2, 3), rng=4)
    qre = sg.logit_qre(g, lam)
    assert qre.lam == lam
    for s, r in zip(
        qre.strategies, logit_response(g, qre.strategies, lam), strict=True
    ):
        np.testing.assert_allclose(s, r, atol=1e-10)
    assert qre.residual <= 1e-10
    assert qre.nash_regret == pytest.approx(max(g.regret(qre.strategies)))


def test_dominant_action_with_constant_advantage_has_closed_form():
    # When action 0 beats action 1 by d whatever the others do, the logit
    # response is 1 / (1 + exp(-lam d)) (McKelvey and Palfrey 1995, eq. 2).
    d0, d1 = 2.0, 0.5
    u0 = np.array([[d0, d0], [0.0, 0.0]]) + np.array([[0.0, 1.0], [0.0, 1.0]])
    u1 = np.array([[d1, 0.0], [d1, 0.0]]) + np.array([[0.0, 0.0], [3.0, 3.0]])
    g = sg.NormalFormGame([u0, u1])
    for lam in (0.3, 1.0, 4.0):
        qre = sg.logit_qre(g, lam)
        assert qre.strategies[0][0] == pytest.approx(1 / (1 + np.exp(-lam * d0)))
        assert qre.strategies[1][0] == pytest.approx(1 / (1 + np.exp(-lam * d1)))


def test_matching_pennies_qre_stays_uniform():
    for lam in (0.1, 10.0, 1000.0):
        qre = sg.logit_qre(MATCHING_PENNIES, lam)
        for s in qre.strategies:
            np.testing.assert_allclose(s, [0.5, 0.5], atol=1e-10)


def test_branch_approaches_the_logit_solution():
    g = random_game((3, 3, 3), rng=2)
    res = sg.solve(g, method="logit")
    assert res.converged
    eq = res.equilibria[0]
    gaps = [
        distance(sg.logit_qre(g, lam).strategies, eq.strategies) for lam in (5, 50, 500)
    ]
    assert gaps[2] < gaps[1] < gaps[0]
    assert gaps[2] < 0.01


def test_corpus_n_player_games_end_at_a_reference_equilibrium(gambit_corpus):
    from gambit_corpus import corpus_reference

    checked = 0
    for name, entry in corpus_reference().items():
        if len(entry["shape"]) < 3:
            continue
        g = sg.read_nfg(gambit_corpus / name)
        res = sg.solve(g, method="logit")
        assert res.converged and res.method == "logit", name
        eq = res.equilibria[0]
        assert g.is_nash(eq.strategies), name
        references = reference_profiles(entry)
        if name in INCOMPLETE_REFERENCE or "note" in entry:
            continue
        nearest = min(distance(eq.strategies, r) for r in references)
        assert nearest <= 1e-6, name
        checked += 1
    assert checked >= 10


def test_corpus_two_player_nondegenerate_games(gambit_corpus):
    from gambit_corpus import corpus_reference

    reference = corpus_reference()
    for name in (
        "contrib/games/e07.nfg",
        "contrib/games/todd3.nfg",
        "contrib/games/mixdom.nfg",
        "catalog/journals/other/shapley1974/fig2.nfg",
    ):
        g = sg.read_nfg(gambit_corpus / name)
        res = sg.solve(g, method="logit")
        assert res.converged
        nearest = min(
            distance(res.equilibria[0].strategies, r)
            for r in reference_profiles(reference[name])
        )
        assert nearest <= 1e-7, name


@pytest.mark.parametrize(
    ("shape", "seed"),
    [
        ((3, 3, 3), 0),
        ((3, 3, 3), 1),
        ((2, 3, 4), 2),
        ((2, 2, 2, 2), 3),
        ((3, 2, 2, 3), 4),
    ],
)
def test_random_three_and_four_player_games_give_verified_equilibria(shape, seed):
    g = random_game(shape, rng=seed)
    res = sg.solve(g, method="logit")
    assert res.converged and res.details["verified"]
    eq = res.equilibria[0]
    assert eq.regret <= 1e-9 * g.payoff_scale
    assert g.is_nash(eq.strategies)
    np.testing.assert_allclose(eq.payoffs, g.expected_payoffs(eq.strategies))


@settings(max_examples=25, deadline=None)
@given(
    st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)).flatmap(
        lambda shape: st.lists(
            arrays(np.int64, shape, elements=st.integers(-2, 2)),
            min_size=3,
            max_size=3,
        )
    )
)
def test_degenerate_three_player_games_give_verified_equilibria(payoffs):
    # Small integer payoffs: ties, dominated and duplicate actions, continua
    # of equilibria, bifurcations of the branch.
    g = sg.NormalFormGame(payoffs)
    res = sg.solve(g, method="logit")
    assert res.converged
    assert g.is_nash(res.equilibria[0].strategies)


def test_two_player_logit_solution_is_an_extreme_equilibrium():
    nashpy = pytest.importorskip("nashpy")
    g = random_game((4, 4), rng=5)
    res = sg.solve(g, method="logit")
    a, b = g.float_payoff_arrays
    extreme = list(nashpy.Game(a, b).vertex_enumeration())
    assert min(distance(res.equilibria[0].strategies, e) for e in extreme) <= 1e-9


def test_exhausted_budget_reports_no_convergence():
    g = random_game((3, 3, 3), rng=1)
    res = solve_logit(g, max_iter=3)  # the solver itself shows where it stopped
    assert not res.converged and not res.details["verified"]
    assert res.equilibria[0].regret > 1e-9
    assert res.details["steps"] == 3
    # solve() never lets the uncertified profile out
    with pytest.warns(UncertifiedEquilibriumWarning):
        checked = sg.solve(g, method="logit", max_iter=3)
    assert not checked.converged and not checked.complete
    assert checked.equilibria == () and checked.details["uncertified"] == 1


def test_qre_result_is_frozen_and_serializable():
    qre = sg.logit_qre(MATCHING_PENNIES, 2.0)
    data = json.loads(json.dumps(qre.to_dict()))
    assert data["lam"] == 2.0 and len(data["strategies"]) == 2
    assert repr(qre).startswith("QuantalResponseEquilibrium(lam=2")
    assert "lambda" in qre._repr_html_()
    with pytest.raises(AttributeError):
        qre.lam = 3.0


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="'lam'"):
        sg.logit_qre(MATCHING_PENNIES, -1.0)
    with pytest.raises(ValueError, match="'lam'"):
        sg.logit_qre(MATCHING_PENNIES, float("inf"))
    with pytest.raises(sg.InvalidGameError):
        sg.logit_qre([[1, 0], [0, 1]], 1.0)
    with pytest.raises(ValueError, match="'tol'"):
        sg.solve(MATCHING_PENNIES, method="logit", tol=0)
    with pytest.raises(ValueError, match="'max_iter'"):
        sg.solve(MATCHING_PENNIES, method="logit", max_iter=0)


def test_the_old_budget_name_still_works_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="'max_iter'"):
        qre = sg.logit_qre(MATCHING_PENNIES, 1.0, max_steps=1000)
    np.testing.assert_allclose(np.concatenate(qre.strategies), 0.5, atol=1e-9)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("big", [0, 1])
def test_players_in_different_units_are_traced_each_on_its_own_scale(seed, big):
    # One player's payoffs near 1e6, the other's near 1: each player's
    # payoffs are rescaled onto [0, 1] before tracing, so the small player is
    # not traced at a millionth of the precision (which stalled the branch).
    rng = np.random.default_rng(seed)
    arrays = [rng.random((3, 5)), rng.random((3, 5))]
    arrays[big] = 1e6 + 1e6 * arrays[big]
    game = sg.NormalFormGame.from_bimatrix(*arrays)
    result = solve_logit(game)
    assert result.converged
    assert game.is_nash(result.equilibria[0].strategies)


def test_qre_precision_stays_in_payoff_units_near_the_float_limit():
    game = sg.NormalFormGame.from_bimatrix(
        [[1e308, -1e308], [-1e308, 1e308]], [[-1e308, 1e308], [1e308, -1e308]]
    )
    qre = sg.logit_qre(game, 1e-308)
    assert np.allclose(qre.strategies[0], 0.5) and qre.residual < 1e-10


def test_sixty_four_players_are_refused_when_the_game_is_built():
    with pytest.raises(sg.InvalidGameError, match="at most 32 players"):
        sg.NormalFormGame([np.zeros((1,) * 64)] * 64)
