"""Network coordination games: Morris contagion, stochastic stability."""

import networkx as nx
import numpy as np
import pytest

from stratgame.ecosystem import (
    InvalidNetworkError,
    adoption_threshold,
    as_network,
    contagion_threshold,
    coordination_dynamics,
    edge_game,
)


def two_adopters(n):
    return {i: (0 if i in (0, 1) else 1) for i in range(n)}


def test_contagion_threshold_of_a_ring_is_one_half():
    # Morris (2000), section 3: the ring's contagion threshold is 1/2.
    assert contagion_threshold(nx.cycle_graph(40)) == 0.5
    weighted = nx.cycle_graph(30)
    nx.set_edge_attributes(weighted, 2.0, "weight")
    assert contagion_threshold(weighted) == pytest.approx(0.5, abs=1e-8)


def test_contagion_threshold_is_at_most_one_half_on_sparse_graphs():
    # Morris (2000), Proposition 2: the contagion threshold never exceeds 1/2.
    for g in (
        nx.grid_2d_graph(12, 12, periodic=True),
        nx.random_regular_graph(4, 120, seed=1),
        nx.barabasi_albert_graph(200, 2, seed=3),
    ):
        value = contagion_threshold(g, n_trials=40, rng=0)
        assert 0 < value <= 0.5


def test_adoption_threshold_is_the_mixed_equilibrium():
    payoffs = [[3, 0], [1, 4]]
    q = adoption_threshold(payoffs)  # (4 - 0) / ((3 - 1) + (4 - 0))
    assert q == pytest.approx(4 / 6)
    g = edge_game(payoffs)
    mixed = ([q, 1 - q], [q, 1 - q])
    assert g.is_nash(mixed)
    assert not g.is_nash(([q + 0.05, 0.95 - q], [q + 0.05, 0.95 - q]))
    with pytest.raises(InvalidNetworkError, match="coordination game"):
        adoption_threshold([[0, 1], [1, 0]])


@pytest.mark.parametrize(
    ("payoffs", "spreads"), [([[3, 0], [0, 2]], True), ([[2, 0], [0, 3]], False)]
)
def test_best_response_spreads_iff_threshold_below_contagion(payoffs, spreads):
    # Morris (2000), Theorem: A spreads by best response iff its adoption
    # threshold q is below the contagion threshold (1/2 on a ring).
    n = 30
    res = coordination_dynamics(nx.cycle_graph(n), payoffs, two_adopters(n))
    assert res.converged
    assert bool(res.shares[0] == 1.0) is spreads
    if not spreads:
        assert res.shares[0] <= 2 / n


def test_converged_profile_is_a_nash_equilibrium_of_the_network_game():
    g = nx.watts_strogatz_graph(80, 4, 0.2, seed=5)
    payoffs = np.array([[2.0, 0.0, 0.0], [0.0, 1.5, 0.2], [0.0, 0.3, 1.8]])
    rng = np.random.default_rng(1)
    initial = rng.integers(0, 3, size=80)
    res = coordination_dynamics(
        g, payoffs, initial, revision_rate=0.5, max_iter=500, rng=2
    )
    assert res.converged
    net = as_network(g)
    onehot = np.eye(3)[res.states]
    utility = (net.matrix @ onehot) / net.in_degree()[:, None] @ payoffs.T
    chosen = utility[np.arange(80), res.states]
    assert np.all(chosen >= utility.max(axis=1) - 1e-12)
    assert np.allclose(res.history.sum(axis=1), 1.0)


def test_switching_costs_lock_in_the_incumbent():
    n = 30
    free = coordination_dynamics(nx.cycle_graph(n), [[3, 0], [0, 2]], two_adopters(n))
    costly = coordination_dynamics(
        nx.cycle_graph(n), [[3, 0], [0, 2]], two_adopters(n), switching_cost=0.6
    )
    assert free.shares[0] == 1.0
    assert costly.shares[0] == 2 / n and costly.converged


def test_intrinsic_quality_can_overturn_coordination():
    n = 20
    res = coordination_dynamics(
        nx.cycle_graph(n), [[1, 0], [0, 1]], 1, intrinsic=[1.5, 0.0]
    )
    assert res.shares[0] == 1.0 and res.rounds == 1


def test_logit_and_mistakes_select_the_risk_dominant_convention():
    # Stochastic stability (Kandori, Mailath and Rob 1993; Young 1993;
    # Blume 1993): from everyone on the risk-dominated technology, noisy
    # play ends up mostly on the risk-dominant one.
    ring = nx.cycle_graph(30)
    payoffs = [[3, 0], [0, 2]]
    logit = coordination_dynamics(
        ring,
        payoffs,
        1,
        rule="logit",
        intensity=2.0,
        revision_rate=0.2,
        max_iter=1500,
        rng=1,
    )
    assert logit.history[-500:, 0].mean() > 0.9
    mistakes = coordination_dynamics(
        ring,
        payoffs,
        1,
        rule="mistakes",
        epsilon=0.05,
        revision_rate=0.2,
        max_iter=1500,
        rng=1,
    )
    assert mistakes.history[-500:, 0].mean() > 0.9
    # With no precision, logit is a coin flip.
    flat = coordination_dynamics(
        ring, payoffs, 1, rule="logit", intensity=0.0, max_iter=300, rng=3
    )
    assert abs(flat.history[-200:, 0].mean() - 0.5) < 0.05


def test_reporting_and_errors():
    res = coordination_dynamics(
        nx.path_graph(4), [[1, 0], [0, 1]], 0, technologies=("open", "closed")
    )
    assert res.to_dict()["technologies"] == ["open", "closed"]
    assert "open" in repr(res) and "<table>" in res._repr_html_()
    g = nx.path_graph(4)
    with pytest.raises(InvalidNetworkError, match="square"):
        coordination_dynamics(g, [[1, 0, 0], [0, 1, 0]], 0)
    with pytest.raises(InvalidNetworkError, match=r"0\.\.1"):
        coordination_dynamics(g, [[1, 0], [0, 1]], [0, 1, 2, 0])
    with pytest.raises(ValueError, match="'rule' parameter"):
        coordination_dynamics(g, [[1, 0], [0, 1]], 0, rule="imitate")
    with pytest.raises(InvalidNetworkError, match="labels"):
        coordination_dynamics(g, [[1, 0], [0, 1]], 0, technologies=("a",))
    # a technology is an index: 1.5 or "open" is refused, not truncated
    for initial in (1.5, [0, 1, 0.5, 1], {0: "open"}):
        with pytest.raises(InvalidNetworkError, match="technology index"):
            coordination_dynamics(g, [[1, 0], [0, 1]], initial)
    with pytest.raises(ValueError, match="'n_trials' parameter"):
        contagion_threshold(g, n_trials="all")
