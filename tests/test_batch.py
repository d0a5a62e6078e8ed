"""``resdiff add FILE…`` / ``--from DIR``: parallel ingestion, one commit each or one in all."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import batch
from resdiff.cli import cli
from resdiff.storage import Store
from resdiff.storage.meta import StoredVersion

from .conftest import git, init_repo
from .constructed import build


def _folder(tmp_path: Path, years: tuple[int, ...]) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    for year in years:
        (folder / build.file_name(year)).write_text(build.text(year), encoding="utf-8")
    return folder


def test_add_from_a_folder_in_parallel_skips_a_bad_file(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    folder = _folder(tmp_path, (2091, 2092, 2093))
    (folder / "broken.txt").write_text("not a resolution at all\n", encoding="utf-8")
    store = project / "resolutions"
    result = CliRunner().invoke(
        cli,
        [
            "--store",
            str(store),
            "add",
            "--from",
            str(folder),
            "--jobs",
            "2",
            "--series",
            build.SERIES,
        ],
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("added")] == [
        "E/RES/2091/1",
        "E/RES/2092/1",
        "E/RES/2093/1",
    ]
    assert sum(line.startswith("skipped ") and "broken.txt" in line for line in lines) == 1
    assert lines[-1] == "3 files added, 1 skipped"
    log = git(project, "log", "--format=%s").splitlines()
    assert len(log) == 4  # one commit per version, after the repository's first
    assert [v.symbol for v in Store(store).versions()] == [
        "E/RES/2091/1",
        "E/RES/2092/1",
        "E/RES/2093/1",
    ]


def test_batch_is_one_commit_and_single_file_add_is_unchanged(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    folder = _folder(tmp_path, (2091, 2092, 2093, 2094))
    store = project / "resolutions"
    runner = CliRunner()
    single = runner.invoke(
        cli,
        [
            "--store",
            str(store),
            "add",
            str(folder / build.file_name(2091)),
            "--series",
            build.SERIES,
        ],
    )
    assert single.exit_code == 0
    assert single.output.startswith("added E/RES/2091/1 (fr) ")
    assert single.output.rstrip().endswith(")") and "(commit " in single.output
    files = [str(folder / build.file_name(y)) for y in (2092, 2093, 2094)]
    result = runner.invoke(
        cli,
        ["--store", str(store), "add", *files, "--batch", "--jobs", "1", "--series", build.SERIES],
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("(not committed)") == 3
    assert result.output.splitlines()[-1] == "3 files added, 0 skipped"
    assert git(project, "log", "-1", "--format=%s").strip() == "Add 3 versions (batch of 3)"
    assert git(project, "status", "--porcelain", "--", "resolutions").strip() == ""
    assert len(git(project, "log", "--format=%s").splitlines()) == 3


def test_batch_refuses_options_that_name_one_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "s"), "add", "a.txt", "b.txt", "--symbol", "E/RES/2021/25"]
    )
    assert result.exit_code == 2
    assert "--symbol, --date, --title, --raw and --no-commit apply to one FILE" in result.output
    assert not (tmp_path / "s").exists()


# A chunk of files that one worker reads slowly, the batch's last (see _slow_last_chunk).
_SLOW = "slow-last.txt"


def _slow_last_chunk(paths: list[str], options: object, area: Path) -> list[str]:
    """A worker's chunk that reads nothing: the last file takes 1.5 s, the others none."""
    if any(Path(p).name == _SLOW for p in paths):
        time.sleep(1.5)
    return [f"read {Path(p).name}" for p in paths]  # results as a failed read reports them


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_the_last_chunk_is_stored_alone_once_every_chunk_left_is_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Waiting for results to store together pays while chunks are queued; once every chunk
    # left is running, what is ready goes at once, so the slow last chunk is a group of its
    # own, not stored with the rest after it (when nothing else is left to overlap with).
    monkeypatch.setattr(batch, "_ingest_chunk", _slow_last_chunk)  # forked workers inherit it
    monkeypatch.setattr(batch, "GROUP_SECONDS", 3.0)  # longer than the slow chunk
    names = [str(tmp_path / f"{k}.txt") for k in range(5)] + [str(tmp_path / _SLOW)]
    groups = list(batch._ingested(names, batch.BatchOptions(), tmp_path, 2, "fork"))
    assert [r for group in groups for r in group] == [f"read {Path(n).name}" for n in names]
    assert groups[-1] == [f"read {_SLOW}"]


def test_a_batch_stages_each_group_and_commits_them_once(tmp_path: Path) -> None:
    project = init_repo(tmp_path / "project")
    folder = _folder(tmp_path, (2091, 2092))
    store = Store(project / "resolutions")
    files = sorted(folder.iterdir())
    staged_by_group: list[str] = []
    real_stage = Store.stage_versions

    def stage(self: Store, versions: list[StoredVersion]) -> None:
        real_stage(self, versions)
        staged_by_group.append(git(project, "diff", "--cached", "--name-only"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "stage_versions", stage)
        outcomes = list(batch.add_files(store, files, batch.BatchOptions(series=build.SERIES),
                                        jobs=1, batch=True))  # fmt: skip
    assert all(outcome.added is not None for outcome in outcomes)
    # Before the batch's commit, every version's files were in the index ...
    staged = staged_by_group[-1].split()
    for outcome in outcomes:
        assert outcome.added is not None
        folder_name = outcome.added.version.path.relative_to(project).as_posix()
        assert f"{folder_name}/meta.json" in staged
    # ... and the one commit holds them all, leaving nothing staged or changed.
    assert git(project, "log", "-1", "--format=%s").strip() == "Add 2 versions (batch of 2)"
    assert git(project, "status", "--porcelain").strip() == ""
    shown = git(project, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(shown) == sorted({*staged, "resolutions/store.json", "resolutions/.gitignore"})


@pytest.mark.parametrize("group_staging_fails", [False, True])
def test_the_batch_commit_stages_only_what_no_group_staged(
    tmp_path: Path, group_staging_fails: bool
) -> None:
    # Staging a batch of thousands of files again costs a look at each; the final commit
    # stages what the groups did not: the store's own files, and a group git refused.
    from resdiff.errors import StoreError
    from resdiff.storage.git import GitRepo

    project = init_repo(tmp_path / "project")
    files = sorted(_folder(tmp_path, (2091, 2092)).iterdir())
    store = Store(project / "resolutions")
    real_stage, real_group_stage = GitRepo.stage, Store.stage_versions
    calls: list[list[str]] = []

    def stage(self: GitRepo, paths: list[Path]) -> None:
        calls.append(sorted(Path(p).relative_to(project).as_posix() for p in paths))
        real_stage(self, paths)

    def group_stage(self: Store, versions: list[StoredVersion]) -> None:
        if group_staging_fails:
            raise StoreError("git add failed: index.lock exists")
        real_group_stage(self, versions)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(GitRepo, "stage", stage)
        patch.setattr(Store, "stage_versions", group_stage)
        outcomes = list(batch.add_files(store, files, batch.BatchOptions(series=build.SERIES),
                                        jobs=1, batch=True))  # fmt: skip
    folders = sorted(
        o.added.version.path.relative_to(project).as_posix() for o in outcomes if o.added
    )
    assert len(folders) == 2
    own = ["resolutions/.gitignore", "resolutions/store.json"]
    assert calls[-1] == (sorted([*folders, *own]) if group_staging_fails else own)
    assert git(project, "status", "--porcelain").strip() == ""
    shown = git(project, "show", "--name-only", "--format=", "HEAD").split()
    assert all(any(path.startswith(f"{f}/") for f in folders) for path in shown if path not in own)
    assert all(f"{folder}/meta.json" in shown for folder in folders)
