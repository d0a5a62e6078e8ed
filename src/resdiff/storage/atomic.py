"""Atomic replacement of a version folder, and the clean-up after a killed writer.

A version is written in full to a temporary folder beside its final place, flushed to disk,
then moved into place by renames (a rename within one file system is atomic):

1. ``.resdiff-tmp-<NAME>.<random>/`` is written and fsynced;
2. on Linux, the temporary folder and an existing ``<NAME>/`` swap names in one atomic
   ``renameat2(RENAME_EXCHANGE)``, and the temporary name, now holding the old state, is
   deleted; so ``<NAME>/`` is never missing, even for an instant;
3. elsewhere (or on a file system without the exchange), ``<NAME>/`` is first renamed
   ``.resdiff-old-<NAME>.<pid>/``, the temporary folder is renamed ``<NAME>/``, and the old
   folder is deleted.

A process killed between any two steps leaves at most a temporary or an old folder, which
:func:`clean_leftovers` resolves: a complete old folder whose final folder is missing is put
back, anything else is deleted. So ``<NAME>/`` holds either the old or the new version,
whole (in the fallback, a process killed between its two renames leaves the old state under
the old name until the next run puts it back).

The test hook :func:`pause` lets the kill -9 tests stop a real process at a named point.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from resdiff.storage import layout, safety

logger = logging.getLogger(__name__)

PAUSE_VARIABLE = "RESDIFF_TEST_PAUSE_AT"
PAUSE_FILE_VARIABLE = "RESDIFF_TEST_PAUSE_FILE"
PAUSE_SECONDS_VARIABLE = "RESDIFF_TEST_PAUSE_SECONDS"


def pause(point: str) -> None:
    """Test hook: stop at ``point`` when ``RESDIFF_TEST_PAUSE_AT`` names it.

    The process writes its pid to ``RESDIFF_TEST_PAUSE_FILE`` (to say it has arrived) and
    sleeps ``RESDIFF_TEST_PAUSE_SECONDS`` (60 by default), long enough to be killed there.
    Without the variable this is one dictionary lookup.
    """
    if os.environ.get(PAUSE_VARIABLE) != point:
        return
    ready = os.environ.get(PAUSE_FILE_VARIABLE)
    if ready:
        Path(ready).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(float(os.environ.get(PAUSE_SECONDS_VARIABLE, "60")))


def write_temp(
    final: Path,
    files: Mapping[PurePosixPath, bytes],
    replacing: str,
    *,
    sync: bool = True,
    staged: Path | None = None,
) -> Path:
    """Write a complete new state of ``final`` to a temporary folder beside it.

    Args:
        final: the folder to replace (it may not exist yet).
        files: relative path → bytes of every file to write.
        replacing: the sub-folders of ``final`` being rewritten (languages, comma-separated);
            the other sub-folders (the other languages of the version) are carried over.
        sync: flush it to disk; False when the caller flushes several with
            :func:`sync_trees` before moving any into place.
        staged: a folder (on the same file system) whose sub-folders, the languages being
            rewritten, are moved into the temporary folder (:mod:`.staging`).

    Returns:
        The temporary folder (flushed to disk with ``sync``).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f"{layout.TEMP_PREFIX}{final.name}.", dir=final.parent))
    try:
        if safety.is_dir(final):
            for child in final.iterdir():
                if safety.is_dir(child) and child.name not in replacing.split(","):
                    # symlinks=True copies a link as a link, never what it points to (the
                    # store refuses links before writing; this is the second line of defence).
                    shutil.copytree(child, temp / child.name, symlinks=True)
        if staged is not None:
            for lang in replacing.split(","):
                (staged / lang).rename(temp / lang)
        for relative, data in files.items():
            path = temp / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if sync:
            _fsync_tree(temp)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return temp


def old_path(final: Path) -> Path:
    """Where :func:`move_into_place` keeps the previous state of ``final``."""
    return final.parent / f"{layout.OLD_PREFIX}{final.name}.{os.getpid()}"


def move_into_place(temp: Path, final: Path, *, sync: bool = True) -> Path | None:
    """Replace ``final`` by ``temp`` with renames; see the module docstring for the steps.

    The previous state is kept (at :func:`old_path`) until the write is committed, so that
    a failed commit or an interrupt can put it back: :func:`discard` or :func:`undo` it.

    Args:
        temp: the complete new state (:func:`write_temp`).
        final: the version folder.
        sync: flush the rename to disk; False when the caller moves several versions and
            flushes their folders once with :func:`sync_dirs` (before committing them).

    Returns:
        The folder holding the previous state, or None when ``final`` is new.
    """
    old = old_path(final)
    if final.exists() and exchange(temp, final):
        if sync:
            _fsync_dir(final.parent)
        pause("new-moved")
        temp.rename(old)
        return old
    if final.exists():
        final.rename(old)
        pause("old-moved")
        temp.rename(final)
        if sync:
            _fsync_dir(final.parent)
        pause("new-moved")
        return old
    temp.rename(final)
    if sync:
        _fsync_dir(final.parent)
    pause("new-moved")
    return None


def sync_dirs(folders: Sequence[Path]) -> None:
    """Flush the renames :func:`move_into_place` made in these folders, each folder once."""
    for folder in dict.fromkeys(folders):
        _fsync_dir(folder)


def discard(previous: Path | None) -> None:
    """Delete the previous state :func:`move_into_place` kept, once the write is committed."""
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def undo(final: Path, previous: Path | None) -> None:
    """Put back the state of ``final`` before :func:`move_into_place` (or remove a new one)."""
    if previous is None or not previous.is_dir():
        shutil.rmtree(final, ignore_errors=True)
        return
    if final.exists():
        if exchange(previous, final):
            _fsync_dir(final.parent)
            shutil.rmtree(previous)
            return
        shutil.rmtree(final)
    previous.rename(final)
    _fsync_dir(final.parent)


# renameat2(2): AT_FDCWD and RENAME_EXCHANGE from <fcntl.h> and <linux/fs.h>.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system or file system cannot.

    Raises:
        OSError: the exchange is supported but failed (e.g. permissions).
    """
    import ctypes  # here, not at import: reading commands never need it

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux (Windows: CDLL needs a name)
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def leftovers(root: Path, prefix: str | None = None) -> list[Path]:
    """Temporary and old folders that killed writers left in a store (never through a link).

    Args:
        root: the store root.
        prefix: only the folders of this kind (:data:`layout.OLD_PREFIX`, ``TEMP_PREFIX``).
    """
    prefixes = (prefix,) if prefix else (layout.OLD_PREFIX, layout.TEMP_PREFIX)
    found = []
    for series in _entries(root):
        if series.name.startswith(".") or not safety.is_dir(series):
            continue
        found += [path for path in _entries(series) if path.name.startswith(prefixes)]
    return sorted(path for path in found if safety.is_dir(path))


def _entries(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def clean_leftovers(root: Path) -> list[str]:
    """Put back or delete what :func:`move_into_place` left when killed; one line per action."""
    done = []
    for old in leftovers(root, layout.OLD_PREFIX):
        target = old.parent / old.name.removeprefix(layout.OLD_PREFIX).rsplit(".", 1)[0]
        if target.exists():
            shutil.rmtree(old)
            done.append(f"removed the previous state of {target.name} left by an interrupted write")
        else:
            old.rename(target)
            done.append(f"restored {target.name} after an interrupted write")
    for temp in leftovers(root, layout.TEMP_PREFIX):
        shutil.rmtree(temp, ignore_errors=True)
        done.append(f"removed the unfinished write {temp.name}")
    for line in done:
        logger.warning(line)
    return done


def sync_trees(folders: Sequence[Path], durable: Sequence[Path] = ()) -> None:
    """Make several folders :func:`write_temp` wrote durable: one ``syncfs`` on Linux.

    Args:
        folders: the folders.
        durable: sub-folders whose files :func:`sync_staged` flushed already (moved in from a
            staging area): where there is no ``syncfs`` only their folder entries are fsynced.
    """
    if not folders or _syncfs(folders[0]):
        return
    # syncfs failed where it exists: sync_staged left those files to it, so fsync them too.
    skip = () if whole_fs_sync() else durable
    for folder in folders:
        _fsync_tree(folder, skip)


def sync_staged(folders: Sequence[Path]) -> None:
    """Make files staged for a later :func:`sync_trees` of the folders they are moved into
    durable, outside the store lock: where ``syncfs`` exists nothing is to do (that one call,
    made under the lock, flushes them with everything else; a flush here would only wait on
    every other writer of the disk, a batch's other workers first), elsewhere each file and
    folder is fsynced."""
    if whole_fs_sync():
        return
    for folder in folders:
        _fsync_tree(folder)


def whole_fs_sync() -> bool:
    """Whether this system can flush a whole file system in one call (``syncfs(2)``)."""
    return _syncfs_function() is not None


def _fsync_tree(folder: Path, durable: Sequence[Path] = ()) -> None:
    """Make every file and folder under ``folder`` durable before it is renamed into place.

    On Linux one ``syncfs(2)`` of the store's file system does it (a version is fifty-odd
    files: fifty fsyncs were a third of ``resdiff add``); elsewhere, or if it fails, each
    file (but those under ``durable``) and folder is fsynced.
    """
    if _syncfs(folder):
        return
    for path in folder.rglob("*"):
        if path.is_file() and not any(path.is_relative_to(done) for done in durable):
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _syncfs(folder: Path) -> bool:
    """Flush the whole file system holding ``folder``; False where ``syncfs`` is missing."""
    syncfs = _syncfs_function()
    if syncfs is None:
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


@functools.cache
def _syncfs_function() -> Callable[[int], int] | None:
    """The C library's ``syncfs``, or None (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        found: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    return found


def _fsync_dir(folder: Path) -> None:
    """Make a folder's entries (a rename into it) durable (POSIX; Windows cannot open a
    folder as a file, and NTFS journals its renames)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except PermissionError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
