"""Dominance and iterated elimination."""

import numpy as np

import stratgame as sg


def test_prisoners_dilemma_reduces_to_defection():
    g = sg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert g.dominated_actions(0) == [0]
    reduced, kept = g.iterated_elimination()
    assert kept == ((1,), (1,)) and reduced.shape == (1, 1)


def test_mixed_dominance_needs_lp():
    # Bottom is beaten by an even mix of top and middle, by neither alone
    # (Fudenberg & Tirole 1991, Figure 2.2 style).
    a = [[3, 0], [0, 3], [1, 1]]
    g = sg.NormalFormGame.from_bimatrix(a, np.zeros((3, 2)))
    assert g.dominated_actions(0, mixed=False) == []
    assert g.dominated_actions(0, mixed=True) == [2]


def test_weak_but_not_strict():
    g = sg.NormalFormGame.from_bimatrix([[1, 1], [1, 0]], np.zeros((2, 2)))
    assert g.dominated_actions(0, strict=True) == []
    assert g.dominated_actions(0, strict=False) == [1]


def test_iterated_elimination_keeps_labels_and_equilibria():
    # Gibbons (1992), Section 1.1.B: R is dominated by M, then Down by Up,
    # then L by M, leaving (Up, Middle).
    a = [[1, 1, 0], [0, 0, 2]]
    b = [[0, 2, 1], [3, 1, 0]]
    g = sg.NormalFormGame.from_bimatrix(
        a, b, actions=(("Up", "Down"), ("Left", "Middle", "Right"))
    )
    reduced, kept = g.iterated_elimination(mixed=False)
    assert kept == ((0,), (1,))
    assert reduced.actions == (("Up",), ("Middle",))
    (eq,) = sg.solve(g, method="pure").equilibria
    assert tuple(int(s[0]) for s in eq.support) == (0, 1)


def test_strict_elimination_preserves_every_pure_equilibrium():
    rng = np.random.default_rng(5)
    for _ in range(20):
        g = sg.NormalFormGame([rng.integers(0, 4, (3, 3, 2)) for _ in range(3)])
        reduced, kept = g.iterated_elimination()
        full = {
            tuple(int(s[0]) for s in eq.support)
            for eq in sg.solve(g, method="pure").equilibria
        }
        mapped = {
            tuple(kept[i][int(s[0])] for i, s in enumerate(eq.support))
            for eq in sg.solve(reduced, method="pure").equilibria
        }
        assert full == mapped
