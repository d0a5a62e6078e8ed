"""Word lists used to check OCR repairs: pyspellchecker's frequency lists plus UN vocabulary.

This module is the only importer of pyspellchecker. A word is looked up case-insensitively
with ``œ`` spelled ``oe`` (as pyspellchecker's French list spells it).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from importlib import resources

# How often a word of the UN vocabulary list counts as having been seen: high enough to win
# against rare homographs in the general list, low enough not to outweigh function words.
UN_VOCABULARY_FREQUENCY = 5_000


def fold_ligatures(word: str) -> str:
    """``œuvre`` → ``oeuvre``: the spelling the general word lists use."""
    return word.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")


def strip_accents(word: str) -> str:
    """``rôle`` → ``role``; ligatures are spelled out (``œ`` → ``oe``)."""
    decomposed = unicodedata.normalize("NFD", fold_ligatures(word))
    if decomposed.isascii():
        return decomposed  # no combining mark to drop (every ASCII character has class 0)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_COMBINING_RE = re.compile("[\u0300-\u036f]")


def _strip_accents_all(words: list[str]) -> list[str]:
    """:func:`strip_accents` of many words at once: one pass over one joined string is five
    times faster than 140,000 calls (it matters for the differ's start-up time).
    """
    if not words:
        return []  # "".split("\n") would be [""]: a language without a word list (ar, zh)
    joined = fold_ligatures("\n".join(words))
    return _COMBINING_RE.sub("", unicodedata.normalize("NFD", joined)).split("\n")


def _data_text(name: str) -> str:
    """The text of a list in ``normalize/data`` (empty when the language has none)."""
    path = resources.files("resdiff.normalize") / "data" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _data_words(text: str) -> list[str]:
    """The words of a list (one per line, ``#`` starts a comment)."""
    return [word for line in text.splitlines() if (word := line.split("#", 1)[0].strip())]


def _lookup_key(word: str) -> str:
    """``fold_ligatures(word.lower())``, without the four replacements when there is no ligature."""
    lower = word.lower()  # lower case has no capital Œ or Æ left to fold
    return fold_ligatures(lower) if "œ" in lower or "æ" in lower else lower


def _skeleton(word: str) -> str:
    """The accent-free spelling of one word, exactly as the skeleton index spells it."""
    return _strip_accents_all([word])[0]


# Skeleton → its words, most frequent first; only the skeletons that are not simply one word
# spelled without accents ("role" → ("rôle", "role")): a word that is its own skeleton and
# has no accented twin needs no entry, which keeps the index a third of the word count.
Groups = dict[str, tuple[str, ...]]


def _compile(frequencies: Mapping[str, int]) -> Groups:
    """The accent-skeleton index of a word list (the costly part of a lexicon)."""
    words = list(frequencies)
    index: dict[str, list[str]] = defaultdict(list)
    for word, skeleton in zip(words, _strip_accents_all(words), strict=True):
        index[skeleton].append(word)
    return {
        skeleton: tuple(sorted(group, key=lambda w: (-frequencies[w], w)))
        for skeleton, group in index.items()
        if group != [skeleton]
    }


def _frequencies(general: bytes, vocabulary: str, excluded: str) -> dict[str, int]:
    """The word list of a language: the general list, plus UN vocabulary, minus exclusions."""
    frequencies: dict[str, int] = json.loads(gzip.decompress(general)) if general else {}
    for word in _data_words(vocabulary):
        key = fold_ligatures(word.lower())
        frequencies[key] = max(frequencies.get(key, 0), UN_VOCABULARY_FREQUENCY)
    for word in _data_words(excluded):
        frequencies.pop(fold_ligatures(word.lower()), None)
    return frequencies


class Lexicon:
    """Known words of one language with their frequencies.

    Example:
        >>> lex = Lexicon.for_language("fr")
        >>> "rôle" in lex, "rdle" in lex, "Œuvre" in lex
        (True, False, True)
        >>> lex.accent_variants("Etats")
        ['états']
        >>> lex.has_skeleton("role"), lex.has_skeleton("rôle"), lex.has_skeleton("zzq")
        (True, False, False)
    """

    def __init__(
        self,
        frequencies: Mapping[str, int],
        groups: Mapping[str, tuple[str, ...]] | None = None,
        longest: int | None = None,
    ) -> None:
        self._freq = frequencies
        if groups is not None:
            self.__dict__["_groups"] = groups
        if longest is not None:
            self.__dict__["longest"] = longest

    @functools.cached_property
    def _groups(self) -> Mapping[str, tuple[str, ...]]:
        """The accent-skeleton index (built on first use when not loaded compiled)."""
        return _compile(self._freq)

    @classmethod
    @functools.cache
    def for_language(cls, lang: str) -> Lexicon:
        """The lexicon of ``lang``, read from its compiled file in the user cache when there.

        The first process to need a language builds it (about 0.3 s) and saves it for the
        next ones, which read only the words they look up
        (:mod:`resdiff.normalize._compiled`); cached per process too.
        """
        from resdiff.normalize import _compiled

        general = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
        inputs = (
            general.read_bytes() if general.is_file() else b"",
            _data_text(f"un_vocabulary_{lang}.txt"),
            _data_text(f"un_excluded_{lang}.txt"),
        )
        loaded = _compiled.load(lang, inputs)
        if loaded is not None:
            return cls(*loaded)
        lexicon = cls(_frequencies(*inputs))
        _compiled.save(lang, inputs, lexicon._freq, lexicon._groups, lexicon.longest)
        return lexicon

    @functools.cached_property
    def longest(self) -> int:
        """The length of the longest known word or skeleton: nothing longer is ever known."""
        return max(max(map(len, self._freq), default=0), max(map(len, self._groups), default=0))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _lookup_key(word) in self._freq

    def frequency(self, word: str) -> int:
        """How often the word was seen (0 when unknown)."""
        return self._freq.get(_lookup_key(word), 0)

    def has_skeleton(self, key: str) -> bool:
        """True when some known word is spelled ``key`` once lower-cased and without accents."""
        return key in self._groups or (key in self._freq and _skeleton(key) == key)

    def accent_variants(self, word: str) -> list[str]:
        """Known words spelled like ``word`` but for accents, most frequent first (lower case)."""
        skeleton = strip_accents(word.lower())
        group = self._groups.get(skeleton)
        if group is not None:
            return list(group)
        return [skeleton] if self.has_skeleton(skeleton) else []
