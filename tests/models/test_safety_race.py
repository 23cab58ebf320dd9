"""Armstrong, Bostrom & Shulman (2016), no-information case: the symmetric
equilibrium safety min(1, mu / (n e)) (derived in the module docstring)."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError, InvalidProfileError
from stratgame.models import SafetyRace
from stratgame.models.safety_race import win_probabilities


def test_win_probabilities_agree_with_monte_carlo():
    rng = np.random.default_rng(0)
    s, mu = np.array([0.3, 0.1, 0.6]), 0.7
    capability = rng.uniform(0, mu, (200_000, 3))
    empirical = np.bincount(np.argmax(capability - s, axis=1), minlength=3) / 200_000
    np.testing.assert_allclose(win_probabilities(s, mu), empirical, atol=5e-3)
    assert win_probabilities(s, mu).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    "n,mu,e", [(2, 0.5, 0.5), (2, 0.3, 0.9), (3, 0.6, 0.8), (2, 2.0, 0.5)]
)
def test_numerical_equilibrium_matches_closed_form(n, mu, e):
    race = SafetyRace(n_teams=n, mu=mu, enmity=e)
    result = sg.solve(race.game(), n_starts=1, verify_grid=201)
    eq = result.equilibria[0]
    closed = race.closed_form()
    np.testing.assert_allclose(eq.actions, [closed["safety"]] * n, atol=1e-5)
    np.testing.assert_allclose(eq.payoffs, [closed["utility"]] * n, atol=1e-6)
    assert eq.regret <= 1e-9


def test_risk_grows_with_teams_and_enmity():
    risk = {
        (n, e): SafetyRace(n, 0.5, e).closed_form()["disaster_risk"]
        for n in (2, 3, 5)
        for e in (0.3, 0.6, 0.9)
    }
    assert risk[(2, 0.6)] < risk[(3, 0.6)] < risk[(5, 0.6)]
    assert risk[(3, 0.3)] < risk[(3, 0.6)] < risk[(3, 0.9)]
    assert SafetyRace(2, 0.5, 0.0).closed_form()["safety"] == 1.0


def test_asymmetric_search_finds_the_symmetric_equilibrium():
    race = SafetyRace(2, 0.3, 0.9)
    result = sg.solve(race.game(), symmetric=False, n_starts=2, rng=3, verify_grid=201)
    for eq in result.equilibria:
        np.testing.assert_allclose(eq.actions, [1 / 6, 1 / 6], atol=1e-5)


def test_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="'enmity' parameter of SafetyRace"):
        SafetyRace(enmity=2)
    with pytest.raises(InvalidParameterError, match="'n_teams' parameter"):
        SafetyRace(n_teams=1)
    with pytest.raises(InvalidParameterError, match="'mu' parameter"):
        win_probabilities([0.1, 0.2], mu=-1.0)
    with pytest.raises(InvalidProfileError, match="finite safety levels"):
        win_probabilities([np.nan, 0.2], mu=1.0)
    with pytest.raises(InvalidProfileError, match=r"one per team \(2\)"):
        SafetyRace().expected_utilities([0.1, 0.2, 0.3])
    with pytest.raises(InvalidProfileError, match=r"in \[0, 1\]"):
        SafetyRace().expected_utilities([0.1, 1.2])
