"""Ecosystem figures draw the adoption curves and node states that
stratgame.ecosystem computes."""

import numpy as np
import pytest

from stratgame.exceptions import InvalidParameterError

pytest.importorskip("matplotlib")
nx = pytest.importorskip("networkx")

from matplotlib.colors import to_rgba  # noqa: E402

from stratgame.ecosystem import (  # noqa: E402
    PlatformMarket,
    bass_simulation,
    coordination_dynamics,
    granovetter,
    polya_urn,
    threshold_cascade,
)
from stratgame.viz import adoption_curve_plot, network_snapshot_plot  # noqa: E402
from stratgame.viz.ecosystem import NOT_ADOPTED  # noqa: E402


def test_cascade_curve_on_a_ring_grows_two_nodes_a_round():
    # threshold 1/2 on a ring: every round the two frontier nodes adopt
    result = threshold_cascade(nx.cycle_graph(20), 0.5, seeds=[0])
    ax = adoption_curve_plot(result)
    line = ax.lines[0]
    np.testing.assert_array_equal(line.get_xdata(), np.arange(11))
    np.testing.assert_allclose(
        line.get_ydata(), np.minimum(1 + 2 * np.arange(11), 20) / 20
    )
    assert line.get_label() == "adopted"
    assert ax.get_xlabel() == "round" and ax.get_ylabel() == "share adopted"


def test_granovetter_riot_and_its_failure_on_one_axes():
    # Granovetter (1978): thresholds 0..99 bring in everybody; moving the
    # threshold-1 person to 2 stops the riot after the instigator.
    riot = granovetter(range(100))
    no_riot = granovetter([0, 2, *range(2, 100)])
    ax = adoption_curve_plot([riot, no_riot], ["uniform", "one changed"])
    assert [line.get_label() for line in ax.lines] == ["uniform", "one changed"]
    assert ax.lines[0].get_ydata()[-1] == 1.0
    assert ax.lines[1].get_ydata()[-1] == 0.01


def test_bass_simulation_against_the_closed_form():
    p, q = 0.03, 0.38
    simulation = bass_simulation(p, q, n=20_000, horizon=20, rng=1)
    ax = adoption_curve_plot(simulation, bass=(p, q))
    agents, closed = ax.lines
    t = closed.get_xdata()
    # Bass (1969), eq. 9: F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})
    decay = np.exp(-(p + q) * t)
    np.testing.assert_allclose(closed.get_ydata(), (1 - decay) / (1 + q / p * decay))
    assert t[-1] == pytest.approx(20)
    assert closed.get_linestyle() == "--"
    # the agent-based curve follows the mean-field closed form
    model = np.interp(agents.get_xdata(), t, closed.get_ydata())
    assert np.abs(agents.get_ydata() - model).max() < 0.03
    assert ax.get_xlabel() == "time"


def test_coordination_and_urn_curves_one_line_each():
    graph = nx.complete_graph(30)
    market = PlatformMarket([1.0, 0.5], network_effect=2.0, intensity=3.0)
    shares = market.simulate([0.5, 0.5], t_max=40)
    result = coordination_dynamics(
        graph, [[2, 0], [0, 1]], [0] * 10 + [1] * 20, technologies=("open", "closed")
    )
    urns = polya_urn(n_draws=200, runs=3, rng=0)
    ax = adoption_curve_plot([result, shares, urns], ["network", "market", "urn"])
    labels = [line.get_label() for line in ax.lines]
    assert labels[:2] == ["network: open", "network: closed"]
    assert labels[2:4] == ["market: P0", "market: P1"]
    assert labels[4:] == ["urn: run 1", "urn: run 2", "urn: run 3"]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), result.history[:, 1])
    np.testing.assert_allclose(ax.lines[2].get_ydata(), shares.shares[:, 0])
    np.testing.assert_allclose(ax.lines[6].get_ydata(), urns.shares[:, 2])


def test_adoption_curve_rejects_other_objects():
    with pytest.raises(InvalidParameterError, match="CascadeResult"):
        adoption_curve_plot(np.arange(3))
    ring = threshold_cascade(nx.cycle_graph(6), 0.5, seeds=[0])
    with pytest.raises(InvalidParameterError, match="labels"):
        adoption_curve_plot([ring, ring], ["only one"])
    with pytest.raises(InvalidParameterError, match="pair"):
        adoption_curve_plot(ring, bass=0.3)


def test_snapshot_colours_a_cascade_by_round():
    graph = nx.path_graph(6)
    # an absolute threshold of 2 on a path: nodes 1 and 4 each see only one
    # adopted neighbour, so nothing spreads beyond the two end seeds
    result = threshold_cascade(graph, 2, seeds=[0, 5], absolute=True)
    ax = network_snapshot_plot(graph, result, layout="circular")
    nodes = ax.collections[0]
    assert len(nodes.get_offsets()) == 6
    faces = nodes.get_facecolors()
    adopted = result.adopted
    assert adopted.tolist() == [True, False, False, False, False, True]
    for colour, on in zip(faces, adopted, strict=True):
        assert (tuple(colour) == to_rgba(NOT_ADOPTED)) != on
    edges = nodes.get_edgecolors()
    assert [tuple(e) == to_rgba("black") for e in edges] == adopted.tolist()
    assert len(ax.figure.axes) == 2  # the adoption-round colour bar
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["seed", "adopted", "not adopted"]


def test_snapshot_colours_technologies_and_follows_node_labels():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    result = coordination_dynamics(
        graph, np.eye(2), {"a": 1, "b": 1}, max_iter=0, technologies=("x", "y")
    )
    positions = {"a": (0, 0), "b": (1, 0), "c": (2, 0), "d": (3, 0)}
    ax = network_snapshot_plot(graph, result, layout=positions)
    nodes = ax.collections[0]
    np.testing.assert_allclose(nodes.get_offsets(), [(0, 0), (1, 0), (2, 0), (3, 0)])
    expected = [to_rgba("C1"), to_rgba("C1"), to_rgba("C0"), to_rgba("C0")]
    np.testing.assert_allclose(nodes.get_facecolors(), expected)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["x", "y"]


def test_snapshot_of_values_and_bad_input():
    graph = nx.star_graph(4)
    values = {v: float(d) for v, d in graph.degree()}
    ax = network_snapshot_plot(graph, values, rng=3)
    np.testing.assert_array_equal(ax.collections[0].get_array(), [4, 1, 1, 1, 1])
    again = network_snapshot_plot(graph, values, rng=3)
    np.testing.assert_allclose(
        ax.collections[0].get_offsets(), again.collections[0].get_offsets()
    )
    with pytest.raises(InvalidParameterError, match="max_nodes"):
        network_snapshot_plot(nx.path_graph(30), max_nodes=10)
    with pytest.raises(InvalidParameterError, match="one value for each"):
        network_snapshot_plot(graph, [1.0, 2.0])
    with pytest.raises(InvalidParameterError, match=r"no value for nodes \[4\]"):
        network_snapshot_plot(graph, {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0})
    with pytest.raises(InvalidParameterError, match="layout"):
        network_snapshot_plot(graph, layout="hexagonal")


def test_snapshot_saves_headless(tmp_path):
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    ax = network_snapshot_plot(graph, threshold_cascade(graph, 1.0, seeds=[0]))
    ax.figure.savefig(tmp_path / "network.png")
    assert (tmp_path / "network.png").stat().st_size > 1000
