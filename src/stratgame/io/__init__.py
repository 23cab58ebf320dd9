"""Reading and writing games: Gambit ``.nfg`` files, JSON, and conversions to
and from nashpy and pygambit games."""

from .interop import from_nashpy, from_pygambit, to_nashpy, to_pygambit
from .json import game_from_json, game_to_json
from .nfg import NfgFile, parse_nfg, read_nfg, write_nfg
from .sgamesolver import from_sgamesolver, to_sgamesolver

__all__ = [
    "NfgFile",
    "from_nashpy",
    "from_pygambit",
    "from_sgamesolver",
    "game_from_json",
    "game_to_json",
    "parse_nfg",
    "read_nfg",
    "to_nashpy",
    "to_pygambit",
    "to_sgamesolver",
    "write_nfg",
]
