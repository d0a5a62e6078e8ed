"""Typeset the constructed language texts as a word processor does: PDFs made by LibreOffice.

For each ``tests/fixtures/languages/constructed.<lang>.txt`` (constructed texts, not UN
documents), writes ``constructed.<lang>.libreoffice.pdf`` beside it: a Word file made with
python-docx (one paragraph per block, the lines of a block kept by line breaks; Arabic
paragraphs right-to-left, ``w:bidi`` and ``w:rtl``, as an Arabic Word document sets them),
typeset by ``soffice --headless --convert-to pdf``. The document title in the PDF metadata says
it is constructed. ``tests/test_languages.py`` reads each PDF and compares its units with the
text's.

    python scripts/make_language_pdfs.py

Needs python-docx, LibreOffice Writer and fonts with Arabic, Cyrillic and Han glyphs (Debian:
fonts-dejavu-core, fonts-wqy-microhei); the PDFs embed their fonts, so reading them needs none.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "fixtures" / "languages"
RIGHT_TO_LEFT = {"ar"}
FONTS = {"zh": "WenQuanYi Micro Hei"}
TITLE = "Constructed test text ({lang}) by the resdiff developers; not a UN document"


def make_docx(text: str, lang: str, out: Path) -> None:
    """The text as a Word file: a paragraph per block, justified when long."""
    document = docx.Document()
    document.core_properties.title = TITLE.format(lang=lang)
    font = FONTS.get(lang, "DejaVu Sans")
    document.styles["Normal"].font.name = font
    for block in text.strip().split("\n\n"):
        paragraph = document.add_paragraph()
        if lang in RIGHT_TO_LEFT:
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        lines = block.split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            properties = run._r.get_or_add_rPr()
            fonts = OxmlElement("w:rFonts")
            for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(slot), font)
            properties.append(fonts)
            if lang in RIGHT_TO_LEFT:
                properties.append(OxmlElement("w:rtl"))
            if index < len(lines) - 1:
                run.add_break()
        if len(block) > 60:
            paragraph.alignment = 3  # justified (WD_ALIGN_PARAGRAPH.JUSTIFY)
    document.save(str(out))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in sorted(FOLDER.glob("constructed.*.txt")):
            lang = source.name.split(".")[1]
            word = work / f"constructed.{lang}.libreoffice.docx"
            make_docx(source.read_text(encoding="utf-8"), lang, word)
            subprocess.run(
                ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(work), str(word)],
                check=True, capture_output=True,
            )  # fmt: skip
            target = FOLDER / f"constructed.{lang}.libreoffice.pdf"
            target.write_bytes(word.with_suffix(".pdf").read_bytes())
            print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
