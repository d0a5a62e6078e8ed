"""The store lock (``.resdiff.lock``, through filelock) and the journal of the write it guards.

The only importer of filelock, which locks portably (``flock`` on Linux and macOS,
``LockFileEx`` on Windows) and opens the lock file without following a link, so a
``.resdiff.lock`` planted as a link to another file never truncates or locks it (resdiff
also refuses such a lock file before filelock sees it, with a clear message).

Only one resdiff process writes to a store at a time; the others wait up to
``RESDIFF_LOCK_TIMEOUT`` seconds (60 by default). The system releases the lock when its
holder dies, even by ``kill -9``, so a lock is never stale.

While versions are being moved into place and committed, the journal
``.resdiff-journal.json`` (beside the lock) holds a small JSON *intent*: which versions,
which ``meta.json`` each should end up with, the commit message. It is written to a
temporary file and renamed over the old one (a rename replaces a link, never its target).
A process killed in that window leaves the intent behind, and the next writer finishes the
commit or reports that nothing was stored (:meth:`resdiff.storage.store.Store.recover`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from resdiff.errors import StoreError
from resdiff.storage import safety
from resdiff.storage.layout import JOURNAL_FILE

DEFAULT_TIMEOUT = 60.0
TIMEOUT_VARIABLE = "RESDIFF_LOCK_TIMEOUT"
# How often a waiting process retries.
POLL_SECONDS = 0.05


def timeout() -> float:
    """Seconds to wait for the lock: ``RESDIFF_LOCK_TIMEOUT``, or 60.

    Raises:
        StoreError: the variable is not a number of seconds.
    """
    value = os.environ.get(TIMEOUT_VARIABLE, "")
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses NaN
        raise StoreError(
            f"{TIMEOUT_VARIABLE}={value!r} is not a number of seconds; set it to e.g. 60"
        )
    return seconds


class StoreLock:
    """A held lock on a store; records and clears the intent of the write in progress."""

    def __init__(self, journal: Path) -> None:
        self._journal = journal

    @property
    def journal(self) -> Path:
        """The journal file (it exists only while a write is in progress or was killed)."""
        return self._journal

    def intent(self) -> dict[str, Any] | None:
        """The intent a killed writer left behind, or None.

        Raises:
            LinkInStore: the journal is a link.
        """
        try:
            data = safety.read_bytes(self._journal)
        except FileNotFoundError:
            return None
        if not data.strip():
            return None
        try:
            intent = json.loads(data)
        except ValueError:
            return None  # torn write of the intent: nothing had been moved yet
        return intent if isinstance(intent, dict) else None

    def begin(self, intent: dict[str, Any]) -> None:
        """Record what is about to be moved into place (durably, before the move)."""
        data = json.dumps(intent, ensure_ascii=False).encode("utf-8")
        descriptor, name = tempfile.mkstemp(prefix=".resdiff-journal.", dir=self._journal.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, self._journal)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        _fsync_dir(self._journal.parent)

    def end(self) -> None:
        """The write is complete (or undone): forget the intent."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._journal)
        _fsync_dir(self._journal.parent)


def prepare() -> None:
    """Import filelock now, before the first :func:`acquire` (a batch does it while its
    workers read the first files)."""
    import filelock  # noqa: F401


@contextlib.contextmanager
def acquire(path: Path, seconds: float | None = None) -> Iterator[StoreLock]:
    """Hold the exclusive lock on ``path`` (created if missing) for the ``with`` block.

    Raises:
        StoreError: another process held the lock for longer than the timeout.
        LinkInStore: the lock file or the journal is a link.
    """
    wait = timeout() if seconds is None else seconds
    for own in (path, path.parent / JOURNAL_FILE):
        if own.is_symlink():
            raise safety.link_error(own)
    import filelock  # 15 ms: imported by the commands that write, not by every one

    lock = filelock.FileLock(path, timeout=wait)
    try:
        lock.acquire(poll_interval=POLL_SECONDS)
    except filelock.Timeout:
        raise StoreError(
            f"another resdiff process has held the store lock for {wait:g} s; "
            f"try again when it has finished (or raise {TIMEOUT_VARIABLE})"
        ) from None
    try:
        yield StoreLock(path.parent / JOURNAL_FILE)
    finally:
        lock.release()


def writer_running(path: Path) -> bool:
    """True when some process holds the lock ``path`` now (False when it does not exist).

    Never creates the lock file: a reader asks this.
    """
    if not safety.is_file(path) or not os.access(path, os.W_OK):
        return False  # no lock, or one no process here could take (a read-only store)
    import filelock

    lock = filelock.FileLock(path, timeout=0)
    try:
        lock.acquire(poll_interval=POLL_SECONDS)
    except filelock.Timeout:
        return True
    except OSError:  # cannot open it (a read-only store): no writer can hold it either
        return False
    lock.release()
    return False


def _fsync_dir(folder: Path) -> None:
    """Make a rename into ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
