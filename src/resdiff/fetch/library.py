"""The UN Digital Library's MARC-XML records: title, date, subjects, vote."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from resdiff.errors import FetchError

MARC = "{http://www.loc.gov/MARC21/slim}"
# MARC fields the Digital Library fills for resolutions.
SYMBOL, TITLE, DATE, SUBJECT, VOTE = "191", "245", "269", "650", "996"
# Vote summary subfields: b yes, c no, d abstentions, e non-voting, f total.
_VOTE_CODES = {"b": "yes", "c": "no", "d": "abstentions", "e": "non_voting", "f": "total"}


@dataclass(frozen=True, slots=True)
class Record:
    """What the Digital Library says about a document."""

    symbol: str
    title: str | None = None
    date: str | None = None
    subjects: tuple[str, ...] = ()
    vote: dict[str, int] | None = None


def parse_record(data: bytes, symbol: str) -> Record:
    """Parse the MARC-XML search answer for ``symbol``.

    Raises:
        FetchError: the answer is not MARC-XML, holds no record, or a record for another symbol.
    """
    where = f"the UN Digital Library record of {symbol}"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FetchError(f"{where} is malformed ({exc}); try again later") from None
    record = root if root.tag == f"{MARC}record" else root.find(f".//{MARC}record")
    if record is None:
        raise FetchError(f"{where} was not found: the library answered no record")

    def values(tag: str, code: str) -> list[str]:
        return [
            (sub.text or "").strip()
            for field in record.iter(f"{MARC}datafield")
            if field.get("tag") == tag
            for sub in field.iter(f"{MARC}subfield")
            if sub.get("code") == code and (sub.text or "").strip()
        ]

    symbols = values(SYMBOL, "a")
    if symbol not in symbols:
        found = ", ".join(symbols) or "no symbol"
        raise FetchError(f"{where} is malformed: it describes {found}; try again later")
    title = " ".join(values(TITLE, "a") + values(TITLE, "b")).strip(" /:") or None
    return Record(
        symbol=symbol,
        title=title,
        date=_date(values(DATE, "a"), where),
        subjects=tuple(values(SUBJECT, "a")),
        vote=_vote(record) or None,
    )


def _date(found: list[str], where: str) -> str | None:
    if not found:
        return None
    text = found[0].replace("-", "")
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date().isoformat()
    except ValueError:
        raise FetchError(f"{where} is malformed: {found[0]!r} is not a date") from None


def _vote(record: ET.Element) -> dict[str, int]:
    vote: dict[str, int] = {}
    for field in record.iter(f"{MARC}datafield"):
        if field.get("tag") != VOTE:
            continue
        for sub in field.iter(f"{MARC}subfield"):
            name = _VOTE_CODES.get(sub.get("code") or "")
            if name and (sub.text or "").strip().isdigit():
                vote[name] = int((sub.text or "").strip())
    return vote
