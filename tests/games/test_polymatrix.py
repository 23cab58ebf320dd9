"""PolymatrixGame: construction, validation, labels, payoffs and regret
agreeing with the normal form, and the round trip through it."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import InvalidGameError, InvalidProfileError


def random_polymatrix(rng, n=3, shape=None, density=0.8):
    shape = shape or tuple(int(k) for k in rng.integers(1, 4, n))
    matrices = {
        (i, j): rng.standard_normal((shape[i], shape[j]))
        for i in range(n)
        for j in range(n)
        if i != j and rng.random() < density
    }
    return sg.PolymatrixGame(matrices, n_actions=shape)


def test_construction_labels_and_repr():
    g = sg.PolymatrixGame(
        {(0, 1): [[3, 0], [5, 1]], (1, 0): [[3, 0], [5, 1]], (1, 2): [[1], [2]]},
        players=("US", "China", "EU"),
        actions=(("open", "closed"), ("open", "closed"), ("wait",)),
    )
    assert g.n_players == 3 and g.shape == (2, 2, 1) and g.is_exact
    assert g.players == ("US", "China", "EU")
    assert g.neighbors(1) == (0, 2) and g.neighbors(2) == ()
    assert g.edges == ((0, 1), (1, 0), (1, 2))
    assert "edges=2" in repr(g)
    assert g.expected_payoffs(("closed", "closed", "wait")).tolist() == [1, 3, 0]
    np.testing.assert_array_equal(g.payoff_matrix(2, 0), np.zeros((1, 2)))


@pytest.mark.parametrize(
    ("payoffs", "kwargs", "match"),
    [
        ([[1]], {}, "mapping"),
        ({(0, 0): [[1]]}, {}, "two distinct"),
        ({(0, 1): [[1, 2]], (1, 0): [[1, 2]]}, {}, "has 2 actions"),
        ({(0, 1): [[np.nan]]}, {}, "finite"),
        ({(0, 1): [[1]]}, {"players": ("a",)}, "game has 1 players"),
        ({(0, 1): [[1]]}, {"n_actions": (2, 1)}, "player 0 has 2 actions"),
        ({(0, 1): [[1]]}, {"players": ("a", "a")}, "twice"),
        ({(0, 2): [[1]]}, {}, "player 1 meets no one"),
    ],
)
def test_invalid_games_are_refused_with_the_reason(payoffs, kwargs, match):
    with pytest.raises(InvalidGameError, match=match):
        sg.PolymatrixGame(payoffs, **kwargs)


def test_profiles_are_checked():
    g = sg.PolymatrixGame({(0, 1): [[1, 0], [0, 1]]})
    with pytest.raises(InvalidProfileError, match="one strategy per player"):
        g.regret(([1, 0],))
    with pytest.raises(InvalidProfileError, match="probability"):
        g.regret(([0.7, 0.7], [1, 0]))
    with pytest.raises(InvalidProfileError, match="no action"):
        g.regret(("x", 0))


def test_exact_payoffs_and_regret():
    g = sg.PolymatrixGame(
        {(0, 1): [[Fraction(1, 3), 0], [0, 1]], (1, 0): [[1, 0], [0, 2]]}
    )
    half = [Fraction(1, 2), Fraction(1, 2)]
    assert g.regret((half, half), exact=True).tolist() == [
        Fraction(1, 6),
        Fraction(1, 4),
    ]
    assert g.expected_payoffs((half, half))[0] == Fraction(1, 3)


def test_normal_form_agrees_on_payoffs_regret_and_ranges():
    rng = np.random.default_rng(0)
    for _ in range(20):
        g = random_polymatrix(rng, n=int(rng.integers(2, 5)))
        nf = g.to_normal_form()
        assert nf.players == g.players and nf.actions == g.actions
        np.testing.assert_allclose(g.payoff_ranges, nf.payoff_ranges, atol=1e-12)
        profile = [rng.dirichlet(np.ones(k)) for k in g.shape]
        np.testing.assert_allclose(
            g.expected_payoffs(profile), nf.expected_payoffs(profile), atol=1e-12
        )
        np.testing.assert_allclose(
            g.regret(profile, relative=True),
            nf.regret(profile, relative=True),
            atol=1e-12,
        )


def test_from_normal_form_round_trip_and_refusal():
    rng = np.random.default_rng(1)
    g = random_polymatrix(rng, n=4, shape=(2, 3, 2, 2), density=1.0)
    back = sg.PolymatrixGame.from_normal_form(g.to_normal_form())
    profile = [rng.dirichlet(np.ones(k)) for k in g.shape]
    np.testing.assert_allclose(
        back.expected_payoffs(profile), g.expected_payoffs(profile), atol=1e-12
    )
    u = np.zeros((2, 2, 2))
    u[1, 1, 1] = 1.0  # a three-way interaction
    with pytest.raises(InvalidGameError, match="not a polymatrix"):
        sg.PolymatrixGame.from_normal_form(sg.NormalFormGame([u, u, u]))


def test_equality():
    a = sg.PolymatrixGame({(0, 1): [[1, 2]]}, n_actions=(1, 2))
    b = sg.PolymatrixGame({(0, 1): [[1, 2]]}, n_actions=(1, 2))
    assert a == b and a != sg.PolymatrixGame({(0, 1): [[1, 3]]}, n_actions=(1, 2))


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 4))
def test_hypothesis_regret_matches_normal_form(seed, n):
    rng = np.random.default_rng(seed)
    g = random_polymatrix(rng, n=n)
    nf = g.to_normal_form()
    profile = [rng.dirichlet(np.ones(k)) for k in g.shape]
    np.testing.assert_allclose(g.regret(profile), nf.regret(profile), atol=1e-12)
