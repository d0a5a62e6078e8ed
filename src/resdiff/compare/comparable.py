"""The comparison form of a text: what two OCR readings of the same printed clause share.

A text is cut into *pieces*: words, numbers and meaningful punctuation. Each piece keeps its
exact spelling (``raw``, with the whitespace and the stray marks that follow it, so the pieces
of a text always rebuild it byte for byte) and gets a *key*, its comparison form:

* case, accents and ligatures are folded (``États`` = ``Etats``, ``œuvre`` = ``oeuvre``,
  ``à`` = ``a``): OCR drops accents and capitals change with typography, not meaning;
* apostrophes are one character (``’`` = ``'``), and the elided article read as ``1’`` or
  ``I’`` is ``l'``; a ``1`` inside a word is an ``l`` and a capital ``I`` after a lower-case
  letter is an ``l`` (``reIatif``): digits inside numbers are never touched;
* ``¢``, which tesseract emits for an accent or a cedilla, is ``c`` inside a word
  (``exer¢ant``) and dropped beside an ``e``/``c`` (``d’¢éliminer``, ``¢c)``);
* footnote markers and stray marks (``?``, ``®``, ``²``, quotes, ``~``, ``|``…) and whitespace
  are not pieces at all: they are glued to the piece before them, so they never count.

Everything that needs a lexicon (is ``ceuvre`` a misreading of ``oeuvre``? is ``ee ,i`` OCR
debris?) is decided later, in :mod:`resdiff.compare.worddiff`, only where two texts differ.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from resdiff.normalize.lexicon import strip_accents

# Letters, as a regex class: \w minus digits, underscore and the "number-like" symbols
# (superscripts ², ³, fractions, circled digits) that OCR produces for footnote markers.
# The ordinal indicators º and ª (n°/nº) count as marks too.
_NOT_LETTERS = r"\u00aa\u00ba\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218f\u2460-\u24ff"
_LETTER = rf"[^\W\d_{_NOT_LETTERS}]"
# Soft hyphens and zero-width characters are part of the word they sit in, and dropped.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_TABLE = str.maketrans("", "", _INVISIBLE)
_WORD_CHAR = rf"(?:{_LETTER}|\d|¢|[{_INVISIBLE}])"
_APOSTROPHES = "’'ʼ‘`´"


def _token_pattern(word_char: str) -> re.Pattern[str]:
    return re.compile(
        rf"""
        (?P<number>\d+(?:[/.,]\d+)*(?!{word_char}|[{_APOSTROPHES}]))  # 2021, 68/192, 1.5
        |(?P<word>{word_char}+[{_APOSTROPHES}]?)  # a word, with the apostrophe of an elision: l’
        |(?P<space>\s+)
        |(?P<other>.)                             # punctuation or a mark, one character each
        """,
        re.X | re.S,
    )


TOKEN_RE = _token_pattern(_WORD_CHAR)

# Underscores and the number-like marks are all that tells ``_WORD_CHAR`` from ``\w``: a text
# without any (nearly every text) is cut by the same pattern written with one character class,
# which Python's regex engine runs two to three times faster than the four-way alternation.
_UNUSUAL_RE = re.compile(rf"[_{_NOT_LETTERS}]")
_FAST_WORD_CHAR = rf"[\w¢{_INVISIBLE}]"


def _key_pattern(word_char: str) -> re.Pattern[str]:
    """Only the pieces, one group each (whitespace is skipped): what comparison forms need."""
    return re.compile(
        rf"""\s*(
        \d+(?:[/.,]\d+)*(?!{word_char}|[{_APOSTROPHES}])  # a number, as in TOKEN_RE
        |{word_char}+[{_APOSTROPHES}]?                    # a word
        |\S)                                             # punctuation or a mark
        """,
        re.X | re.S,
    )


_KEY_RE = _key_pattern(_WORD_CHAR)
_FAST_KEY_RE = _key_pattern(_FAST_WORD_CHAR)
_WORD_CHAR_RE = re.compile(_WORD_CHAR)

# Punctuation that carries meaning and is compared; every other non-word character is a mark.
_DASHES = "-‐‑‒–—―−"
_MEANINGFUL = set(".,;:()[]/%§&+=<>$€£") | set(_DASHES)
_DASH_KEY = {dash: "-" for dash in _DASHES}
_MEANINGFUL_CLASS = "".join(map(re.escape, sorted(_MEANINGFUL)))

# For texts without unusual characters: one match per piece, with the whitespace and marks
# glued after it (every character that is neither a word character nor meaningful
# punctuation: exactly what TOKEN_RE gives to ``space`` and to ``other`` as a mark).
_GLUE = rf"[^\w¢{_INVISIBLE}{_MEANINGFUL_CLASS}]*"
_FAST_PIECE_RE = re.compile(
    rf"""
    (?:(\d+(?:[/.,]\d+)*(?!{_FAST_WORD_CHAR}|[{_APOSTROPHES}]))  # a number, as in TOKEN_RE
    |({_FAST_WORD_CHAR}+[{_APOSTROPHES}]?)                     # a word
    |([{_MEANINGFUL_CLASS}]))                                   # meaningful punctuation
    ({_GLUE})                                                   # what is glued to it
    """,
    re.X | re.S,
)
_LEADING_GLUE_RE = re.compile(_GLUE)

# "¢" beside an e, é or c stands for an accent or is a smudge: drop it; elsewhere it is a ç.
_CENT_NEAR_E_RE = re.compile(r"¢(?=[eéèêcC])|(?<=[eéèêcC])¢")
# An "l" read as "1": after a letter, or at the start of a word that is not an ordinal (1er).
_ONE_AFTER_LETTER_RE = re.compile(rf"(?<={_LETTER})1")
_ORDINAL_SUFFIXES = frozenset({"er", "re", "ère", "e", "ème", "eme", "st", "nd", "rd", "th"})
# An "l" read as a capital "I" right after a lower-case letter: reIatif.
_I_AFTER_LOWER_RE = re.compile(r"(?<=[a-zà-ÿ])I")


class PieceKind(enum.StrEnum):
    """What a piece of text is."""

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    NOISE = "noise"  # a text made only of marks and whitespace


_NUMBER, _WORD, _PUNCT = PieceKind.NUMBER, PieceKind.WORD, PieceKind.PUNCT


@dataclass(frozen=True, slots=True)
class Piece:
    """One word, number or punctuation sign, with its comparison key.

    Example:
        >>> piece = pieces("1’Assemblée")[0]
        >>> piece.key, piece.text, piece.raw
        ("l'", '1’', '1’')
    """

    key: str
    text: str  # the piece as written, without what is glued to it
    raw: str  # the exact source text: text plus the marks and whitespace that follow it
    kind: PieceKind

    @property
    def marks(self) -> str:
        """The marks glued to this piece (footnote markers, quotes...), without whitespace."""
        return "".join(self.raw.replace(self.text, "", 1).split())


@functools.lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """The comparison key of one word: OCR letter confusions, case and accents folded.

    Cached: a resolution repeats the same few thousand words, and keys are pure.

    Example:
        >>> [word_key(w) for w in ("États", "1’", "I’", "mi1ieu", "exer¢ant", "Œuvre", "1er")]
        ['etats', "l'", "l'", 'milieu', 'exercant', 'oeuvre', '1er']
    """
    word = word.translate(_INVISIBLE_TABLE) or word
    elided = word[-1] in _APOSTROPHES
    if elided:
        word = word[:-1]
    if "¢" in word:
        word = _CENT_NEAR_E_RE.sub("", word).replace("¢", "c")
    if word in {"1", "I"} and elided:
        word = "l"
    elif any(ch.isdigit() for ch in word) and sum(ch.isalpha() for ch in word) >= 2:
        word = _ONE_AFTER_LETTER_RE.sub("l", word)
        if word.startswith("1") and word[1:].lower() not in _ORDINAL_SUFFIXES:
            word = "l" + word[1:]
    if "I" in word:
        word = _I_AFTER_LOWER_RE.sub("l", word)
    key = strip_accents(word).lower()
    return key + "'" if elided else key


def _punct_key(char: str) -> str:
    return _DASH_KEY.get(char, char)


@functools.lru_cache(maxsize=16384)
def pieces(text: str) -> tuple[Piece, ...]:
    """Cut ``text`` into pieces whose ``raw`` spellings concatenate back to ``text``.

    A text made only of marks and whitespace gives one :attr:`PieceKind.NOISE` piece with an
    empty key; an empty text gives no piece.
    """
    return general_pieces(text) if _UNUSUAL_RE.search(text) else _fast_pieces(text)


def general_pieces(text: str) -> tuple[Piece, ...]:
    """:func:`pieces` by the full pattern, which any text may take (the reference form).

    :func:`pieces` takes it for texts with an underscore or a number-like mark, and a faster
    pattern for the others; the tests check the two agree.
    """
    keys: list[str] = []
    texts: list[str] = []
    kinds: list[PieceKind] = []
    starts: list[int] = []
    # The matches cover the text end to end (``other`` takes any character), so offsets are
    # running sums; a piece's raw spelling runs to the next piece's start. findall's tuples
    # cost less than match objects, and slicing keeps a long run of marks linear (gluing
    # each mark to the string before was quadratic).
    at = 0
    for number, word, space, other in TOKEN_RE.findall(text):
        if word:
            chunk, kind, key = word, PieceKind.WORD, word_key(word)
        elif number:
            chunk, kind, key = number, PieceKind.NUMBER, number
        elif other in _MEANINGFUL:
            chunk, kind, key = other, PieceKind.PUNCT, _punct_key(other)
        else:  # whitespace, or a mark that never counts: glued to the piece before
            at += len(space or other)
            continue
        keys.append(key)
        texts.append(chunk)
        kinds.append(kind)
        starts.append(at)
        at += len(chunk)
    if not keys:  # nothing but marks and whitespace, or nothing at all
        return (Piece("", "", text, PieceKind.NOISE),) if text else ()
    starts[0] = 0  # marks before the first piece belong to it
    raws = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return tuple(map(Piece, keys, texts, raws, kinds))


@functools.lru_cache(maxsize=1 << 14)
def _piece(found: tuple[str, str, str, str]) -> Piece:
    """The piece of one match of the fast pattern (cached: a text repeats its words, each
    followed by the same space, and a piece is immutable, so one object serves them all).
    """
    number, word, punct, glue = found
    if number:
        return Piece(number, number, number + glue, _NUMBER)
    if word:
        return Piece(word_key(word), word, word + glue, _WORD)
    return Piece(_punct_key(punct), punct, punct + glue, _PUNCT)


def _fast_pieces(text: str) -> tuple[Piece, ...]:
    """:func:`pieces` of a text without unusual characters: one match per piece."""
    found = _FAST_PIECE_RE.findall(text)
    if not found:
        return (Piece("", "", text, PieceKind.NOISE),) if text else ()
    out = list(map(_piece, found))
    lead = _LEADING_GLUE_RE.match(text).end()  # type: ignore[union-attr]  # matches ""
    if lead:  # marks before the first piece belong to it
        first = out[0]
        out[0] = Piece(first.key, first.text, text[:lead] + first.raw, first.kind)
    return tuple(out)


# Forms another process made (the worker that read the earlier file of a diff), by text.
_GIVEN: dict[str, str] = {}
_GIVEN_MAX = 1 << 16


def remember_forms(texts: Iterable[str], forms: Iterable[str]) -> None:
    """Take the comparison forms of ``texts`` that another process made, for
    :func:`comparison_form` to give without making them again (they are its forms: the
    process ran this code)."""
    if len(_GIVEN) > _GIVEN_MAX:
        _GIVEN.clear()
    _GIVEN.update(zip(texts, forms, strict=True))


def comparison_form(text: str) -> str:
    """The comparison form of a text: its piece keys joined by single spaces (cached).

    Two texts with the same comparison form differ only by what OCR and typography change.

    Example:
        >>> comparison_form("la mise en ceuvre de 1’ Assemblée?,") == comparison_form(
        ...     "la mise en ceuvre de l’Assemblée,")
        True
        >>> comparison_form("résolution 68/192") == comparison_form("résolution 68/193")
        False
    """
    given = _GIVEN.get(text)
    return given if given is not None else _comparison_form(text)


@functools.lru_cache(maxsize=16384)
def _comparison_form(text: str) -> str:
    # The keys alone, from one findall and one cached map (both C loops), and no Piece
    # objects: the aligner wants the forms of every unit of both texts.
    pattern = _KEY_RE if _UNUSUAL_RE.search(text) else _FAST_KEY_RE
    return " ".join(filter(None, map(_token_key, pattern.findall(text))))


def piece_keys(text: str) -> list[tuple[str, str]]:
    """The ``(text, key)`` of each piece of ``text``, as :func:`pieces` would give them.

    Marks come as pieces of their own with an empty key (:func:`pieces` glues them to the
    piece before). No :class:`Piece` objects: for callers that only look words up.

    Example:
        >>> piece_keys("ne ?pas")
        [('ne', 'ne'), ('?', ''), ('pas', 'pas')]
    """
    found = (_KEY_RE if _UNUSUAL_RE.search(text) else _FAST_KEY_RE).findall(text)
    return list(zip(found, map(_token_key, found), strict=True))


@functools.lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    """The key of one piece as :data:`TOKEN_RE` cuts it: a word, a number or one other sign.

    A number's key is itself, which is also what :func:`word_key` makes of it (digits have no
    case, accent or confusion), so words and numbers need not be told apart here.
    """
    if len(token) == 1 and _WORD_CHAR_RE.match(token) is None:  # punctuation or a mark
        return _punct_key(token) if token in _MEANINGFUL else ""
    return word_key(token)


def is_mark(char: str) -> bool:
    """True for a character that is never compared (a footnote marker, a quote, a stray sign)."""
    match = TOKEN_RE.match(char)
    return match is not None and match.lastgroup == "other" and char not in _MEANINGFUL


def fold_reason(old: Piece, new: Piece) -> str | None:
    """Why two pieces with the same key are spelled differently, or None if they are not.

    Whitespace alone is never reported. The reason names the first fold that makes the two
    spellings equal: ``apostrophe``, ``case``, ``ligature``, ``accent``, ``ocr`` (1/I/l, ¢),
    with ``marks`` added when glued footnote markers or stray marks differ.
    """
    reasons = []
    if old.text != new.text:
        reasons.append(_spelling_reason(old.text, new.text))
    if old.marks != new.marks:
        reasons.append("marks")
    return "+".join(reasons) or None


def _spelling_reason(old: str, new: str) -> str:
    steps = (
        ("apostrophe", lambda s: re.sub(f"[{_APOSTROPHES}]", "'", s)),
        ("case", str.lower),
        ("ligature", lambda s: s.replace("œ", "oe").replace("æ", "ae")),
        ("accent", lambda s: "".join(c for c in unicodedata.normalize("NFD", s) if c.isascii())),
    )
    for reason, step in steps:
        old, new = step(old), step(new)
        if old == new:
            return reason
    return "ocr"
