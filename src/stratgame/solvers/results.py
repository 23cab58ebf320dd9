"""Result types shared by every solver: one :class:`Equilibrium` per profile,
collected in an :class:`EquilibriumResult`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["Equilibrium", "EquilibriumResult", "make_equilibrium"]


def _format_vector(vector) -> str:
    return "[" + ", ".join(f"{float(p):.6g}" for p in vector) + "]"


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
    """

    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    regret: float
    exact: tuple[tuple[Fraction, ...], ...] | None = None

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

    def to_dict(self) -> dict:
        """A JSON-ready dict (exact strategies as strings such as ``"1/3"``)."""
        out = {
            "strategies": [s.tolist() for s in self.strategies],
            "payoffs": [float(p) for p in self.payoffs],
            "regret": float(self.regret),
        }
        if self.exact is not None:
            out["exact"] = [[str(p) for p in s] for s in self.exact]
        return out

    def __repr__(self) -> str:
        strategies = ", ".join(_format_vector(s) for s in self.strategies)
        return (
            f"Equilibrium(strategies=({strategies}), payoffs="
            f"{_format_vector(self.payoffs)}, regret={self.regret:.3g}"
            f"{', exact' if self.exact is not None else ''})"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(_format_vector(s))}</td>"
            f"<td>{float(p):.6g}</td></tr>"
            for i, (s, p) in enumerate(zip(self.strategies, self.payoffs, strict=True))
        )
        return (
            "<table><tr><th>player</th><th>strategy</th><th>payoff</th></tr>"
            f"{rows}</table><p>regret {self.regret:.3g}</p>"
        )


def make_equilibrium(game, strategies, exact: bool = False) -> Equilibrium:
    """Build an :class:`Equilibrium`, computing payoffs and regret from the game.

    Parameters
    ----------
    game : NormalFormGame
    strategies : sequence of array_like
        One probability vector per player (Fractions allowed).
    exact : bool
        Keep the strategies as Fractions in ``Equilibrium.exact`` and compute
        payoffs and regret exactly (the game must be exact too).
    """
    profile = game.as_profile(list(strategies))
    if exact:
        profile = tuple(
            np.array([Fraction(p) for p in s], dtype=object) for s in profile
        )
    else:
        profile = tuple(np.asarray(s, dtype=np.float64) for s in profile)
    payoffs = game.expected_payoffs(profile)
    regret = max(game.regret(profile))
    return Equilibrium(
        strategies=tuple(np.asarray(s, dtype=np.float64) for s in profile),
        payoffs=np.asarray(payoffs, dtype=np.float64),
        regret=float(regret),
        exact=tuple(tuple(s) for s in profile) if exact else None,
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
        """A JSON-ready dict of the result."""
        return {
            "method": self.method,
            "complete": self.complete,
            "converged": self.converged,
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def __repr__(self) -> str:
        lines = [
            f"EquilibriumResult(method={self.method!r}, complete={self.complete}, "
            f"converged={self.converged}, {len(self.equilibria)} equilibria)"
        ]
        lines += [f"  {eq!r}" for eq in self.equilibria[:20]]
        if len(self.equilibria) > 20:
            lines.append(f"  ... {len(self.equilibria) - 20} more")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = (
            f"<p>method <code>{html.escape(self.method)}</code>, "
            f"{len(self.equilibria)} equilibria, complete={self.complete}</p>"
        )
        return head + "".join(eq._repr_html_() for eq in self.equilibria[:20])
