"""Fetch a resolution by its symbol: the document from the UN Official Document System (ODS),
its metadata from the UN Digital Library, both kept in a local cache.

The ODS is asked for the Word document first (``t=doc``; kept when it is a ``.docx``, whose
numbering and footnotes read better than a PDF's), then for the PDF. A document downloaded is
never thrown away: when the library record cannot be had (blocked, malformed, offline), the
document is cached and returned with a warning and an empty record. An answer that is empty,
an HTML page or a ``202 Accepted`` is the service blocking scripted clients, said so with
advice.

Base addresses come from ``RESDIFF_ODS_URL`` and ``RESDIFF_UNDL_URL`` (tests point them at a
local server); the cache is ``$RESDIFF_CACHE``, else the system's user cache folder
(platformdirs: ``~/.cache/resdiff`` on Linux, ``~/Library/Caches/resdiff`` on macOS,
``%LOCALAPPDATA%\\resdiff\\Cache`` on Windows), and
``RESDIFF_CACHE=off`` keeps nothing (each download goes to a new temporary folder).
"""

from __future__ import annotations

import logging
import os
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from resdiff import lang as languages
from resdiff.errors import FetchError
from resdiff.fetch import http
from resdiff.fetch.library import Record, parse_record
from resdiff.symbols import ResolutionSymbol

logger = logging.getLogger(__name__)

ODS_URL = "https://documents.un.org"
UNDL_URL = "https://digitallibrary.un.org"
# Records a search may answer (the resolution, its drafts, its meeting records…).
SEARCH_RECORDS = 10
# What the ODS is asked for, in order: (its ``t`` value, the file ending, the magic bytes).
FORMATS = (("doc", "docx", b"PK\x03\x04"), ("pdf", "pdf", b"%PDF"))


class Blocked(FetchError):
    """The service answered an empty body, an HTML page or 202: it blocks scripted clients."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document (a path in the cache) and its library record.

    ``warnings`` say what could not be had (the record); ``url`` and ``record_url`` are where
    the document and the record were asked for.
    """

    symbol: str
    lang: str
    path: Path
    record: Record
    from_cache: bool
    url: str = ""
    record_url: str = ""
    warnings: tuple[str, ...] = field(default=())

    def provenance(self) -> dict[str, object]:
        """What ``meta.json`` keeps of a fetch: the addresses and the library record."""
        return {"url": self.url, "record_url": self.record_url, "record": self.record.to_dict()}


def cache_dir() -> Path | None:
    """Where downloads are kept: ``$RESDIFF_CACHE``, else the user cache folder; None for off."""
    configured = os.environ.get("RESDIFF_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("resdiff", appauthor=False))


def document_url(symbol: str, lang: str, kind: str = "pdf") -> str:
    """The ODS address of a document in one language (``kind``: ``doc`` or ``pdf``)."""
    base = os.environ.get("RESDIFF_ODS_URL", ODS_URL).rstrip("/")
    query = urllib.parse.urlencode({"s": symbol, "l": lang, "t": kind})
    return f"{base}/api/symbol/access?{query}"


def record_url(symbol: str) -> str:
    """The Digital Library search that answers the MARC-XML records of a symbol."""
    base = os.environ.get("RESDIFF_UNDL_URL", UNDL_URL).rstrip("/")
    query = urllib.parse.urlencode(
        {"p": f'191__a:"{symbol}"', "of": "xm", "rg": str(SEARCH_RECORDS)}
    )
    return f"{base}/search?{query}"


def fetch(symbol: str, lang: str, *, refresh: bool = False) -> Fetched:
    """Download a resolution (Word, else PDF) and its metadata, or take them from the cache.

    Args:
        symbol: the full symbol, ``E/RES/2021/25``.
        lang: ISO 639-1 code of the language version.
        refresh: download again even when the cache has them.

    Raises:
        InvalidSymbol: a malformed symbol.
        UnknownLanguage: a language resdiff does not know (checked before any request).
        FetchError: offline, not found, blocked, a time-out, or a malformed answer.
    """
    parsed = ResolutionSymbol.parse(symbol)
    languages.get(lang)
    name = str(parsed)
    folder = cache_dir()
    work = folder if folder is not None else Path(tempfile.mkdtemp(prefix="resdiff-fetch-"))
    xml_path = work / "undl" / f"{parsed.folder}.xml"
    document = None if refresh else _cached_document(work, parsed.folder, lang)
    from_cache = document is not None
    if document is None:
        document, url = _download_document(work, name, parsed.folder, lang)
    else:
        logger.info("%s (%s) taken from the cache %s", name, lang, folder)
        kind = next(k for k, ending, _ in FORMATS if document.suffix == f".{ending}")
        url = document_url(name, lang, kind)
    record, warnings = _record(name, xml_path, refresh or not xml_path.is_file())
    return Fetched(
        symbol=name, lang=lang, path=document, record=record, from_cache=from_cache,
        url=url, record_url=record_url(name), warnings=warnings,
    )  # fmt: skip


def _cached_document(folder: Path, stem: str, lang: str) -> Path | None:
    for _, ending, _ in FORMATS:
        path = folder / "ods" / f"{stem}.{lang}.{ending}"
        if path.is_file():
            return path
    return None


def _download_document(folder: Path, name: str, stem: str, lang: str) -> tuple[Path, str]:
    """Ask the ODS for Word, then PDF; cache and return the first real document.

    Raises:
        FetchError: not found, blocked or another failure of the last format tried.
    """
    failure: FetchError | None = None
    for kind, ending, magic in FORMATS:
        url = document_url(name, lang, kind)
        what = f"{name} ({lang}) from the ODS"
        try:
            answer = http.get(url, what)
            _check_answer(answer, what, url)
        except (http.NotFound, Blocked) as exc:  # no answer at all: the next format won't help
            failure = exc
            logger.info("%s as %s: %s", name, kind, exc)
            continue
        if not answer.body.startswith(magic):
            failure = FetchError(
                f"{what}: the answer is not a {ending.upper()} ({answer.content_type}); "
                "check the symbol and language"
            )
            logger.info("%s", failure)  # a legacy .doc, say: try the next format
            continue
        path = folder / "ods" / f"{stem}.{lang}.{ending}"
        _write(path, answer.body)
        return path, url
    assert failure is not None
    raise failure


def _check_answer(answer: http.Response, what: str, url: str) -> None:
    """Refuse what a service sends instead of a document when it blocks scripted clients.

    Raises:
        Blocked: a 202, an empty body or an HTML page.
    """
    body = answer.body.lstrip()[:200].lower()
    if answer.status == 202:
        got = "HTTP 202 (accepted, no document)"
    elif not body:
        got = "an empty page"
    elif answer.content_type == "text/html" or body.startswith((b"<!doctype html", b"<html")):
        got = "an HTML page"
    else:
        return
    raise Blocked(
        f"{what}: the service answered {got} instead of the document (it blocks some "
        f"scripted clients); open {url} in a browser, save the file and run `resdiff add FILE`"
    )


def _record(name: str, xml_path: Path, download: bool) -> tuple[Record, tuple[str, ...]]:
    """The library record (cached when it parses), or an empty one and a warning."""
    try:
        if download:
            what = f"the UN Digital Library record of {name}"
            answer = http.get(record_url(name), what)
            _check_answer(answer, what, record_url(name))
            record = parse_record(answer.body, name)  # check before caching it
            _write(xml_path, answer.body)
            return record, ()
        return parse_record(xml_path.read_bytes(), name), ()
    except FetchError as exc:
        warning = f"{exc}; the document is kept, without the library's metadata"
        logger.warning("%s", warning)
        return Record(symbol=name), (warning,)


def _write(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(path)


__all__ = ["Blocked", "Fetched", "Record", "cache_dir", "fetch"]
