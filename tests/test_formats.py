"""Input formats: text encodings, PDF text layers, scanned PDFs (OCR), Word and HTML.

The fixtures under ``tests/fixtures/formats/`` were constructed from the golden transcription
of E/RES/2021/25 by ``scripts/make_format_fixtures.py``; they are not UN documents.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from resdiff import api
from resdiff.compare import compare
from resdiff.errors import InputError, OcrUnavailable
from resdiff.ingest import Source, extract_text, ingest, read_source
from resdiff.ingest.html import html_text
from resdiff.ingest.layout import Page, Word, pages_to_text
from resdiff.model import Resolution

from .conftest import ROOT
from .golden_format import GOLDEN_DIR, read_golden

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
STEM = "E-RES-2021-25.fr.constructed"
HAS_TESSERACT = shutil.which("tesseract") is not None


def _units(resolution: Resolution) -> Resolution:
    """The resolution without its source name, which differs between formats."""
    return dataclasses.replace(resolution, source_name=None)


@pytest.fixture(scope="module")
def text_version() -> Resolution:
    return api.ingest_file(FIXTURES / f"{STEM}.txt")


def test_the_text_fixture_has_the_structure_of_the_resolution(text_version: Resolution) -> None:
    counts = {kind.value: text_version.count(kind) for kind in type(text_version.units[0].kind)}
    assert counts == {
        "title": 1, "formula": 1, "preamble": 27, "subitem": 6, "operative": 14,
        "footnote": 3, "closing": 1,
    }  # fmt: skip
    assert (text_version.symbol, text_version.date, text_version.lang) == (
        "E/RES/2021/25", "2021-07-22", "fr",
    )  # fmt: skip
    assert text_version.unit("pp6").footnote_refs == (2, 3)
    assert text_version.warnings == (
        "footnote 4 is referenced in pp19 but its text is missing from the source",
    )


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_every_format_ingests_to_the_same_units_as_the_text(
    suffix: str, text_version: Resolution
) -> None:
    other = api.ingest_file(FIXTURES / f"{STEM}{suffix}")
    assert _units(other) == _units(text_version)


def test_the_text_fixture_matches_the_golden_transcription(text_version: Resolution) -> None:
    golden = read_golden(GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt")
    assert [(u.id, u.label, u.refs, u.text) for u in golden] == [
        (u.id, u.label, u.footnote_refs, u.text) for u in text_version.units
    ]


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_diffing_two_formats_gives_no_changes(suffix: str, text_version: Resolution) -> None:
    comparison = compare(text_version, api.ingest_file(FIXTURES / f"{STEM}{suffix}"))
    assert not comparison.has_differences
    assert comparison.summary()["unchanged"] == len(text_version.units)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_text_in_other_encodings_ingests_the_same(
    encoding: str, seed_text: str, tmp_path: Path
) -> None:
    utf8, other = tmp_path / "utf8.txt", tmp_path / f"{encoding}.txt"
    utf8.write_text(seed_text, encoding="utf-8")
    other.write_bytes(seed_text.encode(encoding))
    assert _units(api.ingest_file(other)) == _units(api.ingest_file(utf8))


def _accuracy(expected: Resolution, found: Resolution) -> float:
    """Character accuracy of ``found`` against ``expected``, unit by unit."""
    total = errors = 0
    by_id = {unit.id: unit.text for unit in found.units}
    for unit in expected.units:
        matcher = difflib.SequenceMatcher(None, unit.text, by_id.get(unit.id, ""), autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        total += len(unit.text)
        errors += max(len(unit.text), len(by_id.get(unit.id, ""))) - same
    return 1 - errors / total


# .ci/run installs tesseract-ocr and tesseract-ocr-fra, so CI always runs this test.
@pytest.mark.slow
@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract is not installed (.ci/run installs it)")
def test_a_scanned_pdf_is_read_by_ocr(text_version: Resolution) -> None:
    scanned = api.ingest_file(FIXTURES / f"{STEM}-scan.pdf", lang="fr")
    assert scanned.ids == text_version.ids
    assert [u.footnote_refs for u in scanned.units] == [u.footnote_refs for u in text_version.units]
    assert [u.label for u in scanned.units] == [u.label for u in text_version.units]
    assert (scanned.symbol, scanned.date, scanned.title) == (
        text_version.symbol, text_version.date, text_version.title,
    )  # fmt: skip
    assert _accuracy(text_version, scanned) >= 0.999
    assert not compare(text_version, scanned).has_differences


def test_a_scanned_pdf_without_ocr_is_refused_with_the_fix() -> None:
    source = read_source(FIXTURES / f"{STEM}-scan.pdf")
    with pytest.raises(OcrUnavailable) as error:
        extract_text(source, ocr=False)
    assert str(error.value) == (
        f"{STEM}-scan.pdf has no text layer (scanned pages); run again with --ocr "
        "(needs tesseract: apt-get install tesseract-ocr tesseract-ocr-fra)"
    )


def test_a_scanned_pdf_without_tesseract_says_how_to_enable_ocr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RESDIFF_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailable) as error:
        extract_text(read_source(FIXTURES / f"{STEM}-scan.pdf"))
    assert str(error.value) == (
        f"{STEM}-scan.pdf has no text layer (scanned pages); install tesseract "
        "(apt-get install tesseract-ocr tesseract-ocr-fra) to OCR scanned PDFs"
    )


def test_the_pdf_reader_drops_page_furniture_and_keeps_footnotes_at_the_page_foot() -> None:
    text = extract_text(read_source(FIXTURES / f"{STEM}.pdf"))
    assert "21-10785" not in text and "E/RES/2021/25" not in text and "1/5" not in text
    assert "Document construit" not in text  # the notice in the footer band
    assert "des personnes¹," in text  # a superscript mark, glued to its word
    # The footnotes of page 1, then page 2 starting with a space.
    assert "\n\n1 Résolution 64/293 de l’Assemblée générale.\n2 Nations Unies" in text
    assert "nº 39574.\n\n " in text


def test_damaged_inputs_are_refused_with_one_line_messages() -> None:
    with pytest.raises(InputError, match=r"^broken\.pdf is not a readable PDF"):
        extract_text(Source(b"%PDF-1.4\nnot really", "broken.pdf", "pdf"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word file")
    with pytest.raises(InputError, match=r"^other\.docx is not a readable Word file"):
        extract_text(Source(buffer.getvalue(), "other.docx", "docx"))


# --- layout of positioned words ------------------------------------------------------------


def _word(text: str, x0: float, top: float, size: float = 10.0, raise_: float = 0.0) -> Word:
    width = len(text) * size * 0.5
    return Word(text, x0, x0 + width, top - raise_, top + size - raise_, size)


def _line(text: str, top: float, size: float = 10.0, x0: float = 72.0) -> list[Word]:
    words, x = [], x0
    for piece in text.split():
        words.append(_word(piece, x, top, size))
        x = words[-1].x1 + size * 0.3
    return words


def test_layout_paragraphs_marks_bands_and_footnotes() -> None:
    header = _line("E/RES/2021/25", 30)
    body = [
        *_line("Rappelant la résolution", 100),
        *_line("de l’Assemblée générale,", 112),
        *_line("Notant le rapport", 136),
        *_line("du Secrétaire.", 148),
    ]
    mark = _word("1", body[5].x1, 112 + 0.5, size=6.0, raise_=3.0)
    note = [_word("1", 72, 700, 6.0, 2.0), *_line("Résolution 64/293.", 700, 8.0, x0=76)]
    footer = _line("21-10785 (F)", 800)
    page = Page(595, 842, (*header, *body[:-5], mark, *body[-5:], *note, *footer))
    second = Page(595, 842, tuple(_line("et la suite.", 100)))
    assert pages_to_text([page, second]) == (
        "Rappelant la résolution\nde l’Assemblée générale,¹\n\nNotant le rapport\ndu Secrétaire.\n\n"
        "1 Résolution 64/293.\n\n et la suite.\n"
    )


# --- HTML and Word details -------------------------------------------------------------------


def test_html_lists_get_their_printed_labels_and_footnotes_go_last() -> None:
    page = """<html><head><style>p {}</style></head><body><nav>Menu</nav>
    <p>Le Conseil économique et social,</p>
    <ol><li>Prie<sup>1</sup> les États ;</li><li>Décide :</li></ol>
    <ol type="a"><li>de faire ;</li></ol>
    <ol start="3"><li>Invite.</li></ol>
    <aside><h2>Notes</h2><p><sup>1</sup> Voir.</p></aside></body></html>"""
    assert html_text(page) == (
        "Le Conseil économique et social,\n\n1. Prie¹ les États ;\n\n2. Décide :\n\n"
        "a) de faire ;\n\n3. Invite.\n\n1 Voir.\n"
    )


def test_html_is_recognised_without_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>", encoding="utf-8")
    assert read_source(path).format == "html"


def _docx(build: object) -> bytes:
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_list_numbering_from_styles_and_typed_superscripts() -> None:
    def build(document: object) -> None:
        document.add_paragraph("Le Conseil,")  # type: ignore[attr-defined]
        # The default template numbers "List Number" paragraphs "1.", "2."... through its style.
        document.add_paragraph("Décide ;", style="List Number")  # type: ignore[attr-defined]
        paragraph = document.add_paragraph("Prie", style="List Number")  # type: ignore[attr-defined]
        paragraph.add_run("2").font.superscript = True
        paragraph.add_run(" le Secrétaire général.")

    text = extract_text(Source(_docx(build), "list.docx", "docx"))
    assert text == "Le Conseil,\n\n1. Décide ;\n\n2. Prie² le Secrétaire général.\n"


def test_the_word_fixture_has_real_footnotes_and_numbering() -> None:
    data = (FIXTURES / f"{STEM}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
        assert "word/footnotes.xml" in archive.namelist()
    assert "w:footnoteReference" in document and "w:numPr" in document
    assert ">Prie<" in document and "1. Prie" not in document  # labels come from Word


# --- the command line ----------------------------------------------------------------------


def test_add_a_pdf_and_a_word_file_through_the_cli(tmp_path: Path, runner: object) -> None:
    from click.testing import CliRunner

    from resdiff.cli import cli

    assert isinstance(runner, CliRunner)
    store = tmp_path / "store"
    result = runner.invoke(
        cli, ["--store", str(store), "add", str(FIXTURES / f"{STEM}.pdf"), "--no-commit"]
    )
    assert result.exit_code == 0, result.output
    assert "added E/RES/2021/25 (fr) 2021-07-22: 53 units" in result.output
    result = runner.invoke(cli, ["--store", str(store), "show", "2021", "--json"])
    assert '"id": "op14"' in result.output
    result = runner.invoke(cli, ["normalize", str(FIXTURES / f"{STEM}.docx")])
    assert result.exit_code == 0 and "Prie instamment" in result.output


def test_ingest_takes_the_ocr_flag() -> None:
    source = read_source(FIXTURES / f"{STEM}.pdf")
    assert ingest(source, ocr=False).ids == api.ingest_file(FIXTURES / f"{STEM}.txt").ids
