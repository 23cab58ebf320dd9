"""How a game's players become evolving populations.

A symmetric game is played inside one population: every individual meets
others drawn from the same population, so the state is one mixed strategy.
Any other game has one population per player role, and the state is a
strategy profile. :class:`PopulationModel` turns a game and this choice into
the two things every dynamic needs: a flat state vector and the payoff of each
pure strategy (its *fitness*) at a state.
"""

from __future__ import annotations

import itertools

import numpy as np

from .._validation import check_choice, check_real
from ..exceptions import (
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from ..games import NormalFormGame
from .results import Trajectory

__all__ = [
    "POPULATION_CHOICES",
    "PopulationModel",
    "action_values",
    "check_game",
    "renormalize",
]

#: Accepted values of every dynamic's ``populations`` argument.
POPULATION_CHOICES = ("auto", "single", "per_player")


def check_game(game, owner: str) -> NormalFormGame:
    """Return ``game`` if it is a NormalFormGame, else raise InvalidGameError."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"{owner} needs a NormalFormGame; got {type(game).__name__}."
        )
    return game


def action_values(payoffs: np.ndarray, strategies, player: int) -> np.ndarray:
    """Payoff of each of ``player``'s pure actions against the others' mixed
    strategies (float arrays, one per player; ``player``'s own is ignored)."""
    arr = payoffs
    for j in reversed(range(payoffs.ndim)):
        if j != player:
            arr = np.tensordot(arr, strategies[j], axes=([j], [0]))
    return arr


def renormalize(state: np.ndarray) -> np.ndarray:
    """Clip round-off below zero and rescale to sum 1 (last axis).

    Not the Euclidean projection onto the simplex
    (:func:`stratgame.games.simplex.project_to_simplex`): an integrator's
    state is already on the simplex up to round-off, and rescaling keeps the
    proportions between the strategies.

    Examples
    --------
    >>> renormalize(np.array([0.5, 0.5000001, -1e-12]))
    array([0.49999995, 0.50000005, 0.        ])
    """
    state = np.maximum(state, 0.0)
    return state / state.sum(axis=-1, keepdims=True)


class PopulationModel:
    """A game seen as one population (symmetric games) or one per player.

    Parameters
    ----------
    game : NormalFormGame
    populations : {"auto", "single", "per_player"}
        ``"auto"`` uses one population when ``game.is_symmetric()``, else one
        per player. ``"single"`` requires a symmetric game.
    owner : str
        The public function using the model, named in error messages.
    """

    def __init__(self, game, populations: str = "auto", owner: str = "dynamics"):
        self.game = check_game(game, owner)
        self.owner = owner
        check_choice(populations, "populations", owner, POPULATION_CHOICES)
        symmetric = game.is_symmetric()
        if populations == "single" and not symmetric:
            raise InvalidGameError(
                f"{owner} with populations='single' needs a symmetric game (every "
                "player with the same actions and payoffs that follow the player "
                f"relabelling); {game!r} is not symmetric. Use "
                "populations='per_player'."
            )
        self.single = symmetric if populations == "auto" else populations == "single"
        self.kind = "single" if self.single else "per_player"
        self.sizes = (game.shape[0],) if self.single else tuple(game.shape)
        bounds = np.cumsum((0, *self.sizes))
        self.slices = tuple(
            slice(int(a), int(b)) for a, b in itertools.pairwise(bounds)
        )
        self.dimension = int(bounds[-1])
        payoffs = game.float_payoff_arrays
        self.payoffs = (payoffs[0],) if self.single else payoffs
        self.payoff_min = np.array([float(u.min()) for u in self.payoffs])
        self.fitness = self._fitness_function(payoffs)

    # ----------------------------------------------------------- fitness
    def _fitness_function(self, payoffs):
        """A fast function: flat state -> flat vector of pure-strategy payoffs."""
        n_players = self.game.n_players
        if self.single and n_players == 2:
            A = np.ascontiguousarray(payoffs[0])
            return A.dot
        if not self.single and n_players == 2:
            A = np.ascontiguousarray(payoffs[0])
            BT = np.ascontiguousarray(payoffs[1].T)
            n = self.sizes[0]

            def bimatrix_fitness(y):
                return np.concatenate((A.dot(y[n:]), BT.dot(y[:n])))

            return bimatrix_fitness
        if self.single:
            u = payoffs[0]

            def symmetric_fitness(y):
                return action_values(u, [y] * n_players, 0)

            return symmetric_fitness

        def general_fitness(y):
            parts = self.split(y)
            return np.concatenate(
                [action_values(payoffs[i], parts, i) for i in range(n_players)]
            )

        return general_fitness

    # ------------------------------------------------------------ states
    def split(self, y: np.ndarray) -> list[np.ndarray]:
        """The flat state ``y`` cut into one vector per population."""
        return [y[s] for s in self.slices]

    def join(self, states) -> np.ndarray:
        """One flat vector from one vector per population."""
        return np.concatenate([np.asarray(s, dtype=np.float64) for s in states])

    def profile(self, y: np.ndarray) -> tuple[np.ndarray, ...]:
        """The game's strategy profile at flat state ``y``."""
        parts = self.split(y)
        if self.single:
            return tuple(parts[0] for _ in range(self.game.n_players))
        return tuple(parts)

    def regret(self, y: np.ndarray) -> float:
        """The largest gain any player gets by deviating from the state (for
        one population, every player's regret at the symmetric profile)."""
        f = self.fitness(y)
        return max(0.0, *(float(f[s].max() - y[s].dot(f[s])) for s in self.slices))

    def initial_state(self, initial) -> np.ndarray:
        """Check ``initial`` and return it as a flat float state.

        ``None`` gives the barycentre of every population's simplex. One
        population takes one strategy (a probability vector, an action index
        or label); several take a profile, one strategy per player.
        """
        if initial is None:
            return self.join([np.full(n, 1.0 / n) for n in self.sizes])
        game = self.game
        if self.single:
            arr = np.asarray(initial, dtype=object)
            if arr.ndim > 1:
                raise InvalidProfileError(
                    f"{self.owner} runs one population for this symmetric game, so "
                    f"the initial state is one strategy of length {self.sizes[0]}; got an array of "
                    f"shape {arr.shape}. Pass populations='per_player' to give one "
                    "strategy per player."
                )
            strategy = game.as_profile([initial] * game.n_players)[0]
            return np.asarray(strategy, dtype=np.float64)
        return self.join(game.as_profile(initial))

    def check_background(self, background) -> float:
        """Check that fitness ``background + payoff`` is never negative and
        return ``background`` as a float."""
        background = float(check_real(background, "background", self.owner))
        lowest = self.payoff_min + background
        if np.any(lowest < 0):
            population = int(np.argmin(lowest))
            raise InvalidParameterError(
                f"{self.owner} needs nonnegative fitness (background + payoff), but "
                f"population {population}'s payoffs go down to "
                f"{self.payoff_min[population]:g} with background={background:g}. "
                f"Pass background={-self.payoff_min.min():g} or more."
            )
        return background

    def trajectory(self, times, flat_states, method: str, details=None) -> Trajectory:
        """Package recorded flat states (shape ``(T, dimension)``) as a
        :class:`Trajectory`, cleaning round-off off the simplices."""
        states = tuple(renormalize(flat_states[:, s]) for s in self.slices)
        final = tuple(s[-1].copy() for s in states)
        last = self.join(final)
        return Trajectory(
            times=np.asarray(times, dtype=np.float64),
            states=states,
            final=final,
            regret=self.regret(last),
            profile=self.profile(last),
            method=method,
            populations=self.kind,
            details=dict(details or {}),
        )
