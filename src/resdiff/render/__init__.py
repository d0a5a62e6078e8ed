"""Renderers: pure functions from domain objects to text, one module per output format.

``RENDERERS`` maps a ``--format`` name to ``render_<fmt>(comparison, **options) -> str``;
``BINARY_RENDERERS`` maps the formats that are files, not text (``docx``), to functions
returning bytes. Options a renderer does not use are ignored (``color``, ``show_all``,
``explain``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from resdiff.model import Comparison
from resdiff.render.docx import render_docx
from resdiff.render.html import render_html
from resdiff.render.json import render_json
from resdiff.render.markdown import render_markdown
from resdiff.render.terminal import render_terminal

Renderer = Callable[..., str]
BinaryRenderer = Callable[..., bytes]

RENDERERS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}

BINARY_RENDERERS: dict[str, BinaryRenderer] = {
    "docx": render_docx,
}

# The binary format an output file's suffix names (``-o changes.docx``).
BINARY_SUFFIXES = {".docx": "docx"}


def formats() -> list[str]:
    """Every format name, text and binary, sorted."""
    return sorted({*RENDERERS, *BINARY_RENDERERS})


def is_binary(fmt: str) -> bool:
    """True for a format whose output is a file of bytes, not text."""
    return fmt in BINARY_RENDERERS


def binary_format_for(path: Path | None) -> str | None:
    """The binary format an output path's suffix names, or None."""
    return BINARY_SUFFIXES.get(path.suffix.lower()) if path is not None else None


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in the named text format.

    Raises:
        KeyError: no text renderer has that name.
    """
    return RENDERERS[fmt](comparison, **options)


def render_bytes(comparison: Comparison, fmt: str, **options: Any) -> bytes:
    """Render a comparison in any format as bytes (text formats in UTF-8).

    Raises:
        KeyError: no renderer has that name.
    """
    if fmt in BINARY_RENDERERS:
        return BINARY_RENDERERS[fmt](comparison, **options)
    return render(comparison, fmt, **options).encode("utf-8")
