"""Certification in one place: every Nash equilibrium that leaves
:func:`stratgame.solve` has its regret recomputed from the game and checked
against each player's own payoff range."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np

from ..exceptions import UncertifiedEquilibriumWarning

__all__ = ["certify", "relative_regrets", "relative_regrets_fast"]


def _scaled(U: np.ndarray) -> np.ndarray:
    """``U`` times the power of two that brings its largest magnitude into
    ``[1/2, 1)``: exact, and no overflow in what follows."""
    top = float(np.abs(U).max()) if U.size else 0.0
    return np.ldexp(U, -int(np.frexp(top)[1])) if top > 0 else U


def relative_regrets(game, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Each profile's regret per player, divided by that player's own payoff
    range, for many profiles of a two-player game at once: ``(E, 2)``.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1], [1, 0]])
    >>> relative_regrets(g, np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    array([[0., 1.]])
    """
    out = np.zeros((len(xs), 2))
    for player, (U, own, other) in enumerate(
        zip(game.float_payoff_arrays, (xs, ys), (ys, xs), strict=True)
    ):
        scaled = _scaled(U)
        span = float(scaled.max() - scaled.min())
        if span == 0:
            continue
        values = other @ (scaled.T if player == 0 else scaled)
        gains = values.max(axis=1, initial=-np.inf) - (values * own).sum(axis=1)
        out[:, player] = np.maximum(gains, 0.0) / span
    return out


def relative_regrets_fast(
    game, xs: np.ndarray, ys: np.ndarray, gains: np.ndarray | None = None
) -> np.ndarray:
    """:func:`relative_regrets` computed on the plain float payoffs (or from
    the players' regrets ``gains``, ``(E, 2)``, when the caller has them) and
    each player's cached payoff range; on payoffs scaled by powers of two
    only when those values overflow (near the ends of the float range).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1e6, 0], [0, 1e6]], [[0, 1], [1, 0]])
    >>> relative_regrets_fast(g, np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
    array([[0., 1.]])
    """
    ranges = np.array(game.payoff_ranges)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if gains is None:
            A, B = game.float_payoff_arrays
            row_values = ys @ A.T
            col_values = xs @ B
            gains = np.stack(
                [
                    row_values.max(axis=1, initial=-np.inf)
                    - (xs * row_values).sum(axis=1),
                    col_values.max(axis=1, initial=-np.inf)
                    - (ys * col_values).sum(axis=1),
                ],
                axis=1,
            )
        relative = np.where(ranges > 0, np.maximum(gains, 0.0) / ranges, 0.0)
    if np.isfinite(relative).all() and np.isfinite(ranges).all():
        return relative
    return relative_regrets(game, xs, ys)


def _passes(game, equilibria, tol: float) -> list[bool]:
    """Whether each equilibrium meets the certificate: zero regret in exact
    arithmetic for exact equilibria, else at most ``tol`` per player."""
    verdicts = [None] * len(equilibria)
    floats = []
    for i, eq in enumerate(equilibria):
        if eq.exact is not None:
            verdicts[i] = all(r == 0 for r in game.regret(eq.exact, exact=True))
        else:
            floats.append(i)
    if floats and game.n_players == 2:
        xs = np.array([equilibria[i].strategies[0] for i in floats])
        ys = np.array([equilibria[i].strategies[1] for i in floats])
        worst = relative_regrets_fast(game, xs, ys).max(axis=1)
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
