"""Saved series histories: found by the series' git tree, never stale, rebuilt when damaged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resdiff.history import ComparisonCache, series_history
from resdiff.history._saved import decode, encode
from resdiff.storage import Store

from .conftest import git
from .constructed import build

SERIES = build.SERIES


def _saved(store: Store) -> list[Path]:
    folder = store.root / ".resdiff-cache" / "history"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_saved_history_reads_back_equal(demo_store: Store) -> None:
    history = series_history(demo_store, SERIES, cache=ComparisonCache(None))
    data = json.loads(json.dumps(encode(history), ensure_ascii=False))
    assert decode(data) == history
    # Each distinct text is written once: a clause kept unchanged costs no new string.
    texts = [u.text for v in history.versions for u in v.units]
    assert len(data["strings"]) < len(texts)


def test_an_unchanged_committed_series_is_read_from_one_file(tmp_path: Path) -> None:
    from .history_helpers import constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092, 2093))
    first = series_history(store, SERIES)
    assert len(_saved(store)) == 1
    # The unit files are not read again: a damaged one goes unnoticed until the tree changes.
    again = ComparisonCache.for_store(store.root)
    assert series_history(store, SERIES, cache=again) == first
    assert (again.hits, again.misses) == (0, 0)


def test_an_edit_not_yet_committed_is_never_hidden_by_the_saved_history(tmp_path: Path) -> None:
    from .history_helpers import constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    series_history(store, SERIES)
    unit = store.unit_file(store.select("2092"), "fr", "op2")
    unit.write_text(unit.read_text(encoding="utf-8").replace("renforcer", "consolider"))
    edited = series_history(store, SERIES)
    assert "consolider" in edited.versions[1].unit("op2").text
    assert len(_saved(store)) == 1  # a series git cannot vouch for is not saved
    git(store.root.parent, "commit", "-q", "-am", "edit")
    committed = series_history(store, SERIES)
    assert committed == edited
    # One file per series and language: the one for the old tree is gone.
    (saved,) = _saved(store)
    assert saved.name.startswith(f"{SERIES}.any.")
    series_history(store, SERIES, "fr")
    assert len(_saved(store)) == 2


def test_a_new_version_reads_only_itself_and_gives_the_history_a_full_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an add, the versions whose folders git holds unchanged (and their consecutive
    comparisons) come from the history saved for the older tree: only the new text is read."""
    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092, 2093))
    series_history(store, SERIES)
    add_year(store, 2094)
    read: list[str] = []
    load = Store.load

    def counting(self: Store, version: Any, lang: str | None = None) -> Any:
        read.append(version.symbol)
        return load(self, version, lang)

    monkeypatch.setattr(Store, "load", counting)
    cache = ComparisonCache.for_store(store.root)
    again = series_history(store, SERIES, cache=cache)
    assert again.versions[-1].year == 2094
    assert read == [again.versions[-1].symbol]
    assert (cache.hits, cache.misses) == (0, 1)  # only 2093 → 2094 is compared
    monkeypatch.setattr(Store, "load", load)
    assert again == series_history(store, SERIES, cache=ComparisonCache(None))
    assert len(_saved(store)) == 1


def test_histories_extended_add_after_add_are_saved_as_a_full_build_saves_them(
    tmp_path: Path,
) -> None:
    """Each add extends the saved history (its objects written as they were read): the file
    reads back as the history a cold build gives, with as many distinct entries."""
    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    series_history(store, SERIES)
    for year in (2093, 2094):
        add_year(store, year)
        series_history(store, SERIES)
        (saved,) = _saved(store)
        data = json.loads(saved.read_bytes())
        cold = series_history(store, SERIES, cache=ComparisonCache(None))
        assert decode(data) == cold
        full = encode(cold)
        for table in ("strings", "units", "changes", "cells"):  # nothing written twice
            assert len(data[table]) == len(full[table])


def test_a_replaced_version_is_read_again_and_its_neighbours_compared_again(
    tmp_path: Path,
) -> None:
    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092, 2093))
    series_history(store, SERIES)
    text = build.text(2092).replace("renforcer", "consolider")
    assert text != build.text(2092)
    add_year(store, 2092, replace=True, text=text)
    cache = ComparisonCache.for_store(store.root)
    again = series_history(store, SERIES, cache=cache)
    assert "consolider" in " ".join(u.text for u in again.versions[1].units)
    assert cache.misses == 2  # 2091 → 2092 and 2092 → 2093, with the new text
    assert again == series_history(store, SERIES, cache=ComparisonCache(None))


def test_a_damaged_saved_history_is_rebuilt(tmp_path: Path) -> None:
    from .history_helpers import constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    first = series_history(store, SERIES)
    (saved,) = _saved(store)
    saved.write_text('{"format": 1, "strings": []}', encoding="utf-8")
    assert series_history(store, SERIES) == first
    assert decode(json.loads(saved.read_text(encoding="utf-8"))) == first


def test_a_store_outside_git_has_no_saved_history(tmp_path: Path) -> None:
    from resdiff import api

    store = Store(tmp_path / "resolutions")
    store.init()
    for year in (2091, 2092):
        path = tmp_path / build.file_name(year)
        path.write_text(build.text(year), encoding="utf-8")
        api.add(store, path, series=SERIES, commit=False)
    assert not (tmp_path / ".git").exists()
    assert len(series_history(store, SERIES).versions) == 2
    assert _saved(store) == []


def test_blame_joins_split_parts_as_the_differ_does() -> None:
    import importlib

    from resdiff.compare import PART_SEPARATOR

    module = importlib.import_module("resdiff.history.blame")  # the package's blame is a function
    assert module._PART_SEPARATOR == PART_SEPARATOR  # kept apart so blame never loads the differ


def _counting_meta(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder of every ``meta.json`` the store reads from now on."""
    read: list[str] = []
    read_meta = Store.read_meta

    def counting(self: Store, path: Path) -> Any:
        read.append(Path(path).parent.name)
        return read_meta(self, path)

    monkeypatch.setattr(Store, "read_meta", counting)
    return read


def test_after_an_add_only_the_new_version_s_meta_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The saved history keeps what each version folder's ``meta.json`` said: after an add,
    the folders git holds unchanged are listed from it, twice in a row."""
    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    series_history(store, SERIES)
    for year in (2093, 2094):
        add_year(store, year)
        read = _counting_meta(monkeypatch)
        again = series_history(store, SERIES)
        monkeypatch.undo()
        assert read == [store.select(str(year)).path.name]
        assert again == series_history(store, SERIES, cache=ComparisonCache(None))


def test_a_listed_version_whose_text_is_needed_is_read_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the saved history cannot give a kept version's text (here: never), the version
    listed from the saved record is read whole from the store, and the history is the same."""
    from resdiff import history

    from .history_helpers import add_year, constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    series_history(store, SERIES)
    add_year(store, 2093)
    monkeypatch.setattr(history._Reuse, "version", lambda self, stored, lang: None)
    read = _counting_meta(monkeypatch)
    again = series_history(store, SERIES)
    assert sorted(read) == sorted(v.path.name for v in store.versions(SERIES))
    assert again == series_history(store, SERIES, cache=ComparisonCache(None))


def test_the_cyclic_collector_is_paused_while_a_history_is_read_and_resumed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from resdiff import history

    from .history_helpers import constructed_store

    store = constructed_store(tmp_path / "p", (2091, 2092))
    series_history(store, SERIES)
    seen: list[bool] = []
    read = history.read_history

    def reading(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return read(*args)

    monkeypatch.setattr(history, "read_history", reading)
    assert gc.isenabled()
    series_history(store, SERIES)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # a caller's own choice is left as it was
    try:
        series_history(store, SERIES)
        assert not gc.isenabled()
    finally:
        gc.enable()
