"""The Gambit reference corpus beside the project (``../shared/corpus/gambit``).

Test modules import :data:`CORPUS` and :func:`corpus_reference` from here
(``tests`` is on pytest's ``pythonpath``); tests that need the files take the
``gambit_corpus`` fixture of ``conftest.py``, which skips when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gambit"


def corpus_reference() -> dict:
    """REFERENCE.json of the Gambit corpus, or {} when the corpus is absent."""
    path = CORPUS / "REFERENCE.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text())
