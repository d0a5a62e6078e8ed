"""Elided articles OCR misread as a capital letter: ``POffice`` for ``l’Office``.

The ``l’`` before a capitalised word (``l’Office``, ``l’Assemblée``) is a thin letter and an
apostrophe that a poor scan fuses into one glyph: tesseract reads ``P`` or drops the
apostrophe (``lAssemblée``). Only in languages that elide, only before a vowel, and only
when the word without its first letter is known and the word as read is not.
"""

from __future__ import annotations

import re

from resdiff.lang import Language
from resdiff.normalize._lines import joined_tokens
from resdiff.normalize.lexicon import Lexicon

# The glyph first, what stands before it checked behind it: the search jumps from one "P" or
# "l" to the next instead of trying the lookbehind at every position (same matches).
_FUSED_RE = re.compile(r"(?P<glyph>[Pl])(?<![\w’'][Pl])(?P<word>[AEIOUÉÈÊ][^\W\d_]{2,})")


class FixMisreadElisions:
    """``POffice`` / ``lAssemblée`` → ``l’Office`` / ``l’Assemblée``.

    Example:
        >>> from resdiff import lang
        >>> fix = FixMisreadElisions(lang.get("fr"), Lexicon.for_language("fr"))
        >>> fix("Invite POffice et lAssemblée, Paris et PIB")
        'Invite l’Office et l’Assemblée, Paris et PIB'
    """

    def __init__(self, language: Language, lexicon: Lexicon) -> None:
        self.elides = "l" in language.elisions
        self.lexicon = lexicon

    def __call__(self, text: str) -> str:
        # A match lies inside a whitespace token (a space or the start of the token is the
        # same to it): the distinct tokens show whether any match would change.
        if not self.elides or all(
            self._fix(match) == match[0] for match in _FUSED_RE.finditer(joined_tokens(text))
        ):
            return text
        return _FUSED_RE.sub(self._fix, text)

    def _fix(self, match: re.Match[str]) -> str:
        read, word = match[0], match["word"]
        if read in self.lexicon or word not in self.lexicon:
            return read
        return f"l’{word}"


__all__ = ["FixMisreadElisions"]
