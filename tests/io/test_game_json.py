"""Games as JSON: exact round trips and clear errors."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stratgame as sg
from stratgame.exceptions import InvalidGameError
from stratgame.io import game_from_json, game_to_json


def games():
    ints = sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        title="PD",
        players=("US", "China"),
        actions=(("open", "closed"), ("open", "closed")),
    )
    fractions = sg.NormalFormGame(
        [np.array([[Fraction(1, 3), Fraction(10**30)]], dtype=object)] * 2
    )
    rng = np.random.default_rng(3)
    floats = sg.NormalFormGame(list(rng.normal(size=(3, 2, 2, 2)) * 1e-5))
    return [ints, fractions, floats]


@pytest.mark.parametrize("game", games(), ids=["int", "fraction", "float"])
def test_round_trip_is_exact(game, tmp_path):
    text = game_to_json(game)
    for back in (game_from_json(text), game_from_json(text.encode())):
        assert back == game and back.title == game.title
        for a, b in zip(game.payoff_arrays, back.payoff_arrays, strict=True):
            assert a.dtype == b.dtype
            assert a.tolist() == b.tolist()
    path = tmp_path / "game.json"
    assert game_to_json(game, path, indent=2) is None
    assert game_from_json(path) == game
    assert game_from_json(str(path)) == game


def test_fractions_are_strings_in_the_json():
    data = json.loads(game_to_json(games()[1]))
    assert data["payoffs"][0] == [["1/3", 10**30]]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"payoffs": [1, 2', "not valid JSON: Expecting ',' delimiter"),
        ("[1, 2]", "expected a JSON object with a 'payoffs' list"),
        ('{"players": ["a"]}', "got dict"),
        ('{"payoffs": "no"}', "'payoffs' list"),
        ("{" * 100_000, "not valid JSON"),
        ('{"payoffs": ' + "[" * 100_000 + "]" * 100_000 + "}", "nests too deeply"),
        ('{"payoffs": [[1, NaN]]}', "expected finite payoffs"),
        ('{"payoffs": [[[1, "x"]], [[0, 1]]]}', "payoff 'x': expected a number"),
        ('{"payoffs": [[[1, 2]], [[0]]]}', "same shape"),
    ],
)
def test_bad_json_is_an_invalid_game_error(text, fragment):
    with pytest.raises(InvalidGameError) as info:
        game_from_json(text)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_input_errors():
    with pytest.raises(FileNotFoundError, match=r"no JSON game file at 'nope\.json'"):
        game_from_json("nope.json")
    with pytest.raises(InvalidGameError, match="not UTF-8"):
        game_from_json(b'{"payoffs": "\xff"}')
    with pytest.raises(TypeError, match="got float"):
        game_from_json(1.5)
    with pytest.raises(InvalidGameError, match="needs a NormalFormGame"):
        game_to_json({"payoffs": []})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


entries = st.integers(-5, 5) | st.floats(-1e3, 1e3) | st.sampled_from(["1/2", "-3"])
matrices = st.tuples(st.integers(1, 3), st.integers(1, 3)).flatmap(
    lambda shape: st.lists(
        st.lists(
            st.lists(entries, min_size=shape[1], max_size=shape[1]),
            min_size=shape[0],
            max_size=shape[0],
        ),
        min_size=2,
        max_size=2,
    )
)


@settings(max_examples=100, deadline=None)
@given(
    payoffs=matrices | json_values,
    players=json_values,
    actions=json_values,
    title=json_values,
    keep=st.sets(st.sampled_from(["players", "actions", "title"])),
)
def test_any_json_is_a_game_or_an_invalid_game_error(
    payoffs, players, actions, title, keep
):
    data = {"payoffs": payoffs, "players": players, "actions": actions}
    data["title"] = title
    data = {k: v for k, v in data.items() if k == "payoffs" or k in keep}
    try:
        game = game_from_json(json.dumps(data))
    except InvalidGameError:
        return
    assert isinstance(game, sg.NormalFormGame)
    assert game_from_json(game_to_json(game)) == game
