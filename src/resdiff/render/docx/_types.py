"""The plan's value objects: runs, paragraphs, footnotes and comments, and their revisions."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from resdiff.model import UnitKind


class Rev(enum.StrEnum):
    """The revision a run or a paragraph mark carries."""

    NONE = "none"
    INSERTED = "ins"
    DELETED = "del"
    MOVED_FROM = "moveFrom"
    MOVED_TO = "moveTo"


class Mode(enum.StrEnum):
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
