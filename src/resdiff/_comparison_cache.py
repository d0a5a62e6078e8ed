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
from itertools import starmap
from pathlib import Path
from typing import Any

from resdiff import __version__
from resdiff._cachedir import cache_root, prepare, write_atomically
from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Suppressed, Token

logger = logging.getLogger(__name__)

# Bump when the serialised shape below changes.
CACHE_FORMAT = 1


def fingerprint(resolution: Resolution) -> list[Any]:
    """What a comparison of this resolution depends on: language, unit ids, kinds and texts."""
    return [resolution.lang, [[u.id, u.kind.value, u.text] for u in resolution.units]]


def comparison_key(old: Resolution, new: Resolution, settings: dict[str, Any]) -> str:
    """The sha256 naming the cached comparison of ``old`` with ``new``."""
    return _key(_dumps(fingerprint(old)), _dumps(fingerprint(new)), settings)


def _dumps(data: Any) -> str:
    # Fingerprints and changes made of lists and dicts here, never a cycle: not looked for.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _key(old: str, new: str, settings: dict[str, Any]) -> str:
    """:func:`comparison_key` from the JSON of both fingerprints.

    The JSON of a list is its items' JSON joined by commas in brackets, so joining each
    version's JSON (made once per version, not once per comparison: a series' versions are
    each in two) gives the very bytes ``json.dumps`` gives the whole payload.
    """
    head = _dumps([__version__, CACHE_FORMAT, sorted(settings.items())])[:-1]
    data = f"{head},{old},{new}]".encode()
    return hashlib.sha256(data).hexdigest()


class ComparisonCache:
    """Pairwise comparisons kept as JSON files in a folder."""

    def __init__(self, folder: Path | None) -> None:
        """A cache in ``folder``; ``None`` disables caching."""
        self.folder = folder
        self.hits = 0
        self.misses = 0
        # The fingerprint JSON of each version compared, by identity (the version is kept
        # with it, so that the id is never another object's).
        self._fingerprints: dict[int, tuple[Resolution, str]] = {}

    @classmethod
    def for_store(cls, store_root: Path) -> ComparisonCache:
        """The cache of a store (see :mod:`resdiff._cachedir`)."""
        return cls(cache_root(store_root))

    def compare(self, old: Resolution, new: Resolution, **settings: Any) -> Comparison:
        """``compare(old, new)``, read from the cache when it holds it, else computed and kept.

        The differ (rapidfuzz, diff-match-patch, the word lists) is imported on a miss only:
        a cached ``resdiff 2019 2021`` needs the store read and the renderer, nothing more.
        """
        key = _key(self._fingerprint(old), self._fingerprint(new), settings)
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
        self._write(key, _dumps([_change_data(change) for change in comparison.changes]))
        return comparison

    def _fingerprint(self, resolution: Resolution) -> str:
        found = self._fingerprints.get(id(resolution))
        if found is None or found[0] is not resolution:
            found = self._fingerprints[id(resolution)] = (
                resolution,
                _dumps(fingerprint(resolution)),
            )
        return found[1]

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

    def _write(self, key: str, text: str) -> None:
        path = self._path(key)
        if path is None or self.folder is None:
            return
        try:
            prepare(self.folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, text)
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
    old_unit = {u.id: u for u in old.units}.__getitem__
    new_unit = {u.id: u for u in new.units}.__getitem__
    # map and starmap: the loops over units and tokens run in C (every cache hit comes
    # through here); each token and suppression has three fields.
    return tuple(
        Change(
            _STATUSES[item["s"]],
            tuple(map(old_unit, item["o"])),
            tuple(map(new_unit, item["n"])),
            bool(item["m"]),
            float(item["sim"]),
            tuple(starmap(Token, item["t"])),
            tuple(starmap(Suppressed, item["x"])),
            tuple(item["a"]),
        )
        for item in data
    )


# Statuses by value: a dict lookup, many times cheaper than calling the enum.
_STATUSES: dict[str, ChangeStatus] = {status.value: status for status in ChangeStatus}
