"""Figures (matplotlib, imported lazily): every function returns the
matplotlib Axes it drew on, never calls ``plt.show()``, and works headless."""

from ._axes import save_figure
from .analysis import equilibrium_path_plot, regime_map_plot
from .dynamics import (
    phase_line_plot,
    phase_plane_plot,
    simplex_plot,
    trajectory_plot,
)
from .ecosystem import adoption_curve_plot, network_snapshot_plot
from .games import best_response_plot, payoff_heatmap
from .repeated import payoff_region_plot
from .stochastic import sample_paths, transition_heatmap, value_functions

__all__ = [
    "adoption_curve_plot",
    "best_response_plot",
    "equilibrium_path_plot",
    "network_snapshot_plot",
    "payoff_heatmap",
    "payoff_region_plot",
    "phase_line_plot",
    "phase_plane_plot",
    "regime_map_plot",
    "sample_paths",
    "save_figure",
    "simplex_plot",
    "trajectory_plot",
    "transition_heatmap",
    "value_functions",
]
