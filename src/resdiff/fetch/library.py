"""The UN Digital Library's MARC-XML records: title, date, subjects, vote.

A search may answer several records (the resolution, its drafts, its voting record…): the
one whose 191 ``$a`` is the symbol exactly is taken. The title is 245 ``$a`` alone (``$b`` is
"resolution / adopted by …"); the adoption date is 992 ``$a`` (269 is the publication date,
used only when 992 is missing); 996 ``$a`` says how it was adopted ("Adopted without vote").
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from resdiff.errors import FetchError

MARC = "{http://www.loc.gov/MARC21/slim}"
# MARC fields the Digital Library fills for resolutions.
SYMBOL, TITLE, SUBJECT, VOTE = "191", "245", "650", "996"
ADOPTED, PUBLISHED = "992", "269"
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
    vote_note: str | None = None  # 996 $a: "Adopted without vote"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, as ``meta.json`` keeps it (``fetched.record``)."""
        return {
            "symbol": self.symbol,
            "title": self.title,
            "date": self.date,
            "subjects": list(self.subjects),
            "vote": dict(self.vote) if self.vote else None,
            "vote_note": self.vote_note,
        }


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
    records = [root] if root.tag == f"{MARC}record" else root.findall(f".//{MARC}record")
    if not records:
        raise FetchError(f"{where} was not found: the library answered no record")
    record = next((r for r in records if symbol in _values(r, SYMBOL, "a")), None)
    if record is None:
        found = ", ".join(s for r in records for s in _values(r, SYMBOL, "a")) or "no symbol"
        raise FetchError(f"{where} is malformed: it describes {found}; try again later")
    title = " ".join(_values(record, TITLE, "a")).strip(" /:;,") or None
    dates = _values(record, ADOPTED, "a") or _values(record, PUBLISHED, "a")
    return Record(
        symbol=symbol,
        title=title,
        date=_date(dates, where),
        subjects=tuple(_values(record, SUBJECT, "a")),
        vote=_vote(record) or None,
        vote_note=next(iter(_values(record, VOTE, "a")), None),
    )


def _values(record: ET.Element, tag: str, code: str) -> list[str]:
    """The non-empty subfields ``code`` of every datafield ``tag`` of a record."""
    return [
        (sub.text or "").strip()
        for field in record.iter(f"{MARC}datafield")
        if field.get("tag") == tag
        for sub in field.iter(f"{MARC}subfield")
        if sub.get("code") == code and (sub.text or "").strip()
    ]


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
