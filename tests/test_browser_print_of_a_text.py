"""A text saved as a web page and printed to PDF by a browser reads as the text itself.

The OCR seed saved as HTML by LibreOffice (one ``<pre>``), opened in Chromium and printed to
PDF: the browser adds its header and footer (the date and time, the file's address and the
page count) and breaks the pages where it likes, so the footnote lines stand mid-page. The
PDF is read directly, by ``pdftotext``, and as PDFium gives it (a copy from Chrome's or Edge's
PDF viewer), which marks a word hyphenated at a line end with U+FFFE and no line break, so
that the browser's header ran on after it into the clause (before: 5, 5 and 6 changes
against the seed; now none). Both programs run at test time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from resdiff import api
from resdiff.compare import compare
from resdiff.model import ChangeStatus

from .conftest import SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="Chromium, LibreOffice (soffice) and pdftotext are needed",
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed's web page as Chromium prints it to PDF, and that PDF as text."""
    folder = tmp_path_factory.mktemp("printed")
    shutil.copyfile(SEED, folder / "seed.txt")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "html", "--outdir", str(folder), str(folder / "seed.txt")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = folder / "seed.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         f"--user-data-dir={folder / 'chromium'}", f"--print-to-pdf={pdf}",
         (folder / "seed.html").as_uri()],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(folder / "pdftotext.txt")])
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    (folder / "pdfium.txt").write_text("\r\n".join(pages), encoding="utf-8")
    return {"pdf": pdf, "pdftotext": folder / "pdftotext.txt", "pdfium": folder / "pdfium.txt"}


@pytest.mark.parametrize("reading", ["pdf", "pdftotext", "pdfium"])
def test_a_browsers_print_of_the_seed_reads_as_the_seed(
    printed: dict[str, Path], reading: str
) -> None:
    seed = api.ingest_file(SEED, strict=False)
    read = api.ingest_file(printed[reading], strict=False)
    changes = [c for c in compare(seed, read).changes if c.status is not ChangeStatus.UNCHANGED]
    assert changes == []
    assert [u.id for u in read.units] == [u.id for u in seed.units]
