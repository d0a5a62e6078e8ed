"""Read a stored version as it was at a git revision (``2021@HEAD~1``), without checking out.

The store files of that revision (``store.json``, every ``meta.json`` and the selected
version's unit files) are copied from git into a temporary folder laid out like the store, so
selection and loading are exactly those of :class:`~resdiff.storage.store.Store`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from resdiff.errors import StoreError
from resdiff.model import Resolution
from resdiff.storage import audit, layout
from resdiff.storage.git import GitRepo
from resdiff.storage.store import Store


def load_at_revision(
    store: Store, selector: str, rev: str, lang: str | None = None, series: str | None = None
) -> Resolution:
    """The version ``selector`` names, read from the store as it was at git revision ``rev``.

    Raises:
        StoreError: the store is not in a git repository, or the revision does not exist.
        UnknownVersion, AmbiguousVersion: the selector names no single version at ``rev``.
    """
    repo = GitRepo.find(store.root)
    if repo is None:
        raise StoreError(f"{store.root} is not in a git repository; VERSION@REV needs git history")
    try:
        files = repo.list_files(rev, store.root)
    except StoreError:
        raise StoreError(
            f"cannot read the store at git revision {rev!r}: no such revision, or the store "
            "did not exist then; use a commit, a branch or HEAD~N"
        ) from None
    with tempfile.TemporaryDirectory(prefix="resdiff-rev-") as tmp:
        copy = Store(Path(tmp))
        wanted = [f for f in files if f == layout.STORE_FILE or f.endswith("/" + layout.META_FILE)]
        for name in wanted:
            _copy(repo, rev, store.root / name, copy.root / name)
        version = copy.select(selector, series)
        prefix = version.path.relative_to(copy.root).as_posix() + "/"
        for name in files:
            if name.startswith(prefix) and "/units/" in name:
                _copy(repo, rev, store.root / name, copy.root / name)
        return copy.load(version, lang)


def _copy(repo: GitRepo, rev: str, source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        target.write_bytes(repo.show_file(rev, source))
    except OSError as exc:  # pragma: no cover - a full disk
        raise StoreError(f"cannot read {source} at {rev!r}: {exc}") from None


def export_store(store: Store, rev: str, target: Path) -> Store:
    """Write the whole store as it was at git revision ``rev`` into ``target``, and open it.

    The returned store may be empty (no ``store.json``) when the store did not exist then.

    Raises:
        StoreError: the store is not in a git repository, or the revision does not exist.
    """
    repo = GitRepo.find(store.root)
    if repo is None:
        raise StoreError(f"{store.root} is not in a git repository; review needs git history")
    repo.export(rev, store.root, target)
    return Store(target)


def tree_entries(store: Store, rev: str) -> list[tuple[PurePosixPath, audit.EntryKind]]:
    """Every path of the store at git revision ``rev`` (relative to the store) and its kind.

    Raises:
        StoreError: the store is not in a git repository, or the revision does not exist.
    """
    repo = GitRepo.find(store.root)
    if repo is None:
        raise StoreError(f"{store.root} is not in a git repository; review needs git history")
    return [(PurePosixPath(name), audit.git_kind(mode)) for name, mode in
            repo.modes(store.root, rev)]  # fmt: skip


def resolve_revision(store: Store, rev: str) -> str:
    """The commit sha ``rev`` names in the store's repository.

    Raises:
        StoreError: no repository, or no such revision.
    """
    repo = GitRepo.find(store.root)
    if repo is None:
        raise StoreError(f"{store.root} is not in a git repository; review needs git history")
    return repo.resolve(rev)
