"""Walk a paired change's word tokens into paragraphs, cutting at each side's unit boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from resdiff.model import Change, Token, Unit
from resdiff.render.docx._types import Mode, Rev, Run
from resdiff.render.docx._typeset import label_runs, paragraph, text_runs

if TYPE_CHECKING:
    from resdiff.render.docx._plan import Builder

# Texts of the units of a split or merge are joined with this in the tokens (compare.py).
_PART_SEPARATOR = "\n"


class Walk:
    """Lay out a paired change by walking its tokens, cutting at the units' boundaries.

    The tokens spell both sides' texts, the units of each side joined by ``\\n``. A ``\\n``
    where both sides have a boundary ends a paragraph; where only the new side has one (a
    split), the paragraph mark is inserted; where only the old side has one (a merge), it is
    deleted. Any other ``\\n`` is a line break inside a unit (the closing's two lines).
    """

    def __init__(self, builder: Builder, change: Change, mode: Mode) -> None:
        self.builder, self.change, self.mode = builder, change, mode
        self.old_edges = _edges(change.old)
        self.new_edges = _edges(change.new)
        self.same = {Mode.IN_PLACE: Rev.NONE, Mode.MOVE_FROM: Rev.MOVED_FROM,
                     Mode.MOVE_TO: Rev.MOVED_TO}[mode]  # fmt: skip
        self.i = self.j = 0  # the unit each side is in
        self.old_pos = self.new_pos = 0  # position in each side's joined text
        self.starter = change.old[0] if mode is Mode.MOVE_FROM else change.new[0]
        self.runs: list[Run] = list(label_runs(self.starter, self.same))

    def run(self) -> None:
        """Append the change's paragraphs to the builder."""
        for token in tokens(self.change):
            if token.op == "=":
                self._equal(token)
            else:
                self._change(token.op, token.text)
        self._close(self.same, old_done=True, new_done=True)

    def _change(self, op: str, text: str) -> None:
        if op == "+" and self.mode is not Mode.MOVE_FROM:
            self._one_side(text, Rev.INSERTED, new=True)
        elif op == "-" and self.mode is not Mode.MOVE_TO:
            deleted = Rev.DELETED if self.mode is Mode.IN_PLACE else Rev.MOVED_FROM
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
            for part in whitespace_tokens(old_text, token.text):
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
        text = old_text if self.mode is Mode.MOVE_FROM else token.text
        mine = old_breaks if self.mode is Mode.MOVE_FROM else new_breaks
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
        if mode is Mode.MOVE_FROM:
            at_new = False
        elif mode is Mode.MOVE_TO:
            at_old = False
        if not (at_new or at_old):
            self.runs.append(Run(rev or self.same, "\n"))
            return
        if at_new and at_old:
            mark = self.same
        elif mode is Mode.IN_PLACE:
            mark = Rev.INSERTED if at_new else Rev.DELETED
        else:
            mark = self.same
        self._close(mark, old_done=at_old, new_done=at_new)
        if at_new:
            self.j += 1
        if at_old:
            self.i += 1
        if at_new and mode is not Mode.MOVE_FROM:
            self.starter = self.change.new[self.j]
        else:
            self.starter = self.change.old[self.i]
        self.runs = list(label_runs(self.starter, mark))

    def _close(self, mark: Rev, *, old_done: bool, new_done: bool) -> None:
        self.runs += self._references(old_done, new_done)
        self.builder.paragraphs.append(paragraph(self.starter, self.runs, mark))
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
        if mode is Mode.MOVE_FROM:
            return [builder.reference(builder.old_notes[n], Rev.MOVED_FROM)
                    for n in old_refs if n in builder.old_notes]  # fmt: skip
        if mode is Mode.MOVE_TO:
            return [builder.reference(builder.new_notes[n], Rev.MOVED_TO)
                    for n in new_refs if n in builder.new_notes]  # fmt: skip
        kept = [note for n in new_refs if (note := builder.new_notes.get(n))]
        gone = [note for n in old_refs if (note := builder.old_notes.get(n)) and not note.new]
        runs = [builder.reference(note, Rev.NONE if note.old else Rev.INSERTED) for note in kept]
        return runs + [builder.reference(note, Rev.DELETED) for note in gone]


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


def tokens(change: Change) -> tuple[Token, ...]:
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


def whitespace_tokens(old: str, new: str) -> Iterator[Token]:
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


def side_text(change: Change, *, old: bool) -> str:
    """The units' texts of one side, joined as the tokens join them."""
    return _PART_SEPARATOR.join(u.text for u in (change.old if old else change.new))


def diff_runs(change: Change) -> Iterator[Run]:
    """A footnote's word diff as runs (a footnote is one unit: ``\\n`` are line breaks)."""
    for token in tokens(change):
        old = token.old
        if token.op == "=" and old is not None and old != token.text and (
            old.strip() == token.text.strip()):  # fmt: skip
            parts: Iterable[Token] = whitespace_tokens(old, token.text)
        else:
            parts = (token,)
        for part in parts:
            rev = {"=": Rev.NONE, "+": Rev.INSERTED, "-": Rev.DELETED}[part.op]
            yield from text_runs(part.text, rev)
