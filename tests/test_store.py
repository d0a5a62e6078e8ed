"""The git-backed store: layout, one commit per add with only its files, selectors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from resdiff import api
from resdiff.errors import AmbiguousVersion, NotAStore, StoreError, UnknownVersion, VersionExists
from resdiff.storage import Store, layout

from .conftest import SEED_SHA256, git, init_repo


def test_add_commits_only_the_version_and_keeps_unrelated_staged_changes(
    repo: Path, seed_path: Path
) -> None:
    (repo / "notes.txt").write_text("unrelated work\n")
    git(repo, "add", "notes.txt")
    (repo / "README").write_text("changed but not staged\n")
    head_before = git(repo, "rev-parse", "HEAD").strip()

    added = api.add(Store(repo / "resolutions"), seed_path)

    assert git(repo, "rev-list", "--count", f"{head_before}..HEAD").strip() == "1"
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert committed and all(path.startswith("resolutions/") for path in committed)
    assert "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt" in committed
    assert "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/units/pp8.a.txt" in committed
    status = git(repo, "status", "--porcelain")
    assert "A  notes.txt" in status  # still staged, not committed
    assert " M README" in status
    assert "resolutions" not in status
    assert added.commit == git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "log", "-1", "--format=%aI").startswith("2021-07-22")


def test_a_first_commit_keeps_what_else_the_user_staged_staged(
    tmp_path: Path, seed_path: Path
) -> None:
    """A repository without commits: the version is the first commit, and only it."""
    repo = init_repo(tmp_path / "new", commit=False)
    (repo / "notes.txt").write_text("unrelated work\n")
    git(repo, "add", "notes.txt")

    added = api.add(Store(repo / "resolutions"), seed_path)

    assert git(repo, "rev-list", "--count", "HEAD").strip() == "1"
    committed = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert "resolutions/store.json" in committed
    assert all(path.startswith("resolutions/") for path in committed)
    assert git(repo, "status", "--porcelain") == "A  notes.txt\n"
    assert added.commit == git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(repo, "log", "-1", "--format=%an %aI").startswith("Test 2021-07-22")
    assert "commit (initial): Add E/RES/2021/25" in git(repo, "reflog", "-1")


def test_a_store_in_a_linked_worktree_commits_on_its_own_branch(
    repo: Path, seed_path: Path
) -> None:
    """A ``.git`` file (a linked worktree) names the git folder; branches live in the main one."""
    other = repo.parent / "other"
    git(repo, "worktree", "add", "-q", "-b", "drafts", str(other))
    git(repo, "pack-refs", "--all")  # the branch is then only in packed-refs
    head_before = git(repo, "rev-parse", "main").strip()

    added = api.add(Store(other / "resolutions"), seed_path)

    assert added.commit == git(repo, "rev-parse", "drafts").strip()
    assert git(repo, "rev-parse", "drafts~1").strip() == head_before
    assert git(repo, "rev-parse", "main").strip() == head_before
    assert git(other, "status", "--porcelain") == ""


def test_source_is_kept_byte_for_byte(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    version = store.select("2021")
    stored = version.path / "fr" / "source.txt"
    assert stored.read_bytes() == seed_path.read_bytes()
    meta = json.loads((version.path / "meta.json").read_text(encoding="utf-8"))
    assert meta["languages"]["fr"]["sha256"] == SEED_SHA256
    assert meta["languages"]["fr"]["source_name"] == seed_path.name


def test_store_outside_git_is_initialised(tmp_path: Path, seed_path: Path) -> None:
    store = Store(tmp_path / "fresh")
    added = api.add(store, seed_path)
    assert (tmp_path / "fresh" / ".git").is_dir()
    assert added.commit is not None
    assert git(tmp_path / "fresh", "status", "--porcelain") == ""


def test_no_commit_writes_without_committing(repo: Path, seed_path: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")
    added = api.add(Store(repo / "resolutions"), seed_path, commit=False)
    assert added.commit is None
    assert git(repo, "rev-parse", "HEAD") == head
    assert (added.version.path / "fr" / "units" / "op14.txt").is_file()


def test_existing_version_is_refused_and_replace_keeps_history(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    head = git(repo, "rev-parse", "HEAD")
    with pytest.raises(
        VersionExists, match=r"E/RES/2021/25 \(fr\) is already stored; use --replace"
    ):
        api.add(store, seed_path)
    assert git(repo, "rev-parse", "HEAD") == head
    same = api.add(store, seed_path, replace=True)
    assert same.replaced and same.commit is None  # identical text: nothing to commit
    corrected = repo / "corrected.txt"
    corrected.write_bytes(seed_path.read_bytes().replace(b"Prieinstamment", b"Prie instamment"))
    added = api.add(store, corrected, replace=True)
    assert added.replaced and added.commit is not None
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "3"
    assert git(
        repo, "show", f"{head.strip()}:resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
    ).startswith(" 2021/25.")
    assert git(repo, "status", "--porcelain") == "?? corrected.txt\n"


def test_round_trip_load_equals_ingest(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    loaded = api.show(store, "2021")
    ingested = api.ingest_file(seed_path, series="ecosoc-trafficking")
    assert loaded.units == ingested.units
    assert (loaded.symbol, loaded.date, loaded.lang, loaded.title) == (
        ingested.symbol, ingested.date, ingested.lang, ingested.title,
    )  # fmt: skip


@pytest.mark.parametrize("selector", ["2021", "2021/25", "E/RES/2021/25", "e/res/2021/25"])
def test_selectors(repo: Path, seed_path: Path, selector: str) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    assert store.select(selector).symbol == "E/RES/2021/25"


def test_unknown_and_ambiguous_selectors(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    with pytest.raises(
        UnknownVersion,
        match=r"no stored version matches '2019'; stored: 2021 \(E/RES/2021/25\); compare a file",
    ):
        store.select("2019")
    api.add(store, seed_path, series="other-series")
    with pytest.raises(AmbiguousVersion, match="matches several versions"):
        store.select("2021/25")
    assert store.select("2021").series == "ecosoc-trafficking"


def test_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(NotAStore, match="is not a resdiff store"):
        Store(tmp_path).versions()


def test_layout_paths_stay_inside_the_store() -> None:
    version = layout.version_dir("ecosoc-trafficking", "E/RES/2021/25")
    assert (
        str(layout.unit_path(version, "fr", "pp8.a"))
        == "ecosoc-trafficking/E-RES-2021-25/fr/units/pp8.a.txt"
    )
    for bad_unit in ["../x", "pp1/../../x", "", "op1.txt"]:
        with pytest.raises(StoreError):
            layout.unit_path(version, "fr", bad_unit)
    for bad_series in ["../x", "A", "a/b", ""]:
        with pytest.raises(StoreError):
            layout.version_dir(bad_series, "E/RES/2021/25")


def test_bundled_store_matches_the_seed(seed_path: Path) -> None:
    from .conftest import BUNDLED_STORE

    store = Store(BUNDLED_STORE)
    loaded = store.load("2021")
    ingested = api.ingest_file(seed_path)
    assert loaded.units == ingested.units, "the bundled store is out of date: run `resdiff rebuild`"


def test_interrupted_write_is_recovered(repo: Path, seed_path: Path) -> None:
    store = Store(repo / "resolutions")
    api.add(store, seed_path)
    version = store.select("2021").path
    old = version.parent / f"{layout.OLD_PREFIX}{version.name}.999"
    shutil.move(version, old)  # as if killed between the two renames of a replace
    temp = version.parent / f"{layout.TEMP_PREFIX}{version.name}.x"
    temp.mkdir()
    assert len(store.recover()) == 2
    assert version.is_dir() and not old.exists() and not temp.exists()
