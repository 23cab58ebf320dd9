"""The Moran process over a population of repeated-game strategies.

Each individual's fitness is its mean payoff against the rest of the
population, from a matrix of exact pairwise payoffs (for example
:meth:`RepeatedGame.payoff_matrix`); each step one individual reproduces with
probability proportional to fitness and its offspring replaces one chosen
uniformly at random (Moran 1958; Nowak, Sasaki, Taylor & Fudenberg 2004).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real, check_rng, renamed_keywords
from ..dynamics.finite_population import NegativeFitnessError, _fixation

__all__ = [
    "MoranResult",
    "NegativeFitnessError",
    "fixation_probability",
    "moran_process",
]


@dataclass(frozen=True, eq=False)
class MoranResult:
    """A run of the Moran process.

    Attributes
    ----------
    counts : numpy.ndarray
        ``(steps + 1, K)``: how many individuals of each type, after each step.
    fixated : int or None
        The type that took over the whole population, or None when
        ``max_iter`` ran out first (or several types were left with no
        mutation possible, which cannot happen).
    """

    counts: np.ndarray
    fixated: int | None

    @property
    def steps(self) -> int:
        """Number of steps run."""
        return self.counts.shape[0] - 1


def _check_payoffs(payoffs) -> np.ndarray:
    M = np.asarray(payoffs, dtype=np.float64)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or not np.all(np.isfinite(M)):
        raise ValueError(
            "payoffs must be a square matrix of finite numbers, entry [k, l] the "
            f"payoff of type k against type l; got shape {M.shape}."
        )
    return M


def _fitness(M, counts, intensity) -> np.ndarray:
    size = counts.sum()
    mean = (M @ counts - np.diag(M)) / (size - 1)
    fitness = 1 - intensity + intensity * mean
    alive = counts > 0
    if np.any(fitness[alive] < 0):
        raise NegativeFitnessError(
            f"fitness 1 - w + w * payoff is negative ({fitness[alive].min():.3g}) "
            f"with selection intensity w = {intensity}; use a smaller intensity or "
            "shift the payoffs up."
        )
    return fitness


@renamed_keywords(
    counts="initial", selection_intensity="intensity", max_steps="max_iter"
)
def moran_process(
    payoffs, initial, *, intensity=1.0, max_iter=100_000, rng=None
) -> MoranResult:
    """Run the Moran process until one type is left or ``max_iter`` steps pass.

    Parameters
    ----------
    payoffs : array_like
        ``(K, K)``: ``payoffs[k, l]`` is the payoff of type ``k`` against type
        ``l``.
    initial : sequence of int
        The initial number of individuals of each type (total at least 2).
    intensity : float in [0, 1], default 1
        ``w``: fitness is ``1 - w + w * (mean payoff against the others)``;
        ``w = 0`` is neutral drift.
    max_iter : int, default 100000
    rng : None, int or numpy.random.Generator

    Returns
    -------
    MoranResult

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.repeated import (RepeatedGame, tit_for_tat,
    ...     always_defect, moran_process)
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> M = RepeatedGame(pd, 0.9).payoff_matrix([tit_for_tat(), always_defect()])
    >>> run = moran_process(M, [8, 2], rng=1)
    >>> run.fixated, int(run.counts[-1].sum())
    (0, 10)
    """
    M = _check_payoffs(payoffs)
    counts = np.array(
        [check_integer(c, "initial", "moran_process", low=0) for c in initial],
        dtype=np.int64,
    )
    if counts.shape != (M.shape[0],) or counts.sum() < 2:
        raise ValueError(
            f"initial must give one count per type ({M.shape[0]}) with a total of "
            f"at least 2; got {counts.tolist()}."
        )
    w = float(check_real(intensity, "intensity", "moran_process", low=0, high=1))
    max_iter = check_integer(max_iter, "max_iter", "moran_process", low=0)
    rng = check_rng(rng)
    size = counts.sum()
    history = [counts.copy()]
    for _ in range(max_iter):
        if np.count_nonzero(counts) == 1:
            break
        weights = np.cumsum(counts * _fitness(M, counts, w))
        if weights[-1] <= 0:
            weights = np.cumsum(counts).astype(np.float64)
        u, v = rng.random(2)
        parent = min(
            int(np.searchsorted(weights, u * weights[-1], side="right")),
            len(counts) - 1,
        )
        dead = int(np.searchsorted(np.cumsum(counts), v * size, side="right"))
        counts = counts.copy()
        counts[parent] += 1
        counts[dead] -= 1
        history.append(counts)
    alive = np.flatnonzero(counts)
    return MoranResult(np.array(history), int(alive[0]) if len(alive) == 1 else None)


@renamed_keywords(selection_intensity="intensity")
def fixation_probability(payoffs, population_size, *, intensity=1.0):
    """Probability that one individual of type 0 takes over a population of
    type 1 in the Moran process.

    With ``i`` individuals of type 0 their fitness is ``f_i = 1 - w + w (a
    (i - 1) + b (N - i)) / (N - 1)`` and the residents' ``g_i = 1 - w + w (c
    i + d (N - i - 1)) / (N - 1)``, where ``[[a, b], [c, d]]`` are the
    payoffs; then ``ρ = 1 / (1 + Σ_{k=1}^{N-1} Π_{i=1}^{k} g_i / f_i)``
    (Nowak, Sasaki, Taylor & Fudenberg 2004, Nature 428, eq. 1), summed in
    log space by :func:`stratgame.dynamics.fixation_probability`, which
    takes a game instead of a payoff matrix.

    Parameters
    ----------
    payoffs : array_like
        ``(2, 2)``: type 0 is the mutant, type 1 the resident.
    population_size : int
        ``N``, at least 2.
    intensity : float in [0, 1], default 1

    Examples
    --------
    Neutral drift fixes a single mutant with probability ``1 / N``:

    >>> fixation_probability([[1, 1], [1, 1]], 10)
    0.1
    """
    M = _check_payoffs(payoffs)
    if M.shape != (2, 2):
        raise ValueError(f"payoffs must be a 2x2 matrix; got shape {M.shape}.")
    n = check_integer(population_size, "population_size", "fixation_probability", low=2)
    w = float(
        check_real(
            intensity,
            "intensity",
            "fixation_probability",
            low=0,
            high=1,
        )
    )
    return _fixation(M, 0, 1, n, w, "moran", "fixation_probability")
