"""Write a :class:`~._plan.Plan` as a Word package (WordprocessingML), with lxml.

Revisions are native: ``w:ins``/``w:del`` around runs, ``w:moveFrom``/``w:moveTo`` runs inside
named ``w:moveFromRangeStart``/``w:moveToRangeStart`` ranges, and the same elements inside a
paragraph's ``w:pPr/w:rPr`` when its mark is inserted, deleted or moved. Every revision has the
author ``resdiff`` and the newer version's date. Footnotes are real Word footnotes
(``word/footnotes.xml``), comments real comments (``word/comments.xml``). The package has a
fixed timestamp on every entry, so the same plan always gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator

from lxml import etree

from resdiff.model import UnitKind
from resdiff.render._view import visible_text
from resdiff.render.docx._types import Comment, Footnote, Paragraph, Plan, Rev, Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "resdiff"
END_STYLE = "ResEnd"  # the empty paragraph that closes a document (see _plan.Builder.finish)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_ZIP_DATE = (2001, 1, 1, 0, 0, 0)

# Paragraph style of each unit kind (sub-items by depth), and how it looks: resolutions are
# set in Times New Roman 10 pt, preambular and operative paragraphs indented on the first line,
# the number of an operative paragraph (and the letter of a sub-item) followed by a tab.
_STYLE_OF = {
    UnitKind.TITLE: "ResTitle",
    UnitKind.FORMULA: "ResFormula",
    UnitKind.PREAMBLE: "ResPreamble",
    UnitKind.OPERATIVE: "ResOperative",
    UnitKind.CLOSING: "ResClosing",
}
_PARAGRAPH_STYLES: tuple[tuple[str, str, dict[str, str | dict[str, str]], bool], ...] = (
    # id, name, paragraph properties (twips), bold
    ("ResTitle", "Resolution title", {"ind": {"left": "1247", "hanging": "1247"}}, True),
    ("ResFormula", "Resolution formula", {"ind": {"firstLine": "624"}}, False),
    ("ResPreamble", "Preambular paragraph", {"ind": {"firstLine": "624"}}, False),
    ("ResOperative", "Operative paragraph", {"ind": {"firstLine": "624"}}, False),
    ("ResSubItem1", "Sub-item", {"ind": {"left": "1247", "hanging": "397"}}, False),
    ("ResSubItem2", "Sub-sub-item", {"ind": {"left": "1871", "hanging": "397"}}, False),
    ("ResClosing", "Closing", {"jc": "center"}, False),
    ("ResEnd", "End of document", {"spacing": {"after": "0"}}, False),
    ("FootnoteText", "footnote text", {"spacing": {"after": "0"}}, False),
    ("CommentText", "annotation text", {}, False),
)


def write_package(plan: Plan) -> bytes:
    """The ``.docx`` bytes of a plan."""
    ids = itertools.count(1)
    writer = _Writer(plan, ids)
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": _core(plan),
        "word/_rels/document.xml.rels": _document_rels(),
        "word/document.xml": _serialise(writer.document()),
        "word/styles.xml": _serialise(_styles(plan.lang)),
        "word/settings.xml": _serialise(_settings()),
        "word/footnotes.xml": _serialise(writer.footnotes()),
        "word/comments.xml": _serialise(writer.comments()),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


class _Writer:
    def __init__(self, plan: Plan, ids: Iterator[int]) -> None:
        self.plan, self.ids = plan, ids
        self.stamp = {f"{W}author": AUTHOR}
        if plan.date:
            self.stamp[f"{W}date"] = f"{plan.date}T00:00:00Z"
        self.move_ids: dict[str, int] = {}

    def document(self) -> etree._Element:
        root = etree.Element(f"{W}document", nsmap={"w": W_NS, "r": R_NS})
        body = etree.SubElement(root, f"{W}body")
        for paragraph in self.plan.paragraphs:
            body.append(self._paragraph(paragraph))
        section = etree.SubElement(body, f"{W}sectPr")
        _sub(section, "pgSz", w="11906", h="16838")  # A4
        _sub(section, "pgMar", top="1440", right="1440", bottom="1440", left="1440",
             header="720", footer="720", gutter="0")  # fmt: skip
        return root

    def footnotes(self) -> etree._Element:
        root = etree.Element(f"{W}footnotes", nsmap={"w": W_NS, "r": R_NS})
        for kind, number in (("separator", "-1"), ("continuationSeparator", "0")):
            note = _sub(root, "footnote", type=kind, id=number)
            p = _sub(note, "p")
            _sub(_sub(p, "pPr"), "spacing", after="0", line="240", lineRule="auto")
            _sub(_sub(p, "r"), kind)
        for footnote in self.plan.footnotes:
            root.append(self._footnote(footnote))
        return root

    def comments(self) -> etree._Element:
        root = etree.Element(f"{W}comments", nsmap={"w": W_NS, "r": R_NS})
        for comment in self.plan.comments:
            root.append(self._comment(comment))
        return root

    # -- pieces

    def _revision(self, tag: str) -> etree._Element:
        element = etree.Element(f"{W}{tag}")
        element.set(f"{W}id", str(next(self.ids)))
        for key, value in self.stamp.items():
            element.set(key, value)
        return element

    def _paragraph(self, paragraph: Paragraph) -> etree._Element:
        p = etree.Element(f"{W}p")
        ppr = _sub(p, "pPr")
        style = _STYLE_OF.get(paragraph.kind, f"ResSubItem{min(paragraph.depth, 2) or 1}")
        if paragraph.end:
            style = END_STYLE
        _sub(ppr, "pStyle", val=style)
        if paragraph.mark is not Rev.NONE:
            _sub(ppr, "rPr").append(self._revision(paragraph.mark.value))
        if paragraph.move_start is not None:
            p.append(self._range_start(paragraph.move_start, paragraph))
        if paragraph.comment is not None:
            _sub(p, "commentRangeStart", id=str(paragraph.comment))
        self._runs(p, paragraph.runs)
        if paragraph.comment is not None:
            _sub(p, "commentRangeEnd", id=str(paragraph.comment))
            r = _sub(p, "r")
            _sub(_sub(r, "rPr"), "rStyle", val="CommentReference")
            _sub(r, "commentReference", id=str(paragraph.comment))
        if paragraph.move_end is not None:
            tag = "moveFromRangeEnd" if _is_from(paragraph) else "moveToRangeEnd"
            _sub(p, tag, id=str(self.move_ids[paragraph.move_end + tag[:6]]))
        return p

    def _range_start(self, name: str, paragraph: Paragraph) -> etree._Element:
        tag = "moveFromRangeStart" if _is_from(paragraph) else "moveToRangeStart"
        element = self._revision(tag)
        element.set(f"{W}name", name)
        self.move_ids[name + tag[:6]] = int(element.get(f"{W}id", "0"))
        return element

    def _runs(self, parent: etree._Element, runs: Iterable[Run]) -> None:
        for rev, group in itertools.groupby(runs, key=lambda run: run.rev):
            holder = parent
            if rev is not Rev.NONE:
                holder = self._revision(rev.value)
                parent.append(holder)
            deleted = rev in (Rev.DELETED, Rev.MOVED_FROM)
            for run in group:
                holder.append(_run(run, deleted))

    def _footnote(self, footnote: Footnote) -> etree._Element:
        note = etree.Element(f"{W}footnote")
        note.set(f"{W}id", str(footnote.id))
        p = _sub(note, "p")
        _sub(_sub(p, "pPr"), "pStyle", val="FootnoteText")
        r = _sub(p, "r")
        _sub(_sub(r, "rPr"), "rStyle", val="FootnoteReference")
        _sub(r, "footnoteRef")
        _text(_sub(p, "r"), " ", deleted=False)
        self._runs(p, footnote.runs)
        return note

    def _comment(self, comment: Comment) -> etree._Element:
        element = etree.Element(f"{W}comment")
        element.set(f"{W}id", str(comment.id))
        for key, value in self.stamp.items():
            element.set(key, value)
        element.set(f"{W}initials", "rd")
        for line in comment.lines:
            p = _sub(element, "p")
            _sub(_sub(p, "pPr"), "pStyle", val="CommentText")
            _text(_sub(p, "r"), shown(line), deleted=False)
        return element


# Characters XML 1.0 cannot hold that :func:`visible_text` leaves alone.
_NOT_XML_RE = re.compile("[\ufffe\uffff\ud800-\udfff]")


def shown(text: str) -> str:
    """Text as the document holds it: control characters as visible stand-ins (XML cannot
    carry most of them, and a bidi override would reorder the words), non-characters as �."""
    if _PLAIN_RE.fullmatch(text):  # the common case: nothing to replace
        return text
    return _NOT_XML_RE.sub("\ufffd", visible_text(text))


# Text with nothing for :func:`shown` to replace (no control, bidi or non-character).
_PLAIN_RE = re.compile(
    r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]*"
)


def _is_from(paragraph: Paragraph) -> bool:
    """A move range is a move-from range when its paragraph's mark was moved from there."""
    return paragraph.mark is Rev.MOVED_FROM


def _run(run: Run, deleted: bool) -> etree._Element:
    r = etree.Element(f"{W}r")
    if run.footnote is not None:
        _sub(_sub(r, "rPr"), "rStyle", val="FootnoteReference")
        _sub(r, "footnoteReference", id=str(run.footnote))
        return r
    if run.italic:
        _sub(_sub(r, "rPr"), "i")
    _text(r, shown(run.text), deleted=deleted, keep_breaks=True)
    if run.label:
        _sub(r, "tab")
    return r


def _text(r: etree._Element, text: str, *, deleted: bool, keep_breaks: bool = False) -> None:
    """Text of a run: ``w:t`` (``w:delText`` when deleted) pieces, ``\\n`` as ``w:br``."""
    tag = _DEL_TEXT if deleted else _TEXT
    pieces = text.split("\n") if keep_breaks and "\n" in text else (text,)
    for k, piece in enumerate(pieces):
        if k:
            etree.SubElement(r, _BREAK)
        if piece:
            element = etree.SubElement(r, tag, _PRESERVE)
            element.text = piece


_TEXT, _DEL_TEXT, _BREAK = f"{W}t", f"{W}delText", f"{W}br"
_PRESERVE = {XML_SPACE: "preserve"}
_QUALIFIED: dict[str, str] = {}


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(
        parent, _qualified(tag), {_qualified(key): value for key, value in attributes.items()}
    )


def _qualified(name: str) -> str:
    """``{main namespace}name``, built once per name (the writer asks for a few names often)."""
    qualified = _QUALIFIED.get(name)
    if qualified is None:
        qualified = _QUALIFIED[name] = f"{W}{name}"
    return qualified


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles(lang: str) -> etree._Element:
    root = etree.Element(f"{W}styles", nsmap={"w": W_NS})
    defaults = _sub(root, "docDefaults")
    rpr = _sub(_sub(defaults, "rPrDefault"), "rPr")
    _sub(rpr, "rFonts", ascii="Times New Roman", hAnsi="Times New Roman",
         cs="Times New Roman", eastAsia="Times New Roman")  # fmt: skip
    _sub(rpr, "sz", val="20")
    _sub(rpr, "lang", val=lang or "en", bidi=lang or "en")
    ppr = _sub(_sub(defaults, "pPrDefault"), "pPr")
    _sub(ppr, "spacing", after="120", line="240", lineRule="auto")
    _sub(ppr, "jc", val="both")
    normal = _sub(root, "style", type="paragraph", default="1", styleId="Normal")
    _sub(normal, "name", val="Normal")
    for style_id, name, props, bold in _PARAGRAPH_STYLES:
        style = _sub(root, "style", type="paragraph", styleId=style_id)
        _sub(style, "name", val=name)
        _sub(style, "basedOn", val="Normal")
        ppr = _sub(style, "pPr")
        for key, value in props.items():
            if isinstance(value, dict):
                _sub(ppr, key, **value)
            else:
                _sub(ppr, key, val=value)
        if bold:
            _sub(_sub(style, "rPr"), "b")
        if style_id == "FootnoteText":
            _sub(_sub(style, "rPr"), "sz", val="17")
    for style_id, name in (("FootnoteReference", "footnote reference"),
                           ("CommentReference", "annotation reference")):  # fmt: skip
        style = _sub(root, "style", type="character", styleId=style_id)
        _sub(style, "name", val=name)
        if style_id == "FootnoteReference":
            _sub(_sub(style, "rPr"), "vertAlign", val="superscript")
    return root


def _settings() -> etree._Element:
    root = etree.Element(f"{W}settings", nsmap={"w": W_NS})
    _sub(root, "trackRevisions")  # the delegate's own edits are tracked too
    notes = _sub(root, "footnotePr")
    _sub(notes, "footnote", id="-1")
    _sub(notes, "footnote", id="0")
    return root


def _content_types() -> bytes:
    root = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    for ext, kind in (("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                      ("xml", "application/xml")):  # fmt: skip
        etree.SubElement(root, f"{{{_CT}}}Default", Extension=ext, ContentType=kind)
    overrides = {
        "/word/document.xml": f"{_MAIN_CT}.document.main+xml",
        "/word/styles.xml": f"{_MAIN_CT}.styles+xml",
        "/word/settings.xml": f"{_MAIN_CT}.settings+xml",
        "/word/footnotes.xml": f"{_MAIN_CT}.footnotes+xml",
        "/word/comments.xml": f"{_MAIN_CT}.comments+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    for part, kind in overrides.items():
        etree.SubElement(root, f"{{{_CT}}}Override", PartName=part, ContentType=kind)
    return _serialise(root)


def _relationships(targets: dict[str, tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{_PKG_REL}}}Relationships", nsmap={None: _PKG_REL})
    for rel_id, (kind, target) in targets.items():
        etree.SubElement(root, f"{{{_PKG_REL}}}Relationship", Id=rel_id, Type=kind, Target=target)
    return _serialise(root)


def _package_rels() -> bytes:
    return _relationships({
        "rId1": (f"{_REL}/officeDocument", "word/document.xml"),
        "rId2": ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                 "core-properties", "docProps/core.xml"),
    })  # fmt: skip


def _document_rels() -> bytes:
    return _relationships({
        "rId1": (f"{_REL}/styles", "styles.xml"),
        "rId2": (f"{_REL}/settings", "settings.xml"),
        "rId3": (f"{_REL}/footnotes", "footnotes.xml"),
        "rId4": (f"{_REL}/comments", "comments.xml"),
    })  # fmt: skip


def _core(plan: Plan) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    etree.SubElement(root, f"{{{dc}}}title").text = shown(plan.title)
    etree.SubElement(root, f"{{{dc}}}creator").text = AUTHOR
    etree.SubElement(root, f"{{{dc}}}language").text = plan.lang
    return _serialise(root)
