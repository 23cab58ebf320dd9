"""DSAIR: the long-run payoff matrix and thresholds of Han, Pereira, Santos &
Lenaerts, "To Regulate or Not", JAIR 69 (2020)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import DSAIR

POINTS = [
    dict(b=4, c=1, s=Fraction(3, 2), B=10_000, W=100),
    dict(b=4, c=1, s=3, B=10_000, W=100),
    dict(b=2, c=Fraction(1, 2), s=2, B=100, W=10**4),  # long-term AI: W >> B/b
]


@pytest.mark.parametrize("params", POINTS)
def test_matrix_entries_match_the_paper(params):
    # Han et al. (2020), long-run matrix: SS = B/(2W) + b/2 - c; SU = b/(s+1) - c;
    # US = (1-p)(sB/W + sb/(s+1)); UU = (1-p)(sB/(2W) + b/2).
    b, c, s, B, W = (Fraction(params[k]) for k in ("b", "c", "s", "B", "W"))
    p = Fraction(1, 3)
    race = DSAIR(**params, p_risk=p)
    expected = [
        [B / (2 * W) + b / 2 - c, b / (s + 1) - c],
        [(1 - p) * (s * B / W + s * b / (s + 1)), (1 - p) * (s * B / (2 * W) + b / 2)],
    ]
    assert race.payoff_matrix().tolist() == expected
    game = race.game()
    assert game.is_exact and game.is_symmetric()


@pytest.mark.parametrize("params", POINTS)
def test_thresholds_are_where_the_conditions_flip(params):
    race = DSAIR(**params, p_risk=0)
    limits = {k: float(v) for k, v in race.thresholds().items()}
    for name, condition in [
        ("social_optimum", lambda M: M[0, 0] - M[1, 1]),
        ("risk_dominance", lambda M: M[0, 0] + M[0, 1] - M[1, 0] - M[1, 1]),
    ]:
        p = limits[name]
        if not 0.01 < p < 0.99:
            continue
        below = race.replace(p_risk=p - 0.01).payoff_matrix().astype(float)
        above = race.replace(p_risk=p + 0.01).payoff_matrix().astype(float)
        at = race.replace(p_risk=p).payoff_matrix().astype(float)
        assert condition(below) < 0 < condition(above)
        assert condition(at) == pytest.approx(0, abs=1e-9)


def test_classification_across_risk_and_equilibria():
    kinds = [DSAIR(p_risk=Fraction(k, 10)).classify() for k in range(11)]
    assert kinds[0] == "unsafety dominant" and kinds[-1] == "safety dominant"
    assert "prisoner's dilemma" in kinds and "stag hunt" in kinds
    pd = DSAIR(p_risk=Fraction(1, 2))
    assert pd.classify() == "prisoner's dilemma" and pd.closed_form()["dilemma_zone"]
    eqs = sg.solve(pd.game(), method="pure").equilibria
    assert [eq.support for eq in eqs] == [(np.array([1]), np.array([1]))]
    hunt = DSAIR(p_risk=Fraction(4, 5))
    assert len(sg.solve(hunt.game(), method="pure").equilibria) == 2


def test_the_regulation_zone_is_a_dilemma_then_a_stag_hunt():
    race = DSAIR()
    limits = race.thresholds()
    low, mid, high = (
        limits["social_optimum"],
        limits["safe_best_reply"],
        limits["risk_dominance"],
    )
    assert low < mid < high  # at the paper's defaults
    below = race.replace(p_risk=(low + mid) / 2).closed_form()
    above = race.replace(p_risk=(mid + high) / 2).closed_form()
    assert below["regulation_zone"] and below["class"] == "prisoner's dilemma"
    assert above["regulation_zone"] and above["class"] == "stag hunt"
    assert below["dilemma_zone"] and not above["dilemma_zone"]
    # at the threshold SAFE earns as much as UNSAFE against SAFE
    (R, _), (T, _) = race.replace(p_risk=mid).payoff_matrix()
    assert R == T


def test_fermi_fixation_ratio_matches_closed_form():
    race = DSAIR(p_risk=0.7)
    Z, beta = 40, 0.02
    out = race.fixation_analysis(population_size=Z, intensity=beta)
    (R, S), (T, P) = race.payoff_matrix().astype(float)
    # Traulsen, Nowak & Pacheco (2006): rho_A / rho_B = exp(beta * sum_j (fA - fB))
    expected = math.exp(beta * ((Z / 2) * (R + S - T - P) - (R - P)))
    ratio = out["rho_safe_invades"] / out["rho_unsafe_invades"]
    assert ratio == pytest.approx(expected, rel=1e-9)
    assert 0 <= out["safe_share"] <= 1


def test_invalid_parameters():
    with pytest.raises(
        InvalidParameterError, match=r"'p_risk' parameter of DSAIR .* \[0, 1\]"
    ):
        DSAIR(p_risk=1.5)
    with pytest.raises(InvalidParameterError, match="'s' parameter of DSAIR"):
        DSAIR(s=0.5)
    with pytest.raises(InvalidParameterError, match="'W' parameter of DSAIR"):
        DSAIR().replace(W=0)
    with pytest.raises(InvalidParameterError, match=r"no parameters \['risk'\]"):
        DSAIR().replace(risk=0.5)
