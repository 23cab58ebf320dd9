r"""A dynamic adoption race in one shared market: prices (or open weights)
set each lab's diffusion speed, and the installed base is the state of a
stochastic game.

**Anchors.** Bass (1969), "A new product growth model for consumer durables",
*Management Science* 15: 215-227, in its stochastic form as a birth process
on a finite population (Niu 2002, "A stochastic formulation of the Bass
model of new-product diffusion", *Math. Problems in Engineering* 8: 249-263),
with brand-level word of mouth (Libai, Muller & Peres 2009, "The role of
within-brand and cross-brand communications in competitive growth", *J.
Marketing* 73: 19-34) and decision variables entering the hazard (the
Generalized Bass Model of Bass, Krishnan & Jain 1994, "Why the Bass model
fits without decision variables", *Marketing Science* 13: 203-223). Users
choose by logit (McFadden 1974); network effects as in Katz & Shapiro
(1985, "Network externalities, competition, and compatibility", *AER* 75);
switching costs as in Klemperer (1987, "Markets with consumer switching
costs", *QJE* 102) and Farrell & Klemperer (2007, *Handbook of IO* 3, ch.
31). The Markov-perfect framework is Ericson & Pakes (1995).

**States.** The market is ``N`` cohorts of users (``market_units``). The
state is the installed base :math:`(n_1, n_2)`, cohorts using lab 1 (the
incumbent) and lab 2 (the entrant), :math:`n_1 + n_2 \le N`; shares
:math:`s_i = n_i / N`, adopted share :math:`F = s_1 + s_2`. There are
:math:`(N + 1)(N + 2) / 2` states.

**Actions.** Each period each lab sets a price :math:`p_i \in` ``prices``
(money per user-period). Price 0 is *open weights*: the lab earns nothing
per user and serves nobody (users run the model themselves); a positive
price is a closed service that costs ``serving_cost`` :math:`c_i` per user
served.

**Utility of a user.** Using lab :math:`i` is worth

.. math::

    u_i = q_i - p_i + \nu s_i

(quality :math:`q_i` -- model size --, price, and a network effect
:math:`\nu` = ``network_effect`` per unit share of the lab's own base).

**Diffusion (one shared market).** Each period, independently of the
rest of the market, the non-adopters are activated at the Bass hazard with
within-brand word of mouth, and an activated prospect picks lab :math:`i`,
the rival, or nothing by logit with dispersion :math:`\mu`
(``taste_dispersion``). Lab :math:`i` recruits one cohort with probability

.. math::

    \lambda_i = (1 - F)\,(a + b\, w_i\, s_i)\, \pi_i, \qquad
    \pi_i = \frac{e^{u_i/\mu}}{1 + e^{u_1/\mu} + e^{u_2/\mu}} ,

i.e. lab :math:`i` diffuses with Bass coefficients
:math:`a \pi_i` (innovation, ``innovation`` :math:`a`) and :math:`b w_i
\pi_i` (imitation, ``imitation`` :math:`b`, times :math:`w_i` =
``open_word_of_mouth`` when lab :math:`i` is open, 1 when closed): **its
price, openness and quality set its diffusion speed**, and so does the
rival's. Summed over labs, with
:math:`\pi_1 + \pi_2 \to 1`, this is the Bass hazard
:math:`(a + b s)(1 - F)` per period (Niu's birth rate with time measured
in units of :math:`N` periods).

**Switching.** Each period a cohort of lab :math:`j`'s users reconsiders
with probability :math:`\rho s_j` (``churn`` :math:`\rho`) and moves to lab
:math:`i` with the logit probability

.. math::

    \sigma_{j \to i} = \frac{e^{(u_i - k)/\mu}}{e^{(u_i - k)/\mu} + e^{u_j/\mu}}

(``switching_cost`` :math:`k`). At most one event happens per period
(uniformization of the continuous-time chain; :math:`a + w b \le 1`,
:math:`\rho \le 1` keep the probabilities below one).

**Payoffs.** Lab :math:`i` earns :math:`(p_i - c_i) s_i` per period when
closed and 0 when open (in money per period for the whole market), and
discounts by :math:`\beta`.

**What the equilibrium derives.** Whether the cheaper entrant with the
smaller model overtakes the incumbent with the better one is not assumed:
the Markov-perfect equilibrium sets the prices in every state, hence each
lab's diffusion speed, and the induced chain gives the long-run shares
(:meth:`DynamicAdoptionRace.market_statistics`). Once the market is full
(:math:`F = 1`) only switching moves the state, a birth-death chain on
:math:`n_1`, whose stationary distribution has the product form

.. math::

    \frac{\Pr(n_1 + 1)}{\Pr(n_1)} =
    \frac{\rho\, s_2\, \sigma_{2 \to 1}(n_1)}{\rho\, s_1'\, \sigma_{1 \to 2}(n_1 + 1)}

(``s_1'`` at :math:`n_1 + 1`; Kemeny & Snell 1960), used in the tests. With
``churn = 0`` the full market is absorbing: the race is decided by who
recruits first (lock-in).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_integer, check_real
from ..exceptions import InvalidParameterError
from ..games import StochasticGame
from ._base import Model, register_model

__all__ = ["DynamicAdoptionRace"]


def _pair(value, name: str, owner: str, **limits) -> tuple[float, float]:
    if isinstance(value, str) or np.ndim(value) != 1 or len(value) != 2:
        raise InvalidParameterError(
            f"The {name!r} parameter of {owner} must be a pair of numbers "
            f"(incumbent, entrant). Got {value!r} instead."
        )
    for k, v in enumerate(value):
        check_real(v, f"{name}[{k}]", owner, **limits)
    return float(value[0]), float(value[1])


@register_model("dynamic_adoption_race")
@dataclass(frozen=True)
class DynamicAdoptionRace(Model):
    """An incumbent with the better model and an entrant race for one
    shared market; prices (or open weights) set their Bass diffusion speed,
    users switch at a cost and value the network (a stochastic game over
    the installed base).

    Parameters
    ----------
    market_units : int
        ``N >= 1``: the market in cohorts of users (``(N + 1)(N + 2) / 2``
        states).
    quality : pair of float
        ``q_i >= 0``: what a user-period of each lab's model is worth to a
        user (money per user-period); model size.
    prices : sequence of float
        The prices both labs choose from (money per user-period), increasing,
        ``>= 0``; a price 0 is open weights.
    serving_cost : pair of float
        ``c_i >= 0``: cost of serving a user-period on a closed model.
    innovation : float
        ``a > 0``: the Bass innovation coefficient per period.
    imitation : float
        ``b >= 0``: the Bass imitation (word-of-mouth) coefficient per
        period of a closed model.
    open_word_of_mouth : float
        ``w >= 1``: an open model's imitation coefficient is ``w b``
        (derivatives, fine-tunes, redistribution); ``a + w b <= 1``.
    network_effect : float
        ``nu >= 0``: utility per unit share of a lab's own installed base
        (money per user-period).
    switching_cost : float
        ``k >= 0``: a user's cost of moving to the other lab, in utility
        (money per user-period) units.
    churn : float
        ``rho`` in ``[0, 1]``: per-period probability that a cohort of a
        full market reconsiders (a lab's cohorts do so with probability
        ``rho s_j``).
    taste_dispersion : float
        ``mu > 0``: the logit scale of users' idiosyncratic tastes (money
        per user-period).
    discount : float
        ``beta`` in ``[0, 1)``, per period.
    initial_base : pair of int
        The installed base (cohorts) where play starts; the sum at most
        ``N``.
    players : pair of str

    The defaults are illustrative, not estimates: the incumbent's model is
    worth 1.1 per user-period against the entrant's 1.0, the entrant serves
    at a sixth of the incumbent's cost (0.1 against 0.6), open weights
    double word of mouth, and the incumbent starts with one cohort of five.

    Examples
    --------
    >>> from stratgame.solvers.stochastic import solve_stochastic
    >>> race = DynamicAdoptionRace()
    >>> game = race.game()
    >>> game.n_states, game.actions[0][0]
    (21, ('open', 'price 0.5', 'price 1'))
    >>> eq = solve_stochastic(game).equilibria[0]
    >>> bool(eq.relative_regret <= 1e-8)
    True
    >>> stats = race.market_statistics(eq, game)
    >>> bool(abs(stats["long_run_share"].sum() - 1) < 1e-9)
    True
    """

    market_units: int = 5
    quality: tuple = (1.1, 1.0)
    prices: tuple = (0.0, 0.5, 1.0)
    serving_cost: tuple = (0.6, 0.1)
    innovation: float = 0.2
    imitation: float = 0.4
    open_word_of_mouth: float = 2.0
    network_effect: float = 0.5
    switching_cost: float = 0.5
    churn: float = 0.5
    taste_dispersion: float = 0.3
    discount: float = 0.9
    initial_base: tuple = (1, 0)
    players: tuple = ("incumbent", "entrant")

    source = (
        "Bass (1969); Niu (2002); Libai, Muller & Peres (2009); Katz & Shapiro "
        "(1985); Klemperer (1987); Ericson & Pakes (1995)"
    )

    def validate(self) -> None:
        owner = "DynamicAdoptionRace"
        check_integer(self.market_units, "market_units", owner, low=1)
        _pair(self.quality, "quality", owner, low=0)
        _pair(self.serving_cost, "serving_cost", owner, low=0)
        prices = self.prices
        if isinstance(prices, str) or np.ndim(prices) != 1 or len(prices) < 1:
            raise InvalidParameterError(
                f"The 'prices' parameter of {owner} must be a sequence of at "
                f"least one price. Got {prices!r} instead."
            )
        for k, p in enumerate(prices):
            check_real(p, f"prices[{k}]", owner, low=0)
        if np.any(np.diff(np.asarray(prices, float)) <= 0):
            raise InvalidParameterError(
                f"The 'prices' parameter of {owner} must increase. Got "
                f"{prices!r} instead."
            )
        self._check_real("innovation", low=0, high=1, low_open=True)
        self._check_real("imitation", low=0, high=1)
        self._check_real("open_word_of_mouth", low=1)
        fastest = float(self.innovation) + float(self.imitation) * float(
            self.open_word_of_mouth
        )
        if fastest > 1:
            raise InvalidParameterError(
                f"The 'innovation' plus 'imitation' times 'open_word_of_mouth' of "
                f"{owner} must be at most 1 (a per-period probability). Got "
                f"{self.innovation!r} + {self.imitation!r} x "
                f"{self.open_word_of_mouth!r} = {fastest:g} instead; use a "
                "shorter period."
            )
        self._check_real("network_effect", low=0)
        self._check_real("switching_cost", low=0)
        self._check_real("churn", low=0, high=1)
        self._check_real("taste_dispersion", low=0, low_open=True)
        self._check_real("discount", low=0, high=1, high_open=True)
        base = self.initial_base
        if isinstance(base, str) or np.ndim(base) != 1 or len(base) != 2:
            raise InvalidParameterError(
                f"The 'initial_base' parameter of {owner} must be a pair of "
                f"cohort counts. Got {base!r} instead."
            )
        for k, n in enumerate(base):
            check_integer(n, f"initial_base[{k}]", owner, low=0)
        if sum(int(n) for n in base) > int(self.market_units):
            raise InvalidParameterError(
                f"The 'initial_base' parameter of {owner} must hold at most "
                f"market_units = {self.market_units} cohorts in all. Got "
                f"{base!r} instead."
            )
        if len(self.players) != 2 or len(set(self.players)) != 2:
            raise InvalidParameterError(
                f"The 'players' parameter of {owner} must be two distinct labels. "
                f"Got {self.players!r} instead."
            )

    # ------------------------------------------------------------ pieces
    @property
    def bases(self) -> tuple[tuple[int, int], ...]:
        """The states: installed bases ``(n_1, n_2)`` with ``n_1 + n_2 <=
        N``, ordered by ``n_1 + n_2`` then ``n_1`` (the full market last)."""
        N = int(self.market_units)
        return tuple(
            (n1, total - n1) for total in range(N + 1) for n1 in range(total, -1, -1)
        )

    def state_labels(self) -> tuple[str, ...]:
        """Labels ``"n_1:n_2"`` of the states (cohorts of each lab)."""
        return tuple(f"{n1}:{n2}" for n1, n2 in self.bases)

    def action_labels(self) -> tuple[str, ...]:
        """``"open"`` for price 0, ``"price p"`` otherwise."""
        return tuple(
            "open" if float(p) == 0 else f"price {float(p):g}" for p in self.prices
        )

    def utilities(self, prices, base) -> np.ndarray:
        """Users' utility ``u_i = q_i - p_i + nu s_i`` of each lab at
        ``prices`` and installed ``base`` (cohorts)."""
        shares = np.asarray(base, float) / int(self.market_units)
        return (
            np.asarray(self.quality, float)
            - np.asarray(prices, float)
            + float(self.network_effect) * shares
        )

    def event_probabilities(self, prices, base) -> dict:
        """The probabilities of the events of one period at ``prices`` and
        installed ``base``: ``"recruit"`` (one cohort joins lab 1, lab 2),
        ``"switch"`` (one cohort moves from lab 1 to 2, from 2 to 1) and
        ``"none"``.

        ``recruit[i] = (1 - F)(a + b s_i) pi_i`` and ``switch[j] = rho s_j
        sigma_{j -> i}`` (the module docstring).
        """
        N = int(self.market_units)
        shares = np.asarray(base, float) / N
        mu = float(self.taste_dispersion)
        u = self.utilities(prices, base)
        # logit over (nothing, lab 1, lab 2), stabilized
        top = max(0.0, float(u.max()))
        weights = np.exp((u - top) / mu)
        choice = weights / (np.exp(-top / mu) + weights.sum())
        adopted = shares.sum()
        a, b = float(self.innovation), float(self.imitation)
        spread = np.where(
            np.asarray(prices, float) == 0, float(self.open_word_of_mouth), 1.0
        )
        recruit = (1 - adopted) * (a + b * spread * shares) * choice
        k = float(self.switching_cost)
        switch = np.empty(2)
        for j in (0, 1):
            i = 1 - j
            # sigma_{j -> i} = 1 / (1 + exp((u_j - u_i + k) / mu))
            sigma = 0.5 * (1 - np.tanh((u[j] - u[i] + k) / (2 * mu)))
            switch[j] = float(self.churn) * shares[j] * sigma
        return {
            "recruit": recruit,
            "switch": switch,
            "none": float(1 - recruit.sum() - switch.sum()),
        }

    def flow_profits(self, prices, base) -> np.ndarray:
        """``(p_i - c_i) s_i`` for a closed lab, 0 for an open one."""
        prices = np.asarray(prices, float)
        shares = np.asarray(base, float) / int(self.market_units)
        margin = prices - np.asarray(self.serving_cost, float)
        return np.where(prices > 0, margin * shares, 0.0)

    # -------------------------------------------------------------- game
    def game(self) -> StochasticGame:
        """The stochastic game: states are the installed bases, both labs
        choose a price in every state; play starts at ``initial_base``."""
        bases = self.bases
        index = {b: s for s, b in enumerate(bases)}
        prices = [float(p) for p in self.prices]
        n_prices, n_states = len(prices), len(bases)
        payoffs, transitions = [], []
        for n1, n2 in bases:
            stage = np.empty((2, n_prices, n_prices))
            step = np.zeros((n_prices, n_prices, n_states))
            for x, y in itertools.product(range(n_prices), repeat=2):
                p = (prices[x], prices[y])
                stage[:, x, y] = self.flow_profits(p, (n1, n2))
                events = self.event_probabilities(p, (n1, n2))
                moves = (
                    ((n1 + 1, n2), events["recruit"][0]),
                    ((n1, n2 + 1), events["recruit"][1]),
                    ((n1 - 1, n2 + 1), events["switch"][0]),
                    ((n1 + 1, n2 - 1), events["switch"][1]),
                )
                stay = 1.0
                for target, probability in moves:
                    if probability > 0:
                        step[x, y, index[target]] += probability
                        stay -= probability
                step[x, y, index[(n1, n2)]] += stay
            payoffs.append(stage)
            transitions.append(step)
        actions = self.action_labels()
        return StochasticGame(
            payoffs,
            transitions,
            float(self.discount),
            players=tuple(self.players),
            actions=(actions, actions),
            states=self.state_labels(),
            initial=index[tuple(int(n) for n in self.initial_base)],
        )

    # ------------------------------------------------------ what it implies
    def market_statistics(
        self, equilibrium, game: StochasticGame | None = None, horizon: int = 40
    ) -> dict:
        """What an equilibrium (or any stationary profile) implies for the
        race.

        Parameters
        ----------
        equilibrium : StochasticEquilibrium or stationary profile
        game : StochasticGame, optional
            The game of this model (built if omitted).
        horizon : int, default 40
            Periods after which ``share_at_horizon`` is read (the race,
            rather than the very long run).

        Returns
        -------
        dict
            ``share_at_horizon``: each lab's expected market share after
            ``horizon`` periods from ``initial_base``; ``stationary``: the
            long-run distribution over the states from ``initial_base``;
            ``long_run_share``: each lab's expected share of the *adopted*
            market in the long run; ``entrant_ahead``: the long-run
            probability that the entrant's base exceeds the incumbent's;
            ``time_to_overtake``: the expected number of periods from
            ``initial_base`` until the entrant's base first exceeds the
            incumbent's (``inf`` when it may never); ``mean_price``: each
            lab's long-run mean price; ``open_probability``: each lab's
            long-run probability of playing open weights.
        """
        check_integer(horizon, "horizon", "market_statistics", low=0)
        game = self.game() if game is None else game
        strategies = getattr(equilibrium, "strategies", equilibrium)
        P = game.transition_matrix(strategies)
        bases = np.array(self.bases, float)
        N = int(self.market_units)
        start = self.bases.index(tuple(int(n) for n in self.initial_base))
        occupancy = np.zeros(len(bases))
        occupancy[start] = 1.0
        for _ in range(int(horizon)):
            occupancy = occupancy @ P
        stationary = game.stationary_distribution(strategies)
        adopted = np.maximum(bases.sum(axis=1, keepdims=True), 1.0)
        ahead = bases[:, 1] > bases[:, 0]
        times = game.hitting_times(strategies, ahead)
        prices = np.asarray(self.prices, float)
        mean_price, open_probability = np.zeros(2), np.zeros(2)
        for s, weight in enumerate(stationary):
            for i in (0, 1):
                sigma = np.asarray(strategies[s][i], float)
                mean_price[i] += weight * float(sigma @ prices)
                open_probability[i] += weight * float(sigma[prices == 0].sum())
        return {
            "share_at_horizon": occupancy @ bases / N,
            "stationary": stationary,
            "long_run_share": stationary @ (bases / adopted),
            "entrant_ahead": float(stationary[ahead].sum()),
            "time_to_overtake": float(times[start]),
            "mean_price": mean_price,
            "open_probability": open_probability,
        }

    def full_market_distribution(self, equilibrium) -> np.ndarray:
        """The product-form stationary distribution of the birth-death chain
        of switching on the full market (``n_1 + n_2 = N``), indexed by
        ``n_1 = 0..N``, under an equilibrium (or stationary profile) -- the
        closed form of the module docstring. Needs ``churn > 0``."""
        if float(self.churn) == 0:
            raise InvalidParameterError(
                "full_market_distribution needs churn > 0: without switching "
                "every full-market state is absorbing."
            )
        strategies = getattr(equilibrium, "strategies", equilibrium)
        N = int(self.market_units)
        prices = np.asarray(self.prices, float)
        index = {b: s for s, b in enumerate(self.bases)}

        def expected_switch(n1: int) -> np.ndarray:
            s = index[(n1, N - n1)]
            sigma = [np.asarray(strategies[s][i], float) for i in (0, 1)]
            total = np.zeros(2)
            for x, y in itertools.product(range(len(prices)), repeat=2):
                weight = sigma[0][x] * sigma[1][y]
                if weight > 0:
                    events = self.event_probabilities(
                        (prices[x], prices[y]), (n1, N - n1)
                    )
                    total += weight * events["switch"]
            return total  # (1 -> 2, 2 -> 1)

        weights = np.ones(N + 1)
        for n1 in range(N):
            up = expected_switch(n1)[1]
            down = expected_switch(n1 + 1)[0]
            weights[n1 + 1] = weights[n1] * up / down
        return weights / weights.sum()

    def closed_form(self) -> dict:
        """Closed-form anchors.

        Returns
        -------
        dict
            ``open_choice``: each lab's logit choice probability ``pi_i`` in
            the empty market when both are open; ``fill_time_both_open``:
            the expected number of periods until the market is full when
            both labs stay open -- the stochastic Bass birth process (Niu
            2002) with rate ``(1 - F)(2 a + b w F) pi`` at adopted share
            ``F = n / N``, so ``sum_n 1 / ((1 - n/N)(2 a + b w n/N) pi)``
            (``w`` = ``open_word_of_mouth``; each lab's word of mouth reaches
            prospects who then choose between both). Exact when the two
            qualities are equal and ``network_effect = 0`` (then ``pi_1 =
            pi_2 = pi`` in every state).
        """
        N = int(self.market_units)
        a, b = float(self.innovation), float(self.imitation)
        w = float(self.open_word_of_mouth)
        choice = self.event_probabilities((0.0, 0.0), (0, 0))["recruit"] / a
        pi = float(choice.mean())
        fill = sum(1 / ((1 - n / N) * (2 * a + b * w * n / N) * pi) for n in range(N))
        return {"open_choice": choice, "fill_time_both_open": float(fill)}
