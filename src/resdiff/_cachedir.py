"""Where resdiff keeps what it can recompute: comparisons and the precedent index.

By default ``<store>/.resdiff-cache/`` (in the store's ``.gitignore`` rules, and holding its
own ``.gitignore`` so it stays out of git whatever those rules say); ``$RESDIFF_CACHE`` names
another folder, and ``RESDIFF_CACHE=off`` turns caching off.
"""

from __future__ import annotations

import os
from pathlib import Path

from resdiff.storage.layout import CACHE_DIR


def cache_root(store_root: Path) -> Path | None:
    """The cache folder of a store, or None when caching is off."""
    override = os.environ.get("RESDIFF_CACHE")
    if override == "off":
        return None
    return Path(override) if override else store_root / CACHE_DIR


def prepare(folder: Path) -> None:
    """Create the cache folder with a ``.gitignore`` that ignores everything in it.

    Raises:
        OSError: the folder cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# resdiff's cache: never committed\n*\n", encoding="utf-8")
