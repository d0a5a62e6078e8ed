"""``resdiff rebuild``: regenerate canonical unit files from the stored sources.

Units the pipeline made are brought up to date; human corrections (recorded or not) are
kept unless ``force`` is given. All rebuilt versions go into one commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resdiff import __version__
from resdiff._progress import report
from resdiff.errors import ResdiffError
from resdiff.integrity._units import (
    UnitState,
    expected,
    extra_files,
    language_files,
    same_shape,
    stored_texts,
    unit_state,
)
from resdiff.model import Resolution
from resdiff.storage import LanguageEntry, Store, StoredVersion, layout
from resdiff.storage.meta import unit_bytes, unit_spec
from resdiff.storage.safety import LinkInStore, read_bytes
from resdiff.storage.writes import LanguageWrite

_PROTECTED = (UnitState.CORRECTED, UnitState.EDITED)


@dataclass
class LanguagePlan:
    """What rebuilding one language of a version changes, keeps, or why it cannot."""

    symbol: str
    lang: str
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    blocked: str | None = None
    write: LanguageWrite | None = None


def plan_rebuild(
    store: Store,
    selector: str | None = None,
    *,
    lang: str | None = None,
    series: str | None = None,
    force: bool = False,
) -> list[LanguagePlan]:
    """What :func:`rebuild` would do, without writing anything.

    Args:
        store: the store.
        selector: one version (``2021``, ``2021/25``, ``E/RES/2021/25``); None for all.
        lang: one language; None for all.
        series: the series a bare year selects in, or that all versions are taken from.
        force: overwrite human corrections and hand edits with the pipeline's text.

    Raises:
        ResdiffError: the selector names no single version, or the store is unreadable.
    """
    versions = [store.select(selector, series)] if selector else store.versions(series)
    plans = []
    for done, version in enumerate(versions, start=1):
        entries = [version.entry(lang)] if lang else list(version.languages.values())
        plans += [_plan_language(store, version, entry, force) for entry in entries]
        report("rebuild", done, len(versions), "versions")
    return plans


def rebuild(
    store: Store,
    selector: str | None = None,
    *,
    lang: str | None = None,
    series: str | None = None,
    force: bool = False,
    commit: bool = True,
) -> tuple[list[LanguagePlan], str | None]:
    """Regenerate canonical files (planned again under the store lock), as one commit.

    Returns:
        The plans carried out, and the commit (None without changes or without committing).

    Raises:
        ResdiffError: as :func:`plan_rebuild`, or the store cannot be written.
    """
    plans: list[LanguagePlan] = []

    def plan() -> list[LanguageWrite]:
        plans[:] = plan_rebuild(store, selector, lang=lang, series=series, force=force)
        return [p.write for p in plans if p.write is not None]

    def message() -> str:
        done = ", ".join(f"{p.symbol} ({p.lang})" for p in plans if p.write is not None)
        return f"Rebuild {done} with resdiff {__version__}"

    sha = store.write(plan, message, commit=commit)
    return plans, sha


def _plan_language(
    store: Store, version: StoredVersion, entry: LanguageEntry, force: bool
) -> LanguagePlan:
    result = LanguagePlan(version.symbol, entry.lang)
    try:
        pipeline = expected(store, version, entry)
    except LinkInStore:
        raise  # a hostile store: refuse the whole rebuild
    except ResdiffError as exc:
        result.blocked = f"the pipeline cannot read the source now: {exc}"
        return result
    made = {unit.id: unit for unit in pipeline.units}
    stored = stored_texts(store, version, entry)
    keep: dict[str, bytes] = {}
    corrections = {}
    for spec in entry.units:
        uid = spec["id"]
        data = stored.get(uid)
        unit = made.get(uid)
        state = unit_state(spec, data, unit.text if unit else None, entry)
        protected = state in _PROTECTED and data is not None
        if unit is None:
            if protected and not force:
                result.blocked = (
                    f"{uid} is {state} by hand but the pipeline no longer makes it; "
                    "rebuild with --force to drop it"
                )
                return result
            result.changes.append(f"- {uid}")
            continue
        if protected and data is not None and data != unit_bytes(unit.text):
            if force:
                result.changes.append(f"{uid}: {state} text overwritten (--force)")
            else:
                keep[uid] = data
                if state is UnitState.CORRECTED:
                    corrections[uid] = entry.corrections[uid]
                result.kept.append(f"{uid}: {state} text kept (use --force to overwrite)")
        elif state in (UnitState.STALE, UnitState.MISSING):
            result.changes.append(
                f"{uid}: {'new' if state is UnitState.STALE else 'restored'} text"
            )
        elif uid in entry.corrections and state is UnitState.CORRECTED:
            result.changes.append(f"{uid}: the pipeline now makes the corrected text")
        if not same_shape(spec, unit_spec(unit)):
            result.changes.append(f"{uid}: new kind, label or footnote references")
    listed = [spec["id"] for spec in entry.units]
    result.changes += [f"+ {uid}" for uid in made if uid not in listed]
    result.changes += [f"{name}: extra file removed" for name in extra_files(store, version, entry)]
    if not result.changes and list(made) != listed:
        result.changes.append("new unit order")
    meta = _new_meta(store, version, entry, pipeline, corrections)
    if result.changes or meta != store.read_meta_json(version.path / layout.META_FILE):
        if not result.changes:
            result.changes.append("metadata (title, warnings or pipeline version)")
        source = read_bytes(store.source_file(version, entry), store.root)
        files = language_files(pipeline, source, entry.source_format, keep)
        rel = layout.version_dir(version.series, version.symbol)
        result.write = LanguageWrite(rel, entry.lang, files, meta)
    return result


def _new_meta(
    store: Store,
    version: StoredVersion,
    entry: LanguageEntry,
    pipeline: Resolution,
    corrections: dict[str, str],
) -> dict[str, Any]:
    meta = store.read_meta_json(version.path / layout.META_FILE)
    item = meta["languages"][entry.lang]
    item.update(
        title=pipeline.title,
        pipeline=f"resdiff {__version__}",
        units=[unit_spec(unit) for unit in pipeline.units],
        warnings=list(pipeline.warnings),
        corrections=dict(sorted(corrections.items())),
    )
    return meta
