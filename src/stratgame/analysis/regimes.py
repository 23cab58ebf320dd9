"""Regime maps: the strategic class of the game at every point of a 2-D grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sweep import sweep

__all__ = ["RegimeMap", "regime_map"]


@dataclass(frozen=True, eq=False)
class RegimeMap:
    """Classification of a 2-D parameter grid, ready for plotting.

    Attributes
    ----------
    x_name, y_name : str
    x, y : numpy.ndarray
        The grid values along each axis.
    labels : numpy.ndarray of str, shape (len(y), len(x))
        The class of the game at each point (see
        :func:`stratgame.games.classification.classify_game`), or ``"error"``.
    n_equilibria : numpy.ndarray of int, shape (len(y), len(x))
    rows : pandas.DataFrame
        The underlying sweep rows (strategies, payoffs, ...).
    """

    x_name: str
    y_name: str
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    n_equilibria: np.ndarray
    rows: object

    def regimes(self) -> list[str]:
        """The distinct labels on the map, in order of first appearance."""
        return list(dict.fromkeys(self.labels.ravel().tolist()))


def regime_map(
    builder,
    x: tuple[str, list],
    y: tuple[str, list],
    fixed: dict | None = None,
    solve="auto",
    backend: str = "serial",
    **sweep_options,
) -> RegimeMap:
    """Classify the game at every point of a 2-D grid.

    Parameters
    ----------
    builder : callable
        As for :func:`sweep`.
    x, y : (name, values)
        The two parameters and their values.
    fixed : dict, optional
        Other parameters, held fixed.
    solve, backend, **sweep_options
        Passed to :func:`sweep`: ``vectorized=True`` for a builder of arrays
        (a model with vectorized payoffs, such as ``DSAIR``, is swept that
        way by default), which maps a million points in seconds.

    Examples
    --------
    >>> import stratgame as sg
    >>> def game(T, S):
    ...     return sg.NormalFormGame.from_bimatrix([[3, S], [T, 1]], [[3, T], [S, 1]])
    >>> m = regime_map(game, ("T", [2, 5]), ("S", [0, 2]), solve="pure")
    >>> m.labels.tolist()
    [['coordination', "prisoner's dilemma"], ['dominance solvable', 'anti-coordination']]
    """
    (x_name, x_values), (y_name, y_values) = x, y
    fixed = dict(fixed or {})
    names = list(dict.fromkeys([*fixed, x_name, y_name]))  # a point's keys
    # y outer, x inner: the dict grid's last name varies fastest
    grid = {name: [fixed[name]] for name in names if name not in (x_name, y_name)}
    grid[y_name], grid[x_name] = list(y_values), list(x_values)
    rows = sweep(builder, grid, solve=solve, backend=backend, **sweep_options)
    rest = [c for c in rows.columns if c != "point" and c not in names]
    rows = rows[["point", *names, *rest]]
    shape = (len(y_values), len(x_values))
    point = rows["point"].to_numpy()
    first = np.ones(len(point), dtype=bool)
    first[1:] = point[1:] != point[:-1]  # the rows come in point order
    ok = first & rows["error"].isna().to_numpy()
    labels = np.full(shape, "error", dtype=object)
    labels.ravel()[point[ok]] = rows["classification"].to_numpy(dtype=object)[ok]
    found = rows["equilibrium"].notna().to_numpy()
    counts = np.bincount(point[found], minlength=labels.size).reshape(shape)
    return RegimeMap(
        x_name, y_name, np.asarray(x_values), np.asarray(y_values), labels, counts, rows
    )
