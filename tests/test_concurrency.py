"""Two real ``resdiff add`` processes on one store: serialised by the lock, both committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli

from .conftest import constructed, git
from .test_bad_input import assert_refused

pytestmark = pytest.mark.slow


def start(store: Path, path: Path, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, **env}
    environment.pop("RESDIFF_STORE", None)
    command = [sys.executable, "-m", "resdiff", "--store", str(store), "add", str(path)]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


@pytest.fixture
def two_versions(tmp_path: Path, seed_text: str) -> tuple[Path, Path]:
    """Two CONSTRUCTED versions made from the seed: E/RES/2019/99 and E/RES/2018/98."""
    first = tmp_path / "constructed_2019.txt"
    first.write_text(constructed(seed_text), encoding="utf-8")
    second = tmp_path / "constructed_2018.txt"
    second.write_text(constructed(seed_text, "2018/98", "20 juillet 2018"), encoding="utf-8")
    return first, second


def assert_both_committed_alone(repo: Path, head: str) -> list[str]:
    """Two new commits, each holding only its own version's files; returns their subjects."""
    commits = git(repo, "rev-list", "--reverse", f"{head}..HEAD").split()
    assert len(commits) == 2
    for commit in commits:
        files = git(repo, "show", "--name-only", "--format=", commit).split()
        folders = {path.split("/")[2] for path in files}
        assert len(folders) == 1 and all(
            p.startswith("resolutions/ecosoc-trafficking/") for p in files
        )
    assert git(repo, "status", "--porcelain") == ""
    return [git(repo, "log", "-1", "--format=%s", c).split(":")[0] for c in commits]


def test_two_adds_at_once_both_end_up_committed(
    stocked: Path, two_versions: tuple[Path, Path]
) -> None:
    store = stocked / "resolutions"
    head = git(stocked, "rev-parse", "HEAD").strip()
    processes = [start(store, path) for path in two_versions]
    results = [finish(p) for p in processes]
    assert [code for code, _, _ in results] == [0, 0], results
    subjects = assert_both_committed_alone(stocked, head)
    assert sorted(subjects) == ["Add E/RES/2018/98 (fr)", "Add E/RES/2019/99 (fr)"]


def test_the_lock_serialises_a_second_add(
    stocked: Path, two_versions: tuple[Path, Path], tmp_path: Path
) -> None:
    store = stocked / "resolutions"
    head = git(stocked, "rev-parse", "HEAD").strip()
    ready = tmp_path / "first-holds-the-lock"
    hold = 6.0
    first = start(
        store, two_versions[0], RESDIFF_TEST_PAUSE_AT="locked",
        RESDIFF_TEST_PAUSE_FILE=str(ready), RESDIFF_TEST_PAUSE_SECONDS=str(hold),
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while not ready.exists():
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    locked_at = time.monotonic()
    second = start(store, two_versions[1])

    second_result = finish(second)
    second_done = time.monotonic()
    first_result = finish(first)

    assert first_result[0] == 0 and second_result[0] == 0, (first_result, second_result)
    assert second_done - locked_at >= hold - 0.5, "the second add did not wait for the lock"
    assert assert_both_committed_alone(stocked, head) == [
        "Add E/RES/2019/99 (fr)",  # the lock holder first
        "Add E/RES/2018/98 (fr)",
    ]


def test_lock_timeout_is_one_clear_line_and_a_killed_holder_frees_the_lock(
    stocked: Path, two_versions: tuple[Path, Path], tmp_path: Path, runner: CliRunner
) -> None:
    store = stocked / "resolutions"
    ready = tmp_path / "holder-ready"
    holder = start(
        store, two_versions[0], RESDIFF_TEST_PAUSE_AT="locked",
        RESDIFF_TEST_PAUSE_FILE=str(ready), RESDIFF_TEST_PAUSE_SECONDS="120",
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while not ready.exists():
        assert holder.poll() is None and time.monotonic() < deadline, holder.communicate()
        time.sleep(0.02)
    try:
        started = time.monotonic()
        assert_refused(
            runner, stocked, ["add", str(two_versions[1])],
            "another resdiff process has held the store lock for 1.5 s; try again when it has "
            "finished (or raise RESDIFF_LOCK_TIMEOUT)",
            env={"RESDIFF_LOCK_TIMEOUT": "1.5"},
        )  # fmt: skip
        assert 1.5 <= time.monotonic() - started < 10
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.communicate()

    result = runner.invoke(
        cli, ["--store", str(store), "add", str(two_versions[1])], env={"RESDIFF_LOCK_TIMEOUT": "5"}
    )
    assert result.exit_code == 0, result.output
    assert git(stocked, "status", "--porcelain") == ""
