"""Counted nouns in messages: "1 problem", "2 problems" — never "problem(s)"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun in the right number (English messages).

    Example:
        >>> counted(1, "version"), counted(2, "version"), counted(0, "series", "series")
        ('1 version', '2 versions', '0 series')
    """
    noun = singular if count == 1 else (plural if plural is not None else f"{singular}s")
    return f"{count} {noun}"


__all__ = ["counted"]
