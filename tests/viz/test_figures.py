"""Figures render headless and draw what they claim."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.analysis import regime_map, track
from stratgame.viz import (
    best_response_plot,
    equilibrium_path_plot,
    payoff_heatmap,
    regime_map_plot,
    save_figure,
)

pytest.importorskip("matplotlib")


def battle_of_the_sexes():
    return sg.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        players=("Lab", "Cloud"),
        actions=(("open", "closed"), ("open", "closed")),
    )


def test_heatmap_annotates_cells_and_boxes_pure_equilibria(tmp_path):
    ax = payoff_heatmap(battle_of_the_sexes())
    assert [t.get_text() for t in ax.texts] == ["2, 1", "0, 0", "0, 0", "1, 2"]
    boxes = [(p.get_x(), p.get_y()) for p in ax.patches]
    assert sorted(boxes) == [(-0.5, -0.5), (0.5, 0.5)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["open", "closed"]
    assert ax.get_ylabel() == "Lab"
    ax.figure.savefig(tmp_path / "heatmap.png")
    assert (tmp_path / "heatmap.png").stat().st_size > 1000


def test_heatmap_rejects_three_players():
    g = sg.NormalFormGame([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(ValueError, match="two-player"):
        payoff_heatmap(g)


def test_best_response_correspondences_meet_at_the_equilibria():
    ax = best_response_plot(battle_of_the_sexes())
    row, column, points = ax.lines
    # Row player: indifferent at q = 1/3 (2q = 1 - q); column at p = 2/3.
    assert list(row.get_xdata()) == pytest.approx([0, 1 / 3, 1 / 3, 1])
    assert list(row.get_ydata()) == [0, 0, 1, 1]
    assert list(column.get_ydata()) == pytest.approx([0, 2 / 3, 2 / 3, 1])
    found = sorted(zip(points.get_xdata(), points.get_ydata(), strict=True))
    np.testing.assert_allclose(found, [(0, 0), (1 / 3, 2 / 3), (1, 1)], atol=1e-12)


def test_best_response_plot_needs_2x2():
    with pytest.raises(ValueError, match="2x2"):
        best_response_plot(sg.NormalFormGame.from_bimatrix(np.zeros((3, 2))))


def test_regime_map_plot_colours_every_regime():
    def game(T, S):
        return sg.NormalFormGame.from_bimatrix([[3, S], [T, 1]], [[3, T], [S, 1]])

    m = regime_map(game, ("T", [2, 5]), ("S", [0, 2]), solve="pure")
    ax = regime_map_plot(m)
    legend = sorted(t.get_text() for t in ax.get_legend().get_texts())
    assert legend == sorted(set(m.labels.ravel()))
    mesh = ax.collections[0]
    assert mesh.get_array().size == 4
    assert ax.get_xlabel() == "T"


def test_equilibrium_path_plot_draws_each_branch():
    def stag(h):
        return sg.NormalFormGame.from_bimatrix([[4, 0], [h, h]], [[4, h], [0, h]])

    ax = equilibrium_path_plot(track(stag, "h", [1, 2, 3, 5], solve="pure"))
    branches = [line for line in ax.lines if line.get_marker() == "o"]
    assert sorted(len(line.get_xdata()) for line in branches) == [3, 4]
    deaths = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert [line.get_xdata()[0] for line in deaths] == [5]


def test_heatmap_legend_says_what_the_boxes_mark(tmp_path):
    ax = payoff_heatmap(battle_of_the_sexes())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "pure Nash equilibrium"
    ]
    assert (
        payoff_heatmap(battle_of_the_sexes(), mark_equilibria=False).get_legend()
        is None
    )
    saved = save_figure(ax, tmp_path / "heatmap.png")
    assert saved.read_bytes()[:4] == b"\x89PNG"


def test_best_response_plot_is_titled():
    game = sg.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], title="Open-weight coordination"
    )
    assert best_response_plot(game).get_title() == (
        "Best responses: Open-weight coordination"
    )


def test_regime_map_axes_read_as_words():
    def game(us_licensing, china_licensing):
        return sg.NormalFormGame.from_bimatrix(
            [[3, 0], [us_licensing, 1]], [[3, china_licensing], [0, 1]]
        )

    m = regime_map(
        game, ("us_licensing", [2, 5]), ("china_licensing", [2, 5]), solve="pure"
    )
    ax = regime_map_plot(m)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("us licensing", "china licensing")
