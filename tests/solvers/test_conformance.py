"""The conformance suite every registered solver must pass (in the spirit of
scikit-learn's ``parametrize_with_checks``): certified equilibria on random
and degenerate games, option checking, refusal of games it does not handle,
exact mode where declared, completeness where declared, reproducibility."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidGameError, UncertifiedEquilibriumWarning
from stratgame.games.generators import random_game
from stratgame.solvers import SOLVERS, available
from stratgame.solvers.results import EquilibriumResult

NORMAL_FORM = [name for name, spec in SOLVERS.items() if "normal_form" in spec.games]


def games_for(spec):
    """Small games of the kinds ``spec`` accepts: random, degenerate and
    exact ones."""
    rng = np.random.default_rng(7)
    two = [
        sg.NormalFormGame.from_bimatrix(rng.random((3, 4)), rng.random((3, 4))),
        sg.NormalFormGame.from_bimatrix(
            rng.integers(0, 2, (3, 3)), rng.integers(0, 2, (3, 3))
        ),  # degenerate, exact
        sg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]),
    ]
    zero_sum = [
        sg.NormalFormGame.from_bimatrix(rng.random((4, 3))),
        sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]),
    ]
    three = [random_game((2, 3, 2), rng=3), random_game((2, 2, 2), rng=4)]
    candidates = two + zero_sum + three
    return [g for g in candidates if spec.applies(g)]


def quiet_solve(game, method, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncertifiedEquilibriumWarning)
        warnings.simplefilter("ignore", sg.exceptions.DegenerateGameWarning)
        return sg.solve(game, method=method, **options)


def exact_extreme_set(game):
    result = sg.solve(game, method="enumerate", exact=True)
    return {tuple(tuple(s) for s in eq.exact) for eq in result.equilibria}


def brute_force_pure(game):
    """Every pure equilibrium, by checking every deviation of every profile."""
    found = set()
    for profile in itertools.product(*(range(n) for n in game.shape)):
        if all(
            game.payoff_arrays[i][profile]
            >= max(
                game.payoff_arrays[i][(*profile[:i], a, *profile[i + 1 :])]
                for a in range(game.shape[i])
            )
            for i in range(game.n_players)
        ):
            found.add(profile)
    return found


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_every_equilibrium_is_certified(name):
    spec = SOLVERS[name]
    games = games_for(spec)
    assert games, f"no test game for {name}"
    for game in games:
        result = quiet_solve(game, name)
        assert isinstance(result, EquilibriumResult)
        assert result.method.startswith(name.split(".")[0]) or result.method == name
        tol = spec.default_tol()
        for eq in result.equilibria:
            assert max(game.regret(eq.strategies, relative=True)) <= max(tol, 1e-9)
            assert len(eq.strategies) == game.n_players
            assert len(eq.payoffs) == game.n_players
            assert eq.regret >= 0
        if spec.finds == "one" and result.converged:
            assert len(result.equilibria) >= 1


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_unknown_options_are_named(name):
    game = games_for(SOLVERS[name])[0]
    with pytest.raises(TypeError, match="unknown option 'bogus'") as info:
        sg.solve(game, method=name, bogus=1)
    assert name in str(info.value)


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_games_it_does_not_handle_are_refused_with_the_alternatives(name):
    spec = SOLVERS[name]
    others = [
        random_game((2, 2, 2), rng=1),
        sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        sg.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[1, 2], [3, 4]]),
    ]
    refused = [g for g in others if not spec.applies(g)]
    for game in refused:
        with pytest.raises(InvalidGameError) as info:
            sg.solve(game, method=name)
        for method in available(game):
            assert repr(method) in str(info.value)
        assert name not in available(game)


@pytest.mark.parametrize("name", [n for n in NORMAL_FORM if SOLVERS[n].exact])
def test_exact_mode_gives_exact_equilibria(name):
    for game in games_for(SOLVERS[name]):
        result = quiet_solve(game, name, exact=True)
        if name == "pure" and not game.is_exact:
            continue  # pure compares float games in floating point
        for index, eq in enumerate(result.equilibria):
            if eq.exact is None:  # irrational: high-precision floats instead
                assert game.n_players > 2
                assert index in result.details["high_precision"]
                continue
            assert all(isinstance(p, Fraction) for s in eq.exact for p in s)
            assert all(r == 0 for r in game.regret(eq.exact, exact=True))
            assert eq.regret == 0


@pytest.mark.parametrize(
    "name", [n for n in NORMAL_FORM if SOLVERS[n].complete == "always"]
)
def test_declared_completeness_holds(name):
    spec = SOLVERS[name]
    for game in games_for(spec):
        result = quiet_solve(game, name)
        assert result.complete
        if spec.finds == "extreme" and game.n_players == 2:
            want = exact_extreme_set(game)
            got = [np.concatenate(eq.strategies) for eq in result.equilibria]
            assert len(got) == len(want)
            for profile in want:
                row = np.array([float(p) for s in profile for p in s])
                assert min(np.abs(row - g).max() for g in got) < 1e-9
        elif spec.finds == "pure":
            got = {
                tuple(int(np.argmax(s)) for s in eq.strategies)
                for eq in result.equilibria
            }
            assert got == brute_force_pure(game)


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_options_with_rng_are_reproducible(name):
    spec = SOLVERS[name]
    if "rng" not in spec.options:
        pytest.skip(f"{name} takes no rng")
    accepting = [g for g in games_for(spec) if name != "enumerate" or g.n_players > 2]
    game = accepting[0]  # two-player enumeration is deterministic: no rng
    first = quiet_solve(game, name, rng=5)
    second = quiet_solve(game, name, rng=5)
    assert len(first.equilibria) == len(second.equilibria)
    for a, b in zip(first.equilibria, second.equilibria, strict=True):
        for s, t in zip(a.strategies, b.strategies, strict=True):
            np.testing.assert_array_equal(s, t)


def test_tol_is_accepted_whatever_auto_picks():
    rng = np.random.default_rng(0)
    for game in [
        sg.NormalFormGame.from_bimatrix(rng.random((12, 12)), rng.random((12, 12))),
        sg.NormalFormGame.from_bimatrix(rng.random((25, 25))),  # zero-sum: LP
        sg.NormalFormGame.from_bimatrix(rng.random((30, 30)), rng.random((30, 30))),
        random_game((2, 2, 2), rng=2),
    ]:
        result = sg.solve(game, tol=1e-6)
        assert result.equilibria
        for eq in result.equilibria:
            assert game.is_nash(eq.strategies, tol=1e-6)


def test_auto_refuses_options_no_method_takes():
    game = random_game((2, 2, 2), rng=2)
    with pytest.raises(TypeError, match="no method for this game accepts"):
        sg.solve(game, bogus=3)


def test_nashpy_methods_are_certified_and_never_complete():
    rng = np.random.default_rng(3)
    game = sg.NormalFormGame.from_bimatrix(rng.random((6, 6)), rng.random((6, 6)))
    full = sg.solve(game, method="enumerate")
    for name in [n for n in SOLVERS if n.startswith("nashpy.")]:
        result = quiet_solve(game, name)
        assert not result.complete and result.method == name
        assert len(result.equilibria) <= len(full.equilibria)
        assert all(game.is_nash(eq.strategies) for eq in result.equilibria)


def test_a_profile_above_tolerance_never_leaves_solve(monkeypatch):
    from stratgame.solvers.results import make_equilibrium

    game = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    spec = SOLVERS["pure"]

    def bad_solver(game, tol=1e-12):
        profiles = [([1, 0], [1, 0]), ([0, 1], [0, 1])]
        return EquilibriumResult(
            equilibria=tuple(make_equilibrium(game, p) for p in profiles),
            method="pure",
            complete=True,
            game=game,
        )

    monkeypatch.setitem(spec.__dict__, "function", bad_solver)
    with pytest.warns(UncertifiedEquilibriumWarning, match="1 profile"):
        result = sg.solve(game, method="pure")
    assert not result.complete and len(result.equilibria) == 1
    assert result.details["uncertified"] == 1


def test_every_registered_spec_declares_its_promises():
    for name, spec in SOLVERS.items():
        assert spec.name == name
        assert spec.finds in {"pure", "extreme", "isolated", "one"}
        assert spec.complete in {"always", "nondegenerate", "never"}
        assert callable(spec.function)
        assert spec.summary
        if spec.exact:
            assert "exact" in spec.options or name == "pure"


def sequential_and_continuous_games():
    from stratgame.games import (
        ContinuousGame,
        Decision,
        SequentialGame,
        Terminal,
    )

    entry = SequentialGame(
        Decision(
            0,
            {
                "out": Terminal((0, 2)),
                "in": Decision(
                    1, {"fight": Terminal((-1, -1)), "yield": Terminal((1, 1))}
                ),
            },
        ),
        ("Entrant", "Incumbent"),
    )
    cournot = ContinuousGame(
        [lambda q, i=i: (10 - sum(q) - 1) * q[i] for i in range(2)], [(0.0, 10.0)] * 2
    )
    return [entry, cournot]


@pytest.mark.parametrize("criterion", ["welfare", "pareto", "payoff_dominance"])
def test_selection_by_payoffs_works_on_every_game_kind(criterion):
    for game in sequential_and_continuous_games():
        result = sg.solve(game)
        chosen = result.select(criterion)
        assert chosen.equilibria and chosen.details["criterion"] == criterion
        eq = chosen.equilibria[0]
        assert len(eq.strategies) == len(eq.payoffs) and eq.regret >= 0


@pytest.mark.parametrize("criterion", ["max_entropy", "risk_dominance"])
def test_selection_by_mixed_strategies_refuses_other_kinds_clearly(criterion):
    from stratgame.solvers.selection import SelectionNotApplicableError

    for game in sequential_and_continuous_games():
        with pytest.raises(SelectionNotApplicableError, match="normal-form"):
            sg.solve(game).select(criterion)


def test_subgame_perfect_strategies_are_each_players_plan():
    entry = sequential_and_continuous_games()[0]
    (eq,) = sg.solve(entry).equilibria
    assert eq.strategies == ({(): "in"}, {("in",): "yield"})


def test_every_equilibrium_type_answers_strategies_payoffs_and_regret():
    game = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    found = [
        sg.solve(game).equilibria[0],
        sg.correlated_equilibrium(game),
        sg.stackelberg(game),
        sg.logit_qre(game, 1.0),
        *(sg.solve(g).equilibria[0] for g in sequential_and_continuous_games()),
    ]
    for eq in found:
        assert len(eq.strategies) == len(eq.payoffs) == 2
        assert float(eq.regret) >= 0
        assert isinstance(eq.to_dict(), dict) and eq._repr_html_()


def test_stochastic_games_are_solved_through_the_registry():
    general = sg.games.random_stochastic_game(4, 2, 2, discount=0.9, rng=1)
    zero_sum = sg.games.random_stochastic_game(
        4, 2, 2, discount=0.9, rng=1, zero_sum=True
    )
    assert sg.solve(general).method == "homotopy"
    assert sg.solve(zero_sum).method == "shapley"
    assert "shapley" not in available(general)
    with pytest.raises(InvalidGameError, match="zero-sum stochastic"):
        sg.solve(general, method="shapley")
    for game in (general, zero_sum):
        for name in available(game):
            result = sg.solve(game, method=name)
            for eq in result.equilibria:
                assert eq.regret <= 1e-9 * max(game.payoff_ranges)
                assert len(eq.strategies) == game.n_states
    with pytest.raises(TypeError, match="unknown option 'bogus'"):
        sg.solve(general, method="homotopy", bogus=1)
