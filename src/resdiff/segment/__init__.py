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

import re
from dataclasses import replace

from resdiff.lang import Language
from resdiff.model import Discard, Segmentation, Unit, UnitKind
from resdiff.segment.markers import MarkerNumbering
from resdiff.segment.pages import Block, Footnote, split_blocks
from resdiff.segment.recognisers import LABEL_RE, Recogniser, State, default_recognisers

_TERMINAL = ",;.:"


def paragraphs(blocks: list[Block]) -> list[str]:
    """Join blocks into paragraphs: a block continues the previous paragraph when that one
    stops mid-sentence and the block starts a page or a lower-case word (not a label).
    """
    result: list[str] = []
    for block in blocks:
        text = block.text
        continues = (
            bool(result)
            and result[-1][-1:] not in _TERMINAL
            and not LABEL_RE.match(text)
            and (block.page_start or text[:1].islower())
        )
        if continues:
            result[-1] += "\n" + text
        else:
            result.append(text)
    return result


def segment(text: str, language: Language) -> Segmentation:
    """Split a repaired resolution text into canonical units.

    Args:
        text: text after OCR repair (:func:`resdiff.normalize.repair`).
        language: the language of the text.

    Returns:
        Units in document order (footnotes last), what was discarded, and warnings.
    """
    pages = split_blocks(text)
    state = State(language=language)
    recognisers = default_recognisers()
    for paragraph in paragraphs(pages.blocks):
        _run_first(recognisers, paragraph, state)
    units, discarded = _take_markers(state.units, pages.footnotes)
    footnote_units, warnings = _footnote_units(units, pages.footnotes)
    return Segmentation(
        units=tuple(units + footnote_units),
        discarded=tuple(pages.discarded + state.discarded + discarded),
        warnings=tuple(state.warnings + warnings),
    )


def _run_first(recognisers: tuple[Recogniser, ...], paragraph: str, state: State) -> None:
    for recogniser in recognisers:
        if recogniser.test(paragraph, state):
            recogniser.run(paragraph, state)
            return


def _take_markers(units: list[Unit], footnotes: list[Footnote]) -> tuple[list[Unit], list[Discard]]:
    numbering = MarkerNumbering()
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


def _tidy(text: str) -> str:
    """One line, single spaces, no space before a comma or period."""
    return _SPACE_BEFORE_PUNCT_RE.sub("", _SPACES_RE.sub(" ", text)).strip()


__all__ = ["paragraphs", "segment"]
