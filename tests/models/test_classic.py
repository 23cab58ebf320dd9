"""Classic games: their textbook equilibria (Osborne 2004, ch. 2-4)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import (
    MODELS,
    battle_of_the_sexes,
    chicken,
    coordination,
    hawk_dove,
    matching_pennies,
    model_parameters,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
    stag_hunt,
)


def pure_profiles(game):
    return sorted(
        tuple(game.actions[i][int(s[0])] for i, s in enumerate(eq.support))
        for eq in sg.solve(game, method="pure").equilibria
    )


def test_pure_equilibria_of_the_classics():
    assert pure_profiles(prisoners_dilemma()) == [("defect", "defect")]
    assert pure_profiles(stag_hunt()) == [("hare", "hare"), ("stag", "stag")]
    assert pure_profiles(chicken()) == [("straight", "swerve"), ("swerve", "straight")]
    assert pure_profiles(battle_of_the_sexes()) == [
        ("football", "football"),
        ("opera", "opera"),
    ]
    assert pure_profiles(coordination(3)) == [("c1", "c1"), ("c2", "c2"), ("c3", "c3")]
    for game in (matching_pennies(), rock_paper_scissors(), shapley_game()):
        assert pure_profiles(game) == []


@pytest.mark.parametrize("V,C", [(2, 4), (1, 3), (Fraction(3, 2), 5)])
def test_hawk_dove_mixed_equilibrium_is_v_over_c(V, C):
    # Maynard Smith & Price (1973): the ESS plays hawk with probability V/C.
    game = hawk_dove(V, C)
    p = Fraction(V) / C
    assert game.is_exact
    assert game.is_nash(([p, 1 - p], [p, 1 - p]), tol=0)
    q = p + Fraction(1, 10)
    assert not game.is_nash(([q, 1 - q], [q, 1 - q]), tol=0)


def test_mixed_equilibria_with_known_formulas():
    # stag hunt: stag w.p. (hare - alone) / (stag - alone)
    p = Fraction(3 - 0, 4 - 0)
    assert stag_hunt().is_nash(([p, 1 - p], [p, 1 - p]), tol=0)
    # battle of the sexes: row opera w.p. high/(high+low), column low/(high+low)
    assert battle_of_the_sexes(3, 1).is_nash(
        ([Fraction(3, 4), Fraction(1, 4)], [Fraction(1, 4), Fraction(3, 4)]), tol=0
    )
    uniform = [Fraction(1, 3)] * 3
    assert rock_paper_scissors().is_nash((uniform, uniform), tol=0)
    assert shapley_game().is_nash((uniform, uniform), tol=0)
    assert matching_pennies(2).is_zero_sum()
    # coordination with values: mix in proportion to 1/values
    g = coordination(2, values=[1, 2])
    assert g.is_nash(
        ([Fraction(2, 3), Fraction(1, 3)], [Fraction(2, 3), Fraction(1, 3)]), tol=0
    )


@pytest.mark.parametrize(
    "game",
    [
        matching_pennies(3),
        rock_paper_scissors(),
        rock_paper_scissors(win=10, lose=-1, tie=0),  # not zero-sum
        rock_paper_scissors(win=3, lose=-1, tie=2),
        shapley_game(),
    ],
    ids=["pennies", "rps", "rps-10-1", "rps-shifted", "shapley"],
)
def test_the_uniform_equilibrium_is_the_only_one(game):
    # Osborne (2004) ch. 4 (pennies, rock-paper-scissors); Shapley (1964):
    # support enumeration of these nondegenerate games lists every
    # equilibrium, and finds only uniform mixing.
    result = sg.solve(game, method="support_enumeration")
    assert result.complete and len(result.equilibria) == 1
    for eq in result.equilibria:
        for strategy in eq.strategies:
            np.testing.assert_allclose(strategy, 1 / len(strategy), atol=1e-12)


def test_bad_parameters_say_what_is_allowed():
    with pytest.raises(InvalidParameterError, match="T > R > P > S"):
        prisoners_dilemma(T=1, R=3)
    with pytest.raises(InvalidParameterError, match="'C' parameter of hawk_dove"):
        hawk_dove(2, -1)
    with pytest.raises(InvalidParameterError, match="'k' parameter of coordination"):
        coordination(1)
    with pytest.raises(InvalidParameterError, match="one per action"):
        coordination(3, values=[1, 2])
    with pytest.raises(InvalidParameterError, match="win > tie > lose"):
        rock_paper_scissors(win=0)
    with pytest.raises(InvalidParameterError, match="stag > hare > alone"):
        stag_hunt(stag=2)
    with pytest.raises(InvalidParameterError, match="win > 0 > lose > crash"):
        chicken(crash=0)
    with pytest.raises(InvalidParameterError, match="high > low > 0"):
        battle_of_the_sexes(1, 2)


def test_registry_lists_every_model_with_parameters():
    assert {
        "prisoners_dilemma",
        "dsair",
        "safety_race",
        "compute_race",
        "strategic_trade_policy",
        "compute_lead",
        "shapley_game",
    } <= set(MODELS)
    assert model_parameters("hawk_dove") == {"V": 2, "C": 4}
    assert model_parameters("compute_race")["prize"] == 100.0
    for name in MODELS:
        assert isinstance(model_parameters(name), dict)
    with pytest.raises(InvalidParameterError, match="'hawk_dove'"):
        model_parameters("hawk-dove")  # the message lists the registered names
