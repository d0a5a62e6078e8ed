"""Cheap questions about a whole text, so that repair steps scan only the lines they change.

A repair step that looks at words runs a pattern over the whole text (a megabyte for a
2,500-clause resolution), although it changes only the lines holding a word it does not
know. Splitting on whitespace is several times faster than any pattern, and a text repeats
its words: the distinct whitespace-separated tokens (:func:`tokens`) tell which words occur,
and :func:`lines_holding` finds the few lines where the unknown ones stand. A step whose
pattern never crosses a line break (nor looks across one: a line break and the start or end
of the text are the same to it) then runs on those lines alone, with the same result as on
the whole text (:func:`sub_lines`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

# Most distinct needles searched for one by one: each is a scan of the text (fast, in C),
# but many of them would cost more than one pattern scan of the whole text.
MAX_NEEDLES = 16
# A step runs line by line only when at most one line in this many needs it.
MAX_SHARE = 8


@functools.lru_cache(maxsize=1)
def tokens(text: str) -> frozenset[str]:
    """The distinct whitespace-separated tokens of ``text`` (``str.split()``'s).

    Consecutive steps that change nothing pass the same text on, so it is split once; a
    string caches its own hash, so asking again costs nothing. Only the last text is kept
    (a megabyte and its tokens).
    """
    return frozenset(text.split())


@functools.lru_cache(maxsize=1)
def joined_tokens(text: str) -> str:
    """The distinct tokens of ``text`` (:func:`tokens`), one per line, in no set order.

    A pattern that matches within whitespace tokens and sees a whitespace character, the
    start and the end of the text alike finds in it every distinct match of the text.
    """
    return "\n".join(tokens(text))


def needles_by_spaces(
    text: str,
    before_space: re.Pattern[str],
    after_space: re.Pattern[str],
    unknown: Callable[[str], bool],
) -> list[str]:
    """What to look for of the tokens around a space that a step may change.

    ``before_space`` and ``after_space`` match a line of :func:`joined_tokens` (one token)
    with two groups, the token and its part the step reads: the end of a token that a
    space follows, the start of one that a space precedes. A token whose part is
    ``unknown`` is looked for with its space (``"vict "``, ``" imes"``).
    """
    words = joined_tokens(text)
    needles = [f"{token} " for token, part in before_space.findall(words) if unknown(part)]
    needles += [f" {token}" for token, part in after_space.findall(words) if unknown(part)]
    return needles


def run_on_lines_holding(text: str, needles: list[str], change: Callable[[str], str]) -> str:
    """``change(text)`` for a line-local ``change`` (see :func:`sub_lines`) that changes only
    lines holding a needle: run on those lines alone, or on the whole text when cheaper.
    """
    if not needles:
        return text
    spans = lines_holding(text, needles)
    return change(text) if spans is None else sub_lines(text, spans, change)


def lines_holding(text: str, needles: Iterable[str]) -> list[tuple[int, int]] | None:
    """The spans (start, end) of the lines of ``text`` where some needle occurs, in order.

    A line's span excludes its line break. Returns None when there are more than
    :data:`MAX_NEEDLES` needles, or they stand on more than one line in :data:`MAX_SHARE`:
    a scan of the whole text is then cheaper.
    """
    wanted = set(needles)
    if len(wanted) > MAX_NEEDLES:
        return None
    most = (text.count("\n") + 1) // MAX_SHARE  # more lines than this: the pattern is cheaper
    starts: set[int] = set()
    for needle in wanted:
        at = text.find(needle)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            starts.add(start)
            if len(starts) > most:
                return None
            end = text.find("\n", at)
            if end == -1:
                break
            at = text.find(needle, end)
    spans = []
    for start in sorted(starts):
        end = text.find("\n", start)
        spans.append((start, len(text) if end == -1 else end))
    return spans


def sub_lines(text: str, spans: list[tuple[int, int]], change: Callable[[str], str]) -> str:
    """``text`` with each line in ``spans`` (from :func:`lines_holding`) passed to ``change``.

    Equal to ``change(text)`` when ``change`` is line-local: it never matches across a line
    break nor looks across one, and a line break next to a line is to it what the start or
    the end of the text is (no ``(?<=\\s)``, no ``\\s`` that could span a break).
    """
    out: list[str] = []
    done = 0
    for start, end in spans:
        line = text[start:end]
        changed = change(line)
        if changed != line:
            out += (text[done:start], changed)
            done = end
    return "".join((*out, text[done:])) if out else text


__all__ = [
    "MAX_NEEDLES", "joined_tokens", "lines_holding", "needles_by_spaces",
    "run_on_lines_holding", "sub_lines", "tokens",
]  # fmt: skip
