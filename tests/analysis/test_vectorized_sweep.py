"""sweep(vectorized=True): the same rows as the plain sweep."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg

pytest.importorskip("pandas")


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
