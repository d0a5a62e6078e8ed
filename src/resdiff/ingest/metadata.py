"""Metadata printed in the text: symbol (heading + acting body, or the masthead), adoption
date, meeting, agenda item (document header); the session follows from the symbol.

The masthead of a UN document prints its full symbol (``E/CN.15/2021/L.3/Rev.1`` beside
"Distr. : limitée" and the date of issue). A draft has no heading number and no closing: its
symbol and its date (the date of issue) come from there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from resdiff.errors import InvalidSymbol, MetadataError
from resdiff.lang import Language
from resdiff.model import Unit, UnitKind
from resdiff.normalize.lexicon import strip_accents
from resdiff.symbols import BODIES, GA_FIRST_YEAR, DocumentKind, ResolutionSymbol


@dataclass(frozen=True, slots=True)
class Detected:
    """What the text says about itself; None where it says nothing."""

    symbol: ResolutionSymbol | None = None
    date: str | None = None
    meeting: str | None = None
    title: str | None = None
    body: str | None = None
    agenda_item: str | None = None


def detect(
    units: tuple[Unit, ...],
    language: Language,
    front_matter: tuple[str, ...] = (),
    masthead: tuple[str, ...] = (),
) -> Detected:
    """Read the symbol, date, meeting and title from segmented units.

    Args:
        units: the units of the resolution.
        language: its language.
        front_matter: the paragraphs before the heading (document header), for the agenda item.
        masthead: the page furniture set aside before the heading (the masthead's lines), in
            order; with ``front_matter``, where a draft's symbol and date of issue are read.

    Raises:
        MetadataError: the closing prints a date that does not exist.
    """
    by_kind = {unit.kind: unit for unit in units}
    title = by_kind.get(UnitKind.TITLE)
    body_letter = _body_letter(by_kind.get(UnitKind.FORMULA), language)
    if body_letter is None and title and title.label and re.match(r"(19|20)\d\d/", title.label):
        body_letter = "E"  # only ECOSOC numbers its resolutions by year: "2021/25."
    symbol = None
    if title and title.label and body_letter:
        try:
            symbol = ResolutionSymbol.from_heading(title.label, body_letter)
        except InvalidSymbol:
            symbol = None
    printed, issued = masthead_symbol(front_matter, language, masthead)
    if printed is not None and (symbol is None or printed.base == symbol):
        symbol = printed  # a draft, or a corrigendum or revision of the resolution headed
    closing = by_kind.get(UnitKind.CLOSING)
    date = meeting = None
    if closing:
        date = _date(closing.text, language)
        lines = (language.meeting_re.match(line) for line in closing.text.split("\n"))
        first = next((m for m in lines if m), None)
        meeting = first["number"] if first else None
    if date is None and symbol is not None and symbol.kind is not DocumentKind.RESOLUTION:
        date = issued  # a draft is dated by its masthead; a resolution only by its closing
    return Detected(
        symbol=symbol,
        date=date,
        meeting=meeting,
        title=title.text if title else None,
        body=BODIES.get(body_letter) if body_letter else None,
        agenda_item=_agenda_item(front_matter, language),
    )


_SPACES_RE = re.compile(r"\s+")

# A document symbol opening a masthead paragraph, or after "United Nations" on its line; one
# in brackets ("(E/2021/30)", the report it was adopted on) or within a sentence is a citation.
_MASTHEAD_SYMBOL_RE = re.compile(
    r"^(?:(?:Nations\s+Unies|United\s+Nations|Naciones\s+Unidas)\s+)?"
    r"(?P<symbol>[AES](?:/[A-Za-z0-9.-]{1,12}){1,7}(?:\s?\(\d{4}\))?)(?=\s|$)"
)
# How many paragraphs after the symbol's may still hold the date of issue.
_MASTHEAD_REACH = 3


def masthead_symbol(
    front_matter: tuple[str, ...], language: Language, furniture: tuple[str, ...] = ()
) -> tuple[ResolutionSymbol | None, str | None]:
    """The symbol a masthead prints, and the date of issue printed with it (ISO).

    The document header (``front_matter``) is searched first, then the lines set aside as
    page furniture (``furniture``, in order: a symbol repeated atop later pages is there too).

    >>> from resdiff import lang
    >>> found = masthead_symbol(("E/CN.15/2094/L.3/Rev.1 Conseil économique et social "
    ...     "20 mai 2094 Français",), lang.get("fr"))
    >>> str(found[0]), found[1]
    ('E/CN.15/2094/L.3/Rev.1', '2094-05-20')
    """
    for paragraphs in (front_matter, furniture):
        for index, paragraph in enumerate(paragraphs):
            match = _MASTHEAD_SYMBOL_RE.match(paragraph.strip())
            if not match:
                continue
            try:
                symbol = ResolutionSymbol.parse(match["symbol"])
            except InvalidSymbol:
                continue
            near = paragraphs[index : index + _MASTHEAD_REACH + 1]
            if paragraphs is furniture:  # the date under "Distr." opens the document header
                near = (*near, *front_matter[: _MASTHEAD_REACH + 1])
            return symbol, next(filter(None, (_issued(p, language) for p in near)), None)
    return None, None


def _issued(paragraph: str, language: Language) -> str | None:
    try:
        return _date(paragraph, language)
    except MetadataError:
        return None


def _agenda_item(front_matter: tuple[str, ...], language: Language) -> str | None:
    """``Agenda item 18 (c)`` / ``Point 18 c) de l’ordre du jour`` → ``18 (c)``."""
    if language.agenda_re is None:
        return None
    for paragraph in front_matter:
        match = language.agenda_re.search(paragraph)
        if match:
            item = _SPACES_RE.sub("", match["item"]).replace("(", "").replace(")", "")
            number, letter = re.match(r"(\d+)(\D*)", item).groups()  # type: ignore[union-attr]
            letter = language.label_letters.get(letter, letter)
            return f"{number} ({letter})" if letter else number
    return None


def session(symbol: ResolutionSymbol) -> str | None:
    """The session a symbol names: GA and HRC session number, ECOSOC year; None for the SC
    (and for a document whose symbol names none)."""
    return None if symbol.body == "S" or symbol.session is None else symbol.session_label


def _body_letter(formula: Unit | None, language: Language) -> str | None:
    return language.body_letter(formula.text) if formula else None


def _date(text: str, language: Language) -> str | None:
    match = language.date_re.search(text)
    if not match:
        return None
    months = {strip_accents(name): number for name, number in language.months.items()}
    month = months.get(strip_accents(match["month"].lower()).replace("¢", "e"))
    if month is None:
        return None
    try:
        return dt.date(int(match["year"]), month, int(match["day"])).isoformat()
    except ValueError:
        raise MetadataError(
            f"the closing gives the date {match[0]!r}, which does not exist; "
            "correct the text or give --date YYYY-MM-DD"
        ) from None


def check_date(value: str) -> str:
    """Validate an ISO date given by the user.

    Raises:
        MetadataError: the date does not parse.
    """
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise MetadataError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def check_consistent(symbol: ResolutionSymbol, date: str) -> None:
    """The symbol must agree with the adoption date.

    A symbol that names a year (ECOSOC, Security Council) names the year of adoption; the
    General Assembly's session N opens in September of 1945 + N and closes a year later.
    Only an adopted resolution's symbol is checked.

    Raises:
        MetadataError: the year of the symbol contradicts the adoption date.
    """
    if symbol.kind is not DocumentKind.RESOLUTION or symbol.session is None:
        return  # a draft or a corrigendum is issued when it is, in or after the session
    if symbol.special:
        return  # a special session sits when it is called, and names no year
    year = int(date[:4])
    if symbol.year is not None and symbol.year != year:
        raise MetadataError(
            f"the symbol {symbol} names the year {symbol.year} but the date is {date}; "
            "correct --symbol or --date"
        )
    sitting = (GA_FIRST_YEAR + symbol.session, GA_FIRST_YEAR + symbol.session + 1)
    if symbol.body == "A" and year not in sitting:
        raise MetadataError(
            f"the symbol {symbol} names the General Assembly's session {symbol.session}, "
            f"which did not sit in {year}; correct --symbol or --date"
        )
