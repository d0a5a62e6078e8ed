"""Comparisons computed in a forked child: the same as computed here, cached the same way."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

import resdiff._comparison_cache as comparison_cache
from resdiff import _forked
from resdiff.history import ComparisonCache
from resdiff.storage import Store

from .constructed import build

SERIES = build.SERIES

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a worker is forked on Linux only"
)


@linux_only
def test_a_child_sends_back_what_its_work_returns() -> None:
    data = bytes(range(256)) * 4096  # 1 MiB: more than a pipe holds at once
    child = _forked.Child.start(lambda: data)
    assert child is not None
    assert child.result() == data


@linux_only
def test_a_failing_child_gives_no_result() -> None:
    def work() -> bytes:
        raise RuntimeError("boom")

    child = _forked.Child.start(work)
    assert child is not None
    assert child.result() is None


def _pairs(store: Store) -> list[tuple[object, object]]:
    versions = [store.load(v) for v in store.versions(SERIES)]
    return list(itertools.pairwise(versions))


@linux_only
def test_compare_all_in_a_child_gives_the_comparisons_computed_here(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = _pairs(demo_store)
    assert len(pairs) == 3
    alone = [ComparisonCache(None).compare(a, b) for a, b in pairs]  # type: ignore[arg-type]
    started: list[object] = []
    start = _forked.Child.start

    def counted(work: object) -> object:
        child = start(work)  # type: ignore[arg-type]
        started.append(child)
        return child

    monkeypatch.setattr(comparison_cache, "MIN_FORKED_PAIRS", 2)
    monkeypatch.setattr(_forked, "idle_core", lambda: True)
    monkeypatch.setattr(_forked.Child, "start", staticmethod(counted))
    cache = ComparisonCache(tmp_path / "cache")
    assert cache.compare_all(pairs) == alone  # type: ignore[arg-type]
    assert len(started) == 1 and started[0] is not None
    assert (cache.hits, cache.misses) == (0, 3)
    # The child cached its share as this process caches its own: all three are read back.
    again = ComparisonCache(tmp_path / "cache")
    assert again.compare_all(pairs) == alone  # type: ignore[arg-type]
    assert (again.hits, again.misses) == (3, 0)


@linux_only
def test_a_failed_child_leaves_its_share_to_this_process(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = _pairs(demo_store)
    alone = [ComparisonCache(None).compare(a, b) for a, b in pairs]  # type: ignore[arg-type]
    monkeypatch.setattr(comparison_cache, "MIN_FORKED_PAIRS", 2)
    monkeypatch.setattr(_forked, "idle_core", lambda: True)
    parent = os.getpid()
    computed = ComparisonCache._computed_json

    def failing_in_the_child(self: ComparisonCache, *args: object) -> object:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return computed(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ComparisonCache, "_computed_json", failing_in_the_child)
    cache = ComparisonCache(tmp_path / "cache")
    assert cache.compare_all(pairs) == alone  # type: ignore[arg-type]
    assert cache.misses == 3  # the child's share computed here


def test_no_child_on_a_busy_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_forked.os, "getloadavg", lambda: (5.0, 5.0, 5.0))
    assert not _forked.idle_core()
    monkeypatch.setattr(_forked.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    assert _forked.idle_core() == (_forked._cores() >= 2)
