"""Search across the whole store: phrases (``grep``) and precedents for a draft clause."""

from __future__ import annotations

from resdiff.search.corpus import Clause, store_clauses
from resdiff.search.grep import GrepHit, grep
from resdiff.search.index import ClauseIndex
from resdiff.search.precedent import Precedent, find_precedents, precedents

__all__ = [
    "Clause",
    "ClauseIndex",
    "GrepHit",
    "Precedent",
    "find_precedents",
    "grep",
    "precedents",
    "store_clauses",
]
