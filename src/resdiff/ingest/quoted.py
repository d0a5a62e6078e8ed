"""Text quoted in a plain-text e-mail reply: the ``>`` before every line taken off.

A delegate often has a resolution only as a colleague's reply quoted it: every line opens
with ``>`` (``> >`` when the reply was answered in turn), paragraphs are rewrapped at about
seventy columns and a blank line is a bare ``>``. When most non-blank lines are quoted, one
level of quoting comes off every quoted line, as often as the whole text was quoted; lines
that are not quoted (``Le 3 août 2021, Jean a écrit :``, a signature) stay as they are, for
the segmenter to set aside as it does any text around a resolution.
"""

from __future__ import annotations

import re

# Quoted lines needed among the non-blank ones for the text to be a quoted reply.
QUOTED_SHARE = 0.8
# Levels of quoting taken off at most (a reply to a reply to a reply…).
MAX_LEVELS = 8

_QUOTE_RE = re.compile(r"^[ \t]*>[ \t]?")


def unquote(text: str) -> str:
    """Take the e-mail quoting off ``text`` when most of its lines are quoted.

    Example:
        >>> unquote("Jean a écrit :\\n> Notant x,\\n>\\n> > 1. Prie y ;\\n> 2. Invite z ;")
        'Jean a écrit :\\nNotant x,\\n\\n> 1. Prie y ;\\n2. Invite z ;'
        >>> unquote("1. Prie y ;\\n> 2\\n")
        '1. Prie y ;\\n> 2\\n'
    """
    if ">" not in text:
        return text
    lines = text.split("\n")
    for _ in range(MAX_LEVELS):
        nonblank = [line for line in lines if line.strip()]
        quoted = sum(1 for line in nonblank if _QUOTE_RE.match(line))
        if not nonblank or quoted < QUOTED_SHARE * len(nonblank):
            break
        lines = [_QUOTE_RE.sub("", line, count=1) for line in lines]
    return "\n".join(lines)


__all__ = ["unquote"]
