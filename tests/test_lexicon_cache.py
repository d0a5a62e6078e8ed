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
    files = list(cache.glob("fr-*.sqlite3"))
    assert len(files) == 1
    second = build("fr")  # read from the file: no skeleton index to build
    assert "_groups" in second.__dict__
    assert answers(second) == answers(first)
    assert second.accent_variants("Etats") == ["états"]
    assert second.longest == first.longest
    # Every word and every skeleton group is in the file, with the same values.
    assert second._freq == first._freq and second._groups == first._groups


def test_a_loaded_lexicon_reads_only_the_words_asked(cache: Path) -> None:
    build("fr")
    lexicon = build("fr")
    assert "rôle" in lexicon and "zzq" not in lexicon
    assert lexicon.accent_variants("Etats") == ["états"]
    assert not isinstance(lexicon._freq, dict)  # a table read on demand, not 140,000 words
    assert lexicon._freq.get("rôle", 0) > 0 and lexicon._freq.get("zzq", 0) == 0


def test_a_forked_worker_opens_its_own_connection(cache: Path) -> None:
    build("fr")
    lexicon = build("fr")
    assert "rôle" in lexicon
    connection = lexicon._freq._connection  # type: ignore[attr-defined]
    first = connection.get()
    connection._pid = -1  # as a child process after fork sees it
    assert connection.get() is not first
    assert "conseil" in lexicon


def test_a_damaged_file_is_ignored_and_rebuilt(cache: Path) -> None:
    reference = answers(build("fr"))
    (path,) = cache.glob("fr-*.sqlite3")
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2])  # a torn write
    assert answers(build("fr")) == reference
    assert path.stat().st_size == size  # rewritten whole
    path.write_bytes(b"not a database at all")
    assert answers(build("fr")) == reference


def test_a_file_of_other_word_lists_is_never_read(cache: Path) -> None:
    build("fr")
    (path,) = cache.glob("fr-*.sqlite3")
    # Another version of the inputs names another file: this one is not even looked at.
    assert _compiled.path_for("fr", (b"other words", "", "")) != path
    assert _compiled.load("fr", (b"other words", "", "")) is None


def test_caching_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert build("en").accent_variants("role") == ["role"]
    assert list(tmp_path.rglob("*.sqlite3")) == []


def test_an_unwritable_cache_still_gives_the_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("RESDIFF_CACHE", str(blocker))
    assert "rôle" in build("fr")


def test_the_answers_kept_are_bounded(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build("fr")
    lexicon = build("fr")
    monkeypatch.setattr(_compiled, "MAX_REMEMBERED", 3)
    words = ["rôle", "zzq", "conseil", "xqw", "états"]
    assert [w in lexicon for w in words] == [True, False, True, False, True]
    assert len(lexicon._freq._seen) <= 3  # type: ignore[attr-defined]
    assert [w in lexicon for w in words] == [True, False, True, False, True]
