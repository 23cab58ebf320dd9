"""How openness evolves among AI labs: evolutionary and learning dynamics.

Labs repeatedly choose to keep their frontier models *closed* or to release
them *open*. The game is a hawk–dove game (Maynard Smith & Price 1973):

* a closed lab facing an open one captures the value V of the frontier;
* two open labs share it (V/2 each);
* two closed labs fight a costly race — duplicated compute, lawsuits, lobbying
  — and each nets (V - C)/2;
* an open lab facing a closed one gets nothing extra.

With V = 4 and C = 10 (illustrative numbers, not estimates) the race costs
more than the prize, so no pure convention is stable. Run with
``python examples/dynamics.py``; every conclusion printed is computed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _output import can_draw, out_dir, save

import stratgame as sg
from stratgame import dynamics

VALUE, COST = 4.0, 10.0


def openness_game() -> sg.NormalFormGame:
    race = (VALUE - COST) / 2
    A = [[race, VALUE], [0.0, VALUE / 2]]  # rows: closed, open
    return sg.NormalFormGame.from_bimatrix(
        A,
        np.transpose(A),
        players=("lab", "rival"),
        actions=(("closed", "open"), ("closed", "open")),
        title="Closed or open frontier models (hawk-dove)",
    )


def one_population(game: sg.NormalFormGame) -> None:
    print("\n1. One population of labs that copy what pays (replicator dynamics)")
    for start in (0.05, 0.95):
        path = dynamics.replicator(game, [start, 1 - start], t_max=40)
        print(
            f"   starting with {start:.0%} closed labs -> "
            f"{path.final[0][0]:.1%} closed after t = 40 (regret {path.regret:.1e})"
        )
    share = VALUE / COST
    print(
        f"   V/C = {share:.0%}: is the mix an ESS? "
        f"{dynamics.is_ess(game, [share, 1 - share])}; "
        f"all-open? {dynamics.is_ess(game, 'open')}; "
        f"all-closed? {dynamics.is_ess(game, 'closed')}"
    )
    for point in dynamics.replicator_rest_points(game):
        print(
            f"   rest point {point.state[0].round(3)}: {point.stability}, "
            f"eigenvalue {point.eigenvalues[0].real:+.3f}"
        )
    print(
        "   Conclusion: a population of labs settles on a stable mix in which a "
        f"share V/C = {share:.0%} stays closed; neither all-open nor all-closed "
        "can last, because a lone deviator always does better."
    )


def two_roles(game: sg.NormalFormGame) -> None:
    print("\n2. Two populations in fixed roles (e.g. US labs vs Chinese labs)")
    points = dynamics.replicator_rest_points(game, populations="per_player")
    for point in points:
        closed = [f"{s[0]:.0%}" for s in point.state]
        signs = ", ".join(f"{e.real:+.2f}" for e in point.eigenvalues)
        print(f"   rest point, closed shares {closed}: {point.stability} ({signs})")
    path = dynamics.replicator(
        game, ([0.45, 0.55], [0.40, 0.60]), t_max=60, populations="per_player"
    )
    ends = [f"{s[0]:.0%}" for s in path.final]
    print(f"   from closed shares [45%, 40%] the roles end at {ends}")
    stable = [p for p in points if p.stability == "stable"]
    print(
        "   Conclusion: once labs condition on their role the mixed compromise "
        f"is a saddle (eigenvalues of both signs); {len(stable)} stable outcomes "
        "remain, each with one side closed and the other open, and a small early "
        "lead decides which."
    )


def finite_population(game: sg.NormalFormGame) -> None:
    print("\n3. A finite field of 20 labs imitating the better-paid (Fermi process)")
    Z = 20
    for beta in (0.1, 1.0):
        rho = dynamics.fixation_probability(game, "open", "closed", Z, beta)
        print(
            f"   one open lab among closed ones takes over with probability "
            f"{rho:.3f} at intensity {beta} (neutral: {1 / Z:.3f})"
        )
    limit = dynamics.small_mutation_limit(game, Z, 1.0)
    full = dynamics.stationary_distribution(game, Z, 1.0, mutation_rate=0.01)
    favoured = int(np.argmax(limit.distribution))
    name = game.actions[0][favoured]
    print(
        f"   rare experiments: the industry is all-closed "
        f"{limit.distribution[0]:.0%} and all-open {limit.distribution[1]:.0%} of "
        f"the time; with 1% experimentation the average closed share is "
        f"{full.mean_frequencies()[0]:.0%}"
    )
    print(
        f"   Conclusion: in a small field chance picks conventions, and all-{name} "
        f"is the one that lasts: an open entrant takes over a closed field with "
        f"probability {limit.fixation[1, 0]:.2f}, a closed entrant an open field "
        f"with only {limit.fixation[0, 1]:.4f}. More experimentation pulls the "
        "average back toward the deterministic V/C mix."
    )


def learning(game: sg.NormalFormGame) -> None:
    print("\n4. Two labs that learn from each other's past moves")
    fp = dynamics.fictitious_play(game, 5000)
    clash = np.mean((fp.actions[:, 0] == 0) & (fp.actions[:, 1] == 0))
    earned = np.mean([game[tuple(a)][0] for a in fp.actions])
    print(
        f"   fictitious play: beliefs -> {fp.strategies[0][0]:.1%} closed "
        f"(regret {fp.regret:.3f}); both closed in {clash:.0%} of rounds; "
        f"average payoff {earned:.2f}"
    )
    rm = dynamics.regret_matching(game, 20000, rng=1)
    joint = rm.joint
    payoffs = [float(np.sum(joint * u)) for u in game.float_payoff_arrays]
    print(
        f"   regret matching: both closed in {joint[0, 0]:.1%} of rounds, average "
        f"payoffs {payoffs[0]:.2f} and {payoffs[1]:.2f}; distance to correlated "
        f"equilibria {rm.correlated_distance:.3f}"
    )
    mixed = VALUE / COST
    nash_payoff = mixed * (VALUE - COST) / 2 + (1 - mixed) * VALUE
    print(f"   (the symmetric mixed equilibrium pays {nash_payoff:.2f} each)")
    top = np.unravel_index(np.argmax(joint), joint.shape)
    if joint[top] > 0.95:
        outcome = (
            f"settle on a convention ({game.players[0]} {game.actions[0][top[0]]}, "
            f"{game.players[1]} {game.actions[1][top[1]]})"
        )
    else:
        outcome = "learn to take turns between closed and open"
    print(
        f"   Conclusion: labs that best-respond to averages move in lockstep, "
        f"racing each other in {clash:.0%} of rounds, even though their beliefs "
        f"reach the mixed equilibrium; labs that minimize regret {outcome}, a "
        "correlated equilibrium without the costly races."
    )


def main(out: Path = Path("out")) -> None:
    game = openness_game()
    print(game.title)
    print(game)
    one_population(game)
    two_roles(game)
    finite_population(game)
    learning(game)
    if can_draw():
        from stratgame import viz

        save(viz.phase_line_plot(game), out, "openness_phase_line.png")
        played = dynamics.fictitious_play(game, 5000)
        ax = viz.trajectory_plot(played, game.actions, players=game.players)
        ax.set_title("Fictitious play: the labs move in lockstep to the V/C mix")
        save(ax, out, "openness_learning.png")


if __name__ == "__main__":
    main(out_dir(__doc__))
