"""Batch ingestion: many files read and ingested in parallel processes, stored one by one.

Reading, OCR repair and segmentation are the slow part (seconds a file, tens for a scan) and
need no store, so worker processes do them; the parent writes each result in the order the
files were given, taking the store lock only for that write. A file that fails is reported
and skipped; the others are stored. With ``batch``, versions are written without committing
and committed together at the end, as one commit.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from resdiff._plural import counted
from resdiff.errors import InputError, ResdiffError
from resdiff.ingest import Source, ingest, read_source
from resdiff.model import Resolution
from resdiff.storage import Added, Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """One file of a batch: what was stored, or why it was skipped."""

    path: str
    added: Added | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """The ingest options every file of a batch shares."""

    lang: str | None = None
    series: str | None = None
    ocr: bool | None = None
    replace: bool = False


def default_jobs() -> int:
    """Worker processes by default: the machine's cores."""
    return os.cpu_count() or 1


def files_in(folder: Path) -> list[Path]:
    """The files of ``folder`` (not its sub-folders, no hidden files), sorted by name.

    Raises:
        InputError: ``folder`` is not a folder.
    """
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder; give --from a folder of resolutions")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _ingest(path: str, options: BatchOptions) -> tuple[Resolution, Source] | str:
    """Read and ingest one file (in a worker); a failure comes back as its message."""
    try:
        source = read_source(path)
        resolution = ingest(source, lang=options.lang, series=options.series, ocr=options.ocr)
    except ResdiffError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.strerror or exc}; check the file"
    return resolution, source


def add_files(
    store: Store,
    paths: Sequence[str | Path],
    options: BatchOptions = BatchOptions(),
    *,
    jobs: int | None = None,
    batch: bool = False,
    progress: Callable[[int, int, BatchOutcome], None] | None = None,
) -> Iterator[BatchOutcome]:
    """Ingest files in ``jobs`` processes and store each; yields outcomes in the files' order.

    Args:
        store: where the versions go.
        paths: the files.
        options: ingest options shared by every file.
        jobs: worker processes (default: the cores); 1 ingests in this process.
        batch: one commit for the whole batch instead of one per version.
        progress: called after each file with (done, total, outcome).

    Raises:
        StoreError: the final commit of a batch failed (the versions are written).
    """
    names = [str(p) for p in paths]
    workers = max(1, jobs or default_jobs())
    written: list[Added] = []

    def store_one(done: int, path: str, result: tuple[Resolution, Source] | str) -> BatchOutcome:
        if isinstance(result, str):
            outcome = BatchOutcome(path, error=result)
        else:
            resolution, source = result
            try:
                added = store.add(resolution, source, commit=not batch, replace=options.replace,
                                  options={"raw": False, "title": None})  # fmt: skip
            except ResdiffError as exc:
                outcome = BatchOutcome(path, error=str(exc))
            else:
                written.append(added)
                outcome = BatchOutcome(path, added=added)
        if outcome.error:
            logger.info("skipped %s: %s", path, outcome.error)
        if progress is not None:
            progress(done, len(names), outcome)
        return outcome

    if workers == 1 or len(names) == 1:
        for done, path in enumerate(names, start=1):
            yield store_one(done, path, _ingest(path, options))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(names))) as pool:
            futures: list[Future[tuple[Resolution, Source] | str]] = [
                pool.submit(_ingest, path, options) for path in names
            ]
            for done, (path, future) in enumerate(zip(names, futures, strict=True), start=1):
                yield store_one(done, path, future.result())
    if batch and written:
        store.commit_versions(
            [a.version for a in written],
            f"Add {counted(len(written), 'version')} (batch of {len(names)})",
        )
