"""Correlated and coarse correlated equilibria."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.generators import random_game
from stratgame.solvers.correlated import incentive_gains

# Chicken with the payoffs of Aumann (1974): (dare, dare) is a crash.
CHICKEN = sg.NormalFormGame.from_bimatrix(
    [[6, 2], [7, 0]],
    [[6, 7], [2, 0]],
    actions=(("chicken", "dare"), ("chicken", "dare")),
)
# Its three Nash equilibria: the two pure ones and both playing (2/3, 1/3).
CHICKEN_NASH = [
    ((0, 1), (1, 0)),
    ((1, 0), (0, 1)),
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(2, 3), Fraction(1, 3))),
]


def nash_equilibria(game):
    """Every extreme equilibrium of a two-player game from the "enumerate"
    method; skips when that method is not available."""
    try:
        result = sg.solve(game, method="enumerate")
    except (ValueError, ImportError) as error:
        pytest.skip(f"method 'enumerate' is not available: {error}")
    return [eq.strategies for eq in result.equilibria]


def product_distribution(strategies) -> np.ndarray:
    out = np.ones(())
    for s in strategies:
        out = np.multiply.outer(out, np.asarray(s, dtype=float))
    return out


def brute_force_gains(game, distribution, coarse):
    """The incentive constraints written out profile by profile."""
    gains = []
    u = game.float_payoff_arrays
    for i, n in enumerate(game.shape):
        for a in range(n if not coarse else 1):
            for b in range(n):
                total = 0.0
                for profile in np.ndindex(*game.shape):
                    if not coarse and profile[i] != a:
                        continue
                    deviated = (*profile[:i], b, *profile[i + 1 :])
                    total += distribution[profile] * (u[i][deviated] - u[i][profile])
                gains.append(total)
    return max(gains)


def test_chicken_welfare_maximum_beats_every_nash_equilibrium():
    ce = sg.correlated_equilibrium(CHICKEN, objective="welfare")
    # Aumann (1974): recommending (chicken, chicken) with probability 1/2 and
    # each of the two pure equilibria with 1/4 gives each player 5.25.
    np.testing.assert_allclose(ce.distribution, [[0.5, 0.25], [0.25, 0.0]], atol=1e-9)
    np.testing.assert_allclose(ce.payoffs, [5.25, 5.25], atol=1e-9)
    assert ce.max_violation <= 1e-9 and ce.status == "optimal"
    for profile in CHICKEN_NASH:
        assert CHICKEN.is_nash(profile, tol=0)
        nash_welfare = float(sum(CHICKEN.expected_payoffs(profile)))
        assert ce.payoffs.sum() > nash_welfare + 1


def test_chicken_fair_and_player_objectives():
    fair = sg.correlated_equilibrium(CHICKEN, objective="fair")
    assert fair.payoffs.min() == pytest.approx(5.25)
    best_for_row = sg.correlated_equilibrium(CHICKEN, objective=0)
    assert best_for_row.payoffs[0] == pytest.approx(7.0)
    weighted = sg.correlated_equilibrium(CHICKEN, objective=[0.0, 1.0])
    assert weighted.payoffs[1] == pytest.approx(7.0)
    assert weighted.objective == (0.0, 1.0)


@pytest.mark.parametrize("seed", range(4))
def test_every_nash_equilibrium_is_a_correlated_equilibrium(seed):
    g = random_game((3, 4), rng=seed)
    equilibria = nash_equilibria(g)
    best = sg.correlated_equilibrium(g, objective="welfare")
    for strategies in equilibria:
        p = product_distribution(strategies)
        assert max(float(x.max()) for x in incentive_gains(g, p)) <= 1e-9
        assert brute_force_gains(g, p, coarse=False) <= 1e-9
        nash_welfare = sum(g.expected_payoffs(strategies))
        assert best.payoffs.sum() >= nash_welfare - 1e-9


def test_corpus_equilibria_are_correlated_equilibria(gambit_corpus):
    from gambit_corpus import corpus_reference

    for name, entry in corpus_reference().items():
        profiles = entry.get("extreme", []) + entry.get("equilibria", [])
        if not profiles:
            continue
        g = sg.read_nfg(gambit_corpus / name)
        if int(np.prod(g.shape)) > 200:
            continue
        for profile in profiles[:4]:
            p = product_distribution(
                [[float(Fraction(str(x))) for x in s] for s in profile]
            )
            assert max(float(x.max()) for x in incentive_gains(g, p)) <= 1e-6 * max(
                g.payoff_scale, 1
            ), name


@pytest.mark.parametrize("objective", ["welfare", "fair", "entropy", 1, [2.0, -1.0]])
def test_every_correlated_equilibrium_is_coarse(objective):
    g = random_game((4, 3), rng=11)
    ce = sg.correlated_equilibrium(g, objective=objective)
    assert ce.max_violation <= 1e-7
    assert brute_force_gains(g, ce.distribution, coarse=False) <= 1e-7
    assert brute_force_gains(g, ce.distribution, coarse=True) <= 1e-7
    cce = sg.correlated_equilibrium(g, objective=objective, coarse=True)
    assert cce.coarse and cce.max_violation <= 1e-7
    assert brute_force_gains(g, cce.distribution, coarse=True) <= 1e-7


def test_coarse_relaxation_never_lowers_welfare():
    for seed in range(3):
        g = random_game((3, 3, 2), rng=seed)
        ce = sg.correlated_equilibrium(g, "welfare")
        cce = sg.correlated_equilibrium(g, "welfare", coarse=True)
        assert cce.payoffs.sum() >= ce.payoffs.sum() - 1e-9


def test_incentive_gains_match_the_constraints_written_out():
    g = random_game((3, 2, 2), rng=5)
    p = np.random.default_rng(5).random(g.shape)
    p /= p.sum()
    for coarse in (False, True):
        fast = max(float(x.max()) for x in incentive_gains(g, p, coarse))
        assert fast == pytest.approx(brute_force_gains(g, p, coarse))


def test_n_player_correlated_equilibrium():
    g = random_game((2, 3, 2, 2), rng=8)
    ce = sg.correlated_equilibrium(g)
    assert ce.distribution.shape == g.shape
    assert ce.distribution.sum() == pytest.approx(1.0)
    assert ce.distribution.min() >= 0
    assert ce.max_violation <= 1e-7
    assert brute_force_gains(g, ce.distribution, coarse=False) <= 1e-7
    np.testing.assert_allclose(
        ce.payoffs, [np.vdot(u, ce.distribution) for u in g.float_payoff_arrays]
    )
    for i, m in enumerate(ce.marginals):
        assert m.shape == (g.shape[i],) and m.sum() == pytest.approx(1.0)


def test_maximum_entropy_is_uniform_when_every_profile_is_an_equilibrium():
    g = sg.NormalFormGame([np.zeros((2, 3)), np.ones((2, 3))])
    ce = sg.correlated_equilibrium(g, objective="entropy")
    np.testing.assert_allclose(ce.distribution, np.full((2, 3), 1 / 6), atol=1e-6)


def test_maximum_entropy_has_more_entropy_than_the_welfare_optimum():
    def entropy(p):
        p = p[p > 1e-15]
        return -float(np.sum(p * np.log(p)))

    g = random_game((3, 3), rng=2)
    spread = sg.correlated_equilibrium(g, objective="entropy")
    welfare = sg.correlated_equilibrium(g, objective="welfare")
    assert entropy(spread.distribution) >= entropy(welfare.distribution) - 1e-7
    assert spread.max_violation <= 1e-6


def test_cvxpy_and_highs_agree_on_linear_objectives():
    g = random_game((3, 4), rng=9)
    for objective in ("welfare", "fair"):
        highs = sg.correlated_equilibrium(g, objective)
        cone = sg.correlated_equilibrium(g, objective, solver="CLARABEL")
        if objective == "welfare":
            assert cone.payoffs.sum() == pytest.approx(highs.payoffs.sum(), abs=1e-6)
        else:
            assert cone.payoffs.min() == pytest.approx(highs.payoffs.min(), abs=1e-6)


def test_result_is_frozen_and_serializable():
    ce = sg.correlated_equilibrium(CHICKEN)
    data = json.loads(json.dumps(ce.to_dict()))
    assert data["objective"] == "welfare" and data["coarse"] is False
    # Profiles and payoffs are shown by the game's labels.
    assert "CorrelatedEquilibrium(" in repr(ce)
    assert f"{CHICKEN.actions[0][0], CHICKEN.actions[1][0]}: 0.5" in repr(ce)
    assert f"payoffs={{'{CHICKEN.players[0]}': " in repr(ce)
    assert "<table>" in ce._repr_html_()
    assert data["players"] == list(CHICKEN.players)
    assert data["profiles"][0] == {
        "actions": [CHICKEN.actions[0][0], CHICKEN.actions[1][0]],
        "probability": 0.5,
    }
    assert ce.support() == [(0, 0), (0, 1), (1, 0)]
    with pytest.raises(AttributeError):
        ce.status = "changed"
    coarse = sg.correlated_equilibrium(CHICKEN, coarse=True)
    assert repr(coarse).startswith("CoarseCorrelatedEquilibrium(")


@pytest.mark.parametrize(
    ("objective", "match"),
    [
        ("happiness", "'objective'"),
        (2, "objective"),
        (-1, "objective"),
        ([1.0, 2.0, 3.0], "2 finite weights"),
        ([1.0, np.nan], "2 finite weights"),
        (True, "2 finite weights"),
    ],
)
def test_bad_objectives_are_refused(objective, match):
    with pytest.raises(ValueError, match=match):
        sg.correlated_equilibrium(CHICKEN, objective=objective)


def test_bad_inputs_are_refused():
    with pytest.raises(sg.InvalidGameError):
        sg.correlated_equilibrium([[1, 0], [0, 1]])
    with pytest.raises(sg.exceptions.InvalidParameterError, match="coarse"):
        sg.correlated_equilibrium(CHICKEN, coarse="yes")
    with pytest.raises(sg.InvalidGameError, match="shape"):
        incentive_gains(CHICKEN, np.ones((3, 2)) / 6)


def test_brute_force_reference_is_itself_sound():
    # (dare, dare) is not a correlated equilibrium: swerving gains 2.
    p = np.zeros((2, 2))
    p[1, 1] = 1.0
    assert brute_force_gains(CHICKEN, p, coarse=False) == pytest.approx(2.0)
    assert list(itertools.chain(*incentive_gains(CHICKEN, p)[0])) == [0, 0, 2, 0]
