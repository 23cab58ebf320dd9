"""Every game of the Gambit reference corpus: read with the right shape and
labels, the same pure equilibria as Gambit 16.7 found (REFERENCE.json), and
exact round trips through .nfg and JSON."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from gambit_corpus import corpus_reference
from stratgame.io import game_from_json, game_to_json, nfg, parse_nfg

REFERENCE = corpus_reference()
NAMES = sorted(REFERENCE)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_game_loads_with_reference_shape_and_labels(gambit_corpus, name):
    reference = REFERENCE[name]
    game = sg.read_nfg(gambit_corpus / name)
    assert game.shape == tuple(reference["shape"])
    assert game.players == tuple(reference["players"])
    assert game.title == reference["title"]
    assert game.is_exact
    assert [len(a) for a in game.actions] == reference["shape"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_pure_equilibria_equal_gambit(gambit_corpus, name):
    game = sg.read_nfg(gambit_corpus / name)
    result = sg.solve(game, method="pure")
    found = {eq.exact for eq in result.equilibria}
    expected = {
        tuple(tuple(Fraction(p) for p in strategy) for strategy in profile)
        for profile in REFERENCE[name]["pure"]
    }
    assert found == expected
    for eq in result.equilibria:
        assert game.is_nash(eq.exact, tol=0)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_game_round_trips_exactly(gambit_corpus, name):
    parsed = parse_nfg(gambit_corpus / name)
    game = parsed.game
    again = parse_nfg(sg.write_nfg(game, comment=parsed.comment))
    assert again.game == game
    assert again.game.title == game.title
    assert again.comment == parsed.comment
    for before, after in zip(game.payoff_arrays, again.game.payoff_arrays, strict=True):
        assert before.dtype == after.dtype
    from_json = game_from_json(game_to_json(game))
    assert from_json == game and from_json.title == game.title


def test_corpus_comments_are_kept(gambit_corpus):
    name = "contrib/games/loopback.nfg"
    comment = parse_nfg(gambit_corpus / name).comment
    assert comment.startswith("This game has a backwards bend")
    assert comment.count("\n") == 2


def test_corpus_outcome_and_payoff_versions_agree(gambit_corpus):
    folder = gambit_corpus / "tests" / "test_games"
    outcome = sg.read_nfg(folder / "coordination_4x4_outcome.nfg")
    payoff = sg.read_nfg(folder / "coordination_4x4_payoff.nfg")
    assert [a.tolist() for a in outcome.payoff_arrays] == [
        a.tolist() for a in payoff.payoff_arrays
    ]
    np.testing.assert_array_equal(outcome.payoff_arrays[0], np.eye(4, dtype=int))


def test_corpus_decimals_and_rationals_are_exact(gambit_corpus):
    # 2x2x2x2.nfg lists 1.131 for player 1 at the first profile; todd3.nfg
    # lists 2/7 for player 1 at profile (5, 1) (outcome 5).
    four = sg.read_nfg(gambit_corpus / "contrib/games/2x2x2x2.nfg")
    assert four.payoff_arrays[0][0, 0, 0, 0] == Fraction(1131, 1000)
    todd = sg.read_nfg(gambit_corpus / "contrib/games/todd3.nfg")
    assert todd.payoff_arrays[0][4, 0] == Fraction(2, 7)
    # D files of whole numbers ("2.000000") come back as integers.
    assert (
        sg.read_nfg(gambit_corpus / "contrib/games/e04.nfg").payoff_arrays[0].dtype
        == np.int64
    )


def test_corpus_labels_are_made_distinct_like_gambit(gambit_corpus):
    # Both players of sww1.nfg are labelled "" and Gambit names them _1, _2
    # (REFERENCE.json); the column player's two strategies are both "defect".
    sww = sg.read_nfg(gambit_corpus / "contrib/games/sww1.nfg")
    assert sww.players == ("_1", "_2")
    zero = sg.read_nfg(
        gambit_corpus / "tests/test_games/2x2_bimatrix_all_zero_payoffs.nfg"
    )
    assert zero.actions == (("cooperate", "defect"), ("defect_1", "defect_2"))


def test_token_by_token_reading_agrees_with_the_bulk_fast_path(
    gambit_corpus, monkeypatch
):
    # read_nfg reads the payoff list in bulk when it is well formed; the
    # token-by-token path (used otherwise, to find the line of an error) must
    # read every corpus game the same way.
    bulk = {name: sg.read_nfg(gambit_corpus / name) for name in NAMES}
    monkeypatch.setattr(nfg._Parser, "rest_words", lambda self, count: None)
    for name in NAMES:
        game = sg.read_nfg(gambit_corpus / name)
        assert game == bulk[name], name
        for a, b in zip(game.payoff_arrays, bulk[name].payoff_arrays, strict=True):
            assert a.dtype == b.dtype
