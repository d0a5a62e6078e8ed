"""Is this a real word? The one question the differ asks a lexicon, answered lazily.

The word lists (:mod:`resdiff.normalize.lexicon`: pyspellchecker plus the UN vocabulary) take
a few tenths of a second to load, so they are read only the first time a comparison needs them
(two different spellings that an OCR confusion could explain, or a short fragment that may be
debris), and at most once per process and language. The differ only asks for membership in
the accent-free set, which is cheaper to build than the repairer's accent index.
"""

from __future__ import annotations

from resdiff.normalize.lexicon import Lexicon

# Words the differ must never treat as noise, whatever a word list says: a dropped or added
# negation changes the meaning of a clause.
NEGATIONS = frozenset({"ne", "n'", "pas", "non", "not", "no", "nor", "ni", "jamais", "never"})


# Frequent short words, answered without loading the word lists: most insertions and
# deletions of short words in real edits are these.
COMMON_SHORT = frozenset(
    """a ai as au aux ce ces ci de des du en et eu il ils la le les leur lui
    ne ni nos on ou par pas peu qu' qui que sa se ses si son sur un une vu y
    d' l' n' s' c' an and any are as at be but by can do for from had has
    have he her his if in into is it its may no nor not of on or our per she so
    than that the their them then there these they this those to up upon was we
    were which who will with would""".split()
)


def is_word(key: str, lang: str) -> bool:
    """True when ``key`` (a comparison-form word: lower case, no accents) is a known word."""
    return key in NEGATIONS or key in COMMON_SHORT or Lexicon.for_language(lang).has_skeleton(key)
