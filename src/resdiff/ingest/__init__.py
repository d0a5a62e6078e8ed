"""Ingestion: a source file → a :class:`~resdiff.model.Resolution`, in testable stages.

``read_source`` (bytes and format) → ``extract_text`` (decode) → ``repair`` (OCR damage,
:mod:`resdiff.normalize`) → ``segment`` (units, :mod:`resdiff.segment`) → metadata checks.
Nothing here touches the store.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from resdiff import lang as languages
from resdiff.errors import InputError, MetadataError, StructureError, UnsupportedFormat
from resdiff.ingest import metadata
from resdiff.ingest.decode import decode
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.normalize import repair
from resdiff.segment import segment
from resdiff.segment.plain import plain_paragraphs, plain_title
from resdiff.symbols import BODIES, ResolutionSymbol

# Larger inputs are refused: a resolution is a few dozen pages at most.
MAX_SOURCE_BYTES = 20 * 1024 * 1024

_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "docx", b"{\\rtf": "rtf"}
_TEXT_SUFFIXES = {".txt", ".text", ""}


@dataclass(frozen=True, slots=True)
class Source:
    """The bytes of an input file, its name and its format (``txt``, ``pdf``, ``docx``)."""

    data: bytes
    name: str
    format: str


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
            raise InputError(f"{path} does not exist or is not a file; check the path")
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
    claimed = "txt" if suffix in _TEXT_SUFFIXES else suffix.lstrip(".")
    if sniffed and claimed == "txt" and suffix:
        raise InputError(
            f"{name} is named like a text file but holds {sniffed.upper()} data; rename it"
        )
    if claimed != "txt" and sniffed != claimed:
        raise InputError(f"{name} is not a valid .{claimed} file; check that it is not damaged")
    return Source(data=data, name=name, format=sniffed or "txt")


def extract_text(source: Source) -> str:
    """The text of a source, decoded.

    Raises:
        UnsupportedFormat: no reader for this format.
        InputError: the bytes cannot be decoded.
    """
    if source.format == "txt":
        return decode(source.data, source.name)
    raise UnsupportedFormat(
        f"{source.name}: .{source.format} input is not supported yet; convert it to UTF-8 text"
    )


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

    Raises:
        ResdiffError: unreadable input, no resolution structure, or missing/contradictory metadata.
    """
    return ingest_text(
        extract_text(source),
        lang=lang,
        symbol=symbol,
        date=date,
        title=title,
        series=series,
        source_name=source.name,
        strict=strict,
        raw=raw,
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
) -> Resolution:
    """Like :func:`ingest`, from text already decoded."""
    code = lang or languages.detect(text)
    language = languages.get(code)
    repaired = repair(text, code)
    segmentation = plain_paragraphs(repaired) if raw else segment(repaired, language)
    units = segmentation.units
    name = source_name or "the text"
    if not any(u.kind in (UnitKind.PREAMBLE, UnitKind.OPERATIVE) for u in units):
        raise StructureError(
            f"{name} holds no text; give a file with some"
            if raw
            else f"{name} has no recognisable resolution structure (no preambular or numbered "
            "operative paragraphs); store it as plain paragraphs with --raw"
        )
    found = metadata.detect(units, language)
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
        warnings=segmentation.warnings,
    )


__all__ = ["MAX_SOURCE_BYTES", "Source", "extract_text", "ingest", "ingest_text", "read_source"]
