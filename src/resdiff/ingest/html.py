"""HTML pages: block elements become paragraphs, ``<ol>`` items get their printed labels.

Uses the standard library's parser. Paragraphs are separated by blank lines as in OCR text;
``<sup>`` digits become superscript footnote marks; footnotes (an element whose class, id
or role says ``footnote``/``endnote``, or an ``<aside>``) go at the end as a footnote block,
``1 Text…`` one per line. Scripts, styles, navigation and page chrome (a word processor's
page header and footer included) are skipped. Line breaks in the source are spaces; only
``<br>`` (and ``<pre>``) break a line. A ``<pre>`` keeps its text as typed: blank lines, and the
space OCR opens a page with (a text file saved as HTML by LibreOffice is one ``<pre>``).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

_BLOCKS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote tr td th dd dt pre section article main".split()
)
_SKIPPED = frozenset("script style head nav header footer noscript template button".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())
_NOTES_RE = re.compile(r"foot-?notes?|end-?notes?|doc-(?:foot|end)notes?", re.I)
# A footnote's call, not its text: markdown-it's ``footnote-ref``, LibreOffice's
# ``sdfootnoteanc``, an ``id="fnref1"``.
_CALL_MARKER_RE = re.compile(r"ref\b|ref\d|anc\b|anchor|call", re.I)
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Links back to the call: "↩", "↩︎" (with its text-style variation selector), "↑", "^".
_BACKLINK_RE = re.compile(r"\s*[↩↑^][\ufe0e\ufe0f]?\s*$")
# A call as <sup> holds it: "2", or "[2]" as Markdown tools write it.
_CALL_RE = re.compile(r"^\[?(\d{1,3})\]?$")
_SOURCE_BREAK_RE = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_LEADING_MARK_RE = re.compile(r"^[\[(]?(\d{1,3})[\])]?\.?\s*")


def html_text(html: str) -> str:
    """The text of an HTML page, shaped like OCR output (see the module docstring)."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.end_block()
    blocks = [b for b in parser.blocks if b]
    notes = [_LEADING_MARK_RE.sub("", _BACKLINK_RE.sub("", n)) for n in parser.notes if n]
    if notes:
        blocks.append("\n".join(f"{n} {text}" for n, text in enumerate(notes, 1)))
    return "\n\n".join(blocks) + "\n" if blocks else ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.notes: list[str] = []
        self.current: list[str] = []
        self.stack: list[str] = []
        # How many of each tag are open: an end tag with no open start tag is ignored in
        # constant time (a scan of the stack made many unmatched end tags quadratic).
        self.open_tags: Counter[str] = Counter()
        self.skip_depth = 0
        self.notes_depth = 0
        self.sup_depth = 0
        self.lists: list[tuple[str, int]] = []  # (type, next number) of open <ol>/<ul>
        self.label = ""  # the label of the list item just opened, until its text comes
        self.preformatted = False  # the block so far is a <pre>'s text

    def _only_label(self) -> bool:
        """Whether the block so far is only its list item's label: a ``<p>`` inside the
        ``<li>`` (a loose list, as Markdown tools write one) keeps the label with its text."""
        return bool(self.label) and "".join(self.current).strip() == self.label.strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.current.append("\n")
            return
        self.stack.append(tag)
        self.open_tags[tag] += 1
        values = dict(attrs)
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        # LibreOffice writes a document's page header and footer as <div title="header">.
        page_chrome = values.get("title") in ("header", "footer")
        if self.skip_depth or tag in _SKIPPED or page_chrome:
            self.skip_depth += 1
            return
        notes = _NOTES_RE.search(marker) and not _CALL_MARKER_RE.search(marker)
        if self.notes_depth or tag == "aside" or notes:
            self.notes_depth += 1
        if self.notes_depth and tag in _HEADINGS:
            self.notes_depth -= 1
            self.skip_depth += 1  # "Notes" above the footnotes is not a footnote
            return
        if tag == "sup":
            self.sup_depth += 1
        if tag in ("ol", "ul"):
            start = int(values.get("start") or 1) if (values.get("start") or "").isdigit() else 1
            self.lists.append((values.get("type") or ("1" if tag == "ol" else ""), start))
        if tag in _BLOCKS and not self._only_label():
            self.end_block()
        if tag == "li" and self.lists and not self.notes_depth:
            kind, number = self.lists[-1]
            self.lists[-1] = (kind, number + 1)
            label = _label(kind, number)
            if label:
                self.current.append(label + " ")
                self.label = label + " "

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open_tags[tag]:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.open_tags[open_tag] -= 1
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag in _BLOCKS:
            self.end_block()
        if tag == "sup":
            self.sup_depth -= 1
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if self.notes_depth:
            self.notes_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not self.open_tags["pre"]:
            # A line break in the source is a space (HTML editors and LibreOffice wrap the
            # source of a paragraph at 70 columns: "13e\nséance plénière"); only <br> breaks.
            data = _SOURCE_BREAK_RE.sub(" ", data)
        elif data.strip():
            self.preformatted = True
        call = _CALL_RE.match(data.strip()) if self.sup_depth and not self.notes_depth else None
        if call:
            self.current.append(call[1].translate(_SUPERSCRIPT_DIGITS))
            return
        if data.strip():
            self.label = ""
        self.current.append(data)

    def end_block(self) -> None:
        text = "".join(self.current)
        self.current = []
        self.label = ""
        if self.preformatted and not self.notes_depth:
            # A <pre> is a text as it was typed (LibreOffice saves a .txt as HTML so): its
            # lines, blank ones and the space opening a page as OCR wrote it, are the text's.
            self.preformatted = False
            lines = [line.rstrip() for line in text.split("\n")]
            kept = "\n".join(lines).strip("\n")
            if kept.strip():
                self.blocks.append(kept)
            return
        self.preformatted = False
        lines = [" ".join(line.split()) for line in text.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if not joined:
            return
        (self.notes if self.notes_depth else self.blocks).append(
            joined.replace("\n", " ") if self.notes_depth else joined
        )


def _label(kind: str, number: int) -> str | None:
    """The label a resolution prints for item ``number`` of an ``<ol type=kind>``."""
    if kind in ("a", "A"):
        letter = chr(ord("a") + (number - 1) % 26)
        return f"{letter.upper() if kind == 'A' else letter})"
    if kind in ("i", "I"):
        numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        roman = numerals[number - 1] if number <= len(numerals) else str(number)
        return f"({roman.upper() if kind == 'I' else roman})"
    if kind == "1":
        return f"{number}."
    return None
