"""Language knowledge, one module per language: cue words, patterns and OCR confusions.

The pipeline picks a :class:`Language` once (``get("fr")``); no ``if lang == ...`` branches
elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from resdiff.errors import UnknownLanguage


@dataclass(frozen=True)
class Language:
    """What resdiff knows about writing resolutions in one language."""

    code: str
    name: str
    # "Le Conseil économique et social," → "E"; the acting body and its symbol letter.
    formulas: tuple[tuple[re.Pattern[str], str], ...]
    # Meeting line of the closing block: "13e séance plénière" / "13th plenary meeting".
    meeting_re: re.Pattern[str]
    # Adoption date in the closing: "22 juillet 2021" / "22 July 2021".
    date_re: re.Pattern[str]
    months: dict[str, int]
    # Words that open paragraphs (participles of the preamble, verbs of the operative part).
    preamble_openers: frozenset[str]
    operative_verbs: frozenset[str]
    # Elided articles and pronouns written with an apostrophe: "l’", "d’", "qu’"...
    elisions: frozenset[str] = frozenset()
    # Prefixes that keep their hyphen when a line ends on them ("sous-", "non-").
    hyphen_prefixes: frozenset[str] = frozenset()
    # Prefixes that keep their hyphen even when the joined word exists ("non-governmental").
    hyphen_always: frozenset[str] = frozenset()
    # Multi-character OCR misreadings to try on unknown words: (as read, as printed).
    ocr_confusions: tuple[tuple[str, str], ...] = ()
    # Extra repair steps, run after the shared ones.
    extra_steps: tuple[Callable[[str], str], ...] = field(default=())

    def body_letter(self, text: str) -> str | None:
        """The symbol letter of the body whose formula ``text`` is (``E`` for ECOSOC), or None."""
        line = " ".join(text.split())
        return next((letter for regex, letter in self.formulas if regex.match(line)), None)

    @property
    def opening_words(self) -> frozenset[str]:
        """All cue words, lower case, that may open a paragraph."""
        return frozenset(w.lower() for w in self.preamble_openers | self.operative_verbs)


def get(code: str) -> Language:
    """The :class:`Language` for an ISO 639-1 code.

    Raises:
        UnknownLanguage: resdiff has no knowledge of this language.
    """
    from resdiff.lang import english, french

    languages = {"fr": french.LANGUAGE, "en": english.LANGUAGE}
    try:
        return languages[code]
    except KeyError:
        raise UnknownLanguage(
            f"unknown language {code!r}; use one of: {', '.join(sorted(languages))}"
        ) from None


SUPPORTED = ("en", "fr")

_WORD_RE = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str:
    """Guess the language of a resolution text from its most common short words.

    Returns:
        An ISO 639-1 code among :data:`SUPPORTED`; French when nothing decides.
    """
    words = [w.lower() for w in _WORD_RE.findall(text[:20_000])]
    markers = {
        "fr": {"le", "la", "les", "des", "et", "du", "une", "pour", "dans", "sur"},
        "en": {"the", "of", "and", "to", "in", "for", "on", "that", "with", "by"},
    }
    scores = {code: sum(1 for w in words if w in vocab) for code, vocab in markers.items()}
    return max(sorted(scores, reverse=True), key=lambda code: scores[code])
