"""Page-level clean-up: running headers, footnote blocks cut into the text, page breaks.

Works on lines of repaired text. OCR output marks the first line of each page with a
leading space; printed footnotes sit just before that line, sometimes in the middle of a
paragraph that goes on after them.
"""

from __future__ import annotations

import re

from resdiff.lang import Language
from resdiff.model import Discard
from resdiff.segment.blocks import Block, Footnote, Pages
from resdiff.segment.boundaries import LABEL_ONLY_RE, starts_clause
from resdiff.segment.furniture import MASTHEAD_NAME_RE, is_furniture
from resdiff.segment.note_blocks import lift_footnotes, note_ends
from resdiff.segment.note_lines import footnote_start
from resdiff.segment.running import RUNNING_HEADER_LINES, RunningHeaders, repeated_at_page_breaks


def is_page_header(line: str) -> bool:
    """True for running headers and footers: page numbers, job numbers, the symbol."""
    return is_furniture(line)


# A line of two or three characters that is neither a short word nor a number: the specks a
# scanner turns into "Û", "D", '"3' where superscripts and dust were.
_SHORT_TEXT_RE = re.compile(r"^(?:[^\W\d_]{2,3}[,;.:]?|\d{1,3}[,;.:]?|[a-zà-ÿ][,;.:]?)$")


def is_debris_line(line: str) -> bool:
    """True for a line of one to three characters that cannot be a word of a clause."""
    stripped = line.strip()
    return 0 < len(stripped) <= 3 and not _SHORT_TEXT_RE.match(stripped)


# "a) ", "(iv) ", "12. " at the start of a line: a sub-item or operative paragraph begins.
_LABEL_START_RE = re.compile(r"^\s?(?:\(?(?:[a-z]{1,2}|[ivx]{1,5})\)|\d{1,3}\.)\s+\S")


def _starts_labelled_paragraph(previous: str, line: str) -> bool:
    """A labelled line right after a line that closes a clause: the blank line was lost."""
    return previous.rstrip()[-1:] in ":;,." and bool(_LABEL_START_RE.match(line))


# A separator line of underscores (or dashes) above the footnotes of a page.
_SEPARATOR_RE = re.compile(r"^\s?(?:_{4,}|-{8,}|—{3,})\s*$")
# A footnote number alone on its line, raised above its text.
_NUMBER_ONLY_RE = re.compile(r"^\s?\d{1,3}$")


def split_blocks(text: str, language: Language | None = None) -> Pages:
    """Cut text into blocks; drop page furniture; lift out footnotes.

    Blocks end at blank lines, at page starts and, when ``language`` is given, where the
    grammar of the resolution starts a clause (:func:`~.boundaries.starts_clause`): text from
    ``pdftotext`` or pasted from the web has no blank line between paragraphs.
    """
    pages = Pages(blocks=[])
    lines = _join_label_lines(text.split("\n"))
    running = RunningHeaders(lines)
    furniture = _furniture(lines)  # asked of most lines several times
    repeated = repeated_at_page_breaks(lines, furniture)
    # Furniture and running lines: a short stub between two of them is their debris.
    set_aside = [is_set or index in repeated for index, is_set in enumerate(furniture)]
    current: Block | None = None
    page_pending = False  # a page opened on a line that was set aside
    since_page = RUNNING_HEADER_LINES  # lines read since the last page start
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip():
            current = None
            continue
        opens_page = (line.startswith(" ") and index > 1) or page_pending
        since_page = 0 if opens_page else since_page + 1
        if _SEPARATOR_RE.match(line):
            index = _read_footnote_zone(lines, index, pages, language)
            current, page_pending = None, True
            continue
        # Asked of every line at a page top, set aside or not: the title's second line is
        # told by the first (``running`` remembers it), which may be set aside already.
        heads_page = since_page < RUNNING_HEADER_LINES and running(line)
        header = furniture[index - 1] or index - 1 in repeated or heads_page
        if not header and _between_furniture(lines, index - 1, set_aside):
            pages.discarded.append(Discard("debris", line.strip()))
            continue
        if header or is_debris_line(line):
            kind = "page-header" if header else "debris"
            pages.discarded.append(Discard(kind, line.strip()))
            if header:
                wrapped = _wrapped_footer(lines, index - 1)
                pages.discarded += [Discard(kind, lines[i].strip()) for i in wrapped]
                index += len(wrapped)
            # Furniture stands where a page ends or begins: what follows opens a page, even
            # in text that lost its form feeds (OCR, web copies).
            page_pending = opens_page or header or page_pending
            current = None if opens_page else current
            continue
        page_pending = False
        previous = current.lines[-1].strip() if current is not None else ""
        lost_blank = current is not None and (
            starts_clause(previous, line.strip(), language)
            if language is not None
            else _starts_labelled_paragraph(previous, line)
        )
        if current is None or opens_page or lost_blank:
            current = Block(lines=[], page_start=opens_page)
            pages.blocks.append(current)
        current.lines.append(line)
    lift_footnotes(pages, language)
    return pages


def _furniture(lines: list[str]) -> list[bool]:
    """Whether each line is page furniture (:func:`is_page_header`), but for words of a
    sentence that text re-wrapped narrower than it was printed (an e-mail, ``fold``) can
    leave on a line of their own: the Organization's name inside a sentence (the masthead is
    never set so) and a number pair after "résolution" (``73/327``, not a page number)."""
    furniture = [is_page_header(line) for line in lines]
    for index, line in enumerate(lines):
        if not furniture[index]:
            continue
        if MASTHEAD_NAME_RE.match(line):
            furniture[index] = not _inside_sentence(lines, index, furniture)
        elif _NUMBER_PAIR_RE.match(line) and index > 0:
            # "résolution" / "73/327": a resolution's number, not a page's.
            furniture[index] = not _ENDS_WITH_REFERENCE_RE.search(lines[index - 1])
    return furniture


# A page number's shape that a resolution's or decision's number also has ("73/327").
_NUMBER_PAIR_RE = re.compile(r"^\s*\d{1,3}/\d{1,3}\s*$")
# A line ending on the word that a document's number follows.
_ENDS_WITH_REFERENCE_RE = re.compile(
    r"\b(?:r[ée]solutions?|resoluci(?:ón|ones)|d[ée]cisions?|decisi(?:ón|ones))\s*$", re.I
)


def _inside_sentence(lines: list[str], index: int, furniture: list[bool]) -> bool:
    """True when the line at ``index`` goes on a sentence: the line right above it (no blank
    line between) is text ending in a lower-case letter, or the line right below it opens in
    lower case."""
    above = lines[index - 1].rstrip() if index > 0 else ""
    below = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
    goes_on = bool(above) and not furniture[index - 1] and above[-1].islower()
    return goes_on or below[:1].islower()


# A footer line with text after its job number ("21-10785 (F) Document …").
_FOOTER_WITH_TEXT_RE = re.compile(r"^\d{2}-\d{5}\s?\([A-Z]\)\s+\S")
# Most lines a text browser wraps a page footer's text onto.
_MAX_FOOTER_LINES = 3


def _wrapped_footer(lines: list[str], index: int) -> range:
    """The lines that go on with the page footer at ``index``, as a text browser wraps it.

    A browser's dump (``lynx``, ``w3m`` of a word processor's web page) prints the page footer
    as a paragraph of its own and wraps its text: the job number opens the first line and the
    notice goes on for a line or two. Only a footer that stands alone between blank lines (or
    the ends of the text), three lines at most after it, is taken whole; anything else is text.
    """
    if not _FOOTER_WITH_TEXT_RE.match(lines[index].strip()):
        return range(0)
    if index > 0 and lines[index - 1].strip():
        return range(0)
    end = index + 1
    while end < len(lines) and lines[end].strip() and end - index <= _MAX_FOOTER_LINES:
        end += 1
    if end < len(lines) and lines[end].strip():
        return range(0)
    return range(index + 1, end)


# Longest line taken for the debris of furniture when it stands between two furniture lines
# ("LULU meciderager", OCR's reading of "Merci de recycler" between job number and barcode).
_MAX_FURNITURE_DEBRIS = 30


def _between_furniture(lines: list[str], index: int, furniture: list[bool]) -> bool:
    """A short line without punctuation between two furniture lines is their debris: OCR's
    reading of a recycling note, or a running title's word that re-wrapping set on a line of
    its own (``Strengthening … to prevent`` / ``and`` / ``combat crimes …``).

    ``furniture`` says of each line whether it is set aside as furniture or a running line.
    """
    line = lines[index].strip()
    if len(line) > _MAX_FURNITURE_DEBRIS or line[-1:] in ",;:." or line[:1].isdigit():
        return False
    earlier = range(index - 1, max(0, index - 3) - 1, -1)
    before = next((i for i in earlier if lines[i].strip()), None)
    later = range(index + 1, min(len(lines), index + 4))
    after = next((i for i in later if lines[i].strip()), None)
    return before is not None and after is not None and furniture[before] and furniture[after]


# Punctuation alone on a line: pdftotext -raw sets a comma after a superscript call apart.
_PUNCTUATION_ONLY_RE = re.compile(r"^\s?[,;:.]$")


def _join_label_lines(lines: list[str]) -> list[str]:
    """Put a label set on a line of its own (``3.``, ``a)``, ``2021/25.``) before its text,
    and punctuation set on a line of its own after the line it ends."""
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        if _PUNCTUATION_ONLY_RE.match(line) and pending is None and joined:
            last = next((i for i in range(len(joined) - 1, -1, -1) if joined[i].strip()), None)
            if last is not None:
                joined[last] = joined[last].rstrip() + line.strip()
                continue
        if pending is not None and line.strip():
            lead = " " if pending.startswith(" ") else ""
            joined.append(f"{lead}{pending.strip()} {line.strip()}")
            pending = None
        elif pending is None and LABEL_ONLY_RE.match(line.strip()):
            pending = line
        elif pending is None or line.strip():
            joined.append(line)
    if pending is not None:
        joined.append(pending)
    return joined


def _read_footnote_zone(
    lines: list[str], index: int, pages: Pages, language: Language | None = None
) -> int:
    """Read the footnotes under a separator line, up to the next page; return where it ends.

    A number alone on its line is the footnote's raised number; furniture at the foot of the
    page (page and job numbers, barcodes) is set aside. A footnote goes on over its lines
    until it ends a sentence (:func:`~.note_blocks.note_ends`).
    """
    footnotes: list[Footnote] = []
    number: str | None = None
    while index < len(lines):
        line = lines[index].strip()
        opens_page = lines[index].startswith(" ")
        if opens_page and (footnotes or number):
            break
        index += 1
        if not line:
            continue
        whole = not footnotes or note_ends(footnotes[-1].text, language)
        if _NUMBER_ONLY_RE.match(line) and whole:
            number = line
            continue
        if is_page_header(line) and number is None:
            pages.discarded.append(Discard("page-header", line))
            continue
        start = footnote_start(line)
        if number is not None:
            footnotes.append(Footnote(number, line))
            number = None
        elif start and whole:
            footnotes.append(Footnote(*start))
        elif not whole:
            footnotes[-1].text += " " + line
        else:
            index -= 1  # the text goes on after the footnotes, on a page that did not open
            break
    pages.discarded.append(Discard("footnote-separator", "_" * 5))
    if footnotes:
        pages.blocks.append(Block(lines=[f.text for f in footnotes], footnotes=footnotes))
    return index


__all__ = ["Block", "Footnote", "Pages", "is_debris_line", "is_page_header", "split_blocks"]
