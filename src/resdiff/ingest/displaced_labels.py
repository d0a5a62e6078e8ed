"""Paragraph labels that a PDF text extractor set after the first line → put back before it.

pdfminer.six (``pdf2txt.py``, and the Python tools built on its ``extract_text``) prints a
PDF as text boxes. Where a paragraph hangs from its label — the operative number or sub-item
letter at the indent, the text at a tab stop, the next lines at the margin — the first line
is a box of its own, and the label's box comes after it::

    Prie instamment les États Membres qui ne l’ont pas encore fait d’envisager de ratifier la
    1.
    Convention des Nations Unies contre la criminalité transnationale organisée …

(often with a blank line between the first line and the label). Read as it stands, the
number closes nothing and opens the rest of its own paragraph, so the first line is glued to
the paragraph before. The label goes back in front of the line it was taken from.

Only where the layout is certain: the line before the label is a paragraph's unfinished
first line (it follows a blank line or a finished paragraph, has a few words, no footnote
number, does not end a clause and is not repeated furniture), the paragraph goes on right
after the label, and the text shows the pattern at least :data:`MIN_DISPLACED` times — one
stray label after an unpunctuated line is more likely an OCR slip than this layout. Once the
text shows it, a first line that wrapped just after a comma is taken too, if it is as long as
the text's full lines (a one-line paragraph ending on a comma, such as ``Le Conseil
économique et social,`` before ``1.``, is shorter).
"""

from __future__ import annotations

import collections
import re

# A line holding only a paragraph label: ``1.``, ``12.``, ``a)``, ``(b)``, ``iv)``, ``(iv)``.
_LABEL_RE = re.compile(r"^[ \t]*(?:\d{1,3}\.|\(?[a-z]{1,2}\)|\(?[ivxl]{1,6}\))[ \t]*$")
# A line that ends a paragraph or a clause (a closing quote or bracket may follow).
_FINISHED_RE = re.compile(r"[.,;:!?…][’”»)\]]*[ \t]*$")
# A footnote as the foot of a page prints it: its number, then its text.
_FOOTNOTE_RE = re.compile(r"^[ \t]*\d{1,3}[ \t]+\S")
# Fewer words than this is a fragment or a heading, not a wrapped first line.
MIN_WORDS = 5
# How often the text must show the pattern before any label is moved.
MIN_DISPLACED = 2
# A first line that ends on a comma is a wrapped one if it is at least this share of the
# text's full measure (the length that a tenth of its lines reach).
FULL_LINE_SHARE = 0.75


def restore_labels(lines: list[str]) -> list[str]:
    """``lines`` with each displaced label put back before its paragraph's first line.

    Example:
        >>> for line in restore_labels([
        ...     "Prie instamment les États de ratifier la", "1.", "Convention ;", "",
        ...     "Encourage les États parties au Protocole à", "", "2.", "envisager des mesures ;",
        ... ]):
        ...     print(line)
        1. Prie instamment les États de ratifier la
        Convention ;
        <BLANKLINE>
        2. Encourage les États parties au Protocole à
        envisager des mesures ;
        >>> restore_labels(["Rappelant x,", "", "1.", "Prie les États ;"])  # in order already
        ['Rappelant x,', '', '1.', 'Prie les États ;']
    """
    labels = [k for k in range(1, len(lines) - 1) if _LABEL_RE.match(lines[k])]
    if len(labels) < MIN_DISPLACED:
        return lines
    counts = collections.Counter(line.strip() for line in lines)
    certain = sum(1 for k in labels if _displaced_from(lines, k, counts) is not None)
    if certain < MIN_DISPLACED:
        return lines
    wrapped = FULL_LINE_SHARE * _measure(lines)
    moves = [
        (f, k) for k in labels if (f := _displaced_from(lines, k, counts, wrapped)) is not None
    ]
    out = list(lines)
    for first, label in reversed(moves):  # from the end: earlier indexes stay valid
        out[first] = f"{lines[label].strip()} {lines[first].lstrip()}"
        del out[first + 1 : label + 1]
    return out


def _measure(lines: list[str]) -> int:
    """The length of the text's full lines: the length that a tenth of its lines reach."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[len(lengths) * 9 // 10]


def _displaced_from(
    lines: list[str], k: int, counts: collections.Counter[str], wrapped: float | None = None
) -> int | None:
    """The index of the first line that the label at line ``k`` was taken from, or None.

    With ``wrapped``, a first line ending on a comma counts if it is at least that long.
    """
    if not _continues(lines[k + 1]):
        return None
    first = k - 1 if lines[k - 1].strip() else k - 2
    if first < 0 or not lines[first].strip():
        return None
    line = lines[first]
    if (
        "\f" in line
        or (_FINISHED_RE.search(line) and not _wrapped_at_comma(line, wrapped))
        or _FOOTNOTE_RE.match(line)
        or _LABEL_RE.match(line)
        or len(line.split()) < MIN_WORDS
        or counts[line.strip()] > 1  # a running header, not a paragraph's line
    ):
        return None
    before = lines[first - 1] if first else ""
    if _LABEL_RE.match(before):  # the line follows a label already: it is labelled
        return None
    return first if not before.strip() or _FINISHED_RE.search(before) else None


def _wrapped_at_comma(line: str, wrapped: float | None) -> bool:
    stripped = line.strip()
    return wrapped is not None and stripped.endswith(",") and len(stripped) >= wrapped


def _continues(line: str) -> bool:
    """True when ``line`` can go on a paragraph: text, not a blank, a label or a page mark."""
    return bool(line.strip()) and "\f" not in line and not _LABEL_RE.match(line)


__all__ = ["restore_labels"]
