"""A cache of pairwise comparisons, so a series' history is not re-aligned on every call.

Each entry is one JSON file named after the sha256 of what the comparison depends on: the
resdiff version, the language and the ids, kinds and texts of both versions' units. A stored
text that changes (``resdiff add --replace``, a git checkout) has another key, so the store
never serves a stale comparison; unused entries are simply never read again.

It lives outside :mod:`resdiff.history` (which reads it for series histories), so that a
store-to-store ``resdiff 2019 2021`` asks it without importing the history package.

The folder is the store's cache folder (:mod:`resdiff._cachedir`). A cache that cannot be written (a
read-only store) is skipped with a debug message: it only costs time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from resdiff import __version__
from resdiff._cachedir import cache_root, prepare
from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Suppressed, Token

logger = logging.getLogger(__name__)

# Bump when the serialised shape below changes.
CACHE_FORMAT = 1


def fingerprint(resolution: Resolution) -> list[Any]:
    """What a comparison of this resolution depends on: language, unit ids, kinds and texts."""
    return [resolution.lang, [[u.id, u.kind.value, u.text] for u in resolution.units]]


def comparison_key(old: Resolution, new: Resolution, settings: dict[str, Any]) -> str:
    """The sha256 naming the cached comparison of ``old`` with ``new``."""
    payload = [__version__, CACHE_FORMAT, sorted(settings.items()), fingerprint(old),
               fingerprint(new)]  # fmt: skip
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class ComparisonCache:
    """Pairwise comparisons kept as JSON files in a folder."""

    def __init__(self, folder: Path | None) -> None:
        """A cache in ``folder``; ``None`` disables caching."""
        self.folder = folder
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_store(cls, store_root: Path) -> ComparisonCache:
        """The cache of a store (see :mod:`resdiff._cachedir`)."""
        return cls(cache_root(store_root))

    def compare(self, old: Resolution, new: Resolution, **settings: Any) -> Comparison:
        """``compare(old, new)``, read from the cache when it holds it, else computed and kept.

        The differ (rapidfuzz, diff-match-patch, the word lists) is imported on a miss only:
        a cached ``resdiff 2019 2021`` needs the store read and the renderer, nothing more.
        """
        key = comparison_key(old, new, settings)
        cached = self._read(key)
        if cached is not None:
            try:
                comparison = Comparison(old, new, _changes_from(cached, old, new))
                self.hits += 1
                return comparison
            except (KeyError, ValueError, TypeError, IndexError):
                logger.debug("ignoring the unreadable cache entry %s", key)
        self.misses += 1
        from resdiff.compare import compare

        comparison = compare(old, new, **settings)
        self._write(key, [_change_data(change) for change in comparison.changes])
        return comparison

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / "compare" / f"{key}.json"

    def _read(self, key: str) -> Any:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write(self, key: str, data: Any) -> None:
        path = self._path(key)
        if path is None or self.folder is None:
            return
        try:
            prepare(self.folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when something is written: warm reads never are

            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # one C pass
            os.replace(temp, path)
        except OSError as exc:
            logger.debug("cannot write the comparison cache in %s: %s", self.folder, exc)


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "s": change.status.value,
        "m": change.moved,
        "sim": change.similarity,
        "o": [u.id for u in change.old],
        "n": [u.id for u in change.new],
        "t": [[t.op, t.text, t.old] for t in change.tokens],
        "x": [[s.old, s.new, s.reason] for s in change.suppressed],
        "a": list(change.annotations),
    }


def _changes_from(
    data: list[dict[str, Any]], old: Resolution, new: Resolution
) -> tuple[Change, ...]:
    old_units = {u.id: u for u in old.units}
    new_units = {u.id: u for u in new.units}
    return tuple(
        Change(
            ChangeStatus(item["s"]),
            old=tuple(old_units[i] for i in item["o"]),
            new=tuple(new_units[i] for i in item["n"]),
            moved=bool(item["m"]),
            similarity=float(item["sim"]),
            tokens=tuple(Token(op, text, previous) for op, text, previous in item["t"]),
            suppressed=tuple(Suppressed(o, n, r) for o, n, r in item["x"]),
            annotations=tuple(item["a"]),
        )
        for item in data
    )
