"""Following equilibria along a one-dimensional parameter path."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._optional import require
from .._validation import check_rng
from ._evaluate import as_game, solve_built

__all__ = ["Branch", "Tracking", "track"]


@dataclass(frozen=True, eq=False)
class Branch:
    """One equilibrium followed over consecutive parameter values."""

    id: int
    values: list
    strategies: list  # one tuple of probability vectors per value
    payoffs: list

    @property
    def start(self):
        return self.values[0]

    @property
    def end(self):
        return self.values[-1]


@dataclass(frozen=True, eq=False)
class Tracking:
    """Equilibrium branches along a path and the events between them.

    ``events`` lists births and deaths: ``{"kind": "birth" or "death",
    "value": the parameter value, "branch": id}``; a ``"bifurcation"`` event
    marks a value where the number of equilibria changes. ``players`` and
    ``actions`` are the labels of the games built (None when the builder
    returns no labelled game), for figures and tables.
    """

    param: str
    values: list
    branches: list[Branch]
    events: list[dict] = field(default_factory=list)
    players: tuple[str, ...] | None = None
    actions: tuple[tuple[str, ...], ...] | None = None

    def to_frame(self):
        """One row per branch and parameter value (pandas)."""
        pd = require("pandas", "Tracking.to_frame()")

        rows = []
        for b in self.branches:
            for v, s, p in zip(b.values, b.strategies, b.payoffs, strict=True):
                rows.append(
                    {"branch": b.id, self.param: v, "strategies": s, "payoffs": p}
                )
        return pd.DataFrame(rows)


def _flatten(eq) -> np.ndarray:
    return np.concatenate([np.asarray(s, dtype=float) for s in eq.strategies])


def track(
    builder,
    param: str,
    values,
    solve="auto",
    fixed: dict | None = None,
    match_tol: float = 0.25,
    rng=None,
) -> Tracking:
    """Follow every equilibrium as ``param`` runs through ``values``.

    Equilibria at neighbouring values are matched by the smallest total
    distance between strategy profiles (the Hungarian method); a pair farther
    apart than ``match_tol`` (max-norm) is not matched. An unmatched
    equilibrium starts a branch (a birth); a branch with no continuation ends
    (a death). Where the number of equilibria changes, a ``"bifurcation"``
    event is recorded (for instance two branches meeting and vanishing in a
    fold).

    Examples
    --------
    Stag hunt with the hare payoff h: the stag equilibrium dies when h > 4.

    >>> import stratgame as sg
    >>> def stag(h):
    ...     return sg.NormalFormGame.from_bimatrix([[4, 0], [h, h]], [[4, h], [0, h]])
    >>> t = track(stag, "h", [2, 3, 5], solve="pure")
    >>> [(e["kind"], e["value"]) for e in t.events]
    [('bifurcation', 5), ('death', 5)]
    """
    from scipy.optimize import linear_sum_assignment

    fixed = dict(fixed or {})
    generator = check_rng(rng)
    values = list(values)
    branches: list[dict] = []
    events: list[dict] = []
    open_branches: list[int] = []
    previous = []
    labels = None
    for k, value in enumerate(values):
        game = as_game(builder(**{**fixed, param: value}))
        if labels is None:
            labels = getattr(game, "players", None), getattr(game, "actions", None)
        equilibria, _ = solve_built(game, solve, generator)
        current = [_flatten(eq) for eq in equilibria]
        matched: dict[int, int] = {}
        if previous and current:
            cost = np.array([[np.abs(a - b).max() for b in current] for a in previous])
            rows, cols = linear_sum_assignment(cost)
            matched = {
                int(c): open_branches[r]
                for r, c in zip(rows, cols, strict=True)
                if cost[r, c] <= match_tol
            }
        if k > 0 and len(current) != len(previous):
            events.append({"kind": "bifurcation", "value": value, "branch": None})
        continuing = set(matched.values())
        for branch_id in open_branches:
            if branch_id not in continuing:
                events.append({"kind": "death", "value": value, "branch": branch_id})
        new_open = []
        for j, eq in enumerate(equilibria):
            if j in matched:
                branch_id = matched[j]
            else:
                branch_id = len(branches)
                branches.append({"values": [], "strategies": [], "payoffs": []})
                if k > 0:
                    events.append(
                        {"kind": "birth", "value": value, "branch": branch_id}
                    )
            b = branches[branch_id]
            b["values"].append(value)
            b["strategies"].append(
                tuple(np.asarray(s, float).tolist() for s in eq.strategies)
            )
            b["payoffs"].append(np.asarray(eq.payoffs, float).tolist())
            new_open.append(branch_id)
        open_branches, previous = new_open, current
    return Tracking(
        param=param,
        values=values,
        branches=[Branch(id=i, **b) for i, b in enumerate(branches)],
        events=events,
        players=labels[0] if labels else None,
        actions=labels[1] if labels else None,
    )
