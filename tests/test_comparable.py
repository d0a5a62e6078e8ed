"""The comparison form: folds that must happen, and folds that must never happen."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.compare.comparable import comparison_form, pieces, word_key
from resdiff.compare.worddiff import word_diff


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("les Etats Membres", "les États Membres"),  # accent dropped by OCR
        ("la mise en oeuvre", "la mise en œuvre"),  # ligature spelled out
        ("de 1’Assemblée", "de l’Assemblée"),  # l read as 1
        ("de I’Assemblée", "de l’Assemblée"),  # l read as I
        ("de l'Assemblée", "de l’Assemblée"),  # straight apostrophe
        ("de 1’ Assemblée", "de l’Assemblée"),  # space after the apostrophe
        ("un mi1ieu", "un milieu"),  # 1 inside a word
        ("le texte reIatif", "le texte relatif"),  # capital I inside a word
        ("en exer¢ant un effet", "en exerçant un effet"),  # cedilla read as ¢
        ("afin d’¢éliminer", "afin d’éliminer"),  # stray ¢
        ("renforcer a la traite", "renforcer à la traite"),  # à / a
        ("les personnes?,", "les personnes,"),  # footnote marker read as ?
        ("les enfants®,", "les enfants,"),  # footnote marker read as ®
        ("les enfants³,", "les enfants,"),  # superscript footnote marker
        ("la « traite »", "la traite"),  # quotes
        ("vol. 2225, n® 39574", "vol. 2225, nº 39574"),  # n° variants
        ("LES ÉTATS", "les états"),  # case
        ("les personnes , et", "les personnes, et"),  # space before punctuation
        ("sous-\nrégionaux", "sous-régionaux"),  # line break after a real hyphen
        ("dé\u00adveloppement", "développement"),  # soft hyphen
    ],
)
def test_same_comparison_form(old: str, new: str) -> None:
    assert comparison_form(old) == comparison_form(new)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("en 2017", "en 2018"),  # a year
        ("résolution 68/192", "résolution 68/193"),  # a resolution number
        ("résolution 68/192", "résolution 69/192"),
        ("le 25 septembre 2015", "le 26 septembre 2015"),  # a day
        ("vol. 2225", "vol. 2226"),
        ("Invite les États", "Encourage les États"),  # the opening verb
        ("qui ne l’ont pas encore fait", "qui l’ont encore fait"),  # negation
        ("qui ne l’ont pas encore fait", "qui ne l’ont encore fait"),
        ("les États Membres", "les États membres et les autres"),
        ("la 1re session", "la 2e session"),  # ordinals stay digits
        ("11 juillet", "ll juillet"),  # digits of a number are not letters
    ],
)
def test_different_comparison_form(old: str, new: str) -> None:
    assert comparison_form(old) != comparison_form(new)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("la mise en ceuvre du Plan", "la mise en œuvre du Plan", "ocr"),  # œ read as ce
        ("le rdle important", "le rôle important", "ocr"),  # ô read as d
        ("un modcle commercial", "un modèle commercial", "ocr"),
        ("le systéeme des Nations", "le système des Nations", "ocr"),
        ("Prieinstamment les États", "Prie instamment les États", "spacing"),  # glued words
        ("dé- veloppement durable", "développement durable", "spacing"),  # hyphenation
        ("parties & ces instruments", "parties à ces instruments", "ocr"),  # à read as &
        ("la traite ee ~ ,i des personnes", "la traite des personnes", "debris"),
        ("des personnes, et", "des personnes; et", "punctuation"),
        ("visant à prévenir, réprimer et punir", "visant à prévenir, RCE et punir", "unreadable"),
    ],
)
def test_noise_needing_the_lexicon_is_suppressed(old: str, new: str, reason: str) -> None:
    diff = word_diff(old, new, "fr")
    assert not diff.differs
    assert reason in {s.reason for s in diff.suppressed}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Invite les États Membres", "Encourage les États Membres"),  # two real words
        ("Urges Member States", "Calls upon Member States"),
        ("Rappelant la résolution", "Réaffirmant la résolution"),
        ("en date du 18 décembre 2013", "en date du 18 décembre 2014"),
        ("la résolution 68/192", "la résolution 68/193"),
        ("qui ne l’ont pas encore fait", "qui l’ont encore fait"),  # negation removed
        ("which have not yet done so", "which have yet done so"),
        ("le Mali et le Niger", "le Malte et le Niger"),  # two real words one letter apart
        ("les États Membres", "les États Membres de l’ONU"),  # an acronym is never debris
        ("prie l’Office de continuer", "prie l’ONUDC de continuer"),  # a name → an acronym
        ("avec les partenaires concernés", "avec les ONG concernés"),  # a known acronym
        ("avec le PNUE et", "avec le PNUD et"),  # two acronyms one OCR look-alike apart
    ],
)
def test_real_changes_are_reported(old: str, new: str) -> None:
    lang = "en" if old.startswith(("Urges", "which")) else "fr"
    assert word_diff(old, new, lang).differs


def test_accent_only_difference_is_folded_but_audited() -> None:
    diff = word_diff("les mesures prises", "les mesures prisés", "fr")
    assert not diff.differs
    assert [(s.old, s.new, s.reason) for s in diff.suppressed] == [("prises", "prisés", "accent")]


@pytest.mark.parametrize(
    ("word", "key"),
    [("États", "etats"), ("1’", "l'"), ("I’", "l'"), ("1er", "1er"), ("Œuvre", "oeuvre"),
     ("qu’", "qu'"), ("COVID", "covid"), ("mi1ieu", "milieu"), ("A1", "a1")],
)  # fmt: skip
def test_word_key(word: str, key: str) -> None:
    assert word_key(word) == key


@pytest.mark.parametrize(
    "text",
    ["", " ", "a", "?!", "  la traite ee ~ ,i des personnes?,\n", "\x1b[31mrouge", "68/192."],
)
def test_pieces_rebuild_the_text(text: str) -> None:
    assert "".join(p.raw for p in pieces(text)) == text


@settings(deadline=None)
@given(st.text(alphabet="aéÉ1I’'`¢ \n.,;:-–()?²®\u00adx/0%§", max_size=60) | st.text(max_size=60))
def test_comparison_form_is_the_keys_of_the_pieces(text: str) -> None:
    # comparison_form takes the keys in one pass without building pieces: same result.
    assert comparison_form(text) == " ".join(p.key for p in pieces(text) if p.key)


def test_a_long_run_of_marks_stays_glued_to_its_piece() -> None:
    # 100,000 footnote marks after one word: one piece whose raw spelling is the whole text.
    text = "Assemblée" + "?²" * 50_000 + " "
    (piece,) = pieces(text)
    assert (piece.key, piece.text, piece.raw) == ("assemblee", "Assemblée", text)
    assert pieces("?? " * 1000) == (pieces("?? " * 1000)[0],)
    assert pieces("?? " * 1000)[0].raw == "?? " * 1000
