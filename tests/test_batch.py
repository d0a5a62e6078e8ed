"""``resdiff add FILE…`` / ``--from DIR``: parallel ingestion, one commit each or one in all."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.storage import Store

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
