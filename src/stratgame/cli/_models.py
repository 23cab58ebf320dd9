"""``stratgame models``: each model with a line of description and its
parameters; ``stratgame models MODEL``: one model's parameters explained, from
the numpydoc Parameters section of its docstring."""

from __future__ import annotations

import difflib
import inspect
import numbers
import re
import textwrap
from fractions import Fraction

from ._common import _CommandError

__all__ = [
    "_docstring_parts",
    "_is_number",
    "_model_text",
    "_models_text",
    "_unknown_model",
]


def _plain(text: str) -> str:
    """Docstring text for a terminal: one line, without reST markup."""
    text = re.sub(r":\w+:`~?([^`]*)`", r"\1", " ".join(text.split()))
    return re.sub(r"``?([^`]*)``?", r"\1", text)


def _docstring_parts(model) -> tuple[str, dict[str, tuple[str, str]]]:
    """A model's summary (its docstring's first paragraph) and the entries
    of its numpydoc Parameters section, ``{name: (type, meaning)}``."""
    doc = inspect.getdoc(model) or ""
    summary = _plain(doc.split("\n\n", 1)[0])
    lines = doc.splitlines()
    entries: dict[str, tuple[str, str]] = {}
    for start in range(len(lines) - 1):
        if lines[start].strip() == "Parameters" and lines[start + 1].startswith("--"):
            break
    else:
        return summary, entries
    names, kind, meaning = [], "", []
    body = lines[start + 2 :]
    for k, line in enumerate([*body, "end"]):  # "end": stores the last entry
        if not line or line.startswith(" "):
            meaning.append(line)
            continue
        for name in names:
            entries[name] = (kind, _plain("\n".join(meaning)))
        entry = re.fullmatch(r"(\w+(?:, \w+)*)(?: : (.*))?", line)
        section = k + 1 < len(body) and body[k + 1].startswith("--")
        if entry is None or section or k >= len(body):
            break  # a paragraph, the next section or the end
        names, kind, meaning = entry[1].split(", "), entry[2] or "", []
    return summary, entries


def _wrapped(text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        text,
        width=79,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )


def _shown(value) -> str:
    return str(value) if isinstance(value, Fraction) else repr(value)


def _signature_lines(name: str, parameters: dict) -> list[str]:
    """``name(a=1, b=2, ...)`` on lines of at most 79 characters, broken
    between parameters only."""
    items = [f"{k}={_shown(v)}" for k, v in parameters.items()]
    lines, line = [], f"{name}("
    for k, item in enumerate(items):
        item += ")" if k == len(items) - 1 else ","
        if len(line) + len(item) + 1 > 79 and not line.endswith("("):
            lines.append(line)
            line = " " * (len(name) + 1) + item
        else:
            line += ("" if line.endswith("(") else " ") + item
    return [*lines, line + ("" if items else ")")]


def _models_text() -> str:
    from ..models import MODELS, model_parameters

    lines = []
    for name in sorted(MODELS):
        lines += _signature_lines(name, model_parameters(name))
        lines += _wrapped(_docstring_parts(MODELS[name])[0], 4)
    lines += ["", "`stratgame models MODEL` explains a model's parameters."]
    return "\n".join(lines)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _model_text(name: str) -> str:
    from ..models import MODELS, model_parameters

    model = MODELS.get(name)
    if model is None:
        raise _CommandError(_unknown_model(name, MODELS))
    summary, entries = _docstring_parts(model)
    lines = [name, *_wrapped(summary, 4)]
    source = getattr(model, "source", "")
    if source:
        lines += _wrapped(f"source: {_plain(source)}", 4)
    parameters = model_parameters(name)
    lines += ["", "parameters (default):" if parameters else "no parameters"]
    for parameter, default in parameters.items():
        kind, meaning = entries.get(parameter, ("", ""))
        kind = f"  ({kind})" if kind else ""
        lines += [f"  {parameter} = {_shown(default)}{kind}", *_wrapped(meaning, 6)]
    scalar = [p for p, v in parameters.items() if _is_number(v)]
    pairs = [
        p
        for p, v in parameters.items()
        if isinstance(v, tuple) and v and all(map(_is_number, v))
    ]
    lines.append("")
    if scalar:
        lines.append(f"sweep: stratgame sweep {name} --grid {scalar[0]}=lo:hi:n")
    if pairs:
        lines += _wrapped(
            f"one component: --grid '{pairs[0]}[0]=lo:hi:n' (the other "
            "components keep their default)",
            0,
        )
    return "\n".join(lines).rstrip()


def _unknown_model(name: str, models) -> str:
    close = difflib.get_close_matches(name, list(models), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown model {name!r}{hint} (`stratgame models` lists them)"
