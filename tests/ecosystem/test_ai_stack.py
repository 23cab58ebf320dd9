"""AI-stack dependency graphs: supply, chokepoints, cuts."""

import itertools

import pytest

from stratgame.ecosystem import AIStack, EcosystemError

LAYERS = {
    "chips": ["fab", "fab2"],
    "accelerators": ["gpu_a", "gpu_b"],
    "cloud": ["cloud_1", "cloud_2", "cloud_3"],
    "models": ["model_x", "model_y"],
    "apps": ["app_1", "app_2", "app_3"],
}
LINKS = [
    ("fab", "gpu_a"),
    ("fab", "gpu_b"),
    ("fab2", "gpu_b"),
    ("gpu_a", "cloud_1"),
    ("gpu_a", "cloud_2"),
    ("gpu_b", "cloud_3"),
    ("cloud_1", "model_x"),
    ("cloud_2", "model_x"),
    ("cloud_3", "model_y"),
    ("model_x", "app_1"),
    ("model_y", "app_2"),
    ("model_x", "app_3"),
    ("cloud_1", "app_3"),
]


def test_everything_is_supplied_in_the_intact_stack():
    stack = AIStack(LAYERS, LINKS)
    assert stack.supplied() == frozenset(stack.graph)
    assert "5 supply" not in repr(stack) and "apps: 3" in repr(stack)


def test_each_layer_versus_any_requirement():
    # app_3 needs a model and a cloud; losing cloud_1 leaves it without a
    # cloud under "each_layer" but still with a model under "any".
    strict = AIStack(LAYERS, LINKS).impact(removed=["cloud_1"])
    loose = AIStack(LAYERS, LINKS, requires="any").impact(removed=["cloud_1"])
    assert "app_3" in strict.lost and "app_3" not in loose.lost
    assert strict.final_layer_share == pytest.approx(2 / 3)


def test_chokepoints_by_removal():
    stack = AIStack(LAYERS, LINKS)
    ranking = dict(stack.chokepoints())
    # gpu_a feeds cloud_1, cloud_2, hence model_x, app_1, app_3.
    assert ranking["gpu_a"] == 5
    assert ranking["fab"] == 6  # also gpu_a; gpu_b survives through fab2
    assert "fab2" not in ranking and "app_1" not in ranking
    assert stack.chokepoints()[0] == ("fab", 6)


def test_export_control_cut():
    stack = AIStack(LAYERS, LINKS)
    hit = stack.impact(cut=[("fab", "gpu_a")])
    assert hit.lost == frozenset(
        {"gpu_a", "cloud_1", "cloud_2", "model_x", "app_1", "app_3"}
    )
    assert hit.supplied >= {"gpu_b", "cloud_3", "model_y", "app_2"}
    assert "lost" in repr(hit) and "final layer" in hit._repr_html_()


def brute_force_min(items, isolates):
    for size in range(len(items) + 1):
        for subset in itertools.combinations(items, size):
            if isolates(subset):
                return size
    return None


@pytest.mark.parametrize("targets", [None, ["app_2"], ["model_x", "app_2"]])
def test_minimum_cuts_are_valid_and_minimal(targets):
    stack = AIStack(LAYERS, LINKS, requires="any")
    goal = set(stack.firms("apps") if targets is None else targets)
    firm_cut = stack.minimum_firm_cut(targets)
    assert not goal & firm_cut
    assert not goal & stack.supplied(removed=firm_cut)
    others = [f for f in stack.graph if f not in goal]
    smallest = brute_force_min(others, lambda s: not goal & stack.supplied(removed=s))
    assert len(firm_cut) == smallest
    link_cut = stack.minimum_link_cut(targets)
    assert not goal & stack.supplied(cut=link_cut)
    smallest_links = brute_force_min(
        list(stack.graph.edges), lambda s: not goal & stack.supplied(cut=s)
    )
    assert len(link_cut) == smallest_links


def test_structural_measures():
    stack = AIStack(LAYERS, LINKS)
    assert "gpu_a" in stack.articulation_points()
    centrality = stack.betweenness()
    # Shortest supply paths through gpu_b: from fab and fab2 to cloud_3,
    # model_y and app_2 (6 pairs); through gpu_a: from fab to cloud_1,
    # cloud_2, model_x, app_1, app_3 (5 pairs); normalized by 11 * 10.
    assert centrality["gpu_b"] == pytest.approx(6 / 110)
    assert centrality["gpu_a"] == pytest.approx(5 / 110)
    assert centrality["fab"] == 0.0  # sources sit inside no path
    # Betweenness counts paths; removal counts who is cut off: gpu_a
    # strands more firms although fewer shortest paths run through it.
    ranking = dict(stack.chokepoints())
    assert ranking["gpu_a"] > ranking["gpu_b"]


def test_bad_stacks():
    with pytest.raises(EcosystemError, match="two layers"):
        AIStack({"chips": ["a"]}, [])
    with pytest.raises(EcosystemError, match="listed in two layers"):
        AIStack({"chips": ["a"], "apps": ["a"]}, [])
    with pytest.raises(EcosystemError, match="in no layer"):
        AIStack({"chips": ["a"], "apps": ["b"]}, [("a", "c")])
    with pytest.raises(EcosystemError, match="feeds the first layer"):
        AIStack({"chips": ["a"], "apps": ["b"]}, [("b", "a")])
    with pytest.raises(EcosystemError, match="pairs"):
        AIStack({"chips": ["a"], "apps": ["b"]}, ["ab_"])
    with pytest.raises(EcosystemError, match="requires"):
        AIStack({"chips": ["a"], "apps": ["b"]}, [], requires="all")
    stack = AIStack({"chips": ["a"], "apps": ["b"]}, [("a", "b")])
    with pytest.raises(EcosystemError, match="not a firm"):
        stack.impact(removed=["z"])
    with pytest.raises(EcosystemError, match="unknown layer"):
        stack.firms("cloud")
    with pytest.raises(EcosystemError, match="first layer"):
        stack.minimum_firm_cut(["a"])
