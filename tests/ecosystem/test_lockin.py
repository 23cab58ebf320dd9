"""Increasing returns: Arthur's model and Pólya urns."""

import math

import numpy as np
import pytest
from scipy import stats

from stratgame.ecosystem import (
    ArthurModel,
    EcosystemError,
    polya_limit_distribution,
    polya_urn,
    urn_share_distribution,
)


def test_polya_urn_from_one_ball_each_has_a_uniform_limit():
    # Eggenberger and Pólya (1923): the share converges to Beta(1, 1).
    paths = polya_urn((1, 1), 1000, runs=2000, rng=12345)
    assert stats.kstest(paths.final, "uniform").pvalue > 0.01
    assert abs(np.mean(paths.final) - 0.5) < 0.03
    # Shares along a run settle: late moves are small.
    assert np.max(np.abs(paths.shares[-1] - paths.shares[-100])) < 0.1


def test_polya_urn_exact_distribution_is_uniform_and_beta_binomial():
    k, prob = urn_share_distribution((1, 1), 50)
    assert np.allclose(prob, 1 / 51)
    k, prob = urn_share_distribution((2, 3), 20)
    assert np.allclose(prob, stats.betabinom(20, 2, 3).pmf(k))
    assert prob.sum() == pytest.approx(1.0)


def test_polya_limit_is_beta():
    limit = polya_limit_distribution((2, 5))
    assert limit.mean() == pytest.approx(2 / 7)
    paths = polya_urn((2, 5), 800, runs=1500, rng=7)
    assert stats.kstest(paths.final, limit.cdf).pvalue > 0.01


def test_increasing_returns_urn_locks_in_and_simulation_agrees_with_exact():
    # alpha > 1: almost every run ends near monopoly (Hill, Lane and
    # Sudderth 1980; Arthur, Ermoliev and Kaniovski 1987).
    k, prob = urn_share_distribution((1, 1), 400, alpha=3.0)
    share = (1 + k) / 402
    extreme = prob[(share < 0.1) | (share > 0.9)].sum()
    assert extreme > 0.9
    paths = polya_urn((1, 1), 400, runs=3000, alpha=3.0, rng=3)
    simulated = np.mean((paths.final < 0.1) | (paths.final > 0.9))
    assert simulated == pytest.approx(extreme, abs=0.03)
    # alpha < 1: shares pulled to one half, more tightly with more draws.
    near_half = []
    for draws in (100, 400):
        k, prob = urn_share_distribution((1, 1), draws, alpha=0.5)
        share = (1 + k) / (draws + 2)
        near_half.append(prob[np.abs(share - 0.5) < 0.1].sum())
    assert near_half[1] > near_half[0] > 0.6  # Pólya's urn: 0.2


def test_custom_urn_function():
    always_a = polya_urn((1, 1), 10, urn_function=lambda x: np.ones_like(x), rng=0)
    assert always_a.final[0] == pytest.approx(11 / 12)


def test_arthur_barriers_and_symmetric_lock_in():
    model = ArthurModel(a_r=1.0, b_r=0.8, a_s=0.8, b_s=1.0, r=0.05, s=0.05)
    assert model.barriers() == (5, 5)
    # Between the barriers each type keeps its favourite.
    assert model.choices(4) == (True, False)
    assert model.choices(5) == (True, True)
    assert model.choices(-5) == (False, False)
    assert model.lock_in_probability() == 0.5
    assert model.lock_in_probability(lead=2) == pytest.approx(7 / 10)
    assert model.expected_lock_in_time() == 25.0  # z (a - z) with z = 5, a = 10


def test_arthur_lock_in_probability_matches_simulation():
    model = ArthurModel(a_r=1.0, b_r=0.6, a_s=0.75, b_s=1.0, r=0.1, s=0.1, p_r=0.45)
    upper, lower = model.barriers()
    assert (upper, lower) == (3, 5)
    rng = np.random.default_rng(2024)
    runs, wins, times = 4000, 0, []
    for _ in range(runs):
        lead, t = 0, 0
        while -lower < lead < upper:
            lead += 1 if rng.random() < model.p_r else -1
            t += 1
        wins += lead >= upper
        times.append(t)
    p = model.lock_in_probability()
    rho = 0.55 / 0.45
    assert p == pytest.approx((1 - rho**5) / (1 - rho**8))
    assert wins / runs == pytest.approx(p, abs=3 * math.sqrt(p * (1 - p) / runs))
    assert np.mean(times) == pytest.approx(model.expected_lock_in_time(), rel=0.05)


def test_arthur_simulation_locks_in_for_good():
    model = ArthurModel(a_r=1.0, b_r=0.8, a_s=0.8, b_s=1.0, r=0.05, s=0.05)
    for seed in range(5):
        leads = model.simulate(300, rng=seed)
        hit = np.flatnonzero(np.abs(leads) >= 5)[0]
        after = np.diff(leads[hit:])
        assert np.all(after == np.sign(leads[hit]))


def test_no_increasing_returns_for_one_type():
    model = ArthurModel(a_r=1.0, b_r=0.8, a_s=0.8, b_s=1.0, r=0.0, s=0.05, p_r=0.6)
    assert model.barriers() == (5, math.inf)
    assert model.lock_in_probability() == 1.0
    drift_down = ArthurModel(1.0, 0.8, 0.8, 1.0, r=0.0, s=0.05, p_r=0.4)
    assert drift_down.lock_in_probability() == pytest.approx((0.4 / 0.6) ** 5)
    assert drift_down.expected_lock_in_time() == math.inf


@pytest.mark.parametrize(
    "params",
    [
        (1.0, 0.8, 0.8, 1.0, 0.05, 0.05, 0.5),
        (1.0, 0.6, 0.75, 1.0, 0.1, 0.1, 0.45),
        (1.0, 0.8, 0.8, 1.0, 0.0, 0.05, 0.6),  # R-types never switch
        (1.0, 0.9, 0.7, 1.0, 0.01, 0.02, 0.5),  # wide barriers, may not lock in
    ],
)
def test_simulation_follows_the_arrival_by_arrival_rule(params):
    # Reference: every arrival applies ArthurModel.choices to the current lead,
    # with the same draws of types.
    model = ArthurModel(*params)
    for seed in range(3):
        is_r = np.random.default_rng(seed).random(400) < model.p_r
        lead, expected = 0, []
        for r_type in is_r:
            r_a, s_a = model.choices(lead)
            lead += 1 if (r_a if r_type else s_a) else -1
            expected.append(lead)
        assert model.simulate(400, rng=seed).tolist() == expected


def test_bad_input():
    with pytest.raises(EcosystemError, match="prefer"):
        ArthurModel(a_r=0.5, b_r=0.8, a_s=0.8, b_s=1.0, r=0.1, s=0.1)
    with pytest.raises(ValueError, match="'p_r' parameter"):
        ArthurModel(1.0, 0.8, 0.8, 1.0, 0.1, 0.1, p_r=1.0)
    with pytest.raises(EcosystemError, match="initial urn"):
        polya_urn((1, -1))
    with pytest.raises(EcosystemError, match="empty"):
        urn_share_distribution((0, 0), 5)
    with pytest.raises(EcosystemError, match="degenerate"):
        polya_limit_distribution((0, 3))
    with pytest.raises(ValueError, match="'lead' parameter"):
        ArthurModel(1.0, 0.8, 0.8, 1.0, 0.1, 0.1).expected_lock_in_time(0.5)
    with pytest.raises(EcosystemError, match="urn_function"):
        polya_urn((1, 1), 10, urn_function=0.5)
