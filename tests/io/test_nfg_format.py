"""The .nfg format: both payoff forms, labels, numbers, inputs and the writer."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import InvalidGameError, NfgParseError
from stratgame.io import NfgFile, parse_nfg, read_nfg, write_nfg

# A Prisoner's Dilemma (payoffs of Gambit's contrib/games/pd.nfg), once in
# the payoff form and once in the outcome form; player 1's strategy changes
# fastest, so the profiles are (C, C), (D, C), (C, D), (D, D).
PD_PAYOFF = """NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
{ { "C" "D" }
{ "C" "D" }
}
""

9 9 10 0 0 10 1 1
"""

PD_OUTCOME = """NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
{ { "C" "D" }
{ "C" "D" }
}
""

{
{ "both cooperate" 9, 9 }
{ "row defects" 10, 0 }
{ "column defects" 0, 10 }
{ "both defect" 1 1 }
}
1 2 3 4
"""


def test_payoff_and_outcome_forms_give_the_same_game():
    payoff, outcome = read_nfg(PD_PAYOFF), read_nfg(PD_OUTCOME)
    assert payoff == outcome
    assert payoff["D", "C"].tolist() == [10, 0]
    assert payoff["C", "D"].tolist() == [0, 10]
    (equilibrium,) = sg.solve(payoff, method="pure").equilibria
    assert equilibrium.exact == ((0, 1), (0, 1))


def test_profiles_list_the_first_player_fastest():
    # Profile k of a 2x3x2 game is (k % 2, (k // 2) % 3, k // 6); its payoffs
    # here are (10k, 10k + 1, 10k + 2).
    numbers = " ".join(f"{10 * k} {10 * k + 1} {10 * k + 2}" for k in range(12))
    game = read_nfg(f'NFG 1 R "" {{ "A" "B" "C" }} {{ 2 3 2 }}\n{numbers}')
    assert game.shape == (2, 3, 2)
    for k in range(12):
        profile = (k % 2, (k // 2) % 3, k // 6)
        assert game[profile].tolist() == [10 * k, 10 * k + 1, 10 * k + 2]


def test_outcome_zero_is_the_null_outcome_and_outcomes_can_repeat():
    game = read_nfg(
        'NFG 1 R "" { "1" "2" } { 2 2 }\n{ { "win" 1, -1, } { "lose" -1 1 } }\n1 0 2 1'
    )
    assert game.payoff_arrays[0].tolist() == [[1, -1], [0, 1]]
    assert game.payoff_arrays[1].tolist() == [[-1, 1], [0, -1]]


def test_counts_give_gambit_default_strategy_labels():
    game = read_nfg('NFG 1 D "" { "a" "b" } { 3 1 } 1 2 3 4 5 6')
    assert game.actions == (("1", "2", "3"), ("1",))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("-7", -7),
        ("+7", 7),
        ("3/4", Fraction(3, 4)),
        ("-6/8", Fraction(-3, 4)),
        ("1.5", Fraction(3, 2)),
        ("0.1", Fraction(1, 10)),
        (".25", Fraction(1, 4)),
        ("-.25", Fraction(-1, 4)),
        ("5.", 5),
        ("1.5e2", 150),
        ("2E-3", Fraction(1, 500)),
        ("1e+16", 10**16),
        ("2.000000", 2),
        ("123456789012345678901234567890", 123456789012345678901234567890),
    ],
)
def test_numbers_are_read_exactly(text, value):
    game = read_nfg(f'NFG 1 R "" {{ "only" }} {{ 1 }} {text}')
    assert game.payoff_arrays[0][0] == value
    whole = isinstance(value, int) and abs(value) < 2**63
    assert game.payoff_arrays[0].dtype == (np.int64 if whole else object)


def test_both_precision_letters_read_exactly():
    for letter in "DR":
        game = read_nfg(f'NFG 1 {letter} "" {{ "a" "b" }} {{ 1 1 }} 0.1 1/3')
        assert game[0, 0].tolist() == [Fraction(1, 10), Fraction(1, 3)]


def test_labels_titles_and_comments_with_escapes_and_lines():
    text = (
        'NFG 1 R "A \\"quoted\\" title\nover two lines"\n'
        '{ "Lab \\\\ one" "Lab\\"2" }\n'
        '{ { "x" "y"} {"left" "right"}}\n'
        '"comment with a \\"quote\\" and\na second line"\n'
        "1 2 3 4 5 6 7 8\n"
    )
    parsed = parse_nfg(text)
    assert isinstance(parsed, NfgFile)
    assert parsed.game.title == 'A "quoted" title\nover two lines'
    assert parsed.game.players == ("Lab \\ one", 'Lab"2')
    assert parsed.game.actions == (("x", "y"), ("left", "right"))
    assert parsed.comment == 'comment with a "quote" and\na second line'


def test_distinct_labels_follow_gambit():
    game = read_nfg(
        'NFG 1 R "" { "" "p" "p" }\n{ { "x" "x" "x_1" } { "" } { "a" "" } }\n'
        + " ".join(["0"] * 18)
    )
    assert game.players == ("_1", "p_1", "p_2")
    # "x_1" is taken, so the two "x" become x_2 and x_3.
    assert game.actions == (("x_2", "x_3", "x_1"), ("_1",), ("a", "_1"))


def test_input_kinds(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text(PD_PAYOFF)
    expected = read_nfg(PD_PAYOFF)
    assert read_nfg(path) == expected
    assert read_nfg(str(path)) == expected
    assert read_nfg(PD_PAYOFF.encode()) == expected
    assert read_nfg(b"\xef\xbb\xbf" + PD_PAYOFF.encode()) == expected  # BOM
    assert read_nfg("\n\n  " + PD_PAYOFF) == expected
    # A str with a newline is text even when it does not start with NFG.
    with pytest.raises(NfgParseError, match="line 1: expected 'NFG'"):
        read_nfg("oops\n" + PD_PAYOFF)


def test_missing_file_and_wrong_type():
    with pytest.raises(FileNotFoundError, match=r"no \.nfg file at 'missing\.nfg'"):
        read_nfg("missing.nfg")
    with pytest.raises(TypeError, match="got int"):
        read_nfg(3)


def test_write_to_a_path_and_read_back(tmp_path):
    game = read_nfg(PD_OUTCOME)
    assert write_nfg(game, tmp_path / "out.nfg", comment="from a test") is None
    parsed = parse_nfg(tmp_path / "out.nfg")
    assert parsed.game == game and parsed.game.title == game.title
    assert parsed.comment == "from a test"


def test_written_text_is_gambit_payoff_form():
    text = write_nfg(read_nfg(PD_OUTCOME))
    assert text.splitlines() == [
        'NFG 1 R "Prisoner\'s Dilemma" { "Row" "Column" }',
        "",
        '{ { "C" "D" }',
        '{ "C" "D" }',
        "}",
        '""',
        "",
        "9 9",
        "10 0",
        "0 10",
        "1 1",
    ]


def test_float_games_round_trip_to_the_same_floats():
    rng = np.random.default_rng(7)
    payoffs = [rng.normal(size=(3, 2, 2)) * 10.0**e for e in (-7, 0, 20)]
    payoffs[0][0, 0, 0] = 0.1
    payoffs[1][1, 1, 1] = -0.0
    payoffs[2][0, 1, 0] = -1.7976931348623157e308
    payoffs[2][1, 1, 0] = 5e-324
    game = sg.NormalFormGame(payoffs)
    back = read_nfg(write_nfg(game))
    # Policy (write_nfg Notes): floats are written with repr and read back as
    # exact decimals, which convert to the very same floats.
    assert back.is_exact
    assert back.payoff_arrays[0][0, 0, 0] == Fraction(1, 10)
    for before, after in zip(game.payoff_arrays, back.float_payoff_arrays, strict=True):
        np.testing.assert_array_equal(before, after)


def test_exact_games_round_trip_exactly():
    payoffs = np.array(
        [[Fraction(1, 3), Fraction(-7, 2)], [10**30, Fraction(0)]], dtype=object
    )
    game = sg.NormalFormGame.from_bimatrix(payoffs, title="big and small")
    back = read_nfg(write_nfg(game))
    assert back == game
    assert back.payoff_arrays[0][1, 0] == 10**30


labels = st.lists(
    st.sampled_from(["a", "b", " ", '"', "\\", "\n", "\t", "{", "}", ",", "é", '\\"']),
    max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    title=labels,
    comment=labels,
    players=st.lists(labels, min_size=2, max_size=2, unique=True).filter(all),
    row=st.lists(labels, min_size=1, max_size=3, unique=True).filter(all),
)
def test_any_labels_round_trip(title, comment, players, row):
    game = sg.NormalFormGame(
        [np.arange(len(row) * 2).reshape(len(row), 2)] * 2,
        players=players,
        actions=(row, ("x", "y")),
        title=title,
    )
    parsed = parse_nfg(write_nfg(game, comment=comment))
    assert parsed.game == game
    assert parsed.game.title == title
    assert parsed.comment == comment


def test_writer_errors():
    with pytest.raises(InvalidGameError, match="needs a NormalFormGame; got list"):
        write_nfg([[1, 2]])
    game = sg.NormalFormGame.from_bimatrix([[1]], title="nul\x00")
    with pytest.raises(InvalidGameError, match="NUL"):
        write_nfg(game)


def test_round_trip_path_objects(tmp_path: Path):
    game = sg.NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]])
    target = tmp_path / "g.nfg"
    write_nfg(game, str(target))
    assert read_nfg(target) == game
