"""Numbers, labels and strategies as people read them.

Display only: the data (arrays, ``to_dict`` values) keep full precision. A
float is shown with six significant digits after the rounding noise of
floating-point arithmetic is dropped (``0.6000000000000001`` reads ``0.6``,
a regret of ``3.6e-15`` reads ``0``); ints and Fractions are shown exactly.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

__all__ = [
    "ExactArray",
    "by_player",
    "exact_array",
    "label",
    "labelled_strategy",
    "names",
    "number",
    "plural",
    "strategies_repr",
    "strategy_text",
    "tidy",
]

#: Probabilities at or below this are not shown as part of a strategy.
SUPPORT_TOL = 1e-12


def number(value, digits: int = 6) -> str:
    """``value`` for display: exact for ints and Fractions, rounded for floats.

    Examples
    --------
    >>> number(0.6000000000000001), number(3.6e-15), number(-1e-17)
    ('0.6', '0', '0')
    >>> number(Fraction(2, 3)), number(12345678), number(1e-7)
    ('2/3', '12345678', '1e-07')
    >>> number(Fraction(10**30 + 1, 3 * 10**30))  # too long to read: rounded
    '0.333333'
    >>> number(Fraction(-(10**400), 3))
    '-~1e399'
    """
    if isinstance(value, Fraction):
        text = str(value)
        if len(text) <= 24:
            return text
        if abs(value) > 1e300:  # beyond what a float shows
            return f"{'-' if value < 0 else ''}~1e{len(str(abs(int(value)))) - 1}"
        return number(float(value), digits)
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return str(int(value))
    value = float(value)
    if np.isfinite(value) and abs(value) < 1e-12:
        return "0"
    return f"{value:.{digits}g}"


class ExactArray(np.ndarray):
    """An array of exact numbers (ints and Fractions, dtype ``object``) that
    prints them as numbers: ``[2 2/3]``, not ``[Fraction(2, 1) Fraction(2, 3)]``.

    Only the display differs from a plain ndarray: the entries are the same
    exact values, and arithmetic works as on any object array.

    Examples
    --------
    >>> values = exact_array([Fraction(2), Fraction(2, 3)])
    >>> values
    ExactArray([2, 2/3])
    >>> print(values)
    [2 2/3]
    >>> values[1]
    Fraction(2, 3)
    """

    def __repr__(self) -> str:
        if self.dtype != object:
            return repr(self.view(np.ndarray))
        body = np.array2string(
            self.view(np.ndarray),
            separator=", ",
            prefix="ExactArray(",
            formatter={"object": str},
        )
        return f"ExactArray({body})"

    def __str__(self) -> str:
        if self.dtype != object:
            return str(self.view(np.ndarray))
        return np.array2string(self.view(np.ndarray), formatter={"object": str})


def exact_array(values) -> np.ndarray:
    """``values`` as an array: an :class:`ExactArray` when its entries are
    exact (object dtype), else the plain float array.

    Examples
    --------
    >>> exact_array([0.5, 1.0])
    array([0.5, 1. ])
    """
    arr = np.asarray(values)
    return arr.view(ExactArray) if arr.dtype == object else arr


def tidy(value: float) -> float:
    """A float with the noise of its last bits rounded away (15 significant
    digits), for output meant to be read, such as labelled JSON.

    Examples
    --------
    >>> tidy(0.49999999999999994), tidy(0.1 + 0.2), tidy(1 / 3)
    (0.5, 0.3, 0.333333333333333)
    """
    value = float(value)
    return float(f"{value:.15g}") if np.isfinite(value) else value


def label(text: str) -> str:
    """A label as printed: itself, or its repr when empty or unprintable.

    Examples
    --------
    >>> label("US"), label(""), label("a\\nb")
    ('US', "''", "'a\\\\nb'")
    """
    return text if text and text.isprintable() else repr(text)


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``"1 equilibrium"``, ``"2 equilibria"``.

    Examples
    --------
    >>> plural(1, "equilibrium", "equilibria"), plural(0, "point")
    ('1 equilibrium', '0 points')
    """
    many = many if many is not None else singular + "s"
    return f"{count} {singular if count == 1 else many}"


def _support(probabilities) -> list[int]:
    return [
        k
        for k, p in enumerate(probabilities)
        if (p != 0 if isinstance(p, Fraction) else float(p) > SUPPORT_TOL)
    ]


def strategy_text(actions, probabilities) -> str:
    """The actions played, with their probabilities when mixed.

    Examples
    --------
    >>> strategy_text(("safe", "race"), [0.0, 1.0])
    'race'
    >>> strategy_text(("U", "M", "D"), [Fraction(1, 3), 0, Fraction(2, 3)])
    'U 1/3, D 2/3'
    """
    support = _support(probabilities)
    if len(support) == 1:
        return label(actions[support[0]])
    return ", ".join(f"{label(actions[k])} {number(probabilities[k])}" for k in support)


def labelled_strategy(actions, probabilities) -> dict:
    """``{action: probability}`` over the actions played, tidied for reading
    (exact values as ints, or strings such as ``"1/3"``).

    Examples
    --------
    >>> labelled_strategy(("U", "D"), [0.49999999999999994, 0.5])
    {'U': 0.5, 'D': 0.5}
    """
    return {actions[k]: _readable(probabilities[k]) for k in _support(probabilities)}


def _readable(value):
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else str(value)
    return tidy(value)


def names(game, shape) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """``(players, actions)``: the labels of ``game``, or numbers (from 0)
    when there is no game to take them from.

    Examples
    --------
    >>> names(None, (2, 3))
    (('0', '1'), (('0', '1'), ('0', '1', '2')))
    """
    players = getattr(game, "players", None)
    actions = getattr(game, "actions", None)
    if players is not None and actions is not None:
        return tuple(players), tuple(tuple(a) for a in actions)
    return (
        tuple(str(i) for i in range(len(shape))),
        tuple(tuple(str(k) for k in range(n)) for n in shape),
    )


def by_player(players, values) -> str:
    """``{'US': 1, 'China': 0.5}``: one number per player, for a repr.

    Examples
    --------
    >>> by_player(("US", "China"), [1.0, 0.30000000000000004])
    "{'US': 1, 'China': 0.3}"
    """
    inner = ", ".join(
        f"{player!r}: {number(v)}" for player, v in zip(players, values, strict=True)
    )
    return "{" + inner + "}"


def strategies_repr(players, actions, strategies) -> str:
    """Each player's strategy by label, for a repr: the action's label when
    pure, ``{action: probability}`` over the support when mixed.

    Examples
    --------
    >>> strategies_repr(("A", "B"), (("x", "y"), ("u", "v")), [[1, 0], [0.25, 0.75]])
    "{'A': 'x', 'B': {'u': 0.25, 'v': 0.75}}"
    """
    parts = []
    for player, names_, strategy in zip(players, actions, strategies, strict=True):
        support = _support(strategy)
        if len(support) == 1:
            parts.append(f"{player!r}: {names_[support[0]]!r}")
        else:
            inner = ", ".join(f"{names_[k]!r}: {number(strategy[k])}" for k in support)
            parts.append(f"{player!r}: {{{inner}}}")
    return "{" + ", ".join(parts) + "}"
