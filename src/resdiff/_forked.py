"""A share of some work done in a forked child process while this process does the rest.

A series' cold history compares dozens of consecutive pairs of versions, each needing
nothing from the others: on a Linux machine with two cores or more, a child forked after the
versions are read compares a share of the pairs while the parent compares the rest, and
sends its results back as bytes through a pipe. Forking costs a few milliseconds (the child
shares the parent's memory and imports nothing); a spawned process would import resdiff
again first, so there is no child elsewhere, nor on one core, nor in a process with other
threads (forking one is unsafe), nor when every core is busy already (:func:`idle_core`):
the caller then does all the work itself.

The child never returns into the caller's code: it ends with ``os._exit`` whatever happens,
so it runs no ``atexit`` hook and flushes none of the parent's buffers. A child that fails
gives no result, and the caller does its share itself.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return len(affinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """True where a forked child can work beside this process (Linux, 2+ cores, one thread)."""
    return (
        sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and _cores() >= 2
    )


def idle_core() -> bool:
    """True when a core is likely free for a child: the load average (over the last minute)
    leaves one. On a machine whose cores are all busy the child only competes with this
    process (the same work, and the copying of what it touches), so none is started there."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return load < _cores() - 0.5


class Child:
    """A forked child process computing bytes for its parent."""

    def __init__(self, pid: int, reader: int) -> None:
        """The child ``pid``, whose result comes through the pipe end ``reader``."""
        self._pid = pid
        self._reader = reader

    @classmethod
    def start(cls, work: Callable[[], bytes]) -> Child | None:
        """Fork a child that runs ``work()`` and sends back what it returns.

        Returns:
            The child, or None when none could be started (the caller does the work).
        """
        if not can_fork():
            return None
        try:
            reader, writer = os.pipe()
        except OSError:
            return None
        # Objects made so far are left out of garbage collection until the child is done:
        # a collection in either process would write to every object's header, and so copy
        # every shared page.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError as exc:
            gc.unfreeze()
            logger.debug("cannot fork a worker: %s", exc)
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: never returns
            _run(work, reader, writer)
        os.close(writer)
        return cls(pid, reader)

    def result(self) -> bytes | None:
        """Wait for the child; its bytes, or None when it failed."""
        chunks = []
        try:
            while chunk := os.read(self._reader, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(self._reader)
            _, status = os.waitpid(self._pid, 0)
            gc.unfreeze()
        if os.waitstatus_to_exitcode(status) != 0:
            logger.debug("the worker failed (status %d); its share is done here", status)
            return None
        return b"".join(chunks)


def _run(work: Callable[[], bytes], reader: int, writer: int) -> None:
    """In the child: do the work, write its bytes, end the process."""
    code = 1
    try:
        import signal

        # Ctrl-C reaches the whole process group: the parent answers it, the child just ends.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        gc.disable()  # a short life: what it makes is freed when it ends
        os.close(reader)
        data = memoryview(work())
        while data:
            data = data[os.write(writer, data) :]
        code = 0
    except BaseException:
        code = 1
    finally:
        os._exit(code)
