"""Footnotes run on into one another: the next note split off where its number stands.

A text whose paragraphs were re-flowed (an editor's fill-paragraph, ``fmt``, a mail client
re-wrapping what it sends) joins the lines of a block of footnotes into one paragraph::

    2 Nations Unies, Recueil des Traités, vol. 2225, nº 39574.  3 Ibid., vol. 2237, nº 39574.

Read as it stands, that is one footnote holding two. A note whose next number has no note of
its own, and whose text has that number standing after a full stop and before a capital (or
a digit: ``4 A/RES/70/1``), is cut there. Only the very next number is looked for, so a
number inside a note's text (``par. 3. 4``, a volume) is never taken for a mark unless it is
the note that is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resdiff.segment.pages import Footnote

# A full stop (maybe closing a quote or a bracket), the spaces after it, a number and a
# space; the note's text then opens on a capital letter or a digit.
_NEXT_MARK_RE = re.compile(r"(?:(?<=[.;])|(?<=[.;][”»\"’)\]]))\s+(?P<mark>\d{1,3})\s+(?=\S)")


def split_run_on(footnotes: Sequence[Footnote]) -> list[Footnote]:
    """The footnotes, each that holds the next one's mark and text cut in two.

    Numbers are those :func:`resdiff.segment._footnote_units` gives: the printed number
    when legible and larger than the one before, else the one before plus one.
    """
    printed = {n for n in (f.number for f in footnotes) if n is not None}
    result: list[Footnote] = []
    last = 0
    for footnote in footnotes:
        number = footnote.number if footnote.number and footnote.number > last else last + 1
        current = footnote
        while (cut := _next_note(current.text, number + 1, printed)) is not None:
            result.append(Footnote(current.mark, current.text[: cut[0]]))
            number += 1
            printed.add(number)
            current = Footnote(str(number), current.text[cut[1] :])
        result.append(current)
        last = number
    return result


def _next_note(text: str, wanted: int, printed: set[int]) -> tuple[int, int] | None:
    """Where the note numbered ``wanted`` runs on in ``text``: the end of the text before
    it and the start of its own text; None when that note stands on its own already."""
    if wanted in printed:
        return None
    for match in _NEXT_MARK_RE.finditer(text):
        opening = text[match.end()]
        if int(match["mark"]) == wanted and (opening.isupper() or opening.isdigit()):
            return match.start(), match.end()
    return None
