"""Saved ``timeline`` outputs: a re-run on an unchanged, committed series prints one file.

The command line saves what ``timeline`` printed (its standard output, and its note on
standard error) beside the saved history (:mod:`resdiff.history._saved`), with what it was
made from: the resdiff version, the git tree id of the series folder at HEAD (taken only when
git says nothing in that folder is staged, modified or untracked) and the bytes of
``store.json``. :mod:`resdiff._fast_timeline` prints it again while all three are the same,
before the command line (click, the store, the model) is imported.

This module imports nothing beyond what the interpreter loads at start-up (``os``, ``sys``):
no ``subprocess`` (git is spawned by :mod:`resdiff._git_read`), no ``json``, no ``pathlib``.
"""

from __future__ import annotations

import os

from resdiff import __version__
from resdiff._git_read import git_output, start_git

TYPE_CHECKING = False  # not typing's: importing typing costs milliseconds here
if TYPE_CHECKING:
    from collections.abc import Callable

# Bump when what is saved, or how a timeline is rendered, changes without a version bump.
OUTPUT_FORMAT = 1
FORMATS = ("text", "json", "html")
_MAGIC = f"resdiff-timeline-output {OUTPUT_FORMAT}"
_FOLDER = "timeline"
_STORE_FILE = "store.json"  # resdiff.storage.layout.STORE_FILE (not imported: it is heavy)
_CACHE_DIR = ".resdiff-cache"  # resdiff.storage.layout.CACHE_DIR
_JOURNAL_FILE = ".resdiff-journal.json"  # resdiff.storage.layout.JOURNAL_FILE
_SERIES_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def valid_series(name: str) -> bool:
    """The rule of :func:`resdiff.storage.layout.check_series`, without a regex."""
    return 0 < len(name) <= 64 and name[0] != "-" and set(name) <= _SERIES_CHARS


def cache_folder(store_root: str) -> str | None:
    """The store's cache folder as :func:`resdiff._cachedir.cache_root` finds it, or None
    when caching is off or the folder is a link (that function warns about it)."""
    override = os.environ.get("RESDIFF_CACHE")
    if override == "off":
        return None
    if override:
        return override
    folder = os.path.join(store_root, _CACHE_DIR)
    return None if os.path.islink(folder) else folder


def _path(cache: str, series: str, lang: str | None, fmt: str) -> str:
    return os.path.join(cache, _FOLDER, f"{series}.{lang or 'any'}.{fmt}")


def store_file(store_root: str) -> bytes | None:
    """The bytes of ``store.json`` (part of what a saved output is made from), or None."""
    try:
        with open(os.path.join(store_root, _STORE_FILE), "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _header(tree: str, store_json: bytes, note: str | None) -> str:
    return f"{_MAGIC}\n{__version__}\n{tree}\n{store_json.hex()}\n{note or ''}\n"


def write_output(
    store_root: str, series: str, lang: str | None, fmt: str, made_from: tuple[str, bytes],
    note: str | None, text: str,
) -> None:  # fmt: skip
    """Save what ``timeline`` prints; a cache that cannot be written is skipped.

    Args:
        store_root: the store's folder.
        series: the series.
        lang: the language asked for (None: the series' commonest one).
        fmt: ``text``, ``json`` or ``html``.
        made_from: the git tree id of the series folder the history was read or saved for,
            and the bytes of ``store.json`` read before it.
        note: the note printed on standard error (one line), or None.
        text: what is printed on standard output.
    """
    cache = cache_folder(store_root)
    if cache is None or fmt not in FORMATS or not valid_series(series):
        return
    if "\x1b" in text or (note and ("\x1b" in note or "\n" in note)):
        return  # click strips escape sequences off a pipe: only outputs it prints as they are
    tree, store_json = made_from
    path = _path(cache, series, lang, fmt)
    try:
        import pathlib

        from resdiff._cachedir import prepare, write_atomically

        prepare(pathlib.Path(cache))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomically(path, _header(tree, store_json, note) + text)
    except OSError:
        pass  # it only costs time; the history itself is saved (or not) on its own


def read_output(store_root: str, series: str, lang: str | None, fmt: str) -> str | None:
    """The file saved for this series, language and format, or None (no git is asked
    then: a first run pays nothing for looking)."""
    cache = cache_folder(store_root)
    if cache is None:
        return None
    try:
        with open(_path(cache, series, lang, fmt), encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def current_output(data: str, tree: str, store_json: bytes) -> tuple[str | None, str] | None:
    """The note and text of a saved file (:func:`read_output`) if it was made from this
    tree and this ``store.json`` by this resdiff; else None."""
    head = _header(tree, store_json, "")[:-1]  # up to the note
    if not data.startswith(head):
        return None
    note, newline, text = data[len(head) :].partition("\n")
    return (note or None, text) if newline else None


def clean_tree_started(store_root: str, series: str) -> Callable[[], str | None]:
    """:func:`resdiff.storage.git.clean_tree` with the same two git commands, spawned now:
    call the result for the tree id (None: no git, not in HEAD, or something changed)."""
    tree = start_git(store_root, ["rev-parse", "--verify", "--quiet", f"HEAD:./{series}"])
    status = start_git(store_root, ["--no-optional-locks", "status", "--porcelain", "-z",
                                    "--untracked-files=all", "--", series])  # fmt: skip

    def answer() -> str | None:
        found, changes = git_output(tree), git_output(status)
        return found.strip() if found and changes == "" else None

    return answer


def journal_present(store_root: str) -> bool:
    """Whether a write is in flight (the store then reads HEAD's commit: see Store)."""
    return os.path.lexists(os.path.join(store_root, _JOURNAL_FILE))
