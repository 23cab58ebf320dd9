"""What the commands of :mod:`stratgame.cli` share: the errors that end a
command and the ``--method`` argument."""

from __future__ import annotations

from ..solvers import METHODS

__all__ = ["_CommandError", "_PartialFailure", "_add_method_argument"]


class _CommandError(Exception):
    """A bad command line, file or option: reported in one line, status 2."""


class _PartialFailure(Exception):
    """The command ran, but some of its work failed: status 1, after the
    output has been printed."""

    def __init__(self, message: str, text: str):
        super().__init__(message)
        self.text = text


def _add_method_argument(command) -> None:
    command.add_argument(
        "--method",
        default="auto",
        choices=["auto", *sorted(METHODS)],
        help="the solver (default: auto, which picks one suited to the game)",
    )
