"""Result types of the dynamics: trajectories of deterministic dynamics,
outcomes of learning processes, replicator rest points and the distributions
of finite-population processes. All are frozen dataclasses with a readable
``repr``, ``to_dict()`` and ``_repr_html_``."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "LearningResult",
    "PopulationDistribution",
    "RestPoint",
    "SmallMutationLimit",
    "Trajectory",
]


def _vector(values) -> str:
    return "[" + ", ".join(f"{float(v):.4g}" for v in values) + "]"


def _vectors(vectors) -> str:
    return "(" + ", ".join(_vector(v) for v in vectors) + ")"


def _html(title: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
    )
    return f"<table><caption>{html.escape(title)}</caption>{body}</table>"


def _optional_float(value) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """A path of a deterministic dynamic and where it ended.

    Attributes
    ----------
    times : numpy.ndarray
        Shape ``(T,)``: the times (or generations) of the recorded states.
    states : tuple of numpy.ndarray
        One array of shape ``(T, n_k)`` per population: its mixed strategy at
        each recorded time.
    final : tuple of numpy.ndarray
        The last state of every population.
    regret : float
        The largest gain any player gets by deviating from :attr:`profile`;
        zero exactly at a Nash equilibrium.
    profile : tuple of numpy.ndarray
        The final state as a strategy profile of the game (one population's
        state repeated for every player of a symmetric game).
    method : str
        The dynamic that ran.
    populations : str
        ``"single"`` or ``"per_player"``.
    details : dict
        Solver information (ODE method, function evaluations, ...).
    """

    times: np.ndarray
    states: tuple[np.ndarray, ...]
    final: tuple[np.ndarray, ...]
    regret: float
    profile: tuple[np.ndarray, ...]
    method: str
    populations: str
    details: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "method": self.method,
            "populations": self.populations,
            "times": self.times.tolist(),
            "states": [s.tolist() for s in self.states],
            "final": [s.tolist() for s in self.final],
            "profile": [s.tolist() for s in self.profile],
            "regret": float(self.regret),
        }

    def __repr__(self) -> str:
        return (
            f"Trajectory(method={self.method!r}, populations={self.populations!r}, "
            f"points={len(self.times)}, t=[{self.times[0]:g}, {self.times[-1]:g}], "
            f"final={_vectors(self.final)}, regret={self.regret:.3g})"
        )

    def _repr_html_(self) -> str:
        return _html(
            f"{self.method} trajectory",
            [
                ("populations", self.populations),
                ("time", f"{self.times[0]:g} to {self.times[-1]:g}"),
                ("final state", _vectors(self.final)),
                ("regret", f"{self.regret:.3g}"),
            ],
        )


@dataclass(frozen=True, eq=False)
class LearningResult:
    """What a learning process played and where its averages ended.

    Attributes
    ----------
    method : str
        The learning rule.
    iterations : int
        Rounds played.
    strategies : tuple of numpy.ndarray
        Each player's time-averaged strategy (empirical frequencies of play,
        or the average of the mixed strategies for hedge): the object whose
        convergence the theory is about.
    regret : float
        The largest gain any player gets by deviating from ``strategies``.
    checkpoints : numpy.ndarray
        The round counts at which :attr:`history` was recorded.
    history : tuple of numpy.ndarray
        One array of shape ``(len(checkpoints), n_i)`` per player: the
        averaged strategy after each checkpoint round.
    actions : numpy.ndarray or None
        Shape ``(iterations, n_players)``: the action each player took in each
        round, for rules that sample actions.
    joint : numpy.ndarray or None
        The empirical joint distribution of play (shape ``game.shape``).
    correlated_regret : float or None
        The largest gain any player gets, against ``joint``, by switching one
        action to another whenever recommended it; zero exactly at a
        correlated equilibrium.
    correlated_distance : float or None
        Total-variation distance from ``joint`` to the set of correlated
        equilibria.
    details : dict
        Rule-specific information (last iterate, external regrets, ...).
    """

    method: str
    iterations: int
    strategies: tuple[np.ndarray, ...]
    regret: float
    checkpoints: np.ndarray = field(repr=False)
    history: tuple[np.ndarray, ...] = field(repr=False)
    actions: np.ndarray | None = field(default=None, repr=False)
    joint: np.ndarray | None = field(default=None, repr=False)
    correlated_regret: float | None = None
    correlated_distance: float | None = None
    details: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict (the action sequence is left out)."""
        return {
            "method": self.method,
            "iterations": self.iterations,
            "strategies": [s.tolist() for s in self.strategies],
            "regret": float(self.regret),
            "checkpoints": self.checkpoints.tolist(),
            "history": [h.tolist() for h in self.history],
            "joint": None if self.joint is None else self.joint.tolist(),
            "correlated_regret": _optional_float(self.correlated_regret),
            "correlated_distance": _optional_float(self.correlated_distance),
        }

    def __repr__(self) -> str:
        text = (
            f"LearningResult(method={self.method!r}, iterations={self.iterations}, "
            f"strategies={_vectors(self.strategies)}, regret={self.regret:.3g}"
        )
        if self.correlated_regret is not None:
            text += f", correlated_regret={self.correlated_regret:.3g}"
        if self.correlated_distance is not None:
            text += f", correlated_distance={self.correlated_distance:.3g}"
        return text + ")"

    def _repr_html_(self) -> str:
        rows = [
            ("iterations", str(self.iterations)),
            ("average strategies", _vectors(self.strategies)),
            ("regret", f"{self.regret:.3g}"),
        ]
        if self.correlated_distance is not None:
            rows.append(
                ("distance to correlated equilibria", f"{self.correlated_distance:.3g}")
            )
        return _html(self.method, rows)


@dataclass(frozen=True, eq=False)
class RestPoint:
    """A rest point of the replicator dynamics and its linear stability.

    Attributes
    ----------
    state : tuple of numpy.ndarray
        One mixed strategy per population.
    profile : tuple of numpy.ndarray
        The state as a strategy profile of the game.
    support : tuple of numpy.ndarray
        The strategies each population uses.
    eigenvalues : numpy.ndarray
        Eigenvalues of the Jacobian restricted to the tangent space of the
        simplex (or product of simplices), sorted by decreasing real part.
    stability : str
        ``"stable"`` (every real part < 0: asymptotically stable),
        ``"unstable"`` (some real part > 0) or ``"non-hyperbolic"`` (largest
        real part zero: linearization cannot tell, e.g. a centre).
    regret : float
        Nash regret of :attr:`profile`; a stable rest point is always a Nash
        equilibrium (the folk theorem of evolutionary game theory).
    jacobian : numpy.ndarray
        The restricted Jacobian, in an orthonormal basis of the tangent space.
    """

    state: tuple[np.ndarray, ...]
    profile: tuple[np.ndarray, ...] = field(repr=False)
    support: tuple[np.ndarray, ...] = field(repr=False)
    eigenvalues: np.ndarray = field(repr=False)
    stability: str
    regret: float
    jacobian: np.ndarray = field(repr=False)

    def to_dict(self) -> dict:
        """A JSON-ready dict (eigenvalues as ``[real, imaginary]`` pairs)."""
        return {
            "state": [s.tolist() for s in self.state],
            "support": [s.tolist() for s in self.support],
            "eigenvalues": [[float(e.real), float(e.imag)] for e in self.eigenvalues],
            "stability": self.stability,
            "regret": float(self.regret),
        }

    def __repr__(self) -> str:
        eig = ", ".join(f"{complex(e):.3g}" for e in self.eigenvalues)
        return (
            f"RestPoint(state={_vectors(self.state)}, stability={self.stability!r}, "
            f"eigenvalues=[{eig}], regret={self.regret:.3g})"
        )

    def _repr_html_(self) -> str:
        return _html(
            "replicator rest point",
            [
                ("state", _vectors(self.state)),
                ("stability", self.stability),
                (
                    "eigenvalues",
                    ", ".join(f"{complex(e):.3g}" for e in self.eigenvalues),
                ),
                ("regret", f"{self.regret:.3g}"),
            ],
        )


@dataclass(frozen=True, eq=False)
class SmallMutationLimit:
    """The finite-population process in the limit of rare mutations.

    Attributes
    ----------
    distribution : numpy.ndarray
        Long-run share of time the population spends monomorphic in each
        strategy.
    fixation : numpy.ndarray
        ``fixation[i, j]``: probability that one ``i`` mutant takes over a
        population of ``j`` residents (``1/Z`` on the diagonal: neutral).
    transition : numpy.ndarray
        The embedded chain between monomorphic states (rows sum to 1).
    actions : tuple of str
        Labels of the strategies.
    population_size, intensity, process
        The parameters of the process.
    """

    distribution: np.ndarray
    fixation: np.ndarray = field(repr=False)
    transition: np.ndarray = field(repr=False)
    actions: tuple[str, ...]
    population_size: int
    intensity: float
    process: str

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "distribution": self.distribution.tolist(),
            "fixation": self.fixation.tolist(),
            "transition": self.transition.tolist(),
            "actions": list(self.actions),
            "population_size": self.population_size,
            "intensity": self.intensity,
            "process": self.process,
        }

    def __repr__(self) -> str:
        shares = ", ".join(
            f"{a}={p:.4g}" for a, p in zip(self.actions, self.distribution, strict=True)
        )
        return (
            f"SmallMutationLimit({shares}; process={self.process!r}, "
            f"population_size={self.population_size}, intensity={self.intensity:g})"
        )

    def _repr_html_(self) -> str:
        rows = [
            (a, f"{p:.4g}")
            for a, p in zip(self.actions, self.distribution, strict=True)
        ]
        return _html(f"small-mutation limit ({self.process})", rows)


@dataclass(frozen=True, eq=False)
class PopulationDistribution:
    """The stationary distribution of a finite population's full Markov chain.

    Attributes
    ----------
    states : numpy.ndarray
        Shape ``(m, n)``: each row counts the individuals playing each of the
        ``n`` strategies (rows sum to the population size).
    distribution : numpy.ndarray
        Shape ``(m,)``: the stationary probability of each state.
    actions : tuple of str
        Labels of the strategies.
    population_size, intensity, mutation_rate, process
        The parameters of the process.
    """

    states: np.ndarray = field(repr=False)
    distribution: np.ndarray = field(repr=False)
    actions: tuple[str, ...]
    population_size: int
    intensity: float
    mutation_rate: float
    process: str

    def monomorphic(self) -> np.ndarray:
        """Probability of each state where everyone plays one strategy."""
        index = [
            int(np.flatnonzero(self.states[:, k] == self.population_size)[0])
            for k in range(self.states.shape[1])
        ]
        return self.distribution[index]

    def mean_frequencies(self) -> np.ndarray:
        """Long-run average share of each strategy in the population."""
        return self.distribution @ self.states / self.population_size

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "states": self.states.tolist(),
            "distribution": self.distribution.tolist(),
            "actions": list(self.actions),
            "population_size": self.population_size,
            "intensity": self.intensity,
            "mutation_rate": self.mutation_rate,
            "process": self.process,
        }

    def __repr__(self) -> str:
        means = ", ".join(
            f"{a}={p:.4g}"
            for a, p in zip(self.actions, self.mean_frequencies(), strict=True)
        )
        return (
            f"PopulationDistribution({len(self.states)} states; mean shares {means}; "
            f"process={self.process!r}, population_size={self.population_size}, "
            f"intensity={self.intensity:g}, mutation_rate={self.mutation_rate:g})"
        )

    def _repr_html_(self) -> str:
        rows = [
            (a, f"{p:.4g}")
            for a, p in zip(self.actions, self.mean_frequencies(), strict=True)
        ]
        return _html(f"stationary distribution ({self.process}), mean shares", rows)
