"""Logit quantal response equilibria and the Nash equilibrium at the end of
their principal branch, for any number of players.

In a logit quantal response equilibrium (QRE; McKelvey and Palfrey 1995,
"Quantal response equilibria for normal form games", GEB 10) every player
mixes with probabilities proportional to ``exp(lam * v_ij)``, where ``v_ij``
is the expected payoff of action ``j`` against the others. At ``lam = 0`` the
unique QRE is uniform play; as ``lam`` grows, the principal branch of QREs
that starts there converges, for almost every game, to one Nash equilibrium
(the logit solution). The branch is traced by predictor-corrector path
following on the equations of the QRE in log-probabilities and ``lam``
(Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence", GEB 51; Allgower and Georg 1990,
"Numerical Continuation Methods", ch. 2 and 6). Near the end, the support of
the branch is fixed and Newton's method solves the indifference conditions on
that support, which gives the equilibrium to machine precision; it is
returned only when its regret, computed from the game, is below the
tolerance.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._display import by_player, label, names, number, strategies_repr, strategy_text
from .._validation import check_integer, check_real, renamed_keywords
from ..exceptions import ConvergenceError, InvalidGameError
from ..games import NormalFormGame
from ..games.scaling import unit_interval
from .results import EquilibriumResult, make_equilibrium

__all__ = ["QuantalResponseEquilibrium", "logit_qre", "solve_logit"]

# Step-size control of the path tracer (Allgower and Georg 1990, Section 6.1):
# largest first corrector step, largest Newton contraction rate, corrector
# iterations, smallest step, and the factor by which the step must shrink
# before an orientation flip is taken for a bifurcation.
_MAX_DISTANCE = 0.4
_MAX_CONTRACTION = 0.6
_CORRECTOR_STEPS = 10
_MIN_STEP = 1e-10
_FLIP_REDUCTION = 1 / 64
# Acceptance of a polished equilibrium: within this distance of the branch,
# which must have come this much closer since the last checkpoint.
_ACCEPT_DISTANCE = 0.1
_ACCEPT_RATE = 0.75
# When the budget runs out: how close to the branch's end a polished
# equilibrium must be to be returned.
_END_DISTANCE = 1e-4


@dataclass(frozen=True, eq=False)
class QuantalResponseEquilibrium:
    """A logit quantal response equilibrium on the principal branch.

    Attributes
    ----------
    lam : float
        The precision ``lambda``, in the game's payoff units (choice
        probabilities are proportional to ``exp(lam * payoff)``).
    strategies : tuple of numpy.ndarray
        Each player's mixed strategy.
    payoffs : numpy.ndarray
        Each player's expected payoff.
    nash_regret : float
        The largest gain of any player from a unilateral deviation (how far
        the QRE is from a Nash equilibrium).
    residual : float
        The largest difference between a probability and the logit response
        to the others, computed from the game (zero up to rounding).
    steps : int
        Predictor-corrector steps taken along the branch.
    game : NormalFormGame
    """

    lam: float
    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    nash_regret: float
    residual: float
    steps: int
    game: Any = field(repr=False, default=None)

    @property
    def regret(self) -> float:
        """The largest gain any player gets by deviating from this QRE in the
        underlying game (``nash_regret``): zero only at a Nash equilibrium."""
        return self.nash_regret

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "lam": float(self.lam),
            "strategies": [s.tolist() for s in self.strategies],
            "payoffs": [float(p) for p in self.payoffs],
            "nash_regret": float(self.nash_regret),
            "residual": float(self.residual),
            "steps": self.steps,
        }

    def __repr__(self) -> str:
        players, actions = names(self.game, [len(s) for s in self.strategies])
        return (
            f"QuantalResponseEquilibrium(lam={number(self.lam)}, strategies="
            f"{strategies_repr(players, actions, self.strategies)}, "
            f"payoffs={by_player(players, self.payoffs)}, "
            f"nash_regret={number(self.nash_regret, 3)})"
        )

    def _repr_html_(self) -> str:
        players, actions = names(self.game, [len(s) for s in self.strategies])
        rows = "".join(
            f"<tr><td>{html.escape(label(player))}</td>"
            f"<td>{html.escape(strategy_text(names_, s))}</td></tr>"
            for player, names_, s in zip(players, actions, self.strategies, strict=True)
        )
        return (
            f"<p>logit QRE at lambda = {number(self.lam)}</p><table><tr><th>player"
            f"</th><th>strategy</th></tr>{rows}</table>"
        )


class _LogitSystem:
    """The QRE equations ``H(w, lam) = 0`` in log-probabilities ``w``, for
    payoffs rescaled onto [0, 1]: each player's onto its own range when
    ``per_player`` (Nash equilibria do not change, and a player whose payoffs
    are a millionth of the other's is traced at a precision of its own), else
    all by the largest range, ``spread * 2**exponent`` (the QRE at a given
    ``lam`` in payoff units; kept in two parts, as it may exceed the floats)."""

    def __init__(self, game: NormalFormGame, per_player: bool = False):
        arrays = game.float_payoff_arrays
        self.spread, self.exponent = 1.0, 0
        if per_player:
            self.payoffs = [unit_interval(u) for u in arrays]
        else:
            # Powers of two first, so no range overflows near the float limit.
            self.exponent = int(
                np.frexp(max(float(np.abs(u).max()) for u in arrays))[1]
            )
            scaled = [np.ldexp(u, -self.exponent) for u in arrays]
            self.spread = max(float(np.ptp(u)) for u in scaled) or 1.0
            self.payoffs = [(u - u.min()) / self.spread for u in scaled]
        self.shape = game.shape
        self.n_players = game.n_players
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)])
        self.size = int(self.offsets[-1])

    def traced(self, lam: float) -> float:
        """The precision on the rescaled payoffs of ``lam`` in payoff units."""
        return float(np.ldexp(lam * self.spread, self.exponent))

    def in_payoff_units(self, lam: float) -> float:
        """``lam`` on the rescaled payoffs, in the game's payoff units."""
        return float(np.ldexp(lam / self.spread, -self.exponent))

    def split(self, vector) -> list[np.ndarray]:
        return [
            vector[a:b]
            for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True)
        ]

    def cross_values(self, strategies) -> tuple[list[np.ndarray], dict]:
        """Each player's action values and the matrices ``D[i, k]`` of
        ``d v_i / d sigma_k`` (player i's payoff for each pair of its own and
        k's actions, the others mixing)."""
        n = self.n_players
        values, cross = [], {}
        for i in range(n):
            u = self.payoffs[i]
            if n == 1:
                values.append(u.copy())
                continue
            for k in range(n):
                if k == i:
                    continue
                operands = [u, list(range(n))]
                for j in range(n):
                    if j not in (i, k):
                        operands += [strategies[j], [j]]
                cross[i, k] = np.einsum(*operands, [i, k])
            k = 1 if i == 0 else 0
            values.append(cross[i, k] @ strategies[k])
        return values, cross

    def residual_and_jacobian(self, w: np.ndarray, lam: float):
        """``H`` and its Jacobian with respect to ``(w, lam)``."""
        strategies = [np.exp(x) for x in self.split(w)]
        values, cross = self.cross_values(strategies)
        residual = np.empty(self.size)
        jacobian = np.zeros((self.size, self.size + 1))
        for i, (start, n_i) in enumerate(
            zip(self.offsets[:-1], self.shape, strict=False)
        ):
            w_i, v_i = w[start : start + n_i], values[i]
            rows = slice(start, start + n_i - 1)
            # ln s_ij - ln s_i0 - lam (v_ij - v_i0) = 0 for j >= 1
            residual[rows] = w_i[1:] - w_i[0] - lam * (v_i[1:] - v_i[0])
            block = jacobian[rows]
            block[:, start + 1 : start + n_i] += np.eye(n_i - 1)
            block[:, start] -= 1.0
            block[:, -1] = -(v_i[1:] - v_i[0])
            for k in range(self.n_players):
                if k == i:
                    continue
                d = cross[i, k]
                k_start = self.offsets[k]
                # d v_ij / d w_kl = D[j, l] sigma_kl
                block[:, k_start : k_start + self.shape[k]] -= lam * (
                    (d[1:] - d[0]) * strategies[k]
                )
            # sum_j s_ij = 1
            last = start + n_i - 1
            residual[last] = strategies[i].sum() - 1.0
            jacobian[last, start : start + n_i] = strategies[i]
        return residual, jacobian


def _null_direction(jacobian: np.ndarray) -> np.ndarray:
    q, _ = np.linalg.qr(jacobian.T, mode="complete")
    return q[:, -1]


def _orientation(jacobian: np.ndarray, tangent: np.ndarray) -> float:
    """The sign of ``det [J; t^T]``, constant along a smooth branch traced in
    one direction (Allgower and Georg 1990, Section 2.1)."""
    return float(np.linalg.slogdet(np.vstack([jacobian, tangent]))[0])


def _newton_step(residual: np.ndarray, jacobian: np.ndarray) -> np.ndarray:
    """The minimum-norm Newton correction ``-J^+ H`` (via QR of ``J^T``)."""
    from scipy.linalg import solve_triangular

    q, r = np.linalg.qr(jacobian.T)
    return -q @ solve_triangular(r, residual, trans="T")


class _BranchTracer:
    """Predictor-corrector tracing of the principal branch from ``lam = 0``
    (Allgower and Georg 1990, Algorithm 6.1.10 with the step control of
    Section 6.1)."""

    def __init__(self, system: _LogitSystem, step: float = 0.03):
        self.system = system
        w0 = np.concatenate([np.full(n, -np.log(n)) for n in system.shape])
        self.point = np.append(w0, 0.0)
        _, jacobian = system.residual_and_jacobian(w0, 0.0)
        tangent = _null_direction(jacobian)
        self.tangent = tangent if tangent[-1] > 0 else -tangent
        self.orientation = _orientation(jacobian, self.tangent)
        self.flip_step = None
        self.step = step
        self.steps = 0

    @property
    def lam(self) -> float:
        return float(self.point[-1])

    def strategies(self) -> list[np.ndarray]:
        return [np.exp(x) for x in self.system.split(self.point[:-1])]

    def advance(self, max_lam: float | None = None) -> bool:
        """Take one accepted step (shortened so that ``lam`` does not pass
        ``max_lam``); False when the step size collapsed."""
        while self.step >= _MIN_STEP:
            step = self.step
            if max_lam is not None and self.tangent[-1] > 0:
                room = (max_lam - self.lam) / self.tangent[-1]
                step = min(step, max(room, _MIN_STEP))
            corrected = self._correct(self.point + step * self.tangent)
            if corrected is None:
                self.step /= 2
                continue
            point, distance, contraction = corrected
            _, jacobian = self.system.residual_and_jacobian(point[:-1], point[-1])
            tangent = _null_direction(jacobian)
            if tangent @ self.tangent < 0:
                tangent = -tangent
            orientation = _orientation(jacobian, tangent)
            if orientation != self.orientation:
                # The orientation flips when the corrector jumps across a
                # fold of the branch, or at a bifurcation point. Much
                # shorter steps tell them apart: only a bifurcation, which
                # the branch passes straight through, still flips it.
                if self.flip_step is None:
                    self.flip_step = step
                if step > self.flip_step * _FLIP_REDUCTION:
                    self.step = step / 2
                    continue
                self.flip_step = None
            elif self.flip_step is not None and step > self.flip_step:
                self.flip_step = None
            self.orientation = orientation
            self.point, self.tangent = point, tangent
            self.steps += 1
            slowdown = max(
                np.sqrt(distance / _MAX_DISTANCE), contraction / _MAX_CONTRACTION
            )
            self.step = step / min(max(slowdown, 0.5), 2.0)
            return True
        return False

    def _correct(self, point):
        """Newton corrector; None when it diverges or contracts too slowly.

        Returns the corrected point, the length of the first correction and
        the largest contraction rate (rates of corrections at rounding level
        are not measured)."""
        first = previous = None
        contraction = 0.0
        for _ in range(_CORRECTOR_STEPS):
            residual, jacobian = self.system.residual_and_jacobian(
                point[:-1], point[-1]
            )
            delta = _newton_step(residual, jacobian)
            size = float(np.linalg.norm(delta))
            if not np.isfinite(size):
                return None
            first = size if first is None else first
            if first > _MAX_DISTANCE:
                return None
            point = point + delta
            rounding = 1e-10 * max(1.0, float(np.linalg.norm(point)))
            if size <= rounding:
                return point, first, contraction
            if previous is not None and previous > 100 * rounding:
                contraction = max(contraction, size / previous)
                if contraction > _MAX_CONTRACTION:
                    return None
            previous = size
        return None

    def settle_at(self, lam: float) -> None:
        """Newton's method in ``w`` alone at fixed ``lam`` (the branch point
        at exactly that precision)."""
        w = self.point[:-1].copy()
        for _ in range(50):
            residual, jacobian = self.system.residual_and_jacobian(w, lam)
            delta = np.linalg.solve(jacobian[:, :-1], -residual)
            w += delta
            if np.abs(delta).max() < 1e-13:
                break
        self.point = np.append(w, lam)


def _check_game(game, owner: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"{owner} needs a NormalFormGame; got {type(game).__name__}."
        )


def _logit_residual(game, strategies, lam: float) -> float:
    worst = 0.0
    for i, s in enumerate(strategies):
        values = np.asarray(game.action_values(strategies, i), dtype=np.float64)
        logits = lam * (values - values.max())
        response = np.exp(logits) / np.exp(logits).sum()
        worst = max(worst, float(np.abs(response - s).max()))
    return worst


@renamed_keywords(max_steps="max_iter")
def logit_qre(
    game, lam: float, *, max_iter: int = 100_000
) -> QuantalResponseEquilibrium:
    """The logit quantal response equilibrium at precision ``lam`` on the
    principal branch (the one connected to uniform play at ``lam = 0``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    lam : float
        The precision, ``>= 0``, in the game's payoff units: each player plays
        action ``j`` with probability proportional to ``exp(lam * v_j)``.
    max_iter : int
        Largest number of predictor-corrector steps.

    Returns
    -------
    QuantalResponseEquilibrium

    Raises
    ------
    ConvergenceError
        When the tracer cannot continue the branch (step size collapsed) or
        runs out of steps (a :class:`~stratgame.exceptions.SolverError`).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> qre = sg.logit_qre(g, 1.0)
    >>> qre.strategies[0].round(4)
    array([0.2268, 0.7732])
    >>> qre.residual < 1e-10
    True
    """
    _check_game(game, "logit_qre")
    lam = check_real(lam, "lam", "logit_qre", low=0)
    max_iter = check_integer(max_iter, "max_iter", "logit_qre", low=1)
    system = _LogitSystem(game)
    tracer = _BranchTracer(system)
    target = system.traced(float(lam))
    while tracer.lam < target * (1 - 1e-12):
        if tracer.steps >= max_iter or not tracer.advance(max_lam=target):
            raise ConvergenceError(
                f"the logit branch could not be traced to lam={lam} "
                f"(stopped at lam={system.in_payoff_units(tracer.lam):.6g} after "
                f"{tracer.steps} steps)."
            )
    if target > 0:
        tracer.settle_at(target)
    strategies = tuple(s / s.sum() for s in tracer.strategies())
    return QuantalResponseEquilibrium(
        lam=float(lam),
        strategies=strategies,
        payoffs=np.asarray(game.expected_payoffs(strategies), dtype=np.float64),
        nash_regret=float(max(game.regret(strategies))),
        residual=_logit_residual(game, strategies, float(lam)),
        steps=tracer.steps,
        game=game,
    )


def _polish(system: _LogitSystem, strategies, support) -> list[np.ndarray] | None:
    """Newton's method on the indifference conditions of a fixed support:
    for every player, equal values on its support and probabilities summing
    to one. None when it fails or leaves the simplex."""
    sigma = [
        np.where(mask, s, 0.0) for s, mask in zip(strategies, support, strict=True)
    ]
    sigma = [s / s.sum() for s in sigma]
    index = [np.flatnonzero(mask) for mask in support]
    offsets = np.concatenate([[0], np.cumsum([len(k) for k in index])])
    size = int(offsets[-1])
    for _ in range(30):
        values, cross = system.cross_values(sigma)
        residual = np.empty(size)
        jacobian = np.zeros((size, size))
        for i, keep in enumerate(index):
            start, first = offsets[i], keep[0]
            rows = slice(start, start + len(keep) - 1)
            residual[rows] = values[i][keep[1:]] - values[i][first]
            for k, k_keep in enumerate(index):
                if k == i:
                    continue
                d = cross[i, k]
                jacobian[rows, offsets[k] : offsets[k] + len(k_keep)] = (
                    d[np.ix_(keep[1:], k_keep)] - d[first, k_keep]
                )
            residual[start + len(keep) - 1] = sigma[i][keep].sum() - 1.0
            jacobian[start + len(keep) - 1, start : start + len(keep)] = 1.0
        # Least squares: a degenerate game can leave the system singular.
        delta = np.linalg.lstsq(jacobian, -residual, rcond=None)[0]
        for i, keep in enumerate(index):
            sigma[i][keep] += delta[offsets[i] : offsets[i + 1]]
        if not all(np.all(np.isfinite(s)) for s in sigma):
            return None
        if np.abs(delta).max() < 1e-14:
            break
    if any(s.min() < -1e-12 for s in sigma):
        return None
    return [np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in sigma]


def _supports(logs):
    """Candidate supports of the limit equilibrium: the actions whose
    log-probability is within ``cut`` of the player's most likely action (at
    a QRE, ``lam`` times the payoff gap). Wide cuts keep actions whose gap
    vanishes in the limit, which degenerate games need."""
    for cut in (3.0, 7.0, 12.0, 20.0, 30.0):
        yield [w >= w.max() - cut for w in logs]


def _relative_regret(game, equilibrium) -> float:
    """The largest regret of any player relative to its own payoff range."""
    return float(max(game.regret(equilibrium.strategies, relative=True)))


@renamed_keywords(max_steps="max_iter")
def solve_logit(
    game,
    *,
    tol: float = 1e-9,
    max_lam: float = 1e7,
    max_iter: int = 20_000,
) -> EquilibriumResult:
    """A Nash equilibrium of an N-player game at the end of the principal
    branch of logit quantal response equilibria.

    The branch is traced from uniform play at ``lam = 0`` (see
    :func:`logit_qre`); each time the precision doubles, the support of the
    current QRE is fixed and Newton's method solves the equilibrium
    conditions on it. The first solution whose regret, computed from the
    game, is at most ``tol`` times each player's own payoff range is
    returned (McKelvey and Palfrey
    1995; Turocy 2005).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float
        Accept an equilibrium when each player's regret is at most ``tol``
        times that player's own payoff range.
    max_lam : float
        Give up when the precision (for each player's payoffs rescaled onto
        [0, 1]: the branch traced is that of the rescaled game, whose Nash
        equilibria are the game's) passes this.
    max_iter : int
        Give up after this many predictor-corrector steps.

    Returns
    -------
    EquilibriumResult
        ``method="logit"``, ``complete=False``, one equilibrium. When no
        verified equilibrium was found, ``converged=False`` and the
        equilibrium is the last point traced (with its regret).
        ``details`` holds ``"lam"`` (the precision reached, for each
        player's payoffs rescaled onto [0, 1]), ``"steps"`` and
        ``"verified"``.

    Examples
    --------
    A random three-player game:

    >>> import numpy as np, stratgame as sg
    >>> rng = np.random.default_rng(7)
    >>> g = sg.NormalFormGame([rng.random((2, 3, 2)) for _ in range(3)])
    >>> res = sg.solve(g, method="logit")
    >>> res.converged, g.is_nash(res.equilibria[0].strategies)
    (True, True)
    """
    _check_game(game, "solve_logit")
    tol = check_real(tol, "tol", "solve_logit", low=0, low_open=True)
    max_lam = check_real(max_lam, "max_lam", "solve_logit", low=0, low_open=True)
    max_iter = check_integer(max_iter, "max_iter", "solve_logit", low=1)
    system = _LogitSystem(game, per_player=True)
    tracer = _BranchTracer(system)
    checkpoint, previous = 4.0, []
    moving = True
    while moving and tracer.steps < max_iter and tracer.lam < max_lam:
        moving = tracer.advance()
        if not moving or tracer.lam < checkpoint:
            continue
        checkpoint = 2.0 * tracer.lam
        strategies = [s / s.sum() for s in tracer.strategies()]
        traced = make_equilibrium(game, strategies)
        found = []
        for support in _supports(system.split(tracer.point[:-1])):
            candidate = _polish(system, strategies, support)
            if candidate is None:
                continue
            equilibrium = make_equilibrium(game, candidate)
            if _relative_regret(game, equilibrium) > tol:
                continue
            distance = _distance(equilibrium.strategies, strategies)
            # The branch approaches its limit at rate O(1 / lam): accept an
            # equilibrium that the polish also reached at half the precision
            # and that the branch has come markedly closer to since.
            if distance <= _ACCEPT_DISTANCE and any(
                _distance(equilibrium.strategies, other.strategies) <= 1e-7
                and distance <= _ACCEPT_RATE * other_distance
                for other, other_distance in previous
            ):
                return _result(game, equilibrium, tracer, True)
            found.append((equilibrium, distance))
        if _relative_regret(game, traced) <= tol:
            # The branch itself is already an equilibrium within tolerance;
            # prefer a polished one next to it when that is more accurate.
            close = [eq for eq, d in found if d <= 1e-6 and eq.regret < traced.regret]
            return _result(
                game, min(close, key=lambda eq: eq.regret, default=traced), tracer, True
            )
        previous = found
    # Out of budget (as when the branch ends in a continuum of equilibria,
    # where the polished points move with it): an equilibrium polished next
    # to the end of the branch is still verified by its regret.
    close = [eq for eq, d in previous if d <= _END_DISTANCE]
    if close:
        return _result(game, min(close, key=lambda eq: eq.regret), tracer, True)
    strategies = [s / s.sum() for s in tracer.strategies()]
    return _result(game, make_equilibrium(game, strategies), tracer, False)


def _distance(first, second) -> float:
    return max(float(np.abs(a - b).max()) for a, b in zip(first, second, strict=True))


def _result(game, equilibrium, tracer, verified: bool) -> EquilibriumResult:
    return EquilibriumResult(
        equilibria=(equilibrium,),
        method="logit",
        complete=False,
        game=game,
        converged=verified,
        details={
            "lam": tracer.lam,
            "steps": tracer.steps,
            "verified": verified,
        },
    )
