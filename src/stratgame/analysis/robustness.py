"""Robustness: how often does a regime or an equilibrium survive when
parameters or payoffs are uncertain? Monte Carlo with standard errors."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_rng
from ..games import NormalFormGame
from ._evaluate import as_game, call_with_rng
from .sweep import sweep

__all__ = ["Robustness", "robustness"]


@dataclass(frozen=True, eq=False)
class Robustness:
    """Frequencies of outcomes over Monte Carlo samples.

    Attributes
    ----------
    outcome : str
        What was counted: ``"classification"`` or ``"equilibrium"``.
    n_samples : int
    frequencies : dict
        outcome -> share of samples where it occurred.
    standard_errors : dict
        outcome -> binomial standard error ``sqrt(p (1 - p) / n)``.
    rows : pandas.DataFrame
        The sweep rows of every sample.
    """

    outcome: str
    n_samples: int
    frequencies: dict
    standard_errors: dict
    rows: object

    def to_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "n_samples": self.n_samples,
            "frequencies": self.frequencies,
            "standard_errors": self.standard_errors,
        }


def _draw(distribution, rng):
    if hasattr(distribution, "rvs"):
        return float(distribution.rvs(random_state=rng))
    if callable(distribution):
        return distribution(rng)
    return distribution


def _support_label(game, strategies) -> str:
    parts = []
    for i, s in enumerate(strategies):
        names = [game.actions[i][a] for a in np.flatnonzero(np.asarray(s) > 1e-9)]
        parts.append("+".join(names))
    return "(" + ", ".join(parts) + ")"


def robustness(
    builder,
    distributions: dict | None = None,
    n_samples: int = 200,
    payoff_noise: float = 0.0,
    outcome: str = "classification",
    solve="auto",
    rng=None,
    backend: str = "serial",
    **sweep_options,
) -> Robustness:
    """Monte Carlo over uncertain parameters and/or payoffs.

    Parameters
    ----------
    builder : callable or NormalFormGame
        As for :func:`sweep`; a game stands for a builder without parameters.
    distributions : dict, optional
        Parameter name -> a scipy.stats frozen distribution, a callable
        ``f(rng)``, or a fixed value.
    n_samples : int
    payoff_noise : float
        Standard deviation of independent normal noise added to every payoff,
        relative to the game's payoff scale.
    outcome : {"classification", "equilibrium"}
        Count the game's class, or each equilibrium by its support (action
        labels), e.g. ``"(allow, open)"``; the shares of equilibria need not
        add up to one.
    solve, rng, backend, **sweep_options
        As for :func:`sweep`; samples are drawn from ``rng`` in this process,
        so results do not depend on the backend.

    Examples
    --------
    >>> import stratgame as sg
    >>> from scipy import stats
    >>> def dilemma(T):
    ...     return sg.NormalFormGame.from_bimatrix([[3, 0], [T, 1]], [[3, T], [0, 1]])
    >>> r = robustness(dilemma, {"T": stats.uniform(2, 2)}, n_samples=200, rng=0,
    ...                solve="pure")
    >>> round(r.frequencies["prisoner's dilemma"], 1)
    0.5
    """
    check_integer(n_samples, "n_samples", "robustness", low=1)
    if outcome not in ("classification", "equilibrium"):
        raise ValueError(
            f"outcome must be 'classification' or 'equilibrium'; got {outcome!r}."
        )
    generator = check_rng(rng)
    distributions = dict(distributions or {})
    points = [
        {name: _draw(d, generator) for name, d in distributions.items()}
        for _ in range(n_samples)
    ]
    noise_seeds = generator.integers(2**63, size=n_samples)
    base = (lambda: builder) if isinstance(builder, NormalFormGame) else builder
    if payoff_noise:
        for point, seed in zip(points, noise_seeds, strict=True):
            point["_noise_seed"] = int(seed)
    task = _NoisyBuilder(base, payoff_noise)
    rows = sweep(
        task,
        points,
        solve=solve,
        backend=backend,
        rng=generator,
        progress=False,
        **sweep_options,
    )
    counts: Counter = Counter()
    for point, group in rows.groupby("point"):
        if outcome == "classification":
            counts[group.iloc[0]["classification"]] += 1
        else:
            game = task(**points[int(point)])
            labels = {
                _support_label(game, s)
                for s in group["strategies"]
                if isinstance(s, list)
            }
            counts.update(labels)
    frequencies = {k: v / n_samples for k, v in counts.items()}
    errors = {k: math.sqrt(p * (1 - p) / n_samples) for k, p in frequencies.items()}
    return Robustness(outcome, n_samples, frequencies, errors, rows)


class _NoisyBuilder:
    """The user's builder, with payoff noise added from a per-sample seed."""

    def __init__(self, builder, noise: float):
        self.builder = builder
        self.noise = noise

    def __call__(self, _noise_seed: int | None = None, rng=None, **params):
        game = as_game(call_with_rng(self.builder, rng, **params))
        if not self.noise or _noise_seed is None:
            return game
        rng = np.random.default_rng(_noise_seed)
        scale = self.noise * max(game.payoff_scale, 1e-300)
        return NormalFormGame(
            [u + rng.normal(0.0, scale, u.shape) for u in game.float_payoff_arrays],
            players=game.players,
            actions=game.actions,
            title=game.title,
        )
