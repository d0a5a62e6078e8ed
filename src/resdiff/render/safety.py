"""Escaping document text for outputs that would otherwise interpret it."""

from __future__ import annotations

import re

# C0 and C1 control characters except newline and tab, and the escape that starts ANSI codes.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Show control characters as visible escapes so document text cannot drive the terminal.

    Example:
        >>> terminal_safe("red \\x1b[31mtext")
        'red \\\\x1b[31mtext'
    """
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m[0]):02x}", text)
