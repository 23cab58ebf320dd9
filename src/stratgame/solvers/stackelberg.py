"""Stackelberg commitment in two-player games: the leader commits to a
strategy, the follower observes it and best-responds.

The strong Stackelberg equilibrium breaks the follower's ties in the leader's
favour. With mixed commitment it is found by one linear program per follower
action (Conitzer and Sandholm 2006, "Computing the optimal strategy to commit
to", EC '06, Section 3); with pure commitment, by checking every leader action.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._display import by_player, label, names, number, strategy_text
from .._validation import check_choice, check_integer
from ..exceptions import InvalidGameError
from ..games import NormalFormGame

__all__ = ["StackelbergResult", "stackelberg"]


@dataclass(frozen=True, eq=False)
class StackelbergResult:
    """The leader's optimal commitment and the follower's response.

    Attributes
    ----------
    leader : int
        The index of the leader (the follower is the other player).
    commitment : str
        ``"mixed"`` or ``"pure"``.
    leader_strategy : numpy.ndarray
        The probability vector the leader commits to.
    follower_response : int
        The follower's best response (the one best for the leader among ties).
    follower_strategy : numpy.ndarray
        The same response as a probability vector.
    payoffs : numpy.ndarray
        Both players' payoffs, indexed by player (not by role).
    follower_regret : float
        How much the follower could gain by deviating from its response:
        zero up to the LP solver's accuracy.
    game : NormalFormGame
    """

    leader: int
    commitment: str
    leader_strategy: np.ndarray
    follower_response: int
    follower_strategy: np.ndarray
    payoffs: np.ndarray
    follower_regret: float
    game: Any = field(repr=False, default=None)

    @property
    def regret(self) -> float:
        """The certificate, as for every equilibrium type: the follower's gain
        from deviating from its response (``follower_regret``); the leader
        commits and does not deviate."""
        return self.follower_regret

    @property
    def follower(self) -> int:
        """The index of the follower."""
        return 1 - self.leader

    @property
    def strategies(self) -> tuple[np.ndarray, np.ndarray]:
        """Both players' strategies, in player order."""
        if self.leader == 0:
            return (self.leader_strategy, self.follower_strategy)
        return (self.follower_strategy, self.leader_strategy)

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return {
            "leader": self.leader,
            "commitment": self.commitment,
            "leader_strategy": self.leader_strategy.tolist(),
            "follower_response": self.follower_response,
            "payoffs": [float(p) for p in self.payoffs],
            "follower_regret": float(self.follower_regret),
        }

    def _names(self):
        shape = [len(s) for s in self.strategies]
        return names(self.game, shape)

    def __repr__(self) -> str:
        players, actions = self._names()
        return (
            f"StackelbergResult(leader={players[self.leader]!r}, commitment="
            f"{self.commitment!r}, leader_strategy="
            f"{strategy_text(actions[self.leader], self.leader_strategy)!r}, "
            "follower_response="
            f"{actions[self.follower][self.follower_response]!r}, "
            f"payoffs={by_player(players, self.payoffs)})"
        )

    def _repr_html_(self) -> str:
        players, actions = self._names()
        leader, follower = players[self.leader], players[self.follower]
        payoffs = ", ".join(
            f"{label(p)} {number(u)}"
            for p, u in zip(players, self.payoffs, strict=True)
        )
        text = (
            f"{self.commitment} commitment by {label(leader)}: "
            f"{strategy_text(actions[self.leader], self.leader_strategy)}; "
            f"{label(follower)} answers "
            f"{label(actions[self.follower][self.follower_response])}; "
            f"payoffs {payoffs}"
        )
        return f"<p>{html.escape(text)}</p>"


def _roles(game, leader: int):
    """Leader's and follower's payoff matrices, rows = leader's actions."""
    u_leader, u_follower = (game.float_payoff_arrays[k] for k in (leader, 1 - leader))
    if leader == 1:
        return np.asarray(u_leader).T, np.asarray(u_follower).T
    return np.asarray(u_leader), np.asarray(u_follower)


def stackelberg(
    game, leader: int = 0, commitment: str = "mixed", *, tol: float = 1e-9
) -> StackelbergResult:
    """The leader's optimal commitment against a best-responding follower
    (strong Stackelberg equilibrium: the follower's ties go the leader's way).

    Mixed commitment solves, for every follower action ``j``, the LP
    ``max_x x . A[:, j]`` subject to ``x . B[:, j] >= x . B[:, k]`` for all
    ``k`` and ``x`` in the simplex, where ``A`` and ``B`` are the leader's
    and follower's payoffs; the best feasible ``j`` wins (Conitzer and
    Sandholm 2006, Section 3). The leader's payoff is at least its payoff in
    any Nash equilibrium (von Stengel and Zamir 2010, "Leadership games with
    convex strategy sets", GEB 69).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    leader : int
        The player who commits (0 or 1).
    commitment : {"mixed", "pure"}
        Commit to a probability vector, or only to a single action.
    tol : float
        For pure commitment, follower payoffs within ``tol * payoff_scale`` of
        the best count as ties (exact games compare exactly).

    Returns
    -------
    StackelbergResult

    Raises
    ------
    InvalidGameError
        For games with other than two players (with several followers the
        problem is NP-hard; Conitzer and Sandholm 2006, Section 4).

    Examples
    --------
    The leader's dominant action gives it 2 in the Nash equilibrium; by
    committing to play it with probability 2/3 it gets 11/3 (Conitzer and
    Sandholm 2006, Figure 1; von Stengel and Zamir 2010, Figure 1).

    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 4], [1, 3]], [[1, 0], [0, 2]])
    >>> res = sg.stackelberg(g, leader=0)
    >>> res.leader_strategy.round(6), res.follower_response
    (array([0.666667, 0.333333]), 1)
    >>> res.payoffs.round(6)
    array([3.666667, 0.666667])
    >>> sg.stackelberg(g, commitment="pure").payoffs
    array([3., 2.])
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"stackelberg needs a NormalFormGame; got {type(game).__name__}."
        )
    if game.n_players != 2:
        raise InvalidGameError(
            "stackelberg needs a two-player game (one leader, one follower); "
            f"this game has {game.n_players} players."
        )
    leader = check_integer(leader, "leader", "stackelberg", low=0, high=1)
    check_choice(commitment, "commitment", "stackelberg", ("mixed", "pure"))
    a, b = _roles(game, leader)
    if commitment == "pure":
        x, response = _pure_commitment(game, leader, tol)
    else:
        x, response = _mixed_commitment(a, b)
    follower_strategy = np.zeros(a.shape[1])
    follower_strategy[response] = 1.0
    profile = (x, follower_strategy) if leader == 0 else (follower_strategy, x)
    if commitment == "pure":
        profile = tuple(s.astype(int) for s in profile)  # exact for exact games
    payoffs = np.asarray(game.expected_payoffs(profile), dtype=np.float64)
    follower_values = x @ b
    return StackelbergResult(
        leader=leader,
        commitment=commitment,
        leader_strategy=np.asarray(x, dtype=np.float64),
        follower_response=int(response),
        follower_strategy=follower_strategy,
        payoffs=payoffs,
        follower_regret=max(
            0.0, float(follower_values.max() - follower_values[response])
        ),
        game=game,
    )


def _pure_commitment(game, leader: int, tol: float):
    """Every leader action against the follower's leader-preferred best
    response; exact comparisons for exact games."""
    u_leader, u_follower = game.payoff_arrays[leader], game.payoff_arrays[1 - leader]
    if leader == 1:
        u_leader, u_follower = u_leader.T, u_follower.T
    atol = 0 if game.is_exact else tol * game.payoff_scale
    best = None
    for action in range(u_leader.shape[0]):
        replies = u_follower[action]
        top = max(replies)
        ties = [k for k in range(replies.size) if replies[k] >= top - atol]
        response = max(ties, key=lambda k: u_leader[action, k])
        value = u_leader[action, response]
        if best is None or value > best[0]:
            best = (value, action, response)
    x = np.zeros(u_leader.shape[0])
    x[best[1]] = 1.0
    return x, best[2]


def _mixed_commitment(a: np.ndarray, b: np.ndarray):
    """One LP per follower action (Conitzer and Sandholm 2006)."""
    from scipy.optimize import linprog

    rows, cols = a.shape
    best = None
    for j in range(cols):
        others = np.delete(np.arange(cols), j)
        # x . (B[:, k] - B[:, j]) <= 0 for every other follower action k.
        incentive = (b[:, others] - b[:, [j]]).T
        solution = linprog(
            -a[:, j],
            A_ub=incentive if others.size else None,
            b_ub=np.zeros(others.size) if others.size else None,
            A_eq=np.ones((1, rows)),
            b_eq=[1.0],
            bounds=(0.0, None),
            method="highs",
        )
        if solution.status != 0:  # j is never a best response
            continue
        value = -solution.fun
        if best is None or value > best[0] + 1e-12 * max(1.0, abs(best[0])):
            best = (value, np.clip(solution.x, 0.0, None), j)
    x = best[1] / best[1].sum()
    return x, best[2]
