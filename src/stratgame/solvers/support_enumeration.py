"""Support enumeration: the Nash equilibria of a two-player game found by
solving the indifference equations of every pair of equal-size supports.

For supports ``I`` (rows) and ``J`` (columns) with ``|I| = |J| = k``, the
column strategy ``y`` on ``J`` must make the row player indifferent over
``I`` and the row strategy ``x`` on ``I`` must make the column player
indifferent over ``J``; the pair is an equilibrium when both are probability
vectors and no action outside the supports pays more (Dickhaut and Kaplan
1991; von Stengel 2007, "Equilibrium computation for two-player games in
strategic and extensive form", Algorithmic Game Theory ch. 3, section on the
best response condition and support enumeration). In a nondegenerate game
every equilibrium has supports of equal size and is found this way.

All pairs of one size are solved at once as a batch of small linear systems
in numpy, so the cost is ``sum_k C(m, k) C(n, k)`` small solves without a
Python loop over supports.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from itertools import combinations

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import DegenerateGameWarning, InvalidGameError
from ..games.exact_linalg import solve_exact
from ..games.scaling import unit_interval
from .results import EquilibriumResult, make_equilibrium

__all__ = ["support_enumeration"]

#: Pairs of supports solved per numpy batch (bounds memory).
_BATCH = 8192
#: Float equilibria closer than this in every probability count as one (a
#: degenerate game can give one equilibrium from several support pairs).
_SAME_TOL = 1e-7


def _indifference(blocks: np.ndarray):
    """Solve ``M z = 0, sum z = 1`` with a common value for each square block.

    ``blocks`` has shape ``(p, k, k)``: block ``M`` has row ``i`` giving the
    payoff of own action ``i`` against the other's support. Returns
    ``(z, value, ok)`` with ``ok`` False where the system is singular.
    """
    p, k, _ = blocks.shape
    systems = np.zeros((p, k + 1, k + 1))
    systems[:, :k, :k] = blocks
    systems[:, :k, k] = -1.0
    systems[:, k, :k] = 1.0
    # Exactly singular systems are set aside (numpy would refuse the whole
    # batch); nearly singular ones give wild solutions that the nonnegativity
    # and best-response checks reject.
    ok = np.linalg.det(systems) != 0
    systems[~ok] = np.eye(k + 1)
    rhs = np.zeros((p, k + 1, 1))
    rhs[:, k, 0] = 1.0
    solution = np.linalg.solve(systems, rhs)[..., 0]
    ok &= np.isfinite(solution).all(axis=1)
    return solution[:, :k], solution[:, k], ok


def _pairs_of_size(A: np.ndarray, B: np.ndarray, k: int, tol: float):
    """Every pair of size-``k`` supports whose indifference equations give an
    equilibrium (within ``tol``), as ``(rows, cols, x, y)`` float tuples."""
    m, n = A.shape
    row_sets = np.array(list(combinations(range(m), k)), dtype=np.intp)
    col_sets = np.array(list(combinations(range(n), k)), dtype=np.intp)
    pair_rows, pair_cols = np.divmod(
        np.arange(len(row_sets) * len(col_sets)), len(col_sets)
    )
    found = []
    for start in range(0, len(pair_rows), _BATCH):
        rows = row_sets[pair_rows[start : start + _BATCH]]
        cols = col_sets[pair_cols[start : start + _BATCH]]
        # y on cols makes the row player indifferent over rows; no row pays more.
        y, v, ok = _indifference(A[rows[:, :, None], cols[:, None, :]])
        ok &= (y >= -tol).all(axis=1)
        row_payoffs = np.einsum("pmk,pk->pm", A[:, cols].transpose(1, 0, 2), y)
        ok &= (row_payoffs <= v[:, None] + tol).all(axis=1)
        if not ok.any():
            continue
        rows, cols, y = rows[ok], cols[ok], y[ok]
        # x on rows makes the column player indifferent over cols; no column more.
        x, u, ok = _indifference(
            B[rows[:, :, None], cols[:, None, :]].transpose(0, 2, 1)
        )
        ok &= (x >= -tol).all(axis=1)
        col_payoffs = np.einsum("pkn,pk->pn", B[rows], x)
        ok &= (col_payoffs <= u[:, None] + tol).all(axis=1)
        found += zip(rows[ok], cols[ok], x[ok], y[ok], strict=True)
    return found


def _exact_side(payoff, own, other, count: int):
    """The strategy on ``other`` (length ``count``) that makes the owner of
    ``payoff`` (rows: own actions) indifferent over ``own``, in Fractions."""
    k = len(own)
    matrix = [[payoff[i][j] for j in other] + [Fraction(-1)] for i in own]
    matrix.append([Fraction(1)] * k + [Fraction(0)])
    solution = solve_exact(matrix, [Fraction(0)] * k + [Fraction(1)])
    if solution is None:
        return None
    strategy = [Fraction(0)] * count
    for j, p in zip(other, solution[:k], strict=True):
        strategy[j] = p
    return strategy


def _exact_equilibrium(game, rows, cols):
    """Re-solve supports ``(rows, cols)`` exactly; the equilibrium or None."""
    A, B = (
        [[Fraction(v) for v in row] for row in arr.tolist()]
        for arr in game.exact_payoff_arrays
    )
    m, n = game.shape
    y = _exact_side(A, list(rows), list(cols), n)
    x = _exact_side(
        [list(col) for col in zip(*B, strict=True)], list(cols), list(rows), m
    )
    if x is None or y is None or min(x) < 0 or min(y) < 0:
        return None
    eq = make_equilibrium(game, (x, y), exact=True)
    return eq if eq.regret == 0 else None  # exact regret, float payoffs bit for bit


def _nondegenerate(game) -> bool | None:
    """True/False from ``game.is_degenerate()``; None if that is unavailable."""
    try:
        return not game.is_degenerate()
    except ImportError:
        return None


def _is_new(eq, kept) -> bool:
    for other in kept:
        if eq.exact is not None and other.exact is not None:
            if eq.exact == other.exact:
                return False
        elif all(
            np.allclose(s, t, rtol=0.0, atol=_SAME_TOL)
            for s, t in zip(eq.strategies, other.strategies, strict=True)
        ):
            return False
    return True


def support_enumeration(
    game, *, tol: float = 1e-9, exact: bool = False, max_support: int | None = None
):
    """All equilibria of a nondegenerate two-player game by enumerating pairs
    of equal-size supports.

    Meant for teaching and for cross-checks: the work grows like
    ``C(m + n, m)``; ``method="enumerate"`` is the fast, complete solver.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float
        Tolerance, relative to the payoff range, for the nonnegativity and
        best-response checks of a solved support pair; every equilibrium kept
        also has regret at most ``tol * game.payoff_scale``. Floats are never
        compared exactly.
    exact : bool
        Re-solve each support pair found in exact rational arithmetic
        (``eq.exact`` then holds Fractions; only pairs whose exact solution
        has exactly zero regret are kept, float payoffs taken bit for bit).
    max_support : int, optional
        Only supports of at most this many actions (the equilibria with small
        supports of a game too large to enumerate); the result is then not
        complete.

    Returns
    -------
    EquilibriumResult
        ``method="support_enumeration"``. ``complete=True`` when the game is
        known to be nondegenerate (then every equilibrium is listed).

    Warns
    -----
    DegenerateGameWarning
        For a degenerate game: equilibria with supports of unequal size, or
        whose indifference equations are singular (those in continua), are
        not found, so the list may be incomplete; ``method="enumerate"``
        lists every extreme equilibrium.

    Raises
    ------
    InvalidGameError
        If the game does not have two players.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = sg.solve(g, method="support_enumeration", exact=True)
    >>> for eq in res.equilibria:
    ...     print([[str(p) for p in s] for s in eq.exact])
    [['1', '0'], ['1', '0']]
    [['0', '1'], ['0', '1']]
    [['2/3', '1/3'], ['1/3', '2/3']]
    """
    if game.n_players != 2:
        raise InvalidGameError(
            "support_enumeration needs a two-player game; got "
            f"{game.n_players} players."
        )
    check_real(tol, "tol", "support_enumeration", low=0)
    m, n = game.shape
    largest = min(m, n)
    if max_support is not None:
        largest = min(
            largest,
            check_integer(max_support, "max_support", "support_enumeration", low=1),
        )
    A, B = (unit_interval(a) for a in game.float_payoff_arrays)
    equilibria = []
    for k in range(1, largest + 1):
        for rows, cols, x, y in _pairs_of_size(A, B, k, tol):
            if exact:
                eq = _exact_equilibrium(game, rows, cols)
            else:
                full_x, full_y = np.zeros(m), np.zeros(n)
                full_x[rows] = np.clip(x, 0.0, None)
                full_y[cols] = np.clip(y, 0.0, None)
                eq = make_equilibrium(
                    game, (full_x / full_x.sum(), full_y / full_y.sum())
                )
            if eq is None or max(game.regret(eq.strategies, relative=True)) > tol:
                continue
            if _is_new(eq, equilibria):
                equilibria.append(eq)
    # every support size tried: complete exactly when the game is nondegenerate
    nondegenerate = _nondegenerate(game) if largest == min(m, n) else None
    if nondegenerate is False:
        warnings.warn(
            "this game is degenerate: support enumeration finds only equilibria "
            "whose supports have equal size and determine them uniquely, so "
            "some may be missing; method='enumerate' lists every extreme "
            "equilibrium.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method="support_enumeration",
        complete=bool(nondegenerate) and largest == min(m, n),
        game=game,
        details={"degenerate": None if nondegenerate is None else not nondegenerate},
    )
