"""Labels that pdfminer.six printed after their paragraph's first line (``pdf2txt.py`` text).

The inputs are pdfminer's own output of the layout matrix's PDFs (tests/layouts/, made by
scripts/make_layout_matrix.py): ``pdfminer-libreoffice.txt`` of the LibreOffice PDF, where
every hanging paragraph's first line is a box of its own, printed before its label.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resdiff.ingest import ingest_text
from resdiff.ingest.displaced_labels import restore_labels
from resdiff.model import UnitKind

LAYOUTS = Path(__file__).parent / "layouts"
FRENCH = LAYOUTS / "E-RES-2021-25.fr"


def _units(path: Path) -> dict[str, str]:
    resolution = ingest_text(path.read_text(encoding="utf-8"), source_name=path.name)
    return {u.id: u.text for u in resolution.units}


def test_pdfminer_first_lines_get_their_numbers_back() -> None:
    text = (FRENCH / "pdfminer-libreoffice.txt").read_text(encoding="utf-8")
    assert "fait d’envisager de ratifier la \n1.\nConvention" in text  # the layout itself
    units = _units(FRENCH / "pdfminer-libreoffice.txt")
    golden = _units(FRENCH / "web.txt")
    assert units.keys() == golden.keys()
    assert units["op1"].startswith("Prie instamment les États Membres qui ne l’ont pas encore")
    assert units["op2"].startswith("Encourage les États parties au Protocole")
    assert units["pp8.a"].startswith("promouvoir la ratification universelle")
    # a first line that wrapped right after a comma (e): "… parties prenantes," then "e)")
    assert units["pp8.e"].startswith("sensibiliser les organismes des Nations Unies")
    assert units == golden


@pytest.mark.parametrize(
    "layout", ["pdftotext.txt", "pdftotext-layout.txt", "mutool.txt", "web.txt", "word.txt"]
)
def test_text_with_labels_in_place_is_left_as_it_is(layout: str) -> None:
    lines = (FRENCH / layout).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    assert restore_labels(lines) == lines


def test_one_label_after_an_unfinished_line_is_not_a_layout() -> None:
    """An OCR text that lost a colon before "a)" keeps its lines: the pattern shows once."""
    lines = [
        "Réaffirmant que le Plan d’action mondial a vocation à",
        "a)",
        "promouvoir la ratification universelle de la Convention,",
        "b)",
        "aider les États Membres à renforcer leur engagement politique,",
    ]
    assert restore_labels(lines) == lines


def test_a_short_paragraph_ending_on_a_comma_keeps_its_place_before_a_label() -> None:
    """Even in pdfminer's layout, ``Le Conseil économique et social,`` stays before ``1.``."""
    line = "promouvoir la ratification universelle de la Convention des Nations Unies contre"
    lines = [
        "Le Conseil économique et social,",
        "",
        "1.",
        "Prie instamment les États Membres de ratifier la Convention ;",
        "",
        line,
        "",
        "a)",
        "la criminalité transnationale organisée,",
        "",
        line.replace("promouvoir", "renforcer"),
        "b)",
        "la criminalité transnationale organisée,",
    ]
    restored = restore_labels(lines)
    assert restored[:4] == lines[:4]
    assert restored[5:] == [
        f"a) {line}",
        "la criminalité transnationale organisée,",
        "",
        f"b) {line.replace('promouvoir', 'renforcer')}",
        "la criminalité transnationale organisée,",
    ]


def test_a_running_header_is_never_taken_for_a_first_line() -> None:
    header = "Mise en œuvre du Plan d’action mondial des Nations Unies pour la lutte"
    lines = ["Rappelant x,", "", header, "", "3.", "Demande aux États ;", "", header, "4.", "Note"]
    lines += [
        "Prie instamment les États Membres qui ne l’ont pas encore fait de",
        "5.",
        "ratifier ;",
    ]
    restored = restore_labels(lines)
    assert restored.count(header) == 2 and "3." in restored and "4." in restored


def test_an_edit_in_a_displaced_first_line_is_found() -> None:
    """A word changed in op1's first line (the line pdfminer set before ``1.``) is reported."""
    from resdiff.compare import compare

    text = (FRENCH / "pdfminer-libreoffice.txt").read_text(encoding="utf-8")
    edited = text.replace("qui ne l’ont pas encore fait", "qui ne l’ont pas fait", 1)
    assert edited != text
    old = ingest_text(text, source_name="old.txt")
    new = ingest_text(edited, source_name="new.txt")
    changed = [c for c in compare(old, new).changes if c.status.value != "unchanged"]
    assert [(c.status.value, [u.id for u in c.new]) for c in changed] == [("modified", ["op1"])]
    assert any(u.kind is UnitKind.OPERATIVE for u in changed[0].new)


def test_a_line_right_after_a_label_is_never_given_another() -> None:
    """``1.`` / a line / ``2.``: the line is op1's (pdftotext's order), not op2's first line."""
    first = "Prie instamment les États Membres qui ne l’ont pas encore fait de ratifier la"
    second = "Encourage les États parties au Protocole relatif à la traite des personnes à"
    lines = ["Rappelant x,", "1.", first, "2.", "envisager des mesures ;", "", second, "3."]
    lines += ["envisager des mesures ;", "", second.replace("Encourage", "Invite"), "4.", "agir ;"]
    restored = restore_labels(lines)
    assert restored[:3] == ["Rappelant x,", "1.", first]
    assert f"3. {second}" in restored and "4. Invite" in " ".join(restored)
