"""Text wrapped again, narrower than it was printed: an e-mail client or ``fold -s`` re-wraps
lines that were already wrapped, so every other line is a short stub (``Nations Unies``
alone, an elided ``l’`` at a line's end).

The inputs are the real OCR'd seed (E/RES/2021/25, French), the layout matrix's
``pdftotext.txt`` of a constructed text and its ``pdftotext-raw-nopgbrk.txt`` (a viewer's copy)
of the French golden text and of the constructed one, folded here at several widths as ``fold -s -w N``
does (break at the last space that fits, the space kept at the end of the line). Each must
read as the text it came from: no change at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff import api, lang
from resdiff.compare import compare
from resdiff.segment.pages import split_blocks

from .conftest import ROOT, SEED

LAYOUTS = ROOT / "tests" / "layouts"


def fold(text: str, width: int) -> str:
    """``fold -s -w width``: each line longer than ``width`` cut after its last space that
    fits (a word longer than the width is cut at the width)."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            cut = width if cut < 0 else cut + 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def _changes(old: Path, new: Path) -> list[tuple[str, list[str], list[str]]]:
    comparison = compare(api.ingest_file(old), api.ingest_file(new))
    return [
        (change.status.value, [u.id for u in change.old], [u.id for u in change.new])
        for change in comparison.changes
        if change.status.value != "unchanged"
    ]


_SOURCES = {
    "seed": SEED,
    "constructed-en": LAYOUTS / "constructed-en" / "pdftotext.txt",
    # A PDF viewer's copy (pdftotext -raw -nopgbrk): no blank lines, no page marks.
    "fr-viewer-copy": LAYOUTS / "E-RES-2021-25.fr" / "pdftotext-raw-nopgbrk.txt",
    "constructed-en-viewer-copy": LAYOUTS / "constructed-en" / "pdftotext-raw-nopgbrk.txt",
}


@pytest.mark.parametrize("width", [40, 50, 56, 60, 64, 72, 76])
@pytest.mark.parametrize("name", list(_SOURCES))
def test_text_wrapped_again_reads_as_it_was(tmp_path: Path, name: str, width: int) -> None:
    source = _SOURCES[name]
    folded = tmp_path / f"folded-{width}.txt"
    folded.write_text(fold(source.read_text(encoding="utf-8"), width), encoding="utf-8")
    assert folded.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")
    assert _changes(source, folded) == []


def test_furniture_shaped_words_inside_a_sentence_are_text_and_furniture_is_not() -> None:
    french = lang.get("fr")
    wrapped = (
        "a) promouvoir la ratification universelle de la Convention des\n"
        "Nations Unies\n"
        "contre la criminalité transnationale organisée,\n"
    )
    pages = split_blocks(wrapped, french)
    assert pages.discarded == []
    assert "Nations Unies" in " ".join(line for b in pages.blocks for line in b.lines)
    number = "Saluant la décision prise dans sa résolution\n73/327\ndu 25 juillet 2019,\n"
    assert split_blocks(number, french).discarded == []
    page = "la traite des\n2/5\npersonnes,\n"  # a page break inside a sentence
    assert [d.text for d in split_blocks(page, french).discarded] == ["2/5"]
    masthead = "Nations Unies\nE/RES/2021/25\n\nConseil économique et social\n\nDistr. : générale\n"
    kinds = [(d.kind, d.text) for d in split_blocks(masthead, french).discarded]
    assert ("page-header", "Nations Unies") in kinds


@pytest.mark.parametrize(
    ("code", "note_lines", "note"),
    [
        ("en", ["United Nations, Treaty Series, vol.", "3876, No. 61207."],
         "United Nations, Treaty Series, vol. 3876, No. 61207."),
        ("en", ["United Nations, Treaty Series, vol. 3876, No.", "61207."],
         "United Nations, Treaty Series, vol. 3876, No. 61207."),
        ("fr", ["Nations Unies, Recueil des Traités, vol.", "2225, nº 39574."],
         "Nations Unies, Recueil des Traités, vol. 2225, nº 39574."),
        ("en", ["Official Records, Supplement No.", "3 (E/2091/33)."],
         "Official Records, Supplement No. 3 (E/2091/33)."),
    ],
)  # fmt: skip
def test_a_footnote_cut_after_an_abbreviation_goes_on(
    code: str, note_lines: list[str], note: str
) -> None:
    """The full stop of ``vol.`` or ``No.`` at a line's end ends no footnote: what follows is
    the note's, not text the page goes on with."""
    text = "\n".join(["(e) Raise awareness of the links,", "_" * 18, "1", *note_lines, ""])
    pages = split_blocks(text, lang.get(code))
    assert [(f.mark, f.text) for f in pages.footnotes] == [("1", note)]
    assert [b.text for b in pages.blocks] == ["(e) Raise awareness of the links,"]


def test_text_after_a_whole_footnote_goes_on_with_the_page() -> None:
    """A footnote that ends a sentence is whole: a line after it, on a page whose start was
    lost, is text again."""
    text = "\n".join(["Recalling its resolution,", "_" * 18, "1", "Resolution 64/293.",
                      "other forms of organized crime,", ""])  # fmt: skip
    pages = split_blocks(text, lang.get("en"))
    assert [f.text for f in pages.footnotes] == ["Resolution 64/293."]
    assert "other forms of organized crime," in [b.text for b in pages.blocks]


def test_a_clause_line_at_one_page_break_is_text_though_alike_near_another() -> None:
    """Re-wrapped text can bring a clause's words to a page start once and, alike, a few
    lines into another page: a running line touches two breaks, this one touches one."""
    clause = " Réaffirmant la Convention des Nations Unies contre la criminalité"
    text = "\n".join([
        "Le Conseil économique et social,", "",
        "Rappelant la traite des personnes,", "",
        clause, "transnationale organisée,", "",
        "Notant que des rapports ont mis en évidence la traite des",
        " personnes, en particulier en provenance des pays où le taux a",
        "chuté le plus", "rapidement,", "",
        "1. Prie instamment les États Membres d’envisager",
        "de ratifier la Convention des Nations Unies contre la criminalité",
        "transnationale organisée ;", "",
    ])  # fmt: skip
    pages = split_blocks(text, lang.get("fr"))
    assert pages.discarded == []
    assert clause.strip() in [line.strip() for b in pages.blocks for line in b.lines]


def test_a_running_title_at_two_page_breaks_is_set_aside() -> None:
    """The title the print repeats atop later pages touches each break: furniture, on both
    pages, and only there."""
    title = ["Strengthening inter-agency cooperation to prevent and",
             "combat crimes that affect the environment"]  # fmt: skip
    text = "\n".join([
        "The Economic and Social Council,", "",
        "Recalling its resolution 2089/14,", "",
        " " + title[0], title[1], "", "Noting the report of the Secretary-General,", "",
        " " + title[0], title[1], "", "1. Requests the Secretary-General to report.", "",
    ])  # fmt: skip
    pages = split_blocks(text, lang.get("en"))
    assert [d.text for d in pages.discarded if d.kind == "page-header"] == title * 2
    assert [b.text for b in pages.blocks] == [
        "The Economic and Social Council,", "Recalling its resolution 2089/14,",
        "Noting the report of the Secretary-General,",
        "1. Requests the Secretary-General to report.",
    ]  # fmt: skip


def test_words_of_a_sentence_shaped_like_the_formula_or_the_title_stay_text() -> None:
    """Re-wrapping sets a body's name or the title's first words on a line of their own inside
    a sentence: in lower case (and the name without the formula's comma) they are text."""
    french = lang.get("fr")
    text = (
        "2021/25. Mise en œuvre du Plan d’action mondial des Nations Unies\n"
        "pour la lutte contre la traite des personnes\n"
        "Le Conseil économique et social,\n"
        "Se félicitant de la déclaration politique que\n"
        "l’Assemblée générale\n"
        "a adoptée à sa soixante-douzième session,\n"
        "6/6 21-10785\n"
        "14. Rappelle qu’elle a prié le Secrétaire général d’inclure un chapitre sur la\n"
        "mise en œuvre du Plan d’action mondial\n"
        "dans l’un de ses rapports.\n"
    )
    pages = split_blocks(text, french)
    assert [d.text for d in pages.discarded] == ["6/6 21-10785"]
    assert [b.text.split("\n")[0] for b in pages.blocks] == [
        "2021/25. Mise en œuvre du Plan d’action mondial des Nations Unies",
        "Le Conseil économique et social,",
        "Se félicitant de la déclaration politique que",
        "14. Rappelle qu’elle a prié le Secrétaire général d’inclure un chapitre sur la",
    ]


def test_a_running_title_word_wrapped_alone_is_set_aside_with_the_title() -> None:
    """``Strengthening … to prevent`` / ``and`` / ``combat crimes …``: the stub between two
    running lines is theirs, not a word of the clause above."""
    title = ["Strengthening inter-agency cooperation to prevent", "and",
             "combat crimes that affect the environment"]  # fmt: skip
    text = "\n".join([
        "2091/7. Strengthening inter-agency cooperation to prevent and combat",
        "crimes that affect the environment", "The Economic and Social Council,",
        "Recalling its resolution 2089/14,", "E/RES/2091/7", *title, "2/3 91-20917",
        "Noting the report of the Secretary-General,", "E/RES/2091/7", *title, "3/3 91-20917",
        "1. Requests the Secretary-General to report.", "",
    ])  # fmt: skip
    pages = split_blocks(text, lang.get("en"))
    assert "and" in [d.text for d in pages.discarded]
    assert [b.text for b in pages.blocks][2:] == [
        "Recalling its resolution 2089/14,", "Noting the report of the Secretary-General,",
        "1. Requests the Secretary-General to report.",
    ]  # fmt: skip
