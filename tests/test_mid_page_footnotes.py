"""Footnote lines that stand mid-page, away from any page foot, in constructed texts.

A text typeset again by a tool that knows nothing of its footnotes (an OCR text exported to
PDF by a word processor, then read by ``pdftotext``) keeps the footnote lines where the
print had them, between two clauses or inside a sentence that goes on after them, with no
blank line and no page break around them (``tests/test_text_typeset_by_word_processor.py``
makes such files of the real seed). The texts here are constructed, in that layout.
"""

from __future__ import annotations

from resdiff import lang
from resdiff.normalize import repair
from resdiff.segment import segment

FRENCH = lang.get("fr")
HEAD = "Le Conseil économique et social,\n\n"


def _units(text: str) -> dict[str, str]:
    return {u.id: u.text for u in segment(repair(text, "fr"), FRENCH).units}


def test_footnote_lines_between_clauses_and_inside_a_sentence_are_footnotes() -> None:
    units = _units(
        HEAD
        + "Rappelant sa résolution 2020/1 sur la traite des personnes¹,\n"
        + "! Résolution 64/293 de l’Assemblée générale.\n"  # OCR's "!" for a raised 1
        + "Réaffirmant la Convention des Nations Unies contre la criminalité\n"
        + "transnationale organisée² et le Protocole additionnel,\n"
        + "2 Nations Unies, Recueil des Traités, vol. 2225, nº 39574.\n"
        + "1. Prie les États Membres de ratifier la Convention et\n"
        + "de promouvoir\n"
        + "3 Ibid., vol. 2237, nº 39574.\n"  # inside the sentence, which goes on after it
        + "la coopération³ ;\n"
        + "2. Décide de rester saisi de la question.\n"
    )
    assert list(units) == ["formula", "pp1", "pp2", "op1", "op2", "fn1", "fn2", "fn3"]
    assert units["pp1"] == "Rappelant sa résolution 2020/1 sur la traite des personnes,"
    assert units["pp2"].endswith("organisée et le Protocole additionnel,")
    assert units["op1"] == (
        "Prie les États Membres de ratifier la Convention et de promouvoir la coopération ;"
    )
    assert units["fn2"] == "Nations Unies, Recueil des Traités, vol. 2225, nº 39574."
    assert units["fn3"] == "Ibid., vol. 2237, nº 39574."


def test_numbered_lines_that_are_no_next_footnote_stay_text() -> None:
    units = _units(
        HEAD
        + "Rappelant sa résolution 2020/1 sur la traite des personnes,\n"
        + "5 Nations Unies, Recueil des Traités, vol. 2225.\n"  # no footnote 1 to 4 before it
        + "Réaffirmant la Convention,\n"
        + "1. Prie les États Membres de ratifier la Convention ;\n"
        + "2 Décide de rester saisi de la question.\n"  # op2 whose period OCR lost
    )
    assert list(units) == ["formula", "pp1", "pp2", "op1", "op2"]
    assert units["pp1"].endswith("personnes, 5 Nations Unies, Recueil des Traités, vol. 2225.")
    assert units["op2"] == "Décide de rester saisi de la question."


def test_a_footnote_after_a_footnote_goes_on_from_its_number() -> None:
    """Mid-page, ``2 Prie…`` after footnote 1 is the operative paragraph it reads as, and a
    line that ends on no full stop is no footnote."""
    units = _units(
        HEAD
        + "Rappelant sa résolution 2020/1¹,\n"
        + "1 Résolution 64/293 de l’Assemblée générale.\n"
        + "Réaffirmant la Convention,\n"
        + "2 Nations Unies, Recueil des Traités, vol. 2225,\n"
        + "1. Invite les États Membres à agir ;\n"
        + "2 Prie le Secrétaire général de lui faire rapport.\n"
        + "13e séance plénière\n22 juillet 2021\n"
    )
    assert list(units) == ["formula", "pp1", "pp2", "op1", "op2", "closing", "fn1"]
    assert (
        units["pp2"]
        == "Réaffirmant la Convention, 2 Nations Unies, Recueil des Traités, vol. 2225,"
    )
    assert units["op2"] == "Prie le Secrétaire général de lui faire rapport."
