"""A comparison as Word paragraphs with revisions: which runs are inserted, deleted or moved.

Pure data, no XML: :mod:`._ooxml` writes the plan. The plan holds the NEW text in document
order, and the revisions that turn it back into the OLD text:

- a modified, split or merged clause is one paragraph per unit with word-level insertions and
  deletions; where the units' boundaries differ, the paragraph mark itself is inserted (a split:
  rejecting it joins the parts again) or deleted (a merge: rejecting it splits them again);
- an added clause is an inserted paragraph, a removed one a deleted paragraph;
- a moved clause is a *move-from* range where it stood in the old text (its old words, the
  words deleted from it included) and a *move-to* range where it stands now (its new words,
  the words inserted into it as insertions);
- renumbering is no revision (the label shows the new number), and neither is OCR noise: an
  ``=`` token is written in the new spelling.

Labels (``3.``, ``a)``) are runs of their own, so the paragraph that starts at a boundary only
one side has gets its label inserted or deleted with the boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Unit, UnitKind
from resdiff.render._view import AnnotationView, provenance
from resdiff.render.docx._types import Comment, Footnote, Mode, Paragraph, Plan, Rev, Run
from resdiff.render.docx._typeset import label_runs, paragraph, text_runs
from resdiff.render.docx._walk import Walk, diff_runs, side_text

__all__ = ["Comment", "Footnote", "Paragraph", "Plan", "Rev", "Run", "build_plan"]

_FOOTNOTE_ID_RE = re.compile(r"fn(\d+)$")


def build_plan(comparison: Comparison) -> Plan:
    """Lay a comparison out as Word paragraphs with revisions.

    Args:
        comparison: the result of comparing two resolutions.

    Returns:
        The plan :func:`resdiff.render.docx.render_docx` writes.
    """
    builder = Builder(comparison)
    changes = comparison.changes
    for n, old_side in _order(comparison.old, changes):
        change = changes[n]
        moved = bool(change.moved and change.old and change.new)
        here = Mode.MOVE_TO if moved else Mode.IN_PLACE
        mode = Mode.MOVE_FROM if old_side and moved else here
        builder.add_change(change, n + 1, mode, moved=moved)
    return builder.finish()


def _order(old: Resolution, changes: Sequence[Change]) -> list[tuple[int, bool]]:
    """Indexes of ``changes`` in document order, with ``True`` for an old-side-only item.

    The clauses that kept their place come in the new text's order (it is the old one's too),
    with the added clauses and the move-to ends of moved ones. What only the old text has —
    removed clauses and the move-from ends of moved ones — goes right after the kept clause
    that precedes it in the old text, in the old order: so rejecting every revision gives
    the old text in its order.
    """
    position = {unit.id: i for i, unit in enumerate(old.units)}
    kept = {unit.id: n for n, c in enumerate(changes) if c.old and c.new and not c.moved
            for unit in c.old}  # fmt: skip
    after: dict[int, list[tuple[int, int]]] = {}
    for n, change in enumerate(changes):
        if not change.old or (change.new and not change.moved):
            continue
        start = min(position.get(unit.id, len(old.units)) for unit in change.old)
        j = start - 1
        while j >= 0 and old.units[j].id not in kept:
            j -= 1
        host = kept[old.units[j].id] if j >= 0 else -1
        after.setdefault(host, []).append((start, n))
    order = [(n, True) for _, n in sorted(after.get(-1, []))]
    for n, change in enumerate(changes):
        if change.new:
            order.append((n, False))
        order.extend((m, True) for _, m in sorted(after.get(n, [])))
    return order


@dataclass
class Builder:
    comparison: Comparison
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # The footnote change that holds each footnote number, on each side.
    old_notes: dict[int, Change] = field(default_factory=dict)
    new_notes: dict[int, Change] = field(default_factory=dict)
    referenced: set[int] = field(default_factory=set)  # id() of footnote changes referenced

    def __post_init__(self) -> None:
        for change in self.comparison.changes:
            for unit in change.old:
                if (number := _footnote_number(unit)) is not None:
                    self.old_notes[number] = change
            for unit in change.new:
                if (number := _footnote_number(unit)) is not None:
                    self.new_notes[number] = change

    def add_change(self, change: Change, number: int, mode: Mode, *, moved: bool) -> None:
        """Append the paragraphs of one change (or of one end of a moved change)."""
        units = change.new or change.old
        if not units or units[0].kind is UnitKind.FOOTNOTE:
            return  # footnotes are written where they are referenced
        start = len(self.paragraphs)
        if change.status is ChangeStatus.ADDED:
            self._whole(change.new, Rev.INSERTED)
        elif change.status is ChangeStatus.REMOVED:
            self._whole(change.old, Rev.DELETED)
        else:
            Walk(self, change, mode).run()
        if mode is not Mode.IN_PLACE:
            name = f"move{number}"
            self.paragraphs[start] = _replace(self.paragraphs[start], move_start=name)
            self.paragraphs[-1] = _replace(self.paragraphs[-1], move_end=name)
        lines = _comment_lines(change, moved)
        if lines and mode is not Mode.MOVE_FROM:
            comment = Comment(len(self.comments), lines)
            self.comments.append(comment)
            self.paragraphs[start] = _replace(self.paragraphs[start], comment=comment.id)

    def finish(self) -> Plan:
        """The plan, closed by an empty end paragraph when Word needs one.

        Word never removes a document's last paragraph mark, so when the last clause is
        inserted or deleted (or there is none) an empty paragraph of style ``ResEnd`` closes
        the document, and Accept or Reject leave exactly the clauses. Footnotes no clause
        calls (their marks were lost) are called from there.
        """
        orphans = [c for c in self._footnote_changes() if id(c) not in self.referenced]
        runs = tuple(self.reference(c, _orphan_rev(c)) for c in orphans)
        if runs or not self.paragraphs or self.paragraphs[-1].mark is not Rev.NONE:
            self.paragraphs.append(Paragraph(UnitKind.CLOSING, runs, end=True))
        new, old = self.comparison.new, self.comparison.old
        return Plan(
            paragraphs=tuple(self.paragraphs),
            footnotes=tuple(self.footnotes),
            comments=tuple(self.comments),
            title=new.title or old.title,
            lang=new.lang or old.lang,
            date=new.date,
        )

    def _footnote_changes(self) -> Iterator[Change]:
        for change in self.comparison.changes:
            units = change.new or change.old
            if units and units[0].kind is UnitKind.FOOTNOTE:
                yield change

    def _whole(self, units: Sequence[Unit], rev: Rev) -> None:
        """Units inserted or deleted whole: every run and every mark carries ``rev``."""
        for unit in units:
            runs = [*label_runs(unit, rev), *text_runs(unit.text, rev)]
            if rev is Rev.INSERTED:
                notes = [self.new_notes[n] for n in unit.footnote_refs if n in self.new_notes]
            else:  # a footnote the new text keeps is called where the new text calls it
                refs = unit.footnote_refs
                notes = [note for n in refs if (note := self.old_notes.get(n)) and not note.new]
            runs += [self.reference(note, rev) for note in notes]
            self.paragraphs.append(paragraph(unit, runs, rev))

    def reference(self, change: Change, rev: Rev) -> Run:
        """A reference run and the footnote it calls, whose text suits the reference's side."""
        self.referenced.add(id(change))
        number = len(self.footnotes) + 1
        if rev is Rev.NONE:
            runs = tuple(diff_runs(change))
        elif rev in (Rev.DELETED, Rev.MOVED_FROM):
            inner = Rev.DELETED if rev is Rev.DELETED else Rev.NONE
            runs = tuple(text_runs(side_text(change, old=True), inner))
        else:
            inner = Rev.INSERTED if rev is Rev.INSERTED else Rev.NONE
            runs = tuple(text_runs(side_text(change, old=False), inner))
        self.footnotes.append(Footnote(number, runs))
        return Run(rev, footnote=number)


def _footnote_number(unit: Unit) -> int | None:
    match = _FOOTNOTE_ID_RE.match(unit.id)
    return int(match.group(1)) if unit.kind is UnitKind.FOOTNOTE and match else None


def _orphan_rev(change: Change) -> Rev:
    if not change.old:
        return Rev.INSERTED
    return Rev.DELETED if not change.new else Rev.NONE


def _comment_lines(change: Change, moved: bool) -> tuple[str, ...]:
    origin = provenance(change, "moved" if moved else None)
    lines = [origin] if origin else []
    for annotation in change.annotations:
        note = AnnotationView.parse(annotation)
        lines.append(f"{note.label}: {note.detail}")
    return tuple(lines)


def _replace(paragraph: Paragraph, **fields: object) -> Paragraph:
    from dataclasses import replace

    return replace(paragraph, **fields)  # type: ignore[arg-type]
