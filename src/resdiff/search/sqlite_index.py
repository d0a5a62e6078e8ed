"""The embedded search index: one SQLite file (standard library), FTS5 for phrases.

Opening it costs a file open, not a parse: a query reads only the packed posting lists of
the draft's shingles (through a memory map) and the rows of its candidates. The default index
of a store lives in its cache folder (``<store>/.resdiff-cache/index.sqlite3``) and is
brought up to date before each search; a damaged file or one of an older format is deleted
and built again.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from resdiff.errors import SearchIndexError
from resdiff.search._sql import CLAUSE_COLUMNS, FORMAT, SCHEMA, SIZES_TABLE, SqlIndex

logger = logging.getLogger(__name__)

# Seconds a writer waits for another process's sync of the same file to finish.
BUSY_SECONDS = 60.0
# Bytes of the file read through a memory map (SQLite's mmap_size).
MMAP_BYTES = 1 << 30

_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS clause_fts USING fts5(form, content='clauses', "
    "content_rowid='id')",
    "CREATE TRIGGER IF NOT EXISTS clauses_ai AFTER INSERT ON clauses BEGIN "
    "INSERT INTO clause_fts (rowid, form) VALUES (new.id, new.form); END",
    "CREATE TRIGGER IF NOT EXISTS clauses_ad AFTER DELETE ON clauses BEGIN "
    "INSERT INTO clause_fts (clause_fts, rowid, form) VALUES ('delete', old.id, old.form); END",
)


class SqliteIndex(SqlIndex):
    """A search index in a SQLite file (or in memory)."""

    def __init__(self, path: Path | None = None) -> None:
        """Open (creating if needed) the index at ``path``; None keeps it in memory.

        Raises:
            SearchIndexError: the file is not a resdiff index of this format.
        """
        self.location = str(path) if path is not None else ":memory:"
        try:
            self._db = sqlite3.connect(self.location, timeout=BUSY_SECONDS, isolation_level=None)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            # Pages are cached as they are read, up to this (KiB): a sync's inserts into the
            # postings b-tree then hit memory, and a query's few pages cost no more.
            self._db.execute("PRAGMA cache_size = -262144")
            # Reads go through a memory map: a query's posting lists are not copied twice.
            self._db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._prepare()
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(
                f"cannot use {self.location} as a resdiff search index ({exc}); "
                "name another file with --index, or remove this one"
            ) from None

    @classmethod
    def open_cache(cls, path: Path) -> SqliteIndex:
        """Open a cached index, deleting and recreating it when damaged or of another format."""
        try:
            return cls(path)
        except SearchIndexError as exc:
            logger.info("rebuilding the search index: %s", exc)
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                stale.unlink(missing_ok=True)
            return cls(path)

    def _prepare(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if "resdiff_meta" in tables:
            query = "SELECT value FROM resdiff_meta WHERE name = 'format'"
            row = self._db.execute(query).fetchone()
            if row is None or row[0] != FORMAT:
                raise sqlite3.DatabaseError(f"format {row[0] if row else '?'}, not {FORMAT}")
            if SIZES_TABLE not in tables:
                logger.info("adding the shingle counts to the search index %s", self.location)
                with self._writing(""):
                    self._upgrade()
            return
        if tables:
            raise sqlite3.DatabaseError("it holds other tables")
        with self._writing(""):
            for statement in SCHEMA:
                self._db.execute(statement.format(**self._types()))
            for statement in _FTS:
                self._db.execute(statement)
            self._db.execute("INSERT INTO resdiff_meta VALUES ('format', ?)", (FORMAT,))

    def _types(self) -> dict[str, str]:
        return {"int": "INTEGER", "blob": "BLOB", "clustered": " WITHOUT ROWID"}

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, params).fetchall()

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _bulk(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        self._db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @contextlib.contextmanager
    def _writing(self, store: str) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")  # one writer per file; readers go on (WAL)
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _phrase_rows(
        self, words: Sequence[str], series: str | None, lang: str | None
    ) -> list[tuple[Any, ...]]:
        joined = " ".join(words)
        where, params = [], []
        if any(ch.isalnum() for ch in joined):
            # An FTS5 phrase of the same words: its tokens are those of the words in a row.
            where.append("c.id IN (SELECT rowid FROM clause_fts WHERE clause_fts MATCH ?)")
            params.append('"' + joined.replace('"', '""') + '"')
        for column, value in (("series", series), ("lang", lang)):
            if value is not None:
                where.append(f"c.{column} = ?")
                params.append(value)
        sql = (
            f"SELECT {CLAUSE_COLUMNS} FROM clauses c JOIN versions v "
            "ON v.store = c.store AND v.path = c.path"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._rows(sql, params)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
