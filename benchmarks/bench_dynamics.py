"""Benchmark: fictitious play against QuantEcon, replicator dynamics against
nashpy, measured in the same run.

* Fictitious play, 10,000 rounds on a random 10x10 game: stratgame's
  ``fictitious_play`` against QuantEcon's ``FictitiousPlay.play`` from the
  same uniform beliefs (both use decreasing gain 1/(t+2) and smallest-index
  tie-breaking, so the final beliefs must agree).
* Replicator dynamics over [0, 10] at 1000 points: stratgame's
  ``replicator`` against nashpy's ``replicator_dynamics`` (one population) and
  ``asymmetric_replicator_dynamics`` (two), with the same ODE tolerances
  (``rtol=atol=1.49e-8``, odeint's defaults); trajectories must agree.

Medians of repeated runs are printed as a Markdown table with the ratio
stratgame / peer (below 1: stratgame is faster). Game generation and the
peers' one-off setup (QuantEcon's numba compilation) are not timed. Peers
missing from the environment are reported and skipped.

Run: ``python benchmarks/bench_dynamics.py [--repeats 7]``
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import median_time

import stratgame as sg
from stratgame.dynamics import fictitious_play, replicator

ODEINT_TOL = 1.49012e-8


def fictitious_play_case(repeats: int, rounds: int = 10_000):
    try:
        import quantecon.game_theory as qe
    except ImportError:
        return None, "quantecon not installed"
    rng = np.random.default_rng(2024)
    A, B = rng.random((10, 10)), rng.random((10, 10))
    game = sg.NormalFormGame.from_bimatrix(A, B)
    peer = qe.FictitiousPlay(qe.NormalFormGame((qe.Player(A), qe.Player(B.T))))
    start = (np.full(10, 0.1), np.full(10, 0.1))
    peer.play(actions=start, num_reps=10)  # numba compilation, untimed
    ours = fictitious_play(game, rounds)
    theirs = peer.play(actions=start, num_reps=rounds)
    agree = all(
        np.allclose(a, b, atol=1e-12)
        for a, b in zip(ours.strategies, theirs, strict=True)
    )
    return (
        "fictitious play, 10x10, 10,000 rounds (QuantEcon FictitiousPlay)",
        1000 * median_time(lambda: fictitious_play(game, rounds), repeats),
        1000 * median_time(lambda: peer.play(actions=start, num_reps=rounds), repeats),
        agree,
    ), None


def replicator_cases(repeats: int):
    try:
        from nashpy.learning.replicator_dynamics import (
            asymmetric_replicator_dynamics,
            replicator_dynamics,
        )
    except ImportError:
        return [], "nashpy not installed"
    rng = np.random.default_rng(7)
    times = np.linspace(0, 10, 1000)
    options = {"t_max": 10, "n_points": 1000, "rtol": ODEINT_TOL, "atol": ODEINT_TOL}
    rows = []
    for n in (3, 10):
        A = rng.random((n, n))
        x0 = rng.dirichlet(np.ones(n))
        game = sg.NormalFormGame.from_bimatrix(A, A.T)
        agree = np.allclose(
            replicator(game, x0, **options).states[0],
            replicator_dynamics(A, x0, times),
            atol=1e-6,
        )
        rows.append(
            (
                f"replicator, one population, {n}x{n} (nashpy replicator_dynamics)",
                1000
                * median_time(
                    lambda g=game, x=x0: replicator(g, x, **options), repeats
                ),
                1000
                * median_time(
                    lambda A=A, x=x0: replicator_dynamics(A, x, times), repeats
                ),
                agree,
            )
        )
    A, B = rng.random((4, 5)), rng.random((4, 5))
    x0, y0 = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(5))
    game = sg.NormalFormGame.from_bimatrix(A, B)
    ours = replicator(game, (x0, y0), **options)
    theirs = asymmetric_replicator_dynamics(A, B, x0, y0, times)
    agree = all(
        np.allclose(a, b, atol=1e-6) for a, b in zip(ours.states, theirs, strict=True)
    )
    rows.append(
        (
            "replicator, two populations, 4x5 (nashpy asymmetric_replicator_dynamics)",
            1000 * median_time(lambda: replicator(game, (x0, y0), **options), repeats),
            1000
            * median_time(
                lambda: asymmetric_replicator_dynamics(A, B, x0, y0, times), repeats
            ),
            agree,
        )
    )
    return rows, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    rows, notes = [], []
    row, note = fictitious_play_case(args.repeats)
    rows += [row] if row else []
    notes += [note] if note else []
    more, note = replicator_cases(args.repeats)
    rows += more
    notes += [note] if note else []
    print("| case | stratgame (ms) | peer (ms) | ratio | same result |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, ours, theirs, agree in rows:
        print(f"| {name} | {ours:.2f} | {theirs:.2f} | {ours / theirs:.2f} | {agree} |")
    for note in notes:
        print(f"\nskipped: {note}")


if __name__ == "__main__":
    main()
