"""Word report: the newer text in resolution layout, its differences as native tracked changes.

``render_docx(comparison) -> bytes`` is the renderer; :mod:`._plan` decides the revisions
(pure data), :mod:`._ooxml` writes them with lxml (the only module here that imports it).
Accept All in Word gives the newer text; Reject All gives the older one (up to the spellings
the differ judged OCR noise, which stay as the newer text prints them: they are no revision,
and neither is renumbering).
"""

from __future__ import annotations

from typing import Any

from resdiff.model import Comparison
from resdiff.render.docx._plan import Plan, build_plan

__all__ = ["Plan", "build_plan", "render_docx"]


def render_docx(comparison: Comparison, **options: Any) -> bytes:
    """The ``.docx`` bytes of a comparison (``options`` such as ``color`` are ignored).

    Args:
        comparison: the result of comparing two resolutions.
        **options: the other renderers' options; unused.

    Returns:
        A Word package: the new text with the changes as tracked revisions by ``resdiff``
        dated on the newer version's adoption date, comments on annotated clauses, and the
        footnotes as Word footnotes.
    """
    from resdiff.render.docx._ooxml import write_package

    return write_package(build_plan(comparison))
