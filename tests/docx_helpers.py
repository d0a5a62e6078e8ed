"""Apply Word's Accept All / Reject All to a .docx ourselves, to check what a delegate gets.

Word's rules: accepting keeps ``w:ins`` and ``w:moveTo`` content and drops ``w:del`` and
``w:moveFrom`` content; rejecting does the opposite. A paragraph whose mark is dropped joins the
next paragraph; the document's last paragraph mark always stays. A footnote exists when a
reference to it survives.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = ("ins", "del", "moveFrom", "moveTo")
_KEPT = {True: {"ins", "moveTo"}, False: {"del", "moveFrom"}}


@dataclass
class Resolved:
    """One paragraph after accepting or rejecting: its label runs, text and footnote calls."""

    labels: list[str]
    text: str
    footnotes: list[str]
    full: str = ""  # labels and text in document order


def parts(data: bytes) -> dict[str, etree._Element]:
    """The XML parts of a Word package, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def resolve(data: bytes, *, accept: bool) -> tuple[list[Resolved], list[str]]:
    """Body paragraphs and footnote texts (in order of reference) after Accept or Reject All.

    Raises:
        AssertionError: a label run that does not open its paragraph.
    """
    xml = parts(data)
    body = xml["word/document.xml"].find(f"{W}body")
    assert body is not None
    paragraphs: list[Resolved] = []
    pending = Resolved([], "", [])
    tail: list[str] = []  # footnotes called from the end paragraph
    for p in body.iter(f"{W}p"):
        piece = _content(p, accept)
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='ResEnd']") is not None:
            # The empty paragraph that closes the document: Word keeps its mark, it holds
            # no clause; what was pending joins it (and must be empty).
            if pending.text or piece.text:
                paragraphs.append(Resolved(pending.labels, pending.text + piece.text, []))
            tail += pending.footnotes + piece.footnotes
            pending = Resolved([], "", [])
            continue
        pending = Resolved(
            pending.labels + piece.labels, pending.text + piece.text,
            pending.footnotes + piece.footnotes, pending.full + piece.full,
        )  # fmt: skip
        if piece.labels:
            assert pending.text == "" or pending.text == piece.text, (
                f"label {piece.labels} inside a paragraph: {pending.text!r}"
            )
        mark = p.find(f"{W}pPr/{W}rPr")
        kinds = {el.tag.removeprefix(W) for el in mark} if mark is not None else set()
        dropped = kinds & set(REVISIONS) - _KEPT[accept]
        if not dropped:
            paragraphs.append(pending)
            pending = Resolved([], "", [])
    notes_root = xml["word/footnotes.xml"]
    notes = {n.get(f"{W}id"): n for n in notes_root.iter(f"{W}footnote")}
    footnotes = []
    for refs in [p.footnotes for p in paragraphs] + [tail, pending.footnotes]:
        for ref in refs:
            text = "".join(_content(p, accept).text for p in notes[ref].iter(f"{W}p"))
            footnotes.append(text.removeprefix(" "))
    return paragraphs, footnotes


def _content(p: etree._Element, accept: bool) -> Resolved:
    out = Resolved([], "", [])
    for r in p.iter(f"{W}r"):
        wrapper = r.getparent()
        assert wrapper is not None
        tag = wrapper.tag.removeprefix(W)
        if tag in REVISIONS and tag not in _KEPT[accept]:
            continue
        text = ""
        for child in r:
            name = child.tag.removeprefix(W)
            if name in ("t", "delText"):
                text += child.text or ""
            elif name == "br":
                text += "\n"
            elif name == "footnoteReference":
                out.footnotes.append(child.get(f"{W}id") or "")
        if r.find(f"{W}tab") is not None:
            out.labels.append(text)
        else:
            out.text += text
        out.full += text
    return out


def count(data: bytes, tag: str) -> int:
    """How many ``w:<tag>`` elements the body, footnotes and comments hold."""
    xml = parts(data)
    return sum(
        len(xml[name].findall(f".//{W}{tag}"))
        for name in ("word/document.xml", "word/footnotes.xml")
        if name in xml
    )
