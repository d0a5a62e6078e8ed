"""Read-only git commands started with ``os.posix_spawnp``, not ``subprocess``.

Importing ``subprocess`` (selectors, signal, threading) and forking the interpreter cost more
than the git commands a read asks; the fast timeline runs before anything is imported, and
the store's read-only git questions (:mod:`resdiff.storage.git`) go the same way. Only
``os`` and ``sys``, which the interpreter loads at start-up, are imported here.

Where ``os.posix_spawnp`` is missing (Windows), the same commands run through
``subprocess`` (imported then only): the answers are the same, only slower to start.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs milliseconds here
if TYPE_CHECKING:
    import subprocess

    # A started command: (pid, the read end of its output pipe), or the Popen running it.
    Started = tuple[int, int] | subprocess.Popen[bytes] | None


def start_git(folder: str | os.PathLike[str], args: list[str]) -> Started:
    """A read-only git command started in ``folder`` (None when git cannot be started).

    Its standard input and error are the null device: a read never prompts, and what git
    says on failure is not shown (the caller answers None in its own words).
    """
    # The git the store's other commands run (storage/git.py): GIT_PYTHON_GIT_EXECUTABLE, else
    # the one on the PATH.
    executable = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
    argv = [executable, "-C", os.fspath(folder), *args]
    spawn = getattr(os, "posix_spawnp", None)
    if spawn is None:
        return _popen(argv)
    read, write = os.pipe()
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, write, 1),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    try:
        pid = spawn(executable, argv, os.environ, file_actions=actions)
    except OSError:  # no git executable
        os.close(read)
        return None
    finally:
        os.close(write)
    return pid, read


def git_output(started: Started) -> str | None:
    """The output of a command :func:`start_git` started, or None when it failed."""
    if started is None:
        return None
    if isinstance(started, tuple):
        pid, read = started
        chunks = []
        try:
            while chunk := os.read(read, 65536):
                chunks.append(chunk)
        finally:
            os.close(read)
            _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        output = b"".join(chunks)
    else:
        output = started.communicate()[0]
        code = started.returncode
    if code != 0:
        return None
    try:
        return output.decode(sys.getfilesystemencoding())
    except UnicodeDecodeError:
        return None


def _popen(argv: list[str]) -> subprocess.Popen[bytes] | None:
    """``argv`` started by ``subprocess`` (no ``posix_spawnp`` here), or None."""
    import subprocess

    try:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:  # no git executable
        return None
