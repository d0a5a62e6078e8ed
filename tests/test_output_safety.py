"""Document text never drives the terminal, never becomes Markdown or HTML markup.

A hostile clause is stored through the real CLI (``add --raw``) and shown by every report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli

ANSI = "\x1b[31mROUGE\x1b[0m"
BIDI = "\u202eevil\u202c"
MARKS = "\u2067isolé\u2069\u200f\u200e"  # an isolate and the right/left-to-right marks
HOSTILE = (
    f"Décide {ANSI} de rester saisi {BIDI} {MARKS} | cellule | <script>alert(1)</script> "
    "**gras** [lien](javascript:alert(1)) `code` ;"
)
# Enough ordinary text that the few escapes stay under the binary-file threshold (1 %).
FILLER = "Rappelant ses résolutions antérieures sur la traite des personnes, " * 20
C0_C1_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile_store(runner: CliRunner, repo: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A store holding a plain version whose second paragraph carries escapes and markup."""
    old = tmp_path / "old.txt"
    old.write_text(f"{ANSI} Titre piégé\n\nDécide de rester saisi ;\n\n{FILLER}\n", "utf-8")
    new = tmp_path / "new.txt"
    new.write_text(f"{ANSI} Titre piégé\n\n{HOSTILE}\n\n{FILLER}\n", encoding="utf-8")
    store = repo / "resolutions"
    for path, symbol, date in (
        (old, "E/RES/2018/98", "2018-07-20"),
        (new, "E/RES/2019/99", "2019-07-23"),
    ):
        args = ["--raw", "--symbol", symbol, "--date", date, "--lang", "fr"]
        result = runner.invoke(cli, ["--store", str(store), "add", str(path), *args])
        assert result.exit_code == 0, result.output
    return store, old, new


def diff(runner: CliRunner, store: Path, *options: str) -> str:
    """``resdiff diff 2018/98 2019/99``: the plain version against the hostile one."""
    result = runner.invoke(cli, ["--store", str(store), "diff", "2018/98", "2019/99", *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_show_and_list_escape_control_characters(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path]
) -> None:
    store = hostile_store[0]
    for args in (["show", "2019/99"], ["list"]):
        output = runner.invoke(cli, ["--store", str(store), *args]).output
        assert not UNSAFE_RE.search(output), output
        assert "\\x1b[31mROUGE\\x1b[0m" in output
    shown = runner.invoke(cli, ["--store", str(store), "show", "2019/99"]).output
    assert "\\u202eevil\\u202c" in shown


def test_json_keeps_the_text_exact_and_escaped(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path]
) -> None:
    import json

    output = runner.invoke(
        cli, ["--store", str(hostile_store[0]), "show", "2019/99", "--json"]
    ).output
    assert "\x1b" not in output  # JSON escapes it as \u001b
    assert (
        f"Décide {ANSI} de rester saisi {BIDI} {MARKS} |" in json.loads(output)["units"][1]["text"]
    )


# What a JSON output must never carry raw: controls, bidi overrides, isolates and marks.
JSON_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "2019/99", "--json"],
        ["list", "--json"],
        ["diff", "2018/98", "2019/99", "--format", "json"],
        ["log", "2019/99", "p2", "--json"],
        ["blame", "2019/99", "--json"],
        ["timeline", "--format", "json"],
    ],
)
def test_every_json_output_escapes_bidi_controls_and_round_trips(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path], args: list[str]
) -> None:
    import json

    result = runner.invoke(cli, ["--store", str(hostile_store[0]), *args])
    assert result.exit_code == 0, result.output
    assert not JSON_UNSAFE_RE.search(result.stdout.replace("\n", "")), result.stdout
    data = json.loads(result.stdout)
    if args[0] == "show":
        assert f"{BIDI} {MARKS} |" in data["units"][1]["text"]  # read back exactly
    assert "\\u202e" in result.stdout or args[0] in ("list", "timeline")


def test_diff_terminal_escapes_control_characters(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path]
) -> None:
    output = diff(runner, hostile_store[0], "--all")
    assert not UNSAFE_RE.search(output), output
    assert "\\x1b[31mROUGE" in output


def test_diff_markdown_escapes_table_cells_and_markup(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path]
) -> None:
    output = diff(runner, hostile_store[0], "--format", "markdown")
    # C0/C1 controls become visible pictures (␛), bidi controls visible names (⟦RLO⟧).
    assert not UNSAFE_RE.search(output) and "␛\\[31mROUGE" in output
    assert "⟦RLO⟧evil⟦PDF⟧" in output
    assert "<script>" not in output and "\\<script\\>" in output
    assert "| cellule |" not in output and "\\| cellule \\|" in output
    assert "[lien](javascript" not in output


def test_diff_html_escapes_document_text(
    runner: CliRunner, hostile_store: tuple[Path, Path, Path]
) -> None:
    output = diff(runner, hostile_store[0], "--format", "html")
    assert "<script>alert(1)</script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert not UNSAFE_RE.search(output)
    assert "⟦RLO⟧evil⟦PDF⟧" in output


def test_error_messages_escape_hostile_file_names(runner: CliRunner, tmp_path: Path) -> None:
    hostile = tmp_path / "\x1b[2Jevil\nname.txt"
    hostile.write_bytes(b"")
    result = runner.invoke(cli, ["normalize", str(hostile)])
    assert result.exit_code == 2
    assert result.output == (
        "Error: \\x1b[2Jevil\\nname.txt is empty; give a file that holds the text of a resolution\n"
    )
