"""Readers see committed versions only, and never wait for nor fail because of a writer.

A real writer is stopped at a named point (the ``RESDIFF_TEST_PAUSE_AT`` hook) with its new
folder moved into place but not committed, or with one of two rebuilt versions moved; the
readers run meanwhile and must print what the last commit holds. The randomised version of
this is ``tests/test_fault_campaign.py``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.errors import StoreChanged
from resdiff.storage import Store, layout

from .campaign import make_stale
from .conftest import git
from .test_kill import wait_until_paused

READERS = (["list"], ["show", "2021"], ["2019", "2021"], ["timeline"], ["log", "2021", "op4"],
           ["blame", "2021"], ["export", "2021"], ["grep", "traite"])  # fmt: skip


def outputs(runner: CliRunner, store: Path) -> dict[str, str]:
    """What each reader prints (it must exit 0)."""
    found = {}
    for args in READERS:
        result = runner.invoke(cli, ["--store", str(store), *args])
        assert result.exit_code == 0, (args, result.output)
        found[" ".join(args)] = result.stdout
    return found


def paused_writer(store: Path, args: list[str], ready: Path) -> subprocess.Popen[bytes]:
    """A real ``resdiff ARGS`` stopped just after it moved its first folder into place."""
    env = {**os.environ, "RESDIFF_TEST_PAUSE_AT": "new-moved",
           "RESDIFF_TEST_PAUSE_FILE": str(ready), "RESDIFF_TEST_PAUSE_SECONDS": "120"}  # fmt: skip
    env.pop("RESDIFF_STORE", None)
    process = subprocess.Popen([sys.executable, "-m", "resdiff", "--store", str(store), *args],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    wait_until_paused(process, ready)
    return process


@pytest.fixture
def two_versions(stocked: Path, second_version: Path, runner: CliRunner) -> Path:
    """The stocked repository with 2019/99 added beside 2021/25."""
    store = stocked / "resolutions"
    result = runner.invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert result.exit_code == 0, result.output
    return stocked


@pytest.mark.parametrize("writer", ["replace", "rebuild"])
def test_readers_print_the_last_commit_while_a_write_is_in_flight(
    two_versions: Path, runner: CliRunner, tmp_path: Path, seed_path: Path, writer: str
) -> None:
    store = two_versions / "resolutions"
    if writer == "replace":
        changed = tmp_path / "constructed_2021_replaced.txt"
        changed.write_text(seed_path.read_text("utf-8").replace("Prieinstamment", "Exhorte"))
        args = ["add", str(changed), "--replace"]
    else:  # two versions rebuilt in one command; paused after the first is moved
        make_stale(two_versions)
        args = ["rebuild"]
    before = outputs(runner, store)
    head = git(two_versions, "rev-parse", "HEAD")
    process = paused_writer(store, args, tmp_path / "ready")
    try:
        assert (store / layout.JOURNAL_FILE).exists()  # the write is in flight
        during = outputs(runner, store)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate()
    assert during == before
    assert git(two_versions, "rev-parse", "HEAD") == head
    # The writer was killed there: verify finishes a write whose folders were all moved
    # (the replace), undoes one that moved only some (the rebuild).
    result = runner.invoke(cli, ["--store", str(store), "verify"])
    after = outputs(runner, store)
    if writer == "replace":
        assert result.exit_code == 0, result.output
        assert git(two_versions, "rev-list", "--count", f"{head.strip()}..HEAD").strip() == "1"
        assert "Exhorte" in after["show 2021"]
    else:  # still stale, as before the rebuild: verify says so
        assert "undid the interrupted write of E-RES-2019-99, E-RES-2021-25" in result.output
        assert git(two_versions, "rev-parse", "HEAD") == head
        assert after == before


def test_a_folder_moved_while_it_is_read_makes_the_reader_read_again(
    two_versions: Path, runner: CliRunner, tmp_path: Path, seed_path: Path
) -> None:
    """The store remembers each version folder it read; a write replacing one meanwhile
    (a new inode) is noticed, and the reading starts again on HEAD's commit."""
    store = Store(two_versions / "resolutions")
    stored = store.versions()
    changed = tmp_path / "constructed_2021_replaced.txt"
    changed.write_text(seed_path.read_text("utf-8").replace("Prieinstamment", "Exhorte"))
    result = runner.invoke(cli, ["--store", str(store.root), "add", str(changed), "--replace"])
    assert result.exit_code == 0, result.output
    with pytest.raises(StoreChanged, match="run the command again"):
        store.load(stored[-1])  # its meta.json said one thing, the folder holds another
    store.read_committed()
    assert "Exhorte" in " ".join(u.text for u in store.load(store.select("2021")).units)


def test_without_a_write_in_flight_the_files_on_disk_are_read(
    stocked: Path, runner: CliRunner
) -> None:
    """The fast path reads the working tree (a hand edit shows, as ``verify`` reports)."""
    store = stocked / "resolutions"
    unit = next((store / "ecosoc-trafficking").glob("*/fr/units/op4.txt"))
    unit.write_text("Edited by hand.\n", encoding="utf-8")
    shown = runner.invoke(cli, ["--store", str(store), "show", "2021", "--json"])
    texts = {u["id"]: u["text"] for u in json.loads(shown.stdout)["units"]}
    assert texts["op4"] == "Edited by hand."
    (store / layout.JOURNAL_FILE).write_text("")  # as a writer between its moves and commit
    shown = runner.invoke(cli, ["--store", str(store), "show", "2021", "--json"])
    texts = {u["id"]: u["text"] for u in json.loads(shown.stdout)["units"]}
    assert texts["op4"].startswith("Invite les États Membres")  # HEAD's text


def test_a_link_committed_in_place_of_a_unit_is_refused_when_reading_the_commit(
    stocked: Path, runner: CliRunner, tmp_path: Path
) -> None:
    if not hasattr(os, "symlink") or os.name == "nt":
        pytest.skip("symbolic links need privileges on Windows")
    store = stocked / "resolutions"
    outside = tmp_path / "outside.txt"
    outside.write_text("outside the store\n", encoding="utf-8")
    unit = next((store / "ecosoc-trafficking").glob("*/fr/units/op4.txt"))
    unit.unlink()
    unit.symlink_to(outside)
    git(stocked, "commit", "-qam", "a pull request planting a link")
    (store / layout.JOURNAL_FILE).write_text("")  # readers read the commit
    result = runner.invoke(cli, ["--store", str(store), "show", "2021"])
    assert result.exit_code == 2
    assert "op4.txt is a symbolic link; resdiff never follows links" in result.output
    assert "outside the store" not in result.output


def test_a_killed_writers_journal_in_a_store_without_commits_does_not_stall_readers(
    tmp_path: Path, seed_path: Path, runner: CliRunner
) -> None:
    """No commit to read and no writer holding the lock: the files are read at once."""
    import time

    store = tmp_path / "uncommitted"
    result = runner.invoke(cli, ["--store", str(store), "add", str(seed_path), "--no-commit"])
    assert result.exit_code == 0, result.output
    (store / layout.LOCK_FILE).touch()
    (store / layout.JOURNAL_FILE).write_text("{}")  # as a killed writer leaves it
    started = time.monotonic()
    result = runner.invoke(cli, ["--store", str(store), "list"], env={"RESDIFF_LOCK_TIMEOUT": "30"})
    assert result.exit_code == 0, result.output
    assert "E/RES/2021/25" in result.stdout
    assert time.monotonic() - started < 10
