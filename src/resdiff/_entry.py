"""The ``resdiff`` command's entry point: Ctrl-C is handled from its first instruction.

Importing the command line takes a moment (click, the pipeline); a Ctrl-C in that time would
print a ``KeyboardInterrupt`` traceback, and one while click parses the options would print
"Aborted!" with status 1. Until the command runs, Ctrl-C exits at once with one line and
status 130 (nothing has been touched yet: imports, options, the group opening the store);
once it runs, :func:`resdiff.cli._group.handle_errors` answers it, after the store has
finished or undone its write (:mod:`resdiff.storage.transaction`).
"""

from __future__ import annotations

# _signal, os and sys are loaded by the interpreter's own start-up (importing them runs
# nothing); signal.py is not (it builds enums: a Ctrl-C there would be a traceback, and it
# costs a few milliseconds): this module uses the C half alone, which has all it needs.
import _signal  # type: ignore[import-not-found]  # no stubs: the C half of signal.py
import os
import sys

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _leave(signum: int, frame: object) -> None:
    sys.stderr.write("Error: interrupted (Ctrl-C) before the command started; nothing changed\n")
    sys.stderr.flush()
    os._exit(INTERRUPTED)  # nothing to clean up: no file has been opened for writing


# At import, not in main(): the console script imports this module, then calls main(); a
# Ctrl-C in between would otherwise be a KeyboardInterrupt traceback. Imported from another
# thread (a library user's), signals cannot be set: nothing to do then.
try:  # noqa: SIM105 - contextlib is not loaded yet at this point: a try costs nothing
    _signal.signal(_signal.SIGINT, _leave)
except ValueError:
    pass


def main() -> None:
    """Run the ``resdiff`` command."""
    _signal.signal(_signal.SIGINT, _leave)  # again: a caller may have changed it since
    if sys.argv[1:] == ["--version"]:
        # Scripts and shells run `resdiff --version` to check the tool: answered without
        # importing the command line (click and every command's module, ~50 ms), in the
        # words of the group's own --version option (tests/test_startup.py holds them equal).
        from resdiff import __version__

        sys.stdout.write(f"resdiff, version {__version__}\n")
        sys.stdout.flush()
        return
    if "timeline" in sys.argv[1:]:
        # A re-run on an unchanged series prints the saved output, before click is imported
        # (and one after an add extends it, still without click).
        from resdiff._fast_timeline import answer

        if answer(sys.argv[1:]):
            return
    if len(sys.argv) > 2 and not sys.argv[1].startswith("-h"):
        # `resdiff 2019 2021` of two stored versions: run by the library itself, before click
        # and the command modules are imported (anything unusual returns False).
        from resdiff._fast_diff import run as run_diff

        if run_diff(sys.argv[1:]):
            return
    from resdiff.cli import cli

    # The handler stays until the command itself runs (handle_errors takes Ctrl-C over
    # there): click would otherwise answer a Ctrl-C while it parses with "Aborted!", exit 1.
    cli()


def take_over_ctrl_c() -> None:
    """From here on Ctrl-C raises ``KeyboardInterrupt`` (the command is running)."""
    if _signal.getsignal(_signal.SIGINT) is _leave:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


def ignore_late_ctrl_c() -> None:
    """Once the command has finished, Ctrl-C is ignored while the process exits.

    Python turns a Ctrl-C during its exit into death by SIGINT, hiding the command's own
    status (0, or 2 with the error already printed). Only in the main thread, and only when
    the command took Ctrl-C over (a library user's own handler is left alone).
    """
    import contextlib

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        with contextlib.suppress(ValueError):  # not the main thread
            _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
