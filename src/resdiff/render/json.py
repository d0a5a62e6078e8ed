"""The ``resdiff.diff/1`` JSON shape of a comparison."""

from __future__ import annotations

from typing import Any

from resdiff.model import Change, Comparison, Resolution
from resdiff.render.safety import json_text

SCHEMA = "resdiff.diff/1"


def diff_document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data (the ``resdiff.diff/1`` shape).

    ``tokens`` are ``[op, text]`` pairs in the new side's spelling (the old side's for ``-``);
    the exact old texts are in ``old[].text``. Extra keys beyond the schema: ``suppressed``,
    ``annotations``, ``renumbered`` per change, ``date``/``title``/``series``/``warnings`` per
    side (and the header's ``source_url``, ``record_url``, ``document``, ``agenda_item``,
    ``vote``, ``subjects``, ``read_by_ocr``), and ``warnings`` (the segmentation's self-check
    of both sides and a mojibake repair, prefixed ``old:`` or ``new:``).
    """
    return {
        "schema": SCHEMA,
        "old": _side(comparison.old),
        "new": _side(comparison.new),
        "summary": comparison.summary(),
        "changes": [_change(change) for change in comparison.changes],
        "warnings": [f"old: {w}" for w in comparison.old.warnings]
        + [f"new: {w}" for w in comparison.new.warnings],
    }


def render_json(
    comparison: Comparison, *, show_all: bool = False, explain: bool = False, **_options: Any
) -> str:
    """The comparison as indented JSON text (UTF-8, not ASCII-escaped).

    The document always holds every unit and every suppressed difference (scripts filter);
    ``options`` records the ``--all`` and ``--explain`` the report was asked with.
    """
    document = diff_document(comparison)
    document["options"] = {"all": show_all, "explain": explain}
    return json_text(document) + "\n"


def _side(resolution: Resolution) -> dict[str, Any]:
    return {
        "symbol": resolution.symbol,
        "year": resolution.year,
        "lang": resolution.lang,
        "date": resolution.date,
        "title": resolution.title,
        "series": resolution.series,
        "source_name": resolution.source_name,
        "name": resolution.name,
        "warnings": list(resolution.warnings),
        "source_url": resolution.source_url,
        "record_url": resolution.record_url,
        "document": resolution.document,
        "agenda_item": resolution.agenda_item,
        "vote": resolution.vote,
        "subjects": list(resolution.subjects),
        "read_by_ocr": resolution.read_by_ocr,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "status": change.status.value,
        "moved": change.moved,
        "old": [{"id": u.id, "text": u.text} for u in change.old],
        "new": [{"id": u.id, "text": u.text} for u in change.new],
        "similarity": change.similarity,
        "tokens": [[t.op, t.text] for t in change.tokens],
        "renumbered": change.renumbered,
        "annotations": list(change.annotations),
        "suppressed": [{"old": s.old, "new": s.new, "reason": s.reason} for s in change.suppressed],
    }
