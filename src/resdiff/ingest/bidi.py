"""Right-to-left pages of a PDF (Arabic): characters back in reading order.

A PDF places glyphs where they are seen, and an Arabic line is seen from right to left, so a
text layer read from left to right spells every Arabic word backwards (``لامعألا`` for
``الأعمال``). A page whose letters are mostly right-to-left is therefore read **mirrored**
(:func:`mirror`: x → page width − x): words then come right to left and letters in reading
order, and the layout rules (first-line indents, hanging labels, a right-aligned closing)
see the page as they see a left-to-right one. A ligature such as lam-alef stays one glyph
with its two letters in order, which reversing the decoded string would swap.

What runs left to right inside the line (digits, a Latin symbol: ``2099/4``, ``E/2099/5``) is
then backwards, and :func:`logical` turns each such run round again. A run that spans words
(a Latin phrase of several words) keeps its words in right-to-left order: resolutions print
symbols and numbers, rarely Latin phrases, inside Arabic text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Share of the letters of a page that must be right-to-left for the page to be read mirrored.
RTL_SHARE = 0.5
_RTL_CLASSES = frozenset({"R", "AL"})
_LTR_CLASSES = frozenset({"L", "EN", "AN"})
# Separators that stay inside a left-to-right run when another such character follows it:
# "2099/4", "E/2099/5", "1.5", "21-22", "50%".
_JOINERS = frozenset({"CS", "ES", "ET"})
# LibreOffice maps the kashida glyph it stretches justified Arabic lines with to "=".
_KASHIDA_RE = re.compile(r"(?<=[\u0620-\u064a])=+(?=[\u0620-\u064a])")


def is_right_to_left(texts: Iterable[str]) -> bool:
    """True when most letters of the texts are right-to-left (Arabic, Hebrew)."""
    rtl = ltr = 0
    for text in texts:
        for ch in text:
            kind = unicodedata.bidirectional(ch)
            if kind in _RTL_CLASSES:
                rtl += 1
            elif kind == "L":
                ltr += 1
    return rtl > 0 and rtl >= RTL_SHARE * (rtl + ltr)


def mirror(chars: list[dict[str, Any]], width: float) -> list[dict[str, Any]]:
    """The characters of a page as if seen in a mirror (x → ``width`` − x)."""
    return [{**c, "x0": width - c["x1"], "x1": width - c["x0"]} for c in chars]


def logical(word: str) -> str:
    """A word read off a mirrored page, with its left-to-right runs turned round again.

    >>> logical("4/9902"), logical("(1)"), logical("81"), logical("4/9902/E.")
    ('2099/4', '(1)', '18', 'E/2099/4.')
    >>> logical("الاختبار=====ات") == "الاختبارات"
    True
    """
    word = _KASHIDA_RE.sub("", word)
    out: list[str] = []
    run: list[str] = []
    for index, ch in enumerate(word):
        kind = unicodedata.bidirectional(ch)
        joins = (
            kind in _JOINERS
            and bool(run)
            and index + 1 < len(word)
            and unicodedata.bidirectional(word[index + 1]) in _LTR_CLASSES
        )
        if kind in _LTR_CLASSES or joins:
            run.append(ch)
            continue
        out.extend(reversed(run))
        run = []
        out.append(ch)
    out.extend(reversed(run))
    return "".join(out)
