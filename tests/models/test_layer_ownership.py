"""LayerOwnership: open weights as a choice for an owner of chips and a
model. The pricing stage is checked against Complements (Economides &
Salop closed forms), the limit-pricing cap against its continuity point,
the opener's motive against its threshold, and the choice as a certified
equilibrium of the openness game."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import MODELS, Complements, LayerOwnership


def test_closed_stack_is_cournot_complements_with_owners():
    model = LayerOwnership(a=10, independent_layers=2)
    stack = Complements(n_layers=4, a=10, costs=0)  # chips, model, 2 others
    closed = model.outcome(False, False)
    assert closed["output"] == pytest.approx(float(stack.closed_form()["output"]))
    # a frontier-quality open model commoditizes the model layer
    at_par = model.replace(quality_gap=0.0, release_cost=0.0).outcome(True, False)
    commoditized = stack.commoditize("model").closed_form()
    assert at_par["output"] == pytest.approx(float(commoditized["output"]))
    assert at_par["profits"][0] == pytest.approx(
        float(commoditized["monopolist_profit"])
    )


def test_the_cap_is_continuous_where_it_stops_binding():
    model = LayerOwnership(release_cost=0.0)
    q_u = model.outcome(True, False)["output"]  # d = 1 < Q_u: binds
    edge = model.replace(quality_gap=(model.a - model.total_cost) / 4)
    out = edge.outcome(True, False)
    assert out["lab_markup"] == pytest.approx(out["output"])
    assert q_u > out["output"]


@pytest.mark.parametrize(
    "release_cost, expansion", [(0.0, 0.0), (2.0, 0.0), (2.0, 0.5)]
)
def test_opening_pays_exactly_below_the_quality_gap_threshold(release_cost, expansion):
    base = LayerOwnership(release_cost=release_cost, demand_expansion=expansion)
    d_star = base.closed_form()["quality_gap_threshold"]
    assert 0 < d_star < np.inf
    assert base.replace(quality_gap=d_star).closed_form()["opening_gain"] == (
        pytest.approx(0.0, abs=1e-9)
    )
    assert base.replace(quality_gap=0.9 * d_star).closed_form()["opens"]
    assert not base.replace(quality_gap=1.1 * d_star).closed_form()["opens"]


def test_a_pure_model_lab_or_a_weak_open_model_gains_nothing():
    lab = LayerOwnership(owns_chips=False)
    assert lab.closed_form()["opening_gain"] == pytest.approx(-lab.release_cost)
    weak = LayerOwnership(quality_gap=5.0, release_cost=0.0)
    assert weak.closed_form()["opening_gain"] == pytest.approx(0.0)
    big_ecosystem = LayerOwnership(quality_gap=5.0, demand_expansion=3.0)
    assert big_ecosystem.closed_form()["quality_gap_threshold"] == np.inf


@pytest.mark.parametrize("gap", [0.5, 1.0, 2.0, 4.0])
def test_the_equilibrium_choice_is_the_closed_form_motive(gap):
    model = LayerOwnership(quality_gap=gap)
    game = model.game()
    result = sg.solve(game, method="enumerate")
    for eq in result.equilibria:
        assert game.is_nash(eq.strategies, tol=1e-9)
    pure = sg.solve(game, method="pure").equilibria
    assert len(pure) == 1
    platform, lab = (int(s[0]) for s in pure[0].support)
    assert lab == 0  # the frontier lab keeps its model closed
    assert bool(platform) == model.closed_form()["opens"]


def test_parameters_are_validated_and_registered():
    assert MODELS["layer_ownership"] is LayerOwnership
    with pytest.raises(InvalidParameterError, match="owns_chips"):
        LayerOwnership(owns_chips=1)
    with pytest.raises(InvalidParameterError, match="quality_gap"):
        LayerOwnership(quality_gap=-1)
    with pytest.raises(InvalidParameterError, match="'a'"):
        LayerOwnership(a=1, total_cost=2)
