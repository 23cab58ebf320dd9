"""The stochastic-game figures draw what the game computes for the
equilibrium (the induced chain, the values, simulated paths), labelled with
the game's players and states."""

from __future__ import annotations

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import InvalidGameError, InvalidParameterError
from stratgame.games import random_stochastic_game
from stratgame.viz import sample_paths, transition_heatmap, value_functions

plt = pytest.importorskip("matplotlib.pyplot")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def lead_game():
    """Two labs, a lead that investing keeps (the StochasticGame example)."""
    return sg.StochasticGame(
        payoffs=[
            [[[3, 2], [4, 3]], [[1, 2], [1, 3]]],
            [[[1, 1], [2, 2]], [[3, 2], [3, 4]]],
        ],
        transitions=[
            [[[0.9, 0.1], [1.0, 0.0]], [[0.5, 0.5], [0.8, 0.2]]],
            [[[0.5, 0.5], [0.8, 0.2]], [[0.1, 0.9], [0.3, 0.7]]],
        ],
        discount=0.9,
        players=("A", "B"),
        actions=(("invest", "coast"), ("invest", "coast")),
        states=("lead", "behind"),
    )


def three_states():
    game = random_stochastic_game(3, 3, 2, discount=0.8, rng=4)
    return sg.StochasticGame(
        game.payoffs,
        game.transitions,
        0.8,
        players=("US", "China", "EU"),
        states=("low", "mid", "high"),
    )


def texts(labels):
    return [t.get_text() for t in labels]


# ------------------------------------------------------------ transitions
def test_heatmap_shows_the_induced_chain_labelled_by_state():
    game = lead_game()
    eq = sg.solve(game).equilibria[0]
    ax = transition_heatmap(game, eq)
    (image,) = ax.images
    np.testing.assert_allclose(image.get_array(), game.transition_matrix(eq.strategies))
    np.testing.assert_allclose(image.get_array().sum(axis=1), 1.0)
    assert image.get_clim() == (0.0, 1.0)
    assert texts(ax.get_xticklabels()) == ["lead", "behind"]
    assert texts(ax.get_yticklabels()) == ["lead", "behind"]
    assert ax.get_xlabel() == "next state"
    assert ax.get_ylabel() == "current state"
    assert ax.get_title() == "State transitions under the equilibrium"
    colorbar = ax.figure.axes[-1]
    assert colorbar.get_ylabel() == "transition probability"
    P = game.transition_matrix(eq.strategies)
    assert texts(ax.texts) == [f"{p:.2g}" for p in P.ravel()]


def test_heatmap_of_a_pure_profile_is_that_profile_s_rows():
    game = lead_game()
    ax = transition_heatmap(game, [("invest", "invest"), ("coast", "coast")])
    np.testing.assert_allclose(ax.images[0].get_array(), [[0.9, 0.1], [0.3, 0.7]])
    assert texts(ax.texts) == ["0.9", "0.1", "0.3", "0.7"]


def test_heatmap_annotation_can_be_turned_off_and_goes_off_for_many_states():
    game = lead_game()
    assert len(transition_heatmap(game, [(0, 0), (0, 0)], annotate=False).texts) == 0
    big = random_stochastic_game(13, 1, 1, rng=0)
    ax = transition_heatmap(big, [(0,)] * 13)
    assert len(ax.texts) == 0 and ax.images[0].get_array().shape == (13, 13)


# ------------------------------------------------------------------ values
def test_value_functions_draw_each_player_s_equilibrium_values():
    game = three_states()
    eq = sg.solve(game).equilibria[0]
    ax = value_functions(game, eq)
    assert len(ax.lines) == 3
    assert [line.get_label() for line in ax.lines] == ["US", "China", "EU"]
    for i, line in enumerate(ax.lines):
        np.testing.assert_array_equal(line.get_xdata(), [0, 1, 2])
        np.testing.assert_allclose(line.get_ydata(), eq.values[:, i])
    assert texts(ax.get_xticklabels()) == ["low", "mid", "high"]
    assert texts(ax.get_legend().get_texts()) == ["US", "China", "EU"]
    assert ax.get_xlabel() == "state"
    assert ax.get_ylabel() == "value (expected discounted payoff)"
    assert ax.get_title() == "Value functions"


def test_value_functions_of_a_profile_are_computed_from_the_game():
    game = lead_game()
    profile = [("coast", "coast"), ("coast", "coast")]
    ax = value_functions(game, profile)
    # The StochasticGame docstring's values of always coasting.
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [26.727, 24.909], atol=1e-3)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [33.273, 35.091], atol=1e-3)


# ------------------------------------------------------------------- paths
def test_sample_paths_are_the_game_s_simulations_from_one_generator():
    game = three_states()
    eq = sg.solve(game).equilibria[0]
    ax = sample_paths(game, eq, n_paths=4, horizon=30, rng=7)
    assert len(ax.lines) == 4
    generator = np.random.default_rng(7)
    for k, line in enumerate(ax.lines):
        expected = game.simulate(eq.strategies, 30, rng=generator).states
        np.testing.assert_array_equal(line.get_xdata(), np.arange(31))
        np.testing.assert_array_equal(line.get_ydata(), expected)
        assert line.get_label() == f"path {k + 1}"
        assert line.get_drawstyle() == "steps-post"
    assert texts(ax.get_yticklabels()) == ["low", "mid", "high"]
    assert ax.get_xlabel() == "period" and ax.get_ylabel() == "state"
    assert ax.get_title() == "4 sample paths over 30 periods"


def test_sample_paths_are_reproducible_and_differ_between_seeds():
    game = three_states()
    profile = [([0.5, 0.5],) * 3] * 3

    def data(seed):
        ax = sample_paths(game, profile, n_paths=3, horizon=40, rng=seed)
        return [line.get_ydata().tolist() for line in ax.lines]

    assert data(1) == data(1)
    assert data(1) != data(2)


def test_sample_paths_stay_in_an_absorbing_state_and_start_where_told():
    game = sg.StochasticGame(
        [[[0]], [[1]], [[2]]],
        [[[0.0, 0.5, 0.5]], [[0.0, 0.0, 1.0]], [[0.0, 0.0, 1.0]]],
        0.9,
        states=("start", "middle", "end"),
    )
    ax = sample_paths(game, [(0,)] * 3, n_paths=5, horizon=6, rng=0, initial="end")
    assert all(line.get_ydata().tolist() == [2] * 7 for line in ax.lines)
    ax = sample_paths(game, [(0,)] * 3, n_paths=5, horizon=6, rng=0)
    for line in ax.lines:
        states = line.get_ydata().tolist()
        assert states[0] == 0 and states[2:] == [2] * 5


def test_one_sample_path_and_a_given_axes():
    game = lead_game()
    _, given = plt.subplots()
    ax = sample_paths(game, [(0, 0), (1, 1)], n_paths=1, horizon=5, rng=0, ax=given)
    assert ax is given and len(ax.lines) == 1
    assert ax.get_title() == "1 sample path over 5 periods"
    assert transition_heatmap(game, [(0, 0), (1, 1)], ax=given) is given
    assert value_functions(game, [(0, 0), (1, 1)], ax=given) is given


# ------------------------------------------------------------------ errors
def test_figures_need_a_stochastic_game_and_valid_sizes():
    static = sg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    for figure in (transition_heatmap, value_functions, sample_paths):
        with pytest.raises(InvalidGameError, match="StochasticGame"):
            figure(static, [(0, 0)])
    game = lead_game()
    with pytest.raises(InvalidParameterError, match="n_paths"):
        sample_paths(game, [(0, 0), (0, 0)], n_paths=0)
    with pytest.raises(InvalidParameterError, match="horizon"):
        sample_paths(game, [(0, 0), (0, 0)], horizon=-1)
