"""Nash equilibria of N-player games by simplicial subdivision: the variable
dimension restart algorithm of van der Laan, Talman and van der Heyden,
restarted on a refining grid.

The algorithm (G. van der Laan and A. J. J. Talman 1979, "A restart
algorithm for computing fixed points without an extra dimension",
Mathematical Programming 17, 74-84; G. van der Laan, A. J. J. Talman and
L. van der Heyden 1987, "Simplicial variable dimension algorithms for solving
the nonlinear complementarity problem on a product of unit simplices using a
general labelling", Mathematics of Operations Research 12, 377-397; surveyed
by McKelvey and McLennan 1996, "Computation of equilibria in finite games",
Handbook of Computational Economics I, Section 3) works on the product of
the players' simplices. From a starting profile ``v`` it follows a path of
simplices of a grid of size ``d`` through regions ``A(T)`` of growing and
shrinking dimension, one for each set ``T`` of labels found so far, and stops
at a simplex whose vertices carry every action of one player as a label. A
profile's label is the action ``(j, h)`` with the largest gain
``u_j(h, y_-j) - u_j(y)`` over all players and actions (payoffs scaled to
``[0, 1]`` for each player), so at the end every action of that player is
nearly the best reply of the player with the largest regret; as
``sum_h y_jh (u_j(h, y_-j) - u_j(y)) = 0``, every regret is then of the order
of ``d``. The grid is extended beyond the product of simplices with the label
of a point's most negative coordinate, so no vertex needs exact arithmetic.

As Gambit's ``simpdiv`` does (McKelvey, McLennan and Turocy, "Gambit:
Software Tools for Game Theory"; its ``src/solvers/simpdiv/simpdiv.cc``),
the run is repeated with the grid halved each time, until the profile's
regret, relative to each player's own payoff range (as
:func:`stratgame.solvers.certify.certify` measures it), is at most ``tol``.
Each run starts from the best vertex of the previous run's last simplex
(not from the best point met anywhere on its path, which may be a point of
small regret far from any equilibrium, from which the finer path would have
to travel far). After each run the probabilities below the grid's resolution
are also tried at zero (landing exactly on a pure or sparse equilibrium), and
Newton's method is tried once on the indifference conditions of each new
support the end suggests (its probabilities above the grid's resolution or
above the grid size, or its near-best replies), which ends the refinement as
soon as a support is right (the grid refinement alone converges linearly,
one halving per bit). This module
is an independent implementation with the cyclic moves
``e(j, h) - e(j, h - 1)`` and Freudenthal's triangulation of each region;
the path loop is compiled by numba when it is installed
(:mod:`._simplicial_kernels`).
"""

from __future__ import annotations

import itertools

import numpy as np

from .._validation import check_integer, check_real, check_rng
from ..exceptions import InvalidGameError
from ..games.scaling import unit_interval
from .results import EquilibriumResult, keep_distinct, make_equilibrium

__all__ = ["simplicial"]

#: The grid of the first run (the starting profile's own scale).
_FIRST_GRID = 0.25
#: Below this grid size floats no longer resolve the vertices.
_FINEST_GRID = 1e-14
#: Newton's method is tried once the grid resolves probabilities this small
#: (the number of actions times the grid size).
_POLISH_FROM = 0.1


def _kernels():
    from . import _simplicial_kernels

    return _simplicial_kernels


class _Grid:
    """The game in the kernel's layout: payoffs scaled to ``[0, 1]`` for each
    player as ``(n_players, n_profiles)``, the profiles' actions, and each
    coordinate's player and cyclic predecessor."""

    def __init__(self, game):
        shape = game.shape
        self.offsets = np.concatenate([[0], np.cumsum(shape)]).astype(np.int64)
        self.payoffs = np.array(
            [unit_interval(u).ravel() for u in game.float_payoff_arrays]
        )
        self.bounds = list(itertools.pairwise(self.offsets))
        self.shape = shape
        self.actions = np.indices(shape).reshape(len(shape), -1).T.copy()
        self.owner = np.repeat(np.arange(len(shape)), shape).astype(np.int64)
        self.prev = np.concatenate(
            [
                a + np.roll(np.arange(n), 1)
                for a, n in zip(self.offsets, shape, strict=False)
            ]
        ).astype(np.int64)

    def split(self, y) -> list[np.ndarray]:
        """Each player's block of the profile ``y``."""
        return np.split(y, self.offsets[1:-1])

    def run(self, v, d, max_steps):
        """One path from ``v`` on the grid of size ``d``: the best vertex met,
        the best vertex of the last simplex, the pivots made, and whether the
        path reached a completely labelled simplex."""
        kernels = _kernels()
        best, end, steps, status = kernels.run(
            self.payoffs,
            self.actions,
            self.offsets,
            self.owner,
            self.prev,
            v,
            float(d),
            int(max_steps),
        )
        return best, end, steps, status == kernels.COMPLETE


def _profile(grid: _Grid, y) -> list[np.ndarray]:
    """The profile ``y`` as strategies, rounding errors removed."""
    blocks = [np.clip(block, 0.0, None) for block in grid.split(y)]
    return [block / block.sum() for block in blocks]


def _regret(grid: _Grid, strategies) -> float:
    """The largest regret relative to each player's payoff range."""
    y = np.concatenate(strategies)
    return _kernels().regret(grid.payoffs, grid.actions, grid.offsets, y)


def _supports(grid: _Grid, y, d) -> list[np.ndarray]:
    """Supports that ``y``, the end of a path on the grid of size ``d``,
    suggests: the probabilities above the grid's resolution (each player's
    largest kept), those above ``d``, and the actions whose gain is within
    the resolution of the player's best."""
    resolution = len(y) * d
    gains = _kernels().gains(grid.payoffs, grid.actions, grid.offsets, y)
    tops = np.repeat(np.maximum.reduceat(gains, grid.offsets[:-1]), grid.shape)
    masks = [y > resolution, y > d, gains >= tops - resolution]
    for mask in masks[:2]:
        for a, b in grid.bounds:
            mask[a + np.argmax(y[a:b])] = True
    return masks


def _polish(grid: _Grid, y, mask) -> list[np.ndarray] | None:
    """Newton's method from ``y`` on the indifference conditions of the
    support ``mask`` (equal values on each player's support, probabilities
    summing to one); None when it fails or leaves the simplices."""
    y = np.where(mask, y, 0.0)
    cols = np.flatnonzero(mask)
    supports = [cols[(cols >= a) & (cols < b)] for a, b in grid.bounds]
    rows = np.concatenate([s[1:] for s in supports])
    firsts = np.concatenate([np.full(len(s) - 1, s[0]) for s in supports])
    sums = (grid.owner[cols][None, :] == np.arange(len(supports))[:, None]) * 1.0
    kernels = _kernels()
    previous = np.inf
    for iteration in range(12):
        values, D = kernels.derivatives(grid.payoffs, grid.actions, grid.offsets, y)
        residual = np.concatenate(
            [values[rows] - values[firsts], np.add.reduceat(y, grid.offsets[:-1]) - 1]
        )
        size = np.abs(residual).max()
        if size < 1e-15:
            break
        if iteration > 1 and size > 0.5 * previous:
            return None  # not converging quadratically: a wrong support
        previous = size
        jacobian = np.vstack([D[np.ix_(rows, cols)] - D[np.ix_(firsts, cols)], sums])
        y[cols] -= np.linalg.lstsq(jacobian, residual, rcond=None)[0]
        if not np.isfinite(y).all():
            return None
    if y.min() < -1e-12:
        return None
    return _profile(grid, y)


def _descend(grid: _Grid, v, tol, max_iter):
    """Runs on ever finer grids, each from the end of the one before: the
    best profile met, its regret, whether it met ``tol``, and the pivots
    made."""
    d, steps = _FIRST_GRID, 0
    strategies = _profile(grid, v)
    regret = _regret(grid, strategies)
    polished = set()
    while regret > tol and d >= _FINEST_GRID and steps < max_iter:
        best, end, made, complete = grid.run(v, d, max_iter - steps)
        steps += made
        options = [_profile(grid, best)]
        if complete:  # the next grid starts from the end of this path
            masks = _supports(grid, end, d)
            ends = [_profile(grid, end), _profile(grid, np.where(masks[0], end, 0.0))]
            for mask in masks if len(end) * d <= _POLISH_FROM else ():
                if (key := mask.tobytes()) not in polished:
                    polished.add(key)  # Newton once per support
                    ends.append(_polish(grid, end, mask))
            ends = [
                (_regret(grid, e), k, e) for k, e in enumerate(ends) if e is not None
            ]
            v = np.concatenate(min(ends)[2])
            options += [e for _, _, e in ends]
        for option in options:
            if (value := _regret(grid, option)) < regret:
                strategies, regret = option, value
        d /= 2.0
    return strategies, regret, regret <= tol, steps


def simplicial(
    game,
    *,
    n_starts: int = 3,
    rng=None,
    tol: float = 1e-9,
    max_iter: int = 1_000_000,
) -> EquilibriumResult:
    """Nash equilibria of a normal-form game with any number of players by
    simplicial subdivision (van der Laan, Talman and van der Heyden 1987),
    restarted on a grid halved each time.

    Each of ``n_starts`` random starting profiles leads to one equilibrium;
    equal ones are reported once. See the module docstring for the method
    and its sources (Gambit's ``simpdiv`` is another implementation).

    Parameters
    ----------
    game : NormalFormGame
    n_starts : int
        Random starting profiles (drawn uniformly from the product of
        simplices); more starts may find more equilibria.
    rng : None, int or numpy.random.Generator
        Draws the starting profiles.
    tol : float
        Each equilibrium's regret, relative to each player's own payoff
        range, is at most ``tol``: the grid is refined until it is. A start
        that stops above it (``max_iter`` reached, or the grid at the limit of
        float resolution) is dropped and counted in
        ``details["uncertified"]``.
    max_iter : int
        Most pivots per start, over all its grids (a path's length grows
        as its grid shrinks); a start that needs more leaves
        ``converged=False``.

    Returns
    -------
    EquilibriumResult
        ``method="simplicial"``, ``complete=False`` (one equilibrium per
        start); ``details["starts"]`` holds each start's pivots, regret
        (relative) and whether it was certified.

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.games.generators import random_game
    >>> g = random_game((3, 3, 3), rng=1)
    >>> result = sg.solve(g, method="simplicial", rng=0)
    >>> result.method, result.complete, len(result.equilibria) >= 1
    ('simplicial', False, True)
    >>> all(g.is_nash(eq.strategies) for eq in result.equilibria)
    True
    """
    owner = "simplicial"
    if getattr(game, "n_players", 0) < 2 or not hasattr(game, "float_payoff_arrays"):
        raise InvalidGameError(
            "simplicial needs a NormalFormGame of two or more players; got "
            f"{type(game).__name__}."
        )
    n_starts = check_integer(n_starts, "n_starts", owner, low=1)
    max_iter = check_integer(max_iter, "max_iter", owner, low=1)
    tol = check_real(tol, "tol", owner, low=0.0)
    rng = check_rng(rng)
    grid = _Grid(game)
    found: list[tuple[list[np.ndarray], float]] = []
    starts, uncertified, converged = [], 0, True
    for _ in range(n_starts):
        v = np.concatenate([rng.dirichlet(np.ones(n)) for n in game.shape])
        strategies, regret, certified, steps = _descend(grid, v, tol, max_iter)
        if certified:  # as stratgame.solve certifies it, from the game itself
            regret = max(game.regret(strategies, relative=True))
            certified = regret <= tol
        converged &= certified
        starts.append(
            {"pivots": steps, "regret": float(regret), "certified": bool(certified)}
        )
        if not certified:
            uncertified += 1
            continue
        keep_distinct(found, strategies, regret)
    return EquilibriumResult(
        equilibria=tuple(make_equilibrium(game, s) for s, _ in found),
        method="simplicial",
        complete=False,
        game=game,
        converged=converged,
        details={"starts": starts, "uncertified": uncertified},
    )
