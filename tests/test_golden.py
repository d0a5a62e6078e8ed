"""The hand-corrected golden transcription of E/RES/2021/25 (French) is well formed and clean."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from tests.golden_format import (
    GOLDEN_DIR,
    GoldenUnit,
    is_clean_text,
    parse_golden,
    read_golden,
    render_document,
    renumber,
    write_golden,
)

GOLDEN = GOLDEN_DIR / "E-RES-2021-25.fr.golden.txt"

# OCR artefacts seen in the seed; none may survive in the golden text.
# (pattern, why) — word-boundary patterns so "Etats" does not match inside "États".
ARTEFACTS = [
    (r"ceuvre", "œ read as ce"),
    (r"\bEtats?\b", "É lost"),
    (r"¢", "stray cent sign"),
    (r"&", "à read as &"),
    (r"(?<!\w)[1I]’", "l’ read as 1’ / I’"),
    (r"(?<!\w)[lL]’ ", "space after an elided article"),
    (r"'", "straight apostrophe"),
    (r"\b(?:derniéres?|systéeme|modcle|chomage|rdle|role|progres|apres|chaines)\b", "accent"),
    (r"\b(?:accroitre|connaitre|grace|méme|étre|enquéte|revét|déja|reégles)\b", "accent"),
    (r"\b(?:matiére|maniére|financiére|deuxiéme|pléniere|interét|intérét)\b", "accent"),
    (r"\b(?:Prieinstamment|Prieles)\b", "glued words"),
    (r"\bexer¢ant|\b13¢", "ç / e read as ¢"),
    (r"[?®”!]", "footnote marker left in text"),
    (r"\bpays ou\b", "où read as ou"),
    (r"n[°®]", "nº read as n° / n®"),
    (r"\u00a0|\u202f", "non-breaking space"),
    (r"\w-\s", "line-break hyphen"),
    (r"\ba (?:la|l’|cette|ces|leur|verser|fournir|envisager|continuer|compter)\b", "à read as a"),
]


@pytest.fixture(scope="module")
def units() -> list[GoldenUnit]:
    return read_golden(GOLDEN)


def test_unit_counts(units: list[GoldenUnit]) -> None:
    counts = Counter(unit.kind for unit in units)
    assert counts == {
        "title": 1,
        "formula": 1,
        "preambular": 27,
        "subitem": 6,
        "operative": 14,
        "closing": 1,
        "footnote": 3,
    }


def test_unit_order(units: list[GoldenUnit]) -> None:
    expected = (
        ["title", "formula"]
        + [f"pp{n}" for n in range(1, 9)]
        + [f"pp8.{c}" for c in "abcdef"]
        + [f"pp{n}" for n in range(9, 28)]
        + [f"op{n}" for n in range(1, 15)]
        + ["closing", "fn1", "fn2", "fn3"]
    )
    assert [unit.id for unit in units] == expected


def test_labels_and_refs(units: list[GoldenUnit]) -> None:
    by_id = {unit.id: unit for unit in units}
    assert by_id["title"].label == "2021/25."
    assert [by_id[f"pp8.{c}"].label for c in "abcdef"] == [f"{c})" for c in "abcdef"]
    assert [by_id[f"op{n}"].label for n in range(1, 15)] == [f"{n}." for n in range(1, 15)]
    assert [by_id[f"fn{n}"].label for n in (1, 2, 3)] == ["1", "2", "3"]
    assert {unit.id: unit.refs for unit in units if unit.refs} == {
        "pp5": (1,),
        "pp6": (2, 3),
        "pp19": (4,),
    }
    assert all(by_id[f"pp{n}"].label is None for n in range(1, 28))


def test_renumber_is_identity_on_golden(units: list[GoldenUnit]) -> None:
    assert renumber(units) == units


def test_texts_are_clean(units: list[GoldenUnit]) -> None:
    for unit in units:
        if unit.kind == "closing":
            assert unit.text == "13e séance plénière\n22 juillet 2021"
        else:
            assert is_clean_text(unit.text), unit.id


def test_file_is_nfc_utf8() -> None:
    raw = GOLDEN.read_bytes().decode("utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    assert "\r" not in raw and raw.endswith("\n")


@pytest.mark.parametrize(("pattern", "why"), ARTEFACTS, ids=[w for _, w in ARTEFACTS])
def test_no_ocr_artefacts(units: list[GoldenUnit], pattern: str, why: str) -> None:
    hits = [(unit.id, match.group()) for unit in units for match in re.finditer(pattern, unit.text)]
    assert hits == [], why


@pytest.mark.parametrize(
    ("unit_id", "fragment"),
    [
        ("title", "Mise en œuvre du Plan d’action mondial"),
        ("pp8", "a vocation à :"),
        ("pp11", "ressources existantes afin d’obtenir plus de résultats"),
        ("pp15", "l’Organisation des États américains"),
        ("pp19", "tenue à sa soixante-douzième session, dans laquelle"),
        ("pp23", "sous-régionaux, régionaux et interrégionaux"),
        ("pp25", "en exerçant un effet dissuasif"),
        ("pp27", "des pays où le taux d’emploi a chuté"),
        ("op1", "Prie instamment les États Membres"),
        ("op10", "les chaînes d’approvisionnement mondiales"),
        ("op11", "Prie les organismes compétents"),
        ("pp10", "le Haut-Commissariat des Nations Unies pour les réfugiés"),
        ("fn2", "Nations Unies, Recueil des Traités, vol. 2225, nº 39574."),
    ],
)
def test_known_readings(units: list[GoldenUnit], unit_id: str, fragment: str) -> None:
    by_id = {unit.id: unit for unit in units}
    assert fragment in by_id[unit_id].text


def test_round_trip(units: list[GoldenUnit]) -> None:
    assert parse_golden(write_golden(units)) == units


def test_render_document(units: list[GoldenUnit]) -> None:
    text = render_document(units)
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0].startswith("2021/25. Mise en œuvre du Plan d’action mondial")
    assert blocks[1] == "Le Conseil économique et social,"
    assert blocks[2].startswith("Condamnant de nouveau énergiquement")
    assert "\n\na) promouvoir la ratification universelle" in text
    assert "\n\n1. Prie instamment les États Membres" in text
    assert "\n\n14. Rappelle que, dans sa résolution 64/293" in text
    assert blocks[-2] == "13e séance plénière\n22 juillet 2021"
    assert blocks[-1].splitlines() == [
        "1 Résolution 64/293 de l’Assemblée générale.",
        "2 Nations Unies, Recueil des Traités, vol. 2225, nº 39574.",
        "3 Ibid., vol. 2237, nº 39574.",
    ]
    assert len(blocks) == 1 + 1 + 27 + 6 + 14 + 1 + 1


def test_words_match_the_seed(units: list[GoldenUnit], seed_text: str) -> None:
    """Folding accents and OCR look-alikes, the golden has the seed's words in order.

    This guards against dropped, doubled or misplaced words while transcribing. The seed's
    labels and footnote lines are removed first: they are in the golden's headers and its
    fn units, which come at the end instead of where the page breaks put them.
    """
    seed_lines = seed_text.splitlines()
    seed_lines = [line for line in seed_lines if not SEED_FOOTNOTE_RE.match(line)]
    seed = LABEL_RE.sub("", "\n".join(seed_lines)).replace("13¢", "13e")
    body = "\n".join(u.text for u in units if u.kind != "footnote")
    assert fold(body) == fold(seed)


# The seed's footnote lines: "! Résolution 64/293 …", "2 Nations Unies, …", "3 Ibid., …".
SEED_FOOTNOTE_RE = re.compile(r"^[!123] (?:Résolution 64/293|Nations Unies, Recueil|Ibid\.)")
# Printed labels at the start of a line: " 2021/25.", "1.", "a)", the "¢c)" misread.
LABEL_RE = re.compile(r"^ ?(?:2021/25\.|[0-9]{1,2}\.|¢?[a-f]\))[ ]", re.M)
# Single-word OCR misreadings of the seed and their reading (checked by eye, one by one).
SEED_MISREADINGS = {
    "prieinstamment": "prie instamment",
    "prieles": "prie les",
    "systeeme": "systeme",
    "modcle": "modele",
    "rdle": "role",
    "reegles": "regles",
    "exerant": "exercant",
}


def fold(text: str) -> list[str]:
    """Lower-case, accent-free words, with the OCR's look-alike letters mapped back."""
    text = text.replace("œ", "oe").replace("ceuvre", "oeuvre").replace("¢", "")
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<!\w)[1il]’ ?", "l’", text).replace("&", "a").replace("-\n", "-")
    words = re.findall(r"\w+", text)
    return " ".join(SEED_MISREADINGS.get(w, w) for w in words).split()
