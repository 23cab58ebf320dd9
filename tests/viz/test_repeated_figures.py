"""The repeated-game figure draws the payoff sets that stratgame.repeated
computes, and they are the ones the folk theorem describes."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.repeated import feasible_set
from stratgame.viz import payoff_region_plot

pytest.importorskip("matplotlib")


def prisoners_dilemma():
    """(T, R, P, S) = (5, 3, 1, 0)."""
    return sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"),) * 2
    )


def patch(ax, label):
    return next(p for p in ax.patches if p.get_label() == label)


def polygon(ax, label):
    """The patch's vertices without the closing repeat."""
    return patch(ax, label).get_xy()[:-1]


def area(vertices):
    x, y = vertices[:, 0], vertices[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


def same_points(a, b):
    np.testing.assert_allclose(
        sorted(map(tuple, np.round(a, 9))), sorted(map(tuple, np.round(b, 9)))
    )


def test_feasible_and_individually_rational_sets_of_the_prisoners_dilemma():
    game = prisoners_dilemma()
    ax = payoff_region_plot(game)
    same_points(polygon(ax, "feasible"), feasible_set(game).vertices)
    # Minmax (P, P) = (1, 1); the edge from (T, S) = (5, 0) to (R, R) = (3, 3)
    # crosses u2 = 1 at u1 = 5 - 2/3 (Mailath & Samuelson 2006, Section 3.3).
    same_points(
        polygon(ax, "individually rational"),
        [(1, 1), (13 / 3, 1), (3, 3), (1, 13 / 3)],
    )
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed[:1]] == [1]
    assert [line.get_ydata()[0] for line in dashed[1:]] == [1]
    texts = {t.get_text(): t.xy for t in ax.texts}
    assert texts == {
        "(C, C)": (3, 3),
        "(C, D)": (0, 5),
        "(D, C)": (5, 0),
        "(D, D)": (1, 1),
    }


def test_equilibrium_sets_grow_with_patience():
    game = prisoners_dilemma()
    ax = payoff_region_plot(game, [0.2, 0.3, 0.9], directions=32)
    # delta = 0.2: only repeating the stage equilibrium (D, D) is an SPE,
    # drawn as a single point.
    point = next(
        line for line in ax.lines if line.get_label() == "equilibrium payoffs, δ = 0.2"
    )
    np.testing.assert_allclose(point.get_xydata(), [[1, 1]], atol=1e-9)
    small = polygon(ax, "equilibrium payoffs, δ = 0.3")
    same_points(small, [(4, 1), (1, 4), (1, 1)])
    # Above the grim-trigger threshold 1/2 (Friedman 1971) the set with public
    # randomization fills the whole folk-theorem region.
    patient = polygon(ax, "equilibrium payoffs, δ = 0.9")
    rational = polygon(ax, "individually rational")
    assert area(small) < area(patient)
    assert area(patient) == pytest.approx(area(rational), rel=1e-6)


def test_pure_minmax_of_matching_pennies_and_shared_labels():
    pennies = sg.NormalFormGame.from_bimatrix(
        [[1, -1], [-1, 1]], actions=(("H", "T"),) * 2
    )
    mixed = payoff_region_plot(pennies)
    pure = payoff_region_plot(pennies, kind="pure")
    # feasible set: the segment u2 = -u1; mixed minmax 0 keeps its middle
    # point, pure minmax 1 keeps nothing.
    rational = next(
        line for line in mixed.lines if line.get_label() == "individually rational"
    )
    np.testing.assert_allclose(rational.get_xydata(), [[0, 0]], atol=1e-9)
    assert "individually rational" not in [p.get_label() for p in pure.patches]
    assert "individually rational" not in [line.get_label() for line in pure.lines]
    assert sorted(t.get_text() for t in mixed.texts) == [
        "(H, H) (T, T)",
        "(H, T) (T, H)",
    ]
    dashed = [line for line in pure.lines if line.get_linestyle() == "--"]
    assert dashed[0].get_xdata()[0] == 1


def test_payoff_region_plot_rejects_bad_input():
    three = sg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(InvalidGameError, match="two-player"):
        payoff_region_plot(three)
    with pytest.raises(InvalidParameterError, match=r"\(0, 1\)"):
        payoff_region_plot(prisoners_dilemma(), 1.5)
    with pytest.raises(ValueError, match="kind"):
        payoff_region_plot(prisoners_dilemma(), kind="correlated")


def test_payoff_region_plot_saves_headless(tmp_path):
    ax = payoff_region_plot(prisoners_dilemma(), 0.9, directions=16)
    ax.figure.savefig(tmp_path / "regions.png")
    assert (tmp_path / "regions.png").stat().st_size > 1000
