"""OCR repair: each step on small cases (French and English), then the whole pipeline."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff import lang
from resdiff.lang import french
from resdiff.normalize import repair, steps
from resdiff.normalize.lexicon import Lexicon
from resdiff.normalize.words import FixElisions, JoinHyphenatedLines, RepairWords

FR = lang.get("fr")
EN = lang.get("en")
LEX_FR = Lexicon.for_language("fr")
LEX_EN = Lexicon.for_language("en")


@pytest.mark.parametrize(
    ("step", "given_text", "expected"),
    [
        (steps.to_nfc, "e\u0301tats\ufeff", "états"),
        (steps.unify_newlines, "a\r\nb\rc", "a\nb\nc"),
        (steps.fix_ligatures, "ﬁnancement ﬂux", "financement flux"),
        (steps.normalize_spaces, "a\u00a0;  b\t c  \n d\u202f:", "a ; b c\n d :"),
        (steps.normalize_spaces, "   page start", " page start"),
        (steps.normalize_spaces, "soft\u00adhyphen", "softhyphen"),
        (
            steps.unify_apostrophes,
            "l'action, d`autres, aujourd‘hui",
            "l’action, d’autres, aujourd’hui",
        ),
        (steps.unify_apostrophes, "'quoted'", "'quoted'"),
        (steps.drop_stray_cents, "criminalité¢ transnationale", "criminalité transnationale"),
        (steps.drop_stray_cents, "d’¢éliminer", "d’éliminer"),
        (steps.drop_stray_cents, "13¢ séance", "13e séance"),
        (steps.drop_stray_cents, "¢c) promouvoir", "c) promouvoir"),
        (steps.drop_stray_cents, "exer¢ant", "exer¢ant"),  # left to the word repairer
        (FixElisions(FR), "de 1’appui à I’ Assemblée", "de l’appui à l’Assemblée"),
        (FixElisions(FR), "d’ autres, qu’ il", "d’autres, qu’il"),
        (FixElisions(FR), "COVID-19’s", "COVID-19’s"),
        (FixElisions(EN), "1’appui", "1’appui"),
        (
            JoinHyphenatedLines(FR, LEX_FR),
            "les dispositifs sous-\nrégionaux, et",
            "les dispositifs sous-régionaux,\net",
        ),
        (JoinHyphenatedLines(FR, LEX_FR), "une ex-\nploitation et", "une exploitation\net"),
        (
            JoinHyphenatedLines(FR, LEX_FR),
            "le Haut-\nCommissariat des",
            "le Haut-Commissariat\ndes",
        ),
        (
            JoinHyphenatedLines(FR, LEX_FR),
            "sa soixante-\ndouzième session",
            "sa soixante-douzième\nsession",
        ),
        (
            JoinHyphenatedLines(FR, LEX_FR),
            "non gouver-\nnementales pour",
            "non gouvernementales\npour",
        ),
        (JoinHyphenatedLines(FR, LEX_FR), "la coopé-\n ration entre", "la coopération\n entre"),
        (
            JoinHyphenatedLines(EN, LEX_EN),
            "inter-\nnational cooperation",
            "international\ncooperation",
        ),
        (JoinHyphenatedLines(EN, LEX_EN), "non-\ngovernmental bodies", "non-governmental\nbodies"),
        (french.replace_ampersand, "parties & ces instruments", "parties à ces instruments"),
        (french.normalize_numero, "vol. 2225, n® 39574", "vol. 2225, nº 39574"),
        (french.restore_grave_a, "durable a l’horizon 2030", "durable à l’horizon 2030"),
        (french.restore_grave_a, "a vocation a :", "a vocation à :"),
        (french.restore_grave_a, "l’Assemblée a adopté", "l’Assemblée a adopté"),
        (
            french.restore_grave_a,
            "qui a été créé, vise a apporter",
            "qui a été créé, vise à apporter",
        ),
        (
            french.restore_grave_a,
            "à tour de rôle, assurent a tour",
            "à tour de rôle, assurent à tour",
        ),
        (french.restore_grave_a, "ainsi qu’a réaliser", "ainsi qu’à réaliser"),
        (french.restore_grave_a, "ce qu’a dit", "ce qu’a dit"),
        (
            french.restore_grave_a,
            "l’Assemblée a notamment réaffirmé",
            "l’Assemblée a notamment réaffirmé",
        ),
        (french.restore_grave_a, "il a un rôle", "il a un rôle"),
        (french.restore_grave_a, "Membres a s’attaquer", "Membres à s’attaquer"),
        (french.restore_fixed_phrases, "maladie a\ncoronavirus", "maladie à\ncoronavirus"),
        (
            french.restore_grave_ou,
            "des pays ou le taux d’emploi a chuté",
            "des pays où le taux d’emploi a chuté",
        ),
        (
            french.restore_grave_ou,
            "les pays ou les régions concernés",
            "les pays ou les régions concernés",
        ),
    ],
)
def test_step(step, given_text: str, expected: str) -> None:
    assert step(given_text) == expected
    assert step(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Etats", "États"),
        ("derniéres", "dernières"),
        ("systéeme", "système"),
        ("modcle", "modèle"),
        ("chomage", "chômage"),
        ("rdle", "rôle"),
        ("role", "rôle"),
        ("ceuvre", "œuvre"),
        ("reégles", "règles"),
        ("exer¢ant", "exerçant"),
        ("Prieinstamment", "Prie instamment"),
        ("Prieles", "Prie les"),
        ("progres", "progrès"),
        ("déja", "déjà"),
        ("revét", "revêt"),
        ("pléniere", "plénière"),
        ("accroitre", "accroître"),
        ("chaines", "chaînes"),
        # known words, names and acronyms are never touched
        ("traite", "traite"),
        ("interne", "interne"),
        ("COVID", "COVID"),
        ("ONUDC", "ONUDC"),
        ("interinstitutions", "interinstitutions"),
        ("coprésidence", "coprésidence"),
        ("socioéconomiques", "socioéconomiques"),
        ("Baltique", "Baltique"),
        ("ou", "ou"),
        ("a", "a"),
    ],
)
def test_repair_words_french(word: str, expected: str) -> None:
    assert RepairWords(FR, LEX_FR).repair(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Urgesall", "Urges all"),
        ("intemational", "international"),
        ("Recalling", "Recalling"),
        ("Member", "Member"),
        ("COVID", "COVID"),
    ],
)
def test_repair_words_english(word: str, expected: str) -> None:
    assert RepairWords(EN, LEX_EN).repair(word) == expected


SEED_ARTEFACTS = [
    r"ceuvre",
    r"\bEtats\b",
    "¢",
    r"\b1’",
    r"\bI’",
    "&",
    "derniéres",
    "systéeme",
    "modcle",
    "chomage",
    r"\brdle\b",
    r"\brole\b",
    "Prieinstamment",
    "Prieles",
    "pléniere",
    r"\bn[°®]",
    r"\bprogres\b",
    r"\bapres\b",
    r"\bchaines\b",
    r"\bgrace\b",
    "accroitre",
    "connaitre",
    r"\bméme\b",
    r"\bétre\b",
    "enquéte",
    "revét",
    r"\bdéja\b",
    "reégles",
    r"’ ",
]


@pytest.mark.parametrize("artefact", SEED_ARTEFACTS)
def test_seed_artefacts_are_repaired(seed_text: str, artefact: str) -> None:
    assert re.search(artefact, seed_text), "the seed should show this artefact"
    assert not re.search(artefact, repair(seed_text, "fr"))


def test_repair_keeps_lines_and_words(seed_text: str) -> None:
    repaired = repair(seed_text, "fr")
    assert repaired.count("\n") == seed_text.count("\n")
    assert repair(repaired, "fr") == repaired

    # Glued words add a word, joined line-break hyphens remove one; nothing else changes.
    def words(text: str) -> int:
        return len(text.replace("’ ", "’").split())

    assert abs(words(repaired) - words(seed_text)) <= 5


def test_english_repair() -> None:
    text = "The General Assembly,\n\nRecalling its reso-\nlution 70/1 of 25 Sep-\ntember 2015 on the inter-\nnational, non-\ngovernmental partners,\n"
    assert repair(text, "en") == (
        "The General Assembly,\n\nRecalling its resolution\n70/1 of 25 September\n2015 on the international,\nnon-governmental\npartners,\n"
    )


french_words = st.sampled_from(
    [
        "la",
        "le",
        "les",
        "à",
        "a",
        "Etats",
        "États",
        "ceuvre",
        "œuvre",
        "1’appui",
        "I’",
        "Assemblée",
        "rdle",
        "rôle",
        "sous-",
        "régionaux",
        "&",
        ";",
        ":",
        ",",
        ".",
        "13¢",
        "séance",
        "pléniere",
        "Prieinstamment",
        "vise",
        "apporter",
        "pays",
        "ou",
        "taux",
        "a",
        "chuté",
        "\n",
    ]
)


@settings(deadline=None)
@given(st.lists(french_words, max_size=40).map(" ".join))
def test_repair_is_idempotent(text: str) -> None:
    once = repair(text, "fr")
    assert repair(once, "fr") == once


@settings(deadline=None)
@given(st.text(max_size=200))
def test_repair_is_idempotent_on_any_text(text: str) -> None:
    once = repair(text, "fr")
    assert repair(once, "fr") == once
    # Repair keeps the lines (once line separators are unified): segmentation relies on them.
    assert once.count("\n") == steps.unify_newlines(text).count("\n")


# Rules the English OCR test bed (tests/ocr/constructed-en*) showed were needed; each with
# what it must mend and what it must leave alone.
@pytest.mark.parametrize(
    ("step", "given_text", "expected"),
    [
        # A lone quote or bar before a one-line sentence is a footnote's number: kept.
        (
            steps.strip_line_debris,
            "’ United Nations, Treaty Series, vol. 3876, No. 61207.",
            "’ United Nations, Treaty Series, vol. 3876, No. 61207.",
        ),
        (
            steps.strip_line_debris,
            "| Ibid., vol. 2237, No. 39574.",
            "| Ibid., vol. 2237, No. 39574.",
        ),
        (steps.strip_line_debris, "’ Recalling its resolution,", "Recalling its resolution,"),
        (steps.strip_line_debris, "’ United Nations, Treaty", "United Nations, Treaty"),
        (steps.strip_line_debris, "’ journalists and others.", "journalists and others."),
        # A speck glued to an operative paragraph's number goes; digits and words stay.
        (steps.strip_line_debris, "_10. Invites the", "10. Invites the"),
        (steps.strip_line_debris, " ~3. Requests the", " 3. Requests the"),
        (steps.strip_line_debris, "_10 Invites the", "_10 Invites the"),
        (steps.strip_line_debris, "x10. Invites", "x10. Invites"),
        # "(¢c)": a speck inside a label.
        (steps.drop_stray_cents, "(¢c) Foster cooperation", "(c) Foster cooperation"),
        (steps.drop_stray_cents, "¢(c) Foster", "(c) Foster"),
        (steps.drop_stray_cents, "(¢) Foster", "(¢) Foster"),
        (steps.drop_stray_cents, "the (¢c) label", "the (¢c) label"),
        # UN document symbols: "£/" is "E/", "A/CONE.301" is "A/CONF.301".
        (steps.repair_document_symbols, "2 £/2091/58.", "2 E/2091/58."),
        (steps.repair_document_symbols, "£/RES/2091/7", "E/RES/2091/7"),
        (steps.repair_document_symbols, "A/CONE.301/12", "A/CONF.301/12"),
        (steps.repair_document_symbols, "A/CONEF.301/12", "A/CONF.301/12"),
        (steps.repair_document_symbols, "A/CONE301/12", "A/CONF.301/12"),
        (steps.repair_document_symbols, "a fee of £50 or £/month", "a fee of £50 or £/month"),
        (
            steps.repair_document_symbols,
            "the CONE of A/CONE and XA/CONE.3",
            "the CONE of A/CONE and XA/CONE.3",
        ),
        (steps.repair_document_symbols, "E/2091/58", "E/2091/58"),
        # A space beside the slash of a citation.
        (steps.close_citation_gaps, "resolution 2089/ 14,", "resolution 2089/14,"),
        (steps.close_citation_gaps, "resolution 68 /192", "resolution 68/192"),
        (steps.close_citation_gaps, "resolution 2021/\n25", "resolution 2021/\n25"),
        (steps.close_citation_gaps, "and/ or 2021 / the", "and/ or 2021 / the"),
    ],
)
def test_english_testbed_step(step, given_text: str, expected: str) -> None:
    assert step(given_text) == expected
    assert step(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # British spellings the UN prints are words (the general list is American)...
        ("offences", "offences"),
        ("Programme", "Programme"),
        ("labour", "labour"),
        ("analysed", "analysed"),
        ("neighbouring", "neighbouring"),
        # ...and glued words are still split, damaged ones still mended.
        ("ofthe", "of the"),
        ("Urgesall", "Urges all"),
        ("intemational", "international"),
    ],
)
def test_repair_words_english_uk_spelling(word: str, expected: str) -> None:
    assert RepairWords(EN, LEX_EN).repair(word) == expected
