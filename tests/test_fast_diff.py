"""``resdiff OLD NEW`` of two stored versions runs before click is imported, and prints byte
for byte what the ``diff`` command prints; anything else is left to the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff import _fast_diff
from resdiff.cli import cli

from .conftest import ROOT

DEMO = ROOT / "examples" / "constructed-demo"

# Runs the entry point's main() as the console script does; reports (in $REPORT) whether
# click was imported.
PROBE = """
import json, os, sys
from resdiff._entry import main
sys.argv = ["resdiff", *sys.argv[1:]]
try:
    main()
finally:
    with open(os.environ["REPORT"], "w") as out:
        json.dump({"click": "click" in sys.modules}, out)
"""


def _entry(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[int, str, str, bool]:
    report = tmp_path / "report.json"
    environment = {k: v for k, v in os.environ.items() if k not in ("RESDIFF_STORE", "NO_COLOR")}
    environment.update(env or {}, REPORT=str(report), PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, encoding="utf-8",
        env=environment, cwd=tmp_path, check=False,
    )  # fmt: skip
    imported = json.loads(report.read_text(encoding="utf-8"))["click"]
    return done.returncode, done.stdout, done.stderr, imported


def _click(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["2092", "2094"],
        ["diff", "2091", "2094", "--format", "json"],
        ["2093", "2094", "--format=markdown", "--no-color"],
        ["2092/1", "E/RES/2094/1", "--format", "html"],
    ],
)
def test_a_diff_of_stored_versions_prints_what_the_command_prints(
    tmp_path: Path, args: list[str]
) -> None:
    code, out, err, imported = _entry(tmp_path, "--store", str(DEMO), *args)
    assert (code, err, imported) == (0, "", False)
    assert (code, out) == _click("--store", str(DEMO), *args)
    assert out  # a report, not nothing


def test_the_store_named_by_the_environment_is_the_one_read(tmp_path: Path) -> None:
    code, out, _, imported = _entry(tmp_path, "2092", "2094", env={"RESDIFF_STORE": str(DEMO)})
    assert (code, imported) == (0, False)
    assert out == _click("--store", str(DEMO), "2092", "2094")[1]


def test_an_error_is_the_command_lines_own(tmp_path: Path) -> None:
    code, out, err, imported = _entry(tmp_path, "--store", str(DEMO), "2092", "2099")
    assert (code, out, imported) == (2, "", True)
    assert err.startswith("Error: no stored version matches '2099'") and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["2092", "2094", "-o", "report.html"],  # a file to write
        ["2092", "2094", "--pager"],
        ["2092", "2094", "--exit-code"],
        ["2092", "2094", "--all"],
        ["2092", "2094", "--format", "docx"],  # a binary format
        ["2092", "2094", "--format", "json", "--format", "html"],  # repeated
        ["-v", "2092", "2094"],
        ["2092"],
        ["2092", "2093", "2094"],
        ["show", "2094"],
        ["log", "2094", "op5"],
        ["2092", "-"],  # standard input
        ["--store", "2092", "2094"],  # --store's value missing: 2092 is the store
        ["2092", "2094", "--format"],
    ],
)
def test_anything_else_is_left_to_the_command_line(args: list[str]) -> None:
    assert _fast_diff.parse(args) is None


def test_a_file_named_like_a_version_is_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _fast_diff.parse(["2092", "2094"]) is not None
    (tmp_path / "2092").write_text("a draft\n", encoding="utf-8")
    assert _fast_diff.parse(["2092", "2094"]) is None


def test_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("resdiff._argv.stdout_is_terminal", lambda: True)
    assert _fast_diff.parse(["2092", "2094"]) == ("resolutions", "2092", "2094", "terminal", True)
    assert _fast_diff.parse(["2092", "2094", "--no-color"])[-1] is False  # type: ignore[index]
    monkeypatch.setenv("NO_COLOR", "1")
    assert _fast_diff.parse(["2092", "2094"])[-1] is False  # type: ignore[index]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_what_the_library_logs_is_said_as_the_command_line_says_it(tmp_path: Path) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(DEMO, store, ignore=shutil.ignore_patterns(".resdiff-cache"))
    (store / ".resdiff-cache").symlink_to(tmp_path, target_is_directory=True)
    env = {"RESDIFF_CACHE": ""}  # the store's own cache folder, not the test run's
    code, out, err, imported = _entry(tmp_path, "--store", str(store), "2092", "2094", env=env)
    assert (code, imported) == (0, False) and out
    assert (
        err
        == f"resdiff: {store / '.resdiff-cache'} is a symbolic link; caching is off until it is removed\n"
    )
