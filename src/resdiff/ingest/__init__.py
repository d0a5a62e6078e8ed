"""Ingestion: a source file → a :class:`~resdiff.model.Resolution`, in testable stages.

``read_source`` (bytes and format) → ``extract_text`` (decode) → ``repair`` (OCR damage,
:mod:`resdiff.normalize`) → ``segment`` (units, :mod:`resdiff.segment`) → metadata checks.
Nothing here touches the store.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from resdiff import lang as languages
from resdiff.akn.sniff import is_akn
from resdiff.errors import (
    InputError,
    MetadataError,
    OcrUnavailable,
    StructureError,
    UnsupportedFormat,
)
from resdiff.ingest import images, metadata
from resdiff.ingest.decode import decode
from resdiff.ingest.endnotes import canonical_endnotes
from resdiff.ingest.link_list import drop_link_list
from resdiff.ingest.quoted import unquote
from resdiff.ingest.text_layout import shape_text
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.normalize import repair
from resdiff.segment import compilation, segment
from resdiff.segment.boundaries import is_closing_line
from resdiff.segment.plain import plain_paragraphs, plain_title
from resdiff.symbols import BODIES, ResolutionSymbol

logger = logging.getLogger(__name__)

# Larger inputs are refused: a resolution is a few dozen pages at most.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

_MAGIC = {
    b"%PDF": "pdf",
    b"PK\x03\x04": "docx",
    b"{\\rtf": "rtf",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "doc",  # an OLE2 compound file: Word 97–2003
}
# The formats read, as suffixes name them (an image is told by its suffix: see .images).
_READ = frozenset({"txt", "pdf", "docx", "doc", "odt", "rtf", "html", "htm", "xhtml", "xml", "akn"})
# Formats told by their bytes whose names are checked against them.
_TOLD = frozenset({"pdf", "docx", "doc", "odt", "rtf"})
# An OpenDocument package opens with its uncompressed ``mimetype`` member (ODF 1.2, 3.3).
_ODT_START = b"mimetypeapplication/vnd.oasis.opendocument.text"
_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_AKN_SUFFIXES = {".xml", ".akn"}
_HTML_START_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


@dataclass(frozen=True, slots=True)
class Source:
    """The bytes of an input file, its name and its format (``txt``, ``md`` (Markdown), ``pdf``,
    ``docx``…)."""

    data: bytes
    name: str
    format: str


def _not_a_file(path: Path) -> str:
    """What is wrong with an input path that is no regular file (never opened: a pipe would
    block)."""
    if not path.exists():
        return f"{path} does not exist; check the path"
    if path.is_dir():
        return f"{path} is a folder, not a file; give a text, PDF, Word, HTML or Akoma Ntoso file"
    return (
        f"{path} is not a regular file (a pipe, socket or device); save it to a file, "
        "or give - to read standard input"
    )


def read_source(path: str | Path) -> Source:
    """Read an input file (``-`` reads standard input) and tell its format.

    Raises:
        InputError: the file is missing, unreadable, too large, or not what its name says.
    """
    if str(path) == "-":
        data, name, suffix = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1), "stdin.txt", ""
    else:
        file = Path(path)
        if not file.is_file():
            raise InputError(_not_a_file(file))
        if file.stat().st_size > MAX_SOURCE_BYTES:
            raise InputError(f"{path} is larger than {MAX_SOURCE_BYTES // 2**20} MB; split it")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
        name, suffix = file.name, file.suffix.lower()
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(f"{name} is larger than {MAX_SOURCE_BYTES // 2**20} MB; split it")
    sniffed = next((fmt for magic, fmt in _MAGIC.items() if data.startswith(magic)), None)
    if sniffed == "docx" and data[30 : 30 + len(_ODT_START)] == _ODT_START:
        sniffed = "odt"
    if sniffed is None and _HTML_START_RE.match(data[:4096]):
        sniffed = "html"
    if sniffed is None and is_akn(data):
        sniffed = "akn"
    if suffix in images.SUFFIXES:  # a scan or a photo of the pages, read by OCR
        if not images.is_image(data):
            raise InputError(f"{name} is not a valid {suffix} image; check that it is not damaged")
        return Source(data=data, name=name, format="image")
    claimed = "txt" if suffix in _TEXT_SUFFIXES else suffix.lstrip(".")
    if claimed not in _READ and sniffed is None:
        raise InputError(
            f"{name}: resdiff does not read .{claimed} files; save it as PDF, Word (.docx), "
            "HTML or UTF-8 text"
        )
    if suffix in _HTML_SUFFIXES:
        claimed = "html"
    if suffix in _AKN_SUFFIXES:
        if sniffed != "akn":
            raise InputError(
                f"{name} is not an Akoma Ntoso document (no AKN 3.0 namespace); "
                "resdiff reads XML only as Akoma Ntoso"
            )
        claimed = "akn"
    if sniffed == "html" and claimed == "txt":
        claimed = "html"  # standard input or a page saved without its suffix
    if sniffed and claimed == "txt" and suffix:
        raise InputError(
            f"{name} is named like a text file but holds {sniffed.upper()} data; rename it"
        )
    if claimed in _TOLD and sniffed in _TOLD and sniffed not in (claimed, "docx"):
        # a Word 97–2003 file saved as .docx, an ODT renamed: say what it is (any zip opens
        # like a .docx, so that one is not told)
        raise InputError(
            f"{name} is named .{claimed} but holds {sniffed.upper()} data; rename it .{sniffed}"
        )
    if claimed != "txt" and sniffed != claimed:
        raise InputError(f"{name} is not a valid .{claimed} file; check that it is not damaged")
    if sniffed is None and suffix in _MARKDOWN_SUFFIXES:
        return Source(data=data, name=name, format="md")
    return Source(data=data, name=name, format=sniffed or "txt")


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text read from a source for ingestion: mojibake repaired, and how it was read."""

    text: str
    read_by_ocr: bool = False  # a scanned PDF read by tesseract
    # what the reader noticed (tracked changes accepted) and what was repaired before the OCR
    # repair (mojibake)
    warnings: tuple[str, ...] = ()


def extract(source: Source, *, lang: str | None = None, ocr: bool | None = None) -> Extracted:
    """:func:`extract_text`, then mojibake repaired (:mod:`.mojibake`), for ingestion.

    Raises:
        UnsupportedFormat, OcrUnavailable, InputError: as :func:`extract_text`.
    """
    from resdiff.ingest.mojibake import repair_mojibake

    text, read_by_ocr, warnings = _read(source, lang, ocr)
    repaired_text, repaired = repair_mojibake(text)
    if repaired:
        warnings = (*warnings, repaired.warning)
    return Extracted(repaired_text, read_by_ocr, warnings)


def extract_text(source: Source, *, lang: str | None = None, ocr: bool | None = None) -> str:
    """The text of a source, shaped as the segmenter expects (see :mod:`.layout`).

    Args:
        source: from :func:`read_source`.
        lang: the language, to pick tesseract's language data when OCR runs.
        ocr: for PDF files, True to OCR the page images even when there is a text layer,
            False never to OCR, None to OCR a PDF that has no text layer.

    Raises:
        UnsupportedFormat: no reader for this format.
        OcrUnavailable: a scanned PDF, and OCR is off or tesseract is not installed.
        InputError: the bytes cannot be decoded or the file is damaged.
    """
    return _read(source, lang, ocr)[0]


def _read(source: Source, lang: str | None, ocr: bool | None) -> tuple[str, bool, tuple[str, ...]]:
    """The text of a source, whether OCR read it, and what the reader warns of."""
    started = time.perf_counter()
    warnings: tuple[str, ...] = ()
    if source.format == "pdf":
        text, read_by_ocr = _pdf_text(source, lang, ocr)
    elif source.format == "image":
        text, read_by_ocr = _image_text(source, lang, ocr), True
    elif source.format in ("docx", "doc", "odt", "rtf"):
        (text, warnings), read_by_ocr = _word_text(source), False
    else:
        text, read_by_ocr = _extract(source, lang), False
    logger.info("read %s (%s) in %.2f s", source.name, source.format, time.perf_counter() - started)
    if not text.strip():
        raise InputError(f"{source.name} holds no text; check that it is a resolution")
    return text, read_by_ocr, warnings


def _word_text(source: Source) -> tuple[str, tuple[str, ...]]:
    """A Word file's text (another word processor's converted first), and the warning that
    its tracked changes were accepted."""
    from resdiff.ingest.docx import read_docx

    data = source.data
    if source.format != "docx":
        from resdiff.ingest.convert import to_docx

        data = to_docx(data, source.name, source.format)
    read = read_docx(data, source.name)
    warning = read.warning(source.name)
    return read.text, (warning,) if warning else ()


def _extract(source: Source, lang: str | None) -> str:
    if source.format == "txt":
        return decode(source.data, source.name)
    if source.format == "html":
        from resdiff.ingest.html import html_text

        return html_text(decode(source.data, source.name))
    if source.format == "md":
        from resdiff.ingest.markdown import is_markdown, markdown_text

        text = decode(source.data, source.name)
        return markdown_text(text) if is_markdown(text) else text
    if source.format == "akn":
        from resdiff.akn.read import read_akn

        units = read_akn(source.data, source.name, lang=lang, strict=False).units
        return "\n\n".join(unit.text for unit in units) + "\n"
    raise UnsupportedFormat(
        f"{source.name}: .{source.format} input is not supported; "
        "save it as PDF, Word (.docx), HTML or UTF-8 text"
    )


def _image_text(source: Source, lang: str | None, ocr: bool | None) -> str:
    """The text of a scan or a photo given as an image file: tesseract reads every page."""
    from resdiff.ingest.layout import pages_to_text
    from resdiff.ingest.ocr import ocr_pages
    from resdiff.ingest.pdf import OCR_DPI

    if ocr is False:
        raise OcrUnavailable(
            f"{source.name} is an image, which only OCR reads; run again without --no-ocr"
        )
    pages = images.page_images(source.data, source.name, OCR_DPI)
    return pages_to_text(ocr_pages(pages, source.name, lang), trust_marks=False)


def _pdf_text(source: Source, lang: str | None, ocr: bool | None) -> tuple[str, bool]:
    from resdiff.ingest import pdf
    from resdiff.ingest.layout import pages_to_text

    pages = pdf.text_pages(source.data, source.name)
    if ocr is not True and pdf.has_text_layer(pages):
        if pdf.is_ocr_layer(pages):  # a searchable scan: its words are an OCR reading
            logger.info("%s is a scan with an OCR text layer", source.name)
            return pages_to_text(pages, trust_marks=False), True
        return pages_to_text(pages), False
    if ocr is False:
        raise OcrUnavailable(
            f"{source.name} has no text layer (scanned pages); run again with --ocr "
            "(needs tesseract: apt-get install tesseract-ocr tesseract-ocr-fra)"
        )
    from resdiff.ingest.ocr import ocr_pages

    images = pdf.page_images(source.data, source.name)
    return pages_to_text(ocr_pages(images, source.name, lang), trust_marks=False), True


def ingest(
    source: Source,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    strict: bool = True,
    raw: bool = False,
    ocr: bool | None = None,
    pick: str | None = None,
) -> Resolution:
    """Turn a source file into a resolution with canonical units and checked metadata.

    Args:
        source: from :func:`read_source`.
        lang: ISO 639-1 code; detected from the text when None.
        symbol: the full UN symbol, when the text does not print it.
        date: adoption date (``YYYY-MM-DD``), when the closing does not print it.
        title: the title, when the text has no heading.
        series: the series the resolution belongs to.
        strict: require a symbol, a date and a title (needed to store the text). Without
            it, what the text does not print stays empty: enough to diff a draft.
        raw: store the text as plain paragraphs ``p1``…``pN`` (``symbol`` and ``date``
            must then be given; the title defaults to the start of the first paragraph).
        ocr: PDF only: True forces OCR, False forbids it, None OCRs scanned PDFs.
        pick: the heading (``2021/26``) of the resolution to read in a file that holds
            several (a compilation); None reads the first, with a warning naming the others.

    Raises:
        ResdiffError: unreadable input, no resolution structure, or missing/contradictory metadata.
    """
    if source.format == "akn":  # the structure is in the markup: no repair, no segmentation
        from resdiff.akn.read import read_akn

        return read_akn(
            source.data, source.name, lang=lang, symbol=symbol, date=date, title=title,
            series=series, strict=strict,
        )  # fmt: skip
    extracted = extract(source, lang=lang, ocr=ocr)
    return ingest_text(
        extracted.text,
        read_by_ocr=extracted.read_by_ocr,
        notes=extracted.warnings,
        lang=lang,
        symbol=symbol,
        date=date,
        title=title,
        series=series,
        source_name=source.name,
        strict=strict,
        raw=raw,
        pick=pick,
    )


def _one_resolution(
    text: str, language: languages.Language, name: str, pick: str | None
) -> tuple[str, tuple[str, ...]]:
    """The text of one resolution of a file that may hold several (see
    :mod:`resdiff.segment.compilation`): the one headed ``pick``, else the first, with a
    warning that names the others.

    Raises:
        InputError: no resolution of the file is headed ``pick``.
    """
    parts = compilation.split(text, language)
    labels = [part.label for part in parts if part.label]
    if pick is not None:
        wanted = pick.strip().rstrip(".")
        chosen = next((part for part in parts if part.label == wanted), None)
        if chosen is None:
            held = ", ".join(labels) or "no heading such as 2021/25"
            raise InputError(f"{name} holds no resolution headed {wanted}; it holds {held}")
        return chosen.text, ()
    if len(parts) == 1:
        return text, ()
    shown = ", ".join(labels if len(labels) <= 6 else [*labels[:5], "…", labels[-1]])
    return parts[0].text, (
        f"{name} holds {len(parts)} resolutions ({shown}): only the first, {labels[0]}, is "
        f"read; add another with `resdiff add FILE --pick {labels[1]}`",
    )


def ingest_text(
    text: str,
    *,
    lang: str | None = None,
    symbol: str | None = None,
    date: str | None = None,
    title: str | None = None,
    series: str | None = None,
    source_name: str | None = None,
    strict: bool = True,
    raw: bool = False,
    read_by_ocr: bool = False,
    notes: tuple[str, ...] = (),
    pick: str | None = None,
) -> Resolution:
    """Like :func:`ingest`, from text already decoded.

    ``read_by_ocr`` says the text was read by OCR; ``notes`` are warnings from reading it
    (a mojibake repair), put before the segmentation's.
    """
    if lang is not None:
        languages.check_language(text, lang)
    code = lang or languages.detect(text)
    language = languages.get(code)
    closing = functools.partial(is_closing_line, language=language)
    shaped = shape_text(drop_link_list(unquote(text)))
    repaired = repair(canonical_endnotes(shaped, closing), code)
    name = source_name or "the text"
    if not raw:
        repaired, picked = _one_resolution(repaired, language, name, pick)
        notes = (*notes, *picked)
    segmentation = plain_paragraphs(repaired) if raw else segment(repaired, language)
    units = segmentation.units
    if not any(u.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE) for u in units):
        raise StructureError(
            f"{name} holds no text; give a file with some"
            if raw
            else f"{name} has no recognisable resolution structure (no preambular or numbered "
            "operative paragraphs); store it as plain paragraphs with --raw"
        )
    front = tuple(d.text for d in segmentation.discarded if d.kind == "front-matter")
    masthead = tuple(d.text for d in segmentation.discarded if d.kind == "page-header")
    found = metadata.detect(units, language, front, masthead)
    parsed = ResolutionSymbol.parse(symbol) if symbol else found.symbol
    if parsed is None and strict:
        raise MetadataError(
            f"no resolution symbol found in {name}; give it with --symbol E/RES/2021/25"
        )
    iso_date = metadata.check_date(date) if date else found.date
    if iso_date is None and strict:
        raise MetadataError(f"no adoption date found in {name}; give it with --date YYYY-MM-DD")
    if parsed is not None and iso_date is not None:
        metadata.check_consistent(parsed, iso_date)
    final_title = title or found.title or (plain_title(units) if raw else None)
    if not final_title and strict:
        raise MetadataError(f"no title found in {name}; give it with --title")
    if title and not any(u.kind is UnitKind.TITLE for u in units):
        units = (Unit("title", UnitKind.TITLE, title), *units)
    return Resolution(
        symbol=str(parsed) if parsed else "",
        lang=code,
        units=units,
        title=final_title or "",
        date=iso_date,
        year=int(iso_date[:4]) if iso_date else None,
        series=series,
        body=BODIES.get(parsed.body) if parsed else None,
        meeting=found.meeting,
        source_name=source_name,
        warnings=(*notes, *segmentation.warnings),
        session=metadata.session(parsed) if parsed else None,
        agenda_item=found.agenda_item,
        read_by_ocr=read_by_ocr,
    )


__all__ = [
    "MAX_SOURCE_BYTES", "Extracted", "Source", "extract", "extract_text", "ingest", "ingest_text",
    "read_source",
]  # fmt: skip
