"""Words cut by stray spaces, as text copied from a PDF viewer or a web copy of a PDF has them.

``Reit erating i ts strong c ondemna tion``: justified PDF text carries its letter spacing
as gaps, and the extraction turns some of them into spaces. Word-list repair must not see
the pieces (it would turn ``vict imes`` into ``viêt imes``), so this step runs before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from resdiff.normalize._lines import needles_by_spaces, run_on_lines_holding
from resdiff.normalize.lexicon import Lexicon

# Letters, then one space, then letters: a run of pieces that may be one word.
# It may end on a footnote call ("organisé e2").
_RUN_RE = re.compile(r"(?<!\w)[^\W\d_]+(?: [^\W\d_]+)+(?![^\W\d_]|[’'])")
# Where the pieces of a run stand in the list of a text's distinct whitespace tokens (one a
# line), with their token: a run's first piece ends a token that a space follows, its middle
# pieces are whole tokens, its last one starts a token that a space precedes.
_FIRST_PIECE_RE = re.compile(r"^(.*(?<!\w)([^\W\d_]+))$", re.M)
_LAST_PIECE_RE = re.compile(r"^(([^\W\d_]+)(?![^\W\d_]|[’']).*)$", re.M)
# Pieces joined at most (the longest cut seen: "c ondemna tion").
MAX_PIECES = 3
# A piece of three letters or fewer is a word only if the word list has seen it this often
# (the subtitle lists hold "ts" and "te" as rare words; "its", "la", "en" are common).
SHORT_WORD_FREQUENCY = 1000
# A piece is a word of the quoted language only if it is a common one there ("not", "are"):
# rare words of any list match the debris of a cut word too often.
FOREIGN_WORD_FREQUENCY = 100_000


class JoinBrokenWords:
    """Join pieces of a word cut by stray spaces when the joined word is known.

    Two or three pieces are joined when the result is a known word and at least one piece is
    not (word-list repair would otherwise turn that piece into some other word). A piece
    after the first must start in lower case (``Viet Nam`` stays), and known words stay
    apart (``la mer``); a short piece is a word only if it is a common one (``i ts``).

    A text quotes words of another language (``foreign``: English titles in a French text),
    which the text's word list does not hold: pieces that are all words, of the text's
    language or common ones of the other, stay apart (``not a`` is not French ``nota``).

    Example:
        >>> join = JoinBrokenWords(Lexicon.for_language("en"))
        >>> join("Reit erating i ts strong c ondemna tion of the sea")
        'Reiterating its strong condemnation of the sea'
        >>> join = JoinBrokenWords(Lexicon.for_language("fr"), Lexicon.for_language("en"))
        >>> join("« Women are not a minority » et les enf ants")
        '« Women are not a minority » et les enfants'
    """

    def __init__(
        self, lexicon: Lexicon, foreign: Lexicon | Callable[[], Lexicon] | None = None
    ) -> None:
        self.lexicon = lexicon
        # The other language's list is read only if a run of pieces makes a word (rare).
        self._foreign = foreign
        self._words: dict[str, bool] = {}  # piece -> is a word (asked once per piece)
        # The pieces found to be words: almost every run is made of them only, and one
        # set test of the whole run (C speed) settles it without a call per piece.
        self._known: set[str] = set()

    def __call__(self, text: str) -> str:
        # A run changes only when one of its pieces is not a word: only the lines holding
        # such a piece need the pattern, which sees only letters and spaces (a line is read
        # as it is in the whole text).
        def unknown(piece: str) -> bool:
            return not self._is_word(piece)

        needles = needles_by_spaces(text, _FIRST_PIECE_RE, _LAST_PIECE_RE, unknown)
        return run_on_lines_holding(text, needles, self.join_all)

    def join_all(self, text: str) -> str:
        """The pattern run over all of ``text`` (what :meth:`__call__` gives, more slowly).

        A run is joined once per text however often it recurs (a resolution repeats its
        phrases; a long one, its damaged lines too).
        """
        done: dict[str, str] = {}

        def join(match: re.Match[str]) -> str:
            run = match[0]
            joined = done.get(run)
            if joined is None:
                joined = done[run] = self._join_run(run)
            return joined

        return _RUN_RE.sub(join, text)

    def _join_run(self, run: str) -> str:
        pieces = run.split(" ")
        if self._known.issuperset(pieces) or all(self._is_word(piece) for piece in pieces):
            return run  # nothing to join: every piece is a word (most runs of text)
        out: list[str] = []
        index = 0
        known = self._known
        reach = MAX_PIECES - 1
        while index < len(pieces):
            # A join starting here needs a piece not known as a word within reach: the
            # pieces before the first such one (less the reach) are copied as they are.
            first = next((i for i in range(index, len(pieces)) if pieces[i] not in known), None)
            if first is None:
                out += pieces[index:]
                break
            if first - reach > index:
                out += pieces[index : first - reach]
                index = first - reach
            joined = self._longest_join(pieces, index)
            if joined is None:
                out.append(pieces[index])
                index += 1
            else:
                word, used = joined
                pieces[index + used - 1] = word  # may join on with the next piece
                index += used - 1
        return " ".join(out)

    def _longest_join(self, pieces: list[str], index: int) -> tuple[str, int] | None:
        if self._known.issuperset(pieces[index : index + MAX_PIECES]):
            return None  # every run from here is made of words only: none is joined
        for used in range(min(MAX_PIECES, len(pieces) - index), 1, -1):
            run = pieces[index : index + used]
            if any(not piece[:1].islower() for piece in run[1:]):
                continue
            word = "".join(run)
            if word in self.lexicon and not all(self._is_word(piece) for piece in run):
                if self._foreign is not None and all(
                    self._is_word(piece) or self._is_foreign_word(piece) for piece in run
                ):
                    continue  # words of a quoted language ("not a"), not a cut word
                return word, used
        return None

    def _is_foreign_word(self, piece: str) -> bool:
        """A common word of the other language (``foreign``), of two letters or more."""
        return len(piece) > 1 and self.foreign.frequency(piece) >= FOREIGN_WORD_FREQUENCY

    @functools.cached_property
    def foreign(self) -> Lexicon:
        """The other language's word list, read when first asked."""
        assert self._foreign is not None
        return self._foreign if isinstance(self._foreign, Lexicon) else self._foreign()

    def _is_word(self, piece: str) -> bool:
        known = self._words.get(piece)
        if known is None:
            if len(piece) > 3:
                known = piece in self.lexicon
            else:
                known = self.lexicon.frequency(piece) >= SHORT_WORD_FREQUENCY
            self._words[piece] = known
            if known:
                self._known.add(piece)
        return known


__all__ = ["JoinBrokenWords"]
