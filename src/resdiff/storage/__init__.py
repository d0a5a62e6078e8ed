"""The git-backed store of resolution versions: layout (paths), git (commits), store (I/O)."""

from resdiff.storage.meta import LanguageEntry, StoredVersion
from resdiff.storage.store import Added, Store

__all__ = ["Added", "LanguageEntry", "Store", "StoredVersion"]
