"""Competing ecosystems: platforms with quality, price and network effects.

Users choose among ``K`` platforms by multinomial logit (McFadden 1974) on
``v_k = quality_k - price_k + network_effect_k * s_k``, where ``s_k`` is the
platform's current market share: a mean-field model of social interactions
(Brock and Durlauf 2001) and of platform competition with network effects
(Katz and Shapiro 1985; Farrell and Klemperer 2007). Each period a share
``adjustment`` of users revises:

``s(t+1) = (1 - adjustment) s(t) + adjustment * logit(intensity * v(s(t)))``.

Strong network effects (``intensity * network_effect`` large) create several
stable equilibria: which platform wins depends on the starting shares, and a
lower-quality platform with a head start can keep the market (tipping and
lock-in).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

from .._validation import check_integer, check_real, renamed_keywords
from .network import EcosystemError

__all__ = [
    "MarketEquilibrium",
    "PlatformMarket",
    "ShareTrajectory",
    "lock_in_index",
    "platform_competition",
]


def lock_in_index(shares) -> float:
    """Concentration of a market as a lock-in index in ``[0, 1]``: the
    Herfindahl–Hirschman index normalized so that an even split gives 0 and
    a monopoly 1, ``(HHI - 1/K) / (1 - 1/K)``.

    Examples
    --------
    >>> lock_in_index([0.5, 0.5]), lock_in_index([1.0, 0.0])
    (0.0, 1.0)
    """
    s = np.asarray(shares, dtype=float)
    if s.ndim != 1 or s.size < 2 or np.any(s < 0) or not np.isclose(s.sum(), 1):
        raise EcosystemError(
            "lock_in_index needs at least two non-negative shares summing to 1; "
            f"got {shares!r}."
        )
    k = s.size
    return float(max(0.0, (np.sum(s**2) - 1 / k) / (1 - 1 / k)))


@dataclass(frozen=True, eq=False)
class ShareTrajectory:
    """Market shares over time.

    Attributes
    ----------
    shares : numpy.ndarray
        Shape ``(t_max + 1, K)``: the shares in each period.
    platforms : tuple of str
    """

    shares: np.ndarray
    platforms: tuple

    @property
    def final(self) -> np.ndarray:
        """The shares after the last period."""
        return self.shares[-1]

    @property
    def winner(self) -> str:
        """The platform with the largest final share."""
        return self.platforms[int(np.argmax(self.final))]

    def lock_in_index(self) -> float:
        """:func:`lock_in_index` of the final shares."""
        return lock_in_index(self.final)

    def __repr__(self) -> str:
        final = ", ".join(
            f"{p}: {s:.3f}" for p, s in zip(self.platforms, self.final, strict=True)
        )
        return f"ShareTrajectory(periods={len(self.shares) - 1}, final={{{final}}})"

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td>{html.escape(str(p))}</td><td>{s:.3f}</td></tr>"
            for p, s in zip(self.platforms, self.final, strict=True)
        )
        return f"<table><tr><th>platform</th><th>final share</th></tr>{cells}</table>"


@dataclass(frozen=True)
class MarketEquilibrium:
    """A fixed point of the share dynamics of a two-platform market."""

    shares: np.ndarray = field(compare=False)
    stable: bool


def _vector(values, k, name):
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        arr = np.array([np.nan])
    if arr.ndim == 0:
        arr = np.full(k, float(arr))
    if arr.shape != (k,) or not np.all(np.isfinite(arr)):
        raise EcosystemError(
            f"the {name!r} of PlatformMarket must be a number or {k} finite "
            f"values; got {values!r}."
        )
    return arr


@dataclass(frozen=True, eq=False)
class PlatformMarket:
    """``K`` platforms competing for users under network effects.

    Parameters
    ----------
    quality : sequence of float
        Stand-alone value of each platform (sets ``K``).
    price : float or sequence of float
    network_effect : float or sequence of float
        Value of a platform's full market share to a user (``>= 0``).
    intensity : float
        Intensity (precision) of users' logit choices (``inf``-like values: near best response).
    adjustment : float
        Share of users revising each period, in ``(0, 1]``.
    platforms : sequence of str, optional

    Examples
    --------
    Two equal platforms with strong network effects: whoever starts ahead
    keeps the market.

    >>> market = PlatformMarket(quality=[1.0, 1.0], network_effect=3.0, intensity=2.0)
    >>> market.simulate([0.55, 0.45], 200).winner
    'P0'
    >>> round(market.tipping_share(), 3)
    0.5
    """

    quality: np.ndarray
    price: np.ndarray = 0.0
    network_effect: np.ndarray = 1.0
    intensity: float = 1.0
    adjustment: float = 0.2
    platforms: tuple = ()

    def __post_init__(self):
        quality = _vector(self.quality, np.size(self.quality), "quality")
        if quality.ndim != 1 or quality.size < 2:
            raise EcosystemError(
                "PlatformMarket needs the quality of at least two platforms; got "
                f"{self.quality!r}."
            )
        k = quality.size
        set_ = object.__setattr__
        set_(self, "quality", _vector(quality, k, "quality"))
        set_(self, "price", _vector(self.price, k, "price"))
        effect = _vector(self.network_effect, k, "network_effect")
        if np.any(effect < 0):
            raise EcosystemError(
                f"network_effect must be non-negative; got {effect.tolist()}."
            )
        set_(self, "network_effect", effect)
        check_real(self.intensity, "intensity", "PlatformMarket", low=0)
        check_real(
            self.adjustment,
            "adjustment",
            "PlatformMarket",
            low=0,
            low_open=True,
            high=1,
        )
        labels = tuple(self.platforms) or tuple(f"P{i}" for i in range(k))
        if len(labels) != k:
            raise EcosystemError(
                f"PlatformMarket got {len(labels)} platform labels for {k} platforms."
            )
        set_(self, "platforms", labels)

    @property
    def n_platforms(self) -> int:
        """The number of platforms ``K``."""
        return self.quality.size

    def values(self, shares) -> np.ndarray:
        """Users' value of each platform at the given shares."""
        return self.quality - self.price + self.network_effect * np.asarray(shares)

    def choice_shares(self, shares) -> np.ndarray:
        """Logit choice shares of revising users at the given shares."""
        z = self.intensity * self.values(shares)
        z = np.exp(z - z.max(axis=-1, keepdims=True))
        return z / z.sum(axis=-1, keepdims=True)

    def _check_shares(self, shares) -> np.ndarray:
        s = np.asarray(shares, dtype=float)
        if (
            s.shape != (self.n_platforms,)
            or np.any(s < 0)
            or not np.isclose(s.sum(), 1)
        ):
            raise EcosystemError(
                f"shares must be {self.n_platforms} non-negative numbers summing to "
                f"1; got {shares!r}."
            )
        return s / s.sum()

    @renamed_keywords(periods="t_max")
    def simulate(self, initial, t_max: int = 100) -> ShareTrajectory:
        """Market shares over ``t_max`` periods from ``initial`` shares."""
        s = self._check_shares(initial)
        t_max = check_integer(t_max, "t_max", "PlatformMarket.simulate", low=0)
        path = np.empty((t_max + 1, self.n_platforms))
        path[0] = s
        lam = self.adjustment
        for t in range(t_max):
            s = (1 - lam) * s + lam * self.choice_shares(s)
            path[t + 1] = s
        return ShareTrajectory(path, self.platforms)

    def _require_two(self, what):
        if self.n_platforms != 2:
            raise EcosystemError(
                f"{what} is defined for two platforms; this market has "
                f"{self.n_platforms}. Use simulate() from several starts instead."
            )

    def _excess(self, x):
        """Platform 0's logit share minus its current share ``x`` (vectorized)."""
        x = np.asarray(x, dtype=float)
        shares = np.stack([x, 1 - x], axis=-1)
        return self.choice_shares(shares)[..., 0] - x

    def equilibria(self, grid: int = 2001) -> list[MarketEquilibrium]:
        """All fixed points of a two-platform market, with their stability.

        Roots of ``logit_0(x) - x`` on ``[0, 1]`` are bracketed on a grid and
        refined by Brent's method; a fixed point is stable when the excess
        falls through zero (the share map is monotone, so this is local
        asymptotic stability for every ``adjustment``).

        Examples
        --------
        >>> m = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=2.0)
        >>> [(round(float(e.shares[0]), 3), e.stable) for e in m.equilibria()]
        [(0.003, True), (0.5, False), (0.997, True)]
        """
        from scipy.optimize import brentq

        self._require_two("equilibria")
        grid = check_integer(grid, "grid", "PlatformMarket.equilibria", low=2)
        xs = np.linspace(0.0, 1.0, grid)
        g = self._excess(xs)
        exact = g == 0
        brackets = np.flatnonzero(g[:-1] * g[1:] < 0)
        roots = sorted(
            [*xs[exact]]
            + [
                brentq(lambda x: float(self._excess(x)), xs[i], xs[i + 1])
                for i in brackets
            ]
        )
        out = []
        for x in roots:
            h = 1e-6
            slope = (self._excess(min(x + h, 1)) - self._excess(max(x - h, 0))) / (
                min(x + h, 1) - max(x - h, 0)
            )
            out.append(MarketEquilibrium(np.array([x, 1 - x]), bool(slope < 0)))
        return out

    def tipping_share(self, platform: int = 0) -> float:
        """The smallest starting share from which ``platform`` ends up with
        the majority of a two-platform market: the unstable equilibrium
        separating the basins, 0 when it wins from anywhere, 1 when from
        nowhere inside.

        Examples
        --------
        A better platform needs less than half the market to tip it.

        >>> m = PlatformMarket([1.2, 1.0], network_effect=3.0, intensity=2.0)
        >>> round(m.tipping_share(), 3), round(m.tipping_share(platform=1), 3)
        (0.45, 0.55)
        """
        self._require_two("tipping_share")
        platform = check_integer(platform, "platform", "tipping_share", low=0, high=1)
        equilibria = self.equilibria()
        # Equilibria alternate stable / unstable along [0, 1].
        stable = [e.shares[platform] for e in equilibria if e.stable]
        unstable = [e.shares[platform] for e in equilibria if not e.stable]
        winning = [x for x in stable if x > 0.5]
        if not winning:
            return 1.0
        target = min(winning)
        below = [u for u in unstable if u < target]
        return float(max(below)) if below else 0.0

    def limit_share(self, seed_share: float, platform: int = 0) -> float:
        """Where ``platform``'s share ends up from ``seed_share`` in a
        two-platform market.

        The share map ``x -> (1 - a) x + a logit_0(x)`` is increasing, so a
        path moves monotonically to the nearest fixed point in the direction
        of the excess demand: computed exactly from :meth:`equilibria`, with
        no simulation.

        Examples
        --------
        >>> m = PlatformMarket([1.0, 1.2], network_effect=3.0, intensity=2.0)
        >>> round(m.limit_share(0.6), 3)
        0.996
        """
        self._require_two("limit_share")
        owner = "limit_share"
        seed = check_real(seed_share, "seed_share", owner, low=0, high=1)
        platform = check_integer(platform, "platform", owner, low=0, high=1)
        x0 = seed if platform == 0 else 1 - seed
        excess = float(self._excess(x0))
        roots = [float(e.shares[0]) for e in self.equilibria()]
        if abs(excess) < 1e-12:
            limit = x0
        elif excess > 0:
            limit = min(r for r in roots if r >= x0)
        else:
            limit = max(r for r in roots if r <= x0)
        return limit if platform == 0 else 1 - limit

    def tipping_quality_gap(self, seed_share: float, platform: int = 0) -> float:
        """The largest quality deficit ``platform`` can have against its
        rival and still win the majority from ``seed_share``.

        Found by bisection on the deficit (winning is monotone in it), each
        trial deciding the winner by :meth:`limit_share`. A negative answer
        means the platform needs a quality *advantage* of that size.

        Examples
        --------
        >>> m = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=2.0)
        >>> m.tipping_quality_gap(0.5) == 0 or abs(m.tipping_quality_gap(0.5)) < 1e-4
        True
        >>> m.tipping_quality_gap(0.8) > 0.5
        True
        """
        self._require_two("tipping_quality_gap")
        owner = "tipping_quality_gap"
        seed = check_real(seed_share, "seed_share", owner, low=0, high=1)
        platform = check_integer(platform, "platform", owner, low=0, high=1)
        rival = 1 - platform

        def with_deficit(deficit):
            quality = self.quality.copy()
            quality[platform] = self.quality[rival] - deficit
            return PlatformMarket(
                quality,
                self.price,
                self.network_effect,
                self.intensity,
                self.adjustment,
                self.platforms,
            )

        def wins(deficit):
            return with_deficit(deficit).limit_share(seed, platform) > 0.5 + 1e-9

        span = 1.0 + float(self.network_effect.max()) + float(np.ptp(self.price))
        low, high = -span, span
        while not wins(low):
            low *= 2
            if low < -1e6:
                return -np.inf
        while wins(high):
            high *= 2
            if high > 1e6:
                return np.inf
        for _ in range(50):
            mid = (low + high) / 2
            if wins(mid):
                low = mid
            else:
                high = mid
        return float((low + high) / 2)


PlatformMarket.__init__ = renamed_keywords(beta="intensity")(PlatformMarket.__init__)


@renamed_keywords(rounds="max_iter")
def platform_competition(
    graph, market: PlatformMarket, initial, *, max_iter=100, rng=None
):
    """Run a :class:`PlatformMarket` agent by agent on a network.

    Each user weighs the share of its own in-neighbours on each platform
    instead of the global share: logit choices with the market's ``intensity``,
    revising with probability ``adjustment`` per round (a
    :func:`~stratgame.ecosystem.coordination_dynamics` run with payoff
    matrix ``diag(network_effect)`` and intrinsic values ``quality -
    price``).

    Returns
    -------
    CoordinationResult

    Examples
    --------
    >>> import networkx as nx
    >>> market = PlatformMarket([1.0, 1.0], network_effect=3.0, intensity=4.0)
    >>> res = platform_competition(nx.complete_graph(50), market, 0, max_iter=20, rng=0)
    >>> bool(res.shares[0] > 0.9)
    True
    """
    from .coordination import coordination_dynamics

    return coordination_dynamics(
        graph,
        np.diag(market.network_effect),
        initial,
        rule="logit",
        intensity=market.intensity,
        intrinsic=market.quality - market.price,
        revision_rate=market.adjustment,
        max_iter=max_iter,
        technologies=market.platforms,
        rng=rng,
    )
