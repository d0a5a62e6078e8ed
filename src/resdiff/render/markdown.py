"""Markdown report for pull requests and GitHub job summaries.

A header table, a summary table, then each changed clause as a redline paragraph:
``~~deleted~~`` and ``**inserted**``. Long reports fold each change into ``<details>``, and a
report over GitHub's comment limit is cut between changes with a note saying where the full
HTML report is. Document text is escaped so that it can never become Markdown or HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from resdiff._plural import counted
from resdiff.model import Comparison
from resdiff.render._view import (
    ChangeView,
    DocumentView,
    NoiseView,
    ReportView,
    Segment,
    SegmentKind,
    build_view,
)

# GitHub rejects comments (and truncates job summaries) longer than this many characters.
GITHUB_COMMENT_LIMIT = 65536

# When the changes take more than this many characters (about three screens), each change
# folds into a <details> element so the summary stays in view.
COLLAPSE_OVER = 10_000

# ASCII punctuation that can open Markdown or HTML syntax anywhere in a line, start math ($), a
# mention (@) or an issue reference (#), or end a table cell (|). CommonMark lets any ASCII
# punctuation be backslash-escaped; "(", ")" and "!" only matter next to "[", which is escaped.
_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|~@&$])")
# What makes a paragraph a list item or a setext underline when it comes first on the line.
_BLOCK_START_RE = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
_NEWLINES_RE = re.compile(r"\s*[\r\n]+\s*")

_MARKS = {SegmentKind.DELETED: "~~", SegmentKind.INSERTED: "**"}


def escape_markdown(text: str) -> str:
    r"""Escape document text for Markdown inline content and table cells (newlines become spaces).

    Example:
        >>> print(escape_markdown("a | b <script> `x` *y*"))
        a \| b \<script\> \`x\` \*y\*
    """
    return _SPECIAL_RE.sub(r"\\\1", _NEWLINES_RE.sub(" ", text))


def _escape_block_start(paragraph: str) -> str:
    """Keep a paragraph starting ``1.`` or ``-`` from becoming a list (or ``=`` a heading)."""
    paragraph = paragraph.lstrip()
    match = _BLOCK_START_RE.match(paragraph)
    if not match:
        return paragraph
    if match.group(1):
        return match.group(1) + "\\" + paragraph[len(match.group(1)) :]
    return "\\" + paragraph


def _size(text: str) -> int:
    """Length as GitHub counts it, to be safe: UTF-16 code units (never fewer than characters)."""
    return len(text.encode("utf-16-le")) // 2


def redline(segments: Sequence[Segment]) -> str:
    """One Markdown paragraph with ``~~deleted~~`` and ``**inserted**`` runs."""
    parts: list[str] = []
    previous = SegmentKind.SAME
    for segment in segments:
        text = escape_markdown(segment.text)
        mark = _MARKS.get(segment.kind)
        if mark is None:
            parts.append(text)
        else:
            if previous is not SegmentKind.SAME:
                parts.append(" ")  # "~~old~~ **new**": adjacent marks need a space to parse
            parts.append(f"{mark}{text}{mark}")
        previous = segment.kind
    return _escape_block_start("".join(parts))


def _dated(doc: DocumentView) -> str:
    """The adoption date, or a draft's date of issue said as such."""
    date = doc.date or doc.year
    return f"{date} (issued)" if date and doc.document else date


def _provenance_rows(view: ReportView) -> list[tuple[str, str, str]]:
    """The header rows that only some texts have: what a draft is, the agenda item, the
    vote and subjects of the library record, its links, and whether OCR read the text."""
    old, new = view.old, view.new
    rows = [
        ("Document", old.document or "resolution", new.document or "resolution")
        if old.document or new.document
        else None,
        ("Agenda item", old.agenda_item, new.agenda_item),
        ("Vote", old.vote, new.vote),
        ("Subjects", "; ".join(old.subjects), "; ".join(new.subjects)),
        ("Official document", old.source_url, new.source_url),
        ("Library record", old.record_url, new.record_url),
        ("Read by OCR", "yes (scanned)" if old.read_by_ocr else "no",
         "yes (scanned)" if new.read_by_ocr else "no")
        if old.read_by_ocr or new.read_by_ocr
        else None,
    ]  # fmt: skip
    return [row for row in rows if row is not None and (row[1] or row[2])]


def _header(view: ReportView) -> str:
    rows = [
        ("Symbol", view.old.symbol, view.new.symbol),
        ("Title", view.old.title, view.new.title),
        ("Adopted", _dated(view.old), _dated(view.new)),
        ("Language", view.old.lang, view.new.lang),
        ("Source", view.old.source, view.new.source),
    ]
    rows += _provenance_rows(view)
    old_symbol, new_symbol = escape_markdown(view.old.symbol), escape_markdown(view.new.symbol)
    lines = [
        f"## resdiff report: {old_symbol} → {new_symbol}",
        "",
        "| | Old | New |",
        "| --- | --- | --- |",
    ]
    for name, old, new in rows:
        lines.append(f"| {name} | {escape_markdown(old) or '—'} | {escape_markdown(new) or '—'} |")
    lines += ["", "| Status | Count |", "| --- | ---: |"]
    for key, count in view.summary.items():
        lines.append(f"| {key} | {count} |")
    if view.annotated:
        lines += ["", "**Read first:**", ""]
        lines += [
            f"- {escape_markdown(change.heading)} — {note.label}: {escape_markdown(note.detail)}"
            for change in view.annotated
            for note in change.annotations
        ]
    lines += [
        "",
        f"Deleted words are ~~struck through~~, inserted words are **bold**. "
        f"{counted(view.renumbered, 'clause')} "
        f"{'was' if view.renumbered == 1 else 'were'} only renumbered (shown as `op5 → op6`).",
        "",
    ]
    return "\n".join(lines) + "\n"


def _title(change: ChangeView) -> str:
    status = [change.status] if change.status != "unchanged" else []
    if change.moved:
        status.append("moved")
    return f"{change.heading} — {', '.join(status)}"


def _change(change: ChangeView, collapse: bool) -> str:
    body: list[str] = []
    if change.provenance:
        body.append(f"_{escape_markdown(change.provenance)}_")
    body += [f"> **{note.label}:** {escape_markdown(note.detail)}" for note in change.annotations]
    if change.status != "unchanged" or change.moved:
        body.append(redline(change.redline))
    text = "\n\n".join(body)
    if collapse:
        summary = html.escape(_title(change), quote=False)
        return f"<details><summary>{summary}</summary>\n\n{text}\n\n</details>\n\n"
    return f"#### {escape_markdown(_title(change))}\n\n{text}\n\n"


def _noise(view: ReportView, explain: bool = False) -> str:
    rows: list[tuple[ChangeView, NoiseView]] = [
        (change, noise) for change in view.changes for noise in change.noise
    ]
    if not rows:
        return ""
    opened = " open" if explain else ""
    lines = [
        f"<details{opened}><summary>OCR or typographic noise ignored ({len(rows)})</summary>",
        "",
        "| Unit | Old | New | Why |",
        "| --- | --- | --- | --- |",
    ]
    for change, noise in rows:
        cells = (change.heading, noise.old, noise.new, noise.reason)
        lines.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
    return "\n".join([*lines, "", "</details>", ""]) + "\n"


def _unchanged(view: ReportView) -> str:
    """``--all``: the unchanged, unmoved units, collapsed under one heading."""
    same = [change for change in view.changes if not change.is_change]
    if not same:
        return ""
    lines = [f"<details><summary>Unchanged ({len(same)})</summary>", ""]
    for change in same:
        text = " ".join(segment.text for segment in change.redline)
        lines.append(f"- **{escape_markdown(change.heading)}** {escape_markdown(text)}")
    return "\n".join([*lines, "", "</details>", ""]) + "\n"


def _cut_note(shown: int, total: int, limit: int, html_path: str | None) -> str:
    where = (
        f"The full report is in {escape_markdown(html_path)}."
        if html_path
        else "Run `resdiff diff OLD NEW --format html -o report.html` for the full report."
    )
    return (
        f"> [!WARNING]\n> Report cut to fit {limit:,} characters: {shown} of {total} changes "
        f"shown. {where}\n"
    )


def render_markdown(
    comparison: Comparison,
    *,
    limit: int = GITHUB_COMMENT_LIMIT,
    html_path: str | None = None,
    show_all: bool = False,
    explain: bool = False,
    **_options: Any,
) -> str:
    """Render a comparison as GitHub-flavoured Markdown, at most ``limit`` characters long.

    Args:
        comparison: the result of comparing two resolutions.
        limit: the longest output allowed; a longer report is cut between changes with a note.
        html_path: where the full HTML report is, named in the note when the report is cut.
        show_all: also list the unchanged units, collapsed (``--all``).
        explain: open the list of the differences ignored as noise (``--explain``).
        **_options: other renderers' options (``color``), ignored.

    Returns:
        The Markdown text.
    """
    view = build_view(comparison)
    changed = view.changed
    head = _header(view) + f"### Changes ({len(changed)})\n\n"
    if not changed:
        head += "No differences.\n"
    pieces = [_change(change, collapse=False) for change in changed]
    if sum(len(piece) for piece in pieces) > COLLAPSE_OVER:
        pieces = [_change(change, collapse=True) for change in changed]
    noise = (_unchanged(view) if show_all else "") + _noise(view, explain)
    full = head + "".join(pieces) + noise
    if _size(full) <= limit:
        return full
    budget = limit - _size(head) - _size(_cut_note(len(pieces), len(pieces), limit, html_path))
    kept: list[str] = []
    for piece in pieces:
        budget -= _size(piece)
        if budget < 0:
            break
        kept.append(piece)
    text = head + "".join(kept) + _cut_note(len(kept), len(pieces), limit, html_path)
    while _size(text) > limit:  # only when the header alone is too long
        text = text[: len(text) - (_size(text) - limit)]
    return text
