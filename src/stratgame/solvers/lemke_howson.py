"""The Lemke–Howson algorithm: one Nash equilibrium of a two-player game by
complementary pivoting on the two best-response polytopes.

With payoffs made positive (``A' > 0``, ``B' > 0``) the polytopes are

``P = {x >= 0 : B'^T x <= 1}`` and ``Q = {y >= 0 : A' y <= 1}``,

labelled ``0..m-1`` for the row player's actions and ``m..m+n-1`` for the
column player's. Dropping one label at the artificial equilibrium ``(0, 0)``
and pivoting alternately in the two tableaux (the leaving variable's label
enters in the other one) follows a path of almost completely labelled vertex
pairs that ends at a Nash equilibrium (Lemke and Howson 1964, "Equilibrium
points of bimatrix games", SIAM J. Appl. Math. 12; von Stengel 2007,
"Equilibrium computation for two-player games in strategic and extensive
form", Algorithmic Game Theory ch. 3, section "The Lemke–Howson
algorithm"). The minimum ratio test is lexicographic (von Stengel 2007,
section "Degenerate games"), so degenerate games never cycle.

Two arithmetics share the path logic: float tableaux in compact form updated
in place by one BLAS rank-1 update per pivot (``O(mn)``), and exact integer
pivoting with Python ints (Edmonds 1967; von Stengel 2007, section "Integer
pivoting"), where every entry is a minor of the initial tableau and every
division is exact. With numba, a float run is one compiled call
(``_lemke_howson_kernels.solve_path``: tableaux, path, equilibrium and its
regrets), and the result is built from what it returns.
"""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from functools import cache

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidGameError, SolverError
from ..games.scaling import positive_integer, unit_interval
from .certify import relative_regrets
from .results import Equilibrium, EquilibriumResult, make_equilibrium

__all__ = ["lemke_howson"]

#: Float entries of a pivot column at most this large are not pivot candidates.
_PIVOT_TOL = 1e-12
#: Two float ratios tie when they differ by at most ``_TIE_TOL`` times the
#: smaller one plus ``_TIE_ABS``. Relative to the ratio itself: ratios are
#: often ~1e-4 (vertex coordinates of large games), and a tolerance of 1e-9
#: relative to ``max(1, ratio)`` made near-ties 1e-5 apart look like ties and
#: sent a long path of a random 200 x 200 game into a false cycle. The
#: rounding noise of true ties (degenerate games) stays below 1e-10 of the
#: ratio, and the absolute floor catches the ratios near zero of degenerate
#: vertices (1e-13 was too tight there).
_TIE_TOL = 1e-10
_TIE_ABS = 1e-12
#: Entries per BLAS call in the float pivot: below OpenBLAS's threshold for
#: threading a rank-1 update (2304 * 4), so each call stays single-threaded.
_BLOCK = 8192
#: Float tableaux are recomputed from the payoffs every this many pivots, so
#: the rounding of long paths (10^5 pivots and more at n = 400) cannot pile up.
_REFACTOR_EVERY = 5000
#: A float path that cycles or ends off equilibrium is redone exactly only in
#: games up to this many payoff cells; beyond, exact pivoting (with the huge
#: integers of binary fractions) would not finish, and the path is reported
#: as failed instead.
_EXACT_FALLBACK_CELLS = 2500
#: Float games with at least this many payoff cells follow their paths in
#: compiled code when numba is installed; smaller ones too once numba has
#: compiled something in the process (before, readying it would cost more
#: than it saves).
_COMPILED_FROM = 400
#: When a float path fails in a game too large to redo exactly, the paths of
#: up to this many other labels are tried before giving up.
_RECOVERY_LABELS = 4
#: Float equilibria closer than this in every probability count as one.
_SAME_TOL = 1e-6


def _float_arrays(A, B):
    """The initial float tableaux (Fortran order: P's ``[B'^T | 1]``, Q's
    ``[A' | 1]``, payoffs rescaled to ``[1, 2]``) and each tableau's
    constraint matrix, one column per label (``[B'^T | I]`` and
    ``[I | A']``)."""
    m, n = A.shape
    tab_p = np.ones((n, m + 1), order="F")
    tab_p[:, :-1] = 1.0 + unit_interval(B).T
    tab_q = np.ones((m, n + 1), order="F")
    tab_q[:, :-1] = 1.0 + unit_interval(A)
    full_p = np.zeros((n, m + n))
    full_p[:, :m] = tab_p[:, :-1]
    full_p[:, m:] = np.eye(n)
    full_q = np.zeros((m, m + n))
    full_q[:, :m] = np.eye(m)
    full_q[:, m:] = tab_q[:, :-1]
    return (tab_p, tab_q), (full_p, full_q)


class _Tableaux:
    """The two tableaux in compact (dictionary) form: row ``i`` of a tableau
    says ``basic_i + sum_c T[i, c] * nonbasic_c = rhs_i``, the right-hand side
    being the last column. Tableau 0 is P's (rows: the column player's
    constraints, initially ``s + B'^T x = 1``), tableau 1 is Q's (initially
    ``r + A' y = 1``). Variables are named by their labels.

    Subclasses supply the arithmetic: ``_setup``, ``_smallest`` and
    ``_update``.
    """

    def __init__(self, A, B):
        m, n = A.shape
        self.m, self.n = m, n
        self.basis = [list(range(m, m + n)), list(range(m))]
        self.row_of = [{var: row for row, var in enumerate(b)} for b in self.basis]
        nonbasic = [range(m), range(m, m + n)]
        self.column_of = [{var: col for col, var in enumerate(v)} for v in nonbasic]
        #: The initial basic (slack) variables in order: the lexicographic
        #: tie-break compares their columns, which form the basis inverse.
        self.slacks = [range(m, m + n), range(m)]
        self._setup(A, B)

    def ratio_row(self, which: int, entering: int) -> int:
        """The lexicographic minimum-ratio row for ``entering``: the smallest
        ``rhs / column``, ties broken by the columns of the basis inverse in
        order, as perturbing the right-hand side by ``(eps, eps^2, ...)``
        would (von Stengel 2007, section "Degenerate games")."""
        tab = self.tableaux[which]
        column = tab[:, self.column_of[which][entering]]
        rows = self._smallest(column, tab[:, -1], None)
        for slack in self.slacks[which]:
            if len(rows) == 1:
                break
            if slack in self.column_of[which]:
                values = tab[:, self.column_of[which][slack]]
            else:  # a basic slack: its column is a unit vector
                values = self._unit(which, self.row_of[which][slack])
            rows = self._smallest(column, values, rows)
        return int(rows[0])

    def pivot(self, which: int, row: int, entering: int) -> int:
        """Exchange ``entering`` with the basic variable of ``row``; returns the
        leaving variable."""
        column = self.column_of[which].pop(entering)
        leaving = self.basis[which][row]
        del self.row_of[which][leaving]
        self._update(which, row, column)
        self.basis[which][row] = entering
        self.row_of[which][entering] = row
        self.column_of[which][leaving] = column
        return leaving


class _FloatTableaux(_Tableaux):
    """Float tableaux, pivoted by rank-1 updates in place.

    Games of at least ``_COMPILED_FROM`` payoff cells (here when numba is
    missing) use BLAS's ``dger``, each Fortran-ordered tableau updated in
    blocks of columns of at most ``_BLOCK`` entries. Blocks that small run on
    one thread, and that matters: a threaded rank-1 update this small waits
    on its helper threads, which on a busy machine (parallel sweeps, other
    processes) can cost milliseconds per pivot instead of microseconds.
    Smaller games use numpy's outer product, and so never load scipy.
    """

    exact = False

    def _setup(self, A, B):
        tabs, self._full = _float_arrays(A, B)
        self.tableaux = list(tabs)
        self._blocks = None
        if A.size < _COMPILED_FROM:
            return
        from scipy.linalg.blas import dger

        self._dger = dger
        self._blocks = []
        for tab in self.tableaux:
            rows, width = tab.shape
            step = max(1, _BLOCK // rows)
            self._blocks.append(
                [
                    (start, start + step, tab[:, start : start + step])
                    for start in range(0, width, step)
                ]
            )

    def _unit(self, which, row):
        unit = np.zeros(self.tableaux[which].shape[0])
        unit[row] = 1.0
        return unit

    def refactor(self, which: int, basis, columns) -> None:
        """Recompute tableau ``which`` from the payoffs for its current basis
        (variables ``basis`` by row, ``columns`` by compact column), clearing
        the rounding that many rank-1 updates accumulate:
        ``T = B^{-1} [N | 1]``."""
        full = self._full[which]
        right = np.hstack([full[:, columns], np.ones((len(basis), 1))])
        self.tableaux[which][...] = np.linalg.solve(full[:, basis], right)

    @staticmethod
    def _smallest(column, values, rows):
        if rows is None:
            rows = np.flatnonzero(column > _PIVOT_TOL)
            if rows.size == 0:  # pragma: no cover - P and Q are bounded
                raise SolverError(
                    "Lemke-Howson met an unbounded edge (the payoffs are not "
                    "bounded after scaling; please report the game)"
                )
        ratios = values[rows] / column[rows]
        best = ratios.min()
        return rows[ratios <= best + _TIE_TOL * abs(best) + _TIE_ABS]

    def _update(self, which, row, column):
        tab = self.tableaux[which]
        col = tab[:, column].copy()
        pivot_value = col[row]
        # The leaving variable's column (a unit column) takes the entering
        # one's place; the rank-1 update turns it into its new column.
        tab[:, column] = 0.0
        tab[row, column] = 1.0
        pivot_row = tab[row, :] / pivot_value
        col[row] = 0.0
        if self._blocks is None:
            tab -= np.multiply.outer(col, pivot_row)
        else:
            for start, stop, block in self._blocks[which]:
                # in place: each block is a Fortran-contiguous view of tab
                self._dger(-1.0, col, pivot_row[start:stop], a=block, overwrite_a=True)
        tab[row, :] = pivot_row

    def value(self, which: int, row: int):
        return max(float(self.tableaux[which][row, -1]), 0.0)


class _IntegerTableaux(_Tableaux):
    """The same tableaux in Python ints, pivoted without fractions: after a
    pivot on ``(r, c)`` each row ``i != r`` becomes
    ``(row_i * t_rc - t_ic * row_r) / det`` (an exact division), row ``r``
    stays, and ``det`` becomes ``t_rc``; a basic variable's value is its row's
    rhs over ``det``. Every entry is a minor of the initial tableau (Edmonds
    1967; von Stengel 2007, section "Integer pivoting").
    """

    exact = True

    def _setup(self, A, B):
        tab_p = np.ones((self.n, self.m + 1), dtype=object)
        tab_p[:, :-1] = np.array(positive_integer(B), dtype=object).T
        tab_q = np.ones((self.m, self.n + 1), dtype=object)
        tab_q[:, :-1] = np.array(positive_integer(A), dtype=object)
        self.tableaux = [tab_p, tab_q]
        self.determinants = [1, 1]

    def _unit(self, which, row):
        unit = np.zeros(self.tableaux[which].shape[0], dtype=object)
        unit[row] = self.determinants[which]
        return unit

    @staticmethod
    def _smallest(column, values, rows):
        if rows is None:
            rows = [r for r in range(len(column)) if column[r] > 0]
            if not rows:  # pragma: no cover - P and Q are bounded
                raise SolverError(
                    "Lemke-Howson met an unbounded edge (the payoffs are not "
                    "bounded after scaling; please report the game)"
                )
        best = [rows[0]]
        for r in rows[1:]:
            # values[r] / column[r] against the best ratio, cross-multiplied
            left = values[r] * column[best[0]]
            right = values[best[0]] * column[r]
            if left < right:
                best = [r]
            elif left == right:
                best.append(r)
        return best

    def _update(self, which, row, column):
        tab = self.tableaux[which]
        det = self.determinants[which]
        col = tab[:, column].copy()
        pivot_value = col[row]
        tab[:, column] = 0
        tab[row, column] = det  # the leaving variable's column, as above
        pivot_row = tab[row, :].copy()
        new = (tab * pivot_value - np.multiply.outer(col, pivot_row)) // det
        new[row, :] = pivot_row
        self.tableaux[which] = new
        self.determinants[which] = pivot_value

    def value(self, which: int, row: int):
        return Fraction(self.tableaux[which][row, -1], self.determinants[which])


def _follow_path(tableaux, label: int, max_iter: int):
    """Follow the path that drops ``label`` at ``(0, 0)``.

    Returns ``(x, y, pivots, status)`` with unnormalized ``x``, ``y`` at its
    end and status ``"done"``; or ``None`` vectors with status ``"max_iter"``
    when the path is longer than ``max_iter`` pivots, or ``"cycle"`` when a
    float path comes back to a basis it has visited (rounding broke a tie the
    wrong way: an exact path never does). Visited bases are tracked by an
    XOR hash of random (tableau, basic variable) keys, updated per pivot in
    O(1).
    """
    m, n = tableaux.m, tableaux.n
    which = 0 if label < m else 1  # x_k is nonbasic in P's tableau, y_j in Q's
    entering = label
    state = 0
    seen = None if tableaux.exact else {0}
    keys = None if tableaux.exact else _cycle_keys(m, n).tolist()
    for step in range(1, max_iter + 1):
        row = tableaux.ratio_row(which, entering)
        leaving = tableaux.pivot(which, row, entering)
        if leaving == label:
            zero = Fraction(0) if tableaux.exact else 0.0
            x = [zero] * m
            y = [zero] * n
            for r, var in enumerate(tableaux.basis[0]):
                if var < m:
                    x[var] = tableaux.value(0, r)
            for r, var in enumerate(tableaux.basis[1]):
                if var >= m:
                    y[var - m] = tableaux.value(1, r)
            return x, y, step, "done"
        if seen is not None:
            state ^= keys[which][leaving] ^ keys[which][entering]
            if state in seen:
                return None, None, step, "cycle"
            seen.add(state)
            if step % _REFACTOR_EVERY == 0:
                for k in (0, 1):
                    columns = sorted(
                        tableaux.column_of[k], key=tableaux.column_of[k].get
                    )
                    tableaux.refactor(k, tableaux.basis[k], columns)
        entering = leaving
        which = 1 - which
    return None, None, max_iter, "max_iter"


@cache
def _compiled_kernel():
    """The numba-compiled whole-run kernel, or None without numba."""
    try:
        from . import _lemke_howson_kernels as kernels
    except ImportError:  # pragma: no cover
        return None
    return kernels.solve_path if kernels.COMPILED else None


#: A module numba imports when it first compiles or loads compiled code (its
#: typing and lowering registries, with scipy's BLAS): once it is there, the
#: start-up that keeps small games on numpy pivots has been paid.
_NUMBA_READY = "numba.np.arraymath"


def _kernel_for(cells: int):
    """The compiled kernel for float paths of a game of ``cells`` payoff
    cells, or None for numpy pivots: compiled pivots are faster at every
    size, but readying numba takes about a second, paid only for games of at
    least ``_COMPILED_FROM`` cells or when it was paid already."""
    if cells >= _COMPILED_FROM or _NUMBA_READY in sys.modules:
        return _compiled_kernel()
    return None


def _plain_kernel():
    """The whole-run kernel's plain-Python source (tests: the same logic,
    with the path itself compiled when numba is installed)."""
    from . import _lemke_howson_kernels as kernels

    return getattr(kernels.solve_path, "py_func", kernels.solve_path)


def _cycle_keys(m: int, n: int) -> np.ndarray:
    """Random 63-bit keys, one per (tableau, variable), for the basis hash
    (the compiled kernel reads the first ``m + n`` columns of ``_keys``)."""
    return _keys(m + n)[:, : m + n]


@cache
def _keys(labels: int) -> np.ndarray:
    size = 1 << max(labels - 1, 1).bit_length()  # a few sizes are cached
    keys = np.random.default_rng(0x5EED).integers(
        1, 2**63 - 1, size=(2, size), dtype=np.int64
    )
    keys.flags.writeable = False
    return keys


#: The compiled kernel's status codes.
_KERNEL_STATUS = ("done", "max_iter", "cycle")


def _follow_compiled(kernel, A, B, label: int, max_iter: int):
    """One whole float run with ``kernel`` (compiled, or its plain-Python
    source) on ``(A, B)``: ``(x, y, pivots, status, values, regrets)`` with
    ``x``, ``y`` normalized, each player's expected payoff and regret when
    the path ended (status ``"done"``), else ``None`` for all four."""
    m, n = A.shape
    code, pivots, x, y, values, regrets = kernel(
        np.ascontiguousarray(A),
        np.ascontiguousarray(B),
        label,
        max_iter,
        _REFACTOR_EVERY,
        _keys(m + n),
        (_PIVOT_TOL, _TIE_TOL, _TIE_ABS),
    )
    if code == 3:  # pragma: no cover - P and Q are bounded
        raise SolverError(
            "Lemke-Howson met an unbounded edge (the payoffs are not "
            "bounded after scaling; please report the game)"
        )
    if code != 0:
        return None, None, pivots, _KERNEL_STATUS[code], None, None
    return x, y, pivots, "done", values, regrets


def _certified(game, x, y, values, regrets, tol: float):
    """The equilibrium ``(x, y)`` with the kernel's payoffs and regrets when
    each player's regret is at most ``tol`` of its payoff range, else None.
    Where the payoffs are so large that a range or a product overflowed, the
    regrets are recomputed on scaled payoffs (:func:`relative_regrets`)."""
    (first, second), (range_1, range_2) = regrets.tolist(), game.payoff_ranges
    relative = (
        first / range_1 if range_1 > 0 else 0.0,
        second / range_2 if range_2 > 0 else 0.0,
    )
    if not math.isfinite(sum(relative) + sum(values.tolist()) + range_1 + range_2):
        if relative_regrets(game, x[None], y[None]).max() > tol:
            return None
        return make_equilibrium(game, (x, y))
    if max(relative) > tol:
        return None
    return Equilibrium(
        strategies=(x, y),
        payoffs=values,
        regret=max(first, second),
        labels=(game.players, game.actions),
    )


def _normalized(vector):
    total = sum(vector)
    return [v / total for v in vector]


def _exact_matrices(game):
    return tuple(np.asarray(a, dtype=object) for a in game.exact_payoff_arrays)


def _run(game, label: int, max_iter: int, exact: bool, tol: float, kernel=None):
    """One path: ``(equilibrium or None, pivots, status)``, status being
    ``"done"``, ``"max_iter"``, ``"exact_fallback"`` or, for a float path
    of a game too large to redo exactly, ``"cycle"`` / ``"inaccurate"``.
    Float runs go through the compiled ``kernel`` when one is given."""
    eq = None
    if kernel is not None and not exact:
        A, B = game.float_payoff_arrays
        x, y, pivots, status, values, regrets = _follow_compiled(
            kernel, A, B, label, max_iter
        )
        if status == "done":
            eq = _certified(game, x, y, values, regrets, tol)
    else:
        if exact:
            tableaux = _IntegerTableaux(*_exact_matrices(game))
        else:
            tableaux = _FloatTableaux(*game.float_payoff_arrays)
        x, y, pivots, status = _follow_path(tableaux, label, max_iter)
        if status == "done" and exact:
            eq = make_equilibrium(game, (_normalized(x), _normalized(y)), exact=True)
        elif status == "done":
            xs = np.asarray(x) / sum(x)
            ys = np.asarray(y) / sum(y)
            if relative_regrets(game, xs[None], ys[None]).max() <= tol:
                eq = make_equilibrium(game, (xs, ys))
    if status == "max_iter" or eq is not None:
        return eq, pivots, status
    # Rounding spoiled the float path (it cycled or ended off equilibrium):
    # redo it in exact integer arithmetic, which cannot fail, rather than
    # report a non-equilibrium -- where that is affordable.
    if game.shape[0] * game.shape[1] > _EXACT_FALLBACK_CELLS:
        return None, pivots, "cycle" if status == "cycle" else "inaccurate"
    eq, pivots, status = _run(game, label, max_iter, True, tol)
    if eq is not None and not game.is_exact:
        eq = make_equilibrium(game, eq.strategies)
    return eq, pivots, "exact_fallback" if status == "done" else status


def _recover(game, label, max_iter, tol, kernel, pivots):
    """After the float path of ``label`` failed in a game too large to redo
    exactly: the paths of the next ``_RECOVERY_LABELS`` labels in turn (as
    QuantEcon's ``capping`` restarts from other labels), each with the
    pivots left of ``max_iter``; ``(equilibrium or None, label used)``."""
    size = sum(game.shape)
    budget = max_iter - pivots[label]
    for k in range(1, min(_RECOVERY_LABELS, size - 1) + 1):
        if budget <= 0:
            break
        other = (label + k) % size
        eq, steps, _ = _run(game, other, budget, False, tol, kernel)
        pivots[label] += steps
        budget -= steps
        if eq is not None:
            return eq, other
    return None, None


def _same(a, b) -> bool:
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    return all(
        np.allclose(s, t, rtol=0.0, atol=_SAME_TOL)
        for s, t in zip(a.strategies, b.strategies, strict=True)
    )


def _checked(size: int, init_label, all_labels, max_iter, tol):
    """The labels to follow and ``max_iter`` as an int, the options checked
    (plain ints and floats in range pass without building the messages)."""
    if type(max_iter) is not int or max_iter < 1:
        max_iter = check_integer(max_iter, "max_iter", "lemke_howson", low=1)
    if type(tol) is not float or not 0.0 <= tol < math.inf:
        check_real(tol, "tol", "lemke_howson", low=0)
    if all_labels:
        return list(range(size)), max_iter
    if type(init_label) is not int or not 0 <= init_label < size:
        init_label = check_integer(
            init_label, "init_label", "lemke_howson", low=0, high=size - 1
        )
    return [init_label], max_iter


def lemke_howson(
    game,
    init_label: int = 0,
    *,
    all_labels: bool = False,
    max_iter: int = 1_000_000,
    exact: bool = False,
    tol: float = 1e-9,
) -> EquilibriumResult:
    """One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

    Complementary pivoting with a lexicographic minimum-ratio test (Lemke and
    Howson 1964; von Stengel 2007, sections "The Lemke–Howson algorithm",
    "Integer pivoting" and "Degenerate games"), so degenerate games do not
    cycle.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    init_label : int
        The label dropped at the artificial equilibrium: ``0..m-1`` are the
        row player's actions, ``m..m+n-1`` the column player's.
    all_labels : bool
        Follow the path of every initial label and return the distinct
        equilibria reached (``details["labels"]`` maps each label to the index
        of its equilibrium).
    max_iter : int
        Most pivots per path. A path cut short gives no equilibrium and
        ``converged=False``; nothing unfinished is ever returned.
    exact : bool
        Pivot in exact integer arithmetic (Python ints; float payoffs are
        taken as the exact binary fractions they are); ``eq.exact`` then holds
        Fractions. Slower, never fooled by rounding.
    tol : float
        A float answer counts as an equilibrium when each player's regret is
        at most ``tol`` times that player's own payoff range. A float path that fails (ends off
        equilibrium, or comes back to a basis it visited: rounding broke a
        near-tie the wrong way) is redone exactly in games of up to 2500
        payoff cells (``details["exact_fallback"]``). In larger games the
        paths of the next four labels are followed in turn within the
        remaining pivots (``details["recovered"]`` maps the failed label to
        the label whose equilibrium is returned; with ``all_labels`` every
        label is followed anyway); if none ends at an equilibrium, the
        failure is reported (``details["status"]``, ``converged=False``).
        A wrong answer is never returned.

    Returns
    -------
    EquilibriumResult
        ``method="lemke_howson"``, ``complete=False``; each equilibrium
        carries payoffs and regret computed from the game; ``converged`` is
        False when some path gave no equilibrium. ``details`` has ``pivots``
        and ``status`` (per label followed: ``"done"``, ``"max_iter"``,
        ``"exact_fallback"``, ``"cycle"`` or ``"inaccurate"``; the pivots of
        a recovery are counted with the failed label), ``labels``
        (label -> index of the equilibrium reached), ``recovered``,
        ``exact_fallback`` and
        ``compiled`` (True when the float paths ran in numba-compiled code:
        numba installed, and either at least 400 payoff cells or numba
        already at work in the process; same pivots, less time).

    Raises
    ------
    InvalidGameError
        If the game does not have two players.
    ValueError
        If ``init_label`` or ``max_iter`` is out of range.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]],
    ...                                     [[3, 2], [2, 6], [3, 1]])
    >>> res = sg.solve(g, method="lemke_howson", exact=True)
    >>> [[str(p) for p in s] for s in res.equilibria[0].exact]
    [['1', '0', '0'], ['1', '0']]
    >>> res = sg.solve(g, method="lemke_howson", all_labels=True)
    >>> len(res.equilibria), res.details["labels"]
    (2, {0: 0, 1: 1, 2: 0, 3: 0, 4: 1})

    Notes
    -----
    Float tableaux are recomputed from the payoffs every 5000 pivots, so
    rounding does not pile up along long paths (random 400 x 400 games can
    need 10^5 pivots or more from a given label). A float answer is
    certified by its regret, computed from the game. On badly conditioned
    games (such as
    :func:`stratgame.games.generators.savani_von_stengel` with ``d >= 10``,
    whose payoffs span many orders of magnitude) rounding can steer a float
    path to a different approximate equilibrium or into a cycle; cycles are
    detected and redone exactly, and ``exact=True`` follows the true path.
    Distinct float equilibria are told apart at ``1e-6`` per probability.
    """
    if game.n_players != 2:
        raise InvalidGameError(
            f"lemke_howson needs a two-player game; got {game.n_players} players."
        )
    m, n = game.shape
    labels, max_iter = _checked(m + n, init_label, all_labels, max_iter, tol)
    kernel = None if exact else _kernel_for(m * n)
    equilibria = []
    found = {}
    pivots = {}
    statuses = {}
    recovered = {}
    for label in labels:
        eq, steps, status = _run(game, label, max_iter, bool(exact), tol, kernel)
        pivots[label] = steps
        statuses[label] = status
        if eq is None and status in ("cycle", "inaccurate") and not all_labels:
            eq, other = _recover(game, label, max_iter, tol, kernel, pivots)
            if eq is not None:
                recovered[label] = other
        if eq is None:
            continue
        index = next((k for k, seen in enumerate(equilibria) if _same(seen, eq)), None)
        if index is None:
            index = len(equilibria)
            equilibria.append(eq)
        found[label] = index
    details = {
        "pivots": pivots,
        "status": statuses,
        "exact_fallback": "exact_fallback" in statuses.values(),
        "labels": found,
        "compiled": kernel is not None,
        "recovered": recovered,
    }
    if not all_labels:
        details["init_label"] = labels[0]
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method="lemke_howson",
        complete=False,
        game=game,
        converged=len(found) == len(labels),
        details=details,
    )
