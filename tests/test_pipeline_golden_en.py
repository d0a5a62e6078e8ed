"""The ingest pipeline on real English OCR against the constructed English golden text.

``tests/golden/constructed-en.golden.txt`` is a CONSTRUCTED resolution (not a UN document);
``tests/ocr/constructed-en/*.txt`` are tesseract's readings (``-l eng``) of its page images
(``scripts/make_ocr_testbed.py``). The clean reading must give the golden units exactly: ids,
order, labels, footnote references and text, character for character. The damaged readings
are held to a character accuracy, measured with tesseract 5.3.0.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from resdiff.api import ingest_file
from resdiff.model import Resolution

from .golden_format import GOLDEN_DIR, GoldenUnit, is_clean_text, read_golden

GOLDEN_PATH = GOLDEN_DIR / "constructed-en.golden.txt"
GOLDEN = read_golden(GOLDEN_PATH)
READINGS = Path(__file__).parent / "ocr" / "constructed-en"
# Character accuracy of each reading (1 - edit distance / golden length, over the golden
# units). Measured: clean 1.0, rotated 0.9998, noisy 0.9994 (a comma read into a gap, a speck
# read as "’"), lowres 0.9954 (footnote 3 read as "5°", so it becomes fn5 and fn3 is empty).
MIN_ACCURACY = {"clean": 1.0, "rotated": 0.999, "noisy": 0.999, "lowres": 0.99}


def test_golden_text_is_marked_constructed_and_well_formed() -> None:
    header = GOLDEN_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# CONSTRUCTED TEXT FOR TESTS — NOT A UN DOCUMENT")
    assert Counter(u.kind for u in GOLDEN) == {
        "title": 1, "formula": 1, "preambular": 20, "subitem": 5, "operative": 14,
        "closing": 1, "footnote": 3,
    }  # fmt: skip
    assert GOLDEN[0].label == "2091/7." and GOLDEN[-4].text == "13th plenary meeting\n22 July 2091"
    assert all(is_clean_text(u.text) for u in GOLDEN if u.kind != "closing")


@pytest.fixture(scope="module")
def clean() -> Resolution:
    return ingest_file(READINGS / "clean.txt")


def test_same_units_in_the_same_order(clean: Resolution) -> None:
    assert [u.id for u in clean.units] == [g.id for g in GOLDEN]


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.id for g in GOLDEN])
def test_unit_matches_the_golden_text(clean: Resolution, golden: GoldenUnit) -> None:
    unit = clean.unit(golden.id)
    assert unit.text == golden.text
    assert unit.label == golden.label
    assert list(unit.footnote_refs) == list(golden.refs)


def test_metadata(clean: Resolution) -> None:
    assert (clean.symbol, clean.date, clean.lang, clean.meeting) == (
        "E/RES/2091/7", "2091-07-22", "en", "13",
    )  # fmt: skip
    assert clean.warnings == ()


def accuracy(resolution: Resolution) -> float:
    """1 - edit distance / golden length, over all golden units (a missing unit counts empty)."""
    texts = {u.id: u.text for u in resolution.units}
    errors = sum(Levenshtein.distance(texts.get(g.id, ""), g.text) for g in GOLDEN)
    return 1 - errors / sum(len(g.text) for g in GOLDEN)


@pytest.mark.parametrize("quality", MIN_ACCURACY)
def test_character_accuracy(quality: str) -> None:
    assert sum(len(g.text) for g in GOLDEN) > 8_000
    assert accuracy(ingest_file(READINGS / f"{quality}.txt")) >= MIN_ACCURACY[quality]
