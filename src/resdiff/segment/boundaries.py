"""Where a clause starts, read from the resolution's own grammar rather than from blank lines.

A preambular paragraph opens with one of its language's opening words (``Rappelant``,
``Bearing in mind``) at the start of a line that follows the end of a clause; an operative
paragraph with its number (also in its OCR forms ``4:``, ``l.``); a sub-item with its label
(also ``d).``). Text pasted from the web, ``pdftotext`` output and Word pastes have no
blank line between paragraphs, so these are the only evidence there is.
"""

from __future__ import annotations

import re

from resdiff.lang import Language

# Marks that end a clause (and so may precede the start of the next one).
_CLAUSE_END = ",;:.。،؛"
# Footnote glyphs OCR leaves after the final comma ("personnes,²").
_TRAILING_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰?®”\"'’!*"

# "3. ", "12. ", OCR's "4: " and "l. ", Arabic "1 - ": an operative number.
OPERATIVE_START_RE = re.compile(
    r"^(?P<number>\d{1,3}|[lI])(?:[.:]\s+\S|\s?[-–]\s+\S|\.(?=[\u4e00-\u9fff]))"
)
# "2, Calls upon": OCR read the period as a comma (a paragraph only before an operative verb).
_COMMA_NUMBER_RE = re.compile(r"^\d{1,3},\s+(?P<word>[^\W\d_]+)")
# "a) ", "(a) ", "(iv) ", OCR's "d). ", a word processor's or browser's list "a. ": a
# sub-item label.
SUBITEM_START_RE = re.compile(
    r"^[^\w\s(]?(?:\(?(?:[a-z]{1,2}|[ivx]{1,5})[#*°]?[)}]\.?|\([\u0621-\u064a]\)"
    r"|(?:[a-z]|[ivx]{1,5})\.(?=\s))"
    r"(?:\s+\S|(?=[\u4e00-\u9fff]))"
)
# "8 Décide": an operative number whose period OCR lost, before an operative verb.
_BARE_NUMBER_RE = re.compile(r"^\d{1,3}\s+(?P<word>[^\W\d_]+)")
# "2021/25. " / "76/1. " / "ES-11/1. " (a special session): the heading before the title;
# Arabic prints "2021/25 -", Chinese may glue the title to the period.
HEADING_LABEL = r"(?:E?S-)?\d{1,4}/\d{1,4}"
HEADING_SEPARATOR = r"(?:\.\s+|\s?[-–]\s+|\.(?=[\u4e00-\u9fff]))"
HEADING_START_RE = re.compile(rf"^{HEADING_LABEL}{HEADING_SEPARATOR}\S")
# A label alone on its line ("3.", "a)", "2021/25."): pdftotext sets hanging numbers apart.
LABEL_ONLY_RE = re.compile(
    r"^(?:\d{1,3}[.:]|\(?(?:[a-z]{1,2}|[ivx]{1,5})[)}]\.?|(?:[a-z]|[ivx]{1,5})\.|(?:E?S-)?\d{1,4}/\d{1,4}\.)$"
)

# "1 Résolution 64/293…", "² Nations Unies…": a footnote printed at the end of the text.
FOOTNOTE_START_RE = re.compile(
    r"^(?P<mark>\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(?P<text>[^\W\d_].*)$", re.S
)

_FIRST_WORD_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)?")


def ends_clause(line: str) -> bool:
    """True when a line ends as a clause does: with a comma, semicolon, colon or full stop."""
    return line.rstrip().rstrip(_TRAILING_MARKS)[-1:] in _CLAUSE_END


def opens_paragraph(line: str, language: Language) -> bool:
    """True when a line begins with an opening word of a preambular or operative paragraph.

    The word must be capitalised (mid-sentence, the same word is written in lower case),
    except in scripts without case (Arabic) and in languages whose preambular participles are
    printed in lower case (Russian); in Chinese, without spaces, an opening word is a prefix.

    Example:
        >>> from resdiff import lang
        >>> french = lang.get("fr")
        >>> [opens_paragraph(x, french) for x in ("Rappelant sa résolution", "rappelant", "Notant")]
        [True, False, True]
    """
    stripped = line.strip()
    if language.spaceless:  # Chinese: no spaces, so an opening word is a prefix
        return any(stripped.startswith(word) for word in language.opening_words)
    match = _FIRST_WORD_RE.match(stripped)
    if not match:
        return False
    first = match[0][:1]
    caseless = not first.isupper() and not first.islower()  # Arabic
    if not (first.isupper() or caseless or not language.openers_capitalised):
        return False
    return language.is_opening_word(match[0])


def is_date_line(line: str, language: Language) -> bool:
    """True for a line that is only a date (``22 juillet 2021``, ``22 July 2091.``)."""
    return bool(language.date_re.fullmatch(line.strip().strip(" .")))


def is_closing_line(line: str, language: Language) -> bool:
    """True for a line of a closing: its meeting (``13e séance plénière``) or its date alone."""
    return bool(language.meeting_re.match(line.strip())) or is_date_line(line, language)


def is_capital(first: str) -> bool:
    """True for a capital letter, or a letter of a script without case (Arabic, Chinese)."""
    return first.isupper() or (first.isalpha() and not first.islower())


def starts_clause(previous: str, line: str, language: Language) -> bool:
    """True when ``line`` starts a new clause although no blank line precedes it.

    Args:
        previous: the line before, stripped.
        line: the line, stripped.
        language: the language of the text.
    """
    if _formula(line, language) or HEADING_START_RE.match(line):
        return True
    if _formula(previous, language):
        return True  # the formula stands alone
    closing_line = is_closing_line(previous, language)
    date_line = is_date_line(line, language)
    full_stop = previous.rstrip()[-1:] in ".。"
    footnote = FOOTNOTE_START_RE.match(line)
    if footnote and (closing_line or full_stop) and not date_line:
        return is_capital(footnote["text"][:1])
    numbered = OPERATIVE_START_RE.match(line)
    if numbered and line[numbered.end() - 1 :].split(maxsplit=1)[0] in language.operative_verbs:
        return True  # "14. Rappelle…" even when OCR lost the ";" that ends op13
    if not ends_clause(previous):
        return False
    if OPERATIVE_START_RE.match(line) or SUBITEM_START_RE.match(line):
        return True
    bare = _BARE_NUMBER_RE.match(line) or _COMMA_NUMBER_RE.match(line)
    if bare and bare["word"] in language.operative_verbs:
        return True
    if language.meeting_re.match(line) or (_date_first(line, language) and full_stop):
        return True
    if date_line and full_stop:
        return True  # the date of a closing that prints it first, on a line of its own
    return opens_paragraph(line, language)


def _formula(line: str, language: Language) -> bool:
    """Whether a line is the acting body's formula (``Le Conseil économique et social,``).

    The body's name in lower case and without the formula's comma is words of a sentence that
    re-wrapping set on a line of their own (``… personnes, que`` / ``l’Assemblée générale`` /
    ``a adoptée …``).
    """
    if language.body_letter(line) is None:
        return False
    return not line[:1].islower() or line.rstrip().endswith(",")


def _date_first(line: str, language: Language) -> bool:
    """A closing that prints the date before the meeting (Chinese: ``2099年7月21日 第15次…``)."""
    match = language.date_re.match(line)
    return match is not None and bool(language.meeting_re.match(line[match.end() :].strip()))


__all__ = [
    "FOOTNOTE_START_RE",
    "HEADING_LABEL",
    "HEADING_SEPARATOR",
    "HEADING_START_RE",
    "LABEL_ONLY_RE",
    "OPERATIVE_START_RE",
    "SUBITEM_START_RE",
    "ends_clause",
    "is_capital",
    "is_closing_line",
    "is_date_line",
    "opens_paragraph",
    "starts_clause",
]
