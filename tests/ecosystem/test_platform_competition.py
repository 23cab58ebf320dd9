"""Competing platforms: equilibria, tipping, lock-in."""

import networkx as nx
import numpy as np
import pytest

from stratgame.ecosystem import (
    EcosystemError,
    PlatformMarket,
    lock_in_index,
    platform_competition,
)


@pytest.mark.parametrize(("strength", "count"), [(1.8, 1), (2.2, 3), (6.0, 3)])
def test_number_of_equilibria_follows_intensity_times_network_effect(strength, count):
    # Symmetric duopoly: x = logit(lam * gamma * (2x - 1)) has slope
    # lam * gamma / 2 at x = 1/2, so several equilibria iff lam * gamma > 2
    # (Brock and Durlauf 2001, Proposition 2).
    market = PlatformMarket([1.0, 1.0], network_effect=strength, intensity=1.0)
    equilibria = market.equilibria()
    assert len(equilibria) == count
    for eq in equilibria:
        assert np.allclose(market.choice_shares(eq.shares), eq.shares, atol=1e-9)
    assert [e.stable for e in equilibria] == (
        [True] if count == 1 else [True, False, True]
    )


def test_limit_share_agrees_with_simulation():
    market = PlatformMarket(
        [1.0, 1.3], price=[0.1, 0.2], network_effect=4.0, intensity=1.5, adjustment=0.3
    )
    for seed in (0.2, 0.45, 0.6, 0.9):
        simulated = market.simulate([seed, 1 - seed], 3000).final[0]
        assert market.limit_share(seed) == pytest.approx(simulated, abs=1e-6)
        assert market.limit_share(1 - seed, platform=1) == pytest.approx(
            1 - simulated, abs=1e-6
        )


def test_tipping_share_of_symmetric_and_asymmetric_markets():
    symmetric = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=2.0)
    assert symmetric.tipping_share() == pytest.approx(0.5)
    better = PlatformMarket([1.2, 1.0], network_effect=3.0, intensity=2.0)
    tip = better.tipping_share()
    assert tip < 0.5
    assert better.limit_share(tip + 0.01) > 0.5 > better.limit_share(tip - 0.01)
    assert better.tipping_share(platform=1) > 0.5
    # Weak network effects: the better platform wins from anywhere.
    weak = PlatformMarket([1.2, 1.0], network_effect=0.5, intensity=1.0)
    assert weak.tipping_share() == 0.0 and weak.tipping_share(platform=1) == 1.0


def test_a_head_start_beats_better_quality_up_to_the_tipping_gap():
    market = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=2.0)
    gap = market.tipping_quality_gap(0.8)
    assert gap > 0
    for deficit, wins in ((gap - 0.01, True), (gap + 0.01, False)):
        worse = PlatformMarket([1.0 - deficit, 1.0], network_effect=3.0, intensity=2.0)
        final = worse.simulate([0.8, 0.2], 3000).final[0]
        assert bool(final > 0.5) is wins
    # A bigger head start withstands a bigger quality gap.
    assert market.tipping_quality_gap(0.9) > gap
    # Without network effects there is no lock-in: any deficit loses.
    flat = PlatformMarket([1.0, 1.0], network_effect=0.0, intensity=2.0)
    assert flat.tipping_quality_gap(0.9) == pytest.approx(0.0, abs=1e-6)


def test_lock_in_index():
    assert lock_in_index([0.5, 0.5]) == 0.0
    assert lock_in_index([0, 1.0, 0]) == 1.0
    assert lock_in_index([0.75, 0.25]) == pytest.approx(0.25)
    market = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=2.0)
    path = market.simulate([0.6, 0.4], 300)
    assert path.lock_in_index() > 0.95
    assert path.winner == "P0"
    with pytest.raises(EcosystemError, match="summing to 1"):
        lock_in_index([0.5, 0.6])


def test_three_platforms_simulate_but_equilibria_need_two():
    market = PlatformMarket(
        [1.0, 1.1, 0.9],
        network_effect=2.0,
        intensity=2.0,
        platforms=("open", "closed", "hybrid"),
    )
    path = market.simulate([0.2, 0.3, 0.5], 100)
    assert np.allclose(path.shares.sum(axis=1), 1.0)
    assert path.shares.shape == (101, 3)
    assert "hybrid" in repr(path) and "<table>" in path._repr_html_()
    with pytest.raises(EcosystemError, match="two platforms"):
        market.equilibria()


def test_network_version_tracks_the_mean_field_on_a_complete_graph():
    market = PlatformMarket(
        [1.0, 1.0], network_effect=3.0, intensity=2.0, adjustment=0.2
    )
    n = 400
    initial = np.r_[
        np.zeros(int(0.6 * n), dtype=int), np.ones(n - int(0.6 * n), dtype=int)
    ]
    res = platform_competition(
        nx.complete_graph(n), market, initial, max_iter=40, rng=5
    )
    mean_field = market.simulate([0.6, 0.4], 40).shares[:, 0]
    assert np.max(np.abs(res.history[:, 0] - mean_field)) < 0.08


def test_bad_markets():
    with pytest.raises(EcosystemError, match="at least two"):
        PlatformMarket([1.0])
    with pytest.raises(EcosystemError, match="non-negative"):
        PlatformMarket([1.0, 1.0], network_effect=-1.0)
    with pytest.raises(EcosystemError, match="'price'"):
        PlatformMarket([1.0, 1.0], price=[1, 2, 3])
    with pytest.raises(ValueError, match="'adjustment' parameter"):
        PlatformMarket([1.0, 1.0], adjustment=0.0)
    with pytest.raises(EcosystemError, match="summing to"):
        PlatformMarket([1.0, 1.0]).simulate([0.9, 0.9])
    with pytest.raises(EcosystemError, match="'quality'"):
        PlatformMarket(["good", "bad"])
    with pytest.raises(ValueError, match="'grid' parameter"):
        PlatformMarket([1.0, 1.0]).equilibria(grid=1)


def test_old_parameter_names_still_work_with_a_warning():
    with pytest.warns(DeprecationWarning, match="PlatformMarket: the 'beta'"):
        market = PlatformMarket([1.0, 1.0], network_effect=3.0, beta=2.0)
    assert market.intensity == 2.0
    with pytest.warns(DeprecationWarning, match="use 't_max'"):
        path = market.simulate([0.6, 0.4], periods=5)
    assert path.shares.shape == (6, 2)
    with pytest.warns(DeprecationWarning, match="use 'max_iter'"):
        res = platform_competition(nx.complete_graph(5), market, 0, rounds=3, rng=1)
    assert res.rounds <= 3
