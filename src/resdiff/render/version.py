"""Rendering of stored versions: ``resdiff show`` and ``resdiff list`` (text and JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resdiff.model import Resolution
from resdiff.render.safety import json_text, terminal_safe
from resdiff.storage import StoredVersion

VERSION_SCHEMA = "resdiff.version/1"
LIST_SCHEMA = "resdiff.list/1"


def version_data(resolution: Resolution) -> dict[str, Any]:
    """The ``resdiff.version/1`` shape of a resolution."""
    return {
        "schema": VERSION_SCHEMA,
        "symbol": resolution.symbol,
        "document": resolution.document,
        "series": resolution.series,
        "year": resolution.year,
        "date": resolution.date,
        "lang": resolution.lang,
        "title": resolution.title,
        "body": resolution.body,
        "meeting": resolution.meeting,
        "session": resolution.session,
        "agenda_item": resolution.agenda_item,
        "source_name": resolution.source_name,
        "warnings": list(resolution.warnings),
        "units": [
            {
                "id": unit.id,
                "kind": unit.kind.value,
                "label": unit.label,
                "text": unit.text,
                "footnote_refs": list(unit.footnote_refs),
            }
            for unit in resolution.units
        ],
    }


def render_version_json(resolution: Resolution) -> str:
    """``resdiff show --json``."""
    return json_text(version_data(resolution))


def render_version_text(resolution: Resolution) -> str:
    """``resdiff show``: a header, then one unit per paragraph with its id."""
    kind = resolution.document_label
    dated = f"{kind}, issued" if kind else "adopted"
    lines = [
        f"{resolution.symbol} ({resolution.lang}) {dated} {resolution.date} [{resolution.series}]",
        terminal_safe(resolution.title),
        "",
    ]
    for unit in resolution.units:
        refs = (
            f"  [footnotes {', '.join(map(str, unit.footnote_refs))}]" if unit.footnote_refs else ""
        )
        label = (
            f"{unit.label} " if unit.label and unit.kind.value in ("operative", "subitem") else ""
        )
        text = terminal_safe(unit.text).replace("\n", "\n" + " " * 10)
        lines.append(f"{unit.id:<9} {label}{text}{refs}")
    lines += [f"warning: {terminal_safe(w)}" for w in resolution.warnings]
    return "\n".join(lines)


def list_data(versions: Sequence[StoredVersion]) -> dict[str, Any]:
    """The ``resdiff.list/1`` shape: one entry per stored version."""
    return {
        "schema": LIST_SCHEMA,
        "versions": [
            {
                "symbol": v.symbol,
                "document": v.document,
                "series": v.series,
                "year": v.year,
                "date": v.date,
                "body": v.body,
                "languages": sorted(v.languages),
                "title": {code: entry.title for code, entry in sorted(v.languages.items())},
                "units": {code: len(entry.units) for code, entry in sorted(v.languages.items())},
            }
            for v in versions
        ],
    }


def render_list_json(versions: Sequence[StoredVersion]) -> str:
    """``resdiff list --json``."""
    return json_text(list_data(versions))


def render_list_text(versions: Sequence[StoredVersion]) -> str:
    """``resdiff list``: one line per version."""
    if not versions:
        return "the store holds no versions yet; add one with `resdiff add FILE`"
    lines = []
    names = [v.symbol if v.is_adopted else f"{v.symbol} ({_described(v)})" for v in versions]
    width = max(16, *map(len, names))  # a draft's symbol is longer than a resolution's
    for v, name in zip(versions, names, strict=True):
        entry = v.entry(None)
        langs = ",".join(sorted(v.languages))
        lines.append(
            f"{v.year}  {name:<{width}} {v.date}  {langs:<8} {len(entry.units):>4} units  "
            f"[{v.series}]  {terminal_safe(entry.title)}"
        )
    return "\n".join(lines)


def _described(version: StoredVersion) -> str:
    from resdiff.symbols import ResolutionSymbol

    return ResolutionSymbol.parse(version.symbol).description
