"""Nothing on resdiff's start-up or write path is POSIX-only, so it runs on Windows too.

The write lock (``storage/lock.py``) is the one module allowed a POSIX-only import while it
is being moved to a portable lock. CI runs the unit tests on Windows and macOS as well
(``.github/workflows/tests.yml``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEED

PACKAGE = ROOT / "src" / "resdiff"
# Standard-library modules that exist only on POSIX systems.
POSIX_ONLY = frozenset("fcntl termios pwd grp resource tty pty posix crypt syslog".split())
ALLOWED = {PACKAGE / "storage" / "lock.py": {"fcntl"}}


def posix_imports(path: Path) -> set[str]:
    """The POSIX-only modules a source file imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found & POSIX_ONLY


def test_no_posix_only_import_outside_the_lock() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imports - ALLOWED.get(path, set()))
        for path in sorted(PACKAGE.rglob("*.py"))
        if (imports := posix_imports(path)) - ALLOWED.get(path, set())
    }
    assert offenders == {}


# Run in a fresh interpreter where the POSIX-only modules other than the lock's cannot be
# imported: --help, add, diff and verify must work.
_BLOCKED_RUN = """
import sys
BLOCKED = {blocked!r}
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is POSIX-only")
sys.meta_path.insert(0, Block())
for name in BLOCKED:
    sys.modules.pop(name, None)
from click.testing import CliRunner
from resdiff.cli import cli
store = sys.argv[1]
for args in (["--help"], ["--store", store, "add", sys.argv[2]],
             ["--store", store, "diff", sys.argv[2], "2021"], ["--store", store, "verify"]):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and result.exception is None, (args, result.output)
print("ok")
"""


def test_start_up_add_diff_verify_without_posix_modules(tmp_path: Path) -> None:
    blocked = sorted(POSIX_ONLY - {"fcntl", "posix"})  # posix is os itself on Linux
    script = _BLOCKED_RUN.format(blocked=blocked)
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "store"), str(SEED)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "ok\n"


def test_the_test_workflow_runs_on_three_systems() -> None:
    workflow = (ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8")
    for system in ("ubuntu-latest", "macos-latest", "windows-latest"):
        assert system in workflow
