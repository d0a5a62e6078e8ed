"""Bring a search index up to date with a store, one changed version at a time.

Each version folder is known by its git tree id at HEAD (two ``git`` plumbing commands for
the whole store), so finding what changed costs neither a read nor a stat of every unit file:
only versions whose tree id differs from the one the index recorded are read again. A version
not yet committed (``add --no-commit``), or a store outside git, is known by the sha256 of its
``meta.json`` instead. Edits to a committed version that are not committed yet are seen once
they are.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from resdiff.compare.comparable import comparison_form
from resdiff.search._sql import IndexedUnit, IndexedVersion, SqlIndex
from resdiff.search.corpus import Clause, version_clauses
from resdiff.storage import Store
from resdiff.storage.git import version_trees
from resdiff.storage.layout import META_FILE

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync did: the store's name in the index, versions written and dropped."""

    store: str
    head: str | None
    updated: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    clauses: int


def store_name(store: Store) -> str:
    """The name a store goes by in a shared index when none is given: ``parent/folder``.

    Example:
        >>> from pathlib import Path
        >>> store_name(Store(Path("/work/un-ecosoc/resolutions")))
        'un-ecosoc/resolutions'
    """
    return f"{store.root.parent.name}/{store.root.name}"


def version_keys(store: Store) -> tuple[str | None, dict[str, str]]:
    """HEAD and ``{"series/FOLDER": key}`` for every stored version (tree id, or meta sha)."""
    folders = sorted(p.parent for p in store.meta_files())
    state = version_trees(store.root) if folders else None
    head, trees = state if state is not None else (None, {})
    keys = {}
    for folder in folders:
        path = folder.relative_to(store.root).as_posix()
        tree = trees.get(path)
        if tree is None:
            digest = hashlib.sha256((folder / META_FILE).read_bytes()).hexdigest()
            tree = f"meta:{digest}"
        keys[path] = tree
    return head, keys


def sync_store(index: SqlIndex, store: Store, name: str | None = None) -> SyncReport:
    """Push the versions of ``store`` that changed since the last sync into ``index``.

    Raises:
        NotAStore: the folder is not a store.
        StoreError: a stored version is unreadable.
    """
    store.config()
    name = name or store_name(store)
    head, keys = version_keys(store)
    indexed = index.versions(name)
    changed = sorted(path for path, key in keys.items() if indexed.get(path) != key)
    removed = sorted(path for path in indexed if path not in keys)
    known = {s.name: s for s in index.stores()}.get(name)
    if not changed and not removed and known is not None and known.head == head:
        return SyncReport(name, head, (), (), len(keys), known.clauses)
    forms: dict[str, str] = {}  # a clause re-adopted unchanged is put in form once
    added = [_indexed_version(store, path, keys[path], forms) for path in changed]
    index.apply(name, str(store.root), head, removed, added)
    count = {s.name: s.clauses for s in index.stores()}.get(name, 0)
    logger.info("index %s: %d versions written, %d dropped", name, len(added), len(removed))
    return SyncReport(name, head, tuple(changed), tuple(removed), len(keys) - len(changed), count)


def _indexed_version(store: Store, path: str, tree: str, forms: dict[str, str]) -> IndexedVersion:
    version = store.read_meta(store.root / path / META_FILE)
    units = tuple(
        IndexedUnit(lang, position, unit_id, text,
                    forms.get(text) or forms.setdefault(text, comparison_form(text)))
        for lang, position, unit_id, text in version_clauses(store, version)
    )  # fmt: skip
    return IndexedVersion(
        path, tree, version.symbol, version.year, version.series, version.date, units
    )


def load_clauses(index: SqlIndex, clauses: Iterable[Clause], store: str = "constructed") -> None:
    """Index loose clauses (tests, benchmarks) as one version per series and symbol.

    Clauses keep the order given: it is their order among equals in results.
    """
    versions: dict[tuple[str, str], list[IndexedUnit]] = {}
    years: dict[tuple[str, str], int | None] = {}
    forms: dict[str, str] = {}
    for position, clause in enumerate(clauses):
        key = (clause.series, clause.symbol)
        years[key] = clause.year
        form = forms.get(clause.text) or forms.setdefault(clause.text, comparison_form(clause.text))
        versions.setdefault(key, []).append(
            IndexedUnit(clause.lang, position, clause.unit_id, clause.text, form)
        )
    added = [
        IndexedVersion(f"{series}/{symbol}", "loose", symbol, years[(series, symbol)], series,
                       f"{years[(series, symbol)] or 0:04d}", tuple(units))
        for (series, symbol), units in versions.items()
    ]  # fmt: skip
    index.apply(store, "", None, [], added)
