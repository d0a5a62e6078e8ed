"""The store lock: an exclusive ``flock`` on ``.resdiff.lock`` that also journals a write.

Only one resdiff process writes to a store at a time; the others wait up to
``RESDIFF_LOCK_TIMEOUT`` seconds (60 by default). The kernel releases the lock when its
holder dies, even by ``kill -9``, so a lock is never stale.

While a version is being moved into place and committed, the lock file holds a small JSON
*intent* (which version, which ``meta.json`` it should end up with, the commit message). A
process killed in that window leaves the intent behind, and the next writer finishes the
commit or reports that nothing was stored (:meth:`resdiff.storage.store.Store.recover`).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from resdiff.errors import StoreError

DEFAULT_TIMEOUT = 60.0
TIMEOUT_VARIABLE = "RESDIFF_LOCK_TIMEOUT"
# How often a waiting process retries (flock has no timeout of its own).
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

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle

    def intent(self) -> dict[str, Any] | None:
        """The intent a killed writer left behind, or None."""
        self._handle.seek(0)
        data = self._handle.read()
        if not data.strip():
            return None
        try:
            intent = json.loads(data)
        except ValueError:
            return None  # torn write of the intent: nothing had been moved yet
        return intent if isinstance(intent, dict) else None

    def begin(self, intent: dict[str, Any]) -> None:
        """Record what is about to be moved into place (durably, before the move)."""
        self._rewrite(json.dumps(intent, ensure_ascii=False).encode("utf-8"))

    def end(self) -> None:
        """The write is complete: forget the intent."""
        self._rewrite(b"")

    def _rewrite(self, data: bytes) -> None:
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(data)
        self._handle.flush()
        os.fsync(self._handle.fileno())


@contextlib.contextmanager
def acquire(path: Path, seconds: float | None = None) -> Iterator[StoreLock]:
    """Hold the exclusive lock on ``path`` (created if missing) for the ``with`` block.

    Raises:
        StoreError: another process held the lock for longer than the timeout.
    """
    wait = timeout() if seconds is None else seconds
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"another resdiff process has held the store lock for {wait:g} s; "
                        f"try again when it has finished (or raise {TIMEOUT_VARIABLE})"
                    ) from None
                time.sleep(POLL_SECONDS)
        try:
            yield StoreLock(handle)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
