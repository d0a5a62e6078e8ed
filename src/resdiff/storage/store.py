"""The store: versions of resolutions as plain files in a git repository.

Writes are atomic and serialised: a version is written to a temporary folder, moved into
place, then committed with only its own paths, all under an exclusive lock.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import re
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from resdiff.errors import (
    AmbiguousVersion,
    NotAStore,
    ResdiffError,
    StoreChanged,
    StoreError,
    UnknownVersion,
    VersionExists,
)
from resdiff.model import Resolution
from resdiff.storage import layout, meta, safety
from resdiff.storage.meta import LanguageEntry, StoredVersion
from resdiff.storage.view import DiskView, HeadView
from resdiff.symbols import ResolutionSymbol, looks_like_symbol

if TYPE_CHECKING:  # the ingestion pipeline is heavy; the store only passes sources on
    # Writing needs git, the lock and the transaction: imported by the writing methods,
    # so that reading commands (list, show, diff) never load them (filelock, subprocess).
    from resdiff.ingest import Source
    from resdiff.storage.git import GitRepo
    from resdiff.storage.lock import StoreLock
    from resdiff.storage.staging import StagedLanguage
    from resdiff.storage.writes import LanguageWrite

T = TypeVar("T")


def __getattr__(name: str) -> Any:
    """``LanguageWrite``, still importable from here, loaded by the writers only."""
    if name == "LanguageWrite":
        from resdiff.storage.writes import LanguageWrite

        return LanguageWrite
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


logger = logging.getLogger(__name__)

META_SCHEMA = "resdiff.meta/1"
STORE_SCHEMA = "resdiff.store/1"
# How to get further when a version is not stored (appended to UnknownVersion's message).
WAYS_FORWARD = (
    "compare a file you have with `resdiff diff FILE VERSION`, download one with "
    "`resdiff fetch SYMBOL --lang fr --add` (network), or try the constructed demo in a "
    "clone of resdiff: `resdiff --store examples/constructed-demo 2092 2094`"
)


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
        self._view: DiskView | HeadView | None = None
        # Set while :meth:`reusing_git` holds: the repository found once, and whether the
        # store's own files are known to be committed.
        self._git: GitRepo | None = None
        self._reusing_git = False
        self._own_files_tracked = False

    # ----------------------------------------------------------------- reading

    def _reader(self) -> DiskView | HeadView:
        """The view reads go through; a write in flight at the first read means HEAD's."""
        if self._view is None:
            if os.path.lexists(self.root / layout.JOURNAL_FILE):
                self.read_committed()
            else:
                self._view = DiskView(self.root)
        assert self._view is not None
        return self._view

    def read_committed(self) -> None:
        """Read from now on the store as HEAD's commit holds it (see :mod:`.view`).

        What :class:`~resdiff.errors.StoreChanged` asks for: run the reading again after
        this. Without a commit to read (no git, or the store is not committed), the files
        on disk are read again once no write is in flight.
        """
        head = HeadView.at_head(self.root)
        if head is not None:
            logger.debug("a write is in flight: reading commit %s", head.commit[:10])
            self._view = head
            return
        self._view = DiskView(self.root, journal=_wait_for_writer(self.root))

    def _consistent(self, read: Callable[[], T], folders: Sequence[Path] | None = None) -> T:
        """``read()``, raising :class:`StoreChanged` if a write moved what it read meanwhile.

        Args:
            read: the reading.
            folders: the version folders it reads (default: all those read so far).

        The store then forgets what it had read: the next read starts afresh (what the
        caller read before may not match it; the command line runs the command again).
        """
        view = self._reader()
        try:
            result = read()
        except (StoreError, OSError):
            if view.changed(folders):
                self._view = None
                raise StoreChanged(_CHANGED) from None
            raise
        if view.changed(folders):
            self._view = None
            raise StoreChanged(_CHANGED)
        return result

    def exists(self) -> bool:
        """True when the folder holds a store."""
        return (self.root / layout.STORE_FILE).is_file()

    def config(self) -> dict[str, Any]:
        """The store's own settings (``store.json``).

        Raises:
            NotAStore: the folder is not a resdiff store, or its settings are corrupt.
        """
        path = self.root / layout.STORE_FILE
        if self.root.is_file():
            raise NotAStore(f"{self.root} is a file, not a store; pass --store with a folder")
        view = self._reader()
        if not view.is_file(path):
            raise NotAStore(
                f"{self.root} is not a resdiff store (no {layout.STORE_FILE}); "
                "run `resdiff add FILE` to create one or pass --store"
            )
        try:
            data = json.loads(view.read(path).decode("utf-8"))
        except (OSError, ValueError):
            raise NotAStore(
                f"{path} is corrupt; restore it from git (`git checkout -- {path}`)"
            ) from None
        if not isinstance(data, dict) or data.get("schema") != STORE_SCHEMA:
            raise NotAStore(f"{path} is not a resdiff store file ({STORE_SCHEMA} expected)")
        series = data.get("default_series")
        try:
            if series is not None:  # a new store takes its first version's series
                layout.check_series(series if isinstance(series, str) else "")
        except StoreError:
            raise NotAStore(
                f"{path} is corrupt (default_series is not a series name); restore it from "
                f"git (`git checkout -- {path}`)"
            ) from None
        return data

    @property
    def default_series(self) -> str:
        """The series a bare year selects in: ``store.json``'s, else the latest version's.

        A new store takes the series of its first version (``ecosoc-trafficking`` for this
        project's ``resolutions/``).
        """
        named = self.config().get("default_series")
        if named:
            return str(named)
        stored = self.versions()
        return stored[-1].series if stored else ""

    def meta_files(self) -> list[Path]:
        """The ``meta.json`` of every stored version (not yet read).

        Only real folders count, never a link, nor a temporary or old folder an unfinished
        write leaves (their names start with a dot, :data:`layout.TEMP_PREFIX` and
        :data:`layout.OLD_PREFIX`): readers see committed versions only.
        """
        return self._reader().meta_files()

    def versions(self, series: str | None = None) -> list[StoredVersion]:
        """All stored versions, oldest first (optionally of one series).

        Raises:
            StoreChanged: a write moved a version while it was read; call
                :meth:`read_committed` and read again.
        """

        def read() -> list[StoredVersion]:
            self.config()
            found = []
            for meta_file in self.meta_files():
                version = self.read_meta(meta_file)
                if series is None or version.series == series:
                    found.append(version)
            return sorted(found, key=lambda v: (v.series, v.date, v.symbol))

        return self._consistent(read)

    def select(
        self,
        selector: str,
        series: str | None = None,
        candidates: Sequence[StoredVersion] | None = None,
    ) -> StoredVersion:
        """The version a selector names: a year (``2021``), ``2021/25`` or ``E/RES/2021/25``.

        ``candidates`` is :meth:`versions`, when the caller already read it (selecting two
        versions then reads every ``meta.json`` once, not twice).

        Raises:
            UnknownVersion: nothing matches.
            AmbiguousVersion: several versions match.
        """
        selector = selector.strip()
        if not re.fullmatch(r"\d{4}", selector) and Path(selector).is_file():
            raise UnknownVersion(  # "show draft.txt": a file, where a version is asked
                f"{selector!r} is a file, not a stored version; see how it reads with "
                f"`resdiff normalize {selector}`, store it with `resdiff add {selector}`, "
                "or compare it with `resdiff diff FILE VERSION`"
            )
        candidates = self.versions() if candidates is None else candidates
        if re.fullmatch(r"\d{4}", selector):
            wanted = series or self.default_series
            matches = [v for v in candidates if v.year == int(selector) and v.series == wanted]
            matches = _adopted_first(matches)
        elif looks_like_symbol(selector):
            full = str(ResolutionSymbol.parse(selector))
            matches = [v for v in candidates if v.symbol == full]
        else:
            matches = [v for v in candidates if v.short == selector]
        if series and not re.fullmatch(r"\d{4}", selector):
            matches = [v for v in matches if v.series == series]
        if not matches:
            known = ", ".join(f"{v.year} ({v.symbol})" for v in candidates) or "none"
            elsewhere = sorted({v.series for v in candidates if str(v.year) == selector})
            hint = (
                f"{selector} is stored in the series {', '.join(elsewhere)}: add --series"
                f" {elsewhere[0]}"
                if elsewhere
                else WAYS_FORWARD
            )
            raise UnknownVersion(f"no stored version matches {selector!r}; stored: {known}; {hint}")
        if len(matches) > 1:
            names = ", ".join(f"{v.symbol} [{v.series}]" for v in matches)
            same_symbol = len({v.symbol for v in matches}) == 1
            hint = "choose with --series" if same_symbol else "use the full symbol"
            raise AmbiguousVersion(f"{selector!r} matches several versions: {names}; {hint}")
        return matches[0]

    def load(self, version: StoredVersion | str, lang: str | None = None) -> Resolution:
        """Read a version's canonical units back into a :class:`Resolution`.

        Raises:
            StoreError: a unit file listed in the metadata is missing.
            StoreChanged: a write moved the version while it was read; call
                :meth:`read_committed` and read again.
        """
        if isinstance(version, str):
            version = self.select(version)
        # Only this version's folder is checked: versions() checked them all together.
        load = functools.partial(self._load, version, lang)
        return self._consistent(load, [version.path])

    def _load(self, version: StoredVersion, lang: str | None) -> Resolution:
        entry = version.entry(lang)
        rel = layout.version_dir(version.series, version.symbol)
        folder = self.root / layout.units_dir(rel, entry.lang)
        repeated = meta.duplicate_ids(spec["id"] for spec in entry.units)
        if repeated:
            raise StoreError(
                f"{version.path / layout.META_FILE} lists the unit {repeated[0]} more than once; "
                "run `resdiff verify`, then `resdiff rebuild`"
            )
        view = self._reader()
        view.note(version.path)
        # One pass over the files (one git process when reading a commit); plain strings,
        # never a Path per unit: a 50-version timeline reads 3,400 files.
        base = os.path.join(folder, "")
        name = layout.unit_file_name
        paths = [base + name(spec["id"]) for spec in entry.units]
        try:
            texts = [data.decode("utf-8") for data in view.read_many(paths)]
        except (OSError, UnicodeDecodeError):
            missing = next((p for p in paths if not view.is_file(p)), paths[0] if paths else folder)
            raise StoreError(
                f"{missing} is missing or unreadable; run `resdiff verify` and restore it from git"
            ) from None
        unit = meta.unit_from_spec
        units = [
            unit(spec, text.removesuffix("\n"))
            for spec, text in zip(entry.units, texts, strict=True)
        ]
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
            session=version.session,
            agenda_item=version.agenda_item,
            source_name=entry.source_name,
            warnings=entry.warnings,
            **meta.provenance(entry),
        )

    def read_meta(self, path: Path) -> StoredVersion:
        """Read one ``meta.json``.

        Raises:
            StoreError: the file is unreadable or not of the expected shape.
        """
        if not Path(path).is_relative_to(self.root):
            return meta.read(path)
        view = self._reader()
        view.note(Path(path).parent)
        try:
            data = view.read(Path(path))
        except safety.LinkInStore:
            raise
        except OSError:
            raise StoreError(
                f"{path} is corrupt; restore it from git or run `resdiff verify`"
            ) from None
        return meta.read(path, data)

    def source_file(self, version: StoredVersion, entry: LanguageEntry) -> Path:
        """The stored source of one language of a version."""
        rel = layout.version_dir(version.series, version.symbol)
        return self.root / layout.source_path(rel, entry.lang, entry.source_format)

    def unit_file(self, version: StoredVersion, lang: str, unit_id: str) -> Path:
        """The canonical file of one unit."""
        rel = layout.version_dir(version.series, version.symbol)
        return self.root / layout.unit_path(rel, lang, unit_id)

    # ----------------------------------------------------------------- writing

    def add(
        self,
        resolution: Resolution,
        source: Source,
        *,
        commit: bool = True,
        replace: bool = False,
        options: Mapping[str, Any] | None = None,
        fetched: Mapping[str, Any] | None = None,
    ) -> Added:
        """Store a resolution with its source, atomically, as one git commit.

        Everything that can be checked is checked before the first write: a refused
        version leaves the store, its git index and HEAD exactly as they were.

        Args:
            resolution: from :func:`resdiff.ingest.ingest`; its ``series`` defaults to the
                store's default series.
            source: the raw source it was made from, kept byte for byte.
            commit: commit the version's files (and nothing else).
            replace: overwrite the same language of an existing version (the old state
                stays in git history).
            options: the ingest options that shaped the units (``raw``, a given ``title``),
                recorded so that ``resdiff verify``/``rebuild`` can run the same pipeline.
            fetched: where ``resdiff fetch`` got the text (addresses, the library record),
                kept in the language's ``meta.json`` entry as ``fetched``.

        Raises:
            VersionExists: the version already has this language and ``replace`` is False.
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """
        from resdiff.storage import staging, writes
        from resdiff.storage.series import series_for

        self._check_root()
        # The stored versions only matter when the series is not given (read all, O(store)).
        stored = self.versions() if self.exists() and not resolution.series else []
        series = series_for(resolution, stored)
        rel = layout.version_dir(series, resolution.symbol)
        writes.refuse_duplicates(resolution)
        files = staging.language_files(resolution, source)
        entry = meta.new_language(resolution, source, options)
        written: list[tuple[LanguageWrite, bool]] = []

        def plan() -> list[LanguageWrite]:
            written.append(self._plan_add(resolution, series, entry, replace, files, fetched))
            return [written[0][0]]

        sha = self.write(
            plan, lambda: written[0][0].message, commit=commit, date=resolution.date,
            new_series=series,
        )  # fmt: skip
        version = self.read_meta(self.root / rel / layout.META_FILE)
        return Added(version=version, lang=resolution.lang, commit=sha, replaced=written[0][1])

    def add_many(
        self, items: Sequence[StagedLanguage], *, commit: bool = True, replace: bool = False
    ) -> list[Added | ResdiffError]:
        """Store staged languages in one hold of the lock, each as :meth:`add` would.

        Each version gets its own commit (made in a fixed number of git processes, see
        :meth:`write_each`), or none with ``commit=False``. One that :meth:`add` would
        refuse (already stored, another date) is refused alone: the others are stored.

        Args:
            items: languages staged in this store (:mod:`.staging`), of distinct symbols, in
                the order to commit; their folders are moved into the store.
            commit: commit each version.
            replace: as for :meth:`add`.

        Returns:
            Per item, what was stored or the error that refused it.

        Raises:
            StoreError: the store or its git repository is in a state resdiff will not write
                to (nothing of the group is stored then).
        """
        from resdiff._plural import counted
        from resdiff.storage import writes
        from resdiff.storage.series import series_for

        if not items:
            return []
        self._check_root()
        blind = any(not item.resolution.series for item in items)
        stored = self.versions() if blind and self.exists() else []
        first = series_for(items[0].resolution, stored)
        outcomes: list[Added | ResdiffError | None] = [None] * len(items)
        planned: dict[int, tuple[LanguageWrite, bool]] = {}

        def plan() -> list[LanguageWrite]:
            planned.clear()
            stored = self.versions() if blind and self.exists() else []
            for k, item in enumerate(items):
                try:
                    series = series_for(item.resolution, stored)
                    write, replaced = self._plan_staged(item, series, replace)
                    writes.check_write(self.root, write)  # a link refuses this one alone
                except ResdiffError as exc:
                    outcomes[k] = exc
                    continue
                planned[k] = write, replaced
                if blind:  # a later item may join this one's series (same title)
                    stored.append(meta.read(self.root / write.version / layout.META_FILE,
                                            meta.json_bytes(write.meta)))  # fmt: skip
            return [write for write, _ in planned.values()]

        def message() -> str:
            return f"Add {counted(len(planned), 'version')} (batch)"

        if commit:
            shas = self.write_each(plan, message, new_series=first)
        else:
            self.write(plan, message, commit=False, new_series=first)
            shas = {}
        for k, (write, replaced) in planned.items():
            new = items[k].new
            if new is not None and write.meta_bytes is new.data:
                version = new.version  # what reading the meta.json just written gives
            else:
                version = self.read_meta(self.root / write.version / layout.META_FILE)
            outcomes[k] = Added(version, write.lang, shas.get(write.version), replaced)
        return [outcome for outcome in outcomes if outcome is not None]

    def _plan_staged(
        self, item: StagedLanguage, series: str, replace: bool
    ) -> tuple[LanguageWrite, bool]:
        """:meth:`_plan_add` of a staged language, taking its new ``meta.json`` if it fits."""
        from resdiff.storage.writes import LanguageWrite

        resolution = item.resolution
        rel = layout.version_dir(series, resolution.symbol)
        if (
            item.new is not None
            and series == resolution.series
            and not os.path.lexists(self.root / rel)
        ):
            message = _add_message(resolution, replaced=False)
            return LanguageWrite(rel, resolution.lang, {}, item.new.meta, message,
                                 resolution.date, item.folder, item.new.data), False  # fmt: skip
        return self._plan_add(resolution, series, item.entry, replace, staged=item.folder)

    def _plan_add(
        self,
        resolution: Resolution,
        series: str,
        entry: dict[str, Any],
        replace: bool,
        files: Mapping[PurePosixPath, bytes] | None = None,
        fetched: Mapping[str, Any] | None = None,
        staged: Path | None = None,
    ) -> tuple[LanguageWrite, bool]:
        """The write of one language of a version, planned under the lock (see :meth:`add`),
        and whether it replaces a stored language.

        Args:
            resolution: the ingested language.
            series: its series.
            entry: its ``meta.json`` entry (:func:`.meta.new_language`).
            replace: replace a stored text of the language.
            files: its files, or None when ``staged`` holds them.
            fetched: where ``resdiff fetch`` got it.
            staged: a folder holding its files (:mod:`.staging`).

        Raises:
            VersionExists: the language is stored and ``replace`` is False.
            StoreError: the stored version has another date.
        """
        from resdiff.storage.writes import LanguageWrite

        rel = layout.version_dir(series, resolution.symbol)
        merged, replaced = self._merged_meta(self.root / rel, resolution, entry, series, replace)
        if fetched:
            merged["languages"][resolution.lang]["fetched"] = dict(fetched)
        message = _add_message(resolution, replaced)
        write = LanguageWrite(rel, resolution.lang, files or {}, merged, message,
                              resolution.date, staged)  # fmt: skip
        return write, replaced

    def write(
        self,
        plan: Callable[[], Sequence[LanguageWrite]],
        message: str | Callable[[], str],
        *,
        commit: bool = True,
        date: str | None = None,
        new_series: str | None = None,
    ) -> str | None:
        """Write languages of versions atomically and commit them together, under the lock.

        Args:
            plan: called once the lock is held (so what it reads cannot change under it);
                returns the languages to write. It may raise to refuse.
            message: the commit message, or a function making it once ``plan`` has run.
            commit: commit the written version folders (and nothing else).
            date: the author date of the commit (ISO date), or None for now.
            new_series: the default series of the store if this write creates it.

        Returns:
            The new commit, or None (not committing, or nothing changed).

        Raises:
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """

        def one_commit(repo: GitRepo, finals: Sequence[Path], _: object, text: str) -> str | None:
            return self._commit(repo, finals, text, date)

        return self._write(plan, message, commit, date, new_series, one_commit)

    def write_each(
        self,
        plan: Callable[[], Sequence[LanguageWrite]],
        message: str | Callable[[], str],
        *,
        new_series: str | None = None,
    ) -> dict[PurePosixPath, str | None]:
        """Write versions as :meth:`write` does, but commit each on its own, in ``plan``'s order.

        Each version's commit has its write's ``message`` and ``date``
        (:class:`LanguageWrite`); the versions must be distinct folders. All the commits
        are made, or none (HEAD moves once); ``message`` is the journal's, with which a
        killed write is finished as one commit by the next writer.

        Returns:
            Each written version folder's commit (None: nothing changed), in order.

        Raises:
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """
        from resdiff.storage import atomic

        made: dict[PurePosixPath, str | None] = {}

        def chain(repo: GitRepo, finals: Sequence[Path], planned: Sequence[LanguageWrite],
                  _: str) -> str | None:  # fmt: skip
            commits = [(list(paths), item.message, item.date) for paths, item in
                       zip(self._with_store_files(repo, [[f] for f in finals]), planned,
                           strict=True)]  # fmt: skip
            atomic.pause("staged")  # every version moved into place, none committed
            shas = repo.commit_each(commits)
            atomic.pause("committed")
            made.update((item.version, sha) for item, sha in zip(planned, shas, strict=True))
            return next((sha for sha in reversed(shas) if sha), None)

        self._write(plan, message, True, None, new_series, chain)
        return made

    def _write(
        self,
        plan: Callable[[], Sequence[LanguageWrite]],
        message: str | Callable[[], str],
        commit: bool,
        date: str | None,
        new_series: str | None,
        committer: Callable[[GitRepo, Sequence[Path], Sequence[LanguageWrite], str], str | None],
    ) -> str | None:
        """:meth:`write`, committing the moved folders with ``committer``."""
        from resdiff.storage import atomic, transaction, writes

        self._check_root()
        repo = self._prepare_repo() if commit else None
        with self._locked(new_series) as lock:
            atomic.pause("locked")
            if repo is not None:
                repo.check_index()  # under the lock: another resdiff's commit is over
            self._recover(lock)
            planned = writes.merge_by_version(list(plan()))
            if not planned:
                return None
            if callable(message):
                message = message()
            for item in planned:
                writes.check_write(self.root, item)
            moves: list[tuple[Path, Path, bytes]] = []
            try:
                for item in planned:
                    files = dict(item.files)
                    meta_bytes = item.meta_bytes or meta.json_bytes(item.meta)
                    files[PurePosixPath(layout.META_FILE)] = meta_bytes
                    final = self.root / item.version
                    temp = atomic.write_temp(final, files, item.lang, sync=False,
                                             staged=item.staged)  # fmt: skip
                    moves.append((temp, final, meta_bytes))
                staged = [temp / lang for (temp, _, _), item in zip(moves, planned, strict=True)
                          if item.staged for lang in item.lang.split(",")]  # fmt: skip
                atomic.sync_trees([temp for temp, _, _ in moves], staged)  # once for all
                atomic.pause("temp-written")
            except (Exception, KeyboardInterrupt):
                import shutil

                for temp, _, _ in moves:
                    shutil.rmtree(temp, ignore_errors=True)
                raise
            intent = {"commit": commit, "message": message, "date": date}
            commit_moved = None
            if repo is not None:
                found, text = repo, str(message)

                def commit_moved(finals: Sequence[Path]) -> str | None:
                    return committer(found, finals, planned, text)

            return transaction.apply(self.root, lock, moves, intent, repo, commit_moved)

    def stage_versions(self, versions: Sequence[StoredVersion]) -> None:
        """Stage version folders written with ``commit=False`` (``git add``), under the lock.

        A batch stages each group as it is written, while its workers read the next files:
        :meth:`commit_versions` then has only the last group's files to add (staging what
        is staged already is a look at each file's size and time). The store's own files
        are staged by that commit, not here.

        Raises:
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """
        if not versions:
            return
        repo = self._prepare_repo()
        with self._locked():
            repo.check_index()
            repo.stage(sorted({v.path for v in versions}))

    def commit_versions(
        self,
        versions: Sequence[StoredVersion],
        message: str,
        staged: Sequence[StoredVersion] = (),
    ) -> str | None:
        """Commit version folders written with ``commit=False`` as one commit, under the lock.

        Args:
            versions: the versions to commit.
            message: the commit message.
            staged: those of them :meth:`stage_versions` staged since they were last written:
                not staged again (``git add`` of a large batch looks at every file).

        Returns:
            The new commit, or None when nothing changed.

        Raises:
            StoreError: the store or its git repository is in a state resdiff will not write to.
        """
        repo = self._prepare_repo()
        done = {v.path for v in staged}
        with self._locked():
            return self._commit(repo, sorted({v.path for v in versions}), message, None, done)

    def check_root(self) -> None:
        """Refuse a store folder that is a file, corrupt, or someone else's non-empty folder.

        Raises:
            NotAStore: what is wrong with the folder.
        """
        self._check_root()

    def _check_root(self) -> None:
        """Refuse a store folder that is a file, corrupt, or someone else's non-empty folder."""
        if self.root.is_file() or (self.root / layout.STORE_FILE).exists():
            self.config()
        elif self.root.is_dir() and any(
            not child.name.startswith(".") for child in self.root.iterdir()
        ):
            raise NotAStore(
                f"{self.root} is not a resdiff store (no {layout.STORE_FILE}) and is not empty; "
                "pass --store with a store, or a new or empty folder"
            )

    @contextlib.contextmanager
    def reusing_git(self) -> Iterator[None]:
        """Within it, the writes share one :class:`GitRepo`: found once, its configuration
        and committer identity asked of git once (a batch's groups then start no git process
        for them), and the store's own files checked committed once.

        A change of the repository's configuration while it holds (a hook installed) is
        seen by the writes after it.
        """
        self._reusing_git = True
        try:
            yield
        finally:
            self._reusing_git, self._git, self._own_files_tracked = False, None, False

    def prepare_writes(self) -> None:
        """Do beforehand what the first write would, creating nothing: import the writing
        modules and, within :meth:`reusing_git`, find the repository and ask git its
        settings and identity (a batch does it while its workers read the first files).
        """
        from resdiff.storage import lock, transaction  # noqa: F401
        from resdiff.storage.git import GitRepo

        lock.prepare()
        if not self._reusing_git or self._git is not None:
            return
        existing = next(p for p in (self.root, *self.root.parents) if p.exists())
        repo = GitRepo.find(existing)
        if repo is not None:  # else the first write creates it
            repo.prime()
            self._git = repo

    def _prepare_repo(self) -> GitRepo:
        """The store's repository, checked writable before anything is created."""
        if self._git is not None:
            self._git.check_writable(index=not self.exists())
            return self._git
        repo = self._find_repo()
        if self._reusing_git:
            self._git = repo
        return repo

    def _find_repo(self) -> GitRepo:
        """:meth:`_prepare_repo`, finding or creating the repository."""
        from resdiff.storage.git import GitRepo

        existing = next(p for p in (self.root, *self.root.parents) if p.exists())
        repo = GitRepo.find(existing)
        if repo is not None:
            repo.check_writable(index=not self.exists())  # else checked under the lock
            self.root.mkdir(parents=True, exist_ok=True)
            return repo
        self.root.mkdir(parents=True, exist_ok=True)
        return GitRepo.init(self.root)

    def _commit(
        self,
        repo: GitRepo,
        finals: Sequence[Path],
        message: str,
        date: str | None,
        staged: Collection[Path] = frozenset(),
    ) -> str | None:
        """Commit version folders (and the store's own files, the first time); those in
        ``staged`` are in the index as they are already."""
        from resdiff.storage import atomic

        (paths,) = self._with_store_files(repo, [list(finals)])
        unstaged = [path for path in paths if path not in staged]
        if unstaged:
            repo.stage(unstaged)
        atomic.pause("staged")
        sha = repo.commit_staged(paths, message, date)
        atomic.pause("committed")
        return sha

    def _with_store_files(self, repo: GitRepo, groups: list[list[Path]]) -> list[list[Path]]:
        """Path groups to commit, the first with the store's own files if not yet tracked."""
        if groups and not self._tracked_store_files(repo):
            groups[0] = [*groups[0], self.root / layout.STORE_FILE, self.root / ".gitignore"]
        return groups

    def _tracked_store_files(self, repo: GitRepo) -> bool:
        if self._own_files_tracked:
            return True
        tracked = repo.head() is not None and repo.is_tracked(self.root / layout.STORE_FILE)
        self._own_files_tracked = tracked and self._reusing_git
        return tracked

    def init(self, default_series: str | None = None) -> None:
        """Create the store's own files if missing (``store.json``, ``.gitignore``).

        Args:
            default_series: the series a bare year selects in, for a new store (without
                it, the latest stored version's series).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        store_file = self.root / layout.STORE_FILE
        ignore = self.root / ".gitignore"
        for own in (store_file, ignore):
            if own.is_symlink():
                raise safety.link_error(own)
        if not store_file.exists():
            settings: dict[str, Any] = {"schema": STORE_SCHEMA}
            if default_series:
                settings["default_series"] = default_series
            _write_json(store_file, settings)
        if not ignore.exists():
            ignore.write_text("\n".join(layout.IGNORED) + "\n", encoding="utf-8")

    @contextlib.contextmanager
    def _locked(self, new_series: str | None = None) -> Iterator[StoreLock]:
        """Hold the store lock; from then on this store reads its own writes from disk."""
        from resdiff.storage.lock import acquire

        self.init(new_series)
        with acquire(self.root / layout.LOCK_FILE) as lock:
            self._view = DiskView(self.root, tracking=False)  # no other writer can run
            yield lock

    def recover(self) -> list[str]:
        """Repair what an interrupted write left; returns what was done, one line each.

        Leftover temporary and old folders are resolved (:func:`atomic.clean_leftovers`),
        then an add that was killed after moving its version into place is committed, as
        it would have been.

        Raises:
            StoreError: the git repository is in a state resdiff will not commit in.
        """
        from resdiff.storage import atomic

        self._check_root()
        if not self.exists():
            return []
        journal = self.root / layout.JOURNAL_FILE
        if not os.path.lexists(journal) and not atomic.leftovers(self.root):
            return []  # nothing to repair: no lock needed (a read-only store can be verified)
        with self._locked() as lock:
            return self._recover(lock)

    @contextlib.contextmanager
    def without_writers(self) -> Iterator[list[str]]:
        """Hold the store lock for a read that must see no write at all (``verify``).

        Interrupted writes are repaired first; yields what was done, one line each. A
        read-only store (where no writer can run either), or one no writer ever locked
        (no lock file: the read creates nothing), is read without the lock.

        Raises:
            StoreError: the git repository is in a state resdiff will not commit in, or
                another process held the lock for longer than the timeout.
        """
        self._check_root()
        if not self.exists() or not _writable(self.root):
            yield self.recover()
            return
        from resdiff.storage.lock import acquire

        with acquire(self.root / layout.LOCK_FILE) as lock:
            self._view = DiskView(self.root, tracking=False)  # no writer can run
            yield self._recover(lock)

    def _recover(self, lock: StoreLock) -> list[str]:
        from resdiff.storage import atomic, transaction
        from resdiff.storage.git import GitRepo

        intent = lock.intent() or {}

        def commit(finals: Sequence[Path]) -> str | None:
            repo = GitRepo.find(self.root)
            assert repo is not None  # recover() only commits when it found one
            date = intent.get("date")
            message = str(intent.get("message"))
            return self._commit(repo, finals, message, str(date) if date else None)

        done = transaction.recover(self.root, lock, lambda: GitRepo.find(self.root), commit)
        return [*done, *atomic.clean_leftovers(self.root)]

    def _merged_meta(
        self,
        final: Path,
        resolution: Resolution,
        entry: dict[str, Any],
        series: str,
        replace: bool,
    ) -> tuple[dict[str, Any], bool]:
        """The version's new ``meta.json``, and whether it replaces a stored language."""
        meta_path = final / layout.META_FILE
        replaced = False
        if meta_path.exists():
            data = self.read_meta_json(meta_path)
            replaced = resolution.lang in data["languages"]
            if replaced and not replace:
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
            data = meta.new_version(resolution, series)
        data["languages"][resolution.lang] = entry
        data["languages"] = dict(sorted(data["languages"].items()))
        return data, replaced

    def read_meta_json(self, path: Path) -> dict[str, Any]:
        """The raw JSON of a ``meta.json`` that :meth:`read_meta` accepts.

        Raises:
            StoreError: the file is unreadable or not of the expected shape.
        """
        self.read_meta(path)  # validates the shape, or raises StoreError
        data: dict[str, Any] = json.loads(safety.read_text(path, self.root))
        return data


def _add_message(resolution: Resolution, replaced: bool) -> str:
    """The commit message of one added (or replaced) language."""
    verb = "Replace" if replaced else "Add"
    return f"{verb} {resolution.symbol} ({resolution.lang}): {_printable(resolution.title)}"


def _adopted_first(matches: list[StoredVersion]) -> list[StoredVersion]:
    """The adopted resolutions among a year's versions, if any: a bare year names the adopted
    text, and its drafts, revisions and corrigenda are selected by their full symbol."""
    adopted = [v for v in matches if v.is_adopted]
    return adopted or matches


_CHANGED = (
    "the store changed while it was read (another resdiff process wrote to it); "
    "run the command again"
)


def _writable(root: Path) -> bool:
    """True when a writer has made the lock file and this process can open it to lock."""
    lock = root / layout.LOCK_FILE
    return safety.is_file(lock) and os.access(lock, os.W_OK)


def _wait_for_writer(root: Path) -> bool:
    """Wait (up to the lock timeout) until no write is in flight in the store at ``root``.

    Returns:
        False when a journal is still there with no writer holding the lock (a killed
        writer's: the next writer or ``verify`` repairs it), else True.
    """
    from resdiff.storage.lock import timeout, writer_running

    deadline = time.monotonic() + timeout()
    while os.path.lexists(root / layout.JOURNAL_FILE) and time.monotonic() < deadline:
        if not writer_running(root / layout.LOCK_FILE):
            return not os.path.lexists(root / layout.JOURNAL_FILE)
        time.sleep(0.02)
    return True


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_bytes(meta.json_bytes(data))


def _printable(text: str) -> str:
    """Document text made safe for a commit message (``git log`` prints it raw)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
