"""Pull-request review of the store: what changed between two git revisions, and what is wrong.

``review(store, base, head)`` exports the store as it was at both revisions (through
:mod:`resdiff.storage.git`, without touching the work tree), then reports

* versions added (a version, or a language of a version, new at ``head``), each compared with
  the previous version of its series in that language;
* versions corrected (the canonical units of a version changed), the old state compared with
  the new one;
* versions removed;
* problems at ``head``: a version folder with units but no source, a source whose sha256 is
  not the one in its metadata, a unit file listed in the metadata but missing, a unit file
  edited by hand and not recorded as a correction (its sha256 is neither the pipeline's nor a
  recorded correction's, as ``resdiff verify`` checks), files the metadata does not list, a
  version outside its folder, unreadable metadata. Each check is a ``check_<what>`` function
  adding lines to a list. Only what ``verify`` checks without running the pipeline is checked:
  a pull request is not failed because the pipeline improved since a version was stored.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from resdiff._comparison_cache import ComparisonCache
from resdiff.errors import ResdiffError, StoreError
from resdiff.integrity._units import UnitState, extra_files, stored_texts, unit_state
from resdiff.integrity.verify import EDITED_ADVICE
from resdiff.model import Comparison, Resolution
from resdiff.storage import LanguageEntry, Store, StoredVersion, audit, layout
from resdiff.storage.revision import export_store, resolve_revision, tree_entries


@dataclass(frozen=True, slots=True)
class ReviewedVersion:
    """An added or corrected version (one language) and its comparison.

    For an added version, ``comparison`` compares it with ``previous`` (None when it is the
    first of its series in that language: then ``comparison`` is None too). For a corrected
    one, it compares the base state with the head state.
    """

    symbol: str
    series: str
    lang: str
    previous: str | None
    comparison: Comparison | None
    resolution: Resolution


@dataclass(frozen=True, slots=True)
class Review:
    """What a pull request does to the store."""

    base: str
    head: str
    added: tuple[ReviewedVersion, ...]
    corrected: tuple[ReviewedVersion, ...]
    removed: tuple[str, ...]
    problems: tuple[str, ...]


def review(store: Store, base: str, head: str = "HEAD") -> Review:
    """Compare the store at two git revisions.

    Raises:
        StoreError: no git repository, or a revision that does not exist.
    """
    base_sha, head_sha = resolve_revision(store, base), resolve_revision(store, head)
    cache = ComparisonCache(None)  # states of a pull request are not worth caching
    with tempfile.TemporaryDirectory(prefix="resdiff-review-") as tmp:
        old = export_store(store, base_sha, Path(tmp) / "base")
        new = export_store(store, head_sha, Path(tmp) / "head")
        problems: list[str] = []
        old_versions = _versions(old, problems=None)
        new_versions = _versions(new, problems)
        check_store_files(store, head_sha, problems)
        for check in (
            check_metadata_files, check_sources, check_units, check_extra_files,
        ):  # fmt: skip
            check(new, new_versions, problems)
        before = {(v.symbol, lang): v for v in old_versions for lang in v.languages}
        added, corrected = [], []
        for version in new_versions:
            for lang in sorted(version.languages):
                if (version.symbol, lang) not in before:
                    added.append(_added(new, new_versions, version, lang, cache))
                else:
                    fixed = _corrected(old, new, before[version.symbol, lang], version, lang, cache)
                    if fixed is not None:
                        corrected.append(fixed)
        now = {(v.symbol, lang) for v in new_versions for lang in v.languages}
        removed = [
            f"{symbol} ({lang})" for symbol, lang in sorted(before) if (symbol, lang) not in now
        ]
    return Review(base_sha, head_sha, tuple(a for a in added if a is not None),
                  tuple(corrected), tuple(removed), tuple(problems))  # fmt: skip


def _versions(store: Store, problems: list[str] | None) -> list[StoredVersion]:
    """The readable versions; each unreadable ``meta.json`` is a problem (the others are kept)."""
    if not store.exists():
        return []
    try:
        store.config()
    except StoreError as exc:
        if problems is not None:
            problems.append(str(exc).replace(str(store.root) + "/", ""))
        return []
    found = []
    for meta_file in store.meta_files():
        try:
            found.append(store.read_meta(meta_file))
        except StoreError as exc:
            if problems is not None:
                problems.append(str(exc).replace(str(store.root) + "/", ""))
    return sorted(found, key=lambda v: (v.series, v.date, v.symbol))


def _load(store: Store, version: StoredVersion, lang: str) -> Resolution | None:
    try:
        return store.load(version, lang)
    except ResdiffError:
        return None  # reported by check_units


def _added(
    store: Store, versions: list[StoredVersion], version: StoredVersion, lang: str,
    cache: ComparisonCache,
) -> ReviewedVersion | None:  # fmt: skip
    resolution = _load(store, version, lang)
    if resolution is None:
        return None
    earlier = [v for v in versions if v.series == version.series and lang in v.languages
               and (v.date, v.symbol) < (version.date, version.symbol)]  # fmt: skip
    previous = _load(store, earlier[-1], lang) if earlier else None
    comparison = cache.compare(previous, resolution) if previous is not None else None
    symbol = previous.symbol if previous is not None else None
    return ReviewedVersion(version.symbol, version.series, lang, symbol, comparison, resolution)


def _corrected(
    old_store: Store, new_store: Store, old_version: StoredVersion, version: StoredVersion,
    lang: str, cache: ComparisonCache,
) -> ReviewedVersion | None:  # fmt: skip
    old = _load(old_store, old_version, lang)
    new = _load(new_store, version, lang)
    if old is None or new is None or _units(old) == _units(new):
        return None
    comparison = cache.compare(old, new)
    return ReviewedVersion(version.symbol, version.series, lang, old.symbol, comparison, new)


def _units(resolution: Resolution) -> list[tuple[str, str, str]]:
    return [(u.id, u.kind.value, u.text) for u in resolution.units]


def _relative(store: Store, path: Path) -> str:
    return path.relative_to(store.root).as_posix()


def check_store_files(store: Store, head: str, problems: list[str]) -> int:
    """Links, special files, files outside the layout and committed ignored names at ``head``."""
    found = audit.problems(tree_entries(store, head), committed=True)
    problems += found
    return len(found)


def check_metadata_files(store: Store, versions: list[StoredVersion], problems: list[str]) -> int:
    """A language folder with units or a source but no metadata for that language."""
    described = {(v.path, lang) for v in versions for lang in v.languages}
    found = 0
    for folder in sorted(store.root.glob("*/*/*/units")):
        lang_dir = folder.parent
        if (lang_dir.parent, lang_dir.name) not in described and any(folder.iterdir()):
            problems.append(f"{_relative(store, lang_dir)} has units but no entry in meta.json")
            found += 1
    return found


def _languages(versions: list[StoredVersion]) -> Iterator[tuple[StoredVersion, LanguageEntry]]:
    """Every language of every version, in a stable order."""
    for version in versions:
        for _, entry in sorted(version.languages.items()):
            yield version, entry


def check_sources(store: Store, versions: list[StoredVersion], problems: list[str]) -> int:
    """Every language of every version has its source, and the source's sha256 is recorded."""
    found = 0
    for version, entry in _languages(versions):
        path = version.path / entry.lang / entry.source
        where = _relative(store, path)
        if not path.is_file():
            problems.append(
                f"{version.symbol} ({entry.lang}) has units but no source: {where} is missing"
            )
            found += 1
        elif hashlib.sha256(path.read_bytes()).hexdigest() != entry.sha256:
            problems.append(
                f"{version.symbol} ({entry.lang}): the sha256 of {where} does not match meta.json"
            )
            found += 1
    return found


def check_units(store: Store, versions: list[StoredVersion], problems: list[str]) -> int:
    """Every unit listed in the metadata has its file, and that file is what the pipeline made
    (its sha256 in the metadata) or a recorded correction: a hand edit not recorded with
    ``resdiff correct`` is a problem, as in verify."""
    found = 0
    for version, entry in _languages(versions):
        name = f"{version.symbol} ({entry.lang})"
        stored = stored_texts(store, version, entry)
        missing = [spec["id"] for spec in entry.units if spec["id"] not in stored]
        if missing:
            problems.append(f"{name}: unit files missing: {', '.join(missing)}")
            found += 1
        for spec in entry.units:
            data = stored.get(spec["id"])
            if data is not None and unit_state(spec, data, None, entry) is UnitState.EDITED:
                problems.append(f"{name}: {spec['id']}: {EDITED_ADVICE}")
                found += 1
    return found


def check_extra_files(store: Store, versions: list[StoredVersion], problems: list[str]) -> int:
    """No file the metadata does not list, and every version in the folder its symbol names."""
    found = 0
    for version in versions:
        where = store.root / layout.version_dir(version.series, version.symbol)
        if version.path != where:
            problems.append(
                f"{_relative(store, version.path)}: its meta.json describes {version.symbol} in "
                f"series {version.series}, which belongs in {_relative(store, where)}"
            )
            found += 1
            continue
        for child in sorted(version.path.iterdir()):
            if child.name in (layout.META_FILE, *version.languages) or (child / "units").is_dir():
                continue  # a language folder without metadata: check_metadata_files says so
            problems.append(f"{_relative(store, child)}: extra file, not listed in meta.json")
            found += 1
        for lang, entry in sorted(version.languages.items()):
            if not store.source_file(version, entry).is_file():
                continue  # reported by check_sources
            for name in extra_files(store, version, entry):
                problems.append(f"{version.symbol} ({lang}): {name} is an extra file")
                found += 1
    return found
