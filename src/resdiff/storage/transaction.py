"""All or nothing: move written versions into place and commit them, or put everything back.

One command is one transaction, whatever number of versions it writes (a multi-version
``rebuild``). Its journal entry (:class:`~resdiff.storage.lock.StoreLock`) names every version
with the ``meta.json`` it will have, its temporary folder and where its previous state is
kept. The previous states are deleted only once the commit is made, so

- a commit git refuses (a failing hook or ``commit.gpgsign``, a full disk) or a Ctrl-C
  before the commit puts every version folder and the index back, and nothing is stored;
- a process killed before the commit leaves a journal from which :func:`recover` finishes
  the whole command (every version was moved into place: commit them) or undoes the whole
  command (some were not), and says which;
- a Ctrl-C after the commit lets the command finish.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from resdiff import _signals
from resdiff.errors import StoreError
from resdiff.storage import atomic, layout, meta, safety
from resdiff.storage.git import GitRepo
from resdiff.storage.lock import StoreLock

logger = logging.getLogger(__name__)

Commit = Callable[[Sequence[Path]], "str | None"]


def apply(
    root: Path,
    lock: StoreLock,
    moves: Sequence[tuple[Path, Path, bytes]],
    intent: dict[str, Any],
    repo: GitRepo | None,
    commit: Commit | None,
) -> str | None:
    """Move temporary folders into place and commit them, as one transaction.

    Args:
        root: the store root.
        lock: the held store lock, whose journal records the transaction.
        moves: (temporary folder, final folder, its new ``meta.json`` bytes) per version.
        intent: the commit message and date to journal.
        repo: the repository (None when not committing).
        commit: commits the final folders; None when not committing.

    Returns:
        The new commit, or None.

    Raises:
        StoreError: the commit failed; everything was put back first.
        KeyboardInterrupt: Ctrl-C before the commit; everything was put back first.
    """
    versions = {
        final.relative_to(root).as_posix(): {
            "meta": meta.sha256(data),
            "temp": temp.name,
            "old": atomic.old_path(final).name,
        }
        for temp, final, data in moves
    }
    lock.begin({**intent, "versions": versions})
    moved: list[tuple[Path, Path | None]] = []
    head = repo.head() if repo is not None else None
    with _signals.deferred() as interrupted:
        try:
            for temp, final, _ in moves:
                moved.append((final, atomic.move_into_place(temp, final, sync=len(moves) == 1)))
                logger.info("wrote %s", final.relative_to(root).as_posix())
                if interrupted():
                    raise KeyboardInterrupt
            if len(moves) > 1:  # the renames flushed once a folder, before the commit
                atomic.sync_dirs([final.parent for _, final, _ in moves])
            sha = commit([final for _, final, _ in moves]) if commit is not None else None
        except (Exception, KeyboardInterrupt) as exc:
            if repo is not None and repo.head() != head:
                # git made the commit, then failed or was interrupted (Ctrl-C reaches git
                # too): the write is done, only the clean-up is left.
                logger.warning("git failed after making the commit (%s); the write is done", exc)
                sha = repo.head()
                with contextlib.suppress(StoreError):  # the index as the commit left it
                    repo.stage([final for final, _ in moved])
                for _, previous in moved:
                    atomic.discard(previous)
                lock.end()
                return sha
            _undo(repo, moved, [temp for temp, _, _ in moves])
            lock.end()
            if interrupted() or isinstance(exc, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            if isinstance(exc, StoreError):
                raise StoreError(
                    f"{exc}; nothing was stored (the store and the git index are as they "
                    "were): fix the repository and run the command again"
                ) from None
            raise
        for _, previous in moved:
            atomic.discard(previous)
        lock.end()
    if interrupted():
        logger.warning("interrupted after the commit was made: the write was finished")
    return sha


def _undo(repo: GitRepo | None, moved: Sequence[tuple[Path, Path | None]],
          temps: Sequence[Path]) -> None:  # fmt: skip
    """Put back the previous states, delete the temporary folders, restore the index."""
    for final, previous in reversed(moved):
        atomic.undo(final, previous)
    for temp in temps:
        shutil.rmtree(temp, ignore_errors=True)
    if repo is not None and moved:
        try:
            repo.unstage([final for final, _ in moved])
        except StoreError as exc:  # pragma: no cover - git failing twice
            logger.warning("could not restore the git index: %s", exc)


def recover(
    root: Path, lock: StoreLock, repo: Callable[[], GitRepo | None], commit: Commit
) -> list[str]:
    """Finish or undo the whole transaction a killed writer journaled; one line per action.

    Args:
        root: the store root.
        lock: the held store lock.
        repo: finds the repository (only called when the journal asks for a commit).
        commit: commits the final folders.

    Raises:
        StoreError: the repository cannot take the commit now (the journal is kept).
    """
    intent = lock.intent()
    if intent is None:
        return []
    entries = _entries(root, intent)
    moved = {final for final, sha, _, _ in entries if _holds(final, sha)}
    names = ", ".join(final.name for final, _, _, _ in entries)
    done = []
    if entries and len(moved) == len(entries):
        found = repo() if intent.get("commit") else None
        if found is not None:
            found.check_writable()
            try:
                commit([final for final, _, _, _ in entries])
            except StoreError as exc:
                _put_back(entries, moved, found)
                lock.end()
                raise StoreError(
                    f"{exc}; the interrupted write of {names} was undone: fix the repository "
                    "and run the command again"
                ) from None
            line = f"finished the interrupted write of {names} (committed)"
        else:
            line = f"{names} was written in full by an interrupted command"
        for _, _, temp, old in entries:
            atomic.discard(old if old.is_dir() else None)
            shutil.rmtree(temp, ignore_errors=True)
    else:
        done += _put_back(entries, moved, repo() if moved and intent.get("commit") else None)
        line = (
            f"undid the interrupted write of {names} (it had not been committed); "
            "run the command again"
            if moved
            else "an interrupted write stored nothing; run the command again"
        )
    lock.end()
    logger.warning(line)
    return [*done, line]


def _entries(root: Path, intent: dict[str, Any]) -> list[tuple[Path, str, Path, Path]]:
    """(final folder, its new meta sha256, temporary folder, previous-state folder)."""
    versions = intent.get("versions")
    found = []
    for name, value in (versions if isinstance(versions, dict) else {}).items():
        try:
            final = root / layout.check_version_dir(str(name))
        except StoreError:
            continue  # not written by resdiff: never follow it
        safety.check_tree(root, final)
        info = value if isinstance(value, dict) else {"meta": value}  # journals before 0.2
        temp = final.parent / _leftover_name(info.get("temp"), layout.TEMP_PREFIX, final.name)
        old = final.parent / _leftover_name(info.get("old"), layout.OLD_PREFIX, final.name)
        found.append((final, str(info.get("meta")), temp, old))
    return found


def _leftover_name(name: object, prefix: str, version: str) -> str:
    """A journaled leftover name, if it is one resdiff makes for this version."""
    text = str(name or "")
    if text.startswith(f"{prefix}{version}.") and "/" not in text and "\\" not in text:
        return text
    return f"{prefix}{version}.none"


def _holds(final: Path, sha: str) -> bool:
    path = final / layout.META_FILE
    return safety.is_file(path) and meta.sha256(safety.read_bytes(path)) == sha


def _put_back(entries: Sequence[tuple[Path, str, Path, Path]], moved: set[Path],
              repo: GitRepo | None) -> list[str]:  # fmt: skip
    """Undo the versions moved into place; restore one the fallback left half-renamed."""
    done = []
    for final, _, temp, old in entries:
        if final in moved:
            # The previous state: kept as old, or still under the temporary name when the
            # writer died between the exchange and the rename that follows it.
            previous = old if old.is_dir() else temp if temp.is_dir() else None
            atomic.undo(final, previous)
        elif not final.exists() and old.is_dir():
            old.rename(final)
            done.append(f"restored {final.name} after an interrupted write")
        shutil.rmtree(temp, ignore_errors=True)
    if repo is not None and moved:
        repo.unstage(sorted(moved))
    return done
