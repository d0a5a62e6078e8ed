"""Positioned words on pages → text shaped like OCR output, for the segmenter.

PDF text layers (:mod:`resdiff.ingest.pdf`) and OCR (:mod:`resdiff.ingest.ocr`) both give
words with boxes and sizes. This module, which imports no third-party library, turns them
into the text :mod:`resdiff.segment` expects:

- paragraphs separated by blank lines (a vertical gap wider than the usual line pitch);
- the first line of each page after the first starts with one space;
- running headers and footers (job numbers, the symbol, page numbers, barcodes), found in
  bands at the top and bottom of each page, are left out, and so are lines made only of page
  furniture (``2/5``, ``21-10785 (F)    250821``, ``*2110785*``, ``E/RES/2021/25    3/5``,
  ``Merci de recycler``) at the top or foot of a page wherever they sit, the running title of
  later pages, and the underscore line that separates the footnotes;
- words are grouped into lines by baseline among words of one size (a masthead's small
  ``Distr.`` line beside a large body name stays a line of its own); a smaller word joins the
  line it touches (a superscript call, a footnote number);
- footnotes (smaller lines at the foot of a page, or whatever follows an underscore separator)
  become a footnote block, one per line as ``1 Text…``, placed just before the next page
  starts;
- superscript footnote marks (small, raised characters) become Unicode superscript digits
  glued to the word before them (``personnes¹,``) — only when the document has a footnote
  with that number: otherwise the digits stay in the text as printed, so no number of the
  text is ever lost as a mark.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from resdiff.ingest.columns import split_columns

logger = logging.getLogger(__name__)

# Running headers and footers live in these shares of the page height (UN documents keep
# their margins wider than this, so body text never falls inside).
HEADER_BAND = 0.075
FOOTER_BAND = 0.085
# Furniture outside the bands, and the running title (small print above the body of a later
# page), sit within this share of the page height from its top or foot.
RUNNING_TITLE_ZONE = 0.15
# A line smaller than this share of the body size, at the foot of a page, is a footnote.
FOOTNOTE_SIZE = 0.92
# A word smaller than this share of the body size and raised above the baseline is a mark.
SUPERSCRIPT_SIZE = 0.8
# ... and whose bottom sits above the line's baseline by this share of its own size.
RISE = 0.3
# A gap between lines wider than this many line pitches separates paragraphs.
PARAGRAPH_GAP = 1.35
# Words closer than this share of their size are one word ("personnes" + superscript "1").
WORD_GAP = 0.12

# Two words are of one size (one line if their baselines agree) within this ratio.
SAME_SIZE = 1.18
# Baselines of same-sized words closer than this share of their size are one line.
BASELINE_TOLERANCE = 0.35

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A footnote separator: a line of underscores (or a rule typed as dashes).
_SEPARATOR_RE = re.compile(r"^[_\u2014\u2015-]{5,}$")
# Page furniture, as whole words: page numbers "2/5", job numbers "21-10785" and their
# language letter "(F)", print dates "250821", barcodes "*2110785*", document symbols.
_FURNITURE_WORD_RE = re.compile(
    r"""^(?:\d{1,3}/\d{1,3}                           # page number 2/5
        |\d{2}-\d{5}                                  # job number 21-10785
        |\([A-Z]\)                                    # its language letter (F)
        |\d{6}                                        # print date 250821
        |\*\d{5,9}\*                                  # barcode *2110785*
        |[A-Z]{1,5}(?:/[A-Z0-9.\-]+){2,4}             # symbol E/RES/2021/25
        )$""",
    re.X,
)
# What OCR reads a small footnote number as, when it stands alone before the note's text.
_MARK_DEBRIS_RE = re.compile(r"^[!|}{*’'\"°^»«]{1,2}$")
# A footnote number OCR glued to the note's first word: a glyph, or "L'"/"l'"/"I'" before a
# capital consonant (where French never elides), as in "L'Résolution", "!Nations".
_GLUED_MARK_RE = re.compile(r"^(?:[!|}{*°^»«]{1,2}|[lLI1][’'])(?=[B-DF-HJ-NP-TV-Z])")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}(?:/\d{1,3})?$")
# What a browser prints in the margins of a page: its address, the date and time of printing.
_PRINTED_BY_BROWSER_RE = re.compile(
    r"^(?:(?:https?|file)://\S+(?:\s+\d{1,3}/\d{1,3})?"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)$"
)
_RECYCLE_RE = re.compile(r"^(?:Merci de recycler|Please recycle|Recycled?)\W*$", re.I)
_TERMINAL = tuple(",;.:")
# A line that opens a numbered paragraph or a sub-item: "3. ", "a) ", "(iv) ".
_LABEL_START_RE = re.compile(r"^(?:\d{1,3}\.|\(?[a-z]{1,2}\)|\([ivx]{1,5}\))\s")


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or a run of same-sized characters) with its box, in page units, y downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its size and its words in any order.

    ``scanned`` is set for a page that is a picture of paper (an image covers it) whose words
    are an OCR reading laid over it, as scanners, OCRmyPDF, tesseract and the UN Digital
    Library's older documents make them: its sizes are guesses, as OCR's are.
    """

    width: float
    height: float
    words: tuple[Word, ...]
    scanned: bool = False


@dataclass(eq=False)
class _Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def size(self) -> float:
        """The size of the line's main text: its largest word size."""
        return max(w.size for w in self.words)

    @property
    def baseline(self) -> float:
        """The bottom of the line's full-size words."""
        size = self.size
        return max(w.bottom for w in self.words if w.size >= size * SUPERSCRIPT_SIZE)


def pages_to_text(pages: Sequence[Page], *, trust_marks: bool = True) -> str:
    """Lay out positioned words as text, page by page (see the module docstring).

    Args:
        pages: the pages of a document in order.
        trust_marks: take footnote numbers as printed (a text layer); when False (OCR, which
            misreads small digits), footnotes are numbered in order unless the mark reads as
            the expected number.

    Returns:
        The text, ending with a newline; empty when the pages hold no words.
    """
    body = _body_size(pages)
    if body is None:
        return ""
    # Running headers and footers go first, so that they count for nothing below.
    all_lines = [_column_lines(page, body) for page in pages]
    in_bands = _band_furniture(all_lines, pages, exact_sizes=trust_marks)
    lines_by_page = [
        _without_furniture(
            [line for line in lines if not in_bands(line)],
            page,
            body,
            later_page=n > 0,
            exact_sizes=trust_marks,
        )
        for n, (page, lines) in enumerate(zip(pages, all_lines, strict=True))
    ]
    pitch = _line_pitch(lines_by_page, body)
    numbers = _NoteNumbers(trust_marks)
    split = [
        _split_footnotes(kept, body, pitch, page)
        for kept, page in zip(lines_by_page, pages, strict=True)
    ]
    notes_text = [_footnote_text(notes, body, numbers) if notes else "" for _, notes in split]
    # A text layer's font sizes are exact: a small raised digit is a superscript as printed.
    # OCR only guesses sizes and lining digits can look raised, so there a raised digit is a
    # footnote call only when that footnote exists; otherwise it stays in the text.
    calls = None if trust_marks else frozenset(numbers.seen)
    out: list[str] = []
    for number, ((text_lines, _), notes) in enumerate(zip(split, notes_text, strict=True)):
        page_text = _body_text(text_lines, body, pitch, calls)
        if page_text and number > 0:
            page_text = " " + page_text
        if page_text:
            out.append(page_text)
        if notes:
            out.append(notes)
    return "\n\n".join(out) + "\n" if out else ""


def _is_furniture(line: _Line) -> bool:
    """True for a line made only of page furniture: page and job numbers, barcode, symbol."""
    words = [w.text for w in line.words]
    return bool(_RECYCLE_RE.match(" ".join(words))) or all(
        _FURNITURE_WORD_RE.match(w) for w in words
    )


def _without_furniture(
    lines: list[_Line], page: Page, body: float, *, later_page: bool, exact_sizes: bool
) -> list[_Line]:
    """Drop furniture lines at the top and foot of a page (in its outer zones), and the
    running title of later pages: small print above the first body line.

    The running title is judged by size only where sizes are exact (a text layer): an OCR
    line's size is its box, which varies with the letters and the skew of the scan.
    """

    def running_title(line: _Line) -> bool:
        return (
            exact_sizes
            and later_page
            and line.size < body * FOOTNOTE_SIZE
            and line.bottom < page.height * RUNNING_TITLE_ZONE
        )

    def furniture(line: _Line) -> bool:
        outer = line.bottom < page.height * RUNNING_TITLE_ZONE or line.top > page.height * (
            1 - RUNNING_TITLE_ZONE
        )
        return outer and _is_furniture(line)

    start, end = 0, len(lines)
    while start < end and (furniture(lines[start]) or running_title(lines[start])):
        start += 1
    while end > start and furniture(lines[end - 1]):
        end -= 1
    for line in (*lines[:start], *lines[end:]):
        logger.debug("set aside as page furniture: %s", " ".join(w.text for w in line.words))
    return lines[start:end]


def _body_size(pages: Sequence[Page]) -> float | None:
    """The size of the running text: the median word size, weighted by length."""
    sized = sorted((word.size, len(word.text)) for page in pages for word in page.words)
    half = sum(weight for _, weight in sized) / 2
    seen = 0
    for size, weight in sized:
        seen += weight
        if seen >= half:
            return size
    return None


def _column_lines(page: Page, body: float) -> list[_Line]:
    """The page's lines (:func:`_lines`), those of its left column before those of its right
    one on a page set in two columns (:func:`~resdiff.ingest.columns.split_columns`)."""
    in_band = [
        w.bottom < page.height * HEADER_BAND or w.top > page.height * (1 - FOOTER_BAND)
        for w in page.words
    ]
    columns = split_columns(page.words, page.width, body, in_band)
    if len(columns) == 1:
        return _lines(page)
    return [line for words in columns for line in _lines(replace(page, words=tuple(words)))]


def _lines(page: Page) -> list[_Line]:
    """Group words into lines, top to bottom, each left to right.

    Words of one size share a line when their baselines agree: boxes alone would glue a small
    ``Distr.`` line to the large body name printed beside it. Then a line of smaller words (a
    superscript call, a raised footnote number) joins the line of larger words it overlaps
    vertically and touches horizontally.
    """
    lines: list[_Line] = []
    for word in sorted(page.words, key=lambda w: (w.bottom, w.x0)):
        for line in reversed(lines[-4:]):
            if any(_same_line(other, word) for other in line.words):
                line.words.append(word)
                break
        else:
            lines.append(_Line([word]))
    biggest = max((line.size for line in lines), default=0.0)
    small = {
        id(line)
        for line in lines
        if line.size * SAME_SIZE < biggest and any(_smaller(line, other) for other in lines)
    }
    large = [line for line in lines if id(line) not in small]
    for line in lines:
        if id(line) not in small:
            continue
        host = _host(line, large)
        if host is None:
            large.append(line)
        else:
            host.words.extend(line.words)
    for line in large:
        line.words.sort(key=lambda w: w.x0)
    return sorted(large, key=lambda line: line.baseline)


def _smaller(line: _Line, other: _Line) -> bool:
    """True when ``line`` is of smaller print than ``other`` and sits within its height."""
    return (
        line.size * SAME_SIZE < other.size
        and other.top < line.bottom <= other.bottom
        and _touches(line, other)
    )


def _host(line: _Line, candidates: list[_Line]) -> _Line | None:
    """The line a line of small words belongs to: the nearest one whose baseline is at or
    below theirs (a superscript sits on or above its line, never below the line above)."""
    hosts = [other for other in candidates if _smaller(line, other)]
    return min(hosts, key=lambda other: other.bottom - line.bottom, default=None)


def _same_line(a: Word, b: Word) -> bool:
    big, small = max(a.size, b.size), min(a.size, b.size)
    return big <= small * SAME_SIZE and abs(a.bottom - b.bottom) < BASELINE_TOLERANCE * big


def _touches(small: _Line, large: _Line) -> bool:
    """True when a word of ``small`` sits beside a word of ``large`` and none sits on one.

    Words of one line never overlap horizontally: a small line printed above or below part
    of a larger one (a masthead's ``Distr.`` line) is a line of its own.
    """
    beside = False
    for word in small.words:
        for other in large.words:
            if min(other.bottom, word.bottom) - max(other.top, word.top) <= 0:
                continue
            gap = max(word.x0 - other.x1, other.x0 - word.x1)
            if gap < -0.2 * word.size:
                return False
            beside = beside or gap < other.size
    return beside


def _line_pitch(lines_by_page: Sequence[list[_Line]], body: float) -> float:
    """The usual distance between the baselines of two consecutive body lines."""
    gaps = [
        b.baseline - a.baseline
        for lines in lines_by_page
        for a, b in itertools.pairwise(lines)
        if abs(a.size - body) < 0.1 * body > abs(b.size - body) and b.baseline > a.baseline
    ]
    return statistics.median(gaps) if gaps else body * 1.2


def _in_bands(line: _Line, page: Page) -> bool:
    """True for a line inside the running-header or running-footer band."""
    return line.bottom < page.height * HEADER_BAND or line.top > page.height * (1 - FOOTER_BAND)


def _band_key(line: _Line) -> str:
    """A band line's text with its page number blanked: the same on every page it runs on.

    Only a word that is a page number (``3``, ``3/5``) is blanked: two lines of text that
    differ in a number (``résolution 70/1`` and ``71/2``) stay two lines.
    """
    return " ".join("#" if _PAGE_NUMBER_RE.match(w.text) else w.text for w in line.words)


def _band_furniture(
    lines_by_page: Sequence[list[_Line]], pages: Sequence[Page], *, exact_sizes: bool
) -> Callable[[_Line], bool]:
    """The test for running headers and footers: lines in the bands that are furniture.

    OCR reads the bands of a scan as debris (barcodes, specks), so there every band line is
    furniture. A text layer's band line is furniture only when it is made of furniture words,
    repeats in the bands of other pages (page numbers aside: a running title), or is what
    a browser prints in its margins (the address of the page, the date and time of printing).
    Any other line is kept: documents printed with narrow margins (a browser's, a word
    processor's) run their text into the bands, and no word of the text may be lost.
    """
    banded = [
        (number, line)
        for number, (lines, page) in enumerate(zip(lines_by_page, pages, strict=True))
        for line in lines
        if _in_bands(line, page)
    ]
    if not exact_sizes:
        furniture = {id(line) for _, line in banded}
        return lambda line: id(line) in furniture
    pages_of: dict[str, set[int]] = {}
    for number, line in banded:
        pages_of.setdefault(_band_key(line), set()).add(number)
    furniture = set()
    for _, line in banded:
        text = " ".join(w.text for w in line.words)
        if (
            _is_furniture(line)
            or len(pages_of[_band_key(line)]) > 1
            or _PRINTED_BY_BROWSER_RE.match(text)
        ):
            furniture.add(id(line))
        else:
            logger.debug("kept a line in the page margin as text: %s", text)
    return lambda line: id(line) in furniture


def _split_footnotes(
    lines: list[_Line], body: float, pitch: float, page: Page
) -> tuple[list[_Line], list[_Line]]:
    """Separate the footnote block at the foot of a page from the running text.

    The block starts after a line of underscores (dropped) in the lower half of the page (in
    the upper half it is the rule under a masthead, which OCR reads as ``———``), or after a
    paragraph gap on a line that opens a footnote when every later line either opens a
    footnote or follows the line above it closely.
    """
    for index, line in enumerate(lines):
        separator = len(line.words) == 1 and _SEPARATOR_RE.match(line.words[0].text)
        if separator and line.top > page.height / 2:
            return lines[:index], lines[index + 1 :]
    for start in range(1, len(lines)):
        gap = lines[start].baseline - lines[start - 1].baseline > pitch * PARAGRAPH_GAP
        if not (gap and _opens_note(lines[start], body)):
            continue
        tail = lines[start:]
        if all(
            _opens_note(line, body) or line.baseline - above.baseline <= pitch * PARAGRAPH_GAP
            for above, line in itertools.pairwise(tail)
        ):
            return lines[:start], tail
    return lines, []


def _opens_note(line: _Line, body: float) -> bool:
    """True for a line that starts with a footnote mark: raised and small, or, in small
    print, a number or the glyph OCR makes of a small one (``}``, ``!``, ``*``), alone or
    glued to the note's first word (``L'Résolution``)."""
    first = line.words[0]
    small_print = line.size < body * FOOTNOTE_SIZE
    return _raised(first, line) or (
        small_print
        and (
            first.text.isdecimal()
            or bool(_MARK_DEBRIS_RE.match(first.text) or _GLUED_MARK_RE.match(first.text))
        )
    )


def _raised(word: Word, line: _Line) -> bool:
    """True for a word smaller than its line and sitting above the line's baseline.

    The rise is measured in the word's own size: an OCR line's size is its box, which on a
    rotated scan is a slanted band far taller than the text, so a share of it would hide a
    real superscript at the band's low end.
    """
    return (
        word.size < line.size * SUPERSCRIPT_SIZE and word.bottom < line.baseline - RISE * word.size
    )


def _body_text(lines: list[_Line], body: float, pitch: float, calls: frozenset[int] | None) -> str:
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        text = _line_text(line, body, calls=calls)
        if not text:
            continue
        new_paragraph = previous is None or line.baseline - previous.baseline > pitch * (
            PARAGRAPH_GAP
        )
        if not new_paragraph and paragraphs and _LABEL_START_RE.match(text):
            new_paragraph = paragraphs[-1][-1].endswith(_TERMINAL)
        if new_paragraph:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        previous = line
    return "\n\n".join("\n".join(p) for p in paragraphs)


@dataclass
class _NoteNumbers:
    """Footnote numbers run through the whole document."""

    trust_marks: bool
    last: int = 0
    seen: list[int] = field(default_factory=list)

    def next(self, mark: str) -> int:
        """The number of the footnote whose printed mark is ``mark``."""
        legible = mark.isdecimal() and (self.trust_marks or int(mark) == self.last + 1)
        self.last = int(mark) if legible else self.last + 1
        self.seen.append(self.last)
        return self.last


def _footnote_text(lines: list[_Line], body: float, numbers: _NoteNumbers) -> str:
    """Footnotes one per line, ``1 Text…``: a new footnote starts at each leading mark."""
    notes: list[str] = []
    for line in lines:
        if _opens_note(line, body) or not notes:
            first, *rest = line.words
            mark, glued = first.text, ""
            if not (first.text.isdecimal() or _MARK_DEBRIS_RE.match(first.text)):
                # OCR glued the number to the first word ("L'Résolution", "!Nations") or lost
                # it: the word stays in the note, the number comes from the order.
                debris = _GLUED_MARK_RE.match(first.text)
                mark, glued = "", first.text[debris.end() :] if debris else first.text
            text = _line_text(_Line(rest), body) if rest else ""
            notes.append(f"{numbers.next(mark)} {glued} {text}".replace("  ", " ").rstrip())
        else:
            notes[-1] += " " + _line_text(line, body)
    return "\n".join(notes)


def _line_text(line: _Line, body: float, *, calls: frozenset[int] | None = frozenset()) -> str:
    """The text of a line; small raised digits become superscripts when they number one of
    the document's footnotes (``calls``; None: any number, a text layer's sizes being
    exact); any other digits stay as printed."""
    pieces: list[str] = []
    previous: Word | None = None
    for word in line.words:
        text = word.text
        if text.isdecimal() and (calls is None or int(text) in calls) and _raised(word, line):
            text = text.translate(_SUPERSCRIPT_DIGITS)
            glue = True
        else:
            glue = previous is not None and word.x0 - previous.x1 < WORD_GAP * word.size
        if pieces and not glue:
            pieces.append(" ")
        pieces.append(text)
        previous = word
    return "".join(pieces).strip()


__all__ = ["Page", "Word", "pages_to_text"]
