"""Ecosystems: adoption, network effects and lock-in on networks.

Any networkx graph (weighted, directed) is converted once into a sparse
in-adjacency matrix (:class:`Network`): node ``i`` responds to the states of
its in-neighbours, ``matrix[i, j]`` being the weight of the edge ``j -> i``.
The engines then run on numpy and scipy.sparse alone; networkx is imported
only inside the functions that need it.

- networks: :func:`as_network`, generators (:func:`barabasi_albert_network`
  for millions of nodes);
- threshold cascades: :func:`threshold_cascade`, :func:`granovetter`,
  :func:`choose_seeds`;
- network coordination games: :func:`coordination_dynamics`,
  :func:`contagion_threshold`, :func:`adoption_threshold`;
- Bass diffusion: :func:`bass_adoption`, :func:`bass_peak`,
  :func:`bass_simulation`, :func:`fit_bass`;
- lock-in: :class:`ArthurModel`, :func:`polya_urn`,
  :func:`urn_share_distribution`;
- competing platforms: :class:`PlatformMarket`, :func:`lock_in_index`,
  :func:`platform_competition`;
- AI-stack dependencies: :class:`AIStack`;
- coupling to games: :func:`installed_base_payoffs`, :func:`network_value`,
  :func:`edge_game`, :func:`adoption_game`.

Examples
--------
>>> import networkx as nx
>>> from stratgame.ecosystem import threshold_cascade
>>> threshold_cascade(nx.cycle_graph(12), 0.5, seeds=[0]).fraction
1.0
"""

from .bass import (
    BassPeak,
    BassSimulation,
    bass_adoption,
    bass_peak,
    bass_rate,
    bass_simulation,
    bass_time_to,
    fit_bass,
)
from .cascade import CascadeResult, choose_seeds, granovetter, threshold_cascade
from .coordination import (
    CoordinationResult,
    adoption_threshold,
    contagion_threshold,
    coordination_dynamics,
)
from .coupling import (
    AdoptionPayoffs,
    adoption_game,
    edge_game,
    installed_base_payoffs,
    network_value,
)
from .generators import (
    barabasi_albert,
    barabasi_albert_network,
    erdos_renyi,
    lattice,
    regional_blocks,
    watts_strogatz,
)
from .lockin import (
    ArthurModel,
    UrnPaths,
    polya_limit_distribution,
    polya_urn,
    urn_share_distribution,
)
from .network import EcosystemError, InvalidNetworkError, Network, as_network
from .platforms import (
    MarketEquilibrium,
    PlatformMarket,
    ShareTrajectory,
    lock_in_index,
    platform_competition,
)
from .stack import AIStack, StackImpact

__all__ = [
    "AIStack",
    "AdoptionPayoffs",
    "ArthurModel",
    "BassPeak",
    "BassSimulation",
    "CascadeResult",
    "CoordinationResult",
    "EcosystemError",
    "InvalidNetworkError",
    "MarketEquilibrium",
    "Network",
    "PlatformMarket",
    "ShareTrajectory",
    "StackImpact",
    "UrnPaths",
    "adoption_game",
    "adoption_threshold",
    "as_network",
    "barabasi_albert",
    "barabasi_albert_network",
    "bass_adoption",
    "bass_peak",
    "bass_rate",
    "bass_simulation",
    "bass_time_to",
    "choose_seeds",
    "contagion_threshold",
    "coordination_dynamics",
    "edge_game",
    "erdos_renyi",
    "fit_bass",
    "granovetter",
    "installed_base_payoffs",
    "lattice",
    "lock_in_index",
    "network_value",
    "platform_competition",
    "polya_limit_distribution",
    "polya_urn",
    "regional_blocks",
    "threshold_cascade",
    "urn_share_distribution",
    "watts_strogatz",
]
