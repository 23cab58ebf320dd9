"""Sweeping one component of a sequence parameter: ``grid={"licensing[0]":
[...]}`` varies that component, the others keeping their default."""

from __future__ import annotations

import pickle
from collections import namedtuple

import numpy as np
import pandas as pd
import pytest

import stratgame as sg
from stratgame.analysis import sweep
from stratgame.analysis._evaluate import accepts_rng
from stratgame.analysis._grid import ComponentBuilder, with_components
from stratgame.exceptions import InvalidParameterError
from stratgame.models import OpennessGame

PAIR = np.array([1.0, 2.0])


@pytest.mark.parametrize("backend", ["serial", "processes"])
def test_a_component_sweep_solves_the_games_with_that_component(backend):
    firsts = [1, 4, 8]
    rows = sweep(
        OpennessGame,
        {"licensing[0]": firsts},
        solve="pure",
        backend=backend,
        n_workers=2,
        progress=False,
    )
    whole = sweep(
        OpennessGame,
        {"licensing": [(first, 2) for first in firsts]},
        solve="pure",
        backend="serial",
    )
    assert rows["error"].isna().all()
    assert list(rows.drop_duplicates("point")["licensing[0]"]) == firsts
    pd.testing.assert_frame_equal(
        rows.drop(columns="licensing[0]"), whole.drop(columns="licensing")
    )


def test_components_take_the_points_own_value_and_several_components():
    def pair(licensing=(6, 2), rng=None):
        return OpennessGame(licensing=licensing).game()

    grid = [
        {"licensing": (0, 0), "licensing[1]": 3},
        {"licensing[0]": 5, "licensing[1]": 7},
    ]
    build = with_components(pair, grid)
    assert build.bases == {"licensing": (0, 0)}
    rows = sweep(pair, grid, solve="pure", backend="serial", rng=1)
    for point, licensing in enumerate([(0, 3), (5, 7)]):
        game = OpennessGame(licensing=licensing).game()
        strategies = rows.loc[rows["point"] == point, "strategies"]
        assert len(strategies) == len(sg.solve(game, method="pure").equilibria)
        assert all(game.is_nash(tuple(map(np.array, s))) for s in strategies)


def test_the_kind_of_sequence_is_kept():
    Pair = namedtuple("Pair", "us china")
    named = Pair(1, 2)

    def echo(a=(1, 2), b=[1, 2], c=PAIR, d=named):  # noqa: B006
        return a, b, c, d

    names = ["a[0]", "b[0]", "c[0]", "d[0]"]
    build = with_components(echo, [dict.fromkeys(names, 9)])
    a, b, c, d = build(**dict.fromkeys(names, 9))
    assert a == (9, 2) and b == [9, 2] and d == Pair(9, 2)
    assert isinstance(c, np.ndarray) and c.tolist() == [9.0, 2.0]


def test_no_components_leaves_the_builder_alone():
    assert with_components(OpennessGame, [{"market": 3}]) is OpennessGame


def test_the_wrapped_builder_keeps_signature_and_pickles():
    def noisy(licensing=(6, 2), rng=None):
        return licensing

    build = with_components(noisy, [{"licensing[1]": 0}])
    assert isinstance(build, ComponentBuilder)
    assert accepts_rng(build) and not accepts_rng(
        with_components(OpennessGame, [{"licensing[1]": 0}])
    )
    copy = pickle.loads(
        pickle.dumps(with_components(OpennessGame, [{"licensing[1]": 0}]))
    )
    assert copy(**{"licensing[1]": 0}).licensing == (6, 0)


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ({"licensing[2]": [1]}, "'licensing' has 2 components"),
        ({"market[0]": [1]}, "'market' is not a sequence"),
        ({"players[0]": ["a"], "share[1]": [1]}, "no parameter 'share'"),
        ({"licensing[0][1]": [1]}, "expected a parameter name, or name[k]"),
        ({"licensing[]": [1]}, "expected a parameter name, or name[k]"),
    ],
)
def test_bad_components_are_refused_before_any_point(grid, message, tmp_path):
    path = tmp_path / "sweep.jsonl"
    with pytest.raises(InvalidParameterError, match=message.replace("[", r"\[")):
        sweep(OpennessGame, grid, backend="serial", checkpoint=path)
    assert not path.exists()


def test_a_required_sequence_needs_a_value():
    def pair(licensing):
        return licensing

    with pytest.raises(ValueError, match="has no default"):
        with_components(pair, [{"licensing[0]": 1}])
