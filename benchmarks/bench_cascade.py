"""Benchmark: a linear-threshold cascade on a large Barabási–Albert graph.

The case of issue 7: threshold 0.3 for every node, the top 1% of nodes by
degree as seeds, a Barabási–Albert graph with m = 3. stratgame's engine
(``threshold_cascade``) runs against two peers measured in the same run:

* a bare scipy.sparse loop: one sparse mat-vec per synchronous round, the
  textbook vectorized implementation;
* a networkx neighbour loop: the same rounds in plain Python over
  ``G[v]``, touching only the neighbours of the last round's adopters.

All three must reach the same adopted set. Medians of repeated runs are
printed with ratios against stratgame; graph building and seed choice are not
timed. The generator is also timed against ``networkx.barabasi_albert_graph``
at a smaller size.

Run: ``python benchmarks/bench_cascade.py [--nodes 1000000] [--nx-nodes 100000]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import networkx as nx
import numpy as np

from stratgame.ecosystem import barabasi_albert_network, threshold_cascade
from stratgame.ecosystem.cascade import _top_degree

THETA = 0.3
SEED_SHARE = 0.01


def bare_scipy_cascade(matrix, theta, seeds):
    """One sparse mat-vec per round until no node adopts."""
    degree = np.diff(matrix.indptr).astype(float)
    need = theta * degree * (1 - 1e-9)
    adopted = np.zeros(matrix.shape[0], dtype=bool)
    adopted[seeds] = True
    while True:
        counts = matrix @ adopted.astype(np.float64)
        new = ~adopted & (counts >= need)
        if not new.any():
            return adopted
        adopted |= new


def networkx_cascade(graph, theta, seeds):
    """Synchronous rounds over networkx adjacency, frontier only."""
    adopted = set(int(s) for s in seeds)
    frontier = set(adopted)
    while frontier:
        candidates = {u for v in frontier for u in graph[v] if u not in adopted}
        new = set()
        for u in candidates:
            neighbours = graph[u]
            count = sum(1 for w in neighbours if w in adopted)
            if count >= theta * len(neighbours) * (1 - 1e-9):
                new.add(u)
        adopted |= new
        frontier = new
    return adopted


def median_time(function, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--nx-nodes", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    print(f"Barabási–Albert graph, n = {args.nodes:,}, m = 3")
    t_gen, network = median_time(
        lambda: barabasi_albert_network(args.nodes, 3, rng=1), 1
    )
    print(f"  stratgame barabasi_albert_network: {t_gen:.2f} s")
    small = min(args.nodes, 100_000)
    t_fast, _ = median_time(lambda: barabasi_albert_network(small, 3, rng=2), 3)
    t_nxgen, _ = median_time(lambda: nx.barabasi_albert_graph(small, 3, seed=2), 3)
    print(
        f"  generator at n = {small:,}: stratgame {t_fast:.3f} s, networkx "
        f"{t_nxgen:.3f} s (networkx / stratgame = {t_nxgen / t_fast:.1f}x)"
    )

    k = int(SEED_SHARE * args.nodes)
    seeds = _top_degree(network, k)
    t_sg, result = median_time(
        lambda: threshold_cascade(network, THETA, seeds=seeds), args.repeats
    )
    t_bare, bare = median_time(
        lambda: bare_scipy_cascade(network.matrix, THETA, seeds), args.repeats
    )
    assert np.array_equal(bare, result.adopted), "bare scipy disagrees"
    print(
        f"\nCascade θ = {THETA}, top {SEED_SHARE:.0%} degree seeds ({k:,}): "
        f"{result.n_adopted:,} adopters ({result.fraction:.1%}) in "
        f"{result.rounds} rounds"
    )
    rows = [("stratgame threshold_cascade", args.nodes, t_sg)]
    rows.append(("bare scipy.sparse mat-vec loop", args.nodes, t_bare))

    if args.nx_nodes == args.nodes:
        nx_network, nx_seeds, nx_result = network, seeds, result
    else:
        nx_network = barabasi_albert_network(args.nx_nodes, 3, rng=1)
        nx_seeds = _top_degree(nx_network, int(SEED_SHARE * args.nx_nodes))
        nx_result = threshold_cascade(nx_network, THETA, seeds=nx_seeds)
    graph = nx.from_scipy_sparse_array(nx_network.matrix)
    t_nx, nx_adopted = median_time(
        lambda: networkx_cascade(graph, THETA, nx_seeds), max(1, args.repeats // 2)
    )
    assert nx_adopted == set(np.flatnonzero(nx_result.adopted).tolist())
    t_sg_at_nx = t_sg
    if args.nx_nodes != args.nodes:
        t_sg_at_nx, _ = median_time(
            lambda: threshold_cascade(nx_network, THETA, seeds=nx_seeds),
            args.repeats,
        )
        rows.append(("stratgame threshold_cascade", args.nx_nodes, t_sg_at_nx))
    rows.append(("networkx neighbour loop", args.nx_nodes, t_nx))

    print(f"\n{'implementation':34s} {'nodes':>10s} {'median s':>10s} {'ratio':>8s}")
    for name, n, t in rows:
        reference = t_sg if n == args.nodes else t_sg_at_nx
        print(f"{name:34s} {n:>10,d} {t:>10.3f} {t / reference:>7.2f}x")
    print("(ratio: time / stratgame's time at the same size; > 1 means slower)")


if __name__ == "__main__":
    main()
