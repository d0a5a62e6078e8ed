"""The test bed: every constructed variant gives exactly its expected changes, and every pair of
OCR readings of the same text gives none.

Cases live in ``tests/cases/<slug>/{old.txt,new.txt,expected.json}``; ``expected.json`` lists
every change except unchanged, unmoved units as ``{"status", "moved", "old": [ids],
"new": [ids]}``. OCR readings live in ``tests/ocr/<text>/*.txt``.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from resdiff.api import ingest_file
from resdiff.compare import compare

HERE = Path(__file__).parent
CASES = sorted(p for p in (HERE / "cases").glob("*") if (p / "expected.json").is_file())
READINGS = sorted(
    pair
    for folder in sorted((HERE / "ocr").glob("*"))
    if folder.is_dir()
    for pair in itertools.combinations(sorted(folder.glob("*.txt")), 2)
)


def _key(change: dict[str, Any]) -> tuple[str, bool, tuple[str, ...], tuple[str, ...]]:
    return (change["status"], bool(change["moved"]), tuple(change["old"]), tuple(change["new"]))


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_variant_gives_exactly_its_expected_changes(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))["changes"]
    comparison = compare(ingest_file(case / "old.txt"), ingest_file(case / "new.txt"))
    found = [
        {"status": c.status.value, "moved": c.moved,
         "old": [u.id for u in c.old], "new": [u.id for u in c.new]}
        for c in comparison.changes
        if c.status.value != "unchanged" or c.moved
    ]  # fmt: skip
    assert sorted(map(_key, found)) == sorted(map(_key, expected))


@pytest.mark.parametrize(
    ("first", "second"), READINGS, ids=[f"{a.parent.name}:{a.stem}-{b.stem}" for a, b in READINGS]
)
def test_two_readings_of_the_same_text_have_no_changes(first: Path, second: Path) -> None:
    comparison = compare(ingest_file(first), ingest_file(second))
    spurious = [
        (c.status.value, [u.id for u in c.old], [u.id for u in c.new], c.tokens)
        for c in comparison.changes
        if c.status.value != "unchanged" or c.moved
    ]
    assert spurious == []
