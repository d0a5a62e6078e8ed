"""What the two search index backends share: the tables, syncing versions in, candidates.

An index holds the clauses of one or more stores (``store`` names each), the git tree id each
version was indexed at, and packed posting lists (:mod:`resdiff.search._postings`) from
word-pair shingles (:func:`resdiff.search.shingles.posting_keys`) to clauses. Each clause has
a stable id (a hash of where it comes from, the same on every backend) and a dense number
``seq`` that the lists hold. Candidates for a draft are the clauses sharing the most shingles
with it, counted in one pass over the draft's lists, ties broken by clause id: the same query
on the same clauses gives the same candidates on SQLite and on PostgreSQL, and the exact
rescoring in :mod:`resdiff.search.precedent` then gives the same ranks and scores.

Candidates are the clauses closest by the Dice coefficient of shingle sets, which needs each
clause's number of shingles: ``sizes`` keeps them packed, two bytes a clause, in blocks of
65,536 clause numbers (a query reads a few blobs, not a row per clause).

A sync appends one part to each list it touches; a list of more than ``MAX_PARTS`` parts is
merged into one. A clause dropped from the index (its version replaced or removed) leaves
every list in the same transaction: its shingles, recomputed from its comparison form, name
the lists that hold it, and those are merged without it. (``dead`` lists the clauses an
index made before the packed counts left in its lists; they are purged when it is
upgraded.)

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
# Added to format 2 without a new number (older resdiff versions still read such an index);
# an index without it is upgraded in place when opened (see SqlIndex._upgrade).
SIZES_TABLE = "sizes"
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
    "CREATE TABLE IF NOT EXISTS sizes (block {int} PRIMARY KEY, data {blob} NOT NULL)",
)
# The bytes of each part of some posting lists (SQLite and PostgreSQL both answer ``length``
# of a blob from its header, without reading it).
_LIST_LENGTHS = "SELECT key, length(seqs) FROM postings WHERE key IN ({marks})"
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
class _Snapshot:
    """What every query reads besides its own lists, kept while the index is unchanged.

    ``generation`` is the part counter, which every sync raises: a client keeping its
    connection reads it (one short row) instead of the clause count, the languages, the
    dropped clauses and the packed shingle counts (2 MiB at a million clauses) each time.
    """

    generation: int
    clauses: int
    languages: tuple[str, ...]
    dead: tuple[int, ...]
    sizes: _postings.SizeTable


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
    _snapshot_kept: _Snapshot | None = None

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

    def _useful_lists(self, keys: Sequence[int], common: float) -> list[tuple[int, bytes]]:
        """``(key, part blob)`` of the lists of ``keys`` holding at most ``common`` clauses
        (of all of them when every list holds more).

        The lists' lengths are asked first (the database knows them without reading the
        blobs): the common shingles' lists, the longest, are then never read.
        """
        sizes: dict[int, int] = {}
        for key, size in self._where_in(_LIST_LENGTHS, keys):
            sizes[int(key)] = sizes.get(int(key), 0) + int(size) // 4
        useful = [k for k in sorted(sizes) if sizes[k] <= common] or sorted(sizes)
        return self._posting_rows(useful)

    def _size_rows(self) -> list[tuple[int, bytes]]:
        """``(block, blob)`` of the packed shingle counts of every clause."""
        return [(int(b), bytes(d)) for b, d in self._rows("SELECT block, data FROM sizes")]

    # ------------------------------------------------------------------ reading

    def stores(self) -> list[IndexedStore]:
        """The stores this index holds, by name."""
        rows = self._rows("SELECT name, root, head, clauses FROM stores ORDER BY name")
        return [IndexedStore(str(n), str(r), h, int(c)) for n, r, h, c in rows]

    def __len__(self) -> int:
        ((total,),) = self._rows("SELECT coalesce(sum(clauses), 0) FROM stores")
        return int(total)

    def _snapshot(self) -> _Snapshot:
        """The clause count, languages, dropped clauses and shingle counts, as of now.

        Read again only when a sync has changed the index since they were last read (the
        part counter is read first: a sync committed meanwhile leaves a snapshot newer than
        its generation, read again next time, never an older one).
        """
        generation = self._counter(_NEXT_PART)
        kept = self._snapshot_kept
        if kept is None or kept.generation != generation:
            kept = _Snapshot(
                generation,
                len(self),
                tuple(self.languages()),
                tuple(int(row[0]) for row in self._rows("SELECT seq FROM dead")),
                _postings.SizeTable(self._size_rows()),
            )
            self._snapshot_kept = kept
        return kept

    def versions(self, store: str) -> dict[str, str]:
        """``{path: tree id}`` of the versions of ``store`` in the index."""
        rows = self._rows("SELECT path, tree FROM versions WHERE store = ?", (store,))
        return {str(path): str(tree) for path, tree in rows}

    def languages(self) -> list[str]:
        """The languages of the indexed clauses (of some clause once indexed, at least)."""
        return [str(row[0]) for row in self._rows("SELECT lang FROM langs ORDER BY lang")]

    def candidates(self, form: str, limit: int, lang: str | None = None) -> list[Candidate]:
        """The ``limit`` clauses closest to a draft's comparison ``form`` by shared shingles.

        Closeness is the Dice coefficient of the two shingle sets (see
        :class:`~resdiff.search._postings.Counted`). Shingles held by more than
        ``COMMON_SHARE`` of the clauses are not counted when others are present. Ties are
        broken by clause id, so every backend proposes the same clauses. Closest first.
        """
        chosen, counted = self._closest(form, limit, lang)
        return self.clauses_at(chosen, counted.counts)

    def candidate_forms(
        self, form: str, limit: int, lang: str | None = None
    ) -> list[tuple[int, str]]:
        """``(clause number, comparison form)`` of the clauses :meth:`candidates` proposes.

        What exact scoring needs, without the rest of each row (fetched by
        :meth:`clauses_at` for the few that rank).
        """
        chosen, _counted = self._closest(form, limit, lang)
        sql = "SELECT seq, form FROM clauses WHERE seq IN ({marks})"
        found: dict[int, str] = dict(self._where_in(sql, chosen))  # (int, str) rows
        return [(seq, found[seq]) for seq in chosen if seq in found]

    def clauses_at(
        self, seqs: Sequence[int], counts: dict[int, int] | None = None
    ) -> list[Candidate]:
        """The clauses of these numbers as candidates, in the order given."""
        sql = (
            f"SELECT {CLAUSE_COLUMNS}, c.seq FROM clauses c JOIN versions v "
            "ON v.store = c.store AND v.path = c.path WHERE c.seq IN ({marks})"
        )
        rows = {int(row[-1]): row for row in self._where_in(sql, seqs)}
        shared = counts or {}
        return [_candidate(rows[s][:-1], shared.get(s, 0)) for s in seqs if s in rows]

    def _closest(
        self, form: str, limit: int, lang: str | None
    ) -> tuple[list[int], _postings.Counted]:
        """The numbers of the ``limit`` closest clauses, closest first, and their counts."""
        snapshot = self._snapshot()
        codes = [lang] if lang is not None else list(snapshot.languages)
        by_code = {code: posting_keys(form, code) for code in codes}
        keys = sorted({key for found in by_code.values() for key in found})
        parts: dict[int, list[bytes]] = {}
        for key, blob in self._useful_lists(keys, COMMON_SHARE * snapshot.clauses):
            parts.setdefault(key, []).append(blob)
        draft_size = max((len(found) for found in by_code.values()), default=0)
        blobs = [b for k in sorted(parts) for b in parts[k]]
        counted = _postings.top(blobs, snapshot.dead, limit, snapshot.sizes, draft_size)
        chosen = list(counted.above)
        room = limit - len(chosen)
        if len(counted.tied) <= room:
            chosen += counted.tied
        else:
            sql = "SELECT id, seq FROM clauses WHERE seq IN ({marks})"
            tied = sorted(self._where_in(sql, counted.tied))
            chosen += [int(seq) for _id, seq in tied[:room]]
        return chosen, counted

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
            dropped: list[tuple[int, str, str]] = []
            for path in [*removed, *(v.path for v in added)]:
                dropped += self._drop_version(store, path)
            seq, part = self._counter(_NEXT_SEQ), self._counter(_NEXT_PART)
            clause_rows: list[tuple[Any, ...]] = []
            lists: dict[int, list[int]] = {}
            codes: set[str] = set()
            counts: dict[int, int] = {}
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
                    keys = posting_keys(unit.form, unit.lang)
                    for key in keys:
                        lists.setdefault(key, []).append(seq)
                    counts[seq] = len(keys)
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
            self._write_sizes(counts)
            # The lists holding a dropped clause are those of its shingles: merged without it.
            holding = {key for _seq, lang, form in dropped for key in posting_keys(form, lang)}
            self._merge_parts(touched, holding, [number for number, _lang, _form in dropped])
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

    def _write_sizes(self, counts: dict[int, int]) -> None:
        """Record the shingle counts of new clause numbers in their packed blocks."""
        blocks: dict[int, dict[int, int]] = {}
        for number, size in counts.items():
            blocks.setdefault(number // _postings.SIZE_BLOCK, {})[number] = size
        if not blocks:
            return
        sql = "SELECT block, data FROM sizes WHERE block IN ({marks})"
        found = {int(b): bytes(d) for b, d in self._where_in(sql, sorted(blocks))}
        rows = []
        for block, new in sorted(blocks.items()):
            sizes = _postings.unpack_sizes(found.get(block, b""))
            start = block * _postings.SIZE_BLOCK
            end = max(new) - start + 1
            sizes += [0] * (end - len(sizes))
            for number, size in new.items():
                sizes[number - start] = size
            rows.append((block, _postings.pack_sizes(sizes)))
        self._where_in("DELETE FROM sizes WHERE block IN ({marks})", sorted(found))
        self._bulk("sizes", ("block", "data"), rows)

    def _merge_parts(
        self, keys: Sequence[int], purge: Iterable[int] = (), gone: Sequence[int] = ()
    ) -> None:
        """Merge the lists among ``keys`` of more than ``MAX_PARTS`` parts, and those in
        ``purge``; merged lists leave out the clause numbers in ``gone`` and in ``dead``.
        """
        sql = (
            "SELECT key FROM postings WHERE key IN ({marks}) GROUP BY key "
            f"HAVING count(*) > {MAX_PARTS}"
        )
        crowded = {int(row[0]) for row in self._where_in(sql, keys)}
        chosen = sorted(crowded | set(purge))
        if not chosen:
            return
        dead = [*gone, *(int(row[0]) for row in self._rows("SELECT seq FROM dead"))]
        sql = "SELECT key, part, seqs FROM postings WHERE key IN ({marks}) ORDER BY key, part"
        grouped: dict[int, list[tuple[int, bytes]]] = {}
        for key, number, blob in self._where_in(sql, chosen):
            grouped.setdefault(int(key), []).append((int(number), bytes(blob)))
        last = {key: max(n for n, _ in found) for key, found in grouped.items()}
        self._many("DELETE FROM postings WHERE key = ? AND part < ?", list(last.items()))
        merged = {
            key: _postings.merge([b for _, b in found], dead) for key, found in grouped.items()
        }
        self._many(
            "UPDATE postings SET seqs = ? WHERE key = ? AND part = ?",
            [(blob, key, last[key]) for key, blob in merged.items() if blob],
        )
        empty = [(key,) for key, blob in merged.items() if not blob]
        self._many("DELETE FROM postings WHERE key = ?", empty)

    def _drop_version(self, store: str, path: str) -> list[tuple[int, str, str]]:
        """Delete a version's clauses; ``(number, language, form)`` of each one deleted."""
        rows = self._rows(
            "SELECT seq, lang, form FROM clauses WHERE store = ? AND path = ?", (store, path)
        )
        if rows:
            self._rows("DELETE FROM clauses WHERE store = ? AND path = ?", (store, path))
        self._rows("DELETE FROM versions WHERE store = ? AND path = ?", (store, path))
        return [(int(seq), str(lang), str(form)) for seq, lang, form in rows]

    def _upgrade(self) -> None:
        """Add the packed shingle counts to an index made without them (in a transaction).

        The counts are recomputed from the comparison forms; the clauses such an index left
        in its lists (``dead``) are purged by merging every list.
        """
        self._rows(SCHEMA[-1].format(**self._types()))
        counts: dict[int, int] = {}
        for number, lang, form in self._rows("SELECT seq, lang, form FROM clauses"):
            counts[int(number)] = len(posting_keys(str(form), str(lang)))
        self._write_sizes(counts)
        if self._rows("SELECT seq FROM dead LIMIT 1"):
            keys = [int(row[0]) for row in self._rows("SELECT DISTINCT key FROM postings")]
            for chunk in _chunks(keys):
                self._merge_parts([], chunk)
            self._rows("DELETE FROM dead")
        # Clients that keep their connection read the counts and the languages again.
        self._set_counter(_NEXT_PART, self._counter(_NEXT_PART) + 1)

    @abc.abstractmethod
    def _types(self) -> dict[str, str]:
        """The integer and binary column types and the clustered-table suffix of the backend."""


def _candidate(row: Sequence[Any], shared: int = 0) -> Candidate:
    (_id, store, symbol, year, series, lang, unit_id, text, form, date, position, commit) = row
    clause = Clause(symbol, year, series, lang, unit_id, text, store, commit)
    return Candidate(clause, form, (date, symbol, series, store, lang, int(position)), shared)
