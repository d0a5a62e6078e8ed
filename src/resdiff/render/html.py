"""HTML report: one self-contained file from a Jinja2 template, with the stylesheet inlined.

The report has no script and makes no request: the filters are radio buttons read by CSS, and a
Content-Security-Policy forbids any fetch. Document text reaches the page only through Jinja2's
autoescaping. Output depends on the comparison alone (no clock, no environment), so the same
inputs give byte-identical files that can themselves be committed and diffed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from resdiff import __version__
from resdiff.model import Comparison
from resdiff.render._view import ChangeView, DocumentView, Segment, UnitView, build_view

if TYPE_CHECKING:  # Jinja2 is imported on first use: other formats need not pay for it.
    import jinja2
    from markupsafe import Markup

logger = logging.getLogger(__name__)

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
    """The template environment (built once: compiling the template is the slow part).

    The compiled template is kept in the user's cache folder (``templates/<version>/``), so
    a process loads it in a few milliseconds instead of compiling it (about 50 ms).
    """
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("resdiff.render", "assets"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.globals.update(segs=segs, unit_block=unit_block)
    return environment


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept, or None when caching is off or impossible."""
    import jinja2

    from resdiff._cachedir import user_cache_root

    class QuietCache(jinja2.FileSystemBytecodeCache):
        """A cache that is never a reason to fail: a bad or unwritable file means compiling."""

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable, truncated or foreign: pickle, marshal, OS errors
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError as error:
                logger.debug("compiled template not cached: %s", error)

    root = user_cache_root()
    if root is None:
        return None
    # The version in the path: the environment's options shape the compiled code, and
    # Jinja2 keys its files by template name and source only.
    folder = root / "templates" / __version__
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        logger.debug("no template cache: %s", error)
        return None
    return QuietCache(str(folder))


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
