"""The command line on the bundled store and on temporary stores."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.storage.store import WAYS_FORWARD

from .conftest import BUNDLED_STORE, git


def test_show_json_on_the_bundled_store(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--store", str(BUNDLED_STORE), "show", "2021", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "resdiff.version/1"
    assert (data["symbol"], data["date"], data["lang"], data["year"]) == (
        "E/RES/2021/25",
        "2021-07-22",
        "fr",
        2021,
    )
    assert data["series"] == "ecosoc-trafficking"
    assert Counter(u["kind"] for u in data["units"]) == {
        "title": 1, "formula": 1, "preamble": 27, "subitem": 6, "operative": 14, "footnote": 3, "closing": 1,
    }  # fmt: skip
    assert [u["id"] for u in data["units"] if u["kind"] == "subitem"] == [
        f"pp8.{c}" for c in "abcdef"
    ]
    assert set(data["units"][0]) == {"id", "kind", "label", "text", "footnote_refs"}


def test_add_list_show_in_a_temporary_store(runner: CliRunner, repo: Path, seed_path: Path) -> None:
    store = str(repo / "resolutions")
    result = runner.invoke(cli, ["--store", store, "add", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "added E/RES/2021/25 (fr) 2021-07-22: 53 units" in result.output
    assert (
        "warning: footnote 4 is referenced in pp19 but its text is missing from the source"
        in result.output
    )
    listed = runner.invoke(cli, ["--store", store, "list", "--json"])
    assert json.loads(listed.output)["versions"][0]["symbol"] == "E/RES/2021/25"
    shown = runner.invoke(cli, ["--store", store, "show", "2021/25"])
    assert "op1       1. Prie instamment les États Membres" in shown.output


def test_errors_are_one_line_with_exit_2(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    head = git(repo, "rev-parse", "HEAD")
    result = runner.invoke(cli, ["--store", str(repo / "resolutions"), "add", str(empty)])
    assert result.exit_code == 2
    assert (
        result.output
        == "Error: empty.txt is empty; give a file that holds the text of a resolution\n"
    )
    assert git(repo, "rev-parse", "HEAD") == head
    unknown = runner.invoke(cli, ["--store", str(BUNDLED_STORE), "show", "1999"])
    assert unknown.exit_code == 2
    assert (
        unknown.output
        == "Error: no stored version matches '1999'; stored: 2021 (E/RES/2021/25); "
        + WAYS_FORWARD
        + "\n"
    )


def test_normalize_prints_repaired_text(runner: CliRunner, seed_path: Path) -> None:
    result = runner.invoke(cli, ["normalize", str(seed_path)])
    assert result.exit_code == 0
    assert result.output.startswith(" 2021/25. Mise en œuvre du Plan d’action mondial")
    assert "13e séance plénière\n22 juillet 2021" in result.output


def test_version_and_help(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["--version"]).output.startswith("resdiff, version ")
    help_text = runner.invoke(cli, ["--help"]).output
    for command in ("add", "list", "show", "normalize"):
        assert command in help_text
