"""The batch's store path: staged versions, groups in one lock hold, a fast-import commit chain.

Each commit of a batch must be what ``resdiff add`` of that file alone would have made
(only its version folder, its message, the adoption date as author date), however many
versions the group held, and whatever else the user had staged; refusals stay per file.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import batch
from resdiff.cli import cli
from resdiff.storage import Store, layout, staging

from .conftest import git, init_repo
from .constructed import build
from .test_kill import kill_at

YEARS = build.YEARS


def _texts(folder: Path, count: int) -> list[Path]:
    """``count`` constructed texts of distinct symbols (E/RES/2091/1 … with new numbers)."""
    folder.mkdir()
    paths = []
    for k in range(count):
        year = YEARS[k % len(YEARS)]
        text = build.text(year).replace(f"{year}/1. ", f"{year}/{k + 1}. ", 1)
        path = folder / f"E_RES_{year}_{k + 1}_fr.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _add(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RESDIFF_STORE"}
    command = [sys.executable, "-m", "resdiff", "--store", str(store), "add", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_each_commit_of_a_group_holds_only_its_version(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    (project / "notes.txt").write_text("my own work\n")
    git(project, "add", "notes.txt")  # staged by the user: never committed by resdiff
    paths = _texts(tmp_path / "incoming", 6)
    store = project / "resolutions"
    outcomes = list(
        batch.add_files(Store(store), paths, batch.BatchOptions(series=build.SERIES), jobs=1)
    )
    assert all(o.added is not None and o.added.commit for o in outcomes)
    log = git(project, "log", "--format=%H %ad %s", "--date=short").splitlines()
    assert len(log) == 7  # one per version, after the repository's first
    for outcome, line in zip(outcomes, reversed(log[:-1]), strict=True):
        assert outcome.added is not None
        sha, date, subject = line.split(" ", 2)
        assert sha == outcome.added.commit
        assert date == outcome.added.version.date
        assert subject.startswith(f"Add {outcome.added.version.symbol} (fr): Série construite")
        changed = git(project, "show", "--name-only", "--format=", sha).split()
        folder = outcome.added.version.path.relative_to(project).as_posix()
        ours = [path for path in changed if not path.startswith(f"{folder}/")]
        first = outcome is outcomes[0]  # the store's own files come with the first version
        assert ours == (["resolutions/.gitignore", "resolutions/store.json"] if first else [])
    assert git(project, "status", "--porcelain") == "A  notes.txt\n"
    git(project, "fsck", "--strict")
    assert git(project, "for-each-ref", "refs/resdiff") == ""  # the chain's ref is gone
    assert not list(store.glob(f"{staging.PREFIX}*"))  # the staging area too
    for outcome in outcomes:  # what was stored reads back as it was ingested
        assert outcome.added is not None
        assert Store(store).load(outcome.added.version).units[0].id == "title"


def test_a_refused_file_in_a_group_is_skipped_alone(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    paths = _texts(tmp_path / "incoming", 4)
    store = project / "resolutions"
    first = CliRunner().invoke(
        cli, ["--store", str(store), "add", str(paths[1]), "--series", build.SERIES]
    )
    assert first.exit_code == 0, first.output
    again = paths[2].with_name("again_" + paths[2].name)
    again.write_bytes(paths[2].read_bytes())  # the same symbol twice in one batch
    files = [*map(str, paths), str(again)]
    result = _add(store, *files, "--jobs", "2", "--series", build.SERIES)
    assert result.returncode == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 2
    assert paths[1].name in skipped[0] and "already stored" in skipped[0]
    assert again.name in skipped[1] and "already stored" in skipped[1]
    assert result.stdout.splitlines()[-1] == "3 files added, 2 skipped"
    assert len(git(project, "log", "--format=%s").splitlines()) == 5
    assert len(Store(store).versions()) == 4


def test_replacing_with_the_same_text_commits_nothing(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    paths = [str(p) for p in _texts(tmp_path / "incoming", 3)]
    store = project / "resolutions"
    assert _add(store, *paths, "--series", build.SERIES).returncode == 0
    head = git(project, "rev-parse", "HEAD")
    again = _add(store, *paths, "--replace", "--series", build.SERIES)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("identical to the stored text, nothing to commit") == 3
    assert git(project, "rev-parse", "HEAD") == head


def test_a_commit_hook_is_honoured_for_each_version(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    hook = project / ".git" / "hooks" / "post-commit"
    hook.write_text('#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/hook-runs"\n')
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    paths = [str(p) for p in _texts(tmp_path / "incoming", 3)]
    result = _add(project / "resolutions", *paths, "--series", build.SERIES)
    assert result.returncode == 0, result.stderr
    if os.name != "nt":  # git runs sh hooks there only with Git for Windows' shell
        assert (project / ".git" / "hook-runs").read_text().splitlines() == ["ran"] * 3
    assert len(git(project, "log", "--format=%s").splitlines()) == 4


def test_workers_started_with_spawn(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    paths = _texts(tmp_path / "incoming", 3)
    store = Store(project / "resolutions")
    outcomes = list(
        batch.add_files(
            store, paths, batch.BatchOptions(series=build.SERIES), jobs=2, context="spawn"
        )
    )
    assert [o.error for o in outcomes] == [None, None, None]
    assert [v.symbol for v in store.versions()] == ["E/RES/2091/1", "E/RES/2092/2", "E/RES/2093/3"]


def _kill_batch_at(point: str, store: Path, paths: list[str], tmp_path: Path) -> None:
    """Run ``add PATHS --jobs 1`` until it pauses at ``point`` (one group), then SIGKILL it."""
    kill_at(store, [*paths, "--jobs", "1", "--series", build.SERIES], point, tmp_path / "ready")


# (where the batch is killed, what verify says, the commits after the repository's first).
BATCH_KILLS = [
    ("new-moved", "undid the interrupted write", []),  # the first of three moved in
    ("staged", "finished the interrupted write", ["Add 3 versions (batch)"]),  # all moved
    ("committed", None, ["Add E/RES/2093/3", "Add E/RES/2092/2", "Add E/RES/2091/1"]),
]


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL of a paused process is POSIX")
@pytest.mark.parametrize(("point", "repair", "commits"), BATCH_KILLS)
def test_a_batch_killed_in_a_group_stores_all_or_none_of_it(
    tmp_path: Path, point: str, repair: str | None, commits: list[str]
) -> None:
    project = init_repo(tmp_path / "project")
    paths = [str(p) for p in _texts(tmp_path / "incoming", 3)]
    store = project / "resolutions"
    _kill_batch_at(point, store, paths, tmp_path)
    assert list(store.glob(f"{staging.PREFIX}*"))  # the killed batch's staging area
    verify = CliRunner().invoke(cli, ["--store", str(store), "verify"])
    assert verify.exit_code == 0, verify.output
    if repair:
        assert repair in verify.output
    log = git(project, "log", "--format=%s").splitlines()
    assert [line.split(" (fr)")[0] for line in log[:-1]] == commits
    assert len(Store(store).versions()) == (3 if commits else 0)
    status = git(project, "status", "--porcelain", "--", "resolutions")
    assert status == ("" if commits else "?? resolutions/\n")  # a new store, never committed
    again = _add(store, *paths, "--jobs", "1", "--series", build.SERIES)
    assert again.returncode == (1 if commits else 0), again.stderr  # stored: "already stored"
    assert len(Store(store).versions()) == 3
    assert not list(store.glob(f"{staging.PREFIX}*"))  # the dead batch's area was deleted
    assert not (store / layout.JOURNAL_FILE).exists()
    git(project, "fsck", "--strict")


def _count_syncs(monkeypatch: pytest.MonkeyPatch, syncfs: str) -> tuple[list[str], list[str]]:
    """Make ``syncfs`` "works", "fails" or "missing"; record each call and each file
    fsynced one by one (relative to the folder synced)."""
    from resdiff.storage import atomic

    calls: list[str] = []
    synced: list[str] = []
    real_fsync_tree = atomic._fsync_tree

    def call(descriptor: int) -> int:
        calls.append("syncfs")
        return 0 if syncfs == "works" else -1

    def fsync_tree(folder: Path, durable: tuple[Path, ...] = ()) -> None:
        synced.extend(
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and not any(p.is_relative_to(d) for d in durable)
        )
        real_fsync_tree(folder, durable)

    monkeypatch.setattr(atomic, "_syncfs_function", lambda: None if syncfs == "missing" else call)
    monkeypatch.setattr(atomic, "_fsync_tree", fsync_tree)
    return calls, synced


def test_with_syncfs_the_parent_flushes_a_group_once_and_workers_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker's flush used to be a syncfs of its own: it waited on every other writer of
    # the disk (the other workers first) and cost a 2-job batch a third of its time.
    calls, synced = _count_syncs(monkeypatch, "works")
    project = init_repo(tmp_path / "project")
    paths = _texts(tmp_path / "incoming", 3)
    store = Store(project / "resolutions")
    monkeypatch.setattr(batch, "GROUP_SECONDS", 0.0)  # each file its own group
    outcomes = list(batch.add_files(store, paths, batch.BatchOptions(series=build.SERIES), jobs=1))
    assert [o.error for o in outcomes] == [None] * 3
    assert calls == ["syncfs"] * 3  # one a group, made under the lock; none when staging
    assert synced == []


def test_a_batch_that_stores_nothing_leaves_no_store(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("not a resolution at all\n", encoding="utf-8")
    store = project / "resolutions"
    result = _add(store, "--from", str(folder), "--jobs", "2")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "0 files added, 2 skipped"
    assert not store.exists()
    assert git(project, "status", "--porcelain") == ""


@pytest.mark.parametrize("syncfs", ["missing", "fails"])
def test_without_syncfs_each_file_is_fsynced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, syncfs: str
) -> None:
    # Missing (macOS, Windows): the worker fsyncs what it staged, the parent only what it
    # wrote. Failing: the worker left its files to the syncfs, so the parent fsyncs them.
    calls, synced = _count_syncs(monkeypatch, syncfs)
    project = init_repo(tmp_path / "project")
    paths = _texts(tmp_path / "incoming", 2)
    store = Store(project / "resolutions")
    outcomes = list(batch.add_files(store, paths, batch.BatchOptions(series=build.SERIES), jobs=1))
    assert [o.error for o in outcomes] == [None, None]
    assert bool(calls) == (syncfs == "fails")
    units = sum(len(store.load(version).units) for version in store.versions())
    assert sum(name.startswith("fr/units/") for name in synced) == units
    assert synced.count("meta.json") == 2
