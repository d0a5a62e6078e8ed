"""What a write is, and the checks that refuse one before anything is written.

A command writes one or more :class:`LanguageWrite`; :func:`merge_by_version` makes one
write per version folder, and :func:`check_write` refuses a write into a folder that is or
holds a link, or whose metadata repeats a unit id (one unit file would overwrite the other:
a clause lost).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from resdiff.errors import StoreError
from resdiff.model import Resolution
from resdiff.storage import meta, safety


@dataclass(frozen=True, slots=True)
class LanguageWrite:
    """One language of a version to write: its files (relative to the version folder,
    ``meta.json`` excepted) and the version's whole new ``meta.json``; the message and
    author date of its own commit, when versions are committed each on its own
    (:meth:`~resdiff.storage.store.Store.write_each`); and the folder holding the
    language's files instead of ``files``, when a batch worker wrote them (:mod:`.staging`),
    and ``meta`` as bytes, when the worker made them too."""

    version: PurePosixPath
    lang: str
    files: Mapping[PurePosixPath, bytes]
    meta: dict[str, Any]
    message: str = ""
    date: str | None = None
    staged: Path | None = None
    meta_bytes: bytes | None = None


def refuse_duplicates(resolution: Resolution) -> None:
    """Refuse a resolution two of whose units share an id (one would overwrite the other).

    Raises:
        StoreError: the first repeated id.
    """
    repeated = meta.duplicate_ids(unit.id for unit in resolution.units)
    if repeated:
        raise StoreError(
            f"{resolution.symbol} ({resolution.lang}) has two units with the id {repeated[0]}; "
            "nothing was stored: correct the numbering of the source (or store it with --raw)"
        )


def merge_by_version(writes: list[LanguageWrite]) -> list[LanguageWrite]:
    """One write per version folder: languages of one version (a rebuild of ``fr`` and
    ``en``) are written together, each language's entry taken from its own write."""
    merged: dict[PurePosixPath, LanguageWrite] = {}
    for item in writes:
        first = merged.get(item.version)
        if first is None:
            merged[item.version] = item
            continue
        if first.staged or item.staged:
            raise ValueError(f"two staged languages of {item.version} in one write")
        data = dict(first.meta)
        data["languages"] = {
            **first.meta["languages"],
            item.lang: item.meta["languages"][item.lang],
        }
        lang = f"{first.lang},{item.lang}"
        merged[item.version] = LanguageWrite(
            item.version, lang, {**first.files, **item.files}, data
        )
    return list(merged.values())


def check_write(root: Path, item: LanguageWrite) -> None:
    """Refuse a write whose folders hold a link, or whose metadata repeats a unit id.

    Raises:
        StoreError: what is wrong, before anything is written.
    """
    safety.check_tree(root, root / item.version)
    for entry in item.meta.get("languages", {}).values():
        repeated = meta.duplicate_ids(spec["id"] for spec in entry.get("units", ()))
        if repeated:
            raise StoreError(
                f"{item.version} would list the unit {repeated[0]} twice; nothing was written"
            )
