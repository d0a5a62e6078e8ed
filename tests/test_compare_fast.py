"""The differ's fast paths give exactly what their plain reference forms give.

Each reference is the straightforward form the code had before it was made fast (every pair
scored by rapidfuzz; one pattern with a four-way alternation per character and a Python loop
over its matches): the fast form must agree with it on any input, and the whole alignment
must be the same with either.
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.compare import align, comparable, compare
from resdiff.compare.comparable import (
    TOKEN_RE,
    Piece,
    PieceKind,
    comparison_form,
    pieces,
    word_key,
)
from resdiff.compare.similarity import containment, containment_bound, containment_exact
from resdiff.model import Resolution, Unit, UnitKind
from tests.diff_helpers import CLAUSES

WORDS = sorted({w for text in CLAUSES.values() for w in text.lower().split()})
sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
# Few letters: long strings that share most of their characters, where a bound is tightest.
alphabet = st.text(alphabet="ab c", min_size=1, max_size=300)
forms = st.one_of(sentences, alphabet, st.sampled_from(sorted(CLAUSES.values())))
cutoffs = st.sampled_from([0.0, 0.3, 0.6, 0.8, 0.85, 0.9, 1.0])


@st.composite
def part_and_whole(draw: st.DrawFn) -> tuple[str, str]:
    """A whole and a part of it, edited a little: the pairs the split pass looks for."""
    whole = draw(forms)
    start = draw(st.integers(0, len(whole)))
    end = draw(st.integers(start, len(whole)))
    part = list(whole[start:end])
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(part)))
        part[at:at] = draw(st.sampled_from(["x", "de ", "la", " "]))
    return "".join(part), whole


pairs = st.one_of(st.tuples(forms, forms), part_and_whole())


@settings(max_examples=400, deadline=None)
@given(pairs, cutoffs)
def test_containment_is_the_unpruned_partial_ratio(pair: tuple[str, str], cutoff: float) -> None:
    part, whole = pair
    assert containment(part, whole, cutoff) == containment_exact(part, whole, cutoff)
    assert containment(whole, part, cutoff) == containment_exact(whole, part, cutoff)


@settings(max_examples=400, deadline=None)
@given(pairs)
def test_the_bound_is_never_below_the_score(pair: tuple[str, str]) -> None:
    part, whole = pair
    assert containment_bound(part, whole) >= containment_exact(part, whole) - 1e-9


def test_the_bound_rules_out_an_unrelated_long_clause() -> None:
    # The case the bound is for: two long clauses that share few words.
    assert containment_bound(CLAUSES["pp1"].lower(), CLAUSES["pp5"].lower()) < 0.85
    assert containment(CLAUSES["pp1"].lower(), CLAUSES["pp5"].lower(), 0.85) == 0.0


def uncut_containment(part: str, whole: str, cutoff: float = 0.0) -> float:
    """The plainest reference: the full partial ratio, whatever the cutoff (the aligner only
    compares the value with the cutoff it passes)."""
    return containment_exact(part, whole)


@settings(max_examples=400, deadline=None)
@given(pairs, cutoffs)
def test_a_score_clears_a_cutoff_exactly_when_the_uncut_score_does(
    pair: tuple[str, str], cutoff: float
) -> None:
    part, whole = pair
    assert (containment(part, whole, cutoff) >= cutoff) == (
        uncut_containment(part, whole) >= cutoff
    )


def _revision(seed: int) -> tuple[Resolution, Resolution]:
    """A document of the seed's clauses and a revision that splits, merges and rewords."""
    rng = random.Random(seed)
    texts = [CLAUSES[k] for k in sorted(CLAUSES) if k.startswith(("pp", "op"))]
    old_texts = [f"{t} (partie {n})" for n in range(3) for t in texts]
    new_texts: list[str] = []
    k = 0
    while k < len(old_texts):
        text = old_texts[k]
        roll = rng.random()
        if roll < 0.15:  # split at a word boundary
            words = text.split()
            cut = rng.randrange(1, len(words))
            new_texts += [" ".join(words[:cut]), " ".join(words[cut:])]
        elif roll < 0.3 and k + 1 < len(old_texts):  # merge with the next clause
            new_texts.append(f"{text} {old_texts[k + 1]}")
            k += 1
        elif roll < 0.5:  # reword
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            new_texts.append(" ".join(words))
        elif roll < 0.55:
            pass  # removed
        else:
            new_texts.append(text)
        k += 1

    def resolution(bodies: list[str]) -> Resolution:
        units = tuple(Unit(f"op{n}", UnitKind.OPERATIVE, t) for n, t in enumerate(bodies, 1))
        return Resolution("E/RES/2091/1", "fr", units)

    return resolution(old_texts), resolution(new_texts)


@pytest.mark.parametrize("seed", range(4))
def test_alignment_is_the_same_with_the_unpruned_containment(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _revision(seed)
    fast = compare(old, new)
    monkeypatch.setattr(align, "containment", uncut_containment)
    reference = compare(old, new)
    assert fast == reference
    assert any(c.status.value in ("split", "merged") for c in fast.changes)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=30)
@given(st.integers(0, 10_000))
def test_alignment_agrees_on_random_revisions(seed: int) -> None:
    old, new = _revision(seed)
    fast = align.Aligner().align(old.units, new.units)
    original = align.containment
    align.containment = uncut_containment
    try:
        reference = align.Aligner().align(old.units, new.units)
    finally:
        align.containment = original  # type: ignore[assignment]
    assert fast == reference


# ----------------------------------------------------------------- comparison forms


def reference_comparison_form(text: str) -> str:
    keys = []
    for number, word, _space, other in TOKEN_RE.findall(text):
        if word:
            keys.append(word_key(word))
        elif number:
            keys.append(number)
        elif other in comparable._MEANINGFUL:
            keys.append(comparable._punct_key(other))
    return " ".join(filter(None, keys))


reference_pieces = comparable.general_pieces


# The characters each branch of the pattern cares about, the unusual ones included (an
# underscore, superscripts, a circled digit, ordinal indicators) and digits of other scripts.
chunks = st.sampled_from(
    ["a", "É", "é", "1", "I", "l", "’", "'", "`", "¢", "2021", "68/192", "1.5", "1,5", "/", ".",
     ",", ";", "(", ")", "-", "—", "%", " ", "  ", "\n", "\t", "\u00a0", "_", "²", "³", "¹",
     "\u00aa", "\u00ba", "①", "⁴", "½", "Ⅳ", "\u00ad", "\u200b", "\ufeff", "?", "®", "«", "»",
     "~", "|", "œuvre", "mi1ieu", "reIatif", "1er", "Etats", "d’", "١٢", "２", "x_y", "\u0301"]
)  # fmt: skip
token_texts = st.one_of(st.lists(chunks, max_size=40).map("".join), st.text(max_size=80), forms)


@settings(max_examples=600, deadline=None)
@given(token_texts)
def test_comparison_form_is_the_reference_loop(text: str) -> None:
    assert comparable._comparison_form.__wrapped__(text) == reference_comparison_form(text)


@settings(max_examples=600, deadline=None)
@given(token_texts)
def test_pieces_are_the_reference_pieces(text: str) -> None:
    assert comparable.pieces.__wrapped__(text) == reference_pieces(text)


def test_the_fast_class_is_the_word_class_outside_the_unusual_characters() -> None:
    word = comparable._WORD_CHAR_RE
    fast = comparable.re.compile(comparable._FAST_WORD_CHAR)
    unusual = comparable._UNUSUAL_RE
    differ = [
        ch
        for ch in map(chr, range(0x110000))
        if (word.fullmatch(ch) is None) != (fast.fullmatch(ch) is None)
    ]
    assert differ  # the underscore and the superscripts, at least
    assert all(unusual.fullmatch(ch) for ch in differ)


def test_a_number_is_its_own_word_key() -> None:
    digits = [ch for ch in map(chr, range(0x110000)) if comparable.re.fullmatch(r"\d", ch)]
    assert all(word_key(ch) == ch for ch in digits)
    assert [word_key(n) for n in ("2021", "68/192", "1.5", "١٢/٣")] == [
        "2021",
        "68/192",
        "1.5",
        "١٢/٣",
    ]


def test_real_texts_take_the_fast_pattern_and_agree() -> None:
    texts = [*CLAUSES.values(), *(" ".join(WORDS[k : k + 40]) for k in range(0, len(WORDS), 40))]
    assert not any(comparable._UNUSUAL_RE.search(t) for t in texts)
    assert [comparison_form(t) for t in texts] == [reference_comparison_form(t) for t in texts]
    assert [pieces(t) for t in texts] == [reference_pieces(t) for t in texts]


@settings(max_examples=600, deadline=None)
@given(token_texts)
def test_piece_keys_are_the_keys_and_spellings_of_the_pieces(text: str) -> None:
    real = [(p.text, p.key) for p in reference_pieces(text) if p.kind is not PieceKind.NOISE]
    assert [(t, k) for t, k in comparable.piece_keys(text) if k] == [(t, k) for t, k in real if k]
    assert any(k for _t, k in comparable.piece_keys(text)) == any(p.key for p in pieces(text))


# ----------------------------------------------------------------- annotations

_MONTHS = importlib.import_module("resdiff.compare.annotate")._MONTHS
REFERENCE_PATTERNS = {
    "DATE_RE": re.compile(rf"\b\d{{1,2}}(?:er|st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}\b", re.I),
    "CITATION_RE": re.compile(r"(?<![\d/])\d{1,4}/\d{1,4}(?![\d/])"),
    "YEAR_RE": re.compile(r"(?<![\d/])(?:19|20)\d{2}(?![\d/])"),
}
cited = st.lists(
    st.sampled_from(
        ["1", "2", "19", "20", "2015", "12030", "68/192", "/", "1er", "25", " ", "  ", "\n",
         "septembre", "September", "mai", "a", "é", "x1", "_", "2", "0", "9", "résolution"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@pytest.mark.parametrize("name", sorted(REFERENCE_PATTERNS))
@settings(max_examples=500, deadline=None)
@given(text=st.one_of(cited, st.text(max_size=60)))
def test_annotation_patterns_find_what_the_reference_patterns_find(name: str, text: str) -> None:
    pattern = getattr(importlib.import_module("resdiff.compare.annotate"), name)
    assert pattern.findall(text) == REFERENCE_PATTERNS[name].findall(text)


# ----------------------------------------------------------------- word diff


def reference_encode(old: Sequence[Piece], new: Sequence[Piece]) -> tuple[str, str]:
    codes: dict[str, str] = {}

    def char(key: str) -> str:
        if key not in codes:
            point = 0x100 + len(codes)
            codes[key] = chr(point + 0x800 if point >= 0xD800 else point)
        return codes[key]

    return "".join(char(p.key) for p in old), "".join(char(p.key) for p in new)


@settings(max_examples=300, deadline=None)
@given(token_texts, token_texts)
def test_word_codes_are_the_reference_codes(old: str, new: str) -> None:
    encode = importlib.import_module("resdiff.compare.worddiff")._encode
    assert encode(pieces(old), pieces(new)) == reference_encode(pieces(old), pieces(new))


def test_word_codes_skip_the_surrogates() -> None:
    encode = importlib.import_module("resdiff.compare.worddiff")._encode
    many = tuple(Piece(f"w{n}", f"w{n}", f"w{n} ", PieceKind.WORD) for n in range(0xD800))
    assert encode(many, many[:3]) == reference_encode(many, many[:3])


# ----------------------------------------------------------------- the collector


def test_compare_leaves_the_cyclic_collector_as_it_found_it() -> None:
    import gc

    old, new = _revision(3)
    assert gc.isenabled()
    compare(old, new)
    assert gc.isenabled()
    gc.disable()
    try:
        compare(old, new)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_compare_makes_no_cyclic_garbage() -> None:
    # What the collector would have found had it run during the comparison.
    import gc

    old, new = _revision(5)
    compare(old, new)  # imports, word lists
    gc.collect()
    gc.disable()
    try:
        compare(old, new)
        assert gc.collect() == 0
    finally:
        gc.enable()


@settings(max_examples=200, deadline=None)
@given(st.lists(forms, max_size=8), st.lists(forms, max_size=8), cutoffs)
def test_similar_pairs_are_the_nonzero_cells_of_the_matrix(
    olds: list[str], news: list[str], cutoff: float
) -> None:
    from resdiff.compare.similarity import similar_pairs, similarity_matrix

    matrix = similarity_matrix(olds, news, cutoff)
    cells = [(i, j, score) for i, row in enumerate(matrix) for j, score in enumerate(row) if score]
    assert [cell for cell in similar_pairs(olds, news, cutoff) if cell[2]] == cells
