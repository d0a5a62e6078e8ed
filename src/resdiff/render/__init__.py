"""Renderers: pure functions from domain objects to text, one module per output format.

``RENDERERS`` maps a ``--format`` name to ``render_<fmt>(comparison, **options) -> str``;
``BINARY_RENDERERS`` maps the formats that are files, not text (``docx``), to functions
returning bytes. Options a renderer does not use are ignored (``color``, ``show_all``,
``explain``).

The renderer modules are imported when first used, not with this package: the command line
imports :mod:`resdiff.render.safety` for every command, and ``--version`` should not pay for
the HTML report's templates or the Word writer's lxml.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resdiff._gc import cyclic_gc_paused

if TYPE_CHECKING:
    from resdiff.model import Comparison

Renderer = Callable[..., str]
BinaryRenderer = Callable[..., bytes]

# Format name → (module, function); ``FORMATS`` is what ``--format`` accepts.
_RENDERER_PATHS: dict[str, tuple[str, str]] = {
    "terminal": ("resdiff.render.terminal", "render_terminal"),
    "json": ("resdiff.render.json", "render_json"),
    "markdown": ("resdiff.render.markdown", "render_markdown"),
    "html": ("resdiff.render.html", "render_html"),
}
_BINARY_RENDERER_PATHS: dict[str, tuple[str, str]] = {
    "docx": ("resdiff.render.docx", "render_docx"),
}
FORMATS: tuple[str, ...] = tuple(sorted({*_RENDERER_PATHS, *_BINARY_RENDERER_PATHS}))

# The binary format an output file's suffix names (``-o changes.docx``).
BINARY_SUFFIXES = {".docx": "docx"}


def renderer(fmt: str) -> Renderer:
    """The text renderer of a format, imported on first use.

    Raises:
        KeyError: no text renderer has that name.
    """
    module, name = _RENDERER_PATHS[fmt]
    function: Renderer = getattr(importlib.import_module(module), name)
    return function


def binary_renderer(fmt: str) -> BinaryRenderer:
    """The renderer of a binary format (``docx``), imported on first use.

    Raises:
        KeyError: no binary renderer has that name.
    """
    module, name = _BINARY_RENDERER_PATHS[fmt]
    function: BinaryRenderer = getattr(importlib.import_module(module), name)
    return function


def formats() -> list[str]:
    """Every format name, text and binary, sorted."""
    return list(FORMATS)


def is_binary(fmt: str) -> bool:
    """True for a format whose output is a file of bytes, not text."""
    return fmt in _BINARY_RENDERER_PATHS


def binary_format_for(path: Path | None) -> str | None:
    """The binary format an output path's suffix names, or None."""
    return BINARY_SUFFIXES.get(path.suffix.lower()) if path is not None else None


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in the named text format.

    Raises:
        KeyError: no text renderer has that name.
    """
    function = renderer(fmt)
    with cyclic_gc_paused():  # a big report's view is many small objects and no cycles
        return function(comparison, **options)


def render_bytes(comparison: Comparison, fmt: str, **options: Any) -> bytes:
    """Render a comparison in any format as bytes (text formats in UTF-8).

    Raises:
        KeyError: no renderer has that name.
    """
    if is_binary(fmt):
        function = binary_renderer(fmt)
        with cyclic_gc_paused():
            return function(comparison, **options)
    return render(comparison, fmt, **options).encode("utf-8")


def __getattr__(name: str) -> Any:
    """``RENDERERS`` and ``BINARY_RENDERERS``: every renderer by format name (imports them)."""
    if name == "RENDERERS":
        return {fmt: renderer(fmt) for fmt in _RENDERER_PATHS}
    if name == "BINARY_RENDERERS":
        return {fmt: binary_renderer(fmt) for fmt in _BINARY_RENDERER_PATHS}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
