"""Selecting among equilibria: welfare, Pareto efficiency, payoff dominance,
risk dominance and maximum entropy.

``select(result, criterion)`` (also ``result.select(criterion)``) returns a
new :class:`EquilibriumResult` holding the equilibria of ``result`` that the
criterion picks, with the scores it used in ``details``. A criterion that does
not apply to the game or to the equilibria found raises
:class:`SelectionNotApplicableError`, which says why.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_choice, check_real
from ..exceptions import StratgameError
from ..games import NormalFormGame
from .results import EquilibriumResult

__all__ = ["CRITERIA", "SelectionNotApplicableError", "select"]

#: The selection criteria understood by :func:`select`.
CRITERIA = ("welfare", "pareto", "payoff_dominance", "risk_dominance", "max_entropy")


class SelectionNotApplicableError(StratgameError, ValueError):
    """A selection criterion does not apply to the game or its equilibria."""


def select(result: EquilibriumResult, criterion: str, *, tol: float = 1e-9):
    """The equilibria of ``result`` that a selection criterion picks.

    Parameters
    ----------
    result : EquilibriumResult
        Equilibria found by a solver.
    criterion : str
        - ``"welfare"``: the largest sum of payoffs.
        - ``"pareto"``: the Pareto-undominated ones (no other listed
          equilibrium is at least as good for every player and better for
          one).
        - ``"payoff_dominance"``: the equilibrium that every player strictly
          prefers to every other listed one (Harsanyi and Selten 1988, "A
          General Theory of Equilibrium Selection in Games", Def. 5.4.1);
          not applicable when there is none.
        - ``"risk_dominance"``: for 2x2 games with two strict equilibria, the
          one with the larger product of the players' deviation losses
          (Harsanyi and Selten 1988, Section 3.9); both when the products
          are equal.
        - ``"max_entropy"``: the most mixed one, by the sum of the entropies
          of the players' strategies.
    tol : float
        Payoff differences up to ``tol * payoff_scale`` count as ties.

    Returns
    -------
    EquilibriumResult
        The selected equilibria (``complete=False``); ``details`` holds
        ``"criterion"``, ``"scores"`` (one per equilibrium of ``result``, or,
        for risk dominance, the Nash product of each strict equilibrium) and
        ``"selected"`` (indices into ``result.equilibria``).

    Raises
    ------
    SelectionNotApplicableError
        (a ValueError) when ``result`` holds no equilibria or the criterion
        does not apply, with the reason.

    Examples
    --------
    The stag hunt: (stag, stag) is payoff dominant, (hare, hare) is risk
    dominant (Harsanyi and Selten 1988).

    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> res = sg.solve(g, method="pure")
    >>> [eq.support for eq in res.select("payoff_dominance")]
    [(array([0]), array([0]))]
    >>> [eq.support for eq in res.select("risk_dominance")]
    [(array([1]), array([1]))]
    """
    if not isinstance(result, EquilibriumResult):
        raise TypeError(
            f"select needs an EquilibriumResult; got {type(result).__name__}."
        )
    check_choice(criterion, "criterion", "select", CRITERIA)
    tol = check_real(tol, "tol", "select", low=0)
    if not result.equilibria:
        raise SelectionNotApplicableError(
            f"there are no equilibria to select from (method {result.method!r} "
            "found none)."
        )
    game = result.game
    payoffs = np.array([eq.payoffs for eq in result.equilibria], dtype=np.float64)
    normal_form = isinstance(game, NormalFormGame)
    if normal_form:
        scale = game.payoff_scale
    else:  # other kinds: the spread of the equilibrium payoffs themselves
        scale = max(float(np.ptp(payoffs)) if payoffs.size else 0.0, 1.0)
    atol = tol * scale
    if criterion in ("max_entropy", "risk_dominance") and not normal_form:
        raise SelectionNotApplicableError(
            f"criterion {criterion!r} compares mixed strategies of normal-form "
            f"games; this result is of a {type(game).__name__}. 'welfare', "
            "'pareto' and 'payoff_dominance' compare payoffs and apply."
        )
    if criterion == "welfare":
        scores = payoffs.sum(axis=1)
        chosen = np.flatnonzero(scores >= scores.max() - atol * payoffs.shape[1])
    elif criterion == "max_entropy":
        scores = np.array([_entropy(eq.strategies) for eq in result.equilibria])
        chosen = np.flatnonzero(scores >= scores.max() - 1e-9)
    elif criterion == "pareto":
        scores = payoffs.sum(axis=1)
        chosen = _pareto_undominated(payoffs, atol)
    elif criterion == "payoff_dominance":
        scores = payoffs.sum(axis=1)
        chosen = _payoff_dominant(payoffs, atol)
    else:
        scores, chosen = _risk_dominant(result, atol)
    return EquilibriumResult(
        equilibria=tuple(result.equilibria[k] for k in chosen),
        method=result.method,
        complete=False,
        game=game,
        converged=result.converged,
        details={
            "criterion": criterion,
            "scores": [float(s) for s in scores],
            "selected": [int(k) for k in chosen],
        },
    )


def _entropy(strategies) -> float:
    total = 0.0
    for s in strategies:
        p = np.asarray(s, dtype=np.float64)
        p = p[p > 0]
        total -= float(np.sum(p * np.log(p)))
    return total


def _pareto_undominated(payoffs: np.ndarray, atol: float) -> np.ndarray:
    at_least = np.all(payoffs[:, None, :] >= payoffs[None, :, :] - atol, axis=2)
    better = np.any(payoffs[:, None, :] > payoffs[None, :, :] + atol, axis=2)
    dominates = at_least & better  # [f, e]: f dominates e
    return np.flatnonzero(~dominates.any(axis=0))


def _payoff_dominant(payoffs: np.ndarray, atol: float) -> np.ndarray:
    same = np.all(np.abs(payoffs[:, None, :] - payoffs[None, :, :]) <= atol, axis=2)
    strictly = np.all(payoffs[:, None, :] > payoffs[None, :, :] + atol, axis=2)
    for e in range(payoffs.shape[0]):
        if np.all(same[e] | strictly[e]):
            return np.flatnonzero(same[e])
    listed = "; ".join(
        "(" + ", ".join(f"{p:.6g}" for p in row) + ")" for row in payoffs[:10]
    )
    raise SelectionNotApplicableError(
        "no equilibrium is strictly better for every player than every other "
        f"equilibrium found, so none is payoff dominant. Their payoffs: {listed}. "
        "The criterion 'pareto' keeps the undominated ones."
    )


def _risk_dominant(result: EquilibriumResult, atol: float):
    game = result.game
    if game is None or game.n_players != 2 or game.shape != (2, 2):
        shape = None if game is None else game.shape
        raise SelectionNotApplicableError(
            "risk dominance (Harsanyi and Selten 1988) applies to 2x2 games "
            f"with two strict equilibria; this game has shape {shape}."
        )
    u0, u1 = game.float_payoff_arrays
    strict = []
    for r in range(2):
        for c in range(2):
            losses = (u0[r, c] - u0[1 - r, c], u1[r, c] - u1[r, 1 - c])
            if min(losses) > atol:
                strict.append(((r, c), losses[0] * losses[1]))
    if len(strict) != 2:
        raise SelectionNotApplicableError(
            "risk dominance (Harsanyi and Selten 1988) applies to 2x2 games "
            f"with two strict equilibria; this game has {len(strict)} strict "
            "pure equilibria."
        )
    products = np.array([product for _, product in strict])
    winners = [
        profile
        for profile, product in strict
        if product >= products.max() - atol * game.payoff_scale
    ]
    chosen = [
        k
        for k, eq in enumerate(result.equilibria)
        if eq.is_pure and tuple(int(s[0]) for s in eq.support) in winners
    ]
    if not chosen:
        raise SelectionNotApplicableError(
            f"the risk-dominant equilibrium {winners[0]} is not among the "
            "equilibria found; solve with method='pure' or 'enumerate' first."
        )
    return products, np.array(chosen, dtype=int)
