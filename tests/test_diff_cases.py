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
# "degraded" readings turn words into other words ("25" → "35"): no differ can tell that from
# an edit, so they are held to a weaker promise (test_degraded_readings_keep_the_structure).
DEGRADED = "degraded"
READINGS = sorted(
    pair
    for folder in sorted((HERE / "ocr").glob("*"))
    if folder.is_dir()
    for pair in itertools.combinations(
        sorted(p for p in folder.glob("*.txt") if p.stem != DEGRADED), 2
    )
)
# Each constructed variant names the text it was made from (the old side of its case).
ORIGINALS: dict[str, str] = {
    name: text["original"]
    for name, text in json.loads((HERE / "ocr" / "manifest.json").read_text(encoding="utf-8"))[
        "texts"
    ].items()
    if text["original"] is not None
}
# (case, reading of the original, reading of the variant): real OCR on both sides of a real edit.
OCR_CASES = sorted(
    (HERE / "cases" / name, old, new)
    for name, original in ORIGINALS.items()
    for new in sorted((HERE / "ocr" / name).glob("*.txt"))
    if new.stem != DEGRADED
    for old in sorted((HERE / "ocr" / original).glob("*.txt"))
    if old.stem in (new.stem, "truth")
)
DEGRADED_READINGS = sorted((HERE / "ocr").glob(f"*/{DEGRADED}.txt"))


def _key(change: dict[str, Any]) -> tuple[str, bool, tuple[str, ...], tuple[str, ...]]:
    return (change["status"], bool(change["moved"]), tuple(change["old"]), tuple(change["new"]))


def _found(old: Path, new: Path) -> list[dict[str, Any]]:
    comparison = compare(ingest_file(old), ingest_file(new))
    return [
        {"status": c.status.value, "moved": c.moved,
         "old": [u.id for u in c.old], "new": [u.id for u in c.new]}
        for c in comparison.changes
        if c.status.value != "unchanged" or c.moved
    ]  # fmt: skip


def _expected(case: Path) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = json.loads(
        (case / "expected.json").read_text(encoding="utf-8")
    )["changes"]
    return changes


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_variant_gives_exactly_its_expected_changes(case: Path) -> None:
    found = _found(case / "old.txt", case / "new.txt")
    assert sorted(map(_key, found)) == sorted(map(_key, _expected(case)))


@pytest.mark.parametrize(
    ("case", "old", "new"),
    OCR_CASES,
    ids=[f"{case.name}:{old.stem}-{new.stem}" for case, old, new in OCR_CASES],
)
def test_ocr_readings_of_a_variant_give_exactly_its_expected_changes(
    case: Path, old: Path, new: Path
) -> None:
    found = _found(old, new)
    assert sorted(map(_key, found)) == sorted(map(_key, _expected(case)))


@pytest.mark.parametrize(
    "reading", DEGRADED_READINGS, ids=[p.parent.name for p in DEGRADED_READINGS]
)
def test_degraded_readings_keep_the_structure(reading: Path) -> None:
    """Even when OCR turns words into other words, clauses pair with their counterparts."""
    truth = ingest_file(reading.parent / "truth.txt")
    comparison = compare(truth, ingest_file(reading))
    one_to_one = [c for c in comparison.changes if len(c.old) == 1 and len(c.new) == 1]
    kept_text = [c for c in one_to_one if c.old[0].kind is c.new[0].kind and c.similarity > 0.8]
    body = [u for u in truth.units if u.kind.value != "footnote"]
    assert len(kept_text) >= 0.9 * len(body)


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
