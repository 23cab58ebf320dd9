"""Equilibrium solvers and their result types."""

from .correlated import CorrelatedEquilibrium, correlated_equilibrium
from .logit import QuantalResponseEquilibrium, logit_qre
from .pure import pure_equilibria
from .results import Equilibrium, EquilibriumResult
from .solve import METHODS, solve
from .stackelberg import StackelbergResult, stackelberg

__all__ = [
    "METHODS",
    "CorrelatedEquilibrium",
    "Equilibrium",
    "EquilibriumResult",
    "QuantalResponseEquilibrium",
    "StackelbergResult",
    "correlated_equilibrium",
    "logit_qre",
    "pure_equilibria",
    "solve",
    "stackelberg",
]
