"""Pages set in two columns, read one column after the other.

A word processor sets a text in two columns when the user asks it to (newsletters, a
compilation, a text pasted into a two-column template), and a PDF of it is read line by line
across the page: every line would join the left column's words to the right column's. Here a
page is two columns when a vertical strip near its middle, wider than a gutter between words
can be, holds no word while both sides hold many lines; the left column is then read before
the right one. The same holds for ``pdftotext -layout``, which prints both columns side by
side with a run of spaces between them. Words in the running-header and footer bands (a
centred page number) are left out of the test.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

# The gutter lies between these shares of the page's width (or of the longest line).
_MIDDLE = (0.25, 0.75)
# Narrowest gutter, in body sizes: wider than any space between words of a justified line.
_GUTTER_SIZES = 1.5
# Each column holds at least this share of the page's words (or lines), and so many lines.
_COLUMN_SHARE = 0.25
_MIN_COLUMN_LINES = 4
# Spaces that part the two columns of a pdftotext -layout line at least.
_GUTTER_SPACES = 3


class _Boxed(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...


W = TypeVar("W", bound=_Boxed)


def split_columns(
    words: Sequence[W], width: float, body: float, in_band: list[bool]
) -> list[list[W]]:
    """The words of a page by column: ``[left, right]`` on a two-column page, else
    ``[words]``.

    Args:
        words: the page's words.
        width: the page's width.
        body: the size of the running text.
        in_band: for each word, whether it sits in the header or footer band.
    """
    tested = [w for w, band in zip(words, in_band, strict=True) if not band]
    gutter = _gutter(tested, width, body)
    if gutter is None:
        return [list(words)]
    middle = (gutter[0] + gutter[1]) / 2
    left = [w for w in words if (w.x0 + w.x1) / 2 < middle]
    right = [w for w in words if (w.x0 + w.x1) / 2 >= middle]
    return [left, right]


def _gutter(words: Sequence[_Boxed], width: float, body: float) -> tuple[float, float] | None:
    """The widest strip between the shares ``_MIDDLE`` of the width that no word crosses,
    when it is a gutter (see the module docstring)."""
    if not words:
        return None
    low, high = width * _MIDDLE[0], width * _MIDDLE[1]
    best: tuple[float, float] | None = None
    reach = low
    for word in sorted(words, key=lambda w: w.x0):
        if word.x0 > reach and reach < high:
            start, end = reach, min(word.x0, high)
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
        reach = max(reach, word.x1)
    if reach < high and (best is None or high - reach > best[1] - best[0]):
        best = (reach, high)
    if best is None or best[1] - best[0] < _GUTTER_SIZES * body:
        return None
    left_rows = {round(w.top) for w in words if w.x1 <= best[0]}
    right_rows = {round(w.top) for w in words if w.x0 >= best[1]}
    left = sum(1 for w in words if w.x1 <= best[0])
    enough = min(left, len(words) - left) >= _COLUMN_SHARE * len(words)
    rows = min(len(left_rows), len(right_rows)) >= _MIN_COLUMN_LINES
    return best if enough and rows else None


def split_text_columns(page: str) -> str:
    r"""One page of ``pdftotext -layout`` text with its two columns, if it has them, one
    after the other (the right column's common indent removed).

    Example:
        >>> page = "\n".join(f"left {n}      right {n}" for n in range(8))
        >>> split_text_columns(page).split("\n")[6:10]
        ['left 6', 'left 7', 'right 0', 'right 1']
    """
    lines = page.split("\n")
    column = _text_gutter(lines)
    if column is None:
        return page
    left = [line[:column].rstrip() for line in lines]
    right = [line[column:].rstrip() for line in lines]
    indent = min((len(r) - len(r.lstrip()) for r in right if r.strip()), default=0)
    right = [r[indent:] for r in right]
    while left and not left[-1]:
        left.pop()
    return "\n".join([*left, *right])


def _text_gutter(lines: list[str]) -> int | None:
    """The character column where a ``-layout`` page's right column starts, or None."""
    text = [line for line in lines if line.strip()]
    longest = max((len(line) for line in text), default=0)
    if len(text) < 2 * _MIN_COLUMN_LINES:
        return None
    low, high = int(longest * _MIDDLE[0]), int(longest * _MIDDLE[1])
    for column in range(low, high):
        span = slice(column - _GUTTER_SPACES, column)
        if not all(not line[span].strip() for line in text):
            continue
        right = sum(1 for line in text if line[column:].strip())
        left = sum(1 for line in text if line[: column - _GUTTER_SPACES].strip())
        if min(left, right) >= max(_MIN_COLUMN_LINES, _COLUMN_SHARE * len(text)):
            start = column
            while start < len(max(text, key=len)) and all(
                not line[start : start + 1].strip() for line in text
            ):
                start += 1
            return start
    return None


__all__ = ["split_columns", "split_text_columns"]
