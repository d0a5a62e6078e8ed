"""Renderers: pure functions from domain objects to text, one module per output format.

``RENDERERS`` maps a ``--format`` name to ``render_<fmt>(comparison, **options) -> str``.
Options a renderer does not use are ignored (``color``, ``show_all``, ``explain``).

The renderer modules are imported when first used, not with this package: the command line
imports :mod:`resdiff.render.safety` for every command, and ``--version`` should not pay for
the HTML report's templates.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from resdiff.model import Comparison

Renderer = Callable[..., str]

# Format name → (module, function); ``FORMATS`` is what ``--format`` accepts.
_RENDERER_PATHS: dict[str, tuple[str, str]] = {
    "terminal": ("resdiff.render.terminal", "render_terminal"),
    "json": ("resdiff.render.json", "render_json"),
    "markdown": ("resdiff.render.markdown", "render_markdown"),
    "html": ("resdiff.render.html", "render_html"),
}
FORMATS: tuple[str, ...] = tuple(sorted(_RENDERER_PATHS))


def renderer(fmt: str) -> Renderer:
    """The renderer of a format, imported on first use.

    Raises:
        KeyError: no renderer has that name.
    """
    module, name = _RENDERER_PATHS[fmt]
    function: Renderer = getattr(importlib.import_module(module), name)
    return function


def render(comparison: Comparison, fmt: str, **options: Any) -> str:
    """Render a comparison in the named format.

    Raises:
        KeyError: no renderer has that name.
    """
    return renderer(fmt)(comparison, **options)


def __getattr__(name: str) -> Any:
    """``RENDERERS``: every renderer by format name (importing them all)."""
    if name == "RENDERERS":
        return {fmt: renderer(fmt) for fmt in _RENDERER_PATHS}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
