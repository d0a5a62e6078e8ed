"""A git store holding the constructed series (tests/constructed), built once per session."""

from __future__ import annotations

from pathlib import Path

from resdiff import api
from resdiff.storage import Store

from .conftest import init_repo
from .constructed import build


def add_year(store: Store, year: int, replace: bool = False, text: str | None = None) -> None:
    """Add (or replace) the constructed version of ``year`` through the real ingest pipeline."""
    path = store.root.parent / build.file_name(year)
    path.write_text(text if text is not None else build.text(year), encoding="utf-8")
    api.add(store, path, series=build.SERIES, replace=replace)
    path.unlink()


def constructed_store(root: Path, years: tuple[int, ...] = build.YEARS) -> Store:
    """A store in a new git repository at ``root`` with the constructed versions of ``years``."""
    store = Store(init_repo(root) / "resolutions")
    for year in years:
        add_year(store, year)
    return store
