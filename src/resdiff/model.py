"""Domain value objects: units of a resolution, a resolution, and the result of comparing two.

Everything here is a frozen dataclass or a StrEnum, so it is hashable, comparable and
JSON-ready through :func:`dataclasses.asdict` or the renderers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class UnitKind(enum.StrEnum):
    """The role a unit plays in a resolution."""

    TITLE = "title"
    FORMULA = "formula"
    PREAMBLE = "preamble"
    SUBITEM = "subitem"
    OPERATIVE = "operative"
    FOOTNOTE = "footnote"
    CLOSING = "closing"


@dataclass(frozen=True, slots=True)
class Unit:
    """One canonical unit of a resolution: a paragraph, a sub-item, a footnote...

    Example:
        >>> unit = Unit("op1", UnitKind.OPERATIVE, "Décide de rester saisi ;", label="1.")
        >>> unit.kind.value, unit.text, unit.footnote_refs
        ('operative', 'Décide de rester saisi ;', ())
    """

    id: str
    kind: UnitKind
    text: str
    label: str | None = None
    footnote_refs: tuple[int, ...] = ()

    @property
    def parent(self) -> str | None:
        """The id of the paragraph a sub-item belongs to (`pp8` for `pp8.a`), else None."""
        return self.id.rpartition(".")[0] or None if self.kind is UnitKind.SUBITEM else None


@dataclass(frozen=True, slots=True)
class Resolution:
    """One language version of a resolution, split into canonical units in document order."""

    symbol: str
    lang: str
    units: tuple[Unit, ...]
    title: str = ""
    date: str | None = None  # ISO 8601 adoption date
    year: int | None = None
    series: str | None = None
    body: str | None = None
    meeting: str | None = None
    source_name: str | None = None
    warnings: tuple[str, ...] = ()
    session: str | None = None  # GA or HRC session number, ECOSOC year
    agenda_item: str | None = None  # "18 (c)", where the text prints it
    source_url: str | None = None  # the official document's address, when it was fetched
    read_by_ocr: bool = False  # the text was read from page images by OCR (a scanned PDF)
    record_url: str | None = None  # its UN Digital Library record, when it was fetched
    subjects: tuple[str, ...] = ()  # the library record's subjects (MARC 650)
    vote: str | None = None  # how it was adopted: "adopted without a vote", a recorded vote

    def unit(self, unit_id: str) -> Unit:
        """Return the unit with this id.

        Raises:
            KeyError: no such unit.
        """
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    @property
    def name(self) -> str:
        """How reports name this text: its symbol, else its file (a draft prints no symbol)."""
        return self.symbol or self.source_name or "(unnamed text)"

    @property
    def ids(self) -> tuple[str, ...]:
        """Unit ids in document order."""
        return tuple(unit.id for unit in self.units)

    @property
    def document(self) -> str:
        """What its symbol says the text is: ``resolution``, ``draft``, ``revision``,
        ``corrigendum``, ``addendum``, ``amendment`` or ``document``; "" without a symbol.

        >>> Resolution("A/C.3/99/L.10", "en", ()).document
        'draft'
        """
        from resdiff.errors import InvalidSymbol
        from resdiff.symbols import ResolutionSymbol

        try:
            return ResolutionSymbol.parse(self.symbol).kind.value if self.symbol else ""
        except InvalidSymbol:
            return ""

    @property
    def document_label(self) -> str:
        """How reports name what the text is, when it is not an adopted resolution
        (``draft``, ``revised draft``, ``corrigendum``…); "" for a resolution or no symbol."""
        from resdiff.errors import InvalidSymbol
        from resdiff.symbols import DocumentKind, ResolutionSymbol

        try:
            parsed = ResolutionSymbol.parse(self.symbol) if self.symbol else None
        except InvalidSymbol:
            return ""
        if parsed is None or parsed.kind is DocumentKind.RESOLUTION:
            return ""
        return parsed.description

    def count(self, kind: UnitKind) -> int:
        """How many units of this kind the resolution has."""
        return sum(1 for unit in self.units if unit.kind is kind)


@dataclass(frozen=True, slots=True)
class Discard:
    """A piece of the input that segmentation removed from unit text, and why.

    Kinds: ``page-header``, ``page-break``, ``footnote-marker``, ``label``, ``debris``.
    """

    kind: str
    text: str
    unit_id: str | None = None


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The units found in a text, plus everything that was set aside and any warnings."""

    units: tuple[Unit, ...]
    discarded: tuple[Discard, ...] = ()
    warnings: tuple[str, ...] = ()


class ChangeStatus(enum.StrEnum):
    """How a unit (or group of units) changed between two versions."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"
    SPLIT = "split"
    MERGED = "merged"


@dataclass(frozen=True, slots=True)
class Token:
    """One step of a word-level diff: ``op`` is ``=``, ``-`` or ``+``.

    ``text`` is the new side's spelling for ``=`` and ``+`` and the old side's for ``-``. When
    an ``=`` token is spelled differently on the old side (OCR or typographic noise), ``old``
    holds that spelling, so the tokens always rebuild both texts exactly.
    """

    op: str
    text: str
    old: str | None = None


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A difference between the two texts that was judged OCR or typographic noise."""

    old: str
    new: str
    reason: str


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a comparison: the old units and the new units it pairs."""

    status: ChangeStatus
    old: tuple[Unit, ...] = ()
    new: tuple[Unit, ...] = ()
    moved: bool = False
    similarity: float = 1.0
    tokens: tuple[Token, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    annotations: tuple[str, ...] = ()

    @property
    def renumbered(self) -> bool:
        """True when the unit kept its content but its id changed (`op5 → op6`)."""
        return [u.id for u in self.old] != [u.id for u in self.new] and bool(self.old and self.new)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The full result of comparing two resolutions."""

    old: Resolution
    new: Resolution
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def summary(self) -> dict[str, int]:
        """Counts per status, plus ``moved`` (changes whose moved flag is set)."""
        counts = {status.value: 0 for status in ChangeStatus}
        for change in self.changes:
            counts[change.status.value] += 1
        counts["moved"] = sum(1 for change in self.changes if change.moved)
        return counts

    @property
    def has_differences(self) -> bool:
        """True when anything but unchanged, unmoved units was found."""
        return any(c.status is not ChangeStatus.UNCHANGED or c.moved for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON-ready data: the ``resdiff.diff/1`` shape."""
        from resdiff.render.json import diff_document

        return diff_document(self)

    def _repr_html_(self) -> str:
        """The HTML report, for Jupyter notebooks (one self-contained document)."""
        from resdiff.render.html import render_html

        return render_html(self)
