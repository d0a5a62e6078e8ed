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


def write_atomically(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all: a private temporary file in the
    same folder, renamed over it. What ``tempfile.mkstemp`` does, without importing tempfile
    (random, shutil), which cost more than the cache write itself.

    Raises:
        OSError: the folder cannot be written.
    """
    folder = os.path.dirname(path)
    temp = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise
