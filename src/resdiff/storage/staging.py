"""Languages of versions prepared without the store lock, for a batch's worker processes.

Writing a version's files (a unit a file, fifty-odd for a resolution) and flushing them to
disk is most of what storing it costs. Nothing of it needs the lock, as long as it is not
yet in the store: so each worker writes the language it ingested to a folder of its own in
the batch's *staging area*, ``<store>/.resdiff-tmp-batch-<pid>.<random>/`` (hidden, ignored
by git, and outside the series folders, where a writer's recovery would delete it as a
leftover), and flushes it where that is done file by file (on Linux the one ``syncfs`` the
parent makes under the lock flushes it with the rest). Under the lock the parent then only
renames each language folder into the version's temporary folder
(:func:`resdiff.storage.atomic.write_temp`) and writes ``meta.json``: the version still
reaches its place by the same atomic, journaled moves as any other write, and a batch killed
before leaves only its staging area, which the next batch deletes (:func:`area`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from resdiff.model import Resolution
from resdiff.storage import atomic, layout, meta
from resdiff.storage.meta import StoredVersion

if TYPE_CHECKING:
    from resdiff.ingest import Source

PREFIX = f"{layout.TEMP_PREFIX}batch-"


@dataclass(frozen=True, slots=True)
class NewVersion:
    """The ``meta.json`` of a staged language if it makes a new version in its series
    (what the store would write then, made beforehand): data, bytes, and as read back."""

    meta: dict[str, Any]
    data: bytes
    version: StoredVersion


@dataclass(frozen=True, slots=True)
class StagedLanguage:
    """One ingested language, its files written (and flushed), ready to be moved into place.

    ``resolution`` keeps what storing needs (symbol, date, title, body…), not the units,
    whose specs are in ``entry`` (the language's ``meta.json`` entry) and whose texts are
    files of ``folder/<lang>/``. ``new`` is set when the series is known (``--series``).
    """

    resolution: Resolution
    entry: dict[str, Any]
    folder: Path
    new: NewVersion | None = None


def language_files(resolution: Resolution, source: Source) -> dict[PurePosixPath, bytes]:
    """The files of one language of a version, relative to the version folder.

    Raises:
        StoreError: a unit id or the source format could not be a file name (nothing is
            written then).
    """
    base = PurePosixPath(".")
    files = {layout.source_path(base, resolution.lang, source.format): source.data}
    for unit in resolution.units:
        files[layout.unit_path(base, resolution.lang, unit.id)] = meta.unit_bytes(unit.text)
    return files


def stage(
    area: Path, resolution: Resolution, source: Source, options: Mapping[str, Any] | None
) -> StagedLanguage:
    """Write one ingested language to a new folder of the staging ``area`` (not flushed).

    What storing it takes that needs no lock is done here too: its ``meta.json`` entry, and
    its whole ``meta.json`` in case it makes a new version.

    Raises:
        StoreError: two units share an id, or an id or the format could not be a file name.
    """
    from resdiff.storage import writes

    writes.refuse_duplicates(resolution)
    files = language_files(resolution, source)
    folder = Path(tempfile.mkdtemp(dir=area))
    try:
        for relative, data in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    entry = meta.new_language(resolution, source, options)
    new = None
    if resolution.series:  # the store only has to check the version is new
        whole = meta.new_version(resolution, resolution.series)
        whole["languages"][resolution.lang] = entry
        raw = meta.json_bytes(whole)
        rel = layout.version_dir(resolution.series, resolution.symbol)
        new = NewVersion(whole, raw, meta.read(area.parent / rel / layout.META_FILE, raw))
    return StagedLanguage(dataclasses.replace(resolution, units=()), entry, folder, new)


def flush(staged: list[StagedLanguage]) -> None:
    """Make staged languages ready to be moved into the store: durable as far as it can be
    done outside the lock (:func:`resdiff.storage.atomic.sync_staged`), and their files
    written as git blobs (:func:`resdiff.storage.git.write_blobs`): the store's commit then
    only hashes them."""
    from resdiff.storage.git import write_blobs

    if not staged:
        return
    atomic.sync_staged([item.folder for item in staged])
    files = [path for item in staged for path in item.folder.rglob("*") if path.is_file()]
    write_blobs(staged[0].folder, files)


@contextlib.contextmanager
def area(root: Path) -> Iterator[Path]:
    """A new staging area in the store at ``root``, deleted afterwards (whatever is left;
    and ``root`` itself if this made it and nothing was stored).

    Staging areas left by batches that were killed (whose process is gone) are deleted
    first. (On Windows, where a process cannot be asked whether it runs, they are kept.)
    """
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    _clean(root)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}.", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if created:  # a batch that stored nothing leaves no empty store behind
            with contextlib.suppress(OSError):
                root.rmdir()


def _clean(root: Path) -> None:
    """Delete the staging areas of dead batches (never through a link)."""
    from resdiff.storage.git import process_alive

    for entry in os.scandir(root):
        if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
            continue
        pid = entry.name.removeprefix(PREFIX).split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)
