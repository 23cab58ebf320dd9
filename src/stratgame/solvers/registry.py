"""The solver registry: every method :func:`stratgame.solve` can run, with what
it handles and what it promises.

In the spirit of cvxpy's solver interface, each method is declared once by a
:class:`SolverSpec`: the kinds of game and numbers of players it accepts, what
it finds (``"pure"``, ``"extreme"``, ``"isolated"`` or ``"one"`` equilibrium)
and whether that list is complete, whether it can compute exactly, and its
options (read from the function's signature, so they cannot drift). Adding a
solver is one module plus one entry in :data:`SOLVERS`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module

__all__ = ["SOLVERS", "SolverSpec", "available", "game_kind"]


def game_kind(game) -> str:
    """``"normal_form"``, ``"sequential"``, ``"continuous"``, ``"stochastic"``
    or the class name of anything else.

    Examples
    --------
    >>> import stratgame as sg
    >>> game_kind(sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]]))
    'normal_form'
    """
    names = {
        "NormalFormGame": "normal_form",
        "SequentialGame": "sequential",
        "ContinuousGame": "continuous",
        "StochasticGame": "stochastic",
        "PolymatrixGame": "polymatrix",
    }
    for cls in type(game).__mro__:
        if cls.__name__ in names:
            return names[cls.__name__]
    return type(game).__name__


@dataclass(frozen=True)
class SolverSpec:
    """What one solver method handles and promises.

    Attributes
    ----------
    name : str
        The ``method=`` name.
    target : str
        ``"module:function"`` inside :mod:`stratgame.solvers`; the function
        takes the game and keyword options and returns a result.
    games : tuple of str
        The game kinds it accepts (see :func:`game_kind`).
    min_players, max_players : int
        The numbers of players it accepts (``max_players=None``: any).
    finds : str
        ``"pure"`` (pure equilibria), ``"extreme"`` (extreme points of the
        equilibrium set), ``"isolated"`` (isolated equilibria) or ``"one"``.
    complete : str
        When the list is complete: ``"always"``, ``"nondegenerate"`` (for
        nondegenerate games) or ``"never"`` (a sample, or one equilibrium).
    exact : bool
        Whether ``exact=True`` is supported (exact rational answers).
    constant_sum : bool
        Whether it needs a constant-sum game.
    tol_option : str or None
        The option holding the certificate's tolerance (relative to each
        player's payoff range); its default comes from the signature.
    certified : bool
        Whether :func:`stratgame.solve` re-certifies every Nash equilibrium
        it returns (normal-form methods); others certify their own kind of
        equilibrium (subgame perfection, continuous best responses).
    summary : str
        One line for listings.
    """

    name: str
    target: str
    games: tuple[str, ...] = ("normal_form",)
    min_players: int = 1
    max_players: int | None = None
    finds: str = "one"
    complete: str = "never"
    exact: bool = False
    constant_sum: bool = False
    tol_option: str | None = "tol"
    certified: bool = True
    summary: str = field(default="", compare=False)

    @cached_property
    def function(self) -> Callable:
        """The solver function (its module imported on first use)."""
        module, name = self.target.split(":")
        return getattr(import_module(f"{__package__}.{module}"), name)

    @cached_property
    def options(self) -> dict:
        """The keyword options the solver accepts, with their defaults."""
        parameters = list(inspect.signature(self.function).parameters.values())[1:]
        return {
            p.name: p.default
            for p in parameters
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        }

    def default_tol(self) -> float:
        """The certificate's default tolerance."""
        if self.tol_option is None:
            return 1e-9
        return float(self.options.get(self.tol_option, 1e-9))

    def refusal(self, game, facts: dict | None = None) -> str | None:
        """Why this method does not apply to ``game`` (None when it does).
        ``facts`` caches what several specs ask of one game."""
        facts = {} if facts is None else facts
        if "kind" not in facts:
            facts["kind"] = game_kind(game)
        kind = facts["kind"]
        if kind not in self.games:
            return f"it solves {' or '.join(self.games)} games, not {kind} games"
        n = getattr(game, "n_players", None)
        if n is not None:
            if n < self.min_players or (
                self.max_players is not None and n > self.max_players
            ):
                if self.max_players == self.min_players == 2:
                    wanted = "two-player games"
                elif self.max_players is None:
                    wanted = f"games of {self.min_players} or more players"
                else:
                    wanted = (
                        f"games of {self.min_players} to {self.max_players} players"
                    )
                return f"it solves {wanted}; this game has {n} players"
        if self.constant_sum:
            if "constant_sum" not in facts:
                facts["constant_sum"] = (
                    game.is_zero_sum()
                    if kind == "stochastic"
                    else game.is_constant_sum()
                )
            if not facts["constant_sum"] and kind == "stochastic":
                return "it needs a zero-sum stochastic game"
            if not facts["constant_sum"]:
                return (
                    "it needs a constant-sum game (for a general-sum game, "
                    "sg.correlated_equilibrium solves the analogous LP)"
                )
        return None

    def applies(self, game, facts: dict | None = None) -> bool:
        """True when this method accepts ``game``."""
        return self.refusal(game, facts) is None


def _spec(**fields) -> tuple[str, SolverSpec]:
    spec = SolverSpec(**fields)
    return spec.name, spec


#: Every method, by name. The order is the order of preference of ``auto``
#: among the methods that apply to a game and accept the options given.
SOLVERS: dict[str, SolverSpec] = dict(
    [
        _spec(
            name="enumerate",
            target="enumeration:enumerate_any",
            min_players=2,
            finds="extreme",
            complete="always",
            exact=True,
            summary=(
                "every extreme equilibrium of a two-player game (vertex "
                "enumeration); every isolated equilibrium and continuum of an "
                "N-player game (support enumeration, homotopy continuation)"
            ),
        ),
        _spec(
            name="zero_sum",
            target="zero_sum:solve_zero_sum",
            min_players=2,
            max_players=2,
            constant_sum=True,
            exact=True,
            tol_option=None,
            summary="optimal strategies of a constant-sum game (one LP)",
        ),
        _spec(
            name="lemke_howson",
            target="lemke_howson:lemke_howson",
            min_players=2,
            max_players=2,
            exact=True,
            summary="one equilibrium per starting label (complementary pivoting)",
        ),
        _spec(
            name="pure",
            target="pure:pure_any",
            games=("normal_form", "stochastic"),
            finds="pure",
            complete="always",
            exact=True,
            summary=(
                "every pure equilibrium, any number of players (every pure "
                "stationary equilibrium of a stochastic game)"
            ),
        ),
        _spec(
            name="logit",
            target="logit:solve_logit",
            summary="one equilibrium by tracing the logit QRE branch",
        ),
        _spec(
            name="support_enumeration",
            target="support_enumeration:support_enumeration",
            min_players=2,
            max_players=2,
            finds="isolated",
            complete="nondegenerate",
            exact=True,
            summary="equilibria on supports of equal size (nondegenerate games)",
        ),
        _spec(
            name="zero_sum_approx",
            target="zero_sum:solve_zero_sum_approx",
            min_players=2,
            max_players=2,
            constant_sum=True,
            tol_option="gap",
            summary="approximate optimal strategies of a large constant-sum game",
        ),
        _spec(
            name="nashpy.support_enumeration",
            target="nashpy_engines:nashpy_support_enumeration",
            min_players=2,
            max_players=2,
            finds="isolated",
            summary="nashpy's support enumeration, certified here",
        ),
        _spec(
            name="nashpy.vertex_enumeration",
            target="nashpy_engines:nashpy_vertex_enumeration",
            min_players=2,
            max_players=2,
            finds="extreme",
            summary="nashpy's vertex enumeration, certified here",
        ),
        _spec(
            name="nashpy.lemke_howson",
            target="nashpy_engines:nashpy_lemke_howson",
            min_players=2,
            max_players=2,
            summary="nashpy's Lemke-Howson, certified here",
        ),
        _spec(
            name="shapley",
            target="stochastic:solve_shapley",
            games=("stochastic",),
            min_players=2,
            max_players=2,
            constant_sum=True,
            certified=False,
            summary=(
                "values and optimal stationary strategies of a two-player "
                "zero-sum stochastic game (Shapley iteration, Newton steps)"
            ),
        ),
        _spec(
            name="homotopy",
            target="stochastic:solve_homotopy",
            games=("stochastic",),
            certified=False,
            summary=(
                "a stationary equilibrium of a stochastic game (Markov logit "
                "QRE homotopy)"
            ),
        ),
        _spec(
            name="global_newton",
            target="global_newton:global_newton",
            min_players=2,
            finds="isolated",
            summary=(
                "equilibria of an N-player game along random rays (Govindan-"
                "Wilson global Newton), a sample"
            ),
        ),
        _spec(
            name="simplicial",
            target="simplicial:simplicial",
            min_players=2,
            summary=(
                "one equilibrium of an N-player game per random start (van der "
                "Laan-Talman-van der Heyden simplicial subdivision, refined)"
            ),
        ),
        _spec(
            name="polymatrix",
            target="polymatrix:polymatrix_lemke",
            games=("polymatrix",),
            summary="one equilibrium of a polymatrix game (Howson's LCP, Lemke)",
        ),
        _spec(
            name="backward_induction",
            target="backward_induction:backward_induction",
            games=("sequential",),
            tol_option=None,
            certified=False,
            summary="the subgame-perfect equilibrium of a sequential game",
        ),
        _spec(
            name="best_response_iteration",
            target="continuous:best_response_iteration",
            games=("continuous",),
            tol_option=None,
            certified=False,
            summary="pure equilibria of a continuous game, verified numerically",
        ),
    ]
)


def available(game) -> list[str]:
    """The methods that apply to ``game``, in ``auto``'s order of preference.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> available(g)[:4]
    ['enumerate', 'zero_sum', 'lemke_howson', 'pure']
    >>> import numpy as np
    >>> available(sg.NormalFormGame([np.zeros((2, 2, 2))] * 3))
    ['enumerate', 'pure', 'logit', 'global_newton', 'simplicial']
    """
    facts: dict = {}
    return [name for name, spec in SOLVERS.items() if spec.applies(game, facts)]
