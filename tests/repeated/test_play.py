"""Matches and tournaments, checked against hand-derived play, the exact
payoffs and the Axelrod library."""

import itertools

import numpy as np
import pytest

import stratgame as sg
from stratgame.repeated import (
    RepeatedGame,
    alternator,
    always_cooperate,
    always_defect,
    generous_tit_for_tat,
    grim_trigger,
    match,
    random_strategy,
    suspicious_tit_for_tat,
    tit_for_tat,
    tit_for_two_tats,
    tournament,
    win_stay_lose_shift,
)

PD = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])

CLASSICS = {
    "Cooperator": always_cooperate,
    "Defector": always_defect,
    "Tit For Tat": tit_for_tat,
    "Grudger": grim_trigger,
    "Win-Stay Lose-Shift": win_stay_lose_shift,
    "Tit For 2 Tats": tit_for_two_tats,
    "Suspicious Tit For Tat": suspicious_tit_for_tat,
    "Alternator": alternator,
}


def test_hand_derived_matches():
    history = match(PD, (suspicious_tit_for_tat(), tit_for_tat()), 5).actions
    assert history.tolist() == [[1, 0], [0, 1], [1, 0], [0, 1], [1, 0]]
    history = match(PD, (tit_for_two_tats(), always_defect()), 4).actions
    assert history[:, 0].tolist() == [0, 0, 1, 1]
    history = match(PD, (win_stay_lose_shift(), always_defect()), 5).actions
    assert history[:, 0].tolist() == [0, 1, 0, 1, 0]
    history = match(PD, (grim_trigger(), alternator()), 5).actions
    assert history.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1], [1, 0]]


@pytest.mark.parametrize("turns", [1, 7, 60])
def test_deterministic_matches_equal_the_exact_finite_horizon_totals(turns):
    rg = RepeatedGame(PD, 1, horizon=turns, normalized=False)
    for a, b in itertools.product(CLASSICS.values(), repeat=2):
        profile = (a(), b())
        np.testing.assert_allclose(
            match(PD, profile, turns).totals, rg.discounted_payoffs(profile)
        )


def test_match_is_reproducible_and_noisy():
    profile = (generous_tit_for_tat(0.4), random_strategy(0.5))
    first = match(PD, profile, 50, noise=0.1, rng=5)
    again = match(PD, profile, 50, noise=0.1, rng=5)
    np.testing.assert_array_equal(first.actions, again.actions)
    flipped = match(
        PD, (always_cooperate(), always_cooperate()), 4000, noise=0.2, rng=0
    ).actions
    assert abs(flipped.mean() - 0.2) < 4 * np.sqrt(0.2 * 0.8 / 8000)
    assert first.mean_payoffs.shape == (2,) and first.turns == 50


def test_match_rejects_bad_input():
    with pytest.raises(sg.InvalidProfileError, match="one automaton per player"):
        match(PD, (tit_for_tat(),), 5)
    with pytest.raises(ValueError, match="'turns'"):
        match(PD, (tit_for_tat(), tit_for_tat()), 0)
    with pytest.raises(ValueError, match="'noise'"):
        match(PD, (tit_for_tat(), tit_for_tat()), 5, noise=1.5)
    three = sg.NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    with pytest.raises(sg.InvalidProfileError, match="stage game has own=3"):
        match(three, (tit_for_tat(), tit_for_tat()), 5)


def test_tournament_table():
    players = [
        tit_for_tat(),
        always_defect(),
        always_cooperate(),
        grim_trigger(),
        tit_for_tat(),
    ]
    result = tournament(PD, players, turns=20, repetitions=3, rng=1)
    assert result.names[-1] == "tit for tat (2)"
    # deterministic: the payoff matrix is the exact per-turn payoffs
    rg = RepeatedGame(PD, 1, horizon=20)
    for a, b in itertools.product(range(5), repeat=2):
        expected = rg.discounted_payoffs((players[a], players[b]))[0]
        assert result.payoff_matrix[a, b] == pytest.approx(expected)
    # always defect beats every cooperative strategy head to head
    assert result.head_to_head_wins[1].tolist() == [3, 0, 3, 3, 3]
    assert result.wins[1] == 12
    table = result.table()
    assert [row["rank"] for row in table] == [1, 2, 3, 4, 5]
    assert table[0]["mean_score"] == max(result.mean_scores)
    assert "TournamentResult(5 strategies" in repr(result)


def test_tournament_with_probabilistic_ends():
    result = tournament(
        PD,
        [tit_for_tat(), always_defect()],
        turns=None,
        repetitions=400,
        prob_end=0.1,
        rng=2,
    )
    assert result.turns.min() >= 1
    mean = result.turns.mean()
    assert abs(mean - 10) < 4 * np.sqrt(90 / 400)
    capped = tournament(
        PD,
        [tit_for_tat(), always_defect()],
        turns=5,
        repetitions=50,
        prob_end=0.1,
        rng=2,
    )
    assert capped.turns.max() <= 5


def test_tournament_rejects_bad_input():
    with pytest.raises(ValueError, match="neither"):
        tournament(PD, [tit_for_tat(), always_defect()], turns=None)
    with pytest.raises(sg.InvalidProfileError, match="at least two"):
        tournament(PD, [tit_for_tat()])
    battle = sg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.raises(sg.InvalidGameError, match="symmetric"):
        tournament(battle, [tit_for_tat(), always_defect()])
    with pytest.raises(ValueError, match="prob_end"):
        tournament(PD, [tit_for_tat(), always_defect()], prob_end=0)


def test_to_dataframe():
    pytest.importorskip("pandas")
    result = tournament(PD, [tit_for_tat(), always_defect()], turns=5, repetitions=2)
    frame = result.to_dataframe()
    assert list(frame["name"]) == list(result.ranking)


# Importing axelrod takes a minute or more (it loads torch and builds its whole
# strategy library), so the comparison is marked slow.
@pytest.mark.slow
@pytest.mark.parametrize("turns", [10, 200])
def test_matches_equal_axelrod(turns):
    axl = pytest.importorskip("axelrod")
    code = {axl.Action.C: 0, axl.Action.D: 1}
    for (name_a, ours_a), (name_b, ours_b) in itertools.product(
        CLASSICS.items(), repeat=2
    ):
        theirs = axl.Match(
            (
                getattr(axl, name_a.replace(" ", "").replace("-", ""))(),
                getattr(axl, name_b.replace(" ", "").replace("-", ""))(),
            ),
            turns=turns,
        )
        history = theirs.play()
        ours = match(PD, (ours_a(), ours_b()), turns)
        assert ours.actions.tolist() == [[code[x], code[y]] for x, y in history], (
            name_a,
            name_b,
        )
        assert ours.totals.tolist() == list(theirs.final_score())
