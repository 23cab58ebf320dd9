"""Game representations: normal-form games, their payoffs, best responses,
regret, Nash verification and dominance."""

from .normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
