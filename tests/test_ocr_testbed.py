"""The committed OCR test bed (tests/ocr/, made by scripts/make_ocr_testbed.py) is complete.

These tests need no tesseract: they check that every reading listed in the manifest exists,
is a reading of its text (word similarity to ``truth.txt``), and marks page breaks as the seed
does, and that ``truth.txt`` is still the render of the units it was made from.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.golden_format import read_golden, render_document

ROOT = Path(__file__).parent.parent
OCR_DIR = Path(__file__).parent / "ocr"
MANIFEST: dict[str, Any] = json.loads((OCR_DIR / "manifest.json").read_text(encoding="utf-8"))
TEXTS: dict[str, dict[str, Any]] = MANIFEST["texts"]
READINGS = [(name, q) for name, text in TEXTS.items() for q in text["qualities"]]
# Lowest word overlap (Dice on word multisets) between a reading and its truth. Measured with
# tesseract 5.3.0: about 0.96 for clean, lowres and rotated (mostly straight for curly
# apostrophes), 0.95 for noisy, 0.86 for degraded.
MIN_SIMILARITY = {"clean": 0.93, "lowres": 0.93, "rotated": 0.93, "noisy": 0.9, "degraded": 0.8}
QUALITIES = {"clean", "noisy", "lowres", "rotated", "degraded"}


def test_testbed_content() -> None:
    assert "E-RES-2021-25.fr" in TEXTS
    assert set(TEXTS["E-RES-2021-25.fr"]["qualities"]) == QUALITIES
    # English: a constructed resolution (no real one is transcribed yet), degraded excepted.
    assert set(TEXTS["constructed-en"]["qualities"]) == QUALITIES - {"degraded"}
    variants = {name: text["original"] for name, text in TEXTS.items() if text["original"]}
    assert sum(original == "E-RES-2021-25.fr" for original in variants.values()) >= 3
    assert sum(original == "constructed-en" for original in variants.values()) >= 2
    assert {TEXTS[name]["lang"] for name in ("E-RES-2021-25.fr", "constructed-en")} == {
        "fra", "eng",
    }  # fmt: skip
    assert set(MANIFEST["qualities"]) == QUALITIES


def test_variants_are_read_like_their_original() -> None:
    for text in TEXTS.values():
        if text["original"] is not None:
            original = TEXTS[text["original"]]
            assert original["original"] is None, "a variant is made from an original text"
            assert text["lang"] == original["lang"]
            assert set(text["qualities"]) <= set(original["qualities"])


def test_no_unlisted_files() -> None:
    listed = {OCR_DIR / "manifest.json", OCR_DIR / "README.md"}
    for name, text in TEXTS.items():
        listed.add(OCR_DIR / name / "truth.txt")
        listed |= {OCR_DIR / name / f"{q}.txt" for q in text["qualities"]}
    assert {p for p in OCR_DIR.rglob("*") if p.is_file()} == listed


@pytest.mark.parametrize("name", TEXTS)
def test_truth_is_render_of_units(name: str) -> None:
    text = TEXTS[name]
    truth = (OCR_DIR / name / "truth.txt").read_text(encoding="utf-8")
    assert truth == render_document(read_golden(ROOT / text["units"]))
    assert hashlib.sha256(truth.encode("utf-8")).hexdigest() == text["truth_sha256"]
    if text["original"] is not None:  # a constructed variant, from a case in tests/cases/
        assert text["constructed"]
        assert name.startswith("constructed-")
        assert text["units"] == f"tests/cases/{name}/new.units.txt"
    elif text["constructed"]:  # a constructed text in the golden format
        assert name.startswith("constructed-")
        assert text["units"] == f"tests/golden/{name}.golden.txt"
        header = (ROOT / text["units"]).read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# CONSTRUCTED TEXT FOR TESTS — NOT A UN DOCUMENT")
    else:
        assert text["units"].startswith("tests/golden/")


@pytest.mark.parametrize(("name", "quality"), READINGS)
def test_reading(name: str, quality: str) -> None:
    reading = (OCR_DIR / name / f"{quality}.txt").read_text(encoding="utf-8")
    truth = (OCR_DIR / name / "truth.txt").read_text(encoding="utf-8")
    assert reading.endswith("\n") and "\f" not in reading
    # Page breaks as in the seed: each page's first line starts with a space.
    page_starts = [line for line in reading.splitlines() if line.startswith(" ")]
    assert len(page_starts) == TEXTS[name]["pages"]
    assert reading.startswith(" ")
    assert word_overlap(truth, reading) >= MIN_SIMILARITY[quality]


def word_overlap(a: str, b: str) -> float:
    """Dice coefficient of the two texts' word multisets (1.0 for the same words)."""
    words_a, words_b = Counter(a.split()), Counter(b.split())
    common = sum((words_a & words_b).values())
    return 2 * common / (sum(words_a.values()) + sum(words_b.values()))
