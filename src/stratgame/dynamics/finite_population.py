"""Evolution in a finite, well-mixed population of ``Z`` individuals playing a
symmetric two-player game.

Two processes are offered. In the pairwise-comparison (*Fermi*) process a
random individual compares its payoff with another's and imitates it with
probability ``1 / (1 + exp(-beta (f_other - f_self)))`` (Traulsen, Nowak &
Pacheco 2006). In the frequency-dependent *Moran* process an individual is
chosen to reproduce with probability proportional to its fitness
``1 - w + w * payoff`` and its offspring replaces a random individual (Nowak,
Sasaki, Taylor & Fudenberg 2004). Payoffs come from meeting every other
individual once (no self-interaction). With ``j`` mutants ``A`` among
residents ``B``, and ``a, b, c, d`` the payoffs of ``A`` against ``A``,
``A`` against ``B``, ``B`` against ``A`` and ``B`` against ``B``::

    f_A(j) = (a (j - 1) + b (Z - j)) / (Z - 1)
    f_B(j) = (c j + d (Z - j - 1)) / (Z - 1)
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .._validation import check_choice, check_integer, check_real
from ..exceptions import (
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from ..games._markov import stationary_vector
from ._populations import check_game
from .results import PopulationDistribution, SmallMutationLimit

__all__ = [
    "NegativeFitnessError",
    "fixation_probability",
    "small_mutation_limit",
    "stationary_distribution",
]

PROCESSES = ("fermi", "moran")
_REDUCIBLE_HINT = "lower the intensity or raise the mutation rate"


def _payoff_matrix(game, owner: str) -> np.ndarray:
    check_game(game, owner)
    if game.n_players != 2 or not game.is_symmetric():
        raise InvalidGameError(
            f"{owner} needs a symmetric two-player game (one population meeting in "
            f"pairs); got {game!r}, which is "
            f"{'not symmetric' if game.n_players == 2 else f'{game.n_players}-player'}."
        )
    return np.asarray(game.float_payoff_arrays[0])


def _strategy(game, strategy, name: str, owner: str) -> int:
    actions = game.actions[0]
    if isinstance(strategy, str):
        if strategy in actions:
            return actions.index(strategy)
    elif isinstance(strategy, int | np.integer) and not isinstance(strategy, bool):
        if 0 <= strategy < len(actions):
            return int(strategy)
    raise InvalidProfileError(
        f"{owner}: {name} must be one of the actions {actions!r} or an index "
        f"0..{len(actions) - 1}; got {strategy!r}."
    )


def _check_process(process, intensity, owner: str) -> tuple[str, float]:
    check_choice(process, "process", owner, PROCESSES)
    if process == "moran":
        return process, float(check_real(intensity, "intensity", owner, low=0, high=1))
    return process, float(check_real(intensity, "intensity", owner, low=0))


class NegativeFitnessError(InvalidParameterError):
    """A Moran fitness ``1 - w + w * payoff`` is not positive: the payoffs are
    too negative for the selection intensity."""


def _moran_fitness(payoffs, w: float, owner: str, *, allow_zero: bool = False):
    """``1 - w + w * payoffs``, checked positive; ``allow_zero`` accepts zero
    too (a resident that cannot reproduce makes a backward ratio zero)."""
    fitness = 1.0 - w + w * payoffs
    if np.any(fitness < 0) or (not allow_zero and np.any(fitness == 0)):
        raise NegativeFitnessError(
            f"{owner}: Moran fitness 1 - w + w * payoff must be positive, but with "
            f"intensity w={w:g} a payoff of {payoffs.min():g} gives "
            f"{fitness.min():g}. Lower the intensity (or shift the payoffs up)."
        )
    return fitness


def _log_backward_ratios(A, mutant, resident, Z, intensity, process, owner):
    """``log(T^-(j) / T^+(j))`` for ``j = 1..Z-1`` mutants: the odds, in log
    form, of the mutants losing rather than gaining one individual."""
    a, b = A[mutant, mutant], A[mutant, resident]
    c, d = A[resident, mutant], A[resident, resident]
    j = np.arange(1, Z, dtype=np.float64)
    f_mutant = (a * (j - 1) + b * (Z - j)) / (Z - 1)
    f_resident = (c * j + d * (Z - j - 1)) / (Z - 1)
    if process == "fermi":
        return -intensity * (f_mutant - f_resident)
    resident_fitness = _moran_fitness(f_resident, intensity, owner, allow_zero=True)
    with np.errstate(divide="ignore"):  # a resident of fitness 0 never wins
        return np.log(resident_fitness) - np.log(
            _moran_fitness(f_mutant, intensity, owner)
        )


def _fixation(A, mutant, resident, Z, intensity, process, owner) -> float:
    """``1 / (1 + sum_k prod_{j<=k} T^-(j)/T^+(j))``, summed in log space."""
    from scipy.special import logsumexp

    if mutant == resident:
        return 1.0 / Z
    cumulative = np.cumsum(
        _log_backward_ratios(A, mutant, resident, Z, intensity, process, owner)
    )
    return float(np.exp(-logsumexp(np.concatenate(([0.0], cumulative)))))


def fixation_probability(
    game, mutant, resident, population_size: int, intensity, process: str = "fermi"
) -> float:
    """Probability that one ``mutant`` takes over a population of ``resident``.

    For a birth–death chain the fixation probability of a single mutant is
    ``rho = 1 / (1 + sum_{k=1}^{Z-1} prod_{j=1}^{k} T^-(j) / T^+(j))``
    (Karlin & Taylor 1975; Nowak 2006, *Evolutionary Dynamics*, ch. 6). For
    the Fermi process ``T^-(j)/T^+(j) = exp(-beta (f_A(j) - f_B(j)))``
    (Traulsen, Nowak & Pacheco 2006, *Phys. Rev. E* 74: 011909); for the
    Moran process it is ``(1 - w + w f_B(j)) / (1 - w + w f_A(j))`` (Nowak et
    al. 2004, *Nature* 428: 646–650). The sum is evaluated in log space, so
    strong selection and large populations do not overflow.

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game.
    mutant, resident : int or str
        Strategies (index or label).
    population_size : int
        ``Z >= 2``.
    intensity : float
        Selection intensity: ``beta >= 0`` for ``"fermi"``, ``w`` in
        ``[0, 1]`` for ``"moran"``. Zero is neutral drift.
    process : {"fermi", "moran"}

    Returns
    -------
    float

    Examples
    --------
    A neutral mutant fixes with probability 1/Z; a defector invading
    cooperators in the prisoner's dilemma does far better.

    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fixation_probability(pd, 1, 0, 50, intensity=0)
    0.02
    >>> round(fixation_probability(pd, 1, 0, 50, intensity=1), 4)
    0.8723
    """
    owner = "fixation_probability"
    A = _payoff_matrix(game, owner)
    mutant = _strategy(game, mutant, "mutant", owner)
    resident = _strategy(game, resident, "resident", owner)
    Z = check_integer(population_size, "population_size", owner, low=2)
    process, intensity = _check_process(process, intensity, owner)
    return _fixation(A, mutant, resident, Z, intensity, process, owner)


def small_mutation_limit(
    game, population_size: int, intensity, process: str = "fermi"
) -> SmallMutationLimit:
    """Long-run distribution over monomorphic states when mutations are rare.

    With rare mutations the population is almost always monomorphic; a
    mutant (any other strategy, uniformly) either dies out or takes over
    before the next one arises. The embedded chain moves from resident ``j``
    to ``i`` with probability ``rho(i -> j) / (n - 1)`` (Fudenberg & Imhof
    2006, *J. Econ. Theory* 131: 251–262; Imhof, Fudenberg & Nowak 2005), and
    its stationary distribution is the limit of the full process's as the
    mutation rate goes to zero.

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game.
    population_size : int
        ``Z >= 2``.
    intensity : float
        ``beta`` (Fermi) or ``w`` (Moran).
    process : {"fermi", "moran"}

    Returns
    -------
    SmallMutationLimit

    Examples
    --------
    Rock–paper–scissors: by symmetry each strategy is resident a third of the
    time.

    >>> import stratgame as sg
    >>> rps = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> small_mutation_limit(rps, 30, intensity=1).distribution.round(6)
    array([0.333333, 0.333333, 0.333333])
    """
    owner = "small_mutation_limit"
    A = _payoff_matrix(game, owner)
    Z = check_integer(population_size, "population_size", owner, low=2)
    process, intensity = _check_process(process, intensity, owner)
    n = A.shape[0]
    fixation = np.array(
        [
            [_fixation(A, i, j, Z, intensity, process, owner) for j in range(n)]
            for i in range(n)
        ]
    )
    if n == 1:
        transition = np.ones((1, 1))
    else:
        transition = fixation.T / (n - 1)
        np.fill_diagonal(transition, 0.0)
        np.fill_diagonal(transition, 1.0 - transition.sum(axis=1))
    return SmallMutationLimit(
        distribution=stationary_vector(transition, hint=_REDUCIBLE_HINT),
        fixation=fixation,
        transition=transition,
        actions=game.actions[0],
        population_size=Z,
        intensity=intensity,
        process=process,
    )


def _compositions(Z: int, n: int) -> np.ndarray:
    """Every way of splitting ``Z`` individuals among ``n`` strategies."""
    rows = []
    for bars in itertools.combinations(range(Z + n - 1), n - 1):
        edges = (-1, *bars, Z + n - 1)
        rows.append([edges[k + 1] - edges[k] - 1 for k in range(n)])
    return np.array(rows, dtype=np.int64)


def _switch_probabilities(A, states, Z, intensity, mutation_rate, process, owner):
    """``out[s, i, k]``: probability that in state ``s`` one ``i`` individual
    becomes a ``k`` individual in one step (``i != k``)."""
    n = A.shape[0]
    counts = states.astype(np.float64)
    payoff = (counts @ A.T - np.diag(A)) / (Z - 1)  # payoff[s, i], self excluded
    share = counts / Z
    explore = mutation_rate / (n - 1)
    if process == "fermi":
        # focal i (prob n_i/Z) explores, or imitates a random other k
        gap = payoff[:, None, :] - payoff[:, :, None]  # f_k - f_i
        imitate = 0.5 * (1.0 + np.tanh(0.5 * intensity * gap))  # logistic
        other = counts[:, None, :] / (Z - 1)
        out = share[:, :, None] * (explore + (1 - mutation_rate) * other * imitate)
    else:
        fitness = np.where(counts > 0, 1.0 - intensity + intensity * payoff, 0.0)
        if np.any(fitness[counts > 0] <= 0):
            _moran_fitness(payoff[counts > 0], intensity, owner)
        births = counts * fitness
        births /= births.sum(axis=1, keepdims=True)  # who reproduces
        offspring = (1 - mutation_rate) * births + explore * (1 - births)
        out = share[:, :, None] * offspring[:, None, :]  # i dies, k is born
    index = np.arange(n)
    out[:, index, index] = 0.0
    return out


def stationary_distribution(
    game,
    population_size: int,
    intensity,
    mutation_rate,
    process: str = "fermi",
    max_states: int = 2000,
) -> PopulationDistribution:
    """The exact stationary distribution of the full finite-population chain.

    The states are all ``C(Z + n - 1, n - 1)`` compositions of the
    population. Each step one individual may change strategy:

    - ``"fermi"``: a random individual explores (with probability
      ``mutation_rate``, switching to one of the other strategies uniformly)
      or else imitates a random other individual with the Fermi probability
      ``1 / (1 + exp(-beta (f_other - f_self)))`` (Traulsen, Nowak & Pacheco
      2006; Traulsen & Hauert 2009).
    - ``"moran"``: an individual reproduces with probability proportional to
      ``1 - w + w f``; its offspring mutates with probability
      ``mutation_rate`` and replaces a random individual (Nowak et al. 2004).

    The chain is solved by Grassmann–Taksar–Heyman state reduction, which is
    accurate even for tiny mutation rates. As ``mutation_rate -> 0`` the
    result concentrates on the monomorphic states with the weights of
    :func:`small_mutation_limit` (Fudenberg & Imhof 2006).

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game.
    population_size : int
        ``Z >= 2``.
    intensity : float
        ``beta`` (Fermi) or ``w`` (Moran).
    mutation_rate : float
        In ``(0, 1]``; positive so that the chain is irreducible.
    process : {"fermi", "moran"}
    max_states : int
        Refuse chains with more states than this (the cost grows as the cube).

    Returns
    -------
    PopulationDistribution

    Examples
    --------
    The prisoner's dilemma with 1% mutation: on average 98% defect.

    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> result = stationary_distribution(pd, 20, intensity=1, mutation_rate=0.01)
    >>> result.mean_frequencies().round(3)
    array([0.018, 0.982])
    """
    owner = "stationary_distribution"
    A = _payoff_matrix(game, owner)
    Z = check_integer(population_size, "population_size", owner, low=2)
    process, intensity = _check_process(process, intensity, owner)
    mutation_rate = float(
        check_real(mutation_rate, "mutation_rate", owner, low=0, high=1, low_open=True)
    )
    max_states = check_integer(max_states, "max_states", owner, low=1)
    n = A.shape[0]
    size = math.comb(Z + n - 1, n - 1)
    if size > max_states:
        raise InvalidParameterError(
            f"{owner}: a population of {Z} with {n} strategies has {size} states, "
            f"more than max_states={max_states}; use small_mutation_limit, a "
            "smaller population, or raise max_states (cost grows as its cube)."
        )
    states = _compositions(Z, n)
    if n == 1:
        distribution = np.ones(1)
    else:
        switch = _switch_probabilities(
            A, states, Z, intensity, mutation_rate, process, owner
        )
        codes = states @ (Z + 1) ** np.arange(n)
        order = np.argsort(codes)
        transition = np.zeros((size, size))
        source = np.arange(size)
        unit = (Z + 1) ** np.arange(n)
        for i in range(n):
            for k in range(n):
                if i == k:
                    continue
                possible = states[:, i] > 0
                target_codes = codes[possible] - unit[i] + unit[k]
                targets = order[np.searchsorted(codes[order], target_codes)]
                transition[source[possible], targets] += switch[possible, i, k]
        transition[source, source] = 1.0 - transition.sum(axis=1)
        distribution = stationary_vector(transition, hint=_REDUCIBLE_HINT)
    return PopulationDistribution(
        states=states,
        distribution=distribution,
        actions=game.actions[0],
        population_size=Z,
        intensity=intensity,
        mutation_rate=mutation_rate,
        process=process,
    )
