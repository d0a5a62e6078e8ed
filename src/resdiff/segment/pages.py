"""Page-level clean-up: running headers, footnote blocks cut into the text, page breaks.

Works on lines of repaired text. OCR output marks the first line of each page with a
leading space; printed footnotes sit just before that line, sometimes in the middle of a
paragraph that goes on after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from resdiff.model import Discard

# Lines that are never part of a clause: job numbers "21-10785 (F)", the document symbol
# repeated at the top of pages, page numbers "2", "2/6", "- 2 -", "Page 2", barcodes.
_HEADER_RES = (
    re.compile(r"^\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\S+)?$"),
    re.compile(r"^(?:A|E|S|A/HRC)/RES/[\w/.() -]{1,30}$"),
    re.compile(r"^\d{1,3}(?:\s*/\s*\d{1,3})?$"),
    re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]$"),
    re.compile(r"^(?:Page|p\.)\s*\d{1,3}(?:\s*(?:/|of|sur)\s*\d{1,3})?$", re.I),
    re.compile(r"^\*?\d{7,}\*?$"),
)

# A footnote starts with its number, or the glyph OCR made of a superscript number.
FOOTNOTE_MARK_GLYPHS = "!?®”*¹²³⁴⁵⁶⁷⁸⁹⁰'’\""
_FOOTNOTE_LINE_RE = re.compile(
    rf"^(?P<mark>\d{{1,3}}|[{re.escape(FOOTNOTE_MARK_GLYPHS)}]{{1,2}})\s+(?P<text>\S.*)$"
)

SUPERSCRIPTS = {"¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}


def is_page_header(line: str) -> bool:
    """True for running headers and footers: page numbers, job numbers, the symbol."""
    stripped = line.strip()
    return bool(stripped) and any(regex.match(stripped) for regex in _HEADER_RES)


@dataclass
class Block:
    """A run of non-blank lines; ``page_start`` when its first line opens a page."""

    lines: list[str]
    page_start: bool = False

    @property
    def text(self) -> str:
        """The block's lines joined with newlines, leading page-break spaces removed."""
        return "\n".join(line.strip() for line in self.lines)


@dataclass
class Footnote:
    """A footnote found at the foot of a page: its printed mark and its text."""

    mark: str
    text: str

    @property
    def number(self) -> int | None:
        """The footnote number when the mark is legible (digits or a superscript)."""
        if self.mark.isdecimal():
            return int(self.mark)
        return SUPERSCRIPTS.get(self.mark)


@dataclass
class Pages:
    """The text cut into blocks, with footnotes and page furniture set aside."""

    blocks: list[Block]
    footnotes: list[Footnote] = field(default_factory=list)
    discarded: list[Discard] = field(default_factory=list)


def split_blocks(text: str) -> Pages:
    """Cut text into blocks at blank lines and page starts; drop headers; lift out footnotes."""
    pages = Pages(blocks=[])
    current: Block | None = None
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            current = None
            continue
        if is_page_header(line):
            pages.discarded.append(Discard("page-header", line.strip()))
            continue
        opens_page = line.startswith(" ") and number > 0
        if current is None or opens_page:
            current = Block(lines=[], page_start=opens_page)
            pages.blocks.append(current)
        current.lines.append(line)
    _lift_footnotes(pages)
    return pages


def _lift_footnotes(pages: Pages) -> None:
    """Move blocks that are footnotes at the foot of a page out of the running text."""
    kept: list[Block] = []
    for index, block in enumerate(pages.blocks):
        following = pages.blocks[index + 1] if index + 1 < len(pages.blocks) else None
        at_page_foot = following is None or following.page_start
        footnotes = _parse_footnotes(block) if index > 0 else None
        if footnotes and not at_page_foot and footnotes[0].mark[0] not in SUPERSCRIPTS:
            footnotes = None  # "2 Nations Unies…" mid-page is text; "² Nations Unies…" is not
        if footnotes:
            pages.footnotes.extend(footnotes)
            pages.discarded += [Discard("footnote-mark", f.mark) for f in footnotes]
        else:
            kept.append(block)
    pages.blocks = kept


def _parse_footnotes(block: Block) -> list[Footnote] | None:
    """The footnotes a block holds, or None when the block is not a footnote block."""
    footnotes: list[Footnote] = []
    for line in block.lines:
        match = _FOOTNOTE_LINE_RE.match(line.strip())
        if match and match["text"][:1].isupper():
            footnotes.append(Footnote(match["mark"], match["text"]))
        elif footnotes:
            footnotes[-1].text += " " + line.strip()
        else:
            return None
    return footnotes
