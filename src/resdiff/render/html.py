"""HTML report: one self-contained file from a Jinja2 template, with the stylesheet inlined.

The report has no script and makes no request: the filters are radio buttons read by CSS, and a
Content-Security-Policy forbids any fetch. Document text reaches the page only through Jinja2's
autoescaping. Output depends on the comparison alone (no clock, no environment), so the same
inputs give byte-identical files that can themselves be committed and diffed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from resdiff import __version__
from resdiff.model import Comparison
from resdiff.render._view import ChangeView, DocumentView, Segment, UnitView, build_view

if TYPE_CHECKING:  # Jinja2 is imported on first use: other formats need not pay for it.
    import jinja2
    from markupsafe import Markup

# Filters offered beside "All" and "Changes", in toolbar order.
FILTER_KEYS = ("modified", "added", "removed", "moved", "split", "merged", "unchanged")

# The summary links to at most this many changes per status; the filters reach the rest.
SUMMARY_LINKS_MAX = 40

# The contents start folded when longer than this many entries (a full resolution has ~100).
TOC_OPEN_MAX = 120

_PART_NAMES = {
    "title": "Title and opening",
    "formula": "Title and opening",
    "preamble": "Preamble",
    "operative": "Operative part",
    "footnote": "Footnotes",
    "closing": "Closing",
}


@functools.cache
def _environment() -> jinja2.Environment:
    """The template environment (built once: compiling the template is the slow part)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("resdiff.render", "assets"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.globals.update(segs=segs, unit_block=unit_block)
    return environment


def segs(segments: Sequence[Segment]) -> Markup:
    """A run of segments as HTML: ``<del>`` for deleted text, ``<ins>`` for inserted."""
    from markupsafe import Markup, escape

    parts = []
    for segment in segments:
        text = escape(segment.text)
        if segment.kind == "deleted":
            parts.append(f"<del>{text}</del>")
        elif segment.kind == "inserted":
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(text)
    return Markup("".join(parts))


def unit_block(unit: UnitView, doc: DocumentView, show_id: bool) -> Markup:
    """One unit as a paragraph: its id (``show_id``), its printed label and its text."""
    from markupsafe import Markup, escape

    uid = f'<span class="uid">{escape(unit.id)}</span> ' if show_id else ""
    label = f'<span class="label">{escape(unit.label)}</span> ' if unit.label else ""
    direction, lang = escape(doc.dir), escape(doc.lang)
    return Markup(
        f'<p class="unit kind-{escape(unit.kind)}" id="{escape(unit.anchor)}" dir="{direction}">'
        f'{uid}<span class="text" lang="{lang}" dir="{direction}">'
        f"{label}{segs(unit.segments)}</span></p>"
    )


@functools.cache
def _stylesheet() -> Markup:
    """The report's CSS, trusted package data, checked not to close its <style> element."""
    from markupsafe import Markup

    css = resources.files("resdiff.render").joinpath("assets/report.css").read_text("utf-8")
    if "</" in css:
        raise ValueError("report.css must not contain '</'")
    return Markup(css)


def _toc(changes: Sequence[ChangeView]) -> list[tuple[str, list[ChangeView]]]:
    """Group the changes by part of the resolution, in order; sub-items stay with their part."""
    groups: list[tuple[str, list[ChangeView]]] = []
    for change in changes:
        part = _PART_NAMES.get(change.kind, groups[-1][0] if groups else "Other")
        if not groups or groups[-1][0] != part:
            groups.append((part, []))
        groups[-1][1].append(change)
    return groups


def render_html(
    comparison: Comparison, *, show_all: bool = False, explain: bool = False, **_options: Any
) -> str:
    """Render a comparison as a self-contained HTML report.

    The report always holds every unit and filters them in the page.

    Args:
        comparison: the result of comparing two resolutions.
        show_all: open the page on every unit (``--all``), not only the changes.
        explain: open each list of the differences ignored as noise (``--explain``).
        **_options: other renderers' options (``color``), ignored.

    Returns:
        The whole HTML document (UTF-8 text, inline CSS, no script, no external resource).
    """
    view = build_view(comparison)
    template = _environment().get_template("report.html.j2")
    return template.render(
        view=view,
        css=_stylesheet(),
        version=__version__,
        filter_keys=[key for key in FILTER_KEYS if view.summary[key] or key == "unchanged"],
        toc=_toc(view.changes),
        toc_open=len(view.changes) <= TOC_OPEN_MAX,
        summary_links=SUMMARY_LINKS_MAX,
        show_all=show_all,
        explain=explain,
    )
