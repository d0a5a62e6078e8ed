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


# An item that ends on a conjunction after its clause's mark ("…; and", "…; et", "…; или"):
# the list goes on after it.
_ITEM_END_CONJUNCTION_RE = re.compile(r"[;,]\s+[^\W\d_]{1,4}$")


def _ends_item(text: str) -> bool:
    """Whether a sub-item's text ends as an item does, so that the next item may follow."""
    stripped = text.rstrip()
    return stripped[-1:] in _ITEM_END or bool(_ITEM_END_CONJUNCTION_RE.search(stripped))


class LostLabelItem:
    """A sub-item whose label is lost or misread: a paragraph with no label shaped as an
    item, right after a paragraph that ends with ``:`` or after one of its sub-items that
    ends as an item does (``;``, ``,``, ``; and``).

    Shaped as an item: in lower case where the language capitalises the words that open
    paragraphs (French, English, Spanish), or opening with the first word of the item above
    (``To …`` after ``(a) To …``), or with a word of the language's item shape (Russian,
    whose paragraphs open in lower case: an infinitive, ``обмениваться``); never with a
    word that opens a paragraph. Such a paragraph is the list's next item: tesseract reads
    ``f)`` as ``|`` (a speck that repair removes) or as ``Î)``, and items pasted without
    their letters stand one a paragraph between blank lines. It is stored by its place
    (``pp8.f`` after ``pp8.e``, ``op2.a`` after ``op2``), without a label. In the preamble
    and in the operative part alike: a paragraph that a page break cut was joined before
    (:func:`resdiff.segment.paragraphs`), and an item that does not end (``a) de ratifier
    la``) is cut, not followed, so its lower-case rest goes on with it (:class:`Plain`), as
    does a few words' displaced fragment.
    """

    def test(self, paragraph: str, state: State) -> bool:
        return self._read(paragraph, state) is not None

    @staticmethod
    def _read(paragraph: str, state: State) -> tuple[str, str, str] | None:
        """The item's unit id, its text and the misread label ("" when none), or None."""
        text = one_line(paragraph)
        misread = _MISREAD_LABEL_RE.match(text)
        label = misread["label"] if misread else ""
        text = text[len(misread[0]) :] if misread else text
        if state.closed or not state.units or not text:
            return None
        if LABEL_RE.match(text):
            return None  # a label out of sequence ("b." with no "a." before): Plain's
        first = text.split(maxsplit=1)[0].strip(",;:")
        if state.language.is_opening_word(first):
            return None
        previous = state.units[-1]
        part = "op" if state.seen_operative else "pp"
        if previous.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE):
            opens = previous.id.startswith(part) and previous.text.rstrip().endswith(":")
            shaped = opens and _item_shaped(text, previous.text, None, state)
            return (f"{previous.id}.a", text, label) if shaped else None
        if previous.kind is not UnitKind.SUBITEM or previous.id.count(".") != 1:
            return None
        parent, letter = previous.id.split(".")
        if not parent.startswith(part) or len(letter) != 1 or not "a" <= letter < "z":
            return None
        if not _ends_item(previous.text) or not _item_shaped(
            text, previous.text, previous.text, state
        ):
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


def _item_shaped(text: str, above: str, sibling: str | None, state: State) -> bool:
    """Whether ``text`` opens as an item of a list does (see :class:`LostLabelItem`), after
    the text ``above`` it; ``sibling`` is the text of the item above, if any.

    A few words in lower case are rather the tail of a line that the extraction set apart
    (:func:`~.recognisers.displaced_fragment`, ``et le public,``): as an item they need the
    item's shape of the language, their sibling's first word, or a ``;`` (or a final ``.``)
    after a ``;`` or a ``:`` above them, the marks that end items, not lines.
    """
    language = state.language
    first = text.split(maxsplit=1)[0]
    shape = language.item_shape
    if sibling is not None and sibling.split(maxsplit=1)[0].lower() == first.lower():
        return True
    if shape is not None and shape.fullmatch(first.strip(",;:")):
        return True
    if not (language.openers_capitalised and text[:1].islower()):
        return False
    if not displaced_fragment(text, language):
        return True
    return text.rstrip()[-1:] in ";." and above.rstrip()[-1:] in ";:"
