"""``resdiff verify``, ``rebuild`` and ``correct`` on a temporary store holding the seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resdiff.cli import cli
from resdiff.storage.store import WAYS_FORWARD

from .conftest import git

VERSION = Path("resolutions/ecosoc-trafficking/E-RES-2021-25")
CLEAN = "verified 1 version, 1 language, 53 units (0 recorded corrections): no problems\n"
OP1 = "Prie instamment les États Membres de redoubler d’efforts."


def run(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--store", str(repo / "resolutions"), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


def unit(repo: Path, unit_id: str) -> Path:
    return repo / VERSION / "fr" / "units" / f"{unit_id}.txt"


def meta(repo: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((repo / VERSION / "meta.json").read_text("utf-8"))
    return data


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def test_verify_a_sound_store(runner: CliRunner, stocked: Path) -> None:
    assert run(runner, stocked, "verify") == (0, CLEAN)


def test_verify_lists_every_problem(runner: CliRunner, stocked: Path) -> None:
    unit(stocked, "op2").write_text("changed by hand\n", encoding="utf-8")
    unit(stocked, "fn1").unlink()
    unit(stocked, "op99").write_text("stray\n", encoding="utf-8")
    (stocked / VERSION / "notes.txt").write_text("stray\n", encoding="utf-8")
    code, output = run(runner, stocked, "verify")
    assert code == 1
    assert output == (
        f"problem: {stocked / VERSION / 'notes.txt'}: extra file, not listed in meta.json\n"
        "problem: E/RES/2021/25 (fr): fr/units/op99.txt is an extra file\n"
        "problem: E/RES/2021/25 (fr): op2: edited by hand and not recorded as a correction; "
        "record it with `resdiff correct` or undo it with `resdiff rebuild --force`\n"
        "problem: E/RES/2021/25 (fr): fn1: the unit file is missing; restore it from git or "
        "run `resdiff rebuild`\n"
        "4 problems in 1 version, 1 language, 53 units (0 recorded corrections)\n"
    )


def test_verify_checks_the_source_sha256(runner: CliRunner, stocked: Path) -> None:
    source = stocked / VERSION / "fr" / "source.txt"
    source.write_bytes(source.read_bytes().replace(b"Prieinstamment", b"Prie instamment"))
    assert run(runner, stocked, "verify") == (
        1,
        "problem: E/RES/2021/25 (fr): source.txt does not match the sha256 in meta.json; "
        "restore it from git\n"
        "1 problem in 1 version, 1 language, 0 units (0 recorded corrections)\n",
    )


def test_verify_reports_a_corrupt_meta_and_goes_on(
    runner: CliRunner, stocked: Path, second_version: Path
) -> None:
    assert run(runner, stocked, "add", str(second_version))[0] == 0
    broken = stocked / VERSION / "meta.json"
    broken.write_text("{", encoding="utf-8")
    code, output = run(runner, stocked, "verify")
    assert code == 1
    assert output.splitlines() == [
        f"problem: {broken} is corrupt; restore it from git or run `resdiff verify`",
        "1 problem in 1 version, 1 language, 53 units (0 recorded corrections)",
    ]


def make_stale(repo: Path, unit_id: str, old_text: str) -> None:
    """Make a unit look as an earlier pipeline wrote it: its file and its recorded sha256."""
    data = (old_text + "\n").encode()
    unit(repo, unit_id).write_bytes(data)
    document = meta(repo)
    languages = document["languages"]
    assert isinstance(languages, dict)
    for spec in languages["fr"]["units"]:
        if spec["id"] == unit_id:
            spec["sha256"] = hashlib.sha256(data).hexdigest()
    (repo / VERSION / "meta.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    )


def test_rebuild_after_a_pipeline_improvement(runner: CliRunner, stocked: Path) -> None:
    current = unit(stocked, "op1").read_bytes()
    make_stale(stocked, "op1", "1. Prieinstamment les Etats Membres (old OCR repair)")
    head = commit_all(stocked, "as an older pipeline wrote it")
    code, output = run(runner, stocked, "verify")
    assert (code, output.splitlines()[0]) == (
        1,
        "problem: E/RES/2021/25 (fr): op1: the pipeline now makes a different text; "
        "run `resdiff rebuild`",
    )

    assert run(runner, stocked, "rebuild", "--dry-run") == (
        0,
        "E/RES/2021/25 (fr):\n  op1: new text\n"
        "would rebuild 1 language version; nothing written (--dry-run)\n",
    )
    assert git(stocked, "rev-parse", "HEAD").strip() == head
    assert git(stocked, "status", "--porcelain") == ""

    code, output = run(runner, stocked, "rebuild", "2021")
    assert code == 0 and output.startswith("E/RES/2021/25 (fr):\n  op1: new text\nrebuilt 1")
    assert unit(stocked, "op1").read_bytes() == current
    assert git(stocked, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert (
        git(stocked, "log", "-1", "--format=%s")
        == "Rebuild E/RES/2021/25 (fr) with resdiff 0.1.0\n"
    )
    assert git(stocked, "status", "--porcelain") == ""
    assert run(runner, stocked, "verify") == (0, CLEAN)
    assert (
        run(runner, stocked, "rebuild")[1] == "E/RES/2021/25 (fr): up to date\nnothing to rebuild\n"
    )


def test_correct_records_and_rebuild_keeps_it(runner: CliRunner, stocked: Path) -> None:
    head = git(stocked, "rev-parse", "HEAD").strip()
    code, output = run(runner, stocked, "correct", "2021", "op1", "--text", f"  {OP1}\n ")
    assert code == 0, output
    assert output.startswith("recorded a correction of op1 in 2021 (commit ")
    assert unit(stocked, "op1").read_text("utf-8") == OP1 + "\n"
    digest = hashlib.sha256((OP1 + "\n").encode()).hexdigest()
    languages = meta(stocked)["languages"]
    assert isinstance(languages, dict) and languages["fr"]["corrections"] == {"op1": digest}
    assert git(stocked, "log", "-1", "--format=%s") == "Correct E/RES/2021/25 (fr) op1 by hand\n"
    assert git(stocked, "rev-list", "--count", f"{head}..HEAD").strip() == "1"
    assert git(stocked, "status", "--porcelain") == ""
    assert run(runner, stocked, "verify") == (
        0,
        CLEAN.replace("0 recorded corrections", "1 recorded correction"),
    )

    assert run(runner, stocked, "rebuild") == (
        0,
        "E/RES/2021/25 (fr):\n  op1: corrected text kept (use --force to overwrite)\n"
        "nothing to rebuild\n",
    )
    code, output = run(runner, stocked, "rebuild", "--force")
    assert code == 0 and "op1: corrected text overwritten (--force)" in output
    assert (
        unit(stocked, "op1")
        .read_text("utf-8")
        .startswith("Prie instamment les États Membres qui ne l’ont pas")
    )
    assert run(runner, stocked, "verify") == (0, CLEAN)


def test_correct_with_the_pipelines_text_removes_the_correction(
    runner: CliRunner, stocked: Path, tmp_path: Path
) -> None:
    original = unit(stocked, "op2").read_text("utf-8")
    assert run(runner, stocked, "correct", "2021", "op2", "--text", "Something else.")[0] == 0
    text_file = tmp_path / "op2.txt"
    text_file.write_text(original, encoding="utf-8")
    code, output = run(runner, stocked, "correct", "2021", "op2", "--file", str(text_file))
    assert code == 0 and output.startswith("restored the pipeline's text of op2 in 2021")
    assert run(runner, stocked, "verify") == (0, CLEAN)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2021", "op99", "--text", "x"],
         "E/RES/2021/25 (fr) has no unit 'op99'; see `resdiff show 2021/25` for its unit ids"),
        (["2021", "op1", "--text", " \n "],
         "the corrected text is empty or holds control characters; give the unit's text"),
        (["2021", "op1", "--text", "bad \x1b[31m colour"],
         "the corrected text is empty or holds control characters; give the unit's text"),
        (["2021", "op1"], "give the corrected text with either --text or --file"),
        (["1999", "op1", "--text", "x"],
         "no stored version matches '1999'; stored: 2021 (E/RES/2021/25); " + WAYS_FORWARD),
    ],
    ids=["unknown-unit", "empty", "control", "no-text", "unknown-version"],
)  # fmt: skip
def test_correct_refuses(runner: CliRunner, stocked: Path, args: list[str], message: str) -> None:
    from .test_bad_input import assert_refused

    assert_refused(runner, stocked, ["correct", *args], message)


def test_rebuild_and_correct_commit_only_store_paths(runner: CliRunner, stocked: Path) -> None:
    (stocked / "notes.txt").write_text("mine\n")
    git(stocked, "add", "notes.txt")
    make_stale(stocked, "op3", "stale text")
    commit_all_but_notes = ["resolutions"]
    git(stocked, "commit", "-q", "-m", "stale", "--", *commit_all_but_notes)
    assert run(runner, stocked, "rebuild")[0] == 0
    assert run(runner, stocked, "correct", "2021", "op4", "--text", "Corrected.")[0] == 0
    assert git(stocked, "status", "--porcelain") == "A  notes.txt\n"
    for rev in ("HEAD", "HEAD~1"):
        files = git(stocked, "show", "--name-only", "--format=", rev).split()
        assert files and all(f.startswith(str(VERSION)) for f in files)
