"""Every command written in README.md and in the ``--help`` texts runs as written.

Each one runs in a fresh copy of a git repository holding the project's stores (the bundled
``resolutions/`` and the constructed demo ``examples/constructed-demo/``), the constructed
texts the examples name, and three commits (so ``2021@HEAD~1``, ``origin/main`` and
``my-branch`` exist). ``fetch`` examples run against the recorded local server of
``tests/test_fetch.py``, never the internet.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from resdiff.cli import cli

from .conftest import ROOT, git, init_repo
from .test_fetch import server  # noqa: F401  (the recorded services, a pytest fixture)

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Fenced blocks of shell commands: ```sh or a bare ``` (not ```json, ```python…).
_PYTHON_RE = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)
# What follows a command in a help example: two spaces, then a comment.
_COMMENT_RE = re.compile(r"\s{2,}\S.*$")


_FENCE_RE = re.compile(r"^```(\w*)$", re.M)


def _shell_blocks(text: str) -> list[str]:
    """The bodies of fenced blocks without a language or marked ``sh``, fences paired in order
    (a regex alone would take the prose between a ``json`` block's end and the next fence)."""
    fences = list(_FENCE_RE.finditer(text))
    return [
        text[start.end() + 1 : end.start()]
        for start, end in zip(fences[::2], fences[1::2], strict=False)
        if start[1] in ("", "sh")
    ]


def readme_commands() -> list[str]:
    """The ``resdiff …`` commands in README.md's shell blocks (also after ``&&``)."""
    found = []
    for block in _shell_blocks(README):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = part.strip().removeprefix(".venv/bin/")
                if part.startswith("resdiff "):
                    found.append(part)
    return found


def help_commands() -> list[str]:
    """The ``resdiff …`` examples of every ``\\b`` block of the group's and commands' help."""
    found = []
    commands: list[click.Command] = [cli, *cli.commands.values()]
    for command in commands:
        for block in (command.help or "").split("\b")[1:]:
            for line in block.strip("\n").splitlines():
                if not line.strip():
                    break  # a \b block ends at the first empty line
                line = line.strip()
                if line.startswith("resdiff "):
                    found.append(_COMMENT_RE.sub("", line))
    return found


DOCUMENTED = sorted(set(readme_commands()) | set(help_commands()))

# What some commands must print (stdout or the file they write), beyond exit status 0.
EXPECTED = {
    "resdiff --store examples/constructed-demo 2092 2094": (
        "E/RES/2092/1 (2092, fr) → E/RES/2094/1 (2094, fr): 3 modified, 1 added, 1 removed"
    ),
    "resdiff --store examples/constructed-demo log 2094 op5": "lineage 2091/1:op3",
    "resdiff --store examples/constructed-demo timeline": "constructed-demo: 19 lineages × 4",
    "resdiff list": "E/RES/2021/25",
    "resdiff help diff": "Usage: resdiff diff [OPTIONS] OLD NEW",
}
WRITTEN = {"-o report.html": ("report.html", "<!DOCTYPE html>"),
           "-o timeline.html": ("timeline.html", "<!DOCTYPE html>"),
           "-o 2021.json": ("2021.json", '"schema": "resdiff.version/1"')}  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project repository as a fresh clone has it, with three commits and two branches."""
    project = init_repo(tmp_path_factory.mktemp("documented") / "project")
    shutil.copytree(ROOT / "resolutions", project / "resolutions", ignore=_ignored)
    shutil.copytree(ROOT / "examples", project / "examples", ignore=_ignored)
    (project / "tests" / "constructed").mkdir(parents=True)
    for text in (ROOT / "tests" / "constructed").glob("*.txt"):
        shutil.copy(text, project / "tests" / "constructed" / text.name)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the stores")
    (project / "NOTES").write_text("notes\n")
    git(project, "add", "NOTES")
    git(project, "commit", "-q", "-m", "notes")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD~1")
    git(project, "branch", "my-branch")
    return project


def _ignored(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in (".resdiff.lock", ".resdiff-cache")]


def writes_to_store(command: str) -> bool:
    """Whether a command changes a store (it then gets a copy of its own)."""
    words = command.split()
    return bool({"add", "correct", "--add", "python"} & set(words)) or (
        "rebuild" in words and "--dry-run" not in words
    )


@pytest.fixture(scope="module")
def shared(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the template for the commands that only read the stores."""
    copy = tmp_path_factory.mktemp("shared") / "project"
    shutil.copytree(template, copy, symlinks=True)
    return copy


@pytest.fixture
def project(
    request: pytest.FixtureRequest, template: Path, shared: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Path]:  # fmt: skip
    """A copy of the template as the working directory: a fresh one for commands that write."""
    command = getattr(request, "param", None) or request.node.callspec.params.get("command", "")
    copy = tmp_path / "project" if writes_to_store(command) else shared
    if not copy.exists():
        shutil.copytree(template, copy, symlinks=True)
    monkeypatch.chdir(copy)
    monkeypatch.delenv("RESDIFF_STORE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("BASE_SHA", git(copy, "rev-parse", "HEAD~1").strip())
    monkeypatch.setenv("HEAD_SHA", git(copy, "rev-parse", "HEAD").strip())
    yield copy


def test_the_documented_commands_were_found() -> None:
    assert "resdiff --store examples/constructed-demo 2092 2094" in readme_commands()
    assert "resdiff rebuild --dry-run" in help_commands()  # the comment after it is cut
    assert writes_to_store("resdiff rebuild 2021") and not writes_to_store("resdiff list")
    assert len(DOCUMENTED) >= 25


@pytest.mark.usefixtures("server")
@pytest.mark.parametrize("command", DOCUMENTED)
def test_documented_command_runs(project: Path, command: str) -> None:
    args = shlex.split(os.path.expandvars(command))[1:]
    result = CliRunner().invoke(cli, args, prog_name="resdiff")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, f"{command}: {result.output}"
    assert result.output.strip(), command
    assert "Error" not in result.output
    if command in EXPECTED:
        assert EXPECTED[command] in result.output
    for flag, (name, start) in WRITTEN.items():
        if flag in command:
            assert f"wrote {project / name}" in result.output
            assert start in (project / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["python"])
def test_the_readme_python_example_runs(project: Path, command: str) -> None:
    (code,) = _PYTHON_RE.findall(README)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # the README's own code
    printed = out.getvalue()
    assert "E/RES/2021/25 2021-07-22" in printed
    assert "'modified': 3" in printed and "'split': 1" in printed
