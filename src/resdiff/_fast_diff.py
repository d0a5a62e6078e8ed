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

from resdiff import _fast_path
from resdiff._argv import is_selector, use_color

_GLOBAL = ("--store",)
_OPTIONS = ("--format",)
_FLAGS = ("--no-color",)
_TEXT_FORMATS = ("terminal", "json", "markdown", "html")


def run(args: list[str]) -> bool:
    """Print the report of ``resdiff ARGS`` when it is a plain diff of two stored versions;
    True if done, False to leave it to the command line."""
    parsed = parse(args)
    if parsed is None or not _fast_path.utf8_streams():
        return False
    store_dir, old, new, fmt, color = parsed

    def report() -> str:
        from pathlib import Path

        from resdiff import api
        from resdiff.render import render
        from resdiff.storage import Store

        comparison = api.diff(Store(Path(store_dir)), old, new)
        return render(comparison, fmt, color=color, show_all=False, explain=False)

    text = _fast_path.run_library(report)
    return text is not None and _fast_path.print_out(text)


def parse(args: list[str]) -> tuple[str, str, str, str, bool] | None:
    """``(store folder, old, new, format, colour)`` of a plain diff of two stored versions,
    or None for anything else."""
    invocation = _fast_path.read_invocation(args, _GLOBAL, _OPTIONS, _FLAGS)
    if invocation is None:
        return None
    words, given, flags = invocation
    if words[:1] == ["diff"]:
        words = words[1:]
    if len(words) != 2 or not all(_stored(word) for word in words):
        return None
    fmt = given.get("--format", "terminal")
    store = _fast_path.store_option(given)
    if fmt not in _TEXT_FORMATS or not store:
        return None
    color = use_color("never" if "--no-color" in flags else "auto")
    return store, words[0], words[1], fmt, color


def _stored(word: str) -> bool:
    """A version selector that names no file (``diff`` reads an existing file as a file)."""
    return is_selector(word) and not os.path.lexists(word)
