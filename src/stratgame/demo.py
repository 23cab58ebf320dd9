"""The flagship demo: the essay's claims about the AI race -- a compute lead
is temporary, adoption speed beats model size, export controls are
answered by open weights, open weights commoditize the complement --
computed as outcomes of games rather than assumed.

Run with ``make demo``, ``stratgame demo [--out DIR]`` or
``python examples/ai_race_demo.py``. Each claim is told with the
computation behind it, in plain words, with the conditions under which it
holds and those under which it fails; when matplotlib and pandas are
installed, a regime map over the two parameters that matter most for each
claim is saved to ``./out/``. Every number comes from a model of
:mod:`stratgame.models` with illustrative parameters: the models are real
(from the literature, their equilibria certified by the solvers), the
numbers are not estimates from data.

Each map names its regions in one vocabulary: the model's own labels where
it has them (:meth:`~stratgame.models.OpennessGame.classify`, the coalitions
of :meth:`~stratgame.models.ExportControlGame.coalition`, the lead and
market statistics of the dynamic races), computed in this module from the
equilibria that :func:`stratgame.analysis.regime_map` finds at each point.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import textwrap
import warnings
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from scipy.linalg import LinAlgWarning

import stratgame as sg
from stratgame.analysis import RegimeMap
from stratgame.exceptions import SolverError
from stratgame.models import (
    DynamicAdoptionRace,
    DynamicComputeRace,
    ExportControlGame,
    LayerOwnership,
    OpennessGame,
    OpenVsClosed,
)
from stratgame.solvers.stochastic import solve_stochastic

__all__ = ["main"]


@dataclasses.dataclass(frozen=True)
class Grids:
    """The grids of the regime maps. The tables in the text use points on
    them, so that every game is solved once."""

    spillovers: tuple
    controls: tuple
    switching: tuple
    network: tuple
    #: (switching cost, network effect) of the adoption table.
    lock_in: tuple
    #: The incumbent's qualities of the adoption table (the entrant's is 1).
    qualities: tuple
    leakage: tuple
    quality_gaps: tuple
    expansions: tuple
    #: Licensing steps of 0.5 (1 when quick) miss the ties at 8/3 and 16/3.
    licensing: tuple
    bisection_steps: int

    @classmethod
    def for_run(cls) -> Grids:
        """Coarse grids when ``STRATGAME_QUICK=1`` (set by the test suite),
        read at each run."""
        if os.environ.get("STRATGAME_QUICK") == "1":
            return cls(
                spillovers=(0.0, 0.1, 0.2, 0.4),
                controls=(0.0, 1.0),
                switching=(0.0, 2.0),
                network=(0.0, 1.0),
                lock_in=((0.0, 0.0), (2.0, 0.0), (2.0, 1.0)),
                qualities=(1.1, 1.3),
                leakage=_steps(0, 1, 6),
                quality_gaps=_steps(0, 4, 9),
                expansions=_steps(0, 2, 5),
                licensing=_steps(0, 8, 9),
                bisection_steps=6,
            )
        return cls(
            spillovers=(0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0),
            controls=(0.0, 0.5, 1.0, 2.0),
            switching=(0.0, 0.5, 1.0, 1.5, 2.0),
            network=(0.0, 0.25, 0.5, 0.75, 1.0),
            lock_in=((0.0, 0.0), (1.0, 0.5), (2.0, 0.0), (2.0, 1.0)),
            qualities=(1.0, 1.1, 1.3),
            leakage=_steps(0, 1, 21),
            quality_gaps=_steps(0, 4, 33),
            expansions=_steps(0, 2, 17),
            licensing=_steps(0, 8, 17),
            bisection_steps=10,
        )


def _steps(low: float, high: float, n: int) -> tuple:
    return tuple(float(v) for v in np.linspace(low, high, n).round(3))


TEMPORARY, PERSISTENT = 10.0, 30.0  # periods a lead lasts on average
FAST, LOCKED = 20.0, 500.0  # periods until the entrant first overtakes
HORIZON = 40  # periods: the adoption race is read after this many
UNSOLVED = "no certified equilibrium found"


def section(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")


def say(text: str) -> None:
    """Print prose wrapped to 78 columns (a leading newline: a blank line
    before it)."""
    if text.startswith("\n"):
        print()
    print(textwrap.fill(" ".join(text.split()), width=78, break_on_hyphens=False))


def table(headers, rows) -> None:
    """Print rows under headers, each column as wide as its widest cell."""
    cells = [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(len(row[k]) for row in cells) for k in range(len(headers))]
    for k, row in enumerate(cells):
        print("  " + "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths))


def periods(value: float) -> str:
    return "never" if not np.isfinite(value) else f"{value:,.0f}"


# ------------------------------------------------------------ solving once
class Solved:
    """Every model solved once by ``solve``: the tables of the text and the
    regime maps share the equilibria (models are frozen, hence hashable).

    A point without a certified equilibrium keeps the solver's error, raised
    again whenever it is asked for.
    """

    def __init__(self, solve):
        self._solve = solve
        self._by_model: dict = {}
        self._by_game: dict = {}

    def __call__(self, model) -> tuple:
        """``(game, equilibria)`` of ``model``."""
        if model not in self._by_model:
            game = model.game()
            try:
                with warnings.catch_warnings():
                    # the stochastic solver meets singular Jacobians on its way
                    # and handles them; its answers are certified
                    warnings.simplefilter("ignore", LinAlgWarning)
                    outcome = list(self._solve(game).equilibria)
            except SolverError as error:
                outcome = error
            self._by_model[model] = (game, outcome)
            self._by_game[id(game)] = outcome
        game, outcome = self._by_model[model]
        if isinstance(outcome, Exception):
            raise outcome
        return game, outcome

    def game(self, model):
        """The game of ``model``, solved (for :func:`regime_map`'s builder)."""
        try:
            self(model)
        except SolverError:
            pass
        return self._by_model[model][0]

    def equilibria(self, game) -> list:
        """The equilibria of a game built by :meth:`game` (its ``solve``)."""
        outcome = self._by_game[id(game)]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def model_regimes(solved: Solved, build, x, y, label, order=()):
    """A regime map in the model's own words.

    :func:`stratgame.analysis.regime_map` runs the grid (the game built by
    ``build(**point)``, solved once by ``solved``); ``label(model,
    equilibria)`` names each point, :data:`UNSOLVED` where no equilibrium
    was certified. The legend follows ``order`` (the model's vocabulary),
    then any other label in order of appearance.
    """
    from stratgame.analysis import regime_map

    @functools.wraps(build)  # its signature: the grid's names, no rng
    def builder(**point):
        return solved.game(build(**point))

    regimes = regime_map(
        builder,
        x,
        y,
        solve=solved.equilibria,
        backend="serial",
        progress=False,
    )
    (x_name, x_values), (y_name, y_values) = x, y
    labels = np.empty(regimes.labels.shape, dtype=object)
    for i, y_value in enumerate(y_values):
        for j, x_value in enumerate(x_values):
            model = build(**{x_name: x_value, y_name: y_value})
            try:
                labels[i, j] = label(model, solved(model)[1])
            except SolverError:
                labels[i, j] = UNSOLVED
    fields = {f.name: getattr(regimes, f.name) for f in dataclasses.fields(regimes)}
    return OrderedRegimes(**{**fields, "labels": labels}, order=(*order, UNSOLVED))


@dataclasses.dataclass(frozen=True, eq=False)
class OrderedRegimes(RegimeMap):
    """A regime map whose legend follows a vocabulary's order."""

    order: tuple = ()

    def regimes(self) -> list[str]:
        present = super().regimes()
        return [r for r in self.order if r in present] + [
            r for r in present if r not in self.order
        ]


# ------------------------------------------------------ 1. the compute lead
LEAD_LABELS = (
    f"persistent: a lead lasts > {PERSISTENT:g} periods",
    f"a lead lasts {TEMPORARY:g}-{PERSISTENT:g} periods",
    f"temporary: a lead lasts < {TEMPORARY:g} periods",
)


def lead_label(duration: float) -> str:
    """The vocabulary of the compute-lead map (:data:`LEAD_LABELS`)."""
    if duration < TEMPORARY:
        return LEAD_LABELS[2]
    return LEAD_LABELS[1] if duration <= PERSISTENT else LEAD_LABELS[0]


def lead(model: DynamicComputeRace, solved: Solved) -> dict:
    game, (eq, *_) = solved(model)
    stats = model.lead_statistics(eq, game)
    stats["efforts"] = model.effort_by_gap(eq)
    return stats


def compute_lead(solved: Solved, grids: Grids) -> dict:
    section("1. Is a compute lead temporary?")
    base = DynamicComputeRace()
    say(
        "Two sides (US, China) climb a ladder of intelligent capital -- compute "
        "times model quality, each rung doubling it -- and split a prize each "
        "period by their stocks (a Tullock share). Each period each side "
        f"chooses how hard to invest (hold, or a chance of {base.efforts[1]:g} "
        f"or {base.efforts[2]:g} of climbing a rung, at a quadratic cost); "
        f"stocks slip a rung with probability {base.depreciation:g}; the side "
        "behind imitates the leader's frontier with probability h (spillover: "
        "open weights, papers, staff, distillation) and needs only 1 - h of the "
        "compute to catch up. Export controls multiply China's cost of compute "
        "by 1 + tau. How long a lead lasts is read from the Markov-perfect "
        "equilibrium (solved and certified), not assumed (Aghion, Harris, "
        "Howitt & Vickers 2001; Ericson & Pakes 1995)."
    )
    durations, ahead = {}, {}
    for tau in (0.0, 1.0):
        for h in grids.spillovers:
            stats = lead(base.replace(spillover=h, export_control=tau), solved)
            durations[h, tau] = stats["expected_lead_duration"]
            ahead[h, tau] = stats["leader_probability"][0]
    rows = [
        [
            f"{h:g}",
            periods(durations[h, 0.0]),
            f"{ahead[h, 0.0]:.0%}",
            periods(durations[h, 1.0]),
            f"{ahead[h, 1.0]:.0%}",
        ]
        for h in grids.spillovers
        if h in (0.0, 0.1, 0.2, 0.4, 1.0)
    ]
    table(
        [
            "spillover h",
            "lead lasts (periods)",
            "US ahead",
            "lead lasts, tau = 1",
            "US ahead, tau = 1",
        ],
        rows,
    )
    turns = {
        tau: min(
            (h for h in grids.spillovers if durations[h, tau] < TEMPORARY), default=None
        )
        for tau in (0.0, 1.0)
    }
    level = lead(base.replace(export_control=1.0), solved)["efforts"]["neck_and_neck"]
    free = durations[0.0, 0.0]
    say(
        f"In words: without spillover a lead lasts {free:.0f} periods on average "
        "(persistent):\nthe leader keeps investing harder than the laggard, who "
        "pays full price for\nevery rung. The lead turns temporary (under "
        f"{TEMPORARY:g} periods) from a spillover of\n"
        f"{_grid_value(turns[0.0])} on this grid: it is temporary because "
        "knowledge leaks, not because\nof time alone. Export controls that "
        "double China's cost of compute make\nthe US lead persistent where "
        f"spillover is low (the US is ahead {ahead[0.1, 1.0]:.0%} of the\n"
        f"time at h = 0.1; when level, the US invests at effort {level[0]:.1f} and "
        f"China at {level[1]:.1f}), and\nmove the point where the lead turns temporary "
        f"to a spillover of {_grid_value(turns[1.0])}:\nleakage is the "
        "follower's lever against controls. Where it fails: low\nspillover, "
        "or controls without leakage (and, in "
        "examples/dynamic_compute_race.py,\nimitation that saves no compute, "
        "where the laggard free-rides and leads last\nlonger)."
    )
    return {"free": free, "turns": turns}


def _grid_value(value) -> str:
    return "none on the grid" if value is None else f"{value:g}"


def compute_lead_map(solved: Solved, grids: Grids):
    def label(model, equilibria):
        stats = model.lead_statistics(equilibria[0])
        return lead_label(stats["expected_lead_duration"])

    regimes = model_regimes(
        solved,
        lambda spillover, export_control: DynamicComputeRace(
            spillover=spillover, export_control=export_control
        ),
        ("spillover", list(grids.spillovers)),
        ("export_control", list(grids.controls)),
        label,
        LEAD_LABELS,
    )
    return regimes, (
        "spillover h (laggard's imitation chance per period)",
        "export control tau (China's compute cost x (1 + tau))",
        "Is a compute lead temporary? (DynamicComputeRace)",
    )


# -------------------------------------------------------- 2. adoption race
RACE_LABELS = (
    f"speed wins: entrant overtakes in < {FAST:g} periods",
    f"entrant overtakes in {FAST:g}-{LOCKED:g} periods",
    f"lock-in: entrant overtakes after > {LOCKED:g} periods",
)


def race_label(time_to_overtake: float) -> str:
    """The vocabulary of the adoption map (:data:`RACE_LABELS`): the
    expected number of periods until the entrant's base first exceeds the
    incumbent's."""
    if time_to_overtake < FAST:
        return RACE_LABELS[0]
    return RACE_LABELS[1] if time_to_overtake <= LOCKED else RACE_LABELS[2]


def market(model: DynamicAdoptionRace, solved: Solved) -> dict:
    game, (eq, *_) = solved(model)
    return model.market_statistics(eq, game, horizon=HORIZON)


def adoption(solved: Solved, grids: Grids) -> None:
    section("2. Does adoption speed beat model size?")
    base = DynamicAdoptionRace()
    inc, ent = base.players
    say(
        f"An {inc} with the better model (worth {base.quality[0]:g} per "
        f"user-period against\n{base.quality[1]:g}) and a cheaper {ent} (serving "
        f"cost {base.serving_cost[1]:g} against {base.serving_cost[0]:g}) race "
        f"for one market of\n{base.market_units} cohorts of users; the {inc} "
        "starts with one. Each period each lab\nsets a price of 0.5 or 1, or "
        "plays open weights (free, no revenue, twice the\nword of mouth). Its "
        "price and openness set how fast it spreads (stochastic\nBass "
        "diffusion, logit choice); users switch at a switching cost and value\n"
        "a lab's network. Read from the Markov-perfect equilibrium:"
    )
    regimes = {}
    for k, nu in grids.lock_in:
        model = base.replace(switching_cost=k, network_effect=nu)
        regimes[k, nu] = solved_or_none(market, model, solved)
    table(
        [
            "switching k",
            "network nu",
            "periods to overtake",
            "entrant's long-run share",
            "its price",
            "open",
            "regime",
        ],
        [
            [f"{k:g}", f"{nu:g}", UNSOLVED, "", "", "", ""]
            if stats is None
            else [
                f"{k:g}",
                f"{nu:g}",
                periods(stats["time_to_overtake"]),
                f"{stats['long_run_share'][1]:.0%}",
                f"{stats['mean_price'][1]:.2f}",
                f"{stats['open_probability'][1]:.0%}",
                race_label(stats["time_to_overtake"]).split(":")[0],
            ]
            for (k, nu), stats in regimes.items()
        ],
    )
    edges = {
        q: solved_or_none(
            market,
            base.replace(quality=(q, 1.0), switching_cost=0.0, network_effect=0.0),
            solved,
        )
        for q in grids.qualities
    }
    print(f"\nWith free switching and no network effect, by the {inc}'s edge:")
    table(
        [f"{inc}'s quality edge", "periods to overtake", "entrant long-run share"],
        [
            [f"{q - 1:.0%}", UNSOLVED, ""]
            if stats is None
            else [
                f"{q - 1:.0%}",
                periods(stats["time_to_overtake"]),
                f"{stats['long_run_share'][1]:.0%}",
            ]
            for q, stats in edges.items()
        ],
    )
    free, edge, locked = regimes[0.0, 0.0], edges[1.3], regimes[2.0, 1.0]
    if free is None or edge is None or locked is None:
        print("In words: see the regime map; some races had no certified equilibrium.")
        return
    say(
        "In words: where users switch freely, the cheaper lab's price sets its\n"
        f"diffusion speed: it overtakes an {inc} with a 10% better model in "
        f"{free['time_to_overtake']:.0f}\nperiods on average and keeps "
        f"{free['long_run_share'][1]:.0%} of the adopted market in the long run "
        f"({edge['long_run_share'][1]:.0%} even against\na 30% better model): "
        "model size buys share, not the lead. Lock-in reverses\nit: with "
        f"switching cost 2 and network effect 1 the {inc}'s head start of one\n"
        f"cohort lasts {locked['time_to_overtake']:,.0f} periods on average, the "
        f"{ent}'s long-run share falls to\n{locked['long_run_share'][1]:.0%}, and "
        f"it plays open weights {locked['open_probability'][1]:.0%} of the time "
        "to keep up rather than to\nwin. Speed beats size where lock-in is weak; "
        "lock-in beats speed where it is\nstrong."
    )


def solved_or_none(statistics, model, solved: Solved):
    """``statistics(model, solved)``, or None without a certified
    equilibrium."""
    try:
        return statistics(model, solved)
    except SolverError:
        return None


def adoption_map(solved: Solved, grids: Grids):
    def label(model, equilibria):
        stats = model.market_statistics(equilibria[0], horizon=HORIZON)
        return race_label(stats["time_to_overtake"])

    regimes = model_regimes(
        solved,
        lambda switching_cost, network_effect: DynamicAdoptionRace(
            switching_cost=switching_cost, network_effect=network_effect
        ),
        ("switching_cost", list(grids.switching)),
        ("network_effect", list(grids.network)),
        label,
        RACE_LABELS,
    )
    return regimes, (
        "switching cost k (utility lost by switching)",
        "network effect nu (utility per unit share)",
        "Adoption speed or lock-in? (DynamicAdoptionRace)",
    )


# ------------------------------------------------------- 3. export controls
def coalitions_label(model: ExportControlGame, equilibria) -> str:
    """The stable coalitions of restrictors (pure equilibria), in words."""
    names = []
    for eq in equilibria:
        members = model.coalition(eq)
        if members is not None:
            names.append(
                "all three"
                if len(members) == len(model.suppliers)
                else " + ".join(members)
                if members
                else "none"
            )
    if not names:
        return "no stable coalition (mixed play only)"
    ordered = sorted(set(names), key=lambda n: (n == "none", n))
    return "stable: " + " or ".join(ordered)


def export_controls(pure: Solved, grids: Grids) -> None:
    section("3. Export controls, leakage and the open-weight counter")
    base = ExportControlGame()
    suppliers = ", ".join(base.suppliers)
    say(
        f"Three supplier nations ({suppliers}) each restrict or allow chip\n"
        f"exports to {base.target}, which makes "
        f"{1 - sum(base.market_share):.0%} of its compute at home and buys the "
        "rest\nfrom them "
        f"({', '.join(f'{m:.0%}' for m in base.market_share)}). Restriction "
        "leaks: a share kappa of blocked compute is\nrented through the cloud, "
        "and a share theta of the rest is re-exported through\nthe suppliers "
        f"that still sell. {base.target} answers with closed efficiency gains "
        f"({base.closed_efficiency:g})\nor open weights (a larger gain, "
        f"{base.open_efficiency:g}, of which the bloc adopts "
        f"{base.spillover:.0%}). A restrictor loses\nsales and suffers "
        "retaliation; every supplier values the bloc's lead. Stable\n"
        "coalitions are the restrictors of pure equilibria (d'Aspremont et al. "
        "1983)."
    )
    rows = []
    for kappa, theta in ((0.0, 0.0), (0.0, 0.6), (0.2, 0.0), (0.2, 0.3), (0.4, 0.3)):
        model = base.replace(cloud_access=kappa, third_country=theta)
        _, equilibria = pure(model)
        rows.append(
            [
                f"{kappa:g}",
                f"{theta:g}",
                f"{model.compute_access(base.suppliers):.2f}",
                coalitions_label(model, equilibria).removeprefix("stable: "),
            ]
        )
    table(
        [
            "cloud access kappa",
            "re-export theta",
            f"{base.target}'s compute, all restrict",
            "stable coalitions",
        ],
        rows,
    )
    # the target opens when (1 + e_o) / (1 + s e_o) > 1 + e_c (closed form)
    e_o, e_c = float(base.open_efficiency), float(base.closed_efficiency)
    open_limit = ((1 + e_o) / (1 + e_c) - 1) / e_o
    offsets = {
        name: base.offset_threshold(members)
        for name, members in (
            ("the Netherlands alone", ("Netherlands",)),
            ("the US alone", ("US",)),
            ("all three", base.suppliers),
        )
    }
    say(
        "In words: where little leaks, restricting together is stable; with some\n"
        "leakage so is not restricting at all (each member restricts only if the\n"
        "others do), and from there the bloc can be stuck in no controls.\n"
        "The grand coalition stays stable only while cloud access is below "
        f"{grand_coalition_limit(base, pure, grids.bisection_steps):.2f}\n(re-export "
        f"{base.third_country:g}): beyond it each member's restriction buys too "
        "little of the\nbloc's lead for the sales and retaliation it costs, and "
        "the coalition\nunravels to no controls."
    )
    say(
        f"\nThe open-weight counter leaves {base.target} at least as strong under "
        "controls as\nwith closed weights and no controls when the bloc adopts "
        "at most s* of the\nopen gain: "
        + "; ".join(
            f"against {name} s* = {s:.2f}" if s >= 0 else f"never against {name}"
            for name, s in offsets.items()
        )
        + f"\n(the bloc adopts {base.spillover:g}). Against the US alone it "
        "needs cloud access above "
        f"{offset_cloud_access(base, ('US',)):.2f}. Unlike the one-period\n"
        "contest, where only the ratio of compute price to efficiency matters, "
        "the\noffset is no identity: it holds against narrow or leaky controls "
        "and fails\nagainst broad ones and when the rival takes up the open "
        f"gains. From a spillover of {open_limit:.3f} on, {base.target} keeps its "
        "weights closed:\nthe gift to the rival outweighs its own gain."
    )


def grand_coalition_limit(base: ExportControlGame, pure: Solved, steps: int) -> float:
    """The cloud access above which restriction by every supplier is no
    longer a stable coalition (bisection on the equilibria; it is stable
    without cloud access at the defaults)."""

    def stable(cloud: float) -> bool:
        model = base.replace(cloud_access=cloud)
        return any(
            model.coalition(eq) == tuple(base.suppliers) for eq in pure(model)[1]
        )

    low, high = 0.0, 1.0
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (middle, high) if stable(middle) else (low, middle)
    return (low + high) / 2


def offset_cloud_access(base: ExportControlGame, coalition) -> float:
    """The cloud access at which the offset threshold ``s*`` of
    ``coalition`` reaches the model's spillover (``s*`` rises with leakage)."""
    from scipy.optimize import brentq

    def gap(cloud: float) -> float:
        model = base.replace(cloud_access=cloud)
        return model.offset_threshold(coalition) - float(base.spillover)

    if gap(0.0) >= 0:
        return 0.0
    return brentq(gap, 0.0, 1.0) if gap(1.0) > 0 else float("nan")


def coalition_map(pure: Solved, grids: Grids):
    regimes = model_regimes(
        pure,
        lambda cloud_access, third_country: ExportControlGame(
            cloud_access=cloud_access, third_country=third_country
        ),
        ("cloud_access", list(grids.leakage)),
        ("third_country", list(grids.leakage)),
        coalitions_label,
    )
    return regimes, (
        "cloud access kappa (share of blocked compute rented)",
        "re-export theta (share of the rest re-exported)",
        "Which export-control coalitions are stable? (ExportControlGame)",
    )


OFFSET_LABELS = (
    "open weights offset US controls",
    "open weights do not offset US controls",
    "the target keeps closed weights",
)


def offset_map(pure: Solved, grids: Grids):
    def label(model, equilibria):
        if not model.closed_form()["target_opens"]:
            return OFFSET_LABELS[2]
        return OFFSET_LABELS[int(model.spillover > model.offset_threshold(("US",)))]

    regimes = model_regimes(
        pure,
        lambda cloud_access, spillover: ExportControlGame(
            cloud_access=cloud_access, spillover=spillover
        ),
        ("cloud_access", list(grids.leakage)),
        ("spillover", list(grids.leakage)),
        label,
        OFFSET_LABELS,
    )
    return regimes, (
        "cloud access kappa (share of blocked compute rented)",
        "spillover s (share of the open gain the bloc adopts)",
        "Does the open-weight counter offset controls? (ExportControlGame)",
    )


# ------------------------------------------- 4. commoditize the complement
OPENER_LABELS = (
    "the platform opens its model",
    "the platform keeps its model closed",
)


def opener_label(model: LayerOwnership, equilibria) -> str:
    game = model.game()
    choices = {game.actions[0][int(np.argmax(eq.strategies[0]))] for eq in equilibria}
    return OPENER_LABELS[0] if choices == {"open"} else OPENER_LABELS[1]


def complement(pure: Solved) -> None:
    section("4. Commoditize the complement: who gains from opening?")
    base = LayerOwnership()
    say(
        "The AI stack as complements (Cournot 1838): chips, a model layer and "
        "one more\nmonopolized layer, each marking up on the others' sales. A "
        "platform owns the\nchips and a model of its own, d worse than the "
        "frontier lab's. Opening its\nmodel caps the lab's markup at d (users "
        "can take the free model instead) and\nmoves that margin into chip "
        f"sales; it costs {base.release_cost:g} (training not recouped)."
    )
    rows = []
    for owner, model in (
        ("chips + model, d = 0.5", base.replace(quality_gap=0.5)),
        ("chips + model, d = 1", base),
        ("chips + model, d = 2", base.replace(quality_gap=2.0)),
        (
            "chips + model, d = 2, g = 1",
            base.replace(quality_gap=2.0, demand_expansion=1.0),
        ),
        ("a pure model lab, d = 1", base.replace(owns_chips=False)),
    ):
        cf = model.closed_form()
        _, equilibria = pure(model)
        rows.append(
            [owner, f"{cf['opening_gain']:+.2f}", opener_label(model, equilibria)]
        )
    table(["owner", "gain from opening", "equilibrium"], rows)
    threshold = base.closed_form()["quality_gap_threshold"]
    say(
        "In words: opening one's model pays an owner of the complement (chips) "
        f"when\nits model is within {threshold:.2f} of the frontier: close "
        "enough to discipline the\nfrontier lab's price. An ecosystem gain g "
        "(more demand for an open stack)\nwidens that, and from g = "
        f"{any_gap_gain(base):.2f} on the added demand alone pays for opening at "
        "any gap. It never pays a pure "
        "model lab -- it has no complement to sell --\nnor a platform whose "
        "open model is too weak to matter: commoditizing the\ncomplement is a "
        "motive of the owner of the other layer, not a free lunch."
    )


def any_gap_gain(base: LayerOwnership) -> float:
    """The ecosystem gain from which opening pays the platform at any quality
    gap (bisection on the model's threshold ``d*``, infinite from there)."""

    def pays_anyway(gain: float) -> bool:
        threshold = base.replace(demand_expansion=gain).closed_form()[
            "quality_gap_threshold"
        ]
        return threshold == float("inf")

    low, high = 0.0, float(base.a)
    if not pays_anyway(high):
        return float("inf")
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (low, middle) if pays_anyway(middle) else (middle, high)
    return high


def ownership_map(pure: Solved, grids: Grids):
    regimes = model_regimes(
        pure,
        lambda quality_gap, demand_expansion: LayerOwnership(
            quality_gap=quality_gap, demand_expansion=demand_expansion
        ),
        ("quality_gap", list(grids.quality_gaps)),
        ("demand_expansion", list(grids.expansions)),
        opener_label,
        OPENER_LABELS,
    )
    return regimes, (
        "quality gap d (platform's model behind the frontier)",
        "ecosystem gain g (demand added by opening)",
        "Does opening its model pay the chip owner? (LayerOwnership)",
    )


# ----------------------------------------------- 5. open weights as a choice
def open_weights(pure: Solved) -> None:
    section("5. Open weights as a choice")
    rows = []
    for rate in (0.05, 0.1, 0.2):
        cf = OpenVsClosed(q_closed=1.0, q_open=0.6, catch_up_rate=rate).closed_form()
        rows.append(
            [
                f"{rate:.2f}",
                f"{cf['price']:.2f}",
                f"{cf['share']:.0%}",
                f"{cf['window']:.1f}",
                f"{cf['window_profit']:.3f}",
            ]
        )
    cf = OpenVsClosed(q_closed=1.0, q_open=0.6).closed_form()
    say(
        "Against a free open model (quality 0.6) the closed frontier model "
        "(quality 1)\ncan charge only for its lead (Casadesus-Masanell & "
        f"Ghemawat 2006): {cf['price']:.2f}\nagainst {cf['price_without_open']:.2f} "
        "with no open rival, and only while the lead lasts:"
    )
    table(
        [
            "open catch-up/yr",
            "closed price",
            "closed share",
            "window (yrs)",
            "profit in window",
        ],
        rows,
    )
    model = OpennessGame()
    cf = model.closed_form()
    say(
        "\nTwo labs choose open or closed weights. Opening speeds adoption and "
        "brings\ncommunity contributions; closing keeps licensing revenue, which "
        f"a free open\nrival erodes by half. Licensing at stake: "
        f"{model.players[0]} {model.licensing[0]}, "
        f"{model.players[1]} {model.licensing[1]}."
    )
    rows = []
    for us, china in ((6, 2), (4, 2), (4, 4), (2.5, 4), (8, 8), (1, 1)):
        variant = model.replace(licensing=(us, china))
        _, equilibria = pure(variant)
        game = variant.game()
        outcome = " or ".join(
            "/".join(
                game.actions[i][int(np.argmax(s))] for i, s in enumerate(eq.strategies)
            )
            for eq in equilibria
        )
        rows.append([us, china, variant.classify(), outcome])
    table(
        [
            f"{model.players[0]} licensing",
            f"{model.players[1]} licensing",
            "game",
            "pure equilibria",
        ],
        rows,
    )
    say(
        f"Opening is dominant for a lab whose licensing is below "
        f"{float(cf['open_below']):.2f}; closing is\ndominant above "
        f"{float(cf['closed_above']):.2f}; in between each lab does what the "
        "other does."
    )
    say(
        "In words: opening can be dominant for both labs, or a coordination game.\n"
        "A lab with little licensing to lose opens whatever the other does. When\n"
        "both have a middling amount at stake, open ecosystems and closed ones "
        "are\nboth self-enforcing: which one a field lands in is history, not "
        "merit. A lab\nfor which opening is dominant can drag a lab without a "
        "dominant choice into\nopen/open, an outcome both like less than "
        "closed/closed (one-sided dominance,\nnot a prisoner's dilemma: that "
        "needs a dominant choice on both sides)."
    )
    band = dilemma_band(model)
    if band is not None:
        say(
            f"A true dilemma needs both labs' licensing between {band[0]:g} and "
            f"{band[1]:.2f}: both open, and both would rather both stayed closed."
        )


def dilemma_band(model: OpennessGame) -> tuple[float, float] | None:
    """The licensing band where the openness game is a true prisoner's
    dilemma when both labs have the same at stake: both open (licensing
    below the adoption and community gain ``g_a + C``) yet both prefer
    closed/closed (licensing above ``S + C``, the rival's spillover and the
    community); None when empty. Checked with the model's own
    classification at the band's middle."""
    low = float(model.spillover) + float(model.community)
    high = float(model.closed_form()["open_below"])
    middle = (low + high) / 2
    if low >= high or model.replace(licensing=(middle, middle)).classify() != (
        "prisoner's dilemma"
    ):
        return None
    return low, high


def openness_map(pure: Solved, grids: Grids):
    regimes = model_regimes(
        pure,
        lambda us_licensing, china_licensing: OpennessGame(
            licensing=(us_licensing, china_licensing)
        ),
        ("us_licensing", list(grids.licensing)),
        ("china_licensing", list(grids.licensing)),
        lambda model, equilibria: model.classify(),
        (
            "dominant strategies",
            "prisoner's dilemma",
            "one-sided dominance",
            "one-sided dominance, Pareto-dominated",
            "coordination",
            "degenerate",
        ),
    )
    return regimes, (
        "US lab's licensing revenue at stake",
        "China lab's licensing revenue at stake",
        "Open or closed weights: the game (OpennessGame.classify)",
    )


# -------------------------------------------------------------- summary
def summary(lead_numbers: dict) -> None:
    section("What it adds up to")
    print(
        "- A compute lead is temporary where knowledge leaks: it lasts "
        f"{lead_numbers['free']:.0f} periods\n  without spillover, under "
        f"{TEMPORARY:g} from a spillover of "
        f"{_grid_value(lead_numbers['turns'][0.0])} "
        f"({_grid_value(lead_numbers['turns'][1.0])} under export\n  controls "
        "doubling the follower's cost of compute).\n"
        "- Adoption speed beats model size where users switch freely: the "
        "cheaper\n  entrant overtakes a better incumbent within a few periods. "
        "Switching costs\n  and network effects lock the head start in.\n"
        "- Export controls hold as a coalition only while little leaks; open "
        "weights\n  offset narrow or leaky controls, not broad ones, and not "
        "when the rival\n  adopts the open gains.\n"
        "- Opening one's model commoditizes the complement for an owner of the "
        "complement\n  whose model is close to the frontier, never for a pure "
        "model lab.\n"
        "- Whether labs open their weights turns on the licensing at stake: "
        "opening can\n  be dominant, a coordination game, or one lab's dominant "
        "choice."
    )


# -------------------------------------------------------------- figures
def save_figures(out_dir: Path, maps) -> None:
    section("Figures")
    missing = [m for m in ("matplotlib", "pandas") if find_spec(m) is None]
    if missing:
        print(
            f"Skipped ({', '.join(missing)} not installed): install matplotlib and "
            "pandas to save the regime maps, e.g. pip install "
            "'stratgame[viz,analysis]'."
        )
        return
    from stratgame.viz import regime_map_plot, save_figure
    from stratgame.viz._axes import new_axes

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, draw in maps:
        regimes, (x_label, y_label, title) = draw()
        _, ax = new_axes(figsize=(9.5, 4.5))
        regime_map_plot(regimes, ax=ax)
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        ax.set_title(title)
        print(f"saved {save_figure(ax, out_dir / name)}: {describe(regimes)}")


def describe(regimes) -> str:
    """The map's regimes with the share of the grid each covers."""
    labels = regimes.labels.ravel().tolist()
    shares = {label: labels.count(label) / len(labels) for label in regimes.regimes()}
    return "; ".join(
        f"{label} ({share:.0%})" if share >= 0.005 else f"{label} (<1%)"
        for label, share in shares.items()
    )


def main(out_dir="out") -> None:
    """Tell the story and save the regime maps to ``out_dir``."""
    say(
        "The essay's claims about the AI race, each computed as the outcome of "
        "a game:\nwhen it holds and when it fails. Illustrative numbers; real "
        "models."
    )
    grids = Grids.for_run()
    dynamic = Solved(solve_stochastic)
    pure = Solved(lambda game: sg.solve(game, method="pure"))
    lead_numbers = compute_lead(dynamic, grids)
    adoption(dynamic, grids)
    export_controls(pure, grids)
    complement(pure)
    open_weights(pure)
    summary(lead_numbers)
    save_figures(
        Path(out_dir),
        [
            ("compute_lead_regimes.png", lambda: compute_lead_map(dynamic, grids)),
            ("adoption_regimes.png", lambda: adoption_map(dynamic, grids)),
            ("export_control_coalitions.png", lambda: coalition_map(pure, grids)),
            ("open_weight_offset.png", lambda: offset_map(pure, grids)),
            ("layer_ownership_regimes.png", lambda: ownership_map(pure, grids)),
            ("openness_regimes.png", lambda: openness_map(pure, grids)),
        ],
    )
