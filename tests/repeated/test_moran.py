"""The Moran process over repeated-game strategies."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.repeated import (
    NegativeFitnessError,
    RepeatedGame,
    always_defect,
    fixation_probability,
    moran_process,
    tit_for_tat,
)

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_neutral_fixation_probability_is_one_over_n():
    for n in (2, 5, 30):
        assert fixation_probability([[2, 2], [2, 2]], n) == pytest.approx(1 / n)
        assert fixation_probability([[5, 1], [0, 3]], n, intensity=0) == (
            pytest.approx(1 / n)
        )


def test_constant_fitness_matches_the_gamblers_ruin():
    # Mutant fitness r, resident 1: rho = (1 - 1/r) / (1 - 1/r^N) (Moran 1958).
    r, n = 1.5, 8
    expected = (1 - 1 / r) / (1 - r**-n)
    assert fixation_probability([[r, r], [1, 1]], n) == pytest.approx(expected)


def test_simulated_fixation_agrees_with_the_formula():
    M = RepeatedGame(PD, 0.9).payoff_matrix([tit_for_tat(), always_defect()])
    n, runs = 6, 1000
    expected = fixation_probability(M, n, intensity=0.5)
    rng = np.random.default_rng(11)
    wins = sum(
        moran_process(M, [1, n - 1], intensity=0.5, rng=rng).fixated == 0
        for _ in range(runs)
    )
    standard_error = np.sqrt(expected * (1 - expected) / runs)
    assert abs(wins / runs - expected) < 4 * standard_error


def test_run_records_counts_and_stops_at_fixation():
    M = RepeatedGame(PD, 0.9).payoff_matrix([tit_for_tat(), always_defect()])
    run = moran_process(M, [3, 3], rng=4)
    assert run.fixated in (0, 1)
    assert np.all(run.counts.sum(axis=1) == 6)
    assert np.all(np.abs(np.diff(run.counts, axis=0)).sum(axis=1) <= 2)
    assert run.counts[-1][run.fixated] == 6
    capped = moran_process(M, [3, 3], max_iter=0, rng=4)
    assert capped.fixated is None and capped.steps == 0


def test_bad_input():
    with pytest.raises(ValueError, match="square matrix"):
        moran_process([[1, 2, 3]], [1, 1])
    with pytest.raises(ValueError, match="one count per type"):
        moran_process([[1, 0], [0, 1]], [1])
    with pytest.raises(ValueError, match="'intensity'"):
        moran_process([[1, 0], [0, 1]], [1, 1], intensity=2)
    with pytest.raises(NegativeFitnessError, match="negative"):
        moran_process([[-5, -5], [-5, -5]], [2, 2])
    with pytest.raises(ValueError, match="2x2"):
        fixation_probability(np.eye(3), 5)


def test_old_parameter_names_still_work_with_a_warning():
    M = [[3, 0], [5, 1]]
    with pytest.warns(DeprecationWarning, match="use 'intensity'"):
        old = fixation_probability(M, 10, selection_intensity=0.1)
    assert old == fixation_probability(M, 10, intensity=0.1)
    with pytest.warns(DeprecationWarning, match="is deprecated; use '"):
        run = moran_process(M, counts=[5, 5], max_steps=3, rng=1)
    assert run.steps == 3


def test_fixation_is_the_finite_population_formula():
    from stratgame import dynamics

    game = sg.NormalFormGame.from_bimatrix([[3, 1], [4, 2]], [[3, 4], [1, 2]])
    for w in (0.0, 0.3, 1.0):
        assert fixation_probability([[3, 1], [4, 2]], 12, intensity=w) == (
            pytest.approx(dynamics.fixation_probability(game, 0, 1, 12, w, "moran"))
        )
    # a resident of fitness zero cannot win a step back: the mutant fixes
    assert fixation_probability([[1, 1], [0, 0]], 6) == 1.0
    with pytest.raises(NegativeFitnessError, match="Moran fitness"):
        fixation_probability([[0, 0], [1, 1]], 6)
