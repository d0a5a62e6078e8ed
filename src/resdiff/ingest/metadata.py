"""Metadata printed in the text: symbol (heading + acting body), adoption date, meeting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from resdiff.errors import InvalidSymbol, MetadataError
from resdiff.lang import Language
from resdiff.model import Unit, UnitKind
from resdiff.normalize.lexicon import strip_accents
from resdiff.symbols import BODIES, ResolutionSymbol


@dataclass(frozen=True, slots=True)
class Detected:
    """What the text says about itself; None where it says nothing."""

    symbol: ResolutionSymbol | None = None
    date: str | None = None
    meeting: str | None = None
    title: str | None = None
    body: str | None = None


def detect(units: tuple[Unit, ...], language: Language) -> Detected:
    """Read the symbol, date, meeting and title from segmented units."""
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
    closing = by_kind.get(UnitKind.CLOSING)
    date = meeting = None
    if closing:
        date = _date(closing.text, language)
        first = language.meeting_re.match(closing.text)
        meeting = first["number"] if first else None
    return Detected(
        symbol=symbol,
        date=date,
        meeting=meeting,
        title=title.text if title else None,
        body=BODIES.get(body_letter) if body_letter else None,
    )


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
        return None


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
    """A symbol that names a year (ECOSOC, Security Council) must agree with the date.

    Raises:
        MetadataError: the year of the symbol contradicts the adoption date.
    """
    if symbol.year is not None and symbol.year != int(date[:4]):
        raise MetadataError(
            f"the symbol {symbol} names the year {symbol.year} but the date is {date}; "
            "correct --symbol or --date"
        )
