"""A Word draft with tracked changes reads as Word shows it after Accept All.

Delegations circulate drafts with their changes tracked. The file is the layout matrix's
constructed English Word file (``tests/layouts/constructed-en/word.docx``, not a UN document)
with tracked changes written into it as Word writes them (ECMA-376 Part 1, 17.13.5): an
insertion, a deletion, a deleted numbered paragraph (its mark too, so the numbers after it
move up), a deleted paragraph mark (the paragraph joins the next one), and a move whose source
keeps its text in ``w:t`` (the standard's own example). Read back, the comparison with the
untouched file must show exactly those edits. The moved text used to be read twice, and the
joined paragraphs as two.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from resdiff import api
from resdiff.compare import compare
from resdiff.ingest.docx import read_docx
from resdiff.model import Comparison

from .conftest import ROOT

WORD = ROOT / "tests" / "layouts" / "constructed-en" / "word.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STAMP = {f"{W}id": "0", f"{W}author": "Delegation", f"{W}date": "2091-05-01T10:00:00Z"}


def _element(tag: str, **attributes: str) -> etree._Element:
    element = etree.Element(f"{W}{tag}")
    for name, value in {**STAMP, **attributes}.items():
        element.set(name, value)
    return element


def _paragraph(body: etree._Element, start: str) -> etree._Element:
    for p in body.iter(f"{W}p"):
        if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


def _wrap_runs(p: etree._Element, tag: str, *, deleted_text: bool) -> None:
    """Put every run of ``p`` inside one tracked-change element."""
    runs = [r for r in p if r.tag == f"{W}r"]
    wrapper = _element(tag)
    runs[0].addprevious(wrapper)
    for run in runs:
        wrapper.append(run)
        if deleted_text:
            for t in run.iter(f"{W}t"):
                t.tag = f"{W}delText"


def _mark(p: etree._Element, tag: str) -> None:
    """Track the paragraph mark itself (``w:pPr/w:rPr/w:del``...)."""
    properties = p.find(f"{W}pPr")
    if properties is None:
        properties = etree.SubElement(p, f"{W}pPr")
        p.insert(0, properties)
    marks = properties.find(f"{W}rPr")
    if marks is None:
        marks = etree.SubElement(properties, f"{W}rPr")
    marks.append(_element(tag))


def tracked_draft(tmp_path: Path) -> Path:
    """The Word file with its tracked changes (see the module docstring)."""
    with zipfile.ZipFile(WORD) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    body = root.find(f"{W}body")
    assert body is not None

    # An insertion: a word added inside a preambular paragraph.
    p = _paragraph(body, "Reaffirming its commitment")
    inserted = _element("ins")
    run = etree.SubElement(inserted, f"{W}r")
    etree.SubElement(run, f"{W}t").text = " firmly"
    p.append(inserted)
    # A deletion inside an operative paragraph's run: its last word.
    p = _paragraph(body, "Urges Member States")
    last = [r for r in p if r.tag == f"{W}r"][-1]
    t = last.find(f"{W}t")
    assert t is not None and t.text
    kept, gone = t.text.rsplit(" ", 1)
    t.text = kept + " "
    deleted = _element("del")
    gone_run = etree.SubElement(deleted, f"{W}r")
    etree.SubElement(gone_run, f"{W}delText").text = gone
    last.addnext(deleted)
    # A numbered paragraph deleted whole, its mark too.
    p = _paragraph(body, "Invites Member States to make full use")
    _wrap_runs(p, "del", deleted_text=True)
    _mark(p, "del")
    # A paragraph mark deleted: the paragraph joins the next one.
    _mark(_paragraph(body, "Stressing that effective responses"), "del")
    # A move: the source keeps its text in w:t inside w:moveFrom, as in the standard.
    source = _paragraph(body, "Welcoming also the establishment")
    destination = copy.deepcopy(source)
    _wrap_runs(source, "moveFrom", deleted_text=False)
    _mark(source, "moveFrom")
    _wrap_runs(destination, "moveTo", deleted_text=False)
    _paragraph(body, "Determined to deny safe haven").addnext(destination)

    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    out = tmp_path / "constructed-en.tracked.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out


def _statuses(comparison: Comparison) -> Counter[str]:
    return Counter(
        f"{c.status.value}{' moved' if c.moved else ''}"
        for c in comparison.changes
        if c.status.value != "unchanged" or c.moved
    )


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    draft = tracked_draft(tmp_path)
    clean = api.ingest_file(WORD, strict=False)
    tracked = api.ingest_file(draft, strict=False)
    comparison = compare(clean, tracked)
    assert _statuses(comparison) == Counter(
        {"modified": 2, "removed": 1, "merged": 1, "unchanged moved": 1}
    ), [(c.status.value, [u.id for u in c.old], [u.id for u in c.new]) for c in comparison.changes]
    texts = {u.id: u.text for u in tracked.units}
    assert texts["pp3"].endswith("non-intervention in their domestic affairs, firmly")
    # Word numbers the paragraphs after the deleted one up: the old 6 is now 5.
    op5 = next(u for u in tracked.units if u.id == "op5")
    assert op5.text.startswith("Requests the United Nations Office on Drugs and Crime"), op5
    assert sum("Welcoming also the establishment" in text for text in texts.values()) == 1
    assert tracked.warnings[0] == (
        "constructed-en.tracked.docx holds tracked changes (1 insertion, 2 deletions, 1 move): "
        "read with all of them accepted; accept or reject them in Word to read another text"
    )


def test_a_document_without_tracked_changes_has_no_warning() -> None:
    read = read_docx(WORD.read_bytes(), WORD.name)
    assert (read.insertions, read.deletions, read.moves) == (0, 0, 0)
    assert read.warning(WORD.name) is None
