"""Games of perfect information played in stages: a tree of moves.

A :class:`SequentialGame` is a plain recursive structure of nodes:

- :class:`Terminal` -- the end of play, with one payoff per player;
- :class:`Decision` -- one player picks one of finitely many labelled moves;
- :class:`Chance` -- nature picks a move with given probabilities;
- :class:`ContinuousDecision` -- one player picks a real number from an
  interval; ``child(x)`` builds the rest of the tree (a leader's quantity, a
  government's subsidy);
- :class:`SimultaneousMove` -- several players pick real numbers at once and
  ``child(actions)`` builds the rest (firms competing in quantities after a
  policy stage). Every earlier move is observed, so the game is one of
  *almost* perfect information and backward induction still applies, each
  simultaneous stage being solved for a Nash equilibrium.

Finite trees (decisions, chance and terminals only) convert to their strategic
form with :meth:`SequentialGame.to_normal_form`. The subgame-perfect
equilibrium is found by :func:`stratgame.solve` (backward induction,
:mod:`stratgame.solvers.backward_induction`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np

from .._validation import check_integer
from ..exceptions import InvalidGameError, InvalidProfileError
from .normal_form import NormalFormGame

__all__ = [
    "Chance",
    "ContinuousDecision",
    "Decision",
    "SequentialGame",
    "SimultaneousMove",
    "Terminal",
]

_PROBABILITY_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Terminal:
    """The end of play: ``payoffs`` holds one number per player."""

    payoffs: Sequence[float]


@dataclass(frozen=True, eq=False)
class Decision:
    """``player`` (index or label) picks one of the labelled ``children``."""

    player: int | str
    children: Mapping[str, object]


@dataclass(frozen=True, eq=False)
class Chance:
    """Nature picks child ``k`` with probability ``probabilities[k]``."""

    children: Mapping[str, object]
    probabilities: Mapping[str, float]


@dataclass(frozen=True, eq=False)
class ContinuousDecision:
    """``player`` picks ``x`` in ``bounds = (low, high)``; play continues at
    ``child(x)``."""

    player: int | str
    bounds: tuple[float, float]
    child: Callable[[float], object]


@dataclass(frozen=True, eq=False)
class SimultaneousMove:
    """``players`` pick numbers in their ``bounds`` at the same time; play
    continues at ``child(actions)`` (a tuple of floats, one per mover)."""

    players: Sequence[int | str]
    bounds: Sequence[tuple[float, float]]
    child: Callable[[tuple], object]


_NODE_TYPES = (Terminal, Decision, Chance, ContinuousDecision, SimultaneousMove)


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _interval(bounds, where: str) -> tuple[float, float]:
    if (
        not isinstance(bounds, Sequence)
        or len(bounds) != 2
        or not all(_is_real(b) for b in bounds)
        or not all(math.isfinite(b) for b in bounds)
        or bounds[0] >= bounds[1]
    ):
        raise InvalidGameError(
            f"{where}: bounds must be a finite pair (low, high) with low < high; "
            f"got {bounds!r}."
        )
    return float(bounds[0]), float(bounds[1])


def _check_plan(plan, owner: str) -> None:
    if not isinstance(plan, Mapping):
        raise InvalidProfileError(
            f"{owner} needs a plan: a mapping from decision-node paths (tuples of "
            f"moves) to moves; got {plan!r}."
        )


class SequentialGame:
    """A game tree of perfect information, optionally with chance moves,
    continuous choices and simultaneous stages.

    Parameters
    ----------
    root : node
        The first node: a :class:`Decision`, :class:`Chance`,
        :class:`ContinuousDecision`, :class:`SimultaneousMove` or
        :class:`Terminal`.
    players : sequence of str
        Player labels; nodes name their players by index or by label.
    title : str, optional

    Raises
    ------
    InvalidGameError
        For an unknown node type, an unknown player, a terminal with the wrong
        number of payoffs or non-finite payoffs, a decision without moves, or
        chance probabilities that are not a distribution. Nodes built later by
        ``child`` functions are checked when they are built.

    Examples
    --------
    Entry deterrence: an entrant stays out (0, 2) or enters; the incumbent then
    fights (-1, -1) or accommodates (1, 1).

    >>> import stratgame as sg
    >>> from stratgame.games import SequentialGame, Decision, Terminal
    >>> g = SequentialGame(
    ...     Decision("Entrant", {
    ...         "out": Terminal((0, 2)),
    ...         "enter": Decision("Incumbent", {"fight": Terminal((-1, -1)),
    ...                                         "accommodate": Terminal((1, 1))})}),
    ...     players=("Entrant", "Incumbent"))
    >>> spe = sg.solve(g).equilibria[0]
    >>> spe.path, spe.payoffs
    (('enter', 'accommodate'), array([1., 1.]))
    >>> g.to_normal_form().shape
    (2, 2)
    """

    def __init__(self, root, players, title: str = ""):
        if isinstance(players, str) or not isinstance(players, Sequence):
            raise InvalidGameError(
                f"players must be a sequence of labels; got {players!r}."
            )
        self._players = tuple(str(p) for p in players)
        if not self._players or len(set(self._players)) != len(self._players):
            raise InvalidGameError(
                f"players must be one or more distinct labels; got {self._players!r}."
            )
        self.root = root
        self.title = str(title)
        self._finite = self._check_tree(root, ())

    # ------------------------------------------------------------- structure
    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def is_finite(self) -> bool:
        """True when the tree has only decisions, chance moves and terminals
        (no continuous or simultaneous stages)."""
        return self._finite

    def player_index(self, player) -> int:
        """The index of ``player`` given as an index or a label."""
        if isinstance(player, str):
            if player in self._players:
                return self._players.index(player)
        elif isinstance(player, numbers.Integral) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
        raise InvalidGameError(
            f"unknown player {player!r}; the players are {self._players!r} "
            f"(indices 0..{self.n_players - 1})."
        )

    def check_node(self, node, path: tuple = ()) -> None:
        """Check one node (not its subtree): its type, players and numbers.

        Solvers call this on nodes that ``child`` functions build.
        """
        where = f"node at path {path!r}"
        if not isinstance(node, _NODE_TYPES):
            raise InvalidGameError(
                f"{where}: expected a Terminal, Decision, Chance, ContinuousDecision "
                f"or SimultaneousMove; got {type(node).__name__}."
            )
        if isinstance(node, Terminal):
            try:
                values = np.asarray(node.payoffs, dtype=np.float64).reshape(-1)
            except (TypeError, ValueError):
                values = np.array([np.nan])
            if values.shape[0] != self.n_players or not np.all(np.isfinite(values)):
                raise InvalidGameError(
                    f"{where}: a terminal needs {self.n_players} finite payoffs; "
                    f"got {node.payoffs!r}."
                )
        elif isinstance(node, Decision | Chance):
            if not isinstance(node.children, Mapping) or not node.children:
                raise InvalidGameError(
                    f"{where}: children must be a non-empty mapping from move "
                    f"labels to nodes; got {node.children!r}."
                )
            if isinstance(node, Decision):
                self.player_index(node.player)
            else:
                self._check_chance(node, where)
        elif isinstance(node, ContinuousDecision):
            self.player_index(node.player)
            _interval(node.bounds, where)
        else:
            movers = [self.player_index(p) for p in node.players]
            if not movers or len(set(movers)) != len(movers):
                raise InvalidGameError(
                    f"{where}: a simultaneous move needs distinct players; got "
                    f"{node.players!r}."
                )
            if len(node.bounds) != len(movers):
                raise InvalidGameError(
                    f"{where}: one (low, high) pair per mover is needed; got "
                    f"{len(node.bounds)} for {len(movers)} movers."
                )
            for b in node.bounds:
                _interval(b, where)

    @staticmethod
    def _check_chance(node: Chance, where: str) -> None:
        probs = node.probabilities
        if not isinstance(probs, Mapping) or set(probs) != set(node.children):
            raise InvalidGameError(
                f"{where}: probabilities must map each move "
                f"{sorted(node.children)!r} to a probability; got {probs!r}."
            )
        values = list(probs.values())
        if (
            not all(_is_real(v) and math.isfinite(v) for v in values)
            or min(values) < 0
            or abs(sum(values) - 1) > _PROBABILITY_TOL
        ):
            raise InvalidGameError(
                f"{where}: chance probabilities must be >= 0 and sum to 1; got "
                f"{dict(probs)!r}."
            )

    def _check_tree(self, node, path: tuple) -> bool:
        """Check the explicit part of the tree; True when it is all finite."""
        self.check_node(node, path)
        if isinstance(node, Decision | Chance):
            return all(
                self._check_tree(child, (*path, move))
                for move, child in node.children.items()
            )
        return isinstance(node, Terminal)

    def _require_finite(self, what: str) -> None:
        if not self._finite:
            raise InvalidGameError(
                f"{what} needs a finite tree (decisions, chance moves and "
                "terminals only); this game has continuous or simultaneous stages."
            )

    def decision_paths(self, player) -> list[tuple]:
        """The paths (tuples of move labels from the root) of ``player``'s
        decision nodes in a finite tree, in depth-first order."""
        self._require_finite("decision_paths")
        index = self.player_index(player)
        out = []

        def walk(node, path):
            if isinstance(node, Decision) and self.player_index(node.player) == index:
                out.append(path)
            if isinstance(node, Decision | Chance):
                for move, child in node.children.items():
                    walk(child, (*path, move))

        walk(self.root, ())
        return out

    def node_at(self, path) -> object:
        """The node reached from the root by the moves in ``path``."""
        node = self.root
        for move in path:
            if not isinstance(node, Decision | Chance) or move not in node.children:
                raise InvalidProfileError(f"no move {move!r} on the path {path!r}.")
            node = node.children[move]
        return node

    # ------------------------------------------------------- strategic form
    def outcome(self, plan: Mapping) -> np.ndarray:
        """Expected payoffs when every decision node at path ``p`` plays
        ``plan[p]`` (chance moves averaged), in a finite tree."""
        self._require_finite("outcome")
        _check_plan(plan, "outcome")

        def value(node, path):
            if isinstance(node, Terminal):
                return np.asarray(node.payoffs, dtype=np.float64)
            if isinstance(node, Chance):
                return sum(
                    float(node.probabilities[m]) * value(c, (*path, m))
                    for m, c in node.children.items()
                )
            move = plan.get(path)
            if move not in node.children:
                raise InvalidProfileError(
                    f"the plan must pick one of {list(node.children)!r} at the "
                    f"decision node {path!r}; got {move!r}."
                )
            return value(node.children[move], (*path, move))

        return value(self.root, ())

    def strategy_label(self, player, plan: Mapping) -> str:
        """The label, in :meth:`to_normal_form`, of ``player``'s pure strategy
        that plays ``plan[p]`` at each of its decision nodes ``p``."""
        paths = self.decision_paths(player)
        _check_plan(plan, "strategy_label")
        missing = [p for p in paths if p not in plan]
        if missing:
            raise InvalidProfileError(
                f"strategy_label: the plan has no move for player {player!r}'s "
                f"decision node {missing[0]!r}."
            )
        if not paths:
            return "-"
        return "/".join(str(plan[p]) for p in paths)

    def to_normal_form(self, max_cells: int = 1_000_000) -> NormalFormGame:
        """The strategic form: a pure strategy picks a move at each of the
        player's decision nodes (labels ``"move1/move2/..."`` in depth-first
        order of the nodes; ``"-"`` for a player without moves). Payoffs are
        expected over chance moves.

        Raises
        ------
        InvalidGameError
            For a tree with continuous or simultaneous stages, or when the
            table would have more than ``max_cells`` profiles.
        InvalidParameterError
            For ``max_cells < 1``.
        """
        max_cells = check_integer(
            max_cells, "max_cells", "SequentialGame.to_normal_form", low=1
        )
        self._require_finite("to_normal_form")
        paths = [self.decision_paths(i) for i in range(self.n_players)]
        choices = [
            [list(self.node_at(p).children) for p in player_paths]
            for player_paths in paths
        ]
        # count before listing: one player's strategies alone can be too many
        shape = tuple(math.prod(len(c) for c in player) for player in choices)
        if math.prod(shape) > max_cells:
            raise InvalidGameError(
                f"the strategic form would have {math.prod(shape)} profiles "
                f"(shape {shape}), more than max_cells={max_cells}."
            )
        strategies = [list(product(*c)) for c in choices]
        arrays = [np.empty(shape) for _ in range(self.n_players)]
        for index in np.ndindex(*shape):
            plan = {}
            for i, k in enumerate(index):
                plan.update(zip(paths[i], strategies[i][k], strict=True))
            values = self.outcome(plan)
            for i in range(self.n_players):
                arrays[i][index] = values[i]
        labels = [
            tuple("/".join(map(str, s)) if s else "-" for s in player_strategies)
            for player_strategies in strategies
        ]
        return NormalFormGame(
            arrays, players=self._players, actions=labels, title=self.title
        )

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        kind = "finite" if self._finite else "with continuous stages"
        return f"SequentialGame({title}players={self._players!r}, {kind})"
