"""SequentialGame and backward induction: textbook trees with known SPE."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import (
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from stratgame.games import (
    Chance,
    ContinuousDecision,
    Decision,
    SequentialGame,
    SimultaneousMove,
    Terminal,
)
from stratgame.solvers.backward_induction import backward_induction


def entry_game():
    # Selten's (1965/1978) entry deterrence: (out, fight) is a Nash
    # equilibrium of the strategic form but not subgame perfect.
    return SequentialGame(
        Decision(
            "Entrant",
            {
                "out": Terminal((0, 2)),
                "enter": Decision(
                    "Incumbent",
                    {
                        "fight": Terminal((-1, -1)),
                        "accommodate": Terminal((1, 1)),
                    },
                ),
            },
        ),
        players=("Entrant", "Incumbent"),
    )


def centipede(rounds: int):
    # Rosenthal (1981): taking at node k pays the mover k + 2 and the other
    # k; passing to the end pays both `rounds`. The SPE takes at once.
    def node(k):
        if k == rounds:
            return Terminal((rounds, rounds))
        mover = k % 2
        taken = [k, k]
        taken[mover] = k + 2
        return Decision(mover, {"take": Terminal(tuple(taken)), "pass": node(k + 1)})

    return SequentialGame(node(0), players=("A", "B"))


def test_entry_game_spe_and_strategic_form():
    game = entry_game()
    result = sg.solve(game)
    assert result.method == "backward_induction" and result.complete
    spe = result.equilibria[0]
    assert spe.path == ("enter", "accommodate")
    np.testing.assert_array_equal(spe.payoffs, [1, 1])
    nf = game.to_normal_form()
    profile = tuple(game.strategy_label(i, spe.plan) for i in range(2))
    assert nf.is_nash(profile)
    assert nf.is_nash(("out", "fight"))  # Nash, but not subgame perfect


@pytest.mark.parametrize("rounds", [3, 6])
def test_centipede_takes_immediately(rounds):
    game = centipede(rounds)
    spe = sg.solve(game).equilibria[0]
    assert spe.path == ("take",)
    assert all(move == "take" for move in spe.plan.values())
    nf = game.to_normal_form()
    profile = tuple(game.strategy_label(i, spe.plan) for i in range(2))
    assert nf.is_nash(profile)
    np.testing.assert_allclose(nf[profile], spe.payoffs)


def test_chance_node_expectation():
    # Invest (pays 10 w.p. 0.3, -2 w.p. 0.7: expected 1.6) beats keep (1).
    game = SequentialGame(
        Decision(
            0,
            {
                "keep": Terminal((1.0,)),
                "invest": Chance(
                    {"boom": Terminal((10.0,)), "bust": Terminal((-2.0,))},
                    {"boom": 0.3, "bust": 0.7},
                ),
            },
        ),
        players=("investor",),
    )
    spe = sg.solve(game).equilibria[0]
    assert spe.path == ("invest",)
    assert spe.payoffs[0] == pytest.approx(1.6)
    assert game.to_normal_form().payoff_arrays[0].tolist() == pytest.approx([1, 1.6])


def test_ties_are_reported():
    game = SequentialGame(
        Decision(0, {"a": Terminal((1, 0)), "b": Terminal((1, 5))}), players=("x", "y")
    )
    result = sg.solve(game)
    assert result.equilibria[0].ties and not result.complete


def test_stackelberg_closed_form():
    # Demand P = a - q1 - q2, cost c: leader (a - c)/2, follower (a - c)/4
    # (von Stackelberg 1934; e.g. Tirole 1988, sec. 8.2).
    a, c = 14.0, 2.0

    def follower(q1):
        return ContinuousDecision(
            1,
            (0, a),
            lambda q2: Terminal(((a - q1 - q2 - c) * q1, (a - q1 - q2 - c) * q2)),
        )

    game = SequentialGame(ContinuousDecision(0, (0, a), follower), ("L", "F"))
    spe = sg.solve(game, n_grid=29).equilibria[0]
    # a nested numerical optimum: accurate to ~sqrt(inner tolerance)
    np.testing.assert_allclose(spe.path, [(a - c) / 2, (a - c) / 4], rtol=1e-3)
    with pytest.raises(InvalidGameError, match="finite tree"):
        game.to_normal_form()


def test_simultaneous_stage_is_solved_as_nash():
    # One stage of Cournot (P = 9 - q1 - q2): 3 each.
    game = SequentialGame(
        SimultaneousMove(
            (0, 1),
            ((0, 9), (0, 9)),
            lambda q: Terminal(((9 - q[0] - q[1]) * q[0], (9 - q[0] - q[1]) * q[1])),
        ),
        players=("A", "B"),
    )
    result = sg.solve(game)
    assert result.converged and result.details["unconverged_stages"] == 0
    spe = result.equilibria[0]
    np.testing.assert_allclose(spe.path[0], (3.0, 3.0), rtol=1e-6)
    assert spe.regret <= 1e-9
    # matching pennies on [0, 1]^2 has no pure equilibrium: the iteration
    # cannot converge, and the result says so
    pennies = SequentialGame(
        SimultaneousMove(
            (0, 1),
            ((0, 1), (0, 1)),
            lambda a: Terminal((-((a[0] - a[1]) ** 2), (a[0] - a[1]) ** 2)),
        ),
        players=("A", "B"),
    )
    stuck = sg.solve(pennies, stage_options={"max_iter": 20})
    assert not stuck.converged and stuck.details["unconverged_stages"] == 1
    assert stuck.equilibria[0].regret > 0.1


def test_invalid_trees_are_rejected():
    with pytest.raises(InvalidGameError, match="unknown player"):
        SequentialGame(Decision("Z", {"a": Terminal((0,))}), players=("x",))
    with pytest.raises(InvalidGameError, match="sum to 1"):
        SequentialGame(
            Chance({"a": Terminal((0,)), "b": Terminal((1,))}, {"a": 0.5, "b": 0.6}),
            players=("x",),
        )
    with pytest.raises(InvalidGameError, match="2 finite payoffs"):
        SequentialGame(Decision(0, {"a": Terminal((0,))}), players=("x", "y"))
    with pytest.raises(InvalidGameError, match="Terminal, Decision"):
        SequentialGame("leaf", players=("x",))
    with pytest.raises(ValueError, match="method"):
        sg.solve(entry_game(), method="pure")


def test_malformed_numbers_are_rejected():
    leaves = {"a": Terminal((0,)), "b": Terminal((1,))}
    for probabilities in ({"a": float("nan"), "b": 1.0}, {"a": "half", "b": 0.5}):
        with pytest.raises(InvalidGameError, match="sum to 1"):
            SequentialGame(Chance(leaves, probabilities), players=("x",))
    with pytest.raises(InvalidGameError, match="1 finite payoffs"):
        SequentialGame(Terminal(("win",)), players=("x",))
    with pytest.raises(InvalidGameError, match="bounds"):
        SequentialGame(
            ContinuousDecision(0, (False, True), lambda x: Terminal((x,))), ("x",)
        )


def test_strategic_form_is_refused_before_it_is_built():
    # One player with 40 binary decisions has 2**40 pure strategies: the size
    # is checked before any strategy is listed.
    def chain(k):
        if k == 40:
            return Terminal((0.0,))
        return Decision(0, {"stop": Terminal((float(k),)), "go": chain(k + 1)})

    game = SequentialGame(chain(0), players=("x",))
    with pytest.raises(InvalidGameError, match="1099511627776 profiles"):
        game.to_normal_form()
    with pytest.raises(InvalidParameterError, match="'max_cells' parameter"):
        game.to_normal_form(max_cells=0)
    # backward induction: stop at 39 beats 0; then go at every earlier node
    assert sg.solve(game).equilibria[0].path == ("go",) * 39 + ("stop",)


def test_plans_are_checked():
    game = entry_game()
    with pytest.raises(InvalidProfileError, match="needs a plan"):
        game.outcome(None)
    with pytest.raises(InvalidProfileError, match=r"decision node \('enter',\)"):
        game.strategy_label("Incumbent", {(): "enter"})
    np.testing.assert_array_equal(
        game.outcome({(): "enter", ("enter",): "fight"}), [-1, -1]
    )


def test_solver_arguments_are_checked():
    game = entry_game()
    with pytest.raises(InvalidGameError, match="SequentialGame"):
        backward_induction(sg.NormalFormGame.from_bimatrix([[1]], [[1]]))
    with pytest.raises(InvalidParameterError, match="'n_grid' parameter"):
        sg.solve(game, n_grid=2)
    with pytest.raises(TypeError, match="unknown option 'grid'"):
        sg.solve(game, grid=5)
    with pytest.raises(InvalidParameterError, match="unknown options"):
        sg.solve(game, stage_options={"symmetric": True})
    with pytest.raises(InvalidParameterError, match="'verify_grid' parameter"):
        sg.solve(game, stage_options={"verify_grid": 0})
