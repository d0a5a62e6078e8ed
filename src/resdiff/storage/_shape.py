"""The shape of ``meta.json``: every field resdiff reads, with its type, checked at once.

A hand-edited or corrupt file is refused when it is read, with one line naming the field,
so that no command fails later on a value of the wrong type (a title that is a number, a
date that is not one, a unit that is not an object).
"""

from __future__ import annotations

import re
from typing import Any

from resdiff.model import UnitKind

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_KINDS = frozenset(kind.value for kind in UnitKind)


class ShapeError(ValueError):
    """A field of ``meta.json`` is missing or of the wrong type; the message names it."""


def _need(ok: bool, where: str, what: str) -> None:
    if not ok:
        raise ShapeError(f"{where} {what}")


def _text(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> None:
    value = data.get(key)
    if optional and value is None:
        return
    _need(isinstance(value, str), f"{where}{key}", "is missing or not a string")


def _texts(value: Any, where: str) -> None:
    _need(isinstance(value, list) and all(isinstance(v, str) for v in value), where,
          "is not a list of strings")  # fmt: skip


def check_meta(data: Any) -> None:
    """Check the shape of a parsed ``meta.json``.

    Raises:
        ShapeError: the first field that is missing or of the wrong type.

    >>> check_meta({"symbol": "E/RES/2021/25", "series": "s", "year": 2021, "date": "2021",
    ...             "languages": {}})
    Traceback (most recent call last):
    ...
    resdiff.storage._shape.ShapeError: date is not a date (YYYY-MM-DD)
    """
    _need(isinstance(data, dict), "the file", "is not a JSON object")
    for key in ("symbol", "series"):
        _text(data, key, "")
    for key in ("body", "meeting", "session", "agenda_item", "document", "base_symbol"):
        _text(data, key, "", optional=True)
    year = data.get("year")
    _need(isinstance(year, int) and not isinstance(year, bool), "year", "is not a whole number")
    _need(isinstance(data.get("date"), str) and bool(_DATE_RE.match(data["date"])), "date",
          "is not a date (YYYY-MM-DD)")  # fmt: skip
    languages = data.get("languages")
    _need(isinstance(languages, dict) and bool(languages), "languages", "is missing or empty")
    for code, item in languages.items():
        _language(item, f"languages.{code}.")


def _language(item: Any, where: str) -> None:
    _need(isinstance(item, dict), where.rstrip("."), "is not an object")
    for key in ("title", "source", "source_name"):
        _text(item, key, where)
    _need(isinstance(item.get("sha256"), str) and bool(_SHA_RE.match(item["sha256"])),
          f"{where}sha256", "is not a sha256")  # fmt: skip
    units = item.get("units")
    _need(isinstance(units, list) and bool(units), f"{where}units", "is missing or empty")
    for index, spec in enumerate(units):
        _unit(spec, f"{where}units[{index}].")
    _texts(item.get("warnings", []), f"{where}warnings")
    _need(isinstance(item.get("ingest", {}), dict), f"{where}ingest", "is not an object")
    corrections = item.get("corrections", {})
    _need(isinstance(corrections, dict) and all(isinstance(v, str) for v in corrections.values()),
          f"{where}corrections", "is not an object of sha256 strings")  # fmt: skip


def _unit(spec: Any, where: str) -> None:
    if _good_unit(spec):  # every unit of a sound file: no message made, none needed
        return
    _need(isinstance(spec, dict), where.rstrip("."), "is not an object")
    _text(spec, "id", where)
    _need(spec.get("kind") in _KINDS, f"{where}kind", "is not a unit kind")
    _text(spec, "label", where, optional=True)
    refs = spec.get("footnote_refs", [])
    _need(isinstance(refs, list) and all(isinstance(r, int) and not isinstance(r, bool)
                                         for r in refs),
          f"{where}footnote_refs", "is not a list of footnote numbers")  # fmt: skip
    _text(spec, "sha256", where, optional=True)


def _good_unit(spec: Any) -> bool:
    """True when :func:`_unit` finds nothing wrong with ``spec`` (the same checks at once)."""
    if not isinstance(spec, dict):
        return False
    label, sha, refs = spec.get("label"), spec.get("sha256"), spec.get("footnote_refs", [])
    return (
        isinstance(spec.get("id"), str)
        and spec.get("kind") in _KINDS
        and (label is None or isinstance(label, str))
        and (sha is None or isinstance(sha, str))
        and isinstance(refs, list)
        and all(type(r) is int for r in refs)  # not a bool, which is an int too
    )
