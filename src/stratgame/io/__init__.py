"""Reading and writing games: Gambit ``.nfg`` files and JSON."""

from .json import game_from_json, game_to_json
from .nfg import NfgFile, parse_nfg, read_nfg, write_nfg

__all__ = [
    "NfgFile",
    "game_from_json",
    "game_to_json",
    "parse_nfg",
    "read_nfg",
    "write_nfg",
]
