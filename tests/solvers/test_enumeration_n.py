"""Every isolated equilibrium of N-player games by support enumeration and
homotopy continuation: the Gambit corpus (Gambit's own equilibria and the
counts in the games' titles), Wilson's oddness theorem on random generic
games, continua of equilibria, exact recovery, and a regret computed here
independently of the library."""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from gambit_corpus import CORPUS, corpus_reference
from solvers.n_player_checks import distance, independent_regret
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.solvers.enumeration_n import enumerate_equilibria_n

REFERENCE = corpus_reference()
N_PLAYER = sorted(name for name, entry in REFERENCE.items() if len(entry["shape"]) > 2)

# Counts stated in the titles of Gambit's games (all isolated equilibria).
TITLE_COUNTS = {
    "contrib/games/2x2x2.nfg": 9,  # McKelvey-McLennan: 9 equilibria
    "doc/2x2x2.nfg": 9,
    "contrib/games/3x3x3.nfg": 5,  # "five equilibria (two pure)"
    "contrib/games/2x2x2x2.nfg": 3,  # "3 Nash equilibria"
    "contrib/games/2x2x2x2x2.nfg": 5,  # "five equilibria"
    "contrib/games/g1.nfg": 1,  # van der Laan et al.: 1 totally mixed
    "contrib/games/g2.nfg": 1,
    "contrib/games/g3.nfg": 5,  # "five mixed equilibria"
    "catalog/journals/ijgt/nau2004/sec4.nfg": 1,  # unique, irrational
    "tests/test_games/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg": 3,
}
GENERIC = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@cache
def solved(name: str):
    game = sg.read_nfg((CORPUS / name).read_text())
    return game, enumerate_equilibria_n(game, rng=0)


# ----------------------------------------------------------------- corpus
@pytest.mark.parametrize("name", N_PLAYER)
def test_corpus_every_gambit_equilibrium_is_found(gambit_corpus, name):
    game, result = solved(name)
    assert result.complete
    found = [eq.strategies for eq in result.equilibria]
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
    reference = REFERENCE[name].get("equilibria") or []
    for profile in reference:
        profile = [np.array(s) for s in profile]
        assert min(distance(profile, f) for f in found) <= 1e-6, profile
    for profile in REFERENCE[name]["pure"]:
        profile = [np.array([float(Fraction(p)) for p in s]) for s in profile]
        assert min(distance(profile, f) for f in found) <= 1e-12


@pytest.mark.parametrize("name", sorted(TITLE_COUNTS))
def test_corpus_title_counts(gambit_corpus, name):
    _, result = solved(name)
    assert len(result.details["isolated"]) == TITLE_COUNTS[name]
    assert not result.details["continua"]
    assert len(result.equilibria) == TITLE_COUNTS[name]


def test_sec5_continuum_is_reported_with_sample_points(gambit_corpus):
    """Nau et al. 2004, section 5: a continuum of completely mixed equilibria
    beside pure ones; the continuum is a component with several points."""
    game, result = solved("catalog/journals/ijgt/nau2004/sec5.nfg")
    assert result.details["continua"]
    continuum = max(result.details["continua"], key=lambda c: len(c["equilibria"]))
    assert continuum["dimension"] == 1
    members = [result.equilibria[k] for k in continuum["equilibria"]]
    assert len(members) >= 3
    assert any(all(s.min() > 0 for s in eq.strategies) for eq in members)
    for eq in members:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9
    assert continuum["equilibria"] in result.components


@pytest.mark.parametrize(
    "name",
    ["catalog/journals/ijgt/nau2004/sec6.nfg", "contrib/games/perfect3.nfg"],
)
def test_games_gambit_times_out_on_are_solved(gambit_corpus, name):
    """enumpoly times out on these (REFERENCE.json has no mixed answer);
    here they are solved, their segments of equilibria reported as
    continua."""
    game, result = solved(name)
    assert result.complete and result.equilibria
    assert result.details["continua"]
    for eq in result.equilibria:
        assert independent_regret(game.payoff_arrays, eq.strategies) <= 1e-9


def test_sec6_segment_has_distinct_points(gambit_corpus):
    """The Nash equilibria of Nau et al.'s 2x2x4 game form a segment."""
    _, result = solved("catalog/journals/ijgt/nau2004/sec6.nfg")
    (continuum,) = result.details["continua"]
    points = [result.equilibria[k].strategies for k in continuum["equilibria"]]
    assert len(points) >= 2
    assert max(distance(a, b) for a in points for b in points) > 0.01


# ------------------------------------------------------- generic games
@given(
    shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3)]),
    seed=st.integers(0, 2**32 - 1),
)
@GENERIC
def test_generic_games_have_an_odd_number_of_equilibria(shape, seed):
    """Wilson's oddness theorem (1971): a generic game has an odd number of
    equilibria, so an even count means one was missed."""
    payoffs = np.random.default_rng(seed).standard_normal((len(shape), *shape))
    game = sg.NormalFormGame(list(payoffs))
    result = enumerate_equilibria_n(game, rng=seed)
    assert result.complete
    assert len(result.equilibria) % 2 == 1
    assert not result.details["continua"]
    for eq in result.equilibria:
        assert independent_regret(payoffs, eq.strategies) <= 1e-9
    flat = [np.concatenate(eq.strategies) for eq in result.equilibria]
    for a in range(len(flat)):
        for b in range(a):
            assert np.abs(flat[a] - flat[b]).max() > 1e-6


def test_two_player_games_agree_with_vertex_enumeration():
    payoffs = np.random.default_rng(5).integers(-9, 10, (2, 4, 4))
    game = sg.NormalFormGame(list(payoffs))
    ours = enumerate_equilibria_n(game, rng=1)
    theirs = sg.solve(game, method="enumerate")
    assert len(ours.equilibria) == len(theirs.equilibria)
    for eq in theirs.equilibria:
        assert (
            min(distance(eq.strategies, f.strategies) for f in ours.equilibria) < 1e-9
        )


def test_same_rng_same_result():
    game = sg.NormalFormGame(
        list(np.random.default_rng(2).standard_normal((3, 3, 3, 2)))
    )
    a = enumerate_equilibria_n(game, rng=4)
    b = enumerate_equilibria_n(game, rng=4)
    assert [
        distance(x.strategies, y.strategies) for x, y in zip(a, b, strict=True)
    ] == [0.0] * len(a)


# ---------------------------------------------------------------- exactness
def test_exact_rational_and_irrational_equilibria():
    game = sg.read_nfg(sg.data.path("three_labs"))
    result = enumerate_equilibria_n(game, exact=True, rng=0)
    rational = [eq for eq in result.equilibria if eq.exact is not None]
    assert len(rational) == 2
    for eq in rational:
        assert all(
            r == 0 for r in game.regret([np.array(s, dtype=object) for s in eq.exact])
        )
    (irrational,) = result.details["high_precision"]
    record = result.details["high_precision"][irrational]
    digits = record["strategies"][0][0]
    # 4 - 2 sqrt(3), to 40 digits
    assert digits.startswith("0.5358983848622454129451073169882552661143")
    low, high = record["enclosure"][0][0]
    assert (4 - low) ** 2 >= 12 >= (4 - high) ** 2  # low <= 4 - 2 sqrt(3) <= high
    assert record["certified"] and record["error_bound"] < 1e-49


def test_exact_corpus_equilibria_are_exact(gambit_corpus):
    """McKelvey and McLennan's 2x2x2 game: 9 equilibria, 2 totally mixed,
    all rational; each is returned as Fractions whose regret, computed in
    exact arithmetic, is exactly 0, and none is left as a decimal."""
    game = sg.read_nfg((CORPUS / "contrib/games/2x2x2.nfg").read_text())
    result = enumerate_equilibria_n(game, exact=True, rng=0)
    assert len(result.equilibria) == 9
    assert all(eq.exact is not None and eq.regret == 0 for eq in result.equilibria)
    assert result.details["high_precision"] == {}
    mixed = [
        eq for eq in result.equilibria if all(0 < p < 1 for s in eq.exact for p in s)
    ]
    assert len(mixed) == 2
    for eq in mixed:
        exact = [np.array(s, dtype=object) for s in eq.exact]
        assert all(isinstance(p, Fraction) for s in eq.exact for p in s)
        assert all(r == 0 for r in game.regret(exact, exact=True))
    assert Fraction(1, 3) in {
        p for eq in result.equilibria for s in eq.exact for p in s
    }


def irrational_game():
    """Three players, two actions each; action 0 minus action 1 pays player
    1 ``4 p2 p3 - 1``, player 2 ``p1 - 2 p3``, player 3 ``p1 - p2`` (``pj``:
    the probability of player j's action 0). The only totally mixed
    equilibrium is ``p1 = p2 = 1/sqrt(2)``, ``p3 = sqrt(2)/4``."""
    u = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    for a2, a3 in np.ndindex(2, 2):
        u[0][0, a2, a3] = 4 * (a2 == 0) * (a3 == 0) - 1
    for a1, a3 in np.ndindex(2, 2):
        u[1][a1, 0, a3] = int(a1 == 0) - 2 * (a3 == 0)
    for a1, a2 in np.ndindex(2, 2):
        u[2][a1, a2, 0] = int(a1 == 0) - int(a2 == 0)
    return sg.NormalFormGame([a.astype(int) for a in u])


def test_exact_irrational_equilibrium_is_enclosed():
    """The enclosure contains the exact root found by sympy from the payoff
    arrays (the difference of each player's two actions as a polynomial),
    the decimal strings match it to 45 digits, and the equilibrium is
    certified."""
    sympy = pytest.importorskip("sympy")
    game = irrational_game()
    p = sympy.symbols("p1:4")
    equations = []
    for i, u in enumerate(game.payoff_arrays):
        gap = 0
        for cell in np.ndindex(*game.shape):
            weight = 1
            for j, a in enumerate(cell):
                if j != i:
                    weight *= p[j] if a == 0 else 1 - p[j]
            gap += (1 if cell[i] == 0 else -1) * int(u[cell]) * weight
        equations.append(sympy.expand(gap))
    roots = [
        r
        for r in sympy.solve(equations, p, dict=True)
        if all(r[x].is_real and 0 < r[x] < 1 for x in p)
    ]
    assert len(roots) == 1 and not roots[0][p[0]].is_rational
    root = [roots[0][x] for x in p]

    result = enumerate_equilibria_n(game, exact=True, rng=0)
    mixed = [
        k
        for k, eq in enumerate(result.equilibria)
        if all(s.min() > 0 for s in eq.strategies)
    ]
    assert len(mixed) == 1 and result.equilibria[mixed[0]].exact is None
    record = result.details["high_precision"][mixed[0]]
    assert record["certified"]
    for j, value in enumerate(root):
        for a, exact_value in enumerate((value, 1 - value)):
            low, high = record["enclosure"][j][a]
            assert sympy.Rational(low) <= exact_value <= sympy.Rational(high)
            assert high - low < Fraction(1, 10**50)
            digits = sympy.Rational(record["strategies"][j][a])
            assert abs(digits - exact_value) <= sympy.Rational(record["error_bound"])
            assert abs(digits - exact_value) < sympy.Rational(1, 10**45)
    for eq in result.equilibria:
        if eq.exact is not None:
            exact = [np.array(s, dtype=object) for s in eq.exact]
            assert all(r == 0 for r in game.regret(exact, exact=True))


# ------------------------------------------------------------------ errors
def test_one_player_game_is_refused():
    with pytest.raises(InvalidGameError, match="two or more players"):
        enumerate_equilibria_n(sg.NormalFormGame([np.array([1.0, 2.0])]))


def test_bad_tolerance_is_refused():
    game = sg.read_nfg(sg.data.path("three_labs"))
    with pytest.raises(InvalidParameterError, match="tol"):
        enumerate_equilibria_n(game, tol=0.5)
