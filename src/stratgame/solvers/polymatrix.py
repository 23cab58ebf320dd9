"""A Nash equilibrium of a polymatrix game by Lemke's algorithm on Howson's
linear complementarity problem.

Howson (1972, "Equilibria of polymatrix games", Management Science 18,
312-318) writes the equilibria of a polymatrix game as the solutions of an
LCP: with costs ``C_ij = K - A_ij`` (``K`` above every payoff, so every cost
is positive), find ``x >= 0`` and ``u >= 0`` with

    w_x = C x - E' u >= 0,  x . w_x = 0     (no action costs less than u_i;
                                             those played cost exactly u_i)
    w_u = E x - 1 >= 0,     u . w_u = 0     (each player's probabilities
                                             sum to one)

where ``E`` sums each player's probabilities. Lemke's complementary
pivoting (Lemke 1965, "Bimatrix equilibrium points and mathematical
programming", Management Science 11) with an artificial variable ``z0`` and
a positive covering vector ``d`` solves it; Miller and Zucker (1991,
"Copositive-plus Lemke algorithm solves polymatrix games", Operations
Research Letters 10) prove termination for this class. Degenerate pivots
are resolved by the lexicographic minimum-ratio rule (Cottle, Pang and Stone
1992, "The Linear Complementarity Problem", Section 4.9). QuantEcon's
``polym_lcp_solver`` implements Howson's own player-by-player pivoting on
the same LCP; this is an independent implementation of Lemke's variant.
"""

from __future__ import annotations

import itertools

import numpy as np

from .._validation import check_integer, check_real, check_rng
from ..exceptions import InvalidGameError
from .results import EquilibriumResult, make_equilibrium

__all__ = ["howson_lcp", "polymatrix_lemke"]

#: Pivot entries below this (on payoffs scaled to [0, 1]) count as zero.
_PIVOT_TOL = 1e-11


def howson_lcp(game) -> tuple[np.ndarray, np.ndarray]:
    """Howson's LCP ``(M, q)`` of a polymatrix game, payoffs scaled by the
    game's largest payoff range.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.PolymatrixGame({(0, 1): [[1, 0], [0, 1]], (1, 0): [[1, 0], [0, 1]]})
    >>> M, q = howson_lcp(g)
    >>> M.shape, q.tolist()
    ((6, 6), [0.0, 0.0, 0.0, 0.0, -1.0, -1.0])
    """
    n, shape = game.n_players, game.shape
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    size = int(offsets[-1])
    scale = game.payoff_scale or 1.0
    blocks = {
        key: np.asarray(game.payoff_matrix(*key), dtype=np.float64) / scale
        for key in game.edges
    }
    top = max((float(A.max()) for A in blocks.values()), default=0.0)
    K = max(top, 0.0) + 1.0  # missing pairs pay 0: their cost is K
    M = np.zeros((size + n, size + n))
    for i in range(n):
        rows = slice(offsets[i], offsets[i + 1])
        for j in range(n):
            if j == i:
                continue
            A = blocks.get((i, j))
            M[rows, offsets[j] : offsets[j + 1]] = K - (0.0 if A is None else A)
        M[rows, size + i] = -1.0
        M[size + i, rows] = 1.0
    q = np.concatenate([np.zeros(size), -np.ones(n)])
    return M, q


def _lex_min_row(T: np.ndarray, col: int, n: int) -> int | None:
    """The row of the lexicographic minimum ratio for entering column
    ``col`` (``T`` holds ``[B^-1 | B^-1 (-M) | B^-1 (-d) | B^-1 q]``), or
    None when the column has no positive entry (a ray)."""
    column = T[:, col]
    rows = np.flatnonzero(column > _PIVOT_TOL)
    if not len(rows):
        return None
    # Compare (rhs, B^-1 row) / pivot entry lexicographically.
    keys = np.hstack([T[rows, -1:], T[rows, :n]]) / column[rows, None]
    candidates = np.arange(len(rows))
    for k in range(keys.shape[1]):
        values = keys[candidates, k]
        low = values.min()
        candidates = candidates[values <= low + 1e-12 * (1.0 + abs(low))]
        if len(candidates) == 1:
            break
    return int(rows[candidates[0]])


def _pivot(T: np.ndarray, row: int, col: int) -> None:
    T[row] /= T[row, col]
    factors = T[:, col].copy()
    factors[row] = 0.0
    T -= np.outer(factors, T[row])


def _lemke(M: np.ndarray, q: np.ndarray, d: np.ndarray, max_iter: int):
    """Lemke's algorithm: ``z`` with ``w = q + M z >= 0``, ``z >= 0``,
    ``z . w = 0``, and the pivots; ``z`` is None when it ends on a ray or
    runs out of pivots."""
    n = len(q)
    # Variables: w_0..w_{n-1}, z_0..z_{n-1}, z0 (index 2n).
    T = np.hstack([np.eye(n), -M, -d[:, None], q[:, None]])
    basis = np.arange(n)
    if q.min() >= 0:
        return np.zeros(n), 0
    # z0 enters where q / d is smallest (lexicographically).
    ratios = np.hstack([q[:, None], np.eye(n)]) / d[:, None]
    candidates = np.arange(n)
    for k in range(ratios.shape[1]):
        values = ratios[candidates, k]
        candidates = candidates[values <= values.min() + 1e-12]
        if len(candidates) == 1:
            break
    row = int(candidates[0])
    # Pivot on -d: T's z0 column is -d, and z0 becomes basic.
    _pivot(T, row, 2 * n)
    leaving = basis[row]
    basis[row] = 2 * n
    for pivots in range(1, max_iter + 1):
        entering = leaving + n if leaving < n else leaving - n
        row = _lex_min_row(T, entering, n)
        if row is None:
            return None, pivots
        _pivot(T, row, entering)
        leaving = basis[row]
        basis[row] = entering
        if leaving == 2 * n:
            z = np.zeros(n)
            for r, var in enumerate(basis):
                if n <= var < 2 * n:
                    z[var - n] = T[r, -1]
            return z, pivots
    return None, max_iter


def polymatrix_lemke(
    game,
    *,
    tol: float = 1e-9,
    max_iter: int = 20_000,
    rng=None,
) -> EquilibriumResult:
    """One Nash equilibrium of a polymatrix game by Lemke's algorithm on
    Howson's LCP (see the module docstring for the method and sources).

    Parameters
    ----------
    game : PolymatrixGame
    tol : float
        The certificate: each player's regret, relative to its own payoff
        range, is at most ``tol``.
    max_iter : int
        Most pivots per run.
    rng : None, int or numpy.random.Generator
        Draws the covering vectors of the restarts, used only when the first
        run (a fixed covering vector) fails numerically or runs out of pivots.

    Returns
    -------
    EquilibriumResult
        ``method="polymatrix"``, ``complete=False``; ``details["pivots"]``.

    Examples
    --------
    >>> import stratgame as sg
    >>> pennies = sg.PolymatrixGame({(0, 1): [[1, -1], [-1, 1]],
    ...                              (1, 0): [[-1, 1], [1, -1]]})
    >>> eq = sg.solve(pennies, method="polymatrix").equilibria[0]
    >>> [s.round(6).tolist() for s in eq.strategies]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    owner = "polymatrix_lemke"
    if not hasattr(game, "payoff_matrix"):
        raise InvalidGameError(
            f"{owner} needs a PolymatrixGame; got {type(game).__name__}."
        )
    tol = check_real(tol, "tol", owner, low=0.0)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    rng = check_rng(rng)
    shape = game.shape
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    if game.n_players == 1:  # nothing to play against: every action is best
        found = [np.eye(shape[0])[0]]
        return EquilibriumResult(
            equilibria=(make_equilibrium(game, found),),
            method="polymatrix",
            complete=False,
            game=game,
            details={"pivots": 0},
        )
    M, q = howson_lcp(game)
    total_pivots, converged, best = 0, False, None
    for attempt in range(4):
        # Distinct entries: no tie when z0 enters (q has equal entries).
        d = (
            1.0 + np.arange(len(q)) / (2.0 * len(q))
            if attempt == 0
            else 0.5 + rng.random(len(q))
        )
        z, pivots = _lemke(M, q, d, max_iter)
        total_pivots += pivots
        if z is None:
            continue
        strategies = []
        for a, b in itertools.pairwise(offsets):
            x = np.clip(z[a:b], 0.0, None)
            strategies.append(
                x / x.sum() if x.sum() > 0 else np.full(b - a, 1 / (b - a))
            )
        regret = float(max(game.regret(strategies, relative=True)))
        if best is None or regret < best[1]:
            best = (strategies, regret)
        if regret <= tol:
            converged = True
            break
    equilibria = () if best is None else (make_equilibrium(game, best[0]),)
    return EquilibriumResult(
        equilibria=equilibria,
        method="polymatrix",
        complete=False,
        game=game,
        converged=converged,
        details={"pivots": total_pivots},
    )
