"""Page images for OCR: counted before any is drawn, drawn one at a time as greyscale PGM."""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff.errors import InputError
from resdiff.ingest.pdf import page_images

SCAN = Path(__file__).parent / "fixtures" / "formats" / "E-RES-2021-25.fr.constructed-scan.pdf"


def test_page_images_are_counted_first_and_drawn_as_greyscale_pgm() -> None:
    import pypdfium2

    data = SCAN.read_bytes()
    document = pypdfium2.PdfDocument(data)
    pages, (width, height) = len(document), document.get_page_size(0)
    document.close()
    images = page_images(data, SCAN.name, dpi=50)
    assert len(images) == pages  # known before any page is drawn: OCR can say "1/5"
    first = next(images)
    header = first.split(b"\n", 3)
    assert header[0] == b"P5" and header[2] == b"255"  # binary greyscale, 8 bits
    columns, rows = map(int, header[1].split())
    assert (columns, rows) == (round(width * 50 / 72), round(height * 50 / 72))
    assert len(first) == len(b"\n".join(header[:3])) + 1 + columns * rows
    assert len([first, *images]) == pages


def test_a_damaged_pdf_cannot_be_drawn() -> None:
    with pytest.raises(InputError, match="cannot be rendered"):
        page_images(b"%PDF-1.4 not really", "broken.pdf")
