"""Shared fixtures: the real seed, temporary stores in git repositories, a CLI runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_STORE = ROOT / "resolutions"
SEED = BUNDLED_STORE / "ecosoc-trafficking" / "E-RES-2021-25" / "fr" / "source.txt"
SEED_SHA256 = "7cd5f9b04a2dbb225b2d68cb3ccefb8aa6513b4fe8229be7d8970ed995d65734"


@pytest.fixture
def seed_path() -> Path:
    """The OCR'd French text of E/RES/2021/25, as stored in the bundled store."""
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` and return its output (raises on failure)."""
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository with one commit and a committer identity."""
    path = tmp_path / "project"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.org")
    (path / "README").write_text("project\n")
    git(path, "add", "README")
    git(path, "commit", "-q", "-m", "initial")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The constructed series 2091–2094 in a git store (shared: do not modify it)."""
    from .history_helpers import constructed_store

    return constructed_store(tmp_path_factory.mktemp("demo") / "project")
