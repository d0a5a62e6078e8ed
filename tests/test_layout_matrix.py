"""The layout matrix (issue 10): every layout of a text reads the same, every edit is found.

Texts and layouts live in ``tests/layouts/`` (made by ``scripts/make_layout_matrix.py``; see its
README). Every reading goes through ``resdiff.api.ingest_file`` (the committed OCR TSVs through
resdiff's own OCR layout rules); results are cached per process in
``tests/layout_matrix_core.py``, which ``scripts/layout_matrix.py`` shares to print the tables.

Checks, each parametrised:

- ``test_layout_is_read``: no layout of any text is refused;
- ``test_reading_matches_golden``: the golden transcription against every reading of it: no change;
- ``test_reading_segments_as_golden``: every reading has the expected units' ids and kinds, in
  order (the golden transcription's, or the case's ``new.units.txt``): the differ pairs
  clauses by their text, so an operative paragraph read as a preambular one compares clean;
- ``test_seed_matches_reading``: the OCR seed of E/RES/2021/25 (the stored source) against every
  layout of the golden French text: no change;
- ``test_identity_pair``: the same text in layout X against layout Y: no change;
- ``test_constructed_edits``: each constructed variant in one layout against its original in the
  next layout: exactly the changes of its ``expected.json`` (status, moved flag, pairing).

A parametrisation that fails for a reason being worked on may be listed in
``PENDING_SEGMENTER`` (id -> the failure, printed by ``scripts/layout_matrix.py --pending``)
and is then a strict xfail: as soon as it passes, the suite fails and says so. It holds one
run, where pdfminer scrambled a label with the words around it. Where an input really differs from the text it renders (an
OCR engine misreading a number, pdftotext moving words), the differ must report it:
``layout_matrix_core.INPUT_DAMAGE`` lists those units, and
``test_input_damage_is_what_the_differ_reports`` checks that exactly they are reported.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from resdiff.ingest.layout import Page
from resdiff.ingest.pdf import text_pages
from tests import layout_matrix_core as core

# fmt: off
# Parametrisations that fail on today's segmenter (scripts/layout_matrix.py --pending).
PENDING_SEGMENTER: dict[str, str] = {
    "test_reading_segments_as_golden[constructed-en-earlier-draft:pdfminer.txt]":
        "pdfminer printed op3's label before boxes of op2's and op3's scrambled words: one "
        "operative paragraph too many (op15)",
    "test_constructed_edits[constructed-en-earlier-draft:pdfminer-libreoffice.txt~pdfminer.txt]":
        "pdfminer printed op3's label before boxes of op2's and op3's scrambled words, so op3 "
        "opens on a fragment and the numbers after it shift: 2/7 expected changes missed "
        "(op5 modified, op11 moved)",
}
# fmt: on

PENDING = pytest.mark.xfail(strict=True, reason="segmenter rewrite pending (issue 10)")
CHECKS = core.checks()


def _params(test: str) -> list[Any]:
    return [
        pytest.param(
            check, id=ident, marks=PENDING if f"{test}[{ident}]" in PENDING_SEGMENTER else ()
        )
        for ident, check in CHECKS[test]
    ]


def _assert_clean(check: Any) -> None:
    problem = check()
    assert problem is None, problem


@pytest.mark.parametrize("check", _params("test_layout_is_read"))
def test_layout_is_read(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_reading_matches_golden"))
def test_reading_matches_golden(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_reading_segments_as_golden"))
def test_reading_segments_as_golden(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_seed_matches_reading"))
def test_seed_matches_reading(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_identity_pair"))
def test_identity_pair(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize("check", _params("test_constructed_edits"))
def test_constructed_edits(check: Any) -> None:
    _assert_clean(check)


@pytest.mark.parametrize(
    ("text", "layout"),
    sorted(core.INPUT_DAMAGE),
    ids=[f"{t}:{x}" for t, x in sorted(core.INPUT_DAMAGE)],
)
def test_input_damage_is_what_the_differ_reports(text: str, layout: str) -> None:
    """The damaged units of a reading are reported against a clean reading, and only they."""
    outcome = core.outcome(core.reading(text, "web.txt"), core.reading(text, layout))
    touched = {unit for _, _, _, new in outcome.found for unit in new}
    assert outcome.found and touched == set(core.INPUT_DAMAGE[(text, layout)]), outcome.found
    # A misread or moved word modifies its clause; words pdfminer printed out of order at a
    # page's head may also stand as a clause of their own there.
    allowed = {"modified", "added"} if layout == "pdfminer.txt" else {"modified"}
    assert all(status in allowed for status, *_ in outcome.found), outcome.found


def test_pending_names_real_parametrisations() -> None:
    """A stale entry (a renamed layout or case) would silently stop guarding anything."""
    known = {f"{test}[{ident}]" for test, params in CHECKS.items() for ident, _ in params}
    assert set(PENDING_SEGMENTER) <= known, sorted(set(PENDING_SEGMENTER) - known)[:5]


def test_matrix_covers_every_case_and_layout() -> None:
    cases = sorted(p.name for p in core.CASES_DIR.glob("constructed-*"))
    assert sorted(t for t, v in core.TEXTS.items() if v["case"]) == cases
    assert len(core.LAYOUTS) >= 12
    for original in core.ORIGINALS:
        assert core.layouts_of(original) == core.LAYOUTS
    for name, text in core.TEXTS.items():
        assert ("constructed" in name) == text["constructed"]


# --- the committed files are what the generator makes ---------------------------------------


def _generator() -> ModuleType:
    path = Path(__file__).parent.parent / "scripts" / "make_layout_matrix.py"
    spec = importlib.util.spec_from_file_location("make_layout_matrix", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _generator()


@pytest.mark.parametrize("text", core.ORIGINALS)
def test_committed_layouts_are_current(generator: ModuleType, text: str) -> None:
    made = next(t for t in generator.load_texts() if t.name == text)
    folder = core.LAYOUTS_DIR / text
    for name, render in generator.TEXT_LAYOUTS.items():
        assert (folder / name).read_bytes() == render(made).encode("utf-8"), name
    # The PDF's bytes depend on reportlab's version; what it prints where must not.
    fresh = text_pages(generator.make_pdf(made, generator.TEXT_STYLE), "fresh.pdf")
    committed = text_pages((folder / "ods.pdf").read_bytes(), "ods.pdf")
    assert [_words(page) for page in fresh] == [_words(page) for page in committed]


def _words(page: Page) -> list[tuple[str, int, int, int]]:
    return [(w.text, round(w.x0), round(w.top), round(w.size)) for w in page.words]


def test_committed_pdftotext_is_current() -> None:
    pdf = core.LAYOUTS_DIR / core.FRENCH / "ods.pdf"
    for name, options in (
        ("pdftotext.txt", []),
        ("pdftotext-layout.txt", ["-layout"]),
        ("pdftotext-raw.txt", ["-raw"]),
        ("pdftotext-raw-nopgbrk.txt", ["-raw", "-nopgbrk"]),
    ):
        out = subprocess.run(
            ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert out == (pdf.parent / name).read_text(encoding="utf-8"), name


@pytest.mark.slow
def test_committed_ocr_reading_is_what_resdiff_ocr_reads() -> None:
    """One page OCRed live through resdiff's own route gives the committed TSV's words."""
    from resdiff.ingest.ocr import ocr_pages, parse_tsv
    from resdiff.ingest.pdf import page_images

    folder = core.LAYOUTS_DIR / core.FRENCH
    first = next(page_images((folder / "scan.pdf").read_bytes(), "scan.pdf"))
    live = ocr_pages([first], "scan.pdf", "fr")[0]
    committed = parse_tsv((folder / "scan-ocr" / "page-1.tsv").read_text(encoding="utf-8"))
    assert [w.text for w in live.words] == [w.text for w in committed.words]
