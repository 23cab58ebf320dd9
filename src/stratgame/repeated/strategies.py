"""Classic strategies of repeated two-action games, as automata.

Action 0 is *cooperate* and action 1 is *defect*. Every strategy takes
``n_players`` (default 2): with more players, "the opponent cooperated" reads
"every other player cooperated". The definitions follow Axelrod (1984), *The
Evolution of Cooperation*, and the Axelrod library's descriptions; the grim
trigger towards a target profile follows Friedman (1971) and Mailath &
Samuelson (2006, Section 2.4).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from .._validation import check_integer, check_real
from .automaton import Automaton

__all__ = [
    "alternator",
    "always_cooperate",
    "always_defect",
    "generous_tit_for_tat",
    "grim_trigger",
    "grim_trigger_profile",
    "random_strategy",
    "suspicious_tit_for_tat",
    "tit_for_tat",
    "tit_for_two_tats",
    "win_stay_lose_shift",
]

COOPERATE, DEFECT = 0, 1


def _table(n_states: int, n_players: int, rule) -> np.ndarray:
    """Transition table ``(state, own, *others)`` of a two-action strategy from
    ``rule(state, own, others_all_cooperated) -> next state``."""
    n_players = check_integer(n_players, "n_players", "a classic strategy", low=2)
    table = np.empty((n_states,) + (2,) * n_players, dtype=np.int64)
    for state in range(n_states):
        for profile in itertools.product((0, 1), repeat=n_players):
            own, others = profile[0], profile[1:]
            table[(state, *profile)] = rule(state, own, all(a == 0 for a in others))
    return table


def _probability(p, name: str, owner: str) -> Fraction | float:
    p = check_real(p, name, owner, low=0, high=1)
    return Fraction(p) if isinstance(p, int | Fraction) else float(p)


def always_cooperate(n_players: int = 2) -> Automaton:
    """Cooperate in every period.

    Examples
    --------
    >>> always_cooperate().policy
    array([[1., 0.]])
    """
    return Automaton(
        [COOPERATE], _table(1, n_players, lambda s, o, c: 0), name="always cooperate"
    )


def always_defect(n_players: int = 2) -> Automaton:
    """Defect in every period.

    Examples
    --------
    >>> always_defect().policy
    array([[0., 1.]])
    """
    return Automaton(
        [DEFECT], _table(1, n_players, lambda s, o, c: 0), name="always defect"
    )


def tit_for_tat(n_players: int = 2) -> Automaton:
    """Cooperate first, then repeat the other player's last action (Axelrod
    1984). State 0 cooperates, state 1 defects.

    Examples
    --------
    >>> tft = tit_for_tat()
    >>> tft.next_state(0, own=0, others=(1,)), tft.next_state(1, own=1, others=(0,))
    (1, 0)
    """
    return Automaton(
        [COOPERATE, DEFECT],
        _table(2, n_players, lambda s, o, c: 0 if c else 1),
        name="tit for tat",
    )


def suspicious_tit_for_tat(n_players: int = 2) -> Automaton:
    """Defect first, then repeat the other player's last action.

    Examples
    --------
    >>> suspicious_tit_for_tat().initial
    1
    """
    return Automaton(
        [COOPERATE, DEFECT],
        _table(2, n_players, lambda s, o, c: 0 if c else 1),
        initial=1,
        name="suspicious tit for tat",
    )


def grim_trigger(n_players: int = 2) -> Automaton:
    """Cooperate until anyone defects, then defect forever.

    A defection by the player itself also triggers the punishment, as in
    Mailath & Samuelson (2006, Section 2.4.2), so that both players' automata
    stay in the same state after every history and the profile is subgame
    perfect for ``δ >= (T - R) / (T - P)`` in the prisoner's dilemma. Without
    noise it plays exactly like the Axelrod library's Grudger (cooperate until
    the opponent defects), since it never defects first.

    Examples
    --------
    >>> grim_trigger().next_state(0, own=1, others=(0,))
    1
    """
    return Automaton(
        [COOPERATE, DEFECT],
        _table(2, n_players, lambda s, o, c: 0 if s == 0 and o == 0 and c else 1),
        name="grim trigger",
    )


def win_stay_lose_shift(n_players: int = 2) -> Automaton:
    """Pavlov (Nowak & Sigmund 1993): cooperate first; keep the last action
    after the others cooperated (a win), switch it after a defection.

    With two players this is "cooperate exactly when both played the same".

    Examples
    --------
    >>> wsls = win_stay_lose_shift()
    >>> [wsls.next_state(0, own=a, others=(b,)) for a in (0, 1) for b in (0, 1)]
    [0, 1, 1, 0]
    """
    return Automaton(
        [COOPERATE, DEFECT],
        _table(2, n_players, lambda s, o, c: o if c else 1 - o),
        name="win-stay lose-shift",
    )


def tit_for_two_tats(n_players: int = 2) -> Automaton:
    """Defect only after the others defected in each of the last two periods
    (Axelrod 1984). States: 0 no recent defection, 1 one defection, 2 two in a
    row (defect).

    Examples
    --------
    >>> tf2t = tit_for_two_tats()
    >>> tf2t.policy[:, 1]
    array([0., 0., 1.])
    """
    return Automaton(
        [COOPERATE, COOPERATE, DEFECT],
        _table(3, n_players, lambda s, o, c: 0 if c else min(s + 1, 2)),
        name="tit for two tats",
    )


def generous_tit_for_tat(p, n_players: int = 2) -> Automaton:
    """Tit-for-tat that forgives a defection with probability ``p``
    (Nowak & Sigmund 1992): after the others cooperated it cooperates, after a
    defection it cooperates with probability ``p``.

    Parameters
    ----------
    p : float or Fraction in [0, 1]
        The probability of cooperating after a defection.

    Examples
    --------
    >>> generous_tit_for_tat(0.25).policy
    array([[1.  , 0.  ],
           [0.25, 0.75]])
    """
    p = _probability(p, "p", "generous_tit_for_tat")
    return Automaton(
        [COOPERATE, [p, 1 - p]],
        _table(2, n_players, lambda s, o, c: 0 if c else 1),
        name=f"generous tit for tat ({float(p):g})",
    )


def alternator(n_players: int = 2) -> Automaton:
    """Cooperate, defect, cooperate, ... whatever the others do.

    Examples
    --------
    >>> alternator().next_state(0, own=0, others=(0,))
    1
    """
    return Automaton(
        [COOPERATE, DEFECT],
        _table(2, n_players, lambda s, o, c: 1 - s),
        name="alternator",
    )


def random_strategy(p=0.5, n_players: int = 2) -> Automaton:
    """Cooperate with probability ``p`` in every period, independently.

    Examples
    --------
    >>> random_strategy(0.3).policy
    array([[0.3, 0.7]])
    """
    p = _probability(p, "p", "random_strategy")
    return Automaton(
        [[p, 1 - p]],
        _table(1, n_players, lambda s, o, c: 0),
        name=f"random ({float(p):g})",
    )


def grim_trigger_profile(stage_game, target, punishment) -> tuple[Automaton, ...]:
    """Grim-trigger automata of all players towards a target pure profile.

    Every player plays its action of ``target`` until the realized profile
    differs from ``target`` once; from then on every player plays its part of
    ``punishment`` (pure actions or mixed vectors, e.g. a stage Nash
    equilibrium) forever (Friedman 1971; Mailath & Samuelson 2006, Section
    2.5).

    Parameters
    ----------
    stage_game : NormalFormGame
    target : sequence
        One pure action (index or label) per player.
    punishment : sequence
        One pure action or probability vector per player.

    Returns
    -------
    tuple of Automaton
        One automaton per player, ready for :class:`RepeatedGame`.

    Examples
    --------
    >>> import stratgame as sg
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> profile = grim_trigger_profile(pd, target=(0, 0), punishment=(1, 1))
    >>> [a.n_states for a in profile]
    [2, 2]
    """
    from ..exceptions import InvalidProfileError

    n = stage_game.n_players
    shape = stage_game.shape
    if len(target) != n or len(punishment) != n:
        raise InvalidProfileError(
            f"target and punishment need one entry per player ({n}); got "
            f"{len(target)} and {len(punishment)}."
        )
    goal = []
    for i, vector in enumerate(stage_game.as_profile(list(target))):
        if sum(1 for p in vector if p != 0) != 1:
            raise InvalidProfileError(
                f"the target must be a pure profile; player {i}'s entry is "
                f"{[float(p) for p in vector]!r}."
            )
        goal.append(int(np.flatnonzero([p != 0 for p in vector])[0]))
    punish = stage_game.as_profile(list(punishment))
    automata = []
    for i in range(n):
        own_view = (goal[i], *(goal[j] for j in range(n) if j != i))
        others = tuple(shape[j] for j in range(n) if j != i)
        table = np.ones((2, shape[i], *others), dtype=np.int64)
        table[(0, *own_view)] = 0
        automata.append(
            Automaton(
                [goal[i], list(punish[i])],
                table,
                name=f"grim trigger towards {stage_game.actions[i][goal[i]]!s}",
            )
        )
    return tuple(automata)
