"""Games as JSON: a lossless text form of :meth:`NormalFormGame.to_dict`.

Ints stay ints, Fractions are written as strings such as ``"3/4"`` and floats
as JSON numbers (Python writes the shortest decimal that reads back to the same
float), so every game round-trips exactly: ``game_from_json(game_to_json(g))``
equals ``g`` with the same payoff dtype.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..exceptions import InvalidGameError
from ..games import NormalFormGame

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
    text = json.dumps(game.to_dict(), indent=indent, ensure_ascii=False)
    if path is None:
        return text
    Path(path).write_text(text + "\n", encoding="utf-8")
    return None


def game_from_json(path_or_text) -> NormalFormGame:
    """Read a game written by :func:`game_to_json`.

    Parameters
    ----------
    path_or_text : str, bytes or os.PathLike
        A ``str`` starting with ``{`` or ``[`` (after whitespace) is JSON text,
        ``bytes`` are the text in UTF-8; any other ``str`` or path-like names
        a file.

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
    >>> game_from_json('{"payoffs": [[1, 2]')
    Traceback (most recent call last):
    ...
    stratgame.exceptions.InvalidGameError: expected a game in JSON; ...line 1...
    """
    text = _source_text(path_or_text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidGameError(
            f"expected a game in JSON; the text is not valid JSON: {error}"
        ) from None
    except RecursionError:
        raise InvalidGameError(
            "expected a game in JSON; the text nests too deeply to be one"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("payoffs"), list):
        raise InvalidGameError(
            "expected a JSON object with a 'payoffs' list (one nested list per "
            f"player), as written by game_to_json(); got {type(data).__name__} "
            f"{_preview(data)}"
        )
    _check_labels(data)
    return NormalFormGame.from_dict(data)


def _check_labels(data: dict) -> None:
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
        raise InvalidGameError(
            f"expected a game in JSON; {', and '.join(problems)} (got "
            f"{_preview({k: data.get(k) for k in ('title', 'players', 'actions')})})"
        )


def _preview(data) -> str:
    text = json.dumps(data)
    return text if len(text) <= 60 else text[:60] + "..."


def _source_text(source) -> str:
    if isinstance(source, bytes | bytearray | memoryview):
        try:
            return bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidGameError(
                f"expected UTF-8 JSON text; byte {error.start} is not UTF-8."
            ) from None
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return source
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(
                f"no JSON game file at {str(path)!r}; pass the path of an existing "
                "file, or the JSON text itself (which starts with '{')"
            )
        return _source_text(path.read_bytes())
    raise TypeError(
        "game_from_json() needs the path of a JSON file, its text or its bytes; "
        f"got {type(source).__name__}."
    )
