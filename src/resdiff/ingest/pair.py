"""The two files of ``diff`` read side by side, in two processes, when both are large.

Reading a 2,500-clause text (OCR repair and segmentation) costs about a second of CPU, and
the two inputs of ``resdiff diff a.txt b.txt`` need nothing from each other: on a machine
with two cores or more the earlier one is read in a worker process while this process reads
the later one. Small files are read in turn, here: starting a process would cost more than
it saves (the seed pair reads in a few tens of milliseconds).

The result is the same as reading the files one after the other, errors included: when both
files fail, the earlier one's error is raised, as it would have been first. A platform or
sandbox where no process can be started, or a worker that dies, falls back to reading here.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from resdiff.ingest import ingest, read_source
from resdiff.model import Resolution

if TYPE_CHECKING:  # multiprocessing and concurrent.futures are imported only for a worker
    from concurrent.futures import Future, ProcessPoolExecutor

logger = logging.getLogger(__name__)

# Smallest size of each file for which a worker is worth starting. A forked worker starts in
# milliseconds; a spawned one (Windows, macOS, forkserver) imports resdiff and its word lists
# again first (about 0.3 s), so it pays only for larger files.
MIN_BYTES_FORKED = 128 * 1024
MIN_BYTES_SPAWNED = 512 * 1024


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return len(affinity(0))
    return os.cpu_count() or 1


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # read in this process, where the error is reported as usual


def worth_a_worker(old: str, new: str) -> bool:
    """True when reading ``old`` in a worker process while this one reads ``new`` pays."""
    if _cores() < 2 or "-" in (old, new):
        return False
    smaller = min(_size(old), _size(new))
    if smaller < MIN_BYTES_FORKED:  # too small whatever the start method: none imported
        return False
    import multiprocessing

    forked = multiprocessing.get_start_method() == "fork"
    return smaller >= (MIN_BYTES_FORKED if forked else MIN_BYTES_SPAWNED)


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches the worker too: only the parent answers it (no second traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the worker now (Ctrl-C), rather than when its reading is done."""
    # The executor has no public way to stop a running call before Python 3.14.
    stop = getattr(pool, "terminate_workers", None)
    if stop is not None:
        stop()
        return
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def ingest_file(path: str, lang: str | None) -> Resolution:
    """Read and ingest one diff input (no symbol, date or title required)."""
    return ingest(read_source(path), lang=lang, strict=False)


def _read_for_comparison(path: str, lang: str | None) -> tuple[Resolution, list[str]]:
    """In the worker: the earlier file, and the comparison forms of its units, which the
    differ would otherwise make next in the parent, one after the other."""
    from resdiff.compare.comparable import comparison_form

    resolution = ingest_file(path, lang)
    return resolution, [comparison_form(unit.text) for unit in resolution.units]


def _comparison_ready(resolution: Resolution) -> None:
    """In the parent, while the worker reads on: the later file's comparison forms made."""
    from resdiff.compare.comparable import comparison_form

    for unit in resolution.units:
        comparison_form(unit.text)


def ingest_pair(old: str, new: str, *, lang: str | None = None) -> tuple[Resolution, Resolution]:
    """Ingest the two files of a diff, side by side when both are large.

    Args:
        old: the earlier file.
        new: the later file.
        lang: the language of both (detected from each text when None).

    Returns:
        The two resolutions, as :func:`ingest_file` gives them one after the other.

    Raises:
        ResdiffError: a file cannot be read; the earlier file's error when both fail.
    """
    if not worth_a_worker(old, new):
        return ingest_file(old, lang), ingest_file(new, lang)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from resdiff.compare.comparable import remember_forms

    try:
        pool = ProcessPoolExecutor(max_workers=1, initializer=_leave_interrupts_to_the_parent)
        future: Future[tuple[Resolution, list[str]]] = pool.submit(_read_for_comparison, old, lang)
    except (OSError, RuntimeError, NotImplementedError) as exc:  # no processes here
        logger.debug("cannot start a worker (%s); reading the files in turn", exc)
        return ingest_file(old, lang), ingest_file(new, lang)
    try:
        try:
            read = ingest_file(new, lang)
            _comparison_ready(read)
            later: Resolution | BaseException = read
        except Exception as exc:  # raised after the earlier file's error, as in turn
            later = exc
        try:
            earlier, forms = future.result()
            remember_forms((unit.text for unit in earlier.units), forms)
        except BrokenProcessPool as exc:  # the worker died (killed, out of memory)
            logger.debug("the worker reading %s died (%s); reading it here", old, exc)
            earlier = ingest_file(old, lang)
    except BaseException:  # Ctrl-C: the worker's reading is not waited for
        _stop(pool)
        raise
    pool.shutdown()
    if isinstance(later, BaseException):
        raise later
    return earlier, later


__all__ = ["ingest_pair", "worth_a_worker"]
