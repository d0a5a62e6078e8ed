"""An Akoma Ntoso resolution read straight into units: the markup gives the structure.

No OCR repair and no segmentation run: each ``recital`` is a preambular paragraph, each
``paragraph`` of the ``mainBody`` an operative one, ``item``/``point`` sub-items, every
``authorialNote`` a footnote called by the clause that holds it, ``conclusions`` the closing.
Unit ids follow the eIds (``para_3__point_b`` → ``op3.b``) or, failing those, the numbers
and positions, the way the segmenter names units. Files written by :mod:`.write` come back
exactly; other AKN4UN resolutions are read as far as they follow the same markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from resdiff import lang as languages
from resdiff.akn.uri import LANGUAGE_CODES
from resdiff.akn.write import RD, A
from resdiff.errors import InputError, MetadataError
from resdiff.ingest import metadata
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.symbols import BODIES, ResolutionSymbol

_DOCUMENT_TYPES = ("statement", "doc", "act", "bill")
_EID_KEY_RE = re.compile(r"(?:item|point)_([^_]+)$")
_NUMBER_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s*\n\s*")
_SKIPPED = {f"{A}authorialNote", f"{A}noteRef"}


def read_akn(
    data: bytes,
    name: str,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    strict: bool = True,
) -> Resolution:
    """The resolution an Akoma Ntoso document holds.

    Args:
        data: the XML.
        name: the file name, for messages and provenance.
        lang: the language, when the document does not give it.
        symbol: the symbol, overriding the document's.
        date: the adoption date (``YYYY-MM-DD``), overriding the document's.
        title: the title, when the document has none.
        series: the series, overriding the one the document records.
        strict: require a symbol, a date and a title.

    Raises:
        InputError: not well-formed XML, not Akoma Ntoso, or no resolution inside.
        MetadataError: symbol, date or title missing (``strict``) or malformed.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} is not well-formed XML ({exc}); check the file") from None
    if root.tag != f"{A}akomaNtoso":
        raise InputError(f"{name} is not an Akoma Ntoso 3.0 document (root {root.tag!s})")
    document = next((child for child in root if child.tag in
                     {f"{A}{t}" for t in _DOCUMENT_TYPES}), None)  # fmt: skip
    if document is None or document.find(f"{A}mainBody") is None:
        raise InputError(f"{name} holds no Akoma Ntoso resolution (no statement with a mainBody)")
    reader = _Reader(document)
    units, warnings = reader.units()
    code = lang or reader.language() or languages.detect(" ".join(u.text for u in units))
    language = languages.get(code)
    found = metadata.detect(tuple(units), language)
    parsed = ResolutionSymbol.parse(symbol or reader.symbol() or "") if (
        symbol or reader.symbol()) else found.symbol  # fmt: skip
    if parsed is None and strict:
        raise MetadataError(f"no resolution symbol in {name}; give it with --symbol")
    iso_date = metadata.check_date(date) if date else (reader.date() or found.date)
    if iso_date is None and strict:
        raise MetadataError(f"no adoption date in {name}; give it with --date YYYY-MM-DD")
    final_title = title or found.title or reader.title()
    if not final_title and strict:
        raise MetadataError(f"no title in {name}; give it with --title")
    return Resolution(
        symbol=str(parsed) if parsed else "",
        lang=code,
        units=tuple(units),
        title=final_title or "",
        date=iso_date,
        year=int(iso_date[:4]) if iso_date else None,
        series=series or reader.series(),
        body=BODIES.get(parsed.body) if parsed else None,
        meeting=found.meeting,
        source_name=name,
        warnings=tuple(warnings),
        session=metadata.session(parsed) if parsed else None,
    )


class _Reader:
    def __init__(self, document: etree._Element) -> None:
        self.document = document
        self.meta = document.find(f"{A}meta")
        version = document.find(f"{A}meta/{A}proprietary/{RD}version")
        self.version = version if version is not None else etree.Element("none")
        self.raw = self.version.get("raw") == "true"
        self.notes: dict[int, str] = {}
        self.warnings: list[str] = []

    # -- metadata

    def _frbr(self, path: str, attribute: str) -> str | None:
        element = self.document.find(f"{A}meta/{A}identification/{path}")
        return element.get(attribute) if element is not None else None

    def symbol(self) -> str | None:
        alias = self.document.find(
            f"{A}meta/{A}identification/{A}FRBRWork/{A}FRBRalias[@name='symbol']"
        )
        if alias is not None:
            return alias.get("value")
        number = self.document.find(f"{A}preface//{A}docNumber")
        return _text(number) if number is not None and number.get("class") != "heading" else None

    def date(self) -> str | None:
        value = self._frbr(f"{A}FRBRWork/{A}FRBRdate", "date")
        return metadata.check_date(value) if value else None

    def language(self) -> str | None:
        value = self._frbr(f"{A}FRBRExpression/{A}FRBRlanguage", "language")
        return LANGUAGE_CODES.get(value or "", value) or None

    def series(self) -> str | None:
        return self.version.get("series")

    def title(self) -> str | None:
        element = self.document.find(f"{A}preface//{A}docTitle")
        return _text(element) if element is not None else None

    # -- units

    def units(self) -> tuple[list[Unit], list[str]]:
        units = [*self._title(), *self._preamble(), *self._body(), *self._closing()]
        self.warnings = [
            f"footnote {number} is referenced in {unit.id} but its text is missing from the source"
            for unit in units
            for number in unit.footnote_refs
            if number not in self.notes
        ]
        for number in sorted(self.notes):
            units.append(Unit(f"fn{number}", UnitKind.FOOTNOTE, self.notes[number],
                              label=str(number)))  # fmt: skip
        return units, self.warnings

    def _title(self) -> Iterator[Unit]:
        for p in self.document.iterfind(f"{A}preface/{A}p"):
            title = p.find(f"{A}docTitle")
            if title is None or "noUnit" in (p.get("class") or "").split():
                continue
            heading = p.find(f"{A}docNumber[@class='heading']")
            label = _text(heading) if heading is not None else None
            yield Unit("title", UnitKind.TITLE, _text(title), label=label or None,
                       footnote_refs=self._refs(title))  # fmt: skip
            return

    def _preamble(self) -> Iterator[Unit]:
        preamble = self.document.find(f"{A}preamble")
        if preamble is None:
            return
        formula = preamble.find(f".//{A}formula")
        if formula is not None:
            yield Unit(
                "formula", UnitKind.FORMULA, _text(formula), footnote_refs=self._refs(formula)
            )
        prefix = "p" if self.raw else "pp"
        recitals = list(preamble.iter(f"{A}recital")) or [p for p in preamble.iterfind(f"{A}p")]
        for count, recital in enumerate(recitals, start=1):
            own = recital.find(f"{A}p") if recital.tag == f"{A}recital" else recital
            if own is None:
                continue
            unit_id = f"{prefix}{count}"
            num = recital.find(f"{A}num")
            yield Unit(unit_id, UnitKind.PREAMBLE, _text(own),
                       label=_text(num) if num is not None else None,
                       footnote_refs=self._refs(own))  # fmt: skip
            yield from self._items(recital, unit_id)

    def _items(self, parent: etree._Element, parent_id: str) -> Iterator[Unit]:
        for block in parent.iterfind(f"{A}blockList"):
            for k, item in enumerate(block.iterfind(f"{A}item"), start=1):
                own = item.find(f"{A}p")
                unit_id = f"{parent_id}.{_key(item, k)}"
                num = item.find(f"{A}num")
                yield Unit(unit_id, UnitKind.SUBITEM, _text(own) if own is not None else "",
                           label=_text(num) if num is not None else None,
                           footnote_refs=self._refs(own))  # fmt: skip
                yield from self._items(item, unit_id)

    def _body(self) -> Iterator[Unit]:
        body = self.document.find(f"{A}mainBody")
        assert body is not None
        for count, paragraph in enumerate(body.iter(f"{A}paragraph"), start=1):
            num = paragraph.find(f"{A}num")
            label = _text(num) if num is not None else None
            digits = _NUMBER_RE.search(label or "")
            unit_id = f"op{digits.group() if digits else count}"
            yield from self._hierarchy(paragraph, unit_id, UnitKind.OPERATIVE, label)

    def _hierarchy(
        self, element: etree._Element, unit_id: str, kind: UnitKind, label: str | None
    ) -> Iterator[Unit]:
        own = element.find(f"{A}content/{A}p")
        if own is None:
            own = element.find(f"{A}intro/{A}p")
        yield Unit(unit_id, kind, _text(own) if own is not None else "", label=label or None,
                   footnote_refs=self._refs(own))  # fmt: skip
        for k, point in enumerate(element.iterfind(f"{A}point"), start=1):
            num = point.find(f"{A}num")
            yield from self._hierarchy(point, f"{unit_id}.{_key(point, k)}", UnitKind.SUBITEM,
                                       _text(num) if num is not None else None)  # fmt: skip

    def _closing(self) -> Iterator[Unit]:
        conclusions = self.document.find(f"{A}conclusions")
        if conclusions is None:
            return
        lines: list[str] = []
        refs: list[int] = []
        for p in conclusions.iterfind(f"{A}p"):
            if p.get("class") == "uncalledNote":
                self._refs(p)  # the note is kept, called by no clause
                continue
            if text := _text(p):
                lines.append(text)
                refs += self._refs(p)
        if lines:
            yield Unit("closing", UnitKind.CLOSING, "\n".join(lines), footnote_refs=tuple(refs))

    def _refs(self, element: etree._Element | None) -> tuple[int, ...]:
        """The footnotes an element calls, in order; their texts are kept as footnotes."""
        refs: list[int] = []
        if element is None:
            return ()
        for note in element.iter(f"{A}authorialNote", f"{A}noteRef"):
            digits = _NUMBER_RE.search(note.get("marker") or "")
            if digits is None:
                continue
            number = int(digits.group())
            if note.tag == f"{A}authorialNote":
                self.notes[number] = " ".join(_text(p) for p in note.iterfind(f"{A}p"))
                if note.get("class") == "uncalled":
                    continue
            refs.append(number)
        return tuple(refs)


def _key(element: etree._Element, position: int) -> str:
    """A sub-item's id component: from its eId (``…__item_a``), its num (``(iv)``), or place."""
    match = _EID_KEY_RE.search(element.get("eId") or "")
    if match:
        return match.group(1)
    num = element.find(f"{A}num")
    letters = re.sub(r"[^\w]", "", _text(num)).lower() if num is not None else ""
    return letters or str(position)


def _text(element: etree._Element) -> str:
    """An element's text without its notes; ``br`` is a line break, layout whitespace a space."""
    return "".join(_pieces(element)).strip()


def _pieces(element: etree._Element) -> Iterator[str]:
    if element.text:
        yield _SPACE_RE.sub(" ", element.text)
    for child in element:
        if child.tag == f"{A}br":
            yield "\n"
        elif child.tag not in _SKIPPED and isinstance(child.tag, str):
            yield from _pieces(child)
        if child.tail:
            yield _SPACE_RE.sub(" ", child.tail)
