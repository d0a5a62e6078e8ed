"""Ctrl-C while a write cannot be stopped halfway: the signal is noted, not raised.

Inside :func:`deferred`, SIGINT sets a flag instead of raising ``KeyboardInterrupt`` in the
middle of a rename or of ``git commit``; the writer checks the flag at safe points, undoes
what it did if it has not committed yet, or finishes and says so. Signal handlers can only
be set from the main thread: elsewhere the flag is never set and nothing changes.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType


@contextlib.contextmanager
def deferred() -> Iterator[Callable[[], bool]]:
    """Note SIGINT for the ``with`` block; yields a function telling whether one came."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    received: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield lambda: bool(received)
    finally:
        signal.signal(signal.SIGINT, previous)
