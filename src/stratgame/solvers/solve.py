"""``solve()``: one entry point that dispatches to the equilibrium solvers."""

from __future__ import annotations

from importlib import import_module

from ..exceptions import InvalidGameError, ResourceLimitError
from ..games import ContinuousGame, NormalFormGame, SequentialGame
from .results import EquilibriumResult

__all__ = ["METHODS", "solve"]

#: Solver methods: name -> "module:function" inside stratgame.solvers. Each
#: function takes the game and keyword options and returns an EquilibriumResult.
METHODS = {
    "pure": "pure:pure_equilibria",
    "enumerate": "enumeration:enumerate_equilibria",
    "lemke_howson": "lemke_howson:lemke_howson",
    "support_enumeration": "support_enumeration:support_enumeration",
    "zero_sum": "zero_sum:solve_zero_sum",
    "zero_sum_approx": "zero_sum:solve_zero_sum_approx",
    "logit": "logit:solve_logit",
}


def _solver(method: str):
    if not isinstance(method, str) or (method not in METHODS and method != "auto"):
        listed = ", ".join(repr(m) for m in ["auto", *sorted(METHODS)])
        raise ValueError(f"unknown solver method {method!r}; the methods are {listed}.")
    module, function = METHODS[method].split(":")
    return getattr(import_module(f"{__package__}.{module}"), function)


#: Two-player games at most this small (fewer actions of the smaller player,
#: and profiles in all) are enumerated completely by ``method="auto"``.
AUTO_ENUMERATE_MAX_ACTIONS = 12
AUTO_ENUMERATE_MAX_PROFILES = 400
#: The memory ``method="auto"`` lets enumeration hold before it falls back to
#: one equilibrium (unless ``max_memory=`` is given).
AUTO_ENUMERATE_MAX_MEMORY = 512 << 20


def _auto_method(game: NormalFormGame) -> str:
    """The method ``"auto"`` runs (see :func:`solve`)."""
    if game.n_players == 2:
        m, n = game.shape
        if (
            min(m, n) <= AUTO_ENUMERATE_MAX_ACTIONS
            and m * n <= AUTO_ENUMERATE_MAX_PROFILES
        ):
            return "enumerate"
        if game.is_constant_sum():
            return "zero_sum"
        return "lemke_howson"
    return "pure"


def _solve_n_player(game: NormalFormGame, **options) -> EquilibriumResult:
    """Pure equilibria when there are any, otherwise the logit-traced one."""
    result = _solver("pure")(game)
    if result.equilibria:
        return result
    return _solver("logit")(game, **options)


def solve(game, method: str = "auto", **options) -> EquilibriumResult:
    """Find equilibria of ``game``.

    Parameters
    ----------
    game : NormalFormGame
    method : str
        ``"auto"`` (default) picks a method suited to the game and records it
        in ``result.method``: for two players, ``"enumerate"`` (every extreme
        equilibrium) when the smaller player has at most 12 actions and there
        are at most 400 profiles, else ``"zero_sum"`` for constant-sum games
        and ``"lemke_howson"`` (one equilibrium) otherwise; for more players,
        ``"pure"`` when there are pure equilibria, else ``"logit"``.
        Otherwise one of :data:`METHODS`: ``"pure"``, ``"enumerate"``,
        ``"support_enumeration"``, ``"lemke_howson"``, ``"zero_sum"``,
        ``"zero_sum_approx"``, ``"logit"``.
    **options
        Passed on to the method (e.g. ``tol``).

    Returns
    -------
    EquilibriumResult

    Raises
    ------
    ValueError
        For an unknown method; the message lists the valid ones.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> len(sg.solve(g, method="pure").equilibria)
    2
    >>> sg.solve(g, method="magic")
    Traceback (most recent call last):
    ...
    ValueError: unknown solver method 'magic'; the methods are 'auto', ..., 'pure', ...
    """
    if isinstance(game, ContinuousGame):  # pure equilibria, verified numerically
        return import_module(f"{__package__}.continuous").solve_continuous(
            game, method, **options
        )
    if isinstance(game, SequentialGame):  # subgame-perfect equilibrium
        return import_module(f"{__package__}.backward_induction").solve_sequential(
            game, method, **options
        )
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"solve() needs a NormalFormGame; got {type(game).__name__}."
        )
    if method == "auto":
        method = _auto_method(game)
        if game.n_players != 2:
            return _solve_n_player(game, **options)
        if method == "enumerate":
            return _auto_enumerate(game, **options)
    return _solver(method)(game, **options)


def _auto_enumerate(game: NormalFormGame, **options) -> EquilibriumResult:
    """Complete enumeration within :data:`AUTO_ENUMERATE_MAX_MEMORY`; when
    it needs more, one equilibrium by the zero-sum LP or Lemke-Howson, with
    the reason in ``details["auto"]``."""
    from .._resources import memory_budget

    budget = options.pop("max_memory", None)
    if budget is None:
        budget = min(memory_budget(None, "solve"), AUTO_ENUMERATE_MAX_MEMORY)
    try:
        return _solver("enumerate")(game, max_memory=budget, **options)
    except ResourceLimitError as error:
        fallback = "zero_sum" if game.is_constant_sum() else "lemke_howson"
        shared = ("exact",) if fallback == "zero_sum" else ("exact", "tol")
        kept = {k: v for k, v in options.items() if k in shared}
        result = _solver(fallback)(game, **kept)
        needed = getattr(error, "needed", "more memory")
        result.details["auto"] = (
            f"complete enumeration needs more than {budget / 2**20:.0f} MiB "
            f"({needed}); one equilibrium by {fallback!r} instead"
        )
        return result
