"""Playing automata against each other: matches and round-robin tournaments.

A tournament follows Axelrod (1980, 1984): every strategy meets every other
(and, by default, a copy of itself) for a number of turns, repeated; each
strategy's score is its payoff per turn averaged over its opponents.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

from .._optional import require
from .._validation import check_integer, check_real, check_rng
from ..exceptions import InvalidGameError, InvalidProfileError
from .automaton import Automaton

__all__ = ["MatchResult", "TournamentResult", "match", "tournament"]


@dataclass(frozen=True, eq=False)
class MatchResult:
    """The record of one match.

    Attributes
    ----------
    actions : numpy.ndarray
        ``(turns, N)`` realized actions (after noise).
    payoffs : numpy.ndarray
        ``(turns, N)`` stage payoffs.
    totals : numpy.ndarray
        Each player's total payoff.
    """

    actions: np.ndarray
    payoffs: np.ndarray
    totals: np.ndarray

    @property
    def turns(self) -> int:
        """Number of turns played."""
        return self.actions.shape[0]

    @property
    def mean_payoffs(self) -> np.ndarray:
        """Each player's payoff per turn."""
        return self.totals / max(self.turns, 1)


def _check_strategies(stage_game, strategies) -> tuple[Automaton, ...]:
    n = stage_game.n_players
    if len(strategies) != n:
        raise InvalidProfileError(
            f"a match needs one automaton per player ({n}); got {len(strategies)}."
        )
    for i, m in enumerate(strategies):
        if not isinstance(m, Automaton):
            raise InvalidProfileError(
                f"player {i}'s strategy must be an Automaton; got {type(m).__name__}."
            )
        m.check_fits(stage_game.shape, i)
    return tuple(strategies)


def _sample(probs: np.ndarray, rng) -> np.ndarray:
    """One action per row of ``probs``; deterministic rows use no randomness."""
    if np.all(probs.max(axis=1) == 1.0):
        return np.argmax(probs, axis=1)
    u = rng.random(probs.shape[0])
    out = (np.cumsum(probs, axis=1) < u[:, None]).sum(axis=1)
    return np.minimum(out, probs.shape[1] - 1)


def _simulate(stage_game, automata, turns: int, copies: int, noise: float, rng):
    """Play ``copies`` independent matches of ``turns`` turns at once.

    Returns realized actions ``(copies, turns, N)`` and payoffs of the same
    shape.
    """
    n = stage_game.n_players
    shape = stage_game.shape
    payoff_arrays = stage_game.float_payoff_arrays
    states = np.array([[m.initial for m in automata]] * copies, dtype=np.int64)
    actions = np.empty((copies, turns, n), dtype=np.int64)
    payoffs = np.empty((copies, turns, n))
    for t in range(turns):
        played = np.empty((copies, n), dtype=np.int64)
        for i, m in enumerate(automata):
            chosen = _sample(m.policy[states[:, i]], rng)
            if noise > 0 and shape[i] > 1:
                flip = rng.random(copies) < noise
                shift = rng.integers(1, shape[i], size=copies)
                chosen = np.where(flip, (chosen + shift) % shape[i], chosen)
            played[:, i] = chosen
        index = tuple(played.T)
        for i in range(n):
            payoffs[:, t, i] = payoff_arrays[i][index]
        actions[:, t] = played
        for i, m in enumerate(automata):
            others = tuple(played[:, j] for j in range(n) if j != i)
            states[:, i] = m.transitions[(states[:, i], played[:, i], *others)]
    return actions, payoffs


def _simulate_one(stage_game, automata, turns: int, noise: float, rng):
    """One match, turn by turn on Python integers (fast for a single copy)."""
    n = stage_game.n_players
    shape = stage_game.shape
    pure = [m.is_pure for m in automata]
    chosen_action = [np.argmax(m.policy, axis=1).tolist() for m in automata]
    cumulative = [np.cumsum(m.policy, axis=1).tolist() for m in automata]
    tables = [m.transitions.reshape(m.n_states, -1).tolist() for m in automata]
    views = []  # for player i: the profile's players in the automaton's order
    for i in range(n):
        order = [i] + [j for j in range(n) if j != i]
        strides = np.cumprod([1] + [shape[j] for j in order[::-1]])[:-1][::-1]
        views.append(list(zip(order, strides.tolist(), strict=True)))
    draws = rng.random((turns, n)).tolist() if not all(pure) else None
    if noise > 0:
        flips = (rng.random((turns, n)) < noise).tolist()
        shifts = [rng.integers(1, max(k, 2), size=turns).tolist() for k in shape]
    states = [m.initial for m in automata]
    actions = [[0] * n for _ in range(turns)]
    for t in range(turns):
        played = actions[t]
        for i in range(n):
            w = states[i]
            if pure[i]:
                a = chosen_action[i][w]
            else:
                cum, u = cumulative[i][w], draws[t][i]
                a = next((k for k, c in enumerate(cum) if u < c), len(cum) - 1)
            if noise > 0 and shape[i] > 1 and flips[t][i]:
                a = (a + shifts[i][t]) % shape[i]
            played[i] = a
        if n == 2:
            a0, a1 = played
            states[0] = tables[0][states[0]][a0 * shape[1] + a1]
            states[1] = tables[1][states[1]][a1 * shape[0] + a0]
        else:
            for i in range(n):
                flat = sum(played[j] * stride for j, stride in views[i])
                states[i] = tables[i][states[i]][flat]
    actions = np.array(actions, dtype=np.int64).reshape(turns, n)
    index = tuple(actions.T)
    payoffs = np.stack([u[index] for u in stage_game.float_payoff_arrays], axis=1)
    return actions, payoffs


def match(stage_game, strategies, turns, noise=0.0, rng=None) -> MatchResult:
    """Play automata against each other for ``turns`` turns.

    Parameters
    ----------
    stage_game : NormalFormGame
    strategies : sequence of Automaton
        One per player.
    turns : int
        Number of turns (at least 1).
    noise : float, default 0
        Probability that each intended action is replaced by another one
        (chosen uniformly); the automata see the realized actions.
    rng : None, int or numpy.random.Generator
        Randomness for mixed actions and noise.

    Returns
    -------
    MatchResult

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.repeated import tit_for_tat, alternator
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> m = match(pd, (tit_for_tat(), alternator()), turns=4)
    >>> m.actions.tolist(), m.totals
    ([[0, 0], [0, 1], [1, 0], [0, 1]], array([ 8., 13.]))
    """
    automata = _check_strategies(stage_game, strategies)
    turns = check_integer(turns, "turns", "match", low=1)
    noise = float(check_real(noise, "noise", "match", low=0, high=1))
    random = noise > 0 or not all(m.is_pure for m in automata) or rng is not None
    rng = check_rng(rng) if random else None
    actions, payoffs = _simulate_one(stage_game, automata, turns, noise, rng)
    return MatchResult(actions, payoffs, payoffs.sum(axis=0))


@dataclass(frozen=True, eq=False)
class TournamentResult:
    """The results of a round-robin tournament.

    Attributes
    ----------
    names : tuple of str
        Strategy labels (made unique).
    payoff_matrix : numpy.ndarray
        ``(P, P)``: mean payoff per turn of the row strategy against the
        column strategy (the diagonal is self-play, nan without it).
    scores : numpy.ndarray
        ``(repetitions, P)``: each strategy's payoff per turn averaged over
        its opponents (self-play excluded), per repetition.
    wins : numpy.ndarray
        ``(P,)``: matches in which the strategy scored more than its
        opponent, over all repetitions (self-play excluded).
    head_to_head_wins : numpy.ndarray
        ``(P, P)``: how often the row strategy beat the column strategy.
    turns : numpy.ndarray
        ``(repetitions,)`` match lengths.
    """

    names: tuple[str, ...]
    payoff_matrix: np.ndarray
    scores: np.ndarray
    wins: np.ndarray
    head_to_head_wins: np.ndarray
    turns: np.ndarray = field(repr=False)

    @property
    def mean_scores(self) -> np.ndarray:
        """Mean score of each strategy over the repetitions."""
        return self.scores.mean(axis=0)

    @property
    def ranking(self) -> tuple[str, ...]:
        """Strategy names, best mean score first (ties keep input order)."""
        order = np.argsort(-self.mean_scores, kind="stable")
        return tuple(self.names[k] for k in order)

    def table(self) -> list[dict]:
        """One dict per strategy, ranked: rank, name, mean score, its
        standard deviation over repetitions, wins."""
        order = np.argsort(-self.mean_scores, kind="stable")
        return [
            {
                "rank": r + 1,
                "name": self.names[k],
                "mean_score": float(self.mean_scores[k]),
                "score_std": float(self.scores[:, k].std()),
                "wins": int(self.wins[k]),
            }
            for r, k in enumerate(order)
        ]

    def to_dataframe(self):
        """The ranked table as a pandas DataFrame (needs pandas)."""
        pd = require("pandas", "TournamentResult.to_dataframe()")

        return pd.DataFrame(self.table()).set_index("rank")

    def __repr__(self) -> str:
        lines = [
            f"TournamentResult({len(self.names)} strategies, "
            f"{self.scores.shape[0]} repetitions)"
        ]
        for row in self.table():
            lines.append(
                f"  {row['rank']:>2}. {row['name']:<28} score {row['mean_score']:.4f}"
                f"  wins {row['wins']}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{r['rank']}</td><td>{html.escape(r['name'])}</td>"
            f"<td>{r['mean_score']:.4f}</td><td>{r['wins']}</td></tr>"
            for r in self.table()
        )
        return (
            "<table><tr><th>rank</th><th>strategy</th><th>mean score</th>"
            f"<th>wins</th></tr>{rows}</table>"
        )


def _unique_names(strategies) -> tuple[str, ...]:
    names, seen = [], {}
    for m in strategies:
        base = m.label
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return tuple(names)


def tournament(
    stage_game,
    strategies,
    turns=200,
    repetitions=10,
    noise=0.0,
    prob_end=None,
    rng=None,
    *,
    self_play=True,
) -> TournamentResult:
    """An Axelrod-style round robin between automata in a symmetric
    two-player stage game.

    Every pair of strategies plays ``repetitions`` matches (the first listed
    as the row player); with ``self_play`` each also meets a copy of itself.

    Parameters
    ----------
    stage_game : NormalFormGame
        A symmetric two-player game.
    strategies : sequence of Automaton
    turns : int or None, default 200
        Match length; with ``prob_end`` an upper bound (None for none).
    repetitions : int, default 10
    noise : float, default 0
        Probability that each intended action is flipped.
    prob_end : float, optional
        Probability that a match ends after each turn: match lengths are then
        geometric (mean ``1 / prob_end``), the same for all pairs within a
        repetition.
    rng : None, int or numpy.random.Generator
    self_play : bool, default True

    Returns
    -------
    TournamentResult

    Examples
    --------
    >>> import stratgame as sg
    >>> from stratgame.repeated import tit_for_tat, always_defect, always_cooperate
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> result = tournament(pd, [tit_for_tat(), always_defect(), always_cooperate()],
    ...                     turns=10, repetitions=2)
    >>> result.ranking
    ('always defect', 'tit for tat', 'always cooperate')
    >>> float(result.payoff_matrix[0, 1])
    0.9
    """
    if stage_game.n_players != 2 or not stage_game.is_symmetric():
        raise InvalidGameError(
            f"a tournament needs a symmetric two-player stage game; got {stage_game!r}."
        )
    strategies = list(strategies)
    if len(strategies) < 2:
        raise InvalidProfileError(
            f"a tournament needs at least two strategies; got {len(strategies)}."
        )
    for m in strategies:
        _check_strategies(stage_game, (m, m))
    repetitions = check_integer(repetitions, "repetitions", "tournament", low=1)
    noise = float(check_real(noise, "noise", "tournament", low=0, high=1))
    rng = check_rng(rng)
    if turns is not None:
        turns = check_integer(turns, "turns", "tournament", low=1)
    if prob_end is None:
        if turns is None:
            raise ValueError("tournament needs turns, prob_end or both; got neither.")
        lengths = np.full(repetitions, turns)
    else:
        prob_end = float(
            check_real(prob_end, "prob_end", "tournament", low=0, high=1, low_open=True)
        )
        lengths = rng.geometric(prob_end, size=repetitions)
        if turns is not None:
            lengths = np.minimum(lengths, turns)
    k = len(strategies)
    longest = int(lengths.max())
    mask = np.arange(longest)[None, :] < lengths[:, None]
    totals = np.full((repetitions, k, k), np.nan)
    for a in range(k):
        for b in range(a if self_play else a + 1, k):
            _, payoffs = _simulate(
                stage_game,
                (strategies[a], strategies[b]),
                longest,
                repetitions,
                noise,
                rng,
            )
            sums = (payoffs * mask[:, :, None]).sum(axis=1)
            totals[:, a, b] = sums[:, 0]
            if a != b:
                totals[:, b, a] = sums[:, 1]
    per_turn = totals / lengths[:, None, None]
    off_diagonal = ~np.eye(k, dtype=bool)
    scores = np.array(
        [
            [per_turn[r, a, off_diagonal[a]].mean() for a in range(k)]
            for r in range(repetitions)
        ]
    )
    beat = np.nan_to_num(totals > np.swapaxes(totals, 1, 2)) & off_diagonal
    head_to_head = beat.sum(axis=0)
    return TournamentResult(
        names=_unique_names(strategies),
        payoff_matrix=per_turn.mean(axis=0),
        scores=scores,
        wins=head_to_head.sum(axis=1),
        head_to_head_wins=head_to_head,
        turns=lengths,
    )
