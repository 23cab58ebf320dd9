r"""The idealised AI development race (DSAIR) of Han, Pereira, Santos &
Lenaerts, "To Regulate or Not: A Social Dynamics Analysis of an Idealised AI
Race", *JAIR* 69 (2020) 881-921 (arXiv:1907.12393).

Two developers race through :math:`W` development rounds towards a prize
:math:`B`. Each round a developer earns a share of the per-round benefit
:math:`b`. ALWAYS SAFE (AS) pays the safety cost :math:`c` every round and
advances one step per round; ALWAYS UNSAFE (AU) skips it and advances
:math:`s > 1` steps, but its achievements are lost to a disaster with
probability :math:`p_r`. Benefits are split in proportion to speed
(:math:`b/2` each at equal speed, :math:`sb/(s+1)` to the faster). Averaged
per round over the race -- the long-run regime of the paper -- the row
player's payoffs are

.. math::

    \Pi = \begin{pmatrix}
        \frac{B}{2W} + \frac{b}{2} - c & \frac{b}{s+1} - c \\
        (1-p_r)\left(\frac{sB}{W} + \frac{sb}{s+1}\right)
            & (1-p_r)\left(\frac{sB}{2W} + \frac{b}{2}\right)
    \end{pmatrix}

(rows and columns AS, AU): safe developers share the prize after :math:`W`
rounds; an unsafe developer facing a safe one wins it alone after
:math:`W/s` rounds; two unsafe ones share it after :math:`W/s` rounds. The
matrix is the paper's long-run payoff matrix (the same entries appear in the
authors' follow-up work and its public code); the risk thresholds below are
the paper's conditions solved for :math:`p_r`.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..games import NormalFormGame
from ._base import (
    Model,
    payoff_parameters,
    register_model,
    stack_bimatrices,
    vectorized,
)

__all__ = ["DSAIR"]

_STRATEGIES = ("SAFE", "UNSAFE")


@register_model("dsair")
@dataclass(frozen=True)
class DSAIR(Model):
    """The two-strategy AI development race (always safe vs always unsafe).

    Parameters
    ----------
    b : float
        Benefit per development round shared by the developers, ``b >= 0``.
    c : float
        Per-round cost of following safety precautions, ``c >= 0``.
    s : float
        Speed-up from ignoring safety, ``s >= 1``.
    p_risk : float
        Probability ``p_r`` that an unsafe developer suffers a disaster and
        loses its gains, in ``[0, 1]``.
    B : float
        The prize for winning the race, ``B >= 0``.
    W : float
        Rounds needed to win when developing safely, ``W >= 1``.

    Ints and Fractions give an exact game. The defaults (``b=4, c=1, s=1.5,
    B=10**4, W=100``) follow the paper's illustrative figures.

    Examples
    --------
    >>> from fractions import Fraction
    >>> race = DSAIR(b=4, c=1, s=Fraction(3, 2), p_risk=Fraction(1, 2),
    ...              B=10_000, W=100)
    >>> race.payoff_matrix()
    array([[Fraction(51, 1), Fraction(3, 5)],
           [Fraction(381, 5), Fraction(77, 2)]], dtype=object)
    >>> race.classify()
    "prisoner's dilemma"
    >>> {k: round(float(v), 4) for k, v in race.thresholds().items()}
    {'social_optimum': 0.3377, 'safe_best_reply': 0.6654, 'risk_dominance': 0.7751}
    >>> race.replace(p_risk=Fraction(4, 5)).classify()
    'stag hunt'
    """

    b: float = 4
    c: float = 1
    s: float = Fraction(3, 2)
    p_risk: float = Fraction(1, 2)
    B: float = 10_000
    W: float = 100

    source = "Han, Pereira, Santos & Lenaerts (2020), JAIR 69"

    def validate(self) -> None:
        self._check_real("b", low=0)
        self._check_real("c", low=0)
        self._check_real("s", low=1)
        self._check_real("p_risk", low=0, high=1)
        self._check_real("B", low=0)
        self._check_real("W", low=1)

    def _numbers(self):
        values = (self.b, self.c, self.s, self.p_risk, self.B, self.W)
        if all(isinstance(v, numbers.Rational) for v in values):
            return tuple(Fraction(v) for v in values)
        return tuple(float(v) for v in values)

    def payoff_matrix(self) -> np.ndarray:
        """The row player's long-run payoffs, rows and columns (SAFE, UNSAFE);
        Fractions when every parameter is exact."""
        b, c, s, p, B, W = self._numbers()
        keep = 1 - p
        matrix = [
            [B / (2 * W) + b / 2 - c, b / (s + 1) - c],
            [keep * (s * B / W + s * b / (s + 1)), keep * (s * B / (2 * W) + b / 2)],
        ]
        return np.array(matrix, dtype=object if isinstance(b, Fraction) else float)

    @classmethod
    @vectorized
    def payoffs(cls, **arrays) -> np.ndarray:
        """The games of many parameter points at once: each parameter a 1-D
        array over the points (or one value; the defaults fill the rest),
        payoffs ``(K, 2, 2, 2)`` in floats, equal to ``game()``'s at each
        point.

        Raises
        ------
        InvalidParameterError
            For a parameter out of its range at some point, or when every
            parameter is exact (``game()`` is exact then).

        Examples
        --------
        >>> import numpy as np
        >>> U = DSAIR.payoffs(p_risk=np.array([0.25, 0.9]))
        >>> U.shape, bool((U[1] == DSAIR(p_risk=0.9).game().payoff_arrays).all())
        ((2, 2, 2, 2), True)
        """
        p = payoff_parameters(
            cls,
            arrays,
            {
                "b": {"low": 0},
                "c": {"low": 0},
                "s": {"low": 1},
                "p_risk": {"low": 0, "high": 1},
                "B": {"low": 0},
                "W": {"low": 1},
            },
        )
        b, c, s, B, W = p["b"], p["c"], p["s"], p["B"], p["W"]
        keep = 1 - p["p_risk"]
        A = [
            [B / (2 * W) + b / 2 - c, b / (s + 1) - c],
            [keep * (s * B / W + s * b / (s + 1)), keep * (s * B / (2 * W) + b / 2)],
        ]
        return stack_bimatrices(A, [list(col) for col in zip(*A, strict=True)])

    def game(self) -> NormalFormGame:
        """The symmetric 2x2 game between two developers."""
        A = self.payoff_matrix()
        return NormalFormGame.from_bimatrix(
            A,
            A.T.copy(),
            players=("developer 1", "developer 2"),
            actions=(_STRATEGIES, _STRATEGIES),
            title="DSAIR long-run race",
        )

    def classify(self) -> str:
        """The kind of 2x2 game, with SAFE as cooperation: with
        ``R, S, T, P`` the payoffs of SAFE-SAFE, SAFE-UNSAFE, UNSAFE-SAFE,
        UNSAFE-UNSAFE,

        - ``"safety dominant"``: ``R > T`` and ``S > P`` (harmony);
        - ``"prisoner's dilemma"``: ``T > R > P > S``;
        - ``"unsafety dominant"``: ``T > R``, ``P > S`` and ``P >= R``
          (deadlock: racing unsafely is best for all);
        - ``"stag hunt"``: ``R > T``, ``P > S`` (coordination; two pure
          equilibria);
        - ``"snowdrift"``: ``T > R``, ``S > P`` (chicken; the equilibria mix
          or split roles);
        - ``"degenerate"`` for ties.
        """
        (R, S), (T, P) = self.payoff_matrix()
        if R == T or S == P:
            return "degenerate"
        if R > T and S > P:
            return "safety dominant"
        if R > T:
            return "stag hunt"
        if S > P:
            return "snowdrift"
        return "prisoner's dilemma" if R > P and P > S else "unsafety dominant"

    def thresholds(self) -> dict:
        """Disaster risks at which safety changes status.

        - ``"social_optimum"``: above it a population of safe developers
          earns more than one of unsafe developers
          (``Pi_SS > Pi_UU``), i.e.
          ``p_r > 1 - (B/(2W) + b/2 - c) / (sB/(2W) + b/2)``;
        - ``"risk_dominance"``: above it SAFE risk-dominates UNSAFE
          (``Pi_SS + Pi_SU > Pi_US + Pi_UU``), i.e.
          ``p_r > 1 - (B/(2W) + b/2 + b/(s+1) - 2c) /
          (3sB/(2W) + sb/(s+1) + b/2)``;
        - ``"safe_best_reply"``: above it SAFE is the best reply to SAFE
          (``Pi_SS > Pi_US``), i.e. ``p_r > 1 - (B/(2W) + b/2 - c) /
          (sB/W + sb/(s+1))``; below it UNSAFE tempts a safe rival's partner.

        Han et al. (2020) show that between ``social_optimum`` and
        ``risk_dominance`` unsafe behaviour is selected although safety is
        socially preferred -- the region where regulation is wanted. That
        region is *not* one game: where ``safe_best_reply`` lies inside it
        (as at the defaults, 0.665), the race is a prisoner's dilemma below
        it and a stag hunt above it (mutual safety is then an equilibrium,
        but UNSAFE is the risk-dominant one). Values outside ``[0, 1]`` mean
        the condition holds for every risk (below 0) or none (above 1).
        """
        b, c, s, _, B, W = self._numbers()
        social = 1 - (B / (2 * W) + b / 2 - c) / (s * B / (2 * W) + b / 2)
        dominance = 1 - (B / (2 * W) + b / 2 + b / (s + 1) - 2 * c) / (
            3 * s * B / (2 * W) + s * b / (s + 1) + b / 2
        )
        best_reply = 1 - (B / (2 * W) + b / 2 - c) / (s * B / W + s * b / (s + 1))
        return {
            "social_optimum": social,
            "safe_best_reply": best_reply,
            "risk_dominance": dominance,
        }

    def fixation_analysis(
        self, population_size: int = 100, intensity: float = 0.1
    ) -> dict:
        """Finite-population analysis with the Fermi (pairwise comparison)
        process, as in Han et al. (2020): fixation probabilities of a single
        mutant and the long-run share of SAFE with rare mutations, from
        :mod:`stratgame.dynamics`.

        The ratio ``rho(UNSAFE -> SAFE) / rho(SAFE -> UNSAFE)`` -- SAFE
        invading UNSAFE over the reverse -- has the closed form
        ``exp(beta ((Z/2)(Pi_SS + Pi_SU - Pi_US - Pi_UU) - (Pi_SS - Pi_UU)))``
        (Traulsen, Nowak & Pacheco 2006), so for large ``Z`` SAFE is favoured
        exactly when it is risk-dominant.

        Examples
        --------
        >>> race = DSAIR(p_risk=0.9)
        >>> out = race.fixation_analysis(population_size=50, intensity=0.05)
        >>> out["safe_share"] > 0.5
        True
        """
        from ..dynamics import fixation_probability, small_mutation_limit

        game = self.game()
        safe_invades = fixation_probability(
            game, "SAFE", "UNSAFE", population_size, intensity
        )
        unsafe_invades = fixation_probability(
            game, "UNSAFE", "SAFE", population_size, intensity
        )
        limit = small_mutation_limit(game, population_size, intensity)
        return {
            "rho_safe_invades": safe_invades,
            "rho_unsafe_invades": unsafe_invades,
            "safe_share": float(limit.distribution[0]),
        }

    def closed_form(self) -> dict:
        """The payoff entries, the thresholds, the game's class, whether the
        current risk is in Han et al.'s regulation zone (``regulation_zone``:
        safety socially preferred yet not risk-dominant) and whether the game
        is a prisoner's dilemma there (``dilemma_zone``; the upper part of
        the regulation zone is a stag hunt instead)."""
        (R, S), (T, P) = self.payoff_matrix()
        limits = self.thresholds()
        p = self._numbers()[3]
        return {
            "Pi_SS": R,
            "Pi_SU": S,
            "Pi_US": T,
            "Pi_UU": P,
            **limits,
            "class": self.classify(),
            "regulation_zone": bool(
                limits["social_optimum"] < p <= limits["risk_dominance"]
            ),
            "dilemma_zone": self.classify() == "prisoner's dilemma",
        }
