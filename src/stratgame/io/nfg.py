"""Read and write Gambit ``.nfg`` files (games in strategic form), exactly.

The format is Gambit's "strategic game file format", version 1 (Gambit
documentation, *Game representation formats*; reader ``src/games/file.cc``)::

    NFG 1 R "title" { "Player 1" "Player 2" }
    { { "Top" "Bottom" } { "Left" "Right" } }    (or counts: { 2 2 })
    "an optional comment"
    3 2  0 0  0 0  2 3                           (payoff form)

A header ``NFG 1 D`` or ``NFG 1 R``, a quoted title, the players' labels, the
strategies (labels per player, or only their numbers) and an optional comment
are followed by the payoffs in one of two forms:

* the *payoff form*: for every strategy profile, one payoff per player;
* the *outcome form*: a list of outcomes ``{ "name" 3, 2 }`` and then, for
  every profile, the 1-based number of its outcome (``0`` is the null outcome,
  all payoffs 0).

Profiles are listed with the first player's strategy changing fastest. Numbers
are integers (``-3``), decimals (``1.5``, ``1.5e2``) or rationals (``3/4``) and
are read exactly, whether the header says ``D`` or ``R``: the game comes back
in ints and Fractions. As Gambit does, empty or repeated labels are made
distinct: an empty player label becomes ``"_1"``, two strategies both called
``"x"`` become ``"x_1"`` and ``"x_2"``.

Untrusted input is safe to read: malformed text raises
:class:`~stratgame.exceptions.NfgParseError` (a ``ValueError``) naming the line
and what was expected, the tokenizer runs in linear time without recursion, and
sizes are checked before anything is allocated (at most :data:`MAX_PLAYERS`
players, :data:`MAX_PROFILES` strategy profiles and :data:`MAX_TEXT_BYTES`
bytes of text).
"""

from __future__ import annotations

import codecs
import math
import os
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..exceptions import InvalidGameError, NfgParseError
from ..games import NormalFormGame
from ._nfg_tokens import (
    COMMA,
    EOF,
    LBRACE,
    MAX_NUMBER_CHARS,
    NUMBER,
    RBRACE,
    TEXT,
    WORD,
    Token,
    exact_number,
    exact_text,
    number_value,
    tokenize,
)

__all__ = [
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "MAX_TEXT_BYTES",
    "NfgFile",
    "first_bytes_hex",
    "parse_nfg",
    "read_nfg",
    "write_nfg",
]

#: Most strategy profiles (product of the strategy counts) a file may declare:
#: a 1000 x 1000 bimatrix game, or 6 players with 10 strategies each. Larger
#: games are beyond what a game-theory file needs and what the solvers can
#: treat, and reading them would take gigabytes.
MAX_PROFILES = 10**6
#: Most players a file may declare (numpy 1.x arrays have at most 32 axes).
MAX_PLAYERS = 32
#: Largest text (in bytes, or characters for str input) that is parsed
#: (256 MiB: room for MAX_PROFILES profiles of many players).
MAX_TEXT_BYTES = 2**28

_COUNT = re.compile(r"\+?[0-9]{1,9}")
# Text that can only hold integers, and only outcome numbers.
_NON_INTEGER_CHAR = re.compile(r"[^0-9+\-\s]")
_NON_INDEX_CHAR = re.compile(r"[^0-9\s]")
_INDEX = re.compile(r"[0-9]{1,9}")
_INT64 = np.iinfo(np.int64)
_NUMBER_CACHE_SIZE = 4096


@dataclass(frozen=True)
class NfgFile:
    """A parsed ``.nfg`` file: the game and the file's comment.

    Attributes
    ----------
    game : NormalFormGame
        The game, with the file's title, player and strategy labels.
    comment : str
        The comment string after the strategies ("" when there is none).
    """

    game: NormalFormGame
    comment: str = ""


# ----------------------------------------------------------------- reading
def read_nfg(path_or_text=None, *, text=None, path=None) -> NormalFormGame:
    """Read a game from a Gambit ``.nfg`` file or text.

    Give exactly one of ``path_or_text``, ``text`` and ``path``; the keywords
    say which it is, with nothing left to guess.

    Parameters
    ----------
    path_or_text : str, bytes or os.PathLike, optional
        A ``str`` that starts with ``"NFG"`` (after whitespace) or contains a
        newline is the text itself; ``bytes`` are the text encoded in UTF-8;
        any other ``str`` or path-like object names a file.
    text : str or bytes, optional
        The text of a ``.nfg`` file (never taken as a path).
    path : str or os.PathLike, optional
        The file to read (never taken as text). A file that does not start
        with ``NFG`` is refused showing only its first bytes, in hex.

    Returns
    -------
    NormalFormGame
        Exact (ints or Fractions), with the file's title and labels.

    Raises
    ------
    NfgParseError
        When the text is not a valid ``.nfg`` game; the message names the
        line and what was expected there.
    FileNotFoundError
        When the named file does not exist.

    Examples
    --------
    >>> import stratgame as sg
    >>> g = sg.read_nfg('''NFG 1 R "Prisoner's Dilemma" { "Row" "Column" }
    ... { { "C" "D" } { "C" "D" } } ""
    ... 3 3  5 0  0 5  1 1''')
    >>> g.title, g.players, g.actions[0]
    ("Prisoner's Dilemma", ('Row', 'Column'), ('C', 'D'))
    >>> g["D", "C"]
    array([5, 0])
    >>> sg.read_nfg(text='NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3')
    Traceback (most recent call last):
    ...
    stratgame.exceptions.NfgParseError: line 1: expected payoff 4 of 8 (a number; ...
    """
    return parse_nfg(path_or_text, text=text, path=path).game


def parse_nfg(path_or_text=None, *, text=None, path=None) -> NfgFile:
    """Read a ``.nfg`` file or text and return the game together with the
    file's comment.

    Takes the same input as :func:`read_nfg` and raises the same errors.

    Examples
    --------
    >>> parsed = parse_nfg('NFG 1 D "Coin" { "1" "2" } { 2 2 } "zero-sum" '
    ...                    '1 -1 -1 1 -1 1 1 -1')
    >>> parsed.comment
    'zero-sum'
    >>> parsed.game.is_zero_sum()
    True
    """
    return _Parser(_resolve(path_or_text, text, path)).parse()


def first_bytes_hex(data: bytes, count: int = 8) -> str:
    """The first bytes of a file in hex, the most of its content an error
    message shows about a file that is not of the expected format.

    Examples
    --------
    >>> first_bytes_hex(b"secret=hunter2")
    '73 65 63 72 65 74 3d 68 ...'
    >>> first_bytes_hex(b"")
    '(the file is empty)'
    """
    if not data:
        return "(the file is empty)"
    shown = " ".join(f"{b:02x}" for b in data[:count])
    return shown + (" ..." if len(data) > count else "")


def _resolve(source, text, path) -> str:
    """The text to parse, from exactly one of the three ways to give it."""
    given = sum(x is not None for x in (source, text, path))
    if given != 1:
        raise TypeError(
            "read_nfg() takes exactly one of: a path or text (positionally), "
            f"text=..., path=...; got {given}."
        )
    if text is not None:
        if isinstance(text, bytes | bytearray | memoryview):
            return _decode(bytes(text))
        if not isinstance(text, str):
            raise TypeError(f"text= must be a str or bytes; got {type(text).__name__}.")
        return _checked_text(text.removeprefix("\ufeff"))
    if path is not None:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(
                f"path= must be a str or path-like; got {type(path).__name__}."
            )
        return _read_file(Path(path))
    return _source_text(source)


def _source_text(source) -> str:
    if isinstance(source, bytes | bytearray | memoryview):
        return _decode(bytes(source))
    if isinstance(source, str) and (
        source.removeprefix("\ufeff").lstrip().startswith("NFG") or "\n" in source
    ):
        return _checked_text(source.removeprefix("\ufeff"))
    if isinstance(source, str) and not source.strip():
        raise NfgParseError(
            "expected .nfg text (starting with 'NFG') or the path of a .nfg file; "
            "got an empty or blank string"
        )
    if isinstance(source, str | os.PathLike):
        return _read_file(Path(source))
    raise TypeError(
        "read_nfg() needs the path of a .nfg file, its text (a str starting with "
        f"'NFG') or its bytes; got {type(source).__name__}."
    )


def _read_file(path: Path) -> str:
    """A .nfg file's text; a file of another format is refused showing
    only its first bytes, in hex."""
    if path.is_dir():
        raise IsADirectoryError(f"{str(path)!r} is a directory; expected a .nfg file")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no .nfg file at {str(path)!r}; pass the path of an existing "
            "file, or the text itself (which starts with 'NFG')"
        ) from None
    if size > MAX_TEXT_BYTES:
        raise NfgParseError(
            f"expected a .nfg file of at most {MAX_TEXT_BYTES} bytes; "
            f"{str(path)!r} has {size} bytes"
        )
    data = path.read_bytes()
    if not data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"NFG"):
        # Not a .nfg file: say so without showing what it holds.
        raise NfgParseError(
            f"{str(path)!r} is not a Gambit .nfg file: expected it to start "
            f"with 'NFG'; its first bytes are {first_bytes_hex(data)}",
            1,
        )
    return _decode(data)


def _decode(data: bytes) -> str:
    if len(data) > MAX_TEXT_BYTES:
        raise NfgParseError(
            f"expected a .nfg text of at most {MAX_TEXT_BYTES} bytes; got "
            f"{len(data)} bytes"
        )
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise NfgParseError(
            f"expected UTF-8 text; found the byte 0x{data[error.start]:02x}, which "
            "is not UTF-8 (is this a binary file?)",
            line,
        ) from None
    return _checked_text(text)


def _checked_text(text: str) -> str:
    if len(text) > MAX_TEXT_BYTES:
        raise NfgParseError(
            f"expected a .nfg text of at most {MAX_TEXT_BYTES} characters; got "
            f"{len(text)}"
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise NfgParseError(
            "expected text; found a NUL character (is this a binary file?)",
            text.count("\n", 0, nul) + 1,
        )
    return text


def _distinct_labels(labels: list[str]) -> list[str]:
    """Make labels distinct and non-empty the way Gambit's reader does
    (``NormalizeLabels`` in Gambit's ``src/games/file.cc``): every empty or
    repeated label ``x`` gets the next suffix ``x_1``, ``x_2``, ... that is not
    already a label."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    suffixes: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            suffixes[label] = suffixes.get(label, 0) + 1
            candidate = f"{label}_{suffixes[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


class _Parser:
    """The parser: one method per part of the file, each a loop over tokens
    (the grammar has a fixed depth, so nothing recurses)."""

    def __init__(self, text: str):
        self._text = text
        self._tokens = tokenize(text)
        self.token: Token = next(self._tokens)
        self._numbers: dict[str, int | Fraction] = {}

    # -- token helpers
    def advance(self) -> None:
        if self.token.kind != EOF:
            self.token = next(self._tokens)

    def fail(self, expected: str):
        raise NfgParseError(
            f"expected {expected}; found {self.token.describe()}", self.token.line
        )

    def expect(self, kind: str, expected: str) -> Token:
        token = self.token
        if token.kind != kind:
            self.fail(expected)
        self.advance()
        return token

    def number(self) -> int | Fraction:
        """The value of the current token, which the caller checked is a number."""
        token = self.token
        value = self._numbers.get(token.text)
        if value is None:
            value = number_value(token)
            if len(self._numbers) < _NUMBER_CACHE_SIZE:
                self._numbers[token.text] = value
        self.advance()
        return value

    def strategy_count(self, player: int, n_players: int) -> int:
        token = self.token
        count = int(token.text) if _COUNT.fullmatch(token.text) else 0
        if token.kind != NUMBER or not 1 <= count <= MAX_PROFILES:
            self.fail(
                f"the number of strategies of player {player + 1} of {n_players} "
                f"(a whole number from 1 to {MAX_PROFILES})"
            )
        self.advance()
        return count

    # -- grammar
    def parse(self) -> NfgFile:
        title = self.header()
        players = self.players()
        shape, actions = self.strategies(len(players))
        comment = self.token.text if self.token.kind == TEXT else ""
        if self.token.kind == TEXT:
            self.advance()
        if self.token.kind == LBRACE:
            table = self.outcome_body(shape, len(players))
        elif self.token.kind == NUMBER:
            table = self.payoff_body(shape, len(players))
        else:
            self.fail(
                "the payoffs: numbers (payoff form), or '{' opening the list of "
                "outcomes (outcome form)"
            )
        self.expect(EOF, "the end of the text after the last payoff")
        if actions is None:  # counts only: Gambit names the strategies "1", "2", ...
            actions = [[str(k + 1) for k in range(n)] for n in shape]
        game = NormalFormGame(
            _payoff_arrays(table, shape),
            players=_distinct_labels(players),
            actions=[_distinct_labels(a) for a in actions],
            title=title,
        )
        return NfgFile(game=game, comment=comment)

    def header(self) -> str:
        if self.token.kind != WORD or self.token.text != "NFG":
            self.fail("'NFG' at the start of a Gambit strategic-game file")
        self.advance()
        if self.token.kind != NUMBER or self.token.text != "1":
            self.fail("the format version 1 after 'NFG' (only NFG 1 exists)")
        self.advance()
        if self.token.kind != WORD or self.token.text not in ("D", "R"):
            self.fail("'D' or 'R' after 'NFG 1'")
        self.advance()
        return self.expect(TEXT, "the game's title in double quotes").text

    def players(self) -> list[str]:
        self.expect(LBRACE, "'{' opening the list of player labels")
        players = []
        while self.token.kind == TEXT:
            if len(players) == MAX_PLAYERS:
                raise NfgParseError(
                    f"expected at most {MAX_PLAYERS} players; found more",
                    self.token.line,
                )
            players.append(self.token.text)
            self.advance()
        if not players:
            self.fail("at least one player label in double quotes")
        self.expect(RBRACE, "a player label in double quotes, or '}'")
        return players

    def strategies(self, n_players: int):
        """The strategy counts, and the labels (None when only counts are
        given: their default labels are made once the payoffs are read, so a
        short text cannot make the parser allocate millions of labels)."""
        line = self.token.line
        self.expect(LBRACE, "'{' opening the players' strategies")
        if self.token.kind == LBRACE:
            actions = [self.strategy_labels(i) for i in range(n_players)]
            counts = [len(a) for a in actions]
        elif self.token.kind == NUMBER:
            counts = [self.strategy_count(i, n_players) for i in range(n_players)]
            actions = None
        else:
            self.fail(
                "'{' opening the first player's strategy labels, or the number "
                "of strategies of each player"
            )
        self.expect(
            RBRACE,
            f"'}}' closing the strategies of the {n_players} "
            f"player{'s' if n_players > 1 else ''}",
        )
        _check_profiles(counts, line)
        return tuple(counts), actions

    def strategy_labels(self, player: int) -> list[str]:
        self.expect(LBRACE, f"'{{' opening player {player + 1}'s strategy labels")
        labels = []
        while self.token.kind == TEXT:
            if len(labels) == MAX_PROFILES:
                raise NfgParseError(
                    f"expected at most {MAX_PROFILES} strategies per player; "
                    "found more",
                    self.token.line,
                )
            labels.append(self.token.text)
            self.advance()
        if not labels:
            self.fail(f"at least one strategy label for player {player + 1}")
        self.expect(
            RBRACE, f"a strategy label in double quotes, or '}}' (player {player + 1})"
        )
        return labels

    def payoff_body(self, shape, n_players: int) -> np.ndarray:
        n_profiles = math.prod(shape)
        total = n_profiles * n_players
        values = self.bulk_payoffs(total)
        if values is None:
            values = []
            for k in range(total):
                if self.token.kind != NUMBER:
                    self.fail(
                        f"payoff {k + 1} of {total} (a number; the payoff form lists "
                        f"{n_players} payoff{'s' if n_players > 1 else ''} for each "
                        f"of the {n_profiles} strategy profiles)"
                    )
                values.append(self.number())
        return _table(values).reshape(n_profiles, n_players)

    def outcome_body(self, shape, n_players: int) -> np.ndarray:
        self.advance()
        outcomes = [[0] * n_players]  # outcome 0, the null outcome
        while self.token.kind == LBRACE:
            self.advance()
            which = f"outcome {len(outcomes)}"
            self.expect(TEXT, f"the name of {which} in double quotes")
            payoffs = []
            for j in range(n_players):
                if self.token.kind != NUMBER:
                    self.fail(f"payoff {j + 1} of {n_players} of {which}")
                payoffs.append(self.number())
                if self.token.kind == COMMA:
                    self.advance()
            self.expect(RBRACE, f"'}}' closing {which} after its {n_players} payoffs")
            outcomes.append(payoffs)
        self.expect(RBRACE, "'{' opening another outcome, or '}' closing the outcomes")
        n_profiles = math.prod(shape)
        indices = self.bulk_outcome_indices(n_profiles, len(outcomes) - 1)
        if indices is None:
            indices = []
            for k in range(n_profiles):
                token = self.token
                index = int(token.text) if _INDEX.fullmatch(token.text) else -1
                if token.kind != NUMBER or not 0 <= index < len(outcomes):
                    raise NfgParseError(
                        f"expected the outcome of profile {k + 1} of {n_profiles} (a "
                        f"whole number from 0 to {len(outcomes) - 1}; 0 is the null "
                        f"outcome); found {token.describe()}",
                        token.line,
                    )
                self.advance()
                indices.append(index)
        table = _table([v for payoffs in outcomes for v in payoffs])
        return table.reshape(len(outcomes), n_players)[np.array(indices, dtype=np.intp)]

    # -- fast paths: when the rest of the text is exactly the expected list of
    # numbers, read it in bulk; otherwise the token-by-token path above reads
    # it again and reports the first problem with its line.
    def rest_words(self, count: int) -> tuple[str, list[str]] | None:
        """The rest of the text and its whitespace-separated words, when there
        are exactly ``count`` of them; the parser then stands at the end."""
        rest = self._text[self.token.start :]
        words = rest.split()
        if len(words) != count:
            return None
        self.token = Token(EOF, "", self.token.line + rest.count("\n"), len(self._text))
        return rest, words

    def bulk_payoffs(self, count: int) -> np.ndarray | list | None:
        token = self.token
        found = self.rest_words(count)
        if found is None:
            return None
        rest, words = found
        if not _NON_INTEGER_CHAR.search(rest):
            try:  # int() refuses '1-2', '+', '--1'; int64 refuses > 2**63
                return np.fromiter(map(int, words), dtype=np.int64, count=count)
            except (ValueError, OverflowError):
                pass
        values = []
        numbers = self._numbers
        try:
            for word in words:
                value = numbers.get(word)
                if value is None:
                    value = exact_number(word)
                    if len(numbers) < _NUMBER_CACHE_SIZE:
                        numbers[word] = value
                values.append(value)
        except ValueError:
            self.token = token
            return None
        return values

    def bulk_outcome_indices(self, count: int, n_outcomes: int) -> list | None:
        token = self.token
        found = self.rest_words(count)
        if found is None:
            return None
        rest, words = found
        if not _NON_INDEX_CHAR.search(rest) and all(map(_INDEX.fullmatch, words)):
            indices = list(map(int, words))
            if max(indices) <= n_outcomes:
                return indices
        self.token = token
        return None


def _check_profiles(counts: list[int], line: int) -> None:
    profiles = math.prod(counts)
    if profiles > MAX_PROFILES:
        raise NfgParseError(
            f"expected at most {MAX_PROFILES} strategy profiles; the strategies "
            f"{'x'.join(map(str, counts))} make {profiles}",
            line,
        )


def _table(values) -> np.ndarray:
    """The payoffs as int64 when they are all ints that fit, else as objects."""
    if isinstance(values, np.ndarray):
        return values
    integers = all(type(v) is int for v in values) and (
        _INT64.min <= min(values) and max(values) <= _INT64.max
    )
    return np.array(values, dtype=np.int64 if integers else object)


def _payoff_arrays(table: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray]:
    """One array per player from a table of payoffs with one row per profile,
    the first player's strategy changing fastest (Fortran order)."""
    return [table[:, i].reshape(shape, order="F") for i in range(len(shape))]


# ----------------------------------------------------------------- writing
def write_nfg(game, path=None, *, comment: str = "") -> str | None:
    """Write ``game`` in Gambit's ``.nfg`` payoff form (``NFG 1 R``).

    Parameters
    ----------
    game : NormalFormGame
    path : str or os.PathLike, optional
        Where to write (UTF-8). Without it the text is returned.
    comment : str
        Written as the file's comment.

    Returns
    -------
    str or None
        The text when no ``path`` is given.

    Notes
    -----
    Ints are written as integers and Fractions as ``p/q``, so exact games
    round-trip exactly: ``read_nfg(write_nfg(g)) == g``. Floats are written
    with :func:`repr`, the shortest decimal that converts back to the same
    float; :func:`read_nfg` reads that decimal exactly, so a float game comes
    back as an exact game whose :attr:`~NormalFormGame.float_payoff_arrays`
    equal the original payoffs bit for bit.

    Labels are quoted, with ``"`` written as ``\\"`` and a backslash doubled
    where it precedes ``"``, another backslash, or the closing quote.

    Examples
    --------
    >>> import stratgame as sg
    >>> from fractions import Fraction
    >>> g = sg.NormalFormGame.from_bimatrix([[1, Fraction(1, 2)], [0, 2]],
    ...     title='Say "hi"', actions=(("U", "D"), ("L", "R")))
    >>> print(write_nfg(g))
    NFG 1 R "Say \\"hi\\"" { "P1" "P2" }
    <BLANKLINE>
    { { "U" "D" }
    { "L" "R" }
    }
    ""
    <BLANKLINE>
    1 -1
    0 0
    1/2 -1/2
    2 -2
    <BLANKLINE>
    >>> sg.read_nfg(write_nfg(g)) == g
    True
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"write_nfg() needs a NormalFormGame; got {type(game).__name__}."
        )
    players = " ".join(_quote(p, f"player {i + 1}") for i, p in enumerate(game.players))
    strategies = "\n".join(
        "{ "
        + " ".join(_quote(a, f"an action of {game.players[i]!r}") for a in actions)
        + " }"
        for i, actions in enumerate(game.actions)
    )
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ {players} }}",
        "",
        "{ " + strategies,
        "}",
        _quote(str(comment)),
        "",
    ]
    columns = [_number_texts(u, i) for i, u in enumerate(game.payoff_arrays)]
    lines += map(" ".join, zip(*columns, strict=True))
    text = "\n".join(lines) + "\n"
    if path is None:
        return text
    Path(path).write_text(text, encoding="utf-8", newline="\n")
    return None


_BACKSLASH_TO_DOUBLE = re.compile(r'\\(?=[\\"]|\Z)')


def _quote(label: str, what: str = "") -> str:
    if "\x00" in label:
        raise InvalidGameError(
            f".nfg labels cannot hold NUL characters; got {label!r}."
        )
    if what and not label:
        raise InvalidGameError(
            f"{what} has an empty label, which .nfg readers (Gambit's and "
            "read_nfg) rename to '_1'; give it a non-empty label to write the "
            "game exactly."
        )
    return '"' + _BACKSLASH_TO_DOUBLE.sub(r"\\\\", label).replace('"', '\\"') + '"'


def _number_texts(payoffs: np.ndarray, player: int = 0) -> list[str]:
    """The payoffs as text, profile by profile with the first player's
    strategy changing fastest; an exact payoff whose text would be longer
    than the reader accepts is refused rather than written unreadable."""
    values = payoffs.ravel(order="F").tolist()
    if payoffs.dtype == np.float64:
        return list(map(repr, values))
    if payoffs.dtype == np.int64:
        return list(map(str, values))
    texts = [exact_text(v) for v in values]
    for k, text in enumerate(texts):
        if len(text) > MAX_NUMBER_CHARS:
            profile = np.unravel_index(k, payoffs.shape, order="F")
            raise InvalidGameError(
                f"payoff {tuple(map(int, profile))} of player {player + 1} needs "
                f"{len(text)} characters as p/q; .nfg files hold numbers of at "
                f"most {MAX_NUMBER_CHARS} (read_nfg refuses longer ones). Round "
                "it, or keep the game in JSON (game_to_json)."
            )
    return texts
