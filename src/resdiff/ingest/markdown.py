"""Markdown files → the text the segmenter reads, through the HTML reader.

Markdown reaches resdiff from converters (``pandoc file.docx -t markdown`` or ``-t gfm``),
from note-taking tools and from code hosts. Read as plain text its syntax would be text:
``*Rappelant*``, ``**2021/25. …**``, footnote calls ``[^1]`` and their definitions
``[^1]: Résolution 64/293…`` after the closing, ``\\[`` escapes. markdown-it-py renders it as
CommonMark (with the footnote extension of mdit-py-plugins) and :mod:`resdiff.ingest.html`
reads the page as it reads any other: ``<sup>`` calls, ``<ol>`` numbering, the notes section.

A ``.md`` file that shows no Markdown syntax (a plain text or an OCR output saved under that
name) is read as plain text: Markdown would make a list of its ``1.`` lines, a rule of its
``____`` separator and one paragraph of a page. A Markdown paragraph's line breaks are
spaces. A file written one line per paragraph with no
blank line between them (text pasted into a ``.md`` file) would then be one paragraph, so when
blank lines are rare every line break is kept as a break, as a Markdown viewer with "hard
breaks" shows it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Fewer blank lines than this share of the text lines: one line per paragraph, not Markdown
# paragraphs wrapped over several lines.
BLANK_LINE_SHARE = 0.05

# What only Markdown writes: a footnote call or definition (``[^1]``), emphasis around a word
# (``*Rappelant*``, ``**…**``, ``_Notant_``; not ``*2110785*``, a barcode's digits), an ATX
# heading (``## Annexe``), an inline link, a backslash escape (``\[``).
_SYNTAX_RE = re.compile(
    r"\[\^[^\]\s]+\]"
    r"|(?<![\w*])\*{1,2}[^\W\d_][^*\n]*?\*{1,2}(?![\w*])"
    r"|(?<!\w)_[^\W\d_][^_\n]*?_(?!\w)"
    r"|^\#{1,6}[ ]\S"
    r"|\[[^\]\n]+\]\([^)\s]+\)"
    r"|\\[\[\]*_#`]",
    re.M,
)


def is_markdown(text: str) -> bool:
    """Whether a ``.md`` file's text shows Markdown syntax (see the module docstring).

    Example:
        >>> is_markdown("*Rappelant* sa résolution[^1],"), is_markdown("Rappelant *2110785*")
        (True, False)
    """
    return _SYNTAX_RE.search(text) is not None


def markdown_text(markdown: str) -> str:
    """The text of a Markdown document, shaped like OCR output (see the module docstring).

    Example:
        >>> print(markdown_text("*Rappelant* la résolution[^1],\\n\\n[^1]: Résolution 64/293."))
        Rappelant la résolution¹,
        <BLANKLINE>
        1 Résolution 64/293.
        <BLANKLINE>
    """
    from resdiff.ingest.html import html_text

    lines = markdown.splitlines()
    blank = sum(1 for line in lines if not line.strip())
    hard_breaks = blank < BLANK_LINE_SHARE * (len(lines) - blank)
    return html_text(_renderer(hard_breaks).render(markdown))


@functools.cache
def _renderer(hard_breaks: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Raw HTML passes through to the HTML reader (converters write <sup>, <u>, <span>);
    # the page is only read, never shown.
    options = {"breaks": hard_breaks, "html": True}
    return MarkdownIt("commonmark", options).use(footnote_plugin).enable("table")
