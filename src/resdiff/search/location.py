"""Which search index a command uses: a store's own embedded file, or a named one.

``--index`` (or ``RESDIFF_INDEX``) names a shared index: a ``postgresql://`` URL for a team's
server, or a path to a SQLite file. Without it, a store's index is a SQLite file in its cache
folder, brought up to date with the store before each search. A named index is searched as it
is: ``resdiff index sync`` pushes a store into it.
"""

from __future__ import annotations

import os
from pathlib import Path

from resdiff._cachedir import cache_root, prepare
from resdiff.search._sql import SqlIndex
from resdiff.search.sqlite_index import SqliteIndex
from resdiff.search.sync import sync_store
from resdiff.storage import Store

INDEX_VARIABLE = "RESDIFF_INDEX"
INDEX_FILE = "index.sqlite3"
_SERVER_SCHEMES = ("postgresql://", "postgres://")


def named_location(location: str | None) -> str | None:
    """The index named by ``--index`` or, failing that, ``RESDIFF_INDEX`` (None: neither)."""
    return location or os.environ.get(INDEX_VARIABLE) or None


def open_named(location: str) -> SqlIndex:
    """Open a shared index: a PostgreSQL URL or a SQLite file.

    Raises:
        SearchIndexError: unreachable server, missing driver, or not a resdiff index.
    """
    if location.startswith(_SERVER_SCHEMES):
        from resdiff.search.postgres_index import PostgresIndex

        return PostgresIndex(location)
    return SqliteIndex(Path(location))


def store_index(store: Store) -> SqlIndex:
    """A store's embedded index as it is (in memory when caching is off).

    Raises:
        NotAStore: the folder is not a store.
    """
    store.config()
    cache = cache_root(store.root)
    index: SqlIndex
    if cache is None:
        index = SqliteIndex(None)
    else:
        try:
            prepare(cache)
            index = SqliteIndex.open_cache(cache / INDEX_FILE)
        except OSError:
            index = SqliteIndex(None)  # a read-only store is still searchable
    return index


def open_index(store: Store, location: str | None = None) -> SqlIndex:
    """The index to search: the named one if any, else the store's own (synced).

    Raises:
        SearchIndexError: a named index that cannot be opened.
        NotAStore: no named index and the folder is not a store.
    """
    named = named_location(location)
    if named is not None:
        return open_named(named)
    index = store_index(store)
    try:
        sync_store(index, store)
    except BaseException:
        index.close()
        raise
    return index
