"""The shape of a line that opens a footnote: its mark (digits, or the glyph OCR made of a
raised number) and its text."""

from __future__ import annotations

import re

# A footnote starts with its number, or the glyph OCR made of a superscript number.
FOOTNOTE_MARK_GLYPHS = "!?®”*¹²³⁴⁵⁶⁷⁸⁹⁰'’\"%#|°"
_GLYPHS = re.escape(FOOTNOTE_MARK_GLYPHS)
# The mark: digits, a glyph, or "l"/"I" (OCR's "1"), never an elided "l’". "|" is a "1" too,
# and "°" the ring OCR adds to a small digit ("5°").
FOOTNOTE_LINE_RE = re.compile(
    rf"^(?P<mark>\d{{1,3}}(?=[{_GLYPHS}]?\s)|[{_GLYPHS}]{{1,2}}|[lI](?=\s))[{_GLYPHS}_]?\s+"
    r"(?P<text>\S.*)$"
    # or a raised "1" read as an elided "L’" before a consonant, where no elision can stand
    r"|^(?P<elided>[lIL])’(?P<elided_text>[B-DF-HJ-NP-TV-Z]\S*.*)$"
)


def footnote_start(line: str) -> tuple[str, str] | None:
    """The mark and text of a line that opens a footnote (``1 Résolution…``), or None."""
    match = FOOTNOTE_LINE_RE.match(line)
    if not match:
        return None
    if match["elided"]:
        return "l", match["elided_text"]
    return match["mark"], match["text"]


# The superscript digits a rich-text copy prints its marks with, and their numbers.
SUPERSCRIPTS = {"¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}
