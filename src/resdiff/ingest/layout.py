"""Positioned words on pages → text shaped like OCR output, for the segmenter.

PDF text layers (:mod:`resdiff.ingest.pdf`) and OCR (:mod:`resdiff.ingest.ocr`) both give
words with boxes and sizes. This module, which imports no third-party library, turns them
into the text :mod:`resdiff.segment` expects:

- paragraphs separated by blank lines (a vertical gap wider than the usual line pitch);
- the first line of each page after the first starts with one space;
- running headers and footers (job numbers, the symbol, page numbers, barcodes), found in
  bands at the top and bottom of each page, are left out;
- footnotes (smaller lines at the foot of a page) become a footnote block, one per line as
  ``1 Text…``, placed just before the next page starts;
- superscript footnote marks (small, raised characters) become Unicode superscript digits
  glued to the word before them (``personnes¹,``).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Running headers and footers live in these shares of the page height (UN documents keep
# their margins wider than this, so body text never falls inside).
HEADER_BAND = 0.075
FOOTER_BAND = 0.085
# A line smaller than this share of the body size, at the foot of a page, is a footnote.
FOOTNOTE_SIZE = 0.92
# A word smaller than this share of the body size and raised above the baseline is a mark.
SUPERSCRIPT_SIZE = 0.8
# A gap between lines wider than this many line pitches separates paragraphs.
PARAGRAPH_GAP = 1.35
# Words closer than this share of their size are one word ("personnes" + superscript "1").
WORD_GAP = 0.12

_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
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
    """One page: its size and its words in any order."""

    width: float
    height: float
    words: tuple[Word, ...]


@dataclass
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
    lines_by_page = [[line for line in _lines(page) if not _in_bands(line, page)] for page in pages]
    pitch = _line_pitch(lines_by_page, body)
    out: list[str] = []
    numbers = _NoteNumbers(trust_marks)
    for number, kept in enumerate(lines_by_page):
        text_lines, notes = _split_footnotes(kept, body, pitch)
        page_text = _body_text(text_lines, body, pitch)
        if page_text and number > 0:
            page_text = " " + page_text
        if page_text:
            out.append(page_text)
        if notes:
            out.append(_footnote_text(notes, body, numbers))
    return "\n\n".join(out) + "\n" if out else ""


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


def _lines(page: Page) -> list[_Line]:
    """Group words into lines by vertical overlap, top to bottom, each left to right."""
    lines: list[_Line] = []
    for word in sorted(page.words, key=lambda w: (w.bottom, w.x0)):
        height = word.bottom - word.top
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            if overlap >= 0.4 * min(height, line.bottom - line.top):
                line.words.append(word)
                break
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return sorted(lines, key=lambda line: line.baseline)


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


def _split_footnotes(
    lines: list[_Line], body: float, pitch: float
) -> tuple[list[_Line], list[_Line]]:
    """Separate the footnote block at the foot of a page from the running text.

    The block starts after a paragraph gap, on a line that opens a footnote; every later line
    either opens a footnote or follows the line above it closely.
    """
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
    """True for a line that starts with a footnote mark: raised and small, or a number in
    small print."""
    first = line.words[0]
    return _raised(first, line) or (line.size < body * FOOTNOTE_SIZE and first.text.isdecimal())


def _raised(word: Word, line: _Line) -> bool:
    size = line.size
    return word.size < size * SUPERSCRIPT_SIZE and word.bottom < line.baseline - 0.15 * size


def _body_text(lines: list[_Line], body: float, pitch: float) -> str:
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        text = _line_text(line, body, marks=True)
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

    def next(self, mark: str) -> int:
        """The number of the footnote whose printed mark is ``mark``."""
        legible = mark.isdecimal() and (self.trust_marks or int(mark) == self.last + 1)
        self.last = int(mark) if legible else self.last + 1
        return self.last


def _footnote_text(lines: list[_Line], body: float, numbers: _NoteNumbers) -> str:
    """Footnotes one per line, ``1 Text…``: a new footnote starts at each leading mark."""
    notes: list[str] = []
    for line in lines:
        if _opens_note(line, body) or not notes:
            first, *rest = line.words
            text = _line_text(_Line(rest), body, marks=False) if rest else ""
            notes.append(f"{numbers.next(first.text)} {text}".rstrip())
        else:
            notes[-1] += " " + _line_text(line, body, marks=False)
    return "\n".join(notes)


def _line_text(line: _Line, body: float, *, marks: bool) -> str:
    """The text of a line; small raised digits become superscripts when ``marks`` is set."""
    pieces: list[str] = []
    previous: Word | None = None
    for word in line.words:
        text = word.text
        raised = _raised(word, line)
        if marks and raised and text.isdecimal():
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
