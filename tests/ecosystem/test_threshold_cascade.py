"""Threshold cascades: known answers and a plain reference implementation."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratgame.ecosystem import (
    InvalidNetworkError,
    as_network,
    barabasi_albert_network,
    choose_seeds,
    granovetter,
    threshold_cascade,
)


def reference_cascade(graph, thresholds, seeds, absolute=False):
    """Synchronous rounds written out over networkx predecessors."""
    adopted = set(seeds)
    rounds = 0
    while True:
        new = set()
        for v in graph:
            if v in adopted:
                continue
            preds = graph.pred[v] if graph.is_directed() else graph.adj[v]
            total = sum(d.get("weight", 1) for d in preds.values())
            have = sum(d.get("weight", 1) for u, d in preds.items() if u in adopted)
            need = thresholds[v] if absolute else thresholds[v] * total
            if thresholds[v] <= 0 or (
                (absolute or total > 0) and have >= need * (1 - 1e-9)
            ):
                new.add(v)
        if not new:
            return adopted, rounds
        adopted |= new
        rounds += 1


def test_granovetter_riot():
    # Granovetter (1978): thresholds 0..99 -> all 100 riot, one per round;
    # raising the threshold-1 person to 2 stops it at the instigator.
    full = granovetter(range(100))
    assert full.n_adopted == 100 and full.rounds == 100
    assert full.curve.tolist() == list(range(101))
    assert full.adoption_round.tolist() == list(range(1, 101))
    stalled = granovetter([0, 2, *range(2, 100)])
    assert stalled.n_adopted == 1
    assert stalled.adopted_nodes == frozenset({0})


def test_granovetter_equals_cascade_on_complete_graph():
    rng = np.random.default_rng(3)
    thresholds = rng.integers(0, 12, size=25)
    all_to_all = granovetter(thresholds)
    networked = threshold_cascade(nx.complete_graph(25), thresholds, absolute=True)
    assert np.array_equal(all_to_all.adopted, networked.adopted)
    assert np.array_equal(all_to_all.adoption_round, networked.adoption_round)


def test_granovetter_fractional_thresholds():
    assert granovetter([0.0, 0.1, 0.2, 0.3], fractional=True).n_adopted == 4
    assert granovetter([0.0, 0.5, 0.5, 0.5], fractional=True).n_adopted == 1


def test_ring_spreads_one_step_per_round():
    res = threshold_cascade(nx.cycle_graph(10), 0.5, seeds=[0])
    assert res.curve.tolist() == [1, 3, 5, 7, 9, 10]
    assert res.adoption_round[5] == 5
    assert res.seeds == frozenset({0})
    # Needing more than half of two neighbours, one seed converts nobody.
    assert threshold_cascade(nx.cycle_graph(10), 0.51, seeds=[0]).n_adopted == 1


def test_direction_matters():
    chain = nx.DiGraph([(0, 1), (1, 2), (2, 3)])
    assert threshold_cascade(chain, 1.0, seeds=[0]).n_adopted == 4
    assert threshold_cascade(chain, 1.0, seeds=[3]).n_adopted == 1


def test_weights_matter():
    g = nx.Graph()
    g.add_edge("seed", "x", weight=3.0)
    g.add_edge("other", "x", weight=1.0)
    assert "x" in threshold_cascade(g, 0.7, seeds=["seed"]).adopted_nodes
    assert "x" not in threshold_cascade(g, 0.8, seeds=["seed"]).adopted_nodes


def test_isolated_nodes_need_zero_threshold():
    g = nx.empty_graph(3)
    assert threshold_cascade(g, 0.5).n_adopted == 0
    assert threshold_cascade(g, [0.0, 0.5, 0.5]).adopted.tolist() == [
        True,
        False,
        False,
    ]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 25),
    p=st.floats(0.05, 0.6),
    directed=st.booleans(),
    absolute=st.booleans(),
    seed=st.integers(0, 10_000),
)
def test_engine_matches_reference(n, p, directed, absolute, seed):
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    for u, v in g.edges:
        g.edges[u, v]["weight"] = float(rng.integers(1, 4))
    if absolute:
        thresholds = rng.integers(0, 5, size=n).astype(float)
    else:
        thresholds = rng.choice([0.0, 0.1, 0.25, 1 / 3, 0.5, 2 / 3, 1.0], size=n)
    seeds = list(rng.choice(n, size=rng.integers(0, 3), replace=False))
    res = threshold_cascade(g, thresholds, seeds=seeds, absolute=absolute)
    expected, rounds = reference_cascade(g, thresholds, seeds, absolute)
    assert res.adopted_nodes == frozenset(expected)
    assert res.rounds == rounds


def test_large_graph_matches_matvec_rounds():
    # The push/pull engine against one sparse mat-vec per round.
    net = barabasi_albert_network(20_000, 3, rng=4)
    seeds = np.flatnonzero(np.random.default_rng(0).random(net.n_nodes) < 0.01)
    for theta in (0.2, 0.3, 0.45):
        res = threshold_cascade(net, theta, seeds=seeds)
        adopted = np.zeros(net.n_nodes, dtype=bool)
        adopted[seeds] = True
        need = theta * net.in_degree() * (1 - 1e-9)
        curve = [adopted.sum()]
        while True:
            new = ~adopted & (net.matrix @ adopted.astype(float) >= need)
            if not new.any():
                break
            adopted |= new
            curve.append(adopted.sum())
        assert np.array_equal(res.adopted, adopted)
        assert res.curve.tolist() == curve


def test_fixed_point_property_on_random_graph():
    g = nx.watts_strogatz_graph(300, 6, 0.1, seed=2)
    res = threshold_cascade(g, 0.34, seeds="degree", n_seeds=10)
    net = as_network(g)
    share = (net.matrix @ res.adopted.astype(float)) / net.in_degree()
    assert np.all(share[~res.adopted] < 0.34)
    non_seed = res.adopted & (res.adoption_round > 0)
    assert np.all(share[non_seed] >= 0.34 - 1e-12)


def test_max_iter_truncates():
    res = threshold_cascade(nx.path_graph(10), 0.5, seeds=[0], max_iter=3)
    assert res.n_adopted == 4 and res.rounds == 3


def test_seed_rules():
    star = nx.star_graph(6)
    assert choose_seeds(star, 1) == [0]
    assert choose_seeds(star, 0) == []
    assert sorted(choose_seeds(star, 7)) == list(range(7))
    assert threshold_cascade(star, 0.5, seeds="degree", n_seeds=1).n_adopted == 7
    random_seeds = choose_seeds(nx.path_graph(50), 5, "random", rng=1)
    assert len(set(random_seeds)) == 5
    assert random_seeds == choose_seeds(nx.path_graph(50), 5, "random", rng=1)
    g = nx.disjoint_union(nx.complete_graph(3), nx.path_graph(5))
    greedy = threshold_cascade(g, 0.5, seeds="greedy", n_seeds=2)
    by_degree = threshold_cascade(g, 0.5, seeds="degree", n_seeds=2)
    assert greedy.n_adopted == 8 > by_degree.n_adopted


def test_result_reporting():
    res = threshold_cascade(nx.cycle_graph(4), 0.5, seeds=[0])
    assert res.to_dict() == {
        "n_nodes": 4,
        "n_adopted": 4,
        "rounds": 2,
        "curve": [1, 3, 4],
    }
    assert "4 of 4" in repr(res) and "<table>" in res._repr_html_()


def test_bad_input():
    g = nx.path_graph(3)
    with pytest.raises(InvalidNetworkError, match="one value per node"):
        threshold_cascade(g, [0.5, 0.5])
    with pytest.raises(InvalidNetworkError, match="is not a node"):
        threshold_cascade(g, 0.5, seeds=[7])
    with pytest.raises(InvalidNetworkError, match="n_seeds"):
        threshold_cascade(g, 0.5, seeds="degree")
    with pytest.raises(InvalidNetworkError, match="seed rule"):
        threshold_cascade(g, 0.5, seeds=[0], n_seeds=1)
    with pytest.raises(ValueError, match="'seeds' parameter"):
        threshold_cascade(g, 0.5, seeds="best", n_seeds=1)
    with pytest.raises(InvalidNetworkError, match="thresholds"):
        choose_seeds(g, 1, "greedy")
    with pytest.raises(InvalidNetworkError, match="finite"):
        granovetter([0, np.nan])
    with pytest.raises(InvalidNetworkError, match="must be real numbers"):
        threshold_cascade(g, ["low", "low", "high"])
    with pytest.raises(InvalidNetworkError, match="must be real numbers"):
        threshold_cascade(g, {0: 0.5, 1: "half", 2: 0.5})


def test_max_rounds_is_a_deprecated_name_of_max_iter():
    with pytest.warns(DeprecationWarning, match="use 'max_iter'"):
        res = threshold_cascade(nx.path_graph(10), 0.5, seeds=[0], max_rounds=3)
    assert res.rounds == 3
