"""The fast paths of segmentation find exactly what their plain forms found.

Each reference below is the form a helper had before it was made faster: the footnote-marker
pattern run by ``finditer`` at every position, the furniture patterns tried one by one, and
running lines compared with a new difflib matcher per pair. They must agree on any text and
on every line of the layout matrix and the test bed.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.segment import furniture, markers, pages

TESTS = Path(__file__).parent
REAL_LINES = sorted(
    {
        line
        for folder in ("layouts", "ocr", "golden")
        for path in sorted((TESTS / folder).rglob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    }
)

pieces = st.sampled_from(
    ["a", "é", "Conseil", "personnes", "2", "12", "123", "²", "¹³", "?", "®", "”", '"', "“", "!",
     "’", "‘", ")", "(", " ", ",", ";", ".", ":", "\n", "ONU", "2021/25", "下", "，", "*", "%"]
)  # fmt: skip
texts = st.lists(pieces, max_size=40).map("".join)
GLYPHS = [("", ""), ("’", ""), ("", "’"), ("*", "’")]


def old_markers(text: str, extra: str, end: str) -> list[object]:
    return [(m.span(), m.groupdict()) for m in markers._marker_re(extra, end).finditer(text)]


def new_markers(text: str, extra: str, end: str) -> list[object]:
    return [(m.span(), m.groupdict()) for m in markers._find_markers(text, extra, end)]


@settings(deadline=None)
@given(texts, st.sampled_from(GLYPHS))
def test_markers_are_found_where_finditer_found_them(text: str, glyphs: tuple[str, str]) -> None:
    assert new_markers(text, *glyphs) == old_markers(text, *glyphs)


@pytest.mark.parametrize("glyphs", GLYPHS)
def test_markers_of_real_lines_are_the_same(glyphs: tuple[str, str]) -> None:
    text = "\n".join(REAL_LINES)
    assert new_markers(text, *glyphs) == old_markers(text, *glyphs)


def old_is_furniture(line: str) -> bool:
    stripped = " ".join(line.split())
    return bool(stripped) and any(regex.match(stripped) for regex in furniture._FURNITURE_RES)


def test_furniture_of_real_lines_is_the_same() -> None:
    assert len(REAL_LINES) > 1000
    found = [line for line in REAL_LINES if furniture.is_furniture(line)]
    assert found == [line for line in REAL_LINES if old_is_furniture(line)]
    assert found  # the test bed has page numbers, job numbers, symbols


@settings(deadline=None)
@given(st.lists(st.sampled_from(["21-10785", "(F)", "2/5", "E/RES/2021/25", "Page", "PAGE", "3",
                                 "of", "*2110785*", "Merci de recycler", "MERCI DE RECYCLER",
                                 "Distr. : générale", "- 2 -", "250821", " ", "x"]),
                max_size=6).map(" ".join))  # fmt: skip
def test_furniture_is_what_the_patterns_one_by_one_said(line: str) -> None:
    assert furniture.is_furniture(line) == old_is_furniture(line)


def old_same_as_seen(key: str, seen: list[str]) -> str:
    for known in seen:
        if abs(len(known) - len(key)) <= 0.2 * len(key):
            words, other = set(known.split()), set(key.split())
            if len(words & other) * 2 < min(len(words), len(other)):
                continue
            matcher = difflib.SequenceMatcher(None, known, key, autojunk=False)
            if (
                matcher.real_quick_ratio() >= pages.RUNNING_LINE_SIMILARITY
                and matcher.quick_ratio() >= pages.RUNNING_LINE_SIMILARITY
                and matcher.ratio() >= pages.RUNNING_LINE_SIMILARITY
            ):
                return known
    return key


def test_running_lines_are_matched_as_before() -> None:
    lines = [" ".join(line.split()) for line in REAL_LINES if len(line.split()) > 1][:400]
    # Readings of one line as OCR varies it, beside the real lines.
    lines += [re.sub("[aeo]", "c", line, count=2) for line in lines[:100]]
    seen: list[str] = []
    word_sets: dict[str, set[str]] = {}
    for line in lines:
        found = pages._same_as_seen(line, seen, word_sets)
        assert found == old_same_as_seen(line, seen)
        if found == line:
            seen.append(line)
    assert len(seen) < len(lines)  # some readings were recognised


def old_split_furniture_cells(line: str) -> list[str]:
    cells = [cell for cell in furniture._CELL_GAP_RE.split(line.strip()) if cell]
    if len(cells) < 2 or not (old_is_furniture(cells[0]) or old_is_furniture(cells[-1])):
        return [line]
    return cells


@settings(deadline=None)
@given(st.lists(st.sampled_from(["2/5", "E/RES/2021/25", "Mise", "en", "œuvre", " ", "   ",
                                 "\t", "\u00a0", "\u2028", "\x1c", "\u3000", "21-10785"]),
                max_size=8).map("".join))  # fmt: skip
def test_furniture_cells_are_cut_as_before(line: str) -> None:
    assert furniture.split_furniture_cells(line) == old_split_furniture_cells(line)


def test_furniture_cells_of_real_lines_are_cut_as_before() -> None:
    for line in REAL_LINES:
        assert furniture.split_furniture_cells(line) == old_split_furniture_cells(line)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "  ", "\n", ",", ".", ")", "]", "\t", "\u00a0", "é"]),
                max_size=20).map("".join))  # fmt: skip
def test_tidy_gives_what_the_two_substitutions_gave(text: str) -> None:
    from resdiff.segment import _SPACE_BEFORE_PUNCT_RE, _SPACES_RE, _tidy

    assert _tidy(text) == _SPACE_BEFORE_PUNCT_RE.sub("", _SPACES_RE.sub(" ", text)).strip()
