"""Compiled word lists on disk, read word by word, so a process never loads a whole lexicon.

Building a lexicon decodes pyspellchecker's gzipped JSON (140,000 French words) and groups
every word by its accent-free spelling: a quarter of a second that every process which
ingests a text used to pay. The result is saved once under the user cache folder
(:func:`resdiff._cachedir.user_cache_root`, ``lexicon/<lang>-<key>.sqlite3``), and later
processes look up only the words their text holds: a text of a few thousand distinct words
asks a few thousand indexed questions (milliseconds) instead of loading 140,000 words into
dictionaries (60–90 ms and 30 MiB, which is what the earlier ``marshal`` file cost).

The file name's key hashes everything the lexicon is made of — the word lists' bytes, the
resdiff version, this module's format number and the Python version — so a new word list or
a new release never reads a stale file. The file is opened read-only and immutable (it is
never changed once in place); one that cannot be read, is cut short or does not hold what it
should is ignored and rebuilt. Writes are atomic (a temporary file renamed into place):
concurrent processes at worst both build and write the same words.

This module is the only importer of :mod:`sqlite3` for word lists.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from resdiff import __version__
from resdiff._cachedir import user_cache_root

logger = logging.getLogger(__name__)

# Bump when what is saved changes shape (1: one marshal file of two dicts).
FORMAT = 2

V = TypeVar("V")

# Answers kept per table and process: a few texts ask a few thousand words; a long batch of
# OCR texts would otherwise keep every misread token it ever asked about.
MAX_REMEMBERED = 200_000

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, frequency INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE groups (skeleton TEXT PRIMARY KEY, words TEXT NOT NULL) WITHOUT ROWID;
"""
# Each table's key and value columns.
_COLUMNS = {"words": ("word", "frequency"), "groups": ("skeleton", "words")}


def _key(lang: str, inputs: Sequence[str | bytes]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{lang}".encode())
    for part in inputs:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def path_for(lang: str, inputs: Sequence[str | bytes]) -> Path | None:
    """Where the compiled lexicon made of ``inputs`` is kept, or None when caching is off."""
    root = user_cache_root()
    return None if root is None else root / "lexicon" / f"{lang}-{_key(lang, inputs)}.sqlite3"


class _Connection:
    """A read-only connection to one compiled file, opened again in a forked child.

    SQLite connections must not cross ``fork`` (batch ingestion's workers may be forked
    from a process that has read words), so each process opens its own.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._connection: sqlite3.Connection | None = None

    def get(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():
            # immutable: the file never changes once renamed into place, so SQLite needs no
            # locks and no journal; mode=ro: nothing is ever written through this handle.
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            weakref.finalize(self, connection.close)
            self._connection, self._pid = connection, os.getpid()
        return self._connection


class _Table(Mapping[str, V], Generic[V]):
    """One table of a compiled file as a read-only mapping, each key asked once.

    Only ``get``, ``[]`` and ``in`` are cheap; iterating reads the whole table.
    """

    def __init__(
        self, connection: _Connection, table: str, decode: Callable[[Any], V] | None = None
    ) -> None:
        key, value = _COLUMNS[table]
        self._connection = connection
        self._table = table
        self._query = f"SELECT {value} FROM {table} WHERE {key} = ?"
        self._decode = decode
        self._seen: dict[str, V | None] = {}  # key → its value, None when absent

    def _value(self, key: str) -> V | None:
        try:
            return self._seen[key]
        except KeyError:
            row = self._connection.get().execute(self._query, (key,)).fetchone()
            value = None if row is None else self._read(row[0])
            if len(self._seen) >= MAX_REMEMBERED:  # a long batch of OCR texts: misses pile up
                self._seen.clear()
            self._seen[key] = value
            return value

    def _read(self, raw: Any) -> V:
        return raw if self._decode is None else self._decode(raw)

    def __getitem__(self, key: str) -> V:
        value = self._value(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        value = self._value(key) if isinstance(key, str) else None
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._value(key) is not None

    def __iter__(self) -> Iterator[str]:
        column = _COLUMNS[self._table][0]
        rows = self._connection.get().execute(f"SELECT {column} FROM {self._table}")
        return (row[0] for row in rows)

    def __len__(self) -> int:
        query = f"SELECT count(*) FROM {self._table}"
        count: int = self._connection.get().execute(query).fetchone()[0]
        return count


def _words(raw: str) -> tuple[str, ...]:
    return tuple(raw.split("\n"))


Compiled = tuple[Mapping[str, int], Mapping[str, tuple[str, ...]], int]


def load(lang: str, inputs: Sequence[str | bytes]) -> Compiled | None:
    """The saved frequencies, skeleton index and longest length, or None (not saved yet,
    unreadable, cut short, stale). The tables are read on demand.
    """
    path = path_for(lang, inputs)
    if path is None:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None  # not built yet
    connection = _Connection(path)
    try:
        db = connection.get()
        meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
        (pages,) = db.execute("PRAGMA page_count").fetchone()
        (page_size,) = db.execute("PRAGMA page_size").fetchone()
    except sqlite3.Error as exc:
        logger.debug("compiled word list %s unreadable (%s); rebuilding it", path, exc)
        return None
    if (
        meta.get("format") != str(FORMAT)
        or meta.get("key") != _key(lang, inputs)
        or not meta.get("longest", "").isdigit()
        or size != pages * page_size  # a torn copy: pages are missing
    ):
        logger.debug("compiled word list %s does not match; rebuilding it", path)
        return None
    frequencies: _Table[int] = _Table(connection, "words")
    groups: _Table[tuple[str, ...]] = _Table(connection, "groups", _words)
    return frequencies, groups, int(meta["longest"])


def save(
    lang: str,
    inputs: Sequence[str | bytes],
    frequencies: Mapping[str, int],
    groups: Mapping[str, tuple[str, ...]],
    longest: int,
) -> None:
    """Save a compiled lexicon for the next processes; a cache that cannot be written is skipped."""
    path = path_for(lang, inputs)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        try:
            _write(Path(temp), lang, inputs, frequencies, groups, longest)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, sqlite3.Error) as exc:
        logger.debug("cannot save the compiled word list %s (%s)", path, exc)


def _write(
    temp: Path,
    lang: str,
    inputs: Sequence[str | bytes],
    frequencies: Mapping[str, int],
    groups: Mapping[str, tuple[str, ...]],
    longest: int,
) -> None:
    db = sqlite3.connect(temp)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a temporary file: renamed only when whole
        db.executescript(_SCHEMA)
        meta = {"format": str(FORMAT), "key": _key(lang, inputs), "longest": str(longest)}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executemany("INSERT INTO words VALUES (?, ?)", frequencies.items())
        db.executemany(
            "INSERT INTO groups VALUES (?, ?)", ((k, "\n".join(v)) for k, v in groups.items())
        )
        db.commit()
    finally:
        db.close()
