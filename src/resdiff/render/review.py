"""Rendering of a store review: Markdown for the pull request, JSON, and HTML report files.

The Markdown is short enough for a GitHub step summary: a table of what the pull request
does, the problems first, then per version the changed clauses as ``[-old-]{+new+}`` words.
The full per-version reports go to HTML files (one per added or corrected version).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from resdiff.model import ChangeStatus
from resdiff.render.json import diff_document
from resdiff.render.safety import json_text
from resdiff.render.terminal import render_tokens
from resdiff.review import Review, ReviewedVersion

REVIEW_SCHEMA = "resdiff.review/1"

# Changed clauses listed per version in the Markdown; the HTML report has them all.
MARKDOWN_CHANGES_MAX = 30


def review_data(review: Review) -> dict[str, Any]:
    """The ``resdiff.review/1`` shape; ``diff`` is a ``resdiff.diff/1`` document or null."""

    def version(item: ReviewedVersion) -> dict[str, Any]:
        return {
            "symbol": item.symbol,
            "series": item.series,
            "lang": item.lang,
            "previous": item.previous,
            "summary": item.comparison.summary() if item.comparison else None,
            "diff": diff_document(item.comparison) if item.comparison else None,
        }

    return {
        "schema": REVIEW_SCHEMA,
        "base": review.base,
        "head": review.head,
        "added": [version(item) for item in review.added],
        "corrected": [version(item) for item in review.corrected],
        "removed": list(review.removed),
        "problems": list(review.problems),
    }


def render_review_json(review: Review) -> str:
    """``resdiff review --json``."""
    return json_text(review_data(review)) + "\n"


def report_name(item: ReviewedVersion, kind: str) -> str:
    """The HTML report file of a reviewed version: ``added-E-RES-2094-1-fr.html``."""
    return f"{kind}-{item.symbol.replace('/', '-')}-{item.lang}.html"


def report_key(kind: str, item: ReviewedVersion) -> str:
    """``added:E/RES/2094/1:fr``: how :func:`render_review_markdown` finds a report."""
    return f"{kind}:{item.symbol}:{item.lang}"


def write_html_reports(review: Review, folder: Path) -> dict[str, str]:
    """Write one HTML report per added (with a predecessor) or corrected version.

    Returns:
        The file names written, by :func:`report_key`.
    """
    from resdiff.render import RENDERERS

    render_html: Callable[..., str] = RENDERERS.get("html", _plain_html)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for kind, items in (("added", review.added), ("corrected", review.corrected)):
        for item in items:
            if item.comparison is not None:
                name = report_name(item, kind)
                (folder / name).write_text(render_html(item.comparison), encoding="utf-8")
                written[report_key(kind, item)] = name
    return written


def _plain_html(comparison: Any, **_options: Any) -> str:
    """A minimal report, used only when no HTML renderer is installed."""
    from resdiff.render.terminal import render_terminal

    body = html.escape(render_terminal(comparison))
    title = html.escape(f"{comparison.old.symbol} → {comparison.new.symbol}")
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><pre>{body}</pre></body></html>\n")  # fmt: skip


def _md(text: str) -> str:
    """Text made safe inside Markdown: no HTML, no table breaks, no backticks."""
    return html.escape(" ".join(text.split())).replace("|", "\\|").replace("`", "'")


def render_review_markdown(review: Review, *, reports: dict[str, str] | None = None) -> str:
    """The review as Markdown; ``reports`` maps ``added:SYMBOL:lang`` keys to report names."""
    lines = [f"## resdiff review of `{review.base[:10]}..{review.head[:10]}`", ""]
    lines += [
        "| | versions |",
        "| --- | --- |",
        f"| added | {_names(review.added)} |",
        f"| corrected | {_names(review.corrected)} |",
        f"| removed | {', '.join(_md(r) for r in review.removed) or '—'} |",
        f"| problems | {len(review.problems)} |",
    ]
    if review.problems:
        lines += ["", "### Problems", ""] + [f"- :warning: {_md(p)}" for p in review.problems]
    for kind, items in (("added", review.added), ("corrected", review.corrected)):
        for item in items:
            lines += [
                "",
                *_version(kind, item, (reports or {}).get(f"{kind}:{item.symbol}:{item.lang}")),
            ]
    return "\n".join(lines) + "\n"


def _names(items: tuple[ReviewedVersion, ...]) -> str:
    return ", ".join(f"{_md(i.symbol)} ({i.lang})" for i in items) or "—"


def _version(kind: str, item: ReviewedVersion, report: str | None) -> list[str]:
    head = f"### {kind.capitalize()}: {_md(item.symbol)} ({item.lang}, {_md(item.series)})"
    comparison = item.comparison
    if comparison is None:
        return [
            head,
            "",
            f"First version of its series in this language: {len(item.resolution.units)} units.",
        ]
    against = "the previous version" if kind == "added" else "the state at the base revision"
    counts = comparison.summary()
    shown = ", ".join(
        f"{counts[k]} {k}"
        for k in ("modified", "added", "removed", "split", "merged", "moved")
        if counts[k]
    )
    lines = [
        head,
        "",
        f"Against {against} {_md(item.previous or '')}: {shown or 'no differences'}.",
    ]
    if report:
        lines[-1] += f" Full report: `{report}` in the artifact."
    changed = [c for c in comparison.changes if c.status is not ChangeStatus.UNCHANGED or c.moved]
    if changed:
        lines += ["", "<details><summary>Changed clauses</summary>", ""]
        for change in changed[:MARKDOWN_CHANGES_MAX]:
            old = "+".join(u.id for u in change.old) or "∅"
            new = "+".join(u.id for u in change.new) or "∅"
            status = change.status.value + (", moved" if change.moved else "")
            words = _md(render_tokens(change.tokens))
            lines.append(f"- **{_md(old)} → {_md(new)}** {status}: {words}")
        if len(changed) > MARKDOWN_CHANGES_MAX:
            lines.append(
                f"- … and {len(changed) - MARKDOWN_CHANGES_MAX} more (see the HTML report)"
            )
        lines += ["", "</details>"]
    return lines
