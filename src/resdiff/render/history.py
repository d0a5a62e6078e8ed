"""Rendering of clause histories: ``resdiff log`` and ``resdiff blame`` (text and JSON)."""

from __future__ import annotations

from typing import Any

from resdiff.history import Blame, Cell, CellState, ClauseLog, SeriesHistory
from resdiff.model import Change, Resolution, Token
from resdiff.render.safety import json_text, terminal_safe
from resdiff.render.terminal import render_tokens

LOG_SCHEMA = "resdiff.log/1"
BLAME_SCHEMA = "resdiff.blame/1"


def version_ref(resolution: Resolution) -> dict[str, Any]:
    """How the history shapes name a version: symbol, year, date."""
    return {"symbol": resolution.symbol, "year": resolution.year, "date": resolution.date}


def left_out_data(history: SeriesHistory) -> list[dict[str, Any]]:
    """The versions a history left out for its language: ``[{"symbol", "languages"}]``."""
    return [{"symbol": symbol, "languages": list(langs)} for symbol, langs in history.left_out]


def left_out_note(history: SeriesHistory) -> str | None:
    """One line saying which versions have no text in the history's language, and what to do.

    >>> left_out_note(SeriesHistory("s", (Resolution("E/RES/2091/1", "en", ()),), (), (),
    ...                             (("E/RES/2090/1", ("fr",)),)))
    "1 version of s has no 'en' text and is left out: E/RES/2090/1 (fr); see it with --lang fr"
    """
    if not history.left_out:
        return None
    lang = history.versions[-1].lang
    n = len(history.left_out)
    names = ", ".join(f"{symbol} ({', '.join(langs)})" for symbol, langs in history.left_out)
    others = sorted({code for _, langs in history.left_out for code in langs})
    verb, them = ("has", "it") if n == 1 else ("have", "them")
    return (
        f"{n} version{'s' if n > 1 else ''} of {history.series} {verb} no {lang!r} text and "
        f"{'is' if n == 1 else 'are'} left out: {names}; see {them} with --lang {others[0]}"
    )


def change_data(change: Change) -> dict[str, Any]:
    """A change of a lineage, compactly: status, ids on both sides, word tokens."""
    return {
        "status": change.status.value,
        "moved": change.moved,
        "old": [u.id for u in change.old],
        "new": [u.id for u in change.new],
        "similarity": change.similarity,
        "tokens": [[t.op, t.text] for t in change.tokens],
    }


def _entries(log: ClauseLog) -> list[tuple[int, Cell]]:
    """The cells of the lineage from its first version to the one after its last."""
    lineage = log.lineage
    end = min(lineage.last + 2, len(lineage.cells))
    return [(k, lineage.cells[k]) for k in range(lineage.first, end)]


def log_data(log: ClauseLog) -> dict[str, Any]:
    """The ``resdiff.log/1`` shape."""
    history = log.history
    first = log.lineage.first
    entries = []
    for k, cell in _entries(log):
        version = history.versions[k]
        entries.append({
            **version_ref(version),
            "state": cell.state.value,
            "events": list(cell.events),
            "ids": list(cell.ids),
            "texts": [{"id": i, "text": version.unit(i).text} for i in cell.ids],
            "changes": [change_data(c) for c in cell.changes if k > first],
        })  # fmt: skip
    return {
        "schema": LOG_SCHEMA,
        "series": history.series,
        "lang": history.versions[log.version].lang,
        "version": version_ref(history.versions[log.version]),
        "unit": log.unit_id,
        "lineage": log.lineage.key,
        "first_appeared": {
            **version_ref(history.versions[first]),
            "ids": list(log.lineage.cells[first].ids),
        },
        "entries": entries,
        "left_out": left_out_data(history),
    }


def render_log_json(log: ClauseLog) -> str:
    """``resdiff log --json``."""
    return json_text(log_data(log)) + "\n"


def _state(cell: Cell) -> str:
    events = f" ({', '.join(cell.events)})" if cell.events else ""
    return cell.state.value + events


def render_log_text(log: ClauseLog, *, color: bool = False) -> str:
    """``resdiff log``: the clause in every version, oldest first, with the word changes."""
    history = log.history
    here = history.versions[log.version]
    first = log.lineage.first
    first_ids = "+".join(log.lineage.cells[first].ids)
    lines = [
        f"{terminal_safe(log.unit_id)} of {here.symbol} — lineage {log.lineage.key} "
        f"[{history.series}, {here.lang}]",
        f"first appeared in {_name(history.versions[first])} as {terminal_safe(first_ids)}",
    ]
    for k, cell in _entries(log):
        version = history.versions[k]
        ids = "+".join(cell.ids) or "—"
        lines += ["", f"{_name(version)}  {terminal_safe(ids)}  {_state(cell)}"]
        if cell.state is CellState.ADDED:
            lines += [f"  {_flat(version.unit(i).text)}" for i in cell.ids]
        for change in cell.changes:
            if change.status.value not in ("unchanged", "added") and k > first:
                arrow = f"{'+'.join(u.id for u in change.old) or '∅'} → "
                arrow += "+".join(u.id for u in change.new) or "∅"
                lines.append(
                    f"  {terminal_safe(arrow)}: {render_tokens(change.tokens, color=color)}"
                )
    return "\n".join(lines) + "\n"


def blame_data(blame: Blame) -> dict[str, Any]:
    """The ``resdiff.blame/1`` shape."""
    history = blame.history
    version = history.versions[blame.version]
    return {
        "schema": BLAME_SCHEMA,
        "series": history.series,
        "lang": version.lang,
        "version": version_ref(version),
        "units": [
            {
                "id": unit.unit_id,
                "lineage": history.lineage_of(blame.version, unit.unit_id).key,
                "text": version.unit(unit.unit_id).text,
                "runs": [
                    {"text": run.text, **version_ref(history.versions[run.version])}
                    for run in unit.runs
                ],
            }
            for unit in blame.units
        ],
        "left_out": left_out_data(history),
    }


def render_blame_json(blame: Blame) -> str:
    """``resdiff blame --json``."""
    return json_text(blame_data(blame)) + "\n"


def render_blame_text(blame: Blame) -> str:
    """``resdiff blame``: each run of words after the year it first appeared in.

    A unit whose words all date from one version is one line; otherwise each run of words is
    a line ``YEAR  words``, like ``git blame`` on a paragraph.
    """
    history = blame.history
    lines = [f"{history.versions[blame.version].symbol} [{history.series}]"]
    for unit in blame.units:
        lines.append("")
        lines.append(terminal_safe(unit.unit_id))
        for run in unit.runs:
            lines.append(f"  {_name(history.versions[run.version]):>6}  {_flat(run.text)}")
    return "\n".join(lines) + "\n"


def _name(resolution: Resolution) -> str:
    return str(resolution.year) if resolution.year else resolution.symbol


def _flat(text: str) -> str:
    return terminal_safe(" ".join(text.split()))


__all__ = [
    "BLAME_SCHEMA",
    "LOG_SCHEMA",
    "SeriesHistory",
    "Token",
    "blame_data",
    "log_data",
    "render_blame_json",
    "render_blame_text",
    "render_log_json",
    "render_log_text",
]
