"""What does not belong in a store: links, files outside the layout, committed ignored names.

The same rules judge the files on disk (``resdiff verify``) and the files of a git revision
(``resdiff review``): each entry is a path relative to the store root and its kind.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from resdiff.storage import layout


class EntryKind(enum.StrEnum):
    """What a path in a store is."""

    FILE = "file"
    LINK = "link"  # a symbolic link (git mode 120000)
    OTHER = "other"  # a FIFO, device, socket, or a git submodule


def problems(entries: Iterable[tuple[PurePosixPath, EntryKind]], *, committed: bool) -> list[str]:
    """One line per entry that does not belong in a store.

    Args:
        entries: paths relative to the store root, with their kind.
        committed: the entries are what git holds (so an ignored name is a problem: the
            lock, the journal, a leftover or the cache committed by mistake or on purpose).

    >>> problems([(PurePosixPath("s/E-RES-2021-25/fr/units/op1.txt"), EntryKind.LINK)],
    ...          committed=False)  # doctest: +NORMALIZE_WHITESPACE
    ['s/E-RES-2021-25/fr/units/op1.txt is a symbolic link; resdiff never follows links in a
      store: replace it with the file itself or remove it']
    """
    found = []
    for path, kind in sorted(entries):
        if kind is EntryKind.LINK:
            found.append(
                f"{path} is a symbolic link; resdiff never follows links in a store: "
                "replace it with the file itself or remove it"
            )
        elif kind is EntryKind.OTHER:
            found.append(f"{path} is not a regular file; remove it from the store")
        elif layout.is_ignored(path):
            if committed:
                found.append(
                    f"{path} is committed although the store ignores it (.gitignore); "
                    f"remove it from git with `git rm --cached`"
                )
        elif layout.outside_layout(path):
            found.append(
                f"{path} is outside the store layout (not a meta.json, source or unit file); "
                "move it out of the store"
            )
    return found


def scan(root: Path) -> list[tuple[PurePosixPath, EntryKind]]:
    """Every file, link and special file under ``root`` (the walk never enters a link).

    Leftover folders of interrupted writes and the cache are skipped: they are resdiff's own.
    """
    entries = []
    for top, dirs, files in os.walk(root, followlinks=False):
        base = Path(top)
        kept = []
        for name in dirs:
            path = base / name
            if top == str(root) and name == ".git":
                continue  # a store that is its own repository
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_symlink():
                entries.append((relative, EntryKind.LINK))
            elif not layout.is_ignored(relative):
                kept.append(name)
        dirs[:] = kept
        for name in files:
            path = base / name
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_symlink():
                entries.append((relative, EntryKind.LINK))
            elif path.is_file():
                entries.append((relative, EntryKind.FILE))
            else:
                entries.append((relative, EntryKind.OTHER))
    return entries


def git_kind(mode: str) -> EntryKind:
    """The kind of a git index or tree entry from its mode (``100644``, ``120000``…)."""
    if mode == "120000":
        return EntryKind.LINK
    if mode in ("100644", "100755"):
        return EntryKind.FILE
    return EntryKind.OTHER
