"""Support enumeration vectorized over a batch of small bimatrix games, for
:func:`stratgame.solve_batch`.

For every pair of supports ``I, J`` of equal size ``s`` (in a nondegenerate
game every equilibrium has supports of equal size, and support enumeration
over such pairs finds them all: von Stengel 2007, "Equilibrium computation
for two-player games in strategic and extensive form", *Algorithmic Game
Theory* ch. 3, Section 3.4) the indifference equations

    ``A[I, J] y_J = v 1``, ``sum(y_J) = 1`` and ``x_I B[I, J] = u 1``, ``sum(x_I) = 1``

are solved for all games of the batch at once, in elementwise operations
(pure profiles by each player's best responses; larger supports by the
adjugate: ``y_J = adj(M) 1 / (1' adj(M) 1)``, with cofactors by Laplace
expansion, which for ``s <= 4`` is faster than a LAPACK call per system),
on each player's payoffs mapped onto ``[1, 2]``.

A game is *doubtful*, and left to :func:`stratgame.solve`, when any decision
is within :data:`~stratgame.games.degeneracy.DOUBT` of a tie: a system near
singular (relative to Hadamard's bound) that may have strategies among its
solutions, a weight of a candidate strategy near zero, or a candidate
strategy with several near-equal best responses outside its support (a
degenerate vertex of a best-response polytope: every degenerate game has
one, whose system on some support pair is regular, so it is caught; and
in a nondegenerate game every equilibrium solves a regular system). For the other games the list found is complete; as a last check
the Shapley indices of the equilibria found must sum to 1 (Shapley 1974) and
every equilibrium's regret must be at most ``tol`` times each player's payoff
range, as :func:`stratgame.solve` certifies.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from ..games.degeneracy import DOUBT

__all__ = ["MAX_ACTIONS", "enumerate_small"]

#: Shapes with at most this many actions in all are vectorized (4 x 4: 69
#: support pairs); larger ones go to :func:`stratgame.solve` game by game.
MAX_ACTIONS = 8
#: Games per block: bounds the memory of the batched systems.
_BLOCK = 1 << 14


def _fold(ufunc, X, axis: int = -1):
    """``ufunc.reduce`` along a short axis of ``X``, as elementwise operations
    on its slices (numpy's reductions along short axes are several times
    slower)."""
    parts = np.moveaxis(X, axis, 0)
    out = parts[0].copy()
    for part in parts[1:]:
        ufunc(out, part, out=out)
    return out


def _unit(U):
    """Each game's payoffs mapped onto ``[1, 2]``, each game's payoff range,
    and which games have a finite positive range (the others are all ties,
    or overflow)."""
    flat = U.reshape(len(U), -1)
    low = _fold(np.minimum, flat)
    span = _fold(np.maximum, flat) - low
    good = np.isfinite(span) & (span > 0)
    scale = np.where(good, span, 1.0)
    low = np.where(good, low, 0.0)
    return (U - low[:, None, None]) / scale[:, None, None] + 1.0, span, good


def _minor(M, rows: tuple, cols: tuple):
    """The determinant of ``M[:, rows][:, :, cols]`` for a batch of small
    matrices, by Laplace expansion along the first row, in elementwise
    operations on columns of ``M`` (no copies of the matrices)."""
    if len(rows) == 1:
        return M[:, rows[0], cols[0]]
    if len(rows) == 2:
        (a, b), (c, d) = rows, cols
        return M[:, a, c] * M[:, b, d] - M[:, a, d] * M[:, b, c]
    total = 0.0
    for k, col in enumerate(cols):
        rest = _minor(M, rows[1:], cols[:k] + cols[k + 1 :])
        total = total + (-1) ** k * M[:, rows[0], col] * rest
    return total


def _indifference(M, rows: tuple, cols: tuple):
    """Solve ``N w = value 1``, ``sum(w) = 1`` for the submatrices
    ``N = M[:, rows][:, :, cols]`` (``s x s``, ``s >= 2``) of a batch, in
    elementwise operations on columns of ``M``. By the adjugate:
    ``w = adj(N) 1 / (1' adj(N) 1)``, ``value = det(N) / (1' adj(N) 1)``,
    where ``1' adj(N) 1`` is the determinant of the bordered system
    ``[[N, -1], [1, 0]]`` (its sign is that of ``det N`` when ``value > 0``).
    Returns the weights (one array per column), the value, that determinant,
    and :func:`_solution`'s verdicts on the system."""
    s = len(rows)
    entries = [[M[:, r, c] for c in cols] for r in rows]
    if s == 2:
        (m11, m12), (m21, m22) = entries
        raw = [m22 - m12, m11 - m21]
        det = m11 * m22 - m12 * m21
    else:
        cofactors = [
            [
                (-1) ** (i + j)
                * _minor(M, rows[:i] + rows[i + 1 :], cols[:j] + cols[j + 1 :])
                for j in range(s)
            ]
            for i in range(s)
        ]
        raw = [sum(cofactors[i][k] for i in range(s)) for k in range(s)]  # adj(N) 1
        det = sum(entries[0][j] * cofactors[0][j] for j in range(s))
    bound = np.sqrt(s * np.prod([sum(e * e for e in row) + 1 for row in entries], 0))
    return _solution(raw, sum(raw), det, bound)


def _solution(raw, bordered, det, bound):
    """``w = raw / bordered`` and ``value = det / bordered`` where the system
    is clearly regular; with whether it is, and whether it is *undecided*:
    near singular with ``raw`` near zero too (a line of solutions may pass
    through strategies). A near-singular system with ``raw`` clearly away
    from zero has no solution that is a strategy (a weight beyond 1)."""
    regular = np.abs(bordered) > DOUBT * bound
    largest = np.abs(raw[0])
    for part in raw[1:]:
        np.maximum(largest, np.abs(part), out=largest)
    undecided = ~regular & (largest <= 2 * DOUBT * bound)
    safe = np.where(regular, bordered, 1.0)
    return [part / safe for part in raw], det / safe, bordered, regular, undecided


def _verdict(w, gains, regular, undecided):
    """Whether a candidate strategy (weights ``w``, the opponent's payoff
    gains over the indifferent value outside the support, lists of arrays)
    is an equilibrium strategy, and whether float arithmetic cannot tell (a
    tie within :data:`DOUBT` among its best responses, or a weight near
    zero)."""
    negative = np.zeros(len(regular), dtype=bool)
    unsure = np.zeros(len(regular), dtype=bool)
    gaining = np.zeros(len(regular), dtype=bool)
    for weight in w:
        negative |= weight < -DOUBT
        unsure |= np.abs(weight) <= DOUBT
    for gain in gains:
        unsure |= np.abs(gain) <= DOUBT
        gaining |= gain > DOUBT
    strategy = regular & ~negative
    doubt = undecided | (strategy & ~gaining & unsure)
    return strategy & ~gaining & ~unsure, doubt


def _block(A, B):
    """Candidate equilibria of one block of games: ``doubt (G,)`` and, for
    the equilibria found, game index and strategies; each game's payoff
    range per player."""
    G, m, n = A.shape
    SA, span_a, good_a = _unit(A)
    SB, span_b, good_b = _unit(B)
    SBt = SB.transpose(0, 2, 1)  # the column player's systems read B by columns
    doubt = ~(good_a & good_b)
    games, xs, ys, signs = _pure(SA, SB, doubt)
    for s in range(2, min(m, n) + 1):
        for rows in combinations(range(m), s):
            out_I = [i for i in range(m) if i not in rows]
            for cols in combinations(range(n), s):
                out_J = [j for j in range(n) if j not in cols]
                # y on cols makes the row player indifferent on rows, x on rows
                # the column player on cols; gains of the actions outside
                y, v, det_y, *status_y = _indifference(SA, rows, cols)
                x, u, det_x, *status_x = _indifference(SBt, cols, rows)
                gain_rows = [
                    sum(SA[:, i, c] * w for c, w in zip(cols, y, strict=True)) - v
                    for i in out_I
                ]
                gain_cols = [
                    sum(SB[:, r, j] * w for r, w in zip(rows, x, strict=True)) - u
                    for j in out_J
                ]
                eq_y, doubt_y = _verdict(y, gain_rows, *status_y)
                eq_x, doubt_x = _verdict(x, gain_cols, *status_x)
                doubt |= doubt_x | doubt_y
                found = np.flatnonzero(eq_x & eq_y)
                if not len(found):
                    continue
                full_x = np.zeros((len(found), m))
                full_x[:, list(rows)] = np.stack([w[found] for w in x], axis=1)
                full_y = np.zeros((len(found), n))
                full_y[:, list(cols)] = np.stack([w[found] for w in y], axis=1)
                games.append(found)
                xs.append(full_x)
                ys.append(full_y)
                signs.append(
                    (-1) ** (s + 1) * np.sign(det_x[found]) * np.sign(det_y[found])
                )
    games = np.concatenate(games)
    index_sums = np.bincount(games, weights=np.concatenate(signs), minlength=G)
    doubt |= index_sums != 1
    spans = np.stack([span_a, span_b], axis=1)
    return doubt, games, np.concatenate(xs), np.concatenate(ys), spans


def _pure(SA, SB, doubt):
    """The supports of size 1 of every game at once: a pure profile is an
    equilibrium when each action is the other player's unique best
    response; a game where some pure strategy has two best responses within
    :data:`DOUBT` is doubtful (``doubt`` is updated). Returns lists of game
    indices, strategies and Shapley indices (all +1), as :func:`_block`
    collects them."""
    _, m, n = SA.shape
    best_rows = _fold(np.maximum, SA, 1)  # player 1's best payoff per column
    best_cols = _fold(np.maximum, SB, 2)  # player 2's best payoff per row
    doubt |= _fold(
        np.logical_or, _fold(np.add, SA >= best_rows[:, None] - DOUBT, 1) > 1
    )
    doubt |= _fold(
        np.logical_or, _fold(np.add, SB >= best_cols[..., None] - DOUBT, 2) > 1
    )
    games, i, j = np.nonzero((SA == best_rows[:, None]) & (SB == best_cols[..., None]))
    return [games], [np.eye(m)[i]], [np.eye(n)[j]], [np.ones(len(games))]


def _values(A, B, games, xs, ys):
    """Expected payoffs ``(E, 2)`` and each player's regret ``(E, 2)``."""
    row_values = _fold(np.add, A[games] * ys[:, None, :])
    col_values = _fold(np.add, B[games] * xs[:, :, None], 1)
    payoffs = np.stack(
        [_fold(np.add, xs * row_values), _fold(np.add, ys * col_values)], axis=1
    )
    best = np.stack(
        [_fold(np.maximum, row_values), _fold(np.maximum, col_values)], axis=1
    )
    return payoffs, np.maximum(best - payoffs, 0.0)


def _order(games, xs, ys):
    """Equilibria by game, and within a game as :func:`stratgame.solve` orders
    them: by the first player's strategy, then the second's, descending.
    Also the games whose order rests on rounding (two equilibria alike, up to
    ``1e-9``, in the components that decide it, other than exact zeros and
    ones): there ``solve`` may order them otherwise."""
    # a stable sort of 16-bit keys is a radix sort (games < _BLOCK < 2**15)
    order = np.argsort(games.astype(np.int16), kind="stable")
    several = np.flatnonzero(np.bincount(games)[games[order]] > 1)  # in order
    if not len(several):
        return order, np.zeros(0, np.intp)
    rows = order[several]
    keys = np.hstack([xs[rows], ys[rows]])
    sort = np.lexsort((*(-keys.T[::-1]), games[rows]))
    order[several] = rows = rows[sort]
    keys, owner = keys[sort], games[rows]
    step = keys[1:] - keys[:-1]
    exact = (step == 0) & ((keys[1:] == 0) | (keys[1:] == 1))
    undecided = np.logical_and.accumulate(np.abs(step) <= 1e-9, axis=1)
    fragile = (owner[1:] == owner[:-1]) & (undecided & ~exact).any(axis=1)
    return order, owner[1:][fragile]


def enumerate_small(U, tol: float = 1e-9):
    """All extreme equilibria of the nondegenerate games of a batch.

    Parameters
    ----------
    U : numpy.ndarray
        Payoffs ``(K, 2, m, n)`` (cast to float), ``m + n <= MAX_ACTIONS``.
    tol : float
        The certificate: each player's regret at most ``tol`` times its own
        payoff range.

    Returns
    -------
    ok : numpy.ndarray of bool, ``(K,)``
        The games answered here; the others are doubtful.
    games, xs, ys, payoffs, regret : numpy.ndarray
        The equilibria of the games answered, ordered by game and, within a
        game, as :func:`stratgame.solve` orders them (by the first player's
        strategy, then the second's, descending); ``regret`` is the largest
        of the two players' regrets.

    Examples
    --------
    >>> import numpy as np
    >>> bos = np.array([[[[2, 0], [0, 1]], [[1, 0], [0, 2]]]], dtype=float)
    >>> ok, games, xs, ys, payoffs, regret = enumerate_small(bos)
    >>> ok.tolist(), games.tolist(), xs.round(4).tolist()
    ([True], [0, 0, 0], [[1.0, 0.0], [0.6667, 0.3333], [0.0, 1.0]])
    """
    U = np.asarray(U, dtype=np.float64)
    K, _, m, n = U.shape
    ok = np.zeros(K, dtype=bool)
    empty = np.zeros(0, np.intp), np.zeros((0, m)), np.zeros((0, n))
    parts = [(*empty, np.zeros((0, 2)), np.zeros(0))]
    for start in range(0, K, _BLOCK):
        A, B = U[start : start + _BLOCK, 0], U[start : start + _BLOCK, 1]
        doubt, games, xs, ys, spans = _block(A, B)
        payoffs, regrets = _values(A, B, games, xs, ys)
        ranges = spans[games]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            relative = regrets / ranges
        failed = ~_fold(np.logical_and, relative <= tol)
        doubt[games[failed]] = True
        order, fragile = _order(games, xs, ys)
        doubt[fragile] = True
        keep = order[~doubt[games[order]]]
        ok[start : start + len(A)] = ~doubt
        parts.append(
            (
                games[keep] + start,
                xs[keep],
                ys[keep],
                payoffs[keep],
                _fold(np.maximum, regrets[keep]),
            )
        )
    games, xs, ys, payoffs, regret = (
        np.concatenate(p) for p in zip(*parts, strict=True)
    )
    return ok, games, xs, ys, payoffs, regret
