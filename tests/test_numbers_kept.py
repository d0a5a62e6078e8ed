"""No number of the text is ever dropped as a footnote mark (issue 10), in any reader.

Numbers next to words — dates (``le 15 décembre 2020``), paragraph and resolution numbers,
volumes and treaty numbers (``vol. 2225, nº 39574``) — must come out of the PDF reader, the OCR
reader and the text reader's marker logic as the digits they are, while a real footnote call
(a small raised digit in a PDF or a scan, a digit glued to a word in text) is still taken as a
mark. Properties, with hypothesis:

- PDF: pages typeset with reportlab (body numbers at body size, a real superscript call and its
  footnote at the page foot) read by ``resdiff.ingest.pdf`` + ``layout``;
- OCR: tesseract TSV built word by word on a slightly rotated baseline (lining digits at cap
  height on the baseline, a superscript call small and raised), read by
  ``resdiff.ingest.ocr.parse_tsv`` + ``layout`` — the rule that took ``15`` of ``le 15 décembre``
  for a mark on rotated scans compared words with tesseract's slanted line box;
- text: ``resdiff.segment.markers.MarkerNumbering`` and a whole ``ingest_text``.
"""

from __future__ import annotations

import io
import math
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from resdiff.ingest import Source, extract_text, ingest_text
from resdiff.ingest.layout import pages_to_text
from resdiff.ingest.ocr import parse_tsv
from resdiff.ingest.pdf import MIN_CHARS_PER_PAGE
from resdiff.segment.markers import MarkerNumbering

DIGITS_RE = re.compile(r"\d+")
SUPERSCRIPT_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
MONTHS = ("janvier", "juillet", "septembre", "décembre")

words = st.sampled_from(
    ("Rappelant", "la", "résolution", "des", "Nations", "Unies", "en", "date", "du", "le",
     "Protocole", "typique", "Assemblée", "générale", "session", "paragraphe", "groupe")
)  # fmt: skip
# Numbers as resolutions print them next to words.
numbers = st.one_of(
    st.builds(
        lambda d, m, y: f"le {d} {m} {y}",
        st.integers(1, 31),
        st.sampled_from(MONTHS),
        st.integers(1990, 2099),
    ),
    st.builds(lambda d, m: f"en date du {d} {m}", st.integers(1, 31), st.sampled_from(MONTHS)),
    st.builds(lambda v, n: f"vol. {v}, nº {n}", st.integers(100, 3999), st.integers(1000, 99999)),
    st.builds(lambda s, n: f"résolution {s}/{n}", st.integers(1, 80), st.integers(1, 330)),
    st.builds(lambda n: f"paragraphe {n}", st.integers(1, 40)),
    st.builds(lambda a, b: f"du {a} au {b} mai", st.integers(1, 15), st.integers(16, 31)),
)
sentences = st.lists(st.one_of(words, numbers), min_size=4, max_size=14).map(" ".join)


def _digit_runs(text: str) -> list[str]:
    return DIGITS_RE.findall(text)


# --- PDF --------------------------------------------------------------------------------------

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _pdf(lines: list[str], call_after: int | None) -> bytes:
    """One A4 page: the lines at 10 pt, optionally a superscript call 1 after the word
    ``call_after`` of the first line, and footnote 1 under a separator at the foot."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595.28, 841.89), invariant=True)
    y = 700.0
    for index, line in enumerate(lines):
        x = 72.0
        for position, word in enumerate(line.split(" ")):
            canvas.setFont("DejaVuSerif", 10)
            canvas.drawString(x, y, word)
            x += pdfmetrics.stringWidth(word, "DejaVuSerif", 10)
            if index == 0 and position == call_after:
                canvas.setFont("DejaVuSerif", 6.5)
                canvas.drawString(x, y + 3.6, "1")
                x += pdfmetrics.stringWidth("1", "DejaVuSerif", 6.5)
            x += pdfmetrics.stringWidth(" ", "DejaVuSerif", 10)
        y -= 12
    if call_after is not None:
        canvas.setFont("DejaVuSerif", 8)
        canvas.drawString(72, 130, "_" * 18)
        canvas.setFont("DejaVuSerif", 6.5)
        canvas.drawString(92, 118 + 3.6, "1")
        canvas.setFont("DejaVuSerif", 8)
        canvas.drawString(100, 118, "Ibid.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(sentences, min_size=1, max_size=4), call=st.booleans())
def test_pdf_reader_keeps_every_number_next_to_words(lines: list[str], call: bool) -> None:
    # The text-layer reader: a page with fewer characters than a text layer needs would go
    # to OCR (tesseract reads "nº" as "n°"), which is not what this test is about.
    assume(sum(len(line.replace(" ", "")) for line in lines) >= MIN_CHARS_PER_PAGE)
    call_after = 1 if call and len(lines[0].split(" ")) > 2 else None
    text = extract_text(Source(_pdf(lines, call_after), "numbers.pdf", "pdf"), ocr=False)
    body, _, notes = text.partition("\n\n1 Ibid.")
    assert _digit_runs(body) == _digit_runs(" ".join(lines))
    assert SUPERSCRIPT_RE.sub("", body).split() == " ".join(lines).split()  # no word lost
    assert SUPERSCRIPT_RE.findall(body) == (["¹"] if call_after is not None else [])
    assert bool(notes) == (call_after is not None)


# --- OCR --------------------------------------------------------------------------------------

# Glyph metrics in pixels at 300 dpi: body text (11 pt) and footnotes (8 pt).
BODY = (30, 21, 9)  # cap height, x-height, descent
NOTE = (22, 15, 7)
CHAR_W, SPACE_W = 19, 14
_DESCENDING = set("gjpqyç,;")
_TALL = set("bdfhklt0123456789/ºÀÉéèêàâ") | {chr(c) for c in range(ord("A"), ord("Z") + 1)}


def _box(text: str, baseline: float, metrics: tuple[int, int, int]) -> tuple[float, float]:
    """(top, bottom) of a word as tesseract boxes it: cap or x-height up, descent down."""
    cap, x_height, descent = metrics
    top = baseline - (cap if _TALL & set(text) else x_height)
    return top, baseline + (descent if _DESCENDING & set(text) else 0)


def _tsv(lines: list[str], angle: float, call_after: int | None) -> str:
    """Tesseract's TSV for lines of words on baselines rotated by ``angle`` degrees; a
    superscript call ``1`` after word ``call_after`` of the first line, and footnote 1."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
            "\tconf\ttext", "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]  # fmt: skip
    slope = math.tan(math.radians(angle))

    def line(
        number: int, y0: float, items: list[tuple[str, bool]], metrics: tuple[int, int, int]
    ) -> None:
        x = 300.0
        boxes = []
        for text, raised in items:
            width = len(text) * CHAR_W
            if raised:  # a call is printed against the word before it
                x -= SPACE_W - 2
            baseline = y0 + x * slope
            top, bottom = (
                (baseline - 30, baseline - 12) if raised else _box(text, baseline, metrics)
            )
            boxes.append((x, top, width, bottom - top, text))
            x += width + SPACE_W
        top = min(b[1] for b in boxes)
        bottom = max(b[1] + b[3] for b in boxes)
        right = max(b[0] + b[2] for b in boxes)
        rows.append(f"4\t1\t{number}\t1\t1\t0\t300\t{top:.0f}\t{right - 300:.0f}\t"
                    f"{bottom - top:.0f}\t-1\t")  # fmt: skip
        for index, (left, top, width, height, text) in enumerate(boxes, start=1):
            rows.append(f"5\t1\t{number}\t1\t1\t{index}\t{left:.0f}\t{top:.0f}\t{width:.0f}\t"
                        f"{height:.0f}\t95\t{text}")  # fmt: skip

    for index, text in enumerate(lines):
        items = []
        for position, word in enumerate(text.split(" ")):
            items.append((word, False))
            if index == 0 and position == call_after:
                items.append(("1", True))
        line(index + 1, 600.0 + index * 60, items, BODY)
    if call_after is not None:
        note = [(w, False) for w in "1 Ibid.".split(" ")]
        line(len(lines) + 1, 2900.0, note, NOTE)
    return "\n".join(rows) + "\n"


# A printed line fits in the measure of an A4 page at 300 dpi (300-pixel margins): a longer
# "line" rotated by 1° drifts by more than a line pitch, which no scan has.
MEASURE = 2480 - 2 * 300
printed_lines = (
    st.lists(st.one_of(words, numbers), min_size=4, max_size=8)
    .map(" ".join)
    .filter(lambda line: len(line) * CHAR_W + line.count(" ") * (SPACE_W - CHAR_W) <= MEASURE)
)


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(printed_lines, min_size=1, max_size=4),
    angle=st.floats(-1.0, 1.0),
    call=st.booleans(),
)
def test_ocr_reader_keeps_every_number_next_to_words(
    lines: list[str], angle: float, call: bool
) -> None:
    call_after = 1 if call and len(lines[0].split(" ")) > 2 else None
    text = pages_to_text([parse_tsv(_tsv(lines, angle, call_after))], trust_marks=False)
    body, _, notes = text.partition("\n\n1 Ibid.")
    assert _digit_runs(body) == _digit_runs(" ".join(lines))
    assert SUPERSCRIPT_RE.sub("", body).split() == " ".join(lines).split()  # no word lost
    assert SUPERSCRIPT_RE.findall(body) == (["¹"] if call_after is not None else [])
    assert bool(notes) == (call_after is not None)


def test_lining_digits_on_a_rotated_line_stay_in_the_text() -> None:
    """The silent loss of issue 10: on a full line rotated by 0.8°, tesseract's line box is a
    slanted band, and "15" near its high end looked small and raised beside it."""
    line = ("qui s’est tenue le 15 décembre 2020 et qui a renforcé le partenariat "
            "interinstitutionnel pour lutter contre la traite")  # fmt: skip
    text = pages_to_text([parse_tsv(_tsv([line], 0.8, None))], trust_marks=False)
    assert text == line + "\n"


# --- text -------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    text=sentences,
    known=st.sets(st.integers(1, 40), max_size=6),
    last=st.integers(0, 10),
)
def test_marker_logic_never_takes_a_number_next_to_a_word(
    text: str, known: set[int], last: int
) -> None:
    out, refs, _ = MarkerNumbering(last=last).take(text + ",", known)
    assert _digit_runs(out) == _digit_runs(text)
    assert refs == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=sentences)
def test_text_reader_keeps_every_number_next_to_words(text: str) -> None:
    resolution = ingest_text(
        f"Le Conseil économique et social,\n\nRappelant {text}¹,\n\n"
        f"1. Décide de rester saisi de la question.\n\n1 Résolution 64/293.\n",
        lang="fr",
        strict=False,
    )
    preamble = resolution.units[1]
    assert _digit_runs(preamble.text) == _digit_runs(text)
    assert preamble.footnote_refs == (1,)


def test_a_short_ocr_line_at_the_top_of_a_later_page_is_text() -> None:
    """OCR line heights follow the letters: "12. une aide" has no descender and no capital,
    so its box is smaller than the body's; it is not a running title (it was dropped)."""
    body = ["Rappelant la résolution du Protocole typique", "paragraphe des Nations Unies"]
    first = parse_tsv(_tsv(body * 3, 0.0, None))
    second = parse_tsv(_tsv(["12. une aide aux masses", *body * 3], 0.0, None))
    text = pages_to_text([first, second], trust_marks=False)
    assert "\n\n 12. une aide aux masses\n" in text
