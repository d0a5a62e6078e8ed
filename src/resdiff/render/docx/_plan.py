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

import enum
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Token, Unit, UnitKind
from resdiff.render._view import AnnotationView, provenance

# Texts of the units of a split or merge are joined with this in the tokens (compare.py).
_PART_SEPARATOR = "\n"
_FOOTNOTE_ID_RE = re.compile(r"fn(\d+)$")


class Rev(enum.StrEnum):
    """The revision a run or a paragraph mark carries."""

    NONE = "none"
    INSERTED = "ins"
    DELETED = "del"
    MOVED_FROM = "moveFrom"
    MOVED_TO = "moveTo"


class _Mode(enum.StrEnum):
    """How a paired change is laid out: in place, or as one end of a move."""

    IN_PLACE = "in-place"
    MOVE_FROM = "move-from"
    MOVE_TO = "move-to"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text (``\\n`` is a line break), a label, or a footnote reference."""

    rev: Rev
    text: str = ""
    label: bool = False
    italic: bool = False
    footnote: int | None = None  # the Word footnote this run references


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph: its unit's kind (the style), its runs and its mark's revision."""

    kind: UnitKind
    runs: tuple[Run, ...]
    mark: Rev = Rev.NONE
    depth: int = 0  # 1 for sub-items (pp8.a), 2 for sub-sub-items (op3.b.i)
    comment: int | None = None  # the comment anchored on this paragraph
    move_start: str | None = None  # name of the move range that starts here
    move_end: str | None = None  # name of the move range that ends here
    end: bool = False  # the empty paragraph that closes the document (no unit)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A Word footnote: one per reference, so each side of a move has its own."""

    id: int
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A Word comment on a changed clause (annotations, split, merge or move provenance)."""

    id: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything the Word document holds."""

    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    comments: tuple[Comment, ...]
    title: str
    lang: str
    date: str | None  # the revisions' date: the newer version's adoption date

    @property
    def revisions(self) -> int:
        """How many runs and paragraph marks carry a revision (labels and references included)."""
        marks = sum(1 for p in self.paragraphs if p.mark is not Rev.NONE)
        runs = sum(1 for p in self.paragraphs for r in p.runs if r.rev is not Rev.NONE)
        notes = sum(1 for f in self.footnotes for r in f.runs if r.rev is not Rev.NONE)
        return marks + runs + notes


def build_plan(comparison: Comparison) -> Plan:
    """Lay a comparison out as Word paragraphs with revisions.

    Args:
        comparison: the result of comparing two resolutions.

    Returns:
        The plan :func:`resdiff.render.docx.render_docx` writes.
    """
    builder = _Builder(comparison)
    changes = comparison.changes
    for n, old_side in _order(comparison.old, changes):
        change = changes[n]
        moved = bool(change.moved and change.old and change.new)
        here = _Mode.MOVE_TO if moved else _Mode.IN_PLACE
        mode = _Mode.MOVE_FROM if old_side and moved else here
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
class _Builder:
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

    def add_change(self, change: Change, number: int, mode: _Mode, *, moved: bool) -> None:
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
            _Walk(self, change, mode).run()
        if mode is not _Mode.IN_PLACE:
            name = f"move{number}"
            self.paragraphs[start] = _replace(self.paragraphs[start], move_start=name)
            self.paragraphs[-1] = _replace(self.paragraphs[-1], move_end=name)
        lines = _comment_lines(change, moved)
        if lines and mode is not _Mode.MOVE_FROM:
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
            runs = [*_label(unit, rev), *_text_runs(unit.text, rev)]
            if rev is Rev.INSERTED:
                notes = [self.new_notes[n] for n in unit.footnote_refs if n in self.new_notes]
            else:  # a footnote the new text keeps is called where the new text calls it
                refs = unit.footnote_refs
                notes = [note for n in refs if (note := self.old_notes.get(n)) and not note.new]
            runs += [self.reference(note, rev) for note in notes]
            self.paragraphs.append(_paragraph(unit, runs, rev))

    def reference(self, change: Change, rev: Rev) -> Run:
        """A reference run and the footnote it calls, whose text suits the reference's side."""
        self.referenced.add(id(change))
        number = len(self.footnotes) + 1
        if rev is Rev.NONE:
            runs = tuple(_diff_runs(change))
        elif rev in (Rev.DELETED, Rev.MOVED_FROM):
            inner = Rev.DELETED if rev is Rev.DELETED else Rev.NONE
            runs = tuple(_text_runs(_side_text(change, old=True), inner))
        else:
            inner = Rev.INSERTED if rev is Rev.INSERTED else Rev.NONE
            runs = tuple(_text_runs(_side_text(change, old=False), inner))
        self.footnotes.append(Footnote(number, runs))
        return Run(rev, footnote=number)


class _Walk:
    """Lay out a paired change by walking its tokens, cutting at the units' boundaries.

    The tokens spell both sides' texts, the units of each side joined by ``\\n``. A ``\\n``
    where both sides have a boundary ends a paragraph; where only the new side has one (a
    split), the paragraph mark is inserted; where only the old side has one (a merge), it is
    deleted. Any other ``\\n`` is a line break inside a unit (the closing's two lines).
    """

    def __init__(self, builder: _Builder, change: Change, mode: _Mode) -> None:
        self.builder, self.change, self.mode = builder, change, mode
        self.old_edges = _edges(change.old)
        self.new_edges = _edges(change.new)
        self.same = {_Mode.IN_PLACE: Rev.NONE, _Mode.MOVE_FROM: Rev.MOVED_FROM,
                     _Mode.MOVE_TO: Rev.MOVED_TO}[mode]  # fmt: skip
        self.i = self.j = 0  # the unit each side is in
        self.old_pos = self.new_pos = 0  # position in each side's joined text
        self.starter = change.old[0] if mode is _Mode.MOVE_FROM else change.new[0]
        self.runs: list[Run] = list(_label(self.starter, self.same))

    def run(self) -> None:
        """Append the change's paragraphs to the builder."""
        for token in _tokens(self.change):
            if token.op == "=":
                self._equal(token)
            else:
                self._change(token.op, token.text)
        self._close(self.same, old_done=True, new_done=True)

    def _change(self, op: str, text: str) -> None:
        if op == "+" and self.mode is not _Mode.MOVE_FROM:
            self._one_side(text, Rev.INSERTED, new=True)
        elif op == "-" and self.mode is not _Mode.MOVE_TO:
            deleted = Rev.DELETED if self.mode is _Mode.IN_PLACE else Rev.MOVED_FROM
            self._one_side(text, deleted, new=False)
        elif op == "+":
            self.new_pos += len(text)
        else:
            self.old_pos += len(text)

    def _equal(self, token: Token) -> None:
        old_text = token.text if token.old is None else token.old
        if old_text != token.text and old_text.strip() == token.text.strip():
            # Only the spaces around the words differ (next to a real edit): those are exact
            # revisions, the words stay as they are.
            for part in _whitespace_tokens(old_text, token.text):
                self._equal(part) if part.op == "=" else self._change(part.op, part.text)
            return
        new_breaks = _breaks(token.text)
        old_breaks = _breaks(old_text) if old_text is not token.text else new_breaks
        if len(new_breaks) != len(old_breaks):
            # Noise across a boundary only one side has (``,`` → `` ;`` where a clause was
            # split): the punctuation is part of the split, so it is a revision here.
            self._change("-", old_text)
            self._change("+", token.text)
            return
        text = old_text if self.mode is _Mode.MOVE_FROM else token.text
        mine = old_breaks if self.mode is _Mode.MOVE_FROM else new_breaks
        at = 0
        for k, (new_k, old_k) in enumerate(zip(new_breaks, old_breaks, strict=True)):
            self._text(text[at : mine[k]], self.same)
            at = mine[k] + 1
            at_new = self.new_pos + new_k in self.new_edges
            at_old = self.old_pos + old_k in self.old_edges
            self._break(at_new, at_old)
        self._text(text[at:], self.same)
        self.old_pos += len(old_text)
        self.new_pos += len(token.text)

    def _one_side(self, text: str, rev: Rev, *, new: bool) -> None:
        at = 0
        for k in _breaks(text):
            self._text(text[at:k], rev)
            at = k + 1
            if new:
                self._break(self.new_pos + k in self.new_edges, False, rev)
            else:
                self._break(False, self.old_pos + k in self.old_edges, rev)
        self._text(text[at:], rev)
        if new:
            self.new_pos += len(text)
        else:
            self.old_pos += len(text)

    def _text(self, text: str, rev: Rev) -> None:
        if text:
            self.runs.append(Run(rev, text))

    def _break(self, at_new: bool, at_old: bool, rev: Rev | None = None) -> None:
        """A ``\\n``: a boundary on one side, both, or a line break inside a unit."""
        mode = self.mode
        if mode is _Mode.MOVE_FROM:
            at_new = False
        elif mode is _Mode.MOVE_TO:
            at_old = False
        if not (at_new or at_old):
            self.runs.append(Run(rev or self.same, "\n"))
            return
        if at_new and at_old:
            mark = self.same
        elif mode is _Mode.IN_PLACE:
            mark = Rev.INSERTED if at_new else Rev.DELETED
        else:
            mark = self.same
        self._close(mark, old_done=at_old, new_done=at_new)
        if at_new:
            self.j += 1
        if at_old:
            self.i += 1
        if at_new and mode is not _Mode.MOVE_FROM:
            self.starter = self.change.new[self.j]
        else:
            self.starter = self.change.old[self.i]
        self.runs = list(_label(self.starter, mark))

    def _close(self, mark: Rev, *, old_done: bool, new_done: bool) -> None:
        self.runs += self._references(old_done, new_done)
        self.builder.paragraphs.append(_paragraph(self.starter, self.runs, mark))
        self.runs = []

    def _references(self, old_done: bool, new_done: bool) -> list[Run]:
        """The footnote calls of the units that end here.

        The differ does not compare where footnotes are called, so a call is a revision only
        with its footnote: the new text's calls stand, a footnote added is called by an
        inserted reference, and a footnote removed by a deleted one where the old text
        called it. Each end of a move calls its own copy.
        """
        builder, mode = self.builder, self.mode
        old_refs = self.change.old[self.i].footnote_refs if old_done else ()
        new_refs = self.change.new[self.j].footnote_refs if new_done else ()
        if mode is _Mode.MOVE_FROM:
            return [builder.reference(builder.old_notes[n], Rev.MOVED_FROM)
                    for n in old_refs if n in builder.old_notes]  # fmt: skip
        if mode is _Mode.MOVE_TO:
            return [builder.reference(builder.new_notes[n], Rev.MOVED_TO)
                    for n in new_refs if n in builder.new_notes]  # fmt: skip
        kept = [note for n in new_refs if (note := builder.new_notes.get(n))]
        gone = [note for n in old_refs if (note := builder.old_notes.get(n)) and not note.new]
        runs = [builder.reference(note, Rev.NONE if note.old else Rev.INSERTED) for note in kept]
        return runs + [builder.reference(note, Rev.DELETED) for note in gone]


# ----------------------------------------------------------------- small helpers


def _footnote_number(unit: Unit) -> int | None:
    match = _FOOTNOTE_ID_RE.match(unit.id)
    return int(match.group(1)) if unit.kind is UnitKind.FOOTNOTE and match else None


def _breaks(text: str) -> list[int]:
    """Positions of the ``\n`` in ``text``."""
    if "\n" not in text:
        return []
    return [match.start() for match in _NEWLINE_RE.finditer(text)]


_NEWLINE_RE = re.compile("\n")


def _edges(units: Sequence[Unit]) -> set[int]:
    """Positions of the separators between the units' texts joined as the tokens join them."""
    edges, pos = set(), 0
    for unit in units[:-1]:
        pos += len(unit.text)
        edges.add(pos)
        pos += len(_PART_SEPARATOR)
    return edges


def _tokens(change: Change) -> tuple[Token, ...]:
    """The change's tokens, or tokens made from its texts when it has none."""
    if change.tokens:
        return change.tokens
    old = _PART_SEPARATOR.join(u.text for u in change.old)
    new = _PART_SEPARATOR.join(u.text for u in change.new)
    if not change.new:
        return (Token("-", old),)
    if not change.old:
        return (Token("+", new),)
    return (Token("=", new, None if old == new else old),)


def _whitespace_tokens(old: str, new: str) -> Iterator[Token]:
    """Tokens for two spellings that differ only in their leading or trailing spaces."""
    core = new.strip()
    old_at, new_at = old.index(core), new.index(core)
    for old_part, new_part in ((old[:old_at], new[:new_at]), (None, core),
                               (old[old_at + len(core):], new[new_at + len(core):])):  # fmt: skip
        if old_part is None or old_part == new_part:
            if new_part:
                yield Token("=", new_part)
            continue
        if old_part:
            yield Token("-", old_part)
        if new_part:
            yield Token("+", new_part)


def _side_text(change: Change, *, old: bool) -> str:
    return _PART_SEPARATOR.join(u.text for u in (change.old if old else change.new))


def _diff_runs(change: Change) -> Iterator[Run]:
    """A footnote's word diff as runs (a footnote is one unit: ``\\n`` are line breaks)."""
    for token in _tokens(change):
        old = token.old
        if token.op == "=" and old is not None and old != token.text and (
            old.strip() == token.text.strip()):  # fmt: skip
            parts: Iterable[Token] = _whitespace_tokens(old, token.text)
        else:
            parts = (token,)
        for part in parts:
            rev = {"=": Rev.NONE, "+": Rev.INSERTED, "-": Rev.DELETED}[part.op]
            yield from _text_runs(part.text, rev)


def _orphan_rev(change: Change) -> Rev:
    if not change.old:
        return Rev.INSERTED
    return Rev.DELETED if not change.new else Rev.NONE


def _text_runs(text: str, rev: Rev) -> Iterator[Run]:
    if text:
        yield Run(rev, text)


def _label(unit: Unit, rev: Rev) -> tuple[Run, ...]:
    return (Run(rev, unit.label, label=True),) if unit.label else ()


def _depth(unit: Unit) -> int:
    return unit.id.count(".") if unit.kind is UnitKind.SUBITEM else 0


def _paragraph(unit: Unit, runs: Sequence[Run], mark: Rev) -> Paragraph:
    body = tuple(runs)
    if unit.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE):
        body = _italic_opening(body)
    elif unit.kind is UnitKind.FORMULA:
        body = _italic_formula(body)
    return Paragraph(unit.kind, body, mark=mark, depth=_depth(unit))


_SPACE_RE = re.compile(r"\s")


def _italic_opening(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Set the opening word in italics (*Recalling*, *Prie*), as resolutions print it.

    Every run before the first space that follows some text is italic, so an opening word
    that changed is italic on both sides of the revision.
    """
    out: list[Run] = []
    seen_text = done = False
    for run in runs:
        if done or run.label or run.footnote is not None or not run.text:
            out.append(run)
            continue
        text = run.text
        if not seen_text:
            stripped = text.lstrip()
            if not stripped:
                out.append(run)
                continue
            seen_text = True
            lead = len(text) - len(stripped)
        else:
            lead = 0
        space = _SPACE_RE.search(text, lead)
        if space is None:
            out.append(Run(run.rev, text, italic=True))
            continue
        done = True
        if space.start():
            out.append(Run(run.rev, text[: space.start()], italic=True))
        out.append(Run(run.rev, text[space.start() :]))
    return tuple(out)


def _italic_formula(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Set the acting body in italics, its closing comma upright (*The General Assembly*,)."""
    out = [Run(r.rev, r.text, italic=True) if r.text and not r.label else r for r in runs]
    for k in range(len(out) - 1, -1, -1):
        run = out[k]
        if run.footnote is None and run.text:
            if run.text.endswith(",") and not run.label:
                out[k : k + 1] = [Run(run.rev, run.text[:-1], italic=True), Run(run.rev, ",")]
            break
    return tuple(r for r in out if r.text or r.footnote is not None or r.label)


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
