"""Certification in one place: every Nash equilibrium that leaves
:func:`stratgame.solve` has its regret recomputed from the game and checked
against each player's own payoff range."""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np

from ..exceptions import UncertifiedEquilibriumWarning
from ..games.scaling import unit_interval

__all__ = ["bimatrix_values", "certify", "relative_regrets"]


def bimatrix_values(A, B, xs, ys) -> tuple[np.ndarray, np.ndarray]:
    """For profiles ``(xs[e], ys[e])`` of the bimatrix game ``(A, B)``: the
    expected payoffs ``(E, 2)`` and each player's regret (largest gain from
    a pure deviation, at least 0) ``(E, 2)``, all at once.

    Examples
    --------
    >>> A = np.array([[3.0, 0.0], [5.0, 1.0]])
    >>> payoffs, regrets = bimatrix_values(A, A.T, np.eye(2)[:1], np.eye(2)[:1])
    >>> payoffs.tolist(), regrets.tolist()
    ([[3.0, 3.0]], [[2.0, 2.0]])
    """
    row_values = ys @ A.T
    col_values = xs @ B
    payoffs = np.stack(
        [(xs * row_values).sum(axis=1), (ys * col_values).sum(axis=1)], axis=1
    )
    best = np.stack(
        [
            row_values.max(axis=1, initial=-np.inf),
            col_values.max(axis=1, initial=-np.inf),
        ],
        axis=1,
    )
    return payoffs, np.maximum(best - payoffs, 0.0)


def relative_regrets(
    game, xs: np.ndarray, ys: np.ndarray, regrets: np.ndarray | None = None
) -> np.ndarray:
    """Each profile's regret per player divided by that player's own payoff
    range, for many profiles of a two-player game at once: ``(E, 2)``.

    Computed from the plain float payoffs (or from the players' regrets
    ``regrets``, ``(E, 2)``, when the caller has them) and the game's cached
    payoff ranges; recomputed on payoffs scaled by powers of two when those
    values overflow (near the ends of the float range).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1], [1, 0]])
    >>> relative_regrets(g, np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    array([[0., 1.]])
    """
    if regrets is None and len(xs) == 1:
        relative = _one_relative_regret(game, xs[0], ys[0])
        if relative is not None:
            return relative
    ranges = np.array(game.payoff_ranges)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if regrets is None:
            regrets = bimatrix_values(*game.float_payoff_arrays, xs, ys)[1]
        relative = np.where(ranges > 0, regrets / ranges, 0.0)
        if np.isfinite(relative).all() and np.isfinite(ranges).all():
            return relative
    # on payoffs mapped onto [0, 1] each player's regret is already relative
    unit = [unit_interval(U) for U in game.float_payoff_arrays]
    return bimatrix_values(*unit, xs, ys)[1]


def _one_relative_regret(game, x, y) -> np.ndarray | None:
    """:func:`relative_regrets` of one profile, ``(1, 2)``, by one
    matrix-vector product per player (in a small game the batched arrays'
    numpy overhead is most of the certificate's time); None when a range or
    a value is not finite, for the caller's scaled computation. ``dot`` sets
    no floating-point error state: an overflow shows as inf or nan here."""
    A, B = game.float_payoff_arrays
    row, column = A.dot(y), x.dot(B)
    gains = (
        float(row.max()) - float(x.dot(row)),
        float(column.max()) - float(column.dot(y)),
    )
    relative = []
    for gain, span in zip(gains, game.payoff_ranges, strict=True):
        value = (gain if gain > 0 else 0.0) / span if span > 0 else 0.0
        if not (math.isfinite(value) and math.isfinite(span) and gain == gain):
            return None
        relative.append(value)
    return np.array([relative])


def _pure_profile(strategies) -> tuple[int, ...] | None:
    """The action profile when every strategy is a unit vector, else None."""
    profile = []
    for s in strategies:
        try:  # a probability vector with a 1: the rest is (at most) noise
            profile.append(s.tolist().index(1.0))
        except ValueError:
            return None
    return tuple(profile)


def _pure_regrets_ok(game, profile, tol: float) -> bool:
    """A pure profile's certificate, by indexing: each player's payoff is
    compared with its best along its own axis, within ``tol`` times its
    range (exactly for exact games)."""
    for i, (u, best, span) in enumerate(
        zip(game.payoff_arrays, game.best_payoffs, game.payoff_ranges, strict=True)
    ):
        gain = best[(*profile[:i], 0, *profile[i + 1 :])] - u[profile]
        if not (game.is_exact or np.isfinite(span)):  # range beyond floats
            gain, span = game.regret(profile, relative=True)[i], 1.0
        if gain > (0 if game.is_exact else tol * span):
            return False
    return True


def _passes(game, equilibria, tol: float) -> list[bool]:
    """Whether each equilibrium meets the certificate: zero regret in exact
    arithmetic for exact equilibria, else at most ``tol`` per player."""
    verdicts = [None] * len(equilibria)
    floats = []
    for i, eq in enumerate(equilibria):
        profile = _pure_profile(eq.strategies)
        if profile is not None:  # by indexing: exact, whatever the arithmetic
            verdicts[i] = _pure_regrets_ok(game, profile, tol)
        elif eq.exact is not None:
            verdicts[i] = all(r == 0 for r in game.regret(eq.exact, exact=True))
        else:
            floats.append(i)
    if floats and game.n_players == 2:
        xs = np.array([equilibria[i].strategies[0] for i in floats])
        ys = np.array([equilibria[i].strategies[1] for i in floats])
        worst = relative_regrets(game, xs, ys).max(axis=1)
        for i, value in zip(floats, worst, strict=True):
            verdicts[i] = bool(value <= tol)
    else:
        for i in floats:
            regret = game.regret(equilibria[i].strategies, relative=True)
            verdicts[i] = bool(max(regret) <= tol)
    return verdicts


def certify(game, result, tol: float):
    """``result`` with every equilibrium checked against the game.

    A float equilibrium passes when each player's regret is at most ``tol``
    times that player's own payoff range; an exact one (``eq.exact``) when
    its exact regret is zero. One that fails is dropped, the result marked
    ``complete=False`` (with ``details["uncertified"]``, the number dropped),
    and an :class:`~stratgame.exceptions.UncertifiedEquilibriumWarning`
    says so: nothing above tolerance leaves :func:`stratgame.solve`.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.solvers.results import EquilibriumResult, make_equilibrium
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> proposed = EquilibriumResult(
    ...     equilibria=(make_equilibrium(g, ([1, 0], [1, 0])),
    ...                 make_equilibrium(g, ([0, 1], [0, 1]))),
    ...     method="example", complete=True, game=g)
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     checked = certify(g, proposed, 1e-9)
    >>> len(checked.equilibria), checked.complete, checked.details["uncertified"]
    (1, False, 1)
    """
    equilibria = getattr(result, "equilibria", None)
    if not equilibria:
        return result
    verdicts = _passes(game, equilibria, tol)
    if all(verdicts):
        return result
    kept = tuple(eq for eq, ok in zip(equilibria, verdicts, strict=True) if ok)
    dropped = len(equilibria) - len(kept)
    warnings.warn(
        f"method {result.method!r} proposed {dropped} profile"
        f"{'s' if dropped != 1 else ''} whose regret is above tol={tol:g} of a "
        "player's payoff range; dropped, and the result is marked incomplete. "
        "method='enumerate' (two players) or exact=True decides exactly.",
        UncertifiedEquilibriumWarning,
        stacklevel=3,
    )
    return dataclasses.replace(
        result,
        equilibria=kept,
        complete=False,
        details={**result.details, "uncertified": dropped},
    )
