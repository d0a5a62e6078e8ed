"""The git-backed store of resolution versions: layout (paths), git (commits), store (I/O)."""

from resdiff.storage.store import Added, LanguageEntry, Store, StoredVersion

__all__ = ["Added", "LanguageEntry", "Store", "StoredVersion"]
