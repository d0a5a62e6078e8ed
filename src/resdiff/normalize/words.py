"""Repair steps checked against a word list: elisions, line-break hyphens, damaged words.

Each step is a small class configured with a :class:`~resdiff.lang.Language` and a
:class:`~resdiff.normalize.lexicon.Lexicon`, called like a function on the whole text.
A word already in the word list is never replaced here: only unknown tokens are repaired,
and only when a candidate is a known word.
"""

from __future__ import annotations

import re

from resdiff.lang import Language
from resdiff.normalize._lines import joined_tokens, needles_by_spaces, run_on_lines_holding
from resdiff.normalize.lexicon import Lexicon, fold_ligatures

# OCR reads the "l" of an elided article as "1", "I" or "|", and often adds a space after
# the apostrophe: "1’appui", "I’ Assemblée"; text wrapped again narrower (an e-mail, `fold`)
# may then break the line at that space: "I’" / "Assemblée".
_ELISION_RE = re.compile(r"(?P<letter>[1I|])(?<![\w’].)’[ \n]?(?=[^\W\d_])")
_SPACE_AFTER_ELISION_RE = re.compile(r"(?<![\w’])(?P<word>[^\W\d_]{1,7})’[ \n](?=[^\W\d_])")


class FixElisions:
    """``1’appui`` / ``I’ Assemblée`` → ``l’appui`` / ``l’Assemblée`` in languages that elide.

    Example:
        >>> from resdiff import lang
        >>> FixElisions(lang.get("fr"))("de 1’appui à I’ Assemblée, d’ autres")
        'de l’appui à l’Assemblée, d’autres'
        >>> FixElisions(lang.get("fr"))("desquelles 1’\\nAssemblée a réaffirmé, d’\\nautres")
        'desquelles l’Assemblée a réaffirmé, d’autres'
    """

    def __init__(self, language: Language) -> None:
        self.elisions = language.elisions

    def __call__(self, text: str) -> str:
        if not self.elisions:
            return text
        if "1’" in text or "I’" in text or "|’" in text:  # else the pattern finds nothing
            text = _ELISION_RE.sub("l’", text)

        def glue(match: re.Match[str]) -> str:
            word = match["word"]
            return f"{word}’" if word.lower() in self.elisions else match[0]

        spaced = "’ " in text or "’\n" in text
        return _SPACE_AFTER_ELISION_RE.sub(glue, text) if spaced else text


# The head starts where a word (or a chain of hyphenated words) starts: without that anchor
# the search restarted at every letter of a long word and rescanned the rest of it, which
# made a 16,000-letter token cost 13 s. A match can never start later in a chain than its
# first word (the first word's match would have been found first), so results are the same.
_LINE_END_HYPHEN_RE = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]-)"
    r"(?P<head>[^\W\d_]+(?:-[^\W\d_]+)*)-\n(?P<lead> ?)(?P<tail>[^\W\d_]+)(?P<after>\S*) ?"
)


_BLANKED_LINE_RE = re.compile(r"^ +$", re.M)


class JoinHyphenatedLines:
    """Join words cut by a hyphen at the end of a line, keeping real hyphens.

    ``gouver-`` / ``nementales`` → ``gouvernementales`` (a known word), but ``sous-`` /
    ``régionaux`` → ``sous-régionaux`` (a known compound, or a prefix that keeps its hyphen,
    or two known words). The joined word moves up to the first line so that the line count
    does not change.
    """

    def __init__(self, language: Language, lexicon: Lexicon) -> None:
        self.prefixes = language.hyphen_prefixes | language.hyphen_always
        self.always = language.hyphen_always
        self.lexicon = lexicon

    def __call__(self, text: str) -> str:
        text = self._join_all(text)
        # A line whose only word moved up is left empty, not holding the page-start space.
        if " \n" in text or text.endswith(" "):
            text = _BLANKED_LINE_RE.sub("", text)
        return text

    def _join_all(self, text: str) -> str:
        """``_LINE_END_HYPHEN_RE.sub(self._join, text)``, searching only the lines that end
        with a hyphen (a match's head ends at a ``-\n`` and starts on that line).
        """
        out: list[str] = []
        done = 0  # the text before this is settled
        at = text.find("-\n")
        while at != -1:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at + 2)
            end = len(text) if line_end == -1 else line_end  # a match never crosses it
            match = _LINE_END_HYPHEN_RE.search(text, max(done, line_start), end)
            if match is None:
                at = text.find("-\n", at + 1)
                continue
            out += (text[done : match.start()], self._join(match))
            done = match.end()
            at = text.find("-\n", done)
        return "".join((*out, text[done:])) if out else text

    def _join(self, match: re.Match[str]) -> str:
        head, tail = match["head"], match["tail"]
        last = head.rsplit("-", 1)[-1]
        joined = head + tail
        hyphenated = f"{head}-{tail}"
        prefix = last.lower() in self.prefixes
        if hyphenated in self.lexicon or (prefix and last.lower() in self.always):
            word = hyphenated
        elif joined in self.lexicon:
            word = joined
        elif prefix or (last in self.lexicon and tail in self.lexicon):
            word = hyphenated
        else:
            word = joined
        return f"{word}{match['after']}\n{match['lead']}"


# A fragment of one to three letters, a space, then the rest of a word: "C onseil".
_SPLIT_WORD_RE = re.compile(r"(?<![\w’'-])([^\W\d_]{1,3}) ([^\W\d_]{2,})(?![\w’'-])")
# The fragment ends a whitespace token and the rest starts the next: where they can stand in
# the list of a text's distinct tokens (one a line).
_HEAD_RE = re.compile(r"^(.*(?<![\w’'-])([^\W\d_]{1,3}))$", re.M)
_TAIL_RE = re.compile(r"^(([^\W\d_]{2,})(?![\w’'-]).*)$", re.M)


class JoinSplitWords:
    """Join a word OCR cut in two by a spurious space: ``C onseil`` → ``Conseil``.

    Only when the joined word is known and the two pieces are not both words themselves
    (``la mer`` stays).

    Example:
        >>> from resdiff import lang
        >>> join = JoinSplitWords(Lexicon.for_language("fr"))
        >>> join("Le C onseil et ses c ibles, la mer")
        'Le Conseil et ses cibles, la mer'
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._decided: dict[tuple[str, str], str | None] = {}  # (head, tail) → joined word

    def __call__(self, text: str) -> str:
        # A pair is joined only when one of its pieces is unknown: only the lines holding an
        # unknown fragment before a space, or an unknown rest after one, need the pattern,
        # which sees only letters and spaces (a line is read as it is in the whole text).
        def unknown(piece: str) -> bool:
            return piece not in self.lexicon

        needles = needles_by_spaces(text, _HEAD_RE, _TAIL_RE, unknown)
        return run_on_lines_holding(text, needles, self.join_all)

    def join_all(self, text: str) -> str:
        """The pattern run over all of ``text`` (what :meth:`__call__` gives, more slowly)."""
        # Most candidates are two real words ("la mer"): decide each distinct pair once, and
        # rewrite the text only when some pair is to be joined.
        pairs = set(_SPLIT_WORD_RE.findall(text))
        if not any(self._joined(head, tail) for head, tail in pairs):
            return text
        return _SPLIT_WORD_RE.sub(lambda m: self._joined(m[1], m[2]) or m[0], text)

    def _joined(self, head: str, tail: str) -> str | None:
        try:
            return self._decided[head, tail]
        except KeyError:
            joined: str | None = head + tail
            if joined not in self.lexicon or (head in self.lexicon and tail in self.lexicon):
                joined = None
            self._decided[head, tail] = joined
            return joined


# The token in a group: ``_TOKEN_RE.split`` gives the text between tokens and the tokens
# in turn, one C-speed pass that both lists the tokens and lets them be replaced.
_TOKEN_RE = re.compile(r"(?<![\w¢])([^\W\d_][\w¢]*(?:-[^\W\d_][\w¢]*)*)(?![\w¢])")
_PLAIN_WORD_RE = re.compile(r"^[^\W\d_]+$")


class RepairWords:
    """Replace unknown words by the known word OCR most likely damaged.

    Tried in order, each only for a word not in the word list:

    1. the same letters with other accents (``Etats`` → ``États``, ``derniéres`` → ``dernières``);
    2. one OCR confusion of the language undone, then accents (``ceuvre`` → ``œuvre``,
       ``modcle`` → ``modèle``, ``rdle`` → ``rôle``, ``systéeme`` → ``système``);
    3. two words glued together, when the first is a cue word of resolutions or both are
       common (``Prieinstamment`` → ``Prie instamment``).

    The most frequent candidate wins; the case of the original is kept.
    """

    # A split or confusion candidate rarer than this is not trusted.
    min_frequency = 20
    # Both halves of a glued pair must be at least this common, unless the first is a cue word.
    min_glued_frequency = 2_000
    # Words this short or in capitals are left alone: acronyms, initials, roman numerals.
    min_length = 2

    def __init__(self, language: Language, lexicon: Lexicon) -> None:
        self.language = language
        self.lexicon = lexicon
        self.cue_words = language.opening_words
        self._repaired: dict[str, str] = {}  # token → its repair, for each distinct token
        confusions = language.ocr_confusions
        self._most_removed = max((len(a) - len(b) for a, b in confusions), default=0)

    def __call__(self, text: str) -> str:
        # A resolution repeats a few thousand distinct tokens: repair each once, and rewrite
        # the text only when one of them changes. A token holds no space and ends where a
        # whitespace token does: the distinct whitespace tokens list them all, and a text
        # with nothing to repair (every second pass) is never run through the pattern.
        if not any(self._changed(token) for token in _TOKEN_RE.findall(joined_tokens(text))):
            return text
        parts = _TOKEN_RE.split(text)  # between, token, between, …, between
        changes = {}
        for token in set(parts[1::2]):
            repaired = self._repaired.get(token)
            if repaired is None:
                repaired = self._repaired[token] = self.repair(token)
            if repaired != token:
                changes[token] = repaired
        if not changes:
            return text
        parts[1::2] = [changes.get(token, token) for token in parts[1::2]]
        return "".join(parts)

    def _changed(self, token: str) -> bool:
        repaired = self._repaired.get(token)
        if repaired is None:
            repaired = self._repaired[token] = self.repair(token)
        return repaired != token

    def repair(self, token: str) -> str:
        """The repaired spelling of one token (itself when it is known or beyond repair)."""
        if token in self.lexicon or len(token) < self.min_length:
            return token
        if token.isupper() and len(token) > 1 and "¢" not in token:
            return token
        if "-" in token:
            return "-".join(self.repair(part) for part in token.split("-"))
        candidate = self._accented(token) or self._confused(token) or self._unglued(token)
        return candidate or token

    def _accented(self, token: str) -> str | None:
        if not _PLAIN_WORD_RE.match(token):
            return None
        variants = self.lexicon.accent_variants(token)
        if not variants or self.lexicon.frequency(variants[0]) < self.language.repair_min_frequency:
            return None
        return _recase(self._spelling(variants[0]), token)

    def _confused(self, token: str) -> str | None:
        # A guess is letters only, so its skeleton is no shorter than itself: a token longer
        # than the longest known word plus what one confusion can remove has no known guess.
        if len(token) - self._most_removed > self.lexicon.longest:
            return None
        best: tuple[int, str] | None = None
        for seen, printed in self.language.ocr_confusions:
            start = token.find(seen)
            while start != -1:
                guess = token[:start] + printed + token[start + len(seen) :]
                if _PLAIN_WORD_RE.match(guess):
                    for variant in self.lexicon.accent_variants(guess)[:1]:
                        frequency = self.lexicon.frequency(variant)
                        if frequency >= self.min_frequency and (
                            best is None or frequency > best[0]
                        ):
                            best = (frequency, variant)
                start = token.find(seen, start + 1)
        return _recase(self._spelling(best[1]), token) if best else None

    def _unglued(self, token: str) -> str | None:
        # Both halves must be known words: a token longer than two of the longest cannot be
        # cut into two (and trying every cut of a hostile token would be quadratic).
        if len(token) > 2 * self.lexicon.longest or not _PLAIN_WORD_RE.match(token):
            return None
        best: tuple[int, str] | None = None
        for cut in range(2, len(token) - 1):
            head, tail = token[:cut], token[cut:]
            if head not in self.lexicon or tail not in self.lexicon:
                continue
            if head.lower() in self.language.hyphen_prefixes:
                continue
            score = min(self.lexicon.frequency(head), self.lexicon.frequency(tail))
            if head.lower() not in self.cue_words and (
                score < self.min_glued_frequency or not self.language.split_common_words
            ):
                continue
            if head.lower() in self.cue_words:
                score += 10**9  # a cue word at the head is the strongest evidence
            if best is None or score > best[0]:
                best = (score, f"{head} {tail}")
        return best[1] if best else None

    def _spelling(self, word: str) -> str:
        """Restore the ligature the general word list spells out (``oeuvre`` → ``œuvre``)."""
        if self.language.code != "fr":
            return word
        return re.sub(r"oe(?=u|il)", "œ", word) if fold_ligatures(word) == word else word


def _recase(word: str, like: str) -> str:
    """Give ``word`` the capitalisation of ``like`` (``états`` like ``Etats`` → ``États``)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
