"""ExportControlGame: supplier nations restricting exports to a target that
answers with closed or open-weight efficiency, with leakage. Equilibria are
certified by the N-player solvers; compute access and the offset threshold
are checked against their closed forms and limits, and the stable
coalitions read from pure equilibria are checked against d'Aspremont et
al.'s internal and external stability computed from the payoffs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidParameterError
from stratgame.models import MODELS, ExportControlGame


def _coalitions(model):
    k = len(model.suppliers)
    return [
        c
        for size in range(k + 1)
        for c in itertools.combinations(model.suppliers, size)
    ]


def _stable_by_definition(model):
    """Internal and external stability with the target's dominant reply."""
    opens = model.closed_form()["target_opens"]
    stable = set()
    for c in _coalitions(model):
        pay = model.payoffs(c, opens)
        ok = True
        for j, name in enumerate(model.suppliers):
            other = tuple(x for x in c if x != name) if name in c else (*c, name)
            if model.payoffs(other, opens)[j] > pay[j] + 1e-12:
                ok = False
        if ok:
            stable.add(tuple(sorted(c)))
    return stable


@pytest.mark.parametrize(
    "params",
    [{}, {"cloud_access": 0.0, "third_country": 0.0}, {"cloud_access": 0.5}],
)
def test_equilibria_are_certified_and_pure_ones_are_the_stable_coalitions(params):
    model = ExportControlGame(**params)
    game = model.game()
    result = sg.solve(game, method="enumerate")
    assert result.equilibria
    for eq in result.equilibria:
        assert game.is_nash(eq.strategies, tol=1e-8)
    pure = sg.solve(game, method="pure").equilibria
    found = {tuple(sorted(model.coalition(eq))) for eq in pure}
    assert found == _stable_by_definition(model)


def test_compute_access_closed_form_and_limits():
    model = ExportControlGame(cloud_access=0.0, third_country=0.0)
    assert model.compute_access(()) == pytest.approx(1.0)
    assert model.compute_access(("US", "Japan")) == pytest.approx(1 - 0.7)
    full_cloud = model.replace(cloud_access=1.0)
    assert full_cloud.compute_access(model.suppliers) == pytest.approx(1.0)
    m = ExportControlGame(cloud_access=0.2, third_country=0.5)
    R = 0.5
    leak = 1 - 0.8 * (1 - 0.5 * (1 - R))
    assert m.compute_access(("US",)) == pytest.approx(1 - R * (1 - leak))


def test_the_target_reply_is_the_closed_form_dominant_choice():
    for spillover in (0.0, 0.3, 1.0):
        model = ExportControlGame(spillover=spillover)
        game = model.game()
        opens = model.closed_form()["target_opens"]
        target = game.payoff_arrays[-1]
        better = target[..., 1] > target[..., 0]
        assert np.all(better == opens)
    assert not ExportControlGame(spillover=1.0).closed_form()["target_opens"]


@pytest.mark.parametrize("coalition", [(), ("Netherlands",), ("Netherlands", "Japan")])
def test_at_the_offset_threshold_open_weights_exactly_undo_the_controls(coalition):
    base = ExportControlGame()
    s_star = base.offset_threshold(coalition)
    assert 0 <= s_star <= 1
    at = base.replace(spillover=s_star)
    assert at.target_share(coalition, True) == pytest.approx(
        at.target_share((), False), rel=1e-12
    )
    below = base.replace(spillover=s_star * 0.9)
    above = base.replace(spillover=min(1.0, s_star * 1.1 + 1e-3))
    assert below.target_share(coalition, True) > below.target_share((), False)
    assert above.target_share(coalition, True) < above.target_share((), False)


def test_the_offset_is_no_identity_it_fails_with_full_spillover():
    model = ExportControlGame(spillover=1.0)
    for c in _coalitions(model)[1:]:
        assert model.target_share(c, True) < model.target_share((), False)


def test_security_weight_and_costs_drive_the_coalition():
    free_riders = ExportControlGame(security_weight=(0.0, 0.0, 0.0))
    pure = sg.solve(free_riders.game(), method="pure").equilibria
    assert [free_riders.coalition(eq) for eq in pure] == [()]
    costless = ExportControlGame(export_revenue=0.0, retaliation=0.0)
    pure = sg.solve(costless.game(), method="pure").equilibria
    assert [costless.coalition(eq) for eq in pure] == [costless.suppliers]


def test_parameters_are_validated_and_registered():
    assert MODELS["export_control_game"] is ExportControlGame
    with pytest.raises(InvalidParameterError, match="market_share"):
        ExportControlGame(market_share=(0.6, 0.3, 0.2))
    with pytest.raises(InvalidParameterError, match="open_efficiency"):
        ExportControlGame(open_efficiency=0.1, closed_efficiency=0.2)
    with pytest.raises(InvalidParameterError, match="suppliers"):
        ExportControlGame(suppliers=("US",), market_share=(0.5,), security_weight=(1,))
    with pytest.raises(InvalidParameterError, match="supplier"):
        ExportControlGame().compute_access(("France",))
