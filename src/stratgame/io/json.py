"""Games as JSON: a lossless text form of :meth:`NormalFormGame.to_dict`.

Ints stay ints, Fractions are written as strings such as ``"3/4"`` and floats
as JSON numbers (Python writes the shortest decimal that reads back to the same
float), so every game round-trips exactly: ``game_from_json(game_to_json(g))``
equals ``g`` with the same payoff dtype.
"""

from __future__ import annotations

import json
import math
import os
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..exceptions import InvalidGameError
from ..games import NormalFormGame
from ._nfg_tokens import exact_number, exact_text
from .nfg import MAX_PLAYERS, MAX_PROFILES, MAX_TEXT_BYTES, first_bytes_hex

__all__ = ["game_from_json", "game_to_json"]


def game_to_json(game, path=None, *, indent: int | None = None) -> str | None:
    """Write ``game`` as JSON.

    Parameters
    ----------
    game : NormalFormGame
    path : str or os.PathLike, optional
        Where to write (UTF-8). Without it the text is returned.
    indent : int, optional
        Indentation passed to :func:`json.dumps`; compact by default.

    Returns
    -------
    str or None
        The JSON text when no ``path`` is given.

    Examples
    --------
    >>> import stratgame as sg
    >>> from fractions import Fraction
    >>> g = sg.NormalFormGame.from_bimatrix([[1, Fraction(1, 2)]], [[0, 1]])
    >>> text = game_to_json(g)
    >>> text[text.index('"payoffs"'):]
    '"payoffs": [[[1, "1/2"]], [[0, 1]]]}'
    >>> game_from_json(game_to_json(g)) == g
    True
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"game_to_json() needs a NormalFormGame; got {type(game).__name__}."
        )
    data = game.to_dict()
    if game.payoff_arrays[0].dtype == object:  # p/q, or 1e-400 when shorter
        data["payoffs"] = [
            np.vectorize(_exact_json, otypes=[object])(u).tolist()
            for u in game.payoff_arrays
        ]
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if path is None:
        return text
    Path(path).write_text(text + "\n", encoding="utf-8")
    return None


def _exact_json(value) -> int | str:
    value = Fraction(value)
    return value.numerator if value.denominator == 1 else exact_text(value)


def game_from_json(path_or_text=None, *, text=None, path=None) -> NormalFormGame:
    """Read a game written by :func:`game_to_json`.

    Give exactly one of ``path_or_text``, ``text`` and ``path``; the keywords
    say which it is, with nothing left to guess.

    Parameters
    ----------
    path_or_text : str, bytes or os.PathLike, optional
        A ``str`` starting with ``{`` or ``[`` (after whitespace and an
        optional byte-order mark) is JSON text, ``bytes`` are the text in
        UTF-8; any other ``str`` or path-like names a file.
    text : str or bytes, optional
        The JSON text (never taken as a path).
    path : str or os.PathLike, optional
        The file to read (never taken as text).

    Notes
    -----
    Untrusted input is safe to read. Payoffs are JSON numbers or strings of
    exact numbers (``"3/4"``, ``"0.1"``, ``"1e-3"``), each at most 400
    characters and within the float range (about 1.8e308), read with the
    ``.nfg`` reader's rules so that no huge exponent is ever expanded; there
    are at most 32 players, :data:`~stratgame.io.nfg.MAX_PROFILES` profiles
    and :data:`~stratgame.io.nfg.MAX_TEXT_BYTES` bytes. An error about a file
    that is not a game shows at most its first bytes, in hex.

    Raises
    ------
    InvalidGameError
        When the text is not JSON, or not a game: the message says where the
        JSON breaks or what the game data lacks.
    FileNotFoundError
        When the named file does not exist.

    Examples
    --------
    >>> g = game_from_json('{"players": ["US", "China"], "payoffs": '
    ...                    '[[[1, 0], [0, 1]], [[0, 1], [1, 0]]]}')
    >>> g.players, g.shape
    (('US', 'China'), (2, 2))
    >>> game_from_json(text='{"payoffs": [[1, 2]')
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidGameError: expected a game in JSON; ...line 1...
    """
    text, source = _resolve(path_or_text, text, path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidGameError(
            f"expected a game in JSON{source.where}; the text is not valid JSON: "
            f"{error}"
        ) from None
    except RecursionError:
        raise InvalidGameError(
            f"expected a game in JSON{source.where}; the text nests too deeply to "
            "be one"
        ) from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise InvalidGameError(
            f"expected a game in JSON{source.where}; {error}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("payoffs"), list):
        raise InvalidGameError(
            "expected a JSON object with a 'payoffs' list (one nested list per "
            f"player), as written by game_to_json(); got {source.describe(data)}"
        )
    _check_labels(data, source)
    payoffs = _checked_payoffs(data["payoffs"])
    return NormalFormGame.from_dict({**data, "payoffs": payoffs})


_FLOAT_MAX = sys.float_info.max


def _checked_payoffs(payoffs: list) -> list:
    """The payoffs with every string read as an exact number, checked without
    recursion: the number of players, the nesting depth (one level per
    player), the count of payoffs, and each payoff's kind and range."""
    n_players = len(payoffs)
    if not 1 <= n_players <= MAX_PLAYERS:
        raise InvalidGameError(
            f"expected a game of 1 to {MAX_PLAYERS} players (one payoff array "
            f"each); the 'payoffs' list has {n_players} entries"
        )
    out: list = []
    # (value, depth, the list to append its conversion to)
    stack = [(p, 1, out) for p in reversed(payoffs)]
    count = 0
    limit = MAX_PROFILES * n_players
    while stack:
        value, depth, parent = stack.pop()
        if isinstance(value, list):
            if depth > n_players:
                raise InvalidGameError(
                    f"expected each player's payoffs nested {n_players} deep (one "
                    f"level per player); found a list at depth {depth}"
                )
            converted: list = []
            parent.append(converted)
            stack.extend((v, depth + 1, converted) for v in reversed(value))
            continue
        count += 1
        if count > limit:
            raise InvalidGameError(
                f"expected at most {MAX_PROFILES} strategy profiles "
                f"({limit} payoffs for {n_players} players); found more payoffs"
            )
        parent.append(_payoff(value))
    return out


def _payoff(value):
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidGameError(
            'expected each payoff to be a number or a string such as "3/4"; '
            f"found {type(value).__name__} {_short(value)}"
        )
    if isinstance(value, str):
        try:
            value = exact_number(value.strip())
        except ValueError as error:
            raise InvalidGameError(f"payoff {_short(value)}: {error}") from None
    elif isinstance(value, float) and not math.isfinite(value):
        raise InvalidGameError(
            "expected finite payoffs (at most about 1.8e308 in absolute value); "
            f"found {value}"
        )
    if isinstance(value, int | Fraction) and abs(value) > _FLOAT_MAX:
        raise InvalidGameError(
            "expected payoffs within the float range (at most about 1.8e308 in "
            f"absolute value) for the numerical solvers; found {_short(value)}"
        )
    return value


def _short(value) -> str:
    text = repr(value) if not isinstance(value, int) else str(value)
    return text if len(text) <= 30 else text[:20] + f"... ({len(text)} characters)"


def _check_labels(data: dict, source) -> None:
    """Check the optional 'title', 'players' and 'actions' entries."""
    problems = []
    if not isinstance(data.get("title", ""), str):
        problems.append("'title' must be a string")
    players = data.get("players", [])
    if not (isinstance(players, list) and all(isinstance(p, str) for p in players)):
        problems.append("'players' must be a list of strings")
    actions = data.get("actions", [])
    if not (
        isinstance(actions, list)
        and all(
            isinstance(a, list) and all(isinstance(s, str) for s in a) for a in actions
        )
    ):
        problems.append("'actions' must be a list of lists of strings")
    if problems:
        shown = {k: data.get(k) for k in ("title", "players", "actions")}
        raise InvalidGameError(
            f"expected a game in JSON{source.where}; {', and '.join(problems)} "
            f"(got {source.describe(shown, kind=False)})"
        )


class _Source:
    """Where the text came from: given text is quoted in errors (briefly); a
    file's content is never shown beyond its first bytes, in hex."""

    def __init__(self, path: Path | None = None, data: bytes = b""):
        self.path = path
        self.data = data

    @property
    def where(self) -> str:
        return f" in {str(self.path)!r}" if self.path is not None else ""

    def describe(self, value, kind: bool = True) -> str:
        name = f"{type(value).__name__} " if kind else ""
        if self.path is not None:
            return f"{name}in {str(self.path)!r} (first bytes {first_bytes_hex(self.data)})"
        text = json.dumps(value)
        return name + (text if len(text) <= 60 else text[:60] + "...")


def _decode(data: bytes, source: _Source) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise InvalidGameError(
            f"expected JSON text of at most {MAX_TEXT_BYTES} bytes; got {len(data)}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidGameError(
            f"expected UTF-8 JSON text{source.where}; byte {error.start} is not UTF-8."
        ) from None


def _resolve(source, text, path) -> tuple[str, _Source]:
    """The text to parse, from exactly one of the three ways to give it."""
    given = sum(x is not None for x in (source, text, path))
    if given != 1:
        raise TypeError(
            "game_from_json() takes exactly one of: a path or text "
            f"(positionally), text=..., path=...; got {given}."
        )
    if text is not None:
        if isinstance(text, bytes | bytearray | memoryview):
            return _decode(bytes(text), _Source()), _Source()
        if not isinstance(text, str):
            raise TypeError(f"text= must be a str or bytes; got {type(text).__name__}.")
        return _checked_text(text.removeprefix("\ufeff")), _Source()
    if path is not None:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(
                f"path= must be a str or path-like; got {type(path).__name__}."
            )
        return _read_file(Path(path))
    return _source_text(source)


def _checked_text(text: str) -> str:
    if len(text) > MAX_TEXT_BYTES:
        raise InvalidGameError(
            f"expected JSON text of at most {MAX_TEXT_BYTES} characters; "
            f"got {len(text)}"
        )
    return text


def _source_text(source) -> tuple[str, _Source]:
    if isinstance(source, bytes | bytearray | memoryview):
        return _decode(bytes(source), _Source()), _Source()
    if isinstance(source, str):
        text = source.removeprefix("\ufeff")
        if text.lstrip().startswith(("{", "[")):
            return _checked_text(text), _Source()
        if not text.strip():
            raise InvalidGameError(
                "expected JSON text (starting with '{') or the path of a JSON "
                "game file; got an empty or blank string"
            )
    if isinstance(source, str | os.PathLike):
        return _read_file(Path(source))
    raise TypeError(
        "game_from_json() needs the path of a JSON file, its text or its bytes; "
        f"got {type(source).__name__}."
    )


def _read_file(path: Path) -> tuple[str, _Source]:
    """A JSON file's text; errors show no more of it than its first bytes."""
    if path.is_dir():
        raise IsADirectoryError(
            f"{str(path)!r} is a directory; expected a JSON game file"
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no JSON game file at {str(path)!r}; pass the path of an existing "
            "file, or the JSON text itself (which starts with '{')"
        ) from None
    if size > MAX_TEXT_BYTES:
        raise InvalidGameError(
            f"expected a JSON game file of at most {MAX_TEXT_BYTES} bytes; "
            f"{str(path)!r} has {size}"
        )
    data = path.read_bytes()
    origin = _Source(path, data)
    return _decode(data, origin), origin
