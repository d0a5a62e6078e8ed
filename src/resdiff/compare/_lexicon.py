"""Is this a real word? The one question the differ asks a lexicon, answered lazily.

The word lists take a few tenths of a second to load, so they are read only the first time a
comparison needs them (two different spellings that an OCR confusion could explain, or a
short fragment that may be debris), and at most once per process and language. They are the
same lists as :mod:`resdiff.normalize.lexicon` (pyspellchecker plus the UN vocabulary), read
into an accent-free set: building that module's accent index takes over a second, which
would blow the differ's start-up budget, and the differ only needs membership.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from importlib import resources

# Words the differ must never treat as noise, whatever a word list says: a dropped or added
# negation changes the meaning of a clause.
NEGATIONS = frozenset({"ne", "n'", "pas", "non", "not", "no", "nor", "ni", "jamais", "never"})


def strip_accents(word: str) -> str:
    """``Rôle`` → ``Role``, ``œuvre`` → ``oeuvre`` (the spelling the word lists use)."""
    word = word.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Frequent short words, answered without loading the word lists: most insertions and
# deletions of short words in real edits are these.
COMMON_SHORT = frozenset(
    """a ai as au aux ce ces ci de des du en et eu il ils je la le les leur lui ma me mes
    ne ni nos on ou par pas peu qu' qui que sa se ses si son sur ta te tu un une vu y
    d' l' n' s' c' j' m' t' an and any are as at be but by can do for from had has
    have he her his if in into is it its may no nor not of on or our per she so
    than that the their them then there these they this those to up upon was we
    were which who will with would you""".split()
)


@functools.cache
def known_words(lang: str) -> frozenset[str]:
    """Every word of ``lang`` in comparison form (lower case, accents stripped).

    pyspellchecker's frequency list plus resdiff's UN vocabulary. Stripping the accents of
    140,000 words one by one takes a second; done on one joined string it takes a fifth.
    """
    words: list[str] = []
    general = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
    if general.is_file():
        with general.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            words.extend(json.load(handle))
    vocabulary = resources.files("resdiff.normalize") / "data" / f"un_vocabulary_{lang}.txt"
    if vocabulary.is_file():
        for line in vocabulary.read_text(encoding="utf-8").splitlines():
            words.extend(line.split("#", 1)[0].split())
    joined = "\n".join(words).replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae")
    joined = _COMBINING_RE.sub("", unicodedata.normalize("NFD", joined)).lower()
    return frozenset(joined.split("\n"))


_COMBINING_RE = re.compile(r"[\u0300-\u036f]")


def is_word(key: str, lang: str) -> bool:
    """True when ``key`` (a comparison-form word: lower case, no accents) is a known word."""
    return key in NEGATIONS or key in COMMON_SHORT or key in known_words(lang)
