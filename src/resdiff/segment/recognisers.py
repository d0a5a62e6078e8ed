"""Recognisers that turn one paragraph into units, tried in order like Markdown's block parsers.

Each has ``test(paragraph, state) -> bool`` and ``run(paragraph, state)``; the first whose
test passes handles the paragraph. :class:`Plain` always passes, so nothing is lost. The
recognisers of lists whose labels a format lost are in :mod:`~resdiff.segment.lists`; the
order they are all tried in is :func:`resdiff.segment.default_recognisers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from resdiff.lang import Language
from resdiff.model import Discard, Unit, UnitKind
from resdiff.segment.boundaries import (
    FOOTNOTE_START_RE,
    HEADING_LABEL,
    HEADING_SEPARATOR,
    is_date_line,
    opens_paragraph,
)
from resdiff.segment.note_lines import SUPERSCRIPTS
from resdiff.segment.pages import Footnote

# "2021/25." (ECOSOC), "76/1." (GA), "ES-11/1." (a special session) before the title.
HEADING_RE = re.compile(rf"^(?P<label>{HEADING_LABEL}){HEADING_SEPARATOR}(?P<text>\S.*)$", re.S)
# "1." "12." before an operative paragraph; Arabic prints "1 -"; Chinese may glue the text;
# OCR reads the period as a colon ("4:").
NUMBER_RE = re.compile(
    r"^(?P<number>[\dAIlOoSBZGbgq]{1,3})(?:(?P<punct>[.:,])\s+|\s?[-–]\s+|\.(?=[\u4e00-\u9fff]))"
    r"(?P<text>\S.*)$",
    re.S,
)
# "8 Décide…": OCR lost the period; only the next number before an operative verb counts.
_BARE_NUMBER_RE = re.compile(r"^(?P<number>\d{1,3})\s+(?P<text>[^\W\d_].*)$", re.S)
# Letters OCR reads for the digits of a paragraph number ("A." for "4.", "l." for "1.").
_DIGIT_LOOKALIKES = str.maketrans("AIlOoSBZGbgq", "411005826699")
# "a)", "(a)", "aa)", "(iv)", Arabic "(ب)" before a sub-item (OCR of a fax reads "c}"); an
# OCR speck may precede it, stand inside it ("f#)") or follow it ("d)."). A word processor's
# or a browser's lettered list prints "a." (``dotted``): a sub-item only where the letters
# run in sequence.
LABEL_RE = re.compile(
    r"""^(?P<junk>[^\w\s(]?)
    (?P<label>(?P<open>\()?(?P<letter>[a-z]{1,2}|[ivx]{1,5})(?P<speck>[#*°]?)[)}](?P<dot>\.?)
    |\((?P<abjad>[\u0621-\u064a])\)
    |(?P<dotted>[a-z]|[ivx]{1,5})\.(?=\s))
    (?:\s+|(?=[\u4e00-\u9fff]))(?P<text>\S.*)$""",
    re.S | re.X,
)
_ROMAN_ORDER = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_ROMAN = frozenset(_ROMAN_ORDER)


@dataclass
class State:
    """What the recognisers know so far about the document being segmented."""

    language: Language
    units: list[Unit] = field(default_factory=list)
    discarded: list[Discard] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    front_matter: list[Discard] = field(default_factory=list)
    preamble_count: int = 0
    operative_count: int = 0
    operative_numbers: set[int] = field(default_factory=set)
    # Set when the text has no acting-body formula: everything after the title is the body.
    no_formula: bool = False
    seen_formula: bool = False
    seen_operative: bool = False
    closed: bool = False
    # Footnotes printed after the operative part (collected at the end, before or after the
    # closing), and the number of the last footnote found so far.
    end_footnotes: list[Footnote] = field(default_factory=list)
    last_footnote: int = 0
    # Fragments in lower case kept with the clause above (words an extraction set apart).
    fragments: int = 0

    def add(self, unit: Unit) -> None:
        self.units.append(unit)

    @property
    def last_paragraph(self) -> Unit | None:
        """The last preambular or operative paragraph (the parent of a sub-item)."""
        for unit in reversed(self.units):
            if unit.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE):
                return unit
        return None


class Recogniser(Protocol):
    """One kind of paragraph."""

    def test(self, paragraph: str, state: State) -> bool: ...

    def run(self, paragraph: str, state: State) -> None: ...


def one_line(text: str) -> str:
    """A paragraph's lines joined with single spaces: a unit's text."""
    return " ".join(text.split())


class Title:
    """The heading ``2021/25. Title…`` before the formula."""

    def test(self, paragraph: str, state: State) -> bool:
        no_title_yet = not any(u.kind is UnitKind.TITLE for u in state.units)
        return not state.seen_formula and no_title_yet and bool(HEADING_RE.match(paragraph))

    def run(self, paragraph: str, state: State) -> None:
        match = HEADING_RE.match(paragraph)
        assert match
        label = match["label"] + "."
        state.discarded.append(Discard("label", label, "title"))
        state.add(Unit("title", UnitKind.TITLE, one_line(match["text"]), label=label))


class Formula:
    """The acting body: ``Le Conseil économique et social,``."""

    def test(self, paragraph: str, state: State) -> bool:
        return not state.seen_formula and state.language.body_letter(paragraph) is not None

    def run(self, paragraph: str, state: State) -> None:
        state.seen_formula = True
        if not any(u.kind is UnitKind.TITLE for u in state.units) and state.front_matter:
            # No printed heading: the paragraph just above the formula is the title.
            title = state.front_matter.pop()
            state.discarded.remove(title)
            state.add(Unit("title", UnitKind.TITLE, title.text))
        state.add(Unit("formula", UnitKind.FORMULA, one_line(paragraph)))


class FrontMatter:
    """Anything before the formula that is not the heading: document banners, a bare title."""

    def test(self, paragraph: str, state: State) -> bool:
        if state.no_formula:
            # Only what comes before the heading, and never a paragraph of the body.
            body = bool(NUMBER_RE.match(paragraph)) or opens_paragraph(paragraph, state.language)
            return not state.units and not body
        return not state.seen_formula

    def run(self, paragraph: str, state: State) -> None:
        discard = Discard("front-matter", one_line(paragraph))
        state.discarded.append(discard)
        state.front_matter.append(discard)


class Closing:
    """``13e séance plénière`` / ``22 juillet 2021`` after the last paragraph.

    The meeting and the date may come in either order (Chinese prints the date first) and
    as one paragraph or two (Word files often have one paragraph per line).
    """

    def test(self, paragraph: str, state: State) -> bool:
        first_line = paragraph.strip().split("\n", 1)[0]
        if len(paragraph) >= 120:
            return False
        if state.language.meeting_re.match(first_line):
            return True
        date_first = state.language.date_re.match(first_line)
        if date_first and state.language.meeting_re.match(first_line[date_first.end() :].strip()):
            return True  # "2099年7月21日 第15次全体会议" on one line
        date_line = is_date_line(first_line, state.language)
        return date_line and (state.seen_operative or state.closed)

    def run(self, paragraph: str, state: State) -> None:
        lines = [one_line(line) for line in paragraph.split("\n") if line.strip()]
        last = state.units[-1] if state.units else None
        if state.closed and last is not None and last.kind is UnitKind.CLOSING:
            state.units[-1] = Unit("closing", UnitKind.CLOSING, "\n".join([last.text, *lines]))
            return
        state.closed = True
        state.add(Unit("closing", UnitKind.CLOSING, "\n".join(lines)))


class EndFootnote:
    """A footnote collected at the end of the text: ``1 Résolution 64/293…``.

    Web pages and Word files print footnotes after the last paragraph, before or after the
    closing. Only the next footnote number counts, and a number that is the next operative
    paragraph's followed by an operative verb stays a paragraph (OCR drops periods).
    """

    def test(self, paragraph: str, state: State) -> bool:
        if not (state.seen_operative or state.closed):
            return False
        match = FOOTNOTE_START_RE.match(paragraph.strip())
        if not match:
            return False
        number = _footnote_number(match["mark"])
        if number != state.last_footnote + 1:
            return False
        first_word = match["text"].split(maxsplit=1)[0]
        paragraph_like = number == state.operative_count + 1 and (
            first_word in state.language.operative_verbs
        )
        return not paragraph_like

    def run(self, paragraph: str, state: State) -> None:
        match = FOOTNOTE_START_RE.match(paragraph.strip())
        assert match
        state.last_footnote += 1
        state.end_footnotes.append(Footnote(match["mark"], one_line(match["text"])))
        state.discarded.append(Discard("footnote-mark", match["mark"]))


def _footnote_number(mark: str) -> int:
    if mark.isdecimal() and mark.isascii():
        return int(mark)
    return int("".join(str(SUPERSCRIPTS.get(ch, 0)) for ch in mark))


class Operative:
    """A numbered paragraph: ``3. Engage instamment…``.

    A number OCR read as letters (``A.`` for ``4.``) counts only where it is the next number.
    """

    def test(self, paragraph: str, state: State) -> bool:
        return self._number(paragraph, state) is not None

    @staticmethod
    def _match(paragraph: str, state: State) -> re.Match[str] | None:
        match = NUMBER_RE.match(paragraph)
        if match:
            return match
        bare = _BARE_NUMBER_RE.match(paragraph)
        verbs = state.language.operative_verbs
        if bare and int(bare["number"]) == state.operative_count + 1 and state.seen_formula:
            return bare if bare["text"].split(maxsplit=1)[0] in verbs else None
        return None

    @classmethod
    def _number(cls, paragraph: str, state: State) -> int | None:
        match = cls._match(paragraph, state)
        if not match:
            return None
        printed = match["number"]
        expected = state.operative_count + 1
        if match.groupdict().get("punct") == "," and printed.isdecimal():
            # "2, Calls upon": OCR read the period as a comma; only the next number counts.
            return int(printed) if int(printed) == expected else None
        if printed.isdecimal():
            number = int(printed)
            # Out of sequence, a number before a lower-case word is text ("25 septembre").
            return number if number == expected or not match["text"][:1].islower() else None
        read = printed.translate(_DIGIT_LOOKALIKES)
        return int(read) if int(read) == expected else None

    def run(self, paragraph: str, state: State) -> None:
        match = self._match(paragraph, state)
        number = self._number(paragraph, state)
        assert match and number is not None
        state.seen_operative = True
        label = f"{number}."  # as printed (the discarded label must be the source's text)
        if number in state.operative_numbers:
            # OCR misread a digit ("3." for "9."): the place in the sequence decides.
            expected = state.operative_count + 1
            while expected in state.operative_numbers:
                expected += 1
            state.warnings.append(
                f"operative paragraph printed as {number}. repeats a number; "
                f"stored as op{expected} (its place in the sequence)"
            )
            number = expected
        state.operative_count = number
        state.operative_numbers.add(number)
        unit_id = f"op{number}"
        state.discarded.append(Discard("label", label, unit_id))
        state.add(Unit(unit_id, UnitKind.OPERATIVE, one_line(match["text"]), label=label))


class SubItem:
    """A lettered sub-paragraph ``a)`` / ``(a)`` of the last paragraph; ``(i)`` nests below it."""

    def test(self, paragraph: str, state: State) -> bool:
        match = LABEL_RE.match(paragraph)
        if not match or state.last_paragraph is None:
            return False
        return not match["dotted"] or _dotted_in_sequence(match["dotted"], state)

    def run(self, paragraph: str, state: State) -> None:
        match = LABEL_RE.match(paragraph)
        parent = state.last_paragraph
        assert match and parent
        letter = (
            match["letter"]
            or match["dotted"]
            or state.language.label_letters.get(match["abjad"], "x")
        )
        previous = state.units[-1]
        nested = (
            letter in _ROMAN
            and previous.kind is UnitKind.SUBITEM
            and not _follows(previous.id.rsplit(".", 1)[-1], letter)
        )
        if nested and previous.id.count(".") == 1:
            parent_id = previous.id
        elif nested:
            parent_id = previous.id.rsplit(".", 1)[0]
        else:
            parent_id = parent.id
        unit_id = f"{parent_id}.{letter}"
        for debris in (match["junk"], match["speck"], match["dot"]):
            if debris:
                state.discarded.append(Discard("debris", debris, unit_id))
        label = match["label"]
        if match["letter"]:
            label = f"{match['open'] or ''}{letter})"
        state.discarded.append(Discard("label", label, unit_id))
        state.add(Unit(unit_id, UnitKind.SUBITEM, one_line(match["text"]), label=label))


def _dotted_in_sequence(letter: str, state: State) -> bool:
    """True when a dotted label (``a.``, ``b.``, ``i.``) opens or continues a list of items.

    ``a.`` or ``i.`` opens one after a paragraph that ends with a colon; any other letter
    must follow the sub-item just above (a word that ends a sentence, ``a.``, stays text).
    """
    previous = state.units[-1] if state.units else None
    if previous is None:
        return False
    if letter in ("a", "i"):
        return previous.text.rstrip().endswith(":") or (
            letter == "i" and previous.kind is UnitKind.SUBITEM and previous.id.count(".") == 1
        )
    if previous.kind is not UnitKind.SUBITEM:
        return False
    last = previous.id.rsplit(".", 1)[-1]
    return _follows(last, letter) or _roman_follows(last, letter)


def _roman_follows(previous: str, numeral: str) -> bool:
    """True when ``numeral`` is the roman numeral after ``previous``."""
    return (
        previous in _ROMAN_ORDER
        and numeral in _ROMAN_ORDER
        and _ROMAN_ORDER.index(numeral) == _ROMAN_ORDER.index(previous) + 1
    )


def _follows(previous: str, letter: str) -> bool:
    """True when ``letter`` is the next label after ``previous`` in the alphabet."""
    return len(previous) == 1 and len(letter) == 1 and ord(letter) == ord(previous) + 1


class Plain:
    """Any other paragraph: preambular before the operative part, else a continuation."""

    def test(self, paragraph: str, state: State) -> bool:
        return True

    def run(self, paragraph: str, state: State) -> None:
        text = one_line(paragraph)
        last_clause = state.units[-1] if state.units else None
        if (
            displaced_fragment(text, state.language)
            and last_clause is not None
            and not state.closed
        ):
            # pdftotext sets the end of a loose justified line apart ("enforcement agencies,"
            # after the sub-item it belongs to): no clause opens in lower case, so keep the
            # words with the clause above, and say so.
            state.units[-1] = replace(last_clause, text=f"{last_clause.text} {text}")
            state.fragments += 1
            state.warnings.append(
                f"a fragment in lower case stood alone after {last_clause.id} and was kept "
                f"with it: {text!r}; check the words' place in the source"
            )
            return
        dotted = LABEL_RE.match(paragraph)
        if dotted and dotted["dotted"] and last_clause is not None and not state.closed:
            # "b." that opens no list and continues none (SubItem refused it): the letter
            # and its period belong to the sentence of the clause above.
            state.units[-1] = replace(last_clause, text=f"{last_clause.text} {text}")
            state.warnings.append(
                f"{dotted['dotted']}. reads like a list label out of sequence and was kept "
                f"with {last_clause.id}; check the list in the source"
            )
            return
        if not state.seen_operative and not state.closed and _opens_operative_part(text, state):
            # No number before the first operative paragraph (a browser's copy drops list
            # numbers): the verb after the preamble's last comma opens the operative part.
            state.seen_operative = True
            _add_unnumbered_operative(text, state)
            return
        if not state.seen_operative and not state.closed:
            state.preamble_count += 1
            state.add(Unit(f"pp{state.preamble_count}", UnitKind.PREAMBLE, text))
            return
        last = state.units[-1]
        if state.closed:
            state.discarded.append(Discard("after-closing", text))
            state.warnings.append(f"text after the closing was set aside: {text[:60]!r}")
            return
        if _unnumbered_operative(text, last, state):
            # OCR lost the number ("8." of a paragraph that opens with "Prie"): the verb after
            # the end of the paragraph above starts the next one.
            _add_unnumbered_operative(text, state)
            return
        # An unnumbered paragraph inside the operative part continues the paragraph above.
        state.units[-1] = Unit(
            last.id, last.kind, f"{last.text} {text}", label=last.label,
            footnote_refs=last.footnote_refs,
        )  # fmt: skip


# Longest lower-case paragraph taken for words a PDF extraction set apart.
MAX_FRAGMENT_WORDS = 4
# Longest one taken so when it ends on no clause's punctuation (no clause ends so): the words
# of a loose justified line that pdfminer printed as boxes of a word or two.
MAX_OPEN_FRAGMENT_WORDS = 12


def displaced_fragment(text: str, language: Language | None = None) -> bool:
    """A few words in lower case standing alone: the tail of a line, not a clause.

    Where paragraphs open in lower case (Russian), words that open with an opening word
    (``признавая важность сотрудничества,``) are a short paragraph, not a fragment.
    """
    words = text.split()
    if not words or not text[:1].islower():
        return False
    if (
        language is not None
        and not language.openers_capitalised
        and language.is_opening_word(words[0].strip(",;:"))
    ):
        return False
    limit = MAX_OPEN_FRAGMENT_WORDS if text.rstrip()[-1] not in ",;:." else MAX_FRAGMENT_WORDS
    return len(words) <= limit


def _add_unnumbered_operative(text: str, state: State) -> None:
    """Add an operative paragraph that has no printed number, numbered from the sequence."""
    number = state.operative_count + 1
    while number in state.operative_numbers:
        number += 1
    state.operative_count = number
    state.operative_numbers.add(number)
    state.warnings.append(
        f"operative paragraph {number} has no printed number; numbered from the sequence"
    )
    state.add(Unit(f"op{number}", UnitKind.OPERATIVE, text, label=f"{number}."))


def _opens_operative_part(text: str, state: State) -> bool:
    """An operative verb opening a paragraph that ends as a clause of the operative part
    (``;`` or ``.``), right after the preamble's last paragraph (which ends with a comma)."""
    last = state.units[-1] if state.units else None
    if last is None or not state.seen_formula or last.kind not in (
        UnitKind.PREAMBLE, UnitKind.SUBITEM
    ):  # fmt: skip
        return False
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return (
        first in state.language.operative_verbs
        and text.rstrip()[-1:] in ";."
        and last.text.rstrip()[-1:] == ","
    )


def _unnumbered_operative(text: str, last: Unit, state: State) -> bool:
    """An operative verb opening a paragraph after one that ended (``;`` or ``.``)."""
    first = text.split(maxsplit=1)[0] if text.split() else ""
    ended = last.text.rstrip()[-1:] in ";."
    in_operative = last.kind is UnitKind.OPERATIVE or (
        last.kind is UnitKind.SUBITEM and last.id.startswith("op")
    )
    return ended and in_operative and first in state.language.operative_verbs
