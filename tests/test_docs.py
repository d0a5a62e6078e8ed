"""README and CI agree; every command is documented and has help."""

from __future__ import annotations

import re

from click.testing import CliRunner

from resdiff.cli import cli

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_ci_runs_the_readme_test_command() -> None:
    install_and_test = _shell_blocks()[1]
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented_and_has_help() -> None:
    runner = CliRunner()
    for name, command in cli.commands.items():
        assert f"`resdiff {name}" in README, f"{name} is missing from README.md"
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and command.get_short_help_str()
