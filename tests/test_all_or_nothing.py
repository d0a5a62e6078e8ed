"""All or nothing (issue 12): refused commits, Ctrl-C, multi-version rebuilds, stale index locks.

Each test is a reproducer of the issue that failed before the fix (its docstring says how).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.storage import layout
from resdiff.storage.git import OWNER_FILE  # "resdiff-git.pid"

from .campaign import make_stale
from .conftest import git
from .test_bad_input import snapshot
from .test_kill import store_files, wait_until_paused

pytestmark = pytest.mark.slow


def run(store: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, **env}
    environment.pop("RESDIFF_STORE", None)
    command = [sys.executable, "-m", "resdiff", "--store", str(store), *args]
    return subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def pausing(point: str, ready: Path, seconds: str = "120") -> dict[str, str]:
    return {
        "RESDIFF_TEST_PAUSE_AT": point,
        "RESDIFF_TEST_PAUSE_FILE": str(ready),
        "RESDIFF_TEST_PAUSE_SECONDS": seconds,
    }


@pytest.mark.parametrize(
    "breakage",
    [
        ("config", "commit.gpgsign", "true", "gpg.program", "false"),
        ("hook", "prepare-commit-msg"),
    ],
    ids=["gpgsign", "prepare-commit-msg"],
)
def test_a_refused_commit_puts_the_store_and_the_index_back(
    stocked: Path, second_version: Path, runner: CliRunner, breakage: tuple[str, ...]
) -> None:
    """Before: ``add`` exited 2 with the version moved in place, staged and journaled, and
    every later write failed the same way."""
    if breakage[0] == "config":
        git(stocked, "config", breakage[1], breakage[2])
        git(stocked, "config", breakage[3], breakage[4])
    else:
        hook = stocked / ".git" / "hooks" / breakage[1]
        hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n")
        hook.chmod(0o755)
    before = snapshot(stocked)
    store = stocked / "resolutions"
    result = runner.invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: git commit failed: ")
    assert result.output.endswith(
        "; nothing was stored (the store and the git index are as they were): fix the "
        "repository and run the command again\n"
    )
    assert len(result.output.splitlines()) == 1
    assert snapshot(stocked) == before
    assert not (store / layout.JOURNAL_FILE).exists()

    if breakage[0] == "config":
        git(stocked, "config", "--unset", breakage[1])
    else:
        (stocked / ".git" / "hooks" / breakage[1]).unlink()
    again = runner.invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert again.exit_code == 0, again.output
    assert git(stocked, "status", "--porcelain") == ""


def test_signing_asked_for_in_the_environment_is_not_bypassed(
    stocked: Path, second_version: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``commit.gpgsign`` from ``GIT_CONFIG_COUNT``/``KEY``/``VALUE`` (or ``git -c``), which no
    configuration file shows: the commit goes through ``git commit``, which refuses it, and
    the store is as it was (the plumbing commit path signed nothing and exited 0)."""
    for name, value in {
        "GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "commit.gpgsign",
        "GIT_CONFIG_VALUE_0": "true", "GIT_CONFIG_KEY_1": "gpg.program",
        "GIT_CONFIG_VALUE_1": "false",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    before = snapshot(stocked)
    result = runner.invoke(
        cli, ["--store", str(stocked / "resolutions"), "add", str(second_version)]
    )
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: git commit failed: ")
    assert snapshot(stocked) == before


@pytest.fixture
def two_stale(stocked: Path, second_version: Path) -> Path:
    """Two versions whose unit op3 an earlier pipeline made differently: rebuild rewrites
    both folders, in one command."""
    store = stocked / "resolutions"
    result = CliRunner().invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert result.exit_code == 0, result.output
    make_stale(stocked)
    return stocked


def test_a_multi_version_rebuild_killed_between_its_moves_is_undone_whole(
    two_stale: Path, tmp_path: Path, runner: CliRunner
) -> None:
    """Before: the next command committed half the rebuild under a message naming both."""
    store = two_stale / "resolutions"
    before, head = store_files(store), git(two_stale, "rev-parse", "HEAD").strip()
    ready = tmp_path / "ready"
    process = run(store, "rebuild", **pausing("new-moved", ready))
    wait_until_paused(process, ready)  # the first of the two versions is in place
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()

    result = runner.invoke(cli, ["--store", str(store), "verify"])
    assert (
        "repaired: undid the interrupted write of E-RES-2019-99, E-RES-2021-25 (it had not "
        "been committed); run the command again"
    ) in result.output
    assert store_files(store) == before
    assert git(two_stale, "rev-parse", "HEAD").strip() == head
    assert git(two_stale, "status", "--porcelain") == ""

    rebuilt = runner.invoke(cli, ["--store", str(store), "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert git(two_stale, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert git(two_stale, "show", "--stat", "--format=%s", "HEAD").count("op3.txt") == 2


@pytest.mark.parametrize(
    ("point", "finished"),
    [("temp-written", False), ("new-moved", False), ("staged", True)],
)
def test_ctrl_c_undoes_before_the_commit_and_finishes_after(
    stocked: Path, second_version: Path, tmp_path: Path, point: str, finished: bool
) -> None:
    """Before: "Aborted!", and the next command committed the aborted write."""
    store = stocked / "resolutions"
    before, head = store_files(store), git(stocked, "rev-parse", "HEAD").strip()
    ready = tmp_path / "ready"
    process = run(store, "add", str(second_version), **pausing(point, ready, "3"))
    wait_until_paused(process, ready)
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    if finished:
        assert process.returncode == 0, err
        assert "interrupted after the commit was made: the write was finished" in err
        assert git(stocked, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    else:
        assert process.returncode == 130, err
        assert err == "Error: interrupted (Ctrl-C); the store is as it was before the command\n"
        assert store_files(store) == before
        assert git(stocked, "rev-parse", "HEAD").strip() == head
    assert not (store / layout.JOURNAL_FILE).exists()
    assert git(stocked, "status", "--porcelain") == ""


def test_ctrl_c_while_the_command_starts_is_one_line(stocked: Path, second_version: Path) -> None:
    """Before: a ``KeyboardInterrupt`` traceback (28 of 96 trials)."""
    process = run(stocked / "resolutions", "add", str(second_version))
    import time

    time.sleep(0.15)  # inside the imports of the command line (about 0.5 s)
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    # 130 from our handler, 0 when the command had finished; or death by the signal itself
    # (before Python's own handler is in place, or as the interpreter exits), which a shell
    # reports as 130 too.
    assert process.returncode in (130, 0, -signal.SIGINT), err
    assert len(err.splitlines()) <= 1


def test_a_stale_index_lock_left_by_our_killed_git_is_cleared(
    stocked: Path, second_version: Path, runner: CliRunner
) -> None:
    """Before: every later write was refused until the user removed the lock by hand."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (stocked / ".git" / OWNER_FILE).write_text(dead)
    (stocked / ".git" / "index.lock").write_bytes(b"")  # our git, killed with its parent
    result = runner.invoke(
        cli, ["--store", str(stocked / "resolutions"), "add", str(second_version)]
    )
    assert result.exit_code == 0, result.output
    assert not (stocked / ".git" / "index.lock").exists()
    assert git(stocked, "status", "--porcelain") == ""


def test_an_index_lock_of_another_git_is_still_refused(
    stocked: Path, second_version: Path, runner: CliRunner
) -> None:
    (stocked / ".git" / "index.lock").write_bytes(b"")  # no resdiff writer was running git
    result = runner.invoke(
        cli, ["--store", str(stocked / "resolutions"), "add", str(second_version)]
    )
    assert result.exit_code == 2
    assert "is locked (.git/index.lock)" in result.output


def test_ctrl_c_while_a_class_is_created_is_ctrl_c(
    stocked: Path, second_version: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a traceback. Python 3.11 wraps a Ctrl-C that lands while a module imported on
    first use creates a dataclass in ``RuntimeError: Error calling __set_name__``."""
    from click.testing import CliRunner

    from resdiff import ingest

    def interrupted_import(*args: object, **kwargs: object) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance") from exc

    monkeypatch.setattr(ingest, "ingest", interrupted_import)
    store = stocked / "resolutions"
    before = store_files(store)
    result = CliRunner().invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert result.exit_code == 130, result.output
    assert "interrupted (Ctrl-C); the store is as it was before the command" in result.output
    assert store_files(store) == before

    def unrelated(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug, not Ctrl-C")

    monkeypatch.setattr(ingest, "ingest", unrelated)
    result = CliRunner().invoke(cli, ["--store", str(store), "add", str(second_version)])
    assert isinstance(result.exception, RuntimeError)  # still a bug report, not an interrupt
