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
from fractions import Fraction
from typing import NamedTuple

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
    "exact_number",
    "exact_text",
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
#: Payoffs must fit in a float64 (for the numerical solvers): at most about
#: 1.8e308, so at most this many digits before the decimal point.
_MAX_DIGITS = 309


# One token after optional whitespace: punctuation, a complete label, a lone
# '"' (a label never closed), a bare word, or the end of the text.
_TOKEN = re.compile(
    r'(\s*)(?:([{},])|"([^"\\]*(?:\\.[^"\\]*)*)"|(")|([^\s{}",]+)|\Z)', re.DOTALL
)
_ESCAPE = re.compile(r'\\(["\\])')
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]+/[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
)
# The parts of a number matched by _NUMBER: sign, whole part (or numerator),
# point, fraction digits, exponent, denominator.
_PARTS = re.compile(
    r"([+-]?)([0-9]*)(?:(\.)([0-9]*))?(?:[eE]([+-]?[0-9]+))?(?:/([0-9]+))?"
)
_SHOWN_CHARS = 40


def _shorten(text: str) -> str:
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return repr(text)


class Token(NamedTuple):
    """One token: its kind, its text (labels unescaped), its first line and
    the offset in the text where it starts."""

    kind: str
    text: str
    line: int
    start: int = 0

    def describe(self) -> str:
        """How the token is named in error messages."""
        if self.kind == EOF:
            return "the end of the text"
        if self.kind == NUMBER:
            shown = self.text[:_SHOWN_CHARS]
            return f"the number {shown}{'...' if len(self.text) > _SHOWN_CHARS else ''}"
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
    match = _TOKEN.match
    number = _NUMBER.fullmatch
    while True:
        found = match(text, position)
        space, punctuation, label, _, word = found.groups()
        if "\n" in space:
            line += space.count("\n")
        start = found.start() + len(space)
        position = found.end()
        if word is not None:
            yield Token(NUMBER if number(word) else WORD, word, line, start)
        elif punctuation is not None:
            yield Token(punctuation, punctuation, line, start)
        elif label is not None:
            unescaped = _ESCAPE.sub(r"\1", label) if "\\" in label else label
            yield Token(TEXT, unescaped, line, start)
            line += label.count("\n")
        elif position == start:  # nothing but whitespace was left
            yield Token(EOF, "", line, start)
            return
        else:
            raise NfgParseError(
                "expected a closing '\"' for the label opened on this line; "
                "found the end of the text",
                line,
            )


def number_value(token: Token) -> int | Fraction:
    """The exact value of a number token: an int, or a Fraction for decimals
    and rationals (a decimal is read exactly, ``0.1`` is ``Fraction(1, 10)``).

    Whole values are returned as ints (``2.000`` gives ``2``).

    Raises
    ------
    NfgParseError
        For a zero denominator, a number longer than ``MAX_NUMBER_CHARS``
        characters, or one too large for a float64, naming the token's line.

    Examples
    --------
    >>> [number_value(Token(NUMBER, t, 1)) for t in ("-3", "1.5e2", "3/4", ".25")]
    [-3, 150, Fraction(3, 4), Fraction(1, 4)]
    """
    try:
        return exact_number(token.text)
    except ValueError as error:
        raise NfgParseError(str(error), token.line) from None


def exact_number(text: str) -> int | Fraction:
    """The exact value of the text of a number token (see :func:`number_value`).

    Raises
    ------
    ValueError
        For text that is not a number token, or a number that is refused;
        the message says what was expected.
    """
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(
            f"expected a number of at most {MAX_NUMBER_CHARS} characters; found "
            f"one of {len(text)} ({text[:20]}...)"
        )
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"expected a number; found {_shorten(text)}")
    sign, whole, point, fraction, exponent, denominator = _PARTS.fullmatch(
        text
    ).groups()
    if denominator is not None:
        if int(denominator) == 0:
            raise ValueError(f"expected a rational number p/q with q > 0; found {text}")
        value = _whole_if_possible(Fraction(int(whole), int(denominator)))
        digits_before_point = len(whole.lstrip("0")) - len(denominator.lstrip("0")) + 1
    elif point is None and exponent is None:
        digits_before_point = len(whole.lstrip("0"))
        if digits_before_point > _MAX_DIGITS:
            raise _too_large(text)
        value = int(whole)
    else:
        # A decimal d_1...d_k.f_1...f_m e x is int(d...f) * 10**(x - m), computed
        # from its digits so that no huge power of ten is ever built.
        fraction = fraction or ""
        digits = (whole + fraction).lstrip("0")
        if not digits:
            return 0
        scale = int(exponent or "0") - len(fraction)
        digits_before_point = len(digits) + scale
        if digits_before_point > _MAX_DIGITS:
            raise _too_large(text)
        if scale < -MAX_NUMBER_CHARS:
            raise ValueError(
                f"expected a decimal with at most {MAX_NUMBER_CHARS} digits after "
                f"the point; found {text[:20]}{'...' if len(text) > 20 else ''}"
            )
        if scale >= 0:
            value = int(digits) * 10**scale
        else:
            value = _whole_if_possible(Fraction(int(digits), 10**-scale))
    if digits_before_point >= _MAX_DIGITS - 1:
        try:
            float(value)
        except OverflowError:
            raise _too_large(text) from None
    return -value if sign == "-" else value


def _whole_if_possible(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value


def _too_large(text: str) -> ValueError:
    return ValueError(
        "expected a number that fits in a float64 (at most about 1.8e308 in "
        f"absolute value); found {text[:20]}{'...' if len(text) > 20 else ''}"
    )


def exact_text(value) -> str:
    """An exact number as text that :func:`exact_number` reads back: ``p/q``,
    or ``me-k`` when that is shorter (a denominator of 2s and 5s only, at
    most 400 decimal places: ``1e-400``).

    Examples
    --------
    >>> exact_text(Fraction(3, 4)), exact_text(Fraction(1, 10**30)), exact_text(7)
    ('3/4', '1e-30', '7')
    """
    value = Fraction(value)
    p, q = value.numerator, value.denominator
    if q == 1:
        return str(p)
    text = f"{p}/{q}"
    twos = (q & -q).bit_length() - 1
    rest, fives = q >> twos, 0
    while rest % 5 == 0 and fives <= MAX_NUMBER_CHARS:
        rest //= 5
        fives += 1
    places = max(twos, fives)
    if rest == 1 and places <= MAX_NUMBER_CHARS:
        digits = p * 2 ** (places - twos) * 5 ** (places - fives)
        decimal = f"{digits}e-{places}"
        if len(decimal) < len(text):
            return decimal
    return text
