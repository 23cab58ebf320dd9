"""Subgame perfection, Nash equilibrium and critical discount factors."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.repeated import (
    RepeatedGame,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    grim_trigger_profile,
    tit_for_tat,
    win_stay_lose_shift,
)


def prisoners_dilemma(T, R, P, S):
    return sg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])


PAYOFF_SETS = [(5, 3, 1, 0), (4, 3, 1, 0), (3, 2, 0, -1), (10, 6, 2, 1), (7, 5, 3, 0)]


@pytest.mark.parametrize(("T", "R", "P", "S"), PAYOFF_SETS)
def test_grim_trigger_critical_discount(T, R, P, S):
    # Friedman (1971); Mailath & Samuelson (2006), Section 2.4: grim trigger is
    # subgame perfect exactly when delta >= (T - R) / (T - P).
    rg = RepeatedGame(prisoners_dilemma(T, R, P, S), 0.5)
    profile = (grim_trigger(), grim_trigger())
    expected = Fraction(T - R, T - P)
    spe = rg.discount_range(profile)
    assert spe.critical == pytest.approx(float(expected), abs=1e-12)
    assert spe.critical_exact == expected
    assert spe.intervals[-1][1] == 1.0 and len(spe.intervals) == 1
    assert spe.closed_form == "(T - R) / (T - P)"
    assert spe.closed_form_value == pytest.approx(float(expected))
    nash = rg.discount_range(profile, "nash")
    assert nash.critical_exact == expected
    for delta, holds in (
        (float(expected) - 0.01, False),
        (float(expected) + 0.01, True),
    ):
        game = RepeatedGame(prisoners_dilemma(T, R, P, S), delta)
        assert bool(game.is_subgame_perfect(profile)) is holds
        assert bool(game.is_nash(profile)) is holds


@pytest.mark.parametrize(("T", "R", "P", "S"), PAYOFF_SETS)
def test_tit_for_tat_nash_range(T, R, P, S):
    # Axelrod (1984), Proposition 2.
    rg = RepeatedGame(prisoners_dilemma(T, R, P, S), 0.5)
    expected = max(Fraction(T - R, T - P), Fraction(T - R, R - S))
    nash = rg.discount_range((tit_for_tat(), tit_for_tat()), "nash")
    if expected < 1:
        assert nash.critical == pytest.approx(float(expected), abs=1e-12)
        assert nash.critical_exact == expected
        assert nash.intervals == ((nash.critical, 1.0),)
    else:
        assert not nash


def test_tit_for_tat_is_subgame_perfect_at_one_discount_only():
    # With T + S = R + P the two conditions (T - R)/(R - S) = delta =
    # (P - S)/(T - P) coincide: for (4, 3, 1, 0) at delta = 1/3 only.
    rg = RepeatedGame(prisoners_dilemma(4, 3, 1, 0), Fraction(1, 3))
    spe = rg.discount_range((tit_for_tat(), tit_for_tat()))
    assert len(spe.intervals) == 1
    low, high = spe.intervals[0]
    assert low == pytest.approx(1 / 3, abs=1e-12) and high == pytest.approx(low)
    assert spe.exact_bounds == ((Fraction(1, 3), Fraction(1, 3)),)
    assert bool(rg.is_subgame_perfect((tit_for_tat(), tit_for_tat())))
    generic = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), 0.9)
    assert not generic.discount_range((tit_for_tat(), tit_for_tat()))
    assert generic.critical_discount((tit_for_tat(), tit_for_tat())) is None


def test_deviations_found_for_tit_for_tat():
    rg = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), 0.9)
    check = rg.is_subgame_perfect((tit_for_tat(), tit_for_tat()))
    assert not check and check.states_checked == 4
    # after mutual defection, one player cooperating restores cooperation:
    # (1 - d) S + d (T + d S)/(1 + d) against P.
    d = 0.9
    gain = (1 - d) * 0 + d * (5 + d * 0) / (1 + d) - 1
    found = {(dev.player, dev.state, dev.action): dev.gain for dev in check.deviations}
    assert found[(0, (1, 1), 0)] == pytest.approx(gain)
    assert found[(1, (1, 1), 0)] == pytest.approx(gain)
    assert check.deviations[0].gain == max(found.values())


def test_win_stay_lose_shift_threshold():
    # Both players stay in step, so the only binding condition is at mutual
    # cooperation: R(1 + d) >= T + d P, i.e. d >= (T - R)/(R - P) when 2R > T + P.
    for T, R, P, S in [(4, 3, 1, 0), (5, 4, 1, 0), (7, 5, 2, 0)]:
        rg = RepeatedGame(prisoners_dilemma(T, R, P, S), 0.5)
        spe = rg.discount_range((win_stay_lose_shift(),) * 2)
        assert spe.critical_exact == Fraction(T - R, R - P)


def test_always_defect_is_always_subgame_perfect():
    rg = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), 0.5)
    spe = rg.discount_range((always_defect(), always_defect()))
    assert spe.intervals == ((0.0, 1.0),) and spe.critical == 0.0
    assert not rg.discount_range((always_cooperate(), always_cooperate()), "nash")


def test_finite_horizon_prisoners_dilemma_unravels():
    rg = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), 0.95, horizon=6)
    check = rg.is_subgame_perfect((grim_trigger(), grim_trigger()))
    assert not check
    # defecting pays in the last period, and in the one before it
    # (T + dP > R + dR for d = 0.95)
    assert {d.period for d in check.deviations} == {4, 5}
    assert all(d.state == (0, 0) and d.action == 1 for d in check.deviations)
    assert rg.is_subgame_perfect((always_defect(), always_defect()))
    assert not rg.is_nash((grim_trigger(), grim_trigger()))
    assert rg.is_nash((always_defect(), always_defect()))
    with pytest.raises(ValueError, match="infinite horizon"):
        rg.discount_range((always_defect(), always_defect()))


def test_grim_trigger_towards_a_target_in_three_player_public_goods():
    # Contribute 1, the pot times r is shared by n. Cooperation pays
    # r - 1; a deviator keeps r (n - 1)/n once, then everyone gets 0:
    # r - 1 >= (1 - d) r (n - 1) / n  <=>  d >= 1 - n (r - 1) / (r (n - 1)).
    import itertools

    n, r = 3, Fraction(9, 5)
    payoffs = []
    for i in range(n):
        u = np.empty((2,) * n, dtype=object)
        for a in itertools.product((0, 1), repeat=n):
            u[a] = r * sum(1 for x in a if x == 0) / n - (1 if a[i] == 0 else 0)
        payoffs.append(u)
    game = sg.NormalFormGame(payoffs)
    profile = grim_trigger_profile(game, target=(0, 0, 0), punishment=(1, 1, 1))
    expected = 1 - n * (r - 1) / (r * (n - 1))
    spe = RepeatedGame(game, 0.9).discount_range(profile)
    assert spe.critical_exact == expected
    assert profile[0].equivalent(grim_trigger(3))


def test_grim_trigger_with_mixed_punishment():
    # Battle-of-the-sexes-like coordination: target (0, 0) pays (3, 3) but
    # player 0 prefers deviating to 1 (payoff 4) once; the punishment is the
    # mixed stage equilibrium.
    A = np.array([[3, 0], [4, 1]])
    B = np.array([[3, 0], [0, 1]])
    game = sg.NormalFormGame.from_bimatrix(A, B)
    stage = sg.solve(game, method="pure")
    assert stage.equilibria  # (1, 1) is a stage equilibrium
    profile = grim_trigger_profile(game, target=(0, 0), punishment=(1, 1))
    # cooperate: 3 >= (1 - d) 4 + d * 1  <=>  d >= 1/3
    assert RepeatedGame(game, 0.5).critical_discount(profile) == pytest.approx(1 / 3)
    with pytest.raises(sg.InvalidProfileError, match="pure profile"):
        grim_trigger_profile(game, target=([0.5, 0.5], 0), punishment=(1, 1))


def test_noisy_grim_trigger_needs_more_patience():
    rg = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), 0.5)
    clean = rg.critical_discount((grim_trigger(),) * 2)
    noisy = rg.critical_discount((grim_trigger(),) * 2, noise=0.05)
    assert noisy > clean
    check = RepeatedGame(prisoners_dilemma(5, 3, 1, 0), noisy + 1e-3)
    assert check.is_subgame_perfect((grim_trigger(),) * 2, noise=0.05)


PROFILES = [
    (grim_trigger(), grim_trigger()),
    (tit_for_tat(), tit_for_tat()),
    (win_stay_lose_shift(), win_stay_lose_shift()),
    (generous_tit_for_tat(0.3), generous_tit_for_tat(0.3)),
    (grim_trigger(), tit_for_tat()),
]


@settings(max_examples=15, deadline=None)
@given(
    index=st.integers(0, len(PROFILES) - 1),
    delta=st.floats(0.02, 0.98),
    kind=st.sampled_from(["subgame_perfect", "nash"]),
)
def test_discount_range_agrees_with_the_direct_checks(index, delta, kind):
    game = prisoners_dilemma(5, 3, 1, 0)
    profile = PROFILES[index]
    found = RepeatedGame(game, 0.5).discount_range(profile, kind)
    if any(abs(delta - b) < 1e-6 for interval in found.intervals for b in interval):
        return
    rg = RepeatedGame(game, delta)
    direct = (
        rg.is_subgame_perfect(profile)
        if kind == "subgame_perfect"
        else (rg.is_nash(profile))
    )
    assert (delta in found) is bool(direct)
    if kind == "subgame_perfect" and direct:
        assert rg.is_nash(profile)
