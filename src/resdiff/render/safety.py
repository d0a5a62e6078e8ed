"""Escaping document text for outputs that would otherwise interpret it."""

from __future__ import annotations

import re

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
