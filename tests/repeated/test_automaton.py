"""Automata: construction, validation errors and behavioural equivalence."""

import pytest

import stratgame as sg
from stratgame.repeated import (
    Automaton,
    InvalidAutomatonError,
    RepeatedGame,
    alternator,
    always_cooperate,
    generous_tit_for_tat,
    grim_trigger,
    tit_for_tat,
    win_stay_lose_shift,
)

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_mapping_and_array_forms_agree():
    as_dict = Automaton(
        [0, 1],
        {(s, own, other): other for s in (0, 1) for own in (0, 1) for other in (0, 1)},
    )
    assert as_dict.equivalent(tit_for_tat())
    assert as_dict.n_states == 2 and as_dict.n_players == 2


def test_missing_transition_in_mapping_is_reported():
    table = {
        (0, 0, 0): 0,
        (0, 0, 1): 1,
        (0, 1, 0): 0,
        (1, 0, 0): 0,
        (1, 0, 1): 1,
        (1, 1, 0): 0,
        (1, 1, 1): 1,
    }
    with pytest.raises(InvalidAutomatonError, match=r"missing transition.*\(0, 1, 1\)"):
        Automaton([0, 1], table)


def test_ragged_table_is_reported_as_missing_transitions():
    with pytest.raises(InvalidAutomatonError, match="missing transitions"):
        Automaton([0, 1], [[0, 1], [0]], own_action=False)


def test_none_entry_is_a_missing_transition():
    with pytest.raises(InvalidAutomatonError, match="missing"):
        Automaton([0, 1], [[0, None], [0, 1]], own_action=False)


@pytest.mark.parametrize(
    ("actions", "transitions", "initial", "message"),
    [
        ([0, 1], [[0, 2], [0, 1]], 0, "leads to 2"),
        ([0, 5], [[0, 1], [0, 1]], 0, "plays action 5"),
        ([0, [0.5, 0.6]], [[0, 1], [0, 1]], 0, "probability vector"),
        ([0, 1], [[0, 1], [0, 1]], 3, "initial"),
        ([], [], 0, "at least one state"),
    ],
)
def test_bad_automata(actions, transitions, initial, message):
    with pytest.raises(InvalidAutomatonError, match=message):
        Automaton(actions, transitions, initial, own_action=False)


def test_errors_are_value_errors_and_stratgame_errors():
    with pytest.raises(ValueError):
        Automaton([0], [[7, 0]], own_action=False)
    with pytest.raises(sg.StratgameError):
        Automaton([0], [[7, 0]], own_action=False)


def test_action_count_mismatch_with_the_stage_game():
    three_actions = sg.NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 0]])
    rg = RepeatedGame(three_actions, 0.9)
    with pytest.raises(sg.InvalidProfileError, match="stage game has own=2"):
        rg.discounted_payoffs((tit_for_tat(), tit_for_tat()))
    with pytest.raises(sg.InvalidProfileError, match="one automaton per player"):
        RepeatedGame(PD, 0.9).discounted_payoffs((tit_for_tat(),))
    with pytest.raises(sg.InvalidProfileError, match="must be an Automaton"):
        RepeatedGame(PD, 0.9).discounted_payoffs((tit_for_tat(), 0))
    three_players = sg.NormalFormGame([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    with pytest.raises(sg.InvalidProfileError):
        RepeatedGame(three_players, 0.5).discounted_payoffs((tit_for_tat(),) * 3)


def test_equivalence_distinguishes_strategies():
    assert not tit_for_tat().equivalent(grim_trigger())
    assert not tit_for_tat().equivalent(win_stay_lose_shift())
    assert not always_cooperate().equivalent(alternator())
    redundant_grim = Automaton(
        [0, 1, 1], [[[0, 1], [1, 1]], [[2, 2], [2, 2]], [[1, 1], [1, 1]]]
    )
    assert redundant_grim.equivalent(grim_trigger())


def test_mixed_state_probabilities_are_exact():
    m = Automaton(
        [[1, 0], [generous_tit_for_tat(0.25).policy[1][0], 0.75]],
        [[0, 1], [0, 1]],
        own_action=False,
    )
    assert not m.is_pure
    assert m.policy[1].tolist() == [0.25, 0.75]
