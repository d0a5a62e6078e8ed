"""Word 97–2003 (.doc), OpenDocument (.odt) and RTF files, read through LibreOffice.

ODS serves older resolutions as .doc; LibreOffice users have .odt. Both were refused with
"not a valid .doc/.odt file; check that it is not damaged", which was wrong. The files are the
layout matrix's (``tests/layouts/*/word-libreoffice.{doc,odt,rtf}``, constructed from the
golden transcription and the constructed English text); ``tests/test_layout_matrix.py`` checks
that each reads as its text, here the routes around the reading: sniffing, the stored source,
rebuild and the errors.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from resdiff import api
from resdiff.errors import InputError, UnsupportedFormat
from resdiff.ingest import extract_text, read_source

from .conftest import ROOT, git, run_in_store

LAYOUTS = ROOT / "tests" / "layouts"
FRENCH = LAYOUTS / "E-RES-2021-25.fr"
ENGLISH = LAYOUTS / "constructed-en"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)


@pytest.mark.parametrize(("suffix", "fmt"), [("doc", "doc"), ("odt", "odt"), ("rtf", "rtf")])
def test_the_format_is_told_by_the_bytes_not_the_name(
    suffix: str, fmt: str, tmp_path: Path
) -> None:
    data = (FRENCH / f"word-libreoffice.{suffix}").read_bytes()
    assert read_source(FRENCH / f"word-libreoffice.{suffix}").format == fmt
    # A Word 97–2003 file renamed .docx is still told apart (and an ODT is no Word 2007 file).
    misnamed = tmp_path / "renamed.docx"
    misnamed.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(misnamed)
    assert str(caught.value) == (
        f"renamed.docx is named .docx but holds {fmt.upper()} data; rename it .{fmt}"
    )


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "odt", "rtf"])
def test_each_format_reads_as_the_word_file_it_was_saved_from(suffix: str) -> None:
    for folder in (FRENCH, ENGLISH):
        expected = api.ingest_file(folder / "word.docx", strict=False)
        read = api.ingest_file(folder / f"word-libreoffice.{suffix}", strict=False)
        assert [(u.id, u.text) for u in read.units] == [(u.id, u.text) for u in expected.units]
        assert (read.symbol, read.date) == (expected.symbol, expected.date)


@needs_libreoffice
def test_a_doc_is_stored_byte_for_byte_and_rebuilt_from_its_source(empty_store: Path) -> None:
    source = FRENCH / "word-libreoffice.doc"
    code, output = run_in_store(empty_store, "add", str(source))
    assert code == 0, output
    assert output.startswith("added E/RES/2021/25 (fr) 2021-07-22: 53 units")
    version = next(empty_store.glob("*/E-RES-2021-25/fr"))
    stored = version / "source.doc"
    assert (
        hashlib.sha256(stored.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
    )
    assert json.loads((version.parent / "meta.json").read_text())["languages"]["fr"]["source"] == (
        "source.doc"
    )
    before = git(empty_store.parent, "rev-parse", "HEAD")
    code, output = run_in_store(empty_store, "rebuild")  # converts the stored .doc again
    assert code == 0, output
    assert git(empty_store.parent, "rev-parse", "HEAD") == before  # nothing to change
    code, output = run_in_store(empty_store, "verify")
    assert code == 0, output


def test_without_libreoffice_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, empty_store: Path
) -> None:
    monkeypatch.delenv("RESDIFF_SOFFICE", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(UnsupportedFormat) as caught:
        extract_text(read_source(FRENCH / "word-libreoffice.doc"))
    assert str(caught.value) == (
        "word-libreoffice.doc is a Word 97–2003 file, which resdiff reads through LibreOffice; "
        "install LibreOffice (or set RESDIFF_SOFFICE to its soffice program), or save the file "
        "as .docx or PDF"
    )
    code, output = run_in_store(empty_store, "add", str(FRENCH / "word-libreoffice.odt"))
    assert code != 0
    assert "is a OpenDocument text file" not in output  # the article agrees
    assert "an OpenDocument text file, which resdiff reads through LibreOffice" in output
    assert not empty_store.exists() or not any(empty_store.rglob("meta.json"))


def test_a_program_that_cannot_run_is_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESDIFF_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(InputError, match=r"^cannot run LibreOffice \(/nonexistent/soffice: "):
        extract_text(read_source(ENGLISH / "word-libreoffice.rtf"))


@needs_libreoffice
def test_a_damaged_doc_is_refused_in_one_line_and_the_store_is_unchanged(
    tmp_path: Path, empty_store: Path
) -> None:
    damaged = tmp_path / "damaged.doc"
    damaged.write_bytes(OLE_MAGIC + b"\x00" * 504 + b"not a compound file" * 40)
    code, output = run_in_store(empty_store, "add", str(damaged))
    assert code != 0
    assert output.strip().splitlines()[-1] == (
        "Error: LibreOffice could not read damaged.doc as a Word 97–2003 file; check that it "
        "is not damaged, or save it as .docx or PDF"
    )
    assert not empty_store.exists() or not any(empty_store.rglob("meta.json"))
