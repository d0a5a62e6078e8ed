"""What the two search index backends share: the tables, syncing versions in, candidates.

An index holds the clauses of one or more stores (``store`` names each), the git tree id each
version was indexed at, and a postings table from word-pair shingles
(:func:`resdiff.search.shingles.shingles`) to clauses. Candidates for a draft are the clauses
sharing the most shingles with it, counted in SQL, ties broken by clause id: the same query
on the same clauses gives the same candidates on SQLite and on PostgreSQL, and the exact
rescoring in :mod:`resdiff.search.precedent` then gives the same ranks and scores.

The SQL is written once with ``?`` placeholders; a backend says how to run it, how to load
rows in bulk, and how it finds the clauses containing a phrase (FTS5, or ``pg_trgm``).
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from resdiff.search.corpus import Clause
from resdiff.search.shingles import shingles

# Bumped whenever the tables or the shingles change: an index of another format is rebuilt.
FORMAT = "1"
# Shingles found in more than this share of the clauses say little; skipped when others exist.
COMMON_SHARE = 0.2

# The tables, with the integer type and the clustered-table suffix of each backend.
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS resdiff_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS stores (name TEXT PRIMARY KEY, root TEXT NOT NULL, head TEXT, "
    "clauses {int} NOT NULL)",
    "CREATE TABLE IF NOT EXISTS versions (store TEXT NOT NULL, path TEXT NOT NULL, "
    "tree TEXT NOT NULL, commit_id TEXT, PRIMARY KEY (store, path))",
    "CREATE TABLE IF NOT EXISTS clauses (id {int} PRIMARY KEY, store TEXT NOT NULL, "
    "path TEXT NOT NULL, symbol TEXT NOT NULL, year {int}, series TEXT NOT NULL, "
    "lang TEXT NOT NULL, unit_id TEXT NOT NULL, position {int} NOT NULL, date TEXT NOT NULL, "
    "text TEXT NOT NULL, form TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS clauses_version ON clauses (store, path)",
    "CREATE TABLE IF NOT EXISTS grams (key {int} NOT NULL, clause {int} NOT NULL, "
    "PRIMARY KEY (key, clause)){clustered}",
)

_CLAUSE_FIELDS = (
    *("id", "store", "path", "symbol", "year", "series", "lang", "unit_id", "position"),
    *("date", "text", "form"),
)
CLAUSE_COLUMNS = (
    "c.id, c.store, c.symbol, c.year, c.series, c.lang, c.unit_id, c.text, c.form, c.date, "
    "c.position, v.commit_id"
)


@dataclass(frozen=True, slots=True)
class IndexedUnit:
    """One searchable unit of a version: language, position, id, text and comparison form."""

    lang: str
    position: int
    unit_id: str
    text: str
    form: str


@dataclass(frozen=True, slots=True)
class IndexedVersion:
    """One version of a store as it goes into the index."""

    path: str  # ``series/FOLDER`` inside the store
    tree: str  # the git tree id of that folder (``meta:<sha256>`` outside git)
    symbol: str
    year: int | None
    series: str
    date: str
    units: tuple[IndexedUnit, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A clause an index proposes, with its comparison form and its place in time.

    ``order`` sorts clauses oldest first: adoption date, symbol, series, store, language,
    position in the resolution.
    """

    clause: Clause
    form: str
    order: tuple[str, str, str, str, str, int]


@dataclass(frozen=True, slots=True)
class IndexedStore:
    """A store an index holds: its name, folder, the commit it was synced at, its clauses."""

    name: str
    root: str
    head: str | None
    clauses: int


def clause_id(store: str, path: str, lang: str, unit_id: str) -> int:
    """A stable 63-bit id for a clause (the same on every backend and every sync).

    Example:
        >>> clause_id("s", "a/B", "fr", "op1") == clause_id("s", "a/B", "fr", "op1")
        True
    """
    digest = hashlib.blake2b(f"{store}\0{path}\0{lang}\0{unit_id}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class SqlIndex(abc.ABC):
    """A search index in a SQL database; subclasses connect and run the statements."""

    location: str

    # ------------------------------------------------------------ backend hooks

    @abc.abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (``?`` placeholders) and return its rows (none for a write)."""

    @abc.abstractmethod
    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abc.abstractmethod
    def _bulk(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into ``table`` as fast as the backend can."""

    @abc.abstractmethod
    def _writing(self, store: str) -> contextlib.AbstractContextManager[None]:
        """A write transaction that no other writer of the same index can interleave with."""

    @abc.abstractmethod
    def _phrase_rows(
        self, words: Sequence[str], series: str | None, lang: str | None
    ) -> list[tuple[Any, ...]]:
        """Rows (``CLAUSE_COLUMNS``) of a superset of the clauses whose form holds ``words``."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def _key_sizes(self, keys: Sequence[int], cap: int) -> list[tuple[int, int]]:
        """``(postings, key)`` for each key present, postings counted up to ``cap``."""
        sizes = []
        for key in keys:
            ((count,),) = self._rows(
                "SELECT count(*) FROM (SELECT 1 FROM grams WHERE key = ? LIMIT ?) AS s",
                (key, cap),
            )
            if count:
                sizes.append((int(count), key))
        return sizes

    # ------------------------------------------------------------------ reading

    def stores(self) -> list[IndexedStore]:
        """The stores this index holds, by name."""
        rows = self._rows("SELECT name, root, head, clauses FROM stores ORDER BY name")
        return [IndexedStore(str(n), str(r), h, int(c)) for n, r, h, c in rows]

    def __len__(self) -> int:
        ((total,),) = self._rows("SELECT coalesce(sum(clauses), 0) FROM stores")
        return int(total)

    def versions(self, store: str) -> dict[str, str]:
        """``{path: tree id}`` of the versions of ``store`` in the index."""
        rows = self._rows("SELECT path, tree FROM versions WHERE store = ?", (store,))
        return {str(path): str(tree) for path, tree in rows}

    def candidates(
        self, keys: Sequence[int], limit: int, lang: str | None = None
    ) -> list[Candidate]:
        """The ``limit`` clauses sharing the most shingles with a draft's ``keys``.

        Shingles held by more than ``COMMON_SHARE`` of the clauses are skipped when others
        are present. Ties are broken by clause id, so every backend proposes the same clauses.
        """
        common = COMMON_SHARE * len(self)
        sizes = self._key_sizes(sorted(keys), int(common) + 1)
        useful = [k for size, k in sizes if size <= common] or [k for _size, k in sizes]
        if not useful:
            return []
        if lang is None:
            sql = (
                f"SELECT clause, count(*) AS n FROM grams WHERE key IN ({_marks(len(useful))}) "
                "GROUP BY clause ORDER BY n DESC, clause LIMIT ?"
            )
            params: list[Any] = [*useful, limit]
        else:
            sql = (
                "SELECT g.clause, count(*) AS n FROM grams g JOIN clauses c ON c.id = g.clause "
                f"WHERE g.key IN ({_marks(len(useful))}) AND c.lang = ? "
                "GROUP BY g.clause ORDER BY n DESC, g.clause LIMIT ?"
            )
            params = [*useful, lang, limit]
        ids = [row[0] for row in self._rows(sql, params)]
        if not ids:
            return []
        rows = self._rows(
            f"SELECT {CLAUSE_COLUMNS} FROM clauses c JOIN versions v "
            f"ON v.store = c.store AND v.path = c.path WHERE c.id IN ({_marks(len(ids))})",
            ids,
        )
        return [_candidate(row) for row in rows]

    def phrase_candidates(
        self, words: Sequence[str], series: str | None = None, lang: str | None = None
    ) -> list[Candidate]:
        """Clauses whose comparison form may hold ``words`` in a row (a superset), oldest first."""
        found = [_candidate(row) for row in self._phrase_rows(words, series, lang)]
        return sorted(found, key=lambda c: c.order)

    # ------------------------------------------------------------------ writing

    def apply(
        self,
        store: str,
        root: str,
        head: str | None,
        removed: Sequence[str],
        added: Sequence[IndexedVersion],
    ) -> None:
        """Replace versions of ``store``: drop ``removed`` paths, (re)write ``added`` ones.

        One transaction: a reader sees the index before or after, never half of it.
        """
        with self._writing(store):
            for path in [*removed, *(v.path for v in added)]:
                self._drop_version(store, path)
            clause_rows: list[tuple[Any, ...]] = []
            gram_rows: list[tuple[int, int]] = []
            commit = head
            for version in added:
                for unit in version.units:
                    number = clause_id(store, version.path, unit.lang, unit.unit_id)
                    clause_rows.append(
                        (
                            *(number, store, version.path, version.symbol, version.year),
                            *(version.series, unit.lang, unit.unit_id, unit.position),
                            *(version.date, unit.text, unit.form),
                        )
                    )
                    gram_rows.extend((key, number) for key in shingles(unit.form))
            versions = [(store, v.path, v.tree, commit) for v in added]
            self._bulk("versions", ("store", "path", "tree", "commit_id"), versions)
            self._bulk("clauses", _CLAUSE_FIELDS, clause_rows)
            self._bulk("grams", ("key", "clause"), gram_rows)
            ((count,),) = self._rows("SELECT count(*) FROM clauses WHERE store = ?", (store,))
            self._rows("DELETE FROM stores WHERE name = ?", (store,))
            self._rows(
                "INSERT INTO stores (name, root, head, clauses) VALUES (?, ?, ?, ?)",
                (store, root, head, int(count)),
            )

    def _drop_version(self, store: str, path: str) -> None:
        rows = self._rows(
            "SELECT id, form FROM clauses WHERE store = ? AND path = ?", (store, path)
        )
        if rows:
            self._many(
                "DELETE FROM grams WHERE key = ? AND clause = ?",
                [(key, number) for number, form in rows for key in shingles(form)],
            )
            self._rows("DELETE FROM clauses WHERE store = ? AND path = ?", (store, path))
        self._rows("DELETE FROM versions WHERE store = ? AND path = ?", (store, path))


def _candidate(row: Sequence[Any]) -> Candidate:
    (_id, store, symbol, year, series, lang, unit_id, text, form, date, position, commit) = row
    clause = Clause(symbol, year, series, lang, unit_id, text, store, commit)
    return Candidate(clause, form, (date, symbol, series, store, lang, int(position)))
