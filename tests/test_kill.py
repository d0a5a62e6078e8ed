"""kill -9 at named points of a real ``resdiff add``: the store holds none or all of the version.

Each case starts ``python -m resdiff add`` in a subprocess with ``RESDIFF_TEST_PAUSE_AT``
naming a point (see :func:`resdiff.storage.atomic.pause`), waits until the process says it
has arrived, kills it with SIGKILL, then checks the store before and after the next run
(``resdiff verify`` or the next ``resdiff add``) repairs what was left.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.storage import Store, layout

from .conftest import constructed, git

pytestmark = pytest.mark.slow

# Unrelated work in the repository, which no resdiff run may stage, commit or undo.
USER_STATUS = " M README\nA  notes.txt\n"

# (kind of add, point where it is killed, what the store must hold: "none" or "all").
# "old-moved" (between the two renames of a replace) only exists where the atomic exchange
# does not: it is covered in-process by test_two_rename_fallback_interrupted_between_renames.
KILL_CASES = [
    ("new", "locked", "none"),
    ("new", "temp-written", "none"),
    ("new", "new-moved", "all"),
    ("new", "staged", "all"),
    ("new", "committed", "all"),
    ("replace", "temp-written", "none"),
    ("replace", "new-moved", "all"),
    ("replace", "staged", "all"),
    ("replace", "committed", "all"),
]


def store_files(store: Path, *, visible_only: bool = False) -> dict[str, str]:
    """Relative path → sha256 of every file in the store (the lock file aside)."""
    files = {}
    for path in sorted(store.rglob("*")):
        relative = path.relative_to(store)
        if not path.is_file() or relative.name in (layout.LOCK_FILE, layout.JOURNAL_FILE):
            continue
        if visible_only and any(part.startswith(".resdiff-") for part in relative.parts):
            continue
        files[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def start_add(store: Path, args: list[str], point: str, ready: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RESDIFF_TEST_PAUSE_AT": point,
        "RESDIFF_TEST_PAUSE_FILE": str(ready),
        "RESDIFF_TEST_PAUSE_SECONDS": "120",
    }
    env.pop("RESDIFF_STORE", None)
    command = [sys.executable, "-m", "resdiff", "--store", str(store), "add", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_until_paused(process: subprocess.Popen[bytes], ready: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not ready.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"resdiff exited {process.returncode} before pausing: {out!r} {err!r}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("resdiff never reached the pause point")
        time.sleep(0.02)


def kill_at(store: Path, args: list[str], point: str, ready: Path) -> None:
    """Run ``resdiff add ARGS`` until it pauses at ``point``, then SIGKILL it."""
    process = start_add(store, args, point, ready)
    wait_until_paused(process, ready)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def user_work(stocked: Path) -> Path:
    """The stocked repository with an unrelated staged file and an unstaged edit."""
    (stocked / "notes.txt").write_text("my own work\n")
    git(stocked, "add", "notes.txt")
    (stocked / "README").write_text("edited, not staged\n")
    assert git(stocked, "status", "--porcelain") == USER_STATUS
    return stocked


def add_arguments(kind: str, tmp_path: Path, seed_text: str) -> tuple[list[str], str]:
    """The arguments of the add to interrupt, and the message of its commit."""
    if kind == "new":
        path = tmp_path / "constructed_2019.txt"
        path.write_text(constructed(seed_text), encoding="utf-8")
        return [str(path)], "Add E/RES/2019/99 (fr): "
    path = tmp_path / "corrected_2021.txt"
    path.write_text(seed_text.replace("Prieinstamment", "Prie instamment"), encoding="utf-8")
    return [str(path), "--replace"], "Replace E/RES/2021/25 (fr): "


def completed(repo: Path, tmp_path: Path, args: list[str]) -> dict[str, str]:
    """The store files after the same add, run to the end on a copy of the repository."""
    copy = tmp_path / "reference"
    shutil.copytree(repo, copy, symlinks=True)
    api.add(Store(copy / "resolutions"), args[0], replace="--replace" in args)
    return store_files(copy / "resolutions")


@pytest.mark.parametrize(
    ("kind", "point", "outcome"), KILL_CASES, ids=[f"{k}-{p}" for k, p, _ in KILL_CASES]
)
def test_kill_9_leaves_none_or_all_and_verify_repairs(
    user_work: Path, tmp_path: Path, seed_text: str, runner: CliRunner,
    kind: str, point: str, outcome: str,
) -> None:  # fmt: skip
    store = user_work / "resolutions"
    args, message = add_arguments(kind, tmp_path, seed_text)
    before, head = store_files(store), git(user_work, "rev-parse", "HEAD").strip()
    after = completed(user_work, tmp_path, args)
    assert after != before

    kill_at(store, args, point, tmp_path / "ready")

    # Right after the kill: no half version is visible, whatever hidden leftovers there are.
    assert store_files(store, visible_only=True) == (before if outcome == "none" else after)
    assert git(user_work, "status", "--porcelain", "--", "README", "notes.txt") == USER_STATUS

    result = runner.invoke(cli, ["--store", str(store), "verify"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(": no problems\n")

    # After the repair: no leftovers, no intent, the user's work untouched.
    assert store_files(store) == (before if outcome == "none" else after)
    assert not (store / layout.JOURNAL_FILE).exists()
    assert git(user_work, "status", "--porcelain") == USER_STATUS
    commits = git(user_work, "rev-list", f"{head}..HEAD").split()
    if outcome == "none":
        assert commits == []
        return
    assert len(commits) == 1, "exactly one commit for the version"
    assert git(user_work, "log", "-1", "--format=%s").startswith(message)
    committed = git(user_work, "show", "--name-only", "--format=", "HEAD").split()
    version = "resolutions/ecosoc-trafficking/" + (
        "E-RES-2019-99/" if kind == "new" else "E-RES-2021-25/"
    )
    assert committed and all(path.startswith(version) for path in committed)


def test_the_next_add_finishes_an_interrupted_one(
    user_work: Path, tmp_path: Path, seed_text: str
) -> None:
    store = user_work / "resolutions"
    args, _ = add_arguments("new", tmp_path, seed_text)
    head = git(user_work, "rev-parse", "HEAD").strip()
    kill_at(store, args, "new-moved", tmp_path / "ready")
    third = tmp_path / "constructed_2018.txt"
    third.write_text(constructed(seed_text, "2018/98", "20 juillet 2018"), encoding="utf-8")

    added = api.add(Store(store), third)

    assert added.version.symbol == "E/RES/2018/98"
    subjects = git(user_work, "log", "--format=%s", f"{head}..HEAD").splitlines()
    assert [s.split(":")[0] for s in subjects] == [
        "Add E/RES/2018/98 (fr)",
        "Add E/RES/2019/99 (fr)",  # finished first, by the next add
    ]
    assert git(user_work, "status", "--porcelain") == USER_STATUS
    assert [v.symbol for v in Store(store).versions()] == [
        "E/RES/2018/98", "E/RES/2019/99", "E/RES/2021/25",
    ]  # fmt: skip


def test_a_leftover_that_cannot_be_committed_now_is_reported(
    user_work: Path, tmp_path: Path, seed_text: str, runner: CliRunner
) -> None:
    store = user_work / "resolutions"
    args, _ = add_arguments("new", tmp_path, seed_text)
    kill_at(store, args, "staged", tmp_path / "ready")
    lock = user_work / ".git" / "index.lock"
    lock.write_bytes(b"")  # as if git itself had been killed too

    result = runner.invoke(cli, ["--store", str(store), "verify"])

    assert result.exit_code == 2
    assert result.output == (
        f"Error: the git index of {user_work.resolve()} is locked (.git/index.lock); "
        "wait for the other git command or remove the stale lock\n"
    )
    lock.unlink()
    result = runner.invoke(cli, ["--store", str(store), "verify"])
    assert result.exit_code == 0, result.output
    assert "repaired: finished the interrupted write of E-RES-2019-99 (committed)" in result.output


class Killed(BaseException):
    """Stands for SIGKILL in-process: nothing after it runs, no clean-up handler catches it."""


def test_two_rename_fallback_interrupted_between_renames(
    user_work: Path, tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resdiff.storage import atomic

    store = user_work / "resolutions"
    args, _ = add_arguments("replace", tmp_path, seed_text)
    before = store_files(store)

    def die_at(point: str) -> None:
        if point == "old-moved":
            raise Killed

    monkeypatch.setattr(atomic, "exchange", lambda first, second: False)
    monkeypatch.setattr(atomic, "pause", die_at)
    with pytest.raises(Killed):
        api.add(Store(store), args[0], replace=True)
    assert not (store / "ecosoc-trafficking" / "E-RES-2021-25").exists()  # the window

    monkeypatch.undo()
    done = Store(store).recover()

    assert done[0] == "restored E-RES-2021-25 after an interrupted write"
    assert done[-1] == "an interrupted write stored nothing; run the command again"
    assert store_files(store) == before
    assert git(user_work, "status", "--porcelain") == USER_STATUS
