"""The ingest pipeline on the real seed against the hand-corrected golden transcription.

The golden file (tests/golden/) was written by reading the seed, not by running the
repairer; this test holds the pipeline to it unit by unit: ids, order, labels, footnote
references and text, character for character.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from resdiff.api import ingest_file
from resdiff.model import Resolution

from .golden_format import GOLDEN_DIR, GoldenUnit, read_golden

GOLDEN = read_golden(GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt")


@pytest.fixture(scope="module")
def ingested(seed_path: Path) -> Resolution:
    return ingest_file(seed_path)


@pytest.fixture(scope="module")
def seed_path() -> Path:
    from .conftest import SEED

    return SEED


def test_same_units_in_the_same_order(ingested: Resolution) -> None:
    assert [u.id for u in ingested.units] == [g.id for g in GOLDEN]


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.id for g in GOLDEN])
def test_unit_matches_the_golden_transcription(ingested: Resolution, golden: GoldenUnit) -> None:
    unit = ingested.unit(golden.id)
    assert unit.text == golden.text
    assert unit.label == golden.label
    assert list(unit.footnote_refs) == list(golden.refs)


def test_character_accuracy_is_total(ingested: Resolution) -> None:
    """Character accuracy = 1 - edit distance / golden length, over all units (100% today)."""
    errors = sum(Levenshtein.distance(ingested.unit(g.id).text, g.text) for g in GOLDEN)
    length = sum(len(g.text) for g in GOLDEN)
    assert length > 18_000
    assert 1 - errors / length == 1.0


def test_metadata(ingested: Resolution) -> None:
    assert (ingested.symbol, ingested.date, ingested.lang, ingested.meeting) == (
        "E/RES/2021/25", "2021-07-22", "fr", "13",
    )  # fmt: skip
    assert ingested.warnings == (
        "footnote 4 is referenced in pp19 but its text is missing from the source",
    )
