"""Which series a new version joins: the one named, its symbol's, a same-titled one's, or one
named from its own text (body and subject). Pure functions, no I/O.

A series is the same resolution re-adopted over the years; re-adoptions keep their title, so
a stored version of the same body with the same title (folded for case, accents and
punctuation) names the series. Otherwise the name is made from the text: the acting body and
the subject, a known topic (``ecosoc-trafficking``) or the title's first significant words.

>>> slug("Mise en œuvre du Plan d’action mondial")
'mise-en-oeuvre-du-plan-d-action-mondial'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from resdiff import lang as languages
from resdiff.errors import UnknownLanguage
from resdiff.model import Resolution
from resdiff.storage.meta import StoredVersion

# Letters that NFKD does not take apart into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
# Words a title opens with that say nothing of its subject.
_FILLER = frozenset(
    "a an and de des du for in la le les of on the to et en pour sur l d "
    "mise oeuvre implementation".split()
)
MAX_WORDS = 4  # significant title words in a series name made from the title


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens (accents and ligatures folded)."""
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _NON_WORD_RE.sub("-", bare).strip("-")


def _same_title(a: str, b: str) -> bool:
    return bool(a) and slug(a) == slug(b)


def derive(resolution: Resolution) -> str:
    """A series name made from the text: ``<body>-<topic>`` (``ecosoc-trafficking``).

    The topic is the first of the language's known subjects the title names, else the
    title's first significant words; ``un`` stands for an unknown body.

    >>> derive(Resolution("E/RES/2021/25", "en", (), title="Trafficking in persons", body="ECOSOC"))
    'ecosoc-trafficking'
    """
    body = slug(resolution.body or "un") or "un"
    title = slug(resolution.title)
    try:
        topics = languages.get(resolution.lang).topics
    except UnknownLanguage:
        topics = ()
    topic = next((name for words, name in topics if f"-{slug(words)}-" in f"-{title}-"), None)
    if topic is None:
        words = [w for w in title.split("-") if w not in _FILLER]
        topic = "-".join(words[:MAX_WORDS]) or "resolution"
    return f"{body}-{topic}"[:64].rstrip("-")


def series_for(resolution: Resolution, stored: Sequence[StoredVersion]) -> str:
    """The series a new version joins (see the module docstring for the order of the rules).

    Args:
        resolution: the ingested text; its ``series`` wins when set (``--series``).
        stored: the versions already in the store.
    """
    if resolution.series:
        return resolution.series
    for version in stored:
        if version.symbol == resolution.symbol:
            return version.series  # another language of a stored version
    for version in reversed(stored):
        titles = (entry.title for entry in version.languages.values())
        if version.body == resolution.body and any(
            _same_title(t, resolution.title) for t in titles
        ):
            return version.series
    return derive(resolution)
