"""Segmentation on the real seed and on small hand-made French and English texts."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff import lang
from resdiff.model import UnitKind
from resdiff.normalize import repair
from resdiff.segment import segment
from resdiff.segment.markers import MarkerNumbering
from resdiff.segment.pages import split_blocks

FR = lang.get("fr")
EN = lang.get("en")


def test_seed_units(seed_text: str) -> None:
    result = segment(repair(seed_text, "fr"), FR)
    kinds = Counter(unit.kind for unit in result.units)
    assert kinds == {
        UnitKind.TITLE: 1, UnitKind.FORMULA: 1, UnitKind.PREAMBLE: 27, UnitKind.SUBITEM: 6,
        UnitKind.OPERATIVE: 14, UnitKind.FOOTNOTE: 3, UnitKind.CLOSING: 1,
    }  # fmt: skip
    ids = [unit.id for unit in result.units]
    assert ids[:12] == [
        "title",
        "formula",
        "pp1",
        "pp2",
        "pp3",
        "pp4",
        "pp5",
        "pp6",
        "pp7",
        "pp8",
        "pp8.a",
        "pp8.b",
    ]
    assert ids[-4:] == ["closing", "fn1", "fn2", "fn3"]
    assert [u.id for u in result.units if u.kind is UnitKind.SUBITEM] == [
        f"pp8.{c}" for c in "abcdef"
    ]


def test_seed_footnotes_and_page_debris(seed_text: str) -> None:
    result = segment(repair(seed_text, "fr"), FR)
    units = {unit.id: unit for unit in result.units}
    assert units["pp5"].footnote_refs == (1,)
    assert units["pp6"].footnote_refs == (2, 3)
    assert units["pp19"].footnote_refs == (4,)
    assert units["fn1"].text == "Résolution 64/293 de l’Assemblée générale."
    assert units["fn2"].text == "Nations Unies, Recueil des Traités, vol. 2225, nº 39574."
    assert units["fn3"].text == "Ibid., vol. 2237, nº 39574."
    # The paragraph the footnote block cut in two is whole again, without the footnotes.
    assert "ressources existantes afin d’obtenir plus de résultats" in units["pp11"].text
    assert "Recueil" not in units["pp11"].text
    # Markers are gone from the text; labels are out of the text.
    assert units["pp5"].text.endswith("la traite des personnes,")
    assert units["pp6"].text.endswith("des femmes et des enfants,")
    assert "soixante-douzième session, dans laquelle" in units["pp19"].text
    assert units["pp8.c"].text.startswith("promouvoir, aux niveaux")
    assert units["op1"].text.startswith("Prie instamment les États Membres")
    assert units["closing"].text == "13e séance plénière\n22 juillet 2021"
    assert result.warnings == (
        "footnote 4 is referenced in pp19 but its text is missing from the source",
    )


FRENCH_DOC = """\
E/RES/2030/7
30-12345 (F)

2030/7. Texte construit pour les essais

Le Conseil économique et social,

Rappelant sa résolution 2029/3¹,

Notant avec préoccupation que la situation
2
 demeure préoccupante,

1. Décide :

a) de créer un groupe ;

b) de prier le Secrétaire général :

i) de faire rapport ;

ii) de consulter les États ;

2. Prie le Secrétaire général de lui faire rapport.

¹ Voir E/2029/99.

12e séance plénière
3 juillet 2030
"""


def test_french_structure_headers_and_nesting() -> None:
    result = segment(repair(FRENCH_DOC, "fr"), FR)
    assert [u.id for u in result.units] == [
        "title", "formula", "pp1", "pp2", "op1", "op1.a", "op1.b", "op1.b.i", "op1.b.ii",
        "op2", "closing", "fn1",
    ]  # fmt: skip
    units = {u.id: u for u in result.units}
    assert units["pp2"].text == "Notant avec préoccupation que la situation demeure préoccupante,"
    assert units["pp1"].footnote_refs == (1,)
    assert units["op1.b.ii"].label == "ii)"
    assert units["fn1"].text == "Voir E/2029/99."
    headers = [d.text for d in result.discarded if d.kind == "page-header"]
    assert headers == ["E/RES/2030/7", "30-12345 (F)", "2"]
    assert result.warnings == ()


ENGLISH_DOC = """\
Resolution adopted by the General Assembly

76/999. A constructed resolution for tests

The General Assembly,

Recalling its resolution 75/1 of 21 September 2020 and the Charter1,

Welcoming the report of the Secretary-General,

1. Urges all States to act;

2. Requests the Secretary-General:

(a) To report to it;

(b) To consult Member States;

50th plenary meeting
6 December 2021

1 A/75/1.
"""


def test_english_structure() -> None:
    result = segment(repair(ENGLISH_DOC, "en"), EN)
    assert [u.id for u in result.units] == [
        "title",
        "formula",
        "pp1",
        "pp2",
        "op1",
        "op2",
        "op2.a",
        "op2.b",
        "closing",
        "fn1",
    ]
    units = {u.id: u for u in result.units}
    assert units["title"].label == "76/999."
    assert units["op2.a"].label == "(a)" and units["op2.a"].text == "To report to it;"
    assert (
        units["pp1"].text == "Recalling its resolution 75/1 of 21 September 2020 and the Charter,"
    )
    assert units["pp1"].footnote_refs == (1,)
    assert [d.text for d in result.discarded if d.kind == "front-matter"] == [
        "Resolution adopted by the General Assembly"
    ]


WORD_RE = re.compile(r"\S+")


def _accounted_words(text: str) -> tuple[Counter[str], Counter[str]]:
    result = segment(text, FR)
    produced: Counter[str] = Counter()
    for unit in result.units:
        produced.update(WORD_RE.findall(unit.text))
    for item in result.discarded:
        produced.update(WORD_RE.findall(item.text))
    # Markers and labels are removed from inside words ("personnes?," → "personnes," + "?").
    return Counter(_letters(w) for w in WORD_RE.findall(text)), Counter(
        _letters(w) for w in produced.elements()
    )


def _letters(word: str) -> str:
    return re.sub(r"[\W_]", "", word)


def test_segmentation_accounts_for_every_word_of_the_seed(seed_text: str) -> None:
    given_words, produced = _accounted_words(repair(seed_text, "fr"))
    assert _nonempty(produced) == _nonempty(given_words)


paragraph_words = st.sampled_from(
    [
        "Rappelant",
        "Notant",
        "la",
        "les",
        "traite",
        "personnes",
        "États",
        "Membres",
        "2021",
        "organisée?",
        "enfants®",
        "session”",
        "1.",
        "2.",
        "3.",
        "a)",
        "b)",
        "(c)",
        "Décide",
        "Prie",
        ",",
        ";",
        ":",
        "13e",
        "séance",
        "plénière",
        "juillet",
        "Le",
        "Conseil",
        "économique",
        "et",
        "social,",
    ]
)
paragraphs = st.lists(paragraph_words, min_size=1, max_size=12).map(" ".join)
layouts = st.lists(
    st.tuples(paragraphs, st.sampled_from(["\n\n", "\n", "\n ", "\n\n "])), max_size=12
)


@settings(deadline=None)
@given(layouts)
def test_segmentation_never_loses_or_duplicates_words(parts: list[tuple[str, str]]) -> None:
    text = "".join(p + sep for p, sep in parts)
    given_words, produced = _accounted_words(text)
    assert _nonempty(produced) == _nonempty(given_words)


def _nonempty(counter: Counter[str]) -> Counter[str]:
    return Counter({word: n for word, n in counter.items() if word})


# English footnote markers: tesseract's English model reads a raised "1" as "’". It is a mark
# before punctuation or the end of a unit, never before a word (a plural possessive).
@pytest.mark.parametrize(
    ("text", "expected_text", "refs"),
    [
        ("of resolution 2089/14’,", "of resolution 2089/14,", [1]),
        ("against Criminal Harm’.", "against Criminal Harm.", [1]),
        ("against Criminal Harm’", "against Criminal Harm", [1]),
        ("the States’ obligations,", "the States’ obligations,", []),
        ("the Member States’ own plans;", "the Member States’ own plans;", []),
        ("the so-called ‘blue economy’,", "the so-called ‘blue economy’,", []),
        ("the Secretary-General’s ‘blue economy’,", "the Secretary-General’s ‘blue economy’,", []),
    ],
)
def test_english_end_marker(text: str, expected_text: str, refs: list[int]) -> None:
    numbering = MarkerNumbering(extra_glyphs=EN.marker_glyphs, end_glyphs=EN.end_marker_glyphs)
    taken, found, _ = numbering.take(text, set())
    assert (taken, found) == (expected_text, refs)


def test_french_has_no_end_marker_rule() -> None:
    assert FR.end_marker_glyphs == ""


# Footnote numbers read as "|" (a "1") or with a ring ("5°") still open a footnote at the
# foot of a page; the same line mid-page, or without the page break after it, is text.
@pytest.mark.parametrize(
    ("foot", "mark", "number"),
    [
        ("| United Nations, Treaty Series, vol. 3876, No. 61207.", "|", 1),
        ("5° A/CONF.301/12, chap. I, resolution 1.", "5", 5),
        ("’ United Nations, Treaty Series, vol. 3876, No. 61207.", "’", None),
    ],
)
def test_footnote_marks_misread(foot: str, mark: str, number: int | None) -> None:
    text = f" Recalling its resolution 1/1,\n\n{repair(foot, 'en')}\n (a) Urges States;\n"
    pages = split_blocks(text)
    assert [(f.mark, f.number) for f in pages.footnotes] == [(mark, number)]
    assert [b.text for b in pages.blocks] == ["Recalling its resolution 1/1,", "(a) Urges States;"]
    mid_page = split_blocks(f" Recalling its resolution 1/1,\n\n{foot}\n\n(a) Urges States;\n")
    assert mid_page.footnotes == []
