"""Where resdiff keeps what it can recompute: comparisons, the precedent index, word lists.

By default a store's caches go in ``<store>/.resdiff-cache/`` (in the store's ``.gitignore``
rules, and holding its own ``.gitignore`` so it stays out of git whatever those rules say),
and the compiled word lists, which belong to no store, in the user's cache folder
(``~/.cache/resdiff`` on Linux, as platformdirs says elsewhere). ``$RESDIFF_CACHE`` names
another folder for both, and ``RESDIFF_CACHE=off`` turns caching off.

This module is the only importer of platformdirs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from resdiff.storage.layout import CACHE_DIR

logger = logging.getLogger(__name__)


def cache_root(store_root: Path) -> Path | None:
    """The cache folder of a store, or None when caching is off."""
    override = os.environ.get("RESDIFF_CACHE")
    if override == "off":
        return None
    if override:
        return Path(override)
    folder = store_root / CACHE_DIR
    if folder.is_symlink():  # planted in the store: never read or write through it
        logger.warning("%s is a symbolic link; caching is off until it is removed", folder)
        return None
    return folder


def user_cache_root() -> Path | None:
    """The cache folder for what belongs to no store (word lists), or None when caching is off."""
    override = os.environ.get("RESDIFF_CACHE")
    if override == "off":
        return None
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("resdiff", appauthor=False))


def prepare(folder: Path) -> None:
    """Create the cache folder with a ``.gitignore`` that ignores everything in it.

    Raises:
        OSError: the folder cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# resdiff's cache: never committed\n*\n", encoding="utf-8")
