"""Word-level differences inside a pair of units: the only importer of diff-match-patch.

The two texts are cut into pieces (:mod:`resdiff.compare.comparable`); each distinct piece key
becomes one character, as ``diff_linesToChars`` does for lines, so diff-match-patch compares
words by their comparison form, never characters. Its result then goes through a noise filter
that needs the lexicon, applied only to the hunks where the two texts differ:

* ``spacing``: the two sides are the same letters cut differently (``Prieinstamment`` /
  ``Prie instamment``, ``dé- veloppement`` / ``développement``);
* ``ocr``: a word that is not in the lexicon against one that is (or two unknown words) that a
  known OCR confusion explains (``ceuvre`` / ``oeuvre``, ``rdle`` / ``rôle``, ``modcle`` /
  ``modèle``); two real words are never folded into each other, nor a number, nor a negation;
* ``debris``: a run of letter fragments and marks that are not words (``ee ~ ,i``);
* ``punctuation``: commas, full stops, colons, semicolons, dashes and brackets, which OCR
  confuses constantly;
* ``unreadable``: one lower-case word against one run of capitals that spells nothing
  (``réprimer`` / ``RCE``), a misreading no editor makes.

Every difference folded away is reported as a :class:`~resdiff.model.Suppressed` entry, and the
tokens rebuild both texts exactly (an ``=`` token spelled differently keeps the old spelling).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from diff_match_patch import diff_match_patch  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from resdiff.compare._lexicon import NEGATIONS, is_word
from resdiff.compare.comparable import Piece, PieceKind, fold_reason, pieces
from resdiff.model import Suppressed, Token

# Punctuation that OCR reads unreliably; a difference made only of these is noise. Slashes,
# per cent and section signs are kept: they are part of symbols, rates and citations.
SOFT_PUNCTUATION = frozenset(".,;:-()[]")
# A debris fragment has at most this many letters (tesseract's stray lines are short bits).
DEBRIS_MAX_LETTERS = 3
# A lower-case word shorter than this is never judged unreadable (too easy to confuse).
UNREADABLE_MIN_LETTERS = 4
# Above this many piece pairs in one hunk, skip the pairing of OCR look-alikes (quadratic).
MAX_HUNK_PAIRS = 4000

# OCR look-alikes, folded to one class: a word and its misreading share this skeleton.
_SKELETON_MULTI = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("ii", "u"))
_SKELETON_TABLE = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "t": "l", "f": "l",
                                 "c": "o", "e": "o", "d": "o", "0": "o", "5": "s"})  # fmt: skip
_ACRONYM_RE = re.compile(r"^[A-ZÀ-Ý]{2,}$")

_WORD, _PUNCT = PieceKind.WORD, PieceKind.PUNCT

# diff-match-patch operations, renamed at the boundary.
_EQUAL, _DELETE, _INSERT = 0, -1, 1


@dataclass(frozen=True, slots=True)
class WordDiff:
    """The word-level difference of two texts: tokens for display, and what was ignored."""

    tokens: tuple[Token, ...]
    suppressed: tuple[Suppressed, ...]

    @property
    def differs(self) -> bool:
        """True when a real (not suppressed) difference was found."""
        return any(token.op != "=" for token in self.tokens)


class _Segment(NamedTuple):
    """A run of pieces and its operation. A private record made once per piece of every pair
    of texts diffed: a named tuple, three times cheaper to make than a frozen dataclass."""

    op: str  # "=", "-" or "+"
    old: tuple[Piece, ...]
    new: tuple[Piece, ...]
    reason: str | None = None  # why an "=" segment whose spellings differ was judged noise


def word_diff(old_text: str, new_text: str, lang: str) -> WordDiff:
    """Diff two texts word by word, on comparison forms, and filter OCR noise.

    Args:
        old_text: the old unit's text.
        new_text: the new unit's text.
        lang: ISO 639-1 code of both texts, for the lexicon.

    Returns:
        Tokens that rebuild both texts exactly, and the differences judged noise.
    """
    old, new = pieces(old_text), pieces(new_text)
    segments = list(_segments(old, new, lang))
    return WordDiff(tuple(_tokens(segments)), tuple(_suppressed(segments)))


def rebuild(tokens: Sequence[Token]) -> tuple[str, str]:
    """The (old, new) texts that a token list spells."""
    old = "".join(t.text if t.old is None else t.old for t in tokens if t.op in "=-")
    new = "".join(t.text for t in tokens if t.op in "=+")
    return old, new


def _encode(old: Sequence[Piece], new: Sequence[Piece]) -> tuple[str, str]:
    """One character per distinct key, as diff_linesToChars does for lines.

    Keys are numbered in order of first appearance, old side first.
    """
    old_keys, new_keys = [p.key for p in old], [p.key for p in new]
    codes = {
        key: chr(point + 0x800 if point >= 0xD800 else point)  # skip surrogates
        for point, key in enumerate(dict.fromkeys(old_keys + new_keys), start=0x100)
    }
    return "".join(map(codes.__getitem__, old_keys)), "".join(map(codes.__getitem__, new_keys))


def _segments(old: Sequence[Piece], new: Sequence[Piece], lang: str) -> Iterator[_Segment]:
    if [p.key for p in old] == [p.key for p in new]:
        yield from _equal_run(old, new)
        return
    old_chars, new_chars = _encode(old, new)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same inputs always give the same diff
    diffs = dmp.diff_main(old_chars, new_chars, False)
    dmp.diff_cleanupSemantic(diffs)
    i = j = 0
    deleted: list[Piece] = []
    inserted: list[Piece] = []
    for op, chars in diffs:
        if op == _DELETE:
            deleted.extend(old[i : i + len(chars)])
            i += len(chars)
        elif op == _INSERT:
            inserted.extend(new[j : j + len(chars)])
            j += len(chars)
        else:
            yield from _resolve_hunk(deleted, inserted, lang)
            deleted, inserted = [], []
            yield from _equal_run(old[i : i + len(chars)], new[j : j + len(chars)])
            i += len(chars)
            j += len(chars)
    yield from _resolve_hunk(deleted, inserted, lang)


def _equal_run(old: Sequence[Piece], new: Sequence[Piece]) -> Iterator[_Segment]:
    """Pieces with the same keys, side by side: each stretch spelled alike is one segment
    (display merges them anyway), each piece spelled otherwise one of its own, with why."""
    start = 0
    for k, (a, b) in enumerate(zip(old, new, strict=True)):
        if a is b or (a.raw == b.raw and a.text == b.text):
            continue
        if start < k:
            yield _Segment("=", tuple(old[start:k]), tuple(new[start:k]))
        yield _equal(a, b)
        start = k + 1
    if start < len(old):
        yield _Segment("=", tuple(old[start:]), tuple(new[start:]))


def _equal(old: Piece, new: Piece) -> _Segment:
    if old is new or (old.raw == new.raw and old.text == new.text):  # same spelling and marks
        return _Segment("=", (old,), (new,))
    return _Segment("=", (old,), (new,), fold_reason(old, new))


def _resolve_hunk(deleted: list[Piece], inserted: list[Piece], lang: str) -> Iterator[_Segment]:
    """Split a hunk of deleted and inserted pieces into noise and real changes."""
    if not deleted and not inserted:
        return
    if _same_letters(deleted, inserted):
        yield _Segment("=", tuple(deleted), tuple(inserted), "spacing")
        return
    pairs = _pair_lookalikes(deleted, inserted, lang)
    i = j = 0
    for pi, pj, reason in [*pairs, (len(deleted), len(inserted), "")]:
        yield from _unpaired(deleted[i:pi], inserted[j:pj], lang)
        if reason:
            yield _Segment("=", (deleted[pi],), (inserted[pj],), reason)
        i, j = pi + 1, pj + 1


def _unpaired(deleted: list[Piece], inserted: list[Piece], lang: str) -> Iterator[_Segment]:
    """Pieces left without a look-alike: debris and soft punctuation are noise, the rest real."""
    if _same_letters(deleted, inserted):
        yield _Segment("=", tuple(deleted), tuple(inserted), "spacing")
        return
    if _unreadable(deleted, inserted, lang) or _unreadable(inserted, deleted, lang):
        yield _Segment("=", tuple(deleted), tuple(inserted), "unreadable")
        return
    for run, op in ((deleted, "-"), (inserted, "+")):
        if not run:
            continue
        if all(_is_debris(piece, lang) for piece in run):
            reason = "punctuation" if all(p.kind is PieceKind.PUNCT for p in run) else "debris"
            old, new = (tuple(run), ()) if op == "-" else ((), tuple(run))
            yield _Segment("=", old, new, reason)
        else:
            yield _Segment(op, tuple(run) if op == "-" else (), tuple(run) if op == "+" else ())


def _unreadable(word_side: Sequence[Piece], other_side: Sequence[Piece], lang: str) -> bool:
    """True when one lower-case word of the language faces one capitalised non-word.

    ``réprimer`` read as ``RCE``: OCR turned a word into capitals that spell nothing. An
    editor replaces words with words, and an acronym replaces a name (``Office`` →
    ``ONUDC``), never a lower-case verb; so this one-for-one swap is noise, and ``--explain``
    lists it.
    """
    words = [p for p in word_side if p.kind is not PieceKind.PUNCT]
    others = [p for p in other_side if p.kind is not PieceKind.PUNCT]
    if len(words) != 1 or len(others) != 1:
        return False
    word, other = words[0], others[0]
    if word.kind is not PieceKind.WORD or other.kind is not PieceKind.WORD:
        return False
    if not word.text.islower() or word.key in NEGATIONS or len(word.key) < UNREADABLE_MIN_LETTERS:
        return False
    return (
        _ACRONYM_RE.match(other.text) is not None
        and is_word(word.key, lang)
        and not is_word(other.key, lang)
    )


def _same_letters(deleted: Sequence[Piece], inserted: Sequence[Piece]) -> bool:
    """True when both sides spell the same letters and digits, cut or hyphenated differently."""
    letters = _letters(deleted)
    return bool(letters) and letters == _letters(inserted)


def _letters(run: Sequence[Piece]) -> str:
    """The letters and digits of a run of pieces, ignoring dashes and spacing."""
    return "".join(p.key.rstrip("'") for p in run if p.kind is not PieceKind.PUNCT)


def _pair_lookalikes(
    deleted: list[Piece], inserted: list[Piece], lang: str
) -> list[tuple[int, int, str]]:
    """Longest in-order pairing of deleted and inserted pieces that are OCR look-alikes."""
    n, m = len(deleted), len(inserted)
    if not n or not m or n * m > MAX_HUNK_PAIRS:
        return []
    reasons: list[list[str | None]] = [[None] * m for _ in range(n)]
    for a, b in _maybe_lookalike(deleted, inserted):
        reasons[a][b] = _lookalike(deleted[a], inserted[b], lang)
    if not any(any(row) for row in reasons):
        return []
    # Classic LCS table, where "equal" means "look-alike".
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            if reasons[a][b]:
                table[a][b] = table[a + 1][b + 1] + 1
            else:
                table[a][b] = max(table[a + 1][b], table[a][b + 1])
    pairs: list[tuple[int, int, str]] = []
    a = b = 0
    while a < n and b < m:
        reason = reasons[a][b]
        if reason and table[a][b] == table[a + 1][b + 1] + 1:
            pairs.append((a, b, reason))
            a, b = a + 1, b + 1
        elif table[a + 1][b] >= table[a][b + 1]:
            a += 1
        else:
            b += 1
    return pairs


def _maybe_lookalike(deleted: list[Piece], inserted: list[Piece]) -> set[tuple[int, int]]:
    """The ``(deleted, inserted)`` positions :func:`_lookalike` can pair: a superset, found
    without a Python call per pair (a hunk of 60 pieces a side is 3,600 pairs).

    Two punctuation marks pair only when both are soft, ``&`` only with ``a``, and two words
    only when their keys or their skeletons are at most one edit apart (equal skeletons, a
    confusable letter and the "close" test all imply it): rapidfuzz lists those in one C
    loop per deleted word. Anything else (a number, noise, a word against a mark) never pairs.
    """
    found: set[tuple[int, int]] = set()
    soft = [k for k, p in enumerate(inserted) if p.kind is _PUNCT and p.key in SOFT_PUNCTUATION]
    keys = [p.key if p.kind is _WORD else None for p in inserted]
    skeletons = [None if key is None else _skeleton(key) for key in keys]
    ampersands = [k for k, p in enumerate(inserted) if p.key in ("&", "a")]
    for a, piece in enumerate(deleted):
        if piece.key in ("&", "a"):
            found.update((a, b) for b in ampersands if inserted[b].key != piece.key)
        if piece.kind is _PUNCT:
            if piece.key in SOFT_PUNCTUATION:
                found.update((a, b) for b in soft)
        elif piece.kind is _WORD:
            for query, choices in ((piece.key, keys), (_skeleton(piece.key), skeletons)):
                near = process.extract(
                    query, choices, scorer=Levenshtein.distance, score_cutoff=1, limit=None
                )
                found.update((a, b) for _choice, _distance, b in near)
    return found


def _lookalike(old: Piece, new: Piece, lang: str) -> str | None:
    """The noise reason when ``new`` can be a misreading of ``old`` (or back), else None."""
    if old.kind is PieceKind.PUNCT and new.kind is PieceKind.PUNCT:
        soft = old.key in SOFT_PUNCTUATION and new.key in SOFT_PUNCTUATION
        return "punctuation" if soft else None
    if {old.key, new.key} == {"&", "a"}:
        return "ocr"  # tesseract reads a French "à" as "&"
    if old.kind is not PieceKind.WORD or new.kind is not PieceKind.WORD:
        return None  # digits are never folded, and a word never becomes punctuation
    a, b = old.key, new.key
    if a == b:
        return fold_reason(old, new) or "same"
    if a in NEGATIONS or b in NEGATIONS or a.endswith("'") != b.endswith("'"):
        return None
    if _ACRONYM_RE.match(old.text) and _ACRONYM_RE.match(new.text):
        return None  # UNEP/UNDP, PNUE/PNUD: acronyms are names, one letter apart is another body
    # Cheap tests first: the word lists are loaded only for pairs that look alike.
    skeleton_a, skeleton_b = _skeleton(a), _skeleton(b)
    longest = max(len(a), len(b))
    same_skeleton = skeleton_a == skeleton_b
    close = (longest >= 4 and Levenshtein.distance(a, b) <= 1) or (
        longest >= 5 and Levenshtein.distance(skeleton_a, skeleton_b) <= 1
    )
    if not same_skeleton and not close and not _one_confusable_letter(a, b):
        return None
    known_a, known_b = is_word(a, lang), is_word(b, lang)
    if known_a and known_b:
        return None  # never fold a real word into another real word
    if same_skeleton or known_a or known_b:  # close: repairing an unknown word to a known one
        return "ocr"
    return None


# Letters tesseract swaps in short words ("tes" for "les", "da" for "la", "$a" for "sa").
_CONFUSABLE_LETTERS = frozenset(
    frozenset(pair) for pair in ("ld", "lt", "li", "l1", "ce", "nu", "ao", "s$", "s5", "rn")
)


def _one_confusable_letter(a: str, b: str) -> bool:
    """Same length, one letter apart, and those two letters are an OCR confusion."""
    if len(a) != len(b):
        return False
    differing = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
    return len(differing) == 1 and differing[0] in _CONFUSABLE_LETTERS


@functools.lru_cache(maxsize=8192)
def _skeleton(key: str) -> str:
    for seen, printed in _SKELETON_MULTI:
        key = key.replace(seen, printed)
    return key.translate(_SKELETON_TABLE)


def _is_debris(piece: Piece, lang: str) -> bool:
    """A letter fragment or soft punctuation mark that is not part of the language."""
    if piece.kind is PieceKind.PUNCT:
        return piece.key in SOFT_PUNCTUATION
    if piece.kind is not PieceKind.WORD:
        return piece.kind is PieceKind.NOISE
    key = piece.key.rstrip("'")
    if not key.isalpha() or len(key) > DEBRIS_MAX_LETTERS or _ACRONYM_RE.match(piece.text):
        return False
    return piece.key not in NEGATIONS and key not in NEGATIONS and not is_word(key, lang)


def _tokens(segments: Sequence[_Segment]) -> Iterator[Token]:
    """Merge consecutive segments with the same operation into display tokens."""
    run: list[_Segment] = []
    for segment in [*segments, None]:
        if run and (segment is None or segment.op != run[0].op):
            yield _token(run)
            run = []
        if segment is not None:
            run.append(segment)


def _token(run: Sequence[_Segment]) -> Token:
    op = run[0].op
    old = "".join(p.raw for s in run for p in s.old)
    new = "".join(p.raw for s in run for p in s.new)
    if op == "-":
        return Token("-", old)
    if op == "+":
        return Token("+", new)
    return Token("=", new, None if old == new else old)


def _suppressed(segments: Sequence[_Segment]) -> Iterator[Suppressed]:
    for segment in segments:
        if segment.op == "=" and segment.reason:
            old = "".join(p.raw for p in segment.old).strip()
            new = "".join(p.raw for p in segment.new).strip()
            if old != new:
                yield Suppressed(old, new, segment.reason)
