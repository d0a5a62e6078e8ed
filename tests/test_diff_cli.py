"""The ``diff`` command and the ``resdiff 2021 2022`` shorthand, through click's runner."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli

SEED = (
    Path(__file__).resolve().parents[1]
    / "resolutions/ecosoc-trafficking/E-RES-2021-25/fr/source.txt"
)


def _variant(text: str) -> str:
    """A constructed 2022 text: new symbol and date, op4's opening verb changed."""
    return (
        text.replace("2021/25.", "2022/10.", 1)
        .replace("22 juillet 2021", "21 juillet 2022")
        .replace("4.  Invite les Etats Membres", "4.  Encourage les Etats Membres")
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
}  # fmt: skip


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository whose store holds the seed (2021) and a constructed variant (2022)."""
    root = tmp_path_factory.mktemp("store")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    seed = SEED.read_text(encoding="utf-8")
    (root / "seed.txt").write_text(seed, encoding="utf-8")
    (root / "v2022.txt").write_text(_variant(seed), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        for name, value in GIT_IDENTITY.items():
            patch.setenv(name, value)
        for name in ("seed.txt", "v2022.txt"):
            result = CliRunner().invoke(cli, ["add", name])
            assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def store(built_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside the built store's repository (tests only read it)."""
    monkeypatch.chdir(built_store)
    return built_store


def test_shorthand_shows_the_changed_clauses(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["2021", "2022", "--no-color"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "E/RES/2021/25 (2021, fr) → E/RES/2022/10 (2022, fr): 2 modified, 0 added, 0 removed, "
        "0 moved, 0 split, 0 merged, 51 unchanged"
    )
    assert "op4 → op4  modified, similarity 0.96" in lines
    assert "  ! opening: Invite → Encourage" in lines
    assert any(line.startswith("  [-Invite-]{+Encourage+} les États Membres") for line in lines)
    assert "\x1b[" not in result.output


def test_json_shape(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "2021", "2022", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "resdiff.diff/1"
    assert {"symbol", "year", "lang"} <= set(data["old"])
    assert data["old"]["symbol"] == "E/RES/2021/25" and data["new"]["year"] == 2022
    assert set(data["summary"]) == {
        "unchanged", "modified", "added", "removed", "moved", "split", "merged"}  # fmt: skip
    change = next(c for c in data["changes"] if c["old"] and c["old"][0]["id"] == "op4")
    assert change["status"] == "modified" and change["moved"] is False
    assert ["-", "Invite "] in change["tokens"] and ["+", "Encourage "] in change["tokens"]
    assert change["annotations"] == ["opening: Invite → Encourage"]
    assert {"id", "text"} == set(change["new"][0])
    assert isinstance(change["similarity"], float)
    assert len(data["changes"]) == 53


def test_exit_code(store: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["2021", "2022", "--exit-code"]).exit_code == 1
    assert runner.invoke(cli, ["2021", "2021", "--exit-code"]).exit_code == 0
    assert runner.invoke(cli, ["2021", "2022"]).exit_code == 0


def test_files_are_compared_without_touching_the_store(store: Path, runner: CliRunner) -> None:
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    result = runner.invoke(cli, ["diff", "seed.txt", "v2022.txt", "--all", "--no-color"])
    assert result.exit_code == 0, result.output
    assert "op5 → op5  unchanged" in result.output  # --all lists unchanged clauses
    after = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    status = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True)
    assert head == after
    assert status.stdout.split() == ["??", "seed.txt", "??", "v2022.txt"]


def test_version_at_a_revision(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "2021@HEAD~1", "2021", "--exit-code"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["diff", "2022@HEAD~1", "2022"])
    assert result.exit_code == 2
    assert "no stored version matches '2022'" in result.output


def test_unknown_revision_is_a_one_line_error(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["diff", "2021@nope", "2021"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: cannot read the store at git revision 'nope': no such revision, or the store "
        "did not exist then; use a commit, a branch or HEAD~N\n"
    )


def test_unknown_version(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["2019", "2021"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: no stored version matches '2019'")


def test_explain_lists_suppressed_noise() -> None:
    from resdiff.compare import compare
    from resdiff.model import Resolution, Unit, UnitKind
    from resdiff.render.terminal import render_terminal

    def res(text: str) -> Resolution:
        return Resolution("E/RES/2021/25", "fr", (Unit("op1", UnitKind.OPERATIVE, text),))

    comparison = compare(res("Invite les États Membres ;"), res("Invite les Etats Mernbres ;"))
    lines = render_terminal(comparison, explain=True).splitlines()
    assert "no differences" in lines[0]
    assert lines[2:] == [
        "op1 → op1  unchanged",
        "  ~ États → Etats (accent)",
        "  ~ Membres → Mernbres (ocr)",
    ]


def test_terminal_control_characters_are_escaped() -> None:
    from resdiff.compare import compare
    from resdiff.model import Resolution, Unit, UnitKind
    from resdiff.render.terminal import render_terminal

    old = Resolution("E/RES/2021/25", "fr", (Unit("op1", UnitKind.OPERATIVE, "Décide ;"),))
    new = Resolution("E/RES/2021/25", "fr", (Unit("op1", UnitKind.OPERATIVE, "\x1b[31mDécide ;"),))
    output = render_terminal(compare(old, new), color=False)
    assert "\x1b" not in output and "\\x1b" in output


def test_color_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from resdiff.cli._group import use_color

    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto") is False
    assert use_color("always") is True  # --color=always wins over NO_COLOR, as in git
    monkeypatch.delenv("NO_COLOR")
    assert use_color("never") is False
    assert use_color("auto", Path("report.txt")) is False  # never into a file
    assert use_color("auto") is False  # the test's standard output is no terminal
