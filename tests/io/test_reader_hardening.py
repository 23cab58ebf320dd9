"""Bad input to the readers gets a clear StratgameError quickly; files that
are not games are not echoed; whatever write_nfg writes, read_nfg reads back.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import InvalidGameError, NfgParseError, StratgameError
from stratgame.io import game_from_json, game_to_json, read_nfg, write_nfg
from stratgame.io.nfg import MAX_PLAYERS, MAX_PROFILES


# ------------------------------------------------------------------ JSON
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"payoffs": [[["1/0", 1]], [[1, 1]]]}', "p/q with q > 0"),
        ('{"payoffs": [[["0/0", 1]], [[1, 1]]]}', "p/q with q > 0"),
        # A 47-byte file once took minutes: the exponent is never expanded.
        ('{"payoffs": [[["1e100000000", 1]], [[1, 1]]]}', "fits in a float64"),
        ('{"payoffs": [[["-1e10000000", 1]], [[1, 1]]]}', "fits in a float64"),
        ('{"payoffs": [[["1e-100000000", 1]], [[1, 1]]]}', "digits after the point"),
        ('{"payoffs": [[["' + "1" * 500 + '", 1]], [[1, 1]]]}', "at most 400"),
        ('{"payoffs": [[[1e400, 1]], [[1, 1]]]}', "expected finite payoffs"),
        ('{"payoffs": [[[' + "9" * 400 + ", 1]], [[1, 1]]]}", "within the float"),
        ('{"payoffs": [[[' + "9" * 5000 + ", 1]], [[1, 1]]]}", "expected a game"),
        ('{"payoffs": [[["nan", 1]], [[1, 1]]]}', "expected a number"),
        ('{"payoffs": [[[true, 1]], [[1, 1]]]}', "found bool True"),
        ('{"payoffs": [[[null, 1]], [[1, 1]]]}', "found NoneType None"),
        ('{"payoffs": [' + "[" * 500 + "1" + "]" * 500 + "]}", "nested 1 deep"),
        ('{"payoffs": [[[[1]]], [[1]]]}', "nested 2 deep"),
        ('{"payoffs": []}', "1 to 32 players"),
        ('{"payoffs": [' + ",".join(["[1]"] * 70) + "]}", "1 to 32 players"),
        ("   ", "empty or blank string"),
        ("", "empty or blank string"),
    ],
)
def test_bad_json_is_refused_clearly(text, message):
    with pytest.raises(InvalidGameError, match=None) as caught:
        game_from_json(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_json_payoff_count_is_bounded():
    # 70 players is refused before numpy is asked for 70 axes.
    one_player_too_many = '{"payoffs": [' + ",".join(["1"] * (MAX_PLAYERS + 1)) + "]}"
    with pytest.raises(InvalidGameError, match="1 to 32 players"):
        game_from_json(one_player_too_many)
    assert MAX_PROFILES >= 10**6


def test_json_with_a_byte_order_mark():
    text = '\ufeff{"players": ["US", "China"], "payoffs": [[[1, 0]], [[0, 1]]]}'
    assert game_from_json(text).players == ("US", "China")
    assert game_from_json(text.encode("utf-8")).shape == (1, 2)


def test_exact_json_strings_are_read_exactly():
    game = game_from_json('{"payoffs": [[["1/3", "0.1", "2e3"]], [[1, 2, 3]]]}')
    assert game.payoff_arrays[0].tolist() == [[Fraction(1, 3), Fraction(1, 10), 2000]]


SECRET = "hunter2-do-not-print"


def test_a_json_file_that_is_not_a_game_is_not_echoed(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"password": SECRET}))
    with pytest.raises(InvalidGameError) as caught:
        game_from_json(path)
    message = str(caught.value)
    assert SECRET not in message and "first bytes 7b 22 70 61" in message
    path.write_text(json.dumps({"payoffs": [[1]], "players": [SECRET, 2]}))
    with pytest.raises(InvalidGameError) as caught:
        game_from_json(path)
    assert SECRET not in str(caught.value)
    assert "'players' must be a list of strings" in str(caught.value)


def test_json_directory_and_missing_file(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a directory"):
        game_from_json(tmp_path)
    with pytest.raises(FileNotFoundError, match="no JSON game file"):
        game_from_json(tmp_path / "missing.json")


# ------------------------------------------------------------------ .nfg
def test_empty_string_is_not_a_path():
    for text in ("", "  ", "\t"):
        with pytest.raises(NfgParseError, match="empty or blank string"):
            read_nfg(text)


def test_nfg_directory(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a directory"):
        read_nfg(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        f"password={SECRET}\n".encode(),
        f"AWS_SECRET={SECRET}".encode(),
        b"\x00\x01binary" + SECRET.encode(),
        b"",
    ],
)
def test_a_file_that_is_not_nfg_shows_only_its_first_bytes(tmp_path, content):
    path = tmp_path / "secrets"
    path.write_bytes(content)
    with pytest.raises(NfgParseError) as caught:
        read_nfg(str(path))
    message = str(caught.value)
    assert SECRET not in message and "password" not in message
    assert "is not a Gambit .nfg file" in message
    if content:
        assert f"{content[0]:02x} {content[1]:02x}" in message
    else:
        assert "(the file is empty)" in message


def test_nfg_text_with_a_byte_order_mark():
    game = read_nfg('\ufeffNFG 1 R "" { "A" "B" } { 1 1 } 1 2')
    assert game.payoff_arrays[1].tolist() == [[2]]


def test_declared_size_beyond_the_limit_fails_at_once():
    with pytest.raises(NfgParseError, match="strategy profiles"):
        read_nfg('NFG 1 R "" { "A" "B" } { 10000 10000 } 1 2')


# ------------------------------------------------------------- round trips
_labels = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=8,
)
_exact = st.one_of(
    st.integers(-(10**30), 10**30),
    st.fractions(max_denominator=10**12).filter(lambda f: abs(f) < 10**30),
    # down to 1e-400, written as a decimal (p/q would be too long to read)
    st.builds(
        lambda m, k: Fraction(m, 10**k), st.integers(-999, 999), st.integers(0, 400)
    ),
)


@st.composite
def exact_games(draw, payoff=_exact):
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    n = len(shape)
    players = draw(st.lists(_labels, min_size=n, max_size=n, unique=True))
    actions = [
        draw(st.lists(_labels, min_size=k, max_size=k, unique=True)) for k in shape
    ]
    size = int(np.prod(shape))
    arrays = [
        np.array(
            draw(st.lists(payoff, min_size=size, max_size=size)), dtype=object
        ).reshape(shape)
        for _ in range(n)
    ]
    title = draw(st.text(max_size=10).filter(lambda t: "\x00" not in t))
    return sg.NormalFormGame(arrays, players=players, actions=actions, title=title)


@settings(max_examples=60, deadline=None)
@given(exact_games())
def test_write_then_read_nfg_is_the_same_game(game):
    assert read_nfg(write_nfg(game)) == game
    assert game_from_json(game_to_json(game)) == game


_floats = st.floats(allow_nan=False, allow_infinity=False, width=64)


@settings(max_examples=40, deadline=None)
@given(exact_games(payoff=_floats))
def test_float_games_come_back_bit_for_bit(game):
    back = read_nfg(write_nfg(game))
    for original, read in zip(
        game.float_payoff_arrays, back.float_payoff_arrays, strict=True
    ):
        assert np.array_equal(original, read)


def test_tiny_decimal_payoffs_are_written_as_decimals_and_read_back():
    tiny = sg.NormalFormGame.from_bimatrix([[Fraction(1, 10**400), 0]], [[0, 1]])
    text = write_nfg(tiny)
    assert "1e-400 0" in text and read_nfg(text=text) == tiny


def test_write_refuses_what_read_would_refuse():
    third = sg.NormalFormGame.from_bimatrix([[Fraction(1, 3 * 10**400), 0]], [[0, 1]])
    with pytest.raises(InvalidGameError, match="needs 403 characters"):
        write_nfg(third)
    unnamed = sg.NormalFormGame.from_bimatrix([[1]], [[1]], players=("", "B"))
    with pytest.raises(InvalidGameError, match="player 1 has an empty label"):
        write_nfg(unnamed)
    blank_action = sg.NormalFormGame.from_bimatrix(
        [[1, 2]], [[1, 2]], actions=(("x",), ("", "y"))
    )
    with pytest.raises(InvalidGameError, match="an action of 'P2' has an empty"):
        write_nfg(blank_action)


# ------------------------------------------------- explicit text= / path=
PD_NFG = 'NFG 1 R "PD" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1'


@pytest.mark.parametrize(
    ("reader", "text"),
    [(read_nfg, PD_NFG), (game_from_json, '{"payoffs": [[[1, 0]], [[0, 1]]]}')],
)
def test_text_and_path_keywords_say_which_it_is(tmp_path, reader, text):
    from_text = reader(text=text)
    assert reader(text=text.encode()) == from_text
    # A file whose name looks like text is still read as a file with path=.
    odd = tmp_path / text[:8].replace("/", "_")
    odd.write_text(text)
    assert reader(path=odd) == reader(path=str(odd)) == from_text
    assert reader(text) == from_text  # the guessing form still works


@pytest.mark.parametrize("reader", [read_nfg, sg.io.parse_nfg, game_from_json])
def test_exactly_one_source_is_taken(reader):
    with pytest.raises(TypeError, match="exactly one of"):
        reader()
    with pytest.raises(TypeError, match="exactly one of"):
        reader(text="x", path="y")
    with pytest.raises(TypeError, match="text= must be"):
        reader(text=3)
    with pytest.raises(TypeError, match="path= must be"):
        reader(path=3)


def test_text_is_never_taken_as_a_path(tmp_path):
    secret = tmp_path / "credentials"
    secret.write_text("password=hunter2\n")
    with pytest.raises(NfgParseError, match="expected 'NFG'") as nfg:
        read_nfg(text=str(secret))
    with pytest.raises(InvalidGameError, match="not valid JSON") as js:
        game_from_json(text=str(secret))
    for error in (nfg, js):
        assert "hunter2" not in str(error.value)


@pytest.mark.parametrize("reader", [read_nfg, game_from_json])
def test_path_never_echoes_a_file_of_another_format(tmp_path, reader):
    secret = tmp_path / "credentials"
    secret.write_text("password=hunter2\n" * 3)
    with pytest.raises(StratgameError) as error:
        reader(path=secret)
    assert "hunter2" not in str(error.value) and "password" not in str(error.value)


# -------------------------------------------------------------------- fuzz
def _seeds(corpus):
    files = sorted(corpus.rglob("*.nfg"))
    small = [f.read_bytes() for f in files if f.stat().st_size <= 4000]
    if not small:
        pytest.skip("no small .nfg file in the corpus")
    return small[:20]


@st.composite
def _mutated(draw, seeds):
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut", "number"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [b"{", b"}", b'"', b"\\", b"1e999999", b"1/0", b" 99999999 ", b"\n"]
                )
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif kind == "cut":
            del data[at:]
        else:
            data[at:at] = str(draw(st.integers(-(10**12), 10**12))).encode()
    return bytes(data)


_FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_FUZZ
@given(data=st.data())
def test_fuzzed_nfg_files_give_a_game_or_a_stratgame_error(gambit_corpus, data):
    text = data.draw(_mutated(_seeds(gambit_corpus)))
    try:
        game = read_nfg(text)
    except StratgameError:
        return
    assert isinstance(game, sg.NormalFormGame)


@_FUZZ
@given(data=st.data())
def test_fuzzed_json_games_give_a_game_or_a_stratgame_error(gambit_corpus, data):
    seeds = []
    for raw in _seeds(gambit_corpus)[:8]:
        try:
            seeds.append(game_to_json(read_nfg(raw)).encode())
        except StratgameError:  # e.g. empty labels, which JSON keeps anyway
            continue
    text = data.draw(_mutated(seeds))
    try:
        game = game_from_json(text)
    except StratgameError:
        return
    assert isinstance(game, sg.NormalFormGame)
