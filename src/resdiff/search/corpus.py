"""The clauses of a store, as flat records that search works on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from resdiff.model import UnitKind
from resdiff.storage import Store

# Units that are not clauses anyone searches for precedents of.
SKIPPED_KINDS = frozenset({UnitKind.FORMULA, UnitKind.CLOSING})


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of one stored version, with enough to name it."""

    symbol: str
    year: int | None
    series: str
    lang: str
    unit_id: str
    text: str


def store_clauses(
    store: Store, series: str | None = None, lang: str | None = None
) -> Iterator[Clause]:
    """Every unit of every stored version (each language), oldest version first."""
    versions = sorted(store.versions(series), key=lambda v: (v.date, v.symbol))
    for version in versions:
        for code in sorted(version.languages):
            if lang is not None and code != lang:
                continue
            resolution = store.load(version, code)
            for unit in resolution.units:
                if unit.kind not in SKIPPED_KINDS:
                    yield Clause(version.symbol, version.year, version.series, code, unit.id,
                                 unit.text)  # fmt: skip


def store_fingerprint(store: Store) -> str:
    """A sha256 that changes whenever a stored version or unit file changes.

    It reads only file names, sizes and modification times, so it costs a directory walk.
    """
    digest = hashlib.sha256()
    for path in sorted(store.root.glob("*/*/meta.json")) + sorted(store.root.glob("*/*/*/units/*")):
        stat = path.stat()
        digest.update(
            f"{path.relative_to(store.root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()
