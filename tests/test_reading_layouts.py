"""Reading everyday layouts: clause boundaries without blank lines, furniture, footnotes anywhere.

Small constructed texts (made up for these tests, not UN documents), one behaviour a row.
The whole matrix of realistic layouts is ``tests/test_layout_matrix.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resdiff import lang
from resdiff.ingest import ingest_text
from resdiff.ingest.endnotes import canonical_endnotes
from resdiff.ingest.layout import Page, Word, pages_to_text
from resdiff.ingest.text_layout import shape_text
from resdiff.model import UnitKind
from resdiff.normalize import repair
from resdiff.normalize.broken_words import JoinBrokenWords
from resdiff.normalize.lexicon import Lexicon
from resdiff.normalize.misread_elisions import FixMisreadElisions
from resdiff.segment import segment
from resdiff.segment.boundaries import starts_clause
from resdiff.segment.checks import unique_subitem_ids
from resdiff.segment.furniture import is_furniture, split_furniture_cells

FR = lang.get("fr")
EN = lang.get("en")


def read(text: str, code: str = "fr"):
    return ingest_text(text, lang=code, strict=False)


def ids(text: str, code: str = "fr") -> list[str]:
    return [u.id for u in read(text, code).units]


def texts(text: str, code: str = "fr") -> dict[str, str]:
    return {u.id: u.text for u in read(text, code).units}


# ------------------------------------------------------------------ furniture


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("2/5", True),
        ("E/RES/2021/25", True),
        ("E/RES/2021/25 2/5", True),
        ("21-10785 (F)", True),
        ("21-10785 (F)    250821", True),
        ("2/6 21-10785", True),
        ("250821", True),
        ("*2110785*", True),
        ("Merci de recycler", True),
        ("Please recycle", True),
        ("Nations Unies", True),
        ("Distr. : générale", True),
        ("Distr.: General", True),
        # Text that looks a little like furniture but is not.
        ("2021", False),
        ("391574", False),  # not a ddmmyy date
        ("Nations Unies, Recueil des Traités, vol. 2225, nº 39574.", False),
        ("25 septembre 2015, dans laquelle figure le Programme", False),
    ],
)
def test_furniture(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("E/RES/2021/25          Unies pour la lutte", ["E/RES/2021/25", "Unies pour la lutte"]),
        ("21-10785 (F)   250821", ["21-10785 (F)", "250821"]),
        ("Nations Unies            E/RES/2021/25", ["Nations Unies", "E/RES/2021/25"]),
        ("la   traite    des     personnes,", ["la   traite    des     personnes,"]),
    ],
)
def test_furniture_cells(line: str, cells: list[str]) -> None:
    assert split_furniture_cells(line) == cells


# ------------------------------------------------------------------ plain-text layouts


@pytest.mark.parametrize(
    ("given_text", "shaped"),
    [
        # pdftotext: a form feed opens a page.
        ("a,\n\fb\nc", "a,\n b\nc"),
        # CRLF (Word).
        ("a,\r\nb\r\n", "a,\nb\n"),
        # pdftotext -layout: every line indented, so indents are layout, not page starts.
        ("     Rappelant x,\nla suite,\n      Notant y,\n", "Rappelant x,\nla suite,\nNotant y,\n"),
        # OCR's convention is kept: one indented line a page.
        ("a,\nb\n" * 5 + " c\n", "a,\nb\n" * 5 + " c\n"),
        # A header and a page number on one line are cut apart.
        ("x\n\fE/RES/2021/25          2/5\ny", "x\n E/RES/2021/25\n2/5\ny"),
    ],
)
def test_shape_text(given_text: str, shaped: str) -> None:
    assert shape_text(given_text) == shaped


# ------------------------------------------------------------------ clause boundaries


@pytest.mark.parametrize(
    ("previous", "line", "language", "starts"),
    [
        ("des femmes et des enfants,", "Rappelant sa résolution 2019/23,", FR, True),
        ("des femmes et des enfants,", "Considérant que la traite", FR, True),  # -ant shape
        ("des femmes et des enfants,", "rappelant sa résolution", FR, False),  # lower case
        ("la traite des personnes et", "Rappelant sa résolution", FR, False),  # mid-sentence
        ("dans ce domaine ;", "3. Prie le Secrétaire général", FR, True),
        ("dans ce domaine ;", "4: Prie le Secrétaire général", FR, True),  # OCR colon
        ("dans ce domaine ;", "8 Décide de poursuivre", FR, True),  # OCR lost the period
        ("aux fins de l’Organisation", "14. Rappelle que", FR, True),  # OCR lost the ";"
        ("a vocation à :", "d). promouvoir une approche", FR, True),
        ("en date du", "25 septembre 2015, dans laquelle", FR, False),  # a date, not a label
        ("de la justice pénale.", "13e séance plénière", FR, True),
        ("13th plenary meeting", "22 July 2091", EN, False),  # the closing's date stays
        ("22 July 2091", "1 Resolution 144/213.", EN, True),  # a footnote after the closing
        ("of the Secretary-General,", "Bearing in mind its resolution", EN, True),
        ("of the Secretary-General,", "Beijing Declaration and Platform", EN, False),
        ("the Convention;", "2, Calls upon Member States", EN, True),  # OCR comma
        (
            "pour la lutte contre la traite des personnes",
            "Le Conseil économique et social,",
            FR,
            True,
        ),
    ],
)
def test_starts_clause(previous: str, line: str, language: lang.Language, starts: bool) -> None:
    assert starts_clause(previous, line, language) is starts


FRENCH_BODY = """\
2091/1. Texte construit pour les essais (ce n’est pas un document de l’ONU)
Le Conseil économique et social,
Rappelant sa résolution 2090/3 du 15 décembre 2090, dans laquelle il a prié
le Secrétaire général de lui faire rapport,
Notant avec préoccupation que la situation demeure préoccupante,
Réaffirmant que le plan a vocation à :
a) promouvoir la ratification universelle de la Convention,
b) aider les États Membres à renforcer leur engagement,
1. Décide de poursuivre l’examen de la question ;
2. Prie le Secrétaire général de lui faire rapport.
13e séance plénière
22 juillet 2091
"""
FRENCH_IDS = [
    "title", "formula", "pp1", "pp2", "pp3", "pp3.a", "pp3.b", "op1", "op2", "closing",
]  # fmt: skip


def test_wrapped_text_without_blank_lines() -> None:
    assert ids(FRENCH_BODY) == FRENCH_IDS
    assert texts(FRENCH_BODY)["pp1"] == (
        "Rappelant sa résolution 2090/3 du 15 décembre 2090, dans laquelle il a prié le "
        "Secrétaire général de lui faire rapport,"
    )


def test_labels_on_lines_of_their_own() -> None:
    """pdftotext sets hanging numbers and the title number apart."""
    text = FRENCH_BODY.replace("1. Décide", "1.\nDécide").replace("2091/1. Texte", "2091/1.\nTexte")
    text = text.replace("a) promouvoir", "a)\npromouvoir")
    assert ids(text) == FRENCH_IDS


def test_one_line_per_paragraph_with_crlf_and_tabs() -> None:
    """Pasted from Word: CRLF, a tab after the label, a no-break space before ';'."""
    lines = [re.sub(r"\n(?=[a-z])", " ", p) for p in FRENCH_BODY.split("\n")]
    text = "\r\n".join(lines).replace("1. ", "1.\t").replace(" ;", "\u00a0;")
    assert ids(text) == FRENCH_IDS
    assert texts(text)["op1"] == "Décide de poursuivre l’examen de la question ;"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("4: Prie", "op4"), ("4 Prie", "op4"), ("l. Prie", "op1")],
)
def test_ocr_forms_of_operative_numbers(printed: str, expected: str) -> None:
    numbers = {"4: Prie": 3, "4 Prie": 3, "l. Prie": 0}[printed]
    before = "".join(f"{n}. Décide de la question {n} ;\n" for n in range(1, numbers + 1))
    text = FRENCH_BODY.split("1. Décide")[0] + before + printed + " le Secrétaire général.\n"
    assert expected in ids(text)
    assert texts(text)[expected] == "Prie le Secrétaire général."


def test_ocr_forms_of_subitem_labels() -> None:
    text = FRENCH_BODY.replace("a) promouvoir", "a). promouvoir").replace("b) aider", "b#) aider")
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert [u.label for u in result.units if u.kind is UnitKind.SUBITEM] == ["a)", "b)"]
    assert {d.text for d in result_discards(text, "debris")} >= {".", "#"}


def result_discards(text: str, kind: str):
    return [d for d in segment(repair(shape_text(text), "fr"), FR).discarded if d.kind == kind]


def test_missing_operative_number_is_read_from_the_sequence() -> None:
    text = FRENCH_BODY.replace("2. Prie", "Prie")
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert "operative paragraph 2 has no printed number; numbered from the sequence" in (
        result.warnings
    )


def test_closing_glued_to_the_last_paragraph() -> None:
    text = FRENCH_BODY.replace("rapport.\n13e", "rapport. 13e").replace(
        "plénière\n22", "plénière 22"
    )
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert result.date == "2091-07-22"
    assert texts(text)["op2"] == "Prie le Secrétaire général de lui faire rapport."


# ------------------------------------------------------------------ footnotes anywhere

NOTES = "1 Résolution 2090/3.\n2 Nations Unies, Recueil des Traités, vol. 2225, nº 39574.\n"
CALLED = FRENCH_BODY.replace("rapport,\nNotant", "rapport1,\nNotant").replace(
    "préoccupante,", "préoccupante2,"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(CALLED + NOTES, id="after-the-closing"),
        pytest.param(CALLED.replace("13e séance", NOTES + "13e séance"), id="before-the-closing"),
        pytest.param(
            CALLED.replace("Notant avec", "____________\n1\nRésolution 2090/3.\n\fNotant avec"),
            id="under-a-separator",
        ),
    ],
)
def test_footnotes_wherever_they_are(text: str) -> None:
    result = read(text)
    assert "fn1" in [u.id for u in result.units]
    units = {u.id: u for u in result.units}
    assert units["fn1"].text == "Résolution 2090/3."
    assert units["pp1"].footnote_refs == (1,)
    assert units["closing"].text == "13e séance plénière\n22 juillet 2091"
    assert not [w for w in result.warnings if "set aside" in w]


def test_running_title_and_furniture_between_pages() -> None:
    """pdftotext of a UN print: footer, barcode, and the title repeated atop the next page."""
    text = FRENCH_BODY.replace(
        "Notant avec",
        "21-10785 (F)\n250821\nMerci de recycler\n*2110785*\n\f"
        "Texte construit pour les essais (ce n’est pas\nun document de l’ONU)\n"
        "E/RES/2091/1\nNotant avec",
    )
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert texts(text)["pp2"] == "Notant avec préoccupation que la situation demeure préoccupante,"


def test_words_of_a_running_line_stay_in_the_text_away_from_page_breaks() -> None:
    """A clause line that reads like the running title is text when no page break is near."""
    footer = "21-10785 (F)\n*2110785*\n\fun document de l’ONU)\n"
    body = FRENCH_BODY.replace("Notant avec", footer + "Notant avec").replace(
        "1. Décide", footer + "1. Décide"
    )
    clause = "Notant avec préoccupation que la situation\nun document de l’ONU)\ndemeure grave,\n"
    text = body.replace("Réaffirmant que", "\n".join(["x,"] * 0) + clause + "Réaffirmant que")
    assert texts(text)["pp3"] == (
        "Notant avec préoccupation que la situation un document de l’ONU) demeure grave,"
    )


def test_words_set_apart_by_pdftotext_stay_with_their_clause() -> None:
    """pdftotext puts the end of a loose justified line after the paragraph it belongs to."""
    text = FRENCH_BODY.replace(
        "a) promouvoir la ratification universelle de la Convention,\n",
        "a) promouvoir la ratification\nde la Convention,\n\nuniverselle\n\n",
    )
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert texts(text)["pp3.a"] == "promouvoir la ratification de la Convention, universelle"
    assert any("kept with it: 'universelle'" in w for w in result.warnings)


# ------------------------------------------------------------------ ids, checks, refusal


def test_subitem_read_as_the_next_letter_keeps_every_clause() -> None:
    """OCR reads a) as b): two units would share pp3.b and one clause would be lost."""
    text = FRENCH_BODY.replace("a) promouvoir", "b) promouvoir")
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert texts(text)["pp3.a"].startswith("promouvoir")
    assert "sub-item b) of pp3 repeats a letter; stored as pp3.a (its place in the list)" in (
        result.warnings
    )


def test_unique_subitem_ids_leaves_good_letters_alone() -> None:
    units = read(FRENCH_BODY).units
    assert unique_subitem_ids(units) == (list(units), [])


def test_self_check_warnings() -> None:
    gap = FRENCH_BODY.replace("2. Prie", "3. Prie")
    assert "operative paragraph numbers skip 2 (before op3)" in read(gap).warnings
    glued = FRENCH_BODY.replace(
        "1. Décide", "1. Décide " + "de poursuivre l’examen de la question, " * 80
    )
    assert any(w.startswith("op1 is ") and "glued" in w for w in read(glued).warnings)


def test_numbered_paragraphs_without_formula_are_never_refused() -> None:
    text = "1. Décide de poursuivre l’examen ;\n2. Prie le Secrétaire général de faire rapport.\n"
    assert ids(text) == ["op1", "op2"]


# ------------------------------------------------------------------ stray spaces


@pytest.mark.parametrize(
    ("code", "given_text", "expected"),
    [
        ("en", "Reit erating i ts strong c ondemna tion", "Reiterating its strong condemnation"),
        ("fr", "en protéger les vict imes et", "en protéger les victimes et"),
        ("fr", "la préside nce de l’As semblée", "la présidence de l’Assemblée"),
        ("fr", "la mer et la terre", "la mer et la terre"),  # two words stay two
        (
            "fr",
            "s’est conc entré sur la criminalité organisé e2 et",
            "s’est concentré sur la criminalité organisée2 et",
        ),
        (
            "en",
            "a non-selective, evide nce-based and gender-sen sitive approach",
            "a non-selective, evidence-based and gender-sensitive approach",
        ),
        ("en", "Viet Nam and the high seas", "Viet Nam and the high seas"),  # names, known words
    ],
)
def test_join_broken_words(code: str, given_text: str, expected: str) -> None:
    assert JoinBrokenWords(Lexicon.for_language(code))(given_text) == expected


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("Invite POffice des Nations Unies", "Invite l’Office des Nations Unies"),
        ("de lAssemblée générale", "de l’Assemblée générale"),
        ("à Paris, le PIB et Pérou", "à Paris, le PIB et Pérou"),  # real words stay
    ],
)
def test_misread_elisions(given_text: str, expected: str) -> None:
    assert FixMisreadElisions(FR, Lexicon.for_language("fr"))(given_text) == expected


def test_footnote_number_read_as_an_elision() -> None:
    """A raised "1" read as "L’" before a consonant, where French never elides."""
    text = CALLED.replace("Notant avec", "____________\nL’Résolution 2090/3.\n\fNotant avec")
    units = {u.id: u for u in read(text).units}
    assert units["fn1"].text == "Résolution 2090/3."


# ------------------------------------------------------------------ no number is lost

_MONTHS = ["janvier", "juillet", "septembre", "décembre"]
numbers_in_text = st.one_of(
    st.builds(lambda d, m, y: f"du {d} {m} {y}", st.integers(1, 31), st.sampled_from(_MONTHS),
              st.integers(1945, 2099)),
    st.builds("vol. {}, nº {}".format, st.integers(1, 3000), st.integers(1, 99999)),
    st.builds("la résolution {}/{}".format, st.integers(1, 80), st.integers(1, 300)),
    st.builds("{} personnes".format, st.integers(1, 999)),
    st.builds("paragraphe {}".format, st.integers(1, 40)),
)  # fmt: skip


@given(st.lists(numbers_in_text, min_size=1, max_size=4), st.booleans())
def test_numbers_next_to_words_are_never_lost(phrases: list[str], notes: bool) -> None:
    """Dates, volumes, symbols, counts: every number of the text stays in its unit."""
    clause = "Rappelant " + ", ".join(phrases) + ","
    text = FRENCH_BODY.replace("Notant avec", clause + "\nNotant avec") + (NOTES if notes else "")
    units = read(text).units
    pp2 = next(u.text for u in units if u.id == "pp2")
    assert re.findall(r"\d+", pp2) == re.findall(r"\d+", clause)


# ------------------------------------------------------------------ a layout the matrix lacks


@pytest.mark.parametrize("text", ["E-RES-2021-25.fr", "constructed-en"])
def test_pdftotext_raw_reads_like_a_paste(text: str, tmp_path) -> None:
    """``pdftotext -raw`` (content-stream order: a comma after a call alone on its line, the
    masthead run into the heading) of the matrix's PDF reads as the web paste does."""
    import subprocess
    from pathlib import Path

    from resdiff.api import ingest_file
    from resdiff.compare import compare

    folder = Path(__file__).parent / "layouts" / text
    raw = tmp_path / "raw.txt"
    subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(folder / "ods.pdf"), str(raw)], check=True
    )
    pasted = ingest_file(folder / "web.txt", strict=False)
    comparison = compare(pasted, ingest_file(raw, strict=False))
    assert not comparison.has_differences, comparison.summary()


# ------------------------------------------------------------------ the six languages

LANGUAGE_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "languages").glob("*.txt"))


def _one_line_per_paragraph(text: str, joiner: str) -> str:
    """The fixture as a web or Word paste: each paragraph on one line, no blank lines."""
    blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "\n".join(joiner.join(line.strip() for line in b.splitlines()) for b in blocks) + "\n"


@pytest.mark.parametrize("path", LANGUAGE_FIXTURES, ids=lambda p: p.name)
def test_every_language_reads_one_line_per_paragraph(path: Path) -> None:
    """Arabic (caseless, ``إذ``/``وإذ``, ``(أ)``, ``2099/4 -``), Chinese (no spaces, ``１．``,
    date before meeting), Russian (participles in lower case), Spanish, English."""
    from resdiff.compare import compare

    text = path.read_text(encoding="utf-8")
    blank_lines = ingest_text(text, strict=False)
    joiner = "" if blank_lines.lang == "zh" else " "
    pasted = ingest_text(_one_line_per_paragraph(text, joiner), lang=blank_lines.lang, strict=False)
    assert [u.id for u in pasted.units] == [u.id for u in blank_lines.units]
    assert not compare(blank_lines, pasted).has_differences


@pytest.mark.parametrize("path", LANGUAGE_FIXTURES, ids=lambda p: p.name)
def test_a_real_edit_is_found_in_every_language(path: Path) -> None:
    """Diffing two different texts of a language without a word list (ar, zh) used to crash."""
    from dataclasses import replace

    from resdiff.compare import compare

    old = ingest_text(path.read_text(encoding="utf-8"), strict=False)
    last = next(u for u in reversed(old.units) if u.kind is UnitKind.OPERATIVE)
    units = tuple(replace(u, text=f"{u.text} 2100") if u is last else u for u in old.units)
    changed = [
        c for c in compare(old, replace(old, units=units)).changes if c.status.value != "unchanged"
    ]
    assert [(c.status.value, c.new[0].id) for c in changed] == [("modified", last.id)]


# ------------------------------------------------------------------ word processors and browsers


def test_lettered_list_printed_with_periods() -> None:
    """A browser or word processor prints a lettered list ``a.``, ``b.``."""
    text = FRENCH_BODY.replace("a) promouvoir", "a. promouvoir").replace("b) aider", "b. aider")
    result = read(text)
    assert [u.id for u in result.units] == FRENCH_IDS
    assert [u.label for u in result.units if u.kind is UnitKind.SUBITEM] == ["a.", "b."]
    assert texts(text)["pp3.b"] == "aider les États Membres à renforcer leur engagement,"


def test_a_letter_and_a_period_out_of_a_list_stay_text() -> None:
    """``b.`` without an ``a.`` before it, or ``a.`` after a clause that opens no list."""
    text = FRENCH_BODY.replace("a) promouvoir", "b. promouvoir").replace("b) aider", "c. aider")
    assert "pp3.b" not in ids(text)
    assert texts(text)["pp3"].endswith("vocation à : b. promouvoir la ratification universelle "
                                       "de la Convention, c. aider les États Membres à renforcer "
                                       "leur engagement,")  # fmt: skip


ENDNOTES = "Notes\n1. Résolution 2090/3. ↩\n2. Nations Unies, Recueil des Traités,\nvol. 2225. ↩\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(CALLED + ENDNOTES, id="headed"),
        pytest.param(CALLED + "\n" + ENDNOTES.replace("Notes\n", ""), id="back-links-only"),
        pytest.param(
            CALLED + ENDNOTES.replace("1. ", "[1] ").replace("2. ", "[2] "), id="brackets"
        ),
        pytest.param(CALLED.replace("13e séance", ENDNOTES + "13e séance"), id="before-closing"),
        pytest.param(
            CALLED.replace("13e séance", ENDNOTES.replace(" ↩", "") + "13e séance"),
            id="before-closing-without-back-links",
        ),
    ],
)
def test_endnote_section_of_a_web_page(text: str) -> None:
    result = read(text)
    units = {u.id: u for u in result.units}
    assert units["fn1"].text == "Résolution 2090/3."
    assert units["fn2"].text == "Nations Unies, Recueil des Traités, vol. 2225."
    assert units["pp2"].footnote_refs == (2,)
    assert units["closing"].text == "13e séance plénière\n22 juillet 2091"
    assert [u.id for u in result.units if u.kind is UnitKind.OPERATIVE] == ["op1", "op2"]
    assert not result.warnings


def test_a_notes_heading_without_numbered_notes_is_left_alone() -> None:
    for text in ("Notes\n2. Ibid.\n", "x\nNotes\nRappelant y,\n", "1. Prie x.\n2. Décide y.\n"):
        assert canonical_endnotes(text) == text


@pytest.mark.parametrize(
    ("sentence", "called"),
    [
        ("la Convention contre la criminalité organisée 2 et le Protocole,", True),
        ("la Convention contre la criminalité organisée 2, et le Protocole,", True),
        ("les paragraphes 2 et 3 de la résolution,", False),
        ("les paragraphe 2 de la résolution,", False),
        ("la criminalité organisée 2 et 3 de la liste,", False),
        ("la criminalité organisée 2 % de la population,", False),
        ("la Convention des Nations Unies 2 et le Protocole,", False),
    ],
)
def test_a_call_set_one_space_apart(sentence: str, called: bool) -> None:
    """pdftotext sets a raised call one space after its word (LibreOffice's PDFs)."""
    text = CALLED.replace("Notant avec préoccupation que la situation demeure préoccupante2,",
                          f"Notant {sentence}") + NOTES  # fmt: skip
    units = {u.id: u for u in read(text).units}
    assert units["pp2"].footnote_refs == ((2,) if called else ())
    assert (" 2 " in units["pp2"].text or " 2," in units["pp2"].text) is not called


def test_a_call_that_is_not_the_next_footnote_stays_text() -> None:
    text = (
        CALLED.replace("rapport1,", "rapport,").replace(
            "Notant avec préoccupation que la situation demeure préoccupante2,",
            "Notant la criminalité organisée 2 et le Protocole,",
        )
        + NOTES
    )
    units = {u.id: u for u in read(text).units}
    assert "organisée 2 et" in units["pp2"].text


def _page(lines: list[tuple[float, str]], size: float = 10.0) -> Page:
    words = []
    for top, line in lines:
        x = 40.0
        for word in line.split():
            words.append(Word(word, x, x + 5.0 * len(word), top, top + size, size))
            x += 5.0 * len(word) + 3.0
    return Page(width=612.0, height=792.0, words=tuple(words))


def test_text_in_a_narrow_bottom_margin_is_kept() -> None:
    """A browser prints body text down to 30 pt from the foot: no word of it may be lost,
    while its own footer (address, page number) and a running header are set aside."""
    pages = [
        _page(
            [
                (20.0, "12/2/26, 2:12 AM"),
                (30.0, "E/RES/2091/1 (constructed)"),
                (40.0, f"Rappelant la page {word} de la suite,"),
                (740.0, f"et le texte {word} va jusqu’au bas de la page,"),
                (770.0, f"file:///tmp/page.html {n}/2"),
            ]
        )
        for n, word in ((1, "première"), (2, "seconde"))
    ]
    text = pages_to_text(pages)
    for word in ("première", "seconde"):
        assert f"Rappelant la page {word} de la suite," in text
        assert f"et le texte {word} va jusqu’au bas de la page," in text
    assert "file://" not in text and "2:12" not in text and "1/2" not in text
    assert "constructed" not in text


def test_html_source_line_breaks_are_spaces() -> None:
    """LibreOffice and HTML editors wrap a paragraph's source; only <br> breaks a line, and a
    word processor's page footer (<div title="footer">) is page chrome."""
    from resdiff.ingest.html import html_text

    page = (
        "<p>2. Prie le Secrétaire\ngénéral de lui faire rapport.</p>\n"
        '<p align="right">13e\nséance plénière</p><p align="right">22\njuillet 2091</p>\n'
        '<div title="footer"><p>91-10785 (F)    constructed footer</p></div>'
        "<pre>a\nb</pre>"
    )
    assert html_text(page) == (
        "2. Prie le Secrétaire général de lui faire rapport.\n\n13e séance plénière\n\n"
        "22 juillet 2091\n\na\nb\n"
    )


def test_a_searchable_scan_is_read_as_ocr() -> None:
    """A scan with an invisible OCR text layer: its word sizes are OCR's guesses."""
    from resdiff.ingest import pdf

    folder = Path(__file__).parent / "layouts" / "E-RES-2021-25.fr"
    scan = pdf.text_pages((folder / "scan-searchable.pdf").read_bytes(), "scan")
    typeset = pdf.text_pages((folder / "ods.pdf").read_bytes(), "ods")
    assert pdf.has_text_layer(scan) and pdf.is_ocr_layer(scan)
    assert not pdf.is_ocr_layer(typeset)


def test_a_rule_under_the_masthead_is_not_the_footnote_separator() -> None:
    """OCR reads the masthead's rule as ``———``: the text below it is not footnotes; the
    separator at the foot of the page still opens them."""
    page = _page(
        [
            (60.0, "Nations Unies"),
            (80.0, "——————————"),
            (120.0, "Rappelant sa résolution 2090/3 du 15 décembre 2090,"),
            (135.0, "Notant avec préoccupation que la situation demeure préoccupante,"),
            (600.0, "__________"),
            (620.0, "1 Résolution 2090/3."),
        ]
    )
    text = pages_to_text([page], trust_marks=False)
    assert "Rappelant sa résolution 2090/3 du 15 décembre 2090,\nNotant avec" in text
    assert text.rstrip().endswith("1 Résolution 2090/3.")


def _pdftotext_spacing(text: str) -> str:
    """Spaces as LibreOffice's PDF and pdftotext set them in Chinese: around every run of
    digits or Latin letters inside Han text, and before a superscript call."""
    han = "\u4e00-\u9fff"
    text = re.sub(rf"(?<=[{han}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[{han}])", " ", text)
    return re.sub(rf"(?<=[{han}])(?=[¹²³])", " ", text)


def test_chinese_typeset_spacing_and_a_glued_heading() -> None:
    source = (Path(__file__).parent / "fixtures" / "languages" / "constructed.zh.txt").read_text(
        encoding="utf-8"
    )
    expected = {u.id: u.text for u in read(source, "zh").units}
    spaced = read(_pdftotext_spacing(source), "zh")
    assert {u.id: u.text for u in spaced.units} == expected
    assert not spaced.warnings
    glued = re.sub(r"^(\d{4}/\d+\.) ", r"\1", source, flags=re.M)  # "2099/5.关于…"
    assert glued != source
    assert {u.id: u.text for u in read(glued, "zh").units} == expected


def test_a_note_without_back_link_ends_at_the_closing() -> None:
    from resdiff.segment.boundaries import is_closing_line

    text = "x.\nNotes\n1. Résolution 2090/3.\n2. Ibid.\n13e séance plénière\n22 juillet 2091\n"
    assert canonical_endnotes(text, lambda line: is_closing_line(line, FR)) == (
        "x.\n\n1 Résolution 2090/3.\n\n2 Ibid.\n\n13e séance plénière\n22 juillet 2091\n"
    )
