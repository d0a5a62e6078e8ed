"""The store: versions of resolutions as plain files in a git repository.

Writes are atomic and serialised: a version is written to a temporary folder, moved into
place, then committed with only its own paths, all under an exclusive lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from resdiff import __version__
from resdiff.errors import (
    AmbiguousVersion,
    NotAStore,
    StoreError,
    UnknownVersion,
    VersionExists,
)
from resdiff.ingest import Source
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.storage import layout
from resdiff.storage.git import GitRepo
from resdiff.symbols import ResolutionSymbol

logger = logging.getLogger(__name__)

META_SCHEMA = "resdiff.meta/1"
STORE_SCHEMA = "resdiff.store/1"
DEFAULT_SERIES = "ecosoc-trafficking"
# Seconds to wait for another resdiff process to release the store lock.
LOCK_TIMEOUT = float(os.environ.get("RESDIFF_LOCK_TIMEOUT", "60"))


@dataclass(frozen=True, slots=True)
class LanguageEntry:
    """One language of a stored version, as its metadata describes it."""

    lang: str
    title: str
    source: str
    source_name: str
    sha256: str
    units: tuple[dict[str, Any], ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """A version of a resolution in the store, read from its ``meta.json``."""

    symbol: str
    series: str
    year: int
    date: str
    path: Path
    languages: dict[str, LanguageEntry] = field(default_factory=dict)
    body: str | None = None
    meeting: str | None = None

    @property
    def short(self) -> str:
        """``2021/25``."""
        return ResolutionSymbol.parse(self.symbol).short

    def entry(self, lang: str | None) -> LanguageEntry:
        """The entry of ``lang``; without ``lang``, the only (or French, or first) one.

        Raises:
            UnknownVersion: the version has no text in that language.
        """
        if lang is None:
            if len(self.languages) == 1:
                return next(iter(self.languages.values()))
            for preferred in ("fr", "en"):
                if preferred in self.languages:
                    return self.languages[preferred]
            return next(iter(self.languages.values()))
        try:
            return self.languages[lang]
        except KeyError:
            raise UnknownVersion(
                f"{self.symbol} has no {lang!r} text; it has: {', '.join(sorted(self.languages))}"
            ) from None


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of :meth:`Store.add`."""

    version: StoredVersion
    lang: str
    commit: str | None
    replaced: bool = False


class Store:
    """A resdiff store rooted at a folder (``resolutions/`` by default)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()

    # ----------------------------------------------------------------- reading

    def exists(self) -> bool:
        """True when the folder holds a store."""
        return (self.root / layout.STORE_FILE).is_file()

    def config(self) -> dict[str, Any]:
        """The store's own settings (``store.json``).

        Raises:
            NotAStore: the folder is not a resdiff store, or its settings are corrupt.
        """
        path = self.root / layout.STORE_FILE
        if not path.is_file():
            raise NotAStore(
                f"{self.root} is not a resdiff store (no {layout.STORE_FILE}); "
                "run `resdiff add FILE` to create one or pass --store"
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise NotAStore(
                f"{path} is corrupt; restore it from git (`git checkout -- {path}`)"
            ) from None
        if not isinstance(data, dict) or data.get("schema") != STORE_SCHEMA:
            raise NotAStore(f"{path} is not a resdiff store file ({STORE_SCHEMA} expected)")
        return data

    @property
    def default_series(self) -> str:
        """The series a bare year selects in (``ecosoc-trafficking`` for this project)."""
        return str(self.config().get("default_series", DEFAULT_SERIES))

    def versions(self, series: str | None = None) -> list[StoredVersion]:
        """All stored versions, oldest first (optionally of one series)."""
        self.config()
        found = []
        for meta in sorted(self.root.glob(f"*/*/{layout.META_FILE}")):
            version = self._read_meta(meta)
            if series is None or version.series == series:
                found.append(version)
        return sorted(found, key=lambda v: (v.series, v.date, v.symbol))

    def select(self, selector: str, series: str | None = None) -> StoredVersion:
        """The version a selector names: a year (``2021``), ``2021/25`` or ``E/RES/2021/25``.

        Raises:
            UnknownVersion: nothing matches.
            AmbiguousVersion: several versions match.
        """
        selector = selector.strip()
        candidates = self.versions()
        if re.fullmatch(r"\d{4}", selector):
            wanted = series or self.default_series
            matches = [v for v in candidates if v.year == int(selector) and v.series == wanted]
        elif "/RES/" in selector.upper():
            full = str(ResolutionSymbol.parse(selector))
            matches = [v for v in candidates if v.symbol == full]
        else:
            matches = [v for v in candidates if v.short == selector]
        if series and not re.fullmatch(r"\d{4}", selector):
            matches = [v for v in matches if v.series == series]
        if not matches:
            known = ", ".join(f"{v.year} ({v.symbol})" for v in candidates) or "none"
            raise UnknownVersion(f"no stored version matches {selector!r}; stored: {known}")
        if len(matches) > 1:
            names = ", ".join(f"{v.symbol} [{v.series}]" for v in matches)
            raise AmbiguousVersion(
                f"{selector!r} matches several versions: {names}; use the full symbol"
            )
        return matches[0]

    def load(self, version: StoredVersion | str, lang: str | None = None) -> Resolution:
        """Read a version's canonical units back into a :class:`Resolution`.

        Raises:
            StoreError: a unit file listed in the metadata is missing.
        """
        if isinstance(version, str):
            version = self.select(version)
        entry = version.entry(lang)
        rel = layout.version_dir(version.series, version.symbol)
        units = []
        for spec in entry.units:
            path = self.root / layout.unit_path(rel, entry.lang, spec["id"])
            try:
                text = path.read_text(encoding="utf-8").removesuffix("\n")
            except OSError:
                raise StoreError(
                    f"{path} is missing; run `resdiff verify` and restore it from git"
                ) from None
            units.append(_unit_from_spec(spec, text))
        return Resolution(
            symbol=version.symbol,
            lang=entry.lang,
            units=tuple(units),
            title=entry.title,
            date=version.date,
            year=version.year,
            series=version.series,
            body=version.body,
            meeting=version.meeting,
            source_name=entry.source_name,
            warnings=entry.warnings,
        )

    def _read_meta(self, path: Path) -> StoredVersion:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            languages = {
                code: LanguageEntry(
                    lang=code,
                    title=item["title"],
                    source=item["source"],
                    source_name=item["source_name"],
                    sha256=item["sha256"],
                    units=tuple(item["units"]),
                    warnings=tuple(item.get("warnings", ())),
                )
                for code, item in data["languages"].items()
            }
            return StoredVersion(
                symbol=data["symbol"],
                series=data["series"],
                year=int(data["year"]),
                date=data["date"],
                path=path.parent,
                languages=languages,
                body=data.get("body"),
                meeting=data.get("meeting"),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise StoreError(
                f"{path} is corrupt; restore it from git or run `resdiff verify`"
            ) from None

    # ----------------------------------------------------------------- writing

    def add(
        self,
        resolution: Resolution,
        source: Source,
        *,
        commit: bool = True,
        replace: bool = False,
    ) -> Added:
        """Store a resolution with its source, atomically, as one git commit.

        Args:
            resolution: from :func:`resdiff.ingest.ingest`; its ``series`` defaults to the
                store's default series.
            source: the raw source it was made from, kept byte for byte.
            commit: commit the version's files (and nothing else).
            replace: overwrite the same language of an existing version (the old state
                stays in git history).

        Raises:
            VersionExists: the version already has this language and ``replace`` is False.
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """
        repo = self._prepare_repo() if commit else None
        with self._locked():
            self.recover()
            series = resolution.series or self.default_series
            rel = layout.version_dir(series, resolution.symbol)
            final = self.root / rel
            meta = self._merged_meta(final, resolution, source, series, replace)
            replaced = resolution.lang in _existing_languages(final)
            self._write_atomically(final, rel, resolution, source, meta)
            sha = None
            if repo is not None:
                verb = "Replace" if replaced else "Add"
                message = f"{verb} {resolution.symbol} ({resolution.lang}): {resolution.title}"
                paths = [final]
                if not self._tracked_store_files(repo):
                    paths += [self.root / layout.STORE_FILE, self.root / ".gitignore"]
                sha = repo.commit_paths(paths, message, resolution.date)
            version = self._read_meta(final / layout.META_FILE)
        return Added(version=version, lang=resolution.lang, commit=sha, replaced=replaced)

    def _prepare_repo(self) -> GitRepo:
        self.root.mkdir(parents=True, exist_ok=True)
        repo = GitRepo.find(self.root) or GitRepo.init(self.root)
        repo.check_writable()
        return repo

    def _tracked_store_files(self, repo: GitRepo) -> bool:
        return repo.head() is not None and _is_tracked(repo, self.root / layout.STORE_FILE)

    def init(self) -> None:
        """Create the store's own files if missing (``store.json``, ``.gitignore``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        store_file = self.root / layout.STORE_FILE
        if not store_file.exists():
            _write_json(store_file, {"schema": STORE_SCHEMA, "default_series": DEFAULT_SERIES})
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("\n".join(layout.IGNORED) + "\n", encoding="utf-8")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.init()
        with open(self.root / layout.LOCK_FILE, "a+b") as handle:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreError(
                            "another resdiff process has held the store lock for "
                            f"{LOCK_TIMEOUT:.0f} s; try again when it has finished"
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def recover(self) -> list[str]:
        """Clean up after an interrupted write; returns what was done, one line each."""
        done = []
        for old in sorted(self.root.glob(f"*/{layout.OLD_PREFIX}*")):
            target = old.parent / old.name.removeprefix(layout.OLD_PREFIX).split(".", 1)[0]
            if target.exists():
                shutil.rmtree(old)
                done.append(
                    f"removed the previous state of {target.name} left by an interrupted write"
                )
            else:
                old.rename(target)
                done.append(f"restored {target.name} after an interrupted write")
        for temp in sorted(self.root.glob(f"**/{layout.TEMP_PREFIX}*")):
            shutil.rmtree(temp, ignore_errors=True)
            done.append(f"removed the unfinished write {temp.name}")
        for line in done:
            logger.warning(line)
        return done

    def _merged_meta(
        self, final: Path, resolution: Resolution, source: Source, series: str, replace: bool
    ) -> dict[str, Any]:
        meta_path = final / layout.META_FILE
        if meta_path.exists():
            data: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            if resolution.lang in data["languages"] and not replace:
                raise VersionExists(
                    f"{resolution.symbol} ({resolution.lang}) is already stored; "
                    "use --replace to store the new text (the old one stays in git history)"
                )
            if data["date"] != resolution.date:
                raise StoreError(
                    f"{resolution.symbol} is stored with date {data['date']}, "
                    f"not {resolution.date}; check --date"
                )
        else:
            data = {
                "schema": META_SCHEMA,
                "symbol": resolution.symbol,
                "series": series,
                "year": resolution.year,
                "date": resolution.date,
                "body": resolution.body,
                "meeting": resolution.meeting,
                "languages": {},
            }
        data["languages"][resolution.lang] = {
            "title": resolution.title,
            "source": layout.source_path(PurePosixPath("."), resolution.lang, source.format).name,
            "source_name": source.name,
            "sha256": hashlib.sha256(source.data).hexdigest(),
            "size": len(source.data),
            "pipeline": f"resdiff {__version__}",
            "units": [_unit_spec(unit) for unit in resolution.units],
            "warnings": list(resolution.warnings),
        }
        data["languages"] = dict(sorted(data["languages"].items()))
        return data

    def _write_atomically(
        self,
        final: Path,
        rel: PurePosixPath,
        resolution: Resolution,
        source: Source,
        meta: dict[str, Any],
    ) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(
            tempfile.mkdtemp(prefix=layout.TEMP_PREFIX + final.name + ".", dir=final.parent)
        )
        if final.exists():
            shutil.copytree(final, temp, dirs_exist_ok=True)
            shutil.rmtree(temp / resolution.lang, ignore_errors=True)
        base = PurePosixPath(".")
        source_file = temp / layout.source_path(base, resolution.lang, source.format)
        source_file.parent.mkdir(parents=True, exist_ok=True)
        source_file.write_bytes(source.data)
        for unit in resolution.units:
            path = temp / layout.unit_path(base, resolution.lang, unit.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(unit.text + "\n", encoding="utf-8")
        _write_json(temp / layout.META_FILE, meta)
        _fsync_tree(temp)
        if final.exists():
            old = final.parent / f"{layout.OLD_PREFIX}{final.name}.{os.getpid()}"
            final.rename(old)
            temp.rename(final)
            shutil.rmtree(old)
        else:
            temp.rename(final)
        logger.info("wrote %s", rel)


def _existing_languages(final: Path) -> set[str]:
    meta = final / layout.META_FILE
    if not meta.exists():
        return set()
    return set(json.loads(meta.read_text(encoding="utf-8"))["languages"])


def _is_tracked(repo: GitRepo, path: Path) -> bool:
    try:
        repo.show_file("HEAD", path)
    except StoreError:
        return False
    return True


def _unit_spec(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "kind": unit.kind.value,
        "label": unit.label,
        "footnote_refs": list(unit.footnote_refs),
    }


def _unit_from_spec(spec: dict[str, Any], text: str) -> Unit:
    return Unit(
        id=spec["id"],
        kind=UnitKind(spec["kind"]),
        text=text,
        label=spec.get("label"),
        footnote_refs=tuple(spec.get("footnote_refs", ())),
    )


# A bracketed list or a brace-delimited object with no nested brackets, spread over lines.
_FLAT_LIST_RE = re.compile(r"\[\n([^\[\]{}]*?)\n\s*\]")
_FLAT_OBJECT_RE = re.compile(r"\{\n([^{}]*?)\n\s*\}")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Indented JSON with each flat list and flat object (a unit's entry) on one line."""

    def one_line(opening: str, closing: str) -> Any:
        return lambda m: opening + " ".join(part.strip() for part in m[1].split("\n")) + closing

    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _FLAT_LIST_RE.sub(one_line("[", "]"), text)
    text = _FLAT_OBJECT_RE.sub(one_line("{", "}"), text)
    path.write_text(text + "\n", encoding="utf-8")


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
