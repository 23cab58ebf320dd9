"""The tokens of Gambit's ``.nfg`` text: numbers, quoted labels, braces, commas
and bare words, each with the line it starts on.

The lexical rules follow Gambit's own reader (``src/games/file.cc`` of the
Gambit project): whitespace separates tokens and is otherwise insignificant,
labels are double-quoted and may span lines, ``\\"`` inside a label is a quote.
A number is an integer (``-3``), a decimal (``1.5``, ``.25``, ``1.5e2``) or a
rational (``3/4``). The tokenizer is a single left-to-right pass with regular
expressions that never backtrack over more than one token, so it runs in time
linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..exceptions import NfgParseError

__all__ = [
    "COMMA",
    "EOF",
    "LBRACE",
    "MAX_NUMBER_CHARS",
    "NUMBER",
    "RBRACE",
    "TEXT",
    "WORD",
    "Token",
    "number_value",
    "tokenize",
]

NUMBER = "number"
TEXT = "text"
WORD = "word"
LBRACE = "{"
RBRACE = "}"
COMMA = ","
EOF = "end"

#: Longest number token accepted; longer ones are refused before conversion.
MAX_NUMBER_CHARS = 400
#: Numbers must be smaller than 10**_MAX_MAGNITUDE in absolute value, so that
#: every payoff also fits in a float64 for the numerical solvers.
_MAX_MAGNITUDE = 300
_LIMIT = 10**_MAX_MAGNITUDE

_SPACE = re.compile(r"\s+")
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_ESCAPE = re.compile(r'\\(["\\])')
_WORD = re.compile(r'[^\s{}",]+')
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
)
_PUNCTUATION = {"{": LBRACE, "}": RBRACE, ",": COMMA}
_SHOWN_CHARS = 40


def _shorten(text: str) -> str:
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return repr(text)


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its text (labels unescaped) and its first line."""

    kind: str
    text: str
    line: int

    def describe(self) -> str:
        """How the token is named in error messages."""
        if self.kind == EOF:
            return "the end of the text"
        if self.kind == NUMBER:
            return f"the number {self.text}"
        if self.kind == TEXT:
            return f"the label {_shorten(self.text)}"
        if self.kind == WORD:
            return f"the text {_shorten(self.text)}"
        return f"'{self.text}'"


def tokenize(text: str) -> Iterator[Token]:
    """Yield the tokens of ``text``, ending with one ``EOF`` token.

    Raises
    ------
    NfgParseError
        For an unterminated label; the line is where the label starts.

    Examples
    --------
    >>> [t.text for t in tokenize('{ "a b" 3/4, }')]
    ['{', 'a b', '3/4', ',', '}', '']
    >>> [t.kind for t in tokenize('NFG 1.5')]
    ['word', 'number', 'end']
    """
    position = 0
    line = 1
    length = len(text)
    while True:
        space = _SPACE.match(text, position)
        if space:
            line += text.count("\n", position, space.end())
            position = space.end()
        if position >= length:
            yield Token(EOF, "", line)
            return
        char = text[position]
        if char in _PUNCTUATION:
            yield Token(_PUNCTUATION[char], char, line)
            position += 1
        elif char == '"':
            string = _STRING.match(text, position)
            if string is None:
                raise NfgParseError(
                    "expected a closing '\"' for the label opened on this line; "
                    "found the end of the text",
                    line,
                )
            yield Token(TEXT, _ESCAPE.sub(r"\1", string.group(1)), line)
            line += text.count("\n", position, string.end())
            position = string.end()
        else:
            word = _WORD.match(text, position)
            end = word.end()
            kind = NUMBER if _NUMBER.fullmatch(text, position, end) else WORD
            yield Token(kind, word.group(), line)
            position = end


def number_value(token: Token) -> int | Fraction:
    """The exact value of a number token: an int, or a Fraction for decimals
    and rationals (a decimal is read exactly, ``0.1`` is ``Fraction(1, 10)``).

    Whole values are returned as ints (``2.000`` gives ``2``).

    Raises
    ------
    NfgParseError
        For a zero denominator, or a number too long or too large (at least
        ``1e300`` in absolute value), naming the token's line.

    Examples
    --------
    >>> [number_value(Token(NUMBER, t, 1)) for t in ("-3", "1.5e2", "3/4", ".25")]
    [-3, 150, Fraction(3, 4), Fraction(1, 4)]
    """
    text = token.text
    if len(text) > MAX_NUMBER_CHARS:
        raise NfgParseError(
            f"expected a number of at most {MAX_NUMBER_CHARS} characters; found "
            f"one of {len(text)} ({text[:20]}...)",
            token.line,
        )
    if "/" in text:
        numerator, denominator = text.split("/")
        if int(denominator) == 0:
            raise NfgParseError(
                f"expected a rational number p/q with q > 0; found {text}", token.line
            )
        value = Fraction(int(numerator), int(denominator))
    elif "." in text or "e" in text or "E" in text:
        decimal = Decimal(text)
        if decimal and decimal.adjusted() >= _MAX_MAGNITUDE:
            raise _too_large(token)
        if decimal.as_tuple().exponent < -MAX_NUMBER_CHARS:
            raise NfgParseError(
                f"expected a decimal with at most {MAX_NUMBER_CHARS} digits after "
                f"the point; found {text}",
                token.line,
            )
        value = Fraction(decimal)
    else:
        value = int(text)
    if abs(value) >= _LIMIT:
        raise _too_large(token)
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def _too_large(token: Token) -> NfgParseError:
    return NfgParseError(
        f"expected a number smaller than 1e{_MAX_MAGNITUDE} in absolute value; "
        f"found {token.text[:20]}{'...' if len(token.text) > 20 else ''}",
        token.line,
    )
