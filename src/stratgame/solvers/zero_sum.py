"""Two-player zero-sum and constant-sum games: the value and optimal strategies.

Two solvers:

- :func:`solve_zero_sum` (``method="zero_sum"``) solves the maximin linear
  program with HiGHS through :func:`scipy.optimize.linprog`; the column
  player's optimal strategy is the dual solution of the same LP (von Neumann's
  minimax theorem as LP duality, Dantzig 1951).
- :func:`solve_zero_sum_approx` (``method="zero_sum_approx"``) runs the
  restarted primal-dual hybrid gradient method (Chambolle and Pock 2011, with
  the adaptive restarts of Applegate, Lubin and Hinder 2023), a first-order
  method that only multiplies by the payoff matrix; it stops at a requested
  duality gap and reports the gap it certifies, which is far faster than the
  exact LP on large games.

A constant-sum game is solved as the zero-sum game of the row player's
payoffs: subtracting the constant from the column player's payoffs changes no
best response.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np

from .._validation import check_choice, check_integer, check_real, check_rng
from ..exceptions import DegenerateGameWarning, InvalidGameError, SolverError
from ..games import NormalFormGame
from ..games.exact_linalg import solve_exact
from ..games.simplex import project_to_simplex
from .results import EquilibriumResult, make_equilibrium
from .solve import METHODS

__all__ = ["project_to_simplex", "solve_zero_sum", "solve_zero_sum_approx"]

_LP_METHODS = ("highs", "highs-ds", "highs-ipm")


def _row_payoffs(game, method: str) -> np.ndarray:
    """The row player's payoff matrix, after checking that ``game`` is a
    two-player constant-sum game."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"method {method!r} needs a NormalFormGame; got {type(game).__name__}."
        )
    others = ", ".join(repr(m) for m in sorted(METHODS) if not m.startswith("zero_sum"))
    if game.n_players != 2:
        raise InvalidGameError(
            f"method {method!r} needs a two-player zero-sum or constant-sum game; "
            f"this game has {game.n_players} players. Methods for it: {others}; "
            "or sg.correlated_equilibrium(game)."
        )
    if not game.is_constant_sum():
        total = np.asarray(game.float_payoff_arrays[0] + game.float_payoff_arrays[1])
        low = np.unravel_index(int(np.argmin(total)), total.shape)
        high = np.unravel_index(int(np.argmax(total)), total.shape)
        raise InvalidGameError(
            f"method {method!r} needs a zero-sum or constant-sum game, but the "
            f"payoffs sum to {total[low]:.6g} at {tuple(map(int, low))} and to "
            f"{total[high]:.6g} at {tuple(map(int, high))}. For a general-sum "
            f"game use one of the methods {others}, or "
            "sg.correlated_equilibrium(game)."
        )
    return np.asarray(game.float_payoff_arrays[0])


def _normalized(strategy: np.ndarray) -> np.ndarray:
    strategy = np.clip(strategy, 0.0, None)
    return strategy / strategy.sum()


def solve_zero_sum(
    game, *, lp_method: str = "highs", exact: bool = False
) -> EquilibriumResult:
    """The value and a pair of optimal (maximin) strategies of a two-player
    zero-sum or constant-sum game, by linear programming.

    The row player's LP is ``max v`` subject to ``A^T x >= v 1``,
    ``sum(x) = 1``, ``x >= 0``, solved in the classical form without the
    free variable ``v``: with ``B`` the payoffs shifted to be positive,
    ``min 1.u`` subject to ``B^T u >= 1``, ``u >= 0``. The multipliers of its
    constraints are an optimal strategy of the column player (Dantzig 1951;
    von Stengel 2022, "Game Theory Basics", ch. 8). Solved by HiGHS (Huangfu and Hall
    2018) through :func:`scipy.optimize.linprog`.

    Parameters
    ----------
    game : NormalFormGame
        Two players whose payoffs add up to the same constant everywhere.
    lp_method : {"highs", "highs-ds", "highs-ipm"}
        The HiGHS algorithm: automatic choice, dual simplex or interior point.
    exact : bool
        Recover the optimal strategies as Fractions (float payoffs taken bit
        for bit) from the constraints that are tight at the
        LP's solution, and certify them exactly (regret exactly zero). Meant
        for small games; if the tight constraints do not determine a unique
        certified solution (degenerate games), a
        :class:`~stratgame.exceptions.DegenerateGameWarning` is issued and
        the float solution returned.

    Returns
    -------
    EquilibriumResult
        One equilibrium (a pair of optimal strategies) with its regret,
        ``method="zero_sum"`` and ``complete=False`` (the optimal strategies
        may form a polytope; one vertex is returned).
        ``details["value"]`` is the row player's value and
        ``details["values"]`` both players' values.

    Raises
    ------
    InvalidGameError
        (a ValueError) for games with other than two players or that are not
        constant-sum; the message names the methods that do apply.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> res = sg.solve(g, method="zero_sum")
    >>> round(res.details["value"], 9) + 0.0
    0.0
    >>> res.equilibria[0].strategies[0].round(6)
    array([0.333333, 0.333333, 0.333333])
    >>> g = sg.NormalFormGame.from_bimatrix([[3, -1], [-2, 1]])
    >>> sg.solve(g, method="zero_sum", exact=True).equilibria[0].exact
    ((Fraction(3, 7), Fraction(4, 7)), (Fraction(2, 7), Fraction(5, 7)))
    """
    from scipy.optimize import linprog

    check_choice(lp_method, "lp_method", "solve_zero_sum", _LP_METHODS)
    payoffs = _row_payoffs(game, "zero_sum")
    rows, cols = payoffs.shape
    # With payoffs B shifted and scaled into [1, 2], the row player's LP is
    # min 1.u s.t. B^T u >= 1, u >= 0; then x = u / sum(u), and the value
    # of B is 1 / sum(u) (Dantzig 1951). No free variable, no equality.
    low = float(payoffs.min())
    spread = float(payoffs.max()) - low or 1.0
    positive = (payoffs - low) / spread + 1.0
    solution = linprog(
        np.ones(rows),
        A_ub=-positive.T,
        b_ub=-np.ones(cols),
        bounds=(0.0, None),
        method=lp_method,
    )
    if solution.status != 0:
        raise SolverError(
            f"HiGHS did not solve the maximin LP of this zero-sum game: "
            f"{solution.message}"
        )
    basic = (_normalized(solution.x), _normalized(-solution.ineqlin.marginals))
    row, column = _refined(payoffs, *basic)
    equilibrium = None
    if exact:
        equilibrium = _exact_equilibrium(game, payoffs, (basic, (row, column)))
    if equilibrium is None:
        equilibrium = make_equilibrium(game, (row, column))
    value = (1.0 / float(solution.fun) - 1.0) * spread + low
    if equilibrium.exact is not None:
        value = float(game.expected_payoffs(equilibrium.exact)[0])
    return EquilibriumResult(
        equilibria=(equilibrium,),
        method="zero_sum",
        complete=False,
        game=game,
        details={
            "value": value,
            "values": tuple(float(p) for p in equilibrium.payoffs),
            "lp_method": lp_method,
            "lp_iterations": int(getattr(solution, "nit", 0)),
        },
    )


def _duality_gap(payoffs, row, column) -> float:
    return float((payoffs @ column).max() - (row @ payoffs).min())


def _equalizer(matrix: np.ndarray) -> np.ndarray | None:
    """The strategy on the rows of ``matrix`` that gives every column the
    same payoff (least squares when the supports are degenerate)."""
    rows, cols = matrix.shape
    system = np.zeros((cols + 1, rows + 1))
    system[:cols, :rows] = matrix.T
    system[:cols, rows] = -1.0
    system[cols, :rows] = 1.0
    rhs = np.zeros(cols + 1)
    rhs[cols] = 1.0
    try:
        if rows != cols:
            raise np.linalg.LinAlgError("not square")
        solution = np.linalg.solve(system, rhs)[:rows]
    except np.linalg.LinAlgError:
        solution = np.linalg.lstsq(system, rhs, rcond=None)[0][:rows]
    if not np.all(np.isfinite(solution)) or solution.min() < -1e-9:
        return None
    return _normalized(solution)


def _refined(payoffs, row, column):
    """Polish the LP solution on its supports: solve the equalizing linear
    systems of both players and keep the result if its duality gap is
    smaller (HiGHS stops at feasibility tolerance 1e-7)."""
    gap = _duality_gap(payoffs, row, column)
    if gap <= 1e-13 * max(1.0, float(np.abs(payoffs).max())):
        return row, column
    rows, cols = np.flatnonzero(row > 0), np.flatnonzero(column > 0)
    x = _equalizer(payoffs[np.ix_(rows, cols)])
    y = _equalizer(payoffs[np.ix_(rows, cols)].T)
    if x is None or y is None:
        return row, column
    new_row, new_column = np.zeros_like(row), np.zeros_like(column)
    new_row[rows], new_column[cols] = x, y
    if _duality_gap(payoffs, new_row, new_column) < gap:
        return new_row, new_column
    return row, column


def _exact_strategy(exact_payoffs, support, tight):
    """Fractions on ``support`` giving every ``tight`` column the same payoff
    (the rows of ``exact_payoffs`` are the player's actions)."""
    matrix = [[exact_payoffs[i][j] for i in support] + [Fraction(-1)] for j in tight]
    matrix.append([Fraction(1)] * len(support) + [Fraction(0)])
    rhs = [Fraction(0)] * len(tight) + [Fraction(1)]
    solution = solve_exact(matrix, rhs)
    if solution is None or min(solution[:-1]) < 0:
        return None
    strategy = [Fraction(0)] * len(exact_payoffs)
    for i, p in zip(support, solution[:-1], strict=True):
        strategy[i] = p
    return strategy


def _exact_equilibrium(game, payoffs, candidates):
    """The exact optimal strategies behind one of the LP's float solutions
    (the basic one first), certified by an exact regret of zero; None (with
    a warning) when that fails."""
    tol = 1e-9 * max(game.payoff_scale, 1.0)
    exact_payoffs = game.exact_payoff_arrays[0]
    for row, column in candidates:
        row_values, column_values = row @ payoffs, payoffs @ column
        x = _exact_strategy(
            exact_payoffs.tolist(),
            np.flatnonzero(row > 1e-12),
            np.flatnonzero(row_values <= row_values.min() + tol),
        )
        y = _exact_strategy(
            exact_payoffs.T.tolist(),
            np.flatnonzero(column > 1e-12),
            np.flatnonzero(column_values >= column_values.max() - tol),
        )
        if x is not None and y is not None:
            equilibrium = make_equilibrium(game, (x, y), exact=True)
            if equilibrium.regret == 0:
                return equilibrium
    warnings.warn(
        "the constraints tight at the LP solution do not determine certified "
        "exact optimal strategies (a degenerate game); returning floats.",
        DegenerateGameWarning,
        stacklevel=3,
    )
    return None


def _spectral_norm(matrix: np.ndarray, rng, iterations: int = 40) -> float:
    """An estimate of the largest singular value by power iteration on
    ``A^T A``, inflated by 1 % to stay an upper bound in practice."""
    vector = rng.standard_normal(matrix.shape[1])
    norm = 0.0
    for _ in range(iterations):
        image = matrix.T @ (matrix @ vector)
        new_norm = float(np.linalg.norm(image))
        if new_norm == 0.0:
            return 0.0
        vector = image / new_norm
        if abs(new_norm - norm) <= 1e-4 * new_norm:
            break
        norm = new_norm
    return 1.01 * float(np.sqrt(new_norm))


def solve_zero_sum_approx(
    game,
    *,
    gap: float = 1e-4,
    max_iter: int = 100_000,
    restart_factor: float = 0.2,
    rng=None,
) -> EquilibriumResult:
    """An approximate pair of optimal strategies of a large zero-sum game, to
    a requested duality gap, by a first-order method.

    The restarted primal-dual hybrid gradient method (PDHG; Chambolle and
    Pock 2011) runs on the saddle problem ``max_x min_y x^T A y`` over the two
    simplices, with steps ``1 / ||A||_2``. The running averages of the
    iterates are restarted whenever the duality gap of the average or of the
    current iterate falls below ``restart_factor`` times its value at the last
    restart (Applegate, Lubin and Hinder 2023, "Faster first-order primal-dual
    methods for linear programming using restarts and sharpness", Math.
    Programming 201, Algorithm 1, with the duality gap as restart measure);
    on matrix games, which are sharp, this converges linearly. Each iteration
    costs two products with the payoff matrix, and the duality gap
    ``max_i (A y)_i - min_j (x^T A)_j`` comes for free from them.

    Parameters
    ----------
    game : NormalFormGame
        A two-player zero-sum or constant-sum game.
    gap : float
        Stop when the duality gap is at most ``gap * game.payoff_scale``. Both
        players' regrets are then at most that, so the profile passes
        ``game.is_nash(profile, tol=gap)``.
    max_iter : int
        Stop after this many iterations (the result then has
        ``converged=False``).
    restart_factor : float in (0, 1)
        Restart when the gap has shrunk by this factor since the last restart.
    rng : None, int or numpy.random.Generator
        Seeds the start vector of the power iteration that estimates
        ``||A||_2`` (the only randomness).

    Returns
    -------
    EquilibriumResult
        ``method="zero_sum_approx"``, one equilibrium (the best pair found)
        with its regret. ``details`` holds ``"gap"`` (the duality gap in payoff
        units), ``"relative_gap"`` (divided by ``payoff_scale``),
        ``"value_bounds"`` (the row player's value lies in this interval),
        ``"value"`` (its midpoint), ``"iterations"`` and ``"restarts"``.

    Raises
    ------
    InvalidGameError
        For a game that is not two-player constant-sum.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, -1], [-2, 1]])
    >>> res = sg.solve(g, method="zero_sum_approx", gap=1e-6, rng=0)
    >>> res.converged, res.details["relative_gap"] <= 1e-6
    (True, True)
    >>> round(res.details["value"], 4)
    0.1429
    """
    gap = check_real(gap, "gap", "solve_zero_sum_approx", low=0, low_open=True)
    max_iter = check_integer(max_iter, "max_iter", "solve_zero_sum_approx", low=1)
    restart_factor = check_real(
        restart_factor,
        "restart_factor",
        "solve_zero_sum_approx",
        low=0,
        high=1,
        low_open=True,
        high_open=True,
    )
    generator = check_rng(rng)
    payoffs = _row_payoffs(game, "zero_sum_approx")
    # A constant shift and a positive scale change no best response.
    scale = game.payoff_scale if game.payoff_scale > 0 else 1.0
    shift = float(payoffs.mean())
    matrix = (payoffs - shift) / scale
    row, column, iterations, restarts = _restarted_pdhg(
        matrix, gap, max_iter, restart_factor, generator
    )
    column_values = matrix @ column
    row_values = row @ matrix
    upper = float(column_values.max()) * scale + shift
    lower = float(row_values.min()) * scale + shift
    equilibrium = make_equilibrium(game, (_normalized(row), _normalized(column)))
    return EquilibriumResult(
        equilibria=(equilibrium,),
        method="zero_sum_approx",
        complete=False,
        game=game,
        converged=(upper - lower) / scale <= gap * (1 + 1e-9),
        details={
            "gap": upper - lower,
            "relative_gap": (upper - lower) / scale,
            "value_bounds": (lower, upper),
            "value": (lower + upper) / 2,
            "iterations": iterations,
            "restarts": restarts,
        },
    )


def _restarted_pdhg(matrix, target, max_iter, restart_factor, rng):
    """Restarted PDHG on ``max_x min_y x^T M y``; returns the best pair found
    and the iteration and restart counts."""
    rows, cols = matrix.shape
    norm = _spectral_norm(matrix, rng)
    step = 0.95 / norm if norm > 0 else 1.0
    x = np.full(rows, 1.0 / rows)
    y = np.full(cols, 1.0 / cols)
    my = matrix @ y  # row player's action values against y
    xm = x @ matrix  # column player's action costs against x
    best = (my.max() - xm.min(), x, y)
    if best[0] <= target:
        return x, y, 0, 0
    gap_at_restart = best[0]
    sum_x, sum_y = np.zeros(rows), np.zeros(cols)
    sum_my, sum_xm = np.zeros(rows), np.zeros(cols)
    count = restarts = iterations = 0
    while iterations < max_iter:
        iterations += 1
        x_new = project_to_simplex(x + step * my)
        # x_bar = 2 x_new - x, and x_bar M = 2 x_new M - x M: one product.
        xbar_m = (2.0 * x_new - x) @ matrix
        xm = 0.5 * (xbar_m + xm)
        y = project_to_simplex(y - step * xbar_m)
        x = x_new
        my = matrix @ y
        count += 1
        sum_x += x
        sum_y += y
        sum_my += my
        sum_xm += xm
        current = my.max() - xm.min()
        average = (sum_my.max() - sum_xm.min()) / count
        if current < best[0]:
            best = (current, x, y)
        if average < best[0]:
            best = (average, sum_x / count, sum_y / count)
        if best[0] <= target:
            break
        if min(current, average) <= restart_factor * gap_at_restart:
            if average < current:
                x, y = sum_x / count, sum_y / count
                my, xm = sum_my / count, sum_xm / count
            gap_at_restart = min(current, average)
            restarts += 1
            count = 0
            for total in (sum_x, sum_y, sum_my, sum_xm):
                total[:] = 0.0
    return best[1], best[2], iterations, restarts
