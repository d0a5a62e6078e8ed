"""``resdiff OLD NEW`` of two stored versions, run before the command line is imported.

The command users type most compares two versions of the store. Through the command line it
pays for click and the command modules (about a third of the whole run); here the entry point
reads the plain invocations itself and calls the library as the ``diff`` command does, with
the same report on standard output.

Only these take the path: ``[--store DIR] [diff] OLD NEW`` with ``--format`` (a text format)
and ``--no-color``, each at most once, OLD and NEW version selectors that are not files, on
standard streams that write UTF-8. Anything else (``-o``, ``--pager``, ``--exit-code``, ``-v``,
a file, an unknown or repeated option), and any error at all (an unknown version, a store
that cannot be read), returns False before anything is printed: the command line then runs
the command as always, with its own messages. Nothing is written but the comparison cache,
which the command line would write too.
"""

from __future__ import annotations

import os
import sys

from resdiff._argv import is_selector, use_color

_GLOBAL = ("--store",)
_OPTIONS = ("--format",)
_FLAGS = ("--no-color",)
_TEXT_FORMATS = ("terminal", "json", "markdown", "html")


def run(args: list[str]) -> bool:
    """Print the report of ``resdiff ARGS`` when it is a plain diff of two stored versions;
    True if done, False to leave it to the command line."""
    parsed = parse(args)
    if parsed is None or not _utf8(sys.stdout) or not _utf8(sys.stderr):
        return False
    store_dir, old, new, fmt, color = parsed
    text = _report(store_dir, old, new, fmt, color)
    if text is None:
        return False
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): exit 1 quietly, as click does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    return True


def _report(store_dir: str, old: str, new: str, fmt: str, color: bool) -> str | None:
    """The report the ``diff`` command prints, or None on any error (said by the command
    line when it runs the command again)."""
    import logging

    # What the library logs is held, and printed as the group prints it (on standard error,
    # one line each) only if the report is made: else the command line logs it again.
    class Held(logging.Handler):  # not logging.handlers' MemoryHandler: slow to import
        def __init__(self) -> None:
            super().__init__()
            self.records: list[logging.LogRecord] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.records.append(record)

    held = Held()
    root = logging.getLogger()
    root.addHandler(held)
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        from pathlib import Path

        from resdiff import api
        from resdiff.render import render
        from resdiff.storage import Store

        comparison = api.diff(Store(Path(store_dir)), old, new)
        text = render(comparison, fmt, color=color, show_all=False, explain=False)
    except Exception:
        return None
    finally:
        root.removeHandler(held)
        root.setLevel(level)
    logging.basicConfig(level=logging.WARNING, format="resdiff: %(message)s", stream=sys.stderr)
    for record in held.records:
        root.handle(record)
    return text


def parse(args: list[str]) -> tuple[str, str, str, str, bool] | None:
    """``(store folder, old, new, format, colour)`` of a plain diff of two stored versions,
    or None for anything else."""
    given: dict[str, str] = {}
    flags: set[str] = set()
    words: list[str] = []
    pending = list(args)
    while pending:
        word = pending.pop(0)
        if not word.startswith("-"):
            words.append(word)
            continue
        if word in _FLAGS and words and word not in flags:
            flags.add(word)
            continue
        name, equals, value = word.partition("=")
        allowed = _OPTIONS if words else _GLOBAL
        if name not in allowed or name in given:
            return None
        if not equals:
            if not pending:
                return None
            value = pending.pop(0)
        if not value or value.startswith("-"):
            return None
        given[name] = value
    if words[:1] == ["diff"]:
        words = words[1:]
    if len(words) != 2 or not all(_stored(word) for word in words):
        return None
    fmt = given.get("--format", "terminal")
    store = given.get("--store", os.environ.get("RESDIFF_STORE", "resolutions"))
    if fmt not in _TEXT_FORMATS or not store:
        return None
    color = use_color("never" if "--no-color" in flags else "auto")
    return store, words[0], words[1], fmt, color


def _stored(word: str) -> bool:
    """A version selector that names no file (``diff`` reads an existing file as a file)."""
    return is_selector(word) and not os.path.lexists(word)


def _utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None)
    return isinstance(encoding, str) and encoding.lower().replace("-", "") == "utf8"
