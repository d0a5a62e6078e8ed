"""``resdiff timeline`` answered from its saved output, before the command line is imported.

A user re-running ``timeline`` on an unchanged, committed series gets what the last run
printed (see :mod:`resdiff._saved_timeline`) without importing click, the store or the model:
the two git commands that say whether the series changed are the whole cost.

Only the plainest invocations take this path: ``[--store DIR] timeline`` with ``--series``,
``--lang``, ``--format`` and ``--json``, each at most once, on standard streams that write
UTF-8. Anything else (``-o``, ``--pager``, ``-v``, ``--help``, an unknown or repeated option, a
value click would refuse, no saved output, a series that changed) returns False and the command
line runs as always, with its own messages.
"""

from __future__ import annotations

import os
import sys

from resdiff import _saved_timeline as saved
from resdiff._languages import SUPPORTED

_GLOBAL = ("--store",)
_OPTIONS = ("--series", "--lang", "--format")


def run(args: list[str]) -> bool:
    """Print the saved output of ``resdiff ARGS`` when it is a current timeline; True if so."""
    parsed = parse(args)
    if parsed is None or not _utf8(sys.stdout) or not _utf8(sys.stderr):
        return False
    root, series, lang, fmt = parsed
    store_json = saved.store_file(root)
    if store_json is None:
        return False
    series = series if series is not None else _default_series(store_json)
    found = saved.saved_output(root, series, lang, fmt, store_json) if series else None
    if found is None:
        return False
    note, text = found
    try:
        if note:
            sys.stderr.write(f"note: {note}\n")
            sys.stderr.flush()
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): exit 1 quietly, as click does
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    return True


def parse(args: list[str]) -> tuple[str, str | None, str | None, str] | None:
    """``(store root, series or None, lang or None, format)`` of a plain timeline
    invocation, or None for anything else."""
    given: dict[str, str] = {}
    flags: set[str] = set()
    words = list(args)
    command_seen = False
    while words:
        word = words.pop(0)
        if word == "timeline" and not command_seen:
            command_seen = True
            continue
        if word == "--json" and command_seen and word not in flags:
            flags.add(word)
            continue
        name, equals, value = word.partition("=")
        allowed = _OPTIONS if command_seen else _GLOBAL
        if name not in allowed or name in given:
            return None
        if not equals:
            if not words:
                return None
            value = words.pop(0)
        if not value or value.startswith("-"):
            return None
        given[name] = value
    if not command_seen:
        return None
    store = given.get("--store", os.environ.get("RESDIFF_STORE", "resolutions"))
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


def _utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None)
    return isinstance(encoding, str) and encoding.lower().replace("-", "") == "utf8"


def _default_series(store_json: bytes) -> str | None:
    """``store.json``'s default series, when it names a valid one."""
    import json  # only without --series

    try:
        named = json.loads(store_json.decode("utf-8")).get("default_series")
    except (ValueError, AttributeError):
        return None
    return named if isinstance(named, str) and saved.valid_series(named) else None
