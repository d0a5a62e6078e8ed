"""Where things live in a store: pure functions from names to relative paths, no I/O.

::

    resolutions/                     the store root
      store.json                     marks the folder as a resdiff store; default series
      <series>/<SYMBOL-FOLDER>/      one folder per version, e.g. ecosoc-trafficking/E-RES-2021-25
        meta.json                    symbol, date, languages, unit order, source sha256
        <lang>/source.<ext>          the raw source, byte for byte
        <lang>/units/<unit-id>.txt   one canonical unit per file
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from resdiff.errors import StoreError
from resdiff.symbols import ResolutionSymbol

STORE_FILE = "store.json"
META_FILE = "meta.json"
LOCK_FILE = ".resdiff.lock"
JOURNAL_FILE = ".resdiff-journal.json"  # the intent of the write in progress
TEMP_PREFIX = ".resdiff-tmp-"
OLD_PREFIX = ".resdiff-old-"
CACHE_DIR = ".resdiff-cache"  # comparisons and indexes resdiff can recompute
IGNORED = (LOCK_FILE, ".resdiff-journal*", f"{TEMP_PREFIX}*/", f"{OLD_PREFIX}*/", f"{CACHE_DIR}/")
# The names IGNORED matches (the first part of a path relative to the store).
_IGNORED_RE = re.compile(
    rf"^(?:{re.escape(LOCK_FILE)}|\.resdiff-journal.*|{re.escape(TEMP_PREFIX)}.*"
    rf"|{re.escape(OLD_PREFIX)}.*|{re.escape(CACHE_DIR)})$"
)

_SERIES_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_UNIT_ID_RE = re.compile(
    r"^(?:title|formula|closing|(?:pp|op|fn|p)\d{1,4})(?:\.(?:[a-z]{1,2}|[ivx]{1,5})){0,3}(?:-\d{1,4})?$"
)
# A symbol's folder (``ResolutionSymbol.folder``): a capital first, then letters, digits,
# hyphens and single dots (``E-CN.15-2021-L.3-Rev.1``), never ``..``.
_FOLDER_RE = re.compile(r"^[A-Z](?:[A-Za-z0-9-]|\.(?![.]|$)){0,63}$")
_LANG_RE = re.compile(r"^[a-z]{2}$")
_FORMAT_RE = re.compile(r"^[a-z0-9]{1,5}$")


def check_series(series: str) -> str:
    """Validate a series name (lower-case letters, digits, hyphens).

    Raises:
        StoreError: the name could not be a folder name safely.
    """
    if not _SERIES_RE.fullmatch(series):
        raise StoreError(
            f"{series!r} is not a valid series name; use lower-case letters, digits and hyphens"
        )
    return series


def version_dir(series: str, symbol: str | ResolutionSymbol) -> PurePosixPath:
    """``ecosoc-trafficking/E-RES-2021-25``: the folder of one version.

    Raises:
        InvalidSymbol: the symbol is malformed (``../../etc`` and the like never get here).
    """
    parsed = symbol if isinstance(symbol, ResolutionSymbol) else ResolutionSymbol.parse(symbol)
    return PurePosixPath(check_series(series)) / parsed.folder


def check_version_dir(text: str) -> PurePosixPath:
    """Validate a version folder read back from a file (``series/SYMBOL-FOLDER``).

    Raises:
        StoreError: the path is not of the shape :func:`version_dir` makes.
    """
    parts = text.split("/")
    if len(parts) != 2 or not _FOLDER_RE.fullmatch(parts[1]):
        raise StoreError(f"{text!r} is not a version folder")
    return PurePosixPath(check_series(parts[0]), parts[1])


def language_dir(version: PurePosixPath, lang: str) -> PurePosixPath:
    """``…/E-RES-2021-25/fr``."""
    if not _LANG_RE.fullmatch(lang):
        raise StoreError(f"{lang!r} is not a two-letter language code")
    return version / lang


def source_path(version: PurePosixPath, lang: str, fmt: str) -> PurePosixPath:
    """``…/fr/source.txt``: the raw source of one language."""
    if not _FORMAT_RE.fullmatch(fmt):
        raise StoreError(f"{fmt!r} is not a source format")
    return language_dir(version, lang) / f"source.{fmt}"


def units_dir(version: PurePosixPath, lang: str) -> PurePosixPath:
    """``…/fr/units``: the folder of one language's unit files."""
    return language_dir(version, lang) / "units"


def unit_file_name(unit_id: str) -> str:
    """``pp8.a.txt``: the name of one unit's file in :func:`units_dir`.

    Raises:
        StoreError: the unit id is not of the shape resdiff writes.
    """
    if not _UNIT_ID_RE.fullmatch(unit_id):
        raise StoreError(f"{unit_id!r} is not a unit id")
    return f"{unit_id}.txt"


def unit_path(version: PurePosixPath, lang: str, unit_id: str) -> PurePosixPath:
    """``…/fr/units/pp8.a.txt``: the canonical text of one unit.

    Raises:
        StoreError: the unit id is not of the shape resdiff writes.
    """
    return units_dir(version, lang) / unit_file_name(unit_id)


def is_ignored(relative: PurePosixPath) -> bool:
    """True for a path the store's ``.gitignore`` keeps out of git (lock, journal, leftovers,
    cache), at the store root or, for leftovers, in a series folder."""
    parts = relative.parts
    return bool(parts) and (
        _IGNORED_RE.fullmatch(parts[0]) is not None
        or (len(parts) > 1 and parts[1].startswith((TEMP_PREFIX, OLD_PREFIX)))
    )


def outside_layout(relative: PurePosixPath) -> bool:
    """True for a file path (relative to the store) that is not one the layout above holds.

    >>> outside_layout(PurePosixPath("ecosoc-trafficking/E-RES-2021-25/fr/units/op1.txt"))
    False
    >>> outside_layout(PurePosixPath("ecosoc-trafficking/E-RES-2021-25/fr/notes.txt"))
    True
    """
    parts = relative.parts
    if len(parts) == 1:
        return parts[0] not in (STORE_FILE, ".gitignore") and not is_ignored(relative)
    if is_ignored(relative):
        return False
    if not (_SERIES_RE.fullmatch(parts[0]) and _FOLDER_RE.fullmatch(parts[1])):
        return True
    if len(parts) == 3:
        return parts[2] != META_FILE
    if not _LANG_RE.fullmatch(parts[2]):
        return True
    if len(parts) == 4:
        name = parts[3]
        return not (name.startswith("source.") and _FORMAT_RE.fullmatch(name[len("source.") :]))
    return not (
        len(parts) == 5
        and parts[3] == "units"
        and parts[4].endswith(".txt")
        and _UNIT_ID_RE.fullmatch(parts[4][: -len(".txt")]) is not None
    )
