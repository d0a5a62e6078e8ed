"""A resolution as an Akoma Ntoso 3.0 ``statement``, following AKN4UN (written with lxml).

Layout (eIds after the AKN naming convention, the number of each element in its parent):

- ``meta``: FRBR Work, Expression and Manifestation under ``/akn/un/…`` (:mod:`.uri`), the
  acting body and resdiff as TLC organisations, and in ``proprietary`` what only resdiff
  needs back (the series; whether the text was stored as plain paragraphs);
- ``preface``: the symbol, the heading and the title;
- ``preamble``: the formula (``enactingFormula``) and the preambular paragraphs as
  ``recitals``, their sub-items as ``blockList`` items (``recs__rec_8__list_1__item_a``);
- ``mainBody``: the operative paragraphs with their ``num`` (``para_3``), sub-items as
  ``point`` (``para_3__point_b__point_i``);
- footnotes as ``authorialNote`` where the clause calls them (resdiff records which clause
  calls a footnote, not where in it: the note closes the clause); a footnote the text calls
  but does not print is a ``noteRef`` of class ``missing``;
- ``conclusions``: the closing's lines, the adoption date as ``date``.

The opening word of each preambular and operative paragraph is in ``i``, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from resdiff.akn.sniff import AKN_NS
from resdiff.akn.uri import ACTORS, FrbrUri
from resdiff.errors import InputError
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.symbols import DocumentKind, ResolutionSymbol

RESDIFF_NS = "urn:x-resdiff:akn:1"
A = f"{{{AKN_NS}}}"
RD = f"{{{RESDIFF_NS}}}"
_FOOTNOTE_ID_RE = re.compile(r"fn(\d+)$")
_OPENING_RE = re.compile(r"^(\s*)(\S+)(.*)$", re.S)
# Characters XML 1.0 cannot hold.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def to_akn(resolution: Resolution, *, raw: bool = False) -> bytes:
    """The Akoma Ntoso XML of a stored resolution.

    Args:
        resolution: a version with a symbol and an adoption date.
        raw: the version was stored as plain paragraphs (``add --raw``).

    Raises:
        InputError: no symbol or date, or a unit holds characters XML cannot carry.
    """
    if not resolution.symbol or not resolution.date:
        raise InputError(f"{resolution.name} has no symbol or adoption date; store it first")
    symbol = ResolutionSymbol.parse(resolution.symbol)
    if symbol.kind is not DocumentKind.RESOLUTION:
        raise InputError(
            f"{symbol} is a {symbol.kind.value}, not an adopted resolution; Akoma Ntoso "
            "export (AKN4UN) takes adopted resolutions only"
        )
    for unit in resolution.units:
        if match := _NOT_XML_RE.search(unit.text):
            raise InputError(
                f"{unit.id} holds the control character {match.group()!r}, which XML cannot "
                f"carry; fix it with `resdiff correct`"
            )
    return _Writer(resolution, raw).document()


class _Writer:
    def __init__(self, resolution: Resolution, raw: bool) -> None:
        self.resolution, self.raw = resolution, raw
        self.symbol = ResolutionSymbol.parse(resolution.symbol)
        self.uri = FrbrUri.of(self.symbol, resolution.date or "", resolution.lang)
        self.notes = {
            int(m.group(1)): unit
            for unit in resolution.units
            if unit.kind is UnitKind.FOOTNOTE and (m := _FOOTNOTE_ID_RE.match(unit.id))
        }
        self.placed: set[int] = set()

    def document(self) -> bytes:
        root = etree.Element(f"{A}akomaNtoso", nsmap={None: AKN_NS})
        statement = _sub(root, "statement", name="resolution", contains="originalVersion")
        statement.append(self._meta())
        units = self.resolution.units
        statement.append(self._preface(units))
        preamble, body, closing = _parts(units)
        if preamble:
            statement.append(self._preamble(preamble))
        main = _sub(statement, "mainBody")
        for unit, children in _tree(body):
            main.append(self._paragraph(unit, children))
        if not body:  # a text without operative part: the schema wants one element here
            _sub(main, "p", eId="body__p_1")
        if closing is not None or self._uncalled():
            statement.append(self._conclusions(closing))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    # -- meta

    def _meta(self) -> etree._Element:
        res, uri = self.resolution, self.uri
        actor, actor_name = ACTORS[self.symbol.body]
        meta = etree.Element(f"{A}meta")
        ident = _sub(meta, "identification", source="#resdiff")
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", value=f"{uri.work}/!main")
        _sub(work, "FRBRuri", value=uri.work)
        _sub(work, "FRBRalias", value=res.symbol, name="symbol")
        _sub(work, "FRBRdate", date=res.date or "", name="adoption")
        _sub(work, "FRBRauthor", href=f"#{actor}", **{"as": "#author"})
        _sub(work, "FRBRcountry", value="un")
        _sub(work, "FRBRsubtype", value="deliberation")
        _sub(work, "FRBRnumber", value=uri.number, showAs=self.symbol.short)
        _sub(work, "FRBRname", value="resolution")
        expression = _sub(ident, "FRBRExpression")
        _sub(expression, "FRBRthis", value=f"{uri.expression}/!main")
        _sub(expression, "FRBRuri", value=uri.expression)
        _sub(expression, "FRBRdate", date=res.date or "", name="adoption")
        _sub(expression, "FRBRauthor", href=f"#{actor}", **{"as": "#author"})
        _sub(expression, "FRBRlanguage", language=uri.language)
        manifestation = _sub(ident, "FRBRManifestation")
        _sub(manifestation, "FRBRthis", value=uri.manifestation)
        _sub(manifestation, "FRBRuri", value=uri.manifestation)
        _sub(manifestation, "FRBRdate", date=res.date or "", name="adoption")
        _sub(manifestation, "FRBRauthor", href="#resdiff")
        references = _sub(meta, "references", source="#resdiff")
        _sub(references, "TLCOrganization", eId=actor,
             href=f"/akn/ontology/organization/un/{actor}", showAs=actor_name)  # fmt: skip
        _sub(references, "TLCOrganization", eId="resdiff",
             href="/akn/ontology/organization/un/resdiff", showAs="resdiff")  # fmt: skip
        proprietary = _sub(meta, "proprietary", source="#resdiff")
        version = etree.SubElement(proprietary, f"{RD}version", nsmap={"rd": RESDIFF_NS})
        if res.series:
            version.set("series", res.series)
        if self.raw:
            version.set("raw", "true")
        return meta

    # -- parts

    def _preface(self, units: Sequence[Unit]) -> etree._Element:
        preface = etree.Element(f"{A}preface")
        symbol = _sub(preface, "p", **{"class": "symbol"})
        _sub(symbol, "docNumber").text = self.resolution.symbol
        title = next((u for u in units if u.kind is UnitKind.TITLE), None)
        p = _sub(preface, "p", **{"class": "title" if title else "title noUnit"})
        if title is not None and title.label:
            heading = _sub(p, "docNumber", **{"class": "heading"})
            heading.text, heading.tail = title.label, " "
        doc_title = _sub(p, "docTitle")
        self._text(doc_title, title.text if title else self.resolution.title, title)
        return preface

    def _preamble(self, units: Sequence[Unit]) -> etree._Element:
        preamble = etree.Element(f"{A}preamble")
        recitals = None
        count = 0
        for unit, children in _tree(units):
            if unit.kind is UnitKind.FORMULA:
                formula = _sub(preamble, "formula", name="enactingFormula")
                self._text(_sub(formula, "p"), unit.text, unit)
                continue
            if recitals is None:
                recitals = _sub(preamble, "recitals", eId="recs")
            count += 1
            recital = _sub(recitals, "recital", eId=f"recs__rec_{count}")
            self._text(_sub(recital, "p"), unit.text, unit, italic=True)
            if children:
                recital.append(self._block_list(f"recs__rec_{count}__list_1", children))
        return preamble

    def _block_list(self, eid: str, children: Sequence[tuple[Unit, list]]) -> etree._Element:  # type: ignore[type-arg]
        block = etree.Element(f"{A}blockList", eId=eid)
        for unit, grandchildren in children:
            item_id = f"{eid}__item_{_key(unit)}"
            item = _sub(block, "item", eId=item_id)
            if unit.label:
                _sub(item, "num").text = unit.label
            self._text(_sub(item, "p"), unit.text, unit)
            if grandchildren:
                item.append(self._block_list(f"{item_id}__list_1", grandchildren))
        return block

    def _paragraph(self, unit: Unit, children: list, eid: str | None = None) -> etree._Element:  # type: ignore[type-arg]
        tag = "point" if unit.kind is UnitKind.SUBITEM else "paragraph"
        eid = eid or f"para_{_key(unit)}"
        element = etree.Element(f"{A}{tag}", eId=eid)
        if unit.label:
            _sub(element, "num").text = unit.label
        holder = _sub(element, "intro" if children else "content")
        self._text(_sub(holder, "p"), unit.text, unit, italic=tag == "paragraph")
        for child, grandchildren in children:
            element.append(self._paragraph(child, grandchildren, f"{eid}__point_{_key(child)}"))
        return element

    def _conclusions(self, closing: Unit | None) -> etree._Element:
        conclusions = etree.Element(f"{A}conclusions")
        lines = closing.text.split("\n") if closing is not None else []
        for k, line in enumerate(lines):
            p = _sub(conclusions, "p", **{"class": "closing"})
            last = k == len(lines) - 1
            if last and self.resolution.date:
                date = _sub(p, "date", date=self.resolution.date)
                date.text = line
                self._notes(p, closing)
            else:
                self._text(p, line, closing if last else None)
        for number in self._uncalled():
            p = _sub(conclusions, "p", **{"class": "uncalledNote"})
            self._note(p, number, called=False)
        return conclusions

    # -- text, italics and notes

    def _text(
        self, element: etree._Element, text: str, unit: Unit | None, *, italic: bool = False
    ) -> None:
        """Text into ``element`` (``\\n`` as ``br``), then the notes ``unit`` calls."""
        match = _OPENING_RE.match(text) if italic else None
        if match:
            element.text = match.group(1)
            opening = _sub(element, "i")
            opening.text = match.group(2)
            _append_text(element, match.group(3))
        else:
            _append_text(element, text)
        self._notes(element, unit)

    def _notes(self, element: etree._Element, unit: Unit | None) -> None:
        for number in unit.footnote_refs if unit is not None else ():
            self._note(element, number, called=True)

    def _note(self, element: etree._Element, number: int, *, called: bool) -> None:
        note = self.notes.get(number)
        if note is None:
            _sub(element, "noteRef", marker=str(number), href=f"#missing_note_{number}",
                 **{"class": "missing"})  # fmt: skip
            return
        if number in self.placed:
            _sub(element, "noteRef", marker=str(number), href=f"#authorialNote_{number}")
            return
        self.placed.add(number)
        attributes = {
            "marker": str(number),
            "placement": "bottom",
            "eId": f"authorialNote_{number}",
        }
        if not called:
            attributes["class"] = "uncalled"
        self._text(_sub(_sub(element, "authorialNote", **attributes), "p"), note.text, None)

    def _uncalled(self) -> list[int]:
        called = {n for u in self.resolution.units for n in u.footnote_refs}
        return sorted(n for n in self.notes if n not in called)


def _parts(units: Sequence[Unit]) -> tuple[list[Unit], list[Unit], Unit | None]:
    """The units of the preamble, of the operative part, and the closing."""
    preamble: list[Unit] = []
    body: list[Unit] = []
    closing = None
    for unit in units:
        if unit.kind is UnitKind.CLOSING:
            closing = unit
        elif unit.kind in (UnitKind.TITLE, UnitKind.FOOTNOTE):
            continue
        elif unit.kind is UnitKind.OPERATIVE or (unit.kind is UnitKind.SUBITEM and body):
            body.append(unit)
        else:
            preamble.append(unit)
    return preamble, body, closing


def _tree(units: Sequence[Unit]) -> list[tuple[Unit, list]]:  # type: ignore[type-arg]
    """Units with their sub-items nested under them, by id (``op3.b.i`` under ``op3.b``)."""
    roots: list[tuple[Unit, list]] = []  # type: ignore[type-arg]
    by_id: dict[str, list] = {}  # type: ignore[type-arg]
    for unit in units:
        children: list = []  # type: ignore[type-arg]
        by_id[unit.id] = children
        parent = unit.parent if unit.kind is UnitKind.SUBITEM else None
        if parent in by_id:
            by_id[parent].append((unit, children))
        elif unit.kind is UnitKind.SUBITEM and roots:  # a sub-item whose parent is unknown
            roots[-1][1].append((unit, children))
        else:
            roots.append((unit, children))
    return roots


def _key(unit: Unit) -> str:
    """The last component of a unit id: ``3`` for ``op3``, ``b`` for ``op3.b``."""
    last = unit.id.rpartition(".")[2]
    return re.sub(r"^[a-z]+(?=\d)", "", last) if unit.kind is not UnitKind.SUBITEM else last


def _append_text(element: etree._Element, text: str) -> None:
    """Append text at the end of ``element``'s content, each ``\\n`` as a ``br``."""
    for k, line in enumerate(text.split("\n")):
        if k:
            _sub(element, "br")
        if not line:
            continue
        children = list(element)
        if children:
            children[-1].tail = (children[-1].tail or "") + line
        else:
            element.text = (element.text or "") + line


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{A}{tag}")
    for key, value in attributes.items():
        element.set(key, value)
    return element
