"""Render resolution texts into the layouts people really get out of UN documents.

Developer script, never imported by the package. For each text of the matrix (the golden
French transcription of E/RES/2021/25, the CONSTRUCTED English resolution, and the CONSTRUCTED
variants of both in ``tests/cases/``) it writes ``tests/layouts/<text>/``:

- ``ods.pdf``                 text-layer PDF typeset with reportlab in the UN Official Document
  System print layout: masthead, running headers (symbol and two-line title), page numbers
  ``2/5``, job number, barcode, "Merci de recycler", justified indented paragraphs, operative
  numbers at a tab stop, superscript footnote calls, footnotes under an underscore separator
  at the foot of the page, each footnote number raised on a line of its own;
- ``pdftotext.txt``           ``pdftotext ods.pdf`` (default mode);
- ``pdftotext-layout.txt``    ``pdftotext -layout ods.pdf``;
- ``pdftotext-raw.txt``       ``pdftotext -raw ods.pdf``: the content stream's order, a line
  break at every printed line, no blank lines (a raised call on a line of its own);
- ``pdftotext-raw-nopgbrk.txt`` ``pdftotext -raw -nopgbrk ods.pdf``: the same without form
  feeds, as a copy of the whole text from a PDF viewer gives it (no page marks at all);
- ``web.txt``                 web paste: one line per paragraph, no blank lines, calls glued as
  digits (``personnes1,``), footnotes after the closing;
- ``word.txt``                Word paste: CRLF, a tab after labels, no-break spaces before
  ``; : ? !`` (French), calls glued as digits, footnotes before the closing;
- ``notes-before-closing.txt`` / ``notes-after-closing.txt``: blank line between paragraphs,
  calls glued as digits, footnotes collected before / after the closing;
- ``superscripts.txt``        one line per paragraph, calls as Unicode superscripts (``¹``),
  footnotes after the closing, as a Markdown or rich-text copy gives them;
- ``stray-spaces.txt``        the PDF's printed lines with stray spaces inside words in a
  fraction of the lines (seeded RNG), as web copies of PDFs have them;
- ``hyphenated.txt``          a narrow measure with line-end hyphenation;
- ``scan.txt``                (OCR texts only) ``tesseract -l fra|eng`` of a fax-quality scan:
  the document typeset again in Liberation Serif with another leading, rendered at 200 dpi,
  1-bit, slightly rotated;
- ``scan-ocr/page-N.tsv``     (OCR texts only) what resdiff's own OCR reader gets from tesseract
  for the same scan (``scan.pdf``, an image-only PDF, rendered by resdiff at 300 dpi, then
  ``tesseract - - -l fra --psm 3 tsv``), so tests run resdiff's OCR layout rules without
  tesseract;
- ``scan.pdf``                (the French original only) the image-only scan itself;
- ``word.docx``               a Word file (python-docx): real Word footnotes, Word list
  numbering for operative paragraphs and sub-items, header and footer;
- ``word-libreoffice.pdf``    that Word file typeset by LibreOffice (``soffice --convert-to
  pdf``): its fonts, its justification, footnotes under a drawn rule, calls as raised digits
  that pdftotext sets one space apart; and ``word-libreoffice-pdftotext.txt``;
- ``web.html``                a web page: ``<ol>`` numbering, lettered lists printed ``a.``,
  ``<sup>`` calls, a "Notes" section whose items link back (``↩``);
- ``web-chromium.pdf``        that page printed to PDF by Chromium with its header and footer
  (date and time of printing, page title, the page's address, ``1/5``) in narrow margins; and
  ``web-chromium-pdftotext.txt``;
- ``word-libreoffice.html``   the Word file saved as a web page by LibreOffice (its footnote
  anchors, its page header and footer as ``<div title="footer">``, source lines wrapped);
- ``word-libreoffice.docx``   the Word file opened and saved again by LibreOffice (ODT, then
  Word 2007 XML): another producer's Word XML;
- ``scan-searchable.pdf``     (the two originals and one number edit) the fax-quality scan
  with tesseract's invisible text layer over each page (``tesseract page.png out pdf``), as
  scanners, OCRmyPDF and the Digital Library's older documents are;
- ``scan-searchable-pdftotext-raw.txt`` ``pdftotext -raw`` of it: the OCR layer's lines, a
  running header's cells joined by one space (the symbol after the title's second line).
- ``word-libreoffice.doc``, ``.odt``, ``.rtf``  (the two originals and one number edit) the
  Word file saved by LibreOffice as Word 97–2003 (the format of older UN resolutions on ODS),
  OpenDocument text and RTF, which resdiff reads through LibreOffice;
- ``libreoffice-text.txt``   the Word file saved as plain text by LibreOffice ("Text (encoded)",
  UTF-8: a byte-order mark, one line per paragraph, list labels as text, indented): the
  save-as-text of a word processor. It drops the footnotes and the page header and footer
  (input damage: ``layout_matrix_core.LOST_FOOTNOTES``), the calls stay as digits;
- what other tools make of those files, as users convert them before resdiff sees them:
  ``pandoc-markdown.md`` and ``pandoc-plain.txt`` (``pandoc word.docx -t markdown|plain``:
  footnote calls ``[^1]`` / ``[1]``, notes after the closing, lists, emphasis),
  ``pandoc-web-plain.txt`` (``pandoc web.html -t plain``), ``lynx.txt`` (``lynx -dump``: link
  numbers ``[3]``, calls ``^[2]1``, the "References" list of addresses), ``w3m.txt``
  (``w3m -dump``: calls ``^1``), ``html2text.txt`` (Debian's ``html2text``, which reads the
  page as Latin-1 unless told otherwise: mojibake, starred headings), ``mutool.txt`` and
  ``mutool-libreoffice.txt`` (``mutool draw -F txt`` of ``ods.pdf`` and
  ``word-libreoffice.pdf``: a blank line after each indented first line, a word a line where
  a justified line has wide gaps), and ``email-reply.txt``, the web paste as a plain-text
  e-mail reply quotes it (rewrapped at 72 columns by ``fold -s``, each line then quoted with
  ``>``, an attribution line above it and the replier's signature below, both constructed);
  ``pdfium.txt``, ``ods.pdf`` as PDFium (the PDF engine of Chrome's and Edge's viewers, through
  pypdfium2) reads it: CRLF, no page marks, the masthead's cells on one line, the first
  page's footer above the heading; ``pdfium-libreoffice.txt`` and ``pdfium-chromium.txt``,
  the same of ``word-libreoffice.pdf`` (a raised footnote call ends its line: ``,`` or the
  rest of the line on the next) and of ``web-chromium.pdf`` (the browser's header and footer
  joined into two lines at the end of each page); ``pdfminer.txt``,
  ``pdfminer-libreoffice.txt`` and ``pdfminer-chromium.txt``, the same three PDFs as
  pdfminer.six reads them (``pdf2txt.py``, and the Python tools built on its
  ``extract_text``): a text box a paragraph with a blank line after it, where a hanging first
  line is a box of its own, so an operative number or sub-item letter comes *after* the
  first line of its paragraph, and a widely spaced justified line falls apart into boxes;
  ``pandoc-gfm.md`` and ``pandoc-web-gfm.md`` (``pandoc word.docx|web.html -t gfm``: GitHub
  Markdown has numbered lists only, so pandoc writes the lettered sub-items ``1)``, ``2)`` …:
  the letters are lost in the input), ``lynx-libreoffice.txt`` and ``w3m-libreoffice.txt``
  (the dumps of ``word-libreoffice.html``: LibreOffice's footnote anchors, page header and
  footer), ``mutool-convert.txt`` (``mutool convert -F text`` of ``ods.pdf``: MuPDF's
  converter, which unlike ``mutool draw`` sets no blank line after a block),
  ``mutool-chromium.txt`` (``mutool draw -F txt`` of ``web-chromium.pdf``) and
  ``chromium-copy.txt``, a copy of ``web.html`` from the browser: the rendered page's
  ``innerText`` from headless Chromium (``--dump-dom`` of the page with a script that puts
  ``document.body.innerText`` in its place), a line per paragraph or list item; list numbers
  and letters are drawn by the browser, not text, so they are lost in the input.

and ``tests/layouts/manifest.json`` (texts, layouts, which text each variant comes from).
Every file of a constructed text is under a folder named ``constructed-…`` and, where the
layout has room for it, says so in a header line or in the page furniture.

Everything is deterministic: random damage uses seeds derived from (text, layout), reportlab
writes invariant PDFs, tesseract runs with one thread.

Usage: python scripts/make_layout_matrix.py [--no-ocr] [--no-typesetters] [--text NAME ...]
(needs reportlab, Pillow and python-docx from the ``dev`` extra, poppler-utils,
tesseract-ocr-fra/eng, LibreOffice Writer, Chromium, and pandoc, lynx, w3m, html2text and
mupdf-tools for the converters). ``--no-ocr`` keeps the committed OCR outputs,
``--no-typesetters`` the LibreOffice and Chromium ones, ``--no-converters`` the other tools'
ones, and rewrites everything else.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.golden_format import GOLDEN_DIR, GoldenUnit, read_golden  # noqa: E402

OUT_DIR = ROOT / "tests" / "layouts"
CASES_DIR = ROOT / "tests" / "cases"

# Texts whose scan is OCRed (OCR is slow: the originals and one number edit per language).
OCR_TEXTS = (
    "E-RES-2021-25.fr",
    "constructed-en",
    "constructed-number-date-changed",
    "constructed-op-verb-changed",
    "constructed-en-number-date-changed",
)
SCAN_PDF_TEXTS = ("E-RES-2021-25.fr",)


# --- the texts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Furniture:
    """What the ODS page furniture prints for a text (all made up for constructed texts)."""

    symbol: str  # masthead and running headers
    job: str  # "21-10785 (F)"
    job_date: str  # "250821"
    distr_date: str  # "25 août 2021"
    session: tuple[str, str]  # "Session de 2021", "23 juillet 2020-22 juillet 2021"
    agenda: str
    adopted: str  # "Résolution adoptée par le Conseil économique et social le 22 juillet 2021"
    recommendation: str
    notice: str | None  # constructed texts: printed in the foot band of every page


@dataclass(frozen=True, slots=True)
class Text:
    """One text of the matrix."""

    name: str
    units: tuple[GoldenUnit, ...]
    lang: str  # "fr" or "en"
    constructed: bool
    furniture: Furniture
    original: str | None = None  # the text a variant was made from (its case's old side)
    case: str | None = None  # tests/cases/<case> for a variant


FR_NOTICE = "TEXTE CONSTRUIT POUR LES TESTS — CE N’EST PAS UN DOCUMENT DE L’ONU"
EN_NOTICE = "CONSTRUCTED TEXT FOR TESTS — NOT A UN DOCUMENT"

# The real resolution's page furniture, modelled on the ODS print of E/RES/2021/25 (job number
# and issue date as the issue quotes them; the rest is the layout every ECOSOC resolution has).
FR_REAL = Furniture(
    symbol="E/RES/2021/25",
    job="21-10785 (F)",
    job_date="250821",
    distr_date="25 août 2021",
    session=("Session de 2021", "23 juillet 2020-22 juillet 2021"),
    agenda="Point 19 c) de l’ordre du jour",
    adopted="Résolution adoptée par le Conseil économique et social le 22 juillet 2021",
    recommendation="[sur la recommandation de la Commission pour la prévention du crime et la "
    "justice pénale (E/2021/30)]",
    notice=None,
)
# Constructed variants of the French text: no real symbol or job number in the furniture.
FR_CONSTRUCTED = Furniture(
    symbol="CONSTRUIT",
    job="91-10785 (F)",
    job_date="250891",
    distr_date="25 août 2021",
    session=FR_REAL.session,
    agenda=FR_REAL.agenda,
    adopted=FR_REAL.adopted,
    recommendation=FR_REAL.recommendation,
    notice=FR_NOTICE,
)
# The constructed English resolution (E/RES/2091/7, see its golden header): all made up.
EN_CONSTRUCTED = Furniture(
    symbol="E/RES/2091/7",
    job="91-20917 (E)",
    job_date="010891",
    distr_date="1 August 2091",
    session=("2091 session", "23 July 2090–22 July 2091"),
    agenda="Agenda item 19 (c)",
    adopted="Resolution adopted by the Economic and Social Council on 22 July 2091",
    recommendation="[on the recommendation of the Commission on Crime Prevention and "
    "Criminal Justice (E/2091/30)]",
    notice=EN_NOTICE,
)

# Where each footnote call sits: footnote number -> (word it follows, occurrence: 0 first,
# -1 last), in whichever unit carries the reference. Read off the print of E/RES/2021/25 for
# French. Footnote 4 (called in pp19) has no text in the golden transcription (the seed lost
# it), so its call is not printed.
MARKS = {
    "fr": {1: ("personnes", -1), 2: ("organisée", 0), 3: ("enfants", -1)},
    "en": {1: ("Harm", -1), 2: ("Secretary-General", 0), 3: ("Justice”", 0)},
}


def load_texts() -> list[Text]:
    """The originals and every constructed variant in tests/cases/."""
    fr = tuple(read_golden(GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt"))
    en = tuple(read_golden(GOLDEN_DIR / "constructed-en.golden.txt"))
    texts = [
        Text("E-RES-2021-25.fr", fr, "fr", False, FR_REAL),
        Text("constructed-en", en, "en", True, EN_CONSTRUCTED),
    ]
    for case in sorted(CASES_DIR.glob("constructed-*")):
        english = case.name.startswith("constructed-en-")
        texts.append(
            Text(
                case.name,
                tuple(read_golden(case / "new.units.txt")),
                "en" if english else "fr",
                True,
                EN_CONSTRUCTED if english else FR_CONSTRUCTED,
                original="constructed-en" if english else "E-RES-2021-25.fr",
                case=case.name,
            )
        )
    return texts


# --- paragraphs with footnote calls ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A word as printed: its text, the footnote call right after it, and what follows."""

    text: str
    call: int | None = None
    tail: str = ""  # punctuation after the call ("," of "personnes1,")


@dataclass(frozen=True, slots=True)
class Para:
    """A printed paragraph: kind, label and words."""

    kind: str
    label: str | None
    words: tuple[Piece, ...]
    id: str = ""

    def plain(self, call: str = "digits") -> str:
        """The paragraph text without its label; calls as digits, superscripts or dropped."""
        return " ".join(render_piece(p, call) for p in self.words)


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_TAIL_RE = re.compile(r"^(.*?)([,;.:]*)$")


def render_piece(piece: Piece, call: str) -> str:
    if piece.call is None or call == "none":
        return piece.text + piece.tail
    mark = str(piece.call)
    if call == "superscripts":
        mark = mark.translate(_SUPERSCRIPTS)
    return piece.text + mark + piece.tail


def paragraphs(text: Text) -> tuple[list[Para], list[Para], Para | None]:
    """The body paragraphs (title … last operative), the footnotes, and the closing."""
    notes = {int(u.label or u.id[2:]): u for u in text.units if u.kind == "footnote"}
    body: list[Para] = []
    closing: Para | None = None
    for unit in text.units:
        if unit.kind == "footnote":
            continue
        words = [Piece(w) for w in unit.text.split(" ")]
        for ref in unit.refs:
            if ref not in notes:
                continue  # footnote 4: no text in the golden transcription, no call printed
            anchor, which = MARKS[text.lang][ref]
            spots = [i for i, w in enumerate(words) if _TAIL_RE.match(w.text)[1] == anchor]  # type: ignore[index]
            at = spots[which] if spots else len(words) - 1
            head, tail = _TAIL_RE.match(words[at].text).groups()  # type: ignore[union-attr]
            words[at] = Piece(head, ref, tail)
        para = Para(unit.kind, unit.label, tuple(words), unit.id)
        if unit.kind == "closing":
            closing = para
        else:
            body.append(para)
    footnotes = [
        Para("footnote", str(n), tuple(Piece(w) for w in u.text.split(" ")), u.id)
        for n, u in sorted(notes.items())
    ]
    return body, footnotes, closing


def header_lines(text: Text) -> list[str]:
    """A header line for a constructed text, where the layout has room for one."""
    if not text.constructed:
        return []
    notice = EN_NOTICE if text.lang == "en" else FR_NOTICE
    return [f"{notice} ({text.name})"]


# --- plain-text layouts ---------------------------------------------------------------------


def labelled(para: Para, call: str = "digits", sep: str = " ") -> str:
    body = para.plain(call)
    return f"{para.label}{sep}{body}" if para.label else body


def closing_lines(closing: Para | None) -> list[str]:
    return closing.plain("none").split("\n") if closing else []


def web_paste(text: Text) -> str:
    """One physical line per paragraph, no blank lines, footnotes after the closing."""
    body, notes, closing = paragraphs(text)
    lines = header_lines(text) + [labelled(p) for p in body] + closing_lines(closing)
    lines += [labelled(n) for n in notes]
    return "\n".join(lines) + "\n"


def superscript_paste(text: Text) -> str:
    """One line per paragraph, Unicode superscript calls, footnotes after the closing."""
    body, notes, closing = paragraphs(text)
    lines = header_lines(text) + [labelled(p, "superscripts") for p in body]
    lines += closing_lines(closing) + [labelled(n, "superscripts") for n in notes]
    return "\n".join(lines) + "\n"


_NBSP_RE = re.compile(r" ([;:?!])")


def word_paste(text: Text) -> str:
    """CRLF, a tab after labels, no-break spaces in French, footnotes before the closing."""
    body, notes, closing = paragraphs(text)
    lines = header_lines(text) + [labelled(p, sep="\t") for p in body]
    lines += [labelled(n, sep="\t") for n in notes] + closing_lines(closing)
    if text.lang == "fr":
        lines = [_NBSP_RE.sub("\u00a0\\1", line) for line in lines]
    return "\r\n".join(lines) + "\r\n"


def blocks_with_notes(text: Text, *, before_closing: bool) -> str:
    """Blank line between paragraphs; footnotes collected before or after the closing."""
    body, notes, closing = paragraphs(text)
    blocks = ["\n".join(header_lines(text))] if text.constructed else []
    blocks += [labelled(p) for p in body]
    note_block = "\n".join(labelled(n) for n in notes)
    closing_block = "\n".join(closing_lines(closing))
    blocks += [note_block, closing_block] if before_closing else [closing_block, note_block]
    return "\n\n".join(blocks) + "\n"


# --- the PDF typesetter ---------------------------------------------------------------------

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
LEFT, RIGHT = 72.0, 523.0
TAB = 28.35  # 1 cm: the indent and tab stop of ODS documents
BODY_TOP = 96.0  # later pages: below the running header (distances from the top)
BODY_BOTTOM = 760.0
CALL_RISE = 3.6


@dataclass(frozen=True, slots=True)
class Style:
    """Fonts and measures of one typesetting (the text-layer PDF, or the scan's source)."""

    regular: str
    italic: str
    bold: str
    size: float = 10.0
    leading: float = 12.0
    note_size: float = 8.0
    note_leading: float = 9.5
    call_size: float = 6.5
    gap: float = 6.0  # space between paragraphs

    def register(self) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for path in (self.regular, self.italic, self.bold):
            name = Path(path).stem
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif"
LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSerif"
TEXT_STYLE = Style(f"{DEJAVU}.ttf", f"{DEJAVU}-Italic.ttf", f"{DEJAVU}-Bold.ttf")
SCAN_STYLE = Style(
    f"{LIBERATION}-Regular.ttf",
    f"{LIBERATION}-Italic.ttf",
    f"{LIBERATION}-Bold.ttf",
    size=11.0,
    leading=14.5,
    note_size=9.0,
    note_leading=11.0,
    call_size=7.0,
    gap=8.0,
)


def font(style: Style, which: str) -> str:
    return Path(getattr(style, which)).stem


@dataclass(slots=True)
class Run:
    """Printed words of a line: (text, font name, size, call)."""

    text: str
    font: str
    size: float
    call: int | None = None
    tail: str = ""


@dataclass(slots=True)
class PLine:
    """One laid-out line: runs from x to right, justified or not, and its calls."""

    runs: list[Run]
    x: float
    right: float
    justify: bool
    label: Run | None = None  # a label at its own x (operative number, sub-item letter)
    label_x: float = 0.0
    calls: list[int] = field(default_factory=list)
    right_align: bool = False
    raised_label: bool = False  # footnote number: small and raised, on the text's baseline


def run_width(run: Run) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = stringWidth(run.text, run.font, run.size)
    if run.call is not None:
        width += stringWidth(str(run.call), run.font.replace("-Italic", ""), run.size * 0.65)
    return width + stringWidth(run.tail, run.font, run.size)


def wrap(runs: list[Run], first_x: float, next_x: float, right: float) -> list[PLine]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[PLine] = []
    current: list[Run] = []
    x, used = first_x, 0.0
    for run in runs:
        space = stringWidth(" ", run.font, run.size)
        width = run_width(run)
        if current and x + used + space + width > right:
            lines.append(PLine(current, x, right, justify=True))
            current, x, used = [], next_x, 0.0
        used += (space if current else 0.0) + width
        current.append(run)
    if current:
        lines.append(PLine(current, x, right, justify=False))
    for line in lines:
        line.calls = [r.call for r in line.runs if r.call is not None]
    return lines


def runs_of(
    para: Para, style: Style, *, italic_words: int = 0, which: str = "regular"
) -> list[Run]:
    size = style.note_size if para.kind == "footnote" else style.size
    out = []
    for index, piece in enumerate(para.words):
        face = "italic" if index < italic_words else which
        out.append(Run(piece.text, font(style, face), size, piece.call, piece.tail))
    return out


def layout_paragraph(para: Para, style: Style, lang: str) -> tuple[list[PLine], float]:
    """Lines of one body paragraph and the space above it."""
    label = Run(para.label, font(style, "bold" if para.kind == "title" else "regular"),
                style.size) if para.label else None  # fmt: skip
    if para.kind == "title":
        lines = wrap(runs_of(para, style, which="bold"), LEFT + 2 * TAB, LEFT + 2 * TAB, RIGHT)
        for line in lines:
            line.justify = False
        lines[0].label, lines[0].label_x = label, LEFT
        return lines, 0.0
    if para.kind == "operative":
        lines = wrap(runs_of(para, style), LEFT + 2 * TAB, LEFT, RIGHT)
        lines[0].label, lines[0].label_x = label, LEFT + TAB
        return lines, style.gap
    if para.kind == "subitem":
        lines = wrap(runs_of(para, style), LEFT + 2 * TAB, LEFT + TAB, RIGHT)
        lines[0].label, lines[0].label_x = label, LEFT + TAB
        return lines, style.gap
    italic = 1 if para.kind == "preambular" else 0
    if para.kind == "preambular":
        italic = preamble_opening(para, lang)
    lines = wrap(runs_of(para, style, italic_words=italic), LEFT + TAB, LEFT, RIGHT)
    return lines, style.gap


# Opening words the print sets in italics (longest first); the first word otherwise.
_OPENINGS = {
    "fr": ("Prenant note également", "Prenant note", "Conscient également", "Rappelant également",
           "Condamnant de nouveau énergiquement", "Exprimant sa vive inquiétude",
           "Attendant avec intérêt", "Se félicitant", "Se réjouissant"),
    "en": ("Recalling also", "Reaffirming also", "Noting with concern", "Noting with deep concern",
           "Deeply concerned", "Welcoming also", "Taking note also", "Taking note",
           "Stressing also", "Mindful of"),
}  # fmt: skip


def preamble_opening(para: Para, lang: str) -> int:
    text = para.plain("none")
    for opening in sorted(_OPENINGS[lang], key=len, reverse=True):
        if text.startswith(opening + " "):
            return len(opening.split(" "))
    return 1


def layout_footnote(note: Para, style: Style) -> list[PLine]:
    lines = wrap(runs_of(note, style), LEFT + TAB, LEFT + TAB, RIGHT)
    lines[-1].justify = False
    number = Run(note.label or "", font(style, "regular"), style.call_size)
    lines[0].label, lines[0].label_x, lines[0].raised_label = number, LEFT + TAB - 8, True
    return lines


def layout_closing(closing: Para | None, style: Style) -> list[PLine]:
    out = []
    for text in closing_lines(closing):
        run = Run(text, font(style, "regular"), style.size)
        out.append(PLine([run], LEFT, RIGHT, justify=False, right_align=True))
    return out


@dataclass(slots=True)
class PageContent:
    body: list[tuple[float, PLine]] = field(default_factory=list)  # (baseline from top, line)
    notes: list[PLine] = field(default_factory=list)


def paginate(text: Text, style: Style, first_top: float) -> list[PageContent]:
    body, notes, closing = paragraphs(text)
    note_by_number = {int(n.label or 0): n for n in notes}
    laid = [layout_paragraph(p, style, text.lang) for p in body]
    laid.append((layout_closing(closing, style), style.gap * 2))
    pages = [PageContent()]
    y = first_top
    for lines, before in laid:
        page = pages[-1]
        y += before if page.body else 0.0
        # Keep the first two lines of a paragraph together (no orphans).
        for index, line in enumerate(lines):
            extra = [ln for n in line.calls if n in note_by_number
                     for ln in layout_footnote(note_by_number[n], style)]  # fmt: skip
            notes_h = (len(page.notes) + len(extra)) * style.note_leading
            notes_h += 3 * style.note_leading if page.notes or extra else 0.0
            need = style.leading * (2 if index == 0 and len(lines) > 1 else 1)
            if y + need > BODY_BOTTOM - notes_h:
                pages.append(PageContent())
                page, y = pages[-1], BODY_TOP
            y += style.leading
            page.body.append((y, line))
            page.notes += extra
    return pages


def draw_line(canvas: object, line: PLine, baseline: float, style: Style) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c = canvas
    y = PAGE_H - baseline
    if line.label is not None:
        rise = CALL_RISE if line.raised_label else 0.0
        c.setFont(line.label.font, line.label.size)  # type: ignore[attr-defined]
        c.drawString(line.label_x, y + rise, line.label.text)  # type: ignore[attr-defined]
    widths = [run_width(r) for r in line.runs]
    spaces = [stringWidth(" ", r.font, r.size) for r in line.runs]
    natural = sum(widths) + sum(spaces[:-1])
    if line.right_align:
        x = line.right - natural - 40
        gap_extra = 0.0
    else:
        x = line.x
        gaps = len(line.runs) - 1
        gap_extra = (line.right - line.x - natural) / gaps if line.justify and gaps else 0.0
    for index, run in enumerate(line.runs):
        c.setFont(run.font, run.size)  # type: ignore[attr-defined]
        c.drawString(x, y, run.text)  # type: ignore[attr-defined]
        x += stringWidth(run.text, run.font, run.size)
        if run.call is not None:
            call_font = run.font.replace("-Italic", "").replace("-Bold", "")
            if call_font.endswith("LiberationSerif"):
                call_font += "-Regular"
            call_size = style.call_size
            c.setFont(call_font, call_size)  # type: ignore[attr-defined]
            c.drawString(x, y + CALL_RISE, str(run.call))  # type: ignore[attr-defined]
            x += stringWidth(str(run.call), call_font, call_size)
        if run.tail:
            c.setFont(run.font, run.size)  # type: ignore[attr-defined]
            c.drawString(x, y, run.tail)  # type: ignore[attr-defined]
            x += stringWidth(run.tail, run.font, run.size)
        x += spaces[index] + gap_extra


def title_lines(text: Text) -> list[str]:
    """The title on two lines, for the running headers."""
    title = next(u.text for u in text.units if u.kind == "title")
    words = title.split(" ")
    half = len(words) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


def barcode_text(job: str) -> str:
    return "*" + job.split(" ")[0].replace("-", "") + "*"


def draw_furniture(c: object, text: Text, style: Style, number: int, total: int) -> None:
    from reportlab.graphics.barcode.code39 import Standard39

    f = text.furniture
    regular, bold, italic = font(style, "regular"), font(style, "bold"), font(style, "italic")
    fr = text.lang == "fr"
    if number == 1:
        c.setFont(bold, 15)  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 62, "Nations Unies" if fr else "United Nations")  # type: ignore[attr-defined]
        c.setFont(bold, 14)  # type: ignore[attr-defined]
        c.drawRightString(RIGHT, PAGE_H - 62, f.symbol)  # type: ignore[attr-defined]
        c.setLineWidth(1.5)  # type: ignore[attr-defined]
        c.line(LEFT, PAGE_H - 70, RIGHT, PAGE_H - 70)  # type: ignore[attr-defined]
        c.setFont(bold, 13)  # type: ignore[attr-defined]
        body = "Conseil économique et social" if fr else "Economic and Social Council"
        c.drawString(LEFT + 60, PAGE_H - 92, body)  # type: ignore[attr-defined]
        c.setFont(regular, 9)  # type: ignore[attr-defined]
        distr = "Distr. : générale" if fr else "Distr.: General"
        c.drawString(RIGHT - 110, PAGE_H - 86, distr)  # type: ignore[attr-defined]
        c.drawString(RIGHT - 110, PAGE_H - 97, f.distr_date)  # type: ignore[attr-defined]
        c.setLineWidth(0.75)  # type: ignore[attr-defined]
        c.line(LEFT, PAGE_H - 108, RIGHT, PAGE_H - 108)  # type: ignore[attr-defined]
        c.setFont(bold, 9)  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 124, f.session[0])  # type: ignore[attr-defined]
        c.setFont(regular, 9)  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 135, f.session[1])  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 146, f.agenda)  # type: ignore[attr-defined]
        c.setFont(bold, 11)  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 172, f.adopted)  # type: ignore[attr-defined]
        c.setFont(regular, 9)  # type: ignore[attr-defined]
        c.drawString(LEFT, PAGE_H - 185, f.recommendation)  # type: ignore[attr-defined]
        # Foot of the first page: job number and date, barcode, recycling note.
        c.setFont(regular, 8)  # type: ignore[attr-defined]
        c.drawString(LEFT, 58, f"{f.job}    {f.job_date}")  # type: ignore[attr-defined]
        bars = Standard39(barcode_text(f.job)[1:-1], barHeight=16, barWidth=0.7, stop=1)
        bars.drawOn(c, LEFT - 10, 32)
        c.setFont(regular, 9)  # type: ignore[attr-defined]
        c.drawString(LEFT + 8, 22, barcode_text(f.job))  # type: ignore[attr-defined]
        c.setFont(italic, 7)  # type: ignore[attr-defined]
        c.drawRightString(RIGHT, 40, "Merci de recycler" if fr else "Please recycle")  # type: ignore[attr-defined]
    else:
        # Running header: symbol on the outer side, the title on two lines beside it.
        even = number % 2 == 0
        c.setFont(bold, 10)  # type: ignore[attr-defined]
        first, second = title_lines(text)
        if even:
            c.drawString(LEFT, PAGE_H - 52, f.symbol)  # type: ignore[attr-defined]
            c.setFont(regular, 8)  # type: ignore[attr-defined]
            c.drawRightString(RIGHT, PAGE_H - 46, first)  # type: ignore[attr-defined]
            c.drawRightString(RIGHT, PAGE_H - 56, second)  # type: ignore[attr-defined]
        else:
            c.drawRightString(RIGHT, PAGE_H - 52, f.symbol)  # type: ignore[attr-defined]
            c.setFont(regular, 8)  # type: ignore[attr-defined]
            c.drawString(LEFT, PAGE_H - 46, first)  # type: ignore[attr-defined]
            c.drawString(LEFT, PAGE_H - 56, second)  # type: ignore[attr-defined]
        c.setLineWidth(0.5)  # type: ignore[attr-defined]
        c.line(LEFT, PAGE_H - 62, RIGHT, PAGE_H - 62)  # type: ignore[attr-defined]
        c.line(LEFT, 52, RIGHT, 52)  # type: ignore[attr-defined]
        c.setFont(bold, 9)  # type: ignore[attr-defined]
        job = f.job.split(" ")[0]
        if even:
            c.drawString(LEFT, 40, f"{number}/{total}")  # type: ignore[attr-defined]
            c.setFont(regular, 8)  # type: ignore[attr-defined]
            c.drawRightString(RIGHT, 40, job)  # type: ignore[attr-defined]
        else:
            c.setFont(regular, 8)  # type: ignore[attr-defined]
            c.drawString(LEFT, 40, job)  # type: ignore[attr-defined]
            c.setFont(bold, 9)  # type: ignore[attr-defined]
            c.drawRightString(RIGHT, 40, f"{number}/{total}")  # type: ignore[attr-defined]
    if f.notice:
        c.setFont(italic, 6)  # type: ignore[attr-defined]
        c.drawCentredString(PAGE_W / 2, 14, f"{f.notice} ({text.name})")  # type: ignore[attr-defined]


def make_pdf(text: Text, style: Style) -> bytes:
    """Typeset a text as an ODS print (reportlab canvas, invariant output)."""
    from reportlab.pdfgen.canvas import Canvas

    style.register()
    pages = paginate(text, style, first_top=200.0)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=True)
    constructed = " (CONSTRUCTED for tests, not a UN document)" if text.constructed else ""
    c.setTitle(f"{text.name}{constructed}")
    c.setCreator("resdiff scripts/make_layout_matrix.py (reportlab)")
    c.setSubject(
        "Constructed text for resdiff's tests; not a UN document"
        if text.constructed
        else "Rendering of resdiff's hand-corrected transcription of E/RES/2021/25 "
        "(page furniture modelled on the ODS print)"
    )
    for number, page in enumerate(pages, start=1):
        draw_furniture(c, text, style, number, len(pages))
        for baseline, line in page.body:
            draw_line(c, line, baseline, style)
        if page.notes:
            top = BODY_BOTTOM - len(page.notes) * style.note_leading
            c.setFont(font(style, "regular"), style.note_size)
            c.drawString(LEFT, PAGE_H - top + 2, "_" * 18)
            for index, line in enumerate(page.notes, start=1):
                draw_line(c, line, top + index * style.note_leading + 4, style)
        c.showPage()
    c.save()
    return buffer.getvalue()


def printed_lines(text: Text) -> list[list[str]]:
    """The body lines of the text-layer PDF, per paragraph, as plain text (no furniture)."""
    style = TEXT_STYLE
    style.register()
    body, notes, closing = paragraphs(text)
    out: list[list[str]] = []
    for para in body:
        lines, _ = layout_paragraph(para, style, text.lang)
        out.append([line_text(line) for line in lines])
    out.append(closing_lines(closing))
    out.append([line_text(ln) for n in notes for ln in layout_footnote(n, style)])
    return out


def line_text(line: PLine) -> str:
    words = " ".join(render_piece(Piece(r.text, r.call, r.tail), "digits") for r in line.runs)
    if line.label is not None:
        return f"{line.label.text} {words}"
    return words


# --- damaged texts --------------------------------------------------------------------------


def seeded(text: Text, layout: str) -> random.Random:
    digest = hashlib.sha256(f"{text.name}/{layout}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def stray_spaces(text: Text, share: float = 0.2) -> str:
    """The PDF's printed lines, stray spaces inside words in ``share`` of them."""
    rng = seeded(text, "stray-spaces")
    blocks = ["\n".join(header_lines(text))] if text.constructed else []
    for lines in printed_lines(text):
        damaged = []
        for line in lines:
            if rng.random() < share:
                words = line.split(" ")
                for i, word in enumerate(words):
                    letters = [j for j in range(2, len(word) - 1) if word[j - 1 : j + 1].isalpha()]
                    if len(word) >= 6 and letters and rng.random() < 0.5:
                        cut = rng.choice(letters)
                        words[i] = word[:cut] + " " + word[cut:]
                line = " ".join(words)
            damaged.append(line)
        blocks.append("\n".join(damaged))
    return "\n\n".join(blocks) + "\n"


_VOWELS = set("aeiouyàâéèêëîïôûùœæAEIOUY")


def hyphen_points(word: str) -> list[int]:
    """Where a long word may break: between a vowel and a consonant-vowel pair, 3+ from ends."""
    if not word.isalpha() or len(word) < 7:
        return []
    return [
        i
        for i in range(3, len(word) - 3)
        if word[i - 1] in _VOWELS and word[i] not in _VOWELS and word[i + 1] in _VOWELS
    ]


def hyphenated(text: Text, measure: int = 42) -> str:
    """A narrow measure with line-end hyphenation (and breaks after real hyphens)."""
    body, notes, closing = paragraphs(text)
    blocks = ["\n".join(header_lines(text))] if text.constructed else []
    for para in body:
        blocks.append("\n".join(break_lines(labelled(para), measure)))
    blocks.append("\n".join(closing_lines(closing)))
    blocks.append("\n".join(line for n in notes for line in break_lines(labelled(n), measure)))
    return "\n\n".join(blocks) + "\n"


def break_lines(paragraph: str, measure: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= measure:
            current = candidate
            continue
        room = measure - len(current) - 2 if current else measure - 1
        core, tail = _TAIL_RE.match(word).groups()  # type: ignore[union-attr]
        if "-" in core and current:
            head, _, rest = core.partition("-")
            if len(head) + 1 <= room + 1:
                lines.append(f"{current} {head}-")
                current = rest + tail
                continue
        points = [p for p in hyphen_points(core) if p + 1 <= room]
        if points and current:
            cut = max(points)
            lines.append(f"{current} {core[:cut]}-")
            current = core[cut:] + tail
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


# --- pdftotext and OCR ----------------------------------------------------------------------


def pdftotext(pdf: Path, *options: str) -> str:
    result = subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, check=True,
    )  # fmt: skip
    return result.stdout.decode("utf-8")


def scan_images(text: Text, workdir: Path) -> list[Path]:
    """The fax-quality page images: Liberation Serif PDF, 200 dpi, 1-bit, slightly rotated."""
    from PIL import Image

    pdf = workdir / "scan-source.pdf"
    pdf.write_bytes(make_pdf(text, SCAN_STYLE))
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(pdf), str(workdir / "raw")],
                   check=True)  # fmt: skip
    rng = seeded(text, "scan")
    pages = []
    for raw in sorted(workdir.glob("raw-*.png")):
        image = Image.open(raw).convert("L")
        angle = rng.uniform(0.3, 0.8) * rng.choice((-1, 1))
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        image = image.point(lambda v: 255 if v > 150 else 0).convert("1")
        path = workdir / raw.name.replace("raw-", "page-")
        image.save(path)
        pages.append(path)
    return pages


def tesseract(image: bytes, lang: str, *config: str) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        ["tesseract", "-", "-", "-l", lang, *config], input=image, capture_output=True,
        check=True, env=env,
    )  # fmt: skip
    return result.stdout.decode("utf-8")


def write_scan(text: Text, folder: Path) -> None:
    """scan.txt (tesseract's text of the images) and scan-ocr/*.tsv (resdiff's own route)."""
    from PIL import Image

    from resdiff.ingest.pdf import page_images

    lang = "fra" if text.lang == "fr" else "eng"
    with tempfile.TemporaryDirectory() as tmp:
        images = scan_images(text, Path(tmp))
        reading = "".join(tesseract(path.read_bytes(), lang) for path in images)
        (folder / "scan.txt").write_text(reading, encoding="utf-8")
        frames = [Image.open(path) for path in images]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:],
                       resolution=200)  # fmt: skip
        scan_pdf = buffer.getvalue()
    if text.name in SCAN_PDF_TEXTS:
        (folder / "scan.pdf").write_bytes(scan_pdf)
    tsv_dir = folder / "scan-ocr"
    shutil.rmtree(tsv_dir, ignore_errors=True)
    tsv_dir.mkdir()
    # Exactly what resdiff.ingest.ocr runs on the pages resdiff.ingest.pdf renders.
    for number, png in enumerate(page_images(scan_pdf, text.name), start=1):
        tsv = tesseract(png, lang, "--psm", "3", "tsv")
        (tsv_dir / f"page-{number}.tsv").write_text(tsv, encoding="utf-8")


# --- other typesetters: a word processor and a browser -------------------------------------
#
# A reader tested only on our own typesetting proves that it reads our own typesetting. These
# layouts come from the tools users have: a Word file (python-docx: real footnotes, Word list
# numbering) typeset by LibreOffice, and a web page printed to PDF by Chromium with its own
# margins, headers and footers (date, page title, address, page numbers), each also read
# through pdftotext.

sys.path.insert(0, str(ROOT / "scripts"))
import make_format_fixtures as formats  # noqa: E402

# Where the browser reads the page from (it prints the address in the footer): fixed, so that
# the committed output does not name a random temporary folder.
BROWSER_DIR = Path(tempfile.gettempdir()) / "resdiff-layout-matrix"


def format_blocks(text: Text) -> tuple[list[formats.Block], dict[int, str]]:
    """The text as make_format_fixtures' blocks: ``{fnN}`` after each word a call follows."""
    body, notes, closing = paragraphs(text)
    blocks = []
    for para in (*body, *([closing] if closing else [])):
        words = [p.text + (f"{{fn{p.call}}}" if p.call else "") + p.tail for p in para.words]
        blocks.append(formats.Block(para.kind, para.label, " ".join(words)))
    return blocks, {int(n.label or 0): n.plain("none") for n in notes}


def notice_of(text: Text) -> str:
    if not text.constructed:
        return formats.NOTICE
    return f"{EN_NOTICE if text.lang == 'en' else FR_NOTICE} ({text.name})"


def make_word(text: Text) -> bytes:
    blocks, notes = format_blocks(text)
    furniture = text.furniture
    return formats.make_docx(
        blocks, notes, title=f"{furniture.symbol} ({notice_of(text)})", header=furniture.symbol,
        footer=f"{furniture.job}    {notice_of(text)}", notice=notice_of(text),
    )  # fmt: skip


def make_web(text: Text) -> str:
    blocks, notes = format_blocks(text)
    title = f"{text.furniture.symbol} (constructed)"
    return formats.make_html(blocks, notes, lang=text.lang, title=title, notice=notice_of(text))


def chromium_pdf(html_text: str, name: str, workdir: Path) -> bytes:
    """Chromium's print of a web page to PDF, with the browser's header and footer."""
    BROWSER_DIR.mkdir(exist_ok=True)
    page = BROWSER_DIR / f"{name}.html"
    page.write_text(html_text, encoding="utf-8")
    out = workdir / "browser.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={workdir / 'chromium'}", f"--print-to-pdf={out}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip
    return out.read_bytes()


def libreoffice_convert(source: Path, target: str, workdir: Path) -> bytes:
    """A file LibreOffice converted (``pdf``, ``html``, ``docx:MS Word 2007 XML``…)."""
    profile = (workdir / "profile").as_uri()
    outdir = workdir / target.split(":")[0]
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    return (outdir / f"{source.stem}.{target.split(':')[0]}").read_bytes()


def searchable_scan(text: Text, workdir: Path) -> bytes:
    """The fax-quality scan with tesseract's invisible text layer over each page image, as
    scanners, OCRmyPDF and the UN Digital Library's older documents are."""
    lang = "fra" if text.lang == "fr" else "eng"
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    from PIL import Image

    pages = []
    for image in scan_images(text, workdir):
        base = image.with_suffix("")
        # A scanner records its resolution; without it tesseract takes 70 dpi and makes
        # pages three times too large.
        Image.open(image).save(image, dpi=(200, 200))
        subprocess.run(["tesseract", str(image), str(base), "-l", lang, "pdf"],
                       check=True, capture_output=True, env=env)  # fmt: skip
        pages.append(str(base) + ".pdf")
    out = workdir / "searchable.pdf"
    subprocess.run(["pdfunite", *pages, str(out)], check=True, capture_output=True)
    return out.read_bytes()


# Texts whose searchable scan is committed (the two originals and one number edit: 0.4
# megabytes each).
SEARCHABLE_TEXTS = ("E-RES-2021-25.fr", "constructed-en", "constructed-number-date-changed")


def write_typesetters(text: Text, folder: Path) -> None:
    """The layouts of TYPESETTER_LAYOUTS (see the module docstring)."""
    (folder / "word.docx").write_bytes(make_word(text))
    (folder / "web.html").write_text(make_web(text), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pdf = folder / "word-libreoffice.pdf"
        pdf.write_bytes(libreoffice_convert(folder / "word.docx", "pdf", work))
        (folder / "word-libreoffice-pdftotext.txt").write_text(pdftotext(pdf), encoding="utf-8")
        (folder / "word-libreoffice.html").write_bytes(
            libreoffice_convert(folder / "word.docx", "html", work)
        )
        odt = work / "word.odt"
        odt.write_bytes(libreoffice_convert(folder / "word.docx", "odt", work))
        (folder / "word-libreoffice.docx").write_bytes(
            libreoffice_convert(odt, "docx:MS Word 2007 XML", work)
        )
        pdf = folder / "web-chromium.pdf"
        pdf.write_bytes(chromium_pdf(make_web(text), text.name, work))
        (folder / "web-chromium-pdftotext.txt").write_text(pdftotext(pdf), encoding="utf-8")
        if text.name in SEARCHABLE_TEXTS:
            scan = folder / "scan-searchable.pdf"
            scan.write_bytes(searchable_scan(text, work))
            raw = pdftotext(scan, "-raw")
            (folder / "scan-searchable-pdftotext-raw.txt").write_text(raw, encoding="utf-8")
    write_office_formats(text, folder)
    write_plain_text_save(folder)


def write_plain_text_save(folder: Path) -> None:
    """``libreoffice-text.txt``: the Word file saved as plain text by LibreOffice."""
    with tempfile.TemporaryDirectory() as tmp:
        saved = libreoffice_convert(folder / "word.docx", "txt:Text (encoded):UTF8", Path(tmp))
    (folder / "libreoffice-text.txt").write_bytes(saved)


# Texts saved in the formats resdiff reads through LibreOffice (each read costs a LibreOffice
# start, about 2 s, so not every text has them).
OFFICE_TEXTS = SEARCHABLE_TEXTS
OFFICE_LAYOUTS = ("word-libreoffice.doc", "word-libreoffice.odt", "word-libreoffice.rtf")


def write_office_formats(text: Text, folder: Path) -> None:
    """``word.docx`` saved by LibreOffice as .doc (Word 97–2003), .odt and .rtf."""
    if text.name not in OFFICE_TEXTS:
        return
    with tempfile.TemporaryDirectory() as tmp:
        for layout in OFFICE_LAYOUTS:
            target = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf"}[layout.split(".")[-1]]
            converted = libreoffice_convert(folder / "word.docx", target, Path(tmp))
            (folder / layout).write_bytes(converted)


TYPESETTER_LAYOUTS = (
    "word.docx",
    "word-libreoffice.pdf",
    "word-libreoffice-pdftotext.txt",
    "word-libreoffice.html",
    "word-libreoffice.docx",
    "web.html",
    "web-chromium.pdf",
    "web-chromium-pdftotext.txt",
    "scan-searchable.pdf",
    "scan-searchable-pdftotext-raw.txt",
    *OFFICE_LAYOUTS,
    "libreoffice-text.txt",
)


# --- other tools' conversions -------------------------------------------------------------

CONVERTER_LAYOUTS = (
    "pandoc-markdown.md",
    "pandoc-plain.txt",
    "pandoc-web-plain.txt",
    "lynx.txt",
    "w3m.txt",
    "html2text.txt",
    "mutool.txt",
    "mutool-libreoffice.txt",
    "email-reply.txt",
    "pdfium.txt",
    "pdfium-libreoffice.txt",
    "pdfium-chromium.txt",
    "pdfminer.txt",
    "pdfminer-libreoffice.txt",
    "pdfminer-chromium.txt",
    "pandoc-gfm.md",
    "pandoc-web-gfm.md",
    "lynx-libreoffice.txt",
    "w3m-libreoffice.txt",
    "mutool-convert.txt",
    "mutool-chromium.txt",
    "chromium-copy.txt",
)


def run_tool(*command: str) -> bytes:
    """A converter's standard output, in the C locale (lynx translates its "References")."""
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    return subprocess.run(command, check=True, capture_output=True, env=env).stdout


def write_converters(text: Text, folder: Path) -> None:
    """The layouts of CONVERTER_LAYOUTS (see the module docstring)."""
    BROWSER_DIR.mkdir(exist_ok=True)
    page = BROWSER_DIR / f"{text.name}.html"  # a fixed address for lynx's link list
    page.write_bytes((folder / "web.html").read_bytes())
    office_page = BROWSER_DIR / f"{text.name}-libreoffice.html"
    office_page.write_bytes((folder / "word-libreoffice.html").read_bytes())
    docx = str(folder / "word.docx")
    outputs = {
        "pandoc-markdown.md": run_tool("pandoc", docx, "-t", "markdown"),
        "pandoc-plain.txt": run_tool("pandoc", docx, "-t", "plain"),
        "pandoc-web-plain.txt": run_tool("pandoc", str(page), "-t", "plain"),
        "lynx.txt": run_tool("lynx", "-dump", "-width=80", "-display_charset=utf-8", str(page)),
        "w3m.txt": run_tool("w3m", "-dump", "-cols", "80", "-O", "UTF-8", str(page)),
        "html2text.txt": run_tool("html2text", str(page)),
        "mutool.txt": run_tool("mutool", "draw", "-q", "-F", "txt", str(folder / "ods.pdf")),
        "mutool-libreoffice.txt": run_tool(
            "mutool", "draw", "-q", "-F", "txt", str(folder / "word-libreoffice.pdf")
        ),
        "email-reply.txt": email_reply(run_tool("fold", "-s", "-w", "72", str(folder / "web.txt"))),
        "pdfium.txt": pdfium_text(folder / "ods.pdf"),
        "pdfium-libreoffice.txt": pdfium_text(folder / "word-libreoffice.pdf"),
        "pdfium-chromium.txt": pdfium_text(folder / "web-chromium.pdf"),
        "pdfminer.txt": pdfminer_text(folder / "ods.pdf"),
        "pdfminer-libreoffice.txt": pdfminer_text(folder / "word-libreoffice.pdf"),
        "pdfminer-chromium.txt": pdfminer_text(folder / "web-chromium.pdf"),
        "pandoc-gfm.md": run_tool("pandoc", docx, "-t", "gfm"),
        "pandoc-web-gfm.md": run_tool("pandoc", str(page), "-t", "gfm"),
        "lynx-libreoffice.txt": run_tool(
            "lynx", "-dump", "-width=80", "-display_charset=utf-8", str(office_page)
        ),
        "w3m-libreoffice.txt": run_tool(
            "w3m", "-dump", "-cols", "80", "-O", "UTF-8", str(office_page)
        ),
        "mutool-convert.txt": mutool_convert(folder / "ods.pdf"),
        "mutool-chromium.txt": run_tool(
            "mutool", "draw", "-q", "-F", "txt", str(folder / "web-chromium.pdf")
        ),
        "chromium-copy.txt": chromium_inner_text(page),
    }
    for layout, output in outputs.items():
        (folder / layout).write_bytes(output)


def mutool_convert(pdf: Path) -> bytes:
    """``mutool convert -F text`` of a PDF (MuPDF's document converter: unlike ``mutool draw``,
    no blank line after each block, lines of a block as the page sets them)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.txt"
        run_tool("mutool", "convert", "-F", "text", "-o", str(out), str(pdf))
        return out.read_bytes()


# Run in the page once it is loaded: replace the body with its own innerText, so that
# ``--dump-dom`` hands back the text Chromium makes of the rendered page.
_INNER_TEXT_SCRIPT = (
    "<script>addEventListener('load',()=>{const t=document.body.innerText;"
    "const p=document.createElement('pre');p.id='resdiff-inner-text';p.textContent=t;"
    "document.body.replaceChildren(p);});</script>"
)
_INNER_TEXT_RE = re.compile(r'<pre id="resdiff-inner-text">(.*?)</pre>', re.S)


def chromium_inner_text(page: Path) -> bytes:
    """What a select-all-and-copy from Chromium gives as plain text: the rendered page's
    ``innerText`` (a line per paragraph or list item, a blank line around blocks; list numbers
    and letters are drawn by the browser, not text, so they are not in it)."""
    import html

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = page.read_text(encoding="utf-8").replace(
            "</head>", _INNER_TEXT_SCRIPT + "</head>", 1
        )
        probe = BROWSER_DIR / f"{page.stem}-inner-text.html"
        probe.write_text(source, encoding="utf-8")
        dom = run_tool(
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={work / 'chromium'}", "--dump-dom", probe.as_uri(),
        ).decode("utf-8")  # fmt: skip
    found = _INNER_TEXT_RE.search(dom)
    if found is None:
        raise RuntimeError(f"Chromium gave no innerText for {page}")
    return html.unescape(found.group(1)).encode("utf-8")


def pdfium_text(pdf: Path) -> bytes:
    """The text PDFium gives of a PDF, page after page: what a copy from Chrome's or Edge's
    PDF viewer holds (CRLF line ends, no page marks, cells of a line joined by one space)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    return "\r\n".join(pages).encode("utf-8")


def pdfminer_text(pdf: Path) -> bytes:
    """The text pdfminer.six gives of a PDF with its default layout analysis: what
    ``pdf2txt.py`` prints and the Python tools built on ``pdfminer.high_level.extract_text``
    hand on (a text box a paragraph, a blank line between boxes, a form feed after a page)."""
    from pdfminer.high_level import extract_text

    return extract_text(pdf).encode("utf-8")


def email_reply(wrapped: bytes) -> bytes:
    """A rewrapped text as a plain-text mail client quotes it in a reply (constructed names)."""
    quoted = [b">" if not line.strip() else b"> " + line for line in wrapped.split(b"\n")]
    while quoted and quoted[-1] == b">":
        quoted.pop()
    head = b"On Tue, 3 Aug 2021 at 10:12, A. Delegate <delegate@example.org> wrote:\n\n"
    tail = b"\n\n-- \nB. Analyst (a constructed signature)\n"
    return head + b"\n".join(quoted) + tail


# --- driver ---------------------------------------------------------------------------------

TEXT_LAYOUTS = {
    "web.txt": web_paste,
    "word.txt": word_paste,
    "notes-before-closing.txt": lambda t: blocks_with_notes(t, before_closing=True),
    "notes-after-closing.txt": lambda t: blocks_with_notes(t, before_closing=False),
    "superscripts.txt": superscript_paste,
    "stray-spaces.txt": stray_spaces,
    "hyphenated.txt": hyphenated,
}
LAYOUTS = (
    "ods.pdf",
    "pdftotext.txt",
    "pdftotext-layout.txt",
    "pdftotext-raw.txt",
    "pdftotext-raw-nopgbrk.txt",
    *TEXT_LAYOUTS,
    "scan.txt",
    "scan-ocr",
    *TYPESETTER_LAYOUTS,
    *CONVERTER_LAYOUTS,
)


def write_text(text: Text, *, ocr: bool, typesetters: bool = True, converters: bool = True) -> None:
    folder = OUT_DIR / text.name
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "ods.pdf"
    pdf.write_bytes(make_pdf(text, TEXT_STYLE))
    (folder / "pdftotext.txt").write_text(pdftotext(pdf), encoding="utf-8")
    (folder / "pdftotext-layout.txt").write_text(pdftotext(pdf, "-layout"), encoding="utf-8")
    (folder / "pdftotext-raw.txt").write_text(pdftotext(pdf, "-raw"), encoding="utf-8")
    raw_copy = pdftotext(pdf, "-raw", "-nopgbrk")
    (folder / "pdftotext-raw-nopgbrk.txt").write_text(raw_copy, encoding="utf-8")
    for name, render in TEXT_LAYOUTS.items():
        # newline="" keeps the Word paste's CRLF as written.
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            out.write(render(text))
    if ocr and text.name in OCR_TEXTS:
        write_scan(text, folder)
    if typesetters:
        write_typesetters(text, folder)
    if converters:
        write_converters(text, folder)
    print(f"wrote {folder.relative_to(ROOT)}")


def manifest(texts: Sequence[Text]) -> str:
    entries = {}
    for text in texts:
        folder = OUT_DIR / text.name
        present = [layout for layout in LAYOUTS if (folder / layout).exists()]
        entries[text.name] = {
            "lang": text.lang,
            "constructed": text.constructed,
            "original": text.original,
            "case": text.case,
            "layouts": present,
        }
    return json.dumps({"layouts": list(LAYOUTS), "texts": entries}, ensure_ascii=False,
                      indent=2) + "\n"  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-ocr", action="store_true", help="keep the committed OCR outputs")
    parser.add_argument("--text", action="append", help="only these texts (repeatable)")
    parser.add_argument(
        "--no-typesetters", action="store_true",
        help="keep the committed LibreOffice and Chromium outputs",
    )  # fmt: skip
    parser.add_argument(
        "--no-converters", action="store_true",
        help="keep the committed pandoc, lynx, w3m, html2text and mutool outputs",
    )  # fmt: skip
    args = parser.parse_args()
    texts = load_texts()
    for text in texts:
        if args.text and text.name not in args.text:
            continue
        write_text(
            text, ocr=not args.no_ocr, typesetters=not args.no_typesetters,
            converters=not args.no_converters,
        )  # fmt: skip
    (OUT_DIR / "manifest.json").write_text(manifest(texts), encoding="utf-8")


if __name__ == "__main__":
    main()
