"""What the pipeline makes from a stored source, what the store holds, and how they differ."""

from __future__ import annotations

import enum
import hashlib
from pathlib import PurePosixPath
from typing import Any

from resdiff.ingest import Source, ingest
from resdiff.model import Resolution
from resdiff.storage import LanguageEntry, Store, StoredVersion, safety
from resdiff.storage.layout import source_path, unit_path
from resdiff.storage.meta import unit_bytes


class UnitState(enum.StrEnum):
    """How a stored unit file relates to the pipeline's output."""

    CURRENT = "current"  # what the current pipeline makes
    CORRECTED = "corrected"  # a recorded human correction
    STALE = "stale"  # what an earlier pipeline made: rebuild updates it
    EDITED = "edited"  # changed by hand, not recorded as a correction
    MISSING = "missing"  # listed in meta.json, no file


def sha256(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def expected(store: Store, version: StoredVersion, entry: LanguageEntry) -> Resolution:
    """Run the current pipeline on the stored source, with the options it was added with.

    Raises:
        ResdiffError: the source is unreadable, or the pipeline refuses it now.
    """
    data = safety.read_bytes(store.source_file(version, entry), store.root)
    source = Source(data=data, name=entry.source_name, format=entry.source_format)
    return ingest(
        source,
        lang=entry.lang,
        symbol=version.symbol,
        date=version.date,
        title=entry.options.get("title"),
        series=version.series,
        raw=bool(entry.options.get("raw", False)),
        pick=entry.options.get("pick"),
    )


def extra_files(store: Store, version: StoredVersion, entry: LanguageEntry) -> list[str]:
    """Files in a language folder that ``meta.json`` does not list, relative to the version."""
    source = store.source_file(version, entry)
    listed = {store.unit_file(version, entry.lang, spec["id"]) for spec in entry.units}
    return [
        path.relative_to(version.path).as_posix()
        for path in sorted(source.parent.rglob("*"))
        if path.is_file() and path != source and path not in listed
    ]


def stored_texts(store: Store, version: StoredVersion, entry: LanguageEntry) -> dict[str, bytes]:
    """Unit id → bytes of the unit files that exist, for the units ``meta.json`` lists."""
    texts = {}
    for spec in entry.units:
        path = store.unit_file(version, entry.lang, spec["id"])
        if path.is_file():
            texts[spec["id"]] = safety.read_bytes(path, store.root)
    return texts


def unit_state(spec: dict[str, Any], data: bytes | None, pipeline: str | None,
               entry: LanguageEntry) -> UnitState:  # fmt: skip
    """Classify one stored unit file against the text the current pipeline makes.

    Args:
        spec: the unit's entry in ``meta.json`` (``sha256``: the text the pipeline made then;
            absent in stores written before it was recorded, which count as pipeline-made).
        data: the unit file's bytes, None when missing.
        pipeline: the text the current pipeline makes for this id, None if it makes no such unit.
        entry: the language entry, for its recorded corrections.
    """
    if data is None:
        return UnitState.MISSING
    digest = sha256(data)
    if entry.corrections.get(str(spec["id"])) == digest:
        return UnitState.CORRECTED
    if pipeline is not None and data == unit_bytes(pipeline):
        return UnitState.CURRENT
    if spec.get("sha256", digest) == digest:
        return UnitState.STALE
    return UnitState.EDITED


_SHAPE_KEYS = ("id", "kind", "label", "footnote_refs")


def same_shape(stored: dict[str, Any], made: dict[str, Any]) -> bool:
    """True when two unit specs agree on everything but the text."""
    return all(stored.get(key) == made.get(key) for key in _SHAPE_KEYS)


def language_files(resolution: Resolution, source: bytes, fmt: str,
                   keep: dict[str, bytes]) -> dict[PurePosixPath, bytes]:  # fmt: skip
    """The files of one language as the pipeline makes them, with ``keep`` (unit id → bytes)
    taking precedence: the corrections and edits not to overwrite."""
    base = PurePosixPath(".")
    files = {source_path(base, resolution.lang, fmt): source}
    for unit in resolution.units:
        files[unit_path(base, resolution.lang, unit.id)] = keep.get(unit.id, unit_bytes(unit.text))
    return files
