"""``resdiff timeline`` answered from its saved output, before the command line is imported.

A user re-running ``timeline`` on an unchanged, committed series gets what the last run
printed (see :mod:`resdiff._saved_timeline`) without importing click, the store or the model:
the two git commands that say whether the series changed are the whole cost.

When the saved output is stale but git says the series is clean (a version was just added
and committed), :func:`answer` makes the timeline with the library, still without the command
line (click and the modules of every command): the saved history is extended by the new
version (:func:`resdiff.history.saved_series_history`), git is not asked again whether the
series is clean before it is read, and the output is saved for the next run. Anything going
wrong there (an error, a store changing under it) is left to the command line, which runs the
command again from the start and reports it in its own words.

Only the plainest invocations take this path: ``[--store DIR] timeline`` with ``--series``,
``--lang``, ``--format`` and ``--json``, each at most once, on standard streams that write
UTF-8. Anything else (``-o``, ``--pager``, ``-v``, ``--help``, an unknown or repeated option, a
value click would refuse, no saved output, a series that changed) returns False and the command
line runs as always, with its own messages.
"""

from __future__ import annotations

import os

from resdiff import _fast_path
from resdiff import _saved_timeline as saved
from resdiff._languages import SUPPORTED

_GLOBAL = ("--store",)
_OPTIONS = ("--series", "--lang", "--format")
_FLAGS = ("--json",)


def run(args: list[str]) -> bool:
    """Print the saved output of ``resdiff ARGS`` when it is a current timeline; True if so."""
    looked = _look(args)
    return looked is not None and looked[1] is not None and _print(*looked[1])


def answer(args: list[str]) -> bool:
    """:func:`run`, or else, when the saved output is stale and git says the series is clean,
    the timeline made by the library and printed; True if either printed it."""
    looked = _look(args)
    if looked is None:
        return False
    request, found = looked
    if found is not None:
        return _print(*found)
    made = _made(*request)
    return made is not None and _print(*made)


# (store root, series, lang, format, the series folder's clean tree id)
_Request = tuple[str, str, "str | None", str, str]


def _look(args: list[str]) -> tuple[_Request, tuple[str | None, str] | None] | None:
    """What ``resdiff ARGS`` asks for and the saved output if it is current; None when it is
    not a plain timeline, nothing is saved for it, or git cannot vouch for the series."""
    parsed = parse(args)
    if parsed is None or not _fast_path.utf8_streams():
        return None
    root, series, lang, fmt = parsed
    store_json = saved.store_file(root)
    if store_json is None:
        return None
    series = series if series is not None else _default_series(store_json)
    if not series or saved.journal_present(root) or not saved.valid_series(series):
        return None
    data = saved.read_output(root, series, lang, fmt)
    if data is None:
        return None  # a first run pays nothing for looking
    tree = saved.clean_tree_started(root, series)()
    if tree is None:
        return None
    return (root, series, lang, fmt, tree), saved.current_output(data, tree, store_json)


def _made(
    root: str, series: str, lang: str | None, fmt: str, tree: str
) -> tuple[str | None, str] | None:
    """The note and text of the timeline the library makes (and saves), or None when the
    command line should run it instead (anything went wrong: it reports it)."""

    def timeline() -> tuple[str, str | None]:
        from pathlib import Path

        from resdiff import api
        from resdiff.storage import Store

        return api.timeline(Store(Path(root)), series, lang, fmt, clean_tree=tree)

    made = _fast_path.run_library(timeline)
    if made is None:
        return None
    text, note = made
    if "\x1b" in text or (note and "\x1b" in note):
        return None  # click strips escape sequences off a pipe: its echo prints those
    return note, text


def _print(note: str | None, text: str) -> bool:
    """Print a timeline's note (standard error) and text, as the command prints them."""
    return _fast_path.print_out(text, note)


def parse(args: list[str]) -> tuple[str, str | None, str | None, str] | None:
    """``(store root, series or None, lang or None, format)`` of a plain timeline
    invocation, or None for anything else."""
    invocation = _fast_path.read_invocation(args, _GLOBAL, _OPTIONS, _FLAGS)
    if invocation is None or invocation[0] != ["timeline"]:
        return None
    _, given, flags = invocation
    store = _fast_path.store_option(given)
    series = given.get("--series")
    lang = given.get("--lang")
    fmt = "json" if "--json" in flags else given.get("--format", "text")
    if lang is not None:
        lang = lang.lower()
    bad_series = series is not None and not saved.valid_series(series)
    if not store or bad_series or (lang is not None and lang not in SUPPORTED):
        return None
    if fmt not in saved.FORMATS:
        return None
    return os.path.join(os.getcwd(), store), series, lang, fmt


def _default_series(store_json: bytes) -> str | None:
    """``store.json``'s default series, when it names a valid one."""
    import json  # only without --series

    try:
        named = json.loads(store_json.decode("utf-8")).get("default_series")
    except (ValueError, AttributeError):
        return None
    return named if isinstance(named, str) and saved.valid_series(named) else None
