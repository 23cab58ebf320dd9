"""Bass diffusion: closed form, peak, simulation, fit."""

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from stratgame.ecosystem import (
    EcosystemError,
    bass_adoption,
    bass_peak,
    bass_rate,
    bass_simulation,
    bass_time_to,
    fit_bass,
)

P, Q = 0.03, 0.38  # the mean coefficients of Sultan, Farley and Lehmann (1990)


def test_closed_form_solves_the_bass_equation():
    t = np.linspace(0, 30, 3001)
    F = bass_adoption(t, P, Q)
    f = bass_rate(t, P, Q)
    # dF/dt = (p + q F)(1 - F) (Bass 1969, eq. 4), and f is dF/dt.
    assert np.allclose(f, (P + Q * F) * (1 - F), atol=1e-12)
    assert np.allclose(np.gradient(F, t), f, atol=1e-4)
    assert F[0] == 0 and abs(F[-1] - 1) < 1e-4
    assert np.allclose(bass_adoption(t, P, Q, market_size=500), 500 * F)


def test_peak_time_is_log_q_over_p_over_p_plus_q():
    peak = bass_peak(P, Q)
    assert peak.time == pytest.approx(math.log(Q / P) / (P + Q))
    t = np.linspace(0, 20, 200_001)
    rate = bass_rate(t, P, Q)
    assert t[np.argmax(rate)] == pytest.approx(peak.time, abs=1e-3)
    assert rate.max() == pytest.approx(peak.rate, rel=1e-8)
    assert float(bass_adoption(peak.time, P, Q)) == pytest.approx(peak.adopted)
    # Innovation-led markets peak at launch.
    assert bass_peak(0.5, 0.2).time == 0.0


def test_time_to_inverts_the_closed_form():
    for share in (0.1, 0.5, 0.9):
        t = bass_time_to(share, P, Q)
        assert float(bass_adoption(t, P, Q)) == pytest.approx(share)


def test_faster_imitation_means_earlier_majority():
    assert bass_time_to(0.5, P, 0.6) < bass_time_to(0.5, P, 0.3)


def test_all_to_all_simulation_follows_the_mean_field():
    sim = bass_simulation(P, Q, n=20_000, dt=0.05, horizon=20, rng=11)
    exact = bass_adoption(sim.times, P, Q)
    assert np.max(np.abs(sim.adopted - exact)) < 0.02
    assert np.all(np.diff(sim.adopted) >= 0)
    finite = np.isfinite(sim.adoption_time)
    assert finite.mean() == pytest.approx(sim.adopted[-1])


def test_dense_network_approaches_the_mean_field_and_a_ring_lags():
    upper = sp.triu(sp.random(3000, 3000, density=0.05, random_state=1), k=1)
    dense = ((upper + upper.T) > 0).astype(float)  # an Erdős–Rényi-like graph
    sim = bass_simulation(P, Q, graph=dense, dt=0.1, horizon=15, rng=2)
    exact = bass_adoption(sim.times, P, Q)
    assert np.max(np.abs(sim.adopted - exact)) < 0.03
    ring = bass_simulation(P, Q, graph=nx.cycle_graph(3000), dt=0.1, horizon=15, rng=2)
    half = np.searchsorted(sim.times, bass_peak(P, Q).time)
    assert ring.adopted[half] < sim.adopted[half] - 0.1


def test_fit_recovers_the_coefficients():
    t = np.arange(0, 25)
    noisy = bass_adoption(t, 0.02, 0.45, 1000) + np.random.default_rng(0).normal(
        0, 2, t.size
    )
    p, q, m = fit_bass(t, noisy)
    assert p == pytest.approx(0.02, rel=0.15)
    assert q == pytest.approx(0.45, rel=0.05)
    assert m == pytest.approx(1000, rel=0.02)
    p2, q2, m2 = fit_bass(t, bass_adoption(t, 0.02, 0.45, 1000), market_size=1000)
    assert (round(p2, 5), round(q2, 5), m2) == (0.02, 0.45, 1000)


def test_bad_parameters():
    with pytest.raises(ValueError, match="'p' parameter"):
        bass_adoption(1.0, 0.0, 0.3)
    with pytest.raises(ValueError, match="'share' parameter"):
        bass_time_to(1.0, P, Q)
    with pytest.raises(EcosystemError, match="graph or a population"):
        bass_simulation(P, Q)
    with pytest.raises(EcosystemError, match="at least 3 points"):
        fit_bass([0, 1], [0, 1])
    with pytest.raises(ValueError, match="'market_size' parameter"):
        bass_adoption(1.0, P, Q, market_size=-1)
    with pytest.raises(ValueError, match="'market_size' parameter"):
        bass_peak(P, Q, market_size="all")
    with pytest.raises(EcosystemError, match="non-negative times"):
        bass_rate([0.0, np.nan], P, Q)
    with pytest.raises(EcosystemError, match="non-negative times"):
        bass_adoption(-1.0, P, Q)
    with pytest.raises(EcosystemError, match="finite adoption counts"):
        fit_bass([0, 1, 2, 3], [0, np.nan, 1, 2])
    with pytest.raises(EcosystemError, match="not both"):
        bass_simulation(P, Q, n=10, graph=nx.cycle_graph(5))
