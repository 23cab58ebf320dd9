"""classify_game on the textbook 2x2 games."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.games.classification import REGIMES, classify_game


def bimatrix(a, b):
    return sg.NormalFormGame.from_bimatrix(a, b)


@pytest.mark.parametrize(
    ("game", "expected"),
    [
        # Prisoner's dilemma, (T, R, P, S) = (5, 3, 1, 0).
        (bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]), "prisoner's dilemma"),
        # Harmony game: cooperation dominant and efficient.
        (bimatrix([[4, 3], [2, 1]], [[4, 2], [3, 1]]), "dominance solvable"),
        # Stag hunt (Skyrms 2004).
        (bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]]), "coordination"),
        # Battle of the sexes.
        (bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), "coordination"),
        # Chicken / hawk-dove with V = 2, C = 4 (hawk first).
        (bimatrix([[-1, 2], [0, 1]], [[-1, 0], [2, 1]]), "anti-coordination"),
        # Matching pennies.
        (bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), "no pure equilibrium"),
    ],
)
def test_textbook_games(game, expected):
    assert classify_game(game) == expected
    assert expected in REGIMES


def test_prisoners_dilemma_is_invariant_to_relabelling_actions():
    a = np.array([[3, 0], [5, 1]])
    g = bimatrix(a[::-1, ::-1], a.T[::-1, ::-1])
    assert classify_game(g) == "prisoner's dilemma"


def test_three_player_dilemma():
    # A public-goods game: contributing (action 0) costs 2 and gives each
    # player 1.5; defecting is dominant but all contributing is better.
    shape = (2, 2, 2)
    arrays = []
    for i in range(3):
        u = np.zeros(shape)
        for profile in np.ndindex(*shape):
            contributions = sum(a == 0 for a in profile)
            u[profile] = 1.5 * contributions - 2 * (profile[i] == 0)
        arrays.append(u)
    assert classify_game(sg.NormalFormGame(arrays)) == "prisoner's dilemma"


def test_a_dilemma_needs_a_dominant_action_for_every_player():
    # The column player's Right is dominant; the row player has none and
    # follows by iterated dominance to a Pareto-dominated outcome: dominance
    # solvable, not a prisoner's dilemma.
    g = sg.NormalFormGame.from_bimatrix([[3, 0], [1, 1]], [[2, 3], [0, 1]])
    assert dominated_actions_count(g) == (0, 1)
    assert classify_game(g) == "dominance solvable"


def dominated_actions_count(game):
    from stratgame.games.dominance import dominated_actions

    return tuple(len(dominated_actions(game, i)) for i in range(game.n_players))
