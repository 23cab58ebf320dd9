"""find_threshold, track, regime_map and robustness against known answers."""

import math

import pytest
from scipy import stats

import stratgame as sg
from stratgame.analysis import find_threshold, regime_map, robustness, track


def stag_hunt(h):
    """Stag hunt (Skyrms 2004): stag pays 4 together, 0 alone; hare pays h."""
    return sg.NormalFormGame.from_bimatrix([[4, 0], [h, h]], [[4, h], [0, h]])


def test_threshold_of_risk_dominance_in_the_stag_hunt():
    # Harsanyi-Selten: stag risk-dominates when (4 - h)^2 > h^2, i.e. h < 2.
    def stag_risk_dominant(game):
        a = game.payoff_arrays[0]
        return (a[0, 0] - a[1, 0]) ** 2 > (a[1, 1] - a[0, 1]) ** 2

    t = find_threshold(stag_hunt, "h", 0.5, 3.5, stag_risk_dominant, tol=1e-9)
    assert t.value == pytest.approx(2.0, abs=1e-8)
    assert t.below and not t.above and t.hi - t.lo <= 1e-9


def test_threshold_needs_a_sign_change():
    with pytest.raises(ValueError, match="at both"):
        find_threshold(stag_hunt, "h", 1, 2, lambda g: True)
    with pytest.raises(ValueError, match="'hi' parameter"):
        find_threshold(stag_hunt, "h", 2, 1, lambda g: True)


def test_track_stag_equilibrium_dies_when_hare_pays_more():
    t = track(stag_hunt, "h", [1, 2, 3, 4.5, 5], solve="pure")
    assert len(t.branches) == 2
    stag = next(b for b in t.branches if b.strategies[0][0] == [1.0, 0.0])
    assert stag.values == [1, 2, 3]
    deaths = [e for e in t.events if e["kind"] == "death"]
    assert deaths == [{"kind": "death", "value": 4.5, "branch": stag.id}]
    frame = t.to_frame()
    assert set(frame["branch"]) == {0, 1} and len(frame) == 8


def test_track_birth():
    t = track(stag_hunt, "h", [5, 3], solve="pure")
    assert [e["kind"] for e in t.events] == ["bifurcation", "birth"]


def test_regime_map_of_2x2_symmetric_games():
    # (T, S) plane with R = 3, P = 1: the four classic regions.
    def game(T, S):
        return sg.NormalFormGame.from_bimatrix([[3, S], [T, 1]], [[3, T], [S, 1]])

    m = regime_map(game, ("T", [2, 5]), ("S", [0, 2]), solve="pure")
    assert m.labels.tolist() == [
        ["coordination", "prisoner's dilemma"],
        ["dominance solvable", "anti-coordination"],
    ]
    assert m.n_equilibria.tolist() == [[2, 1], [1, 2]]
    assert set(m.regimes()) == set(m.labels.ravel())


def test_robustness_frequency_matches_probability():
    # T ~ U(2, 5): a prisoner's dilemma exactly when T > 3, probability 2/3.
    def dilemma(T):
        return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])

    r = robustness(
        dilemma, {"T": stats.uniform(2, 3)}, n_samples=400, rng=3, solve="pure"
    )
    p = r.frequencies["prisoner's dilemma"]
    se = r.standard_errors["prisoner's dilemma"]
    assert se == pytest.approx(math.sqrt(p * (1 - p) / 400))
    assert abs(p - 2 / 3) < 4 * se
    again = robustness(
        dilemma, {"T": stats.uniform(2, 3)}, n_samples=400, rng=3, solve="pure"
    )
    assert again.frequencies == r.frequencies


def test_robustness_under_payoff_noise_counts_equilibria():
    game = sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        actions=(("C", "D"), ("C", "D")),
    )
    r = robustness(
        game,
        n_samples=50,
        payoff_noise=0.01,
        outcome="equilibrium",
        rng=0,
        solve="pure",
    )
    assert r.frequencies == {"(D, D)": 1.0}
    big = robustness(
        game,
        n_samples=200,
        payoff_noise=1.0,
        outcome="equilibrium",
        rng=0,
        solve="pure",
    )
    assert big.frequencies["(D, D)"] < 1.0
    assert set(big.frequencies) <= {"(C, C)", "(C, D)", "(D, C)", "(D, D)"}
