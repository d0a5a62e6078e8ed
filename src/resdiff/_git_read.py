"""Read-only git commands started with ``os.posix_spawnp``, not ``subprocess``.

Importing ``subprocess`` (selectors, signal, threading) and forking the interpreter cost more
than the git commands a read asks; the fast timeline runs before anything is imported, and
the store's read-only git questions (:mod:`resdiff.storage.git`) go the same way. Only
``os`` and ``sys``, which the interpreter loads at start-up, are imported here.
"""

from __future__ import annotations

import os
import sys


def start_git(folder: str | os.PathLike[str], args: list[str]) -> tuple[int, int] | None:
    """A read-only git command started in ``folder``: its pid and the end of its output pipe."""
    spawn = getattr(os, "posix_spawnp", None)
    if spawn is None:  # pragma: no cover - every POSIX system has it
        return None
    read, write = os.pipe()
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, write, 1),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    try:
        pid = spawn("git", ["git", "-C", folder, *args], os.environ, file_actions=actions)
    except OSError:  # no git executable
        os.close(read)
        return None
    finally:
        os.close(write)
    return pid, read


def git_output(started: tuple[int, int] | None) -> str | None:
    """The output of a command :func:`start_git` started, or None when it failed."""
    if started is None:
        return None
    pid, read = started
    chunks = []
    try:
        while chunk := os.read(read, 65536):
            chunks.append(chunk)
    finally:
        os.close(read)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return b"".join(chunks).decode(sys.getfilesystemencoding())
    except UnicodeDecodeError:
        return None
