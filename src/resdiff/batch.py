"""Batch ingestion: many files read and ingested in parallel processes, stored in groups.

Reading, OCR repair and segmentation are the slow part (seconds a file, tens for a scan) and
need no store, so a pool of worker processes, started once, does them, fed the files in
chunks. The parent stores the results in the order the files were given: each time it
takes every result that is ready (the next one at least) and stores them as one group, in
one hold of the store lock (:meth:`~resdiff.storage.store.Store.add_many`: one flush to disk,
a chain of one commit per version made in a fixed number of git processes). So the part
that cannot run in parallel stays small beside the ingestion, and it only grows the groups
when ingestion is fast. A file that fails is reported and skipped; the others are stored.
With ``batch``, versions are written without committing and committed together at the end,
as one commit.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from resdiff._plural import counted
from resdiff.errors import InputError, ResdiffError
from resdiff.ingest import ingest, read_source
from resdiff.storage import Added, Store, staging
from resdiff.storage.meta import StoredVersion
from resdiff.storage.staging import StagedLanguage

logger = logging.getLogger(__name__)

# Most versions stored in one hold of the lock (another writer waits at most that long).
GROUP_MAX = 64
# How long an ingested file may wait for others to be stored with it, in seconds.
GROUP_SECONDS = 1.0
# Files a worker is given at a time: few enough that the parent has work to do early,
# enough that a short text does not cost a round trip to a worker each.
CHUNK_MAX = 8

Ingested = StagedLanguage | str
# The ingest options a batch records in each version (no --raw, no --title: detected).
_OPTIONS = {"raw": False, "title": None}


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


def _ingest(path: str, options: BatchOptions, area: Path) -> Ingested:
    """Read and ingest one file, and stage its files; a failure comes back as its message."""
    try:
        source = read_source(path)
        resolution = ingest(source, lang=options.lang, series=options.series, ocr=options.ocr)
        return staging.stage(area, resolution, source, _OPTIONS)
    except ResdiffError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.strerror or exc}; check the file"


def _ingest_chunk(paths: Sequence[str], options: BatchOptions, area: Path) -> list[Ingested]:
    """Ingest and stage a chunk of files (in a worker process), readied together."""
    done = [_ingest(path, options, area) for path in paths]
    staging.flush([item for item in done if not isinstance(item, str)])
    return done


def chunk_size(files: int, workers: int) -> int:
    """Files per worker task: about eight tasks a worker, at most :data:`CHUNK_MAX` files.

    >>> chunk_size(100, 2), chunk_size(3, 2), chunk_size(10_000, 8)
    (6, 1, 8)
    """
    return max(1, min(CHUNK_MAX, files // (workers * 8)))


def _ingested(
    names: Sequence[str],
    options: BatchOptions,
    area: Path,
    workers: int,
    context: str | None,
    meanwhile: Callable[[], None] = lambda: None,
) -> Iterator[list[Ingested]]:
    """Yield lists of ingested files, in order, each of :data:`GROUP_SECONDS` of ingestion.

    A list is yielded once the first result is at least that old, or holds
    :data:`GROUP_MAX` results, or the files are done: a group's fixed cost (a flush to disk,
    a few git processes) then stays a small part of the time however short the texts,
    and a slow file (a scan) is stored as soon as it is read. With workers, once every chunk
    left is being read, what is ready is yielded at once (the end of the batch is then not
    delayed by a large last group, stored after the workers are done). ``meanwhile``
    runs while they read the first files (the parent's own preparation).
    """
    if workers == 1 or len(names) == 1:
        ready: list[Ingested] = []
        began = time.monotonic()
        for path in names:
            ready.append(_ingest(path, options, area))
            if len(ready) >= GROUP_MAX or time.monotonic() - began >= GROUP_SECONDS:
                staging.flush([item for item in ready if not isinstance(item, str)])
                yield ready
                ready, began = [], time.monotonic()
        if ready:
            staging.flush([item for item in ready if not isinstance(item, str)])
            yield ready
        return
    size = chunk_size(len(names), workers)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(names)),
        mp_context=multiprocessing.get_context(context) if context else None,
    )
    try:
        pending: deque[Future[list[Ingested]]] = deque(
            pool.submit(_ingest_chunk, names[i : i + size], options, area)
            for i in range(0, len(names), size)
        )
        meanwhile()
        while pending:
            ready = pending.popleft().result()
            began = time.monotonic()
            while pending and len(ready) < GROUP_MAX:
                # Once every chunk left is running, waiting for more only delays the end:
                # what is ready is stored while the workers finish, and the last group,
                # stored after them, is the last chunk alone.
                waiting = GROUP_SECONDS if len(pending) > workers else 0.0
                left = waiting - (time.monotonic() - began)
                if not pending[0].done() and (left <= 0 or wait([pending[0]], left).not_done):
                    break
                ready += pending.popleft().result()
            yield ready
    finally:  # stopped early (an error, Ctrl-C): the files not yet started are not read
        pool.shutdown(wait=True, cancel_futures=True)


def _groups(results: Sequence[Ingested]) -> Iterator[list[Ingested]]:
    """Split ready results into groups of distinct symbols, at most :data:`GROUP_MAX`."""
    group: list[Ingested] = []
    symbols: set[str] = set()
    for result in results:
        symbol = result if isinstance(result, str) else result.resolution.symbol
        if len(group) >= GROUP_MAX or (not isinstance(result, str) and symbol in symbols):
            yield group
            group, symbols = [], set()
        group.append(result)
        if not isinstance(result, str):
            symbols.add(symbol)
    if group:
        yield group


def add_files(
    store: Store,
    paths: Sequence[str | Path],
    options: BatchOptions = BatchOptions(),
    *,
    jobs: int | None = None,
    batch: bool = False,
    progress: Callable[[int, int, BatchOutcome], None] | None = None,
    context: str | None = None,
) -> Iterator[BatchOutcome]:
    """Ingest files in ``jobs`` processes and store each; yields outcomes in the files' order.

    Args:
        store: where the versions go.
        paths: the files.
        options: ingest options shared by every file.
        jobs: worker processes (default: the cores); 1 ingests in this process.
        batch: one commit for the whole batch instead of one per version.
        progress: called after each file with (done, total, outcome).
        context: the multiprocessing start method of the workers (default: the system's).

    Raises:
        StoreError: the store refused a group, or the final commit of a batch failed (the
            versions are written).
    """
    names = [str(p) for p in paths]
    workers = max(1, jobs or default_jobs())
    written: list[Added] = []
    staged: dict[Path, StoredVersion] = {}  # version folders staged since last written
    done = 0
    started = time.perf_counter()
    writing = 0.0
    store.check_root()  # before any worker writes to it
    with staging.area(store.root) as area, store.reusing_git():
        for ready in _ingested(names, options, area, workers, context, store.prepare_writes):
            for group in _groups(ready):
                items = [result for result in group if not isinstance(result, str)]
                began = time.perf_counter()
                outcomes = _store(store, items, not batch, options.replace)
                if batch:
                    versions = [added.version for added in outcomes if isinstance(added, Added)]
                    for version in versions:  # written again: staged only if staged below
                        staged.pop(version.path, None)
                    if _stage(store, versions):
                        staged.update((version.path, version) for version in versions)
                stored = iter(outcomes)
                writing += time.perf_counter() - began
                for result in group:
                    path = names[done]
                    done += 1
                    outcome = _outcome(path, result if isinstance(result, str) else next(stored))
                    if outcome.added is not None:
                        written.append(outcome.added)
                    else:
                        logger.info("skipped %s: %s", path, outcome.error)
                    if progress is not None:
                        progress(done, len(names), outcome)
                    yield outcome
    if batch and written:
        began = time.perf_counter()
        store.commit_versions(
            [a.version for a in written],
            f"Add {counted(len(written), 'version')} (batch of {len(names)})",
            staged=list(staged.values()),
        )
        writing += time.perf_counter() - began
    logger.info(
        "batch of %s: %.2f s, of which %.2f s storing (serial: the lock held to write) = %.0f%%",
        counted(len(names), "file"), time.perf_counter() - started, writing,
        100 * writing / max(time.perf_counter() - started, 1e-9),
    )  # fmt: skip


def _store(
    store: Store, items: Sequence[StagedLanguage], commit: bool, replace: bool
) -> list[Added | ResdiffError]:
    """Store a group; if the store refuses the group whole, each item fails with its error.

    Then nothing of the group was stored (all or nothing), and what refused it (git, the
    repository) would refuse each version alone: each is reported and skipped.
    """
    try:
        return store.add_many(items, commit=commit, replace=replace)
    except ResdiffError as exc:
        return [exc] * len(items)


def _stage(store: Store, versions: Sequence[StoredVersion]) -> bool:
    """Stage a group written for ``--batch`` while the workers go on (see
    :meth:`~resdiff.storage.store.Store.stage_versions`); True if done. If git refuses, the
    final commit stages the group itself and reports what is wrong."""
    try:
        store.stage_versions(versions)
    except ResdiffError as exc:
        logger.info("staging a group before the batch's commit failed: %s", exc)
        return False
    return True


def _outcome(path: str, stored: Added | ResdiffError | str) -> BatchOutcome:
    if isinstance(stored, Added):
        return BatchOutcome(path, added=stored)
    return BatchOutcome(path, error=str(stored))
