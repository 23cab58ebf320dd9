"""Result types shared by every solver: one :class:`Equilibrium` per profile,
collected in an :class:`EquilibriumResult`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import (
    by_player,
    label,
    labelled_strategy,
    number,
    plural,
    strategies_repr,
    strategy_text,
    tidy,
)

__all__ = ["Equilibrium", "EquilibriumResult", "make_equilibrium"]


def _format_vector(vector) -> str:
    return "[" + ", ".join(number(float(p)) for p in vector) + "]"


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One equilibrium profile with its certificate.

    Attributes
    ----------
    strategies : tuple of numpy.ndarray
        One float probability vector per player.
    payoffs : numpy.ndarray
        Each player's expected payoff.
    regret : float
        The largest gain any player gets from a unilateral deviation, computed
        from the game itself (the certificate that this is an equilibrium).
    exact : tuple of tuple of Fraction or None
        The strategies as exact Fractions when they were computed exactly.
    labels : tuple or None
        ``(players, actions)``: the game's player and action labels, used by
        ``repr``, ``_repr_html_`` and ``to_dict`` (set from the game by
        :func:`make_equilibrium` and by :class:`EquilibriumResult`).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Lab A", "Lab B"),
    ...     actions=(("safe", "race"), ("safe", "race")))
    >>> sg.solve(g, method="pure").equilibria[0]
    Equilibrium({'Lab A': 'race', 'Lab B': 'race'}, payoffs={'Lab A': 1, 'Lab B': 1}, regret=0, exact)
    >>> sg.solve(g, method="pure").equilibria[0].to_dict()["by_player"]["Lab A"]
    {'strategy': {'race': 1}, 'payoff': 1.0}
    """

    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    regret: float
    exact: tuple[tuple[Fraction, ...], ...] | None = None
    labels: tuple | None = field(default=None, repr=False)

    @property
    def support(self) -> tuple[np.ndarray, ...]:
        """The actions each player plays with positive probability."""
        if self.exact is not None:
            return tuple(np.flatnonzero([p != 0 for p in s]) for s in self.exact)
        return tuple(np.flatnonzero(s > 1e-12) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        """True when every player plays a single action."""
        return all(len(s) == 1 for s in self.support)

    def _names(self):
        """``(players, actions)``: the game's labels, or numbers without them."""
        if self.labels is not None:
            return self.labels
        players = tuple(str(i) for i in range(len(self.strategies)))
        actions = tuple(tuple(str(k) for k in range(len(s))) for s in self.strategies)
        return players, actions

    def _shown_strategies(self):
        return self.exact if self.exact is not None else self.strategies

    def to_dict(self) -> dict:
        """A JSON-ready dict: the data at full precision (exact strategies as
        strings such as ``"1/3"``) and, under ``"by_player"``, each player's
        label with the actions it plays and its payoff, for reading."""
        out = {
            "strategies": [s.tolist() for s in self.strategies],
            "payoffs": [float(p) for p in self.payoffs],
            "regret": float(self.regret),
        }
        if self.exact is not None:
            out["exact"] = [[str(p) for p in s] for s in self.exact]
        if self.labels is not None:
            players, actions = self.labels
            out["by_player"] = {
                player: {
                    "strategy": labelled_strategy(names, strategy),
                    "payoff": tidy(payoff),
                }
                for player, names, strategy, payoff in zip(
                    players,
                    actions,
                    self._shown_strategies(),
                    self.payoffs,
                    strict=True,
                )
            }
        return out

    def __repr__(self) -> str:
        exact = ", exact" if self.exact is not None else ""
        regret = number(self.regret, 3)
        if self.labels is None:
            strategies = ", ".join(_format_vector(s) for s in self.strategies)
            return (
                f"Equilibrium(strategies=({strategies}), payoffs="
                f"{_format_vector(self.payoffs)}, regret={regret}{exact})"
            )
        players, actions = self.labels
        return (
            f"Equilibrium({strategies_repr(players, actions, self._shown_strategies())}"
            f", payoffs={by_player(players, self.payoffs)}, regret={regret}{exact})"
        )

    def _repr_html_(self) -> str:
        players, actions = self._names()
        rows = "".join(
            f"<tr><td>{html.escape(label(player))}</td>"
            f"<td>{html.escape(strategy_text(names, s))}</td>"
            f"<td>{number(float(p))}</td></tr>"
            for player, names, s, p in zip(
                players, actions, self._shown_strategies(), self.payoffs, strict=True
            )
        )
        return (
            "<table><tr><th>player</th><th>strategy</th><th>payoff</th></tr>"
            f"{rows}</table><p>regret {number(self.regret, 3)}</p>"
        )


def keep_distinct(found: list, strategies, regret: float, tol: float = 1e-6) -> None:
    """Add ``(strategies, regret)`` to ``found`` unless a profile within
    ``tol`` of it (largest probability difference) is there already; of two
    such, the one with the smaller regret stays. The sampling methods
    (global Newton, simplicial subdivision) reach one equilibrium from
    several starts.

    Examples
    --------
    >>> found = []
    >>> keep_distinct(found, [np.array([1.0, 0.0])], 1e-9)
    >>> keep_distinct(found, [np.array([1.0, 1e-9])], 1e-12)
    >>> len(found), found[0][1]
    (1, 1e-12)
    """
    flat = np.concatenate(strategies)
    for k, (other, other_regret) in enumerate(found):
        if np.abs(np.concatenate(other) - flat).max() <= tol:
            if regret < other_regret:
                found[k] = (strategies, regret)
            return
    found.append((strategies, regret))


def make_equilibrium(game, strategies, exact: bool = False) -> Equilibrium:
    """Build an :class:`Equilibrium`, computing payoffs and regret from the game.

    Parameters
    ----------
    game : NormalFormGame
    strategies : sequence of array_like
        One probability vector per player (Fractions allowed).
    exact : bool
        Keep the strategies as Fractions in ``Equilibrium.exact`` and compute
        payoffs and regret exactly (float payoffs taken bit for bit).
    """
    profile = game.as_profile(list(strategies))
    if exact:
        profile = tuple(
            np.array([Fraction(p) for p in s], dtype=object) for s in profile
        )
    else:
        profile = tuple(np.asarray(s, dtype=np.float64) for s in profile)
    if not exact and game.n_players == 2:  # two matrix-vector products
        from .certify import bimatrix_values

        values, regrets = bimatrix_values(
            *game.float_payoff_arrays, profile[0][None], profile[1][None]
        )
        payoffs, regret = values[0], regrets[0].max()
    else:
        payoffs = game.expected_payoffs(profile, exact=exact)
        regret = max(game.regret(profile, exact=exact))
    return Equilibrium(
        strategies=tuple(np.asarray(s, dtype=np.float64) for s in profile),
        payoffs=np.asarray(payoffs, dtype=np.float64),
        regret=float(regret),
        exact=tuple(tuple(s) for s in profile) if exact else None,
        labels=(game.players, game.actions),
    )


@dataclass(frozen=True, eq=False)
class EquilibriumResult:
    """What a solver found.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
    method : str
        The method that ran (for ``method="auto"``, the one it chose).
    complete : bool
        True when every equilibrium of the kind the method looks for is
        listed: every pure equilibrium for ``"pure"``, every extreme
        equilibrium (all of them, degenerate games included) for
        ``"enumerate"``.
    game : NormalFormGame
        The game that was solved.
    converged : bool
        False when an iterative method stopped early (e.g. at ``max_iter``).
    components : tuple of tuple of int, or None
        For enumeration of two-player games: the maximal convex sets of
        equilibria, each given as indices into ``equilibria``.
    details : dict
        Method-specific information (iterations, components, ...).
    """

    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    game: Any = field(repr=False, default=None)
    converged: bool = True
    components: tuple[tuple[int, ...], ...] | None = None
    details: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # Every equilibrium of a game's result shows the game's labels.
        names = getattr(self.game, "players", None), getattr(self.game, "actions", None)
        if names[0] is None or names[1] is None:
            return
        for eq in self.equilibria:
            if isinstance(eq, Equilibrium) and eq.labels is None:
                object.__setattr__(eq, "labels", names)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, index) -> Equilibrium:
        return self.equilibria[index]

    def select(self, criterion: str, **options) -> EquilibriumResult:
        """The equilibria a selection criterion picks ("welfare", "pareto",
        "payoff_dominance", "risk_dominance", "max_entropy"); see
        :func:`stratgame.solvers.selection.select`."""
        from .selection import select

        return select(self, criterion, **options)

    def to_dict(self) -> dict:
        """A JSON-ready dict of the result, with the game's labels when the
        result carries the game."""
        names = {}
        if self.game is not None and hasattr(self.game, "players"):
            names = {
                "players": list(self.game.players),
                "actions": [list(a) for a in self.game.actions],
            }
        return {
            **names,
            "method": self.method,
            "complete": self.complete,
            "converged": self.converged,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def __repr__(self) -> str:
        lines = [
            f"EquilibriumResult(method={self.method!r}, complete={self.complete}, "
            f"converged={self.converged}, "
            f"{plural(len(self.equilibria), 'equilibrium', 'equilibria')})"
        ]
        lines += [f"  {eq!r}" for eq in self.equilibria[:20]]
        if len(self.equilibria) > 20:
            lines.append(f"  ... {len(self.equilibria) - 20} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = (
            f"<p>method <code>{html.escape(self.method)}</code>, "
            f"{plural(len(self.equilibria), 'equilibrium', 'equilibria')}, "
            f"complete={self.complete}</p>"
        )
        return head + "".join(eq._repr_html_() for eq in self.equilibria[:20])
