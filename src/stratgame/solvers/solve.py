"""``solve()``: one entry point for every solver in the registry
(:mod:`stratgame.solvers.registry`), with option checking and certification
in one place."""

from __future__ import annotations

import math

from ..exceptions import InvalidGameError, ResourceLimitError
from .certify import certify
from .registry import SOLVERS, available, game_kind
from .results import EquilibriumResult

__all__ = ["METHODS", "solve"]

#: Solver methods: name -> "module:function" inside stratgame.solvers (the
#: targets of :data:`~stratgame.solvers.registry.SOLVERS`).
METHODS = {name: spec.target for name, spec in SOLVERS.items()}

#: Two-player games at most this small (fewer actions of the smaller player,
#: and profiles in all) are enumerated completely by ``method="auto"``.
AUTO_ENUMERATE_MAX_ACTIONS = 12
AUTO_ENUMERATE_MAX_PROFILES = 400
#: The memory ``method="auto"`` lets enumeration hold before it falls back to
#: one equilibrium (unless ``max_memory=`` is given).
AUTO_ENUMERATE_MAX_MEMORY = 512 << 20
#: Games of three or more players with at most this many profiles are
#: enumerated completely by ``method="auto"`` (3x3x3 and 2x2x2x2x2 included).
AUTO_ENUMERATE_N_MAX_PROFILES = 32
#: Larger games of three or more players without pure equilibria are solved
#: by global Newton up to this many profiles, by the logit tracer beyond.
AUTO_GLOBAL_NEWTON_MAX_PROFILES = 1000


#: The game kinds some registered method solves.
_KINDS = {kind for spec in SOLVERS.values() for kind in spec.games}


def _listed(names) -> str:
    return ", ".join(repr(m) for m in names)


def _spec_for(game, method: str):
    """The registered spec of ``method``, refusing unknown methods and
    methods that do not apply to ``game``, naming those that do."""
    if not isinstance(method, str) or method not in SOLVERS:
        fits = available(game)
        raise ValueError(
            f"unknown solver method {method!r}; the methods are "
            f"{_listed(['auto', *SOLVERS])}; for this game: "
            f"{_listed(['auto', *fits])}."
        )
    spec = SOLVERS[method]
    reason = spec.refusal(game)
    if reason is not None:
        fits = available(game)
        raise InvalidGameError(
            f"method {method!r} does not apply to this game: {reason}. The "
            f"methods for this game are {_listed(['auto', *fits])}."
        )
    return spec


def _accepts(spec, options) -> bool:
    return all(name == "tol" or name in spec.options for name in options)


def _check_options(spec, options) -> None:
    unknown = [name for name in options if name != "tol" and name not in spec.options]
    if unknown:
        accepted = sorted({*spec.options, "tol"})
        raise TypeError(
            f"method {spec.name!r} got unknown option"
            f"{'s' if len(unknown) > 1 else ''} {_listed(unknown)}; its options "
            f"are {_listed(accepted)}."
        )


def _run(game, spec, options) -> EquilibriumResult:
    """Run one registered method with checked options, then certify."""
    _check_options(spec, options)
    passed = {k: v for k, v in options.items() if k != "tol" or k in spec.options}
    result = spec.function(game, **passed)
    if not spec.certified or game_kind(game) != "normal_form":
        return result  # other kinds carry their own certificates
    tol = options.get("tol", spec.default_tol())
    if spec.tol_option not in (None, "tol"):
        tol = options.get(spec.tol_option, spec.default_tol())
    return certify(game, result, float(tol))


def _auto_candidates(game) -> list[str]:
    """The methods ``auto`` tries, best first."""
    kind = game_kind(game)
    if kind == "stochastic":
        return ["shapley", "homotopy"]
    if kind != "normal_form":
        return [name for name in available(game)]
    if game.n_players == 2:
        m, n = game.shape
        small = (
            min(m, n) <= AUTO_ENUMERATE_MAX_ACTIONS
            and m * n <= AUTO_ENUMERATE_MAX_PROFILES
        )
        order = ["zero_sum", "lemke_howson"]
        return ["enumerate", *order] if small else order
    profiles = math.prod(game.shape)
    if profiles <= AUTO_ENUMERATE_N_MAX_PROFILES:
        return ["enumerate", "pure", "logit"]
    if profiles <= AUTO_GLOBAL_NEWTON_MAX_PROFILES:
        return ["pure", "global_newton", "logit"]
    return ["pure", "logit"]


def _auto(game, options) -> EquilibriumResult:
    """``method="auto"``: the first candidate that applies to the game and
    accepts the options; for N players, the pure equilibria when there are
    any, else one traced by the logit QRE."""
    facts: dict = {}
    candidates = [
        name
        for name in _auto_candidates(game)
        if SOLVERS[name].applies(game, facts) and _accepts(SOLVERS[name], options)
    ]
    if not candidates and len(available(game)) == 1:
        _check_options(SOLVERS[available(game)[0]], options)
    if not candidates:
        every = sorted({o for n in available(game) for o in SOLVERS[n].options})
        raise TypeError(
            f"no method for this game accepts the options {_listed(options)}; "
            f"the methods for this game are {_listed(available(game))}, and "
            f"their options {_listed([*every, 'tol'])}."
        )
    first = SOLVERS[candidates[0]]
    if first.name == "enumerate" and game.n_players == 2:
        return _auto_enumerate(game, candidates[1:], options)
    if first.name == "pure" and game_kind(game) == "normal_form":
        result = _run(game, first, options)
        later = [n for n in candidates[1:] if n != "pure"]
        if result.equilibria or not later:
            return result
        return _run(game, SOLVERS[later[0]], options)
    return _run(game, first, options)


def _auto_enumerate(game, fallbacks, options) -> EquilibriumResult:
    """Complete enumeration within :data:`AUTO_ENUMERATE_MAX_MEMORY`; when it
    needs more, the next candidate (the zero-sum LP or Lemke-Howson), with
    the reason in ``details["auto"]``."""
    from .._resources import memory_budget

    budget = options.get("max_memory")
    if budget is None:
        budget = min(memory_budget(None, "solve"), AUTO_ENUMERATE_MAX_MEMORY)
    try:
        return _run(game, SOLVERS["enumerate"], {**options, "max_memory": budget})
    except ResourceLimitError as error:
        if not fallbacks:
            raise
        fallback = SOLVERS[fallbacks[0]]
        kept = {k: v for k, v in options.items() if k != "max_memory"}
        result = _run(game, fallback, kept)
        needed = getattr(error, "needed", "more memory")
        result.details["auto"] = (
            f"complete enumeration needs more than {budget / 2**20:.0f} MiB "
            f"({needed}); one equilibrium by {fallback.name!r} instead"
        )
        return result


def solve(game, method: str = "auto", **options):
    """Find equilibria of ``game``, certified.

    Parameters
    ----------
    game : NormalFormGame, SequentialGame, ContinuousGame or StochasticGame
    method : str
        ``"auto"`` (default) picks the first method suited to the game that
        accepts the options given, and records it in ``result.method``: for
        two players, ``"enumerate"`` (every extreme equilibrium) when the
        smaller player has at most 12 actions and there are at most 400
        profiles (falling back when it would need more than 512 MiB), else
        ``"zero_sum"`` for constant-sum games and ``"lemke_howson"`` (one
        equilibrium) otherwise; for more players, ``"enumerate"`` (every
        isolated equilibrium and continuum) when there are at most 32
        profiles, else ``"pure"`` when there are pure equilibria, else
        ``"global_newton"`` (up to 1000 profiles) or ``"logit"``; backward induction for sequential
        games, best-response iteration for continuous ones; for stochastic
        games, ``"shapley"`` (two-player zero-sum) else ``"homotopy"``. Otherwise one of
        :data:`~stratgame.solvers.registry.SOLVERS` (see
        :func:`~stratgame.solvers.registry.available` for those that apply).
    **options
        Passed on to the method; each method's options are
        ``SOLVERS[method].options``. ``tol`` is accepted by every method: the
        certificate's tolerance, relative to each player's payoff range.

    Returns
    -------
    EquilibriumResult
        For normal-form games, every equilibrium has its regret recomputed
        from the game; a profile above ``tol`` is dropped, with
        ``complete=False`` and an
        :class:`~stratgame.exceptions.UncertifiedEquilibriumWarning`.

    Raises
    ------
    ValueError
        For an unknown method; the message lists the valid ones.
    InvalidGameError
        For a method that does not apply to the game (it says why, and which
        methods do).
    TypeError
        For an option the method does not take (it names the option and the
        method's options).

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> len(sg.solve(g, method="pure").equilibria)
    2
    >>> sg.solve(g, tol=1e-6).method
    'enumerate'
    >>> sg.solve(g, method="magic")
    Traceback (most recent call last):
    ...
    ValueError: unknown solver method 'magic'; the methods are 'auto', ..., 'pure', ...
    >>> sg.solve(g, method="lemke_howson", max_steps=10)
    Traceback (most recent call last):
    ...
    TypeError: method 'lemke_howson' got unknown option 'max_steps'; its options are 'all_labels', 'exact', 'init_label', 'max_iter', 'tol'.
    """
    if method == "auto":
        if game_kind(game) not in _KINDS:
            raise InvalidGameError(
                f"solve() needs a NormalFormGame, SequentialGame or "
                f"ContinuousGame; got {type(game).__name__}."
            )
        return _auto(game, options)
    return _run(game, _spec_for(game, method), options)
