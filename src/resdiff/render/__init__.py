"""Renderers: pure functions from domain objects to text, one module per output format.

``RENDERERS`` maps a ``--format`` name to ``render_<fmt>(comparison, **options) -> str``.
Options a renderer does not use are ignored (``color``, ``show_all``, ``explain``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resdiff.model import Comparison
from resdiff.render.html import render_html
from resdiff.render.json import render_json
from resdiff.render.markdown import render_markdown
from resdiff.render.terminal import render_terminal

Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in the named format.

    Raises:
        KeyError: no renderer has that name.
    """
    return RENDERERS[fmt](comparison, **options)
