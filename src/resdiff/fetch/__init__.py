"""Fetch a resolution by its symbol: the document from the UN Official Document System (ODS),
its metadata from the UN Digital Library, both kept in a local cache.

Base addresses come from ``RESDIFF_ODS_URL`` and ``RESDIFF_UNDL_URL`` (tests point them at a
local server); the cache is ``$RESDIFF_CACHE`` or ``~/.cache/resdiff``.
"""

from __future__ import annotations

import logging
import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from resdiff.errors import FetchError
from resdiff.fetch import http
from resdiff.fetch.library import Record, parse_record
from resdiff.symbols import ResolutionSymbol

logger = logging.getLogger(__name__)

ODS_URL = "https://documents.un.org"
UNDL_URL = "https://digitallibrary.un.org"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document (a path in the cache) and its library record."""

    symbol: str
    lang: str
    path: Path
    record: Record
    from_cache: bool


def cache_dir() -> Path:
    """Where downloads are kept: ``$RESDIFF_CACHE``, else ``~/.cache/resdiff``."""
    configured = os.environ.get("RESDIFF_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "resdiff"


def document_url(symbol: str, lang: str) -> str:
    """The ODS address of a document's PDF in one language."""
    base = os.environ.get("RESDIFF_ODS_URL", ODS_URL).rstrip("/")
    query = urllib.parse.urlencode({"s": symbol, "l": lang, "t": "pdf"})
    return f"{base}/api/symbol/access?{query}"


def record_url(symbol: str) -> str:
    """The Digital Library search that answers the MARC-XML record of a symbol."""
    base = os.environ.get("RESDIFF_UNDL_URL", UNDL_URL).rstrip("/")
    query = urllib.parse.urlencode({"p": f'191__a:"{symbol}"', "of": "xm", "rg": "1"})
    return f"{base}/search?{query}"


def fetch(symbol: str, lang: str, *, refresh: bool = False) -> Fetched:
    """Download a resolution (PDF) and its metadata, or take them from the cache.

    Args:
        symbol: the full symbol, ``E/RES/2021/25``.
        lang: ISO 639-1 code of the language version.
        refresh: download again even when the cache has them.

    Raises:
        InvalidSymbol: a malformed symbol.
        FetchError: offline, not found, a time-out, or a malformed answer.
    """
    parsed = ResolutionSymbol.parse(symbol)
    name = str(parsed)
    folder = cache_dir()
    pdf_path = folder / "ods" / f"{parsed.folder}.{lang}.pdf"
    xml_path = folder / "undl" / f"{parsed.folder}.xml"
    cached = pdf_path.is_file() and xml_path.is_file() and not refresh
    if not cached:
        answer = http.get(document_url(name, lang), f"{name} ({lang}) from the ODS")
        if not answer.body.startswith(b"%PDF"):
            raise FetchError(
                f"{name} ({lang}) from the ODS: the answer is not a PDF "
                f"({answer.content_type}); check the symbol and language"
            )
        record_answer = http.get(record_url(name), f"the UN Digital Library record of {name}")
        record = parse_record(record_answer.body, name)  # check before caching anything
        _write(pdf_path, answer.body)
        _write(xml_path, record_answer.body)
    else:
        logger.info("%s (%s) taken from the cache %s", name, lang, folder)
        record = parse_record(xml_path.read_bytes(), name)
    return Fetched(symbol=name, lang=lang, path=pdf_path, record=record, from_cache=cached)


def _write(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(path)


__all__ = ["Fetched", "Record", "cache_dir", "fetch"]
