"""The store never follows a link: no-follow reads and walks under a store root.

A store is a folder of a git repository, and anyone who can open a pull request can plant a
symbolic link in it (git stores links as links). Following one would make resdiff read or
write outside the store: commit an outside file's bytes as a unit, or write a version into
an outside folder. So every path under the store is checked before it is touched:

- :func:`refuse_links` checks each component from the store root down with ``lstat``;
- :func:`read_bytes` also opens the file with ``O_NOFOLLOW`` (where the system has it), so
  a link swapped in between the check and the open is refused too, and refuses anything
  that is not a regular file (a FIFO would block a reader forever);
- :func:`links` lists every link under a folder, for ``resdiff verify``.

The store root itself may be a link (``--store`` pointing elsewhere is the user's choice).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from resdiff.errors import StoreError

# O_NOFOLLOW and O_NONBLOCK do not exist on Windows (the lstat checks cover it there);
# O_BINARY only exists there.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class LinkInStore(StoreError):
    """A symbolic link (or another non-regular file) where the store expects its own files."""


def link_error(path: Path) -> LinkInStore:
    """The one-line error for a link found at ``path``."""
    return LinkInStore(
        f"{path} is a symbolic link; resdiff never follows links inside a store: "
        "replace it with the real file or folder, or restore it with `git checkout`"
    )


def refuse_links(root: Path, path: Path) -> None:
    """Refuse when ``path`` or any folder between ``root`` and it is a symbolic link.

    Args:
        root: the store root (not checked itself).
        path: a path under ``root``; it need not exist.

    Raises:
        LinkInStore: a component is a link.
        StoreError: ``path`` is not under ``root``.
    """
    try:
        relative = Path(path).relative_to(root)
    except ValueError:
        raise StoreError(f"{path} is not inside the store {root}") from None
    current = Path(root)
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise link_error(current)


def read_bytes(path: Path | str, root: Path | None = None) -> bytes:
    """The bytes of a regular file, never through a link.

    Args:
        path: the file.
        root: the store root, to check the folders between it and ``path`` as well.

    Raises:
        LinkInStore: the file, or a folder on the way, is a link, or the file is not regular.
        OSError: the file is missing or unreadable.
    """
    if root is not None:
        refuse_links(root, Path(path).parent)
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise link_error(Path(path)) from None
        raise
    # The descriptor read directly (no file object, no second lstat where O_NOFOLLOW already
    # refused links): a 50-version timeline reads 3,000 unit files, a third as fast before.
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise LinkInStore(f"{path} is not a regular file; restore it with `git checkout`")
        if not _NO_FOLLOW and os.path.islink(path):  # no O_NOFOLLOW on this system
            raise link_error(Path(path))
        return _read_all(descriptor, info.st_size)
    finally:
        os.close(descriptor)


def _read_all(descriptor: int, size: int) -> bytes:
    """Everything left to read from ``descriptor`` (``size``: what fstat said it holds)."""
    first = os.read(descriptor, size + 1)  # one more byte: a file that grew meanwhile
    if len(first) <= size:  # a regular file reads short only at its end: no second read
        return first
    more = os.read(descriptor, 1 << 16)
    if not more:
        return first
    chunks = [first, more]
    while more:
        more = os.read(descriptor, 1 << 16)
        chunks.append(more)
    return b"".join(chunks)


def read_text(path: Path, root: Path | None = None) -> str:
    """:func:`read_bytes` decoded as UTF-8.

    Raises:
        LinkInStore, OSError: as :func:`read_bytes`.
        UnicodeDecodeError: the file is not UTF-8.
    """
    return read_bytes(path, root).decode("utf-8")


def is_file(path: Path | str) -> bool:
    """True for a regular file that is not a link (``Path.is_file`` follows links)."""
    return stat.S_ISREG(_lstat_mode(path))


def is_dir(path: Path) -> bool:
    """True for a folder that is not a link (``Path.is_dir`` follows links)."""
    return stat.S_ISDIR(_lstat_mode(path))


def _lstat_mode(path: Path | str) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def links(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (the walk never enters one), sorted."""
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(top) / name
            if path.is_symlink():
                found.append(path)
    return sorted(found)


def check_tree(root: Path, folder: Path) -> None:
    """Refuse a folder under ``root`` that is, holds, or is reached through a link.

    Raises:
        LinkInStore: the first link found.
    """
    refuse_links(root, folder)
    found = links(folder) if is_dir(folder) else []
    if found:
        raise link_error(found[0])
