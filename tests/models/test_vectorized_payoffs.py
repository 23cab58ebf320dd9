"""Vectorized ``payoffs(**arrays)`` of the models: equal, bit for bit, to the
payoffs of ``game()`` at every point; invalid points and exact parameters
refused."""

from __future__ import annotations

import numpy as np
import pytest

from stratgame.exceptions import InvalidParameterError
from stratgame.models import (
    DSAIR,
    OpennessGame,
    battle_of_the_sexes,
    chicken,
    hawk_dove,
    matching_pennies,
    prisoners_dilemma,
    rock_paper_scissors,
    stag_hunt,
)

K = 50


def _ordered(rng, names):
    """Random floats with ``names[0] > names[1] > ...`` at every point."""
    values = -np.sort(-rng.normal(size=(K, len(names))) * 3, axis=1)
    return dict(zip(names, values.T, strict=True))


def _positive(rng, *names):
    return {name: rng.uniform(0.01, 5, K) for name in names}


SAMPLERS = {
    prisoners_dilemma: lambda rng: _ordered(rng, "TRPS"),
    stag_hunt: lambda rng: _ordered(rng, ("stag", "hare", "alone")),
    hawk_dove: lambda rng: _positive(rng, "V", "C"),
    chicken: lambda rng: {
        "win": rng.uniform(0.1, 3, K),
        "lose": -rng.uniform(0.1, 1, K),
        "crash": -rng.uniform(1.1, 9, K),
    },
    battle_of_the_sexes: lambda rng: {
        "high": rng.uniform(1.1, 3, K),
        "low": rng.uniform(0.1, 1, K),
    },
    matching_pennies: lambda rng: _positive(rng, "stake"),
    rock_paper_scissors: lambda rng: _ordered(rng, ("win", "tie", "lose")),
    DSAIR: lambda rng: {
        "b": rng.uniform(0, 8, K),
        "c": rng.uniform(0, 3, K),
        "s": rng.uniform(1, 4, K),
        "p_risk": rng.uniform(0, 1, K),
        "B": rng.uniform(0, 1e4, K),
        "W": rng.uniform(1, 200, K),
    },
    OpennessGame: lambda rng: {
        "market": rng.uniform(0, 20, K),
        "adoption_boost": rng.uniform(0, 3, K),
        "licensing": rng.uniform(0, 10, (K, 2)),
        "erosion": rng.uniform(0, 1, K),
        "community": rng.normal(size=K),
        "spillover": rng.normal(size=K),
    },
}


def _game(model, params):
    built = model(**params)
    return built.game() if hasattr(built, "game") else built


@pytest.mark.parametrize("model", list(SAMPLERS), ids=lambda m: m.__name__)
def test_vectorized_payoffs_are_the_games_payoffs(model):
    rng = np.random.default_rng(19)
    arrays = SAMPLERS[model](rng)
    U = model.payoffs(**arrays)
    for k in range(K):
        point = {name: values[k] for name, values in arrays.items()}
        if "licensing" in point:
            point["licensing"] = tuple(point["licensing"])
        game = _game(model, point)
        assert not game.is_exact
        assert U.shape == (K, game.n_players, *game.shape)
        np.testing.assert_array_equal(U[k], np.stack(game.payoff_arrays))


@pytest.mark.parametrize(
    ("model", "name", "values"),
    [
        (DSAIR, "p_risk", np.linspace(0, 1, 7)),
        (OpennessGame, "licensing", np.array([[0.5, 9.0], [7.0, 1.5]])),
        (hawk_dove, "C", np.array([0.5, 2.0, 8.0])),
    ],
)
def test_the_defaults_fill_the_parameters_not_given(model, name, values):
    U = model.payoffs(**{name: values})
    for k, value in enumerate(values):
        value = tuple(value) if name == "licensing" else value
        np.testing.assert_array_equal(
            U[k], np.stack(_game(model, {name: value}).payoff_arrays)
        )


def test_invalid_points_are_refused_naming_the_first():
    with pytest.raises(InvalidParameterError, match=r"T > R > P > S.*1 of 3 points"):
        prisoners_dilemma.payoffs(T=np.array([5.0, 2.5, 6.0]))
    with pytest.raises(InvalidParameterError, match=r"'p_risk'.*range \[0, 1\]"):
        DSAIR.payoffs(p_risk=np.array([0.5, 1.5]))
    with pytest.raises(InvalidParameterError, match="one length"):
        DSAIR.payoffs(b=np.ones(3), c=np.ones(2))
    with pytest.raises(InvalidParameterError, match="numeric parameters"):
        OpennessGame.payoffs(players=np.array(["a", "b"]))
    with pytest.raises(InvalidParameterError, match="finite"):
        hawk_dove.payoffs(V=np.array([1.0, np.nan]))


def test_exact_parameters_are_left_to_game():
    """All ints or Fractions: ``game()`` builds an exact game, so the float
    payoffs are refused (a sweep then builds those points one by one)."""
    with pytest.raises(InvalidParameterError, match="exact"):
        prisoners_dilemma.payoffs(T=np.array([5, 6]))
    with pytest.raises(InvalidParameterError, match="exact"):
        DSAIR.payoffs(b=np.array([4, 5]))  # s and p_risk default to Fractions
    assert DSAIR.payoffs(b=np.array([4.0, 5.0])).dtype == np.float64
