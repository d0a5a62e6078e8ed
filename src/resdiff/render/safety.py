"""Escaping document text for outputs that would otherwise interpret it."""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters except newline and tab (ESC starts ANSI codes), the bidi
# embeddings, overrides and isolates that can reorder what a terminal shows ("Trojan Source"),
# and the Unicode line and paragraph separators.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def terminal_safe(text: str) -> str:
    """Show control characters as visible escapes so document text cannot drive the terminal.

    Example:
        >>> terminal_safe("red \\x1b[31mtext")
        'red \\\\x1b[31mtext'
    """
    return _CONTROL_RE.sub(_visible, text)


def _visible(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """:func:`terminal_safe`, with line breaks shown as ``\\n``: for one-line error messages.

    Example:
        >>> one_line("bad\\nname.txt is empty")
        'bad\\\\nname.txt is empty'
    """
    return terminal_safe(text).replace("\n", "\\n")


# What JSON (with ``ensure_ascii=False``) would pass raw although no string needs it raw:
# DEL and the C1 controls, the bidi marks, embeddings, overrides and isolates (U+200E/F,
# U+061C, U+202A-U+202E, U+2066-U+2069) and the line and paragraph separators. json
# already escapes C0 controls.
_JSON_UNSAFE_RE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(data: Any, indent: int | None = 2) -> str:
    """``json.dumps`` keeping letters readable (UTF-8) but escaping what could trick a viewer.

    The escaped characters can only occur inside JSON strings, so the output stays valid
    JSON and reads back to the same data.

    Example:
        >>> json_text({"t": "abc\u202edef"}, indent=None)
        '{"t": "abc\\\\u202edef"}'
    """
    if indent is None:
        import json  # here: the command line imports this module for its error lines

        text = json.dumps(data, ensure_ascii=False)
    else:
        from resdiff.render._json_writer import dumps_indented

        text = dumps_indented(data, indent)
    # One pass; with nothing to escape (nearly always) ``sub`` gives the text back, uncopied.
    return _JSON_UNSAFE_RE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
