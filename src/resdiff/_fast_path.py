"""What the entry point's fast paths share: reading a plain invocation, running the library
with what it logs held back, printing as click prints.

A fast path (:mod:`resdiff._fast_diff`, :mod:`resdiff._fast_timeline`) answers a command
before click and the command modules are imported, for its plainest invocations only;
anything else, and any failure, goes to the command line, which then says what is wrong.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing costs milliseconds here
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TypeVar

    T = TypeVar("T")

# (the words that are no option, in order; each option's value; the flags given)
Invocation = tuple[list[str], dict[str, str], set[str]]


def read_invocation(
    args: Sequence[str],
    global_options: Sequence[str],
    options: Sequence[str],
    flags: Sequence[str],
) -> Invocation | None:
    """The words, options and flags of ``resdiff ARGS``, or None for anything the fast path
    leaves to click: an option it does not know, one given twice, a value missing or one
    that looks like an option. ``global_options`` may only come before the first word (the
    group's), ``options`` and ``flags`` only after it (the command's)."""
    given: dict[str, str] = {}
    seen: set[str] = set()
    words: list[str] = []
    pending = list(args)
    while pending:
        word = pending.pop(0)
        if not word.startswith("-"):
            words.append(word)
            continue
        if word in flags and words and word not in seen:
            seen.add(word)
            continue
        name, equals, value = word.partition("=")
        allowed = options if words else global_options
        if name not in allowed or name in given:
            return None
        if not equals:
            if not pending:
                return None
            value = pending.pop(0)
        if not value or value.startswith("-"):
            return None
        given[name] = value
    return words, given, seen


def store_option(given: dict[str, str]) -> str:
    """The store folder ``--store`` (or ``RESDIFF_STORE``) names, as the group reads it
    ("" when set empty: left to click)."""
    return given.get("--store", os.environ.get("RESDIFF_STORE", "resolutions"))


def utf8_streams() -> bool:
    """Whether standard output and error write UTF-8 (else click's echo is left to it)."""
    return all(_utf8(stream) for stream in (sys.stdout, sys.stderr))


def _utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None)
    return isinstance(encoding, str) and encoding.lower().replace("-", "") == "utf8"


def run_library(work: Callable[[], T]) -> T | None:
    """``work()``, with what the library logs held back and said (on standard error, as the
    group says it) only if it succeeds; None on any error, left to the command line, which
    runs the command again and logs it itself.

    What is made meanwhile lives to the end and holds no cycle: the cyclic collector is
    paused (walking it all again and again, it would find nothing to free).
    """
    import gc
    import io
    import logging

    held = io.StringIO()
    handler = logging.StreamHandler(held)
    handler.setFormatter(logging.Formatter("resdiff: %(message)s"))
    logging.root.addHandler(handler)
    level = logging.root.level
    logging.root.setLevel(logging.WARNING)
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = work()
    except Exception:  # the command line runs it again and says what it is
        return None
    finally:
        logging.root.removeHandler(handler)
        logging.root.setLevel(level)
        if collecting:
            gc.enable()
    if held.getvalue():
        sys.stderr.write(held.getvalue())
        sys.stderr.flush()
    return result


def print_out(text: str, note: str | None = None) -> bool:
    """Print a command's note (standard error, ``note: …``) and text, as click prints them;
    True. A reader gone away (``| head``) exits 1 quietly, as click does."""
    try:
        if note:
            sys.stderr.write(f"note: {note}\n")
            sys.stderr.flush()
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    return True
