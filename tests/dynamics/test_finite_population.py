"""Finite populations: Moran and Fermi processes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.dynamics import (
    fixation_probability,
    small_mutation_limit,
    stationary_distribution,
)

PROCESSES = [("fermi", 1.0), ("moran", 0.3)]


def _two_strategy(a, b, c, d):
    return sg.NormalFormGame.from_bimatrix([[a, b], [c, d]], [[a, c], [b, d]])


def _payoffs(a, b, c, d, j, Z):
    """Payoffs of the j mutants (A) and Z - j residents (B), no self-play."""
    f_a = (a * (j - 1) + b * (Z - j)) / (Z - 1)
    f_b = (c * j + d * (Z - j - 1)) / (Z - 1)
    return f_a, f_b


def _birth_death_rates(a, b, c, d, Z, intensity, process):
    """T^+(j), T^-(j) written out from each process's definition."""
    up, down = np.zeros(Z + 1), np.zeros(Z + 1)
    for j in range(1, Z):
        f_a, f_b = _payoffs(a, b, c, d, j, Z)
        if process == "fermi":
            pair = j / Z * (Z - j) / (Z - 1)
            up[j] = pair / (1 + np.exp(-intensity * (f_a - f_b)))
            down[j] = pair / (1 + np.exp(intensity * (f_a - f_b)))
        else:
            F_a, F_b = 1 - intensity + intensity * f_a, 1 - intensity + intensity * f_b
            total = j * F_a + (Z - j) * F_b
            up[j] = j * F_a / total * (Z - j) / Z
            down[j] = (Z - j) * F_b / total * j / Z
    return up, down


@pytest.mark.parametrize("process", ["fermi", "moran"])
@pytest.mark.parametrize("size", [2, 10, 57])
def test_neutral_mutant_fixes_with_probability_one_over_z(
    prisoners_dilemma, process, size
):
    assert fixation_probability(prisoners_dilemma, 1, 0, size, 0, process) == (
        pytest.approx(1 / size, rel=1e-12)
    )
    constant = _two_strategy(1, 1, 1, 1)
    assert fixation_probability(constant, 0, 1, size, 0.9, process) == pytest.approx(
        1 / size, rel=1e-12
    )


@pytest.mark.parametrize(("process", "intensity"), PROCESSES)
def test_closed_form_matches_the_absorbing_chain(process, intensity):
    # Solve the birth-death chain's absorption probabilities directly:
    # phi_j = T^-_j phi_{j-1} + T^+_j phi_{j+1} + (1 - T^+_j - T^-_j) phi_j.
    a, b, c, d, Z = 3.0, 0.5, 2.0, 1.5, 25
    up, down = _birth_death_rates(a, b, c, d, Z, intensity, process)
    M = np.zeros((Z + 1, Z + 1))
    rhs = np.zeros(Z + 1)
    M[0, 0] = M[Z, Z] = 1.0
    rhs[Z] = 1.0
    for j in range(1, Z):
        M[j, j - 1], M[j, j], M[j, j + 1] = down[j], -(up[j] + down[j]), up[j]
    absorbed = np.linalg.solve(M, rhs)
    game = _two_strategy(a, b, c, d)
    rho = fixation_probability(game, 0, 1, Z, intensity, process)
    assert rho == pytest.approx(absorbed[1], rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    payoffs=st.tuples(*[st.integers(-5, 5)] * 4),
    size=st.integers(3, 60),
    beta=st.floats(0.01, 3.0),
)
# Strong selection: one fixation probability underflows to zero, so the
# embedded chain is reducible with a single closed class (found by CI).
@example(payoffs=(0, -5, 5, 5), size=34, beta=3.0)
def test_fermi_favours_the_strategy_the_criterion_names(payoffs, size, beta):
    # For the Fermi process, rho_A / rho_B = exp(beta * sum_j (f_A - f_B)),
    # and summing the payoff difference over j = 1..Z-1 gives
    # [(Z - 2)(a - d) + Z (b - c)] / 2. So in the small-mutation limit A is
    # favoured exactly when (Z - 2)(a - d) + Z(b - c) > 0, for every beta.
    a, b, c, d = payoffs
    criterion = (size - 2) * (a - d) + size * (b - c)
    assume(criterion != 0)
    limit = small_mutation_limit(_two_strategy(a, b, c, d), size, beta)
    favoured = limit.distribution[0] > limit.distribution[1]
    assert favoured == (criterion > 0)
    if abs(beta * criterion) < 1000:  # both shares representable
        ratio = np.log(limit.distribution[0]) - np.log(limit.distribution[1])
        assert ratio == pytest.approx(beta * criterion / 2, rel=1e-6, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(payoffs=st.tuples(*[st.integers(0, 6)] * 4), size=st.integers(4, 40))
def test_moran_weak_selection_one_third_rule_condition(payoffs, size):
    # Nowak, Sasaki, Taylor & Fudenberg (2004): under weak selection selection
    # favours A replacing B (rho_A > 1/Z) iff
    # a(Z - 2) + b(2Z - 1) > c(Z + 1) + d(2Z - 4).
    a, b, c, d = payoffs
    margin = a * (size - 2) + b * (2 * size - 1) - c * (size + 1) - d * (2 * size - 4)
    assume(margin != 0)
    rho = fixation_probability(_two_strategy(a, b, c, d), 0, 1, size, 1e-4, "moran")
    assert np.sign(rho - 1 / size) == np.sign(margin)


def test_strong_selection_does_not_overflow(prisoners_dilemma):
    assert fixation_probability(prisoners_dilemma, 0, 1, 500, 50) == 0.0
    assert fixation_probability(prisoners_dilemma, 1, 0, 500, 50) == pytest.approx(1)


@pytest.mark.parametrize(("process", "intensity"), PROCESSES)
def test_rock_paper_scissors_stationary_distributions_are_uniform(
    rock_paper_scissors, process, intensity
):
    game = (
        rock_paper_scissors(win=2, loss=1)
        if process == "moran"
        else (rock_paper_scissors())
    )
    if process == "moran":  # keep Moran fitness positive: shift by the loss
        A = game.float_payoff_arrays[0] + 1
        game = sg.NormalFormGame.from_bimatrix(A, A.T)
    limit = small_mutation_limit(game, 30, intensity, process)
    assert np.allclose(limit.distribution, 1 / 3, atol=1e-12)
    full = stationary_distribution(game, 12, intensity, 0.05, process)
    assert np.allclose(full.mean_frequencies(), 1 / 3, atol=1e-12)
    # cyclic symmetry: rotating the strategies permutes the states
    lookup = {tuple(s): p for s, p in zip(full.states, full.distribution, strict=True)}
    for state, p in lookup.items():
        assert lookup[state[1:] + state[:1]] == pytest.approx(p, rel=1e-9)


@pytest.mark.parametrize(("process", "intensity"), PROCESSES)
def test_full_chain_tends_to_the_small_mutation_limit(process, intensity):
    # Fudenberg & Imhof (2006): as mutations become rare, the stationary
    # distribution concentrates on monomorphic states with the weights of the
    # embedded chain.
    A = np.array([[1, 4, 2], [3, 1, 5], [2, 2, 3.0]])
    game = sg.NormalFormGame.from_bimatrix(A, A.T)
    limit = small_mutation_limit(game, 15, intensity, process)
    full = stationary_distribution(game, 15, intensity, 1e-7, process)
    assert full.monomorphic().sum() > 0.999
    assert np.allclose(full.monomorphic(), limit.distribution, atol=5e-4)


@pytest.mark.parametrize(("process", "intensity"), PROCESSES)
def test_two_strategy_chain_satisfies_detailed_balance(process, intensity):
    # A birth-death chain is reversible: pi(j+1) / pi(j) = T^+(j) / T^-(j+1),
    # with mutation folded into the rates.
    a, b, c, d, Z, mu = 2.0, 0.0, 3.0, 1.0, 20, 0.02
    game = _two_strategy(a, b, c, d)
    full = stationary_distribution(game, Z, intensity, mu, process)
    pi = dict(zip(full.states[:, 0].tolist(), full.distribution, strict=True))
    for j in range(Z):
        up_j, down_next = _mutating_rates(a, b, c, d, Z, intensity, mu, process, j)
        assert pi[j + 1] / pi[j] == pytest.approx(up_j / down_next, rel=1e-8)


def _mutating_rates(a, b, c, d, Z, w, mu, process, j):
    """T^+(j) and T^-(j+1) with mutation, written from the definitions."""

    def fitness(k):
        if process == "fermi":
            return _payoffs(a, b, c, d, k, Z) if 0 < k < Z else (None, None)
        f_a, f_b = _payoffs(a, b, c, d, k, Z)
        return 1 - w + w * f_a, 1 - w + w * f_b

    def fermi(k, gain):  # a B turns A (gain) or an A turns B
        f_a, f_b = fitness(k)
        share_from = (Z - k) / Z if gain else k / Z
        imitate = 0.0
        if 0 < k < Z:
            other = k / (Z - 1) if gain else (Z - k) / (Z - 1)
            diff = (f_a - f_b) if gain else (f_b - f_a)
            imitate = other / (1 + np.exp(-w * diff))
        return share_from * (mu + (1 - mu) * imitate)

    def moran(k, gain):
        F_a, F_b = fitness(k)
        births_a = k * F_a / (k * F_a + (Z - k) * F_b)
        offspring_a = (1 - mu) * births_a + mu * (1 - births_a)
        return (Z - k) / Z * offspring_a if gain else k / Z * (1 - offspring_a)

    rate = fermi if process == "fermi" else moran
    return rate(j, True), rate(j + 1, False)


def test_prisoners_dilemma_population_defects(prisoners_dilemma):
    full = stationary_distribution(prisoners_dilemma, 30, 1.0, 0.001)
    assert full.mean_frequencies()[1] > 0.99
    limit = small_mutation_limit(prisoners_dilemma, 30, 1.0)
    assert limit.distribution[1] > 1 - 1e-6


def test_errors_say_what_is_wrong(matching_pennies, hawk_dove, rock_paper_scissors):
    with pytest.raises(sg.InvalidGameError, match="symmetric two-player"):
        fixation_probability(matching_pennies, 0, 1, 10, 1.0)
    with pytest.raises(ValueError, match="Moran fitness"):
        fixation_probability(hawk_dove(2, 10), 0, 1, 10, 1.0, "moran")
    with pytest.raises(ValueError, match="mutant"):
        fixation_probability(hawk_dove(), "eagle", 1, 10, 1.0)
    with pytest.raises(ValueError, match="process"):
        small_mutation_limit(hawk_dove(), 10, 1.0, process="wright-fisher")
    with pytest.raises(ValueError, match="max_states"):
        stationary_distribution(rock_paper_scissors(), 100, 1.0, 0.1)
    with pytest.raises(ValueError, match="mutation_rate"):
        stationary_distribution(rock_paper_scissors(), 10, 1.0, 0.0)
