"""The ``resdiff`` command's entry point: Ctrl-C is handled from its first instruction.

Importing the command line takes about half a second (click, GitPython, the pipeline); a
Ctrl-C in that time would print a ``KeyboardInterrupt`` traceback. Until the command runs,
Ctrl-C exits at once with one line and status 130 (nothing has been touched yet); once it
runs, :func:`resdiff.cli._group.handle_errors` answers it, after the store has finished or
undone its write (:mod:`resdiff.storage.transaction`).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _leave(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("Error: interrupted (Ctrl-C) before the command started; nothing changed\n")
    sys.stderr.flush()
    os._exit(INTERRUPTED)  # nothing to clean up: no file has been opened for writing


def main() -> None:
    """Run the ``resdiff`` command."""
    signal.signal(signal.SIGINT, _leave)
    from resdiff.cli import cli

    signal.signal(signal.SIGINT, signal.default_int_handler)
    cli()
