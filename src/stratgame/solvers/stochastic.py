"""Stationary (Markov-perfect) equilibria of stochastic games.

Three solvers for a :class:`~stratgame.games.StochasticGame`, each returning
an :class:`~stratgame.solvers.results.EquilibriumResult` whose equilibria are
:class:`StochasticEquilibrium` objects:

- :func:`solve_shapley`: two-player zero-sum games. Shapley's value
  iteration (Shapley 1953, "Stochastic games", PNAS 39: 1095–1100), every
  state's matrix game solved by linear programming (HiGHS), accelerated by
  the policy-iteration (Newton) step of Pollatschek & Avi-Itzhak (1969,
  "Algorithms for stochastic games with geometrical interpretation",
  Management Science 15) safeguarded by value iteration (Filar & Vrieze
  1997, *Competitive Markov Decision Processes*, Springer; Filar & Tolwinski
  1991 on the safeguard).
- :func:`solve_homotopy`: any number of players. The principal branch of
  Markov logit quantal response equilibria, traced from uniform play at
  ``lam = 0`` over all states at once by predictor-corrector continuation
  (Herings & Peeters 2004, "Stationary equilibria in stochastic games:
  structure, selection, and computation", JET 118: 32–60; Eibelshäuser &
  Poensgen 2019, "Markov quantal response equilibrium and a homotopy method
  for computing and selecting Markov perfect equilibria of dynamic
  stochastic games", and their package sgamesolver; Allgower & Georg 1990,
  *Numerical Continuation Methods*, ch. 2 and 6), then Newton's method on
  the equilibrium conditions of the limit's supports.
- :func:`solve_pure_stationary`: every pure stationary equilibrium of a
  small game, by enumeration of all players' pure stationary strategies but
  the last, whose best replies come from its Markov decision problem.

Every returned equilibrium is certified by :func:`certify`: its one-shot
deviation gains, computed from the game (:meth:`StochasticGame.regret`), are
at most ``tol`` times each player's stage payoff range, which bounds the gain
of any deviation by ``tol`` times the player's range of discounted values.
A solver that cannot certify its answer raises :class:`SolverError`.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._display import (
    by_player,
    label,
    labelled_strategy,
    number,
    strategies_repr,
    strategy_text,
    tidy,
)
from .._validation import check_choice, check_integer, check_real, renamed_keywords
from ..exceptions import InvalidGameError, ResourceLimitError, SolverError
from ..games.stochastic import StochasticGame
from ._markov_logit import MarkovLogitSystem, PathTracer, polish, support_masks
from .results import EquilibriumResult

__all__ = [
    "METHODS",
    "StochasticEquilibrium",
    "certify",
    "make_stochastic_equilibrium",
    "solve_homotopy",
    "solve_pure_stationary",
    "solve_shapley",
    "solve_stochastic",
]

METHODS = ("auto", "homotopy", "pure", "shapley")
_SHOWN_STATES = 6


# ---------------------------------------------------------------- results
@dataclass(frozen=True, eq=False)
class StochasticEquilibrium:
    """A stationary equilibrium of a stochastic game with its certificate.

    Attributes
    ----------
    strategies : tuple of tuple of numpy.ndarray
        ``strategies[s][i]``: player ``i``'s mixed action in state ``s``.
    values : numpy.ndarray
        ``(n_states, n_players)``: each player's expected discounted payoff
        from each state.
    payoffs : numpy.ndarray
        Each player's value from the game's initial state (distribution).
    regret : float
        The largest one-shot deviation gain over all states and players,
        computed from the game (the certificate: zero for an exact
        Markov-perfect equilibrium).
    deviation_gains : numpy.ndarray
        ``(n_states, n_players)``: every state's and player's gain.
    game : StochasticGame

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     players=("US", "China"), actions=(("keep", "cut"), ("keep", "cut")))
    >>> g = sg.StochasticGame.from_normal_form(pd, 0.9)
    >>> make_stochastic_equilibrium(g, [("cut", "cut")])
    StochasticEquilibrium(payoffs={'US': 10, 'China': 10}, regret=0, strategies={'s1': {'US': 'cut', 'China': 'cut'}})
    """

    strategies: tuple[tuple[np.ndarray, ...], ...]
    values: np.ndarray
    payoffs: np.ndarray
    regret: float
    deviation_gains: np.ndarray = field(repr=False)
    game: Any = field(repr=False, default=None)

    @property
    def relative_regret(self) -> float:
        """The largest one-shot deviation gain, each player's divided by its
        stage payoff range (what ``tol`` bounds)."""
        ranges = np.array(self.game.payoff_ranges)
        safe = np.where(ranges > 0, ranges, 1.0)
        return float(np.where(ranges > 0, self.deviation_gains / safe, 0.0).max())

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action in every state."""
        return all(
            int((s > 1e-12).sum()) == 1
            for per_state in self.strategies
            for s in per_state
        )

    def transition_matrix(self) -> np.ndarray:
        """The Markov chain over states that the equilibrium induces."""
        return self.game.transition_matrix(self.strategies)

    def stationary_distribution(self, initial=None) -> np.ndarray:
        """The long-run distribution of states under the equilibrium (see
        :meth:`StochasticGame.stationary_distribution`)."""
        return self.game.stationary_distribution(self.strategies, initial)

    def hitting_times(self, target) -> np.ndarray:
        """Expected periods until play reaches ``target`` from each state (see
        :meth:`StochasticGame.hitting_times`)."""
        return self.game.hitting_times(self.strategies, target)

    def simulate(self, n_periods: int, *, initial=None, rng=None):
        """A simulated path of play (see :meth:`StochasticGame.simulate`)."""
        return self.game.simulate(self.strategies, n_periods, initial=initial, rng=rng)

    def to_dict(self) -> dict:
        """A JSON-ready dict: full-precision data and, under ``"by_state"``,
        each state's strategies and values by label."""
        g = self.game
        return {
            "strategies": [[s.tolist() for s in per] for per in self.strategies],
            "values": self.values.tolist(),
            "payoffs": [float(p) for p in self.payoffs],
            "regret": float(self.regret),
            "by_state": {
                state: {
                    player: {
                        "strategy": labelled_strategy(
                            g.actions[s][i], self.strategies[s][i]
                        ),
                        "value": tidy(self.values[s, i]),
                    }
                    for i, player in enumerate(g.players)
                }
                for s, state in enumerate(g.states)
            },
        }

    def __repr__(self) -> str:
        g = self.game
        shown = []
        for s in range(min(g.n_states, _SHOWN_STATES)):
            shown.append(
                f"{g.states[s]!r}: "
                + strategies_repr(g.players, g.actions[s], self.strategies[s])
            )
        if g.n_states > _SHOWN_STATES:
            shown.append(f"... {g.n_states - _SHOWN_STATES} more states")
        return (
            f"StochasticEquilibrium(payoffs={by_player(g.players, self.payoffs)}, "
            f"regret={number(self.regret, 3)}, strategies={{{', '.join(shown)}}})"
        )

    def _repr_html_(self) -> str:
        g = self.game
        esc = html.escape
        head = "".join(f"<th>{esc(label(p))}</th><th>value</th>" for p in g.players)
        rows = "".join(
            f"<tr><th>{esc(label(g.states[s]))}</th>"
            + "".join(
                f"<td>{esc(strategy_text(g.actions[s][i], self.strategies[s][i]))}"
                f"</td><td>{number(self.values[s, i])}</td>"
                for i in range(g.n_players)
            )
            + "</tr>"
            for s in range(min(g.n_states, 50))
        )
        return (
            f"<table><tr><th>state</th>{head}</tr>{rows}</table>"
            f"<p>regret {number(self.regret, 3)}</p>"
        )


def make_stochastic_equilibrium(game, strategies) -> StochasticEquilibrium:
    """Build a :class:`StochasticEquilibrium` from a stationary profile,
    computing its values and one-shot deviation gains from the game.

    Parameters
    ----------
    game : StochasticGame
    strategies : sequence
        ``strategies[s][i]``: a probability vector, action index or label.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eq = make_stochastic_equilibrium(
    ...     sg.StochasticGame.from_normal_form(pd, 0.5), [(0, 0)])
    >>> eq.regret, eq.values.tolist()
    (2.0, [[6.0, 6.0]])
    """
    _check_game(game, "make_stochastic_equilibrium")
    profile = game.as_profile(strategies)
    profile = tuple(
        tuple(_clean(np.asarray(x, dtype=np.float64)) for x in per) for per in profile
    )
    values, gains = game._regret_values(game._grouped(profile))
    return StochasticEquilibrium(
        strategies=profile,
        values=values,
        payoffs=game.initial @ values,
        regret=float(gains.max()),
        deviation_gains=gains,
        game=game,
    )


def certify(game, strategies, tol: float = 1e-9) -> StochasticEquilibrium:
    """The one-shot deviation certificate: a :class:`StochasticEquilibrium`
    when no player gains more than ``tol`` times its stage payoff range by
    deviating once in any state, else :class:`SolverError`.

    By the one-shot deviation principle this bounds the gain of every
    deviation, however long, by ``tol`` times the player's range of
    discounted values ``payoff_range / (1 - discount)`` (Fudenberg & Tirole
    1991, *Game Theory*, Theorem 4.2 and Section 13.2).

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> g = sg.StochasticGame.from_normal_form(pd, 0.5)
    >>> certify(g, [(1, 1)]).regret
    0.0
    >>> certify(g, [(0, 0)])
    Traceback (most recent call last):
    ...
    stratgame.exceptions.SolverError: the profile is not a stationary equilibrium within tol=1e-09: player 'P1' gains 0.4 of its payoff range by a one-shot deviation in state 's1'.
    """
    tol = check_real(tol, "tol", "certify", low=0)
    equilibrium = make_stochastic_equilibrium(game, strategies)
    _raise_unless_certified(equilibrium, tol)
    return equilibrium


def _raise_unless_certified(equilibrium: StochasticEquilibrium, tol: float) -> None:
    game = equilibrium.game
    ranges = np.array(game.payoff_ranges)
    relative = np.where(
        ranges > 0, equilibrium.deviation_gains / np.where(ranges > 0, ranges, 1), 0
    )
    if relative.max() <= tol:
        return
    s, i = np.unravel_index(int(np.argmax(relative)), relative.shape)
    raise SolverError(
        f"the profile is not a stationary equilibrium within tol={tol!r}: player "
        f"{game.players[i]!r} gains {number(relative[s, i], 3)} of its payoff range "
        f"by a one-shot deviation in state {game.states[s]!r}."
    )


def _clean(strategy: np.ndarray) -> np.ndarray:
    """A probability vector with rounding noise removed (tiny negatives
    clipped, renormalized)."""
    out = np.where(strategy > 1e-15, strategy, 0.0)
    return out / out.sum()


def _check_game(game, owner: str) -> None:
    if not isinstance(game, StochasticGame):
        raise InvalidGameError(
            f"{owner} needs a StochasticGame; got {type(game).__name__}. (A "
            "NormalFormGame converts with StochasticGame.from_normal_form.)"
        )


def _result(game, equilibria, method, complete, details) -> EquilibriumResult:
    return EquilibriumResult(
        equilibria=tuple(equilibria),
        method=method,
        complete=complete,
        game=game,
        converged=True,
        details=details,
    )


# ---------------------------------------------------------------- dispatch
def solve_stochastic(
    game, method: str = "auto", *, tol: float = 1e-9, **options
) -> EquilibriumResult:
    """Stationary equilibria of a stochastic game.

    Parameters
    ----------
    game : StochasticGame
    method : {"auto", "shapley", "homotopy", "pure"}
        ``"auto"`` runs Shapley iteration on two-player zero-sum games and
        the logit homotopy otherwise.
    tol : float
        Certificate: every player's one-shot deviation gains are at most
        ``tol`` times its stage payoff range.
    **options
        Passed to the method (``max_iter`` for Shapley and
        the homotopy, ``max_profiles`` for pure).

    Returns
    -------
    EquilibriumResult
        Of :class:`StochasticEquilibrium`.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.games.random_stochastic_game(4, 2, 2, discount=0.9, rng=1)
    >>> res = solve_stochastic(g)
    >>> res.method, res.equilibria[0].relative_regret <= 1e-9
    ('homotopy', True)
    """
    _check_game(game, "solve_stochastic")
    check_choice(method, "method", "solve_stochastic", METHODS)
    if method == "auto":
        zero_sum = game.n_players == 2 and game.is_zero_sum(tol=1e-12)
        method = "shapley" if zero_sum else "homotopy"
    solver = {
        "shapley": solve_shapley,
        "homotopy": solve_homotopy,
        "pure": solve_pure_stationary,
    }[method]
    return solver(game, tol=tol, **options)


# ----------------------------------------------------------------- Shapley
def _matrix_games(matrices: list[np.ndarray]):
    """Values and optimal strategies of batches of matrix games (the row
    player maximizes): ``matrices[g]`` has shape ``(k, n_1, n_2)``.

    Games with a pure saddle point are read off; the others are solved
    together as one block-separable linear program with HiGHS (Dantzig
    1951: payoffs shifted into [1, 2], ``min 1.u s.t. B^T u >= 1``); the
    column player's strategies are the dual multipliers.
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    values, rows, cols, pending = [], [], [], []
    for g, M in enumerate(matrices):
        _, n1, n2 = M.shape
        row_min, col_max = M.min(axis=2), M.max(axis=1)
        a, b = row_min.argmax(axis=1), col_max.argmin(axis=1)
        low, high = row_min.max(axis=1), col_max.min(axis=1)
        spread = M.max(axis=(1, 2)) - M.min(axis=(1, 2))
        saddle = high - low <= 1e-13 * np.maximum(spread, 1.0)
        values.append(np.where(saddle, low, 0.0))
        rows.append(np.eye(n1)[a])
        cols.append(np.eye(n2)[b])
        for r in np.flatnonzero(~saddle):
            pending.append((g, int(r)))
    if not pending:
        return values, rows, cols
    entries, u_offsets, c_offsets = [], [0], [0]
    for g, r in pending:
        M = matrices[g][r]
        low = M.min()
        spread = (M.max() - low) or 1.0
        entries.append(((M - low) / spread + 1.0, low, spread))
        u_offsets.append(u_offsets[-1] + M.shape[0])
        c_offsets.append(c_offsets[-1] + M.shape[1])
    data, ii, jj = [], [], []
    for (B, _, _), u0, c0 in zip(entries, u_offsets, c_offsets, strict=False):
        n1, n2 = B.shape
        data.append(-B.T.ravel())
        ii.append(np.repeat(np.arange(c0, c0 + n2), n1))
        jj.append(np.tile(np.arange(u0, u0 + n1), n2))
    A = coo_matrix(
        (np.concatenate(data), (np.concatenate(ii), np.concatenate(jj))),
        shape=(c_offsets[-1], u_offsets[-1]),
    ).tocsr()
    solution = linprog(
        np.ones(u_offsets[-1]),
        A_ub=A,
        b_ub=-np.ones(c_offsets[-1]),
        bounds=(0.0, None),
        method="highs-ds",
        options={
            "primal_feasibility_tolerance": 1e-10,
            "dual_feasibility_tolerance": 1e-10,
        },
    )
    if solution.status != 0:
        raise SolverError(
            "HiGHS did not solve the matrix games of Shapley's operator: "
            f"{solution.message}"
        )
    duals = -solution.ineqlin.marginals
    for n, (g, r) in enumerate(pending):
        _, low, spread = entries[n]
        u = np.clip(solution.x[u_offsets[n] : u_offsets[n + 1]], 0.0, None)
        y = np.clip(duals[c_offsets[n] : c_offsets[n + 1]], 0.0, None)
        total = u.sum()
        values[g][r] = (1.0 / total - 1.0) * spread + low
        rows[g][r] = u / total
        cols[g][r] = y / y.sum()
    return values, rows, cols


def solve_shapley(
    game, *, tol: float = 1e-9, max_iter: int = 1000
) -> EquilibriumResult:
    """The value and optimal stationary strategies of a two-player zero-sum
    stochastic game, by Shapley's value iteration accelerated with
    policy-iteration (Newton) steps.

    Each iteration applies Shapley's operator ``T`` (Shapley 1953): in every
    state, the value of the matrix game ``u(s, a, b) + discount * E[v(next
    state)]``, all states' games solved as one block linear program with
    HiGHS. The stationary pair of optimal strategies it gives is then
    evaluated exactly, ``(I - discount P) v = r``: the step of Pollatschek &
    Avi-Itzhak (1969), Newton's method on ``T v = v``. The step is kept when
    it at least halves the Bellman residual ``|T v - v|``, otherwise the
    plain value-iteration step ``v <- T v`` (a contraction by the discount
    factor) is taken instead, so the iteration converges from any start
    (Filar & Vrieze 1997, Ch. 3; Filar & Tolwinski 1991). It stops when the
    pair is certified: its one-shot deviation gains are at most ``tol``
    times the payoff range, so the values are within ``tol * range / (1 -
    discount)`` of the game's value.

    Parameters
    ----------
    game : StochasticGame
        Two players, payoffs summing to zero, one discount factor.
    tol : float
        Certificate tolerance, relative to the stage payoff range.
    max_iter : int
        Largest number of applications of Shapley's operator.

    Returns
    -------
    EquilibriumResult
        ``method="shapley"``, one :class:`StochasticEquilibrium`;
        ``details`` holds ``"value"`` (the row player's values by state),
        ``"iterations"``, ``"newton_steps"`` and ``"residual"``.

    Raises
    ------
    InvalidGameError
        When the game is not two-player zero-sum with a common discount.
    SolverError
        When ``max_iter`` runs out before the certificate holds.

    Examples
    --------
    The Big Match (Blackwell & Ferguson 1968) with discount 0.8: its
    discounted value is ``1 / (2 (1 - discount)) = 2.5`` in the
    non-absorbing state, and the row player quits (``T``) with probability
    ``(1 - discount) / (2 - discount) = 1/6``.

    >>> import stratgame as sg
    >>> big_match = sg.StochasticGame(
    ...     payoffs=[[[[1, 0], [0, 1]], [[-1, 0], [0, -1]]], [[[1]], [[-1]]],
    ...              [[[0]], [[0]]]],
    ...     transitions=[[[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [1, 0, 0]]],
    ...                  [[[0, 1, 0]]], [[[0, 0, 1]]]],
    ...     discount=0.8, states=("play", "won", "lost"))
    >>> res = solve_shapley(big_match)
    >>> eq = res.equilibria[0]
    >>> eq.values[:, 0].round(9), eq.strategies[0][0].round(9)
    (array([2.5, 5. , 0. ]), array([0.16666667, 0.83333333]))
    """
    _check_game(game, "solve_shapley")
    tol = check_real(tol, "tol", "solve_shapley", low=0, low_open=True)
    max_iter = check_integer(max_iter, "max_iter", "solve_shapley", low=1)
    if game.n_players != 2 or not game.is_zero_sum(tol=1e-12):
        raise InvalidGameError(
            "solve_shapley needs a two-player zero-sum stochastic game (payoffs "
            "summing to zero in every state, one discount factor); use "
            "method='homotopy' for general-sum games."
        )
    delta = float(game.discounts[0])
    groups = game._groups
    span = game.payoff_ranges[0] or 1.0
    low = min(float(g.payoffs[:, 0].min()) for g in groups)
    scaled = [(g.payoffs[:, 0] - low) / span for g in groups]
    flat_transitions = [g.transitions.reshape(-1, game.n_states) for g in groups]

    def shapley_operator(v):
        matrices = [
            A + delta * (T @ v).reshape(A.shape)
            for A, T in zip(scaled, flat_transitions, strict=True)
        ]
        values, rows, cols = _matrix_games(matrices)
        out = np.empty(game.n_states)
        for g, val in zip(groups, values, strict=True):
            out[g.states] = val
        return out, [[x, y] for x, y in zip(rows, cols, strict=True)]

    def evaluate(grouped):
        """Values (scaled, row player) and one-shot gains of a pair."""
        values, gains = game._regret_values(grouped)
        return (values[:, 0] - low / (1 - delta)) / span, gains

    v = np.zeros(game.n_states)
    Tv, grouped = shapley_operator(v)
    residual = float(np.abs(Tv - v).max())
    iterations, newton_steps = 1, 0
    ranges = np.array(game.payoff_ranges)
    while True:
        newton, gains = evaluate(grouped)
        relative = float((gains / np.where(ranges > 0, ranges, 1.0)).max())
        if relative <= tol:
            break
        if iterations >= max_iter:
            raise SolverError(
                f"Shapley iteration did not reach tol={tol!r} in max_iter="
                f"{max_iter} iterations (Bellman residual {residual:.3g}, relative "
                f"one-shot gain {relative:.3g}); raise max_iter or tol."
            )
        candidate, candidate_grouped = shapley_operator(newton)
        iterations += 1
        candidate_residual = float(np.abs(candidate - newton).max())
        if candidate_residual <= 0.5 * residual:
            v, Tv, grouped, residual = (
                newton,
                candidate,
                candidate_grouped,
                candidate_residual,
            )
            newton_steps += 1
            continue
        if iterations >= max_iter:
            continue
        v = Tv
        Tv, grouped = shapley_operator(v)
        iterations += 1
        residual = float(np.abs(Tv - v).max())
    strategies = [[None, None] for _ in range(game.n_states)]
    for g, (x, y) in zip(groups, grouped, strict=True):
        for row, s in enumerate(g.states):
            strategies[s] = (x[row], y[row])
    equilibrium = make_stochastic_equilibrium(game, strategies)
    _raise_unless_certified(equilibrium, tol)
    return _result(
        game,
        [equilibrium],
        "shapley",
        False,
        {
            "value": equilibrium.values[:, 0].copy(),
            "iterations": iterations,
            "newton_steps": newton_steps,
            "residual": residual * span,
        },
    )


# -------------------------------------------------------------------- pure
def solve_pure_stationary(
    game, *, tol: float = 1e-9, max_profiles: int = 1_000_000
) -> EquilibriumResult:
    """Every pure stationary equilibrium of a small stochastic game.

    Enumerates the pure stationary strategies of all players but the last;
    against each, the last player's problem is a Markov decision problem,
    solved by policy iteration (Puterman 1994, *Markov Decision Processes*,
    Section 6.4). Its optimal pure stationary strategies are exactly the
    choices of an optimal action in every state, so only those are
    checked, with the one-shot deviation principle, for the other players.
    Ties within ``tol`` count as optimal, so equilibria are not missed in
    games with equal payoffs.

    Parameters
    ----------
    game : StochasticGame
    tol : float
        Certificate tolerance, relative to each player's payoff range.
    max_profiles : int
        Largest number of pure stationary profiles of the first
        ``n_players - 1`` players to enumerate.

    Returns
    -------
    EquilibriumResult
        ``method="pure"``, ``complete=True``: every pure stationary
        equilibrium (there may be none).

    Raises
    ------
    ResourceLimitError
        When the enumeration would exceed ``max_profiles``.

    Examples
    --------
    >>> import stratgame as sg
    >>> coordination = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> g = sg.StochasticGame.from_normal_form(coordination, 0.9)
    >>> res = solve_pure_stationary(g)
    >>> [eq.values[0].tolist() for eq in res.equilibria]
    [[20.0, 20.0], [10.0, 10.0]]
    """
    _check_game(game, "solve_pure_stationary")
    tol = check_real(tol, "tol", "solve_pure_stationary", low=0)
    max_profiles = check_integer(
        max_profiles, "max_profiles", "solve_pure_stationary", low=1
    )
    S, N = game.n_states, game.n_players
    last = N - 1
    outer_counts = [int(np.prod(shape[:last])) for shape in game.n_actions]
    total = 1
    for c in outer_counts:
        total *= c
        if total > max_profiles:
            raise ResourceLimitError(
                f"pure enumeration would visit more than max_profiles={max_profiles} "
                f"stationary profiles of players {game.players[:last]!r} (the "
                f"product over states of their action profiles); raise "
                "max_profiles or use method='homotopy'."
            )
    payoffs = [np.asarray(p, dtype=np.float64) for p in game.payoffs]
    transitions = [np.asarray(t, dtype=np.float64) for t in game.transitions]
    delta = game.discounts
    ranges = np.array(game.payoff_ranges)
    value_scale = np.where(ranges > 0, ranges, 1.0) / (1.0 - delta)
    n_last = [shape[last] for shape in game.n_actions]
    width = max(n_last)
    found = []
    chunk = 4096
    for start in range(0, total, chunk):
        codes = np.arange(start, min(start + chunk, total))
        outer = np.empty((len(codes), S), dtype=np.int64)
        rest = codes.copy()
        for s in range(S):
            outer[:, s] = rest % outer_counts[s]
            rest //= outer_counts[s]
        B = len(codes)
        # The last player's MDP against each outer profile.
        reward = np.full((B, S, width), -np.inf)
        move = np.zeros((B, S, width, S))
        for s in range(S):
            index = np.unravel_index(outer[:, s], game.n_actions[s][:last])
            reward[:, s, : n_last[s]] = payoffs[s][last][index]
            move[:, s, : n_last[s]] = transitions[s][index]
        optimal = _policy_iteration(reward, move, delta[last])
        q = reward + delta[last] * np.einsum("bsat,bt->bsa", move, optimal)
        best = q.max(axis=2, keepdims=True)
        ties = q >= best - 1e-12 * value_scale[last]
        for b in range(B):
            choices = [np.flatnonzero(ties[b, s]) for s in range(S)]
            for last_actions in itertools.product(*choices):
                profile = [
                    (*np.unravel_index(outer[b, s], game.n_actions[s][:last]), a)
                    for s, a in enumerate(last_actions)
                ]
                if _pure_gains_ok(
                    payoffs, transitions, delta, profile, tol, ranges, last
                ):
                    found.append(profile)
    equilibria = []
    for profile in found:
        strategies = [tuple(int(a) for a in per_state) for per_state in profile]
        equilibrium = make_stochastic_equilibrium(game, strategies)
        if equilibrium.relative_regret <= tol:
            equilibria.append(equilibrium)
    return _result(game, equilibria, "pure", True, {"profiles": total})


def _policy_iteration(reward, move, delta, max_iter: int = 500) -> np.ndarray:
    """Optimal values ``(B, S)`` of ``B`` Markov decision problems at once
    (rewards ``-inf`` mark missing actions)."""
    B, S, _ = reward.shape
    policy = reward.argmax(axis=2)
    rows = np.arange(B)[:, None]
    states = np.arange(S)[None, :]
    eye = np.eye(S)
    for _ in range(max_iter):
        r = reward[rows, states, policy]
        P = move[rows, states, policy]
        values = np.linalg.solve(eye - delta * P, r[..., None])[..., 0]
        q = reward + delta * np.einsum("bsat,bt->bsa", move, values)
        current = q[rows, states, policy]
        improve = q.max(axis=2) > current + 1e-12 * (1 + np.abs(current))
        if not improve.any():
            return values
        policy = np.where(improve, q.argmax(axis=2), policy)
    return values


def _pure_gains_ok(payoffs, transitions, delta, profile, tol, ranges, last) -> bool:
    """True when no player other than ``last`` gains from a one-shot
    deviation from the pure stationary ``profile`` (within ``tol``)."""
    S = len(profile)
    P = np.array([transitions[s][profile[s]] for s in range(S)])
    for i in range(last):
        r = np.array([payoffs[s][i][profile[s]] for s in range(S)])
        values = np.linalg.solve(np.eye(S) - delta[i] * P, r)
        for s in range(S):
            index = list(profile[s])
            index[i] = slice(None)
            q = payoffs[s][i][tuple(index)] + delta[i] * (
                transitions[s][tuple(index)] @ values
            )
            if q.max() - values[s] > tol * (ranges[i] if ranges[i] > 0 else 1.0):
                return False
    return True


# ---------------------------------------------------------------- homotopy
# Acceptance of a polished equilibrium, as in the static logit solver: within
# this distance of the branch, which must have come this much closer since
# the last checkpoint; when the budget runs out, how close to the branch's
# end it must be.
_ACCEPT_DISTANCE = 0.1
_ACCEPT_RATE = 0.75
_END_DISTANCE = 1e-4


@renamed_keywords(max_steps="max_iter")
def solve_homotopy(
    game,
    *,
    tol: float = 1e-9,
    max_lam: float = 1e7,
    max_iter: int = 20_000,
) -> EquilibriumResult:
    """A stationary equilibrium of a stochastic game with any number of
    players: the limit of the principal branch of Markov logit quantal
    response equilibria.

    In a Markov logit QRE every player, in every state, mixes with
    probabilities proportional to ``exp(lam * Q)``, ``Q`` the action's value
    against the others' play with continuation values from the QRE itself;
    at ``lam = 0`` play is uniform, and as ``lam`` grows the branch of QREs
    that starts there leads, for almost every game, to a stationary
    equilibrium (Eibelshäuser & Poensgen 2019, with their package
    sgamesolver; the logit tracing procedure of Herings & Peeters 2004 is
    the analogous construction from a prior). The branch is traced over all
    states at once by predictor-corrector continuation with step control
    (Allgower & Georg 1990), on payoffs rescaled per player to [0, 1]; the
    linear systems keep the Jacobian's structure (one small dense block per
    state, coupled through the values), so games with many states stay
    cheap. Each time the precision doubles, the supports of the current QRE
    are fixed and Newton's method solves the equilibrium conditions on
    them; the answer is returned once it is certified (one-shot deviation
    gains at most ``tol`` times each player's payoff range) and the branch
    is converging to it.

    Parameters
    ----------
    game : StochasticGame
        Any number of players and states.
    tol : float
        Certificate tolerance, relative to each player's payoff range.
    max_lam : float
        Give up when the precision (for payoffs rescaled to [0, 1]) passes
        this.
    max_iter : int
        Give up after this many predictor-corrector steps (``max_steps``,
        the former name, is accepted with a ``DeprecationWarning``).

    Returns
    -------
    EquilibriumResult
        ``method="homotopy"``, one :class:`StochasticEquilibrium`;
        ``details`` holds ``"lam"`` (rescaled payoffs), ``"steps"`` and
        ``"branch_limit"``: True when the equilibrium is the limit the branch
        converges to; False when the branch stalled (the step size collapsed
        or the budget ran out) and the certified equilibrium nearest its last
        point is returned instead — an equilibrium all the same, but not
        shown to be the one the homotopy selects.

    Raises
    ------
    SolverError
        When the branch cannot be continued or the budget runs out and no
        certified equilibrium was found on the way.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.games.random_stochastic_game(3, 3, 2, discount=0.9, rng=4)
    >>> eq = solve_homotopy(g).equilibria[0]
    >>> eq.relative_regret <= 1e-9, eq.values.shape
    (True, (3, 3))
    """
    _check_game(game, "solve_homotopy")
    tol = check_real(tol, "tol", "solve_homotopy", low=0, low_open=True)
    max_lam = check_real(max_lam, "max_lam", "solve_homotopy", low=0, low_open=True)
    max_iter = check_integer(max_iter, "max_iter", "solve_homotopy", low=1)
    system = MarkovLogitSystem(game)
    tracer = PathTracer(system)
    checkpoint, previous = 4.0, []
    moving = True
    while moving and tracer.steps < max_iter and tracer.lam < max_lam:
        moving = tracer.advance()
        if moving and tracer.lam < checkpoint:  # and polish where it stops
            continue
        checkpoint = 2.0 * tracer.lam
        branch = system.by_state(system.split(tracer.point, exp=True))
        branch = [[x / x.sum() for x in per] for per in branch]
        found = []
        for masks in support_masks(system, tracer.point):
            polished = polish(system, tracer.point, masks)
            if polished is None:
                continue
            candidate = system.by_state(polished)
            equilibrium = make_stochastic_equilibrium(game, candidate)
            if equilibrium.relative_regret > tol:
                continue
            distance = _distance(equilibrium.strategies, branch)
            # The branch approaches its limit at rate O(1 / lam): accept an
            # equilibrium that the polish also reached at half the precision
            # and that the branch has come markedly closer to since.
            if distance <= _ACCEPT_DISTANCE and any(
                _distance(equilibrium.strategies, other.strategies) <= 1e-7
                and distance <= _ACCEPT_RATE * other_distance
                for other, other_distance in previous
            ):
                return _homotopy_result(game, equilibrium, tracer)
            found.append((equilibrium, distance))
        previous = found
    close = [eq for eq, d in previous if d <= _END_DISTANCE]
    if close:
        return _homotopy_result(game, min(close, key=lambda e: e.regret), tracer)
    if previous:
        # Certified, but the branch never came close enough to call it the
        # branch's limit: still an equilibrium, reported as off the branch.
        nearest = min(previous, key=lambda found: found[1])[0]
        return _homotopy_result(game, nearest, tracer, branch_limit=False)
    reason = "the step size collapsed" if not moving else "the budget ran out"
    raise SolverError(
        f"the logit homotopy found no certified equilibrium: {reason} at "
        f"lam={tracer.lam:.6g} after {tracer.steps} steps (max_iter={max_iter}, "
        f"max_lam={max_lam:g}); raise max_iter or max_lam, or try method='pure'."
    )


def _distance(first, second) -> float:
    return max(
        float(np.abs(a - b).max())
        for p, q in zip(first, second, strict=True)
        for a, b in zip(p, q, strict=True)
    )


def _homotopy_result(
    game, equilibrium, tracer, *, branch_limit: bool = True
) -> EquilibriumResult:
    return _result(
        game,
        [equilibrium],
        "homotopy",
        False,
        {"lam": tracer.lam, "steps": tracer.steps, "branch_limit": branch_limit},
    )
