"""The Markov chain of a profile of automata (the joint automaton).

A profile of automata induces a Markov chain over joint states: in joint
state ``s`` each player draws an intended action from its state's mixed
action, each intended action is flipped with probability ``noise`` (to another
action chosen uniformly), and all automata move on the realized profile
(Mailath & Samuelson 2006, Section 2.3). The chain's matrices give exact
values by solving ``(I - δP) V = (1 - δ) r`` and the one-shot deviation values
used for subgame perfection.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from ..games._markov import long_run_distribution
from ..games.exact_linalg import solve_exact

__all__ = ["JointChain"]


def _flip_matrix(n: int, noise, exact: bool) -> np.ndarray:
    """Row b: the realized-action distribution when ``b`` is intended."""
    one = Fraction(1) if exact else 1.0
    noise = Fraction(noise) if exact else float(noise)
    if n == 1:
        return np.array([[one]], dtype=object if exact else np.float64)
    off = noise / (n - 1)
    out = np.full((n, n), off, dtype=object if exact else np.float64)
    for b in range(n):
        out[b, b] = one - noise
    return out


class JointChain:
    """The joint automaton of a profile, closed under every realized profile.

    Parameters
    ----------
    stage_game : NormalFormGame
    automata : sequence of Automaton
        One per player, already checked to fit the game.
    noise : float or Fraction
        Probability that each intended action is flipped.
    exact : bool
        Build the matrices in Fractions (the game must be exact).

    Attributes
    ----------
    states : list of tuple of int
        The joint states reachable from the initial one after any history,
        the initial state first.
    successor : numpy.ndarray
        ``successor[s, a_1, ..., a_N]``: index of the next joint state.
    P : numpy.ndarray
        ``(S, S)`` transition matrix of the realized play.
    r : numpy.ndarray
        ``(S, N)`` expected stage payoffs.
    deviation_P, deviation_r : list of numpy.ndarray
        For player ``i``: ``(n_i, S, S)`` and ``(n_i, S)``, the transition
        matrix and expected stage payoff when ``i`` intends action ``b`` in
        every state and the others follow their automata.
    """

    def __init__(self, stage_game, automata, noise=0.0, exact: bool = False):
        self.shape = stage_game.shape
        self.n_players = stage_game.n_players
        self.automata = tuple(automata)
        self.exact = exact
        self.states = self._reachable_states()
        index = {w: k for k, w in enumerate(self.states)}
        n_states = len(self.states)
        profiles = list(itertools.product(*(range(n) for n in self.shape)))
        successor = np.empty((n_states, *self.shape), dtype=np.int64)
        for k, w in enumerate(self.states):
            for a in profiles:
                successor[(k, *a)] = index[self._step(w, a)]
        self.successor = successor
        dtype = object if exact else np.float64
        payoffs = (
            stage_game.exact_payoff_arrays
            if exact
            else (stage_game.float_payoff_arrays)
        )
        self.payoffs = payoffs
        flips = [_flip_matrix(n, noise, exact) for n in self.shape]
        intended = []
        for i, m in enumerate(self.automata):
            policy = m.exact_policy if exact else m.policy
            intended.append(np.array([policy[w[i]] for w in self.states], dtype=dtype))
        self.intended = intended
        self.realized = [intended[i].dot(flips[i]) for i in range(self.n_players)]
        self.flips = flips
        self.deviation_P, self.deviation_r = [], []
        for i in range(self.n_players):
            weights = self._others_weights(i)
            dev_P = np.zeros((self.shape[i], n_states, n_states), dtype=dtype)
            dev_r = np.zeros((self.shape[i], n_states), dtype=dtype)
            if exact:
                dev_P[...] = Fraction(0)
                dev_r[...] = Fraction(0)
            for b in range(self.shape[i]):
                own = flips[i][b].reshape(
                    [1] + [-1 if j == i else 1 for j in range(self.n_players)]
                )
                w = weights * own
                dev_r[b] = (w * payoffs[i][None, ...]).reshape(n_states, -1).sum(1)
                rows = np.repeat(np.arange(n_states), w[0].size)
                np.add.at(dev_P[b], (rows, successor.ravel()), w.ravel())
            self.deviation_P.append(dev_P)
            self.deviation_r.append(dev_r)
        self.P = np.einsum("sb,bst->st", self.intended[0], self.deviation_P[0])
        self.r = np.stack(
            [
                np.einsum("sb,bs->s", self.intended[i], self.deviation_r[i])
                for i in range(self.n_players)
            ],
            axis=1,
        )

    def _step(self, w, a):
        out = []
        for i, m in enumerate(self.automata):
            others = tuple(a[j] for j in range(self.n_players) if j != i)
            out.append(m.next_state(w[i], a[i], others))
        return tuple(out)

    def _reachable_states(self):
        start = tuple(m.initial for m in self.automata)
        seen = {start: 0}
        order = [start]
        profiles = list(itertools.product(*(range(n) for n in self.shape)))
        k = 0
        while k < len(order):
            w = order[k]
            k += 1
            for a in profiles:
                nxt = self._step(w, a)
                if nxt not in seen:
                    seen[nxt] = len(order)
                    order.append(nxt)
        return order

    def _others_weights(self, player: int) -> np.ndarray:
        """``(S, *shape)``: probability of the others' realized actions, with
        ones along the player's own axis."""
        n_states = len(self.states)
        weights = np.ones((n_states,) + (1,) * self.n_players, dtype=self.r_dtype)
        for j in range(self.n_players):
            if j == player:
                continue
            shape = [n_states] + [-1 if k == j else 1 for k in range(self.n_players)]
            weights = weights * self.realized[j].reshape(shape)
        return np.broadcast_to(weights, (n_states, *self.shape))

    def _number(self, x):
        """``x`` as a Fraction for an exact chain, else as a float."""
        return Fraction(x) if self.exact else float(x)

    @property
    def r_dtype(self):
        return object if self.exact else np.float64

    # ----------------------------------------------------------------- values
    def values(self, discount) -> np.ndarray:
        """Normalized discounted values ``(1 - δ)(I - δP)^{-1} r``, shape (S, N)."""
        discount = self._number(discount)
        return (1 - discount) * solve(self.P, self.r, discount, self.exact)

    def q_values(self, player: int, values, discount, stage_weight) -> np.ndarray:
        """``(n_i, S)``: one-shot deviation values
        ``stage_weight * u_i + δ * E[values of the next state]``."""
        discount = self._number(discount)
        stage_weight = self._number(stage_weight)
        return stage_weight * self.deviation_r[player] + discount * np.einsum(
            "bst,t->bs", self.deviation_P[player], values[:, player]
        )

    def horizon_values(self, discount, horizon: int) -> list[np.ndarray]:
        """Plain discounted sums of the remaining periods, for t = 0..horizon
        (the last one zero), each of shape (S, N)."""
        discount = self._number(discount)
        zero = np.zeros_like(self.r)
        out = [zero]
        for _ in range(horizon):
            out.append(self.r + discount * self.P.dot(out[-1]))
        return out[::-1]

    def long_run_average(self) -> np.ndarray:
        """Per-player long-run average payoff from the initial state: the limit
        of the normalized discounted value as δ → 1 (the Cesàro limit of the
        chain; Puterman 1994, Section 8.2)."""
        P = np.asarray(self.P, dtype=np.float64)
        start = np.zeros(P.shape[0])
        start[0] = 1.0
        return long_run_distribution(P, start).dot(np.asarray(self.r, dtype=np.float64))


def solve(P, r, discount, exact: bool) -> np.ndarray:
    """Solve ``(I - δP) X = r``."""
    n = P.shape[0]
    if not exact:
        return np.linalg.solve(np.eye(n) - discount * P, r)
    d = Fraction(discount)
    A = [[int(i == j) - d * P[i, j] for j in range(n)] for i in range(n)]
    return np.array(solve_exact(A, r), dtype=object)
