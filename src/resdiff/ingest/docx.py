"""Word files (.docx): body text through python-docx, plus what python-docx does not expose.

The only importer of python-docx. Read from the package directly:

- footnotes, from the ``word/footnotes.xml`` part: a ``w:footnoteReference`` in the text
  becomes a superscript mark numbered in order of reference, as Word numbers them, and the
  footnote texts go at the end as a footnote block (``1 Text…`` one per line);
- list numbering, from ``word/numbering.xml``: a paragraph numbered by Word (directly or
  through its style) gets the label Word would print (``3.``, ``a)``, ``(iv)``).

Paragraphs are separated by blank lines, as in the OCR text the segmenter was built for.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from resdiff._plural import counted
from resdiff.errors import InputError
from resdiff.ingest import limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTES_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


@dataclass(frozen=True, slots=True)
class WordText:
    """The text of a Word document, and what it says of the document's tracked changes."""

    text: str
    insertions: int = 0  # tracked insertions (``w:ins``), kept
    deletions: int = 0  # tracked deletions (``w:del``), dropped
    moves: int = 0  # tracked moves (``w:moveTo``), read where they were moved to

    def warning(self, name: str) -> str | None:
        """The one-line warning that the text was read with its tracked changes accepted."""
        if not (self.insertions or self.deletions or self.moves):
            return None
        kinds = (
            (self.insertions, "insertion"),
            (self.deletions, "deletion"),
            (self.moves, "move"),
        )
        found = [counted(n, noun) for n, noun in kinds if n]
        return (
            f"{name} holds tracked changes ({', '.join(found)}): read with all of them "
            "accepted; accept or reject them in Word to read another text"
        )


def docx_text(data: bytes, name: str) -> str:
    """The text of a Word document, footnotes and list labels included (tracked changes
    accepted: see :func:`read_docx`).

    Raises:
        InputError: the file is not a Word document or is damaged.
    """
    return read_docx(data, name).text


def read_docx(data: bytes, name: str) -> WordText:
    """The text of a Word document as Word shows it with every tracked change accepted:
    inserted and moved-in text kept, deleted and moved-out text dropped, a paragraph whose mark
    was deleted joined to the next one, as Word's Accept All does.

    Raises:
        InputError: the file is not a Word document or is damaged.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_unpacked(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name} is not a readable Word file ({exc}); save it as .docx") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError for damaged parts
        raise InputError(f"{name} is not a readable Word file ({exc}); save it as .docx") from None
    part = document.part
    reader = _Reader(
        numbering=_Numbering.load(part),
        styles=_style_numbering(part),
        footnote_xml=_footnotes_part(part),
    )
    paragraphs: list[tuple[str, bool]] = []  # (text, indented: opens with a space)
    joined = ""  # the text of paragraphs whose mark was deleted, joining the next one
    for p in _paragraphs(document.element.body):
        if _mark_removed(p):
            joined += reader.runs(p)
            continue
        paragraphs.append(reader.paragraph(p, joined))
        joined = ""
    if joined.strip():  # the last paragraph's mark always stays; kept if a producer drops it
        paragraphs.append((joined.strip(), False))
    notes = reader.footnote_block()
    body = document.element.body
    return WordText(
        _body_text(paragraphs, notes),
        insertions=_revisions(body, "ins"),
        deletions=_revisions(body, "del"),
        moves=_revisions(body, "moveTo"),
    )


# Paragraphs that stop inside a sentence (on a letter, a digit or a hyphen), from which a
# document is a plain text's printed lines, one a paragraph: a resolution's paragraphs end
# on ``;``, ``,``, ``:`` or ``.`` (6–7 % of them do not: the title, the headings), the lines
# of the OCR'd seed opened in LibreOffice and saved as Word 75 %.
_LINES_SHARE = 0.4
_LINES_LEAST = 10


def _body_text(paragraphs: Sequence[tuple[str, bool]], notes: str) -> str:
    """The document's text: paragraphs apart, or lines as they were when it holds a text's
    lines (a text file opened in Word or LibreOffice and saved as .docx).

    Such a file makes each line of the text a paragraph and each blank line an empty one:
    its paragraphs are then read as those lines, the empty ones as blank lines, and a line
    that opened with a space keeps it (OCR and ``pdftotext`` open a page so), as the text
    file itself would be read. Otherwise every non-empty paragraph is a block of its own.
    """
    found = [text for text, _indented in paragraphs if text]
    stopped = sum(1 for text in found if text[-1].isalnum() or text[-1] == "-")
    if len(found) >= _LINES_LEAST and stopped > _LINES_SHARE * len(found):
        lines = [f" {text}" if indented else text for text, indented in paragraphs]
        text = "\n".join(lines).strip("\n")
        return f"{text}\n\n{notes}\n" if notes else f"{text}\n"  # notes a block of their own
    return "\n\n".join([*found, *([notes] if notes else [])]) + "\n"


# Tracked-change containers whose content Accept All drops.
_DROPPED = (f"{W}del", f"{W}moveFrom")


def _mark_removed(p: Any) -> bool:
    """True when the paragraph's mark is a tracked deletion or moved away: accepted, the
    paragraph joins the next."""
    mark = p.find(f"{W}pPr/{W}rPr")
    return mark is not None and any(mark.find(tag) is not None for tag in _DROPPED)


def _revisions(body: Any, tag: str) -> int:
    """How many tracked changes of a kind the body holds (paragraph marks not counted)."""
    return sum(1 for el in body.iter(f"{W}{tag}") if el.getparent().tag != f"{W}rPr")


def _dropped(el: Any, paragraph: Any) -> bool:
    """True when ``el`` lies in deleted or moved-away content of its paragraph."""
    for ancestor in el.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in _DROPPED:
            return True
    return False


def check_unpacked(data: bytes, name: str) -> None:
    """Refuse a package that decompresses to far more than a resolution (a zip bomb).

    The sizes the zip directory declares bound what reading can produce: :mod:`zipfile`
    stops at the declared size and checks the CRC.

    Raises:
        InputError: not a zip file, or over :data:`limits.DOCX_UNPACKED_MB` or ``DOCX_XML_MB``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"{name} is not a readable Word file ({exc}); save it as .docx") from None
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    limits.DOCX_XML_MB.check(xml / 2**20, name)
    limits.DOCX_UNPACKED_MB.check(sum(m.file_size for m in members) / 2**20, name)


def _paragraphs(body: Any) -> list[Any]:
    """Body paragraphs in document order, table cells included."""
    return [el for el in body.iter(f"{W}p") if el.getparent().tag != f"{W}footnote"]


def _footnotes_part(part: Any) -> dict[str, Any]:
    """Footnote elements by id, separators left out."""
    for rel in part.rels.values():
        if rel.reltype == _FOOTNOTES_RELTYPE and not rel.is_external:
            from docx.oxml import parse_xml

            root = parse_xml(rel.target_part.blob)
            return {
                note.get(f"{W}id", ""): note
                for note in root.iter(f"{W}footnote")
                if note.get(f"{W}type") in (None, "normal")
            }
    return {}


def _style_numbering(part: Any) -> dict[str, tuple[str, int]]:
    """(numId, level) of every paragraph style that numbers its paragraphs, bases included."""
    styles = part.styles.element
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id = num.find(f"{W}numId")
            level = num.find(f"{W}ilvl")
            own[style_id] = (
                num_id.get(f"{W}val") if num_id is not None else None,
                int(level.get(f"{W}val")) if level is not None else None,
            )
        base = style.find(f"{W}basedOn")
        if base is not None:
            based[style_id] = base.get(f"{W}val")
    result: dict[str, tuple[str, int]] = {}
    for style_id in set(own) | set(based):
        seen: set[str] = set()
        current: str | None = style_id
        num_id, level = None, None
        while current is not None and current not in seen and (num_id is None or level is None):
            seen.add(current)
            found = own.get(current, (None, None))
            num_id = num_id if num_id is not None else found[0]
            level = level if level is not None else found[1]
            current = based.get(current)
        if num_id is not None:
            result[style_id] = (num_id, level or 0)
    return result


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list definitions and the counters of the lists met so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, part: Any) -> _Numbering:
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls()
        abstract: dict[str, dict[int, _Level]] = {}
        for definition in root.iter(f"{W}abstractNum"):
            abstract[definition.get(f"{W}abstractNumId")] = {
                int(lvl.get(f"{W}ilvl")): _level(lvl) for lvl in definition.iter(f"{W}lvl")
            }
        levels: dict[str, dict[int, _Level]] = {}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            base = dict(abstract.get(ref.get(f"{W}val"), {})) if ref is not None else {}
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl"))
                start = override.find(f"{W}startOverride")
                lvl = override.find(f"{W}lvl")
                level = _level(lvl) if lvl is not None else base.get(ilvl, _Level())
                if start is not None:
                    level = _Level(int(start.get(f"{W}val")), level.fmt, level.text)
                base[ilvl] = level
            levels[num.get(f"{W}numId")] = base
        return cls(levels=levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next item of list ``num_id`` at level ``ilvl``; None for bullets."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return None
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return None

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            at = levels.get(index, _Level())
            value = counters.get(index, at.start)
            return _format(value, at.fmt)

        return re.sub(r"%(\d)", number, level.text).strip() or None


def _level(lvl: Any) -> _Level:
    def val(tag: str, default: str) -> str:
        element = lvl.find(f"{W}{tag}")
        return element.get(f"{W}val", default) if element is not None else default

    return _Level(
        start=int(val("start", "1")),
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", f"%{int(lvl.get(f'{W}ilvl')) + 1}."),
    )


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _format(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, digits in _ROMAN:
            while value >= amount:
                roman += digits
                value -= amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


@dataclass
class _Reader:
    """Turns body paragraphs into text, numbering footnotes as they are referenced."""

    numbering: _Numbering
    styles: dict[str, tuple[str, int]]
    footnote_xml: dict[str, Any]
    footnotes: list[str] = field(default_factory=list)

    def paragraph(self, p: Any, joined: str = "") -> tuple[str, bool]:
        """A body paragraph with its list label, after the text of paragraphs joined to it
        ("" when it is empty), and whether it opens with a space."""
        raw = joined + self.runs(p)
        text = raw.strip()
        if not text:
            return "", False
        label = self._label(p)
        return (f"{label} {text}" if label else text), raw[:1] == " "

    def _label(self, p: Any) -> str | None:
        num = p.find(f"{W}pPr/{W}numPr")
        num_id: str | None = None
        level = 0
        if num is not None:
            num_el, lvl_el = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            num_id = num_el.get(f"{W}val") if num_el is not None else None
            level = int(lvl_el.get(f"{W}val")) if lvl_el is not None else 0
        else:
            style = p.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") in self.styles:
                num_id, level = self.styles[style.get(f"{W}val")]
        return self.numbering.label(num_id, level) if num_id else None

    def runs(self, p: Any, in_footnote: bool = False) -> str:
        """The text of a paragraph's runs, footnote calls numbered."""
        pieces: list[str] = []
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}footnoteReference"):
            if _dropped(el, p):  # deleted or moved away: Word's Accept All drops it
                continue
            if el.tag == f"{W}t":
                pieces.append(self._run_text(el))
            elif el.tag == f"{W}footnoteReference" and not in_footnote:
                pieces.append(self._reference(el.get(f"{W}id")))
            elif el.tag == f"{W}tab":
                pieces.append(" ")
            elif el.tag in (f"{W}br", f"{W}cr"):
                pieces.append("\n")
        return "".join(pieces)

    @staticmethod
    def _run_text(t: Any) -> str:
        text = str(t.text or "")
        run = t.getparent()
        align = run.find(f"{W}rPr/{W}vertAlign") if run is not None else None
        if align is not None and align.get(f"{W}val") == "superscript" and text.isdecimal():
            return text.translate(_SUPERSCRIPT_DIGITS)  # a typed footnote mark
        return text

    def _reference(self, note_id: str) -> str:
        note = self.footnote_xml.get(note_id)
        if note is None:
            return ""
        paragraphs = [self.runs(p, in_footnote=True).strip() for p in note.iter(f"{W}p")]
        self.footnotes.append(" ".join(p for p in paragraphs if p))
        return str(len(self.footnotes)).translate(_SUPERSCRIPT_DIGITS)

    def footnote_block(self) -> str:
        """The footnotes, ``1 Text…`` one per line, as printed at the foot of a page."""
        return "\n".join(f"{n} {text}" for n, text in enumerate(self.footnotes, 1) if text)
