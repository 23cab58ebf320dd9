"""Shared fixtures: the Gambit reference corpus beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from gambit_corpus import CORPUS


@pytest.fixture(scope="session")
def gambit_corpus() -> Path:
    """The corpus folder; skips the test cleanly when it is absent."""
    if not (CORPUS / "REFERENCE.json").is_file():
        pytest.skip(f"the Gambit corpus is not at {CORPUS}")
    return CORPUS
