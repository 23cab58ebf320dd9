"""Ecosystems: adoption, network effects and lock-in on networks.

Any networkx graph is converted once into a sparse in-adjacency matrix
(:class:`Network`); the engines run on numpy and scipy.sparse.
"""

from .cascade import CascadeResult, choose_seeds, granovetter, threshold_cascade
from .generators import (
    barabasi_albert,
    barabasi_albert_network,
    erdos_renyi,
    lattice,
    regional_blocks,
    watts_strogatz,
)
from .network import InvalidNetworkError, Network, as_network

__all__ = [
    "CascadeResult",
    "InvalidNetworkError",
    "Network",
    "as_network",
    "barabasi_albert",
    "barabasi_albert_network",
    "choose_seeds",
    "erdos_renyi",
    "granovetter",
    "lattice",
    "regional_blocks",
    "threshold_cascade",
    "watts_strogatz",
]
