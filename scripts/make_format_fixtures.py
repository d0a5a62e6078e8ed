"""Build the constructed format fixtures of E/RES/2021/25 (fr) from the golden transcription.

Developer script, never imported by the package. It writes, under ``tests/fixtures/formats/``:

- ``E-RES-2021-25.fr.constructed.txt``   plain UTF-8 text, footnote marks as superscripts;
- ``E-RES-2021-25.fr.constructed.html``  an HTML page (``<ol>`` numbering, ``<sup>`` marks,
  a footnotes section);
- ``E-RES-2021-25.fr.constructed.docx``  a Word file made with python-docx: real Word footnotes
  (``word/footnotes.xml``) and Word list numbering for operative paragraphs and sub-items;
- ``E-RES-2021-25.fr.constructed.pdf``   a text-layer PDF laid out with reportlab: running
  header (symbol), footer (job number, page number, barcode), footnotes at the foot of the
  page they are referenced on, superscript marks, italic openers;
- ``E-RES-2021-25.fr.constructed-scan.pdf``  the PDF's pages rendered at 200 dpi with
  pdftoppm and put back into an image-only PDF (no text layer), for OCR.

None of these is a UN document: each is constructed from resdiff's hand-corrected golden
transcription and says so (in its metadata, and in a line in the footer band of each page).
Footnote 4 has no text in the golden transcription (the scan lost it), so it has none here.

Usage (needs reportlab, python-docx, Pillow and poppler-utils' pdftoppm)::

    .venv/bin/pip install reportlab
    .venv/bin/python scripts/make_format_fixtures.py [--golden PATH]
"""

from __future__ import annotations

import argparse
import copy
import html
import io
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden_format import GoldenUnit, read_golden  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "formats"
STEM = "E-RES-2021-25.fr.constructed"
NOTICE = (
    "Document construit par resdiff à partir de sa transcription de référence ; "
    "ce n’est pas un document officiel de l’ONU."
)
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# Where each footnote mark sits: (unit, word it follows, which occurrence: 0 first, -1 last),
# as in the printed resolution (read off the OCR seed).
MARKS = {1: ("pp5", "personnes", -1), 2: ("pp6", "organisée", 0), 3: ("pp6", "enfants", -1),
         4: ("pp19", "session", 0)}  # fmt: skip
MARK_RE = re.compile(r"\{fn(\d+)\}")


@dataclass
class Block:
    """One printed paragraph: its kind, its label, and its text with ``{fnN}`` marks."""

    kind: str
    label: str | None
    text: str


def blocks(units: list[GoldenUnit]) -> tuple[list[Block], dict[int, str]]:
    """The printed paragraphs with marks placed, and the footnote texts by number."""
    notes = {int(u.label or u.id[2:]): u.text for u in units if u.kind == "footnote"}
    result = []
    for unit in units:
        if unit.kind == "footnote":
            continue
        text = unit.text
        for number, (unit_id, word, which) in sorted(MARKS.items(), reverse=True):
            if unit_id != unit.id:
                continue
            spots = [m.end() for m in re.finditer(rf"\b{word}\b", text)]
            at = spots[which]
            text = f"{text[:at]}{{fn{number}}}{text[at:]}"
        result.append(Block(unit.kind, unit.label, text))
    return result, notes


def plain(text: str) -> str:
    return MARK_RE.sub("", text)


# --- text and HTML -------------------------------------------------------------------------


def make_txt(paragraphs: list[Block], notes: dict[int, str]) -> str:
    out = []
    for block in paragraphs:
        text = MARK_RE.sub(lambda m: m[1].translate(SUPERSCRIPTS), block.text)
        out.append(f"{block.label} {text}" if block.label else text)
    out.append("\n".join(f"{n} {t}" for n, t in sorted(notes.items())))
    return "\n\n".join(out) + "\n"


def make_html(
    paragraphs: list[Block],
    notes: dict[int, str],
    *,
    lang: str = "fr",
    title: str = "E/RES/2021/25 (constructed)",
    notice: str = NOTICE,
) -> str:
    def marks(text: str) -> str:
        escaped = html.escape(text, quote=False)
        return re.sub(
            r"\{fn(\d+)\}",
            lambda m: f'<sup><a href="#fn{m[1]}" id="ref{m[1]}">{m[1]}</a></sup>',
            escaped,
        )

    body = []
    open_list: str | None = None
    for block in paragraphs:
        want = {"operative": "ol", "subitem": "ol-a"}.get(block.kind)
        if want != open_list:
            if open_list:
                body.append("</ol>")
            if want == "ol":
                body.append('<ol class="operative">')
            elif want == "ol-a":
                body.append('<ol type="a">')
            open_list = want
        if block.kind == "title":
            body.append(f"<h1>{block.label} {marks(block.text)}</h1>")
        elif block.kind == "closing":
            body.append('<p class="closing">' + marks(block.text).replace("\n", "<br>\n") + "</p>")
        elif want:
            body.append(f"<li>{marks(block.text)}</li>")
        else:
            body.append(f"<p>{marks(block.text)}</p>")
    if open_list:
        body.append("</ol>")
    items = "\n".join(
        f'<li id="fn{n}">{html.escape(t, quote=False)} <a href="#ref{n}">↩</a></li>'
        for n, t in sorted(notes.items())
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body {{ font-family: serif; max-width: 40em; }}</style></head>
<body>
<header><nav><a href="/">resdiff fixtures</a></nav><p>{html.escape(notice)}</p></header>
<main>
{chr(10).join(body)}
<section class="footnotes" role="doc-endnotes"><h2>Notes</h2><ol>
{items}
</ol></section>
</main>
</body>
</html>
"""


# --- Word ------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(
    paragraphs: list[Block],
    notes: dict[int, str],
    *,
    title: str = "E/RES/2021/25 (constructed from the golden transcription)",
    header: str = "E/RES/2021/25",
    footer: str = "21-10785 (F)    " + NOTICE,
    notice: str = NOTICE,
) -> bytes:
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.comments = notice
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer

    numbering = document.part.numbering_part.element
    ns = f'xmlns:w="{W_NS}"'
    # Operative paragraphs "1." and sub-items "a)": Word numbers them, the text has no labels.
    numbering.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    ))  # fmt: skip
    numbering.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
    ))  # fmt: skip
    # abstractNum elements must precede num elements.
    for num in list(numbering.iter(f"{{{W_NS}}}num")):
        numbering.remove(num)
        numbering.append(num)
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))

    def number(paragraph: object, num_id: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
        ppr.append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        ))  # fmt: skip

    def add_text(paragraph: object, text: str, italic_first: bool = False) -> None:
        for index, piece in enumerate(re.split(r"(\{fn\d+\})", text)):
            mark = MARK_RE.fullmatch(piece)
            if mark and int(mark[1]) in notes:
                run = paragraph.add_run()  # type: ignore[attr-defined]
                run.font.superscript = True
                run._r.append(parse_xml(f'<w:footnoteReference {ns} w:id="{mark[1]}"/>'))
            elif mark:  # no footnote text to link to: a typed superscript digit
                paragraph.add_run(mark[1]).font.superscript = True  # type: ignore[attr-defined]
            elif piece and italic_first and index == 0:
                first, _, rest = piece.partition(" ")
                paragraph.add_run(first).italic = True  # type: ignore[attr-defined]
                paragraph.add_run(" " + rest if rest else "")  # type: ignore[attr-defined]
            elif piece:
                paragraph.add_run(piece)  # type: ignore[attr-defined]

    for block in paragraphs:
        if block.kind == "closing":
            for line in block.text.split("\n"):
                document.add_paragraph(line).alignment = 2  # right
            continue
        paragraph = document.add_paragraph()
        if block.kind == "title":
            paragraph.add_run(f"{block.label} ").bold = True
            add_text(paragraph, block.text)
            for run in paragraph.runs:
                run.bold = True
            continue
        if block.kind == "operative":
            number(paragraph, 90)
        elif block.kind == "subitem":
            number(paragraph, 91)
        add_text(paragraph, block.text, italic_first=block.kind in ("preambular", "operative"))

    notes_xml = [
        f"<w:footnotes {ns}>",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>",
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>",
    ]
    for n, text in sorted(notes.items()):
        notes_xml.append(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
            f"{html.escape(text, quote=False)}</w:t></w:r></w:p></w:footnote>"
        )
    notes_xml.append("</w:footnotes>")
    part = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        "".join(notes_xml).encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    settings = document.settings.element
    settings.append(parse_xml(
        f'<w:footnotePr {ns}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    ))  # fmt: skip
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT = 72.0, 523.0
BODY_TOP, BODY_BOTTOM = 96.0, 770.0  # distances from the top of the page
SIZE, LEADING, GAP = 10.0, 12.0, 6.0
NOTE_SIZE, NOTE_LEADING = 8.0, 9.5
MARK_SIZE, MARK_RISE = 6.0, 3.6
INDENT, SUB_INDENT = 28.0, 56.0
FONTS = {
    "body": ("Serif", "LiberationSerif-Regular.ttf"),
    "italic": ("Serif-Italic", "LiberationSerif-Italic.ttf"),
    "bold": ("Serif-Bold", "LiberationSerif-Bold.ttf"),
}
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")


@dataclass
class Token:
    text: str
    font: str
    mark: int | None = None  # a footnote mark glued after the text


@dataclass
class Line:
    tokens: list[Token]
    x: float
    size: float
    align_right: bool = False


def make_pdf(
    paragraphs: list[Block],
    notes: dict[int, str],
    symbol: str = "E/RES/2021/25",
    job: str = "21-10785",
    issued: str = "30 juillet 2021",
) -> bytes:
    """A text-layer PDF of the paragraphs (``symbol``, ``job`` and ``issued`` in its bands and
    masthead: the defaults make the fixture; scripts/bench_scale.py makes constructed ones)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    for name, file in FONTS.values():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))

    def width(token: Token, size: float) -> float:
        w = pdfmetrics.stringWidth(token.text, FONTS[token.font][0], size)
        if token.mark is not None:
            w += pdfmetrics.stringWidth(str(token.mark), FONTS["body"][0], MARK_SIZE)
        return w

    def wrap(tokens: list[Token], first_x: float, next_x: float, size: float) -> list[Line]:
        lines: list[Line] = []
        current: list[Token] = []
        x = first_x
        used = 0.0
        space = pdfmetrics.stringWidth(" ", FONTS["body"][0], size)
        for token in tokens:
            w = width(token, size)
            glued = token.text.startswith("\x00")
            if current and not glued and x + used + space + w > RIGHT:
                lines.append(Line(current, x, size))
                current, x, used = [], next_x, 0.0
            used += (space if current else 0) + w
            current.append(token)
        if current:
            lines.append(Line(current, x, size))
        return lines

    def tokens_of(text: str, italic_first: bool = False, font: str = "body") -> list[Token]:
        result: list[Token] = []
        for piece in text.split():
            mark = MARK_RE.search(piece)
            if mark:
                # The mark goes right after the word; punctuation after it stays glued.
                head, tail = piece.split(mark[0], 1)
                result.append(Token(head, font, int(mark[1])))
                if tail:
                    result.append(Token("\x00" + tail, font))
                continue
            result.append(Token(piece, font))
        if italic_first and result:
            result[0] = Token(result[0].text, "italic", result[0].mark)
        return result

    # Lay out every paragraph as lines, then fill pages, keeping each mark's note on its page.
    laid: list[tuple[list[Line], float]] = []  # lines and the space before the paragraph
    for block in paragraphs:
        if block.kind == "title":
            tokens = [Token(block.label or "", "bold"), *tokens_of(block.text, font="bold")]
            laid.append((wrap(tokens, LEFT, LEFT, 11.0), 0.0))
        elif block.kind == "closing":
            lines = []
            for text in block.text.split("\n"):
                line = Line(tokens_of(text), 0.0, SIZE, align_right=True)
                lines.append(line)
            laid.append((lines, GAP * 2))
        elif block.kind == "subitem":
            tokens = [Token(block.label or "", "body"), *tokens_of(block.text)]
            laid.append((wrap(tokens, LEFT + SUB_INDENT, LEFT + INDENT, SIZE), GAP))
        elif block.kind == "operative":
            tokens = [Token(block.label or "", "body"), *tokens_of(block.text, italic_first=True)]
            laid.append((wrap(tokens, LEFT + INDENT, LEFT, SIZE), GAP))
        else:
            italic = block.kind == "preambular"
            laid.append((wrap(tokens_of(block.text, italic), LEFT + INDENT, LEFT, SIZE), GAP * 2))

    def note_lines(n: int) -> list[Line]:
        tokens = tokens_of(notes[n])
        lines = wrap(tokens, LEFT + 10, LEFT, NOTE_SIZE)
        lines[0].tokens.insert(0, Token(f"\x01{n}", "body"))
        return lines

    pages: list[tuple[list[tuple[float, Line]], list[Line]]] = []
    body: list[tuple[float, Line]] = []
    page_notes: list[Line] = []
    y = BODY_TOP + 70  # the first page starts below the masthead
    for lines, before in laid:
        y += before if body else 0
        for line in lines:
            marks = [t.mark for t in line.tokens if t.mark is not None and t.mark in notes]
            extra = [ln for n in marks for ln in note_lines(n)]
            notes_height = (len(page_notes) + len(extra)) * NOTE_LEADING + (
                14 if page_notes or extra else 0
            )
            if y + LEADING > BODY_BOTTOM - notes_height:
                pages.append((body, page_notes))
                body, page_notes, y = [], [], BODY_TOP
            y += LEADING
            body.append((y, line))
            page_notes += extra
    pages.append((body, page_notes))

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(f"{symbol} (constructed from the golden transcription)")
    canvas.setSubject(NOTICE)
    canvas.setCreator("resdiff scripts/make_format_fixtures.py")
    total = len(pages)

    def draw_line(line: Line, y: float) -> None:
        size = line.size
        space = pdfmetrics.stringWidth(" ", FONTS["body"][0], size)
        if line.align_right:
            x = RIGHT - sum(width(t, size) for t in line.tokens) - space * (len(line.tokens) - 1)
        else:
            x = line.x
        for index, token in enumerate(line.tokens):
            text = token.text
            glued = text.startswith("\x00")
            if glued:
                text = text[1:]
                x -= space
            if text.startswith("\x01"):  # a footnote's own number, as a superscript
                text = text[1:]
                canvas.setFont(FONTS["body"][0], MARK_SIZE)
                canvas.drawString(x, PAGE_H - y + MARK_RISE, text)
                x += pdfmetrics.stringWidth(text, FONTS["body"][0], MARK_SIZE) + 2
                continue
            canvas.setFont(FONTS[token.font][0], size)
            canvas.drawString(x, PAGE_H - y, text)
            x += pdfmetrics.stringWidth(text, FONTS[token.font][0], size)
            if token.mark is not None:
                canvas.setFont(FONTS["body"][0], MARK_SIZE)
                canvas.drawString(x, PAGE_H - y + MARK_RISE, str(token.mark))
                x += pdfmetrics.stringWidth(str(token.mark), FONTS["body"][0], MARK_SIZE)
            if index < len(line.tokens) - 1:
                x += space

    for number, (body_lines, notes_lines) in enumerate(pages, 1):
        # Running header and footer, inside the bands a reader must cut.
        canvas.setFont(FONTS["bold"][0], 9)
        canvas.drawString(LEFT if number % 2 == 0 else RIGHT - 70, PAGE_H - 40, symbol)
        canvas.setFont(FONTS["body"][0], 8)
        canvas.drawString(LEFT, 40, f"{job} (F)" if number == 1 else f"{number}/{total}")
        canvas.drawRightString(RIGHT, 40, f"{number}/{total}" if number == 1 else job)
        canvas.setFont(FONTS["italic"][0], 6)
        canvas.drawString(LEFT, 28, NOTICE)
        if number == 1:
            canvas.setFont(FONTS["body"][0], 8)
            canvas.drawString(LEFT, 56, f"*{job.replace('-', '')}*")
            canvas.setFont(FONTS["bold"][0], 14)
            canvas.drawString(LEFT, PAGE_H - 100, "Conseil économique et social")
            canvas.setFont(FONTS["body"][0], 9)
            canvas.drawRightString(RIGHT, PAGE_H - 96, "Distr. générale")
            canvas.drawRightString(RIGHT, PAGE_H - 107, issued)
            canvas.line(LEFT, PAGE_H - 120, RIGHT, PAGE_H - 120)
        for y, line in body_lines:
            draw_line(line, y)
        if notes_lines:
            top = BODY_BOTTOM - len(notes_lines) * NOTE_LEADING
            canvas.line(LEFT, PAGE_H - top + 4, LEFT + 100, PAGE_H - top + 4)
            for index, line in enumerate(notes_lines):
                draw_line(line, top + (index + 1) * NOTE_LEADING)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_scan(pdf: bytes) -> bytes:
    """Render the PDF's pages at 200 dpi (pdftoppm) and rebuild an image-only PDF from them."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", str(source), str(Path(tmp) / "page")],
            check=True,
        )
        images = [Image.open(path) for path in sorted(Path(tmp).glob("page-*.png"))]
        buffer = io.BytesIO()
        # Greyscale JPEG pages, as a scanner makes them (quality kept low for the repository).
        images[0].save(
            buffer, format="PDF", save_all=True, append_images=images[1:], resolution=200,
            quality=50, title="E/RES/2021/25 (constructed scan)", subject=NOTICE,
        )  # fmt: skip
    return buffer.getvalue()


def make_fax(scan: bytes, vertical_dpi: int = 196) -> bytes:
    """The scanned pages as a fax machine stores them: a multi-page TIFF, 1 bit, Group 4,
    204 dpi across and ``vertical_dpi`` down (196 in fine mode, 98 in standard mode)."""
    import pypdfium2

    pages = []
    for page in pypdfium2.PdfDocument(scan):
        grey = page.render(scale=204 / 72, grayscale=True).to_pil().convert("L")
        black_white = grey.point(lambda v: 255 if v > 128 else 0).convert("1")
        pages.append(black_white.resize((grey.width, round(grey.height * vertical_dpi / 204))))
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:],
                  compression="group4", dpi=(204, vertical_dpi))  # fmt: skip
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--golden", type=Path, default=ROOT / "tests" / "golden" / "E-RES-2021-25.fr.golden.txt"
    )
    args = parser.parse_args()
    paragraphs, notes = blocks(read_golden(args.golden))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{STEM}.txt").write_text(make_txt(paragraphs, notes), encoding="utf-8")
    (OUT / f"{STEM}.html").write_text(make_html(paragraphs, notes), encoding="utf-8")
    (OUT / f"{STEM}.docx").write_bytes(make_docx(copy.deepcopy(paragraphs), notes))
    pdf = make_pdf(paragraphs, notes)
    (OUT / f"{STEM}.pdf").write_bytes(pdf)
    (OUT / f"{STEM}-scan.pdf").write_bytes(make_scan(pdf))
    (OUT / f"{STEM}-fax.tif").write_bytes(make_fax((OUT / f"{STEM}-scan.pdf").read_bytes()))
    for path in sorted(OUT.glob(f"{STEM}*")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
