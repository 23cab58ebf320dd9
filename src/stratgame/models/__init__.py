"""The model layer: named actors and economically meaningful parameters in,
games out.

Conventions (for every model family, here and in later model modules)
--------------------------------------------------------------------
- **One module per family** (``classic``, ``ai_race``, ``safety_race``,
  ``compute_race``, ``trade_policy``, ``compute_lead``, ...), each with a
  module docstring that writes the model in mathematics and cites its source.
- **A model is a frozen dataclass** subclassing :class:`Model`: its fields are
  the parameters, with defaults; ``validate()`` runs on construction and
  raises ``ValueError`` naming the parameter and its allowed range (use
  ``self._check_real(name, low=..., high=...)`` and the ``check_*`` helpers of
  :mod:`stratgame._validation`). ``replace(**changes)`` gives a validated
  copy; scenario methods (``with_export_controls``) return copies too.
- ``game()`` returns a game with labelled players and actions: a
  :class:`~stratgame.games.NormalFormGame`,
  :class:`~stratgame.games.ContinuousGame` or
  :class:`~stratgame.games.SequentialGame`. Builders never solve: callers
  use :func:`stratgame.solve`.
- ``closed_form()`` returns a dict of the published or derived closed-form
  quantities, so that numeric and analytic answers can be compared; each
  formula's source is in the docstring and the tests cite it.
- Exact inputs (ints, Fractions) give exact games where the formulas allow.
- Presets with concrete numbers are illustrative, and say so.
- **Registry**: decorate the class (or a function returning a game, as for
  the classic games) with ``@register_model("name")``; :data:`MODELS` maps
  names to models and :func:`model_parameters` lists a model's parameters and
  defaults, for the command line and for analysis sweeps.

Examples
--------
>>> import stratgame as sg
>>> from stratgame.models import MODELS, DSAIR, model_parameters
>>> sorted(MODELS)[:4]
['adoption_race', 'battle_of_the_sexes', 'chicken', 'competing_platforms']
>>> model_parameters("safety_race")
{'n_teams': 2, 'mu': 0.5, 'enmity': 0.5}
>>> sg.solve(DSAIR(p_risk=0.9).game(), method="pure").equilibria[0].support
(array([0]), array([0]))
"""

from ._base import MODELS, Model, model_parameters, register_model
from .adoption_race import AdoptionRace
from .ai_race import DSAIR
from .classic import (
    battle_of_the_sexes,
    chicken,
    coordination,
    hawk_dove,
    matching_pennies,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
    stag_hunt,
)
from .complements import Complements
from .compute_lead import ComputeLeadScenario
from .compute_race import ComputeRace
from .dynamic_adoption import DynamicAdoptionRace
from .dynamic_compute import DynamicComputeRace
from .export_controls_n import ExportControlGame
from .layer_ownership import LayerOwnership
from .open_vs_closed import OpennessGame, OpenVsClosed
from .platforms import (
    CompetingPlatforms,
    NetworkEffectsCournot,
    PremiumVsLowCost,
    TwoSidedPlatform,
)
from .safety_race import SafetyRace
from .trade_policy import StrategicTradePolicy

__all__ = [
    "DSAIR",
    "MODELS",
    "AdoptionRace",
    "CompetingPlatforms",
    "Complements",
    "ComputeLeadScenario",
    "ComputeRace",
    "DynamicAdoptionRace",
    "DynamicComputeRace",
    "ExportControlGame",
    "LayerOwnership",
    "Model",
    "NetworkEffectsCournot",
    "OpenVsClosed",
    "OpennessGame",
    "PremiumVsLowCost",
    "SafetyRace",
    "StrategicTradePolicy",
    "TwoSidedPlatform",
    "battle_of_the_sexes",
    "chicken",
    "coordination",
    "hawk_dove",
    "matching_pennies",
    "model_parameters",
    "prisoners_dilemma",
    "register_model",
    "rock_paper_scissors",
    "shapley_game",
    "stag_hunt",
]
