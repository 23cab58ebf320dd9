"""Equilibrium solvers and their result types."""

from .batch import BatchResult, solve_batch
from .correlated import CorrelatedEquilibrium, correlated_equilibrium
from .logit import QuantalResponseEquilibrium, logit_qre
from .pure import pure_equilibria
from .registry import SOLVERS, SolverSpec, available
from .results import Equilibrium, EquilibriumResult
from .solve import METHODS, solve
from .stackelberg import StackelbergResult, stackelberg

__all__ = [
    "METHODS",
    "SOLVERS",
    "BatchResult",
    "CorrelatedEquilibrium",
    "Equilibrium",
    "EquilibriumResult",
    "QuantalResponseEquilibrium",
    "SolverSpec",
    "StackelbergResult",
    "available",
    "correlated_equilibrium",
    "logit_qre",
    "pure_equilibria",
    "solve",
    "solve_batch",
    "stackelberg",
]
