"""Shared fixtures: the real seed, temporary stores in git repositories, a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

# Property tests run 1,000 examples each by default, as CI requires; HYPOTHESIS_PROFILE=dev
# runs 100 for a quick local loop. Tests set no max_examples of their own, so this governs.
settings.register_profile(
    "ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


def init_repo(path: Path, *, commit: bool = True) -> Path:
    """Make ``path`` a git repository with one commit (a README; none without ``commit``) and
    a committer identity."""
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Test")
    git(path, "config", "user.email", "test@example.org")
    if not commit:
        return path
    (path / "README").write_text("project\n")
    git(path, "add", "README")
    git(path, "commit", "-q", "-m", "initial")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository with one commit and a committer identity."""
    return init_repo(tmp_path / "project")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_in_store(store: Path, *args: str) -> tuple[int, str]:
    """``resdiff --store STORE ARGS…`` in process: its exit code and output (a traceback fails
    the test)."""
    from resdiff.cli import cli

    result = CliRunner().invoke(cli, ["--store", str(store), *args], prog_name="resdiff")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


@pytest.fixture
def empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store ``resolutions/`` in a fresh git repository, with its own cache."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    return init_repo(tmp_path / "project") / "resolutions"


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The constructed series 2091–2094 in a git store (shared: do not modify it)."""
    from .history_helpers import constructed_store

    return constructed_store(tmp_path_factory.mktemp("demo") / "project")


@pytest.fixture(scope="session")
def _stocked_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from resdiff import api
    from resdiff.storage import Store

    path = init_repo(tmp_path_factory.mktemp("stocked") / "project")
    api.add(Store(path / "resolutions"), SEED)
    return path


@pytest.fixture
def stocked(_stocked_template: Path, tmp_path: Path) -> Path:
    """A git repository whose store ``resolutions/`` holds the seed (E/RES/2021/25, fr)."""
    path = tmp_path / "project"
    shutil.copytree(_stocked_template, path, symlinks=True)
    return path


def constructed(seed_text: str, heading: str = "2019/99", date: str = "23 juillet 2019") -> str:
    """Another version, CONSTRUCTED for tests from the seed by changing its heading and date.

    Not a real resolution: the symbols (E/RES/2019/99 by default) and dates are made up so
    that several versions can be added to one store.
    """
    text = seed_text.replace("2021/25.", f"{heading}.", 1).replace("22 juillet 2021", date)
    assert text != seed_text and f"{heading}." in text
    return text


@pytest.fixture
def second_version(tmp_path: Path, seed_text: str) -> Path:
    """A file holding the constructed E/RES/2019/99 (see :func:`constructed`)."""
    path = tmp_path / "constructed_E_RES_2019_99_fr.txt"
    path.write_text(constructed(seed_text), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def postgres_server() -> object:
    """A throwaway PostgreSQL cluster for this test session (its admin URL)."""
    from .pg_server import cluster, pg_bin

    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed here (.ci/run installs Debian's postgresql)")
    with cluster(bin_dir) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on the test cluster, as a libpq URL."""
    import psycopg

    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name)[:50].lower()
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return postgres_server.replace("/postgres?", f"/{name}?")
