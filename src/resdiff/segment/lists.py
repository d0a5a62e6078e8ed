"""Recognisers of sub-item lists whose letters a format lost or OCR misread: numbered by
GitHub Markdown, drawn by a browser (a copy keeps no label), read as ``|`` or ``Î)`` by
tesseract. Each item is stored by its place in the list (``pp8.a``…)."""

from __future__ import annotations

import re

from resdiff.model import Discard, Unit, UnitKind
from resdiff.segment.recognisers import (
    LABEL_RE,
    NUMBER_RE,
    State,
    displaced_fragment,
    one_line,
)

# "1." or "1)" before an item of a numbered list.
_NUMBERED_ITEM_RE = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$", re.S)


class NumberedSubItem:
    """An item of a numbered list that a preambular paragraph ending with a colon opens.

    Sub-items of the preamble are lettered, but a format with numbered lists only (GitHub
    Markdown, into which pandoc writes ``a)`` … as ``1)`` …) loses the letters: the items then
    read ``1.``, ``2.``… and would open the operative part. Before the operative part, an item
    ``1.`` right after a paragraph that ends with ``:``, and the next numbers after it, are
    that paragraph's sub-items, stored by their place (``pp8.a``…) with the number as their
    label, unless an operative verb opens them.
    """

    def test(self, paragraph: str, state: State) -> bool:
        return self._number(paragraph, state) is not None

    @staticmethod
    def _number(paragraph: str, state: State) -> int | None:
        match = _NUMBERED_ITEM_RE.match(paragraph)
        if not match or state.seen_operative or state.closed or not state.units:
            return None
        first = match["text"].split(maxsplit=1)[0]
        if first in state.language.operative_verbs:
            return None
        number, previous = int(match["number"]), state.units[-1]
        if number == 1:
            opens = previous.kind is UnitKind.PREAMBLE and previous.text.rstrip().endswith(":")
            return number if opens else None
        printed = (previous.label or "").rstrip(".)")
        follows = previous.kind is UnitKind.SUBITEM and printed == str(number - 1)
        return number if follows and previous.id.startswith("pp") and number <= 26 else None

    def run(self, paragraph: str, state: State) -> None:
        match = _NUMBERED_ITEM_RE.match(paragraph)
        number = self._number(paragraph, state)
        parent = state.last_paragraph
        assert match and number is not None and parent is not None
        # Stored under the letter of its place in the list, as the print letters it.
        unit_id = f"{parent.id}.{chr(ord('a') + number - 1)}"
        label = paragraph[: match.start("text")].strip()
        if number == 1:
            state.warnings.append(
                f"{parent.id} ends with a colon and a numbered list follows it: read as its "
                f"sub-items, stored as {unit_id}, {parent.id}.b…; a conversion may have lost "
                "their letters (GitHub Markdown numbers every list)"
            )
        state.discarded.append(Discard("label", label, unit_id))
        state.add(Unit(unit_id, UnitKind.SUBITEM, one_line(match["text"]), label=label))


# What ends an item of a list: the item's own clause punctuation.
_ITEM_END = (";", ",", ".")
# Fewest lines that make a list without labels (one line could be any paragraph).
_MIN_UNLABELLED_ITEMS = 2


class UnlabelledItems:
    """A list whose labels are lost: lines that each end an item, after a colon.

    A copy from a browser keeps a list's text but not its letters (the browser draws them,
    they are not text), so the sub-items of ``… a vocation à :`` come as one line each, in one
    block with no label. A paragraph after one that ends with ``:`` whose every line (two or
    more) ends as an item does (``;``, ``,``, ``.``) and opens on no label is that list: each
    line is a sub-item, stored by its place (``pp8.a``…) without a label.
    """

    def test(self, paragraph: str, state: State) -> bool:
        if state.closed or not state.units or state.last_paragraph is not state.units[-1]:
            return False
        if not state.units[-1].text.rstrip().endswith(":"):
            return False
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        return (
            _MIN_UNLABELLED_ITEMS <= len(lines) <= 26
            and all(line.endswith(_ITEM_END) for line in lines)
            and not any(LABEL_RE.match(line) or NUMBER_RE.match(line) for line in lines)
            and not any(line.split()[0] in state.language.operative_verbs for line in lines)
        )

    def run(self, paragraph: str, state: State) -> None:
        parent = state.units[-1]
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        for index, line in enumerate(lines):
            unit_id = f"{parent.id}.{chr(ord('a') + index)}"
            state.add(Unit(unit_id, UnitKind.SUBITEM, one_line(line)))
        state.warnings.append(
            f"{len(lines)} lines after {parent.id} read as its sub-items without labels, "
            f"stored as {parent.id}.a…; a copy from a browser drops list letters"
        )


# A sub-item's label that OCR misread as another glyph before its ")": a capital or accented
# letter ("Î)", "F)" for "f)"), a bar or a "!" ("|)").
_MISREAD_LABEL_RE = re.compile(r"^(?P<label>\(?(?:[^\W\d_a-z]|[|!])\))\s+(?=\S)")


class LostLabelItem:
    """A sub-item of the preamble whose label is lost or misread: a paragraph that opens in
    lower case with no label, right after a paragraph that ends with ``:`` or after one of
    its sub-items.

    No preambular paragraph opens in lower case (where openers are capitalised), so such a
    paragraph before the operative part is the list's next item: tesseract reads ``f)`` as
    ``|`` (a speck that repair removes) or as ``Î)``, and items pasted without their letters
    stand one a paragraph between blank lines. It is stored by its place (``pp8.f`` after
    ``pp8.e``, ``pp8.a`` after ``pp8``), without a label. A few words in lower case are rather
    a displaced fragment of the clause above (:class:`Plain`).
    """

    def test(self, paragraph: str, state: State) -> bool:
        return self._read(paragraph, state) is not None

    @staticmethod
    def _read(paragraph: str, state: State) -> tuple[str, str, str] | None:
        """The item's unit id, its text and the misread label ("" when none), or None."""
        language = state.language
        text = one_line(paragraph)
        misread = _MISREAD_LABEL_RE.match(text)
        label = misread["label"] if misread else ""
        text = text[len(misread[0]) :] if misread else text
        if state.seen_operative or state.closed or not state.units or not text[:1].islower():
            return None
        if LABEL_RE.match(text):
            return None  # a label out of sequence ("b." with no "a." before): Plain's
        if not language.openers_capitalised or displaced_fragment(text):
            return None
        if language.is_opening_word(text.split(maxsplit=1)[0].strip(",;:")):
            return None
        previous = state.units[-1]
        if previous.kind is UnitKind.PREAMBLE:
            ends = previous.text.rstrip().endswith(":")
            return (f"{previous.id}.a", text, label) if ends else None
        if previous.kind is not UnitKind.SUBITEM or previous.id.count(".") != 1:
            return None
        parent, letter = previous.id.split(".")
        if not parent.startswith("pp") or len(letter) != 1 or not "a" <= letter < "z":
            return None
        if previous.text.rstrip()[-1:] not in _ITEM_END:
            return None  # an item that does not end is cut, not followed
        return f"{parent}.{chr(ord(letter) + 1)}", text, label

    def run(self, paragraph: str, state: State) -> None:
        read = self._read(paragraph, state)
        assert read is not None
        unit_id, text, label = read
        previous = state.units[-1]
        if label:
            state.discarded.append(Discard("label", label, unit_id))
        state.add(Unit(unit_id, UnitKind.SUBITEM, text))
        if label:
            state.warnings.append(
                f"the label {label} after {previous.id} is no letter in sequence: read as "
                f"sub-item {unit_id} (its place in the list); OCR misread the letter"
            )
        elif previous.kind is not UnitKind.SUBITEM or previous.label is not None:
            # One warning for a run of items without labels.
            state.warnings.append(
                f"a paragraph in lower case without a label after {previous.id} read as its "
                f"sub-item {unit_id} (and any such paragraphs after it as the next ones); OCR "
                "or a copy may have lost the labels (tesseract reads f) as |)"
            )
