"""Search across stores: phrases (``grep``) and precedents for a draft clause.

Two backends behind one interface (:class:`~resdiff.search._sql.SqlIndex`): an embedded
SQLite file per store (:mod:`resdiff.search.sqlite_index`) and a shared PostgreSQL server
(:mod:`resdiff.search.postgres_index`).
"""

from __future__ import annotations

from resdiff.search._sql import Candidate, IndexedStore, SqlIndex
from resdiff.search.corpus import Clause, store_clauses
from resdiff.search.grep import GrepHit, grep, phrase_keys
from resdiff.search.location import open_index, open_named
from resdiff.search.precedent import Precedent, find_precedents
from resdiff.search.sqlite_index import SqliteIndex
from resdiff.search.sync import SyncReport, load_clauses, sync_store

__all__ = [
    "Candidate",
    "Clause",
    "GrepHit",
    "IndexedStore",
    "Precedent",
    "SqlIndex",
    "SqliteIndex",
    "SyncReport",
    "find_precedents",
    "grep",
    "load_clauses",
    "open_index",
    "open_named",
    "phrase_keys",
    "store_clauses",
    "sync_store",
]
