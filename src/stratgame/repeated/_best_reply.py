"""Best replies to fixed automata: the Markov decision problem of one player
over the joint states, solved by policy iteration (infinite horizon) or
backward induction (finite horizon)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ._chain import solve

__all__ = ["backward_induction", "horizon_weight", "policy_iteration"]


def horizon_weight(discount, horizon: int, exact: bool):
    """``Σ_{t < horizon} δ^t``."""
    d = Fraction(discount) if exact else float(discount)
    if d == 1:
        return Fraction(horizon) if exact else float(horizon)
    return (1 - d**horizon) / (1 - d)


def policy_iteration(chain, player: int, discount):
    """Optimal normalized values and a stationary optimal policy of player
    ``player`` against the others' automata (Howard's policy iteration;
    Puterman 1994, Section 6.4)."""
    P_all, r_all = chain.deviation_P[player], chain.deviation_r[player]
    discount = chain._number(discount)
    n_states = len(chain.states)
    rows = np.arange(n_states)
    policy = np.argmax(np.asarray(chain.intended[player], dtype=np.float64), axis=1)
    eps = 0 if chain.exact else 1e-12 * max(1.0, float(np.abs(chain.r).max()))
    for _ in range(10 * n_states + 10):
        values = (1 - discount) * solve(
            P_all[policy, rows], r_all[policy, rows], discount, chain.exact
        )
        q = (1 - discount) * r_all + discount * np.einsum("bst,t->bs", P_all, values)
        current = q[policy, rows]
        best = np.array([max(q[:, s]) for s in rows], dtype=q.dtype)
        improve = np.array([best[s] > current[s] + eps for s in rows])
        if not improve.any():
            return values, policy
        for s in np.flatnonzero(improve):
            policy[s] = next(b for b in range(q.shape[0]) if q[b, s] == best[s])
    return values, policy


def backward_induction(chain, player: int, discount, horizon: int):
    """Optimal normalized values over a finite horizon, and the first-period
    optimal actions."""
    P_all, r_all = chain.deviation_P[player], chain.deviation_r[player]
    discount = chain._number(discount)
    values = np.zeros(len(chain.states), dtype=r_all.dtype)
    policy = np.zeros(len(chain.states), dtype=np.int64)
    for _ in range(horizon):
        q = r_all + discount * np.einsum("bst,t->bs", P_all, values)
        policy = np.array([int(np.argmax(q[:, s])) for s in range(q.shape[1])])
        values = np.array([max(q[:, s]) for s in range(q.shape[1])], dtype=q.dtype)
    return values / horizon_weight(discount, horizon, chain.exact), policy
