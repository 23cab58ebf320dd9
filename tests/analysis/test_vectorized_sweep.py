"""sweep(vectorized=True): the same rows as the plain sweep."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.analysis import regime_map
from stratgame.analysis._vectorized import VectorizedTask, grid_columns
from stratgame.models import DSAIR, OpennessGame, prisoners_dilemma, rock_paper_scissors

pd = pytest.importorskip("pandas")


def stag_hunt(a, b):
    """A vectorized 2x2 builder: stag hunt payoffs over arrays ``a``, ``b``."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    U = np.empty((a.size, 2, 2, 2))
    U[:, 0] = np.stack([np.stack([a, 0 * a], -1), np.stack([b, b], -1)], 1)
    U[:, 1] = np.transpose(U[:, 0], (0, 2, 1))
    return U


def one_game(a, b):
    return sg.NormalFormGame(list(stag_hunt([a], [b])[0]))


@pytest.mark.parametrize("solve", ["enumerate", "pure"])
def test_vectorized_rows_are_the_plain_rows(solve):
    grid = {"a": list(np.linspace(-1, 3, 9)), "b": [0.0, 0.5, 1.0, 2.0, 3.0]}
    plain = sg.sweep(one_game, grid, solve=solve, backend="serial", progress=False)
    fast = sg.sweep(
        stag_hunt,
        grid,
        solve=solve,
        backend="serial",
        progress=False,
        vectorized=True,
        chunk_size=7,
    )
    assert list(plain.columns) == list(fast.columns) and len(plain) == len(fast)
    floats = ["strategies", "payoffs", "regret", "payoff_P1", "payoff_P2"]
    same = [c for c in plain.columns if c not in floats]
    assert plain[same].fillna(-1).equals(fast[same].fillna(-1))
    for column in floats:
        for x, y in zip(plain[column], fast[column], strict=True):
            if x is None or (np.ndim(x) == 0 and np.isnan(x)):
                assert y is None or (np.ndim(y) == 0 and np.isnan(y))
            else:
                np.testing.assert_allclose(
                    np.asarray(x, float), np.asarray(y, float), atol=1e-12
                )


def test_vectorized_sweep_needs_a_method_name():
    with pytest.raises(TypeError, match="method name"):
        sg.sweep(
            stag_hunt,
            {"a": [1.0], "b": [0.5]},
            solve=len,
            backend="serial",
            progress=False,
            vectorized=True,
        )


def _same(grid, model, solve, **options):
    """The default (vectorized for a model with vectorized payoffs) and the
    plain sweep give the same table, exactly."""
    fast = sg.sweep(model, grid, solve=solve, progress=False, **options)
    plain = sg.sweep(
        model, grid, solve=solve, backend="serial", progress=False, vectorized=False
    )
    pd.testing.assert_frame_equal(fast, plain)
    return fast


@pytest.mark.parametrize("solve", ["enumerate", "pure", "auto"])
def test_a_model_with_vectorized_payoffs_sweeps_by_chunks(solve):
    grid = {"p_risk": list(np.linspace(0, 1, 11)), "c": list(np.linspace(0, 40, 7))}
    _, columns = grid_columns(grid)
    chunk = {
        "points": np.arange(77),
        "values": {n: a[c] for n, (a, c) in columns.items()},
    }
    block = VectorizedTask(DSAIR.payoffs, solve, DSAIR)(0, chunk)
    assert block.rows is None  # answered by columns, not point by point
    rows = _same(grid, DSAIR, solve, backend="serial")
    assert set(rows["classification"]) >= {"prisoner's dilemma", "coordination"}


def test_invalid_and_exact_points_are_built_one_by_one():
    """Chunks with invalid parameters (p_risk > 1) or exact ones (all ints)
    are evaluated point by point: the same error rows and exact games."""
    grid = {"p_risk": list(np.linspace(0, 1.2, 13)), "c": [0.0, 5.0, 30.0]}
    rows = _same(grid, DSAIR, "enumerate", backend="serial", chunk_size=4)
    assert rows["error"].str.contains("p_risk").sum() == 6
    _same({"b": [2, 4], "c": [0, 1]}, DSAIR, "enumerate", backend="serial")


def test_sequence_parameters_and_other_models():
    _same(
        {
            "licensing": [(a, 2.0) for a in np.linspace(0, 9, 10)],
            "spillover": [-2.0, 1.0],
        },
        OpennessGame,
        "enumerate",
        backend="serial",
    )
    _same(
        {"win": list(np.linspace(0.5, 3, 4)), "tie": [0.0, 0.2]},
        rock_paper_scissors,
        "auto",
        backend="serial",
    )


@pytest.mark.parametrize("backend", ["processes", "dask"])
def test_backends_split_chunks(backend):
    if backend == "dask":
        pytest.importorskip("distributed")
        options = {"client": None, "n_workers": 1}
    else:
        options = {"n_workers": 2}
    grid = {"T": list(np.linspace(3.5, 9, 12)), "S": list(np.linspace(-2, 0.9, 7))}
    _same(
        grid, prisoners_dilemma, "enumerate", backend=backend, chunk_size=20, **options
    )


def test_checkpoint_and_resume(tmp_path):
    grid = {"p_risk": list(np.linspace(0, 1.1, 12)), "c": [0.0, 5.0, 30.0]}
    path = tmp_path / "sweep.jsonl"
    first = sg.sweep(
        DSAIR,
        grid,
        solve="enumerate",
        backend="serial",
        checkpoint=path,
        chunk_size=5,
        progress=False,
    )
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + 36  # the header, then one line per point
    path.write_text("\n".join(lines[:20]) + "\n")  # an interrupted sweep
    again = sg.sweep(
        DSAIR,
        grid,
        solve="enumerate",
        backend="serial",
        checkpoint=path,
        resume=True,
        chunk_size=5,
        progress=False,
    )
    plain = sg.sweep(
        DSAIR,
        grid,
        solve="enumerate",
        backend="serial",
        vectorized=False,
        progress=False,
    )
    pd.testing.assert_frame_equal(first, plain)
    pd.testing.assert_frame_equal(again, plain)


def test_regime_map_of_a_model():
    """A regime map of a model class runs vectorized; its labels and counts
    are those of the plain sweep."""
    x, y = ("p_risk", list(np.linspace(0, 1, 9))), ("c", list(np.linspace(0, 40, 5)))
    fast = regime_map(DSAIR, x, y, fixed={"b": 4.0}, solve="enumerate")
    plain = regime_map(
        DSAIR, x, y, fixed={"b": 4.0}, solve="enumerate", vectorized=False
    )
    assert (fast.labels == plain.labels).all()
    assert (fast.n_equilibria == plain.n_equilibria).all()
    pd.testing.assert_frame_equal(fast.rows, plain.rows)
    assert list(fast.rows.columns[:4]) == ["point", "b", "p_risk", "c"]
    for point, (i, j) in [(0, (0, 0)), (13, (1, 4))]:
        game = DSAIR(b=4.0, p_risk=x[1][j], c=y[1][i]).game()
        assert fast.labels[i, j] == sg.games.classification.classify_game(game)
        assert fast.rows.loc[fast.rows["point"] == point, "p_risk"].iloc[0] == x[1][j]


def test_a_column_mixing_ints_and_floats_is_built_point_by_point():
    """``c`` = 0 (an int) with Fraction defaults gives an exact game, 0.5 a
    float one: the chunk is built point by point, as the plain sweep does."""
    grid = {"c": [0, 0.5, 1, 2.5], "b": [4, 6]}  # s and p_risk: Fractions
    _, columns = grid_columns(grid)
    chunk = {
        "points": np.arange(8),
        "values": {n: a[c] for n, (a, c) in columns.items()},
    }
    assert VectorizedTask(DSAIR.payoffs, "enumerate", DSAIR)(0, chunk).rows is not None
    rows = _same(grid, DSAIR, "enumerate")
    assert len(rows.drop_duplicates("point")) == 8


def three_player(a, b):
    """A vectorized 2x2x2 builder: each player gets ``a`` for matching the
    next player's action and ``b`` for action 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    U = np.zeros((a.size, 3, 2, 2, 2))
    for profile in np.ndindex(2, 2, 2):
        for i in range(3):
            U[(slice(None), i, *profile)] = a * (
                profile[i] == profile[(i + 1) % 3]
            ) + b * (profile[i] == 0)
    return U


def test_three_players_pure():
    grid = {"a": [-1.0, 0.5, 2.0], "b": [-1.0, 0.0, 1.5]}
    plain = sg.sweep(
        lambda a, b: sg.NormalFormGame(list(three_player([a], [b])[0])),
        grid,
        solve="pure",
        backend="serial",
        progress=False,
    )
    fast = sg.sweep(
        three_player,
        grid,
        solve="pure",
        backend="serial",
        progress=False,
        vectorized=True,
    )
    pd.testing.assert_frame_equal(fast, plain)
