"""The flagship demo's regime maps name each point in the model's own
vocabulary, from equilibria solved once and certified.

(``tests/test_examples.py`` runs the whole demo and checks what it prints.)
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import stratgame as sg
from stratgame import demo
from stratgame.exceptions import SolverError
from stratgame.models import (
    DynamicComputeRace,
    ExportControlGame,
    LayerOwnership,
    OpennessGame,
)
from stratgame.solvers.stochastic import solve_stochastic

pytest.importorskip("pandas")


def pure_solver(calls: list):
    def solve(game):
        calls.append(game)
        return sg.solve(game, method="pure")

    return demo.Solved(solve)


def test_each_model_is_solved_once_and_its_equilibria_are_nash():
    calls = []
    solved = pure_solver(calls)
    model = OpennessGame(licensing=(4, 4))
    game, equilibria = solved(model)
    assert solved(OpennessGame(licensing=(4, 4)))[1] is equilibria
    assert len(calls) == 1
    assert len(equilibria) == 2  # open/open and closed/closed
    assert all(game.is_nash(eq.strategies) for eq in equilibria)


def test_openness_map_uses_the_models_own_classification():
    solved = pure_solver([])
    licensing = [0.0, 2.5, 4.0, 6.0]
    regimes = demo.model_regimes(
        solved,
        lambda us, china: OpennessGame(licensing=(us, china)),
        ("us", licensing),
        ("china", licensing),
        lambda model, equilibria: model.classify(),
        ("coordination",),
    )
    for i, china in enumerate(licensing):
        for j, us in enumerate(licensing):
            expected = OpennessGame(licensing=(us, china)).classify()
            assert regimes.labels[i, j] == expected
    # (2.5, 4) is one-sided dominance, Pareto-dominated: never a dilemma
    assert regimes.labels[2, 1] == "one-sided dominance, Pareto-dominated"
    # a prisoner's dilemma only where both labs have a dominant choice
    for i, china in enumerate(licensing):
        for j, us in enumerate(licensing):
            if regimes.labels[i, j] == "prisoner's dilemma":
                cf = OpennessGame(licensing=(us, china)).closed_form()
                assert all(
                    o or c
                    for o, c in zip(
                        cf["open_dominant"], cf["closed_dominant"], strict=True
                    )
                )
    assert regimes.regimes()[0] == "coordination"  # the legend's order
    # the grid ran through regime_map, on the same equilibria
    assert regimes.rows["error"].isna().all()
    n_equilibria = [
        len(solved(OpennessGame(licensing=(us, china)))[1])
        for china in licensing
        for us in licensing
    ]
    assert regimes.n_equilibria.ravel().tolist() == n_equilibria


def test_coalition_labels_are_the_stable_coalitions_of_the_equilibria():
    solved = pure_solver([])
    model = ExportControlGame()
    game, equilibria = solved(model)
    assert all(game.is_nash(eq.strategies) for eq in equilibria)
    assert sorted(model.coalition(eq) for eq in equilibria) == [
        (),
        ("US", "Netherlands", "Japan"),
    ]
    assert demo.coalitions_label(model, equilibria) == "stable: all three or none"
    leaky = model.replace(cloud_access=0.5)
    assert demo.coalitions_label(leaky, solved(leaky)[1]) == "stable: none"


def test_opener_label_follows_the_platforms_equilibrium_choice():
    solved = pure_solver([])
    close = LayerOwnership(quality_gap=0.5)
    far = LayerOwnership(quality_gap=3.0)
    lab = LayerOwnership(owns_chips=False)
    assert close.closed_form()["opens"] and not far.closed_form()["opens"]
    assert demo.opener_label(close, solved(close)[1]) == demo.OPENER_LABELS[0]
    assert demo.opener_label(far, solved(far)[1]) == demo.OPENER_LABELS[1]
    assert demo.opener_label(lab, solved(lab)[1]) == demo.OPENER_LABELS[1]


def test_any_gap_gain_is_where_the_added_demand_alone_pays():
    # opening pays at any gap once ((A + g - C) / (n + 1))**2 > Q_c**2 + F
    model = LayerOwnership(a=10.0, independent_layers=1, release_cost=2.0)
    n, closed = model.price_setters, model.closed_form()["closed_output"]
    expected = (n + 1) * math.sqrt(closed**2 + model.release_cost) - model.a
    assert demo.any_gap_gain(model) == pytest.approx(expected, abs=1e-9)
    above = model.replace(demand_expansion=expected + 1e-6, quality_gap=100.0)
    below = model.replace(demand_expansion=expected - 1e-6, quality_gap=100.0)
    assert above.closed_form()["opens"] and not below.closed_form()["opens"]


def test_compute_lead_map_labels_recomputed_from_independent_solves():
    solved = demo.Solved(solve_stochastic)
    spillovers, controls = [0.0, 0.4], [0.0, 1.0]

    def label(model, equilibria):
        return demo.lead_label(
            model.lead_statistics(equilibria[0])["expected_lead_duration"]
        )

    regimes = demo.model_regimes(
        solved,
        lambda spillover, export_control: DynamicComputeRace(
            spillover=spillover, export_control=export_control
        ),
        ("spillover", spillovers),
        ("export_control", controls),
        label,
        demo.LEAD_LABELS,
    )
    for i, tau in enumerate(controls):
        for j, h in enumerate(spillovers):
            model = DynamicComputeRace(spillover=h, export_control=tau)
            game = model.game()
            eq = solve_stochastic(game).equilibria[0]
            assert eq.relative_regret <= 1e-8
            duration = model.lead_statistics(eq, game)["expected_lead_duration"]
            assert regimes.labels[i, j] == demo.lead_label(duration)
    # without spillover the lead persists; with spillover 0.4 and no
    # controls it is temporary
    assert regimes.labels[0, 0] == demo.LEAD_LABELS[0]
    assert regimes.labels[0, 1] == demo.LEAD_LABELS[2]


def test_points_without_a_certified_equilibrium_are_labelled_so():
    def failing(game):
        raise SolverError("no certified equilibrium")

    solved = demo.Solved(failing)
    regimes = demo.model_regimes(
        solved,
        lambda us, china: OpennessGame(licensing=(us, china)),
        ("us", [1.0, 7.0]),
        ("china", [1.0]),
        lambda model, equilibria: model.classify(),
    )
    assert regimes.labels.tolist() == [[demo.UNSOLVED, demo.UNSOLVED]]
    assert regimes.rows["error"].str.contains("SolverError").all()
    with pytest.raises(SolverError):
        solved(OpennessGame(licensing=(1.0, 1.0)))


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (demo.TEMPORARY - 1e-9, 2),
        (demo.TEMPORARY, 1),
        (demo.PERSISTENT, 1),
        (demo.PERSISTENT + 1e-9, 0),
        (np.inf, 0),
    ],
)
def test_lead_vocabulary_boundaries(duration, expected):
    assert demo.lead_label(duration) == demo.LEAD_LABELS[expected]


def test_quick_mode_is_read_at_each_run(monkeypatch):
    # the module may be imported before the test suite sets the flag
    monkeypatch.delenv("STRATGAME_QUICK", raising=False)
    full = demo.Grids.for_run()
    monkeypatch.setenv("STRATGAME_QUICK", "1")
    quick = demo.Grids.for_run()
    assert len(quick.spillovers) < len(full.spillovers)
    for grids in (quick, full):
        # the text's tables read points of the maps' grids
        assert {0.0, 0.1, 0.2}.issubset(grids.spillovers)
        assert {0.0, 1.0}.issubset(grids.controls)
        assert all(
            k in grids.switching and nu in grids.network for k, nu in grids.lock_in
        )
        assert {(0.0, 0.0), (2.0, 1.0)}.issubset(grids.lock_in)
        assert {1.1, 1.3}.issubset(grids.qualities)
        # no licensing grid point on a tie of the openness game
        assert not {8 / 3, 16 / 3} & set(grids.licensing)


def test_dilemma_band_is_where_the_model_classifies_a_dilemma():
    model = OpennessGame()
    low, high = demo.dilemma_band(model)
    assert (low, round(high, 2)) == (2.0, 2.67)
    for inside in np.linspace(low, high, 7)[1:-1]:
        assert model.replace(licensing=(inside, inside)).classify() == (
            "prisoner's dilemma"
        )
    for outside in (low - 0.1, high + 0.1):
        assert model.replace(licensing=(outside, outside)).classify() != (
            "prisoner's dilemma"
        )
    # no band when the spillover exceeds what opening gains
    assert demo.dilemma_band(model.replace(spillover=5)) is None
