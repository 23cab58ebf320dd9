"""Inputs, errors and result objects shared by all the dynamics."""

from __future__ import annotations

import json

import numpy as np
import pytest

import stratgame as sg
from stratgame import dynamics

TRAJECTORIES = [
    lambda g, **kw: dynamics.replicator(g, t_max=2, n_points=20, **kw),
    lambda g, **kw: dynamics.discrete_replicator(g, t_max=20, background=5, **kw),
    lambda g, **kw: dynamics.best_response_dynamics(g, t_max=2, step=0.1, **kw),
    lambda g, **kw: dynamics.logit_dynamics(g, t_max=2, n_points=20, **kw),
    lambda g, **kw: dynamics.bnn_dynamics(g, t_max=2, n_points=20, **kw),
]


@pytest.mark.parametrize("run", TRAJECTORIES)
def test_trajectories_are_consistent_and_serializable(run, hawk_dove):
    path = run(hawk_dove())
    assert isinstance(path, dynamics.Trajectory)
    assert path.states[0].shape == (len(path.times), 2)
    assert np.allclose(path.states[0].sum(axis=1), 1)
    assert np.array_equal(path.final[0], path.states[0][-1])
    assert path.regret == pytest.approx(max(hawk_dove().regret(path.profile)))
    data = json.loads(json.dumps(path.to_dict()))
    assert data["populations"] == "single" and len(data["times"]) == len(path.times)
    assert "Trajectory(method=" in repr(path) and "<table>" in path._repr_html_()


@pytest.mark.parametrize("run", TRAJECTORIES)
def test_populations_can_be_forced_apart(run, stag_hunt):
    path = run(stag_hunt, populations="per_player", initial=([0.9, 0.1], [0.2, 0.8]))
    assert path.populations == "per_player"
    assert len(path.final) == 2 and len(path.profile) == 2


@pytest.mark.parametrize("run", TRAJECTORIES)
def test_bad_inputs_are_explained(run, hawk_dove, matching_pennies):
    with pytest.raises(sg.InvalidGameError, match="NormalFormGame"):
        run([[1, 0], [0, 1]])
    with pytest.raises(sg.InvalidProfileError, match="one strategy"):
        run(hawk_dove(), initial=([0.5, 0.5], [0.5, 0.5]))
    with pytest.raises(sg.InvalidProfileError, match="probability"):
        run(hawk_dove(), initial=[0.7, 0.7])
    with pytest.raises(ValueError, match="populations"):
        run(hawk_dove(), populations="two")
    with pytest.raises(sg.InvalidGameError, match="symmetric"):
        run(matching_pennies, populations="single")


def test_ode_parameters_are_checked(hawk_dove):
    with pytest.raises(ValueError, match="'t_max' parameter of replicator"):
        dynamics.replicator(hawk_dove(), t_max=-1)
    with pytest.raises(ValueError, match="'method' parameter"):
        dynamics.replicator(hawk_dove(), method="euler")
    with pytest.raises(ValueError, match="'intensity'"):
        dynamics.logit_dynamics(hawk_dove(), intensity=0)


@pytest.mark.parametrize(
    "call",
    [
        lambda g: dynamics.replicator(g, mutation=[[2, -1], [0, 1]], background=5),
        lambda g: dynamics.discrete_replicator(g),
        lambda g: dynamics.regret_matching(g, 10, inertia=1e-3),
        lambda g: dynamics.fixation_probability(g, 0, 1, 10, 1.0, "moran"),
        lambda g: dynamics.stationary_distribution(g, 10, 1.0, 0.1, max_states=5),
        lambda g: dynamics.hedge(g, 0),
    ],
)
def test_parameter_errors_are_stratgame_errors(call, hawk_dove):
    with pytest.raises(sg.exceptions.InvalidParameterError) as caught:
        call(hawk_dove(2, 10))
    assert isinstance(caught.value, ValueError)


def test_initial_state_accepts_labels_and_indices():
    game = sg.NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        actions=(("cooperate", "defect"), ("cooperate", "defect")),
    )
    by_label = dynamics.replicator(game, "cooperate", t_max=1, n_points=5)
    assert np.allclose(by_label.states[0], [1, 0])  # a vertex is at rest
    assert dynamics.regret_matching(game, 5, initial=("defect", 0), rng=0).actions[
        0
    ].tolist() == [1, 0]


def test_learning_results_are_serializable(chicken):
    results = [
        dynamics.fictitious_play(chicken, 100),
        dynamics.stochastic_fictitious_play(chicken, 100, rng=0),
        dynamics.regret_matching(chicken, 100, rng=0),
        dynamics.hedge(chicken, 100, sampled=True, rng=0),
    ]
    for result in results:
        assert isinstance(result, dynamics.LearningResult)
        data = json.loads(json.dumps(result.to_dict()))
        assert data["iterations"] == 100
        assert result.checkpoints[-1] == 100
        for history, final in zip(result.history, result.strategies, strict=True):
            assert np.array_equal(history[-1], final)
        assert "LearningResult(method=" in repr(result)
        assert "<table>" in result._repr_html_()
    assert "correlated_distance=" in repr(results[2])


def test_finite_population_results_are_serializable(rock_paper_scissors):
    limit = dynamics.small_mutation_limit(rock_paper_scissors(), 10, 1.0)
    full = dynamics.stationary_distribution(rock_paper_scissors(), 6, 1.0, 0.1)
    rest = dynamics.replicator_rest_points(rock_paper_scissors())[0]
    for result in (limit, full, rest):
        json.dumps(result.to_dict())
        assert "<table>" in result._repr_html_()
    assert repr(limit).startswith("SmallMutationLimit(a1=0.3333")
    assert repr(full).startswith("PopulationDistribution(28 states")
    assert repr(rest).startswith("RestPoint(state=([1, 0, 0])")
    assert full.states.sum(axis=1).tolist() == [6] * 28


def test_importing_stratgame_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, stratgame.dynamics; "
        "heavy = {'scipy.integrate', 'scipy.optimize', 'cvxpy', 'networkx'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
