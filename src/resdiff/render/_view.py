"""A render-ready view of a :class:`~resdiff.model.Comparison`, shared by HTML and Markdown.

It decides what the formats have in common: each change's anchor and heading (``op5 → op6``),
where a moved clause stood in the old text, and how word tokens divide into the old side, the
new side and the inline redline. Renderers only lay the view out.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Token, Unit

# Primary language subtags written right to left.
RTL_LANGS = frozenset(
    {"ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"}
)

# Summary keys in the order reports list them; "moved" is a flag, the others are statuses.
SUMMARY_ORDER = ("modified", "added", "removed", "moved", "split", "merged", "unchanged")

# C0 and C1 control characters other than tab and newline, and the bidi embeddings, overrides
# and isolates. Browsers drop some and terminals obey others (ESC); a bidi override would
# show a clause's words in another order than they are stored ("Trojan Source"). A report
# shows them all as visible symbols instead of passing them through.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI_NAMES = {
    0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
    0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
}  # fmt: skip


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (U+2400 block)
    if code in _BIDI_NAMES:
        return f"⟦{_BIDI_NAMES[code]}⟧"
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_text(text: str) -> str:
    """Replace control characters with visible stand-ins (``␛`` for ESC)."""
    if text.isprintable():  # every character _CONTROL_RE finds is unprintable: nothing to do
        return text
    return _CONTROL_RE.sub(_control_picture, text)


# The differ's annotations read "<kind>: <old> → <new>"; these are the kinds it names.
ANNOTATION_LABELS = {
    "opening": "Opening words changed",
    "citation": "Cited resolution changed",
    "date": "Date changed",
    "year": "Year changed",
    "negation": "Negation changed",
}


class SegmentKind(enum.StrEnum):
    """What a run of text is in a word diff."""

    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text that is the same, deleted or inserted."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True, slots=True)
class UnitView:
    """One unit as shown on one side of a change."""

    id: str
    anchor: str
    kind: str
    label: str | None
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The unit's text as displayed (control characters made visible)."""
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True, slots=True)
class AnnotationView:
    """An annotation of a changed unit, with a readable label (``Opening words changed``)."""

    kind: str
    label: str
    detail: str

    @classmethod
    def parse(cls, text: str) -> AnnotationView:
        """Read ``"opening: Invite → Encourage"``; an unknown shape becomes a plain note.

        Example:
            >>> note = AnnotationView.parse("opening: Invite → Encourage")
            >>> note.kind, note.label, note.detail
            ('opening', 'Opening words changed', 'Invite → Encourage')
        """
        kind, sep, detail = visible_text(text).partition(": ")
        if sep and kind in ANNOTATION_LABELS:
            return cls(kind, ANNOTATION_LABELS[kind], detail)
        return cls("note", "Note", visible_text(text))


@dataclass(frozen=True, slots=True)
class NoiseView:
    """A difference that the differ judged OCR or typographic noise."""

    old: str
    new: str
    reason: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change, ready to lay out."""

    is_stub: ClassVar[bool] = False
    number: int
    anchor: str
    status: str
    moved: bool
    renumbered: bool
    heading: str
    kind: str
    old: tuple[UnitView, ...]
    new: tuple[UnitView, ...]
    redline: tuple[Segment, ...]
    moved_from: str | None
    provenance: str
    annotations: tuple[AnnotationView, ...]
    noise: tuple[NoiseView, ...]
    similarity: float

    @property
    def is_change(self) -> bool:
        """True for everything but an unchanged, unmoved unit."""
        return self.status != ChangeStatus.UNCHANGED or self.moved

    @property
    def old_ids(self) -> tuple[str, ...]:
        """Ids of the old units."""
        return tuple(unit.id for unit in self.old)

    @property
    def new_ids(self) -> tuple[str, ...]:
        """Ids of the new units."""
        return tuple(unit.id for unit in self.new)


@dataclass(frozen=True, slots=True)
class StubView:
    """Marks where a moved clause stood in the old text, linking to where it went."""

    is_stub: ClassVar[bool] = True
    anchor: str
    old_ids: tuple[str, ...]
    target: str
    target_heading: str


@dataclass(frozen=True, slots=True)
class DocumentView:
    """The header facts of one side of the comparison."""

    symbol: str
    title: str
    date: str
    year: str
    lang: str
    dir: str
    source: str
    body: str
    meeting: str
    units: int
    warnings: tuple[str, ...]
    source_url: str = ""  # the official document (fetched), a link in the header
    record_url: str = ""  # its UN Digital Library record (fetched), a link in the header
    document: str = ""  # "draft", "revised draft", "corrigendum"…; "" for an adopted resolution
    agenda_item: str = ""
    vote: str = ""  # "adopted without a vote", "recorded vote: …"
    subjects: tuple[str, ...] = ()
    read_by_ocr: bool = False  # a badge: the text was read from page images


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything a report shows, in display order."""

    old: DocumentView
    new: DocumentView
    summary: dict[str, int]
    items: tuple[ChangeView | StubView, ...]
    changes: tuple[ChangeView, ...]
    by_key: dict[str, tuple[ChangeView, ...]]
    renumbered: int  # unchanged, unmoved units whose id changed (op5 → op6)

    @property
    def annotated(self) -> tuple[ChangeView, ...]:
        """The changes with annotations, which negotiators read first."""
        return tuple(change for change in self.changes if change.annotations)

    @property
    def changed(self) -> tuple[ChangeView, ...]:
        """The changes that are not unchanged-and-unmoved."""
        return tuple(change for change in self.changes if change.is_change)


def text_dir(lang: str) -> str:
    """The HTML ``dir`` of a language tag: ``rtl`` for RTL scripts (Arabic...), else ``auto``."""
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGS else "auto"


def anchor_for(prefix: str, unit_id: str) -> str:
    """A fragment id for a unit (whitespace is not allowed in HTML ids)."""
    return prefix + "-" + _SPACE_RE.sub("_", unit_id)


_SPACE_RE = re.compile(r"\s")


def build_view(comparison: Comparison) -> ReportView:
    """Build the render-ready view of a comparison.

    Args:
        comparison: the result of comparing two resolutions.

    Returns:
        The view, with changes in the comparison's order and a stub wherever a moved
        clause stood in the old text.
    """
    changes = comparison.changes
    stub_anchor = _moved_stub_anchors(comparison.old, changes)
    views = tuple(
        _change_view(number, change, stub_anchor.get(number))
        for number, change in enumerate(changes, start=1)
    )
    items = _place_stubs(comparison.old, changes, views)
    summary = comparison.summary()
    by_key = {
        key: tuple(v for v in views if (v.moved if key == "moved" else v.status == key))
        for key in SUMMARY_ORDER
    }
    return ReportView(
        old=_document_view(comparison.old),
        new=_document_view(comparison.new),
        summary={key: summary.get(key, 0) for key in SUMMARY_ORDER},
        items=items,
        changes=views,
        by_key=by_key,
        renumbered=sum(1 for v in views if v.renumbered and not v.is_change),
    )


def _document_view(resolution: Resolution) -> DocumentView:
    return DocumentView(
        symbol=visible_text(resolution.name),
        title=visible_text(resolution.title),
        date=visible_text(resolution.date or ""),
        year="" if resolution.year is None else str(resolution.year),
        lang=resolution.lang,
        dir=text_dir(resolution.lang),
        source=visible_text(resolution.source_name or ""),
        body=visible_text(resolution.body or ""),
        meeting=visible_text(resolution.meeting or ""),
        units=len(resolution.units),
        warnings=tuple(visible_text(w) for w in resolution.warnings),
        source_url=visible_text(resolution.source_url or ""),
        record_url=visible_text(resolution.record_url or ""),
        document=resolution.document_label,
        agenda_item=visible_text(resolution.agenda_item or ""),
        vote=visible_text(resolution.vote or ""),
        subjects=tuple(visible_text(s) for s in resolution.subjects),
        read_by_ocr=resolution.read_by_ocr,
    )


def _moved_stub_anchors(old: Resolution, changes: Sequence[Change]) -> dict[int, str]:
    """Map each moved change (1-based number) whose old units are known to its stub's anchor."""
    known = set(old.ids)
    return {
        number: anchor_for("was", change.old[0].id)
        for number, change in enumerate(changes, start=1)
        if change.moved and change.old and change.old[0].id in known
    }


def _place_stubs(
    old: Resolution, changes: Sequence[Change], views: Sequence[ChangeView]
) -> tuple[ChangeView | StubView, ...]:
    """Interleave the change views with a stub where each moved clause used to stand.

    A stub goes right after the change holding the nearest preceding old unit that did not
    move itself, so it sits between the same neighbours as in the old text.
    """
    position = {unit.id: i for i, unit in enumerate(old.units)}
    holder = {unit.id: n for n, change in enumerate(changes) for unit in change.old}
    after: dict[int, list[tuple[int, StubView]]] = {}
    for change, view in zip(changes, views, strict=True):
        if not view.moved_from:
            continue
        start = min(position.get(unit.id, len(old.units)) for unit in change.old)
        j = start - 1
        while j >= 0 and (old.units[j].id not in holder or changes[holder[old.units[j].id]].moved):
            j -= 1
        host = holder[old.units[j].id] if j >= 0 else -1
        stub = StubView(
            anchor=view.moved_from or "",
            old_ids=view.old_ids,
            target=view.anchor,
            target_heading=" + ".join(view.new_ids) or view.heading,
        )
        after.setdefault(host, []).append((start, stub))
    items: list[ChangeView | StubView] = [stub for _, stub in sorted(after.get(-1, []))]
    for n, view in enumerate(views):
        items.append(view)
        items.extend(stub for _, stub in sorted(after.get(n, []), key=lambda pair: pair[0]))
    return tuple(items)


def _heading(change: Change) -> str:
    old_ids = [unit.id for unit in change.old]
    new_ids = [unit.id for unit in change.new]
    joiner = " + " if change.status is ChangeStatus.MERGED else ", "
    old_part, new_part = joiner.join(old_ids), ", ".join(new_ids)
    if not old_ids or not new_ids or old_ids == new_ids:
        return new_part or old_part
    return f"{old_part} → {new_part}"


def provenance(change: Change, moved_from: str | None) -> str:
    """``op4 split into op4 and op5``, ``moved from op9``: where a changed clause came from."""
    old_ids = [unit.id for unit in change.old]
    new_ids = [unit.id for unit in change.new]
    parts = []
    if change.status is ChangeStatus.SPLIT:
        parts.append(f"{_and(old_ids)} split into {_and(new_ids)}")
    elif change.status is ChangeStatus.MERGED:
        parts.append(f"{_and(old_ids)} merged into {_and(new_ids)}")
    if moved_from:
        parts.append(f"moved from {_and(old_ids)}")
    return "; ".join(parts)


def _and(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _change_view(number: int, change: Change, moved_from: str | None) -> ChangeView:
    status = ChangeStatus(change.status)
    old_segments, new_segments, redline = _sides(change)
    removed, added = status is ChangeStatus.REMOVED, status is ChangeStatus.ADDED
    old_views = _unit_views(
        "o", change.old, old_segments, SegmentKind.DELETED if removed else SegmentKind.SAME
    )
    new_views = _unit_views(
        "n", change.new, new_segments, SegmentKind.INSERTED if added else SegmentKind.SAME
    )
    return ChangeView(
        number=number,
        anchor=f"c{number}",
        status=status.value,
        moved=change.moved,
        renumbered=change.renumbered,
        heading=visible_text(_heading(change)),
        kind=(change.new or change.old)[0].kind.value if (change.new or change.old) else "",
        old=old_views,
        new=new_views,
        redline=redline,
        moved_from=moved_from,
        provenance=visible_text(provenance(change, moved_from)),
        annotations=tuple(AnnotationView.parse(a) for a in change.annotations),
        noise=tuple(
            NoiseView(visible_text(s.old), visible_text(s.new), visible_text(s.reason))
            for s in change.suppressed
        ),
        similarity=change.similarity,
    )


def _token_old_text(token: Token) -> str:
    """The old side's spelling of an ``=`` token (differs by OCR noise only), else its text."""
    old = getattr(token, "old", None)
    return old if isinstance(old, str) and old else token.text


def _unpad(segments: Iterable[Segment]) -> Iterable[Segment]:
    """Move the spaces around a deleted or inserted run out of it (no struck or underlined gaps)."""
    for segment in segments:
        if segment.kind is SegmentKind.SAME:
            yield segment
            continue
        core = segment.text.strip()
        if not core:
            yield Segment(SegmentKind.SAME, segment.text)
            continue
        start = segment.text.index(core)
        yield Segment(SegmentKind.SAME, segment.text[:start])
        yield Segment(segment.kind, core)
        yield Segment(SegmentKind.SAME, segment.text[start + len(core) :])


def _merge(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Join neighbouring segments of the same kind and drop empty ones."""
    merged: list[Segment] = []
    for segment in _unpad(segments):
        if not segment.text:
            continue
        if merged and merged[-1].kind is segment.kind:
            merged[-1] = Segment(segment.kind, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return tuple(merged)


def _sides(
    change: Change,
) -> tuple[tuple[Segment, ...] | None, tuple[Segment, ...] | None, tuple[Segment, ...]]:
    """The old side, the new side and the redline of a change as segments.

    The sides are None when the change has no word tokens (the units are shown whole).
    """
    status = ChangeStatus(change.status)
    if status is ChangeStatus.ADDED:
        text = "\n".join(unit.text for unit in change.new)
        return None, None, (Segment(SegmentKind.INSERTED, visible_text(text)),)
    if status is ChangeStatus.REMOVED:
        text = "\n".join(unit.text for unit in change.old)
        return None, None, (Segment(SegmentKind.DELETED, visible_text(text)),)
    if not change.tokens:
        text = "\n".join(unit.text for unit in change.new or change.old)
        return None, None, (Segment(SegmentKind.SAME, visible_text(text)),)
    if len(change.tokens) == 1 and change.tokens[0].op == "=":  # most units: unchanged
        (token,) = change.tokens
        text, old_text = visible_text(token.text), visible_text(_token_old_text(token))
        same = (Segment(SegmentKind.SAME, text),) if text else ()
        return ((Segment(SegmentKind.SAME, old_text),) if old_text else ()), same, same
    old_side, new_side, redline = [], [], []
    for token in change.tokens:
        text = visible_text(token.text)
        if token.op == "=":
            old_side.append(Segment(SegmentKind.SAME, visible_text(_token_old_text(token))))
            new_side.append(Segment(SegmentKind.SAME, text))
            redline.append(Segment(SegmentKind.SAME, text))
        elif token.op == "-":
            old_side.append(Segment(SegmentKind.DELETED, text))
            redline.append(Segment(SegmentKind.DELETED, text))
        elif token.op == "+":
            new_side.append(Segment(SegmentKind.INSERTED, text))
            redline.append(Segment(SegmentKind.INSERTED, text))
    return _merge(old_side), _merge(new_side), _merge(redline)


def _unit_views(
    prefix: str, units: Sequence[Unit], segments: tuple[Segment, ...] | None, whole: SegmentKind
) -> tuple[UnitView, ...]:
    """One view per unit, dividing the side's segments among the units when they line up.

    Without segments (or when they do not line up) each unit is shown whole, as ``whole``.
    """
    texts = [visible_text(u.text) for u in units]
    if segments and len(segments) == 1 and len(units) == 1 and segments[0].text == texts[0]:
        per_unit: list[tuple[Segment, ...]] | None = [segments]  # what the division would give
    else:
        per_unit = _split_segments(segments, texts) if segments else None
    views = []
    for i, unit in enumerate(units):
        own = per_unit[i] if per_unit else (Segment(whole, texts[i]),)
        views.append(
            UnitView(
                id=unit.id,
                anchor=anchor_for(prefix, unit.id),
                kind=unit.kind.value,
                label=visible_text(unit.label) if unit.label else None,
                segments=own,
            )
        )
    return tuple(views)


def _split_segments(
    segments: tuple[Segment, ...], texts: Sequence[str]
) -> list[tuple[Segment, ...]] | None:
    """Divide a side's segments among its units, or None when they do not rebuild the texts.

    The tokens of a split or merged change cover the units' texts joined by some whitespace;
    the units are found in order in the joined text and the segments cut at their edges.
    """
    joined = "".join(segment.text for segment in segments)
    spans, pos = [], 0
    for text in texts:
        start = joined.find(text, pos)
        if start < 0 or joined[pos:start].strip():
            return None
        spans.append((start, start + len(text)))
        pos = start + len(text)
    if joined[pos:].strip():
        return None
    result: list[tuple[Segment, ...]] = []
    for start, end in spans:
        cut, offset = [], 0
        for segment in segments:
            lo, hi = max(start, offset), min(end, offset + len(segment.text))
            if lo < hi:
                cut.append(Segment(segment.kind, segment.text[lo - offset : hi - offset]))
            offset += len(segment.text)
        result.append(_merge(cut))
    return result
