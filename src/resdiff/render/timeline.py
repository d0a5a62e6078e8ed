"""The series timeline: lineages × versions, as text, JSON or a self-contained HTML heat map.

The HTML page is rendered by Jinja2 with autoescaping from ``assets/timeline.html.j2`` and has
no script and no external request. Each cell links to the clause text of that version: a cell
where the lineage was added or modified links to its own text, an unchanged cell to the text
it still has (the last added or modified one).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from resdiff.history import Cell, CellState, Lineage, SeriesHistory
from resdiff.render.history import change_data, left_out_data, version_ref
from resdiff.render.safety import json_text, terminal_safe

if TYPE_CHECKING:
    import jinja2

TIMELINE_SCHEMA = "resdiff.timeline/1"

# One character per cell in the text matrix.
SYMBOLS = {
    CellState.ADDED: "+",
    CellState.UNCHANGED: "=",
    CellState.MODIFIED: "~",
    CellState.ABSENT: ".",
}


def label(lineage: Lineage, history: SeriesHistory) -> str:
    """A lineage's ids in the last version where it exists (``op4+op5``).

    A lineage dropped before the latest version says until when: ``pp5 (until 2092)``.
    """
    ids = "+".join(lineage.cells[lineage.last].ids)
    if lineage.last == len(lineage.cells) - 1:
        return ids
    last = history.versions[lineage.last]
    return f"{ids} (until {last.year or last.symbol})"


def timeline_data(history: SeriesHistory) -> dict[str, Any]:
    """The ``resdiff.timeline/1`` shape."""
    return {
        "schema": TIMELINE_SCHEMA,
        "series": history.series,
        "lang": history.versions[-1].lang,
        "versions": [version_ref(v) for v in history.versions],
        "lineages": [
            {
                "key": lineage.key,
                "label": label(lineage, history),
                "cells": [
                    {"state": c.state.value, "ids": list(c.ids), "events": list(c.events)}
                    for c in lineage.cells
                ],
            }
            for lineage in history.lineages
        ],
        "left_out": left_out_data(history),
    }


def render_timeline_json(history: SeriesHistory, **_options: Any) -> str:
    """``resdiff timeline --format json``."""
    return json_text(timeline_data(history)) + "\n"


def _count(n: int, noun: str) -> str:
    """``1 version``, ``4 versions``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render_timeline_text(history: SeriesHistory, **_options: Any) -> str:
    """A matrix, one line per lineage, one column per version (years read downwards)."""
    width = max((len(label(lin, history)) for lin in history.lineages), default=4)
    years = [str(v.year or "") for v in history.versions]
    head = [" " * (width + 2) + " ".join(y[i] if i < len(y) else " " for y in years)
            for i in range(max((len(y) for y in years), default=0))]  # fmt: skip
    lines = [
        f"{history.series}: {_count(len(history.lineages), 'lineage')} × "
        f"{_count(len(history.versions), 'version')}"
        f"  (+ added  = unchanged  ~ modified  . absent)",
        *head,
    ]
    for lineage in history.lineages:
        cells = " ".join(SYMBOLS[c.state] for c in lineage.cells)
        lines.append(f"{terminal_safe(label(lineage, history)):<{width}}  {cells}  {lineage.key}")
    return "\n".join(lines) + "\n"


@functools.cache
def _template() -> jinja2.Template:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("resdiff.render", "assets"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("timeline.html.j2")


def _anchor(row: int, k: int) -> str:
    return f"l{row}-v{k}"


def _html_cells(row: int, lineage: Lineage, history: SeriesHistory) -> list[dict[str, Any]]:
    cells = []
    shown: int | None = None  # the version whose text an unchanged cell links to
    for k, cell in enumerate(lineage.cells):
        if cell.state in (CellState.ADDED, CellState.MODIFIED):
            shown = k
        link = _anchor(row, shown) if cell.ids and shown is not None else None
        year = history.versions[k].year or history.versions[k].symbol
        title = f"{year} {'+'.join(cell.ids) or '—'}: {_describe(cell)}"
        cells.append({"state": cell.state.value, "link": link, "title": title})
    return cells


def _describe(cell: Cell) -> str:
    return cell.state.value + (f" ({', '.join(cell.events)})" if cell.events else "")


def _texts(row: int, lineage: Lineage, history: SeriesHistory) -> list[dict[str, Any]]:
    texts = []
    for k, cell in enumerate(lineage.cells):
        if cell.state not in (CellState.ADDED, CellState.MODIFIED):
            continue
        version = history.versions[k]
        texts.append({
            "anchor": _anchor(row, k),
            "version": version.year or version.symbol,
            "state": _describe(cell),
            "units": [{"id": i, "text": version.unit(i).text} for i in cell.ids],
            "changes": [change_data(c) for c in cell.changes if c.status.value != "unchanged"],
        })  # fmt: skip
    return texts


def render_timeline_html(history: SeriesHistory, **_options: Any) -> str:
    """A compact heat map: one row per lineage, one cell per version, each linking to its text."""
    rows = [
        {
            "key": lineage.key,
            "label": label(lineage, history),
            "cells": _html_cells(row, lineage, history),
            "texts": _texts(row, lineage, history),
        }
        for row, lineage in enumerate(history.lineages)
    ]
    return _template().render(
        series=history.series,
        lang=history.versions[-1].lang,
        versions=[{"year": v.year or v.symbol, "symbol": v.symbol} for v in history.versions],
        rows=rows,
    )


TIMELINE_RENDERERS = {
    "text": render_timeline_text,
    "json": render_timeline_json,
    "html": render_timeline_html,
}
