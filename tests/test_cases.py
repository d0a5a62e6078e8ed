"""The constructed variants in tests/cases/ agree with the golden ids and with their own texts.

These tests check the case files only, not resdiff: every listed id exists, every unit that
is not listed is unchanged and in order, and ``moved`` flags the fewest units possible.
"""

from __future__ import annotations

import bisect
import json
from pathlib import Path
from typing import Any

import pytest

from tests.golden_format import GOLDEN_DIR, GoldenUnit, read_golden, render_document, renumber

CASES_DIR = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())
GOLDEN = read_golden(GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt")
# "constructed-en-…" cases edit the constructed English resolution (not a UN document).
ENGLISH_PREFIX = "constructed-en-"
GOLDEN_EN = read_golden(GOLDEN_DIR / "constructed-en.golden.txt")
STATUSES = {"modified", "added", "removed", "split", "merged", "unchanged"}
# (status) -> (allowed count of old ids, allowed count of new ids)
SHAPES = {
    "modified": (lambda n: n == 1, lambda n: n == 1),
    "unchanged": (lambda n: n == 1, lambda n: n == 1),
    "added": (lambda n: n == 0, lambda n: n == 1),
    "removed": (lambda n: n == 1, lambda n: n == 0),
    "split": (lambda n: n == 1, lambda n: n >= 2),
    "merged": (lambda n: n >= 2, lambda n: n == 1),
}
EDIT_TYPES = {
    "op-word-reworded",
    "op-verb-changed",
    "number-date-changed",
    "pp-inserted",
    "op-inserted",
    "paragraph-deleted",
    "paragraph-moved",
    "paragraph-split",
    "paragraphs-merged",
    "pp-moved-to-operative",
    "earlier-draft",
}


def load(case: Path) -> tuple[dict[str, Any], list[GoldenUnit]]:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return expected, read_golden(case / "new.units.txt")


def original(case: Path) -> list[GoldenUnit]:
    """The golden units a case edits: the old side of the case."""
    return GOLDEN_EN if case.name.startswith(ENGLISH_PREFIX) else GOLDEN


def test_every_edit_type_has_a_case() -> None:
    french = [p for p in CASE_DIRS if not p.name.startswith(ENGLISH_PREFIX)]
    english = [p for p in CASE_DIRS if p.name.startswith(ENGLISH_PREFIX)]
    assert {p.name.removeprefix("constructed-") for p in french} == EDIT_TYPES
    assert {p.name.removeprefix(ENGLISH_PREFIX) for p in english} <= EDIT_TYPES
    assert len(english) >= 2


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_case_says_it_is_constructed(case: Path) -> None:
    expected, _ = load(case)
    assert case.name.startswith("constructed-")
    assert expected["constructed"] is True
    assert expected["description"].startswith("CONSTRUCTED VARIANT for tests — not a UN document")
    readme = (case / "README.md").read_text(encoding="utf-8")
    assert "CONSTRUCTED VARIANT for tests — not a UN document" in readme.splitlines()[2]
    units_header = (case / "new.units.txt").read_text(encoding="utf-8").splitlines()[0]
    assert units_header.startswith("# CONSTRUCTED VARIANT for tests")


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_texts_are_renders(case: Path) -> None:
    _, new = load(case)
    old = original(case)
    assert (case / "old.txt").read_text(encoding="utf-8") == render_document(old)
    assert (case / "new.txt").read_text(encoding="utf-8") == render_document(new)
    assert renumber(new) == new, "new units must carry the ids segmentation gives"
    assert new != old


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_changes_are_consistent(case: Path) -> None:
    expected, new = load(case)
    old = original(case)
    old_by_id = {u.id: u for u in old}
    new_by_id = {u.id: u for u in new}
    changes = expected["changes"]
    assert changes, "a case must change something"
    assert set(expected) == {"constructed", "description", "changes"}

    listed_old: list[str] = []
    listed_new: list[str] = []
    for change in changes:
        assert set(change) == {"status", "moved", "old", "new"}
        assert change["status"] in STATUSES
        assert isinstance(change["moved"], bool)
        old_ok, new_ok = SHAPES[change["status"]]
        assert old_ok(len(change["old"])) and new_ok(len(change["new"])), change
        assert all(i in old_by_id for i in change["old"]), change
        assert all(i in new_by_id for i in change["new"]), change
        listed_old += change["old"]
        listed_new += change["new"]
        if change["status"] == "unchanged":
            assert change["moved"], "unchanged units are listed only when moved"
            assert old_by_id[change["old"][0]].text == new_by_id[change["new"][0]].text
        if change["status"] == "modified":
            assert old_by_id[change["old"][0]].text != new_by_id[change["new"][0]].text
    assert len(listed_old) == len(set(listed_old)), "an old unit is listed twice"
    assert len(listed_new) == len(set(listed_new)), "a new unit is listed twice"

    # Units not listed are unchanged and not moved: same texts, same order.
    rest_old = [u for u in old if u.id not in listed_old]
    rest_new = [u for u in new if u.id not in listed_new]
    assert [(u.kind, u.text) for u in rest_old] == [(u.kind, u.text) for u in rest_new]

    # Moved flags: the one-to-one pairs not flagged keep their order, and the flagged
    # ones are as few as possible (the kept pairs are a longest increasing run).
    old_pos = {u.id: i for i, u in enumerate(old)}
    new_pos = {u.id: i for i, u in enumerate(new)}
    pairs = [(old_pos[o.id], new_pos[n.id], False) for o, n in zip(rest_old, rest_new, strict=True)]
    pairs += [
        (old_pos[c["old"][0]], new_pos[c["new"][0]], c["moved"])
        for c in changes
        if len(c["old"]) == 1 and len(c["new"]) == 1
    ]
    pairs.sort(key=lambda p: p[1])
    kept = [o for o, _, moved in pairs if not moved]
    assert kept == sorted(kept), "a unit changed place but is not flagged as moved"
    moved_count = sum(moved for _, _, moved in pairs)
    assert moved_count == len(pairs) - _longest_increasing([o for o, _, _ in pairs])


def _longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        i = bisect.bisect_left(tails, value)
        tails[i : i + 1] = [value]
    return len(tails)
