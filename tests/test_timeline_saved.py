"""Saved timeline outputs: a re-run on an unchanged series prints them before click is
imported, byte for byte what a cold recomputation prints, and never once the series changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resdiff import _fast_timeline
from resdiff.storage import Store

from .conftest import ROOT, git
from .constructed import build
from .history_helpers import add_year, constructed_store

SERIES = build.SERIES

# Runs the entry point as ``resdiff ARGS`` does, then reports (in the file $REPORT) whether
# the fast path answered and which modules the process imported. $ENTRY: ``run`` (the saved
# output only) or ``answer`` (also the library after an add, as the entry point does).
PROBE = """
import json, os, sys
from resdiff import _fast_timeline
answered = getattr(_fast_timeline, os.environ.get("ENTRY", "run"))(sys.argv[1:])
if not answered:
    from resdiff.cli import cli
    try:
        cli(args=sys.argv[1:], prog_name="resdiff")
    except SystemExit as exc:
        if exc.code:
            raise
with open(os.environ["REPORT"], "w") as out:
    json.dump({"fast": answered, "modules": sorted(sys.modules)}, out)
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RESDIFF_CACHE", "RESDIFF_STORE")}
    env.update(extra)
    return env


def resdiff(
    store: Store, *args: str, cache: bool = True, tmp: Path | None = None, entry: str = "run"
) -> tuple[str, str, bool, list[str]]:
    """``resdiff --store STORE ARGS`` in a new process: stdout, stderr, whether the saved
    output answered, the modules it imported. ``cache=False``: a cold recomputation;
    ``entry="answer"``: the fast path as the entry point takes it."""
    report = (tmp or store.root.parent) / "report.json"
    env = _env(REPORT=str(report), ENTRY=entry, **({} if cache else {"RESDIFF_CACHE": "off"}))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--store", str(store.root), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    return result.stdout, result.stderr, found["fast"], found["modules"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return constructed_store(tmp_path / "p", (2091, 2092, 2093))


@pytest.mark.parametrize(
    "args", [(), ("--json",), ("--format", "html"), ("--format=json", "--lang", "FR")]
)
def test_a_rerun_prints_the_saved_output_without_importing_the_command_line(
    store: Store, args: tuple[str, ...]
) -> None:
    argv = ["timeline", "--series", SERIES, *args]
    cold = resdiff(store, *argv, cache=False)
    first = resdiff(store, *argv)
    again = resdiff(store, *argv)
    assert not cold[2] and not first[2]
    assert again[2]  # the saved output answered
    assert again[:2] == first[:2] == cold[:2]
    heavy = {"click", "resdiff.cli", "resdiff.model", "resdiff.storage", "dataclasses"}
    assert heavy & set(again[3]) == set()
    assert "resdiff.model" in first[3]  # the first run did build (or read) the history


def test_the_default_series_comes_from_store_json(store: Store) -> None:
    config = json.loads((store.root / "store.json").read_text(encoding="utf-8"))
    assert config.get("default_series") == SERIES
    first = resdiff(store, "timeline")
    again = resdiff(store, "timeline")
    assert again[2] and again[:2] == first[:2]
    # The entry point itself takes the fast path (python -m resdiff, the console script).
    entry = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "resdiff", "--store", str(store.root),
         "timeline"], capture_output=True, text=True, env=_env(), check=True,
    )  # fmt: skip
    assert entry.stdout == first[0]
    assert " click\n" not in entry.stderr and "resdiff._fast_timeline" in entry.stderr


def test_a_change_to_the_series_is_never_hidden_by_the_saved_output(store: Store) -> None:
    argv = ("timeline", "--series", SERIES, "--json")
    resdiff(store, *argv)
    unit = store.unit_file(store.select("2093"), "fr", "op2")
    unit.write_text(unit.read_text(encoding="utf-8") + " consolidé", encoding="utf-8")
    edited = resdiff(store, *argv)
    assert not edited[2]  # git says the series changed: built again
    assert edited[:2] == resdiff(store, *argv, cache=False)[:2]
    assert not resdiff(store, *argv)[2]  # an edit git cannot vouch for is never saved
    git(store.root.parent, "commit", "-q", "-am", "edit")
    committed = resdiff(store, *argv)
    assert not committed[2] and committed[:2] == edited[:2]
    assert resdiff(store, *argv)[:3] == (*edited[:2], True)


def test_after_an_add_the_timeline_is_the_one_a_cold_recomputation_gives(store: Store) -> None:
    for args in ((), ("--json",), ("--format", "html")):
        resdiff(store, "timeline", "--series", SERIES, *args)
    add_year(store, 2094)
    for args in ((), ("--json",), ("--format", "html")):
        argv = ("timeline", "--series", SERIES, *args)
        cold = resdiff(store, *argv, cache=False)
        after = resdiff(store, *argv)
        assert not after[2] and after[:2] == cold[:2]
        assert resdiff(store, *argv)[:3] == (*cold[:2], True)


@pytest.mark.parametrize("args", [(), ("--json",), ("--format", "html")])
def test_after_an_add_the_library_extends_it_without_the_command_line(
    store: Store, args: tuple[str, ...]
) -> None:
    argv = ("timeline", "--series", SERIES, *args)
    resdiff(store, *argv)
    add_year(store, 2094)
    cold = resdiff(store, *argv, cache=False)
    after = resdiff(store, *argv, entry="answer")
    assert after[2] and after[:2] == cold[:2]  # answered, byte for byte the cold output
    assert {"click", "resdiff.cli"} & set(after[3]) == set()
    assert "resdiff.model" in after[3]  # built by the library, not read from a saved output
    again = resdiff(store, *argv)  # and saved: the next run is the saved output
    assert again[:3] == (*cold[:2], True)


def test_after_a_second_add_it_is_extended_again(store: Store) -> None:
    argv = ("timeline", "--series", SERIES, "--json")
    resdiff(store, *argv)
    for year in (2094, 2095):
        add_year(store, year)
        after = resdiff(store, *argv, entry="answer")
        assert after[2] and after[:2] == resdiff(store, *argv, cache=False)[:2]


def test_the_library_is_not_used_for_what_git_cannot_vouch_for(store: Store) -> None:
    argv = ("timeline", "--series", SERIES)
    resdiff(store, *argv)
    add_year(store, 2094)
    unit = store.unit_file(store.select("2094"), "fr", "op2")
    unit.write_text(unit.read_text(encoding="utf-8") + " consolidé", encoding="utf-8")
    edited = resdiff(store, *argv, entry="answer")
    assert not edited[2] and "click" in edited[3]  # not committed: the command line ran it
    assert edited[:2] == resdiff(store, *argv, cache=False)[:2]


def test_a_failure_in_the_library_is_left_to_the_command_line(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    from resdiff import api
    from resdiff.errors import StoreChanged

    argv = ["--store", str(store.root), "timeline", "--series", SERIES]
    resdiff(store, *argv[2:])
    add_year(store, 2094)

    calls: list[object] = []

    def changed(*args: object, **kwargs: object) -> None:
        calls.append(kwargs["clean_tree"])
        logging.getLogger("resdiff.history").warning("a warning the command line gives again")
        raise StoreChanged("a write moved a version")

    monkeypatch.setattr(sys, "stdout", _Utf8(sys.stdout))
    monkeypatch.setattr(sys, "stderr", _Utf8(sys.stderr))
    monkeypatch.setattr(api, "timeline", changed)
    handlers = list(logging.root.handlers)
    assert not _fast_timeline.answer(argv)
    assert len(calls) == 1 and calls[0]  # the library was asked, with git's tree
    assert capsys.readouterr() == ("", "")  # nothing printed: the command line says it all
    assert logging.root.handlers == handlers  # its own logging is set up as before


class _Utf8:
    """A captured stream that says it writes UTF-8 (the fast path's condition)."""

    encoding = "utf-8"

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def test_another_store_json_is_another_output(store: Store) -> None:
    argv = ("timeline", "--series", SERIES)
    resdiff(store, *argv)
    config = store.root / "store.json"
    config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not resdiff(store, *argv)[2]


def test_no_output_is_saved_without_a_cache(store: Store) -> None:
    argv = ("timeline", "--series", SERIES)
    resdiff(store, *argv, cache=False)
    assert not (store.root / ".resdiff-cache" / "timeline").exists()
    assert not resdiff(store, *argv, cache=False)[2]


def test_the_note_on_left_out_versions_is_printed_again(tmp_path: Path) -> None:
    store = constructed_store(tmp_path / "p", (2091, 2092))
    english = (ROOT / "tests" / "ocr" / "constructed-en" / "truth.txt").read_text("utf-8")
    english = english.replace("2091/7.", "2095/1.").replace("22 July 2091", "22 July 2095")
    source = tmp_path / "E_RES_2095_1_en.txt"
    source.write_text(english, encoding="utf-8")
    from resdiff import api

    api.add(store, source, series=SERIES, lang="en")
    first = resdiff(store, "timeline", "--series", SERIES)
    assert first[1].startswith(f"note: 1 version of {SERIES} has no 'fr' text")
    again = resdiff(store, "timeline", "--series", SERIES)
    assert again[2] and again[:2] == first[:2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["timeline"], ("resolutions", None, None, "text")),
        (["--store", "s", "timeline", "--series", "a-b"], ("s", "a-b", None, "text")),
        (["--store=s", "timeline", "--lang=EN", "--json"], ("s", None, "en", "json")),
        (["timeline", "--format", "html", "--series=x"], ("resolutions", "x", None, "html")),
        (["timeline", "--json", "--format", "text"], ("resolutions", None, None, "json")),
    ],
)
def test_plain_invocations_take_the_fast_path(
    args: list[str], expected: tuple[str, str | None, str | None, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("RESDIFF_STORE", raising=False)
    root, *rest = expected
    assert _fast_timeline.parse(args) == (os.path.join(os.getcwd(), root), *rest)


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["timeline", "-o", "t.html"],
        ["timeline", "--pager"],
        ["-v", "timeline"],
        ["timeline", "--help"],
        ["timeline", "--series", "a", "--series", "b"],
        ["timeline", "--series", "Bad_Name"],
        ["timeline", "--lang", "xx"],
        ["timeline", "--format", "markdown"],
        ["timeline", "--series"],
        ["timeline", "extra"],
        ["timeline", "--json", "--json"],
        ["--series", "a", "timeline"],
        ["--store", "", "timeline"],
    ],
)
def test_anything_else_goes_to_the_command_line(args: list[str]) -> None:
    assert _fast_timeline.parse(args) is None


def test_without_a_saved_output_git_is_not_even_asked(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    spawned: list[list[str]] = []

    def spawn(path: str, argv: list[str], *args: object, **kwargs: object) -> int:
        spawned.append(argv)
        raise OSError("no git here")

    monkeypatch.setattr(os, "posix_spawnp", spawn)
    argv = ["--store", str(store.root), "timeline", "--series", SERIES]
    assert not _fast_timeline.run(argv)  # a first run: nothing saved yet
    assert spawned == []
    resdiff(store, *argv[2:])  # saves it
    assert not _fast_timeline.run(argv)  # git is asked now (and is missing): not used
    assert [a[3:5] for a in spawned] == [
        ["rev-parse", "--verify"],
        ["--no-optional-locks", "status"],
    ]


def test_a_write_in_flight_is_never_answered_from_the_saved_output(store: Store) -> None:
    argv = ("timeline", "--series", SERIES)
    resdiff(store, *argv)
    assert _fast_timeline.run(["--store", str(store.root), *argv])
    (store.root / ".resdiff-journal.json").write_text("{}", encoding="utf-8")
    assert not _fast_timeline.run(["--store", str(store.root), *argv])


@pytest.mark.parametrize(
    "name", ["ecosoc-trafficking", "a", "a" * 64, "a" * 65, "-a", "A", "a_b", "a.b", "", "é", "1-2"]
)
def test_the_fast_path_names_the_store_files_and_series_as_the_store_does(name: str) -> None:
    # _saved_timeline copies these to avoid importing the store: they must not drift apart.
    from resdiff import _saved_timeline
    from resdiff.errors import ResdiffError
    from resdiff.storage import layout

    assert _saved_timeline._STORE_FILE == layout.STORE_FILE
    assert _saved_timeline._CACHE_DIR == layout.CACHE_DIR
    assert _saved_timeline._JOURNAL_FILE == layout.JOURNAL_FILE
    try:
        layout.check_series(name)
        valid = True
    except ResdiffError:
        valid = False
    assert _saved_timeline.valid_series(name) == valid
