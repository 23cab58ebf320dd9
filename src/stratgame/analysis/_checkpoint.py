"""Durable sweep checkpoints as JSON lines.

The first line is a header (format version, grid fingerprint, number of
points, the sweep's random entropy); every further line holds the rows of one
finished point. Lines are written in batches, flushed and fsynced, so a sweep
killed at any moment loses at most the batch in flight; a line cut short by the
kill is dropped on resume.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..exceptions import StratgameError

__all__ = ["Checkpoint", "CheckpointError"]

_FORMAT = 1


class CheckpointError(StratgameError, ValueError):
    """A checkpoint file does not belong to this sweep, or cannot be used."""


def _checked_record(record, n_points: int, path, number: int) -> int:
    """The point of a checkpoint line, after checking the line is a finished
    point of this sweep: ``{"point": k, "rows": [{...}, ...]}`` with
    ``0 <= k < n_points``."""
    point = record.get("point") if isinstance(record, dict) else None
    rows = record.get("rows") if isinstance(record, dict) else None
    if (
        type(point) is not int
        or not 0 <= point < n_points
        or not isinstance(rows, list)
        or not all(isinstance(row, dict) for row in rows)
    ):
        raise CheckpointError(
            f"{path}, line {number}: expected a finished point "
            f'{{"point": k, "rows": [...]}} with k from 0 to {n_points - 1}; the '
            "checkpoint is damaged or was edited."
        )
    return point


class Checkpoint:
    """An append-only JSONL record of finished points.

    Parameters
    ----------
    path : str or Path
    fingerprint : str
        The grid's fingerprint; resuming a different grid is refused.
    n_points : int
    entropy : int
        The sweep's seed entropy, reused on resume so results do not depend on
        where the sweep was interrupted.
    resume : bool
        Continue an existing file (True) or refuse to overwrite one (False).
    """

    def __init__(
        self, path, fingerprint: str, n_points: int, entropy: int, resume: bool
    ):
        self.path = Path(path)
        self.done: dict[int, list[dict]] = {}
        header = {
            "stratgame_sweep": _FORMAT,
            "fingerprint": fingerprint,
            "n_points": n_points,
            "entropy": str(entropy),
        }
        if self.path.exists() and self.path.stat().st_size > 0:
            if not resume:
                raise CheckpointError(
                    f"checkpoint {self.path} already exists; pass resume=True to "
                    "continue that sweep, or remove the file to start afresh."
                )
            header = self._load(fingerprint, n_points)
        self.entropy = int(header["entropy"])
        self._rewrite(header)
        self._file = self.path.open("a", encoding="utf-8")

    def _load(self, fingerprint: str, n_points: int) -> dict:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise CheckpointError(
                f"{self.path} is not a stratgame sweep checkpoint (not UTF-8 text)."
            ) from None
        try:
            header = json.loads(lines[0])
            if not (
                isinstance(header, dict)
                and header.get("stratgame_sweep") == _FORMAT
                and isinstance(header.get("fingerprint"), str)
                and str(header.get("entropy", "")).isdigit()
            ):
                raise ValueError
        except (ValueError, IndexError, RecursionError):
            raise CheckpointError(
                f"{self.path} is not a stratgame sweep checkpoint (bad first line)."
            ) from None
        if header["fingerprint"] != fingerprint:
            raise CheckpointError(
                f"checkpoint {self.path} was written by another sweep: a different "
                "grid, builder or solver (fingerprint "
                f"{header['fingerprint']}, this sweep {fingerprint}); use another "
                "path, or resume with the original grid, builder and solver."
            )
        for number, line in enumerate(lines[1:], start=2):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                if number == len(lines):
                    break  # the last line was cut short by an interruption
                raise CheckpointError(
                    f"{self.path}, line {number}: not valid JSON; the checkpoint "
                    "is damaged."
                ) from None
            point = _checked_record(record, n_points, self.path, number)
            self.done.setdefault(point, record["rows"])
        return header

    def _rewrite(self, header: dict) -> None:
        """Write header and known records to a temporary file and move it into
        place atomically (dropping any cut-off last line)."""
        temporary = self.path.with_name(self.path.name + ".tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as f:
            f.write(json.dumps(header) + "\n")
            for point in sorted(self.done):
                f.write(json.dumps({"point": point, "rows": self.done[point]}) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.path)

    def write(self, finished: dict[int, list[dict]]) -> None:
        """Append a batch of finished points durably."""
        new = {p: rows for p, rows in finished.items() if p not in self.done}
        if not new:
            return
        self._file.write(
            "".join(
                json.dumps({"point": p, "rows": rows}) + "\n" for p, rows in new.items()
            )
        )
        self._file.flush()
        os.fsync(self._file.fileno())
        self.done.update(new)

    def close(self) -> None:
        self._file.close()
