"""Games from the literature used across the dynamics tests."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg


def symmetric(matrix) -> sg.NormalFormGame:
    """The symmetric two-player game whose row player's matrix is ``matrix``."""
    A = np.asarray(matrix)
    return sg.NormalFormGame.from_bimatrix(A, A.T)


@pytest.fixture(scope="session")
def hawk_dove():
    """Hawk–dove (Maynard Smith & Price 1973): value V, cost C; with V < C the
    unique ESS plays hawk with probability V / C."""

    def build(value=2.0, cost=4.0):
        return symmetric([[(value - cost) / 2, value], [0.0, value / 2]])

    return build


@pytest.fixture(scope="session")
def rock_paper_scissors():
    """Rock–paper–scissors with a win worth ``win`` and a loss costing
    ``loss`` (Hofbauer & Sigmund 1998, section 7.7); win = loss is zero-sum."""

    def build(win=1, loss=1):
        return symmetric([[0, -loss, win], [win, 0, -loss], [-loss, win, 0]])

    return build


@pytest.fixture(scope="session")
def prisoners_dilemma():
    """Axelrod's (1984) payoffs: T = 5 > R = 3 > P = 1 > S = 0."""
    return symmetric([[3, 0], [5, 1]])


@pytest.fixture(scope="session")
def stag_hunt():
    """Stag hunt (Skyrms 2004): stag pays 4 with a partner, 0 alone; hare
    pays 3. The basins of the two pure equilibria meet at 3/4 stag."""
    return symmetric([[4, 0], [3, 3]])


@pytest.fixture(scope="session")
def matching_pennies():
    return sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])


@pytest.fixture(scope="session")
def shapley_game():
    """Shapley's (1964) 3x3 game in which fictitious play cycles forever; its
    unique equilibrium is uniform for both players."""
    A = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    B = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    return sg.NormalFormGame.from_bimatrix(A, B)


@pytest.fixture(scope="session")
def chicken():
    """Aumann's (1974) chicken: (dare, swerve); the correlated equilibrium
    putting 1/3 on each profile other than (dare, dare) pays 5 each."""
    return sg.NormalFormGame.from_bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])


@pytest.fixture(scope="session")
def volunteers_dilemma():
    """Three-player volunteer's dilemma (Diekmann 1985): everyone gets
    ``benefit`` if at least one volunteers, volunteers pay ``cost``. Action 0
    volunteers. In the symmetric equilibrium each abstains with probability
    ``(cost / benefit) ** (1 / 2)``."""

    def build(benefit=2.0, cost=1.0):
        payoffs = np.zeros((2, 2, 2, 3))
        for profile in np.ndindex(2, 2, 2):
            someone = 0 in profile
            for i, action in enumerate(profile):
                payoffs[(*profile, i)] = benefit * someone - cost * (action == 0)
        return sg.NormalFormGame(payoffs)

    return build


@pytest.fixture(scope="session")
def make_symmetric():
    """The builder of symmetric two-player games from the row matrix."""
    return symmetric
