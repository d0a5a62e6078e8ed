"""Language knowledge, one module per language: cue words, patterns and OCR confusions.

The pipeline picks a :class:`Language` once (``get("fr")``); no ``if lang == ...`` branches
elsewhere.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from resdiff._languages import SUPPORTED as SUPPORTED
from resdiff.errors import LanguageMismatch, UnknownLanguage


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
    # "Agenda item 18 (c)" in the document header; the group ``item`` holds "18 (c)".
    agenda_re: re.Pattern[str] | None = None
    # Glyphs OCR makes of a superscript footnote mark, beyond those of every language.
    marker_glyphs: str = ""
    # Glyphs that are a misread mark only before punctuation or the end of a unit.
    end_marker_glyphs: str = ""
    # Sub-item letters of other alphabets and the latin letter of their unit id: "ب" → "b".
    label_letters: dict[str, str] = field(default_factory=dict)
    # Repairs checked against a word list (elisions, hyphens, damaged words).
    word_repairs: bool = True
    # With a word list that lacks many inflected forms (Spanish, Russian), an unknown word is
    # often a correct one: repair it only into a common word, and never split it in two
    # unless the first half is a cue word.
    repair_min_frequency: int = 0
    split_common_words: bool = True
    # Words are not separated by spaces (Chinese): a line break joins without one.
    spaceless: bool = False
    # Subjects a title names and the series names they give (``derive`` in storage/series.py):
    # ("traite des personnes", "trafficking"); the first one the title contains wins.
    topics: tuple[tuple[str, str], ...] = ()
    # Extra repair steps, run after the shared ones.
    extra_steps: tuple[Callable[[str], str], ...] = field(default=())
    # The shape of opening words beyond the lists (French participles in -ant, English -ing),
    # and capitalised words of that shape that open no paragraph ("Beijing").
    opener_shape: re.Pattern[str] | None = None
    not_openers: frozenset[str] = frozenset()
    # Preambular participles are printed capitalised (French, English); Russian prints
    # "ссылаясь", "отмечая" in lower case.
    openers_capitalised: bool = True
    # Words that open a sub-item of a list and no paragraph, where paragraphs open in lower
    # case too (Russian: infinitives, "обмениваться"): a paragraph opening so after an item is
    # the list's next one, its label lost (resdiff.segment.lists.LostLabelItem).
    item_shape: re.Pattern[str] | None = None
    # Abbreviations, lower case and without their full stop, after which a full stop ends no
    # sentence ("vol.", "No.", "p."): a footnote re-wrapped after one goes on, on the next line.
    abbreviations: frozenset[str] = frozenset()

    def body_letter(self, text: str) -> str | None:
        """The symbol letter of the body whose formula ``text`` is (``E`` for ECOSOC), or None."""
        return _formula_letter(self.formulas, " ".join(text.split()))

    def ends_sentence(self, text: str) -> bool:
        """True when ``text`` ends with a full stop that is no abbreviation's.

        >>> get("en").ends_sentence("United Nations, Treaty Series, vol.")
        False
        >>> get("en").ends_sentence("Ibid., vol. 2237, No. 39574.")
        True
        """
        stripped = text.rstrip()
        if not stripped.endswith("."):
            return False
        last = _LAST_WORD_RE.search(stripped)
        return last is None or last[1].lower() not in self.abbreviations

    @functools.cached_property
    def opening_words(self) -> frozenset[str]:
        """All cue words, lower case, that may open a paragraph."""
        return frozenset(w.lower() for w in self.preamble_openers | self.operative_verbs)

    def is_opening_word(self, word: str) -> bool:
        """True for a word that may open a paragraph: a cue word, or one of their shape."""
        lower = word.lower()
        if lower in self.opening_words:
            return True
        shaped = self.opener_shape is not None and self.opener_shape.fullmatch(word)
        return bool(shaped) and lower not in self.not_openers


# The word before a text's final full stop ("vol" of "…, vol."), after a space or a bracket.
_LAST_WORD_RE = re.compile(r"(?:^|[\s(\[])(\w+)\.$")


@functools.lru_cache(maxsize=1 << 12)
def _formula_letter(formulas: tuple[tuple[re.Pattern[str], str], ...], line: str) -> str | None:
    """:meth:`Language.body_letter` of one line, cached: segmentation asks it of each line
    twice (as the line, then as the line before the next one)."""
    return next((letter for regex, letter in formulas if regex.match(line)), None)


def get(code: str) -> Language:
    """The :class:`Language` for an ISO 639-1 code.

    Raises:
        UnknownLanguage: resdiff has no knowledge of this language.
    """
    name = _MODULES.get(code) if isinstance(code, str) else None
    if name is None:
        raise UnknownLanguage(
            f"unknown language {code!r}; use one of: {', '.join(sorted(_MODULES))}"
        )
    # Only the language asked for: each module compiles its patterns when imported.
    language: Language = importlib.import_module(f"resdiff.lang.{name}").LANGUAGE
    return language


# The module of each language code (the codes are :data:`SUPPORTED`).
_MODULES = {
    "ar": "arabic",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "ru": "russian",
    "zh": "chinese",
}


_WORD_RE = re.compile(r"[^\W\d_]+")
# Letters of the scripts that decide a language on their own.
_SCRIPTS = {
    "ar": re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefe]"),
    "zh": re.compile("[\u4e00-\u9fff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
}
# Short words frequent in one language of the Latin script and rare in the others.
_MARKERS = {
    "fr": frozenset("le la les des et du une pour dans sur aux est".split()),
    "en": frozenset("the of and to in for on that with by is".split()),
    "es": frozenset("el los las del y que por con para una al".split()),
}


def detect(text: str) -> str:
    """Guess the language of a resolution text from its script, then its short words.

    Returns:
        An ISO 639-1 code among :data:`SUPPORTED`; French when nothing decides.

    Example:
        >>> detect("Recordando sus resoluciones y los informes del Secretario General")
        'es'
        >>> detect("Экономический и Социальный Совет,")
        'ru'
    """
    script, _, scores = _evidence(text)
    if script is not None:
        return script
    return max(sorted(scores, reverse=True), key=lambda code: scores[code])


def _evidence(text: str) -> tuple[str | None, int, dict[str, int]]:
    """What decides a language: a script that covers the text (or None), the number of
    letters, and the count of each Latin-script language's frequent short words."""
    sample = text[:20_000]
    letters = sum(len(word) for word in _WORD_RE.findall(sample)) or 1
    for code, script in _SCRIPTS.items():
        if len(script.findall(sample)) > 0.3 * letters:
            return code, letters, {}
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    return None, letters, {code: sum(w in vocab for w in words) for code, vocab in _MARKERS.items()}


# A Latin-script text "clearly reads as" a language when that language's short words are at
# least this many, and this many times those of the runner-up.
CLEAR_MARKERS = 12
CLEAR_RATIO = 3


def reads_as(text: str) -> str | None:
    """The language a text clearly reads as, or None when its words do not say clearly.

    >>> reads_as("Le Conseil économique et social prie les États de la région et des pays")
    >>> reads_as("Le Conseil prie les États de la région et des pays de la zone. " * 5)
    'fr'
    """
    script, letters, scores = _evidence(text)
    if script is not None or letters < 200:
        return script
    (best, code), (second, _) = sorted(((n, c) for c, n in scores.items()), reverse=True)[:2]
    return code if best >= CLEAR_MARKERS and best >= CLEAR_RATIO * second else None


def check_language(text: str, lang: str) -> None:
    """Refuse a ``--lang`` that the text clearly contradicts (it would be misread).

    Raises:
        LanguageMismatch: the text reads as another language, with the advice.
    """
    found = reads_as(text)
    if found is not None and found != lang:
        raise LanguageMismatch(
            f"this text reads as {get(found).name} ({found}); --lang {lang} given: "
            f"drop --lang or give --lang {found}"
        )
