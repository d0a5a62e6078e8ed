"""Read and render the hand-corrected golden transcriptions in ``tests/golden/``.

A golden file lists a resolution's units in document order::

    # comment lines
    [pp5] refs=1
    Rappelant qu’il importe ...

    [op1] label=1.
    Prie instamment ...

Each ``[unit-id]`` header may carry ``label=...`` (the printed label: ``2021/25.``, ``a)``,
``1.``, a footnote number) and ``refs=1,2`` (the footnotes whose markers the unit carries).
The text follows on one line, except for ``closing``, which keeps its printed lines.

This is a test helper, not part of the package: the segmenter in ``src/resdiff`` must produce
the same unit ids on its own, and tests compare its output with these files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"

# "[pp8.a] label=a) refs=2,3": id, then optional label (no spaces) and refs.
HEADER_RE = re.compile(
    r"""^\[(?P<id>[a-z]+[0-9]*(?:\.[a-z])?)\]      # [title] [pp8] [pp8.a] [op12] [fn3]
        (?:\ label=(?P<label>\S+))?                 # printed label: 2021/25.  a)  1.  3
        (?:\ refs=(?P<refs>[0-9]+(?:,[0-9]+)*))?    # footnote markers carried by the unit
        \s*$""",
    re.X,
)

# Unit id -> kind; the order of this tuple is the order kinds appear in a document.
ID_KINDS = (
    ("title", re.compile(r"^title$")),
    ("formula", re.compile(r"^formula$")),
    ("preambular", re.compile(r"^pp[0-9]+$")),
    ("subitem", re.compile(r"^(?:pp|op)[0-9]+\.[a-z]$")),
    ("operative", re.compile(r"^op[0-9]+$")),
    ("closing", re.compile(r"^closing$")),
    ("footnote", re.compile(r"^fn[0-9]+$")),
)


@dataclass(frozen=True, slots=True)
class GoldenUnit:
    """One unit (title, paragraph, sub-item, closing, footnote) of a golden transcription.

    >>> GoldenUnit("op1", "1.", (), "Prie instamment ...").kind
    'operative'
    """

    id: str
    label: str | None
    refs: tuple[int, ...]
    text: str
    kind: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", kind_of(self.id))


def kind_of(unit_id: str) -> str:
    """Return the kind of a unit id (``preambular`` for ``pp3``...); ValueError if unknown."""
    for kind, pattern in ID_KINDS:
        if pattern.match(unit_id):
            return kind
    raise ValueError(f"unknown unit id {unit_id!r}")


def parse_golden(text: str) -> list[GoldenUnit]:
    """Parse the text of a golden file into units, in document order.

    Raises:
        ValueError: on a text line outside a unit, a malformed header or a duplicate id.
    """
    units: list[GoldenUnit] = []
    header: re.Match[str] | None = None
    lines: list[str] = []

    def flush() -> None:
        if header is None:
            return
        while lines and not lines[-1]:
            lines.pop()
        refs = header["refs"]
        units.append(
            GoldenUnit(
                id=header["id"],
                label=header["label"],
                refs=tuple(int(r) for r in refs.split(",")) if refs else (),
                text="\n".join(lines),
            )
        )

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") and header is None:
            continue
        if line.startswith("["):
            flush()
            header = HEADER_RE.match(line)
            if header is None:
                raise ValueError(f"line {number}: malformed unit header {line!r}")
            lines = []
        elif header is None:
            if line.strip():
                raise ValueError(f"line {number}: text outside a unit: {line!r}")
        else:
            lines.append(line)
    flush()
    ids = [unit.id for unit in units]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate unit ids: {duplicates}")
    return units


def read_golden(path: str | Path) -> list[GoldenUnit]:
    """Read a golden file (UTF-8) into its units, in document order."""
    return parse_golden(Path(path).read_text(encoding="utf-8"))


def write_golden(units: Iterable[GoldenUnit], comment: Sequence[str] = ()) -> str:
    """Serialise units back into the golden format (inverse of ``parse_golden``)."""
    out = [f"# {line}" for line in comment]
    for unit in units:
        header = f"[{unit.id}]"
        if unit.label is not None:
            header += f" label={unit.label}"
        if unit.refs:
            header += " refs=" + ",".join(str(r) for r in unit.refs)
        out += [header, unit.text, ""]
    return "\n".join(out)


def render_paragraphs(units: Iterable[GoldenUnit]) -> list[str]:
    """Return the printed blocks of a document: one string per paragraph, in print order.

    The title becomes "2021/25. Title", sub-items "a) …", operative paragraphs "1. …";
    the closing keeps its two lines; footnotes ("1 Résolution …") are one block at the end,
    one footnote a line, as a page's footnotes are printed.
    """
    blocks: list[str] = []
    footnotes: list[str] = []
    for unit in units:
        if unit.kind == "footnote":
            footnotes.append(f"{unit.label} {unit.text}")
        elif unit.label is not None:
            blocks.append(f"{unit.label} {unit.text}")
        else:
            blocks.append(unit.text)
    if footnotes:
        blocks.append("\n".join(footnotes))
    return blocks


def render_document(units: Iterable[GoldenUnit]) -> str:
    """Render golden units as a clean printed-layout text, blocks separated by blank lines."""
    return "\n\n".join(render_paragraphs(units)) + "\n"


def renumber(units: Iterable[GoldenUnit]) -> list[GoldenUnit]:
    """Give units the ids and labels segmentation would give them at their new positions.

    Preambular paragraphs are numbered pp1… in order, operative ones op1… (label "n."),
    sub-items get the id of the paragraph above them plus a letter (label "a)" or "(a)", in the
    style the unit had). Title,
    formula, closing and footnotes keep theirs. Used to build the constructed variants.
    """
    out: list[GoldenUnit] = []
    counters = {"preambular": 0, "operative": 0}
    parent: str | None = None
    letter = 0
    for unit in units:
        if unit.kind in counters:
            counters[unit.kind] += 1
            number = counters[unit.kind]
            if unit.kind == "preambular":
                parent = f"pp{number}"
                out.append(replace(unit, id=parent, label=None))
            else:
                parent = f"op{number}"
                out.append(replace(unit, id=parent, label=f"{number}."))
            letter = 0
        elif unit.kind == "subitem":
            if parent is None:
                raise ValueError(f"sub-item {unit.id} has no paragraph above it")
            char = chr(ord("a") + letter)
            letter += 1
            # Keep the printed style of the label: "a)" in French, "(a)" in English.
            label = f"({char})" if (unit.label or "").startswith("(") else f"{char})"
            out.append(replace(unit, id=f"{parent}.{char}", label=label))
        else:
            out.append(unit)
    return out


def is_clean_text(text: str) -> bool:
    """True if ``text`` is NFC and has no line breaks, tabs or doubled spaces."""
    return (
        unicodedata.normalize("NFC", text) == text
        and "\n" not in text
        and "\t" not in text
        and "  " not in text
        and text == text.strip()
    )
