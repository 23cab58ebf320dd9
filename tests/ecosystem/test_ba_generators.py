"""Generators: the fast Barabási–Albert process and the networkx families."""

import itertools
from collections import Counter

import networkx as nx
import numpy as np
import pytest
from scipy import stats

from stratgame.ecosystem import (
    InvalidNetworkError,
    barabasi_albert,
    barabasi_albert_network,
    erdos_renyi,
    lattice,
    regional_blocks,
    watts_strogatz,
)


@pytest.mark.parametrize(("n", "m"), [(2, 1), (10, 1), (500, 3), (2000, 5)])
def test_ba_edge_count_is_exact_and_graph_is_simple(n, m):
    net = barabasi_albert_network(n, m, rng=n + m)
    assert net.n_nodes == n
    assert net.n_edges == m * (n - m)
    dense_check = net.matrix
    assert dense_check.diagonal().sum() == 0  # no loops
    assert np.all(dense_check.data == 1.0)  # no parallel edges summed up
    assert (dense_check != dense_check.T).nnz == 0
    # Every node after the star brings exactly m edges to earlier nodes.
    assert net.in_degree().min() >= 1
    assert nx.is_connected(net.to_networkx())


def exact_ba_law(n, m):
    """Probability of every graph of networkx's BA process, by enumeration:
    star on m + 1 nodes, then each node draws m distinct earlier nodes, each
    draw proportional to degree among those not yet drawn (what drawing from
    the endpoint list and rejecting repeats amounts to)."""
    law = Counter()

    def grow(t, edges, degree, prob):
        if t == n:
            law[frozenset(edges)] += prob
            return
        total = sum(degree)
        by_set = Counter()
        for order in itertools.permutations(range(t), m):
            p, used = 1.0, 0
            for x in order:
                p *= degree[x] / (total - used)
                used += degree[x]
            by_set[frozenset(order)] += p
        for targets, p in by_set.items():
            new_degree = [*degree, m]
            for x in targets:
                new_degree[x] += 1
            grow(t + 1, edges + [(t, x) for x in targets], new_degree, prob * p)

    grow(m + 1, [(k, 0) for k in range(1, m + 1)], [m] + [1] * m, 1.0)
    return law


def test_ba_small_graphs_follow_the_exact_law():
    # All 180 graphs of the n = 6, m = 2 process; repeated targets are
    # frequent this small, so this checks the rejection step too.
    law = exact_ba_law(6, 2)
    assert sum(law.values()) == pytest.approx(1.0)
    rng = np.random.default_rng(0)
    draws = 2000
    seen = Counter()
    for _ in range(draws):
        coo = barabasi_albert_network(6, 2, rng=rng).matrix.tocoo()
        pairs = zip(coo.row.tolist(), coo.col.tolist(), strict=True)
        seen[frozenset((i, j) for i, j in pairs if i > j)] += 1
    assert set(seen) <= set(law)
    graphs = list(law)
    observed = [seen[g] for g in graphs]
    expected = [law[g] * draws for g in graphs]
    assert stats.chisquare(observed, expected).pvalue > 0.001


def test_ba_degree_distribution_matches_the_exact_formula_and_the_k3_tail():
    net = barabasi_albert_network(100_000, 3, rng=7)
    degree = net.in_degree()
    # Exact BA degree distribution P(k) = 2m(m+1) / (k(k+1)(k+2)), k >= m
    # (Bollobás, Riordan, Spencer and Tusnády 2001; Dorogovtsev et al. 2000).
    for k in (3, 4, 5, 6):
        expected = 2 * 3 * 4 / (k * (k + 1) * (k + 2))
        assert abs(np.mean(degree == k) - expected) < 0.006
    # Tail exponent by the discrete power-law MLE (Clauset, Shalizi and
    # Newman 2009, eq. 3.7) above k_min = 20: close to 3.
    tail = degree[degree >= 20]
    alpha = 1 + tail.size / np.sum(np.log(tail / 19.5))
    assert 2.7 < alpha < 3.3


def test_ba_agrees_with_networkx_in_distribution():
    # Same process, different random streams: compare the mean of the
    # maximum degree and the hub share over a few graphs.
    ours = [barabasi_albert_network(3000, 2, rng=s).in_degree() for s in range(8)]
    theirs = [
        np.array([d for _, d in nx.barabasi_albert_graph(3000, 2, seed=s).degree()])
        for s in range(8)
    ]
    mean_max = np.mean([d.max() for d in ours]), np.mean([d.max() for d in theirs])
    assert abs(mean_max[0] - mean_max[1]) < 0.35 * mean_max[1]
    share2 = (
        np.mean([np.mean(d == 2) for d in ours]),
        np.mean([np.mean(d == 2) for d in theirs]),
    )
    assert abs(share2[0] - share2[1]) < 0.02


def test_ba_is_reproducible_and_seed_dependent():
    a = barabasi_albert_network(1000, 3, rng=1).matrix
    b = barabasi_albert_network(1000, 3, rng=1).matrix
    c = barabasi_albert_network(1000, 3, rng=2).matrix
    assert (a != b).nnz == 0
    assert (a != c).nnz > 0


def test_ba_rejects_bad_sizes():
    with pytest.raises(ValueError, match="'n' parameter"):
        barabasi_albert_network(3, 3)
    with pytest.raises(ValueError, match="'m' parameter"):
        barabasi_albert_network(10, 0)


def test_other_generators_reject_bad_sizes():
    # networkx would quietly give each node 2 neighbours for k = 3
    with pytest.raises(InvalidNetworkError, match="k must be even"):
        watts_strogatz(10, 3, 0.1)
    with pytest.raises(InvalidNetworkError, match="sequence of region sizes"):
        regional_blocks(5, 0.1, 0.1)
    with pytest.raises(ValueError, match="'dims' parameter"):
        lattice(0)


def test_networkx_families():
    assert erdos_renyi(100, 0.0, rng=1).number_of_edges() == 0
    assert erdos_renyi(30, 1.0, rng=1).number_of_edges() == 30 * 29 // 2
    assert barabasi_albert(50, 2, rng=3).number_of_edges() == 2 * 48
    ws = watts_strogatz(40, 4, 0.2, rng=5)
    assert ws.number_of_edges() == 80 and nx.is_connected(ws)
    assert lattice(5, 5).number_of_edges() == 40
    assert lattice(4, 4, periodic=True).number_of_edges() == 32
    sbm = regional_blocks([30, 30], 1.0, 0.0, rng=2)
    assert nx.number_connected_components(sbm) == 2
    assert {sbm.nodes[v]["region"] for v in range(30)} == {0}
    # The same rng gives the same graph.
    assert nx.utils.graphs_equal(
        erdos_renyi(40, 0.2, rng=9), erdos_renyi(40, 0.2, rng=9)
    )
