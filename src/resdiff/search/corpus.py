"""The clauses of a store, as flat records that search works on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from resdiff.model import UnitKind
from resdiff.storage import Store, StoredVersion

# Units that are not clauses anyone searches for precedents of.
SKIPPED_KINDS = frozenset({UnitKind.FORMULA, UnitKind.CLOSING})


@dataclass(frozen=True, slots=True)
class Clause:
    """One unit of one stored version, with enough to name it.

    ``store`` names the store it was indexed from and ``commit`` the store's git commit at
    that time (None outside git): an index can hold several stores.
    """

    symbol: str
    year: int | None
    series: str
    lang: str
    unit_id: str
    text: str
    store: str = ""
    commit: str | None = None


def version_clauses(store: Store, version: StoredVersion) -> Iterator[tuple[str, int, str, str]]:
    """``(lang, position, unit id, text)`` of every searchable unit of a version."""
    for code in sorted(version.languages):
        resolution = store.load(version, code)
        for position, unit in enumerate(resolution.units):
            if unit.kind not in SKIPPED_KINDS:
                yield code, position, unit.id, unit.text


def store_clauses(
    store: Store, series: str | None = None, lang: str | None = None
) -> Iterator[Clause]:
    """Every unit of every stored version (each language), oldest version first."""
    versions = sorted(store.versions(series), key=lambda v: (v.date, v.symbol))
    for version in versions:
        for code, _position, unit_id, text in version_clauses(store, version):
            if lang is None or code == lang:
                yield Clause(version.symbol, version.year, version.series, code, unit_id, text)
