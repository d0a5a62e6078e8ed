"""Compiled word lists: built once, saved in the user cache, loaded by later processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff.normalize import _compiled
from resdiff.normalize.lexicon import Lexicon

PROBES = ["Etats", "etats", "role", "rôle", "oeuvre", "ceuvre", "derniéres", "zzq", "a", "É"]


def build(lang: str) -> Lexicon:
    """A lexicon made in this call (``for_language`` itself is cached per process)."""
    return Lexicon.for_language.__func__.__wrapped__(Lexicon, lang)  # type: ignore[attr-defined]


def answers(lexicon: Lexicon) -> list[object]:
    return [
        (p in lexicon, lexicon.frequency(p), lexicon.accent_variants(p), lexicon.has_skeleton(p))
        for p in PROBES
    ]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path))
    return tmp_path / "lexicon"


def test_the_first_build_is_saved_and_the_next_loads_the_same_words(cache: Path) -> None:
    first = build("fr")
    files = list(cache.glob("fr-*.marshal"))
    assert len(files) == 1
    second = build("fr")  # loaded from the file: no skeleton index to build
    assert "_groups" in second.__dict__
    assert answers(second) == answers(first)
    assert second.accent_variants("Etats") == ["états"]
    assert second._freq == first._freq and second._groups == first._groups


def test_a_damaged_file_is_ignored_and_rebuilt(cache: Path) -> None:
    reference = answers(build("fr"))
    (path,) = cache.glob("fr-*.marshal")
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2])  # a torn write
    assert answers(build("fr")) == reference
    assert path.stat().st_size == size  # rewritten whole
    path.write_bytes(b"not marshal at all")
    assert answers(build("fr")) == reference


def test_a_file_of_other_word_lists_is_never_read(cache: Path) -> None:
    build("fr")
    (path,) = cache.glob("fr-*.marshal")
    # Another version of the inputs names another file: this one is not even looked at.
    assert _compiled.path_for("fr", (b"other words", "", "")) != path
    assert _compiled.load("fr", (b"other words", "", "")) is None


def test_caching_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert build("en").accent_variants("role") == ["role"]
    assert list(tmp_path.rglob("*.marshal")) == []


def test_an_unwritable_cache_still_gives_the_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("RESDIFF_CACHE", str(blocker))
    assert "rôle" in build("fr")
