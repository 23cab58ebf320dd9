"""Analysis: parameter sweeps, equilibrium tracking, thresholds, regime maps
and robustness, run serially, on local processes or on a Dask cluster, with
durable checkpoints.

The functions take *builders*: any callable from parameters to a game (or to a
model with a ``.game()`` method), so the analysis layer knows nothing about
particular models.
"""

from ._checkpoint import CheckpointError
from ._execution import BACKENDS, WorkerError
from ._grid import expand_grid
from .regimes import RegimeMap, regime_map
from .robustness import Robustness, robustness
from .sweep import sweep
from .threshold import Threshold, find_threshold
from .track import Branch, Tracking, track

__all__ = [
    "BACKENDS",
    "Branch",
    "CheckpointError",
    "RegimeMap",
    "Robustness",
    "Threshold",
    "Tracking",
    "WorkerError",
    "expand_grid",
    "find_threshold",
    "regime_map",
    "robustness",
    "sweep",
    "track",
]
