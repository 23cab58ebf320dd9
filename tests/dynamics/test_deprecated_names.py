"""The old parameter names of the dynamics work for one more release, with a
DeprecationWarning naming the new one."""

import numpy as np
import pytest

from stratgame import dynamics


@pytest.mark.parametrize(
    ("run", "old", "new"),
    [
        (dynamics.replicator, {"x0": [0.2, 0.8]}, {"initial": [0.2, 0.8]}),
        (dynamics.best_response_dynamics, {"x0": [0.2, 0.8]}, {"initial": [0.2, 0.8]}),
        (dynamics.bnn_dynamics, {"x0": [0.2, 0.8]}, {"initial": [0.2, 0.8]}),
        (
            dynamics.logit_dynamics,
            {"x0": [0.2, 0.8], "temperature": 0.5},
            {"initial": [0.2, 0.8], "intensity": 2.0},
        ),
        (
            dynamics.discrete_replicator,
            {"generations": 7, "background": 5},
            {"t_max": 7, "background": 5},
        ),
        (dynamics.fictitious_play, {"iterations": 50}, {"max_iter": 50}),
        (
            dynamics.stochastic_fictitious_play,
            {"iterations": 50, "temperature": 0.25, "rng": 1},
            {"max_iter": 50, "intensity": 4.0, "rng": 1},
        ),
        (
            dynamics.hedge,
            {"iterations": 50, "record": 5},
            {"max_iter": 50, "n_points": 5},
        ),
        (
            dynamics.regret_matching,
            {"iterations": 50, "rng": 1},
            {"max_iter": 50, "rng": 1},
        ),
    ],
)
def test_old_names_warn_and_give_the_same_result(hawk_dove, run, old, new):
    game = hawk_dove()
    with pytest.warns(DeprecationWarning, match="is deprecated; use '"):
        before = run(game, **old)
    after = run(game, **new)
    for a, b in zip(_strategies(before), _strategies(after), strict=True):
        np.testing.assert_allclose(a, b)


def _strategies(result):
    """A trajectory's final state or a learning result's strategies."""
    return result.final if hasattr(result, "final") else result.strategies


def test_old_and_new_name_together_is_an_error(hawk_dove):
    with pytest.raises(TypeError, match="pass 'max_iter' only"):
        dynamics.hedge(hawk_dove(), iterations=5, max_iter=5)
