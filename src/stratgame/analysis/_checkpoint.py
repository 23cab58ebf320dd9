"""Durable sweep checkpoints as JSON lines.

The first line is a header (format version, fingerprint of the grid, builder
and solver, number of points, the sweep's random entropy); every further line
holds the rows of one finished point and a checksum binding them to the
header's fingerprint, so that an edited line, or one copied from another
sweep, is refused rather than merged. Lines are written in batches, flushed
and fsynced, so a sweep killed at any moment loses at most the batch in
flight; a line cut short by the kill is dropped on resume.

One sweep at a time uses a checkpoint: it holds an exclusive lock on the
sidecar file ``<checkpoint>.lock`` (``flock``; an exclusively created file
where ``fcntl`` is missing), and a second sweep given the same path is refused
with a :class:`CheckpointError` instead of both writing and losing rows.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..exceptions import StratgameError

try:
    import fcntl
except ImportError:  # Windows: an exclusively created lock file instead
    fcntl = None

__all__ = ["Checkpoint", "CheckpointError"]

_FORMAT = 2


class CheckpointError(StratgameError, ValueError):
    """A checkpoint file does not belong to this sweep, or cannot be used."""


def _check(fingerprint: str, body: str) -> str:
    """The checksum of a line's ``{"point": ..., "rows": ...}`` text."""
    return hashlib.sha256(f"{fingerprint}\n{body}".encode()).hexdigest()[:16]


def _line(fingerprint: str, point: int, rows: list[dict]) -> str:
    body = json.dumps({"point": point, "rows": rows})
    return f'{body[:-1]}, "check": "{_check(fingerprint, body)}"}}\n'


def _checked_record(record, n_points: int, fingerprint: str, where: str) -> int:
    """The point of a checkpoint line, after checking the line is a finished
    point of this sweep: ``{"point": k, "rows": [{"point": k, ...}, ...],
    "check": "..."}`` with ``0 <= k < n_points`` and the line's checksum."""
    fields = isinstance(record, dict) and list(record) == ["point", "rows", "check"]
    point = record["point"] if fields else None
    rows = record["rows"] if fields else None
    if (
        type(point) is not int
        or not 0 <= point < n_points
        or not isinstance(rows, list)
        or not all(isinstance(row, dict) and row.get("point") == point for row in rows)
    ):
        raise CheckpointError(
            f"{where}: expected a finished point "
            f'{{"point": k, "rows": [...], "check": "..."}} with k from 0 to '
            f"{n_points - 1}; the checkpoint is damaged or was edited."
        )
    body = json.dumps({"point": point, "rows": rows})
    if record["check"] != _check(fingerprint, body):
        raise CheckpointError(
            f"{where}: the rows of point {point} do not match their checksum; "
            "the line was edited or comes from another sweep. Remove the line "
            "to compute the point again."
        )
    return point


class _Lock:
    """An exclusive lock held through the sidecar file ``path`` until
    :meth:`release`; :class:`CheckpointError` if another process holds it."""

    def __init__(self, path: Path, checkpoint: Path):
        self.path = path
        if fcntl is None:
            self._fd = self._create_exclusively(checkpoint)
        else:
            self._fd = self._flock(checkpoint)
        os.write(self._fd, f"{os.getpid()}\n".encode())

    def _busy(self, checkpoint: Path, holder: str, hint: str = "") -> CheckpointError:
        process = f" (process {holder})" if holder.isdigit() else ""
        return CheckpointError(
            f"checkpoint {checkpoint} is in use by another sweep{process}: two "
            "sweeps writing one checkpoint would lose rows. Wait for that sweep "
            f"to finish, or give this one another checkpoint path.{hint}"
        )

    def _flock(self, checkpoint: Path) -> int:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode(errors="replace").strip()
                os.close(fd)
                raise self._busy(checkpoint, holder) from None
            # The holder we waited for may have removed the file as it let go:
            # the lock only counts on the file that is still at the path.
            try:
                current = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                os.ftruncate(fd, 0)
                return fd
            os.close(fd)

    def _create_exclusively(self, checkpoint: Path) -> int:
        try:
            return os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = self.path.read_text(errors="replace").strip()
            hint = (
                " If no sweep is running (a crash leaves the lock file behind on "
                f"this system), remove {self.path}."
            )
            raise self._busy(checkpoint, holder, hint) from None

    def release(self) -> None:
        # Removed while still held, so that no other process can lock the
        # old file after this one has let go of it (see _flock).
        self.path.unlink(missing_ok=True)
        os.close(self._fd)


class Checkpoint:
    """An append-only JSONL record of finished points, locked for one sweep.

    Parameters
    ----------
    path : str or Path
    fingerprint : str
        The fingerprint of the grid, builder and solver; resuming a different
        sweep is refused.
    n_points : int
    entropy : int
        The sweep's seed entropy, reused on resume so results do not depend on
        where the sweep was interrupted.
    resume : bool
        Continue an existing file (True) or refuse to overwrite one (False).

    Raises
    ------
    CheckpointError
        If another sweep is using the checkpoint, the file exists and
        ``resume`` is False, or the file is not a checkpoint of this sweep
        (the message names the first bad line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "sweep.jsonl"
    >>> record = Checkpoint(path, "f00d", n_points=2, entropy=7, resume=False)
    >>> Checkpoint(path, "f00d", n_points=2, entropy=7, resume=True)
    Traceback (most recent call last):
    ...
    stratgame.analysis._checkpoint.CheckpointError: checkpoint ... is in use by another sweep ...
    >>> record.write({0: [{"point": 0, "value": 1.5}]})
    >>> record.close()
    >>> Checkpoint(path, "f00d", n_points=2, entropy=7, resume=True).done
    {0: [{'point': 0, 'value': 1.5}]}
    """

    def __init__(
        self, path, fingerprint: str, n_points: int, entropy: int, resume: bool
    ):
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.done: dict[int, list[dict]] = {}
        if self.path.is_dir():
            raise CheckpointError(
                f"checkpoint {self.path} is a directory; give a file name."
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = self.path.with_name(self.path.name + ".lock")
            self._lock = _Lock(lock, self.path)
        except OSError as error:
            raise CheckpointError(
                f"cannot write checkpoint {self.path}: {error.strerror or error} "
                f"({error.filename or self.path})."
            ) from None
        try:
            header = {
                "stratgame_sweep": _FORMAT,
                "fingerprint": fingerprint,
                "n_points": n_points,
                "entropy": str(entropy),
            }
            if self.path.exists() and self.path.stat().st_size > 0:
                if not resume:
                    raise CheckpointError(
                        f"checkpoint {self.path} already exists; pass resume=True "
                        "to continue that sweep, or remove the file to start "
                        "afresh."
                    )
                header = self._load(n_points)
            self.entropy = int(header["entropy"])
            self._rewrite(header)
            self._file = self.path.open("a", encoding="utf-8")
        except BaseException:
            self._lock.release()
            raise

    def _load(self, n_points: int) -> dict:
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
                and header.get("stratgame_sweep") in (1, _FORMAT)
                and isinstance(header.get("fingerprint"), str)
                and str(header.get("entropy", "")).isdigit()
            ):
                raise ValueError
        except (ValueError, IndexError, RecursionError):
            raise CheckpointError(
                f"{self.path} is not a stratgame sweep checkpoint (bad first line)."
            ) from None
        if header["stratgame_sweep"] != _FORMAT:
            raise CheckpointError(
                f"checkpoint {self.path} was written by an older stratgame, "
                "without line checksums; remove it and run the sweep afresh."
            )
        if header["fingerprint"] != self.fingerprint:
            raise CheckpointError(
                f"checkpoint {self.path} was written by another sweep: a different "
                "grid, builder or solver (on the command line: model, --grid, "
                "--fixed or --method; fingerprint "
                f"{header['fingerprint']}, this sweep {self.fingerprint}); use "
                "another path, or resume with the original grid, builder and "
                "solver."
            )
        for number, line in enumerate(lines[1:], start=2):
            where = f"{self.path}, line {number}"
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                if number == len(lines):
                    break  # the last line was cut short by an interruption
                raise CheckpointError(
                    f"{where}: not valid JSON; the checkpoint is damaged."
                ) from None
            point = _checked_record(record, n_points, self.fingerprint, where)
            self.done.setdefault(point, record["rows"])
        return header

    def _rewrite(self, header: dict) -> None:
        """Write header and known records to a temporary file and move it into
        place atomically (dropping any cut-off last line)."""
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as f:
            f.write(json.dumps(header) + "\n")
            for point in sorted(self.done):
                f.write(_line(self.fingerprint, point, self.done[point]))
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.path)

    def write(self, finished: dict[int, list[dict]]) -> None:
        """Append a batch of finished points durably."""
        new = {p: rows for p, rows in finished.items() if p not in self.done}
        if not new:
            return
        self._file.write(
            "".join(_line(self.fingerprint, p, rows) for p, rows in new.items())
        )
        self._file.flush()
        os.fsync(self._file.fileno())
        self.done.update(new)

    def close(self) -> None:
        """Close the file and let go of the lock."""
        try:
            self._file.close()
        finally:
            self._lock.release()
