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

from resdiff.ingest import endnotes
from resdiff.segment import furniture, markers, note_lines, running

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
    return bool(stripped) and any(re.match(p, stripped) for p in furniture._FURNITURE_PATTERNS)


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
                matcher.real_quick_ratio() >= running.RUNNING_LINE_SIMILARITY
                and matcher.quick_ratio() >= running.RUNNING_LINE_SIMILARITY
                and matcher.ratio() >= running.RUNNING_LINE_SIMILARITY
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
        found = running.same_as_seen(line, seen, word_sets)
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


def old_inside_quotation(before: str) -> bool:
    return (
        before.count("“") > before.count("”")
        or before.count('"') % 2 == 1
        or (before.count("«") > before.count("»"))
    )


def old_inside_single_quotation(before: str) -> bool:
    closing = re.sub(r"(?<=\w)’(?=\w)", "", before)
    return closing.count("‘") > closing.count("’")


class OldNumbering(markers.MarkerNumbering):
    """The numbering as it was: the word before and the open quotes read from the whole
    text before each marker (quadratic in a long paragraph full of digits)."""

    def take(self, text: str, known: set[int]) -> tuple[str, list[int], list[str]]:
        refs: list[int] = []
        marks: list[str] = []
        pieces: list[str] = []
        position = 0
        for match in markers._find_markers(text, self.extra_glyphs, self.end_glyphs):
            number = self._old_number(match, text, known)
            if number is None:
                continue
            pieces.append(text[position : match.start()])
            position = match.end()
            refs.append(number)
            marks.append(match[0])
            self.last = number
        pieces.append(text[position:])
        return "".join(pieces), refs, marks

    def _old_number(self, match: re.Match[str], text: str, known: set[int]) -> int | None:
        mark = match[0]
        word = re.findall(r"[^\W\d_]+$", text[: match.start()])
        if match["spaced"]:
            value = int(match["spaced"])
            if value != self.last + 1 or value not in known:
                return None
            after = text[match.end() :]
            if not word or word[0].casefold() in markers._COUNTING_WORDS:
                return None
            if word[0][:1].isupper() and not markers._PUNCTUATION_FOLLOWS_RE.match(after):
                return None
            return None if markers._NUMBER_FOLLOWS_RE.match(after) else value
        if match["bracketed"]:
            value = int(mark.strip("[]^"))
            expected = value == self.last + 1 or value in known - set(range(self.last + 1))
            return value if expected and value > self.last else None
        if mark.isdecimal():
            value = int(mark)
            expected = value == self.last + 1 or value in known - set(range(self.last + 1))
            acronym = bool(word) and word[0].isupper() and len(word[0]) <= 4
            return value if expected and value > self.last and not acronym else None
        if all(ch in note_lines.SUPERSCRIPTS or ch == "⁰" for ch in mark):
            return int(mark.translate(markers._FROM_SUPERSCRIPT))
        if mark in '”"' and old_inside_quotation(text[: match.start()]):
            return None
        if match.groupdict().get("end_glyph") and old_inside_single_quotation(
            text[: match.start()]
        ):
            return None
        return self.last + 1


def numbered_both_ways(units: list[str], glyphs: tuple[str, str], known: set[int]) -> None:
    new = markers.MarkerNumbering(extra_glyphs=glyphs[0], end_glyphs=glyphs[1])
    old = OldNumbering(extra_glyphs=glyphs[0], end_glyphs=glyphs[1])
    for unit in units:
        assert new.take(unit, known) == old.take(unit, known)


unit_pieces = st.sampled_from(
    ["personnes", "2", "12", " 2", "²", "?", "®", "”", '"', "“", "«", "»", "‘", "’", "l’État",
     "Harm", "paragraphe", "ONU", " ", ",", ".", ";", "\n", "x", "States’", "et", "3", "%",
     "[", "]", "^", "[^1]", "[2]", "^3"]
)  # fmt: skip


@settings(deadline=None)
@given(st.lists(st.lists(unit_pieces, max_size=30).map("".join), max_size=4),
       st.sampled_from(GLYPHS), st.sets(st.integers(1, 4)))  # fmt: skip
def test_markers_are_numbered_as_before(
    units: list[str], glyphs: tuple[str, str], known: set[int]
) -> None:
    numbered_both_ways(units, glyphs, known)


@pytest.mark.parametrize("glyphs", GLYPHS)
def test_markers_of_real_lines_are_numbered_as_before(glyphs: tuple[str, str]) -> None:
    numbered_both_ways(REAL_LINES, glyphs, {1, 2, 3, 4, 5})


@pytest.mark.parametrize(
    "unit",
    ["the ‘blue economy’, the Harm’.", "the ‘l’État Harm’.", "‘l’État’ and Harm’.",
     "« personnes2 » et “personnes” 2", 'the "Convention"2 and "Harm"?', "ONU2 et OMS3"],
)  # fmt: skip
def test_quotes_before_markers_are_read_as_before(unit: str) -> None:
    for glyphs in GLYPHS:
        numbered_both_ways([unit, unit + unit], glyphs, {1, 2})


def old_section_start(lines: list[str]) -> int | None:
    """The endnote section's start as it was found: every line asked, from the end."""
    for index in range(len(lines) - 1, -1, -1):
        if endnotes._HEADING_RE.match(lines[index]):
            return index
    first = None
    for index, line in enumerate(lines):
        item = endnotes._ITEM_RE.match(line)
        linked = item and (item["bracketed"] or endnotes._BACKLINK_RE.search(line))
        if item and endnotes._number(item) == 1 and linked:
            first = index
    return first


note_pieces = st.sampled_from(
    ["Notes", "notes :", "NOTES", " Notes ", "\tNotes", "Notes\x0c", "Footnotes", "注释",
     "1. Résolution 64/293. ↩", "[1] Ibid. ^", "2) Ibid. ↑", "1 Texte", "\n", "\n\n", " ",
     "x", "Notes de bas de page", "\u2028", "\r", "↩", "^", "[^1]: Ibid.", "[1] Texte"]
)  # fmt: skip


@settings(deadline=None)
@given(st.lists(note_pieces, max_size=12).map("".join))
def test_endnote_sections_start_where_they_did(text: str) -> None:
    assert endnotes._section_start(text, text.split("\n")) == old_section_start(text.split("\n"))


def test_endnote_sections_of_real_texts_start_where_they_did() -> None:
    for path in sorted((TESTS / "layouts").rglob("*.txt"))[::3]:
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = text.split("\n")
        assert endnotes._section_start(text, lines) == old_section_start(lines), path
