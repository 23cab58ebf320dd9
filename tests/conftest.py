"""Shared fixtures: the Gambit reference corpus beside the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gambit"


def corpus_reference() -> dict:
    """REFERENCE.json of the Gambit corpus, or {} when the corpus is absent."""
    path = CORPUS / "REFERENCE.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text())


@pytest.fixture(scope="session")
def gambit_corpus() -> Path:
    """The corpus folder; skips the test cleanly when it is absent."""
    if not (CORPUS / "REFERENCE.json").is_file():
        pytest.skip(f"the Gambit corpus is not at {CORPUS}")
    return CORPUS
