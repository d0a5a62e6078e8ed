"""The Word report: Accept All gives the new text, Reject All the old one, unit by unit.

Revisions are applied to the package's XML by :mod:`tests.docx_helpers` with Word's rules, on
every constructed variant of ``tests/cases/`` and on real OCR readings of both sides
(``tests/ocr/``, whose readings call footnotes from the text). Two readings of the same text
give a document without a single revision. LibreOffice converts every document to PDF.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings

from resdiff.api import ingest_file
from resdiff.compare import compare
from resdiff.model import Change, Comparison, Resolution, Token, UnitKind
from resdiff.render import BINARY_RENDERERS, formats, render_bytes
from resdiff.render._view import ANNOTATION_LABELS
from resdiff.render.docx import render_docx
from resdiff.render.docx._ooxml import shown
from tests.docx_helpers import REVISIONS, count, parts, resolve
from tests.test_compare_properties import resolutions
from tests.test_diff_cases import CASES, OCR_CASES

HERE = Path(__file__).parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Pairs of readings of the same text (clean against every other non-degraded quality).
SAME_TEXT = sorted(
    (folder / "clean.txt", other)
    for folder in (HERE / "ocr").iterdir()
    if (folder / "clean.txt").is_file()
    for other in folder.glob("*.txt")
    if other.stem not in ("clean", "degraded")
)


def _comparison(old: Path, new: Path) -> Comparison:
    return compare(ingest_file(old, strict=False), ingest_file(new, strict=False))


def _body(resolution: Resolution) -> list[str]:
    return [shown(u.text) for u in resolution.units if u.kind is not UnitKind.FOOTNOTE]


def _notes(resolution: Resolution) -> list[str]:
    return [shown(u.text) for u in resolution.units if u.kind is UnitKind.FOOTNOTE]


def _shown_old(change: Change) -> list[str]:
    """The old units' texts as Reject All shows them: OCR noise keeps the new spelling.

    A moved clause's old place holds its old words exactly (the move-from range); spaces that
    differ around an edit, and noise across a boundary only one side has, are revisions.
    """
    footnote = change.old and change.old[0].kind is UnitKind.FOOTNOTE  # called, never moved
    if (change.moved and not footnote) or not change.old:
        return [u.text for u in change.old]

    def old_side(token: Token) -> str:
        if token.op == "-" or token.old is None:
            return token.text
        spaces_only = token.old.strip() == token.text.strip()
        across = token.old.count("\n") != token.text.count("\n")
        return token.old if spaces_only or across else token.text

    joined = "".join(old_side(t) for t in change.tokens if t.op in "=-")
    if not change.tokens:
        return [u.text for u in change.old]
    return [joined] if len(change.old) == 1 else joined.split("\n")


def _rejected_expectation(comparison: Comparison) -> tuple[list[str], list[str]]:
    texts = {u.id: t for c in comparison.changes for u, t in zip(c.old, _shown_old(c), strict=True)}
    old = comparison.old
    body = [shown(texts[u.id]) for u in old.units if u.kind is not UnitKind.FOOTNOTE]
    return body, [shown(texts[u.id]) for u in old.units if u.kind is UnitKind.FOOTNOTE]


def _assert_round_trips(comparison: Comparison, *, labels: bool = True) -> bytes:
    data = render_docx(comparison)
    accepted, accepted_notes = resolve(data, accept=True)
    assert [p.text for p in accepted] == _body(comparison.new)
    assert sorted(accepted_notes) == sorted(_notes(comparison.new))
    rejected, rejected_notes = resolve(data, accept=False)
    body, notes = _rejected_expectation(comparison)
    assert [p.text for p in rejected] == body
    assert sorted(rejected_notes) == sorted(notes)
    if labels:  # After accepting, each unit opens with its new label: renumbering is no revision.
        new = [u.label for u in comparison.new.units if u.kind is not UnitKind.FOOTNOTE]
        assert [p.labels[0] if p.labels else None for p in accepted] == new
    return data


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_accept_all_gives_the_new_text_and_reject_all_the_old(case: Path) -> None:
    comparison = _comparison(case / "old.txt", case / "new.txt")
    data = _assert_round_trips(comparison)
    # Exactly one move-from and one move-to range per moved clause, with the same name.
    xml = parts(data)["word/document.xml"]
    moved = sum(1 for c in comparison.changes if c.moved)
    starts = {tag: [e.get(f"{W}name") for e in xml.iter(f"{W}{tag}RangeStart")]
              for tag in ("moveFrom", "moveTo")}  # fmt: skip
    assert len(starts["moveFrom"]) == len(starts["moveTo"]) == moved
    assert sorted(starts["moveFrom"]) == sorted(starts["moveTo"])
    if not comparison.has_differences:
        assert all(count(data, tag) == 0 for tag in REVISIONS)


@pytest.mark.parametrize(
    ("case", "old", "new"),
    OCR_CASES,
    ids=[f"{case.name}:{old.stem}-{new.stem}" for case, old, new in OCR_CASES],
)
def test_real_ocr_readings_of_both_sides_round_trip(case: Path, old: Path, new: Path) -> None:
    """Readings call their footnotes from the text: the calls become Word footnote references."""
    comparison = _comparison(old, new)
    data = _assert_round_trips(comparison)
    if _notes(comparison.new):
        assert count(data, "footnoteReference") >= len(_notes(comparison.new))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions(), resolutions())
def test_accept_and_reject_all_on_generated_documents(old: Resolution, new: Resolution) -> None:
    """Any two documents (any text, any kinds, splits, merges, moves) round-trip."""
    _assert_round_trips(compare(old, new), labels=False)


@pytest.mark.parametrize(
    ("first", "second"), SAME_TEXT, ids=[f"{a.parent.name}:{b.stem}" for a, b in SAME_TEXT]
)
def test_two_readings_of_the_same_text_give_no_revision(first: Path, second: Path) -> None:
    comparison = _comparison(first, second)
    if second.stem == "noisy":  # there is OCR noise to ignore
        assert any(c.suppressed for c in comparison.changes)
    data = render_docx(comparison)
    assert {tag: count(data, tag) for tag in REVISIONS} == dict.fromkeys(REVISIONS, 0)
    assert count(data, "commentReference") == 0
    accepted, _ = resolve(data, accept=True)
    assert [p.text for p in accepted] == _body(comparison.new)


def _earlier_draft() -> tuple[Comparison, bytes]:
    case = HERE / "cases" / "constructed-earlier-draft"
    comparison = _comparison(case / "old.txt", case / "new.txt")
    return comparison, render_docx(comparison)


def test_revisions_carry_the_author_and_the_newer_date() -> None:
    comparison, data = _earlier_draft()
    xml = parts(data)["word/document.xml"]
    stamped = [e for tag in REVISIONS for e in xml.iter(f"{W}{tag}")]
    assert stamped
    assert {e.get(f"{W}author") for e in stamped} == {"resdiff"}
    assert comparison.new.date is not None
    assert {e.get(f"{W}date") for e in stamped} == {f"{comparison.new.date}T00:00:00Z"}


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_annotated_split_merged_and_moved_clauses_get_word_comments(case: Path) -> None:
    comparison = _comparison(case / "old.txt", case / "new.txt")
    data = render_docx(comparison)
    comments = parts(data)["word/comments.xml"]
    texts = ["\n".join("".join(p.itertext()) for p in c.iter(f"{W}p"))
             for c in comments.iter(f"{W}comment")]  # fmt: skip
    wanted = []
    for change in comparison.changes:
        lines = [ANNOTATION_LABELS[a.split(":")[0]] + ":" + a.partition(":")[2]
                 for a in change.annotations]  # fmt: skip
        old_ids = " and ".join(u.id for u in change.old)
        if change.status.value in ("split", "merged"):
            lines.insert(0, f"{old_ids} {change.status.value} into")
        if change.moved:
            lines.insert(0, f"moved from {old_ids}")
        if lines:
            wanted.append(lines)
    assert len(texts) == len(wanted) == count(data, "commentReference")
    for text, lines in zip(texts, wanted, strict=True):
        assert all(line in text for line in lines), (text, lines)


def test_split_and_merge_revise_the_paragraph_marks() -> None:
    """A split inserts a paragraph mark (Reject joins the parts), a merge deletes one."""
    for slug, tag in (("constructed-paragraph-split", "ins"),
                      ("constructed-paragraphs-merged", "del")):  # fmt: skip
        case = HERE / "cases" / slug
        data = render_docx(_comparison(case / "old.txt", case / "new.txt"))
        marks = parts(data)["word/document.xml"].findall(f".//{W}pPr/{W}rPr/{W}{tag}")
        assert len(marks) == 1, slug


def test_python_docx_reads_the_document() -> None:
    comparison, data = _earlier_draft()
    document = docx.Document(io.BytesIO(data))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles[:3] == ["Resolution title", "Resolution formula", "Preambular paragraph"]
    # One paragraph per new unit, per removed unit and per move-from range, then the empty
    # paragraph that closes the document and calls the footnotes no clause calls (this text
    # lost its footnote marks).
    assert styles[-1] == "End of document" and "End of document" not in styles[:-1]
    assert len(document.paragraphs) - 1 == len(_body(comparison.new)) + sum(
        1 for c in comparison.changes if c.status.value == "removed" or c.moved
    )
    first_pp = document.paragraphs[2].runs
    assert first_pp[0].italic and first_pp[0].text == "Condamnant"
    assert not first_pp[1].italic


def test_the_same_comparison_gives_the_same_bytes() -> None:
    comparison, data = _earlier_draft()
    assert render_docx(comparison) == data


def test_docx_is_a_binary_format_of_the_registry() -> None:
    assert "docx" in formats() and BINARY_RENDERERS["docx"] is render_docx
    comparison, data = _earlier_draft()
    assert render_bytes(comparison, "docx") == data
    assert render_bytes(comparison, "json").startswith(b"{")


def test_cli_infers_docx_from_the_output_name(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from resdiff.cli import cli

    case = HERE / "cases" / "constructed-op-verb-changed"
    out = tmp_path / "changes.docx"
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "diff",
                                 str(case / "old.txt"), str(case / "new.txt"), "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {out.resolve()}" in result.output
    assert out.read_bytes()[:2] == b"PK" and count(out.read_bytes(), "ins") == 1
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "diff", "--format", "docx",
                                 str(case / "old.txt"), str(case / "new.txt")])  # fmt: skip
    assert result.exit_code == 2
    assert result.output == "Error: --format docx writes a file; give it with -o changes.docx\n"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_converts_every_generated_document(tmp_path: Path) -> None:
    """LibreOffice (headless) opens each document and prints it with its revisions shown."""
    if SOFFICE is None:
        pytest.fail("LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    pairs = [(c.name, c / "old.txt", c / "new.txt") for c in CASES]
    pairs += [(f"same-{a.parent.name}-{b.stem}", a, b) for a, b in SAME_TEXT[:2]]
    expected = {}
    for name, old, new in pairs:
        comparison = _comparison(old, new)
        (tmp_path / f"{name}.docx").write_bytes(render_docx(comparison))
        changed = next((c for c in comparison.changes if c.status.value == "modified"), None)
        expected[name] = changed.new[0].text if changed else comparison.new.units[-1].text
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path),
         *sorted(str(p) for p in tmp_path.glob("*.docx"))],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    for name, text in expected.items():
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.is_file(), name
        shown = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout  # fmt: skip
        words = [w for w in re.findall(r"\w{6,}", text)][:4]
        flat = " ".join(shown.split())
        assert all(w in flat for w in words), (name, words)
