"""The functions a Python user (and the CLI) calls. They wire the stages; no algorithms here.

Example::

    from pathlib import Path
    from resdiff import api
    from resdiff.storage import Store

    store = Store(Path("resolutions"))
    resolution = api.ingest_file("E_RES_2021_25_fr.txt")
    api.add(store, "E_RES_2021_25_fr.txt")
    print(api.show(store, "2021").units[0].text)
"""

from __future__ import annotations

from pathlib import Path

from resdiff import lang as languages
from resdiff.ingest import ingest, read_source
from resdiff.model import Resolution
from resdiff.normalize import repair
from resdiff.storage import Added, Store, StoredVersion


def ingest_file(
    path: str | Path,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
) -> Resolution:
    """Read and ingest a file without touching any store.

    Raises:
        ResdiffError: unreadable input, no resolution structure, missing metadata.
    """
    source = read_source(path)
    return ingest(source, lang=lang, symbol=symbol, date=date, title=title, series=series)


def add(
    store: Store,
    path: str | Path,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    commit: bool = True,
    replace: bool = False,
) -> Added:
    """Ingest a file and store it as a version (one git commit unless ``commit`` is False).

    Raises:
        ResdiffError: bad input, or a store that cannot take the version.
    """
    source = read_source(path)
    resolution = ingest(source, lang=lang, symbol=symbol, date=date, title=title, series=series)
    return store.add(resolution, source, commit=commit, replace=replace)


def list_versions(store: Store, series: str | None = None) -> list[StoredVersion]:
    """Stored versions, oldest first."""
    return store.versions(series)


def show(
    store: Store, selector: str, lang: str | None = None, series: str | None = None
) -> Resolution:
    """A stored version's canonical units.

    Raises:
        UnknownVersion, AmbiguousVersion: the selector does not name exactly one version.
    """
    return store.load(store.select(selector, series), lang)


def normalize_file(path: str | Path, lang: str | None = None) -> str:
    """The OCR-repaired text of a file, line structure kept (for pipes and debugging)."""
    from resdiff.ingest import extract_text

    text = extract_text(read_source(path))
    return repair(text, lang or languages.detect(text))
