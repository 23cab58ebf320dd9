"""Equilibrium solvers and their result types."""

from .pure import pure_equilibria
from .results import Equilibrium, EquilibriumResult
from .solve import METHODS, solve

__all__ = ["METHODS", "Equilibrium", "EquilibriumResult", "pure_equilibria", "solve"]
