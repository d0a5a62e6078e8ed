"""Endnote sections as web pages print them → the footnote lines the segmenter reads.

A resolution saved from a web page, or converted by a word processor or a Markdown tool,
prints its footnotes at the end under a heading, as a numbered list whose items often end
with a link back to their call::

    Notes
    1. Résolution 64/293 de l’Assemblée générale. ↩
    2. Nations Unies, Recueil des Traités, vol. 2225, nº 39574. ↩

The segmenter reads footnotes printed at the end as ``1 Résolution…`` (a number, a space,
the note). This module rewrites such a section into that form, one note to a paragraph: the
heading goes, each number loses its ``.``, ``)`` or brackets, and the back-links go (under a
heading, items that all link back and carry no number, as a copy from a browser gives
them, are numbered in order). A
section is rewritten only when it is certainly one: it has a heading of its own (or every
item ends with a back-link), and its items are numbered 1, 2, 3… without a gap. Anything
else is left exactly as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The heading of a notes section, in the six languages, alone on its line.
_HEADINGS = (
    r"(?:notes?|notes de bas de page|footnotes?|endnotes?|références|notas|"
    r"notas al pie|примечания|сноски|الحواشي|الهوامش|ملاحظات|注释?|脚注)"
)
_HEADING_RE = re.compile(rf"^\s*{_HEADINGS}\s*:?\s*$", re.I)
# The same, looked for in the whole text at once: a line's spaces are every whitespace
# character but the line break, so that a match never runs on into another line.
_HEADING_LINE_RE = re.compile(rf"^[^\S\n]*{_HEADINGS}[^\S\n]*:?[^\S\n]*$", re.I | re.M)
# One item: "1. Text", "1) Text", "[1] Text" (pandoc's plain text), "[^1]: Text" (a Markdown
# footnote), "1 Text".
_ITEM_RE = re.compile(
    r"^\s*(?:\[\^?(?P<bracketed>\d{1,3})\]:?|(?P<number>\d{1,3})[.)]?)\s+(?P<text>\S.*)$"
)
# Links back to the call at the end of an item: "↩", "↩︎", "↑", "^".
_BACKLINK_RE = re.compile(r"\s*(?:[↩↑]\ufe0e?|\^)(?:\s*(?:[↩↑]\ufe0e?|\^))*\s*$")


def canonical_endnotes(text: str, closing: Callable[[str], bool] | None = None) -> str:
    """Rewrite the text's endnote section, if it has one, as the segmenter's footnote lines.

    ``closing`` tells a line of the closing (the meeting, the date), which ends a note that
    has no back-link rather than continuing it.

    Example:
        >>> canonical_endnotes("22 juillet 2021\\nNotes\\n1. Résolution 64/293. ↩\\n2. Ibid. ↩\\n")
        '22 juillet 2021\\n\\n1 Résolution 64/293.\\n\\n2 Ibid.\\n'
        >>> canonical_endnotes("Notes\\n2. Ibid.\\n")  # items must start at 1
        'Notes\\n2. Ibid.\\n'
        >>> canonical_endnotes("Notes\\nRésolution 64/293. ↩\\nIbid. ↩\\n")  # a browser's copy
        '\\n\\n1 Résolution 64/293.\\n\\n2 Ibid.\\n'
    """
    lines = text.split("\n")
    start = _section_start(text, lines)
    if start is None:
        return text
    items, end = _items(lines, start, closing or (lambda line: False))
    if not items:
        return text
    notes = "\n\n".join(f"{number} {note}" for number, note in items)
    before = "\n".join(lines[:start]).rstrip("\n")
    after = "\n".join(lines[end:])
    return f"{before}\n\n{notes}\n" + (f"\n{after}" if after.strip() else after)


def _section_start(text: str, lines: list[str]) -> int | None:
    """The line where the notes section starts (its heading, or its first item).

    ``lines`` are the lines of ``text``. The last heading is found by one search of the
    text, where a loop asked every line; without a back-link sign no item can link back.
    """
    heading = None
    for heading in _HEADING_LINE_RE.finditer(text):  # noqa: B007 (the last one is kept)
        pass
    if heading is not None:
        return text.count("\n", 0, heading.start())
    if not any(sign in text for sign in "↩↑^["):
        return None
    # No heading: a list at the end whose every item links back to its call, or whose every
    # number is in brackets.
    first = None
    for index, line in enumerate(lines):
        item = _ITEM_RE.match(line)
        if item and _number(item) == 1 and (item["bracketed"] or _BACKLINK_RE.search(line)):
            first = index
    return first


def _number(item: re.Match[str]) -> int:
    return int(item["bracketed"] or item["number"])


def _items(
    lines: list[str], start: int, closing: Callable[[str], bool]
) -> tuple[list[tuple[int, str]], int]:
    """The numbered items from ``start`` on, and the index of the first line after them.

    Returns no items unless they run 1, 2, 3…, and, for a section without a heading, every
    item ends with a back-link or every number is in brackets.
    """
    headed = bool(_HEADING_RE.match(lines[start]))
    notes: list[str] = []  # note n is notes[n - 1]: the numbers run from 1 without a gap
    bracketed = True
    index = start + 1 if headed else start
    blank = False
    unnumbered = 0  # items without a number, each ending with its back-link
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            blank = True
            index += 1
            continue
        item = _ITEM_RE.match(line)
        if item and _number(item) == len(notes) + 1 and unnumbered == 0:
            notes.append(item["text"])
            bracketed = bracketed and bool(item["bracketed"])
        elif headed and _BACKLINK_RE.search(line) and unnumbered == len(notes):
            # A copy from a browser keeps the text of the list but not its numbers (the
            # browser draws them): under a heading, lines that each link back are the notes
            # in order.
            notes.append(line.strip())
            unnumbered += 1
        elif (
            notes
            and not blank
            and not item
            and not _BACKLINK_RE.search(notes[-1])
            and not closing(line)  # "13e séance plénière" right after the last note
        ):
            notes[-1] = f"{notes[-1]} {line.strip()}"  # a note wrapped onto a new line
        else:
            break
        blank = False
        index += 1
    if not headed and not bracketed and not all(_BACKLINK_RE.search(note) for note in notes):
        return [], start
    cleaned = [_BACKLINK_RE.sub("", note).strip() for note in notes]
    if not all(cleaned):
        return [], start
    return list(enumerate(cleaned, start=1)), index


__all__ = ["canonical_endnotes"]
