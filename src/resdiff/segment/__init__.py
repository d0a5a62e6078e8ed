"""Segmentation: repaired text → canonical units (title, formula, pp, sub-items, op, fn, closing).

Three passes:

1. :mod:`~resdiff.segment.pages` cuts lines into blocks and sets aside page headers and
   footnote blocks;
2. :func:`paragraphs` joins blocks that a page break (or a lifted footnote) cut in two;
3. recognisers, tried in order on each paragraph (:mod:`~resdiff.segment.recognisers`),
   turn paragraphs into units, and :mod:`~resdiff.segment.markers` takes footnote markers
   out of their text.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace

from resdiff.lang import Language
from resdiff.model import Discard, Segmentation, Unit, UnitKind
from resdiff.segment.boundaries import (
    HEADING_START_RE,
    LABEL_ONLY_RE,
    OPERATIVE_START_RE,
    is_closing_line,
)
from resdiff.segment.checks import check_segmentation, unique_subitem_ids
from resdiff.segment.lists import LostLabelItem, NumberedSubItem, UnlabelledItems
from resdiff.segment.markers import MarkerNumbering
from resdiff.segment.pages import Block, Footnote, split_blocks
from resdiff.segment.recognisers import (
    LABEL_RE,
    Closing,
    EndFootnote,
    Formula,
    FrontMatter,
    Operative,
    Plain,
    Recogniser,
    State,
    SubItem,
    Title,
)
from resdiff.segment.run_on_notes import split_run_on

# Marks that end a paragraph or a clause, in every script resdiff reads.
_TERMINAL = ",;.:。،؛"


def paragraphs(blocks: list[Block], language: Language) -> list[str]:
    """Join blocks into paragraphs, mending those that a page break or a lifted footnote cut.

    A block continues the previous paragraph when it has no label and either starts with a
    lower-case letter after a page break or a paragraph that stops mid-sentence, or opens a
    page after a comma without a paragraph's opening word (``Rappelant``, ``Notant``…).
    Text extractions that leave a blank line inside paragraphs (``mutool draw -F txt`` sets
    each indented first line apart) are mended by :func:`_cut_mid_sentence` and
    :func:`_cut_after_comma`.
    """
    result: list[str] = []
    openers = language.opening_words
    cut_prone = _cuts_in_sentences(blocks) >= _CUT_PRONE
    previous_length = 0  # characters of the block before, a label alone on its line aside
    in_body = False  # after the formula ("Le Conseil économique et social,"): no masthead
    for block in blocks:
        text = block.text
        previous_end = result[-1][-1:] if result else ""
        first_word = text.split(maxsplit=1)[0].lower() if text.split() else ""
        formula = language.body_letter(text) is not None
        unlabelled = (
            bool(result)
            and not LABEL_RE.match(text)
            and not OPERATIVE_START_RE.match(text)
            and not HEADING_START_RE.match(text)
            and not formula
        )
        continues = unlabelled and (
            (text[:1].islower() and (block.page_start or previous_end not in _TERMINAL))
            or (block.page_start and previous_end not in _TERMINAL)
            or (block.page_start and previous_end == "," and first_word not in openers)
            or (in_body and _cut_mid_sentence(result[-1], text, first_word, language))
            or (
                in_body
                and cut_prone
                and _cut_after_comma(result[-1], previous_length, text, first_word, language)
            )
        )
        in_body = in_body or formula
        previous_length = sum(
            len(line.strip()) for line in block.lines if not LABEL_ONLY_RE.match(line.strip())
        )
        if continues:
            result[-1] += "\n" + text
        else:
            result.append(text)
    return result


# A paragraph this long that ends on a word stops mid-sentence (a title, a heading or a
# closing line ends on a word too, but they are shorter or recognised).
_MID_SENTENCE_LENGTH = 40
# More blank lines than this inside sentences: the extraction leaves blank lines anywhere.
_CUT_PRONE = 3
# At most one printed line of a resolution (its words, however many lines they were set on).
_ONE_LINE = 110


def _cuts_in_sentences(blocks: list[Block]) -> int:
    """How many blank lines stand where no paragraph can end: after a letter, before a
    lower-case letter (``… pour la lutte`` / ``contre la traite``)."""
    return sum(
        1
        for before, after in itertools.pairwise(blocks)
        if before.text[-1:].isalpha() and after.text[:1].islower()
    )


def _cut_mid_sentence(previous: str, text: str, first_word: str, language: Language) -> bool:
    """Whether ``text`` goes on with ``previous``: a clause that ends on a letter (``dans sa
    résolution``) followed by a number or by a capitalised word that cannot open a paragraph
    (``68/192 du 18 décembre``, ``Membres, les organisations``)."""
    if not previous[-1:].isalpha() or len(previous) < _MID_SENTENCE_LENGTH:
        return False
    if not text[:1].isalnum() or is_closing_line(text.split("\n", 1)[0], language):
        return False
    if text[:1].isdigit():
        return True
    return text[:1].isupper() and not language.is_opening_word(first_word.strip(",;:"))


def _cut_after_comma(
    previous: str, previous_length: int, text: str, first_word: str, language: Language
) -> bool:
    """Whether ``text`` goes on with ``previous`` in an extraction that leaves blank lines
    inside sentences (``mutool draw -F txt`` sets each indented first line apart): the block
    before was one printed line (``previous_length``) ending on a comma, and ``text`` starts
    in lower case without an opening word (``e) … parties prenantes,`` / ``telles que le
    secteur privé``). A longer item that ends on a comma is a whole one: the next item may
    have lost its label to OCR."""
    return (
        previous[-1:] == ","
        and previous_length <= _ONE_LINE
        and text[:1].islower()
        and first_word not in language.opening_words
    )


def segment(text: str, language: Language) -> Segmentation:
    """Split a repaired resolution text into canonical units.

    Args:
        text: text after OCR repair (:func:`resdiff.normalize.repair`).
        language: the language of the text.

    Returns:
        Units in document order (footnotes last), what was discarded, and warnings.
    """
    pages = split_blocks(text, language)
    found = paragraphs(pages.blocks, language)
    last_footnote = max((f.number or 0 for f in pages.footnotes), default=0)
    last_footnote = max(last_footnote, len(pages.footnotes))
    state = _recognise(found, language, no_formula=False, last_footnote=last_footnote)
    if not state.seen_formula:
        # OCR damaged (or the text lacks) "Le Conseil économique et social,": read the
        # body anyway rather than treating the whole resolution as front matter.
        state = _recognise(found, language, no_formula=True, last_footnote=last_footnote)
        state.warnings.append("no acting-body formula found (e.g. “The General Assembly,”)")
    if state.fragments >= SCRAMBLED_FRAGMENTS:
        state.warnings.insert(0, scrambled_warning(state.fragments))
    state.warnings = _one_warning_for_unnumbered(state.warnings)
    footnotes = split_run_on(pages.footnotes + state.end_footnotes)
    units, repairs = unique_subitem_ids(state.units)
    units, discarded = _take_markers(units, footnotes, language)
    footnote_units, warnings = _footnote_units(units, footnotes)
    if language.spaceless:
        units = [replace(u, text=_join_spaceless(u.text)) for u in units]
        footnote_units = [replace(u, text=_join_spaceless(u.text)) for u in footnote_units]
    all_discarded = pages.discarded + state.discarded + discarded
    checked = check_segmentation(units + footnote_units, all_discarded)
    return Segmentation(
        units=tuple(units + footnote_units),
        discarded=tuple(all_discarded),
        warnings=tuple(state.warnings + repairs + warnings + checked),
    )


# This many words set apart from their clauses: the extraction scrambled the text's lines.
SCRAMBLED_FRAGMENTS = 3


def scrambled_warning(fragments: int) -> str:
    """The one-line warning that names the likely cause of many displaced fragments."""
    return (
        f"{fragments} fragments of text stood apart from their clauses: the tool that "
        "extracted this text (pdfminer, pdftotext's default mode) likely printed the words of "
        "loosely justified lines out of order; give resdiff the PDF itself, or use "
        "`pdftotext -layout`, and check those clauses"
    )


_UNNUMBERED_RE = re.compile(r"^operative paragraph (\d+) has no printed number; numbered from")
# This many operative paragraphs without a number: one warning says it for all of them.
_MANY_UNNUMBERED = 3


def _one_warning_for_unnumbered(warnings: list[str]) -> list[str]:
    """The warnings, with those of many unnumbered operative paragraphs said in one line
    where the first of them stood (a copy from a browser drops every list number)."""
    numbers = [m[1] for m in map(_UNNUMBERED_RE.match, warnings) if m]
    if len(numbers) < _MANY_UNNUMBERED:
        return warnings
    first = next(i for i, w in enumerate(warnings) if _UNNUMBERED_RE.match(w))
    rest = [w for w in warnings if not _UNNUMBERED_RE.match(w)]
    values = [int(n) for n in numbers]
    if values == list(range(values[0], values[0] + len(values))):
        shown = f"{numbers[0]} to {numbers[-1]}"
    else:
        shown = ", ".join(numbers) if len(numbers) <= 6 else ", ".join([*numbers[:5], "…"])
    rest.insert(first, (
        f"operative paragraphs {shown} have no printed number; numbered from the sequence "
        "(a copy from a web page drops list numbers)"
    ))  # fmt: skip
    return rest


def default_recognisers() -> tuple[Recogniser, ...]:
    """The recognisers in the order they are tried (the first whose test passes reads a
    paragraph; :class:`~.recognisers.Plain` always passes)."""
    return (
        Title(),
        Formula(),
        FrontMatter(),
        EndFootnote(),
        Closing(),
        NumberedSubItem(),
        UnlabelledItems(),
        Operative(),
        SubItem(),
        LostLabelItem(),
        Plain(),
    )


def _recognise(
    paragraphs: list[str], language: Language, *, no_formula: bool, last_footnote: int
) -> State:
    state = State(language=language, no_formula=no_formula, last_footnote=last_footnote)
    recognisers = default_recognisers()
    for found in paragraphs:
        pieces = _split_glued_closing(found, language) if state.seen_operative else [found]
        for paragraph in pieces:
            recogniser = next(r for r in recognisers if r.test(paragraph, state))
            recogniser.run(paragraph, state)
    return state


_SENTENCE_END_RE = re.compile(r"(?<=[.;])\s+")
# Longest closing (meeting and date) taken off the end of a paragraph.
_MAX_CLOSING = 120


def _split_glued_closing(paragraph: str, language: Language) -> list[str]:
    """Cut the closing (``13e séance plénière 22 juillet 2021``) off the paragraph it ends.

    Text pasted from the web, or OCR without the blank line, runs the meeting and the date
    on after the last operative paragraph's full stop.
    """
    for match in _SENTENCE_END_RE.finditer(paragraph):
        if len(paragraph) - match.end() > _MAX_CLOSING:
            continue  # too long for a closing (tested before copying the rest: linear)
        rest = paragraph[match.end() :]
        if language.meeting_re.match(rest):
            return [paragraph[: match.start()], rest]
    return [paragraph]


def _take_markers(
    units: list[Unit], footnotes: list[Footnote], language: Language
) -> tuple[list[Unit], list[Discard]]:
    numbering = MarkerNumbering(
        extra_glyphs=language.marker_glyphs, end_glyphs=language.end_marker_glyphs
    )
    known = {f.number for f in footnotes if f.number is not None} | set(
        range(1, len(footnotes) + 1)
    )
    result: list[Unit] = []
    discarded: list[Discard] = []
    for unit in units:
        if unit.kind in (UnitKind.TITLE, UnitKind.FORMULA, UnitKind.CLOSING):
            result.append(unit)
            continue
        text, refs, marks = numbering.take(unit.text, known)
        discarded += [Discard("footnote-marker", mark, unit.id) for mark in marks]
        result.append(replace(unit, text=_tidy(text), footnote_refs=tuple(refs)))
    return result, discarded


def _footnote_units(units: list[Unit], footnotes: list[Footnote]) -> tuple[list[Unit], list[str]]:
    """Number the footnotes found (legible numbers, else in order) and check references."""
    numbered: list[Unit] = []
    last = 0
    for footnote in footnotes:
        number = footnote.number if footnote.number and footnote.number > last else last + 1
        last = number
        numbered.append(
            Unit(f"fn{number}", UnitKind.FOOTNOTE, _tidy(footnote.text), label=str(number))
        )
    present = {int(u.id[2:]) for u in numbered}
    referenced: dict[int, str] = {}
    for unit in units:
        for ref in unit.footnote_refs:
            referenced.setdefault(ref, unit.id)
    warnings = [
        f"footnote {ref} is referenced in {where} but its text is missing from the source"
        for ref, where in sorted(referenced.items())
        if ref not in present
    ]
    warnings += [
        f"footnote {n} was found but nothing refers to it"
        for n in sorted(present - set(referenced))
    ]
    return numbered, warnings


_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+(?=[,.)\]])")
_SPACES_RE = re.compile(r"[ \n]+")


# A space between two characters of a script written without spaces (a joined line break).
_CJK = "\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"


@functools.cache
def _spaceless_gap_re() -> re.Pattern[str]:
    """Compiled for a Chinese text only (its classes of Han characters cost milliseconds)."""
    return re.compile(rf"(?<=[{_CJK},;:.()]) (?=[{_CJK}])|(?<=[{_CJK}]) (?=[{_CJK},;:.()])")


def _join_spaceless(text: str) -> str:
    """Remove the spaces that joining lines put between Chinese characters."""
    return _spaceless_gap_re().sub("", text)


def _tidy(text: str) -> str:
    """One line, single spaces, no space before a comma or period."""
    if "\n" in text or "  " in text:  # else collapsing spaces would change nothing
        text = _SPACES_RE.sub(" ", text)
    return _SPACE_BEFORE_PUNCT_RE.sub("", text).strip()


__all__ = ["paragraphs", "segment"]
