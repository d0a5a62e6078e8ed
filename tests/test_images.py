"""Scans and faxes given as image files, and files of formats resdiff does not read.

``E-RES-2021-25.fr.constructed-fax.tif`` is the constructed scan of ``tests/fixtures/formats/``
stored as a fax machine stores pages (``scripts/make_format_fixtures.py`` ``make_fax``: a
multi-page TIFF, 1 bit, Group 4, 204 × 196 dpi). Image files used to be refused as "not a
valid .tif file; check that it is not damaged".
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from resdiff import api
from resdiff.compare import compare
from resdiff.errors import InputError, OcrUnavailable
from resdiff.ingest import extract_text, images, read_source

from .conftest import ROOT

FORMATS = ROOT / "tests" / "fixtures" / "formats"
FAX = FORMATS / "E-RES-2021-25.fr.constructed-fax.tif"
TEXT = FORMATS / "E-RES-2021-25.fr.constructed.txt"

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


@needs_tesseract
def test_a_fax_is_read_by_ocr_with_the_structure_of_its_text() -> None:
    fax, text = api.ingest_file(FAX), api.ingest_file(TEXT)
    assert fax.read_by_ocr
    assert list(fax.ids) == list(text.ids)
    assert (fax.symbol, fax.date) == (text.symbol, text.date)
    comparison = compare(text, fax)
    summary = comparison.summary()
    assert summary["added"] == summary["removed"] == summary["split"] == summary["merged"] == 0
    # What remains is OCR damage to single characters in a few clauses (« à » read « 4 »).
    modified = [c for c in comparison.changes if c.status.value == "modified"]
    assert len(modified) <= 3, [(c.old[0].id, c.similarity) for c in modified]
    assert all(c.similarity >= 0.97 for c in modified)


def test_a_fax_in_standard_mode_is_stretched_back_to_square_pixels() -> None:
    # 204 × 98 dpi: every pixel is twice as tall as it is wide.
    page = Image.new("1", (204, 98), 1)
    buffer = io.BytesIO()
    page.save(buffer, format="TIFF", compression="group4", dpi=(204, 98))
    (pgm,) = images.page_images(buffer.getvalue(), "fax.tif", 300)
    read = Image.open(io.BytesIO(pgm))
    assert (read.mode, read.size) == ("L", (300, 300))


def test_an_image_that_records_no_resolution_is_taken_as_it_is() -> None:
    buffer = io.BytesIO()
    Image.new("L", (120, 80), 255).save(buffer, format="PNG")
    (pgm,) = images.page_images(buffer.getvalue(), "photo.png", 300)
    assert Image.open(io.BytesIO(pgm)).size == (120, 80)


def test_without_tesseract_or_with_no_ocr_an_image_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(OcrUnavailable, match=r"is an image, which only OCR reads; run again"):
        extract_text(read_source(FAX), ocr=False)
    monkeypatch.setenv("RESDIFF_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailable, match=r"install tesseract"):
        extract_text(read_source(FAX))


def test_damaged_and_misnamed_images_are_refused(tmp_path: Path) -> None:
    misnamed = tmp_path / "scan.png"
    misnamed.write_text("Le Conseil économique et social,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^scan\.png is not a valid \.png image; check"):
        read_source(misnamed)
    damaged = tmp_path / "damaged.tif"
    damaged.write_bytes(b"II*\x00" + b"\x00" * 64)
    with pytest.raises(InputError, match=r"^damaged\.tif is not a readable image \("):
        extract_text(read_source(damaged))


def test_a_format_resdiff_does_not_read_is_named_with_what_to_do(tmp_path: Path) -> None:
    pages = tmp_path / "draft.pages"
    pages.write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError) as caught:
        read_source(pages)
    assert str(caught.value) == (
        "draft.pages: resdiff does not read .pages files; save it as PDF, Word (.docx), HTML "
        "or UTF-8 text"
    )


def test_a_text_named_md_without_markdown_syntax_is_read_as_text(tmp_path: Path) -> None:
    markdown = tmp_path / "resolution.md"
    shutil.copyfile(TEXT, markdown)
    assert api.ingest_file(markdown).units == api.ingest_file(TEXT).units
