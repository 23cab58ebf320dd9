"""Increasing returns and lock-in: Arthur's (1989) adoption model and
generalized Pólya urns.

Arthur's model: adopters of two types arrive one at a time and choose
technology A or B. Each type has a natural favourite, but every earlier
adopter of a technology raises its payoff (increasing returns). Once one
technology leads by enough, both types choose it forever: the market locks
in, by historical small events rather than merit. The lead ``n_A - n_B`` is
a random walk between two absorbing barriers, so the lock-in probabilities
are the gambler's-ruin formulas (Feller 1968, XIV.2).

Pólya urns generalize this: the next adopter picks A with probability
``f(x)`` where ``x`` is A's current share (Hill, Lane and Sudderth 1980;
Arthur, Ermoliev and Kaniovski 1987). The exact distribution of the share
after any number of adoptions follows by dynamic programming.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real, check_rng
from .network import EcosystemError

__all__ = [
    "ArthurModel",
    "UrnPaths",
    "polya_limit_distribution",
    "polya_urn",
    "urn_share_distribution",
]


@dataclass(frozen=True)
class ArthurModel:
    """Arthur's (1989) two-type adoption model with increasing returns.

    An R-type adopter gets ``a_r + r n_A`` from A and ``b_r + r n_B`` from B;
    an S-type gets ``a_s + s n_A`` and ``b_s + s n_B`` (Arthur 1989,
    Table 2), where ``n_A``, ``n_B`` count earlier adopters. R-types prefer A
    (``a_r > b_r``), S-types prefer B (``b_s > a_s``); ties go to the
    natural favourite. Each arrival is an R-type with probability ``p_r``.

    Examples
    --------
    >>> model = ArthurModel(a_r=1.0, b_r=0.8, a_s=0.8, b_s=1.0, r=0.05, s=0.05)
    >>> model.barriers()
    (5, 5)
    >>> model.lock_in_probability()
    0.5
    """

    a_r: float
    b_r: float
    a_s: float
    b_s: float
    r: float
    s: float
    p_r: float = 0.5

    def __post_init__(self):
        owner = "ArthurModel"
        for name in ("a_r", "b_r", "a_s", "b_s"):
            check_real(getattr(self, name), name, owner)
        check_real(self.r, "r", owner, low=0)
        check_real(self.s, "s", owner, low=0)
        check_real(self.p_r, "p_r", owner, low=0, high=1, low_open=True, high_open=True)
        if not (self.a_r > self.b_r and self.b_s > self.a_s):
            raise EcosystemError(
                "ArthurModel needs R-types to prefer A (a_r > b_r) and S-types to "
                f"prefer B (b_s > a_s); got a_r={self.a_r}, b_r={self.b_r}, "
                f"a_s={self.a_s}, b_s={self.b_s}."
            )

    def choices(self, lead: int) -> tuple[bool, bool]:
        """Whether an R-type and an S-type choose A at lead ``n_A - n_B``."""
        r_choose_a = self.a_r + self.r * lead >= self.b_r
        s_choose_a = self.a_s + self.s * lead > self.b_s
        return bool(r_choose_a), bool(s_choose_a)

    def barriers(self) -> tuple[float, float]:
        """``(upper, lower)``: A locks in once ``n_A - n_B >= upper`` (S-types
        switch to A), B once ``n_A - n_B <= -lower`` (R-types switch to B);
        ``inf`` when that type never switches (no increasing returns for
        it). Computed with the same comparisons as :meth:`choices`."""

        def first(start, switched):
            k = max(start, 1)
            while k > 1 and switched(k - 1):
                k -= 1
            while not switched(k):
                k += 1
            return k

        upper = lower = math.inf
        if self.s:
            guess = math.floor((self.b_s - self.a_s) / self.s) + 1
            upper = first(guess, lambda d: self.choices(d)[1])
        if self.r:
            guess = math.floor((self.a_r - self.b_r) / self.r) + 1
            lower = first(guess, lambda d: not self.choices(-d)[0])
        return upper, lower

    def lock_in_probability(self, lead: int = 0) -> float:
        """The probability that A locks in, starting from lead ``n_A - n_B``.

        Between the barriers R-types choose A and S-types B, so the lead
        steps +1 with probability ``p_r`` and -1 otherwise: the gambler's
        ruin probability ``(1 - rho^(lead + L)) / (1 - rho^(U + L))`` with
        ``rho = (1 - p_r) / p_r`` (``(lead + L) / (U + L)`` when
        ``p_r = 1/2``). With an infinite barrier (a type without increasing
        returns) the value is the limit: the probability that B never locks
        in, or that A eventually does.
        """
        lead = check_integer(lead, "lead", "ArthurModel.lock_in_probability")
        upper, lower = self.barriers()
        if lead >= upper:
            return 1.0
        if lead <= -lower:
            return 0.0
        p = self.p_r
        rho = (1 - p) / p
        if math.isinf(upper) and math.isinf(lower):
            return 0.0
        if math.isinf(upper):  # B locks in surely unless the walk drifts up
            return 0.0 if rho >= 1 else 1 - rho ** (lead + lower)
        if math.isinf(lower):
            return 1.0 if rho <= 1 else rho ** -(upper - lead)
        if p == 0.5:
            return (lead + lower) / (upper + lower)
        # (1 - rho^a) / (1 - rho^b), written to stay finite for large a, b.
        a, b = lead + lower, upper + lower
        if rho < 1:
            return (1 - rho**a) / (1 - rho**b)
        return (rho ** (a - b) - rho**-b) / (1 - rho**-b)

    def expected_lock_in_time(self, lead: int = 0) -> float:
        """Expected number of arrivals until lock-in from lead ``lead``
        (gambler's-ruin duration, Feller 1968, XIV.3); ``inf`` when a
        barrier is infinite.

        Examples
        --------
        >>> ArthurModel(1.0, 0.8, 0.8, 1.0, 0.05, 0.05).expected_lock_in_time()
        25.0
        """
        lead = check_integer(lead, "lead", "ArthurModel.expected_lock_in_time")
        upper, lower = self.barriers()
        if lead >= upper or lead <= -lower:
            return 0.0
        if math.isinf(upper) or math.isinf(lower):
            return math.inf
        z, a = lead + lower, upper + lower
        p = self.p_r
        if p == 0.5:
            return float(z * (a - z))
        q = 1 - p
        win = self.lock_in_probability(lead)
        return (a * win - z) / (p - q)

    def simulate(self, n_agents: int, *, rng=None) -> np.ndarray:
        """The lead ``n_A - n_B`` after each of ``n_agents`` arrivals.

        Between the barriers of :meth:`barriers` each type takes its
        favourite, so the lead is a +-1 random walk (+1 for an R-type); from
        the first barrier hit on, every arrival takes the locked-in
        technology. The path is computed in one pass of numpy, not arrival
        by arrival.

        Examples
        --------
        >>> model = ArthurModel(1.0, 0.8, 0.8, 1.0, 0.05, 0.05)
        >>> abs(int(model.simulate(2000, rng=1)[-1])) > 1000
        True
        """
        n_agents = check_integer(n_agents, "n_agents", "ArthurModel.simulate", low=0)
        is_r = check_rng(rng).random(n_agents) < self.p_r
        leads = np.cumsum(np.where(is_r, 1, -1), dtype=np.int64)
        upper, lower = self.barriers()
        locked = np.flatnonzero((leads >= upper) | (leads <= -lower))
        if locked.size:
            hit = int(locked[0])
            direction = 1 if leads[hit] >= upper else -1
            leads[hit:] = leads[hit] + direction * np.arange(n_agents - hit)
        return leads


def _urn_probability(alpha, urn_function):
    if urn_function is not None:
        if not callable(urn_function):
            raise EcosystemError(
                "urn_function must be a function mapping A's shares to the "
                f"probabilities of adding A; got {urn_function!r}."
            )
        return urn_function
    alpha = check_real(alpha, "alpha", "polya_urn", low=0, low_open=True)

    def power(x):
        xa = np.power(x, alpha)
        return xa / (xa + np.power(1 - x, alpha))

    return power


def _check_initial(initial, owner):
    try:
        a, b = (check_real(v, "initial", owner, low=0) for v in initial)
    except (TypeError, ValueError):
        raise EcosystemError(
            f"the initial urn of {owner} must be two non-negative counts (A, B), "
            f"not both zero; got {initial!r}."
        ) from None
    if a + b == 0:
        raise EcosystemError(f"the initial urn of {owner} must not be empty.")
    return float(a), float(b)


@dataclass(frozen=True, eq=False)
class UrnPaths:
    """Simulated urn paths.

    Attributes
    ----------
    shares : numpy.ndarray
        Shape ``(n_draws + 1, runs)``: A's share of the urn after each draw.
    """

    shares: np.ndarray

    @property
    def final(self) -> np.ndarray:
        """A's share at the end of every run."""
        return self.shares[-1]

    def __repr__(self) -> str:
        draws, runs = self.shares.shape
        return f"UrnPaths(runs={runs}, draws={draws - 1})"


def polya_urn(
    initial=(1, 1),
    n_draws: int = 1000,
    *,
    runs: int = 1,
    alpha: float = 1.0,
    urn_function=None,
    rng=None,
) -> UrnPaths:
    """Simulate a two-colour generalized Pólya urn.

    Each step adds one ball: colour A with probability ``f(x)``, ``x`` the
    current share of A. By default ``f(x) = x^alpha / (x^alpha + (1 -
    x)^alpha)``: ``alpha = 1`` is Pólya's urn (Eggenberger and Pólya 1923),
    whose share converges to a Beta-distributed limit; ``alpha > 1``
    (increasing returns) drives almost every run to monopoly; ``alpha < 1``
    to an even split (Hill, Lane and Sudderth 1980).

    Parameters
    ----------
    initial : (float, float)
        Starting balls of A and B.
    n_draws : int
    runs : int
        Independent runs, simulated together.
    alpha : float
        Exponent of the default urn function.
    urn_function : callable, optional
        Vectorized ``f``: shares array -> probabilities of adding A.
    rng : None, int or numpy.random.Generator

    Examples
    --------
    >>> paths = polya_urn((1, 1), 500, runs=4, alpha=2.0, rng=0)
    >>> paths.shares.shape
    (501, 4)
    """
    owner = "polya_urn"
    a, b = _check_initial(initial, owner)
    n_draws = check_integer(n_draws, "n_draws", owner, low=0)
    runs = check_integer(runs, "runs", owner, low=1)
    f = _urn_probability(alpha, urn_function)
    gen = check_rng(rng)
    count_a = np.full(runs, a)
    shares = np.empty((n_draws + 1, runs))
    shares[0] = a / (a + b)
    for t in range(1, n_draws + 1):
        total = a + b + t - 1
        add_a = gen.random(runs) < f(count_a / total)
        count_a += add_a
        shares[t] = count_a / (total + 1)
    return UrnPaths(shares)


def urn_share_distribution(
    initial=(1, 1), n_draws: int = 100, *, alpha: float = 1.0, urn_function=None
):
    """The exact distribution of the number of A balls added in ``n_draws``
    draws of a generalized Pólya urn, by dynamic programming over the count
    (O(n_draws^2)).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``k = 0..n_draws`` and ``P(k A balls added)``. A's final share is
        ``(initial[0] + k) / (sum(initial) + n_draws)``.

    Examples
    --------
    Pólya's urn from one ball of each colour: every count is equally likely.

    >>> k, prob = urn_share_distribution((1, 1), 4)
    >>> prob.round(3).tolist()
    [0.2, 0.2, 0.2, 0.2, 0.2]
    """
    owner = "urn_share_distribution"
    a, b = _check_initial(initial, owner)
    n_draws = check_integer(n_draws, "n_draws", owner, low=0)
    f = _urn_probability(alpha, urn_function)
    prob = np.zeros(n_draws + 1)
    prob[0] = 1.0
    for t in range(n_draws):
        k = np.arange(t + 1)
        p_a = np.clip(f((a + k) / (a + b + t)), 0.0, 1.0)
        moved = prob[: t + 1] * p_a
        prob[: t + 1] -= moved
        prob[1 : t + 2] += moved
    return np.arange(n_draws + 1), prob


def polya_limit_distribution(initial=(1, 1)):
    """The limit of A's share in Pólya's urn: Beta(a, b) for a start of
    ``(a, b)`` balls (Eggenberger and Pólya 1923; Johnson and Kotz 1977).

    Returns
    -------
    scipy.stats frozen distribution

    Examples
    --------
    >>> float(polya_limit_distribution((1, 1)).cdf(0.25))
    0.25
    """
    from scipy import stats

    a, b = _check_initial(initial, "polya_limit_distribution")
    if a == 0 or b == 0:
        raise EcosystemError(
            "a Pólya urn starting without one colour never adds it; its limit is "
            f"degenerate. Got initial={initial!r}."
        )
    return stats.beta(a, b)
