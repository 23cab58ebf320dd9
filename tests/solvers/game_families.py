"""Two-player games on which complete enumeration is easy to get wrong
(issue 14): hypothesis strategies for the tests, numpy draws for the probe.

Each family is written once, as a function of a *source* of random choices,
so that the property tests (:func:`strategy`, shrinking with hypothesis) and
``benchmarks/probe_enumeration.py`` (:func:`draw`, a numpy ``Generator``) see
exactly the same games:

- ``small_integer``: payoffs in {0, 1, 2} (mostly degenerate games);
- ``mixed_magnitudes``: one player's payoffs in millions (or thousands, or
  billions) and the other's in ones, ``A = M * {0,1,2} + {0,1,2}``;
- ``shifted``: a {0, 1, 2} game with per-column shifts of the row player's
  payoffs and per-row shifts of the column player's (integers up to 1e9, or
  floats), which leave the best responses unchanged;
- ``few_floats``: float payoffs taking two or three distinct values of mixed
  magnitudes (exact ties);
- ``near_ties``: a {0, 1, 2} game plus noise of size 1e-12 ... 1e-8, on a few
  entries (integer multiples of the size) or on all (uniform);
- ``extreme_scales``: a {0, 1, 2} game (or {0, 1} for 1e308) times 1e-310,
  1e-300, 1e300 or 1e308, for one player or both.

Every family draws 2 to ``max_actions`` actions a side (default 6, so exact
enumeration takes well under a second); ``shape=(m, n)`` fixes the shape,
for the probe's larger games. A game is returned as a pair of numpy arrays
``(A, B)`` (int64 or float64), for ``NormalFormGame.from_bimatrix``.

``REPRODUCERS`` are the literal games reported in issue 14, by name, and
:func:`compare` judges a floating-point answer against the exact one (shared
by the tests and the probe script).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

__all__ = [
    "DUPLICATE_TOL",
    "FAMILIES",
    "LARGE",
    "MATCH_TOL",
    "NEAR_TIE_SIZES",
    "REGRET_TOL",
    "REPRODUCERS",
    "SCALES",
    "compare",
    "draw",
    "draw_large",
    "strategy",
]

SCALES = (1e-310, 1e-300, 1e300, 1e308)
NEAR_TIE_SIZES = (1e-12, 1e-11, 1e-10, 1e-9, 1e-8)
MAGNITUDES = (10**3, 10**6, 10**9)

REGRET_TOL = 1e-9  # the solver's default tol, relative to each player's range
MATCH_TOL = 1e-6  # a float equilibrium within this of an exact one matches it
DUPLICATE_TOL = 1e-9  # two returned equilibria this close are the same one


# ----------------------------------------------------------------- sources
class _HypothesisSource:
    """Random choices drawn by hypothesis (so failures shrink)."""

    def __init__(self, draw):
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        return self._draw(st.integers(low, high))

    def integers(self, low: int, high: int, shape) -> np.ndarray:
        size = int(np.prod(shape))
        values = self._draw(
            st.lists(st.integers(low, high), min_size=size, max_size=size)
        )
        return np.array(values, dtype=np.int64).reshape(shape)

    def choice(self, options):
        return self._draw(st.sampled_from(list(options)))

    def uniform(self, low: float, high: float, shape) -> np.ndarray:
        size = int(np.prod(shape))
        values = self._draw(
            st.lists(
                st.floats(low, high, allow_nan=False, allow_subnormal=False),
                min_size=size,
                max_size=size,
            )
        )
        return np.array(values, dtype=float).reshape(shape)


class _NumpySource:
    """Random choices from a numpy Generator (the probe script)."""

    def __init__(self, rng):
        self._rng = np.random.default_rng(rng)

    def integer(self, low: int, high: int) -> int:
        return int(self._rng.integers(low, high + 1))

    def integers(self, low: int, high: int, shape) -> np.ndarray:
        return self._rng.integers(low, high + 1, size=shape).astype(np.int64)

    def choice(self, options):
        options = list(options)
        return options[int(self._rng.integers(len(options)))]

    def uniform(self, low: float, high: float, shape) -> np.ndarray:
        return self._rng.uniform(low, high, size=shape)


def _shape(src, max_actions, shape):
    if shape is not None:
        return tuple(shape)
    return src.integer(2, max_actions), src.integer(2, max_actions)


# ---------------------------------------------------------------- families
def small_integer(src, max_actions=6, shape=None, values=3):
    """Payoffs in ``{0, ..., values - 1}`` (0/1 games with ``values=2``)."""
    m, n = _shape(src, max_actions, shape)
    return src.integers(0, values - 1, (m, n)), src.integers(0, values - 1, (m, n))


def mixed_magnitudes(src, max_actions=6, shape=None):
    """One player's payoffs ``M * {0,1,2} + {0,1,2}`` (M = 1e3, 1e6 or 1e9),
    the other's in {0, 1, 2}; either player can be the big one."""
    m, n = _shape(src, max_actions, shape)
    magnitude = src.choice(MAGNITUDES)
    big = magnitude * src.integers(0, 2, (m, n)) + src.integers(0, 2, (m, n))
    small = src.integers(0, 2, (m, n))
    if src.choice((0, 1)) == 0:
        return big, small
    return small, big


def shifted(src, max_actions=6, shape=None):
    """A {0, 1, 2} game, ``A[:, j] += c[j]`` and/or ``B[i, :] += r[i]``.

    Integer shifts are multiples of 1, 1e3, 1e6 or 1e9 (the game keeps the
    same equilibria exactly); float shifts are uniform of size 1e-3 ... 1e6
    (the sums round, so ties between columns may break, but the best
    responses against a pure strategy do not change)."""
    A, B = small_integer(src, max_actions, shape)
    m, n = A.shape
    which = src.choice(("columns of A", "rows of B", "both"))
    kind = src.choice(("int", "float"))
    if kind == "int":
        unit = src.choice((1, 10**3, 10**6, 10**9))
        col = unit * src.integers(-3, 3, (n,))
        row = unit * src.integers(-3, 3, (m,))
    else:
        size = src.choice((1e-3, 1.0, 1e3, 1e6))
        col = size * src.uniform(-1.0, 1.0, (n,))
        row = size * src.uniform(-1.0, 1.0, (m,))
        A, B = A.astype(float), B.astype(float)
    if which != "rows of B":
        A = A + col[None, :]
    if which != "columns of A":
        B = B + row[:, None]
    return A, B


def few_floats(src, max_actions=6, shape=None):
    """Float payoffs of both players taking 2 or 3 distinct values, each a
    uniform number in [-10, 10] times 1e-3, 1, 1e3 or 1e6 (or 0)."""
    m, n = _shape(src, max_actions, shape)
    k = src.choice((2, 3))
    scales = [src.choice((0.0, 1e-3, 1.0, 1e3, 1e6)) for _ in range(k)]
    values = np.array(scales) * src.uniform(-10.0, 10.0, (k,))
    return values[src.integers(0, k - 1, (m, n))], values[
        src.integers(0, k - 1, (m, n))
    ]


def near_ties(src, max_actions=6, shape=None):
    """A {0, 1, 2} game plus noise of size ``eps`` in 1e-12 ... 1e-8: on some
    entries (``eps`` times -2..2, many ties stay exact) or on every entry
    (``eps`` times uniform in [-1, 1])."""
    A, B = small_integer(src, max_actions, shape)
    eps = src.choice(NEAR_TIE_SIZES)
    kind = src.choice(("sparse", "dense"))
    if kind == "sparse":
        noise_a = eps * src.integers(-2, 2, A.shape)
        noise_b = eps * src.integers(-2, 2, B.shape)
    else:
        noise_a = eps * src.uniform(-1.0, 1.0, A.shape)
        noise_b = eps * src.uniform(-1.0, 1.0, B.shape)
    return A + noise_a, B + noise_b


def extreme_scales(src, max_actions=6, shape=None):
    """A {0, 1, 2} game times 1e-310 / 1e-300 / 1e300, or a {0, 1} game times
    1e308 (no overflow), for player 1, player 2 or both."""
    scale = src.choice(SCALES)
    A, B = small_integer(src, max_actions, shape, values=2 if scale == 1e308 else 3)
    who = src.choice(("both", "A", "B"))
    A = A * scale if who != "B" else A.astype(float)
    B = B * scale if who != "A" else B.astype(float)
    return A, B


def uniform_random(src, max_actions=6, shape=None):
    """Uniform random float payoffs in [0, 1) (nondegenerate almost surely)."""
    m, n = _shape(src, max_actions, shape)
    return src.uniform(0.0, 1.0, (m, n)), src.uniform(0.0, 1.0, (m, n))


FAMILIES = {
    "small_integer": small_integer,
    "mixed_magnitudes": mixed_magnitudes,
    "shifted": shifted,
    "few_floats": few_floats,
    "near_ties": near_ties,
    "extreme_scales": extreme_scales,
}

# The probe's larger games from issue 14: (family function, options).
LARGE = {
    "few_floats_10x12": (few_floats, {"shape": (10, 12)}),
    "near_ties_10x11": (near_ties, {"shape": (10, 11)}),
    "uniform_20x20": (uniform_random, {"shape": (20, 20)}),
    "zero_one_6x64": (small_integer, {"shape": (6, 64), "values": 2}),
    "zero_one_12x33": (small_integer, {"shape": (12, 33), "values": 2}),
}


def strategy(family: str, max_actions: int = 6):
    """A hypothesis strategy drawing ``(A, B)`` from the named family."""
    build = FAMILIES[family]

    @st.composite
    def games(draw):
        return build(_HypothesisSource(draw), max_actions=max_actions)

    return games()


def draw(family: str, rng, max_actions: int = 6):
    """One game ``(A, B)`` of the named family from a numpy Generator/seed."""
    return FAMILIES[family](_NumpySource(rng), max_actions=max_actions)


def draw_large(name: str, rng):
    """One game ``(A, B)`` of a ``LARGE`` family."""
    build, options = LARGE[name]
    return build(_NumpySource(rng), **options)


# ------------------------------------------------------------- reproducers
# The literal games of issue 14, as (A, B) nested lists.
REPRODUCERS = {
    # 10 "equilibria" (4 not Nash, one duplicate); exact arithmetic: 6.
    "mixed_magnitudes_3x3": (
        [[0, 2000000, 1], [1000001, 1000001, 1], [1000000, 2000001, 0]],
        [[0, 2, 1], [1, 0, 2], [1, 1, 1]],
    ),
    # numba engine returns ([0,1,0], [0,1,0]) with regret 1.
    "mixed_magnitudes_numba_3x3": (
        [[0, 1001, 2000], [2, 1000, 2000], [1, 1000, 2000]],
        [[2, 1, 2], [0, 1, 1], [2, 1, 2]],
    ),
    # two non-equilibria with regret 1.
    "near_tie_2x3": (
        [[1, 1, 2], [0, 1, 0]],
        [[1, 2, 1], [1.00000000001, 1, 1]],
    ),
    # 0 equilibria with complete=True; a coordination game (3 equilibria).
    "eye_1e-310": ((np.eye(2) * 1e-310).tolist(), (np.eye(2) * 1e-310).tolist()),
    "eye_1e308": ((np.eye(2) * 1e308).tolist(), (np.eye(2) * 1e308).tolist()),
    "eye_1e-300": ((np.eye(2) * 1e-300).tolist(), (np.eye(2) * 1e-300).tolist()),
    "eye_1e300": ((np.eye(2) * 1e300).tolist(), (np.eye(2) * 1e300).tolist()),
}


# -------------------------------------------------------------- judgement
def _exact_matrix(M):
    """Payoffs as Fractions, bit for bit (floats are binary fractions)."""
    return [[Fraction(v.item()) for v in row] for row in np.asarray(M)]


def exact_own_regret(M, own, other):
    """The exact regret of the player with payoffs ``M[own action, other
    action]`` at the normalized float profile, divided by its own range."""
    F = _exact_matrix(M)
    own = [Fraction(float(p)) for p in own]
    other = [Fraction(float(p)) for p in other]
    s_own, s_other = sum(own), sum(other)
    values = [
        sum(f * q for f, q in zip(row, other, strict=True)) / s_other for row in F
    ]
    gain = max(values) - sum(p * v for p, v in zip(own, values, strict=True)) / s_own
    span = max(map(max, F)) - min(map(min, F))
    if not span:
        return 0.0 if gain == 0 else float("inf")
    return float(gain / span)


def own_regrets(A, B, xs, ys, tol=REGRET_TOL):
    """Each player's regret at each normalized profile ``(xs[k], ys[k])``
    divided by that player's *own* payoff range (0 when the player's payoffs
    are constant): an array ``(K, 2)``.

    Computed in floats on payoffs shifted to minimum 0; when that lies within
    a factor 100 of ``tol`` either way, recomputed exactly (floats are binary
    fractions, so the exact regret of the returned profile is well defined)."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    out = np.zeros((len(xs), 2))
    for p, (M, own, other) in enumerate(((A, xs, ys), (np.asarray(B).T, ys, xs))):
        M = np.asarray(M, dtype=float)
        span = float(M.max() - M.min())
        if not len(xs) or not span:
            continue
        values = (other / other.sum(axis=1, keepdims=True)) @ (M - M.min()).T
        gain = values.max(axis=1) - (own * values).sum(axis=1) / own.sum(axis=1)
        out[:, p] = np.maximum(gain / span, 0.0)
        doubtful = (out[:, p] > tol / 100) & (out[:, p] < 100 * tol)
        for k in np.flatnonzero(doubtful):
            out[k, p] = exact_own_regret(M, own[k], other[k])
    return out


def _n_duplicates(rows):
    if not len(rows):
        return 0
    return len(rows) - len(np.unique(np.round(rows / DUPLICATE_TOL), axis=0))


def compare(A, B, found, reference, complete=True):
    """Judge equilibria ``found`` (float rows ``x ++ y``, shape ``(K, m+n)``)
    against the ``reference`` set (exact equilibria as float rows).

    Returns a dict of counts: ``found``, ``reference``; ``not_probability``
    (a row that is not two probability vectors); ``non_equilibria`` (a
    player's regret above ``REGRET_TOL`` times its own payoff range);
    ``duplicates`` (more rows within ``DUPLICATE_TOL`` of each other than in
    the reference); ``missed`` / ``extra`` (reference / found rows left over
    by a one-to-one matching within ``MATCH_TOL``);
    ``complete_without_equilibria`` (1 when ``complete`` and nothing found);
    and ``examples``, a few offending rows with their own-range regrets."""
    A, B = np.asarray(A), np.asarray(B)
    m, n = A.shape
    found = np.asarray(found, dtype=float).reshape(-1, m + n)
    reference = np.asarray(reference, dtype=float).reshape(-1, m + n)
    xs, ys = found[:, :m], found[:, m:]
    proper = (
        (found.min(axis=1, initial=0.0) >= 0)
        & (np.abs(xs.sum(axis=1) - 1) <= 1e-9)
        & (np.abs(ys.sum(axis=1) - 1) <= 1e-9)
    )
    regrets = np.full((len(found), 2), np.inf)
    regrets[proper] = own_regrets(A, B, xs[proper], ys[proper])
    bad = np.flatnonzero(regrets.max(axis=1, initial=0.0) > REGRET_TOL)
    examples = [
        {"row": found[k].tolist(), "own_range_regret": regrets[k].tolist()}
        for k in bad[:5]
    ]
    # one-to-one matching, in blocks (a broken search can return 10^4 rows)
    matched = 0
    missed_rows, extra_rows = [], []
    if len(found) * len(reference) > 2 * 10**7:  # no one-to-one matching
        near = np.zeros(len(reference), dtype=bool)
        for start in range(0, len(found), 256):
            block = found[start : start + 256]
            gaps = np.abs(block[:, None, :] - reference[None, :, :]).max(axis=-1)
            near |= (gaps <= MATCH_TOL).any(axis=0)
        matched = int(near.sum())
        missed_rows = np.flatnonzero(~near).tolist()
    elif len(found) and len(reference):
        gaps = np.empty((len(found), len(reference)))
        for start in range(0, len(found), 4096):
            block = found[start : start + 4096]
            gaps[start : start + len(block)] = np.abs(
                block[:, None, :] - reference[None, :, :]
            ).max(axis=-1)
        rows, cols = linear_sum_assignment(np.minimum(gaps, 1.0))
        good = gaps[rows, cols] <= MATCH_TOL
        matched = int(good.sum())
        hit_ref, hit_found = set(cols[good].tolist()), set(rows[good].tolist())
        missed_rows = [k for k in range(len(reference)) if k not in hit_ref]
        extra_rows = [k for k in range(len(found)) if k not in hit_found]
    else:
        missed_rows, extra_rows = list(range(len(reference))), list(range(len(found)))
    examples += [{"missed": reference[k].tolist()} for k in missed_rows[:3]]
    examples += [{"extra": found[k].tolist()} for k in extra_rows[:3]]
    return {
        "found": len(found),
        "reference": len(reference),
        "not_probability": int((~proper).sum()),
        "non_equilibria": len(bad),
        "duplicates": max(0, _n_duplicates(found) - _n_duplicates(reference)),
        "missed": len(reference) - matched,
        "extra": len(found) - matched,
        "complete_without_equilibria": int(bool(complete) and not len(found)),
        "examples": examples,
    }


# The smallest failures found by probing (stratgame at commit 28cad16, both
# engines unless noted), as (A, B). "gross": a returned profile where a player
# gains a large part of its own payoff range; "boundary": the offending gain
# is just above 1e-9 of the player's own range (a tie within the solver's
# tol for the larger range), or an equilibrium is missed.
SMALLEST = {
    # gross: 6 returned, 2 exact; player 2 gains 1/3 of its range.
    "mixed_magnitudes_2x3": (
        [[0, 1, 2], [1, 0, 0]],
        [[1000000002, 1000000002, 1000000001], [0, 2000000001, 2]],
    ),
    # gross: 6 returned, 3 exact; player 2 gains its whole range.
    "few_floats_2x3": (
        [
            [-0.0, -8216945.219274411, -0.0],
            [-0.0, -8216945.219274411, -8216945.219274411],
        ],
        [
            [-0.007168264949145917, -8216945.219274411, -8216945.219274411],
            [-0.0, -0.0, -0.007168264949145917],
        ],
    ),
    # gross (numba engine): 3 returned, 1 exact; player 1 gains half its range.
    "extreme_scales_1e-310_2x2": ([[2e-310, 1e-310], [0.0, 2e-310]], [[0, 2], [2, 1]]),
    # gross (numpy engine): 1 returned, 2 exact, player 2 gains its range.
    "extreme_scales_1e308_2x3": (
        [[1, 0, 1], [1, 1, 0]],
        [[0.0, 1e308, 1e308], [0.0, 0.0, 1e308]],
    ),
    # 0 returned with complete=True, 1 exact.
    "extreme_scales_1e-310_empty_2x2": (
        [[0.0, 2e-310], [1e-310, 1e-310]],
        [[1e-310, 2e-310], [0.0, 1e-310]],
    ),
    # 1 returned, 3 exact.
    "extreme_scales_1e308_missed_2x2": (
        [[1e308, 1e308], [1e308, 1e308]],
        [[0.0, 1e308], [0.0, 0.0]],
    ),
    # gross: 5 returned, 1 exact; player 1 gains 0.135 of its range.
    "near_ties_3x2": (
        [
            [2.0000000005765086, 0.999999999516505],
            [2.0000000004242473, -2.642878402556417e-10],
            [1.999999999936083, -1.504691063980448e-10],
        ],
        [
            [2.000000000124384, 1.0000000003511096],
            [9.270293595172188e-10, 2.0000000001435345],
            [-9.611873632621045e-10, 0.999999999497558],
        ],
    ),
    # boundary: 2 returned, 1 exact; player 2 gains 2e-9 of its range.
    "mixed_magnitudes_boundary_2x2": (
        [[1, 1], [2, 2]],
        [[2, 1], [1000000002, 1000000000]],
    ),
    # boundary: 3 returned, 2 exact (extra (row 2, column 2)).
    "shifted_boundary_2x2": ([[0, 0], [0, 0]], [[0, -2999999998], [1, 0]]),
    # boundary: 4 returned, 3 exact.
    "near_ties_boundary_2x2": ([[1.999999999999, 0.0], [2.0, 0.0]], [[0, 0], [0, 0]]),
}
