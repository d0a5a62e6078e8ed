"""What the two search index backends share: the tables, syncing versions in, candidates.

An index holds the clauses of one or more stores (``store`` names each), the git tree id each
version was indexed at, and packed posting lists (:mod:`resdiff.search._postings`) from
word-pair shingles (:func:`resdiff.search.shingles.posting_keys`) to clauses. Each clause has
a stable id (a hash of where it comes from, the same on every backend) and a dense number
``seq`` that the lists hold. Candidates for a draft are the clauses sharing the most shingles
with it, counted in one pass over the draft's lists, ties broken by clause id: the same query
on the same clauses gives the same candidates on SQLite and on PostgreSQL, and the exact
rescoring in :mod:`resdiff.search.precedent` then gives the same ranks and scores.

A sync appends one part to each list it touches; a list of more than ``MAX_PARTS`` parts is
merged into one. A clause dropped from the index (its version replaced or removed) is
recorded in ``dead`` and left out of every count, and out of the lists when they are merged.

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

from resdiff.search import _postings
from resdiff.search.corpus import Clause
from resdiff.search.shingles import posting_keys

# Bumped whenever the tables or the shingles change: an index of another format is rebuilt.
FORMAT = "2"
# Shingles found in more than this share of the clauses say little; skipped when others exist.
COMMON_SHARE = 0.2
# A posting list of more parts than this is merged into one when a sync touches it.
MAX_PARTS = 8
# Values per statement when a list of keys or numbers goes into ``IN (…)``.
CHUNK = 5000

# The tables, with the integer and binary types and the clustered-table suffix of each backend.
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS resdiff_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS stores (name TEXT PRIMARY KEY, root TEXT NOT NULL, head TEXT, "
    "clauses {int} NOT NULL)",
    "CREATE TABLE IF NOT EXISTS versions (store TEXT NOT NULL, path TEXT NOT NULL, "
    "tree TEXT NOT NULL, commit_id TEXT, PRIMARY KEY (store, path))",
    "CREATE TABLE IF NOT EXISTS clauses (id {int} PRIMARY KEY, seq {int} NOT NULL UNIQUE, "
    "store TEXT NOT NULL, path TEXT NOT NULL, symbol TEXT NOT NULL, year {int}, "
    "series TEXT NOT NULL, lang TEXT NOT NULL, unit_id TEXT NOT NULL, position {int} NOT NULL, "
    "date TEXT NOT NULL, text TEXT NOT NULL, form TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS clauses_version ON clauses (store, path)",
    "CREATE TABLE IF NOT EXISTS postings (key {int} NOT NULL, part {int} NOT NULL, "
    "seqs {blob} NOT NULL, PRIMARY KEY (key, part))",
    "CREATE TABLE IF NOT EXISTS dead (seq {int} PRIMARY KEY){clustered}",
    "CREATE TABLE IF NOT EXISTS langs (lang TEXT PRIMARY KEY){clustered}",
)
# Counters kept in resdiff_meta: the next clause number, and the next part number.
_NEXT_SEQ = "next_seq"
_NEXT_PART = "next_part"

_CLAUSE_FIELDS = (
    *("id", "seq", "store", "path", "symbol", "year", "series", "lang", "unit_id"),
    *("position", "date", "text", "form"),
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
    position in the resolution. ``shared`` is how many of the draft's shingles it holds.
    """

    clause: Clause
    form: str
    order: tuple[str, str, str, str, str, int]
    shared: int = 0


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


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


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

    def _where_in(
        self, sql: str, values: Sequence[Any], params: Sequence[Any] = ()
    ) -> list[tuple[Any, ...]]:
        """Run ``sql`` whose ``{in}`` is ``IN (…)`` of ``values``, in chunks; all the rows."""
        rows: list[tuple[Any, ...]] = []
        for chunk in _chunks(values):
            rows += self._rows(sql.format(marks=_marks(len(chunk))), [*params, *chunk])
        return rows

    def _posting_rows(self, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        """``(key, part blob)`` of every part of these keys' posting lists."""
        sql = "SELECT key, seqs FROM postings WHERE key IN ({marks})"
        return [(int(key), bytes(blob)) for key, blob in self._where_in(sql, keys)]

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

    def languages(self) -> list[str]:
        """The languages of the indexed clauses (of some clause once indexed, at least)."""
        return [str(row[0]) for row in self._rows("SELECT lang FROM langs ORDER BY lang")]

    def candidates(self, form: str, limit: int, lang: str | None = None) -> list[Candidate]:
        """The ``limit`` clauses sharing the most shingles with a draft's comparison ``form``.

        Shingles held by more than ``COMMON_SHARE`` of the clauses are skipped when others
        are present. Ties are broken by clause id, so every backend proposes the same clauses.
        Most shared shingles first.
        """
        codes = [lang] if lang is not None else self.languages()
        keys = sorted({key for code in codes for key in posting_keys(form, code)})
        parts: dict[int, list[bytes]] = {}
        for key, blob in self._posting_rows(keys):
            parts.setdefault(key, []).append(blob)
        common = COMMON_SHARE * len(self)
        sizes = {key: sum(_postings.length(b) for b in blobs) for key, blobs in parts.items()}
        useful = [k for k in sorted(parts) if sizes[k] <= common] or sorted(parts)
        dead = [int(row[0]) for row in self._rows("SELECT seq FROM dead")]
        counted = _postings.top([b for k in useful for b in parts[k]], dead, limit)
        chosen = list(counted.above)
        room = limit - len(chosen)
        if len(counted.tied) <= room:
            chosen += counted.tied
        else:
            sql = "SELECT id, seq FROM clauses WHERE seq IN ({marks})"
            tied = sorted(self._where_in(sql, counted.tied))
            chosen += [int(seq) for _id, seq in tied[:room]]
        sql = (
            f"SELECT {CLAUSE_COLUMNS}, c.seq FROM clauses c JOIN versions v "
            "ON v.store = c.store AND v.path = c.path WHERE c.seq IN ({marks})"
        )
        rows = sorted(self._where_in(sql, chosen), key=lambda r: (-counted.counts[r[-1]], r[0]))
        return [_candidate(row[:-1], counted.counts[row[-1]]) for row in rows]

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
            seq, part = self._counter(_NEXT_SEQ), self._counter(_NEXT_PART)
            clause_rows: list[tuple[Any, ...]] = []
            lists: dict[int, list[int]] = {}
            codes: set[str] = set()
            for version in added:
                for unit in version.units:
                    number = clause_id(store, version.path, unit.lang, unit.unit_id)
                    clause_rows.append(
                        (
                            *(number, seq, store, version.path, version.symbol, version.year),
                            *(version.series, unit.lang, unit.unit_id, unit.position),
                            *(version.date, unit.text, unit.form),
                        )
                    )
                    for key in posting_keys(unit.form, unit.lang):
                        lists.setdefault(key, []).append(seq)
                    codes.add(unit.lang)
                    seq += 1
            versions = [(store, v.path, v.tree, head) for v in added]
            self._bulk("versions", ("store", "path", "tree", "commit_id"), versions)
            self._bulk("clauses", _CLAUSE_FIELDS, clause_rows)
            touched = sorted(lists)
            self._bulk(
                "postings",
                ("key", "part", "seqs"),
                ((key, part, _postings.pack(lists[key])) for key in touched),
            )
            known = set(self.languages())
            self._bulk("langs", ("lang",), [(code,) for code in sorted(codes - known)])
            self._set_counter(_NEXT_SEQ, seq)
            self._set_counter(_NEXT_PART, part + 1)
            self._merge_parts(touched)
            ((count,),) = self._rows("SELECT count(*) FROM clauses WHERE store = ?", (store,))
            self._rows("DELETE FROM stores WHERE name = ?", (store,))
            self._rows(
                "INSERT INTO stores (name, root, head, clauses) VALUES (?, ?, ?, ?)",
                (store, root, head, int(count)),
            )

    def _counter(self, name: str) -> int:
        rows = self._rows("SELECT value FROM resdiff_meta WHERE name = ?", (name,))
        return int(rows[0][0]) if rows else 0

    def _set_counter(self, name: str, value: int) -> None:
        self._rows("DELETE FROM resdiff_meta WHERE name = ?", (name,))
        self._rows("INSERT INTO resdiff_meta (name, value) VALUES (?, ?)", (name, str(value)))

    def _merge_parts(self, keys: Sequence[int]) -> None:
        """Merge the lists among ``keys`` that have more than ``MAX_PARTS`` parts."""
        sql = (
            "SELECT key FROM postings WHERE key IN ({marks}) GROUP BY key "
            f"HAVING count(*) > {MAX_PARTS}"
        )
        crowded = sorted(int(row[0]) for row in self._where_in(sql, keys))
        if not crowded:
            return
        dead = [int(row[0]) for row in self._rows("SELECT seq FROM dead")]
        sql = "SELECT key, part, seqs FROM postings WHERE key IN ({marks}) ORDER BY key, part"
        grouped: dict[int, list[tuple[int, bytes]]] = {}
        for key, number, blob in self._where_in(sql, crowded):
            grouped.setdefault(int(key), []).append((int(number), bytes(blob)))
        last = {key: max(n for n, _ in found) for key, found in grouped.items()}
        self._many("DELETE FROM postings WHERE key = ? AND part < ?", list(last.items()))
        self._many(
            "UPDATE postings SET seqs = ? WHERE key = ? AND part = ?",
            [
                (_postings.merge([b for _, b in found], dead), key, last[key])
                for key, found in grouped.items()
            ],
        )

    def _drop_version(self, store: str, path: str) -> None:
        rows = self._rows("SELECT seq FROM clauses WHERE store = ? AND path = ?", (store, path))
        if rows:
            self._bulk("dead", ("seq",), rows)
            self._rows("DELETE FROM clauses WHERE store = ? AND path = ?", (store, path))
        self._rows("DELETE FROM versions WHERE store = ? AND path = ?", (store, path))


def _candidate(row: Sequence[Any], shared: int = 0) -> Candidate:
    (_id, store, symbol, year, series, lang, unit_id, text, form, date, position, commit) = row
    clause = Clause(symbol, year, series, lang, unit_id, text, store, commit)
    return Candidate(clause, form, (date, symbol, series, store, lang, int(position)), shared)
