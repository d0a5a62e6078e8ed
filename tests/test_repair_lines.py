"""Steps that ask a text's distinct tokens first give what their plain patterns gave.

Word-list steps run their pattern only on the lines holding a word they do not know, or
not at all when the distinct whitespace tokens show nothing to do (``normalize._lines``).
Each reference below is the step's first form: its pattern run over the whole text. They
must agree on any text (hostile ones included), on the real lines of the layout matrix, the
OCR test bed and the golden texts, and with the line path forced even where the whole-text
path would be taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff import lang
from resdiff.normalize import _lines, broken_words, misread_elisions, repair, steps, words
from resdiff.normalize.lexicon import Lexicon

TESTS = Path(__file__).parent
# The OCR test bed and the golden texts, and every fourth text of the layout matrix (its
# layouts repeat the same words; all of them would take minutes).
REAL_PATHS = [
    *sorted((TESTS / "ocr").rglob("*.txt")),
    *sorted((TESTS / "golden").rglob("*.txt")),
    *sorted((TESTS / "layouts").rglob("*.txt"))[::4],
]
LEXICONS = {code: Lexicon.for_language(code) for code in ("fr", "en")}

pieces = st.sampled_from(
    ["vict", "imes", "vict imes", "c ondamna tion", "C onseil", "i ts", "Reit erating", "la mer",
     "pandémie", "d)", " d)", "(vict", "e2", "organisé e2", "b", "e", "13e", "l’", "d’ autres",
     "’", "'", "-", "\n", " ", "  ", "\t", "\u3000", "\x1c", ".", " .", "|", "°", "_", "_10. ",
     "’ Treaty Series, vol. 2.", "ii _ ", "¢", "Etats", "POffice", "lAssemblée", "PIB", "(POffice", "gouver-\nnementales", "x" * 50, ","]
)  # fmt: skip
texts = st.lists(pieces, max_size=50).map("".join)


def old_debris(text: str) -> str:
    text = steps._DEBRIS_BEFORE_NUMBER_RE.sub(r"\1", text)
    text = steps._LEADING_DEBRIS_RE.sub(r"\1", text)
    return steps._TRAILING_DEBRIS_RE.sub("", text)


def old_broken(lexicon: Lexicon) -> Callable[[str], str]:
    join = broken_words.JoinBrokenWords(lexicon)
    return lambda text: broken_words._RUN_RE.sub(lambda m: join._join_run(m[0]), text)


def old_split(lexicon: Lexicon) -> Callable[[str], str]:
    def join(match: re.Match[str]) -> str:
        head, tail = match.groups()
        joined = head + tail
        if joined in lexicon and not (head in lexicon and tail in lexicon):
            return joined
        return match[0]

    return lambda text: words._SPLIT_WORD_RE.sub(join, text)


def old_repair_words(code: str) -> Callable[[str], str]:
    repairer = words.RepairWords(lang.get(code), LEXICONS[code])
    return lambda text: words._TOKEN_RE.sub(lambda m: repairer.repair(m[0]), text)


def pairs(code: str) -> list[tuple[Callable[[str], str], Callable[[str], str]]]:
    """(fast step, its plain first form) for each step with a token-first path."""
    lexicon = LEXICONS[code]
    return [
        (steps.strip_line_debris, old_debris),
        (broken_words.JoinBrokenWords(lexicon), old_broken(lexicon)),
        (words.JoinSplitWords(lexicon), old_split(lexicon)),
        (words.RepairWords(lang.get(code), lexicon), old_repair_words(code)),
        (misread_elisions.FixMisreadElisions(lang.get(code), lexicon), old_misread(code)),
    ]


def old_misread(code: str) -> Callable[[str], str]:
    fix = misread_elisions.FixMisreadElisions(lang.get(code), LEXICONS[code])
    return lambda text: misread_elisions._FUSED_RE.sub(fix._fix, text) if fix.elides else text


def agree(text: str, code: str) -> None:
    for fast, plain in pairs(code):
        assert fast(text) == plain(text), fast
        # The line path forced: every line may be taken alone, and every needle searched.
        with (
            mock.patch.object(_lines, "MAX_SHARE", 1),
            mock.patch.object(_lines, "MAX_NEEDLES", 10**6),
        ):
            assert fast(text) == plain(text), fast


@settings(deadline=None)
@given(texts, st.sampled_from(["fr", "en"]))
def test_token_first_steps_give_what_their_patterns_gave(text: str, code: str) -> None:
    agree(text, code)


@pytest.mark.parametrize("path", REAL_PATHS, ids=lambda p: str(p.relative_to(TESTS)))
def test_token_first_steps_on_real_texts_and_their_repairs(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    code = lang.detect(text)
    if code not in LEXICONS:
        code = "fr"  # the steps need a word list; the text's own language has none
    agree(text, code)
    agree(repair(text, code), code)  # what the second pass of repair sees


@pytest.mark.parametrize("glue", ["", " ", "-", "\n", "’ "])
def test_token_first_steps_on_hostile_long_tokens(glue: str) -> None:
    agree(glue.join(["a" * 5_000, "vict", "imes", "é" * 3_000]), "fr")


def test_the_line_path_is_taken_where_it_saves_scans() -> None:
    # A long clean text with one broken word: one line holds it, the others are not read.
    text = "la mer et les États\n" * 400 + "les vict imes de la traite\n"
    spans = _lines.lines_holding(text, ["vict "])
    assert spans == [(len(text) - 27, len(text) - 1)]
    join = broken_words.JoinBrokenWords(LEXICONS["fr"])
    assert join(text) == text.replace("vict imes", "victimes")
    assert _lines.lines_holding(text, ["la "]) is None  # on every line: the pattern is cheaper


def test_tokens_of_a_text() -> None:
    text = "Le C onseil,\n(vict imes) 13e\u3000d’autres\x1cfin"
    assert _lines.tokens(text) == {"Le", "C", "onseil,", "(vict", "imes)", "13e", "d’autres", "fin"}
