"""Plain text in the layouts users have → text shaped like OCR output, for the segmenter.

Text reaches resdiff from ``pdftotext`` (form feeds between pages), ``pdftotext -layout``
(every line indented, columns kept with runs of spaces), web and Word pastes (CRLF, tabs,
one line per paragraph) and OCR. The segmenter reads one convention, the one
:mod:`resdiff.ingest.layout` also produces: the first line of a page after the first starts
with one space, and no other line does. This module brings plain text to it:

- a page of ``-layout`` text set in two columns is read one column after the other
  (:mod:`resdiff.ingest.columns`);
- PDFium's mark of a hyphenated line end (U+FFFE) becomes the hyphen and the line break;
- a form feed opens a page;
- when many lines are indented (``-layout``, indented pastes), indentation is layout, not a
  page start, and is removed;
- a line laid out in columns whose end cell is furniture (``E/RES/2021/25      2/5``) is cut
  into its cells, so the furniture can be set aside whole;
- a footnote call that a PDF viewer's copy (PDFium) raised onto a line end of its own
  (``personnes1`` then ``,`` or `` et le Protocole`` on the next line) has what follows it
  put back on its line;
- an operative number or sub-item letter that pdfminer set after its paragraph's first line
  goes back before it (:mod:`resdiff.ingest.displaced_labels`);
- a heading that a text browser starred (``html2text``'s ``****** 2021/25. Mise en œuvre…
  ******``, over one line or a few) loses its stars.
"""

from __future__ import annotations

import re

from resdiff.ingest.columns import split_text_columns
from resdiff.ingest.displaced_labels import restore_labels
from resdiff.segment.furniture import split_furniture_cells

# More indented lines than this share is a layout of indents, not OCR's page starts (one a
# page, so about one line in forty).
INDENTED_SHARE = 0.2

_NEWLINE_RE = re.compile(r"\r\n?")
_INDENT_RE = re.compile(r"^[ \t\u00a0]+")
# A line ending on a footnote call: a letter (or a closing quote) and one to three digits.
_CALL_AT_END_RE = re.compile(r"[^\W\d_][’”»)]?\d{1,3}$")
# What PDFium puts on the line after a raised call: the punctuation after it, alone, or the
# rest of the sentence after one space (in lower case: a page that opens with one space,
# as OCR text marks it, opens on its running header, a number or a capital).
_AFTER_RAISED_CALL_RE = re.compile(r"^(?:[,;:.)\]]+[ \t]*|[ ].+)$")
# "****** Heading ******": the same run of three to six stars opens a line and closes the same
# or a later line of the paragraph; the heading holds no star.
_STARRED_HEADING_RE = re.compile(r"^(\*{3,6})[ ]((?:[^\n*]|\n(?![ \t]*\n))+?)[ ]\1[ \t]*$", re.M)


def shape_text(text: str) -> str:
    """Bring a plain-text layout to the segmenter's convention (see the module docstring).

    Example:
        >>> shape_text("Rappelant x,\\n\\fE/RES/1/1      2/5\\nla suite")
        'Rappelant x,\\n E/RES/1/1\\n2/5\\nla suite'
        >>> shape_text("    Rappelant x,\\n    Notant y,\\n")
        'Rappelant x,\\nNotant y,\\n'
        >>> shape_text("sa soixante\ufffe12/3/26, 6:26 PM\\ndouzième session")
        'sa soixante-\\n12/3/26, 6:26 PM\\ndouzième session'
    """
    text = _NEWLINE_RE.sub("\n", text)
    # PDFium (a copy from Chrome's or Edge's PDF viewer) writes U+FFFE where a word was
    # hyphenated at a line end, and no line break: the next line, a browser's print header
    # too, runs on after it ("soixante\ufffe12/3/26, 6:26 PM"). The hyphen and the break go
    # back, for the hyphenation repair and the furniture rules to read.
    text = text.replace("\ufffe", "-\n")
    if " " * 3 in text:  # pdftotext -layout of a page set in two columns
        text = "\f".join(split_text_columns(page) for page in text.split("\f"))
    if "***" in text:
        text = _STARRED_HEADING_RE.sub(r"\2", text)
    lines = restore_labels(_rejoin_raised_calls(text.split("\n")))
    nonblank = [line for line in lines if line.strip() and "\f" not in line]
    indented = sum(1 for line in nonblank if _INDENT_RE.match(line))
    dedent = bool(nonblank) and indented > INDENTED_SHARE * len(nonblank)
    shaped: list[str] = []
    page_break = False
    for raw in lines:
        if "\f" in raw:
            page_break = page_break or bool(shaped)
            raw = raw.replace("\f", "")
        if not raw.strip():
            shaped.append("")
            continue
        page_start = page_break or (not dedent and raw[:1] in " \t\u00a0")
        cells = [cell.strip() for cell in split_furniture_cells(raw)]
        if page_start:
            cells[0] = " " + cells[0]
        page_break = False
        shaped.extend(cells)
    return "\n".join(shaped)


def _rejoin_raised_calls(lines: list[str]) -> list[str]:
    """Put back on its line what PDFium set on the next one after a raised footnote call.

    Example:
        >>> _rejoin_raised_calls(["la traite des personnes1", ",", "organisée2", " et le"])
        ['la traite des personnes1,', 'organisée2 et le']
        >>> _rejoin_raised_calls(["organisée2", " E/RES/2021/25"])  # a page opens
        ['organisée2', ' E/RES/2021/25']
    """
    if not any(_CALL_AT_END_RE.search(line) for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        rest = _AFTER_RAISED_CALL_RE.match(line) and (line[:1] != " " or line[1:2].islower())
        if out and rest and _CALL_AT_END_RE.search(out[-1]):
            out[-1] += line.rstrip() if line.startswith(" ") else line.strip()
        else:
            out.append(line)
    return out


__all__ = ["shape_text"]
