"""Does adoption speed beat model size? An incumbent with the better model
and a cheaper entrant race for one shared market, solved as a stochastic
game over the installed base: prices and open weights set each lab's Bass
diffusion speed, users switch at a cost and value the network.

Run with ``python examples/dynamic_adoption_race.py``. Parameters are
illustrative (a market of five cohorts, the entrant serving at a sixth of
the incumbent's cost), not estimates.
"""

from __future__ import annotations

import os
import warnings

# The equilibrium's linear systems are small: a threaded BLAS only adds
# contention (several times slower on a busy machine), so one thread unless
# told otherwise.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np  # noqa: E402
from _output import can_draw, out_dir, save  # noqa: E402
from scipy.linalg import LinAlgWarning  # noqa: E402

from stratgame.models import DynamicAdoptionRace  # noqa: E402
from stratgame.solvers.stochastic import solve_stochastic  # noqa: E402

QUICK = os.environ.get("STRATGAME_QUICK") == "1"
HORIZON = 40  # periods: the race is read after this many


def race_margin(model: DynamicAdoptionRace) -> tuple[float, dict]:
    """Entrant's minus incumbent's expected share after HORIZON periods."""
    game = model.game()
    with warnings.catch_warnings():
        # singular Jacobians met on the way are the solver's to handle; its
        # answer is certified below
        warnings.simplefilter("ignore", LinAlgWarning)
        eq = solve_stochastic(game).equilibria[0]
    assert eq.relative_regret <= 1e-8  # certified Markov-perfect
    stats = model.market_statistics(eq, game, horizon=HORIZON)
    share = stats["share_at_horizon"]
    return float(share[1] - share[0]), stats


#: Incumbent qualities scanned (the entrant's is 1). A grid rather than a
#: bisection: the race can have several equilibria, and the margin is not
#: monotone everywhere.
QUALITIES = (
    (1.0, 1.05, 1.1, 1.2) if QUICK else (0.8, 0.9, 1.0, 1.05, 1.1, 1.15, 1.2, 1.3, 1.4)
)


def quality_threshold(model: DynamicAdoptionRace) -> float | None:
    """The incumbent's quality above which the entrant no longer ends the
    race ahead: the last sign change of the margin on QUALITIES, linearly
    interpolated. None: the entrant is behind at every quality scanned."""
    margins = [race_margin(model.replace(quality=(q, 1.0)))[0] for q in QUALITIES]
    ahead = [k for k, m in enumerate(margins) if m > 0]
    if not ahead:
        return None
    k = ahead[-1]
    if k == len(QUALITIES) - 1:
        return QUALITIES[-1]
    q0, q1, m0, m1 = QUALITIES[k], QUALITIES[k + 1], margins[k], margins[k + 1]
    return q0 + (q1 - q0) * m0 / (m0 - m1)


def plot_shares(regimes, shares, out) -> None:
    """Each lab's share of the market after the horizon, by regime."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(7, 4))
    x = np.arange(len(regimes))
    for k, (name, offset) in enumerate((("incumbent", -0.2), ("entrant", 0.2))):
        ax.bar(x + offset, [s[k] for s in shares], width=0.4, label=name)
    ax.set_xticks(x, [f"switching {k:g}\nnetwork {nu:g}" for k, nu in regimes])
    ax.set_ylabel(f"share of the market after {HORIZON} periods")
    ax.set_title("Dynamic adoption race: the cheap entrant against lock-in")
    ax.legend()
    save(ax, out, "adoption_shares_by_regime.png")


def main(out) -> None:
    base = DynamicAdoptionRace()
    print(
        "The incumbent's model is worth 1.1 per user-period, the entrant's 1.0;\n"
        "the entrant serves users at 0.1 against 0.6. Each period both choose\n"
        "open weights (free, twice the word of mouth) or a price of 0.5 or 1;\n"
        f"the incumbent starts with 1 cohort of 5. Shares after {HORIZON} periods:\n"
    )
    print(
        f"{'switching cost':>14} {'network effect':>14} {'incumbent':>9} "
        f"{'entrant':>8} {'entrant open':>12}"
    )
    regimes = [(0.0, 0.0), (0.5, 0.5), (2.0, 0.0), (1.0, 1.0)]
    shares = []
    for k, nu in regimes:
        _, stats = race_margin(base.replace(switching_cost=k, network_effect=nu))
        share = stats["share_at_horizon"]
        shares.append(share)
        print(
            f"{k:14.1f} {nu:14.1f} {share[0]:9.2f} {share[1]:8.2f} "
            f"{stats['open_probability'][1]:12.0%}"
        )

    print(
        "\nThe largest quality edge of the incumbent that the cheaper entrant "
        "still overcomes:"
    )
    thresholds = {}
    for k, nu in regimes[::2] if QUICK else regimes:  # free switching, lock-in
        q = quality_threshold(base.replace(switching_cost=k, network_effect=nu))
        thresholds[(k, nu)] = q
        if q is None:
            text = (
                "none: the head start wins at every incumbent quality scanned "
                f"(down to {QUALITIES[0]:g} against the entrant's 1)"
            )
        elif q >= 1.005:
            text = f"a model up to {q - 1:.0%} better"
        elif q >= 0.995:
            text = "none; the entrant needs a model as good as the incumbent's"
        else:
            text = f"none; the entrant needs a model {1 - q:.0%} better itself"
        print(f"  switching cost {k:.1f}, network effect {nu:.1f}: {text}")

    easy = thresholds[(0.0, 0.0)]
    print(
        "\nThe claim 'adoption speed beats model size' holds when users switch "
        f"freely and networks\nare weak, and only against a model at most "
        f"{(easy or 1) - 1:.0%} better: the cheap entrant's price\nsets its "
        "diffusion speed and wins the race. It fails with lock-in: switching "
        "costs\nand network effects turn the incumbent's head start into a "
        "lasting lead, and the\nentrant then opens its weights to keep up "
        "rather than to win."
    )
    if can_draw():
        plot_shares(regimes, shares, out)


if __name__ == "__main__":
    main(out_dir(__doc__))
