"""Evolutionary and learning dynamics for any NormalFormGame.

Deterministic dynamics (one population for a symmetric game, one per player
otherwise) return a :class:`Trajectory`: :func:`replicator` (with optional
mutation), :func:`discrete_replicator`, :func:`best_response_dynamics`,
:func:`logit_dynamics` and :func:`bnn_dynamics`. Learning rules return a
:class:`LearningResult`: :func:`fictitious_play`,
:func:`stochastic_fictitious_play`, :func:`regret_matching` and
:func:`hedge`. Finite populations: :func:`fixation_probability`,
:func:`small_mutation_limit` and :func:`stationary_distribution` (Moran and
Fermi processes). Stability: :func:`is_ess`, :func:`replicator_rest_points`
and :func:`replicator_jacobian`.
"""

from .best_response import best_response_dynamics
from .bnn import bnn_dynamics
from .correlated import (
    coarse_correlated_regret,
    correlated_distance,
    correlated_regret,
)
from .fictitious_play import fictitious_play, stochastic_fictitious_play
from .finite_population import (
    NegativeFitnessError,
    fixation_probability,
    small_mutation_limit,
    stationary_distribution,
)
from .hedge import hedge
from .logit import logit_dynamics
from .regret_matching import regret_matching
from .replicator import discrete_replicator, replicator
from .results import (
    LearningResult,
    PopulationDistribution,
    RestPoint,
    SmallMutationLimit,
    Trajectory,
)
from .stability import is_ess, replicator_jacobian, replicator_rest_points

__all__ = [
    "LearningResult",
    "NegativeFitnessError",
    "PopulationDistribution",
    "RestPoint",
    "SmallMutationLimit",
    "Trajectory",
    "best_response_dynamics",
    "bnn_dynamics",
    "coarse_correlated_regret",
    "correlated_distance",
    "correlated_regret",
    "discrete_replicator",
    "fictitious_play",
    "fixation_probability",
    "hedge",
    "is_ess",
    "logit_dynamics",
    "regret_matching",
    "replicator",
    "replicator_jacobian",
    "replicator_rest_points",
    "small_mutation_limit",
    "stationary_distribution",
    "stochastic_fictitious_play",
]
