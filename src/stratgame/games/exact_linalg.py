"""Exact solutions of linear systems over the rationals.

The one exact linear solver of the library: support enumeration, the
zero-sum solver's exact strategies, the hard-game generators and the exact
values of repeated games all solve their systems here.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm

__all__ = ["solve_exact"]


def solve_exact(matrix, rhs):
    """The unique solution of ``matrix @ x = rhs`` in exact rationals, or None.

    Rows are scaled to integers and reduced by fraction-free Gauss–Jordan
    elimination (Edmonds 1967, "Systems of distinct representatives and
    linear algebra", J. Res. NBS 71B): after a pivot on ``(r, c)`` every other
    row becomes ``(row * t_rc - t_ic * row_r) / det`` with ``det`` the
    previous pivot, an exact division, so every entry stays an integer (a
    minor of the scaled system). At the end the pivot rows read
    ``det * x = b``.

    Parameters
    ----------
    matrix : sequence of sequence of int, Fraction or float
        ``m`` rows of ``n`` coefficients, ``m >= n``; floats are taken at
        their exact binary value.
    rhs : sequence
        The right-hand side: ``m`` numbers, or ``m`` rows of ``k`` numbers
        to solve for ``k`` columns at once.

    Returns
    -------
    list of Fraction, list of list of Fraction, or None
        ``x`` (``n`` entries, or ``n`` rows of ``k`` when ``rhs`` has rows);
        None when the system has no solution or more than one.

    Examples
    --------
    >>> solve_exact([[2, 1], [1, 3]], [3, 5])
    [Fraction(4, 5), Fraction(7, 5)]
    >>> solve_exact([[1, 0], [0, 1], [1, 1]], [[1], [2], [3]])
    [[Fraction(1, 1)], [Fraction(2, 1)]]
    >>> solve_exact([[1, 2], [2, 4]], [1, 2]) is None  # singular
    True
    >>> solve_exact([[1], [1]], [1, 2]) is None  # inconsistent
    True
    """
    columns = [list(b) for b in rhs] if _has_rows(rhs) else [[b] for b in rhs]
    rows = []
    for row, b in zip(matrix, columns, strict=True):
        entries = [Fraction(v) for v in (*row, *b)]
        scale = lcm(*(v.denominator for v in entries))
        rows.append([int(v * scale) for v in entries])
    if not rows:
        return []
    unknowns = len(rows[0]) - len(columns[0])
    det = 1
    for col in range(unknowns):
        pivot = next((r for r in range(col, len(rows)) if rows[r][col]), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col]
        p = head[col]
        for r, row in enumerate(rows):
            if r != col:
                factor = row[col]
                rows[r] = [
                    (v * p - factor * h) // det for v, h in zip(row, head, strict=True)
                ]
        det = p
    if any(v for row in rows[unknowns:] for v in row[unknowns:]):
        return None
    solution = [[Fraction(v, det) for v in row[unknowns:]] for row in rows[:unknowns]]
    return solution if _has_rows(rhs) else [x[0] for x in solution]


def _has_rows(rhs) -> bool:
    """True when ``rhs`` holds columns (a sequence of sequences)."""
    return len(rhs) > 0 and hasattr(rhs[0], "__len__")
