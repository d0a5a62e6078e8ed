"""Resolution-aware annotations of a changed unit: what a negotiator reads first.

* ``opening``: the opening word or phrase changed (``Invite`` → ``Encourage``,
  ``Urges`` → ``Calls upon``, ``Rappelant`` → ``Réaffirmant``), which changes the force of
  a clause;
* ``citation``: a cited resolution number changed (``68/192`` → ``68/193``);
* ``date`` and ``year``: a cited date or year changed;
* ``negation``: a negation was added or removed (``ne … pas``, ``not``).

Annotations are short strings ``"<kind>: <old> → <new>"``, the same in every output format.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from resdiff.compare._lexicon import NEGATIONS
from resdiff.compare.comparable import piece_keys
from resdiff.model import Token

# An opening phrase longer than this is a rewrite; only its first words are quoted.
MAX_OPENING_WORDS = 4

_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    r"|d[ée]cembre|january|february|march|april|may|june|july|august|september|october"
    r"|november|december"
)
# Each pattern opens with what it must find (a digit, "19"/"20") and only then looks behind:
# the regex engine then skips ahead to candidates instead of testing a look-behind at every
# position (three times faster). ``\d(?<!\w\d)`` is ``\b\d``; ``\d(?<![\d/]\d)`` is
# ``(?<![\d/])\d``.
DATE_RE = re.compile(
    rf"\d(?<!\w\d)\d?(?:er|st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}\b", re.I
)  # 1er janvier 2020, 25 September 2015
CITATION_RE = re.compile(r"\d(?<![\d/]\d)\d{0,3}/\d{1,4}(?![\d/])")  # 68/192
YEAR_RE = re.compile(r"(?:19|20)(?<![\d/]..)\d{2}(?![\d/])")  # 2030, not 12030 or 68/2030


def annotate(old_text: str, new_text: str, tokens: Sequence[Token]) -> tuple[str, ...]:
    """Annotations for a unit whose text changed from ``old_text`` to ``new_text``.

    Example:
        >>> from resdiff.model import Token
        >>> old = "Invite les États, résolution 68/192"
        >>> new = "Encourage les États, résolution 68/193"
        >>> annotate(old, new, [Token("-", "Invite "), Token("+", "Encourage "), Token("=", "…")])
        ('opening: Invite → Encourage', 'citation: 68/192 → 68/193')
    """
    return tuple(
        [
            *_opening(tokens),
            *_changed("citation", CITATION_RE, old_text, new_text),
            *_changed("date", DATE_RE, old_text, new_text),
            *_changed("year", YEAR_RE, DATE_RE.sub("", old_text), DATE_RE.sub("", new_text)),
            *_negation(tokens),
        ]
    )


def _opening(tokens: Sequence[Token]) -> Iterator[str]:
    """The deleted and inserted words before the first unchanged word, if the text opens so."""
    old: list[str] = []
    new: list[str] = []
    for token in tokens:
        if token.op == "=":
            if any(key for _text, key in piece_keys(token.text)):
                break
            continue  # suppressed debris before the first word
        (old if token.op == "-" else new).append(token.text)
    if old or new:
        yield f"opening: {_words(''.join(old))} → {_words(''.join(new))}"


def _words(text: str) -> str:
    words = text.split()
    shown = " ".join(words[:MAX_OPENING_WORDS])
    return (shown + " …" if len(words) > MAX_OPENING_WORDS else shown) or "∅"


def _changed(kind: str, pattern: re.Pattern[str], old: str, new: str) -> Iterator[str]:
    """A change of the values ``pattern`` finds, as a multiset (order does not matter)."""
    old_found = Counter(" ".join(m.split()) for m in pattern.findall(old))
    new_found = Counter(" ".join(m.split()) for m in pattern.findall(new))
    gone = sorted((old_found - new_found).elements())
    came = sorted((new_found - old_found).elements())
    if gone or came:
        yield f"{kind}: {', '.join(gone) or '∅'} → {', '.join(came) or '∅'}"


def _negation(tokens: Sequence[Token]) -> Iterator[str]:
    removed = [text for t in tokens if t.op == "-" for text, key in piece_keys(t.text)
               if key in NEGATIONS]  # fmt: skip
    added = [text for t in tokens if t.op == "+" for text, key in piece_keys(t.text)
             if key in NEGATIONS]  # fmt: skip
    if removed or added:
        yield f"negation: {' '.join(removed) or '∅'} → {' '.join(added) or '∅'}"
