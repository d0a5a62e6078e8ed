"""Sub-items of the preamble whose labels OCR or a copy lost or misread: tesseract reads
``f)`` as ``|`` (a speck that repair removes) or ``Î)``, and a paste can keep a list's items
one a paragraph with no letters. Each is read as the list's next item, by its place."""

from __future__ import annotations

import pytest

from resdiff import lang
from resdiff.normalize import repair
from resdiff.segment import segment

FRENCH_HEAD = (
    "Le Conseil économique et social,\n\nRappelant sa résolution 2020/1,\n\n"
    "Réaffirmant que le Plan d’action mondial a vocation à :\n\n"
)
ITEMS = [
    "promouvoir la ratification universelle de la Convention des Nations Unies,",
    "aider les États Membres à renforcer leur engagement politique,",
    "favoriser la coopération et la coordination entre toutes les parties concernées,",
]
FRENCH_TAIL = (
    "\n\nSe félicitant de l’action menée par les États Membres,\n\n1. Décide de rester saisi.\n"
)


def units(text: str, code: str = "fr") -> list[tuple[str, str, str | None, str]]:
    segmentation = segment(repair(text, code), lang.get(code))
    return [(u.id, u.kind.value, u.label, u.text) for u in segmentation.units]


def warnings(text: str, code: str = "fr") -> tuple[str, ...]:
    return segment(repair(text, code), lang.get(code)).warnings


@pytest.mark.parametrize(
    ("third_label", "warning"),
    [
        ("| ", "a paragraph in lower case without a label after pp2.b read as its sub-item "
               "pp2.c (and any such paragraphs after it as the next ones); OCR or a copy may "
               "have lost the labels (tesseract reads f) as |)"),
        ("Î) ", "the label Î) after pp2.b is no letter in sequence: read as sub-item pp2.c "
                "(its place in the list); OCR misread the letter"),
        ("F) ", "the label F) after pp2.b is no letter in sequence: read as sub-item pp2.c "
                "(its place in the list); OCR misread the letter"),
    ],
)  # fmt: skip
def test_a_misread_label_after_a_lettered_item_is_the_next_item(
    third_label: str, warning: str
) -> None:
    text = FRENCH_HEAD + f"a) {ITEMS[0]}\n\nb) {ITEMS[1]}\n\n{third_label}{ITEMS[2]}" + FRENCH_TAIL
    got = units(text)
    assert [(i, k) for i, k, _, _ in got] == [
        ("formula", "formula"), ("pp1", "preamble"), ("pp2", "preamble"),
        ("pp2.a", "subitem"), ("pp2.b", "subitem"), ("pp2.c", "subitem"),
        ("pp3", "preamble"), ("op1", "operative"),
    ]  # fmt: skip
    assert got[5][2:] == (None, ITEMS[2])
    assert warning in warnings(text)


def test_items_without_labels_one_a_paragraph_after_a_colon_are_its_sub_items() -> None:
    text = FRENCH_HEAD + "\n\n".join(ITEMS) + FRENCH_TAIL
    got = units(text)
    assert [(i, k, t) for i, k, _, t in got[3:6]] == [
        ("pp2.a", "subitem", ITEMS[0]),
        ("pp2.b", "subitem", ITEMS[1]),
        ("pp2.c", "subitem", ITEMS[2]),
    ]
    assert got[6][:2] == ("pp3", "preamble")
    said = [w for w in warnings(text) if "without a label" in w]
    assert said == [
        "a paragraph in lower case without a label after pp2 read as its sub-item pp2.a (and "
        "any such paragraphs after it as the next ones); OCR or a copy may have lost the "
        "labels (tesseract reads f) as |)"
    ]


def test_english_items_without_labels_after_a_colon() -> None:
    text = (
        "The Economic and Social Council,\n\nRecognizing that the Framework aims to:\n\n"
        "promote the universal ratification of the Convention;\n\n"
        "assist Member States, upon request, in strengthening their capacities;\n\n"
        "Welcoming the work of the Office,\n\n1. Requests the Secretary-General to report.\n"
    )
    assert [(i, k) for i, k, _, _ in units(text, "en")] == [
        ("formula", "formula"), ("pp1", "preamble"), ("pp1.a", "subitem"),
        ("pp1.b", "subitem"), ("pp2", "preamble"), ("op1", "operative"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        # A few words in lower case: the tail of the item above, set apart by the extraction.
        (f"a) {ITEMS[0]}\n\nb) {ITEMS[1]}\n\net le public,",
         ["pp1", "pp2", "pp2.a", "pp2.b", "pp3"]),
        # After a paragraph that ends with no colon, no list opens (it stays preambular).
        ("Notant la situation,\n\n" + ITEMS[0], ["pp1", "pp2", "pp3", "pp4", "pp5"]),
    ],
)  # fmt: skip
def test_no_item_without_a_list_to_go_on(body: str, ids: list[str]) -> None:
    got = [i for i, k, _, _ in units(FRENCH_HEAD + body + FRENCH_TAIL) if k != "operative"]
    assert got == ["formula", *ids]


def test_the_operative_part_keeps_its_lower_case_continuations() -> None:
    """In the operative part a paragraph in lower case goes on with the one above."""
    text = (
        "Le Conseil économique et social,\n\nRappelant sa résolution 2020/1,\n\n"
        "1. Prie les États Membres :\n\na) de ratifier la Convention ;\n\n"
        "de promouvoir la coopération entre toutes les parties concernées ;\n"
    )
    got = units(text)
    assert [i for i, *_ in got] == ["formula", "pp1", "op1", "op1.a"]
    assert got[-1][3].endswith("la coopération entre toutes les parties concernées ;")
