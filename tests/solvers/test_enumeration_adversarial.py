"""The sceptic's tests of complete enumeration (issue 14).

For games drawn from the families in :mod:`game_families` (mixed payoff
magnitudes, shifted degenerate games, few distinct floats, near-ties, extreme
scales, small integer games) and for the literal reproducers of the issue,
floating-point enumeration, with the numba engine and with the numpy one, must
return exactly the set of extreme equilibria that exact arithmetic returns:

- every returned profile is a pair of probability vectors, passes
  ``g.is_nash``, and each player's regret, recomputed here (exactly where the
  float value is doubtful), is at most ``REGRET_TOL`` times *that player's
  own* payoff range;
- the float and exact sets match one to one within ``MATCH_TOL`` (same count,
  nothing missed, nothing extra, no duplicates);

(the judgement is :func:`game_families.compare`, shared with
``benchmarks/probe_enumeration.py``).
- ``complete=True`` only with at least one equilibrium.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from fractions import Fraction
from importlib.util import find_spec
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import stratgame as sg
from solvers import game_families as gf
from stratgame.solvers import enumeration

ENGINES = ("numba", "numpy")

# Shrinking a failure costs minutes per family on today's code, so by default
# the first failing example is reported as drawn (at most 6x6); set
# STRATGAME_SHRINK=1 to shrink it. The smallest failures found so far are
# the explicit cases game_families.SMALLEST, tested below.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=[
        p for p in Phase if os.environ.get("STRATGAME_SHRINK") or p != Phase.shrink
    ],
)


# ----------------------------------------------------------------- engines
@contextlib.contextmanager
def engine(name):
    """Run the float search with the numba engine or with the numpy one.

    The numpy engine is forced by making ``enumeration._numba_installed()``
    (read by ``_engine`` on every call) answer False; the compiled one by
    letting no game count as small enough to skip loading it."""
    hook = getattr(enumeration, "_numba_installed", None)
    if hook is None:
        raise AssertionError(
            "stratgame.solvers.enumeration._numba_installed is gone: adapt "
            "engine() in this file to the new way of choosing the engine"
        )
    clear = getattr(hook, "cache_clear", None)
    if name == "numba":  # compiled kernels even for the smallest games
        if find_spec("numba") is None:
            pytest.skip("numba is not installed")
        with mock.patch.object(enumeration, "SMALL_GAME_ACTIONS", 0):
            yield
        return
    if clear is not None:
        clear()
    try:
        with mock.patch.object(enumeration, "_numba_installed", lambda: False):
            yield
    finally:
        if clear is not None:
            clear()


def test_engine_hook_selects_each_engine():
    """The switch used by every test here really changes the engine."""
    game = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with engine("numpy"):
        assert enumeration._engine(game) is None
    if find_spec("numba") is not None:
        with engine("numba"):
            kernels = enumeration._engine(game)
            assert kernels is not None and hasattr(kernels, "advance")


# ----------------------------------------------------------------- helpers
_EXACT_CACHE: dict = {}


def as_game(A, B):
    return sg.NormalFormGame.from_bimatrix(np.asarray(A), np.asarray(B))


def exact_solution(A, B):
    """``sg.solve(..., exact=True)``, cached (each game is run per engine)."""
    A, B = np.asarray(A), np.asarray(B)
    key = (A.dtype.str, B.dtype.str, A.shape, A.tobytes(), B.tobytes())
    if key not in _EXACT_CACHE:
        _EXACT_CACHE[key] = sg.solve(as_game(A, B), method="enumerate", exact=True)
    return _EXACT_CACHE[key]


def float_solution(A, B, engine_name):
    with engine(engine_name), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sg.solve(as_game(A, B), method="enumerate")


def problems(A, B, result, exact):
    """Everything wrong with a float result, as readable lines."""
    game = as_game(A, B)
    m, n = game.shape
    eqs = result.equilibria
    found = np.array([np.concatenate(eq.strategies) for eq in eqs], dtype=float)
    reference = np.array(
        [[float(p) for s in eq.exact for p in s] for eq in exact.equilibria],
        dtype=float,
    )
    verdict = gf.compare(A, B, found, reference, complete=result.complete)
    out = [
        f"{verdict[key]} {key.replace('_', ' ')}"
        for key in (
            "complete_without_equilibria",
            "not_probability",
            "non_equilibria",
            "duplicates",
            "missed",
            "extra",
        )
        if verdict[key]
    ]
    not_nash = [
        k
        for k, row in enumerate(found.reshape(len(eqs), m + n)[:200])
        if not game.is_nash((row[:m], row[m:]))
    ]
    if not_nash:
        out.append(f"{len(not_nash)} failing g.is_nash (of the first 200)")
    if out:
        out.insert(0, f"{len(eqs)} float equilibria, {len(reference)} exact:")
        out.extend(f"  {example}" for example in verdict["examples"])
    return out


def check(A, B, engine_name):
    exact = exact_solution(A, B)
    assert exact.complete and exact.equilibria, "exact enumeration found nothing"
    result = float_solution(A, B, engine_name)
    found = problems(A, B, result, exact)
    assert not found, (
        f"{engine_name} engine on A={np.asarray(A).tolist()}, "
        f"B={np.asarray(B).tolist()}:\n" + "\n".join(found)
    )


# ---------------------------------------------------------- the reproducers
# Extreme equilibria of each case, by exact enumeration (exact=True); pygambit
# 16.7's enummixed_solve(rational=True) finds the same sets, except that it
# finds none when some payoff exceeds 2**31 in absolute value (the 1e300 and
# 1e308 games, shifted_boundary_2x2).
EXPECTED = {
    "mixed_magnitudes_3x3": 6,
    "mixed_magnitudes_numba_3x3": 3,
    "near_tie_2x3": 2,
    "eye_1e-310": 3,
    "eye_1e308": 3,
    "eye_1e-300": 3,
    "eye_1e300": 3,
    # the smallest failures found by probing (game_families.SMALLEST)
    "mixed_magnitudes_2x3": 2,
    "few_floats_2x3": 3,
    "extreme_scales_1e-310_2x2": 1,
    "extreme_scales_1e308_2x3": 2,
    "extreme_scales_1e-310_empty_2x2": 1,
    "extreme_scales_1e308_missed_2x2": 3,
    "near_ties_3x2": 1,
    "mixed_magnitudes_boundary_2x2": 1,
    "shifted_boundary_2x2": 2,
    "near_ties_boundary_2x2": 3,
}
CASES = {**gf.REPRODUCERS, **gf.SMALLEST}


def test_every_case_has_an_expected_count():
    assert set(EXPECTED) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_exact_count(name):
    A, B = CASES[name]
    assert len(exact_solution(A, B).equilibria) == EXPECTED[name]


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("name", sorted(CASES))
def test_case_float_equals_exact(name, engine_name):
    A, B = CASES[name]
    check(A, B, engine_name)


def test_mixed_magnitudes_3x3_exact_set():
    """The six extreme equilibria of the first reproducer, in exact rationals."""
    A, B = gf.REPRODUCERS["mixed_magnitudes_3x3"]
    F = Fraction
    expected = {
        ((F(2, 3), F(1, 3), 0), (0, 0, 1)),
        ((0, 1, 0), (0, 0, 1)),
        ((0, 0, 1), (F(1000000, 1000001), F(1, 1000001), 0)),
        (
            (0, 0, 1),
            (F(999999, 1000002000001), F(1, 1000001), F(1000000000001, 1000002000001)),
        ),
        ((0, 0, 1), (0, 1, 0)),
        ((0, 0, 1), (0, F(1, 2), F(1, 2))),
    }
    found = {
        tuple(tuple(s) for s in eq.exact) for eq in exact_solution(A, B).equilibria
    }
    assert found == expected


# ------------------------------------------------------------ the families
@PROPERTY
@given(data=st.data())
@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("family", sorted(gf.FAMILIES))
def test_float_enumeration_equals_exact(family, engine_name, data):
    A, B = data.draw(gf.strategy(family), label=family)
    check(A, B, engine_name)
