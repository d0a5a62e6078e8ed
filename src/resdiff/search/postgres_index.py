"""The shared search index: a PostgreSQL database (the only psycopg user).

A team points every member's resdiff at one server (``--index postgresql://…`` or
``RESDIFF_INDEX``); ``resdiff index sync`` pushes each store into it. The tables are those
of :mod:`resdiff.search._sql`, bulk-loaded with ``COPY``; phrases are found through a
``pg_trgm`` trigram index on the comparison forms (``LIKE``), precedents through the same
packed shingle postings as the embedded index (read in binary, counted in the client), so
both rank alike and the server does little more than hand out a few blobs per query. Every
query sends the same statements with array parameters (``key = ANY(%s)``), so psycopg
prepares them on a connection after a few uses (its ``prepare_threshold``): a client that
keeps its connection (a long-running service, the benchmark's clients) skips the parsing
and planning. The
database user needs to be allowed to create tables and the ``pg_trgm`` extension (a trusted
extension: a database owner may) the first time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from resdiff.errors import SearchIndexError
from resdiff.search._sql import (
    CLAUSE_COLUMNS,
    FORMAT,
    SCHEMA,
    SIZES_TABLE,
    IndexedVersion,
    SqlIndex,
)

# Statistics are refreshed after a sync that adds this many clauses (the planner needs them
# to use the postings index well after a bulk load).
ANALYZE_AFTER = 1000

_EXTRA = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS clauses_form_trgm ON clauses USING gin (form gin_trgm_ops)",
    # Posting lists (and the packed shingle counts) are read whole and hardly compress:
    # stored out of line, uncompressed.
    "ALTER TABLE postings ALTER COLUMN seqs SET STORAGE EXTERNAL",
    "ALTER TABLE sizes ALTER COLUMN data SET STORAGE EXTERNAL",
)

# The parts of the lists of some keys (%s: an array) holding at most %s clauses, or of all of
# them when every one holds more (a list's length is its blobs' bytes over 4, from headers).
_USEFUL_LISTS = (
    "WITH lengths AS (SELECT key, sum(length(seqs)) / 4 AS n FROM postings "
    "WHERE key = ANY(%s) GROUP BY key), "
    "rare AS (SELECT key FROM lengths WHERE n <= %s), "
    "chosen AS (SELECT key FROM rare UNION ALL "
    "SELECT key FROM lengths WHERE NOT EXISTS (SELECT 1 FROM rare)) "
    "SELECT key, seqs FROM postings WHERE key IN (SELECT key FROM chosen)"
)


def redacted(url: str) -> str:
    """The URL without its password, for messages.

    Example:
        >>> redacted("postgresql://team:secret@db.example.org/resdiff")
        'postgresql://team:***@db.example.org/resdiff'
    """
    scheme, sep, rest = url.partition("://")
    auth, at, host = rest.rpartition("@")
    if not at or ":" not in auth:
        return url
    return f"{scheme}{sep}{auth.split(':', 1)[0]}:***@{host}"


class PostgresIndex(SqlIndex):
    """A search index in a PostgreSQL database."""

    def __init__(self, url: str) -> None:
        """Connect, creating the tables the first time.

        Raises:
            SearchIndexError: psycopg is missing, the server is unreachable, or the database
                holds an index of another format.
        """
        self.location = redacted(url)
        try:
            import psycopg
        except ImportError:
            raise SearchIndexError(
                "a PostgreSQL index needs psycopg; install it with "
                "`pip install 'resdiff[postgres]'`"
            ) from None
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise SearchIndexError(
                f"cannot connect to the index at {self.location} ({detail}); "
                "check the URL and that the server is running"
            ) from None
        try:
            self._prepare()
        except SearchIndexError:
            self._db.close()
            raise
        except psycopg.Error as exc:
            self._db.close()
            raise SearchIndexError(
                f"cannot prepare the index at {self.location} ({' '.join(str(exc).split())}); "
                "the user must be allowed to create tables and the pg_trgm extension"
            ) from None

    def _prepare(self) -> None:
        with self._writing("resdiff schema"):
            ((exists,),) = self._rows("SELECT to_regclass('resdiff_meta') IS NOT NULL")
            if exists:
                rows = self._rows("SELECT value FROM resdiff_meta WHERE name = 'format'")
                if not rows or rows[0][0] != FORMAT:
                    found = rows[0][0] if rows else "?"
                    raise SearchIndexError(
                        f"the index at {self.location} has format {found}, not {FORMAT}; "
                        "drop its tables (or use another database) and sync the stores again"
                    )
                ((sized,),) = self._rows("SELECT to_regclass(?) IS NOT NULL", (SIZES_TABLE,))
                if not sized:
                    self._upgrade()
                    self._rows(_EXTRA[-1])
                return
            for statement in (*SCHEMA, *_EXTRA):
                self._rows(statement.format(**self._types()))
            self._rows("INSERT INTO resdiff_meta VALUES ('format', ?)", (FORMAT,))

    def _types(self) -> dict[str, str]:
        return {"int": "BIGINT", "blob": "BYTEA", "clustered": ""}

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._db.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def _bulk(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        with (
            self._db.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    @contextlib.contextmanager
    def _writing(self, store: str) -> Iterator[None]:
        with self._db.transaction():
            # Two syncs of the same store (or two first connections) wait for each other.
            self._rows("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (store,))
            yield

    def _where_in(
        self, sql: str, values: Sequence[Any], params: Sequence[Any] = ()
    ) -> list[tuple[Any, ...]]:
        # One array parameter instead of thousands of placeholders (slow to parse and send).
        if not values:
            return []
        if all(type(value) is int for value in values):
            # Integers as one array literal: psycopg adapts a list element by element (10 ms
            # for the 4,000 clause numbers of a query), the server parses the text at once.
            literal = "{" + ",".join(map(str, values)) + "}"
            return self._rows(
                sql.replace(" IN ({marks})", " = ANY(?::bigint[])"), [*params, literal]
            )
        return self._rows(sql.replace(" IN ({marks})", " = ANY(?)"), [*params, list(values)])

    def _posting_rows(self, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        with self._db.cursor(binary=True) as cursor:  # blobs as bytes, not hex text
            cursor.execute("SELECT key, seqs FROM postings WHERE key = ANY(%s)", (list(keys),))
            return [(int(key), bytes(blob)) for key, blob in cursor.fetchall()]

    def _useful_lists(self, keys: Sequence[int], common: float) -> list[tuple[int, bytes]]:
        # As SqlIndex._useful_lists, in one round trip: the lengths are summed in the server.
        with self._db.cursor(binary=True) as cursor:
            cursor.execute(_USEFUL_LISTS, (list(keys), common))
            return [(int(key), bytes(blob)) for key, blob in cursor.fetchall()]

    def _size_rows(self) -> list[tuple[int, bytes]]:
        with self._db.cursor(binary=True) as cursor:
            cursor.execute("SELECT block, data FROM sizes")
            return [(int(block), bytes(blob)) for block, blob in cursor.fetchall()]

    def _phrase_rows(
        self, words: Sequence[str], series: str | None, lang: str | None
    ) -> list[tuple[Any, ...]]:
        joined = " ".join(words)
        escaped = joined.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where, params = ["c.form LIKE ?"], [f"%{escaped}%"]  # the trigram index serves LIKE
        for column, value in (("series", series), ("lang", lang)):
            if value is not None:
                where.append(f"c.{column} = ?")
                params.append(value)
        return self._rows(
            f"SELECT {CLAUSE_COLUMNS} FROM clauses c JOIN versions v "
            f"ON v.store = c.store AND v.path = c.path WHERE {' AND '.join(where)}",
            params,
        )

    def apply(
        self,
        store: str,
        root: str,
        head: str | None,
        removed: Sequence[str],
        added: Sequence[IndexedVersion],
    ) -> None:
        """As :meth:`SqlIndex.apply`; statistics are refreshed after a large load.

        A load at least as large as what the index holds (a first sync) builds the trigram
        index once at the end rather than row by row (several times faster); searches of
        the same tables wait for it.
        """
        size = sum(len(v.units) for v in added)
        if size < max(ANALYZE_AFTER, len(self)):
            super().apply(store, root, head, removed, added)
        else:
            with self._db.transaction():
                self._rows("DROP INDEX IF EXISTS clauses_form_trgm")
                super().apply(store, root, head, removed, added)
                self._rows(_EXTRA[1])
        if size >= ANALYZE_AFTER:
            self._rows("ANALYZE postings")
            self._rows("ANALYZE clauses")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
