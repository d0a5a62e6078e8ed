"""Footnotes joined into one paragraph by a re-flow are read as the notes they were.

Re-flowing a text (``fmt``, an editor's fill-paragraph, a mail client re-wrapping what it
sends) joins the lines of each paragraph, and so the notes at a page's foot into one: the
seed re-flowed by GNU ``fmt`` read its footnotes 2 and 3 as one note (``fn2 + fn3 → fn2
merged``, footnote 3 missing). The next note is now cut off where its number stands after
a full stop, when that number has no note of its own.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from resdiff import api
from resdiff.compare import compare
from resdiff.segment.blocks import Footnote
from resdiff.segment.run_on_notes import split_run_on

from .conftest import ROOT, SEED

OCR = ROOT / "tests" / "ocr"
# Real texts: the seed, and tesseract's readings of noisy scans, whose note marks OCR read as
# a sign ("39574.  # Ibid.") or with one ("3% Ibid."), joined by the re-flow.
SOURCES = {
    "seed": SEED,
    "seed-noisy-scan": OCR / "E-RES-2021-25.fr" / "noisy.txt",
    "constructed-noisy-scan": OCR / "constructed-pp-inserted" / "noisy.txt",
}


@pytest.mark.skipif(shutil.which("fmt") is None, reason="fmt (GNU coreutils) is not installed")
@pytest.mark.parametrize(
    ("source", "width"),
    [("seed", 60), ("seed", 72), ("seed", 200), ("seed-noisy-scan", 72),
     ("constructed-noisy-scan", 72)],
)  # fmt: skip
def test_a_text_reflowed_by_fmt_reads_as_the_text(tmp_path: Path, source: str, width: int) -> None:
    path = SOURCES[source]
    reflowed = tmp_path / "reflowed.txt"
    done = subprocess.run(["fmt", "-w", str(width), str(path)], capture_output=True, check=True)
    reflowed.write_bytes(done.stdout)
    assert b"39574.  " in done.stdout  # fmt did join two notes
    text, read = api.ingest_file(path), api.ingest_file(reflowed)
    assert [(u.id, u.kind) for u in read.units] == [(u.id, u.kind) for u in text.units]
    notes = [(u.id, u.text) for u in read.units if u.kind.value == "footnote"]
    assert notes == [(u.id, u.text) for u in text.units if u.kind.value == "footnote"]
    assert not compare(text, read).has_differences  # "soixante- douzième" (fmt) is noise
    assert not any("footnote 3" in w for w in set(read.warnings) - set(text.warnings))


def _notes(*pairs: tuple[str, str]) -> list[Footnote]:
    return [Footnote(mark, text) for mark, text in pairs]


def _pairs(notes: list[Footnote]) -> list[tuple[str, str]]:
    return [(n.mark, n.text) for n in notes]


def test_a_note_holding_the_next_two_is_cut_twice() -> None:
    notes = _notes(("1", "Résolution 55/25, annexe I. 2 Ibid., annexe II. 3 A/RES/70/1."))
    assert _pairs(split_run_on(notes)) == [
        ("1", "Résolution 55/25, annexe I."),
        ("2", "Ibid., annexe II."),
        ("3", "A/RES/70/1."),
    ]


@pytest.mark.parametrize(
    "notes",
    [
        # the next note stands on its own: the number is part of the text
        [("1", "Voir A/75/1, par. 3. 2 Ibid."), ("2", "Ibid., par. 4.")],
        # not the next number
        [("1", "Nations Unies, Recueil des Traités, vol. 2225. 3 Ibid.")],
        # no full stop before it
        [("1", "Voir les paragraphes 2 et 3 de la résolution 2020/1.")],
        # lower case after it: a count, not a note
        [("1", "Voir la résolution 2020/1. 2 ans plus tard, la résolution 2022/3.")],
    ],
)
def test_a_number_inside_a_note_is_no_mark(notes: list[tuple[str, str]]) -> None:
    footnotes = _notes(*notes)
    assert _pairs(split_run_on(footnotes)) == [(m, t) for m, t in notes]


@pytest.mark.parametrize("mark", ["#", "®", "3%", "³"])
def test_a_mark_ocr_misread_is_the_missing_note(mark: str) -> None:
    notes = _notes(("1", "E/2021/1."), ("2", f"Ibid., vol. 2225. {mark} Ibid., vol. 2237."))
    assert [text for _, text in _pairs(split_run_on(notes))] == [
        "E/2021/1.", "Ibid., vol. 2225.", "Ibid., vol. 2237."
    ]  # fmt: skip


def test_a_misread_mark_is_no_note_when_the_next_note_stands_apart() -> None:
    notes = [("1", "Ibid., vol. 2225. # Ibid."), ("2", "Ibid., vol. 2237.")]
    assert _pairs(split_run_on(_notes(*notes))) == notes


def test_notes_numbered_by_their_place_count_on_from_the_last() -> None:
    # an illegible mark ("*") is note 2 by its place; its run-on note is 3
    notes = _notes(("1", "E/2021/1."), ("*", "Ibid., par. 2. 3 Voir E/2021/2."), ("4", "Ibid."))
    assert _pairs(split_run_on(notes)) == [
        ("1", "E/2021/1."),
        ("*", "Ibid., par. 2."),
        ("3", "Voir E/2021/2."),
        ("4", "Ibid."),
    ]
