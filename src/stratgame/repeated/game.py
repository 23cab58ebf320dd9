"""The repeated game: a stage game played again and again with discounting.

Payoffs of a profile of automata are computed exactly from the Markov chain of
the joint automaton, with no simulation. Subgame perfection is checked with
the one-shot deviation principle at every joint state any history can reach
(Mailath & Samuelson 2006, Proposition 2.4.1); Nash equilibrium by solving
each player's best reply, a Markov decision problem over the others' states
(Puterman 1994, policy iteration, Section 6.4).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from .._validation import check_choice, check_integer, check_real
from ..exceptions import InvalidGameError, InvalidProfileError
from ..games import NormalFormGame
from . import closed_forms
from ._best_reply import backward_induction, horizon_weight, policy_iteration
from ._chain import JointChain, solve
from ._regions import discount_grid, feasible_region
from .automaton import Automaton
from .results import Deviation, DeviationCheck, DiscountRange

__all__ = ["RepeatedGame"]

_KINDS = ("subgame_perfect", "nash")


def _is_exact_number(x) -> bool:
    return isinstance(x, numbers.Integral | Fraction) and not isinstance(x, bool)


class RepeatedGame:
    """A stage game repeated with discount factor ``discount``.

    Parameters
    ----------
    stage_game : NormalFormGame
        The game played in every period, any number of players.
    discount : float or Fraction
        The discount factor δ, in (0, 1); with a finite ``horizon`` also 1
        (no discounting).
    horizon : int, optional
        The number of periods; None (default) for an infinite horizon.
    normalized : bool, default True
        Report payoffs as ``(1 - δ) Σ δ^t u_t`` (for a finite horizon,
        divided by ``Σ δ^t``), comparable with stage payoffs; False gives the
        plain discounted sum.

    Raises
    ------
    InvalidGameError
        When ``stage_game`` is not a :class:`NormalFormGame`.
    ValueError
        When ``discount`` or ``horizon`` is out of range.

    Examples
    --------
    Export controls as a prisoner's dilemma: keeping controls (cooperate) or
    undercutting them (defect), with (T, R, P, S) = (5, 3, 1, 0).

    >>> import stratgame as sg
    >>> from stratgame.repeated import RepeatedGame, grim_trigger, tit_for_tat
    >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> rg = RepeatedGame(pd, 0.9)
    >>> rg.discounted_payoffs((tit_for_tat(), tit_for_tat()))
    array([3., 3.])
    >>> bool(rg.is_subgame_perfect((grim_trigger(), grim_trigger())))
    True
    >>> rg.critical_discount((grim_trigger(), grim_trigger()))
    0.5
    """

    def __init__(self, stage_game, discount, *, horizon=None, normalized=True):
        if not isinstance(stage_game, NormalFormGame):
            raise InvalidGameError(
                "RepeatedGame needs a NormalFormGame as its stage game; got "
                f"{type(stage_game).__name__}."
            )
        if horizon is not None:
            horizon = check_integer(horizon, "horizon", "RepeatedGame", low=1)
            discount = check_real(
                discount,
                "discount",
                "RepeatedGame (finite horizon)",
                low=0,
                high=1,
                low_open=True,
            )
        else:
            discount = check_real(
                discount,
                "discount",
                "RepeatedGame",
                low=0,
                high=1,
                low_open=True,
                high_open=True,
            )
        self.stage_game = stage_game
        self.discount = discount
        self.horizon = horizon
        self.normalized = bool(normalized)

    def __repr__(self) -> str:
        horizon = "infinite" if self.horizon is None else self.horizon
        return (
            f"RepeatedGame({self.stage_game!r}, discount={self.discount!r}, "
            f"horizon={horizon}, normalized={self.normalized})"
        )

    # ------------------------------------------------------------- helpers
    def _automata(self, profile) -> tuple[Automaton, ...]:
        n = self.stage_game.n_players
        if isinstance(profile, Automaton) or not isinstance(profile, Sequence):
            raise InvalidProfileError(
                f"a profile of the repeated game is a sequence of {n} automata, "
                f"one per player; got {profile!r}."
            )
        if len(profile) != n:
            raise InvalidProfileError(
                f"a profile needs one automaton per player ({n}); got {len(profile)}."
            )
        for i, m in enumerate(profile):
            if not isinstance(m, Automaton):
                raise InvalidProfileError(
                    f"player {i}'s strategy must be an Automaton; got "
                    f"{type(m).__name__}."
                )
            m.check_fits(self.stage_game.shape, i)
        return tuple(profile)

    def _chain(self, profile, noise, exact=False) -> JointChain:
        noise = check_real(noise, "noise", "RepeatedGame", low=0, high=1)
        automata = self._automata(profile)
        if exact:
            if not self.stage_game.is_exact:
                raise InvalidGameError(
                    "exact=True needs a stage game with exact payoffs (ints or "
                    "Fractions); this one has floats."
                )
            for name, x in (("discount", self.discount), ("noise", noise)):
                if not (_is_exact_number(x) or x == 0):
                    raise ValueError(
                        f"exact=True needs an exact {name} (an int or a Fraction); "
                        f"got {x!r}."
                    )
        return JointChain(self.stage_game, automata, noise, exact=exact)

    def _scale_to_units(self, discount, exact=False):
        """Factor from normalized values to the game's reported units."""
        one = Fraction(1) if exact else 1.0
        if self.horizon is None:
            return one if self.normalized else one / (1 - discount)
        if self.normalized:
            return one
        return horizon_weight(discount, self.horizon, exact)

    # ------------------------------------------------------------- payoffs
    def discounted_payoffs(self, profile, noise=0.0, *, exact=False) -> np.ndarray:
        """Each player's payoff of the profile, exactly, from the linear system
        of the joint automaton's Markov chain (no simulation).

        Parameters
        ----------
        profile : sequence of Automaton
            One automaton per player.
        noise : float, default 0
            Probability that each intended action is replaced by another
            (chosen uniformly among the others).
        exact : bool, default False
            Compute in Fractions; needs an exact stage game and an int or
            Fraction discount (and noise).

        Returns
        -------
        numpy.ndarray
            One payoff per player (floats, or Fractions with ``exact=True``).

        Examples
        --------
        >>> import stratgame as sg
        >>> from fractions import Fraction
        >>> from stratgame.repeated import RepeatedGame, tit_for_tat, always_defect
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> RepeatedGame(pd, Fraction(9, 10)).discounted_payoffs(
        ...     (tit_for_tat(), always_defect()), exact=True)
        array([Fraction(9, 10), Fraction(7, 5)], dtype=object)
        """
        chain = self._chain(profile, noise, exact)
        values = self._values(chain, self.discount)
        return values[0] * self._scale_to_units(self.discount, exact)

    def _values(self, chain, discount) -> np.ndarray:
        """Normalized values of every joint state, shape (S, N)."""
        if self.horizon is None:
            return chain.values(discount)
        plain = chain.horizon_values(discount, self.horizon)[0]
        return plain / horizon_weight(discount, self.horizon, chain.exact)

    def average_payoffs(self, profile, noise=0.0) -> np.ndarray:
        """The long-run average payoff per period, the limit δ → 1 of the
        normalized discounted payoff (the Cesàro limit of the chain).

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, alternator, always_defect
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> RepeatedGame(pd, 0.9).average_payoffs((alternator(), always_defect()))
        array([0.5, 3. ])
        """
        return self._chain(profile, noise).long_run_average()

    def payoff_matrix(self, strategies, noise=0.0) -> np.ndarray:
        """``M[k, l]``: the payoff of strategy ``k`` against strategy ``l`` in a
        symmetric two-player game (row player's payoff), from
        :meth:`discounted_payoffs`.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, always_cooperate, always_defect
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> RepeatedGame(pd, 0.5).payoff_matrix([always_cooperate(), always_defect()])
        array([[3., 0.],
               [5., 1.]])
        """
        if self.stage_game.n_players != 2 or not self.stage_game.is_symmetric():
            raise InvalidGameError(
                "payoff_matrix needs a symmetric two-player stage game; got "
                f"{self.stage_game!r}."
            )
        k = len(strategies)
        out = np.empty((k, k))
        for a in range(k):
            for b in range(k):
                out[a, b] = float(
                    self.discounted_payoffs((strategies[a], strategies[b]), noise)[0]
                )
        return out

    def equilibrium_payoffs(self, **options):
        """Outer approximation of the pure-strategy subgame-perfect
        equilibrium payoffs with public randomization (two players); see
        :func:`stratgame.repeated.equilibrium_payoffs` for ``options``.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> RepeatedGame(pd, 0.9).equilibrium_payoffs().contains([3, 3])
        True
        """
        from .equilibrium_set import equilibrium_payoffs

        if self.horizon is not None:
            raise ValueError(
                "equilibrium_payoffs needs an infinite horizon (horizon=None); "
                f"this game has horizon {self.horizon}."
            )
        return equilibrium_payoffs(self.stage_game, self.discount, **options)

    # -------------------------------------------------------- equilibrium
    def _tolerance(self, tol) -> float:
        return tol * max(self.stage_game.payoff_scale, 1e-300)

    def is_subgame_perfect(self, profile, noise=0.0, *, tol=1e-9) -> DeviationCheck:
        """Check subgame perfection with the one-shot deviation principle.

        At every joint state that some history reaches (on or off the path of
        play), and for a finite horizon at every period, no player may gain
        by deviating in that period only (Mailath & Samuelson 2006,
        Proposition 2.4.1). Joint states that no history reaches are not
        subgames and are not checked.

        Parameters
        ----------
        profile : sequence of Automaton
        noise : float, default 0
            Trembles, as in :meth:`discounted_payoffs`.
        tol : float, default 1e-9
            Gains up to ``tol * stage_game.payoff_scale`` (normalized units)
            count as zero.

        Returns
        -------
        DeviationCheck
            True in a boolean context when subgame perfect; ``deviations``
            lists every profitable one-shot deviation found.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, tit_for_tat
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> check = RepeatedGame(pd, 0.9).is_subgame_perfect((tit_for_tat(),) * 2)
        >>> bool(check), check.deviations[0].state
        (False, (1, 1))
        """
        chain = self._chain(profile, noise)
        limit = self._tolerance(tol)
        unit = self._scale_to_units(self.discount)
        found = []
        checked = 0
        for period, states, gains in self._one_shot_gains(chain, self.discount):
            checked += len(states)
            for i, g in enumerate(gains):
                for b, s in zip(*np.nonzero(g[:, states] > limit), strict=True):
                    found.append(
                        Deviation(
                            i,
                            chain.states[states[s]],
                            int(b),
                            float(g[b, states[s]] * unit),
                            period,
                        )
                    )
        found.sort(key=lambda d: -d.gain)
        return DeviationCheck(not found, tuple(found), checked)

    def _one_shot_gains(self, chain, discount):
        """Yield ``(period, checked state indices, [gains per player (n_i, S)])``
        in normalized units."""
        if self.horizon is None:
            values = chain.values(discount)
            every = np.arange(len(chain.states))
            gains = [
                chain.q_values(i, values, discount, 1 - discount)
                - values[:, i][None, :]
                for i in range(chain.n_players)
            ]
            yield None, every, gains
            return
        weight = horizon_weight(discount, self.horizon, chain.exact)
        plain = chain.horizon_values(discount, self.horizon)
        reach = np.zeros(len(chain.states), dtype=bool)
        reach[0] = True
        for t in range(self.horizon):
            gains = [
                (chain.q_values(i, plain[t + 1], discount, 1) - plain[t][:, i]) / weight
                for i in range(chain.n_players)
            ]
            yield t, np.flatnonzero(reach), gains
            nxt = np.zeros_like(reach)
            nxt[np.unique(chain.successor[reach])] = True
            reach = nxt

    def is_nash(self, profile, noise=0.0, *, tol=1e-9) -> DeviationCheck:
        """Check that no player gains by switching to any other strategy.

        Each player's best reply to the others' automata is found exactly by
        policy iteration on the Markov decision problem over joint states
        (Puterman 1994, Section 6.4; backward induction for a finite horizon).

        Returns
        -------
        DeviationCheck
            True in a boolean context for a Nash equilibrium; ``deviations``
            gives each player with a better reply, its first action and gain.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, tit_for_tat
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> bool(RepeatedGame(pd, 0.7).is_nash((tit_for_tat(),) * 2))
        True
        >>> bool(RepeatedGame(pd, 0.6).is_nash((tit_for_tat(),) * 2))
        False
        """
        chain = self._chain(profile, noise)
        gains, actions = self._nash_gains(chain, self.discount)
        unit = self._scale_to_units(self.discount)
        limit = self._tolerance(tol)
        found = [
            Deviation(
                i,
                chain.states[0],
                int(actions[i]),
                float(g * unit),
                None if self.horizon is None else 0,
            )
            for i, g in enumerate(gains)
            if g > limit
        ]
        found.sort(key=lambda d: -d.gain)
        return DeviationCheck(not found, tuple(found), chain.n_players)

    def _nash_gains(self, chain, discount):
        """Best-reply gain at the initial state and the best reply's first
        action, per player (normalized units)."""
        values = self._values(chain, discount)
        gains, actions = [], []
        for i in range(chain.n_players):
            if self.horizon is None:
                best, policy = policy_iteration(chain, i, discount)
            else:
                best, policy = backward_induction(chain, i, discount, self.horizon)
            gains.append(best[0] - values[0, i])
            actions.append(policy[0])
        return gains, actions

    # --------------------------------------------------- discount factors
    def discount_range(
        self, profile, kind="subgame_perfect", noise=0.0, *, tol=1e-9
    ) -> DiscountRange:
        """The discount factors in (0, 1) at which the profile is an
        equilibrium (this game's own ``discount`` is not used).

        The one-shot deviation gains (``kind="subgame_perfect"``) or the gains
        of the best replies found along a grid of δ (``kind="nash"``) are
        rational functions of δ; their zeros are found by sign changes on a
        grid and Brent's method, and the pieces between zeros are tested. With
        an exact stage game each bound is also checked in exact arithmetic at
        the nearby simple fraction, and reported in ``exact_bounds`` when it
        holds there. Recognized textbook profiles (grim trigger and
        tit-for-tat in the prisoner's dilemma) carry their published formula.

        Parameters
        ----------
        profile : sequence of Automaton
        kind : {"subgame_perfect", "nash"}
        noise : float, default 0
        tol : float, default 1e-9
            Relative tolerance of the equilibrium tests.

        Returns
        -------
        DiscountRange

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, tit_for_tat
        >>> pd = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> r = RepeatedGame(pd, 0.9).discount_range((tit_for_tat(),) * 2, "nash")
        >>> r.critical_exact, r.closed_form
        (Fraction(2, 3), 'max((T - R) / (T - P), (T - R) / (R - S))')
        """
        kind = check_choice(kind, "kind", "discount_range", _KINDS)
        if self.horizon is not None:
            raise ValueError(
                "discount_range needs an infinite horizon (horizon=None); this game "
                f"has horizon {self.horizon}."
            )
        chain = self._chain(profile, noise)
        limit = self._tolerance(tol)
        if kind == "subgame_perfect":

            def gains(d):
                return np.concatenate(
                    [
                        g.ravel()
                        for _, _, gs in self._one_shot_gains(chain, d)
                        for g in gs
                    ]
                )

            def holds(d):
                return gains(d).max() <= limit
        else:
            gains, holds = self._nash_family(chain, limit)
        intervals = feasible_region(gains, holds, limit)
        exact = self._exact_bounds(profile, kind, noise, intervals)
        formula, value = (
            (None, None)
            if noise
            else closed_forms.recognize(self.stage_game, self._automata(profile), kind)
        )
        return DiscountRange(kind, tuple(intervals), exact, formula, value)

    def critical_discount(
        self, profile, kind="subgame_perfect", noise=0.0, *, tol=1e-9
    ) -> float | None:
        """The smallest δ in (0, 1) at which the profile is a subgame-perfect
        (``kind="subgame_perfect"``) or Nash (``kind="nash"``) equilibrium;
        0.0 when it is one for all small δ, None when it never is.

        See :meth:`discount_range` for the whole set, exact bounds and
        closed forms.

        Examples
        --------
        >>> import stratgame as sg
        >>> from stratgame.repeated import RepeatedGame, grim_trigger
        >>> pd = sg.NormalFormGame.from_bimatrix([[2, -1], [3, 0]], [[2, 3], [-1, 0]])
        >>> RepeatedGame(pd, 0.9).critical_discount((grim_trigger(),) * 2)
        0.3333333333333333
        """
        return self.discount_range(profile, kind, noise, tol=tol).critical

    def _nash_family(self, chain, limit):
        policies = [set() for _ in range(chain.n_players)]
        for d in discount_grid(100):
            for i in range(chain.n_players):
                policies[i].add(tuple(policy_iteration(chain, i, d)[1]))
        family = [
            (i, np.array(p))
            for i in range(chain.n_players)
            for p in sorted(policies[i])
        ]
        rows = np.arange(len(chain.states))

        def gains(d):
            values = chain.values(d)
            out = []
            for i, p in family:
                P = chain.deviation_P[i][p, rows]
                r = chain.deviation_r[i][p, rows]
                out.append((1 - d) * solve(P, r, d, False)[0] - values[0, i])
            return np.array(out)

        def holds(d):
            return max(self._nash_gains(chain, d)[0]) <= limit

        return gains, holds

    def _exact_bounds(self, profile, kind, noise, intervals):
        if not self.stage_game.is_exact:
            return ()
        try:
            chain = JointChain(
                self.stage_game, self._automata(profile), Fraction(noise), exact=True
            )
        except ZeroDivisionError:
            return ()

        def check(x):
            if x in (0.0, 1.0):
                return None
            q = Fraction(x).limit_denominator(10**6)
            if not 0 < q < 1 or abs(q - Fraction(x)) > Fraction(1, 10**8):
                return None
            if kind == "subgame_perfect":
                ok = all(
                    all(v <= 0 for v in g.ravel())
                    for _, _, gs in self._one_shot_gains(chain, q)
                    for g in gs
                )
            else:
                ok = all(g <= 0 for g in self._nash_gains(chain, q)[0])
            return q if ok else None

        return tuple((check(low), check(high)) for low, high in intervals)
