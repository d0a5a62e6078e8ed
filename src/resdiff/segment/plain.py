"""Plain paragraphs, for texts without a resolution's structure (``resdiff add --raw``)."""

from __future__ import annotations

import re

from resdiff.model import Segmentation, Unit, UnitKind

_BLANK_LINES_RE = re.compile(r"\n\s*\n")
_SPACES_RE = re.compile(r"\s+")

# Longest title taken from the first paragraph when none is given.
MAX_TITLE = 120


def plain_paragraphs(text: str) -> Segmentation:
    """Split text at blank lines into units ``p1``…``pN`` of kind ``preamble``, one line each.

    Example:
        >>> [(u.id, u.text) for u in plain_paragraphs("One\\nline.\\n\\n\\nTwo.").units]
        [('p1', 'One line.'), ('p2', 'Two.')]
    """
    texts = (_SPACES_RE.sub(" ", block).strip() for block in _BLANK_LINES_RE.split(text))
    units = [text for text in texts if text]
    return Segmentation(
        units=tuple(Unit(f"p{n}", UnitKind.PREAMBLE, t) for n, t in enumerate(units, 1))
    )


def plain_title(units: tuple[Unit, ...]) -> str | None:
    """A title for plain paragraphs: the start of the first one, or None without text."""
    if not units:
        return None
    first = units[0].text
    return first if len(first) <= MAX_TITLE else first[: MAX_TITLE - 1].rstrip() + "…"
