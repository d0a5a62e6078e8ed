"""What a reader of the store reads: the files on disk, checked unchanged, or HEAD's commit.

A writer changes the store only while its journal (``.resdiff-journal.json``) exists: it
moves whole version folders into place (a rename gives the folder a new inode) and commits
them; a failed commit moves them back. A reader never takes the lock, so a reader can never
make a writer wait, nor wait for one:

- :class:`DiskView` (the fast path, no write in flight) reads the files as they are and
  remembers the inode of every version folder it read. After each read the store asks
  :meth:`DiskView.changed`: the journal appeared, or a folder read was moved (or removed).
  Then what was read may mix two states, and the store raises
  :class:`~resdiff.errors.StoreChanged`; the command runs again on a :class:`HeadView`.
- :class:`HeadView` (a write in flight) reads the store as the commit HEAD pointed to when
  the view was made: one ``git ls-tree`` lists it, and one ``git cat-file --batch`` process
  reads all the files a step needs. A commit never changes, so nothing can move under it.

Both views refuse links as :mod:`resdiff.storage.safety` does (git records a link as mode
``120000``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from resdiff.storage import layout, safety

# git's mode of a symbolic link, and of regular files (plain or executable).
_LINK_MODE = "120000"
_FILE_MODES = ("100644", "100755")


class DiskView:
    """The store as it is on disk, remembering which version folders were read."""

    committed = False

    def __init__(self, root: Path, *, tracking: bool = True, journal: bool = True) -> None:
        """A view of the store at ``root``.

        Args:
            root: the store root.
            tracking: remember the folders read (readers); a writer holding the store lock
                reads its own writes and never needs to.
            journal: a journal means a write in flight (False: it is one a killed writer
                left, in a store without commits to read instead).
        """
        self.root = root
        self._tracking = tracking
        self._journal = journal
        self._seen: dict[Path, tuple[int, int, int, int]] = {}

    def read(self, path: Path) -> bytes:
        """The bytes of a file under the store, never through a link.

        Raises:
            LinkInStore: a link on the way.
            OSError: the file is missing or unreadable.
        """
        return safety.read_bytes(path, self.root)

    def read_many(self, paths: Sequence[Path | str]) -> list[bytes]:
        """The bytes of several files of one folder (checked for links once).

        Raises:
            LinkInStore: a link on the way or among the files.
            OSError: a file is missing or unreadable.
        """
        if not paths:
            return []
        safety.refuse_links(self.root, Path(paths[0]).parent)
        read = safety.read_bytes
        return [read(path) for path in paths]

    def is_file(self, path: Path | str) -> bool:
        """True for a regular file (not a link)."""
        return safety.is_file(path)

    def meta_files(self) -> list[Path]:
        """The ``meta.json`` of every version folder (no link, no hidden leftover)."""
        return [
            version / layout.META_FILE
            for series in _real_folders(self.root)
            for version in _real_folders(series)
            if safety.is_file(version / layout.META_FILE)
        ]

    def note(self, folder: Path) -> None:
        """Remember the identity of a version folder that was read."""
        if not self._tracking or folder in self._seen:
            return
        self._seen[folder] = _identity(folder)

    def changed(self, folders: Sequence[Path] | None = None) -> bool:
        """True when a write is in flight, or moved or removed a folder since it was read.

        Args:
            folders: the folders to check (default: every folder read so far). Once every
                folder has been checked together (:meth:`Store.versions` does), checking
                each one again when it is used keeps what is read one consistent state.
        """
        if not self._tracking:
            return False
        if self._journal and os.path.lexists(self.root / layout.JOURNAL_FILE):
            return True
        checked = self._seen
        if folders is not None:
            checked = {f: self._seen[f] for f in folders if f in self._seen}
        return any(_identity(folder) != seen for folder, seen in checked.items())


class HeadView:
    """The store as one commit holds it, read through git (never the files on disk)."""

    committed = True

    def __init__(self, root: Path, commit: str, entries: dict[str, tuple[str, str]]) -> None:
        """A view of ``commit``; ``entries`` maps store-relative paths to (mode, blob id)."""
        self.root = root
        self.commit = commit
        self._entries = entries
        self._metadata: dict[str, bytes] | None = None  # store.json and every meta.json

    @classmethod
    def at_head(cls, root: Path) -> HeadView | None:
        """The view of the commit HEAD points to now; None without git, commits or store.

        Two plumbing commands run through the ``git`` executable (GitPython costs more to
        import than they take).
        """
        commit = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        if commit is None:
            return None
        sha = commit.decode("ascii").strip()
        listing = _git(root, "ls-tree", "-r", "-z", sha, "--", ".")  # the commit, pinned
        if listing is None:
            return None
        entries: dict[str, tuple[str, str]] = {}
        for record in listing.split(b"\0"):
            info, tab, name = record.partition(b"\t")
            fields = info.split()
            if tab and len(fields) == 3:
                entries[os.fsdecode(name)] = (fields[0].decode(), fields[2].decode())
        if layout.STORE_FILE not in entries:
            return None
        return cls(root, sha, entries)

    def _entry(self, path: Path | str) -> tuple[str, str]:
        relative = Path(path).relative_to(self.root).as_posix()
        found = self._entries.get(relative)
        if found is None:
            raise FileNotFoundError(errno.ENOENT, f"not in commit {self.commit[:10]}", str(path))
        if found[0] == _LINK_MODE:
            raise safety.link_error(Path(path))
        if found[0] not in _FILE_MODES:
            raise safety.LinkInStore(f"{path} is not a regular file in commit {self.commit[:10]}")
        return found

    def read(self, path: Path) -> bytes:
        """The bytes of a file as the commit holds it.

        Raises:
            LinkInStore: the commit holds a link (or no regular file) there.
            OSError: the commit has no such file, or git failed.
        """
        relative = Path(path).relative_to(self.root).as_posix()
        if _is_metadata(relative):
            metadata = self._read_metadata()
            if relative in metadata:
                return metadata[relative]
        return self.read_many([path])[0]

    def _read_metadata(self) -> dict[str, bytes]:
        """``store.json`` and every ``meta.json``, read by one git process the first time."""
        if self._metadata is None:
            names = [
                name
                for name, (mode, _) in self._entries.items()
                if mode in _FILE_MODES and _is_metadata(name)
            ]
            blobs = self.read_many([self.root / name for name in names])
            self._metadata = dict(zip(names, blobs, strict=True))
        return self._metadata

    def read_many(self, paths: Sequence[Path | str]) -> list[bytes]:
        """The bytes of several files, read by one ``git cat-file --batch``.

        Raises:
            LinkInStore, OSError: as :meth:`read`.
        """
        blobs = [self._entry(path)[1] for path in paths]
        if not blobs:
            return []
        request = "".join(f"{blob}\n" for blob in blobs).encode("ascii")
        output = _git(self.root, "cat-file", "--batch", stdin=request)
        if output is None:
            raise OSError(errno.EIO, "git cat-file failed", str(self.root))
        found, at = [], 0
        try:
            for _ in blobs:  # "<id> blob <size>\n<content>\n" each
                end = output.index(b"\n", at)
                size = int(output[at:end].split()[2])
                found.append(output[end + 1 : end + 1 + size])
                at = end + 1 + size + 1
        except (ValueError, IndexError):  # "<id> missing": a damaged repository
            raise OSError(errno.EIO, "git cat-file gave no such object", str(self.root)) from None
        return found

    def is_file(self, path: Path | str) -> bool:
        """True when the commit holds a regular file at ``path``."""
        try:
            relative = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return False
        found = self._entries.get(relative)
        return found is not None and found[0] in _FILE_MODES

    def meta_files(self) -> list[Path]:
        """The ``meta.json`` of every version folder of the commit."""
        found = []
        for name, (mode, _) in self._entries.items():
            parts = name.split("/")
            if (
                len(parts) == 3
                and parts[2] == layout.META_FILE
                and mode in _FILE_MODES
                and not parts[0].startswith(".")
                and not parts[1].startswith(".")
            ):
                found.append(self.root / parts[0] / parts[1] / layout.META_FILE)
        return sorted(found)

    def note(self, folder: Path) -> None:
        """Nothing to remember: a commit cannot change."""

    def changed(self, folders: Sequence[Path] | None = None) -> bool:
        """Never: a commit cannot change."""
        return False


def _is_metadata(name: str) -> bool:
    """True for ``store.json`` and a version's ``meta.json`` (paths relative to the store)."""
    return name == layout.STORE_FILE or (
        name.count("/") == 2 and name.endswith("/" + layout.META_FILE)
    )


def _identity(folder: Path) -> tuple[int, int, int, int]:
    """(device, inode of the folder, inode and change time of its ``meta.json``), or zeros
    when the folder is gone or is a link now.

    A write gives a version a new folder, holding a new ``meta.json``: other inodes, unless
    the file system reuses the numbers of ones it freed (ext4 does), and then the change
    time of the new ``meta.json`` differs. Files added inside the folder (which change the
    folder's own times) change neither.
    """
    try:
        info = os.lstat(folder)
        meta_info = os.lstat(folder / layout.META_FILE)
    except OSError:
        return (0, 0, 0, 0)
    if not stat.S_ISDIR(info.st_mode):
        return (0, 0, 0, 0)
    return (info.st_dev, info.st_ino, meta_info.st_ino, meta_info.st_ctime_ns)


def _real_folders(folder: Path) -> list[Path]:
    """Sub-folders that are neither links nor hidden (leftovers of writes start with a dot)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)
    )


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """The output of a read-only git command run in ``root``; None when it fails."""
    import subprocess  # only when a write is in flight: readers rarely need it

    try:
        done = subprocess.run(
            ["git", *args], cwd=root, input=stdin, capture_output=True, check=False
        )
    except OSError:  # no git executable, or no such folder
        return None
    return done.stdout if done.returncode == 0 else None
