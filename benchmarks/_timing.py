"""Timing helpers shared by the benchmark scripts: medians of repeated calls,
and interleaved runs so that changes in machine load hit every contestant."""

from __future__ import annotations

import statistics
import time

__all__ = ["interleaved", "median_time"]


def median_time(function, repeat: int) -> float:
    """Median wall-clock seconds of ``repeat`` calls of ``function()``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(contestants, repeats: int):
    """Median time and last value of each contestant, running them in turn
    (one call each per round) so that changes in machine load hit all.

    ``contestants`` is a list of ``(name, function, argument)``.
    """
    times = {name: [] for name, _, _ in contestants}
    values = {}
    for _ in range(repeats):
        for name, function, argument in contestants:
            start = time.perf_counter()
            values[name] = function(argument)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}, values
