"""The output of ``stratgame solve``: a table with the player and action
labels, or JSON."""

from __future__ import annotations

import json

from .._display import label as _label
from .._display import number as _number

__all__ = ["_json_text", "_table"]


def _exact_profile(game, equilibrium):
    if equilibrium.exact is None or not game.is_exact:
        return None
    return [list(s) for s in equilibrium.exact]


def _strategy_text(actions, probabilities, support) -> str:
    """The played actions (the support), with their probabilities if mixed."""
    if len(support) == 1:
        return _label(actions[support[0]])
    return ", ".join(
        f"{_label(actions[k])} {_number(probabilities[k])}" for k in support
    )


def _kind_word(result) -> str:
    """What the count counts, so that "4 pure equilibria, complete" is never
    read as all of them: ``"pure "``, ``"extreme "``, ``"isolated "`` or
    nothing (one equilibrium, or a sample)."""
    from ..solvers.registry import SOLVERS

    kind = result.details.get("kind")
    if kind is None and result.method in SOLVERS:
        kind = SOLVERS[result.method].finds
    return f"{kind} " if kind in ("pure", "extreme", "isolated") else ""


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _count_text(result) -> str:
    """How many equilibria, and of what kind: ``"4 pure equilibria"``; with
    continua, ``"1 isolated equilibrium and 1 continuum (sampled at
    equilibria 2-13)"``, so that sample points are never counted as isolated
    equilibria."""
    count = len(result.equilibria)
    continua = result.details.get("continua") or []
    if not continua:
        return _plural(
            count, f"{_kind_word(result)}equilibrium", f"{_kind_word(result)}equilibria"
        )
    isolated = len(result.details.get("isolated", ()))
    samples = []
    for continuum in continua:
        members = [k + 1 for k in continuum.get("equilibria", ())]
        if not members:
            continue
        span = (
            f"{members[0]}-{members[-1]}"
            if members == list(range(members[0], members[-1] + 1)) and len(members) > 1
            else ", ".join(map(str, members))
        )
        samples.append(span)
    text = _plural(isolated, "isolated equilibrium", "isolated equilibria")
    text += " and " + _plural(len(continua), "continuum", "continua")
    if samples:
        text += f" (sampled at equilibria {'; '.join(samples)})"
    return text


def _table(game, result) -> str:
    count = len(result.equilibria)
    lines = [_label(game.title)] if game.title else []
    status = ", complete" if result.complete else ""
    status += "" if result.converged else ", not converged"
    lines.append(
        f"{game.n_players} player{'s' if game.n_players != 1 else ''} "
        f"({'x'.join(map(str, game.shape))}), method {result.method!r}: "
        f"{_count_text(result)}{status}"
    )
    if "auto" in result.details:  # why auto did not enumerate completely
        lines.append(f"note: {result.details['auto']}")
    if not count:
        return "\n".join(lines)
    rows = [("eq", "player", "strategy", "payoff", "regret")]
    for number, equilibrium in enumerate(result.equilibria, start=1):
        exact = _exact_profile(game, equilibrium)
        if exact is None:
            strategies = equilibrium.strategies
            payoffs = [float(p) for p in equilibrium.payoffs]
            regret = _number(equilibrium.regret, 3)
        else:
            strategies = exact
            payoffs = list(game.expected_payoffs(exact))
            regret = _number(max(game.regret(exact)))
        for i, player in enumerate(game.players):
            rows.append(
                (
                    str(number) if i == 0 else "",
                    _label(player),
                    _strategy_text(
                        game.actions[i], strategies[i], equilibrium.support[i]
                    ),
                    _number(payoffs[i]),
                    regret if i == 0 else "",
                )
            )
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines.append("")
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


def _json_text(game, result) -> str:
    data = {
        "title": game.title,
        "players": list(game.players),
        "actions": [list(a) for a in game.actions],
        **result.to_dict(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False)
