"""The metadata file of a stored version (``meta.json``): its shape, reading and writing.

Pure functions and value objects, no store-wide state: :mod:`resdiff.storage.store` decides
where and when these files are written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from resdiff import __version__
from resdiff.errors import MetadataError, ResdiffError, StoreError, UnknownVersion
from resdiff.model import Resolution, Unit, UnitKind
from resdiff.storage import _shape, layout, safety
from resdiff.symbols import ResolutionSymbol

if TYPE_CHECKING:  # the ingestion pipeline is heavy; the store only passes sources on
    from resdiff.ingest import Source

META_SCHEMA = "resdiff.meta/1"


@dataclass(frozen=True, slots=True)
class LanguageEntry:
    """One language of a stored version, as its metadata describes it."""

    lang: str
    title: str
    source: str
    source_name: str
    sha256: str
    units: tuple[dict[str, Any], ...]
    warnings: tuple[str, ...] = ()
    # How the units were made (``raw``, a given ``title``) and the recorded human
    # corrections (unit id → sha256 of the corrected unit file).
    options: dict[str, Any] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)
    # Where ``resdiff fetch`` got it: ``url``, ``record_url``, ``record`` (else empty).
    fetched: dict[str, Any] = field(default_factory=dict)
    read_by_ocr: bool = False  # ``read_by_ocr``: the text was read by OCR (a scanned PDF)

    @property
    def source_format(self) -> str:
        """``txt`` for ``source.txt``."""
        return self.source.removeprefix("source.")


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """A version of a resolution in the store, read from its ``meta.json``."""

    symbol: str
    series: str
    year: int
    date: str
    path: Path
    languages: dict[str, LanguageEntry] = field(default_factory=dict)
    body: str | None = None
    meeting: str | None = None
    session: str | None = None
    agenda_item: str | None = None
    # What the symbol says the text is (``resolution``, ``draft``, ``revision``…): the
    # ``document`` key, read from the symbol for files written before it existed.
    document: str = "resolution"

    @property
    def is_adopted(self) -> bool:
        """True for an adopted resolution (not a draft, revision, corrigendum…)."""
        return self.document == "resolution"

    @property
    def short(self) -> str:
        """``2021/25``."""
        return ResolutionSymbol.parse(self.symbol).short

    def entry(self, lang: str | None) -> LanguageEntry:
        """The entry of ``lang``; without ``lang``, the only (or French, or first) one.

        Raises:
            UnknownVersion: the version has no text in that language.
        """
        if lang is None:
            if len(self.languages) == 1:
                return next(iter(self.languages.values()))
            for preferred in ("fr", "en"):
                if preferred in self.languages:
                    return self.languages[preferred]
            return next(iter(self.languages.values()))
        try:
            return self.languages[lang]
        except KeyError:
            raise UnknownVersion(
                f"{self.symbol} has no {lang!r} text; it has: {', '.join(sorted(self.languages))}"
            ) from None


def read(path: Path, raw: bytes | None = None) -> StoredVersion:
    """Read one ``meta.json``.

    Args:
        path: the file (its folder is the version's path).
        raw: its bytes, when the caller read them (from disk or from a commit).

    Raises:
        StoreError: the file is unreadable or not of the expected shape.
    """
    try:
        data = json.loads((safety.read_bytes(path) if raw is None else raw).decode("utf-8"))
        _shape.check_meta(data)
        languages = {
            code: LanguageEntry(
                lang=code,
                title=item["title"],
                source=item["source"],
                source_name=item["source_name"],
                sha256=item["sha256"],
                units=tuple(item["units"]),
                warnings=tuple(item.get("warnings", ())),
                options=dict(item.get("ingest", {})),
                corrections={str(k): str(v) for k, v in item.get("corrections", {}).items()},
                fetched=dict(item.get("fetched", {})),
                read_by_ocr=item.get("read_by_ocr", False) is True,
            )
            for code, item in data["languages"].items()
        }
        parsed = ResolutionSymbol.parse(data["symbol"])
        version = StoredVersion(
            symbol=str(parsed),  # one spelling, whatever an older resdiff wrote
            series=data["series"],
            year=int(data["year"]),
            date=data["date"],
            path=path.parent,
            languages=languages,
            body=data.get("body"),
            meeting=data.get("meeting"),
            session=data.get("session"),
            agenda_item=data.get("agenda_item"),
            document=parsed.kind.value,
        )
        check_names(version)
        return version
    except safety.LinkInStore:
        raise
    except _shape.ShapeError as exc:
        raise StoreError(
            f"{path} is corrupt ({exc}); restore it from git or run `resdiff verify`"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ResdiffError):
        raise StoreError(
            f"{path} is corrupt; restore it from git or run `resdiff verify`"
        ) from None


# Controls (C0, DEL, C1), line and paragraph separators and the bidi controls: a value kept
# in meta.json and shown on one line (list, the commit message) must hold none of them.
_NOT_ONE_LINE_RE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def check_one_line(option: str, value: str) -> str:
    """Refuse an option value kept in ``meta.json`` that is not one line of printable text.

    Raises:
        MetadataError: the value holds a line break or another control character.
    """
    found = _NOT_ONE_LINE_RE.search(value)
    if found:
        what = {"\r": "a carriage return", "\n": "a line break"}.get(found[0])
        name = what or f"the control character U+{ord(found[0]):04X}"
        raise MetadataError(
            f"{option} holds {name}; give it as one line of text without control characters"
        )
    return value


def duplicate_ids(ids: Iterable[str]) -> list[str]:
    """The ids that occur more than once, in order of their second occurrence.

    >>> duplicate_ids(["pp8", "pp8.b", "pp8.b", "op1"])
    ['pp8.b']
    """
    seen: set[str] = set()
    repeated: list[str] = []
    for unit_id in ids:
        if unit_id in seen and unit_id not in repeated:
            repeated.append(unit_id)
        seen.add(unit_id)
    return repeated


def unit_bytes(text: str) -> bytes:
    """The bytes of a unit file: the text and a final newline, in UTF-8."""
    return (text + "\n").encode("utf-8")


def check_names(version: StoredVersion) -> None:
    """Every name a ``meta.json`` gives must map to a path inside its own version folder.

    Raises:
        StoreError, ValueError, KeyError: a symbol, series, language, format or unit id that
            resdiff would not have written.
    """
    rel = layout.version_dir(version.series, version.symbol)
    for entry in version.languages.values():
        layout.source_path(rel, entry.lang, entry.source_format)
        for spec in entry.units:
            layout.unit_file_name(spec["id"])  # the same check as unit_path, without paths
            _KINDS[spec["kind"]]  # a unit kind (KeyError otherwise)


def unit_spec(unit: Unit) -> dict[str, Any]:
    """A unit's metadata; ``sha256`` is the text the pipeline made (tells hand edits apart)."""
    return {
        "id": unit.id,
        "kind": unit.kind.value,
        "label": unit.label,
        "footnote_refs": list(unit.footnote_refs),
        "sha256": sha256(unit_bytes(unit.text)),
    }


def unit_from_spec(spec: dict[str, Any], text: str) -> Unit:
    """The unit a ``meta.json`` entry describes, with its text.

    Raises:
        KeyError: the entry has no id, or a kind that is not a unit kind.
    """
    return Unit(
        spec["id"],
        _KINDS[spec["kind"]],
        text,
        spec.get("label"),
        tuple(spec.get("footnote_refs", ())),
    )


# Unit kinds by value: a dict lookup, many times cheaper than calling the enum.
_KINDS: dict[str, UnitKind] = {kind.value: kind for kind in UnitKind}


# A bracketed list or a brace-delimited object with no nested brackets, spread over lines.
_FLAT_LIST_RE = re.compile(r"\[\n([^\[\]{}]*?)\n\s*\]")
_FLAT_OBJECT_RE = re.compile(r"\{\n([^{}]*?)\n\s*\}")


def json_bytes(data: dict[str, Any]) -> bytes:
    """Indented JSON with each flat list and flat object (a unit's entry) on one line."""

    def one_line(opening: str, closing: str) -> Any:
        return lambda m: opening + " ".join(part.strip() for part in m[1].split("\n")) + closing

    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _FLAT_LIST_RE.sub(one_line("[", "]"), text)
    text = _FLAT_OBJECT_RE.sub(one_line("{", "}"), text)
    return (text + "\n").encode("utf-8")


def sha256(data: bytes) -> str:
    import hashlib  # here, not at import: OpenSSL's start-up is for commands that write

    return hashlib.sha256(data).hexdigest()


def new_version(resolution: Resolution, series: str) -> dict[str, Any]:
    """The version-wide part of a new ``meta.json`` (no language yet)."""
    return {
        "schema": META_SCHEMA,
        "symbol": resolution.symbol,
        "series": series,
        "year": resolution.year,
        "date": resolution.date,
        "body": resolution.body,
        "meeting": resolution.meeting,
        "session": resolution.session,
        "agenda_item": resolution.agenda_item,
        **document_keys(resolution.symbol),
        "languages": {},
    }


def document_keys(symbol: str) -> dict[str, Any]:
    """``document`` (what the symbol says the text is) and ``base_symbol`` (the document a
    revision, corrigendum, addendum or amendment modifies; None for the others).

    >>> document_keys("E/CN.15/2021/L.3/Rev.1")
    {'document': 'revision', 'base_symbol': 'E/CN.15/2021/L.3'}
    """
    parsed = ResolutionSymbol.parse(symbol)
    base = str(parsed.base) if parsed.modifiers else None
    return {"document": parsed.kind.value, "base_symbol": base}


def new_language(
    resolution: Resolution, source: Source, options: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The entry of one language: title, source name and sha256, unit order, options."""
    return {
        "title": resolution.title,
        "source": layout.source_path(PurePosixPath("."), resolution.lang, source.format).name,
        "source_name": source.name,
        "sha256": sha256(source.data),
        "size": len(source.data),
        "pipeline": f"resdiff {__version__}",
        "units": [unit_spec(unit) for unit in resolution.units],
        "warnings": list(resolution.warnings),
        "ingest": dict(options or {}),
        "corrections": {},
        "read_by_ocr": resolution.read_by_ocr,
    }


def provenance(entry: LanguageEntry) -> dict[str, Any]:
    """The header facts a stored language gives a :class:`Resolution`: the official
    document's and the library record's addresses, the record's subjects and vote, OCR.

    ``fetched`` is kept as ``resdiff fetch`` wrote it and read defensively: a value of the
    wrong type is left out, never shown.
    """
    record = entry.fetched.get("record")
    record = record if isinstance(record, dict) else {}
    subjects = record.get("subjects")
    return {
        "source_url": web_address(entry.fetched.get("url")),
        "record_url": web_address(entry.fetched.get("record_url")),
        "subjects": tuple(s for s in subjects if isinstance(s, str) and s.isprintable())
        if isinstance(subjects, list)
        else (),
        "vote": vote_text(record.get("vote_note"), record.get("vote")),
        "read_by_ocr": entry.read_by_ocr,
    }


def web_address(url: object) -> str | None:
    """An ``http(s)`` address from ``meta.json``, else None (never a ``javascript:`` link)."""
    text = url if isinstance(url, str) else ""
    return text if text.startswith(("https://", "http://")) and text.isprintable() else None


def vote_text(note: object, counts: object) -> str | None:
    """How the library record says the text was adopted, in words.

    >>> vote_text("Adopted without vote", None)
    'adopted without a vote'
    >>> vote_text(None, {"yes": 120, "no": 5, "abstentions": 10, "total": 135})
    'recorded vote: 120 in favour, 5 against, 10 abstentions'
    """
    if isinstance(counts, dict) and all(
        isinstance(counts.get(key), int) for key in ("yes", "no", "abstentions")
    ):
        return (
            f"recorded vote: {counts['yes']} in favour, {counts['no']} against, "
            f"{counts['abstentions']} abstentions"
        )
    if isinstance(note, str) and note.strip() and note.isprintable():
        folded = " ".join(note.split())
        if folded.lower().startswith("adopted without vote"):
            return "adopted without a vote" + folded[len("adopted without vote") :]
        return folded[:1].lower() + folded[1:]
    return None
