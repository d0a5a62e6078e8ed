"""Start-up: commands that only read the store never import the heavy libraries.

Each command runs in a fresh interpreter (``sys.modules`` is per process); the assertion is
on what it imported, not on how long it took (timings live in scripts/bench_cli.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BUNDLED_STORE

# Libraries (and resdiff's own pipeline stages) that cost tens of milliseconds to import and
# that --version, --help, list and show never need.
HEAVY = (
    "git",
    "jinja2",
    "pdfplumber",
    "pypdfium2",
    "docx",
    "rapidfuzz",
    "spellchecker",
    "diff_match_patch",
    "charset_normalizer",
    "urllib.request",
    "http.client",
    "ssl",
    "resdiff.fetch",
    "resdiff.ingest",
    "resdiff.normalize",
    "resdiff.segment",
    "resdiff.compare",
    "resdiff.render.html",
    "resdiff.render.terminal",
    "resdiff.render.markdown",
)

PROBE = """
import json, sys
sys.argv = ["resdiff", *sys.argv[1:]]
from resdiff.cli import cli
try:
    cli(prog_name="resdiff")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def imported_by(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
    return list(report["modules"])


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("--help",),
        ("--store", str(BUNDLED_STORE), "list"),
        ("--store", str(BUNDLED_STORE), "show", "2021"),
    ],
    ids=["version", "help", "list", "show"],
)
def test_reading_commands_import_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = imported_by(*args)
    heavy = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
    assert "resdiff.cli" in modules  # the probe did run the command line


@pytest.mark.parametrize("args", [("--version",), ("--help",)], ids=["version", "help"])
def test_version_and_help_do_not_even_open_the_store(args: tuple[str, ...]) -> None:
    modules = imported_by(*args)
    assert [m for m in modules if m.startswith(("resdiff.storage", "resdiff.lang"))] == []


def test_diffing_files_still_imports_the_pipeline(seed_path: object) -> None:
    modules = imported_by("diff", str(seed_path), str(seed_path), "--format", "json")
    assert {"resdiff.ingest", "resdiff.normalize", "resdiff.compare", "rapidfuzz"} <= set(modules)


ENTRY_PROBE = """
import json, sys
sys.argv = ["resdiff", *sys.argv[1:]]
from resdiff._entry import main
main()
print(json.dumps(sorted(sys.modules)))
"""


def test_version_from_the_entry_point_says_what_the_group_says() -> None:
    """``resdiff --version`` is answered before click is imported, in click's own words."""
    from click.testing import CliRunner

    from resdiff.cli import cli

    result = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, "--version"], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    printed, modules = result.stdout.splitlines()
    assert printed + "\n" == CliRunner().invoke(cli, ["--version"], prog_name="resdiff").output
    assert [m for m in json.loads(modules) if m == "click" or m.startswith("resdiff.cli")] == []


def test_a_small_file_pair_starts_no_process_pool_and_no_ftfy(seed_path: Path) -> None:
    # The seed holds an OCR speck "é¢ " (a lead letter and a continuation sign, not a whole
    # UTF-8 sequence): no line can be mojibake, so ftfy is not imported; two small files are
    # read in turn, so multiprocessing is not imported either.
    modules = set(imported_by("diff", str(seed_path), str(seed_path), "--format", "json"))
    assert "é¢" in seed_path.read_text(encoding="utf-8")
    assert {"ftfy", "multiprocessing", "concurrent.futures"} & modules == set()


def test_a_text_with_mojibake_still_gets_ftfy(tmp_path: Path, seed_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    text = seed_path.read_text(encoding="utf-8")
    damaged.write_text(text.replace("é", "Ã©", 3), encoding="utf-8")
    modules = set(imported_by("diff", str(seed_path), str(damaged), "--format", "json"))
    assert "ftfy" in modules


def test_a_precedent_search_imports_neither_the_repair_steps_nor_numpy(stocked: Path) -> None:
    modules = set(
        imported_by(
            "--store", str(stocked / "resolutions"), "precedent", "Prie le Secrétaire général"
        )
    )
    assert {"resdiff.search.precedent", "rapidfuzz", "resdiff.normalize.lexicon"} <= modules
    unneeded = ("resdiff.lang", "resdiff.normalize.steps", "resdiff.normalize.words", "numpy")
    assert [m for m in unneeded if m in modules] == []
