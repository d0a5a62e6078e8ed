"""Files that hold several resolutions: a compilation, or resolutions printed one after another.

The General Assembly and ECOSOC publish their resolutions of a session together (the
Official Records volumes), and a user may also save several resolutions into one text. Each
resolution there opens with its heading (``2021/26. Title…``) and, a few lines below, its
acting body (``Le Conseil économique et social,``), after the closing (meeting, date) of the
one before. :func:`split` cuts the repaired text at those headings, so that one resolution is
read instead of the first with the others set aside clause by clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resdiff.lang import Language
from resdiff.segment.boundaries import HEADING_LABEL, is_closing_line

# The heading line: "2021/26. Mise en œuvre…", or "2021/26." alone on its line.
_HEADING_RE = re.compile(rf"^\s*(?P<label>{HEADING_LABEL})(?:\.|\s?[-–])(?:\s|$)")
# How many non-blank lines below the heading may hold the acting body's formula (the title
# runs over a few lines).
_FORMULA_REACH = 8


@dataclass(frozen=True, slots=True)
class Part:
    """One resolution of a file: its heading label (``2021/26``) and its lines' text."""

    label: str | None  # None for the text before the first heading that opens a later part
    text: str


def split(text: str, language: Language) -> list[Part]:
    """The resolutions a repaired text holds, in order (one part for a single resolution).

    A new part opens at a heading that follows a closing line and has the acting body's
    formula within a few lines below it; it begins at the page after that closing, if one
    starts before the heading (the masthead above it is its own).
    """
    lines = text.split("\n")
    starts: list[tuple[int, str]] = []
    closed: int | None = None  # the first closing line since the last heading
    for index, line in enumerate(lines):
        if is_closing_line(line, language):
            closed = index if closed is None else closed
            continue
        match = _HEADING_RE.match(line)
        if match and (closed is not None or not starts) and _formula_below(lines, index, language):
            starts.append((_start(lines, closed, index), match["label"]))
            closed = None
    if len(starts) < 2:
        return [Part(starts[0][1] if starts else None, text)]
    bounds = [index for index, _ in starts[1:]] + [len(lines)]
    parts = [Part(starts[0][1], "\n".join(lines[: bounds[0]]))]
    for (start, label), end in zip(starts[1:], bounds[1:], strict=True):
        parts.append(Part(label, "\n".join(lines[start:end])))
    return parts


def _start(lines: list[str], closed: int | None, heading: int) -> int:
    """Where the resolution headed at line ``heading`` begins: at the start of its page, when
    that page starts after the previous one's closing (its masthead is printed above the
    heading), else at its heading (lines after a closing on the same page are the previous
    one's footnotes)."""
    if closed is None:
        return heading
    # A page starts on a line that the text layout indents by one space (see .pages).
    pages = [i for i in range(closed + 1, heading) if lines[i].startswith(" ")]
    return pages[-1] if pages else heading


def _formula_below(lines: list[str], index: int, language: Language) -> bool:
    seen = 0
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        if language.body_letter(line) is not None:
            return True
        seen += 1
        if seen >= _FORMULA_REACH:
            return False
    return False
