"""Bass (1969) diffusion: the closed form and an agent-based network version.

In the Bass model a non-adopter adopts at hazard ``p + q F(t)``: ``p`` is
innovation (external influence: advertising, the product itself), ``q`` is
imitation (word of mouth), ``F`` the share that has adopted. The closed form
solves ``dF/dt = (p + q F)(1 - F)`` with ``F(0) = 0``:

``F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))``.

On a network each node imitates only its own in-neighbours; with everyone
watching everyone (``graph=None``) the simulation's mean-field limit is the
closed form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real, check_rng
from .network import EcosystemError, as_network

__all__ = [
    "BassPeak",
    "BassSimulation",
    "bass_adoption",
    "bass_peak",
    "bass_rate",
    "bass_simulation",
    "bass_time_to",
    "fit_bass",
]


def _check_pq(p, q, owner):
    p = check_real(p, "p", owner, low=0, low_open=True)
    q = check_real(q, "q", owner, low=0)
    return float(p), float(q)


def _check_market(market_size, owner) -> float:
    return float(check_real(market_size, "market_size", owner, low=0, low_open=True))


def _check_times(t, owner) -> np.ndarray:
    try:
        times = np.asarray(t, dtype=float)
    except (TypeError, ValueError):
        times = np.array(np.nan)
    if not np.all(np.isfinite(times)) or np.any(times < 0):
        raise EcosystemError(f"{owner} needs finite, non-negative times; got {t!r}.")
    return times


def bass_adoption(t, p: float, q: float, market_size: float = 1.0):
    """Cumulative adopters ``m F(t)`` of the Bass model (Bass 1969, eq. 9).

    Examples
    --------
    >>> round(float(bass_adoption(10.0, 0.03, 0.38)), 4)
    0.8128
    """
    p, q = _check_pq(p, q, "bass_adoption")
    market_size = _check_market(market_size, "bass_adoption")
    decay = np.exp(-(p + q) * _check_times(t, "bass_adoption"))
    return market_size * (1 - decay) / (1 + (q / p) * decay)


def bass_rate(t, p: float, q: float, market_size: float = 1.0):
    """Adoptions per unit time ``m f(t)``, ``f = dF/dt`` (Bass 1969, eq. 8).

    Examples
    --------
    >>> round(float(bass_rate(0.0, 0.03, 0.38)), 4)
    0.03
    """
    p, q = _check_pq(p, q, "bass_rate")
    market_size = _check_market(market_size, "bass_rate")
    decay = np.exp(-(p + q) * _check_times(t, "bass_rate"))
    return market_size * ((p + q) ** 2 / p) * decay / (1 + (q / p) * decay) ** 2


@dataclass(frozen=True)
class BassPeak:
    """When adoptions per unit time peak, how fast, and how many by then."""

    time: float
    rate: float
    adopted: float


def bass_peak(p: float, q: float, market_size: float = 1.0) -> BassPeak:
    """The peak of Bass adoption (Bass 1969, eqs. 10-12).

    For ``q > p`` the rate peaks at ``t* = ln(q/p) / (p + q)`` with rate
    ``m (p + q)^2 / (4 q)`` and ``m (q - p) / (2 q)`` adopters so far; for
    ``q <= p`` adoptions are fastest at launch (``t* = 0``, rate ``m p``).

    Examples
    --------
    >>> peak = bass_peak(0.03, 0.38)
    >>> round(peak.time, 3), round(peak.rate, 4), round(peak.adopted, 4)
    (6.193, 0.1106, 0.4605)
    """
    p, q = _check_pq(p, q, "bass_peak")
    market_size = _check_market(market_size, "bass_peak")
    if q <= p:
        return BassPeak(0.0, market_size * p, 0.0)
    return BassPeak(
        time=math.log(q / p) / (p + q),
        rate=market_size * (p + q) ** 2 / (4 * q),
        adopted=market_size * (q - p) / (2 * q),
    )


def bass_time_to(share: float, p: float, q: float) -> float:
    """The time at which a share ``share`` of the market has adopted:
    ``ln((1 + share q/p) / (1 - share)) / (p + q)``, the closed form
    inverted.

    Examples
    --------
    >>> round(bass_time_to(0.5, 0.03, 0.38), 3)
    6.55
    """
    p, q = _check_pq(p, q, "bass_time_to")
    share = check_real(share, "share", "bass_time_to", low=0, high=1, high_open=True)
    return math.log((1 + share * q / p) / (1 - share)) / (p + q)


def fit_bass(times, adopted, market_size: float | None = None):
    """Fit ``p``, ``q`` (and the market size ``m`` unless given) to observed
    cumulative adoption by nonlinear least squares (Srinivasan and Mason
    1986).

    Returns
    -------
    tuple
        ``(p, q, m)``.

    Raises
    ------
    EcosystemError
        For mismatched, too short or non-finite data, or when the least
        squares do not converge.

    Examples
    --------
    >>> t = np.arange(0, 20)
    >>> p, q, m = fit_bass(t, bass_adoption(t, 0.02, 0.5, 1000))
    >>> round(p, 4), round(q, 4), round(m)
    (0.02, 0.5, 1000)
    """
    from scipy.optimize import curve_fit

    t = _check_times(times, "fit_bass")
    try:
        y = np.asarray(adopted, dtype=float)
    except (TypeError, ValueError):
        y = np.array(np.nan)
    if t.shape != y.shape or t.ndim != 1 or t.size < 3:
        raise EcosystemError(
            "fit_bass needs matching one-dimensional times and adoption counts "
            f"with at least 3 points; got shapes {t.shape} and {y.shape}."
        )
    if not np.all(np.isfinite(y)):
        raise EcosystemError(f"fit_bass needs finite adoption counts; got {adopted!r}.")
    if market_size is not None:
        market_size = _check_market(market_size, "fit_bass")

    def model(tt, log_p, log_q, log_m=None):
        p, q = math.exp(log_p), math.exp(log_q)
        m = market_size if log_m is None else math.exp(log_m)
        decay = np.exp(-(p + q) * tt)
        return m * (1 - decay) / (1 + (q / p) * decay)

    start = [math.log(0.01), math.log(0.3)]
    if market_size is None:
        start.append(math.log(max(float(y.max()), 1e-12) * 1.5))
    try:
        params, _ = curve_fit(model, t, y, p0=start, maxfev=20000)
    except RuntimeError as error:  # no convergence
        raise EcosystemError(
            f"fit_bass: least squares did not converge ({error}); the data may "
            "not follow a Bass curve."
        ) from None
    m = math.exp(params[2]) if market_size is None else float(market_size)
    return math.exp(params[0]), math.exp(params[1]), m


@dataclass(frozen=True, eq=False)
class BassSimulation:
    """An agent-based Bass run.

    Attributes
    ----------
    times : numpy.ndarray
        The grid ``0, dt, 2 dt, ...``.
    adopted : numpy.ndarray
        Share of nodes adopted at each time.
    adoption_time : numpy.ndarray
        Each node's adoption time (end of its step), ``inf`` if never.
    """

    times: np.ndarray
    adopted: np.ndarray
    adoption_time: np.ndarray

    def __repr__(self) -> str:
        return (
            f"BassSimulation(n={self.adoption_time.size}, horizon="
            f"{self.times[-1]:.3g}, final share={self.adopted[-1]:.3f})"
        )


def bass_simulation(
    p: float,
    q: float,
    *,
    graph=None,
    n: int | None = None,
    dt: float = 0.1,
    horizon: float = 30.0,
    rng=None,
) -> BassSimulation:
    """Simulate Bass diffusion agent by agent.

    In each step of length ``dt`` a non-adopter adopts with probability
    ``1 - exp(-(p + q a) dt)``, where ``a`` is the share of its in-neighbours
    (weighted) that have adopted, or the share of the whole population when
    ``graph`` is None (everyone watches everyone). As ``n -> inf`` and
    ``dt -> 0`` the all-to-all version follows the closed form
    :func:`bass_adoption`; on sparse networks imitation is slowed by local
    saturation.

    Parameters
    ----------
    p, q : float
        Innovation and imitation coefficients.
    graph : networkx graph, sparse matrix or Network, optional
    n : int, optional
        Population size when ``graph`` is None.
    dt, horizon : float
        Step length and simulated time.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    BassSimulation

    Examples
    --------
    >>> sim = bass_simulation(0.03, 0.38, n=20000, rng=0)
    >>> bool(abs(sim.adopted[100] - bass_adoption(10.0, 0.03, 0.38)) < 0.03)
    True
    """
    owner = "bass_simulation"
    p, q = _check_pq(p, q, owner)
    dt = check_real(dt, "dt", owner, low=0, low_open=True)
    horizon = check_real(horizon, "horizon", owner, low=0, low_open=True)
    gen = check_rng(rng)
    if graph is not None and n is not None:
        raise EcosystemError(
            f"{owner} takes a graph or a population size n, not both; got n={n!r} "
            "with a graph."
        )
    if graph is None:
        if n is None:
            raise EcosystemError(f"{owner} needs a graph or a population size n.")
        size = check_integer(n, "n", owner, low=1)
        matrix, scale = None, None
    else:
        network = as_network(graph)
        size = network.n_nodes
        matrix = network.matrix
        degree = network.in_degree()
        scale = np.where(degree > 0, 1 / np.where(degree > 0, degree, 1), 0.0)
    steps = round(horizon / dt)
    times = np.arange(steps + 1) * dt
    adopted = np.zeros(size, dtype=bool)
    adoption_time = np.full(size, np.inf)
    shares = [0.0]
    for step in range(1, steps + 1):
        if matrix is None:
            exposure = adopted.mean()
        else:
            exposure = (matrix @ adopted.astype(np.float64)) * scale
        hazard = p + q * exposure
        adopt = ~adopted & (gen.random(size) < -np.expm1(-hazard * dt))
        adopted |= adopt
        adoption_time[adopt] = times[step]
        shares.append(adopted.mean())
    return BassSimulation(times, np.array(shares), adoption_time)
