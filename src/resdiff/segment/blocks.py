"""The blocks that segmentation cuts a text into, and the footnotes lifted out of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from resdiff.model import Discard
from resdiff.segment.note_lines import SUPERSCRIPTS


@dataclass
class Footnote:
    """A footnote found at the foot of a page: its printed mark and its text."""

    mark: str
    text: str

    @property
    def number(self) -> int | None:
        """The footnote number when the mark is legible (digits or a superscript)."""
        if self.mark.isdecimal():
            return int(self.mark)
        if self.mark in ("l", "I", "|"):
            return 1
        return SUPERSCRIPTS.get(self.mark)


@dataclass
class Block:
    """A run of non-blank lines; ``page_start`` when its first line opens a page."""

    lines: list[str]
    page_start: bool = False
    # Set for a block of footnotes found under a separator line, already read.
    footnotes: list[Footnote] | None = None
    # Cut off the end of the block before it by a footnote rule: joined back to it when
    # no footnote is lifted there.
    split: bool = False

    @property
    def text(self) -> str:
        """The block's lines joined with newlines, leading page-break spaces removed."""
        return "\n".join(line.strip() for line in self.lines)


@dataclass
class Pages:
    """The text cut into blocks, with footnotes and page furniture set aside."""

    blocks: list[Block]
    footnotes: list[Footnote] = field(default_factory=list)
    discarded: list[Discard] = field(default_factory=list)
