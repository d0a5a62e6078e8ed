"""Footnote markers glued to words: found, taken out of the text, numbered.

OCR reads a superscript footnote number as ``?``, ``®``, ``”``, ``!``, a superscript digit
or a plain digit stuck to the word before it (``personnes?,``, ``enfants®,``,
``session”,``). Converters write it as ``[1]`` (pandoc's plain text), ``[^1]`` (Markdown)
or ``^1`` (text browsers, which print ``<sup>`` with a caret; ``^^1`` for the ``<sup>`` in a
``<sup>`` of LibreOffice's HTML footnote anchors). Resolutions number their
footnotes in order of first reference, so a marker whose digit was lost gets the next number.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from resdiff.segment.note_lines import SUPERSCRIPTS

_MARKER_PATTERN = r"""
    (?:(?<=[^\W\d_]{2})(?P<digits>\d{1,2})   # digits glued to a word of two letters or more
    |(?<=[^\W\d_][”»"’)])(?P<quoted_digits>\d{1,2})  # or to the quote that closes a title
    |(?<=[\w”»"’)])[ ]?(?P<superscript>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})  # superscript digits, a quote kept,
                                                  # one space apart as pdftotext sets them
    |(?<=\w)(?P<glyph>[?®”"“!%s]{1,2})  # or a glyph glued to a word or a number
    |(?<=[^\W\d_]{3})[ ](?P<spaced>\d{1,2})  # or digits set one space after a word
    |(?<=[\w”»"’)])(?P<bracketed>\[\^?\d{1,2}\]|\^\^?\[?\d{1,2}\]?)  # or [1], [^1] (pandoc,
                                # Markdown), ^1 (text browsers: lynx, w3m), ^^1 (a <sup> in a
                                # <sup>, as LibreOffice's HTML sets its footnote anchors)
    %s)
    (?=[\s,;.:)，。；、\u4e00-\u9fff]|$)  # and followed by a space, punctuation or the end
    """
# A glyph that is a mark only when punctuation or the end follows it (English ’, which before
# a space is the apostrophe of a plural possessive: "States’ obligations").
_END_GLYPH_PATTERN = r"|(?<=\w)(?P<end_glyph>[%s])(?=[,;.:)]|$)"


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@functools.cache
def _marker_re(extra_glyphs: str, end_glyphs: str) -> re.Pattern[str]:
    """The marker pattern of a language's glyphs, compiled when a text of it is read (the
    class of Han characters costs milliseconds to compile: not at import, not for nothing)."""
    end = _END_GLYPH_PATTERN % re.escape(end_glyphs) if end_glyphs else ""
    return re.compile(_MARKER_PATTERN % (re.escape(extra_glyphs), end), re.X)


@functools.cache
def _first_character_re(extra_glyphs: str, end_glyphs: str) -> re.Pattern[str]:
    """Any character a marker can start with: a digit, a superscript digit or a glyph, or
    the space before a digit (a call pdftotext set one space after its word)."""
    return re.compile(
        rf'[ ](?=[\d¹²³⁴⁵⁶⁷⁸⁹⁰])|[\d¹²³⁴⁵⁶⁷⁸⁹⁰?®”"“!\[^{re.escape(extra_glyphs + end_glyphs)}]'
    )


def _find_markers(text: str, extra_glyphs: str, end_glyphs: str) -> Iterator[re.Match[str]]:
    """``_marker_re(…).finditer(text)``, tried only where a marker can start.

    Every alternative of the pattern starts behind a lookbehind, so ``finditer`` runs the
    whole pattern at every position of the text; a scan for the characters a marker starts
    with (one C-speed character class) finds the few places worth trying, and ``match`` there
    gives the same matches (none is empty, and the scan resumes after each, as finditer does).
    """
    pattern = _marker_re(extra_glyphs, end_glyphs)
    end = 0
    for candidate in _first_character_re(extra_glyphs, end_glyphs).finditer(text):
        if candidate.start() < end:
            continue
        match = pattern.match(text, candidate.start())
        if match is not None:
            end = match.end()
            yield match


@dataclass
class MarkerNumbering:
    """Numbers markers across a whole document, in reading order.

    ``extra_glyphs`` are more glyphs OCR makes of a superscript in a given language (French
    never ends a word with ``’``, so there a trailing ``’`` is a misread mark); ``end_glyphs``
    are marks only before punctuation or the end of the text (English ends plural
    possessives with ``’``, but a possessive is followed by its noun, never by a comma).

    Example:
        >>> numbering = MarkerNumbering(end_glyphs="’")
        >>> numbering.take("the States’ duties under resolution 2089/14’,", set())
        ('the States’ duties under resolution 2089/14,', [1], ['’'])
        >>> numbering.take("the ‘blue economy’, the Harm’.", set())
        ('the ‘blue economy’, the Harm.', [2], ['’'])
    """

    last: int = 0
    extra_glyphs: str = ""
    end_glyphs: str = ""

    def take(self, text: str, known: set[int]) -> tuple[str, list[int], list[str]]:
        """Remove the footnote markers of one unit's text.

        Args:
            text: the unit text.
            known: numbers of the footnotes whose text was found, to tell a footnote
                digit (``personnes2``) from a number that belongs to the text.

        Returns:
            The text without markers, the footnote numbers referenced, the marks removed.
        """
        refs: list[int] = []
        marks: list[str] = []
        pieces: list[str] = []
        position = 0
        quotes = _Quotes(text)
        for match in _find_markers(text, self.extra_glyphs, self.end_glyphs):
            number = self._number(match, text, known, quotes)
            if number is None:
                continue
            pieces.append(text[position : match.start()])
            position = match.end()
            refs.append(number)
            marks.append(match[0])
            self.last = number
        pieces.append(text[position:])
        return "".join(pieces), refs, marks

    def _number(
        self, match: re.Match[str], text: str, known: set[int], quotes: _Quotes
    ) -> int | None:
        mark = match[0]
        word = _word_before(text, match.start())
        if match["spaced"]:
            return self._spaced_call(int(match["spaced"]), text, match, known)
        if match["bracketed"]:
            value = int(mark.strip("[]^"))
            expected = value == self.last + 1 or value in known - set(range(self.last + 1))
            return value if expected and value > self.last else None
        if mark.isdecimal():
            value = int(mark)
            expected = value == self.last + 1 or value in known - set(range(self.last + 1))
            acronym = bool(word) and word[0].isupper() and len(word[0]) <= 4
            return value if expected and value > self.last and not acronym else None
        if all(ch in SUPERSCRIPTS or ch == "⁰" for ch in mark):
            return int(mark.translate(_FROM_SUPERSCRIPT))
        if mark in '”"' and quotes.inside_quotation(match.start()):
            return None  # the closing quote of a quotation, not a marker
        if match.groupdict().get("end_glyph") and quotes.inside_single_quotation(match.start()):
            return None  # "the ‘blue economy’," closes a quotation
        return self.last + 1

    def _spaced_call(
        self, value: int, text: str, match: re.Match[str], known: set[int]
    ) -> int | None:
        """A call a text extraction set one space after its word (``organisée 2 et``).

        pdftotext often leaves a space before a raised digit. A number standing between
        words is text far more often than a call, so it is a call only when everything
        agrees: it is the next footnote number, that footnote's text was found, the word
        before it does not count things (``paragraphe 2``, ``vol. 2``), and no number
        follows it (``2 et 3``, ``2 %``).
        """
        if value != self.last + 1 or value not in known:
            return None
        before = _word_before(text, match.start())
        after = text[match.end() :]
        if not before or before[0].casefold() in _COUNTING_WORDS:
            return None
        if before[0][:1].isupper() and not _PUNCTUATION_FOLLOWS_RE.match(after):
            return None  # "la Convention 2 et" may be a name and its number; "Harm 1," is not
        return None if _NUMBER_FOLLOWS_RE.match(after) else value


# Words that a number follows as text, not as a footnote call ("paragraphe 2", "session 2").
_COUNTING_WORDS = frozenset(
    """paragraphe paragraphes paragraph paragraphs párrafo párrafos alinéa alinéas
    article articles artículo artículos annexe annexes annex anexo anexos chapitre chapitres
    chapter chapters capítulo capítulos section sections sección secciones partie parties part
    parte point points punto puntos item items tema temas résolution résolutions resolution
    resolutions resolución resoluciones décision décisions decision decisions decisión
    decisiones objectif objectifs goal goals objetivo objetivos cible cibles target targets
    meta metas vol volume volumes volumen page pages página páginas session sessions sesión
    séance meeting sesiones numéro numéros number numbers número números no nº rule règle
    regla principe principle principio recommandation recommendation recomendación option
    phase étape stage etapa niveau level nivel groupe group grupo table tableau cuadro figure
    figura encadré box recuadro annexe protocole protocol protocolo""".split()
)
_PUNCTUATION_FOLLOWS_RE = re.compile(r"^[,;.:)]")
# A number after the digits: "2 et 3", "2, 3", "2-3", "2 %": the digits belong to the text.
_NUMBER_FOLLOWS_RE = re.compile(
    r"^\s*(?:[%‰]|\d|[-–,]\s*\d|(?:et|and|y|e|o|ou|or|to|à|au|a|и|или)\s+\d)", re.I
)


_APOSTROPHE_RE = re.compile(r"(?<=\w)’(?=\w)")


_LETTER_RE = re.compile(r"[^\W\d_]")


def _word_before(text: str, end: int) -> list[str]:
    """``re.findall(r"[^\\W\\d_]+$", text[:end])``: the letters that end ``text[:end]``
    (``$`` also matches before a final line break), as a list of one word or none.

    Walks back over the word only: the pattern searched the whole prefix, for every marker
    (a long paragraph full of digits took minutes).
    """
    stop = end - 1 if end > 0 and text[end - 1] == "\n" else end
    start = stop
    while start > 0 and _LETTER_RE.match(text, start - 1):
        start -= 1
    return [text[start:stop]] if start < stop else []


class _Quotes:
    """Where one unit's quotation marks stand, to ask what is open before a point.

    Whether a quotation (``“…”``, ``"…"``, ``«…»``) or a single quotation (``‘…’``, the
    apostrophes between letters not counted) opened before a point is still open, asked
    for each marker without counting the whole text before it again (that was quadratic).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._at: dict[str, list[int]] | None = None
        self._apostrophes: list[int] = []

    def _count(self, mark: str, end: int) -> int:
        if self._at is None:
            self._at = {mark: [] for mark in '“”"«»‘’'}
            for found in _QUOTE_RE.finditer(self._text):
                self._at[found[0]].append(found.start())
            # An apostrophe between letters in ``text[:end]``: a word follows it before end.
            self._apostrophes = [found.start() for found in _APOSTROPHE_RE.finditer(self._text)]
        return bisect.bisect_left(self._at[mark], end)

    def inside_quotation(self, end: int) -> bool:
        """True when an opening quote in ``text[:end]`` is still open there."""
        count = self._count
        return (
            count("“", end) > count("”", end)
            or count('"', end) % 2 == 1
            or count("«", end) > count("»", end)
        )

    def inside_single_quotation(self, end: int) -> bool:
        """True when an opening ``‘`` in ``text[:end]`` is still open there (apostrophes
        between letters inside ``text[:end]`` are not closing quotes)."""
        opening, closing = self._count("‘", end), self._count("’", end)
        # Apostrophes dropped from ``text[:end]``: those with a word character on both sides
        # inside it (the last character of the prefix has none after it).
        between = bisect.bisect_left(self._apostrophes, end - 1)
        return opening > closing - between


_QUOTE_RE = re.compile('[“”"«»‘’]')
