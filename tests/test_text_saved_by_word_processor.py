"""A plain text opened in a word processor and saved as Word or HTML reads as the text itself.

Users open the text they have (OCR output, ``pdftotext`` of a print) in Word or LibreOffice
and save it as .docx or .odt: each line of the text becomes a paragraph, each blank line an
empty one, and a page's first line keeps the space OCR opens it with. Read as a Word file's
paragraphs, one a block, the footnotes printed at the foot of each page were no longer told
from the clauses (the seed gave 3 added, 3 removed and 1 modified clause against itself).
Saved as HTML, LibreOffice writes the text as one ``<pre>``, whose blank lines were dropped
(3 removed, 1 split). Here LibreOffice (its text import, what "Open" then "Save as" does)
converts the real seed and two layouts of the layout matrix at test time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from resdiff import api

from .conftest import ROOT, SEED

LAYOUTS = ROOT / "tests" / "layouts"
TEXTS = {
    "seed": SEED,
    "fr-pdftotext": LAYOUTS / "E-RES-2021-25.fr" / "pdftotext.txt",
    "en-pdftotext": LAYOUTS / "constructed-en" / "pdftotext.txt",
}

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each text copied as ``NAME.txt`` and saved by LibreOffice as ``NAME.docx``,
    ``NAME.odt`` and ``NAME.html`` (one LibreOffice start per format)."""
    folder = tmp_path_factory.mktemp("saved")
    sources = []
    for name, path in TEXTS.items():
        shutil.copyfile(path, folder / f"{name}.txt")
        sources.append(str(folder / f"{name}.txt"))
    profile = (folder / "profile").as_uri()
    for target in ("docx", "odt", "html"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
             target, "--outdir", str(folder), *sources],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return {name: folder for name in TEXTS}


def _units(path: Path) -> list[tuple[str, str, str]]:
    resolution = api.ingest_file(path, strict=False)
    return [(u.id, u.kind.value, u.text) for u in resolution.units]


@pytest.mark.parametrize("suffix", ["docx", "odt", "html"])
@pytest.mark.parametrize("name", list(TEXTS))
def test_a_text_saved_by_a_word_processor_reads_as_the_text(
    saved: dict[str, Path], name: str, suffix: str
) -> None:
    folder = saved[name]
    text = _units(folder / f"{name}.txt")
    assert any(kind == "footnote" for _id, kind, _text in text)  # the case this is about
    assert _units(folder / f"{name}.{suffix}") == text


def test_a_word_file_of_paragraphs_is_still_read_paragraph_by_paragraph() -> None:
    # The layout matrix's Word file (python-docx, one paragraph a clause, list numbering):
    # its paragraphs end on punctuation, so they stay blocks of their own.
    french = LAYOUTS / "E-RES-2021-25.fr"
    units = _units(french / "word.docx")
    assert [u for u in units if u[0] == "op1"] and len(units) > 40
    assert units == _units(french / "word-libreoffice.docx")
