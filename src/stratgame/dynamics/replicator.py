"""Replicator dynamics: continuous time (with scipy's ODE solvers), discrete
time, and with mutation.

In the replicator dynamics a strategy's share grows in proportion to how much
better than the population average it does:
``dx_k/dt = x_k (f_k(x) - x . f(x))`` (Taylor & Jonker 1978). With a mutation
matrix ``Q`` (``Q[j, k]``: probability that the offspring of a ``j``
individual plays ``k``) it becomes the selection–mutation (replicator–mutator)
equation ``dx_k/dt = sum_j x_j F_j Q[j, k] - x_k (x . F)`` (Hofbauer 1985;
Page & Nowak 2002), where ``F`` is fitness: background plus payoff.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_integer, check_real, renamed_keywords
from ..exceptions import InvalidParameterError
from ._ode import integrate
from ._populations import PopulationModel
from .results import Trajectory

__all__ = ["discrete_replicator", "replicator"]


def _uniform_mutation(rate: float, n: int) -> np.ndarray:
    """Mutate with probability ``rate`` to one of the other ``n - 1``
    strategies, uniformly."""
    if n == 1:
        return np.eye(1)
    off = rate / (n - 1)
    return np.full((n, n), off) + np.eye(n) * (1.0 - rate - off)


def _mutation_matrix(value, n: int, population: int, owner: str) -> np.ndarray:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        rate = float(check_real(value, "mutation", owner, low=0, high=1))
        return _uniform_mutation(rate, n)
    Q = np.asarray(value, dtype=np.float64)
    if Q.shape != (n, n):
        raise InvalidParameterError(
            f"{owner}: population {population} has {n} strategies, so its mutation "
            f"matrix must have shape ({n}, {n}); got shape {Q.shape}."
        )
    if not np.all(np.isfinite(Q)) or Q.min() < 0 or not np.allclose(Q.sum(axis=1), 1):
        raise InvalidParameterError(
            f"{owner}: a mutation matrix must be row-stochastic (Q[j, k] >= 0, the "
            f"probability that a {n}-strategy population's j offspring plays k; rows "
            f"summing to 1); population {population}'s rows sum to "
            f"{Q.sum(axis=1).tolist()} with smallest entry {Q.min():g}."
        )
    return Q


def mutation_matrices(model: PopulationModel, mutation, owner: str):
    """One row-stochastic matrix per population, or None without mutation.

    ``mutation`` is a rate (uniform mutation to the other strategies), one
    square matrix used for every population, or a sequence with one rate or
    matrix per population.
    """
    if mutation is None:
        return None
    sizes = model.sizes
    if isinstance(mutation, numbers.Real):
        return [_mutation_matrix(mutation, n, k, owner) for k, n in enumerate(sizes)]
    if np.asarray(mutation, dtype=object).ndim == 2:  # one matrix for all
        return [_mutation_matrix(mutation, n, k, owner) for k, n in enumerate(sizes)]
    if len(mutation) != len(sizes):
        raise InvalidParameterError(
            f"{owner}: mutation must be a rate, one square matrix, or one rate or "
            f"matrix per population ({len(sizes)} populations of sizes {sizes}); "
            f"got {len(mutation)} entries."
        )
    return [
        _mutation_matrix(m, n, k, owner)
        for k, (m, n) in enumerate(zip(mutation, sizes, strict=True))
    ]


def _replicator_field(model: PopulationModel, matrices, background: float):
    """The vector field ``y -> dy/dt`` on the flat state."""
    fitness = model.fitness
    if matrices is None and len(model.sizes) == 1:

        def one_population(y, _t=None):
            f = fitness(y)
            return y * (f - y.dot(f))

        return one_population
    if matrices is None and len(model.sizes) == 2 and model.game.n_players == 2:
        # one block matrix gives both populations' payoffs, another each
        # population's mean payoff: two mat-vecs per evaluation
        n, m = model.sizes
        payoff = np.zeros((n + m, n + m))
        payoff[:n, n:] = model.payoffs[0]
        payoff[n:, :n] = model.payoffs[1].T
        averaging = np.zeros((n + m, n + m))
        averaging[:n, :n] = averaging[n:, n:] = 1.0
        payoff_dot, averaging_dot = payoff.dot, averaging.dot

        def two_populations(y, _t=None):
            weighted = y * payoff_dot(y)
            return weighted - y * averaging_dot(weighted)

        return two_populations
    starts = np.array([s.start for s in model.slices])
    sizes = np.array(model.sizes)
    if matrices is None:

        def several_populations(y, _t=None):
            weighted = y * fitness(y)
            return weighted - y * np.repeat(np.add.reduceat(weighted, starts), sizes)

        return several_populations
    slices = model.slices

    def with_mutation(y, _t=None):
        weighted = y * (fitness(y) + background)
        mean = np.repeat(np.add.reduceat(weighted, starts), sizes)
        offspring = np.concatenate(
            [weighted[s].dot(Q) for s, Q in zip(slices, matrices, strict=True)]
        )
        return offspring - y * mean

    return with_mutation


@renamed_keywords(x0="initial")
def replicator(
    game,
    initial=None,
    t_max=10.0,
    *,
    n_points: int = 1000,
    mutation=None,
    background=0.0,
    populations: str = "auto",
    method: str = "LSODA",
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> Trajectory:
    """Continuous-time replicator dynamics, optionally with mutation.

    ``dx_k/dt = x_k (f_k(x) - x . f(x))`` for every population, where
    ``f_k`` is the expected payoff of pure strategy ``k`` (Taylor & Jonker
    1978; Hofbauer & Sigmund 1998, *Evolutionary Games and Population
    Dynamics*, ch. 7). A symmetric game evolves as one population, any other
    game as one population per player (Taylor 1979). With ``mutation`` it is
    the selection–mutation equation of Hofbauer (1985):
    ``dx_k/dt = sum_j x_j F_j Q[j, k] - x_k (x . F)`` with fitness
    ``F = background + f``.

    Parameters
    ----------
    game : NormalFormGame
    initial : strategy or profile, optional
        The initial state: one strategy (vector, action index or label) for a
        single population, one per player otherwise. Default: the barycentre.
    t_max : float
        Integrate over ``[0, t_max]``.
    n_points : int
        Number of equally spaced recorded times.
    mutation : float, array_like or sequence, optional
        A mutation rate (mutate to each other strategy with probability
        ``rate / (n - 1)``), one row-stochastic matrix ``Q[j, k]`` used for
        every population, or one rate or matrix per population.
    background : float
        Fitness added to every payoff (only matters with mutation, where
        fitness must be nonnegative for the simplex to stay invariant).
    populations : {"auto", "single", "per_player"}
        ``"auto"``: one population if the game is symmetric, else one per
        player.
    method : {"LSODA", "RK45", "RK23", "DOP853", "Radau", "BDF"}
        ``"LSODA"`` runs :func:`scipy.integrate.odeint`; the others
        :func:`scipy.integrate.solve_ivp`.
    rtol, atol : float
        Tolerances of the ODE solver.

    Returns
    -------
    Trajectory
        States at ``n_points`` times, the final state and its Nash regret.

    Examples
    --------
    Hawk–dove with value V = 2 and cost C = 4: the population settles at the
    mixed ESS, a share V/C = 1/2 of hawks.

    >>> import stratgame as sg
    >>> from stratgame.dynamics import replicator
    >>> hawk_dove = sg.NormalFormGame.from_bimatrix([[-1, 2], [0, 1]],
    ...                                             [[-1, 0], [2, 1]])
    >>> path = replicator(hawk_dove, [0.9, 0.1], t_max=30)
    >>> path.final[0].round(4), path.populations
    (array([0.5, 0.5]), 'single')
    """
    owner = "replicator"
    model = PopulationModel(game, populations, owner)
    y0 = model.initial_state(initial)
    matrices = mutation_matrices(model, mutation, owner)
    background = model.check_background(background) if matrices else 0.0
    field = _replicator_field(model, matrices, background)
    times, states, details = integrate(
        field, y0, t_max, n_points, method, rtol, atol, owner
    )
    name = "replicator-mutator" if matrices else "replicator"
    return model.trajectory(times, states, name, details)


@renamed_keywords(x0="initial", generations="t_max")
def discrete_replicator(
    game,
    initial=None,
    t_max: int = 100,
    *,
    background=0.0,
    mutation=None,
    populations: str = "auto",
) -> Trajectory:
    """Discrete-time replicator dynamics: ``x'_k = x_k F_k / (x . F)``.

    Each generation a strategy's share is multiplied by its fitness
    ``F_k = background + f_k`` relative to the population mean (Maynard
    Smith 1982, *Evolution and the Theory of Games*; Hofbauer & Sigmund 1998).
    With a mutation matrix ``Q`` offspring of ``j`` play ``k`` with probability
    ``Q[j, k]``: ``x'_k = sum_j x_j F_j Q[j, k] / (x . F)``. Unlike the
    continuous dynamics, the discrete map depends on ``background``: a large
    background means weak selection and slow, smooth change.

    Parameters
    ----------
    game : NormalFormGame
    initial : strategy or profile, optional
        The initial state (default: the barycentre).
    t_max : int
        Number of generations to run.
    background : float
        Fitness added to every payoff; fitness must be nonnegative.
    mutation : float, array_like or sequence, optional
        As for :func:`replicator`.
    populations : {"auto", "single", "per_player"}

    Returns
    -------
    Trajectory
        ``times`` are the generations ``0, 1, ..., t_max``.

    Examples
    --------
    The prisoner's dilemma: defectors take over.

    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> path = discrete_replicator(pd, [0.99, 0.01], t_max=200)
    >>> path.final[0].round(6)
    array([0., 1.])
    """
    owner = "discrete_replicator"
    model = PopulationModel(game, populations, owner)
    y = model.initial_state(initial)
    t_max = check_integer(t_max, "t_max", owner, low=1)
    background = model.check_background(background)
    matrices = mutation_matrices(model, mutation, owner)
    starts = np.array([s.start for s in model.slices])
    sizes = np.array(model.sizes)
    states = np.empty((t_max + 1, model.dimension))
    states[0] = y
    for t in range(1, t_max + 1):
        weighted = y * (model.fitness(y) + background)
        mean = np.add.reduceat(weighted, starts)
        if np.any(mean <= 0):
            raise InvalidParameterError(
                f"{owner}: the mean fitness of population {int(np.argmin(mean))} "
                f"reached {mean.min():g} in generation {t}; a discrete replicator "
                "needs positive mean fitness. Pass a larger background."
            )
        if matrices is not None:
            weighted = np.concatenate(
                [
                    weighted[s].dot(Q)
                    for s, Q in zip(model.slices, matrices, strict=True)
                ]
            )
        y = weighted / np.repeat(mean, sizes)
        states[t] = y
    name = "discrete replicator-mutator" if matrices else "discrete replicator"
    details = {"background": background}
    return model.trajectory(np.arange(t_max + 1), states, name, details)
