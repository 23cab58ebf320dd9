"""Malformed .nfg input: always an NfgParseError naming the line and what was
expected, never another exception, a hang or a huge allocation."""

from __future__ import annotations

import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import NfgParseError, StratgameError
from stratgame.io import nfg, read_nfg
from stratgame.io.nfg import MAX_PLAYERS, MAX_PROFILES

HEAD = 'NFG 1 R "t" { "A" "B" }\n{ 2 2 }\n'

# (text, line of the error, a fragment of the message)
MALFORMED = [
    ("", 1, "expected 'NFG'"),
    ("   \n\n", 3, "expected 'NFG' at the start of a Gambit strategic-game file"),
    ("NFG", 1, "format version 1"),
    ("NFG 2 R", 1, "(only NFG 1 exists); found the number 2"),
    ("NFG 1 Q", 1, "'D' or 'R' after 'NFG 1'; found the text 'Q'"),
    ("NFG 1 R title", 1, "the game's title in double quotes"),
    ('NFG 1 R "t" "A" "B"', 1, "'{' opening the list of player labels"),
    ('NFG 1 R "t" { }', 1, "at least one player label"),
    ('NFG 1 R "t" { "A" 3 }', 1, "a player label in double quotes, or '}'"),
    ('NFG 1 R "t" { "A" "B" }', 1, "'{' opening the players' strategies"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 }', 2, "number of strategies of player 2 of 2"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 0 }', 2, "a whole number from 1"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 1.5 }', 2, "found the number 1.5"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 -1 }', 2, "number of strategies of player 2"),
    ('NFG 1 R "t" { "A" "B" }\n{ 2 2 2 }', 2, "'}' closing the strategies of the 2"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } }', 2, "'{' opening player 2's strategy"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { } }', 2, "at least one strategy label"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { "y" 1 } }', 2, "a strategy label in"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { "y" } { "z" } }', 2, "closing the strat"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x" } { "y" }', 2, "found the end of the text"),
    (HEAD, 3, "the payoffs: numbers (payoff form), or '{'"),
    (HEAD + '"c"\n"d"', 4, "the payoffs"),
    (HEAD + "1 2 3 4 5 6 7", 3, "strategy profiles); found the end of the text"),
    (HEAD + "1 2 3 4\n5 6 7 8 9", 4, "the end of the text after the last payoff"),
    (HEAD + "1 2 3 4 5 6 7 x", 3, "payoff 8 of 8 (a number; the payoff form"),
    (HEAD + "1 2 3 4 5 6 7 8,", 3, "the end of the text after the last payoff"),
    (HEAD + "1 2 3 4 5 6 7 1/0", 3, "a rational number p/q with q > 0"),
    (HEAD + "1 2 3 4 5 6 7 1.2.3", 3, "found the text '1.2.3'"),
    (HEAD + "1 2 3 4 5 6 7 1e", 3, "found the text '1e'"),
    (HEAD + "1 2 3 4 5 6 7 --1", 3, "found the text '--1'"),
    (HEAD + "1 2 3 4 5 6 7 1-2", 3, "found the text '1-2'"),
    (HEAD + "1 2 3 4 5 6 7 +", 3, "found the text '+'"),
    (HEAD + "1 2 3 4 5 6 7 1.5/2", 3, "found the text '1.5/2'"),
    (HEAD + "1 2 3 4 5 6 7 nan", 3, "found the text 'nan'"),
    (HEAD + "1 2 3 4 5 6 7 inf", 3, "found the text 'inf'"),
    (HEAD + "1 2 3 4 5 6 7 ٣", 3, "found the text '٣'"),
    (HEAD + "1 2 3 4 5 6 7 1_000", 3, "found the text '1_000'"),
    (HEAD + "1 2 3 4 5 6 7 1e999999999", 3, "fits in a float64"),
    (HEAD + "1 2 3 4 5 6 7 1.8e308", 3, "fits in a float64"),
    (HEAD + "1 2 3 4 5 6 7 -18" + "0" * 307, 3, "fits in a float64"),
    (HEAD + "1 2 3 4 5 6 7 " + "9" * 310 + "/1", 3, "fits in a float64"),
    (HEAD + "1 2 3 4 5 6 7 1e-999999999", 3, "at most 400 digits after"),
    (HEAD + "1 2 3 4 5 6 7 " + "9" * 310, 3, "fits in a float64"),
    (HEAD + "1 2 3 4 5 6 7 " + "1" * 401, 3, "at most 400 characters"),
    (HEAD + '1 2 3 4 5 6 7 "8"', 3, "payoff 8 of 8"),
    (HEAD + '{ { "a" 1 2 }\n{ "b" 1 }\n}', 4, "payoff 2 of 2 of outcome 2; found '}'"),
    (HEAD + "{ { 1 2 } }", 3, "the name of outcome 1 in double quotes"),
    (HEAD + '{ { "a" 1 2 3 } }', 3, "'}' closing outcome 1 after its 2 payoffs"),
    (HEAD + '{ { "a" 1 2 } ', 3, "'{' opening another outcome, or '}' closing"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1', 4, "the outcome of profile 4 of 4"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1 2', 4, "a whole number from 0 to 1"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1 -1', 4, "the outcome of profile 4"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1 1.0', 4, "found the number 1.0"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1 1 1', 4, "the end of the text"),
    (HEAD + '{ { "a" 1 2 } }\n1 1 1 99999999999999999999', 4, "from 0 to 1"),
    ('NFG 1 R "t" { "A }', 1, "a closing '\"' for the label opened on this line"),
    ('NFG 1 R "t" { "A" "B" }\n{ { "x\n\n', 2, "found the end of the text"),
    (HEAD + "1 2 3 4 5 6 7 8 }", 3, "the end of the text after the last payoff"),
    (HEAD + "1 2 3 4 5 6 7 8 {", 3, "the end of the text after the last payoff"),
    ('NFG 1 R "t" { "A" }\n{ 2 }\n1 \x002', 3, "found a NUL character"),
    ('NFG 1 R "t" { "A" }\n{ 2 }\n1 \x01', 3, "found the text '\\x01'"),
    ("{ NFG 1 R", 1, "expected 'NFG'"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), MALFORMED)
def test_malformed_text_names_the_line_and_what_was_expected(text, line, fragment):
    for source in (
        text.encode(),
        text if "\n" in text or text.startswith("NFG") else None,
    ):
        if source is None:
            continue
        with pytest.raises(NfgParseError) as info:
            read_nfg(source)
        error = info.value
        assert error.line == line, str(error)
        assert str(error).startswith(f"line {line}: expected ")
        assert fragment in str(error)
        assert isinstance(error, ValueError) and isinstance(error, StratgameError)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b'NFG 1 R "t" { "A" }\n{ 1 }\n\xff\xfe', 3),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1),
        (b'NFG 1 R "caf\xe9" { "A" }', 1),
        (bytes(range(256)), 2),
        (b'\xef\xbb\xbfNFG 1 R "" { "A" }\n{ 1 }\n\xff', 3),
    ],
)
def test_binary_bytes_are_a_parse_error(data, line):
    with pytest.raises(NfgParseError, match=f"^line {line}: expected UTF-8 text"):
        read_nfg(data)


def test_the_bad_byte_is_named():
    with pytest.raises(NfgParseError, match="found the byte 0xfe"):
        read_nfg(b'\xef\xbb\xbfNFG 1 R "\xfe"')


def test_texts_beyond_the_size_limit_are_refused(monkeypatch, tmp_path):
    text = 'NFG 1 R "" { "A" } { 1 } 1'
    path = tmp_path / "small.nfg"
    path.write_text(text)
    monkeypatch.setattr(nfg, "MAX_TEXT_BYTES", len(text) - 1)
    for source in (text, text.encode(), path):
        with pytest.raises(NfgParseError, match=f"at most {len(text) - 1}"):
            read_nfg(source)


def test_binary_file_is_a_parse_error(tmp_path):
    path = tmp_path / "image.nfg"
    path.write_bytes(b"NFG\x00\x01\x02")
    with pytest.raises(NfgParseError, match="NUL character"):
        read_nfg(path)


@pytest.mark.parametrize(
    ("strategies", "fragment"),
    [
        ("{ 100000 100000 }", f"at most {MAX_PROFILES} strategy profiles"),
        ("{ 1000000 2 }", "the strategies 1000000x2 make 2000000"),
        ("{ 99999999999999999999 1 }", f"a whole number from 1 to {MAX_PROFILES}"),
        ("{ 1000000000 1 }", f"a whole number from 1 to {MAX_PROFILES}"),
    ],
)
def test_absurd_sizes_fail_before_any_allocation(strategies, fragment):
    start = time.perf_counter()
    with pytest.raises(NfgParseError, match=r"^line 2: ") as info:
        read_nfg(f'NFG 1 R "" {{ "A" "B" }}\n{strategies}\n1 2 3')
    assert fragment in str(info.value)
    # A generous bound that only a huge allocation or loop could break.
    assert time.perf_counter() - start < 5


def test_a_large_declared_game_with_few_payoffs_fails_fast():
    # 10**6 profiles are allowed, but the text holds only 3 payoffs: the
    # parser must stop at the end of the text, not build 10**6 labels.
    assert MAX_PROFILES == 10**6
    with pytest.raises(NfgParseError, match="payoff 4 of 2000000"):
        read_nfg('NFG 1 R "" { "A" "B" } { 500000 2 } 1 2 3')


def test_too_many_players():
    players = " ".join(f'"{k}"' for k in range(MAX_PLAYERS + 1))
    with pytest.raises(NfgParseError, match=f"at most {MAX_PLAYERS} players"):
        read_nfg(f'NFG 1 R "" {{ {players} }} {{ }}')


def test_deep_braces_do_not_recurse():
    text = 'NFG 1 R "" { "A" } ' + "{" * 200_000 + "}" * 200_000
    with pytest.raises(
        NfgParseError, match="line 1: expected at least one strategy label for player 1"
    ):
        read_nfg(text)


def test_long_unterminated_label_is_linear():
    text = 'NFG 1 R "' + "\\x" * 500_000
    with pytest.raises(NfgParseError, match="line 1: expected a closing '\"'"):
        read_nfg(text)


# ---------------------------------------------------------- mutation fuzzing
PIECES = [
    b"{",
    b"}",
    b'"',
    b",",
    b"\\",
    b'\\"',
    b"0",
    b"-",
    b"/",
    b".",
    b"e",
    b"E+",
    b"\n",
    b" ",
    b"NFG 1 R",
    b"99999999",
    b"1e400",
    b"3/0",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xa8",
]

edits = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "replace"]),
        st.integers(0, 2**16),
        st.integers(1, 12),
        st.one_of(
            st.sampled_from(PIECES),
            st.text(st.characters(max_codepoint=0x7F), min_size=1, max_size=6).map(
                str.encode
            ),
        ),
    ),
    min_size=1,
    max_size=5,
)


@cache
def corpus_texts(folder) -> tuple[bytes, ...]:
    return tuple(path.read_bytes() for path in sorted(folder.rglob("*.nfg")))


def mutate(data: bytes, changes) -> bytes:
    for kind, where, length, piece in changes:
        at = where % (len(data) + 1)
        if kind == "delete":
            data = data[:at] + data[at + length :]
        elif kind == "insert":
            data = data[:at] + piece + data[at:]
        else:
            data = data[:at] + piece + data[at + len(piece) :]
    return data


@settings(
    max_examples=200,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(which=st.integers(0, 10_000), changes=edits)
def test_mutated_corpus_files_parse_or_raise_nfg_parse_error(
    gambit_corpus, which, changes
):
    texts = corpus_texts(gambit_corpus)
    data = mutate(texts[which % len(texts)], changes)
    try:
        game = read_nfg(data)
    except NfgParseError as error:
        assert error.line is not None
        assert 1 <= error.line <= data.count(b"\n") + 1
        assert str(error).startswith(f"line {error.line}: expected ")
    else:
        assert isinstance(game, sg.NormalFormGame)
