"""Memory budgets for computations whose size is not known in advance."""

from __future__ import annotations

import os
import resource
import time

from ._validation import check_real

__all__ = ["memory_budget"]

#: The default budget: this fraction of the memory available when the
#: computation starts (and of the address-space limit, when one is set).
DEFAULT_FRACTION = 0.25
_FALLBACK_AVAILABLE = 4 << 30


_cache: dict = {}


def _available_bytes() -> int:
    """Memory the system reports available (``MemAvailable``), else 4 GiB;
    read at most once a second."""
    now = time.monotonic()
    if now - _cache.get("time", -1.0) > 1.0:
        _cache["bytes"], _cache["time"] = _read_available_bytes(), now
    return _cache["bytes"]


def _read_available_bytes() -> int:
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return _FALLBACK_AVAILABLE


def _address_space_left() -> int | None:
    """Bytes of address space left under ``RLIMIT_AS``, or None when unset."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return max(soft - int(line.split()[1]) * 1024, 0)
    except (OSError, ValueError, IndexError):
        pass
    return soft


def memory_budget(max_memory, owner: str) -> int:
    """The number of bytes a computation may hold.

    Parameters
    ----------
    max_memory : int, float or None
        Bytes; None for the default, a quarter of the memory available now
        (and of the address space left, under an address-space limit).
    owner : str
        The function that takes the parameter, for error messages.

    Examples
    --------
    >>> memory_budget(1e6, "enumerate_equilibria")
    1000000
    >>> memory_budget(None, "enumerate_equilibria") > 0
    True
    """
    if max_memory is not None:
        value = check_real(max_memory, "max_memory", owner, low=1, high=1 << 50)
        return int(value)
    budget = DEFAULT_FRACTION * _available_bytes()
    left = _address_space_left()
    if left is not None:
        budget = min(budget, DEFAULT_FRACTION * left)
    return max(int(budget), 1 << 24)
