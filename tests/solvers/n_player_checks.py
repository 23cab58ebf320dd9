"""Checks shared by the N-player solver tests, computed independently of
stratgame's own regret code: einsum on the raw payoff arrays."""

from __future__ import annotations

import numpy as np


def independent_regret(payoffs, strategies) -> float:
    """Largest deviation gain over players, relative to each player's payoff
    range, computed with einsum from the raw payoff arrays."""
    worst, n = 0.0, len(strategies)
    letters = "abcdefgh"[:n]
    for i, u in enumerate(payoffs):
        u = np.asarray(u, dtype=float)
        others = [letters[j] for j in range(n) if j != i]
        spec = f"{letters},{','.join(others)}->{letters[i]}"
        values = np.einsum(spec, u, *[strategies[j] for j in range(n) if j != i])
        spread = u.max() - u.min()
        gain = values.max() - values @ strategies[i]
        worst = max(worst, gain / spread if spread > 0 else 0.0)
    return worst


def distance(a, b) -> float:
    """Largest probability difference between two profiles."""
    return float(np.max(np.abs(np.concatenate(a) - np.concatenate(b))))
