"""Footnotes run on into one another: the next note split off where its number stands.

A text whose paragraphs were re-flowed (an editor's fill-paragraph, ``fmt``, a mail client
re-wrapping what it sends) joins the lines of a block of footnotes into one paragraph::

    2 Nations Unies, Recueil des Traités, vol. 2225, nº 39574.  3 Ibid., vol. 2237, nº 39574.

Read as it stands, that is one footnote holding two. A note whose next number has no note of
its own, and whose text has that number (or the sign OCR made of it: ``39574.  # Ibid.``)
standing after a full stop and before a capital (or a digit: ``4 A/RES/70/1``), is cut
there. Only the very next number is looked for, so a number inside a note's text (``par.
3. 4``, a volume) is never taken for a mark unless it is the note that is missing. (The
clauses' calls cannot say which notes exist: OCR loses them as often as the notes.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resdiff.segment.blocks import Footnote

# A full stop (maybe closing a quote or a bracket), the spaces after it, a mark and a
# space; the note's text then opens on a capital letter or a digit. The mark is a number, a
# raised number, or a sign OCR made of one or added to it (``#``, ``3%``: see note_lines.py;
# not a quote).
_NEXT_MARK_RE = re.compile(
    r"(?:(?<=[.;])|(?<=[.;][”»\"’)\]]))\s+(?P<mark>\d{1,3}[!?®*#%|°]?|[!?®*#%|°¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})\s+(?=\S)"
)


def split_run_on(footnotes: Sequence[Footnote]) -> list[Footnote]:
    """The footnotes, each that holds the next one's mark and text cut in two.

    Numbers are those :func:`resdiff.segment._footnote_units` gives: the printed number
    when legible and larger than the one before, else the one before plus one.
    """
    numbers = _numbers(footnotes)
    printed = set(numbers)
    result: list[Footnote] = []
    for footnote, number in zip(footnotes, numbers, strict=True):
        current = footnote
        while (cut := _next_note(current.text, number + 1, printed)) is not None:
            result.append(Footnote(current.mark, current.text[: cut[0]]))
            number += 1
            printed.add(number)
            current = Footnote(str(number), current.text[cut[1] :])
        result.append(current)
    return result


def _numbers(footnotes: Sequence[Footnote]) -> list[int]:
    """Each note's number: its legible mark when larger than the one before, else the one
    before plus one."""
    numbers: list[int] = []
    for footnote in footnotes:
        last = numbers[-1] if numbers else 0
        numbers.append(footnote.number if footnote.number and footnote.number > last else last + 1)
    return numbers


def _next_note(text: str, wanted: int, printed: set[int]) -> tuple[int, int] | None:
    """Where the note numbered ``wanted`` runs on in ``text``: the end of the text before
    it and the start of its own text; None when that note stands on its own already."""
    if wanted in printed:
        return None
    for match in _NEXT_MARK_RE.finditer(text):
        opening = text[match.end()]
        if _reads_as(match["mark"], wanted) and (opening.isupper() or opening.isdigit()):
            return match.start(), match.end()
    return None


def _reads_as(mark: str, wanted: int) -> bool:
    """Whether a mark can be the note numbered ``wanted``: that number, printed or raised, or
    a sign that is no number at all (the note is then numbered by its place, as it is)."""
    digits = mark.rstrip("!?®*#%|°")
    if digits.isdecimal():
        return int(digits) == wanted
    number = Footnote(mark, "").number
    return number == wanted if number is not None else True
