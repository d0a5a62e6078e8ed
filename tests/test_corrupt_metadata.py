"""Corrupt metadata (issue 12): one line naming the file in every command; verify finds it.

Before: 28 kinds of hand-edited or corrupt ``meta.json`` across 14 commands gave 42
tracebacks, and ``verify`` said "no problems" in 5 cases where ``list``/``show``/``diff``
crashed. Each row corrupts the seed's ``meta.json`` (or ``store.json``) one way; every
command must then answer with one ``Error:`` line naming the file (``verify``: a problem
line naming it, exit 1), never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from resdiff.cli import cli

META = Path("resolutions/ecosoc-trafficking/E-RES-2021-25/meta.json")


def language(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["languages"]["fr"]
    return result


def set_unit(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: language(data)["units"][3].__setitem__(key, value)


CORRUPTIONS: dict[str, Callable[[dict[str, Any]], object]] = {
    "symbol-number": lambda d: d.__setitem__("symbol", 25),
    "symbol-malformed": lambda d: d.__setitem__("symbol", "E/RES/x"),
    "year-text": lambda d: d.__setitem__("year", "two thousand"),
    "year-bool": lambda d: d.__setitem__("year", True),
    "date-null": lambda d: d.__setitem__("date", None),
    "date-words": lambda d: d.__setitem__("date", "22 July 2021"),
    "series-traversal": lambda d: d.__setitem__("series", "../../etc"),
    "body-number": lambda d: d.__setitem__("body", 7),
    "languages-empty": lambda d: d.__setitem__("languages", {}),
    "languages-list": lambda d: d.__setitem__("languages", ["fr"]),
    "language-code": lambda d: d["languages"].__setitem__("french", d["languages"].pop("fr")),
    "title-number": lambda d: language(d).__setitem__("title", 12),
    "title-missing": lambda d: language(d).pop("title"),
    "sha256-short": lambda d: language(d).__setitem__("sha256", "abc"),
    "source-traversal": lambda d: language(d).__setitem__("source", "source.../../x"),
    "units-string": lambda d: language(d).__setitem__("units", "pp1 pp2"),
    "units-empty": lambda d: language(d).__setitem__("units", []),
    "unit-string": lambda d: language(d)["units"].__setitem__(3, "pp4"),
    "unit-id-number": set_unit("id", 4),
    "unit-id-path": set_unit("id", "../../../x"),
    "unit-kind-unknown": set_unit("kind", "clause"),
    "unit-label-list": set_unit("label", ["a"]),
    "unit-refs-number": set_unit("footnote_refs", 3),
    "warnings-string": lambda d: language(d).__setitem__("warnings", "none"),
    "corrections-list": lambda d: language(d).__setitem__("corrections", ["op3"]),
    "ingest-list": lambda d: language(d).__setitem__("ingest", ["raw"]),
}
RAW_CORRUPTIONS = {
    "not-json": b'{"symbol": "E/RES/2021/25",',
    "array": b"[1, 2]",
    "latin1": b"\xe9t\xe9",
}

COMMANDS = [
    ["list"], ["show", "2021"], ["diff", "2021", "2021"], ["log", "2021", "op1"],
    ["blame", "2021", "op1"], ["timeline"], ["grep", "traite"], ["precedent", "Prie les États"],
    ["rebuild"], ["rebuild", "--dry-run"], ["correct", "2021", "op1", "--text", "Décide."],
]  # fmt: skip


def corrupt(stocked: Path, name: str) -> Path:
    path = stocked / META
    if name in RAW_CORRUPTIONS:
        path.write_bytes(RAW_CORRUPTIONS[name])
    else:
        data = json.loads(path.read_text("utf-8"))
        CORRUPTIONS[name](data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize("name", [*CORRUPTIONS, *RAW_CORRUPTIONS])
def test_every_command_says_which_file_is_corrupt_in_one_line(
    stocked: Path, runner: CliRunner, name: str
) -> None:
    path = corrupt(stocked, name)
    store = str(stocked / "resolutions")
    for command in COMMANDS:
        result = runner.invoke(cli, ["--store", store, *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command, result.exc_info,
        )  # fmt: skip
        assert result.exit_code in (1, 2), (command, result.output)
        assert result.output.startswith(f"Error: {path} is corrupt"), (command, result.output)
        assert len(result.output.splitlines()) == 1, (command, result.output)
    checked = runner.invoke(cli, ["--store", store, "verify"])
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.exc_info
    assert checked.exit_code == 1
    assert f"problem: {path} is corrupt" in checked.output


def test_corrupt_metadata_says_what_is_wrong(stocked: Path, runner: CliRunner) -> None:
    path = corrupt(stocked, "unit-kind-unknown")
    result = runner.invoke(cli, ["--store", str(stocked / "resolutions"), "show", "2021"])
    assert result.output == (
        f"Error: {path} is corrupt (languages.fr.units[3].kind is not a unit kind); restore it "
        "from git or run `resdiff verify`\n"
    )


@pytest.mark.parametrize(
    "content",
    [b"{", b'{"schema": "resdiff.store/1", "default_series": 5}',
     b'{"schema": "resdiff.store/1", "default_series": "../x"}'],
)  # fmt: skip
def test_a_corrupt_store_json_is_one_line_everywhere(
    stocked: Path, runner: CliRunner, content: bytes
) -> None:
    path = stocked / "resolutions" / "store.json"
    path.write_bytes(content)
    for command in [*COMMANDS, ["verify"]]:
        result = runner.invoke(cli, ["--store", str(stocked / "resolutions"), *command])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command, result.exc_info,
        )  # fmt: skip
        assert result.exit_code == 2, (command, result.output)
        assert result.output.startswith(f"Error: {path} is"), (command, result.output)
        assert len(result.output.splitlines()) == 1
