"""The store's read-only git questions give the same answers through ``os.posix_spawnp`` and,
where it is missing (Windows), through ``subprocess``; a failing or missing git is None."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resdiff import _git_read
from resdiff.storage.git import clean_tree, subtrees, version_trees

from .conftest import git


@pytest.fixture
def project(repo: Path) -> Path:
    """A repository with two committed version folders of one series."""
    for version in ("2021", "2022"):
        folder = repo / "resolutions" / "s" / version
        folder.mkdir(parents=True)
        (folder / "meta.json").write_text(f'{{"year": {version}}}\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "two versions")
    return repo / "resolutions"


def _answers(store: Path) -> tuple[object, ...]:
    tree = clean_tree(store, "s")
    return tree, subtrees(store, tree or ""), version_trees(store)


@pytest.fixture(params=["posix_spawnp", "subprocess"])
def spawning(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "subprocess":
        monkeypatch.delattr(os, "posix_spawnp", raising=False)
    elif not hasattr(os, "posix_spawnp"):
        pytest.skip("no posix_spawnp on this system")  # pragma: no cover
    return str(request.param)


def test_both_ways_give_git_s_answers(project: Path, spawning: str) -> None:
    tree, folders, versions = _answers(project)
    assert tree == git(project, "rev-parse", "HEAD:./s").strip()
    assert folders == {
        "2021": git(project, "rev-parse", "HEAD:./s/2021").strip(),
        "2022": git(project, "rev-parse", "HEAD:./s/2022").strip(),
    }
    assert versions == (git(project, "rev-parse", "HEAD").strip(), {"s/2021": folders["2021"],
                        "s/2022": folders["2022"]})  # fmt: skip


def test_a_change_or_a_failing_command_is_none(project: Path, spawning: str) -> None:
    (project / "s" / "2022" / "meta.json").write_text("{}\n", encoding="utf-8")
    assert clean_tree(project, "s") is None  # modified
    assert clean_tree(project, "t") is None  # not in HEAD: git fails
    assert _git_read.git_output(_git_read.start_git(project, ["no-such-command"])) is None
    assert _git_read.git_output(_git_read.start_git(project.parent / "absent", ["status"])) is None


def test_no_git_executable_is_none(
    project: Path, spawning: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(project / "nowhere"))
    assert _git_read.start_git(project, ["status"]) is None
    assert _answers(project) == (None, None, None)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in git is a shell script")
def test_reads_run_the_git_the_store_writes_with(
    project: Path, spawning: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIT_PYTHON_GIT_EXECUTABLE names the git the store commits with (storage/git.py); its
    # read-only questions must ask the same one, not whatever "git" the PATH finds.
    import shutil

    real = shutil.which("git")
    assert real is not None
    calls = tmp_path / "calls.txt"
    stand_in = tmp_path / "my-git"
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real}" "$@"\n')
    stand_in.chmod(0o755)
    monkeypatch.setenv("GIT_PYTHON_GIT_EXECUTABLE", str(stand_in))
    assert clean_tree(project, "s") == git(project, "rev-parse", "HEAD:./s").strip()
    assert "rev-parse" in calls.read_text() and "status" in calls.read_text()
