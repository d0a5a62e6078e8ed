"""Compiled word lists on disk, so that a process loads a lexicon instead of building it.

Building a lexicon decodes pyspellchecker's gzipped JSON (140,000 French words) and groups
every word by its accent-free spelling: a quarter of a second that every process which
ingests a text used to pay. The result is saved once under the user cache folder
(:func:`resdiff._cachedir.user_cache_root`, ``lexicon/<lang>-<key>.marshal``) and loaded by
the next processes in a few milliseconds.

The file name's key hashes everything the lexicon is made of — the word lists' bytes, the
resdiff version, this module's format number and the Python version (``marshal``'s format
belongs to it) — so a new word list or a new release never reads a stale file. ``marshal``
holds only plain values (no code runs on loading, unlike pickle); a file that cannot be read
or does not hold what it should is ignored and rebuilt. Writes are atomic (a temporary file
renamed into place): concurrent processes at worst both build and write the same bytes.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from resdiff import __version__
from resdiff._cachedir import user_cache_root

logger = logging.getLogger(__name__)

# Bump when what is saved changes shape.
FORMAT = 1

Compiled = tuple[dict[str, int], dict[str, tuple[str, ...]]]


def _key(lang: str, inputs: Sequence[str | bytes]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{lang}".encode())
    for part in inputs:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def path_for(lang: str, inputs: Sequence[str | bytes]) -> Path | None:
    """Where the compiled lexicon made of ``inputs`` is kept, or None when caching is off."""
    root = user_cache_root()
    return None if root is None else root / "lexicon" / f"{lang}-{_key(lang, inputs)}.marshal"


def load(lang: str, inputs: Sequence[str | bytes]) -> Compiled | None:
    """The saved frequencies and skeleton index, or None (not saved yet, unreadable, stale)."""
    path = path_for(lang, inputs)
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            logger.debug("compiled word list %s unreadable (%s); rebuilding it", path, exc)
        return None
    if not (
        isinstance(data, tuple)
        and len(data) == 4
        and data[:2] == (FORMAT, _key(lang, inputs))
        and isinstance(data[2], dict)
        and isinstance(data[3], dict)
    ):
        logger.debug("compiled word list %s does not match; rebuilding it", path)
        return None
    return data[2], data[3]


def save(
    lang: str,
    inputs: Sequence[str | bytes],
    frequencies: dict[str, int],
    groups: dict[str, tuple[str, ...]],
) -> None:
    """Save a compiled lexicon for the next processes; a cache that cannot be written is skipped."""
    path = path_for(lang, inputs)
    if path is None:
        return
    payload = marshal.dumps((FORMAT, _key(lang, inputs), frequencies, groups))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logger.debug("cannot save the compiled word list %s (%s)", path, exc)
