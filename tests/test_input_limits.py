"""Bounded cost on hostile input (issue 12): each limit refuses quickly, in one line naming it.

Before, none of these was refused: a small .docx unpacking to 20 MB of XML took 107 s, a
2,000-page PDF and 2,000 scanned pages were read to the end, a 14,400-pt page sent tesseract
into a two-minute error.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from resdiff import api
from resdiff.errors import InputError
from resdiff.ingest.html import html_text

FORMATS = Path(__file__).parent / "fixtures" / "formats"
STEM = "E-RES-2021-25.fr.constructed"


def test_a_docx_that_unpacks_to_too_much_xml_is_refused(tmp_path: Path) -> None:
    original = (FORMATS / f"{STEM}.docx").read_bytes()
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (11 * 2**20), 1)
            target.writestr(item, data)
    path = tmp_path / "constructed-bomb.docx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 200_000  # small on disk
    with pytest.raises(InputError) as refused:
        api.ingest_file(path)
    assert str(refused.value) == (
        "constructed-bomb.docx: unpacked XML size of 11.8 MB is over the limit of 10 MB; "
        "if the file is right, raise RESDIFF_MAX_XML_MB"
    )


def test_a_docx_within_the_limits_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_MAX_XML_MB", "1")
    assert api.ingest_file(FORMATS / f"{STEM}.docx").symbol == "E/RES/2021/25"


def test_a_pdf_with_more_pages_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_MAX_PAGES", "1")
    with pytest.raises(InputError) as refused:
        api.ingest_file(FORMATS / f"{STEM}.pdf")
    assert str(refused.value).startswith(f"{STEM}.pdf: page count of ")
    assert str(refused.value).endswith(
        " pages is over the limit of 1 pages; if the file is right, raise RESDIFF_MAX_PAGES"
    )


def test_too_many_scanned_pages_are_refused_before_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_MAX_OCR_PAGES", "1")
    monkeypatch.setenv("RESDIFF_TESSERACT", "true")  # would fail at once if it ran
    from resdiff.ingest import ocr

    monkeypatch.setattr(ocr, "ocr_language", lambda executable, lang: "fra")
    with pytest.raises(InputError) as refused:
        api.ingest_file(FORMATS / f"{STEM}-scan.pdf", lang="fr")
    assert str(refused.value).startswith(f"{STEM}-scan.pdf: scanned page count of ")
    assert str(refused.value).endswith(
        "over the limit of 1 pages; if the file is right, raise RESDIFF_MAX_OCR_PAGES"
    )


def test_a_giant_page_is_refused_before_it_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    document.new_page(14400, 14400)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    path = tmp_path / "constructed-giant-page.pdf"
    path.write_bytes(buffer.getvalue())
    monkeypatch.setenv("RESDIFF_TESSERACT", "true")
    from resdiff.ingest import ocr

    monkeypatch.setattr(ocr, "ocr_language", lambda executable, lang: "fra")
    with pytest.raises(InputError) as refused:
        api.ingest_file(path, lang="fr")
    assert str(refused.value) == (
        "constructed-giant-page.pdf page 2: page side of 14,400 pt is over the limit of "
        "3,400 pt; if the file is right, raise RESDIFF_MAX_PAGE_POINTS"
    )


def test_a_limit_set_to_nonsense_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_MAX_PAGES", "many")
    with pytest.raises(InputError) as refused:
        api.ingest_file(FORMATS / f"{STEM}.pdf")
    assert str(refused.value) == "RESDIFF_MAX_PAGES='many' is not a positive whole number of pages"


def test_unmatched_end_tags_are_ignored() -> None:
    """Many unmatched end tags below many open ones (quadratic before) change nothing."""
    page = "<html><body>" + "<span>x" * 3 + "</b></i>" * 1000 + "<p>Décide.</p></body></html>"
    assert html_text(page) == "xxx\n\nDécide.\n"


def encrypted_pdf() -> bytes:
    """A CONSTRUCTED one-page PDF whose trailer names a password-protected /Encrypt."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"00" * 32
        + b"> /U <"
        + b"00" * 32
        + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objects) + 1)
    out += b"ab" * 16 + b"> <" + b"ab" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_an_encrypted_pdf_is_said_to_be_encrypted(tmp_path: Path) -> None:
    """Before: "not a readable PDF ()"."""
    path = tmp_path / "constructed-encrypted.pdf"
    path.write_bytes(encrypted_pdf())
    with pytest.raises(InputError) as refused:
        api.ingest_file(path)
    assert str(refused.value) == "constructed-encrypted.pdf is encrypted; save an unprotected copy"
