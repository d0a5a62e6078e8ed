"""A store that cannot be tricked (issue 12): no lost clause, never a link followed.

Each test is one reproducer of the issue: it failed before the fix (what it failed with is
said in its docstring) and passes now.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import api
from resdiff.cli import cli
from resdiff.errors import StoreError
from resdiff.ingest import read_source
from resdiff.model import Resolution
from resdiff.storage import Store, layout

from .conftest import SEED, git
from .test_bad_input import assert_refused, snapshot

VERSION = Path("resolutions/ecosoc-trafficking/E-RES-2021-25")
OUTSIDE_SECRET = b"outside the store: must never be read, written or committed\n"


def with_repeated_id(resolution: Resolution) -> Resolution:
    """The seed as OCR that reads sub-item ``a)`` as ``b)`` would segment it: ``pp8.b`` twice."""
    units = tuple(
        dataclasses.replace(u, id="pp8.b", label="b)") if u.id == "pp8.a" else u
        for u in resolution.units
    )
    assert [u.id for u in units].count("pp8.b") == 2
    return dataclasses.replace(resolution, units=units)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside every store, holding a file nobody may touch."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_bytes(OUTSIDE_SECRET)
    return folder


def meta_of(repo: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((repo / VERSION / "meta.json").read_text("utf-8"))
    return data


def write_meta(repo: Path, data: dict[str, object]) -> None:
    (repo / VERSION / "meta.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def verify_lines(runner: CliRunner, repo: Path) -> list[str]:
    result = runner.invoke(cli, ["--store", str(repo / "resolutions"), "verify"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return [line.removeprefix("problem: ") for line in result.output.splitlines()]


# ------------------------------------------------------------------ 1. ids are unique


def test_a_version_whose_unit_ids_repeat_is_refused_and_nothing_is_written(repo: Path) -> None:
    """Before: stored with one file for both units (clause a) written nowhere), exit 0."""
    source = read_source(SEED)
    resolution = with_repeated_id(api.ingest_file(SEED))
    before = snapshot(repo)
    with pytest.raises(StoreError) as raised:
        Store(repo / "resolutions").add(resolution, source)
    assert str(raised.value) == (
        "E/RES/2021/25 (fr) has two units with the id pp8.b; nothing was stored: correct the "
        "numbering of the source (or store it with --raw)"
    )
    assert snapshot(repo)[:2] == before[:2]
    assert not (repo / VERSION).exists()


def lose_a_clause(repo: Path) -> None:
    """What the old store wrote for the repeated id: meta.json lists ``pp8.b`` twice and the
    text of ``pp8.a`` is in no file."""
    data = meta_of(repo)
    units = data["languages"]["fr"]["units"]  # type: ignore[index]
    for spec in units:
        if spec["id"] == "pp8.a":
            spec["id"], spec["label"] = "pp8.b", "b)"
    write_meta(repo, data)
    (repo / VERSION / "fr" / "units" / "pp8.a.txt").unlink()
    git(repo, "commit", "-qam", "the store as the old resdiff left it")


def repeating_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline as it was: it segments the seed with ``pp8.b`` twice."""
    from resdiff.integrity import _units

    real = _units.ingest
    monkeypatch.setattr(_units, "ingest", lambda *a, **k: with_repeated_id(real(*a, **k)))


def test_verify_finds_an_id_listed_twice(
    stocked: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: ``verify`` said "no problems"."""
    lose_a_clause(stocked)
    repeating_pipeline(monkeypatch)
    lines = verify_lines(runner, stocked)
    assert (
        "E/RES/2021/25 (fr): meta.json lists the unit pp8.b more than once (the text of another "
        "unit was lost under the same id); run `resdiff rebuild`"
    ) in lines
    assert lines[-1].startswith("1 problem in")


def test_verify_checks_meta_json_against_the_unit_files_both_ways(
    stocked: Path, runner: CliRunner
) -> None:
    """A listed unit without its file, and a unit file listed nowhere, are both problems."""
    units = stocked / VERSION / "fr" / "units"
    (units / "op3.txt").rename(units / "op99.txt")
    lines = verify_lines(runner, stocked)
    assert "E/RES/2021/25 (fr): fr/units/op99.txt is an extra file" in lines
    assert any(
        line.startswith("E/RES/2021/25 (fr): op3: the unit file is missing") for line in lines
    )


def test_show_refuses_an_id_listed_twice(stocked: Path, runner: CliRunner) -> None:
    """Before: ``show`` served the text of ``pp8.b`` twice, exit 0."""
    lose_a_clause(stocked)
    meta_file = stocked / VERSION / "meta.json"
    assert_refused(
        runner, stocked, ["show", "2021"],
        f"{meta_file} lists the unit pp8.b more than once; run `resdiff verify`, then "
        "`resdiff rebuild`",
    )  # fmt: skip


def test_rebuild_never_writes_repeated_ids_and_settles(
    stocked: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: every ``rebuild`` committed "new unit order" again, and never settled."""
    repeating_pipeline(monkeypatch)
    for _ in range(2):
        assert_refused(
            runner, stocked, ["rebuild"],
            "ecosoc-trafficking/E-RES-2021-25 would list the unit pp8.b twice; nothing was "
            "written",
        )  # fmt: skip
    monkeypatch.undo()
    lose_a_clause(stocked)
    head = git(stocked, "rev-parse", "HEAD")
    first = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "rebuild"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "rebuild"])
    assert second.exit_code == 0, second.output
    assert git(stocked, "rev-list", "--count", f"{head.strip()}..HEAD").strip() == "1"
    assert [u.id for u in api.show(Store(stocked / "resolutions"), "2021").units].count(
        "pp8.a"
    ) == 1
    assert verify_lines(runner, stocked)[-1].endswith("no problems")


# ------------------------------------------------------------------ 2. links are never followed


def plant(link: Path, target: Path) -> None:
    """Replace ``link`` (a store file or folder) by a symbolic link to ``target``, committed."""
    if link.is_dir():
        import shutil

        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(target)


def committed_blobs(repo: Path) -> bytes:
    """Every blob reachable from HEAD, concatenated."""
    names = git(repo, "ls-tree", "-r", "--format=%(objectname)", "HEAD").split()
    return b"".join(
        git(repo, "cat-file", "blob", name).encode("utf-8", "surrogateescape") for name in names
    )


def test_a_unit_file_that_is_a_link_is_never_read_nor_committed(
    stocked: Path, outside: Path, runner: CliRunner
) -> None:
    """Before: ``correct`` and ``rebuild`` read the target and committed its bytes."""
    link = stocked / VERSION / "fr" / "units" / "op3.txt"
    plant(link, outside / "secret.txt")
    git(stocked, "add", "-A")
    git(stocked, "commit", "-qm", "a pull request planting a link")
    message = (
        f"{link} is a symbolic link; resdiff never follows links inside a store: replace it "
        "with the real file or folder, or restore it with `git checkout`"
    )
    assert_refused(
        runner, stocked, ["correct", "2021", "op4", "--text", "Prie les États."], message
    )
    assert_refused(runner, stocked, ["rebuild"], message)
    assert_refused(runner, stocked, ["show", "2021"], message)
    assert (outside / "secret.txt").read_bytes() == OUTSIDE_SECRET
    assert OUTSIDE_SECRET not in committed_blobs(stocked)
    assert (
        f"{stocked / 'resolutions'}: ecosoc-trafficking/E-RES-2021-25/fr/units/op3.txt is a "
        "symbolic link; resdiff never follows links in a store: replace it with the file itself "
        "or remove it"
    ) in verify_lines(runner, stocked)


def test_a_source_that_is_a_link_is_refused(
    stocked: Path, outside: Path, runner: CliRunner
) -> None:
    link = stocked / VERSION / "fr" / "source.txt"
    plant(link, outside / "secret.txt")
    git(stocked, "add", "-A")
    git(stocked, "commit", "-qm", "a pull request planting a link")
    assert_refused(
        runner, stocked, ["rebuild"],
        f"{link} is a symbolic link; resdiff never follows links inside a store: replace it "
        "with the real file or folder, or restore it with `git checkout`",
    )  # fmt: skip


def test_review_reports_a_planted_link(stocked: Path, outside: Path, runner: CliRunner) -> None:
    """Before: ``review --strict`` passed the pull request that planted the link."""
    plant(stocked / VERSION / "fr" / "units" / "op3.txt", outside / "secret.txt")
    (stocked / "resolutions" / "ecosoc-trafficking" / "notes.txt").write_text("not a unit\n")
    git(stocked, "add", "-A")
    git(stocked, "add", "-f", "resolutions/.resdiff.lock")
    git(stocked, "commit", "-qm", "a pull request planting a link")
    review = api.review(Store(stocked / "resolutions"), "HEAD~1")
    assert review.problems[:3] == (
        ".resdiff.lock is committed although the store ignores it (.gitignore); remove it from "
        "git with `git rm --cached`",
        "ecosoc-trafficking/E-RES-2021-25/fr/units/op3.txt is a symbolic link; resdiff never "
        "follows links in a store: replace it with the file itself or remove it",
        "ecosoc-trafficking/notes.txt is outside the store layout (not a meta.json, source or "
        "unit file); move it out of the store",
    )
    result = runner.invoke(
        cli, ["--store", str(stocked / "resolutions"), "review", "--base", "HEAD~1", "--strict"]
    )
    assert result.exit_code != 0


def test_verify_reports_files_outside_the_layout_and_committed_ignored_names(
    stocked: Path, runner: CliRunner
) -> None:
    store = stocked / "resolutions"
    (store / "ecosoc-trafficking" / "notes.txt").write_text("not a unit\n")
    (store / "README.md").write_text("not a store file\n")
    git(stocked, "add", "-f", "resolutions/.resdiff.lock")
    lines = verify_lines(runner, stocked)
    assert lines[:3] == [
        f"{store}: README.md is outside the store layout (not a meta.json, source or unit "
        "file); move it out of the store",
        f"{store}: ecosoc-trafficking/notes.txt is outside the store layout (not a meta.json, "
        "source or unit file); move it out of the store",
        f"{store}: .resdiff.lock is committed although the store ignores it (.gitignore); "
        "remove it from git with `git rm --cached`",
    ]


def test_a_series_folder_that_is_a_link_is_never_written_through(
    stocked: Path, outside: Path, runner: CliRunner, second_version: Path
) -> None:
    """Before: ``add --series evil`` wrote the version outside, then every command (verify
    too) crashed with a traceback."""
    link = stocked / "resolutions" / "evil"
    link.symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.iterdir())
    assert_refused(
        runner, stocked, ["add", str(second_version), "--series", "evil"],
        f"{link} is a symbolic link; resdiff never follows links inside a store: replace it "
        "with the real file or folder, or restore it with `git checkout`",
        clean=False,
    )  # fmt: skip
    assert sorted(p.name for p in outside.iterdir()) == before
    lines = verify_lines(runner, stocked)
    assert lines[0] == (
        f"{stocked / 'resolutions'}: evil is a symbolic link; resdiff never follows links in a "
        "store: replace it with the file itself or remove it"
    )
    listed = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "list"])
    assert listed.exit_code == 0 and "2021/25" in listed.output


def test_a_language_folder_that_is_a_link_is_never_copied_in(
    stocked: Path, outside: Path, runner: CliRunner, tmp_path: Path, seed_text: str
) -> None:
    """Before: ``add --replace`` copied the outside folder into the store and staged it."""
    (stocked / VERSION / "en").symlink_to(outside, target_is_directory=True)
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(seed_text.replace("Prieinstamment", "Prie instamment"), "utf-8")
    assert_refused(
        runner, stocked, ["add", str(corrected), "--replace"],
        f"{stocked / VERSION / 'en'} is a symbolic link; resdiff never follows links inside a "
        "store: replace it with the real file or folder, or restore it with `git checkout`",
        clean=False,
    )  # fmt: skip
    assert git(stocked, "diff", "--cached", "--name-only") == ""
    assert OUTSIDE_SECRET not in committed_blobs(stocked)


def test_a_lock_file_that_is_a_link_never_truncates_its_target(
    stocked: Path, outside: Path, runner: CliRunner, second_version: Path
) -> None:
    """Before: every writer truncated the link's target."""
    lock = stocked / "resolutions" / layout.LOCK_FILE
    lock.unlink()
    lock.symlink_to(outside / "secret.txt")
    assert_refused(
        runner, stocked, ["add", str(second_version)],
        f"{lock} is a symbolic link; resdiff never follows links inside a store: replace it "
        "with the real file or folder, or restore it with `git checkout`",
    )  # fmt: skip
    assert (outside / "secret.txt").read_bytes() == OUTSIDE_SECRET


# ------------------------------------------------------------------ 4. readers see committed versions


def test_readers_ignore_unfinished_and_old_folders_by_name(
    stocked: Path, runner: CliRunner
) -> None:
    """Before: ``list`` showed the unfinished copy, ``show 2021`` "matches several versions"."""
    import shutil

    series = stocked / "resolutions" / "ecosoc-trafficking"
    shutil.copytree(series / "E-RES-2021-25", series / f"{layout.TEMP_PREFIX}E-RES-2021-25.x1")
    shutil.copytree(series / "E-RES-2021-25", series / f"{layout.OLD_PREFIX}E-RES-2021-25.77")
    store = Store(stocked / "resolutions")
    assert [v.path.name for v in store.versions()] == ["E-RES-2021-25"]
    result = runner.invoke(cli, ["--store", str(store.root), "show", "2021"])
    assert result.exit_code == 0, result.output


def test_no_follow_reads_refuse_a_fifo(stocked: Path, runner: CliRunner) -> None:
    """A FIFO where a unit file belongs would block every reader forever."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    unit = stocked / VERSION / "fr" / "units" / "op3.txt"
    unit.unlink()
    os.mkfifo(unit)
    result = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "show", "2021"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {unit} is not a regular file; restore it with `git checkout`\n"
    )


# ------------------------------------------------------------------ small items


def test_a_series_name_ending_in_a_newline_is_refused(stocked: Path, runner: CliRunner,
                                                      second_version: Path) -> None:  # fmt: skip
    """Before: accepted, and a folder named ``evil\\n`` was created."""
    assert_refused(
        runner, stocked, ["add", str(second_version), "--series", "evil\n"],
        "'evil\\n' is not a valid series name; use lower-case letters, digits and hyphens",
    )  # fmt: skip


def test_verify_runs_on_a_read_only_store(stocked: Path, runner: CliRunner) -> None:
    """Before: verify took the write lock, and failed on a store it could not write."""
    if os.name == "nt" or os.geteuid() == 0:
        # root ignores permissions: check instead that verify does not create the lock file
        lock = stocked / "resolutions" / layout.LOCK_FILE
        lock.unlink()
        assert verify_lines(runner, stocked)[-1].endswith("no problems")
        assert not lock.exists()
        return
    store = stocked / "resolutions"
    folders = [store, *[p for p in store.rglob("*") if p.is_dir()]]
    for folder in folders:
        folder.chmod(0o555)
    try:
        assert verify_lines(runner, stocked)[-1].endswith("no problems")
    finally:
        for folder in folders:
            folder.chmod(0o755)


def test_correct_keeps_the_text_as_given(stocked: Path, runner: CliRunner) -> None:
    """Before: NFC-normalised, no-break spaces turned into spaces, RLM and ZWSP refused."""
    text = "Prie\u00a0instamment les Etats\u0301 \u200fمرحبا\u200b ;"
    result = runner.invoke(
        cli, ["--store", str(stocked / "resolutions"), "correct", "2021", "op4", "--text", text]
    )
    assert result.exit_code == 0, result.output
    unit = stocked / VERSION / "fr" / "units" / "op4.txt"
    assert unit.read_text("utf-8") == text + "\n"


def test_a_cache_folder_that_is_a_link_is_never_written_through(
    stocked: Path, outside: Path, runner: CliRunner
) -> None:
    (stocked / "resolutions" / layout.CACHE_DIR).symlink_to(outside, target_is_directory=True)
    result = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "grep", "traite"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]
