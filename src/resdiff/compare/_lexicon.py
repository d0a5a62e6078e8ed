"""Is this a real word? The one question the differ asks a lexicon, answered lazily.

The word lists take a few tenths of a second to load, so they are read only the first time a
comparison needs them (two different spellings that an OCR confusion could explain), and at
most once per process and language. The lead's :mod:`resdiff.normalize.lexicon` is used when
it is installed, so resdiff keeps a single source of truth for its vocabulary; otherwise the
pyspellchecker lists are read directly.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

# Words the differ must never treat as noise, whatever a word list says: a dropped or added
# negation changes the meaning of a clause.
NEGATIONS = frozenset({"ne", "n'", "pas", "non", "not", "no", "nor", "ni", "jamais", "never"})


def strip_accents(word: str) -> str:
    """``Rôle`` → ``Role``, ``œuvre`` → ``oeuvre`` (the spelling the word lists use)."""
    word = word.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def word_test(lang: str) -> Callable[[str], bool]:
    """A predicate telling whether a lower-case, accent-free word is a word of ``lang``."""
    try:
        from resdiff.normalize.lexicon import Lexicon  # the lead's lexicon, when installed
    except ImportError:
        return _spellchecker_test(lang)
    lexicon = Lexicon.for_language(lang)
    return lambda word: bool(lexicon.accent_variants(word))


def _spellchecker_test(lang: str) -> Callable[[str], bool]:
    from spellchecker import SpellChecker

    try:
        words = SpellChecker(language=lang).word_frequency.dictionary
    except ValueError:  # a language pyspellchecker does not ship: no word is known
        return lambda word: False
    known = frozenset(strip_accents(word.lower()) for word in words)
    return known.__contains__


def is_word(key: str, lang: str) -> bool:
    """True when ``key`` (a comparison-form word: lower case, no accents) is a known word."""
    return key in NEGATIONS or word_test(lang)(key)
