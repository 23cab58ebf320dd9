"""What people read: results show the game's player and action labels, say
"1 equilibrium", and round float noise for display only."""

from __future__ import annotations

import json

import numpy as np
import pytest

import stratgame as sg
from stratgame.solvers.results import EquilibriumResult, make_equilibrium

LABS = sg.NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("Lab A", "Lab B"),
    actions=(("safe", "race"), ("safe", "race")),
)


def test_equilibrium_repr_uses_labels():
    (eq,) = sg.solve(LABS, method="pure").equilibria
    assert repr(eq) == (
        "Equilibrium({'Lab A': 'race', 'Lab B': 'race'}, "
        "payoffs={'Lab A': 1, 'Lab B': 1}, regret=0, exact)"
    )


def test_mixed_strategies_are_shown_by_action():
    game = sg.NormalFormGame.from_bimatrix(
        [[1, -1], [-1, 1]], players=("Row", "Column"), actions=(("H", "T"),) * 2
    )
    eq = make_equilibrium(game, [[0.5, 0.5], [0.5, 0.5]])
    assert "'Row': {'H': 0.5, 'T': 0.5}" in repr(eq)
    html = eq._repr_html_()
    assert "<td>Row</td><td>H 0.5, T 0.5</td>" in html


@pytest.mark.parametrize(
    ("count", "words"), [(1, "1 equilibrium"), (2, "2 equilibria")]
)
def test_result_counts_in_words(count, words):
    eq = make_equilibrium(LABS, [[0, 1], [0, 1]])
    result = EquilibriumResult((eq,) * count, method="pure", complete=True, game=LABS)
    assert repr(result).splitlines()[0].endswith(f", {words})")
    assert f"{words}, complete=True" in result._repr_html_()


def test_result_gives_labels_to_equilibria_built_without_them():
    bare = sg.solvers.Equilibrium(
        strategies=(np.array([0.0, 1.0]), np.array([0.0, 1.0])),
        payoffs=np.array([1.0, 1.0]),
        regret=0.0,
    )
    assert repr(bare).startswith("Equilibrium(strategies=([0, 1], [0, 1])")
    result = EquilibriumResult((bare,), method="pure", complete=True, game=LABS)
    assert "'Lab A': 'race'" in repr(result.equilibria[0])


def test_float_noise_is_rounded_for_display_only():
    game = sg.NormalFormGame.from_bimatrix(
        [[0.1 + 0.2, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]
    )
    eq = make_equilibrium(game, [[1, 0], [1, 0]])
    assert eq.payoffs[0] == 0.1 + 0.2 != 0.3  # the data keep every bit
    assert "'P1': 0.3," in repr(eq)
    data = eq.to_dict()
    assert data["payoffs"][0] == 0.1 + 0.2
    assert data["by_player"]["P1"] == {"strategy": {"a1": 1.0}, "payoff": 0.3}


def test_to_dict_carries_labels_and_is_json():
    result = sg.solve(LABS, method="pure")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["players"] == ["Lab A", "Lab B"]
    assert data["actions"] == [["safe", "race"], ["safe", "race"]]
    assert data["equilibria"][0]["by_player"] == {
        "Lab A": {"strategy": {"race": 1}, "payoff": 1.0},
        "Lab B": {"strategy": {"race": 1}, "payoff": 1.0},
    }


def test_html_escapes_labels():
    game = sg.NormalFormGame.from_bimatrix(
        [[1, 0], [0, 1]],
        [[1, 0], [0, 1]],
        players=("<b>", "B&B"),
        actions=(("x", "y"), ("u", "v")),
    )
    html = sg.solve(game, method="pure")._repr_html_()
    assert "&lt;b&gt;" in html and "B&amp;B" in html and "<b>" not in html


def test_logit_and_stackelberg_use_labels():
    qre = sg.logit_qre(LABS, lam=1.0)
    assert "'Lab A': {'safe': " in repr(qre) and "<td>Lab A</td>" in qre._repr_html_()
    commitment = sg.stackelberg(LABS, leader=1)
    assert repr(commitment).startswith("StackelbergResult(leader='Lab B'")
    assert "Lab A answers race" in commitment._repr_html_()
