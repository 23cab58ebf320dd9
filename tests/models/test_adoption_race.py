"""AdoptionRace: a scenario assembled from two verified pieces -- Bass (1969)
diffusion (stratgame.ecosystem.bass, checked against its closed form there)
and the Tullock contest of ComputeRace (Nti 1999 closed form) -- so the tests
check the assembly: the average Bass reach against quadrature of the Bass
curve, the contest against ComputeRace and the numerical solver, and the
limits and levers stated in the module docstring."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad

import stratgame as sg
from stratgame.ecosystem.bass import bass_adoption
from stratgame.exceptions import InvalidParameterError
from stratgame.models import AdoptionRace, ComputeRace
from stratgame.models.adoption_race import bass_mean_adoption


@pytest.mark.parametrize(
    "T, p, q", [(10, 0.03, 0.38), (1, 0.2, 0.1), (40, 0.01, 0.9), (5, 0.05, 0.0)]
)
def test_mean_adoption_is_the_integral_of_the_bass_curve(T, p, q):
    integral = quad(lambda t: float(bass_adoption(t, p, q)), 0, T)[0]
    assert bass_mean_adoption(T, p, q) == pytest.approx(integral / T, rel=1e-10)


def test_mean_adoption_limits():
    assert bass_mean_adoption(1e-4, 0.03, 0.5) == pytest.approx(0.03e-4 / 2, rel=1e-3)
    assert bass_mean_adoption(1e5, 0.03, 0.5) == pytest.approx(1, abs=1e-3)
    with pytest.raises(InvalidParameterError, match="horizon"):
        bass_mean_adoption(0, 0.03, 0.5)


@pytest.mark.parametrize(
    "params",
    [
        dict(),
        dict(horizon=20, compute_price=(1.0, 1.5)),
        dict(quality=(1.2, 1.0), decisiveness=0.5, prize=50),
    ],
)
def test_contest_with_effective_quality(params):
    race = AdoptionRace(**params)
    cf = race.closed_form()
    reach = race.reach()
    twin = ComputeRace(
        prize=race.prize,
        compute_price=race.compute_price,
        quality=tuple(np.array(race.quality) * reach),
        decisiveness=race.decisiveness,
    ).closed_form()
    np.testing.assert_allclose(cf["compute"], twin["compute"])
    np.testing.assert_allclose(cf["share"], twin["share"])
    eq = sg.solve(race.game(), n_starts=1, rng=0).equilibria[0]
    np.testing.assert_allclose(eq.actions, cf["compute"], rtol=1e-5)
    np.testing.assert_allclose(eq.payoffs, cf["payoffs"], rtol=1e-6)
    strength = np.array(race.quality) * reach / np.array(race.compute_price)
    assert cf["winner"] == race.players[int(strength[1] > strength[0])]


def test_diffusion_decides_short_races_and_quality_long_ones():
    race = AdoptionRace()
    cross = race.crossover_horizon()
    assert race.replace(horizon=0.9 * cross).closed_form()["winner"] == "open lab"
    assert race.replace(horizon=1.1 * cross).closed_form()["winner"] == "closed lab"
    tie = race.replace(horizon=cross).closed_form()["share"]
    assert tie[0] == pytest.approx(0.5, abs=1e-9)
    # limits: the share ratio tends to (q p / r) ratios for T -> 0 and to the
    # (q / r) ratios for T -> infinity (Tullock shares with gamma = 1)
    (qc, qo), (pc, po) = race.quality, race.innovation
    short = race.replace(horizon=1e-4).closed_form()["share"]
    assert short[0] / short[1] == pytest.approx(qc * pc / (qo * po), rel=1e-3)
    long = race.replace(horizon=1e5).closed_form()["share"]
    assert long[0] / long[1] == pytest.approx(qc / qo, rel=1e-3)


def test_export_controls_needed_to_win():
    race = AdoptionRace()
    needed = race.closed_form()["export_control_to_win"]
    assert needed > 1
    assert race.with_export_controls(0.99 * needed).closed_form()["winner"] == (
        "open lab"
    )
    assert race.with_export_controls(1.01 * needed).closed_form()["winner"] == (
        "closed lab"
    )
    controlled = race.with_export_controls(needed).closed_form()["share"]
    assert controlled[0] == pytest.approx(0.5)
    already = race.replace(horizon=50).closed_form()
    assert already["winner"] == "closed lab" and already["export_control_to_win"] < 1


def test_no_crossover_when_one_lab_is_better_at_everything():
    race = AdoptionRace(quality=(1.0, 0.5), innovation=(0.05, 0.02))
    assert race.crossover_horizon() is None
    assert race.closed_form()["winner"] == "closed lab"
    assert math.isclose(
        race.closed_form()["share"].sum(), 1.0, rel_tol=0, abs_tol=1e-12
    )


def test_adoption_race_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="quality"):
        AdoptionRace(quality=(1.0,))
    with pytest.raises(InvalidParameterError, match=r"innovation\[1\]"):
        AdoptionRace(innovation=(0.01, 0.0))
    with pytest.raises(ValueError, match="factor"):
        AdoptionRace().with_export_controls(0.5)
    with pytest.raises(ValueError, match="horizon"):
        AdoptionRace(horizon=-1)
